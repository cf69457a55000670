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

from arrayshim.backend_api import OPS, ArrayshimValueError, DType, message
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
        raise ArrayshimValueError(
            message(
                "pow",
                "x2",
                "non-negative exponents for an integer base "
                "(integers to negative integer powers are not allowed)",
                "a negative integer exponent",
            )
        )
    return jnp.power(x1, x2)


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
    return jnp.sign(x) + jnp.zeros((), x.dtype)


def _in_float32(fn: Callable) -> Callable:
    """A float16 op computed in float32 and rounded once (JAX's float16 kernels round every
    step)."""

    def kernel(*xs: Any) -> Any:
        return fn(*(lax.convert_element_type(x, jnp.float32) for x in xs)).astype(jnp.float16)

    return kernel


def _kernel(name: str, dt: DType) -> Callable | None:
    """The kernel for op ``name`` on operands of ``dt`` (see :meth:`JaxBackend.kernel`)."""
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
    if kind in "iu" and name in ("floor_divide", "remainder"):
        return _zero_safe(_NATIVE[name])
    if kind == "f" and name == "floor_divide":
        return _floor_divide_float
    if kind in "fc" and name == "divide":
        return _divide
    if name == "nextafter" and dt is d.float16:
        return _nextafter_half
    if kind == "c" and name == "sign":
        return _sign_complex
    if kind == "c" and name in _complex.KERNELS:
        return _complex.KERNELS[name]
    if kind == "f" and name == "sign":
        return _sign_float
    if kind == "f" and name in ("maximum", "minimum"):
        return _extremum(name == "maximum", dt is d.float16)
    return _NATIVE[name]
