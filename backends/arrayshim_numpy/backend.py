"""NumPy adapter. NumPy *is* the reference, so most kernels are NumPy's own ufuncs."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from arrayshim.backend_api import (
    CPU,
    ArrayshimValueError,
    Backend,
    Device,
    DeviceError,
    DType,
    message,
    unsupported_dtype,
)
from arrayshim.backend_api import dtypes as d

_NP = {dt: np.dtype(dt.name) for dt in d.ALL}
_FROM_NP = {v: k for k, v in _NP.items()}

_UFUNCS: dict[str, Callable] = {
    "add": np.add,
    "subtract": np.subtract,
    "multiply": np.multiply,
    "divide": np.divide,
    "floor_divide": np.floor_divide,
    "remainder": np.remainder,
    "pow": np.power,
    "maximum": np.maximum,
    "minimum": np.minimum,
    "equal": np.equal,
    "not_equal": np.not_equal,
    "less": np.less,
    "less_equal": np.less_equal,
    "greater": np.greater,
    "greater_equal": np.greater_equal,
    "bitwise_and": np.bitwise_and,
    "bitwise_or": np.bitwise_or,
    "bitwise_xor": np.bitwise_xor,
    "bitwise_left_shift": np.left_shift,
    "bitwise_right_shift": np.right_shift,
    "logical_and": np.logical_and,
    "logical_or": np.logical_or,
    "logical_xor": np.logical_xor,
    "negative": np.negative,
    "positive": np.positive,
    "abs": np.abs,
    "bitwise_invert": np.invert,
    "logical_not": np.logical_not,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "sin": np.sin,
    "cos": np.cos,
    "tanh": np.tanh,
    "tan": np.tan,
    "acos": np.arccos,
    "asin": np.arcsin,
    "atan": np.arctan,
    "cosh": np.cosh,
    "sinh": np.sinh,
    "acosh": np.arccosh,
    "asinh": np.arcsinh,
    "atanh": np.arctanh,
    "expm1": np.expm1,
    "log1p": np.log1p,
    "log2": np.log2,
    "log10": np.log10,
    "ceil": np.ceil,
    "floor": np.floor,
    "trunc": np.trunc,
    "round": np.rint,
    "sign": np.sign,
    "square": np.square,
    "reciprocal": np.reciprocal,
    "conj": np.conjugate,
    "isnan": np.isnan,
    "isinf": np.isinf,
    "isfinite": np.isfinite,
    "signbit": np.signbit,
    "atan2": np.arctan2,
    "copysign": np.copysign,
    "hypot": np.hypot,
    "logaddexp": np.logaddexp,
    "nextafter": np.nextafter,
}


def _real_part(x: Any) -> Any:
    return np.real(x).copy()  # np.real returns a view


def _imag_part(x: Any) -> Any:
    return np.imag(x).copy()


def _nextafter_half(x1: Any, x2: Any) -> Any:
    """float16 ``nextafter`` returning ``x2`` for equal operands, as C's ``nextafter`` (NumPy's
    float32/64 kernels) and the Array API do: NumPy's float16 kernel returns ``x1``, so
    ``nextafter(-0.0, 0.0)`` would be ``-0.0``."""
    return np.where(x1 == x2, x2, np.nextafter(x1, x2))


def _log1p_complex64(x: Any) -> Any:
    """complex64 ``log1p`` computed in complex128: NumPy's single-precision formula
    ``log(|1 + z|)`` loses digits for small ``|z|`` (``log1p(1e-4+0j)`` is off by 1e-4)."""
    return np.log1p(np.asarray(x, dtype=np.complex128)).astype(np.complex64)


def _floor_divide_float(x1: Any, x2: Any) -> Any:
    """Float floor division as the standard prefers it: ``floor(x1 / x2)`` where an operand is
    infinite (``inf // 2`` is ``inf``, ``-1 // inf`` is ``-0``). NumPy's kernel pairs ``//``
    with ``%`` as Python does (NaN, and ``-1``); its values stand everywhere else (``1 // 0.1``
    is 9). There ``x1 / x2`` is already the floor: infinite, a signed zero, or NaN."""
    r = np.floor_divide(x1, x2)
    q = np.true_divide(x1, x2)
    infinite = np.isinf(q)
    infinite |= np.isinf(x2)
    return np.where(infinite, q, r)


def _expm1_complex(x: Any) -> Any:
    """Complex ``expm1`` with the standard's special values: for an infinite or NaN part it is
    ``exp(x) - 1`` (``expm1(inf+0j)`` is ``inf+0j``, ``expm1(-inf+infj)`` is ``-1+0j``);
    NumPy's kernel gives NaN parts there. Finite numbers keep NumPy's accurate kernel, with
    ``expm1(-0+0j)`` as the standard's ``0+0j`` (adding +0 to the real part changes only a -0,
    which no other finite input gives)."""
    r = np.asarray(np.expm1(x))
    r.real += 0.0
    special = ~np.isfinite(x)
    if special.any():
        with np.errstate(invalid="ignore"):
            r = np.where(special, np.exp(x) - 1, r)
    return r


def _tanh_complex(x: Any) -> Any:
    """Complex ``tanh`` with the standard's ``tanh(±inf + bj) = ±1 + 0j·sign(b)`` for finite
    ``b`` (C99 and NumPy sign that zero as ``sin(2b)``)."""
    r = np.asarray(np.tanh(x))
    b = np.imag(x)
    special = np.isinf(np.real(x)) & np.isfinite(b)
    if special.any():  # r is np.tanh's new array: set in place
        r.imag = np.where(special, np.copysign(0.0, b), r.imag)
    return r


def _sign_complex(x: Any) -> Any:
    """Complex ``sign`` with the standard's ``NaN + NaN j`` for a NaN part (NumPy gives an
    infinite other part's sign: ``sign(nan+infj)`` is ``1j``)."""
    r = np.sign(x)
    nan = np.isnan(x)
    if nan.any():
        r = np.where(nan, complex(math.nan, math.nan), r)
    return r


#: complex kernels whose special values NumPy takes from C99 where the standard says otherwise
_COMPLEX_SPECIAL: dict[str, Callable] = {
    "expm1": _expm1_complex,
    "tanh": _tanh_complex,
    "sign": _sign_complex,
}
#: kernels that depend on the kind of the dtype: complex, other
_BY_KIND: dict[str, tuple[Callable, Callable]] = {
    "real": (_real_part, np.copy),
    "imag": (_imag_part, np.zeros_like),
}
_REDUCE = {"sum": np.sum, "prod": np.prod, "max": np.max, "min": np.min, "mean": np.mean}


class NumpyBackend(Backend):
    name = "numpy"
    native_types = (np.ndarray, np.generic)
    mutable = True
    checks_index_bounds = True
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
        n = array._native
        if type(n) is not np.ndarray:  # ufuncs return NumPy scalars for 0-d results
            n = array._native = np.asarray(n)
        return n

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
        kwargs = {
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
        if dtype.kind in "iu" and type(start) is int and type(step) is int:
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
        fn = np.argmax if name == "argmax" else np.argmin
        return np.asarray(fn(x, axis=axis)).astype(np.int64, copy=False)

    def nonzero(self, x: Any) -> tuple[Any, ...]:
        return tuple(i.astype(np.int64, copy=False) for i in np.nonzero(x))

    def searchsorted(self, x1: Any, x2: Any, side: str) -> Any:
        return np.asarray(np.searchsorted(x1, x2, side=side)).astype(np.int64, copy=False)

    def cumulative(self, name: str, x: Any, axis: int, dtype: DType) -> Any:
        fn = np.cumulative_sum if name == "sum" else np.cumulative_prod
        return fn(x, axis=axis, dtype=_NP[dtype])

    def repeat(self, x: Any, repeats: Any, axis: int) -> Any:
        return np.repeat(x, repeats, axis=axis)

    def conj(self, x: Any) -> Any:
        return np.conj(x)

    def complex_parts(self, x: Any) -> tuple[Any, Any]:
        return np.real(x), np.imag(x)

    # -- sorting and function transforms -----------------------------------------------------------
    def jit(self, fn: Callable, options: dict) -> Callable:
        return fn  # NumPy has no compiler: the function runs as it is

    def vmap(self, fn: Callable, args: Sequence[Any]) -> Any:
        """A Python loop over the examples, results stacked."""
        n = args[0].shape[0]
        outs = [fn(*(a[i] for a in args)) for i in range(n)]
        return tuple(np.stack([o[j] for o in outs]) for j in range(len(outs[0]))) if outs else ()

    # -- the linalg extension ------------------------------------------------------------------
    def linalg_cholesky(self, x: Any, upper: bool) -> Any:
        return np.linalg.cholesky(x, upper=upper)

    def linalg_det(self, x: Any) -> Any:
        return np.linalg.det(x)

    def linalg_inv(self, x: Any) -> Any:
        return np.linalg.inv(x)

    def linalg_slogdet(self, x: Any) -> tuple[Any, Any]:
        sign, logabsdet = np.linalg.slogdet(x)
        return sign, logabsdet

    def linalg_eigh(self, x: Any) -> tuple[Any, Any]:
        w, v = np.linalg.eigh(x)
        return w, v

    def linalg_eigvalsh(self, x: Any) -> Any:
        return np.linalg.eigvalsh(x)

    def linalg_eig(self, x: Any) -> tuple[Any, Any]:
        w, v = np.linalg.eig(x)
        return w, v

    def linalg_eigvals(self, x: Any) -> Any:
        return np.linalg.eigvals(x)

    def linalg_qr(self, x: Any, mode: str) -> tuple[Any, Any]:
        q, r = np.linalg.qr(x, mode=mode)
        return q, r

    def linalg_svd(self, x: Any, full_matrices: bool) -> tuple[Any, Any, Any]:
        u, s, vh = np.linalg.svd(x, full_matrices=full_matrices)
        return u, s, vh

    def linalg_svdvals(self, x: Any) -> Any:
        return np.linalg.svd(x, compute_uv=False)

    def linalg_solve(self, x1: Any, x2: Any) -> Any:
        return np.linalg.solve(x1, x2)

    # -- the fft extension ---------------------------------------------------------------------
    def fft_fft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return np.fft.fft(x, n=n, axis=axis, norm=norm)

    def fft_ifft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return np.fft.ifft(x, n=n, axis=axis, norm=norm)

    def fft_rfft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return np.fft.rfft(x, n=n, axis=axis, norm=norm)

    def fft_irfft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return np.fft.irfft(x, n=n, axis=axis, norm=norm)

    def fft_hfft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return np.fft.hfft(x, n=n, axis=axis, norm=norm)

    def fft_ihfft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return np.fft.ihfft(x, n=n, axis=axis, norm=norm)

    def fft_fftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: str) -> Any:
        return np.fft.fftn(x, s=s, axes=axes, norm=norm)

    def fft_ifftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: str) -> Any:
        return np.fft.ifftn(x, s=s, axes=axes, norm=norm)

    def fft_rfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: str) -> Any:
        return np.fft.rfftn(x, s=s, axes=axes, norm=norm)

    def fft_irfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: str) -> Any:
        return np.fft.irfftn(x, s=s, axes=axes, norm=norm)
