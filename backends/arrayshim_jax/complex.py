"""The JAX adapter's complex functions with C99's (NumPy's) values where JAX's kernels give
others: signed zeros (``sin(-0 - 1.5j)`` is ``-0 - 2.13j``), infinite and NaN parts
(``exp(-inf + inf j)`` is ``0 + 0j``, ``sqrt(nan + inf j)`` is ``inf + inf j``). Each is a
composition of ``jax.numpy`` ops on the real and imaginary parts (``lax.complex`` keeps their
zeros' signs), so it traces under ``jax.jit``, ``jax.grad`` and ``jax.vmap``.

Symmetries do most of the work, as in C99 and NumPy's npymath: ``asinh``/``atanh`` are odd and
conjugate-symmetric (computed on ``|a| + |b| i``, signs put back), ``asin(z) = -i asinh(iz)``,
``atan(z) = -i atanh(iz)``, ``tan(z) = -i tanh(iz)`` (parts swapped, no multiplication)."""

from __future__ import annotations

import math
from typing import Any

import jax.numpy as jnp
from jax import lax


def _parts(z: Any) -> tuple[Any, Any]:
    return jnp.real(z), jnp.imag(z)


def _c(re: Any, im: Any) -> Any:
    return lax.complex(re, im)


def _full(like: Any, value: float) -> Any:
    return jnp.full_like(like, value)


def _plus_zero(x: Any) -> Any:
    """``x`` with ``-0.0`` as ``+0.0`` (``x + 0.0``, which XLA folds away inside ``jax.jit``)."""
    return jnp.where(x == 0, jnp.zeros_like(x), x)


def _finite(a: Any, b: Any) -> Any:
    return jnp.isfinite(a) & jnp.isfinite(b)


def abs_(z: Any) -> Any:
    """``|z|``, infinite when a part is (``|nan + inf j|`` is ``inf``, as hypot)."""
    a, b = _parts(z)
    return jnp.where(jnp.isinf(a) | jnp.isinf(b), _full(a, math.inf), jnp.abs(z))


def exp(z: Any) -> Any:
    """C99's ``cexp``: ``exp(x ± 0j)`` keeps the zero, ``exp(-inf + yj)`` is ``±0 ± 0j``,
    ``exp(inf + nan j)`` is ``inf + nan j``."""
    a, b = _parts(z)
    ea = jnp.exp(a)
    safe_b = jnp.where(jnp.isfinite(b), b, jnp.zeros_like(b))
    re = ea * jnp.cos(safe_b)
    im = jnp.where(b == 0, b, ea * jnp.sin(safe_b))
    re = jnp.where(jnp.isinf(a) & (a > 0) & (b == 0), ea, re)
    nan = _full(a, math.nan)
    zero = jnp.zeros_like(a)
    bad_b = ~jnp.isfinite(b)
    re = jnp.where(bad_b, jnp.where(a == -math.inf, zero, jnp.where(a == math.inf, ea, nan)), re)
    im = jnp.where(
        bad_b,
        jnp.where(a == -math.inf, jnp.where(jnp.isnan(b), zero, jnp.copysign(zero, b)), nan),
        im,
    )
    re = jnp.where(jnp.isnan(a), nan, re)
    im = jnp.where(jnp.isnan(a) & (b != 0), nan, im)
    return _c(re, im)


def expm1(z: Any) -> Any:
    """JAX's ``expm1`` for finite numbers (``expm1(-0+0j)`` as ``0+0j``, a zero imaginary part
    kept); for an infinite or NaN part the standard's ``exp(z) - 1``."""
    a, b = _parts(z)
    re, im = _parts(jnp.expm1(z))
    finite = _c(_plus_zero(re), jnp.where(b == 0, b, im))
    e_re, e_im = _parts(exp(z))
    return jnp.where(_finite(a, b), finite, _c(e_re - 1, e_im))


def log(z: Any) -> Any:
    """JAX's ``log`` for finite non-zero numbers; elsewhere (and where it overflows) C99's
    ``log(hypot(a, b)) + i atan2(b, a)``: ``log(nan + inf j)`` is ``inf + nan j``."""
    a, b = _parts(z)
    r = jnp.log(z)
    formula = _c(jnp.log(jnp.hypot(a, b)), jnp.arctan2(b, a))
    r_re, r_im = _parts(r)
    use = ~_finite(a, b) | ((a == 0) & (b == 0)) | ~_finite(r_re, r_im)
    return jnp.where(use, formula, r)


def log_base(base: float) -> Any:
    scale = 1 / math.log(base)

    def kernel(z: Any) -> Any:
        re, im = _parts(log(z))
        return _c(re * scale, im * scale)

    return kernel


def log1p(z: Any) -> Any:
    """JAX's ``log1p`` for finite numbers, a zero real part +0 and a zero imaginary part signed as
    ``b``; for infinite or NaN parts (and the pole) NumPy's ``log(hypot(a + 1, b)) + i atan2(b,
    a + 1)``."""
    a, b = _parts(z)
    a1 = a + 1
    formula = _c(jnp.log(jnp.hypot(a1, b)), jnp.arctan2(b, a1))
    re, im = _parts(jnp.log1p(z))
    r = _c(_plus_zero(re), jnp.where(im == 0, b * 0, im))
    pole = (a1 == 0) & (b == 0)
    return jnp.where(_finite(a, b) & ~pole, r, formula)


def sqrt(z: Any) -> Any:
    """C99's ``csqrt``: the root of ``a + |b| i`` with the imaginary part signed as ``b``, and the
    special values (``sqrt(x ± inf j)`` is ``inf ± inf j`` for every ``x``, NaN included)."""
    a, b = _parts(z)
    re, im = _parts(jnp.sqrt(_c(a, jnp.abs(b))))
    inf, nan, zero = _full(a, math.inf), _full(a, math.nan), jnp.zeros_like(a)
    re = jnp.where(
        a == math.inf, inf, jnp.where(a == -math.inf, jnp.where(jnp.isnan(b), nan, zero), re)
    )
    im = jnp.where(
        a == math.inf,
        jnp.where(jnp.isnan(b), nan, zero),
        jnp.where(a == -math.inf, inf, im),
    )
    nan_in = (jnp.isnan(a) | jnp.isnan(b)) & ~jnp.isinf(a)
    re = jnp.where(nan_in, nan, re)
    im = jnp.where(nan_in, nan, im)
    re = jnp.where(jnp.isinf(b), inf, re)
    im = jnp.where(jnp.isinf(b), inf, im)
    return _c(re, jnp.copysign(im, b))


def sinh(z: Any) -> Any:
    """``sinh(a)cos(b) + i cosh(a)sin(b)`` for finite numbers (JAX loses zeros' signs), C99's
    ``csinh`` special values for the rest (``sinh(inf + nan j)`` is ``inf + nan j``)."""
    a, b = _parts(z)
    re = jnp.where(b == 0, jnp.sinh(a), jnp.sinh(a) * jnp.cos(b))
    im = jnp.where(b == 0, b, jnp.cosh(a) * jnp.sin(b))
    return _hyperbolic_special(a, b, re, im, odd=True)


def cosh(z: Any) -> Any:
    """``cosh(a)cos(b) + i sinh(a)sin(b)`` for finite numbers, C99's ``ccosh`` special values
    for the rest."""
    a, b = _parts(z)
    re = jnp.where(b == 0, jnp.cosh(a), jnp.cosh(a) * jnp.cos(b))
    im = jnp.where((b == 0) | (a == 0), a * b, jnp.sinh(a) * jnp.sin(b))
    return _hyperbolic_special(a, b, re, im, odd=False)


def _hyperbolic_special(a: Any, b: Any, re: Any, im: Any, odd: bool) -> Any:
    """``re + i im`` (finite inputs) with C99's values of csinh (``odd``) or ccosh for an
    infinite or NaN part."""
    inf, nan, zero = _full(a, math.inf), _full(a, math.nan), jnp.zeros_like(a)
    finite_b = jnp.isfinite(b)
    safe_b = jnp.where(finite_b, b, zero)
    a_inf = jnp.isinf(a)
    # a = ±inf: b = 0 keeps the zero, finite b gives inf * cis(b), else inf + nan j
    inf_re = jnp.where(finite_b, (jnp.copysign(inf, a) if odd else inf) * jnp.cos(safe_b), inf)
    inf_im = jnp.where(
        finite_b,
        jnp.where(
            b == 0,
            b if odd else jnp.copysign(zero, jnp.sign(a) * jnp.copysign(_full(a, 1.0), b)),
            (inf if odd else jnp.copysign(inf, a)) * jnp.sin(safe_b),
        ),
        nan,
    )
    # a NaN: b = 0 keeps the zero, else NaN + NaN j
    nan_im = jnp.where(b == 0, b, nan)
    # a finite, b infinite or NaN: a = 0 gives ±0 + nan j (sinh) / nan ± 0 j (cosh)
    bad_re = jnp.where(a == 0, a, nan) if odd else nan
    bad_im = nan if odd else jnp.where(a == 0, zero, nan)
    re = jnp.where(a_inf, inf_re, jnp.where(jnp.isnan(a), nan, jnp.where(finite_b, re, bad_re)))
    im = jnp.where(a_inf, inf_im, jnp.where(jnp.isnan(a), nan_im, jnp.where(finite_b, im, bad_im)))
    return _c(re, im)


def _times_i_inverse(fn: Any) -> Any:
    """``z -> -i fn(i z)``, with the parts swapped instead of multiplied."""

    def kernel(z: Any) -> Any:
        a, b = _parts(z)
        u, v = _parts(fn(_c(-b, a)))
        return _c(v, -u)

    return kernel


def cos(z: Any) -> Any:
    """``cos(z) = cosh(i z)``."""
    a, b = _parts(z)
    return cosh(_c(-b, a))


def tanh(z: Any, c99: bool = False) -> Any:
    """JAX's ``tanh`` with C99's values where a part is zero, infinite or NaN: ``tanh(±inf + bj)``
    is ``±1 + 0j`` signed as ``b``, ``tanh(a ± 0j)`` keeps the zero, ``tanh(±0 + nan j)`` is
    ``±0 + nan j``."""
    a, b = _parts(z)
    re, im = _parts(jnp.tanh(z))
    re = jnp.where(b == 0, jnp.tanh(a), re)
    im = jnp.where(b == 0, b, im)
    zero_nan = (a == 0) & ~jnp.isfinite(b)
    re = jnp.where(zero_nan, a, re)
    im = jnp.where(zero_nan, _full(a, math.nan), im)
    infinite = jnp.isinf(a)
    re = jnp.where(infinite, jnp.sign(a), re)
    sign_of = (
        jnp.where(jnp.isfinite(b), jnp.sin(2 * jnp.where(jnp.isfinite(b), b, 0)), b) if c99 else b
    )
    im = jnp.where(infinite, jnp.copysign(jnp.zeros_like(b), sign_of), im)
    return _c(re, im)


def _tanh_c99(z: Any) -> Any:
    """``tanh`` with C99's sign of the zero in ``tanh(±inf + bj)`` (``sin(2b)``'s), for ``tan``."""
    return tanh(z, c99=True)


def _odd_conjugate(fn: Any) -> Any:
    """An odd, conjugate-symmetric function computed on ``|a| + |b| i``, signs put back."""

    def kernel(z: Any) -> Any:
        a, b = _parts(z)
        u, v = _parts(fn(_c(jnp.abs(a), jnp.abs(b))))
        return _c(jnp.copysign(u, a), jnp.copysign(v, b))

    return kernel


_asinh = _odd_conjugate(jnp.arcsinh)
_atanh = _odd_conjugate(jnp.arctanh)


def asinh(z: Any) -> Any:
    """``asinh`` with ``asinh(nan ± 0j)`` as ``nan ± 0j``, and ``nan + nan j`` where one part
    is NaN and the other finite (C99; JAX's large-argument formula gave ``asinh(nan + 1e154j)``
    a finite real part)."""
    a, b = _parts(z)
    u, v = _parts(_asinh(z))
    nan_finite = (jnp.isnan(a) & jnp.isfinite(b) & (b != 0)) | (jnp.isfinite(a) & jnp.isnan(b))
    u = jnp.where(nan_finite, _full(a, math.nan), u)
    v = jnp.where(nan_finite, _full(a, math.nan), v)
    return _c(u, jnp.where(jnp.isnan(a) & (b == 0), b, v))


def atanh(z: Any) -> Any:
    """``atanh`` with C99's values for NaN parts: ``atanh(nan + yj)`` is ``nan + nan j`` for
    finite ``y``, ``atanh(±0 + nan j)`` is ``±0 + nan j``, ``atanh(±inf + nan j)`` is
    ``±0 + nan j``, ``atanh(nan ± inf j)`` is ``±0 ± pi/2 j``."""
    a, b = _parts(z)
    u, v = _parts(_atanh(z))
    nan, zero = _full(a, math.nan), jnp.zeros_like(a)
    nan_a = jnp.isnan(a) & ~jnp.isinf(b)
    u = jnp.where(nan_a, nan, u)
    v = jnp.where(nan_a, nan, v)
    nan_b = jnp.isnan(b) & ~jnp.isnan(a)
    u = jnp.where(
        nan_b, jnp.where(a == 0, a, jnp.where(jnp.isinf(a), jnp.copysign(zero, a), nan)), u
    )
    v = jnp.where(nan_b, nan, v)
    both = jnp.isnan(a) & jnp.isinf(b)
    u = jnp.where(both, zero, u)
    v = jnp.where(both, jnp.copysign(_full(a, math.pi / 2), b), v)
    return _c(u, v)


asin = _times_i_inverse(asinh)
_atan = _times_i_inverse(atanh)


def atan(z: Any) -> Any:
    """``atan(z) = -i atanh(iz)``; ``atan(±inf + nan j)`` is ``±pi/2 + 0j``, as NumPy's."""
    a, b = _parts(z)
    u, v = _parts(_atan(z))
    odd = jnp.isinf(a) & jnp.isnan(b)
    return _c(
        jnp.where(odd, jnp.copysign(_full(a, math.pi / 2), a), u),
        jnp.where(odd, jnp.zeros_like(a), v),
    )


_sin = _times_i_inverse(sinh)


def sin(z: Any) -> Any:
    """``sin(z) = -i sinh(iz)``; ``sin(x ± inf j)`` for a non-finite ``x`` is ``nan + inf j``, as
    NumPy's."""
    a, b = _parts(z)
    u, v = _parts(_sin(z))
    odd = jnp.isinf(b) & ~jnp.isfinite(a)
    return _c(jnp.where(odd, _full(a, math.nan), u), jnp.where(odd, _full(a, math.inf), v))


tan = _times_i_inverse(_tanh_c99)


def acos(z: Any) -> Any:
    """JAX's ``acos`` of ``a + |b| i``, conjugated back for a negative ``b`` (C99's
    ``cacos(conj z) = conj(cacos z)``); ``acos(±0 + nan j)`` is ``pi/2 + nan j``."""
    a, b = _parts(z)
    u, v = _parts(jnp.arccos(_c(a, jnp.abs(b))))
    v = jnp.copysign(v, -b)
    zero_nan = (a == 0) & jnp.isnan(b)
    u = jnp.where(zero_nan, _full(a, math.pi / 2), u)
    other_nan = jnp.isfinite(a) & (a != 0) & jnp.isnan(b)  # acos(x + nan j) is nan + nan j
    u = jnp.where(other_nan, _full(a, math.nan), u)
    v = jnp.where(other_nan, _full(a, math.nan), v)
    return _c(u, v)


def acosh(z: Any) -> Any:
    """JAX's ``acosh`` of ``a + |b| i``, conjugated back for a negative ``b``; ``acosh(±0 + nan
    j)`` is ``nan + pi/2 j``."""
    a, b = _parts(z)
    u, v = _parts(jnp.arccosh(_c(a, jnp.abs(b))))
    v = jnp.copysign(v, b)
    zero_nan = (a == 0) & jnp.isnan(b)
    v = jnp.where(zero_nan, _full(a, math.pi / 2), v)
    # one part NaN, the other finite (not acosh(±0 + nan j)): nan + nan j (C99)
    nan_finite = (jnp.isnan(a) & jnp.isfinite(b)) | (jnp.isfinite(a) & (a != 0) & jnp.isnan(b))
    u = jnp.where(nan_finite, _full(a, math.nan), u)
    v = jnp.where(nan_finite, _full(a, math.nan), v)
    return _c(u, v)


def reciprocal(z: Any) -> Any:
    """NumPy's complex reciprocal (Smith's method), which keeps NumPy's signed zeros
    (``reciprocal(0.5+0j)`` is ``2-0j``)."""
    a, b = _parts(z)
    by_real = jnp.abs(b) <= jnp.abs(a)
    r1 = b / a
    d1 = a + b * r1
    r2 = a / b
    d2 = a * r2 + b
    re = jnp.where(by_real, 1 / d1, r2 / d2)
    im = jnp.where(by_real, -r1 / d1, -1 / d2)
    return _c(re, im)


#: op name -> the complex kernel used instead of JAX's
KERNELS = {
    "abs": abs_,
    "exp": exp,
    "expm1": expm1,
    "log": log,
    "log2": log_base(2),
    "log10": log_base(10),
    "log1p": log1p,
    "sqrt": sqrt,
    "sinh": sinh,
    "cosh": cosh,
    "sin": sin,
    "cos": cos,
    "tan": tan,
    "tanh": tanh,
    "asinh": asinh,
    "atanh": atanh,
    "asin": asin,
    "atan": atan,
    "acos": acos,
    "acosh": acosh,
    "reciprocal": reciprocal,
}
