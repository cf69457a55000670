"""The PyTorch adapter's exact emulations: kernels composed of torch ops where torch has none for
a dtype or its values differ from NumPy's, and reductions over several axes."""

from __future__ import annotations

import math
from collections.abc import Callable

import torch

from arrayshim.backend_api import (
    negative_power,
)

from .dtypes import _INT64_MAX, _SIGN_BIT, _SIGNED, _WIDE


# -- emulations ------------------------------------------------------------------------------
def _zero_safe(op: Callable) -> Callable:
    """Integer ``floor_divide``/``remainder`` giving 0 where the divisor is 0, as NumPy does."""

    def kernel(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        zero = x2 == 0
        return op(x1, x2.masked_fill(zero, 1)).masked_fill(zero, 0)

    return kernel


def _remainder_float(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """torch's remainder (NumPy's values) with the divisor's sign: NumPy's for zero results
    (torch gives them the dividend's), and already the sign of every other result. The sign is
    set in place on torch's fresh result (autograd and torch.func take that): a second buffer of
    the result's size costs more than the copysign itself."""
    return torch.remainder(x1, x2).copysign_(x2)


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


def _readable(x: torch.Tensor) -> bool:
    """True for a non-empty CPU tensor whose values may be read now (not while dynamo traces,
    not a torch.func wrapper): a data check there is cheaper than a correction everywhere."""
    return (
        x.is_cpu
        and x.numel() > 0
        and not torch.compiler.is_compiling()
        and not torch._C._functorch.is_functorch_wrapped_tensor(x)
    )


def _total(x: torch.Tensor) -> float:
    """The sum of ``x`` (float32 for half types, which would overflow): finite only if every
    element is finite, NaN if one is NaN. One reduction, no array allocated."""
    return (x.sum(dtype=torch.float32) if x.element_size() < 4 else x.sum()).item()


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
        if _readable(x):  # read on the CPU only: a GPU would sync
            lo, hi = torch.aminmax(x)  # one pass; NaN fails the test (then the full route)
            if -edge <= lo.item() and hi.item() <= edge:
                return out  # nothing near the edge
        magnitude = x.abs()
        big = magnitude > edge
        half = torch.exp(magnitude * 0.5)
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
    return torch.real(x.resolve_conj())  # a view, as NumPy's (and as basic slicing is)


def _imag_part(x: torch.Tensor) -> torch.Tensor:
    return torch.imag(x.resolve_conj())  # a view


def _sign_unsigned(x: torch.Tensor) -> torch.Tensor:
    return (x != 0).to(x.dtype)


def _sign_float(x: torch.Tensor) -> torch.Tensor:
    """``torch.sign`` with NaN kept (torch gives 0 for NaN); on the CPU without NaN (a sum
    that is not NaN) torch's kernel alone."""
    if _readable(x) and not math.isnan(_total(x)):
        return torch.sign(x)
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
    and ``-1``). There ``x1 / x2`` is already the floor: infinite, a signed zero, or NaN.
    Finite operands (finite sums, on the CPU) need no correction: torch's kernel gives ``x1 /
    x2`` itself where that is infinite (a zero divisor, an overflow)."""
    if _readable(x1) and _readable(x2) and math.isfinite(_total(x1) + _total(x2)):
        return torch.floor_divide(x1, x2)
    q = torch.div(x1, x2)
    return torch.where(torch.isinf(q) | torch.isinf(x2), q, torch.floor_divide(x1, x2))


def _expm1_complex(x: torch.Tensor, exp: Callable = torch.exp) -> torch.Tensor:
    """Complex ``expm1`` with the standard's special values: ``exp(x) - 1`` for an infinite or
    NaN part (``expm1(inf+0j)`` is ``inf+0j``, ``expm1(-inf+infj)`` is ``-1+0j``), on the parts
    (a complex subtraction would turn an infinite part into NaN). Finite numbers: torch's
    kernel, with ``expm1(-0+0j)`` as the standard's ``0+0j`` (adding +0 to the real part changes
    only a -0, which no other finite input gives). ``exp``: the complex ``exp`` kernel to use
    (on CUDA the one of ``complex_special.py``: CUDA's own gives other special values)."""
    e = exp(x)
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


def _pow_signed(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """Signed integer power refusing negative exponents, as NumPy and TensorFlow do (torch
    returns 0 or garbage)."""
    if math.prod(torch.broadcast_shapes(x1.shape, x2.shape)) and bool((x2 < 0).any()):
        raise negative_power()
    return torch.pow(x1, x2)


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
    whole = axis is None and not keepdims  # without dim arguments: ~0.5-1 µs less per call
    if name == "sum":
        if whole:
            return torch.sum(x, dtype=x.dtype)
        return torch.sum(x, dim=axis, keepdim=keepdims, dtype=x.dtype)
    if name == "prod":
        return _prod(x, axis, keepdims)
    if whole:  # torch.max(x): NaN propagates as in amax; of -0.0 and 0.0 it may return the other
        return torch.max(x) if name == "max" else torch.min(x)
    op = torch.amax if name == "max" else torch.amin
    return op(x, dim=() if axis is None else axis, keepdim=keepdims)
