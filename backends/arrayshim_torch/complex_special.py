"""Complex ``exp``, ``sinh``, ``cosh``, ``tanh``, ``sqrt`` and the inverse functions at special
inputs, from real-valued torch operators only: the kernels the adapter uses where CUDA's complex
kernels give other special values than the CPU's (``cuda.DIFFERS``, issue 13).

An input is *special* when a part is infinite, NaN or zero (for ``sqrt`` that includes the
negative real axis). There the values are C99's Annex G (the Array API standard's special cases)
with NumPy's choices where C99 leaves a sign unspecified (checked against NumPy 2.4 by
``tests/test_complex_special.py``); everywhere else each kernel is the CPU's kernel (the raw torch
kernel, or its NumPy correction in ``kernels.py``), whose values CUDA shares.

C99 defines the circular functions by the hyperbolic ones, and so does this module:
``cos(z) = cosh(iz)``, ``sin(z) = -i sinh(iz)``, ``tan(z) = -i tanh(iz)``,
``asin(z) = -i asinh(iz)``, ``atan(z) = -i atanh(iz)``. Multiplying by ``i`` is done on the parts
(swap, negate), which keeps infinities and the signs of zeros.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch

from .emulations import _hyperbolic

Parts = tuple[torch.Tensor, torch.Tensor]

_PI = math.pi
#: from here on ``asinh(x) = log(x) + log(2)`` and ``acosh(x)`` likewise, to the last bit (as
#: glibc computes them); torch's real kernels overflow in ``x * x`` beyond about 1e154
_LARGE = 2.0**28
_LN2 = math.log(2.0)

_sinh = _hyperbolic(torch.sinh, odd=True)
_cosh = _hyperbolic(torch.cosh, odd=False)


def special(x: torch.Tensor) -> torch.Tensor:
    """Where a part of complex ``x`` is infinite, NaN or zero."""
    r = torch.view_as_real(x.resolve_conj())
    a, b = r[..., 0], r[..., 1]
    return ~(torch.isfinite(a) & torch.isfinite(b) & (a != 0) & (b != 0))


def _full(like: torch.Tensor, value: float) -> torch.Tensor:
    return torch.full_like(like, value)


def _signed(value: float, sign: torch.Tensor) -> torch.Tensor:
    """``value`` with the sign of ``sign`` (elementwise)."""
    return torch.copysign(_full(sign, value), sign)


def _real_asinh(a: torch.Tensor) -> torch.Tensor:
    """``asinh`` by glibc's formulas (torch's real kernel overflows from about 1e154 and is an
    ulp off glibc's at 1)."""
    x = a.abs()
    t = x * x
    big = torch.log(x) + _LN2
    mid = torch.log(2 * x + 1 / (torch.sqrt(t + 1) + x))
    small = torch.log1p(x + t / (1 + torch.sqrt(1 + t)))
    w = torch.where(x > _LARGE, big, torch.where(x > 2, mid, small))
    return torch.copysign(torch.where(x < 2.0**-28, x, w), a)


def _real_acosh(a: torch.Tensor) -> torch.Tensor:
    """``acosh`` of ``a >= 1`` by glibc's formulas (torch's real kernel overflows from about
    1e154)."""
    big = torch.log(a) + _LN2
    mid = torch.log(2 * a - 1 / (a + torch.sqrt(a * a - 1)))
    t = a - 1
    small = torch.log1p(t + torch.sqrt(2 * t + t * t))
    return torch.where(a > _LARGE, big, torch.where(a > 2, mid, small))


# -- the primitives: (real, imaginary) of f(a + bj) at special inputs -----------------------------
def _exp(a: torch.Tensor, b: torch.Tensor) -> Parts:
    e = torch.exp(a)
    zero_b = b == 0
    re = torch.where(zero_b, e, e * torch.cos(b))  # exp(a ± 0j) = exp(a) ± 0j for every a
    im = torch.where(zero_b, b, e * torch.sin(b))
    nonfinite_b = ~torch.isfinite(b)
    up = (a == math.inf) & nonfinite_b  # exp(+inf + inf j) = inf + nan j (NumPy: +inf)
    down = (a == -math.inf) & nonfinite_b  # exp(-inf ± inf j) = 0 ± 0j (NumPy: b's sign)
    re = torch.where(up, math.inf, torch.where(down, 0.0, re))
    im = torch.where(up, math.nan, torch.where(down, torch.copysign(torch.zeros_like(b), b), im))
    return re, im


def _sinh_parts(a: torch.Tensor, b: torch.Tensor) -> Parts:
    re = _sinh(a) * torch.cos(b)
    im = _cosh(a) * torch.sin(b)
    zero_b = b == 0
    re = torch.where(zero_b, _sinh(a), re)  # sinh(a ± 0j) = sinh(a) ± 0j for every a
    im = torch.where(zero_b, b, im)
    nonfinite_b = ~torch.isfinite(b)
    # sinh(±0 + inf j) = ±0 + nan j; sinh(±inf + inf j) = inf + nan j (NumPy: +inf)
    zero_a = nonfinite_b & (a == 0)
    inf_a = nonfinite_b & torch.isinf(a)
    re = torch.where(zero_a, a, torch.where(inf_a, math.inf, re))
    im = torch.where(zero_a | inf_a, math.nan, im)
    return re, im


def _cosh_parts(a: torch.Tensor, b: torch.Tensor) -> Parts:
    re = _cosh(a) * torch.cos(b)
    im = _sinh(a) * torch.sin(b)
    zero_b = b == 0
    # cosh(a ± 0j) = cosh(a) + 0j, the zero signed as sign(a) * sign(b) (also for a = ±inf,
    # where sinh(a) * 0 is NaN); NumPy's cosh(nan ± 0j) is nan ± 0j
    signed_zero = torch.where(torch.isnan(a), b, torch.copysign(torch.zeros_like(a), a) * b)
    re = torch.where(zero_b, _cosh(a), re)
    im = torch.where(zero_b, signed_zero, im)
    nonfinite_b = ~torch.isfinite(b)
    # cosh(±0 + inf j) = nan + 0j (NumPy: +0 for either zero)
    zero_a = nonfinite_b & (a == 0)
    re = torch.where(zero_a, math.nan, re)
    im = torch.where(zero_a, 0.0, im)
    # cosh(±inf + inf j) = +inf + nan j
    inf_a = nonfinite_b & torch.isinf(a)
    re = torch.where(inf_a, math.inf, re)
    im = torch.where(inf_a, math.nan, im)
    return re, im


def _tanh_parts(a: torch.Tensor, b: torch.Tensor, standard: bool) -> Parts:
    """``standard``: ``tanh(±inf + bj)`` for finite ``b`` is ``±1 + 0j`` with ``b``'s sign (the
    Array API standard, as the CPU kernel ``_tanh_complex``); else with ``sin(2b)``'s (C99 and
    NumPy, which ``tan`` follows)."""
    nan = _full(a, math.nan)
    finite_b = torch.isfinite(b)
    zero_a, zero_b = a == 0, b == 0
    # tanh(±0 + bj) = ±0 + tan(b) j (NaN for an infinite or NaN b)
    re = torch.where(zero_a, a, nan)
    im = torch.where(zero_a, torch.tan(b), nan)
    # tanh(a ± 0j) = tanh(a) ± 0j for every a
    re = torch.where(zero_b, torch.tanh(a), re)
    im = torch.where(zero_b, b, im)
    # tanh(±inf + bj) = ±1 ± 0j
    inf_a = torch.isinf(a)
    zero_sign = b if standard else torch.sin(2 * b)
    re = torch.where(inf_a, torch.copysign(torch.ones_like(a), a), re)
    # b infinite or NaN: ±1 ± 0j (NumPy: b's sign, + for NaN)
    zero_sign = torch.where(finite_b, zero_sign, torch.where(torch.isnan(b), 1.0, b))
    im = torch.where(inf_a, torch.copysign(torch.zeros_like(b), zero_sign), im)
    return re, im


def _asinh_parts(a: torch.Tensor, b: torch.Tensor) -> Parts:
    nan = _full(a, math.nan)
    finite_a, finite_b = torch.isfinite(a), torch.isfinite(b)
    inf_a, inf_b = torch.isinf(a), torch.isinf(b)
    re, im = nan, nan.clone()
    # asinh(±0 + bj), b finite: ±0 + asin(b) j for |b| <= 1, else ±acosh|b| ± pi/2 j
    on_axis = (a == 0) & finite_b
    inside = b.abs() <= 1
    re = torch.where(
        on_axis, torch.where(inside, a, torch.copysign(_real_acosh(b.abs().clamp(min=1)), a)), re
    )
    im = torch.where(
        on_axis, torch.where(inside, torch.asin(b.clamp(-1, 1)), _signed(_PI / 2, b)), im
    )
    # asinh(a ± 0j) = asinh(a) ± 0j for every a
    re = torch.where(b == 0, _real_asinh(a), re)
    im = torch.where(b == 0, b, im)
    # asinh(a ± inf j), a finite or infinite: ±inf ± pi/2 j (pi/4 for an infinite a)
    re = torch.where(inf_b & ~torch.isnan(a), _signed(math.inf, a), re)
    im = torch.where(inf_b & finite_a, _signed(_PI / 2, b), im)
    im = torch.where(inf_b & inf_a, _signed(_PI / 4, b), im)
    # asinh(±inf + bj), b finite: ±inf ± 0j; b NaN: ±inf + nan j
    re = torch.where(inf_a, a, re)
    im = torch.where(inf_a & finite_b, torch.copysign(torch.zeros_like(b), b), im)
    # asinh(nan ± inf j) = inf + nan j (NumPy: +inf)
    re = torch.where(torch.isnan(a) & inf_b, math.inf, re)
    return re, im


def _acosh_parts(a: torch.Tensor, b: torch.Tensor) -> Parts:
    nan = _full(a, math.nan)
    finite_a, finite_b = torch.isfinite(a), torch.isfinite(b)
    inf_b = torch.isinf(b)
    re, im = nan, nan.clone()
    # acosh(a ± 0j), a finite: acosh(a) for a >= 1, i acos(a) for |a| < 1, acosh(-a) + i pi
    # below -1; the imaginary part signed as b
    on_axis = finite_a & (b == 0)
    mag = a.abs()
    re_axis = torch.where(mag >= 1, _real_acosh(mag.clamp(min=1)), torch.zeros_like(a))
    im_axis = torch.where(a >= 1, 0.0, torch.where(a <= -1, _PI, torch.acos(a.clamp(-1, 1))))
    re = torch.where(on_axis, re_axis, re)
    im = torch.where(on_axis, torch.copysign(im_axis, b), im)
    # acosh(±0 + bj), b finite nonzero: asinh|b| ± pi/2 j
    off_axis = (a == 0) & finite_b & (b != 0)
    re = torch.where(off_axis, _real_asinh(b.abs()), re)
    im = torch.where(off_axis, _signed(_PI / 2, b), im)
    # acosh(a ± inf j) = inf ± (pi/2, pi/4 or 3 pi/4) j; nan + inf j gives inf + nan j
    re = torch.where(inf_b, math.inf, re)
    angle = torch.where(finite_a, _PI / 2, torch.where(a > 0, _PI / 4, _full(a, 3 * _PI / 4)))
    im = torch.where(inf_b & ~torch.isnan(a), torch.copysign(angle, b), im)
    # acosh(±inf + bj): inf + (0 or pi) j signed as b, b finite; inf + nan j for b NaN
    inf_a = torch.isinf(a)
    re = torch.where(inf_a, math.inf, re)
    im = torch.where(
        inf_a & finite_b, torch.copysign(torch.where(a > 0, 0.0, _full(a, _PI)), b), im
    )
    # acosh(±0 + nan j) = nan + pi/2 j (NumPy)
    im = torch.where((a == 0) & torch.isnan(b), _PI / 2, im)
    return re, im


def _atanh_parts(a: torch.Tensor, b: torch.Tensor) -> Parts:
    nan = _full(a, math.nan)
    finite_b = torch.isfinite(b)
    inf_a, inf_b = torch.isinf(a), torch.isinf(b)
    re, im = nan, nan.clone()
    # atanh(±0 + bj) = ±0 + atan(b) j (b NaN: ±0 + nan j)
    re = torch.where(a == 0, a, re)
    im = torch.where(a == 0, torch.atan(b), im)
    # atanh(a ± 0j), a finite: atanh(a) ± 0j for |a| <= 1; beyond, atanh(1/a) ± pi/2 j
    on_axis = torch.isfinite(a) & (b == 0)
    mag = a.abs()
    inside = mag <= 1
    re = torch.where(on_axis, torch.where(inside, torch.atanh(a), torch.atanh(1 / a)), re)
    im = torch.where(on_axis, torch.where(inside, b, _signed(_PI / 2, b)), im)
    # atanh(a ± inf j) = ±0 ± pi/2 j (a NaN too: NumPy signs the zero as the NaN);
    # atanh(±inf + bj) = ±0 ± pi/2 j (b NaN: ±0 + nan j)
    re = torch.where(inf_b, torch.copysign(torch.zeros_like(a), a), re)
    im = torch.where(inf_b, _signed(_PI / 2, b), im)
    re = torch.where(inf_a, torch.copysign(torch.zeros_like(a), a), re)
    im = torch.where(inf_a & finite_b, _signed(_PI / 2, b), im)
    return re, im


def _sqrt_parts(a: torch.Tensor, b: torch.Tensor) -> Parts:
    nan = _full(a, math.nan)
    finite_a, finite_b = torch.isfinite(a), torch.isfinite(b)
    re, im = nan, nan.clone()
    # sqrt(a ± 0j), a finite: sqrt(a) ± 0j for a >= 0 (sqrt(-0 + 0j) is +0), else 0 ± sqrt(-a) j
    root = torch.sqrt(a.abs())
    on_axis = finite_a & (b == 0)
    re = torch.where(on_axis, torch.where(a >= 0, root, 0.0), re)
    im = torch.where(on_axis, torch.where(a >= 0, b, torch.copysign(root, b)), im)
    # sqrt(±0 + bj), b finite nonzero: t ± t j with t = sqrt(|b| / 2)
    off_axis = (a == 0) & finite_b & (b != 0)
    t = torch.sqrt(b.abs() * 0.5)
    re = torch.where(off_axis, t, re)
    im = torch.where(off_axis, torch.copysign(t, b), im)
    # sqrt(+inf + bj) = inf ± 0j (b NaN: inf + nan j); sqrt(-inf + bj) = 0 ± inf j (b NaN:
    # nan + inf j, NumPy's sign: +inf)
    up, down = a == math.inf, a == -math.inf
    re = torch.where(up, math.inf, torch.where(down & finite_b, 0.0, re))
    im = torch.where(
        up & finite_b,
        torch.copysign(torch.zeros_like(b), b),
        torch.where(down, torch.where(finite_b, _signed(math.inf, b), math.inf), im),
    )
    # sqrt(a ± inf j) = inf ± inf j for every a, NaN included
    inf_b = torch.isinf(b)
    re = torch.where(inf_b, math.inf, re)
    im = torch.where(inf_b, b, im)
    return re, im


# -- multiplying by i on the parts -------------------------------------------------------------
def _times_i(a: torch.Tensor, b: torch.Tensor) -> Parts:
    """``i (a + bj) = -b + aj``."""
    return -b, a


def _times_minus_i(parts: Parts) -> Parts:
    """``-i (a + bj) = b - aj``."""
    return parts[1], -parts[0]


def _sin_parts(a: torch.Tensor, b: torch.Tensor) -> Parts:
    """``-i sinh(iz)``, but NumPy's ``sin(a ± inf j)`` for an infinite or NaN ``a`` is
    ``nan + inf j`` (C99 leaves the sign unspecified; ``-i sinh(iz)`` would give ``-inf``)."""
    re, im = _times_minus_i(_sinh_parts(*_times_i(a, b)))
    return re, torch.where(~torch.isfinite(a) & torch.isinf(b), math.inf, im)


def _asin_parts(a: torch.Tensor, b: torch.Tensor) -> Parts:
    """``-i asinh(iz)``, but NumPy's ``asin(±inf + nan j)`` is ``nan + inf j`` (unspecified
    sign; ``-i asinh(iz)`` would give ``-inf``)."""
    re, im = _times_minus_i(_asinh_parts(*_times_i(a, b)))
    return re, torch.where(torch.isinf(a) & torch.isnan(b), math.inf, im)


_SPECIAL: dict[str, Callable[[torch.Tensor, torch.Tensor], Parts]] = {
    "exp": _exp,
    "sinh": _sinh_parts,
    "cosh": _cosh_parts,
    "tanh": lambda a, b: _tanh_parts(a, b, standard=True),
    "asinh": _asinh_parts,
    "acosh": _acosh_parts,
    "sqrt": _sqrt_parts,
    "cos": lambda a, b: _cosh_parts(*_times_i(a, b)),
    "sin": lambda a, b: _sin_parts(a, b),
    "tan": lambda a, b: _times_minus_i(_tanh_parts(*_times_i(a, b), standard=False)),
    "asin": lambda a, b: _asin_parts(a, b),
    "atan": lambda a, b: _times_minus_i(_atanh_parts(*_times_i(a, b))),
}


def at_special(name: str, ordinary: Callable) -> Callable:
    """The kernel for complex ``name``: ``ordinary`` (the CPU's kernel) where no part of the
    input is infinite, NaN or zero, the real-valued formulas of this module there."""
    formula = _SPECIAL[name]

    def kernel(x: torch.Tensor) -> torch.Tensor:
        x = x.resolve_conj()
        r = torch.view_as_real(x)
        re, im = formula(r[..., 0], r[..., 1])
        return torch.where(special(x), torch.complex(re, im), ordinary(x))

    kernel.__name__ = kernel.__qualname__ = f"{name}_complex_gpu"
    return kernel


NAMES = frozenset(_SPECIAL)
