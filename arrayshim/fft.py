"""The Array API 2025.12 ``fft`` extension: ``xp.fft`` (loads on first use).

The frontend validates arguments (dtypes, ``n``, ``s``, ``axes``, ``norm``), resolves every
default (transform lengths, axes) and decides every result dtype; the transforms run in the
backend's ``fft_*`` methods (``Backend.fft_fft``, ...: ``numpy.fft``, ``torch.fft``,
``tf.signal``). ``fftfreq``, ``rfftfreq``, ``fftshift`` and ``ifftshift`` are composed from
other arrayshim functions, once for every backend.

>>> import arrayshim as xp
>>> [round(float(v), 9) for v in xp.real(xp.fft.fft(xp.asarray([1.0, 2.0, 3.0, 4.0])))]
[10.0, -2.0, -2.0, -2.0]
"""

from __future__ import annotations

import math

from . import _context
from . import _dtypes as d
from ._array import Array, _new, describe, known_dim
from ._axes import one_axis
from ._creation import _check_native_dtype, _target, arange, astype, zeros
from ._dispatch import Plans, as_array, call
from ._errors import ArrayshimTypeError, ArrayshimValueError, message
from ._extension import int_arg, run_hook, wrap
from ._manipulation import _plan_key, concat, roll_remembered, rolled
from ._promotion import STRICT

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._dtypes import DType

__all__ = [
    "fft",
    "fftfreq",
    "fftn",
    "fftshift",
    "hfft",
    "ifft",
    "ifftn",
    "ifftshift",
    "ihfft",
    "irfft",
    "irfftn",
    "rfft",
    "rfftfreq",
    "rfftn",
]

_NORMS = ("backward", "ortho", "forward")


# ---------------------------------------------------------------------------------------------
# Validation and the backend hook
# ---------------------------------------------------------------------------------------------


_FFT_REAL = (d.float32, d.float64)
_FFT_DTYPES = (*_FFT_REAL, d.complex64, d.complex128)


def _input(func: str, x: Any, kind: str) -> Array:
    """``x`` as an Array of the dtype the transform computes in: ``kind='complex'`` (real
    floating input becomes the complex dtype of its width) or ``kind='real'``. Integers: refused
    under the ``strict`` policy, else cast to the policy's default float as NumPy does; ``bool``
    and ``float16`` are refused (no backend has a half-precision FFT on every device)."""

    a = x if type(x) is Array else as_array(x, f"fft.{func}", "x")
    dt = a._dtype
    if dt in (_FFT_DTYPES if kind == "complex" else _FFT_REAL):  # common: no policy to read
        if kind == "complex" and dt.kind == "f" and not a._backend.real_input_fft:
            a = astype(a, d.COMPLEX_OF[dt])
        return a
    policy = _context.current_policy()
    if dt.kind in "iu" and policy is not STRICT:
        a = astype(a, policy.default_float)
        dt = a._dtype
    ok = (d.float32, d.float64) + ((d.complex64, d.complex128) if kind == "complex" else ())
    if dt not in ok:
        allowed = (
            "float32, float64, complex64 or complex128"
            if kind == "complex"
            else "float32 or float64 (a real floating-point dtype)"
        )
        if policy is not STRICT:
            allowed += " (or an integer dtype, cast to the default float)"
        raise ArrayshimTypeError(
            message(
                f"fft.{func}",
                "x",
                f"an array of dtype {allowed} (promotion policy {policy.name!r})",
                f"an array of dtype {dt.name}",
            )
        )
    if kind == "complex" and dt.kind == "f" and not a._backend.real_input_fft:
        a = astype(a, d.COMPLEX_OF[dt])
    return a


def _norm(func: str, norm: Any) -> str:
    if not isinstance(norm, str) or norm not in _NORMS:
        raise ArrayshimValueError(
            message(f"fft.{func}", "norm", "'backward', 'ortho' or 'forward'", repr(norm))
        )
    return norm


def _int(func: str, arg: str, value: Any) -> int:
    return int_arg(f"fft.{func}", arg, value)


def _length(func: str, arg: str, n: int) -> int:
    if n < 1:
        raise ArrayshimValueError(
            message(
                f"fft.{func}",
                arg,
                "a number of data points >= 1",
                f"{n} (from shape and arguments)",
            )
        )
    return n


def _one(func: str, a: Array, n: Any, axis: Any, half: bool) -> tuple[int, int]:
    """``(n, axis)`` resolved: ``axis`` non-negative; ``n`` the default (the axis length, or
    ``2 * (m - 1)`` for the ``half`` inverse transforms ``irfft``/``hfft``) when None."""
    axis = one_axis(_int(func, "axis", axis), a.ndim, f"fft.{func}")
    m = a.shape[axis]
    if n is None:
        return _length(func, "n", 2 * (m - 1) if half else m), axis
    return _length(func, "n", _int(func, "n", n)), axis


def _many(
    func: str, a: Array, s: Any, axes: Any, half: bool
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """``(s, axes)`` resolved as NumPy 2 does: both None -> every axis; ``s`` alone -> the last
    ``len(s)`` axes; ``s[i] == -1`` -> the whole axis; ``s`` None -> the whole axes, except the
    last axis of ``irfftn``: ``2 * (m - 1)``. Axes keep their order (the last one is the real axis
    of ``rfftn``/``irfftn``)."""
    ndim = a.ndim
    if s is not None:
        if not isinstance(s, (tuple, list)):
            raise ArrayshimTypeError(
                message(f"fft.{func}", "s", "a tuple of ints or None", describe(s))
            )
        s = tuple(_int(func, "s", v) for v in s)
    if axes is not None:
        if not isinstance(axes, (tuple, list)):
            raise ArrayshimTypeError(
                message(f"fft.{func}", "axes", "a tuple of ints or None", describe(axes))
            )
        axes = tuple(one_axis(_int(func, "axes", v), ndim, f"fft.{func}", "axes") for v in axes)
        if len(set(axes)) != len(axes):
            raise ArrayshimValueError(message(f"fft.{func}", "axes", "distinct axes", repr(axes)))
    if axes is None:
        if s is None:
            axes = tuple(range(ndim))
        elif len(s) > ndim:
            raise ArrayshimValueError(
                message(f"fft.{func}", "s", f"at most {ndim} lengths (one per axis of x)", repr(s))
            )
        else:
            axes = tuple(range(ndim - len(s), ndim))
    default = s is None  # irfftn's 2 * (m - 1) applies then only: -1 in s is NumPy's whole axis
    if s is None:
        s = (-1,) * len(axes)
    elif len(s) != len(axes):
        raise ArrayshimValueError(
            message(f"fft.{func}", "s", f"one length per axis ({len(axes)} axes)", repr(s))
        )
    out = []
    for i, (n, ax) in enumerate(zip(s, axes, strict=True)):
        if n == -1:
            m = a.shape[ax]
            n = 2 * (m - 1) if half and default and i == len(axes) - 1 else m
        elif n < 1:
            raise ArrayshimValueError(
                message(f"fft.{func}", "s", "lengths >= 1 (or -1: the whole axis)", repr(s))
            )
        out.append(_length(func, "s", n))
    return tuple(out), axes


def _hook(func: str, a: Array, *args: Any, **kwargs: Any) -> Any:
    """``Backend.fft_<func>`` on ``a``'s native and the arguments."""
    return run_hook("fft", func, a, "an array the backend can transform", *args, **kwargs)


def _wrap(native: Any, like: Array, dtype: DType) -> Array:
    return wrap("fft", native, like, dtype)


def _prepared(func: str, x: Any, norm: Any, kind: str, out: str) -> tuple[Array, str, DType]:
    """The input array, the checked ``norm`` and the result dtype (``out``: real or complex of
    the input's width)."""
    a = _input(func, x, kind)
    dt = a._dtype
    return (
        a,
        _norm(func, norm),
        d.REAL_OF.get(dt, dt) if out == "real" else d.COMPLEX_OF.get(dt, dt),
    )


#: validated calls: (func, backend, dtype, shape, arguments with their types) -> (the hook, its
#: resolved arguments, the result dtype). A call seen before skips validation (3-5 us of Python
#: on an 8-element transform); a hook that raises goes the validated way, which raises.
_PLANS = Plans()


def _planned(key: tuple, x: Array) -> Array | None:
    plan = _PLANS.get(key)
    if plan is None or x._device not in x._backend.unplaced:
        return None
    hook, args, odt = plan
    try:
        native = hook(x._native, *args)
    except Exception:
        return None
    return _new(native, x._backend, odt, x._device)


def _plan(key: tuple, x: Any, a: Array, result: Array, hook_args: tuple) -> Array:
    """Remember how a validated call ran, when it ran the hook on ``x`` itself (no cast) and
    the hook returned the result dtype."""
    if a is x and result._dtype is a._backend.dtype_of(result._native):
        _PLANS.put(key, (getattr(a._backend, "fft_" + key[0]), hook_args, result._dtype))
    return result


def _one_d(
    func: str, x: Any, n: Any, axis: Any, norm: Any, kind: str, out: str, half: bool = False
) -> Array:
    key: tuple = ()
    if type(x) is Array and not x._backend.is_compiling():  # (see Plans)
        b = x._backend
        key = (func, b, x._dtype, b.shape_of(x._native), n, type(n), axis, type(axis), norm)
        done = _planned(key, x)
        if done is not None:
            return done
    a, norm, odt = _prepared(func, x, norm, kind, out)
    n, axis = _one(func, a, n, axis, half)
    if _size(a.shape) == 0:
        return _zeros(a, _out_shape(func, a.shape, (n,), (axis,)), odt)
    result = _wrap(_hook(func, a, n, axis, norm), a, odt)
    return _plan(key, x, a, result, (n, axis, norm)) if key else result


def _n_d(
    func: str, x: Any, s: Any, axes: Any, norm: Any, kind: str, out: str, half: bool = False
) -> Array:

    key: tuple = ()
    if type(x) is Array and not x._backend.is_compiling():  # (see Plans)
        b = x._backend
        key = (func, b, x._dtype, b.shape_of(x._native), s, axes, norm)
        done = _planned(key, x)
        if done is not None:
            return done
    a, norm, odt = _prepared(func, x, norm, kind, out)
    s, axes = _many(func, a, s, axes, half)
    if not axes:
        if func in ("fftn", "ifftn"):  # no axis to transform: the input (NumPy does the same)
            return astype(a, odt, copy=True)
        raise ArrayshimValueError(
            message(f"fft.{func}", "axes", "at least one axis", f"no axes (x of shape {a.shape})")
        )
    if _size(a.shape) == 0:
        return _zeros(a, _out_shape(func, a.shape, s, axes), odt)
    result = _wrap(_hook(func, a, s, axes, norm), a, odt)
    return _plan(key, x, a, result, (s, axes, norm)) if key else result


def _size(shape: tuple) -> int:
    return math.prod(shape)


def _out_shape(func: str, shape: tuple, s: tuple, axes: tuple) -> tuple:
    out = list(shape)
    for n, ax in zip(s, axes, strict=True):
        out[ax] = n
    if func in ("rfft", "ihfft", "rfftn"):
        out[axes[-1]] = s[-1] // 2 + 1
    return tuple(out)


def _zeros(a: Array, shape: tuple, dtype: DType) -> Array:
    """The transform of an array with no elements (some other axis is empty, or the transformed
    axis is and gets zero-padded): zeros; frameworks disagree on empty batches (torch's MKL
    fails)."""

    with _context.use_backend(a._backend.name):
        return zeros(shape, dtype=dtype, device=a._device)


# ---------------------------------------------------------------------------------------------
# Transforms (the backend hook)
# ---------------------------------------------------------------------------------------------


def fft(x: Any, /, *, n: Any = None, axis: int = -1, norm: str = "backward") -> Array:
    """The 1-D discrete Fourier transform along ``axis``, of length ``n`` (``x`` zero-padded
    or truncated; default: the axis length). Complex result of ``x``'s width."""
    return _one_d("fft", x, n, axis, norm, "complex", "complex")


def ifft(x: Any, /, *, n: Any = None, axis: int = -1, norm: str = "backward") -> Array:
    """The 1-D inverse discrete Fourier transform along ``axis`` (see :func:`fft`)."""
    return _one_d("ifft", x, n, axis, norm, "complex", "complex")


def fftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Array:
    """The n-D discrete Fourier transform over ``axes`` with lengths ``s`` (NumPy's rules:
    both None -> every axis; ``s`` alone -> the last ``len(s)`` axes; ``-1`` -> whole axis)."""
    return _n_d("fftn", x, s, axes, norm, "complex", "complex")


def ifftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Array:
    """The n-D inverse discrete Fourier transform (see :func:`fftn`)."""
    return _n_d("ifftn", x, s, axes, norm, "complex", "complex")


def rfft(x: Any, /, *, n: Any = None, axis: int = -1, norm: str = "backward") -> Array:
    """The 1-D transform of real ``x``: the ``n // 2 + 1`` non-negative frequency terms."""
    return _one_d("rfft", x, n, axis, norm, "real", "complex")


def irfft(x: Any, /, *, n: Any = None, axis: int = -1, norm: str = "backward") -> Array:
    """The inverse of :func:`rfft`: a real result of length ``n`` (default ``2 * (m - 1)``)
    along ``axis`` from the ``n // 2 + 1`` first terms of ``x`` (zero-padded or truncated)."""
    return _one_d("irfft", x, n, axis, norm, "complex", "real", half=True)


def rfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Array:
    """The n-D transform of real ``x``: :func:`rfft` over the last of ``axes``, :func:`fft`
    over the others."""
    return _n_d("rfftn", x, s, axes, norm, "real", "complex")


def irfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Array:
    """The inverse of :func:`rfftn`; the last of ``axes`` has length ``s[-1]`` (default
    ``2 * (m - 1)``)."""
    return _n_d("irfftn", x, s, axes, norm, "complex", "real", half=True)


def hfft(x: Any, /, *, n: Any = None, axis: int = -1, norm: str = "backward") -> Array:
    """The transform of a signal with Hermitian symmetry given by its first half ``x``: a real
    result of length ``n`` (default ``2 * (m - 1)``)."""
    return _one_d("hfft", x, n, axis, norm, "complex", "real", half=True)


def ihfft(x: Any, /, *, n: Any = None, axis: int = -1, norm: str = "backward") -> Array:
    """The inverse of :func:`hfft`: the ``n // 2 + 1`` first terms, complex, from real ``x``."""
    return _one_d("ihfft", x, n, axis, norm, "real", "complex")


# ---------------------------------------------------------------------------------------------
# Composed from other arrayshim functions (the same on every backend)
# ---------------------------------------------------------------------------------------------


def _freq_args(func: str, n: Any, d_: Any, dtype: Any) -> tuple[int, float, DType]:
    n = _int(func, "n", n)
    if n < 1:
        raise ArrayshimValueError(message(f"fft.{func}", "n", "a window length >= 1", repr(n)))
    if isinstance(d_, bool) or not isinstance(d_, (int, float)):
        raise ArrayshimTypeError(
            message(f"fft.{func}", "d", "a Python float (the sample spacing)", describe(d_))
        )
    if d_ == 0:
        raise ArrayshimValueError(
            message(f"fft.{func}", "d", "a non-zero sample spacing", repr(d_))
        )
    if dtype is None:
        dt = _context.current_policy().default_float
    else:
        dt = d.as_dtype(dtype, f"fft.{func}", "dtype")
        if dt.kind != "f":
            raise ArrayshimTypeError(
                message(f"fft.{func}", "dtype", "a real floating-point dtype", dt.name)
            )
    return n, float(d_), dt


def _frequencies(
    func: str, n: int, spacing: float, dt: DType, device: Any, half: bool
) -> Array | None:
    """The backend's ``frequencies`` hook (None: compose)."""
    b, dev = _target(f"fft.{func}", device)
    _check_native_dtype(b, dt, f"fft.{func}")
    native = call(f"fft.{func}", b, dev, b.frequencies, n, spacing, half, dt, dev)
    return None if native is None else _new(native, b, dt, dev)


def fftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Array:
    """The sample frequencies of :func:`fft` for a window of length ``n`` and sample spacing
    ``d``: ``[0, 1, ..., (n-1)//2, -(n//2), ..., -1] / (d * n)``, in ``dtype`` (default: the
    policy's default float), on ``device``, of the current backend."""

    n, spacing, dt = _freq_args("fftfreq", n, d, dtype)
    one = _frequencies("fftfreq", n, spacing, dt, device, False)
    if one is not None:
        return one
    k = concat(
        [
            arange(0, (n - 1) // 2 + 1, dtype=dt, device=device),
            arange(-(n // 2), 0, dtype=dt, device=device),
        ]
    )
    return k * (1.0 / (n * spacing))


def rfftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Array:
    """The sample frequencies of :func:`rfft`: ``[0, 1, ..., n//2] / (d * n)``."""

    n, spacing, dt = _freq_args("rfftfreq", n, d, dtype)
    one = _frequencies("rfftfreq", n, spacing, dt, device, True)
    if one is not None:
        return one
    return arange(0, n // 2 + 1, dtype=dt, device=device) * (1.0 / (n * spacing))


def _shift(func: str, x: Any, axes: Any, sign: int) -> Array:
    key = _plan_key(x, func, axes)
    done = rolled(key, x)
    if done is not None:
        return done
    a = as_array(x, f"fft.{func}", "x")
    if axes is None:
        axs = tuple(range(a.ndim))
    else:
        items = axes if isinstance(axes, (tuple, list)) else (axes,)
        axs = tuple(one_axis(_int(func, "axes", v), a.ndim, f"fft.{func}", "axes") for v in items)
    if not axs:
        return astype(a, a._dtype, copy=True)
    shape = a.shape
    shifts = tuple(sign * (known_dim(shape[ax], f"fft.{func}") // 2) for ax in axs)
    return roll_remembered(a, shifts, axs, key if a is x else ())


def fftshift(x: Any, /, *, axes: Any = None) -> Array:
    """``x`` with the zero-frequency term moved to the centre: rolled by ``n // 2`` along each
    of ``axes`` (None: every axis). Any dtype."""
    return _shift("fftshift", x, axes, 1)


def ifftshift(x: Any, /, *, axes: Any = None) -> Array:
    """The inverse of :func:`fftshift`: rolled by ``-(n // 2)`` along each of ``axes``."""
    return _shift("ifftshift", x, axes, -1)
