"""The NumPy adapter's elementwise kernels: NumPy's ufuncs by op name, and the few exact
emulations where NumPy's values differ from the standard's (complex special values, float
``floor_divide`` with an infinite operand, float16 ``nextafter``, complex64 ``log1p``)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

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
    return np.real(x)  # a view, as NumPy's (and torch's, and as basic slicing is)


def _imag_part(x: Any) -> Any:
    return np.imag(x)  # a view


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
#: reductions: the ufuncs' own reduce, which np.sum/np.max call after ~1-2 µs of Python
#: dispatch (np.mean divides after its sum: kept)
_REDUCE: dict[str, Callable[..., Any]] = {
    "sum": np.add.reduce,
    "prod": np.multiply.reduce,
    "max": np.maximum.reduce,
    "min": np.minimum.reduce,
    "mean": np.mean,
}
