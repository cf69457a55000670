"""The PyTorch adapter's backend class: dtypes, devices, conversion, creation, reductions,
manipulation, indexing, sorting and the function transforms (``torch.func``, ``torch.compile``);
errors translated to arrayshim's."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch

from arrayshim.backend_api import (
    CPU,
    ArrayshimTypeError,
    ArrayshimValueError,
    Device,
    DeviceError,
    DType,
    ScalarCache,
    as_int64,
    exact_float_range,
    message,
    unsupported_dtype,
)

from .cuda import GAPS, CudaRefusal, gpu_kernel, matmul_integer, unsigned_where
from .dtypes import _FROM_NP, _FROM_TORCH, _NP, _SCALARS, _SIGN_BIT, _SIGNED, _TORCH
from .emulations import _reduce
from .extensions import TorchExtensions
from .indexing import _is_basic, _native_key, _split_negative_steps
from .kernels import _kernel
from .sorting import _from_order_key, _order_key, _search_key

_DLPACK_CPU = 1  # DLPack's kDLCPU
_INTEGER_MATMUL = frozenset(_TORCH[t] for t in GAPS["matmul"])

# -- errors ----------------------------------------------------------------------------------
_TYPE_TEXT = re.compile(
    r"not implemented for|can't be cast|expected scalar type|must have the same dtype"
)
_SHAPE_TEXT = re.compile(r"size|shape|dimension|cannot be multiplied|broadcast", re.IGNORECASE)


class TorchBackend(TorchExtensions):
    name = "torch"
    native_types = (torch.Tensor,)
    mutable = True
    checks_index_bounds = False  # the frontend checks: a CUDA kernel would device-assert
    real_input_fft = True
    max_dimensions = 64  # torch allows more, but NumPy conversion (__array__, to_numpy) does not
    device_gaps = {"gpu": GAPS}  # cuda.py: what CUDA lacks, as a real GPU run showed

    def __init__(self) -> None:
        self._devices: list[Device] | None = None
        self._targets: dict[Device, torch.device] = {CPU: torch.device("cpu")}
        self._cpu_is_cuda = False  # ARRAYSHIM_SIMULATE=gpu
        self._scalars = ScalarCache()  # Python scalars already made into 0-d tensors

    def simulate(self, kind: str) -> bool:
        if kind != "gpu":
            return False
        self._cpu_is_cuda = True
        return True

    def placement(self, device: Device) -> Any:
        if not self._cpu_is_cuda or device is not CPU or torch.compiler.is_compiling():
            return None  # dynamo cannot trace a dispatch mode
        return CudaRefusal()

    def _on_cuda(self, x: torch.Tensor) -> bool:
        """True for a tensor on a CUDA device, or on the CPU acting as one."""
        return x.is_cuda or self._cpu_is_cuda

    def version(self) -> str:
        return str(torch.__version__)

    # -- dtypes and shapes ---------------------------------------------------------------------
    def native_dtype(self, dtype: DType) -> torch.dtype:
        return _TORCH[dtype]

    def dtype_of(self, x: torch.Tensor) -> DType:
        try:
            return _FROM_TORCH[x.dtype]
        except KeyError:
            raise unsupported_dtype("a tensor", x.dtype) from None

    def shape_of(self, x: torch.Tensor) -> tuple[int, ...]:
        return x.shape  # a torch.Size: a tuple

    # -- devices -------------------------------------------------------------------------------
    def devices(self) -> list[Device]:
        if self._devices is None:
            gpus = [Device("gpu", i) for i in range(torch.cuda.device_count())]
            self._targets.update({gpu: torch.device("cuda", gpu.index) for gpu in gpus})
            self._devices = [CPU, *gpus]
        return list(self._devices)

    def device_of(self, x: torch.Tensor) -> Device:
        if x.is_cpu:
            return CPU
        dev = x.device
        return Device("gpu" if dev.type == "cuda" else dev.type, dev.index or 0)

    def _target(self, device: Device) -> torch.device:
        """The torch device for ``device``."""
        found = self._targets.get(device)
        if found is None:
            if device not in self.devices():
                raise DeviceError(
                    message(
                        "to_device",
                        "device",
                        "a device of backend 'torch': " + ", ".join(map(str, self.devices())),
                        str(device),
                    )
                )
            found = self._targets[device]
        return found

    def to_device(self, x: torch.Tensor, device: Device) -> torch.Tensor:
        return x.to(self._target(device))

    # -- conversion ----------------------------------------------------------------------------
    def asarray(self, obj: Any, dtype: DType, device: Device, copy: bool | None) -> torch.Tensor:
        tdt = _TORCH[dtype]
        if isinstance(obj, torch.Tensor):
            if obj.dtype == tdt and self.device_of(obj) is device:
                return obj.clone() if copy else obj
            if copy is False:
                raise ArrayshimValueError(
                    message(
                        "asarray",
                        "copy",
                        "True or None when changing dtype or device",
                        "copy=False",
                    )
                )
            return obj.to(device=self._target(device), dtype=tdt)
        if isinstance(obj, (np.ndarray, np.generic)):
            return self._from_numpy(np.asarray(obj), dtype, device, copy)
        if copy is False:
            raise ArrayshimValueError(
                message(
                    "asarray",
                    "copy",
                    "True or None for Python data (it must be copied)",
                    "copy=False",
                )
            )
        if type(obj) in _SCALARS:
            try:
                return torch.scalar_tensor(obj, dtype=tdt, device=self._target(device))
            except (RuntimeError, TypeError):  # beyond the dtype's range: NumPy's cast below
                pass
        # nested sequences (of scalars or arrays): NumPy's conversion, which truncates floats
        # into integer dtypes as NumPy does
        return self._from_numpy(np.array(obj, dtype=_NP[dtype]), dtype, device, None)

    def scalar_operand(self, value: Any, dtype: DType, device: Device) -> torch.Tensor:
        if torch.compiler.is_compiling():
            # neither kept (fake tensors) nor looked up: a lookup would guard the cache, and
            # every later entry would make torch.compile recompile the caller's function
            return self.asarray(value, dtype, device, None)
        # inference tensors are not kept (autograd could not save them for backward later)
        keep = not torch.is_inference_mode_enabled()
        return self._scalars.get(
            value, dtype, device, lambda: self.asarray(value, dtype, device, None), keep
        )

    def _from_numpy(
        self, arr: np.ndarray, dtype: DType, device: Device, copy: bool | None
    ) -> torch.Tensor:
        """A tensor from a NumPy array, sharing its memory where dtype, device, strides and
        ``copy`` allow (torch has no read-only tensors: a read-only array is copied)."""
        np_dtype = _NP[dtype]
        shareable = (
            arr.dtype == np_dtype
            and arr.flags.writeable
            and all(s >= 0 and s % arr.itemsize == 0 for s in arr.strides)
        )
        if copy is False and not (shareable and device is CPU):
            raise ArrayshimValueError(
                message(
                    "asarray",
                    "copy",
                    "True or None (this array cannot be shared with a torch tensor: it needs a "
                    "new dtype, device or layout, or is read-only)",
                    "copy=False",
                )
            )
        if not shareable or (copy and device is CPU):
            arr = np.array(arr, dtype=np_dtype, order="C")
        t = torch.from_numpy(arr)
        return t if device is CPU else t.to(self._target(device))

    def to_numpy(self, x: torch.Tensor) -> np.ndarray:
        return x.numpy(force=True)  # detached, conjugation resolved, copied to host if needed

    def from_dlpack(self, x: Any, device: Device | None, copy: bool | None) -> torch.Tensor:
        if isinstance(x, torch.Tensor):
            return self.asarray(x, self.dtype_of(x), device or self.device_of(x), copy)
        if (
            isinstance(x, np.ndarray) and x.dtype in _FROM_NP
        ):  # torch aborts the process on negative strides
            return self._from_numpy(x, _FROM_NP[x.dtype], device or CPU, copy)
        return torch.from_dlpack(
            x, device=None if device is None else self._target(device), copy=copy
        )

    def dlpack(
        self, x: torch.Tensor, stream: Any, max_version: Any, dl_device: Any, copy: bool | None
    ) -> Any:
        if dl_device is not None and x.is_cuda and int(dl_device[0]) == _DLPACK_CPU:
            # a consumer on the host (np.from_dlpack(x, device="cpu")): the standard's copy
            if copy is False:
                raise BufferError(
                    message(
                        "Array.__dlpack__",
                        "copy",
                        "True or None to export a GPU array to the host (it must be copied)",
                        f"copy=False for an array on {self.device_of(x)}",
                    )
                )
            x, dl_device, copy, stream = x.cpu(), None, None, None  # .cpu() synchronises
        kwargs: dict[str, Any] = {
            k: v
            for k, v in (
                ("stream", stream),
                ("max_version", max_version),
                ("dl_device", dl_device),
                ("copy", copy),
            )
            if v is not None
        }
        return x.detach().resolve_conj().resolve_neg().__dlpack__(**kwargs)

    def dlpack_device(self, x: torch.Tensor) -> tuple[int, int]:
        kind, index = x.__dlpack_device__()
        return int(kind), int(index)

    # -- creation ------------------------------------------------------------------------------
    def full(
        self, shape: tuple[int, ...], fill_value: Any, dtype: DType, device: Device
    ) -> torch.Tensor:
        tdt, target = _TORCH[dtype], self._target(device)
        try:
            return torch.full(shape, fill_value, dtype=tdt, device=target)
        except RuntimeError:  # a float beyond the dtype's range: NumPy's cast gives inf
            return torch.full(
                shape, np.array(fill_value, dtype=_NP[dtype]).item(), dtype=tdt, device=target
            )

    def empty(self, shape: tuple[int, ...], dtype: DType, device: Device) -> torch.Tensor:
        return torch.empty(shape, dtype=_TORCH[dtype], device=self._target(device))

    def arange(self, start: Any, step: Any, num: int, dtype: DType, device: Device) -> torch.Tensor:
        target = self._target(device)
        if exact_float_range(start, step, num, dtype):
            return torch.arange(start, start + num * step, step, dtype=_TORCH[dtype], device=target)
        if dtype.kind in "iu" and type(start) is int and type(step) is int:
            # int64 arithmetic wraps modulo 2**64, so uint64 values from 2**63 on come out right
            values = (
                torch.arange(num, dtype=torch.int64, device=target)
                .mul_(as_int64(step))
                .add_(as_int64(start))
            )
        else:
            values = (
                torch.arange(num, dtype=torch.float64, device=target)
                .mul_(float(step))
                .add_(float(start))
            )
        return values.to(_TORCH[dtype])

    def linspace(
        self, start: Any, stop: Any, num: int, endpoint: bool, dtype: DType, device: Device
    ) -> torch.Tensor:
        """NumPy's algorithm (``torch.linspace`` rounds differently): ``start + i * step`` in
        float64 (complex128), the last value set to ``stop`` when ``endpoint``, then cast."""
        complex_ = dtype.kind == "c"
        work = np.complex128 if complex_ else np.float64
        start, stop = work(start), work(stop)  # NumPy scalars: NumPy's complex division
        div = num - 1 if endpoint else num
        delta = stop - start
        y = torch.arange(num, dtype=torch.float64, device=self._target(device))
        if complex_:
            y = y.to(torch.complex128)
        py: Any = complex if complex_ else float
        # in place: one float64 buffer (2^20 elements: 3 allocations of 8 MB saved)
        if div > 0:
            step = delta / div
            y = y.mul_(py(step)) if step != 0 else y.div_(div).mul_(py(delta))
        else:
            y = y.mul_(py(delta))
        y = y.add_(py(start))
        if endpoint and num > 1:
            y[-1] = py(stop)
        return y.to(_TORCH[dtype])

    def eye(self, n_rows: int, n_cols: int, k: int, dtype: DType, device: Device) -> torch.Tensor:
        tdt = _TORCH[dtype]
        if k == 0 and tdt not in _SIGNED:  # torch's own (none for uint16/32/64): one pass
            return torch.eye(n_rows, n_cols, dtype=tdt, device=self._target(device))
        out = torch.zeros((n_rows, n_cols), dtype=tdt, device=self._target(device))
        out.diagonal(k).fill_(1)
        return out

    def astype(self, x: torch.Tensor, dtype: DType, copy: bool) -> torch.Tensor:
        return x.to(_TORCH[dtype], copy=copy)

    # -- elementwise ---------------------------------------------------------------------------
    def kernel(self, name: str, dtype: DType) -> Callable | None:
        return _kernel(name, dtype)

    def device_kernel(self, name: str, dtype: DType, kind: str) -> Callable | None:
        return gpu_kernel(name, dtype) if kind == "gpu" else None

    def where(self, condition: torch.Tensor, x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        out = unsigned_where(condition, x1, x2)
        return torch.where(condition, x1, x2) if out is None else out

    def frequencies(
        self, n: int, d: float, half: bool, dtype: DType, device: Device
    ) -> torch.Tensor | None:
        tdt = _TORCH[dtype]
        if tdt == torch.float16 or (tdt == torch.float32 and n > 2**24):
            # float16 products are taken in float32 with the unrounded scale, and float32
            # integers past 2**24 round: the composition keeps NumPy's values there
            return None
        # arange in the dtype, the upper part made negative, times 1.0 / (n * d) (a double,
        # rounded to float32 for float32 as a weak scalar is): the frontend's composition
        fn = torch.fft.rfftfreq if half else torch.fft.fftfreq
        return fn(n, d, dtype=tdt, device=self._target(device))

    def isin(self, x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor | None:
        if x1.dtype == torch.bool or x1.dtype in _SIGNED or x1.is_complex():
            return None  # no kernels for bool, uint16/32/64 or complex: the frontend searches
        return torch.isin(x1, x2)  # NaN is in nothing; -0.0 equals 0.0, as NumPy's

    def unique(self, x: torch.Tensor, index: bool, inverse: bool, counts: bool) -> tuple | None:
        if x.dtype in _SIGNED or x.dtype.is_complex:
            return None  # no kernels for uint16/32/64 on every device
        # with both inverse and counts torch takes its sort-based path (without: up to 10x slower)
        values, inv, cnt = torch.unique(x, sorted=True, return_inverse=True, return_counts=True)
        if (index or inverse) and values.is_floating_point() and values.numel():
            if bool(torch.isnan(values[-1])):  # NaN sorts last: NaNs, in torch's order
                return None  # (each NaN is its own value; the composition keeps their order)
        first = None
        if index:  # the smallest position of each value: one scatter over the inverse
            n = x.shape[0]
            first = torch.full(values.shape, n, dtype=torch.int64, device=x.device)
            positions = torch.arange(n, device=x.device)
            first = first.scatter_reduce_(0, inv, positions, "amin")
        return values, first, inv if inverse else None, cnt if counts else None

    def diagonal_sum(self, x: torch.Tensor, offset: int, dtype: DType) -> torch.Tensor | None:
        tdt = _TORCH[dtype]
        if tdt in _SIGNED or x.dtype in _SIGNED:
            return None  # no sum kernels for uint16/32/64 on every device
        return torch.diagonal(x, offset, -2, -1).sum(-1, dtype=tdt)

    def take(
        self, x: torch.Tensor, indices: torch.Tensor, axis: int, along: bool
    ) -> tuple[torch.Tensor, bool] | None:
        if indices.dtype == torch.uint64:
            return None  # int64 would wrap indices past 2**63 into range
        signed = _SIGNED.get(x.dtype)  # moves elements only: the signed view where kernels lack
        if signed is not None:
            found = self.take(x.view(signed), indices, axis, along)
            return None if found is None else (found[0].view(x.dtype), found[1])
        idx = indices if indices.dtype == torch.int64 else indices.long()
        if x.is_cpu and idx.is_cpu:  # the CPU kernels check [0, n) themselves (a GPU's assert)
            try:
                r = _gathered(x, idx, axis, along)
                if r.numel() or not idx.numel():  # (an empty result checked no index)
                    return r, True
            except (RuntimeError, IndexError):
                pass  # a negative index, or one out of range
        n = x.shape[axis]
        if idx.numel():  # one pass for the bounds; negative indices only where there are some
            lo, hi = (int(v) for v in torch.aminmax(idx))
            if lo < -n or hi >= n:
                return x, False
            if lo < 0:
                idx = torch.where(idx < 0, idx + n, idx)
        return _gathered(x, idx, axis, along), True

    def unstack(self, x: torch.Tensor, axis: int) -> tuple[torch.Tensor, ...]:
        return torch.unbind(x, axis)

    def roll(self, x: torch.Tensor, shifts: tuple[int, ...], axes: tuple[int, ...]) -> torch.Tensor:
        signed = _SIGNED.get(x.dtype)  # moves bits only: the signed view where kernels lack
        if signed is not None:
            return torch.roll(x.view(signed), shifts, axes).view(x.dtype)
        return torch.roll(x, shifts, axes)

    def truth(
        self, name: str, x: torch.Tensor, axis: tuple[int, ...] | None, keepdims: bool
    ) -> torch.Tensor | None:
        if x.dtype in _SIGNED or x.dtype.is_complex:
            return None  # no kernels for uint16/32/64 on every device
        fn = torch.any if name == "any" else torch.all
        return fn(x) if axis is None and not keepdims else fn(x, dim=axis, keepdim=keepdims)

    def diff(self, x: torch.Tensor, n: int, axis: int) -> torch.Tensor | None:
        if x.dtype in _SIGNED or x.dtype.is_complex:
            # no sub kernels for uint16/32/64 on every device; complex subtraction is done per
            # part by arrayshim's kernel (torch's gives inf - inf parts NaN in the other part)
            return None
        return torch.diff(x, n, axis)

    def triangle(self, x: torch.Tensor, k: int, lower: bool) -> torch.Tensor | None:
        if x.dtype in _SIGNED:
            return None  # no kernels for uint16/32/64
        return torch.tril(x, k) if lower else torch.triu(x, k)

    def tensordot(
        self,
        x1: torch.Tensor,
        x2: torch.Tensor,
        axes1: tuple[int, ...],
        axes2: tuple[int, ...],
    ) -> torch.Tensor | None:
        if not (x1.dtype.is_floating_point or x1.dtype.is_complex):
            return None  # integers: CUDA has no integer mm (the frontend's matmul emulates it)
        return torch.tensordot(x1, x2, (list(axes1), list(axes2)))

    def vecdot(self, x1: torch.Tensor, x2: torch.Tensor, axis: int) -> torch.Tensor | None:
        if not (x1.dtype.is_floating_point or x1.dtype.is_complex):
            return None  # torch.linalg.vecdot takes floating dtypes only
        return torch.linalg.vecdot(x1, x2, dim=axis)

    def vector_norm(
        self, x: torch.Tensor, axis: tuple[int, ...] | None, keepdims: bool, ord: float
    ) -> torch.Tensor:
        if ord == 2 and axis is None and not keepdims:  # torch's defaults: ~0.7 µs less
            return torch.linalg.vector_norm(x)
        return torch.linalg.vector_norm(x, ord=ord, dim=axis, keepdim=keepdims)

    def matrix_norm(self, x: torch.Tensor, ord: str | float, keepdims: bool) -> torch.Tensor:
        if ord == "fro" and not keepdims:  # torch's defaults: ~1 µs less
            return torch.linalg.matrix_norm(x)
        return torch.linalg.matrix_norm(x, ord=ord, keepdim=keepdims)

    def count_nonzero(
        self, x: torch.Tensor, axis: tuple[int, ...] | None, keepdims: bool
    ) -> torch.Tensor | None:
        if x.dtype in _SIGNED or x.dtype.is_complex:
            return None  # no kernels for uint16/32/64
        if keepdims:
            return None  # torch.count_nonzero has no keepdim: the frontend sums a mask
        return torch.count_nonzero(x, dim=axis)

    def clip(
        self, x: torch.Tensor, lo: torch.Tensor | None, hi: torch.Tensor | None
    ) -> torch.Tensor | None:
        if x.dtype not in _CLAMP_DTYPES:  # no clamp kernels for uint16/32/64 on every device
            return None
        if x.is_cpu and all(b is None or b.ndim == 0 for b in (lo, hi)):
            # 0-d bounds as numbers: clamp's kernel for tensor bounds is ~5x slower
            return torch.clamp(x, *(None if b is None else b.item() for b in (lo, hi)))
        return torch.clamp(x, lo, hi)

    def clip_numbers(
        self, x: torch.Tensor, lo: int | float | None, hi: int | float | None
    ) -> torch.Tensor | None:
        if x.dtype not in _CLAMP_NUMBER_DTYPES:
            return None
        return torch.clamp(x, lo, hi)  # numbers: no 0-d tensors to make, nor to read back

    def einsum(self, subscripts: str, operands: Sequence[torch.Tensor]) -> torch.Tensor | None:
        dtype = operands[0].dtype
        if dtype == torch.bool or dtype in _SIGNED:
            return None  # no kernels: the frontend contracts with matmul
        if not (dtype.is_floating_point or dtype.is_complex) and self._on_cuda(operands[0]):
            return None  # no integer matrix products on CUDA: matmul's exact emulation
        return torch.einsum(subscripts, *operands)

    # -- reductions ----------------------------------------------------------------------------
    def reduce(
        self, name: str, x: torch.Tensor, axis: tuple[int, ...] | None, keepdims: bool, dtype: DType
    ) -> torch.Tensor:
        tdt = _TORCH[dtype]
        if x.dtype != tdt:
            x = x.to(tdt)
        if axis == ():  # torch reads an empty dim list as "all axes"
            return x.clone()
        if name == "mean":
            if x.is_complex():
                return _complex_mean(x, axis, keepdims)
            if axis is None and not keepdims:  # the same kernel; its dim arguments cost ~2 µs
                return torch.mean(x)
            return torch.mean(x, dim=axis, keepdim=keepdims)
        signed = _SIGNED.get(tdt)
        if signed is None:
            return _reduce(name, x, axis, keepdims)
        # torch lacks these kernels for uint16/32/64: sums and products modulo 2**bits are the
        # same bits signed, and with the sign bit flipped signed order is unsigned order
        if name in ("sum", "prod"):
            return _reduce(name, x.view(signed), axis, keepdims).view(tdt)
        sign = _SIGN_BIT[signed]
        return (_reduce(name, x.view(signed) ^ sign, axis, keepdims) ^ sign).view(tdt)

    def var(
        self, x: torch.Tensor, axis: tuple[int, ...] | None, correction: float, keepdims: bool
    ) -> torch.Tensor:
        if axis == ():  # each element on its own (torch reads an empty dim list as "all axes")
            return torch.var(x.unsqueeze(-1), dim=-1, correction=correction)
        if axis is None and not keepdims:  # no dim arguments: ~1 µs less
            return torch.var(x, correction=correction)
        return torch.var(x, dim=axis, correction=correction, keepdim=keepdims)

    # -- linear algebra and manipulation --------------------------------------------------------
    def matmul(self, x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        if x1.dtype in _INTEGER_MATMUL and self._on_cuda(x1):
            return matmul_integer(x1, x2)  # CUDA has no integer matmul
        signed = _SIGNED.get(x1.dtype)
        if signed is not None:  # products and sums modulo 2**bits are the same bits signed
            return torch.matmul(x1.view(signed), x2.view(signed)).view(x1.dtype)
        return torch.matmul(x1, x2)

    def reshape(self, x: torch.Tensor, shape: tuple[int, ...], copy: bool | None) -> torch.Tensor:
        if copy:
            return x.clone(memory_format=torch.contiguous_format).view(shape)
        if copy is False:
            try:
                return x.view(shape)
            except RuntimeError:
                raise ArrayshimValueError(
                    message(
                        "reshape", "copy", "True or None (this reshape needs a copy)", "copy=False"
                    )
                ) from None
        return torch.reshape(x, shape)

    def permute_dims(self, x: torch.Tensor, axes: tuple[int, ...]) -> torch.Tensor:
        return torch.permute(x, axes)

    def concat(self, xs: Sequence[torch.Tensor], axis: int) -> torch.Tensor:
        return torch.cat(list(xs), dim=axis)

    def stack(self, xs: Sequence[torch.Tensor], axis: int) -> torch.Tensor:
        return torch.stack(list(xs), dim=axis)

    def broadcast_to(self, x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
        return torch.broadcast_to(x, shape)

    # -- indexing ------------------------------------------------------------------------------
    def getitem(self, x: torch.Tensor, key: tuple) -> torch.Tensor:
        if _is_basic(key):
            return x[key]
        signed = _SIGNED.get(x.dtype)
        if len(key) == 1 and signed is None:
            k = key[0]
            if type(k) is torch.Tensor and k.dtype == torch.bool and k.ndim:
                return x[k]  # one mask of 1+ dimensions: torch's indexing is NumPy's
        if signed is not None:  # torch lacks some indexing kernels for uint16/32/64
            return self.getitem(x.view(signed), key).view(x.dtype)
        split = _split_negative_steps(x, key)
        if split is not None:
            outer, flips, key = split
            x = x[outer].flip(flips)
        x, key = _native_key(x, key)
        return x[key]

    def setitem(self, x: torch.Tensor, key: tuple, value: torch.Tensor) -> torch.Tensor:
        if _is_basic(key):
            x[key] = value
            return x
        signed = _SIGNED.get(x.dtype)
        if signed is not None:  # torch lacks some indexing kernels for uint16/32/64
            self.setitem(x.view(signed), key, value.view(signed))
            return x
        split = _split_negative_steps(x, key)
        if split is None:
            target, key = _native_key(x, key)  # x or a view of it
            target[key] = value
            return x
        outer, flips, key = split
        region = x[outer]  # a view of x
        flipped = region.flip(flips)  # a copy, in the key's order
        target, key = _native_key(flipped, key)
        target[key] = value
        region.copy_(flipped.flip(flips))
        return x

    # -- errors --------------------------------------------------------------------------------
    def synchronize(self, device: Device) -> None:
        if device.kind == "gpu":
            torch.cuda.synchronize(device.index)

    def translate_error(self, func: str, exc: Exception) -> Exception:
        # torch raises RuntimeError (NotImplementedError for a dtype without a kernel)
        if not isinstance(exc, RuntimeError) or isinstance(exc, torch.OutOfMemoryError):
            return super().translate_error(func, exc)
        text = str(exc).strip()
        if _TYPE_TEXT.search(text):
            cls: type[Exception] = ArrayshimTypeError
        elif _SHAPE_TEXT.search(text):
            cls = ArrayshimValueError
        else:
            return exc
        return cls(
            f"arrayshim.{func}() failed on backend {self.name!r}: {type(exc).__name__}: {text}"
        )

    # -- searching, sorting, cumulative sums, repetition ----------------------------------------
    # torch sorts NaN as the largest value (NumPy's order) and keeps ties in order with
    # stable=True; it lacks argmax/searchsorted/repeat_interleave kernels for bool and
    # uint16/32/64, which run on an order-preserving key (_order_key)
    def argsort(self, x: torch.Tensor, axis: int, descending: bool) -> torch.Tensor:
        return torch.sort(_order_key(x), dim=axis, descending=descending, stable=True).indices

    def sort(self, x: torch.Tensor, axis: int, descending: bool) -> torch.Tensor:
        return _from_order_key(
            torch.sort(_order_key(x), dim=axis, descending=descending, stable=True).values, x.dtype
        )

    def arg_extremum(self, name: str, x: torch.Tensor, axis: int) -> torch.Tensor:
        fn = torch.argmax if name == "argmax" else torch.argmin  # the first NaN, as NumPy
        return fn(_order_key(x), dim=axis)

    def nonzero(self, x: torch.Tensor) -> tuple[torch.Tensor, ...]:
        signed = _SIGNED.get(x.dtype)
        return torch.nonzero(x if signed is None else x.view(signed), as_tuple=True)

    def searchsorted(self, x1: torch.Tensor, x2: torch.Tensor, side: str) -> torch.Tensor:
        right = side == "right"
        if (
            x1.is_floating_point()
            and x1.is_cpu
            and not self.is_traced(x1)
            and not self.is_traced(x2)
            and not (torch.isnan(x1).any() or torch.isnan(x2).any())
        ):  # no NaN (reading that costs a sync on a GPU, so only on the CPU): torch's own
            return torch.searchsorted(x1, x2, right=right)
        # torch's binary search compares with `<`, which NaN breaks: search on integer keys
        return torch.searchsorted(_search_key(x1), _search_key(x2), right=right)

    def cumulative(self, name: str, x: torch.Tensor, axis: int, dtype: DType) -> torch.Tensor:
        fn = torch.cumsum if name == "sum" else torch.cumprod
        # dtype= always: without it torch accumulates every integer dtype in int64, which the
        # result would keep (and ``.view`` of it would read as 4 or 2 times as many elements)
        if x.is_floating_point() or x.is_complex():  # their own dtype already: ~0.5 µs less
            return fn(x, axis)
        signed = _SIGNED.get(x.dtype)
        if signed is not None:  # sums and products modulo 2**bits are the same bits signed
            return fn(x.view(signed), dim=axis, dtype=signed).view(x.dtype)
        return fn(x, dim=axis, dtype=x.dtype)

    def repeat(self, x: torch.Tensor, repeats: torch.Tensor, axis: int) -> torch.Tensor:
        signed = _SIGNED.get(x.dtype)
        if signed is not None:
            return torch.repeat_interleave(x.view(signed), repeats, dim=axis).view(x.dtype)
        return torch.repeat_interleave(x, repeats, dim=axis)

    def conj(self, x: torch.Tensor) -> torch.Tensor:
        return torch.conj_physical(x)

    def complex_parts(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = x.resolve_conj()
        return x.real, x.imag

    def complex_from_parts(self, real: torch.Tensor, imag: torch.Tensor) -> torch.Tensor:
        return torch.complex(real, imag)

    # -- sorting and function transforms (torch.func, torch.compile) -------------------------------
    def is_compiling(self) -> bool:
        return torch.compiler.is_compiling()

    def is_traced(self, x: torch.Tensor) -> bool:
        # values cannot be read while dynamo traces, nor from torch.func's wrapped tensors
        return torch.compiler.is_compiling() or torch._C._functorch.is_functorch_wrapped_tensor(x)

    def value_and_grad(
        self, fn: Callable, args: Sequence[Any], argnums: tuple[int, ...]
    ) -> tuple[Any, Any, tuple[Any, ...]]:
        f = _cloning(fn)
        held: dict[str, Any] = {}

        def split_aux(*xs: Any) -> Any:  # torch.func's aux may hold tensors only
            value, aux = f(*xs)
            held["leaves"], held["spec"] = torch.utils._pytree.tree_flatten(aux)
            return value, [x for x in held["leaves"] if isinstance(x, torch.Tensor)]

        grads, (value, tensors) = torch.func.grad_and_value(
            split_aux, argnums=argnums, has_aux=True
        )(*args)
        found = iter(tensors)
        leaves = [next(found) if isinstance(x, torch.Tensor) else x for x in held["leaves"]]
        return value, torch.utils._pytree.tree_unflatten(leaves, held["spec"]), tuple(grads)

    def jacobian(
        self, fn: Callable, args: Sequence[Any], argnums: tuple[int, ...], batched: bool
    ) -> tuple[Any, ...]:
        f = _cloning(fn)
        if not batched:
            return tuple(torch.func.jacrev(f, argnums=argnums)(*args))
        # examples are independent: the Jacobian of the sum over the batch holds every block
        jac = torch.func.jacrev(lambda *xs: f(*xs).sum(0), argnums=argnums)(*args)
        return tuple(j.movedim(j.ndim - args[i].ndim, 0) for j, i in zip(jac, argnums, strict=True))

    def jit(self, fn: Callable, options: dict) -> Callable:
        return torch.compile(fn, **options)

    def vmap(self, fn: Callable, args: Sequence[Any], axes: Sequence[int | None]) -> Any:
        return tuple(torch.func.vmap(fn, in_dims=tuple(axes))(*args))


def _gathered(x: torch.Tensor, idx: torch.Tensor, axis: int, along: bool) -> torch.Tensor:
    """take (``along``: take_along_axis) with int64 indices, on the CPU checked to be in
    ``[0, n)`` (``gather``, ``index_select``; ``take_along_dim`` would wrap them)."""
    if along:  # the other axes broadcast (same ndim, sizes equal or 1: checked by the caller)
        if x.shape != idx.shape:
            base = [p if q == 1 else q for p, q in zip(x.shape, idx.shape, strict=True)]
            base[axis] = x.shape[axis]
            x = x.expand(base)
            base[axis] = idx.shape[axis]
            idx = idx.expand(base)
        return torch.gather(x, axis, idx)
    if idx.ndim == 1:
        return torch.index_select(x, axis, idx)
    shape = x.shape[:axis] + idx.shape + x.shape[axis + 1 :]
    return torch.index_select(x, axis, idx.reshape(-1)).reshape(shape)


#: the dtypes with torch.clamp kernels on every device: its values are maximum-then-minimum's
#: (floats: a zero result may take the other sign, which the standard leaves open)
_CLAMP_DTYPES = frozenset(
    {
        torch.int8,
        torch.int16,
        torch.int32,
        torch.int64,
        torch.uint8,
        torch.float16,
        torch.float32,
        torch.float64,
    }
)

#: clamp with number bounds compares in the dtype itself (half types compare in float32)
_CLAMP_NUMBER_DTYPES = _CLAMP_DTYPES - {torch.float16}


def _complex_mean(x: torch.Tensor, axis: tuple[int, ...] | None, keepdims: bool) -> torch.Tensor:
    """NumPy's complex mean on every device: the sum of the real and imaginary parts
    (``torch.view_as_real``), then NumPy's complex division by ``n + 0j`` (Smith's, which with
    a zero imaginary divisor is ``(re + im * 0) / n``, ``(im - re * 0) / n``), so that a NaN or
    infinite part spreads as in NumPy: ``mean([nan+0j, 1+0j])`` is ``nan+nanj``. torch's CPU
    kernel gives that too; CUDA's means the parts separately (``nan+0j``)."""
    dims = tuple(range(x.ndim)) if axis is None else tuple(a % x.ndim for a in axis)
    if not dims:  # a 0-d array: torch would read () as every axis of the parts too
        return x.clone()
    parts = torch.view_as_real(x.resolve_conj())
    total = torch.sum(parts, dim=dims, keepdim=keepdims)
    count = math.prod(x.shape[d] for d in dims)
    re, im = total[..., 0], total[..., 1]
    scale = 1.0 / count if count else math.inf  # NumPy multiplies by 1/n; 0/0 is NaN
    return torch.complex((re + im * 0.0) * scale, (im - re * 0.0) * scale)


def _cloning(fn: Callable) -> Callable:
    """``fn`` called on copies of its tensor arguments: arrayshim's ``x[i] = v`` writes in place,
    which must neither change the caller's arrays nor a tensor torch.func differentiates."""

    def cloned(*xs: Any) -> Any:
        return fn(*(x.clone() if isinstance(x, torch.Tensor) else x for x in xs))

    return cloned
