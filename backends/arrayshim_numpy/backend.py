"""The NumPy adapter's backend class. NumPy *is* the reference, so most kernels are NumPy's own
ufuncs (``kernels.py``); ``linalg`` and ``fft`` are in ``extensions.py``."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any, Literal, cast

import numpy as np

from arrayshim.backend_api import (
    CPU,
    ArrayshimValueError,
    Device,
    DeviceError,
    DType,
    exact_float_range,
    message,
    unsupported_dtype,
)
from arrayshim.backend_api import dtypes as d

from .extensions import NumpyExtensions
from .kernels import (
    _BY_KIND,
    _COMPLEX_SPECIAL,
    _FROM_NP,
    _NP,
    _REDUCE,
    _UFUNCS,
    _floor_divide_float,
    _log1p_complex64,
    _nextafter_half,
)


class NumpyBackend(NumpyExtensions):
    name = "numpy"
    native_types = (np.ndarray, np.generic)
    mutable = True
    checks_index_bounds = True
    real_input_fft = True
    max_dimensions = 64

    def version(self) -> str:
        return np.__version__

    def native_dtype(self, dtype: DType) -> Any:
        return _NP[dtype]

    def dtype_of(self, x: Any) -> DType:
        try:
            return _FROM_NP[x.dtype]
        except KeyError:
            raise unsupported_dtype("a NumPy array", x.dtype) from None

    def shape_of(self, x: Any) -> tuple[int, ...]:
        return x.shape

    def native_of(self, array: Any) -> np.ndarray:
        n = super().native_of(array)
        # ufuncs return NumPy scalars for 0-d results
        return n if type(n) is np.ndarray else np.asarray(n)

    def devices(self) -> list[Device]:
        return [CPU]

    def device_of(self, x: Any) -> Device:
        return CPU

    def to_device(self, x: Any, device: Device) -> Any:
        if device is not CPU:
            raise DeviceError(
                message("to_device", "device", "a device of backend 'numpy': cpu", str(device))
            )
        return x

    def asarray(self, obj: Any, dtype: DType, device: Device, copy: bool | None) -> Any:
        if copy is False and not isinstance(obj, np.ndarray):
            raise ArrayshimValueError(
                message(
                    "asarray",
                    "copy",
                    "True or None for Python data (it must be copied)",
                    "copy=False",
                )
            )
        return np.array(obj, dtype=_NP[dtype], copy=copy)

    def to_numpy(self, x: Any) -> np.ndarray:
        return np.asarray(x)

    def from_dlpack(self, x: Any, device: Device | None, copy: bool | None) -> Any:
        return np.from_dlpack(x, copy=copy)

    def dlpack(
        self, x: Any, stream: Any, max_version: Any, dl_device: Any, copy: bool | None
    ) -> Any:
        kwargs: dict[str, Any] = {
            k: v
            for k, v in (("max_version", max_version), ("dl_device", dl_device), ("copy", copy))
            if v is not None
        }
        return np.asarray(x).__dlpack__(stream=stream, **kwargs)

    def dlpack_device(self, x: Any) -> tuple[int, int]:
        return np.asarray(x).__dlpack_device__()

    def full(self, shape: tuple[int, ...], fill_value: Any, dtype: DType, device: Device) -> Any:
        return np.full(shape, fill_value, dtype=_NP[dtype])

    def empty(self, shape: tuple[int, ...], dtype: DType, device: Device) -> Any:
        return np.empty(shape, dtype=_NP[dtype])

    def arange(self, start: Any, step: Any, num: int, dtype: DType, device: Device) -> Any:
        if (dtype.kind in "iu" and type(start) is int and type(step) is int) or exact_float_range(
            start, step, num, dtype
        ):
            return np.arange(start, start + num * step, step, dtype=_NP[dtype])[:num]
        return (start + np.arange(num, dtype=np.float64) * step).astype(_NP[dtype])

    def linspace(
        self, start: Any, stop: Any, num: int, endpoint: bool, dtype: DType, device: Device
    ) -> Any:
        return np.linspace(start, stop, num, endpoint=endpoint, dtype=_NP[dtype])

    def eye(self, n_rows: int, n_cols: int, k: int, dtype: DType, device: Device) -> Any:
        return np.eye(n_rows, n_cols, k=k, dtype=_NP[dtype])

    def astype(self, x: Any, dtype: DType, copy: bool) -> Any:
        with np.errstate(invalid="ignore", over="ignore"):
            return np.asarray(x).astype(_NP[dtype], copy=copy)

    def kernel(self, name: str, dtype: DType) -> Callable | None:
        by_kind = _BY_KIND.get(name)
        if by_kind is not None:
            return by_kind[0] if dtype.kind == "c" else by_kind[1]
        if name == "log1p" and dtype is d.complex64:
            return _log1p_complex64
        if dtype.kind == "f" and name == "floor_divide":
            return _floor_divide_float
        if dtype.kind == "c" and name in _COMPLEX_SPECIAL:
            return _COMPLEX_SPECIAL[name]
        if name == "nextafter" and dtype is d.float16:
            return _nextafter_half
        if name == "round" and dtype.kind in "iu":
            return np.copy  # np.rint computes integers in float64
        return _UFUNCS[name]

    def where(self, condition: Any, x1: Any, x2: Any) -> Any:
        return np.where(condition, x1, x2)

    def median(self, x: Any, omit_nan: bool) -> Any:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)  # empty and all-NaN rows: NaN
            return np.asarray((np.nanmedian if omit_nan else np.median)(x, axis=-1))

    def unique(self, x: Any, index: bool, inverse: bool, counts: bool) -> tuple:
        unique: Any = np.unique  # typed by overloads on literal flags only
        flags = {"return_inverse": inverse, "return_counts": counts, "equal_nan": False}
        found = unique(x, return_index=index, **flags)
        if not (index or inverse or counts):
            return found, None, None, None
        if inverse and not index and found[0].dtype.kind in "fc" and found[0].size:
            if np.isnan(found[0][-1]):  # NaN sorts last; each NaN is its own value, and only
                # NumPy's stable sort (with first indices) keeps the NaNs in their order
                found = unique(x, return_index=True, **flags)
                found = (found[0], *found[2:])
        rest = iter(found[1:])
        wanted = (index, inverse, counts)
        return (found[0], *(next(rest).astype(np.int64) if w else None for w in wanted))

    def diagonal_sum(self, x: Any, offset: int, dtype: DType) -> Any:
        return np.asarray(np.trace(x, offset, -2, -1, dtype=_NP[dtype]))

    def take(self, x: Any, indices: Any, axis: int, along: bool) -> tuple[Any, bool]:
        try:  # NumPy checks the bounds of the indices it reads (IndexError)
            r = np.take_along_axis(x, indices, axis) if along else np.take(x, indices, axis)
        except IndexError:
            return x, False
        if not r.size and indices.size:  # none read: the bounds checked here, as indexing does
            n = x.shape[axis]
            return r, bool(-n <= indices.min() and indices.max() < n)
        return r, True

    def meshgrid(self, xs: Sequence[Any], indexing: str) -> tuple[Any, ...]:
        order = cast(Literal["xy", "ij"], indexing)
        return tuple(np.meshgrid(*xs, indexing=order, copy=True))

    def unstack(self, x: Any, axis: int) -> tuple[Any, ...]:
        return np.unstack(x, axis=axis)

    def roll(self, x: Any, shifts: tuple[int, ...], axes: tuple[int, ...]) -> Any:
        return np.roll(x, shifts, axes)

    def frequencies(self, n: int, d: float, half: bool, dtype: DType, device: Device) -> Any:
        ndt = np.dtype(dtype.name)
        if n > 2 ** (np.finfo(ndt).nmant + 1):
            return None  # integers past the dtype's exact range: the composition rounds them
        k = np.arange(n // 2 + 1 if half else n, dtype=ndt)
        if not half:
            k[(n + 1) // 2 :] -= n
        k *= ndt.type(1.0 / (n * d))
        return k

    def isin(self, x1: Any, x2: Any) -> Any:
        return np.isin(x1, x2)

    def truth(self, name: str, x: Any, axis: tuple[int, ...] | None, keepdims: bool) -> Any:
        fn: Any = np.logical_or if name == "any" else np.logical_and  # np.any/np.all's reduce
        return np.asarray(fn.reduce(x, axis=axis, dtype=np.bool_, keepdims=keepdims))

    def diff(self, x: Any, n: int, axis: int) -> Any:
        with np.errstate(over="ignore"):
            return np.diff(x, n, axis)

    def triangle(self, x: Any, k: int, lower: bool) -> Any:
        return np.tril(x, k) if lower else np.triu(x, k)

    def tensordot(self, x1: Any, x2: Any, axes1: tuple[int, ...], axes2: tuple[int, ...]) -> Any:
        return np.asarray(np.tensordot(x1, x2, (axes1, axes2)))

    def vecdot(self, x1: Any, x2: Any, axis: int) -> Any:
        return np.vecdot(x1, x2, axis=axis)  # type: ignore[call-overload]

    def count_nonzero(self, x: Any, axis: tuple[int, ...] | None, keepdims: bool) -> Any:
        return np.asarray(np.count_nonzero(x, axis=axis, keepdims=keepdims), dtype=np.int64)

    def vector_norm(self, x: Any, axis: tuple[int, ...] | None, keepdims: bool, ord: float) -> Any:
        return np.asarray(np.linalg.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord))  # type: ignore[arg-type]

    def matrix_norm(self, x: Any, ord: str | float, keepdims: bool) -> Any:
        return np.asarray(np.linalg.matrix_norm(x, keepdims=keepdims, ord=ord))  # type: ignore[arg-type]

    def clip(self, x: Any, lo: Any, hi: Any) -> Any:
        return np.clip(x, lo, hi)  # maximum then minimum, in one pass

    def clip_numbers(self, x: Any, lo: int | float | None, hi: int | float | None) -> Any:
        return np.clip(x, lo, hi)  # Python numbers are weak (NEP 50): compared in x's dtype

    def einsum(self, subscripts: str, operands: Sequence[Any]) -> Any:
        return np.einsum(subscripts, *operands)

    def reduce(
        self, name: str, x: Any, axis: tuple[int, ...] | None, keepdims: bool, dtype: DType
    ) -> Any:
        if name in ("max", "min"):
            return _REDUCE[name](x, axis=axis, keepdims=keepdims)
        return _REDUCE[name](x, axis=axis, keepdims=keepdims, dtype=_NP[dtype])

    def var(self, x: Any, axis: tuple[int, ...] | None, correction: float, keepdims: bool) -> Any:
        return np.var(x, axis=axis, ddof=correction, keepdims=keepdims)

    def matmul(self, x1: Any, x2: Any) -> Any:
        return np.matmul(x1, x2)

    def reshape(self, x: Any, shape: tuple[int, ...], copy: bool | None) -> Any:
        if copy:
            return np.reshape(x, shape).copy()
        out = np.reshape(x, shape)
        if copy is False and not np.shares_memory(out, x) and out.size:
            raise ArrayshimValueError(
                message("reshape", "copy", "True or None (this reshape needs a copy)", "copy=False")
            )
        return out

    def permute_dims(self, x: Any, axes: tuple[int, ...]) -> Any:
        return np.transpose(x, axes)

    def concat(self, xs: Sequence[Any], axis: int) -> Any:
        return np.concatenate(xs, axis=axis)

    def stack(self, xs: Sequence[Any], axis: int) -> Any:
        return np.stack(xs, axis=axis)

    def broadcast_to(self, x: Any, shape: tuple[int, ...]) -> Any:
        return np.broadcast_to(x, shape)

    def getitem(self, x: Any, key: tuple) -> Any:
        return x[key]

    def setitem(self, x: Any, key: tuple, value: Any) -> Any:
        if type(x) is not np.ndarray:
            x = np.asarray(x).copy()
        x[key] = value
        return x

    # -- searching, sorting, cumulative sums, repetition ----------------------------------------
    def argsort(self, x: Any, axis: int, descending: bool) -> Any:
        if not descending:
            return np.argsort(x, axis=axis, kind="stable").astype(np.int64, copy=False)
        # stable descending: sort the reversed array and reverse back, so ties keep their order
        n = x.shape[axis]
        order = np.flip(np.argsort(np.flip(x, axis), axis=axis, kind="stable"), axis)
        return (n - 1 - order).astype(np.int64, copy=False)

    def sort(self, x: Any, axis: int, descending: bool) -> Any:
        if not descending:
            return np.sort(x, axis=axis, kind="stable")
        return np.flip(np.sort(np.flip(x, axis), axis=axis, kind="stable"), axis)

    def arg_extremum(self, name: str, x: Any, axis: int) -> Any:
        x = np.asarray(x)  # (a 0-d result of NumPy may be a NumPy scalar)
        found = x.argmax(axis=axis) if name == "argmax" else x.argmin(axis=axis)
        return np.asarray(found, dtype=np.int64)

    def nonzero(self, x: Any) -> tuple[Any, ...]:
        return tuple(i.astype(np.int64, copy=False) for i in np.nonzero(x))

    def searchsorted(self, x1: Any, x2: Any, side: str) -> Any:
        where = cast(Literal["left", "right"], side)  # the frontend checked it
        return np.asarray(np.searchsorted(x1, x2, side=where)).astype(np.int64, copy=False)

    def cumulative(self, name: str, x: Any, axis: int, dtype: DType) -> Any:
        fn = np.cumulative_sum if name == "sum" else np.cumulative_prod
        return fn(x, axis=axis, dtype=_NP[dtype])

    def repeat(self, x: Any, repeats: Any, axis: int) -> Any:
        return np.repeat(x, repeats, axis=axis)

    def conj(self, x: Any) -> Any:
        return np.conj(x)

    def complex_parts(self, x: Any) -> tuple[Any, Any]:
        return np.real(x), np.imag(x)

    def complex_from_parts(self, real: Any, imag: Any) -> Any:
        out = np.empty(real.shape, np.result_type(real.dtype, np.complex64))
        out.real, out.imag = real, imag
        return out

    # -- sorting and function transforms -----------------------------------------------------------
    def jit(self, fn: Callable, options: dict) -> Callable:
        return fn  # NumPy has no compiler: the function runs as it is

    def vmap(self, fn: Callable, args: Sequence[Any], axes: Sequence[int | None]) -> Any:
        """A Python loop over the examples, results stacked."""
        n = next(a.shape[0] for a, ax in zip(args, axes, strict=True) if ax is not None)
        pairs = list(zip(args, axes, strict=True))
        outs = [fn(*(a if ax is None else a[i] for a, ax in pairs)) for i in range(n)]
        return tuple(np.stack([o[j] for o in outs]) for j in range(len(outs[0]))) if outs else ()
