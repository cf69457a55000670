"""The JAX adapter's elementwise kernels: ``jax.numpy``'s functions by op name, and exact
emulations (compositions of ``jax.numpy`` ops, so they trace under ``jax.jit``, ``jax.grad``
and ``jax.vmap``) where JAX's values differ from NumPy's or the standard's."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
from jax import lax

from arrayshim.backend_api import OPS, DType, negative_power
from arrayshim.backend_api import dtypes as d

from . import complex as _complex

_NATIVE: dict[str, Callable] = {
    "add": jnp.add,
    "subtract": jnp.subtract,
    "multiply": jnp.multiply,
    "divide": jnp.divide,
    "floor_divide": jnp.floor_divide,
    "remainder": jnp.remainder,
    "pow": jnp.power,
    "maximum": jnp.maximum,
    "minimum": jnp.minimum,
    "equal": jnp.equal,
    "not_equal": jnp.not_equal,
    "less": jnp.less,
    "less_equal": jnp.less_equal,
    "greater": jnp.greater,
    "greater_equal": jnp.greater_equal,
    "bitwise_and": jnp.bitwise_and,
    "bitwise_or": jnp.bitwise_or,
    "bitwise_xor": jnp.bitwise_xor,
    "bitwise_left_shift": jnp.left_shift,
    "bitwise_right_shift": jnp.right_shift,
    "logical_and": jnp.logical_and,
    "logical_or": jnp.logical_or,
    "logical_xor": jnp.logical_xor,
    "negative": jnp.negative,
    "positive": jnp.positive,
    "abs": jnp.abs,
    "bitwise_invert": jnp.invert,
    "logical_not": jnp.logical_not,
    "exp": jnp.exp,
    "log": jnp.log,
    "sqrt": jnp.sqrt,
    "sin": jnp.sin,
    "cos": jnp.cos,
    "tanh": jnp.tanh,
    "tan": jnp.tan,
    "acos": jnp.arccos,
    "asin": jnp.arcsin,
    "atan": jnp.arctan,
    "cosh": jnp.cosh,
    "sinh": jnp.sinh,
    "acosh": jnp.arccosh,
    "asinh": jnp.arcsinh,
    "atanh": jnp.arctanh,
    "expm1": jnp.expm1,
    "log1p": jnp.log1p,
    "log2": jnp.log2,
    "log10": jnp.log10,
    "ceil": jnp.ceil,
    "floor": jnp.floor,
    "trunc": jnp.trunc,
    "round": jnp.round,  # halves to even, as NumPy
    "sign": jnp.sign,
    "square": jnp.square,
    "reciprocal": jnp.reciprocal,
    "conj": jnp.conjugate,
    "real": jnp.real,
    "imag": jnp.imag,
    "isnan": jnp.isnan,
    "isinf": jnp.isinf,
    "isfinite": jnp.isfinite,
    "signbit": jnp.signbit,
    "atan2": jnp.arctan2,
    "copysign": jnp.copysign,
    "hypot": jnp.hypot,
    "logaddexp": jnp.logaddexp,
    "nextafter": jnp.nextafter,
}


def _zero_safe(fn: Callable) -> Callable:
    """Integer ``floor_divide``/``remainder`` giving 0 for a zero divisor, as NumPy (XLA gives
    -1 for ``x // 0``)."""

    def kernel(x1: Any, x2: Any) -> Any:
        zero = x2 == 0
        return jnp.where(zero, jnp.zeros((), x1.dtype), fn(x1, jnp.where(zero, 1, x2)))

    return kernel


def _floor_divide_float(x1: Any, x2: Any) -> Any:
    """Float floor division: NumPy's values (``1 // 0.1`` is 9), and ``floor(x1 / x2)`` where an
    operand is infinite, as the standard prefers (``inf // 2`` is ``inf``, ``-1 // inf`` is
    ``-0``); there ``x1 / x2`` is already the floor."""
    q = jnp.true_divide(x1, x2)
    r = jnp.floor_divide(x1, x2)
    r = jnp.where(r == 0, jnp.copysign(jnp.zeros_like(r), q), r)  # -0 // 1 is -0, as NumPy's
    return jnp.where(jnp.isinf(q) | jnp.isinf(x2), q, r)


def _divide(x1: Any, x2: Any) -> Any:
    """Correctly rounded float division, as NumPy's. XLA rewrites a division by a broadcast
    value (``x / 2.0``, a row of divisors) as a multiplication by its reciprocal, which is off by
    an ulp for about 4 values in 10; an optimization barrier on the broadcast divisor keeps the
    division (eagerly and inside ``jax.jit``), at the cost of materializing it."""
    shape = jnp.broadcast_shapes(x1.shape, x2.shape)
    if x2.shape != shape:
        x2 = lax.optimization_barrier(jnp.broadcast_to(x2, shape))
    return jnp.divide(x1, x2)


def _pow_signed(x1: Any, x2: Any) -> Any:
    """Signed integer power refusing negative exponents, as NumPy does (XLA returns 0 or 1);
    inside ``jax.jit`` the exponents cannot be read and XLA's values stand."""
    if (
        not isinstance(x2, jax.core.Tracer)
        and math.prod(jnp.broadcast_shapes(x1.shape, x2.shape))
        and bool(jnp.any(x2 < 0))
    ):
        raise negative_power()
    return _int_pow_jit(x1, x2)


def _complex_divide(x1: Any, x2: Any) -> Any:
    """NumPy's complex division (Smith's algorithm, NumPy's branch for a zero divisor): XLA's
    gives other infinities' signs and NaN for ``1 / (inf + 1j)`` (NumPy: 0)."""
    shape = jnp.broadcast_shapes(x1.shape, x2.shape)
    x1, x2 = jnp.broadcast_to(x1, shape), jnp.broadcast_to(x2, shape)
    a, b, c, d = jnp.real(x1), jnp.imag(x1), jnp.real(x2), jnp.imag(x2)
    abs_c, abs_d = jnp.abs(c), jnp.abs(d)
    rat1 = d / c
    scl1 = 1 / (c + d * rat1)
    re1, im1 = (a + b * rat1) * scl1, (b - a * rat1) * scl1
    re0, im0 = a / abs_c, b / abs_c
    rat2 = c / d
    scl2 = 1 / (d + c * rat2)
    re2, im2 = (a * rat2 + b) * scl2, (b * rat2 - a) * scl2
    first = abs_c >= abs_d
    zero = (abs_c == 0) & (abs_d == 0)
    re = jnp.where(first, jnp.where(zero, re0, re1), re2)
    im = jnp.where(first, jnp.where(zero, im0, im1), im2)
    return lax.complex(re, im)


def _remainder_float(x1: Any, x2: Any) -> Any:
    """JAX's ``remainder`` (NumPy's values), with NumPy's sign for a zero result: ``x2``'s."""
    r = jnp.remainder(x1, x2)
    return jnp.where(r == 0, jnp.copysign(jnp.zeros_like(r), x2), r)


def _int_pow(x1: Any, x2: Any) -> Any:
    """Integer power by squaring over every bit of the exponent, wrapping as NumPy's: JAX's
    ``power`` reads only the exponent's low 6 bits (``90 ** 20722`` is 0 modulo 2**64, not
    -9033094952598372352)."""
    bits = x2.dtype.itemsize * 8

    def step(_: Any, state: tuple) -> tuple:
        acc, base, e = state
        acc = jnp.where((e & 1) == 1, acc * base, acc)
        return acc, base * base, lax.shift_right_logical(e, jnp.ones((), e.dtype))

    shape = jnp.broadcast_shapes(x1.shape, x2.shape)
    x1, x2 = jnp.broadcast_to(x1, shape), jnp.broadcast_to(x2, shape)
    acc, _, _ = lax.fori_loop(0, bits, step, (jnp.ones_like(x1), x1, x2))
    return acc


# -- real functions XLA computes less accurately than the 8 ulp the conformance suite allows
# (measured against NumPy: sinh/cosh 17 ulp in float64, 24 in float32; log1p/atanh 127 ulp in
# float64 near 0); float32 sinh/cosh run through the float64 formulas and round once
def _log1p64(x: Any) -> Any:
    """``log(u) * x / (u - 1)`` with ``u = 1 + x`` (Goldberg's), ``x`` where ``u`` rounds to 1."""
    u = 1 + x
    safe = jnp.where(u == 1, jnp.full_like(x, 2.0), u)
    r = jnp.log(safe) * (x / (safe - 1))
    return jnp.where(u == 1, x, jnp.where(x == jnp.inf, x, r))


def _atanh64(x: Any) -> Any:
    """``copysign(log1p(2|x| / (1 - |x|)) / 2, x)``."""
    a = jnp.abs(x)
    return jnp.copysign(0.5 * _log1p64(2 * a / (1 - a)), x)


def _hyperbolic64(odd: bool) -> Callable:
    """``sinh`` (``odd``) or ``cosh`` of float64 from ``exp``/``expm1`` of ``|x|``, without
    overflow before the result overflows."""

    def kernel(x: Any) -> Any:
        a = jnp.abs(x)
        big = a > 700
        # one exp for every element (XLA computes both sides of a where): exp(|x|), or
        # exp(|x| / 2) squared where exp(|x|) would overflow first
        e = jnp.exp(jnp.where(big, 0.5 * a, a))
        if odd:
            m = jnp.expm1(jnp.where(a < 1, a, jnp.zeros_like(a)))
            r = jnp.where(a < 1, 0.5 * (m + m / (m + 1)), 0.5 * (e - 1 / e))
        else:
            r = 0.5 * (e + 1 / e)
        r = jnp.where(big, (0.5 * e) * e, r)
        r = jnp.where(jnp.isnan(x), x, r)
        return jnp.copysign(r, x) if odd else r

    return kernel


def _via_float64(fn: Callable) -> Callable:
    def kernel(x: Any) -> Any:
        return fn(lax.convert_element_type(x, jnp.float64)).astype(x.dtype)

    return kernel


def _accurate_real(name: str, dt: DType) -> Callable | None:
    """The float kernels above for ``name`` on ``dt``, None where JAX's own is accurate."""
    if name in ("sinh", "cosh"):
        fn = _hyperbolic64(name == "sinh")
    elif name == "log1p" and dt is d.float64:
        return _log1p64
    elif name == "atanh" and dt is d.float64:
        return _atanh64
    else:
        return None
    if dt is d.float64:
        return fn
    if dt is d.float32 and jax.config.read("jax_enable_x64"):
        return _via_float64(fn)
    return None


def _identity_copy(x: Any) -> Any:
    return jnp.array(x, copy=True)


def _zeros(x: Any) -> Any:
    return jnp.zeros_like(x)


def _nextafter_half(x1: Any, x2: Any) -> Any:
    """float16 ``nextafter`` returning ``x2`` for equal operands, as C's and the standard's."""
    return jnp.where(x1 == x2, x2, jnp.nextafter(x1, x2))


def _sign_complex(x: Any) -> Any:
    """Complex ``sign``: ``z / |z|`` for finite numbers; a NaN part gives ``NaN + NaN j``, one
    infinite part its sign, two NaN (the standard's values)."""
    a, b = jnp.real(x), jnp.imag(x)
    a_inf, b_inf = jnp.isinf(a), jnp.isinf(b)
    nan = (a_inf & b_inf) | jnp.isnan(a) | jnp.isnan(b)
    zero, one, nan_ = jnp.zeros_like(a), jnp.ones_like(a), jnp.full_like(a, math.nan)
    re = jnp.where(nan, nan_, jnp.where(a_inf, jnp.copysign(one, a), zero))
    im = jnp.where(nan, nan_, jnp.where(a_inf, zero, jnp.copysign(one, b)))
    finite = jnp.isfinite(a) & jnp.isfinite(b)
    m = jnp.abs(x)
    zero_m = m == 0
    safe = jnp.where(zero_m, one, m)
    unit = lax.complex(jnp.where(zero_m, zero, a / safe), jnp.where(zero_m, zero, b / safe))
    return jnp.where(finite, unit, lax.complex(re, im))


def _extremum(larger: bool, ties_first: bool) -> Any:
    """Float ``maximum``/``minimum`` as NumPy's, NaN propagated: of two equal operands (``-0.0``
    and ``0.0``) NumPy's float16 kernel returns ``x1``, its float32/64 kernels ``x2``; JAX's
    return ``+0.0`` for a maximum and ``-0.0`` for a minimum."""
    better = jnp.greater if larger else jnp.less

    def kernel(x1: Any, x2: Any) -> Any:
        if ties_first:
            r = jnp.where(better(x2, x1), x2, x1)
        else:
            r = jnp.where(better(x1, x2), x1, x2)
        return jnp.where(jnp.isnan(x1), x1, jnp.where(jnp.isnan(x2), x2, r))

    return kernel


def _sign_float(x: Any) -> Any:
    """``sign`` with ``sign(-0.0)`` as ``+0.0``, as NumPy."""
    s = jnp.sign(x)
    return jnp.where(s == 0, jnp.zeros((), x.dtype), s)  # x + 0.0 would be folded by XLA


def _in_float32(fn: Callable) -> Callable:
    """A float16 op computed in float32 and rounded once (JAX's float16 kernels round every
    step)."""

    def kernel(*xs: Any) -> Any:
        return fn(*(lax.convert_element_type(x, jnp.float32) for x in xs)).astype(jnp.float16)

    return kernel


_int_pow_jit = jax.jit(_int_pow)


def _kernel(name: str, dt: DType) -> Callable | None:
    """The kernel for op ``name`` on operands of ``dt`` (see :meth:`JaxBackend.kernel`): JAX's
    own function, or an emulation compiled as one XLA computation (``jax.jit``), so that it is
    one dispatch and one compilation per shape instead of one per op it is made of."""
    fn = _choose(name, dt)
    if fn is None or fn is _pow_signed or fn in _NATIVE.values():
        return fn  # _pow_signed reads its exponents in Python
    return jax.jit(fn)


def _choose(name: str, dt: DType) -> Callable | None:
    op = OPS[name]
    if dt not in op.accepts:
        return None
    if op.result in ("float", "divide") and dt.kind not in "fc":
        return None  # the frontend computes these in a floating dtype
    kind = dt.kind
    if name in ("real", "conj") and kind != "c":
        return _identity_copy
    if name == "imag" and kind != "c":
        return _zeros
    if name in ("ceil", "floor", "trunc", "round") and kind in "biu":
        return _identity_copy
    if kind == "i" and name == "pow":
        return _pow_signed
    if kind == "u" and name == "pow":
        return _int_pow
    if kind in "iu" and name in ("floor_divide", "remainder"):
        return _zero_safe(_NATIVE[name])
    if kind == "f" and name == "floor_divide":
        return _floor_divide_float
    if kind == "f" and name == "divide":
        return _divide
    if kind == "c" and name == "divide":
        return _complex_divide
    if kind == "f" and name == "remainder":
        return _remainder_float
    if name == "nextafter" and dt is d.float16:
        return _nextafter_half
    if kind == "c" and name == "sign":
        return _sign_complex
    if kind == "c" and name in _complex.KERNELS:
        return _complex.KERNELS[name]
    if kind == "f" and name == "sign":
        return _sign_float
    if kind == "f" and _accurate_real(name, dt) is not None:
        return _accurate_real(name, dt)
    if kind == "f" and name in ("maximum", "minimum"):
        return _extremum(name == "maximum", dt is d.float16)
    return _NATIVE[name]
