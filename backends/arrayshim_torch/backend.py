"""PyTorch adapter.

Where torch has a kernel that gives NumPy's values, :meth:`TorchBackend.kernel` returns torch's
own function (``torch.add``, ``torch.eq``, ...), so the hot path pays nothing here. Where it has
none, or its values differ from NumPy's, the adapter composes torch ops into an exact emulation:

* ``uint16``/``uint32``/``uint64`` lack most arithmetic: operations that do not depend on
  signedness run on the bits reinterpreted as the signed dtype of the same width
  (``x.view(torch.int64)``, no copy); comparisons, ``maximum``/``minimum`` and ``max``/``min``
  flip the sign bit first, which maps unsigned order onto signed order; division, ``pow`` and
  right shifts of ``uint16``/``uint32`` run in ``int32``/``int64`` and are cast back (integer
  arithmetic wraps modulo 2**bits in both); ``uint64`` division and right shift are built from
  ``int64`` ops.
* integer ``floor_divide``/``remainder`` by zero give 0, as in NumPy (torch raises on CPU and
  returns garbage on CUDA); a float ``remainder`` of 0 takes the divisor's sign, as in NumPy;
  complex ``add``/``subtract`` work on the real and imaginary parts (torch's turn an infinite
  part into NaN).
* ``positive`` and ``abs`` of unsigned or bool arrays return a copy (``torch.positive`` returns
  its argument itself, NumPy a new array).
* NaN, infinities and signed zeros as NumPy has them: ``sign(nan)`` is NaN (torch: 0); complex
  ``sign``, ``log1p``, ``acos`` and ``reciprocal`` are corrected where torch's kernels lose a
  zero's sign or give NaN for an infinite part; rounding functions of integers, ``real``,
  ``imag`` and ``conj`` return new arrays, never views.

torch has no negative slice steps: such slices are taken with a positive step and flipped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch

from arrayshim.backend_api import (
    CPU,
    INT_OF_FLOAT,
    OPS,
    ArrayshimTypeError,
    ArrayshimValueError,
    Backend,
    Device,
    DeviceError,
    DType,
    as_int64,
    message,
    unsupported_dtype,
)
from arrayshim.backend_api import dtypes as d

_TORCH: dict[DType, torch.dtype] = {
    d.bool: torch.bool,
    d.int8: torch.int8,
    d.int16: torch.int16,
    d.int32: torch.int32,
    d.int64: torch.int64,
    d.uint8: torch.uint8,
    d.uint16: torch.uint16,
    d.uint32: torch.uint32,
    d.uint64: torch.uint64,
    d.float16: torch.float16,
    d.float32: torch.float32,
    d.float64: torch.float64,
    d.complex64: torch.complex64,
    d.complex128: torch.complex128,
}
_FROM_TORCH = {v: k for k, v in _TORCH.items()}
_NP = {dt: np.dtype(dt.name) for dt in d.ALL}
_FROM_NP = {v: k for k, v in _NP.items()}
_SCALARS = (bool, int, float, complex)

#: unsigned dtypes torch has few kernels for -> the signed dtype of the same width
_SIGNED = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}
#: the signed dtype that holds every value of an unsigned one (division, pow, right shift)
_WIDE = {torch.uint16: torch.int32, torch.uint32: torch.int64}
#: the sign bit of each signed dtype in _SIGNED, as a Python int (xor with it maps unsigned
#: order onto signed order)
_SIGN_BIT = {torch.int16: -(2**15), torch.int32: -(2**31), torch.int64: -(2**63)}
_INT64_MAX = 2**63 - 1

_NATIVE: dict[str, Callable] = {
    "add": torch.add,
    "subtract": torch.sub,
    "multiply": torch.mul,
    "divide": torch.div,
    "floor_divide": torch.floor_divide,
    "remainder": torch.remainder,
    "pow": torch.pow,
    "maximum": torch.maximum,
    "minimum": torch.minimum,  # both propagate NaN, as NumPy's
    "equal": torch.eq,
    "not_equal": torch.ne,
    "less": torch.lt,
    "less_equal": torch.le,
    "greater": torch.gt,
    "greater_equal": torch.ge,
    "bitwise_and": torch.bitwise_and,
    "bitwise_or": torch.bitwise_or,
    "bitwise_xor": torch.bitwise_xor,
    # torch gives NumPy's results for shift counts outside [0, bits): 0, or -1 for negative
    # values shifted right
    "bitwise_left_shift": torch.bitwise_left_shift,
    "bitwise_right_shift": torch.bitwise_right_shift,
    "logical_and": torch.logical_and,
    "logical_or": torch.logical_or,
    "logical_xor": torch.logical_xor,
    "negative": torch.neg,
    "positive": torch.clone,
    "abs": torch.abs,
    "bitwise_invert": torch.bitwise_not,
    "logical_not": torch.logical_not,
    "exp": torch.exp,
    "log": torch.log,
    "sqrt": torch.sqrt,
    "sin": torch.sin,
    "cos": torch.cos,
    "tanh": torch.tanh,
    "tan": torch.tan,
    "acos": torch.acos,
    "asin": torch.asin,
    "atan": torch.atan,
    "cosh": torch.cosh,
    "sinh": torch.sinh,
    "acosh": torch.acosh,
    "asinh": torch.asinh,
    "atanh": torch.atanh,
    "expm1": torch.expm1,
    "log1p": torch.log1p,
    "log2": torch.log2,
    "log10": torch.log10,
    "ceil": torch.ceil,
    "floor": torch.floor,
    "trunc": torch.trunc,
    "round": torch.round,  # halves to even, as NumPy
    "sign": torch.sign,
    "square": torch.square,
    "reciprocal": torch.reciprocal,
    "conj": torch.conj_physical,  # torch.conj only sets a flag: a view, not a new array
    "isnan": torch.isnan,
    "isinf": torch.isinf,
    "isfinite": torch.isfinite,
    "signbit": torch.signbit,
    "atan2": torch.atan2,
    "copysign": torch.copysign,
    "hypot": torch.hypot,
    "logaddexp": torch.logaddexp,
    "nextafter": torch.nextafter,
}
#: ops whose result bits do not depend on signedness (two's complement)
_SIGN_AGNOSTIC = {
    "add": torch.add,
    "subtract": torch.sub,
    "negative": torch.neg,
    "square": torch.square,
    "bitwise_invert": torch.bitwise_not,
    "bitwise_left_shift": torch.bitwise_left_shift,
}
#: ops that order their operands
_ORDERED = {
    "maximum": torch.maximum,
    "minimum": torch.minimum,
    "less": torch.lt,
    "less_equal": torch.le,
    "greater": torch.gt,
    "greater_equal": torch.ge,
}


# -- emulations ------------------------------------------------------------------------------
def _zero_safe(op: Callable) -> Callable:
    """Integer ``floor_divide``/``remainder`` giving 0 where the divisor is 0, as NumPy does."""

    def kernel(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        zero = x2 == 0
        return op(x1, x2.masked_fill(zero, 1)).masked_fill(zero, 0)

    return kernel


def _remainder_float(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """torch's remainder (NumPy's values) with the divisor's sign: NumPy's for zero results
    (torch gives them the dividend's), and already the sign of every other result."""
    return torch.copysign(torch.remainder(x1, x2), x2)


def _componentwise(op: Callable) -> Callable:
    """Complex ``add``/``subtract`` on the real and imaginary parts: torch computes
    ``x1 + alpha * x2`` with a complex ``alpha = 1``, which turns ``inf`` parts into NaN."""

    def kernel(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        return torch.view_as_complex(
            op(torch.view_as_real(x1.resolve_conj()), torch.view_as_real(x2.resolve_conj()))
        )

    return kernel


def _pow_complex(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """Complex power with ``z ** 0 == 1`` for every ``z``, as NumPy and C99's cpow (torch's
    gives NaN for an infinite or NaN base)."""
    return torch.where(x2 == 0, torch.ones((), dtype=x1.dtype, device=x1.device), torch.pow(x1, x2))


#: |x| from which torch's vectorized cosh/sinh overflow although the result is finite
_HYPERBOLIC_EDGE = {torch.float32: 88.0, torch.float64: 709.0}


def _hyperbolic(op: Callable, odd: bool) -> Callable:
    """``cosh``/``sinh`` of real floats: torch's SIMD kernels compute ``exp(|x|)`` and overflow
    to inf for |x| just below the overflow threshold (cosh(710.0) = 1.1e308), where NumPy gives
    the finite value; there the result is ``(exp(|x|/2) / 2) * exp(|x|/2)`` (a few ulps)."""

    def kernel(x: torch.Tensor) -> torch.Tensor:
        edge = _HYPERBOLIC_EDGE.get(x.dtype)
        out = op(x)
        if edge is None:
            return out
        big = x.abs() > edge
        half = torch.exp(x.abs() * 0.5)
        large = (half * 0.5) * half
        return torch.where(big, torch.copysign(large, x) if odd else large, out)

    return kernel


def _negative_complex(x: torch.Tensor) -> torch.Tensor:
    """Complex negation flipping both signs, zeros included, as NumPy does (torch's gives
    ``-(0 - 3j)`` a real part of +0)."""
    return torch.view_as_complex(torch.neg(torch.view_as_real(x.resolve_conj())))


def _reinterpreted(op: Callable, unsigned: torch.dtype, unary: bool) -> Callable:
    """``op`` on the bits of ``unsigned`` arrays viewed as the signed dtype of their width."""
    signed = _SIGNED[unsigned]
    if unary:

        def kernel1(x: torch.Tensor) -> torch.Tensor:
            return op(x.view(signed)).view(unsigned)

        return kernel1

    def kernel2(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        return op(x1.view(signed), x2.view(signed)).view(unsigned)

    return kernel2


def _order_preserving(op: Callable, unsigned: torch.dtype, returns_bool: bool) -> Callable:
    """Comparison or extremum ``op`` of unsigned arrays: with the sign bit flipped, signed
    order is unsigned order."""
    signed = _SIGNED[unsigned]
    sign = _SIGN_BIT[signed]
    if returns_bool:

        def compare(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
            return op(x1.view(signed) ^ sign, x2.view(signed) ^ sign)

        return compare

    def extremum(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        return (op(x1.view(signed) ^ sign, x2.view(signed) ^ sign) ^ sign).view(unsigned)

    return extremum


def _widened(op: Callable, unsigned: torch.dtype) -> Callable:
    """``op`` computed in the signed dtype that holds every value of ``unsigned``, cast back."""
    wide = _WIDE[unsigned]

    def kernel(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        return op(x1.to(wide), x2.to(wide)).to(unsigned)

    return kernel


def _uint64_ge(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """``x1 >= x2`` for uint64 bits held in int64 tensors."""
    sign = _SIGN_BIT[torch.int64]
    return (x1 ^ sign) >= (x2 ^ sign)


def _divmod_uint64(x1: torch.Tensor, x2: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Unsigned 64-bit quotient and remainder (int64 bits), 0 for a zero divisor.

    A divisor below 2**63 divides the dividend halved (now non-negative); doubling that quotient
    leaves a remainder below twice the divisor, corrected by one step. The quotient by a divisor
    from 2**63 on is 0 or 1.
    """
    n, d = x1.view(torch.int64), x2.view(torch.int64)
    small = torch.where(d > 0, d, 1)
    q = torch.div((n >> 1) & _INT64_MAX, small, rounding_mode="trunc") << 1
    r = n - q * small
    over = _uint64_ge(r, small)
    q = q + over
    r = torch.where(over, r - small, r)
    high = d < 0
    at_least = _uint64_ge(n, d)
    q = torch.where(high, at_least.to(torch.int64), q)
    r = torch.where(high, torch.where(at_least, n - d, n), r)
    zero = d == 0
    return q.masked_fill(zero, 0), r.masked_fill(zero, 0)


def _floor_divide_uint64(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    return _divmod_uint64(x1, x2)[0].view(torch.uint64)


def _remainder_uint64(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    return _divmod_uint64(x1, x2)[1].view(torch.uint64)


def _pow_uint64(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """uint64 power computed in int64. Exponents from 2**62 on are replaced by one below 2**63
    that gives the same power modulo 2**64 (every odd base has order dividing 2**62, every even
    base gives 0 from exponent 64 on)."""
    exponent = x2.view(torch.int64)
    big = (exponent >> 62) != 0
    exponent = torch.where(big, (exponent & (2**62 - 1)) | 2**62, exponent)
    return torch.pow(x1.view(torch.int64), exponent).view(torch.uint64)


def _right_shift_uint64(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """Logical right shift of uint64 bits: shift the halved value (sign bit cleared) by one less.
    Counts from 64 on (negative as int64) shift a non-negative value to 0."""
    x, count = x1.view(torch.int64), x2.view(torch.int64)
    shifted = ((x >> 1) & _INT64_MAX) >> (count - 1)
    return torch.where(count == 0, x, shifted).view(torch.uint64)


def _round_complex(x: torch.Tensor) -> torch.Tensor:
    """Both parts rounded, as NumPy rounds complex numbers (torch.round refuses them)."""
    return torch.view_as_complex(torch.round(torch.view_as_real(x.resolve_conj())))


def _real_part(x: torch.Tensor) -> torch.Tensor:
    return torch.real(x.resolve_conj()).clone()  # torch.real returns a view


def _imag_part(x: torch.Tensor) -> torch.Tensor:
    return torch.imag(x.resolve_conj()).clone()


def _sign_unsigned(x: torch.Tensor) -> torch.Tensor:
    return (x != 0).to(x.dtype)


def _sign_float(x: torch.Tensor) -> torch.Tensor:
    """``torch.sign`` with NaN kept (torch gives 0 for NaN)."""
    return torch.where(torch.isnan(x), x, torch.sign(x))


def _reciprocal_complex(x: torch.Tensor) -> torch.Tensor:
    """NumPy's complex reciprocal (Smith's method: divide by the larger part first), which keeps
    NumPy's signed zeros (``torch.reciprocal(0.5+0j)`` is ``2+0j``, NumPy's ``2-0j``)."""
    z = torch.view_as_real(x.resolve_conj())
    a, b = z[..., 0], z[..., 1]
    by_real = b.abs() <= a.abs()
    r1 = b / a
    d1 = a + b * r1
    r2 = a / b
    d2 = a * r2 + b
    return torch.complex(
        torch.where(by_real, 1 / d1, r2 / d2), torch.where(by_real, -r1 / d1, -1 / d2)
    )


def _sign_complex(x: torch.Tensor) -> torch.Tensor:
    """``torch.sgn`` (``z / |z|``) for finite numbers; otherwise the standard's values: a NaN
    part gives ``NaN + NaN j``, one infinite part gives its sign, two give NaN (NumPy's too)."""
    x = x.resolve_conj()
    a, b = x.real, x.imag
    a_inf, b_inf = torch.isinf(a), torch.isinf(b)
    one, zero = torch.ones_like(a), torch.zeros_like(a)
    nan = (a_inf & b_inf) | torch.isnan(a) | torch.isnan(b)
    re = torch.where(nan, torch.nan, torch.where(a_inf, torch.copysign(one, a), zero))
    im = torch.where(nan, torch.nan, torch.where(a_inf, zero, torch.copysign(one, b)))
    return torch.where(torch.isfinite(x), torch.sgn(x), torch.complex(re, im))


def _log1p_complex(x: torch.Tensor) -> torch.Tensor:
    """``torch.log1p`` for finite numbers, with a zero real part always +0 (``log(|1 + z|)``)
    and a zero imaginary part signed as ``b``; for infinite or NaN parts NumPy's formula
    ``log(hypot(a + 1, b)) + i atan2(b, a + 1)``."""
    x = x.resolve_conj()
    r = torch.log1p(x)
    a1, b = x.real + 1, x.imag
    formula = torch.complex(torch.log(torch.hypot(a1, b)), torch.atan2(b, a1))
    im = torch.where(r.imag == 0, b * 0, r.imag)  # b's sign, as atan2's (complex64 drops it)
    return torch.where(torch.isfinite(x), torch.complex(r.real + 0.0, im), formula)


def _acos_complex(x: torch.Tensor) -> torch.Tensor:
    """``torch.acos`` with C99's sign on a zero imaginary part: opposite to the argument's
    (``acos(0.5+0j)`` is ``1.047-0j``; torch's complex128 kernel gives ``+0j``)."""
    x = x.resolve_conj()
    r = torch.acos(x)
    im = r.imag
    im = torch.where(im == 0, torch.copysign(torch.zeros_like(im), -x.imag), im)
    return torch.complex(r.real, im)


def _first_on_ties(op: Callable) -> Callable:
    """float16 ``maximum``/``minimum`` returning ``x1`` for equal operands (``-0.0`` and
    ``0.0``), as NumPy does; torch's float16 kernel returns ``x2``."""

    def kernel(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        return torch.where(x1 == x2, x1, op(x1, x2))

    return kernel


def _floor_divide_float(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """Float floor division as the standard prefers it: ``floor(x1 / x2)`` where an operand is
    infinite (``inf // 2`` is ``inf``, ``-1 // inf`` is ``-0``; torch, like NumPy, gives NaN
    and ``-1``). There ``x1 / x2`` is already the floor: infinite, a signed zero, or NaN."""
    q = torch.div(x1, x2)
    return torch.where(torch.isinf(q) | torch.isinf(x2), q, torch.floor_divide(x1, x2))


def _expm1_complex(x: torch.Tensor) -> torch.Tensor:
    """Complex ``expm1`` with the standard's special values: ``exp(x) - 1`` for an infinite or
    NaN part (``expm1(inf+0j)`` is ``inf+0j``, ``expm1(-inf+infj)`` is ``-1+0j``), on the parts
    (a complex subtraction would turn an infinite part into NaN). Finite numbers: torch's
    kernel, with ``expm1(-0+0j)`` as the standard's ``0+0j`` (adding +0 to the real part changes
    only a -0, which no other finite input gives)."""
    e = torch.exp(x)
    r = torch.expm1(x)
    return torch.where(
        torch.isfinite(x), torch.complex(r.real + 0, r.imag), torch.complex(e.real - 1, e.imag)
    )


def _tanh_complex(x: torch.Tensor) -> torch.Tensor:
    """Complex ``tanh`` with the standard's ``tanh(±inf + bj) = ±1 + 0j·sign(b)`` for finite
    ``b`` (torch, like C99, signs that zero as ``sin(2b)``)."""
    r = torch.tanh(x)
    b = x.imag
    special = torch.isinf(x.real) & torch.isfinite(b)
    return torch.complex(
        r.real, torch.where(special, torch.copysign(torch.zeros_like(b), b), r.imag)
    )


#: kernels chosen by the kind of the dtype: {op: {kind: kernel}}; other kinds use _NATIVE
_BY_KIND: dict[str, dict[str, Callable]] = {
    "ceil": {"b": torch.clone, "i": torch.clone, "u": torch.clone},
    "floor": {"b": torch.clone, "i": torch.clone, "u": torch.clone},
    "trunc": {"b": torch.clone, "i": torch.clone, "u": torch.clone},
    "round": {"i": torch.clone, "u": torch.clone, "c": _round_complex},
    "sign": {"c": _sign_complex, "f": _sign_float},  # complex: z / |z|, as NumPy 2
    "log1p": {"c": _log1p_complex},
    "expm1": {"c": _expm1_complex},
    "tanh": {"c": _tanh_complex},
    "floor_divide": {"f": _floor_divide_float},
    "reciprocal": {"c": _reciprocal_complex},
    "acos": {"c": _acos_complex},
    "negative": {"c": _negative_complex},
    "cosh": {"f": _hyperbolic(torch.cosh, odd=False)},
    "sinh": {"f": _hyperbolic(torch.sinh, odd=True)},
    "real": {
        "c": _real_part,
        "b": torch.clone,
        "i": torch.clone,
        "u": torch.clone,
        "f": torch.clone,
    },
    "imag": {
        "c": _imag_part,
        "b": torch.zeros_like,
        "i": torch.zeros_like,
        "u": torch.zeros_like,
        "f": torch.zeros_like,
    },
}


def _pow_signed(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """Signed integer power refusing negative exponents, as NumPy and TensorFlow do (torch
    returns 0 or garbage)."""
    if math.prod(torch.broadcast_shapes(x1.shape, x2.shape)) and bool((x2 < 0).any()):
        raise ArrayshimValueError(
            message(
                "pow",
                "x2",
                "non-negative exponents for an integer base "
                "(integers to negative integer powers are not allowed)",
                "a negative integer exponent",
            )
        )
    return torch.pow(x1, x2)


def _kernel(name: str, dt: DType) -> Callable | None:
    """The kernel for op ``name`` on operands of ``dt`` (see :meth:`TorchBackend.kernel`)."""
    op = OPS[name]
    if dt not in op.accepts or (op.result in ("float", "divide") and dt.kind not in "fc"):
        return None  # the frontend never asks: it computes these in a floating dtype
    tdt = _TORCH[dt]
    if name == "abs" and dt.kind in "bu":
        return torch.clone
    if dt is d.float16 and name in ("maximum", "minimum"):
        return _first_on_ties(_NATIVE[name])
    by_kind = _BY_KIND.get(name)
    if by_kind is not None and dt.kind in by_kind:
        return by_kind[dt.kind]
    if name == "sign" and tdt in _SIGNED:
        return _sign_unsigned
    if dt.kind == "c" and name == "pow":
        return _pow_complex
    if dt.kind == "c" and name in ("add", "subtract"):
        return _componentwise(_NATIVE[name])
    if name in ("floor_divide", "remainder"):
        if dt is d.uint64:
            return _floor_divide_uint64 if name == "floor_divide" else _remainder_uint64
        if dt.kind in "iu":
            safe = _zero_safe(_NATIVE[name])
            return _widened(safe, tdt) if tdt in _WIDE else safe
        if name == "remainder":
            return _remainder_float
    if name == "pow" and dt.kind == "i":
        return _pow_signed
    if tdt in _SIGNED:
        if name in _SIGN_AGNOSTIC:
            return _reinterpreted(
                _SIGN_AGNOSTIC[name], tdt, name in ("negative", "bitwise_invert", "square")
            )
        if name in _ORDERED:
            return _order_preserving(_ORDERED[name], tdt, name not in ("maximum", "minimum"))
        if name == "pow":
            return _pow_uint64 if dt is d.uint64 else _widened(torch.pow, tdt)
        if name == "bitwise_right_shift":
            return (
                _right_shift_uint64 if dt is d.uint64 else _widened(torch.bitwise_right_shift, tdt)
            )
    return _NATIVE[name]


# -- reductions ------------------------------------------------------------------------------
def _prod(x: torch.Tensor, axis: tuple[int, ...] | None, keepdims: bool) -> torch.Tensor:
    """``torch.prod`` over several axes (torch reduces one axis, or all of them)."""
    if axis is not None and len(axis) == 1:
        return torch.prod(x, axis[0], keepdim=keepdims, dtype=x.dtype)
    shape = x.shape
    if axis is None:
        out = torch.prod(x, dtype=x.dtype)
    else:
        kept = [i for i in range(x.ndim) if i not in axis]
        flat = x.permute(*kept, *axis).reshape(
            *(shape[i] for i in kept), math.prod(shape[i] for i in axis)
        )
        out = torch.prod(flat, -1, dtype=x.dtype)
    if keepdims:
        out = out.reshape([1 if axis is None or i in axis else n for i, n in enumerate(shape)])
    return out


def _reduce(
    name: str, x: torch.Tensor, axis: tuple[int, ...] | None, keepdims: bool
) -> torch.Tensor:
    """``sum``, ``prod``, ``max`` or ``min`` of ``x`` in its own dtype over a non-empty
    ``axis`` (None: all axes)."""
    if name == "sum":
        return torch.sum(x, dim=axis, keepdim=keepdims, dtype=x.dtype)
    if name == "prod":
        return _prod(x, axis, keepdims)
    op = torch.amax if name == "max" else torch.amin
    return op(x, dim=() if axis is None else axis, keepdim=keepdims)


# -- indexing --------------------------------------------------------------------------------
def _is_basic(key: tuple) -> bool:
    """Whether torch indexes ``x[key]`` as NumPy does without help: only ints, slices with
    positive steps, None and the ellipsis."""
    for k in key:
        if type(k) is slice:
            if k.step is not None and k.step < 0:
                return False
        elif type(k) is not int and k is not None and k is not Ellipsis:
            return False
    return True


def _span(k: Any) -> int:
    """The number of axes of the indexed array that key item ``k`` consumes."""
    if k is None:
        return 0
    return k.ndim if isinstance(k, torch.Tensor) and k.dtype == torch.bool else 1


def _expand(ndim: int, key: tuple) -> tuple:
    """``key`` with its ellipsis replaced by full slices."""
    for i, k in enumerate(key):
        if k is Ellipsis:
            fill = (slice(None),) * (ndim - sum(_span(k) for k in key if k is not Ellipsis))
            return key[:i] + fill + key[i + 1 :]
    return key


def _native_key(x: torch.Tensor, key: tuple) -> tuple[torch.Tensor, tuple]:
    """``(y, k)`` such that torch's ``y[k]`` is NumPy's ``x[key]`` (``y`` is ``x`` or a view).

    With index arrays present, NumPy counts ints and 0-d index arrays as advanced indices: they
    decide where the indexed axes go. torch takes them as basic indices, so they become int64
    arrays of shape (1,)*k that broadcast like them. A 0-d boolean array is a new axis of ``x``
    indexed by the positions of its true value. Integer index arrays of dtypes torch does not
    index with become int64 (torch would read uint8 as a mask).
    """
    if not any(isinstance(k, torch.Tensor) for k in key):
        return x, key
    key = _expand(x.ndim, key)
    rank = max(1 if k.dtype == torch.bool else k.ndim for k in key if isinstance(k, torch.Tensor))
    ones = (1,) * rank
    out: list[Any] = []
    axis = 0
    for k in key:
        if isinstance(k, torch.Tensor):
            if k.dtype == torch.bool:
                if k.ndim == 0:
                    x = x.unsqueeze(axis)
                    k = k.reshape(1).nonzero().reshape(-1)
            else:
                if k.dtype not in (torch.int64, torch.int32):
                    k = k.to(torch.int64)
                if k.ndim == 0 and rank:
                    k = k.reshape(ones)
        elif type(k) is int and rank:
            k = torch.full(ones, k, dtype=torch.int64, device=x.device)
        axis += _span(k)
        out.append(k)
    return x, tuple(out)


def _split_negative_steps(x: torch.Tensor, key: tuple) -> tuple[tuple, list[int], tuple] | None:
    """For a key with negative slice steps: ``(outer, flips, inner)`` such that
    ``x[outer].flip(flips)[inner]`` is NumPy's ``x[key]``. ``outer`` holds only slices with
    positive steps (one per axis of ``x``, so ``x[outer]`` is a view of the same rank);
    ``inner`` the rest of the key. None when the key has no negative step."""
    if not any(type(k) is slice and k.step is not None and k.step < 0 for k in key):
        return None
    outer: list[slice] = []
    inner: list[Any] = []
    flips: list[int] = []
    for k in _expand(x.ndim, key):
        if type(k) is slice:
            start, stop, step = k.indices(x.shape[len(outer)])
            if step < 0:
                count = len(range(start, stop, step))
                flips.append(len(outer))
                k = slice(start + (count - 1) * step, start + 1, -step) if count else slice(0, 0)
            outer.append(k)
            inner.append(slice(None))
        else:
            outer.extend([slice(None)] * _span(k))
            inner.append(k)
    return tuple(outer), flips, tuple(inner)


# -- errors ----------------------------------------------------------------------------------
_TYPE_TEXT = re.compile(
    r"not implemented for|can't be cast|expected scalar type|must have the same dtype"
)
_SHAPE_TEXT = re.compile(r"size|shape|dimension|cannot be multiplied|broadcast", re.IGNORECASE)


class TorchBackend(Backend):
    name = "torch"
    native_types = (torch.Tensor,)
    mutable = True
    checks_index_bounds = False  # the frontend checks: a CUDA kernel would device-assert
    max_dimensions = 64  # torch allows more, but NumPy conversion (__array__, to_numpy) does not

    def __init__(self) -> None:
        self._devices: list[Device] | None = None
        self._targets: dict[Device, torch.device] = {CPU: torch.device("cpu")}

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
        kwargs = {
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
        py = complex if complex_ else float
        if div > 0:
            step = delta / div
            y = y * py(step) if step != 0 else (y / div) * py(delta)
        else:
            y = y * py(delta)
        y = y + py(start)
        if endpoint and num > 1:
            y[-1] = py(stop)
        return y.to(_TORCH[dtype])

    def eye(self, n_rows: int, n_cols: int, k: int, dtype: DType, device: Device) -> torch.Tensor:
        out = torch.zeros((n_rows, n_cols), dtype=_TORCH[dtype], device=self._target(device))
        out.diagonal(k).fill_(1)
        return out

    def astype(self, x: torch.Tensor, dtype: DType, copy: bool) -> torch.Tensor:
        return x.to(_TORCH[dtype], copy=copy)

    # -- elementwise ---------------------------------------------------------------------------
    def kernel(self, name: str, dtype: DType) -> Callable | None:
        return _kernel(name, dtype)

    def where(self, condition: torch.Tensor, x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        return torch.where(condition, x1, x2)

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
        return torch.var(x, dim=axis, correction=correction, keepdim=keepdims)

    # -- linear algebra and manipulation --------------------------------------------------------
    def matmul(self, x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
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
        # torch's binary search compares with `<`, which NaN breaks: search on integer keys
        return torch.searchsorted(_search_key(x1), _search_key(x2), right=side == "right")

    def cumulative(self, name: str, x: torch.Tensor, axis: int, dtype: DType) -> torch.Tensor:
        fn = torch.cumsum if name == "sum" else torch.cumprod
        # dtype= always: without it torch accumulates every integer dtype in int64, which the
        # result would keep (and ``.view`` of it would read as 4 or 2 times as many elements)
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

    def vmap(self, fn: Callable, args: Sequence[Any]) -> Any:
        return tuple(torch.func.vmap(lambda *xs: tuple(fn(*xs)))(*args))

    # -- the linalg extension ------------------------------------------------------------------
    def linalg_cholesky(self, x: torch.Tensor, upper: bool) -> torch.Tensor:
        return torch.linalg.cholesky(x, upper=upper)

    def linalg_det(self, x: torch.Tensor) -> torch.Tensor:
        return torch.linalg.det(x)

    def linalg_inv(self, x: torch.Tensor) -> torch.Tensor:
        return torch.linalg.inv(x)

    def linalg_slogdet(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        sign, logabsdet = torch.linalg.slogdet(x)
        return sign, logabsdet

    def linalg_eigh(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        w, v = torch.linalg.eigh(x)
        return w, v

    def linalg_eigvalsh(self, x: torch.Tensor) -> torch.Tensor:
        return torch.linalg.eigvalsh(x)

    def linalg_eig(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        w, v = torch.linalg.eig(x)
        return w, v

    def linalg_eigvals(self, x: torch.Tensor) -> torch.Tensor:
        return torch.linalg.eigvals(x)

    def linalg_qr(self, x: torch.Tensor, mode: str) -> tuple[torch.Tensor, torch.Tensor]:
        q, r = torch.linalg.qr(x, mode=mode)
        return q, r

    def linalg_svd(
        self, x: torch.Tensor, full_matrices: bool
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        u, s, vh = torch.linalg.svd(x, full_matrices=full_matrices)
        return u, s, vh

    def linalg_svdvals(self, x: torch.Tensor) -> torch.Tensor:
        return torch.linalg.svdvals(x)

    def linalg_solve(self, x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        return torch.linalg.solve(x1, x2)

    # -- the fft extension ---------------------------------------------------------------------
    def fft_fft(self, x: torch.Tensor, n: int, axis: int, norm: str) -> torch.Tensor:
        return torch.fft.fft(x, n=n, dim=axis, norm=norm)

    def fft_ifft(self, x: torch.Tensor, n: int, axis: int, norm: str) -> torch.Tensor:
        return torch.fft.ifft(x, n=n, dim=axis, norm=norm)

    def fft_rfft(self, x: torch.Tensor, n: int, axis: int, norm: str) -> torch.Tensor:
        return torch.fft.rfft(x, n=n, dim=axis, norm=norm)

    def fft_irfft(self, x: torch.Tensor, n: int, axis: int, norm: str) -> torch.Tensor:
        return torch.fft.irfft(x, n=n, dim=axis, norm=norm)

    def fft_hfft(self, x: torch.Tensor, n: int, axis: int, norm: str) -> torch.Tensor:
        return torch.fft.hfft(x, n=n, dim=axis, norm=norm)

    def fft_ihfft(self, x: torch.Tensor, n: int, axis: int, norm: str) -> torch.Tensor:
        return torch.fft.ihfft(x, n=n, dim=axis, norm=norm)

    def fft_fftn(
        self, x: torch.Tensor, s: tuple[int, ...], axes: tuple[int, ...], norm: str
    ) -> torch.Tensor:
        return torch.fft.fftn(x, s=s, dim=axes, norm=norm)

    def fft_ifftn(
        self, x: torch.Tensor, s: tuple[int, ...], axes: tuple[int, ...], norm: str
    ) -> torch.Tensor:
        return torch.fft.ifftn(x, s=s, dim=axes, norm=norm)

    def fft_rfftn(
        self, x: torch.Tensor, s: tuple[int, ...], axes: tuple[int, ...], norm: str
    ) -> torch.Tensor:
        return torch.fft.rfftn(x, s=s, dim=axes, norm=norm)

    def fft_irfftn(
        self, x: torch.Tensor, s: tuple[int, ...], axes: tuple[int, ...], norm: str
    ) -> torch.Tensor:
        return torch.fft.irfftn(x, s=s, dim=axes, norm=norm)


#: float dtype -> the signed integer dtype of its width (for order keys)
_FLOAT_BITS = {_TORCH[f]: _TORCH[i] for f, i in INT_OF_FLOAT.items()}


def _order_key(x: torch.Tensor) -> torch.Tensor:
    """A tensor that torch's sort/argmax order as NumPy orders ``x``: bool as uint8, and
    uint16/32/64 (few kernels) as the signed dtype of their width with the sign bit flipped."""
    if x.dtype == torch.bool:
        return x.to(torch.uint8)
    signed = _SIGNED.get(x.dtype)
    if signed is not None:
        return x.view(signed) ^ _SIGN_BIT[signed]
    return x


def _from_order_key(k: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """The values of dtype ``dtype`` whose :func:`_order_key` is ``k``."""
    if dtype == torch.bool:
        return k.to(torch.bool)
    signed = _SIGNED.get(dtype)
    if signed is not None:
        return (k ^ _SIGN_BIT[signed]).view(dtype)
    return k


def _search_key(x: torch.Tensor) -> torch.Tensor:
    """Integers whose order is NumPy's order of ``x``; floats by their bits, negative ones with
    the magnitude bits flipped, -0.0 as 0.0 and every NaN above +inf."""
    ibits = _FLOAT_BITS.get(x.dtype)
    if ibits is None:
        return _order_key(x)
    width = torch.iinfo(ibits).bits
    top = 2 ** (width - 1) - 1
    bits = (x + 0.0).view(ibits)  # -0.0 + 0.0 is +0.0
    key = bits ^ ((bits >> (width - 1)) & top)
    return key.masked_fill(torch.isnan(x), top)


def _cloning(fn: Callable) -> Callable:
    """``fn`` called on copies of its tensor arguments: arrayshim's ``x[i] = v`` writes in place,
    which must neither change the caller's arrays nor a tensor torch.func differentiates."""

    def cloned(*xs: Any) -> Any:
        return fn(*(x.clone() if isinstance(x, torch.Tensor) else x for x in xs))

    return cloned
