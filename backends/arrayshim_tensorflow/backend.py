"""TensorFlow adapter.

Kernels are TensorFlow's generated op wrappers (``gen_math_ops.add_v2`` and so on): the same
ops ``tf.math.add`` runs, without its Python dispatch layers (about 14 µs instead of 40 µs per
eager call on CPU). Where TensorFlow has no kernel for a dtype, or its kernel gives other values
than NumPy, the adapter composes TensorFlow ops into an exact emulation, so everything still runs
on GPU, inside ``tf.function`` and under ``GradientTape``. Nothing global in TensorFlow is
changed, except that ``arrayshim.Array`` is registered as convertible to a tensor.

TensorFlow tensors are immutable: ``setitem`` returns a new tensor.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import itertools
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import tensorflow as tf
from tensorflow.python.ops import gen_array_ops, gen_bitwise_ops, gen_math_ops, gen_nn_ops

from arrayshim import Array
from arrayshim.backend_api import (
    CPU,
    INT_OF_FLOAT,
    OPS,
    ArrayshimIndexError,
    ArrayshimTypeError,
    ArrayshimValueError,
    Backend,
    Device,
    DType,
    as_int64,
    message,
    unsupported_dtype,
)
from arrayshim.backend_api import dtypes as d

_TF: dict[DType, tf.DType] = {
    d.bool: tf.bool,
    d.int8: tf.int8,
    d.int16: tf.int16,
    d.int32: tf.int32,
    d.int64: tf.int64,
    d.uint8: tf.uint8,
    d.uint16: tf.uint16,
    d.uint32: tf.uint32,
    d.uint64: tf.uint64,
    d.float16: tf.float16,
    d.float32: tf.float32,
    d.float64: tf.float64,
    d.complex64: tf.complex64,
    d.complex128: tf.complex128,
}
_FROM_TF = {v: k for k, v in _TF.items()}
#: unsigned dtype -> the signed dtype of the same width (for bitcasts)
_SIGNED = {tf.uint8: tf.int8, tf.uint16: tf.int16, tf.uint32: tf.int32, tf.uint64: tf.int64}
_UNSIGNED = {v: k for k, v in _SIGNED.items()}
#: the dtype whose kernel computes an operation for a dtype TensorFlow lacks it in
_MATMUL_IN = {
    tf.int8: tf.int32,
    tf.int16: tf.int32,
    tf.uint8: tf.int64,
    tf.uint16: tf.int64,
    tf.uint32: tf.int64,
}
_POW_IN = {tf.uint8: tf.int64, tf.uint16: tf.int64, tf.uint32: tf.int64}

_NATIVE: dict[str, Callable] = {
    "add": gen_math_ops.add_v2,
    "subtract": gen_math_ops.sub,
    "multiply": gen_math_ops.mul,
    "divide": gen_math_ops.real_div,
    "floor_divide": gen_math_ops.floor_div,
    "remainder": gen_math_ops.floor_mod,
    "pow": gen_math_ops._pow,
    "maximum": gen_math_ops.maximum,
    "minimum": gen_math_ops.minimum,  # both propagate NaN
    "equal": gen_math_ops.equal,
    "not_equal": gen_math_ops.not_equal,
    "less": gen_math_ops.less,
    "less_equal": gen_math_ops.less_equal,
    "greater": gen_math_ops.greater,
    "greater_equal": gen_math_ops.greater_equal,
    "bitwise_and": gen_bitwise_ops.bitwise_and,
    "bitwise_or": gen_bitwise_ops.bitwise_or,
    "bitwise_xor": gen_bitwise_ops.bitwise_xor,
    "bitwise_left_shift": gen_bitwise_ops.left_shift,
    "bitwise_right_shift": gen_bitwise_ops.right_shift,
    "logical_and": gen_math_ops.logical_and,
    "logical_or": gen_math_ops.logical_or,
    "logical_xor": gen_math_ops.not_equal,
    "negative": gen_math_ops.neg,
    "positive": gen_array_ops.identity,
    "abs": gen_math_ops._abs,
    "bitwise_invert": gen_bitwise_ops.invert,
    "logical_not": gen_math_ops.logical_not,
    "exp": gen_math_ops.exp,
    "log": gen_math_ops.log,
    "sqrt": gen_math_ops.sqrt,
    "sin": gen_math_ops.sin,
    "cos": gen_math_ops.cos,
    "tanh": gen_math_ops.tanh,
    "tan": gen_math_ops.tan,
    "acos": gen_math_ops.acos,
    "asin": gen_math_ops.asin,
    "atan": gen_math_ops.atan,
    "cosh": gen_math_ops.cosh,
    "sinh": gen_math_ops.sinh,
    "acosh": gen_math_ops.acosh,
    "asinh": gen_math_ops.asinh,
    "atanh": gen_math_ops.atanh,
    "expm1": gen_math_ops.expm1,
    "log1p": gen_math_ops.log1p,
    "ceil": gen_math_ops.ceil,
    "floor": gen_math_ops.floor,
    "round": gen_math_ops.round,  # halves to even, as NumPy
    "sign": gen_math_ops.sign,
    "square": gen_math_ops.square,
    "reciprocal": gen_math_ops.reciprocal,
    "conj": gen_math_ops.conj,
    "isnan": gen_math_ops.is_nan,
    "isinf": gen_math_ops.is_inf,
    "isfinite": gen_math_ops.is_finite,
    "atan2": gen_math_ops.atan2,
    "nextafter": gen_math_ops.next_after,
}


# -- emulations ------------------------------------------------------------------------------
def _identity(x: tf.Tensor) -> tf.Tensor:
    return x


def _bool_less(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    return gen_math_ops.logical_and(gen_math_ops.logical_not(x1), x2)


def _bool_less_equal(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    return gen_math_ops.logical_or(gen_math_ops.logical_not(x1), x2)


def _bool_greater(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    return gen_math_ops.logical_and(x1, gen_math_ops.logical_not(x2))


def _bool_greater_equal(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    return gen_math_ops.logical_or(x1, gen_math_ops.logical_not(x2))


#: NumPy's bool arithmetic and ordering, as logical ops (False < True)
_BOOL_KERNELS: dict[str, Callable] = {
    "add": gen_math_ops.logical_or,
    "multiply": gen_math_ops.logical_and,
    "maximum": gen_math_ops.logical_or,
    "minimum": gen_math_ops.logical_and,
    "equal": gen_math_ops.equal,
    "not_equal": gen_math_ops.not_equal,
    "less": _bool_less,
    "less_equal": _bool_less_equal,
    "greater": _bool_greater,
    "greater_equal": _bool_greater_equal,
    "bitwise_and": gen_math_ops.logical_and,
    "bitwise_or": gen_math_ops.logical_or,
    "bitwise_xor": gen_math_ops.not_equal,
    "logical_and": gen_math_ops.logical_and,
    "logical_or": gen_math_ops.logical_or,
    "logical_xor": gen_math_ops.not_equal,
    "abs": _identity,
    "bitwise_invert": gen_math_ops.logical_not,
    "logical_not": gen_math_ops.logical_not,
}


def _zero_safe(op: Callable) -> Callable:
    """Integer ``floor_divide``/``remainder`` giving 0 where the divisor is 0, as NumPy does
    (TensorFlow raises on CPU and returns garbage on GPU)."""

    def kernel(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
        nonzero = gen_math_ops.not_equal(x2, 0)
        return gen_math_ops.select_v2(nonzero, op(x1, gen_math_ops.select_v2(nonzero, x2, 1)), 0)

    return kernel


def _floor_divide_float(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """NumPy's float floor division (``npy_floor_divide``): ``(x1 - fmod(x1, x2)) / x2``
    snapped to an integer, and the standard's ``floor(x1 / x2)`` where an operand is infinite.
    TensorFlow's ``floor(x1 / x2)`` differs for finite operands (``1 // 0.1`` is 9, not 10)."""
    quotient = gen_math_ops.real_div(x1, x2)
    mod = gen_math_ops.truncate_mod(x1, x2)  # C fmod
    div = gen_math_ops.real_div(gen_math_ops.sub(x1, mod), x2)
    wrong_sign = gen_math_ops.less(gen_math_ops.mul(mod, gen_math_ops.sign(x2)), 0)
    div = gen_math_ops.select_v2(wrong_sign, gen_math_ops.sub(div, 1), div)
    floor = gen_math_ops.floor(div)
    floor = gen_math_ops.select_v2(
        gen_math_ops.greater(gen_math_ops.sub(div, floor), 0.5),
        gen_math_ops.add_v2(floor, 1),
        floor,
    )
    floor = gen_math_ops.select_v2(
        gen_math_ops.equal(div, 0), gen_math_ops.mul(quotient, 0), floor
    )  # signed zero
    # the standard's floor(x1 / x2) where an operand is infinite (inf // 2 is inf, -1 // inf is
    # -0): there the quotient is already the floor. Division by zero is among these: its quotient
    # is infinite, or NaN (0 / 0, NaN / 0) as the formula's result is
    special = gen_math_ops.logical_or(gen_math_ops.is_inf(quotient), gen_math_ops.is_inf(x2))
    return gen_math_ops.select_v2(special, quotient, floor)


def _remainder_float(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """TensorFlow's ``floor_mod`` (NumPy's values), with NumPy's sign for zero results: x2's."""
    mod = gen_math_ops.floor_mod(x1, x2)
    return gen_math_ops.select_v2(
        gen_math_ops.equal(mod, 0), gen_math_ops.mul(gen_math_ops.sign(x2), 0), mod
    )


def _floor_divide_half(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """float16 floor division computed in float32 and rounded, as NumPy does."""
    f32 = tf.float32
    return gen_math_ops.cast(
        _floor_divide_float(gen_math_ops.cast(x1, f32), gen_math_ops.cast(x2, f32)), tf.float16
    )


def _float64_to_float16(x: tf.Tensor) -> tf.Tensor:
    """float64 rounded once to float16, as NumPy does (TensorFlow's cast goes through float32 and
    rounds twice). Rounding to float32 "to odd" first (truncate, then set the last bit when
    inexact) makes the second rounding exact: float32 keeps more than 11 + 2 bits."""
    near = gen_math_ops.cast(x, tf.float32)
    back = gen_math_ops.cast(near, tf.float64)
    bits = gen_array_ops.bitcast(near, tf.int32)
    bits = gen_math_ops.select_v2(
        gen_math_ops.greater(gen_math_ops._abs(back), gen_math_ops._abs(x)),
        gen_math_ops.sub(bits, 1),
        bits,
    )
    bits = gen_math_ops.select_v2(
        gen_math_ops.not_equal(back, x), gen_bitwise_ops.bitwise_or(bits, 1), bits
    )
    return gen_math_ops.cast(gen_array_ops.bitcast(bits, tf.float32), tf.float16)


def _complex_sqrt(x: tf.Tensor) -> tf.Tensor:
    """TensorFlow's complex sqrt with C99's sign of the imaginary part: that of ``x``'s
    (``sqrt(inf - 0j)`` is ``inf - 0j`` in NumPy; TensorFlow gives ``+0``)."""
    r = gen_math_ops.sqrt(x)
    real_dtype = x.dtype.real_dtype
    imag = gen_math_ops.imag(r, Tout=real_dtype)
    sign = gen_math_ops.imag(x, Tout=real_dtype)
    return gen_math_ops._complex(
        gen_math_ops.real(r, Tout=real_dtype), _copysign(imag, sign), Tout=x.dtype
    )


def _complex_log(x: tf.Tensor) -> tf.Tensor:
    """``log|x| + i*angle(x)`` with an overflow-free ``|x|`` (hypot), as C99's clog and NumPy:
    TensorFlow's squares the parts and gives NaN for ``log(1e300 + 1e300j)``."""
    rd = x.dtype.real_dtype
    magnitude = gen_math_ops.complex_abs(x, Tout=rd)
    angle = gen_math_ops.atan2(gen_math_ops.imag(x, Tout=rd), gen_math_ops.real(x, Tout=rd))
    return gen_math_ops._complex(gen_math_ops.log(magnitude), angle, Tout=x.dtype)


def _complex_pow(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """Complex power with ``z ** 0 == 1`` for every ``z``, as NumPy and C99's cpow
    (TensorFlow gives NaN for ``0 ** 0`` and for infinite or NaN ``z``)."""
    one = tf.constant(1, x1.dtype)
    return gen_math_ops.select_v2(
        gen_math_ops.equal(x2, tf.constant(0, x2.dtype)), one, gen_math_ops._pow(x1, x2)
    )


def _complex_divide(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """NumPy's complex division (Smith's algorithm, NumPy's branch for a zero divisor):
    TensorFlow's textbook formula gives NaN for ``1 / (inf + 1j)``, NumPy 0."""
    rd = x1.dtype.real_dtype
    a, b = gen_math_ops.real(x1, Tout=rd), gen_math_ops.imag(x1, Tout=rd)
    c, d = gen_math_ops.real(x2, Tout=rd), gen_math_ops.imag(x2, Tout=rd)
    abs_c, abs_d = gen_math_ops._abs(c), gen_math_ops._abs(d)
    mul, add, sub, div = (
        gen_math_ops.mul,
        gen_math_ops.add_v2,
        gen_math_ops.sub,
        gen_math_ops.real_div,
    )
    one = tf.constant(1, rd)
    # |c| >= |d|
    rat1 = div(d, c)
    scl1 = div(one, add(c, mul(d, rat1)))
    re1, im1 = mul(add(a, mul(b, rat1)), scl1), mul(sub(b, mul(a, rat1)), scl1)
    # both zero
    re0, im0 = div(a, abs_c), div(b, abs_c)
    # |c| < |d| (and NaN)
    rat2 = div(c, d)
    scl2 = div(one, add(d, mul(c, rat2)))
    re2, im2 = mul(add(mul(a, rat2), b), scl2), mul(sub(mul(b, rat2), a), scl2)
    first = gen_math_ops.greater_equal(abs_c, abs_d)
    zero = gen_math_ops.logical_and(gen_math_ops.equal(abs_c, 0), gen_math_ops.equal(abs_d, 0))
    select = gen_math_ops.select_v2
    re = select(first, select(zero, re0, re1), re2)
    im = select(first, select(zero, im0, im1), im2)
    return gen_math_ops._complex(re, im, Tout=x1.dtype)


def _via(op: Callable, compute: tf.DType, result: tf.DType) -> Callable:
    """``op`` computed in the wider dtype ``compute`` and cast back: exact for integer
    arithmetic, which wraps modulo 2**bits in both."""

    def kernel(*xs: tf.Tensor) -> tf.Tensor:
        return gen_math_ops.cast(op(*(gen_math_ops.cast(x, compute) for x in xs)), result)

    return kernel


def _bitcast_via(op: Callable, unsigned: tf.DType) -> Callable:
    """``op`` on the bits of an unsigned dtype reinterpreted as the signed dtype of its width."""
    signed = _SIGNED[unsigned]

    def kernel(*xs: tf.Tensor) -> tf.Tensor:
        return gen_array_ops.bitcast(op(*(gen_array_ops.bitcast(x, signed) for x in xs)), unsigned)

    return kernel


def _pow_uint64(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """uint64 power computed in int64. Exponents from 2**62 on are replaced by one below 2**63
    that gives the same power modulo 2**64 (every odd base has order dividing 2**62, every even
    base gives 0 from exponent 64 on)."""
    big = gen_math_ops.greater_equal(x2, 2**62)
    x2 = gen_math_ops.select_v2(
        big, gen_bitwise_ops.bitwise_or(gen_bitwise_ops.bitwise_and(x2, 2**62 - 1), 2**62), x2
    )
    return _bitcast_via(gen_math_ops._pow, tf.uint64)(x1, x2)


def _shift_kernel(name: str, dt: tf.DType) -> Callable:
    """Shifts with NumPy's results for counts outside [0, bits): 0, or -1 for negative values
    shifted right. TensorFlow clamps the count to [0, bits - 1]."""
    bits = dt.size * 8
    unsigned = _UNSIGNED.get(dt, dt)

    def in_range(count: tf.Tensor) -> tf.Tensor:
        if dt is not unsigned:
            count = gen_array_ops.bitcast(count, unsigned)
        return gen_math_ops.less(count, bits)

    if name == "bitwise_left_shift":

        def left(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
            return gen_math_ops.select_v2(in_range(x2), gen_bitwise_ops.left_shift(x1, x2), 0)

        return left
    if dt.is_unsigned:

        def right_unsigned(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
            return gen_math_ops.select_v2(in_range(x2), gen_bitwise_ops.right_shift(x1, x2), 0)

        return right_unsigned

    def right_signed(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
        return gen_bitwise_ops.right_shift(
            x1, gen_math_ops.select_v2(gen_math_ops.greater_equal(x2, 0), x2, bits - 1)
        )

    return right_signed


def _in_float32(op: Callable) -> Callable:
    """A float16 op computed in float32 and rounded once, as NumPy computes float16 math."""

    def kernel(*xs: tf.Tensor) -> tf.Tensor:
        return gen_math_ops.cast(op(*(gen_math_ops.cast(x, tf.float32) for x in xs)), tf.float16)

    return kernel


def _parts(op: Callable, real: tf.DType) -> Callable:
    """A complex op applied to the real and imaginary parts separately."""

    def kernel(x: tf.Tensor) -> tf.Tensor:
        re, im = gen_math_ops.real(x, Tout=real), gen_math_ops.imag(x, Tout=real)
        return gen_math_ops._complex(op(re), op(im), Tout=x.dtype)

    return kernel


def _either_part(test: Callable, combine: Callable, real: tf.DType) -> Callable:
    """``isnan``/``isinf``/``isfinite`` of complex numbers: ``test`` on both parts, combined."""

    def kernel(x: tf.Tensor) -> tf.Tensor:
        return combine(test(gen_math_ops.real(x, Tout=real)), test(gen_math_ops.imag(x, Tout=real)))

    return kernel


def _log_base(base: float, dt: tf.DType) -> Callable:
    """``log2``/``log10`` (TensorFlow has neither op): the natural log over ``ln(base)``,
    complex logs part by part (a complex division would turn an infinite part into NaN)."""
    if dt.is_complex:
        real = dt.real_dtype
        scale = _log_base(base, real)

        def complex_kernel(x: tf.Tensor) -> tf.Tensor:
            z = gen_math_ops.log(x)
            return gen_math_ops._complex(
                scale(gen_math_ops.real(z, Tout=real), natural=True),
                scale(gen_math_ops.imag(z, Tout=real), natural=True),
                Tout=dt,
            )

        return complex_kernel
    ln = math.log(base)

    def kernel(x: tf.Tensor, natural: bool = False) -> tf.Tensor:
        return gen_math_ops.real_div(
            x if natural else gen_math_ops.log(x), tf.constant(ln, x.dtype)
        )

    return kernel


def _reciprocal_complex(x: tf.Tensor) -> tf.Tensor:
    """NumPy's complex reciprocal (Smith's method: divide by the larger part first), which keeps
    NumPy's signed zeros (TensorFlow's ``reciprocal(0.5+0j)`` is ``2+0j``, NumPy's ``2-0j``)."""
    real = x.dtype.real_dtype
    a, b = gen_math_ops.real(x, Tout=real), gen_math_ops.imag(x, Tout=real)
    by_real = gen_math_ops.less_equal(gen_math_ops._abs(b), gen_math_ops._abs(a))
    r1 = gen_math_ops.real_div(b, a)
    d1 = gen_math_ops.add_v2(a, gen_math_ops.mul(b, r1))
    r2 = gen_math_ops.real_div(a, b)
    d2 = gen_math_ops.add_v2(gen_math_ops.mul(a, r2), b)
    re = gen_math_ops.select_v2(by_real, gen_math_ops.reciprocal(d1), gen_math_ops.real_div(r2, d2))
    im = gen_math_ops.select_v2(
        by_real,
        gen_math_ops.real_div(gen_math_ops.neg(r1), d1),
        gen_math_ops.neg(gen_math_ops.reciprocal(d2)),
    )
    return gen_math_ops._complex(re, im, Tout=x.dtype)


def _complex_parts(x: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
    real = x.dtype.real_dtype
    return gen_math_ops.real(x, Tout=real), gen_math_ops.imag(x, Tout=real)


def _finite(x: tf.Tensor) -> tf.Tensor:
    a, b = _complex_parts(x)
    return gen_math_ops.logical_and(gen_math_ops.is_finite(a), gen_math_ops.is_finite(b))


def _sign_complex(x: tf.Tensor) -> tf.Tensor:
    """TensorFlow's ``sign`` (``z / |z|``) for finite numbers; otherwise the standard's values:
    a NaN part gives ``NaN + NaN j``, one infinite part gives its sign, two give NaN."""
    a, b = _complex_parts(x)
    a_inf, b_inf = gen_math_ops.is_inf(a), gen_math_ops.is_inf(b)
    nan_ = tf.constant(math.nan, a.dtype)
    zero = gen_array_ops.zeros_like(a)  # not tf.constant(0.0): see _constant
    nan = gen_math_ops.logical_or(
        gen_math_ops.logical_and(a_inf, b_inf),
        gen_math_ops.logical_or(gen_math_ops.is_nan(a), gen_math_ops.is_nan(b)),
    )
    re = gen_math_ops.select_v2(
        nan, nan_, gen_math_ops.select_v2(a_inf, _copysign(gen_array_ops.ones_like(a), a), zero)
    )
    im = gen_math_ops.select_v2(
        nan, nan_, gen_math_ops.select_v2(a_inf, zero, _copysign(gen_array_ops.ones_like(b), b))
    )
    return gen_math_ops.select_v2(
        _finite(x), gen_math_ops.sign(x), gen_math_ops._complex(re, im, Tout=x.dtype)
    )


def _log1p_complex(x: tf.Tensor) -> tf.Tensor:
    """TensorFlow's ``log1p`` for finite numbers, with a zero real part always +0
    (``log(|1 + z|)``) and a zero imaginary part signed as ``b`` (TensorFlow drops it); for
    infinite or NaN parts NumPy's formula ``log(hypot(a + 1, b)) + i atan2(b, a + 1)``."""
    a, b = _complex_parts(x)
    a1 = gen_math_ops.add_v2(a, 1)
    formula = gen_math_ops._complex(
        gen_math_ops.log(_hypot(a1, b)), gen_math_ops.atan2(b, a1), Tout=x.dtype
    )
    r = gen_math_ops.log1p(x)
    re, im = _complex_parts(r)
    im = gen_math_ops.select_v2(
        gen_math_ops.equal(im, 0), gen_math_ops.mul(b, 0), im
    )  # b's sign, as atan2's
    r = gen_math_ops._complex(gen_math_ops.add_v2(re, 0), im, Tout=x.dtype)  # -0 + 0 is +0
    pole = gen_math_ops.logical_and(
        gen_math_ops.equal(a1, 0), gen_math_ops.equal(b, 0)
    )  # log(0): NaN imaginary part
    return gen_math_ops.select_v2(
        gen_math_ops.logical_and(_finite(x), gen_math_ops.logical_not(pole)), r, formula
    )


def _expm1_complex(x: tf.Tensor) -> tf.Tensor:
    """TensorFlow's ``expm1`` for finite numbers, with ``expm1(-0+0j)`` as ``0+0j`` (adding +0 to
    the real part changes only a -0, which no other finite input gives); for an infinite or NaN
    part the standard's ``exp(x) - 1`` on the parts (``expm1(inf+0j)`` is ``inf+0j``,
    ``expm1(-inf+infj)`` is ``-1+0j``)."""
    re, im = _complex_parts(gen_math_ops.expm1(x))
    finite = gen_math_ops._complex(gen_math_ops.add_v2(re, 0), im, Tout=x.dtype)
    e_re, e_im = _complex_parts(_exp_complex(x))
    special = gen_math_ops._complex(gen_math_ops.sub(e_re, 1), e_im, Tout=x.dtype)
    return gen_math_ops.select_v2(_finite(x), finite, special)


def _tanh_complex(x: tf.Tensor) -> tf.Tensor:
    """Complex ``tanh`` with the standard's ``tanh(±inf + bj) = ±1 + 0j·sign(b)`` for finite
    ``b`` (TensorFlow, like C99, signs that zero as ``sin(2b)``)."""
    a, b = _complex_parts(x)
    re, im = _complex_parts(gen_math_ops.tanh(x))
    special = gen_math_ops.logical_and(gen_math_ops.is_inf(a), gen_math_ops.is_finite(b))
    im = gen_math_ops.select_v2(special, _copysign(gen_array_ops.zeros_like(b), b), im)
    return gen_math_ops._complex(re, im, Tout=x.dtype)


def _sqrt_complex(x: tf.Tensor) -> tf.Tensor:
    """C99's ``csqrt(conj(z)) == conj(csqrt(z))``, as NumPy: the root of ``a + |b| i`` with the
    imaginary part signed as ``b`` (TensorFlow drops the sign of ``-0`` and of infinite ``b``)."""
    a, b = _complex_parts(x)
    r = gen_math_ops.sqrt(gen_math_ops._complex(a, gen_math_ops._abs(b), Tout=x.dtype))
    re, im = _complex_parts(r)
    return gen_math_ops._complex(re, _copysign(im, b), Tout=x.dtype)


def _exp_complex(x: tf.Tensor) -> tf.Tensor:
    """TensorFlow's ``exp`` with NumPy's (C99's) values for an infinite imaginary part and an
    infinite real part: ``exp(-inf ± inf j)`` is ``0 ± 0j``, ``exp(inf ± inf j)`` is
    ``inf + nan j`` (TensorFlow's complex64 kernel gives ``-0 ∓ 0j`` and ``-inf + nan j``)."""
    a, b = _complex_parts(x)
    re, im = _complex_parts(gen_math_ops.exp(x))
    both = gen_math_ops.logical_and(gen_math_ops.is_inf(a), gen_math_ops.is_inf(b))
    low = gen_math_ops.logical_and(both, gen_math_ops.less(a, 0))
    zero = gen_array_ops.zeros_like(a)
    re = gen_math_ops.select_v2(
        both, gen_math_ops.select_v2(low, zero, tf.constant(math.inf, a.dtype)), re
    )
    im = gen_math_ops.select_v2(
        both, gen_math_ops.select_v2(low, _copysign(zero, b), tf.constant(math.nan, a.dtype)), im
    )
    return gen_math_ops._complex(re, im, Tout=x.dtype)


def _trunc(x: tf.Tensor) -> tf.Tensor:
    """Rounding toward zero: ``ceil`` below 0, ``floor`` above (signed zeros kept)."""
    return gen_math_ops.select_v2(
        gen_math_ops.less(x, 0), gen_math_ops.ceil(x), gen_math_ops.floor(x)
    )


def _sign_unsigned(x: tf.Tensor) -> tf.Tensor:
    return gen_math_ops.cast(gen_math_ops.not_equal(x, 0), x.dtype)


def _all_false(x: tf.Tensor) -> tf.Tensor:
    """False for every element (``isnan`` of integers, ``signbit`` of unsigned ones)."""
    return gen_math_ops.not_equal(x, x)


def _all_true(x: tf.Tensor) -> tf.Tensor:
    return gen_math_ops.equal(x, x)


def _zeros(x: tf.Tensor) -> tf.Tensor:
    return gen_array_ops.zeros_like(x)


#: the integer dtype of each float's width, for bit manipulation (and order keys)
_BITS = {_TF[f]: _TF[i] for f, i in INT_OF_FLOAT.items()}


def _signbit_float(x: tf.Tensor) -> tf.Tensor:
    return gen_math_ops.less(gen_array_ops.bitcast(x, _BITS[x.dtype]), 0)


def _signbit_int(x: tf.Tensor) -> tf.Tensor:
    return gen_math_ops.less(x, 0)


def _copysign(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """``x1``'s bits without the sign bit, with ``x2``'s sign bit (NaNs included, as NumPy)."""
    ints = _BITS[x1.dtype]
    sign = -(2 ** (ints.size * 8 - 1))  # only the sign bit set
    magnitude = gen_bitwise_ops.bitwise_and(gen_array_ops.bitcast(x1, ints), ~sign)
    signs = gen_bitwise_ops.bitwise_and(gen_array_ops.bitcast(x2, ints), sign)
    return gen_array_ops.bitcast(gen_bitwise_ops.bitwise_or(magnitude, signs), x1.dtype)


def _hypot(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """``big * sqrt(1 + (small / big)**2)``, which neither overflows nor underflows; infinite
    if either operand is (NaN or not, as C's ``hypot``); 0 for two zeros."""
    a, b = gen_math_ops._abs(x1), gen_math_ops._abs(x2)
    big, small = gen_math_ops.maximum(a, b), gen_math_ops.minimum(a, b)
    ratio = gen_math_ops.real_div(small, big)
    out = gen_math_ops.mul(
        big, gen_math_ops.sqrt(gen_math_ops.add_v2(gen_math_ops.mul(ratio, ratio), 1))
    )
    out = gen_math_ops.select_v2(gen_math_ops.equal(big, 0), gen_math_ops.mul(big, 0), out)
    infinite = gen_math_ops.logical_or(gen_math_ops.is_inf(a), gen_math_ops.is_inf(b))
    return gen_math_ops.select_v2(infinite, tf.constant(math.inf, x1.dtype), out)


def _logaddexp(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """NumPy's ``npy_logaddexp``: ``x + ln 2`` for equal operands (infinities included), else
    the larger plus ``log1p(exp(-|x1 - x2|))``; NaN stays NaN."""
    diff = gen_math_ops.sub(x1, x2)
    shift = gen_math_ops.log1p(gen_math_ops.exp(gen_math_ops.neg(gen_math_ops._abs(diff))))
    out = gen_math_ops.add_v2(gen_math_ops.maximum(x1, x2), shift)  # NaN where diff is
    out = gen_math_ops.select_v2(gen_math_ops.is_nan(diff), diff, out)
    return gen_math_ops.select_v2(
        gen_math_ops.equal(x1, x2), gen_math_ops.add_v2(x1, tf.constant(math.log(2), x1.dtype)), out
    )


def _nextafter_half(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """float16 ``nextafter`` (TensorFlow's op has float32/64 kernels only) on the bits: one step
    up or down the int16 pattern, which orders floats of one sign by magnitude."""
    bits = gen_array_ops.bitcast(x1, tf.int16)
    away = gen_math_ops.equal(
        gen_math_ops.less(x1, x2), gen_math_ops.greater(x1, 0)
    )  # larger magnitude
    bits = gen_math_ops.add_v2(
        bits, gen_math_ops.select_v2(away, tf.constant(1, tf.int16), tf.constant(-1, tf.int16))
    )
    tiny = gen_math_ops.select_v2(
        gen_math_ops.greater(x2, 0), tf.constant(1, tf.int16), tf.constant(-(2**15) + 1, tf.int16)
    )
    bits = gen_math_ops.select_v2(
        gen_math_ops.equal(x1, 0), tiny, bits
    )  # smallest subnormal toward x2
    out = gen_array_ops.bitcast(bits, tf.float16)
    out = gen_math_ops.select_v2(gen_math_ops.equal(x1, x2), x2, out)
    unordered = gen_math_ops.logical_or(gen_math_ops.is_nan(x1), gen_math_ops.is_nan(x2))
    return gen_math_ops.select_v2(unordered, gen_math_ops.add_v2(x1, x2), out)


#: kernels chosen by the kind of the dtype: {op: {kind: kernel}}; other kinds use _NATIVE
_BY_KIND: dict[str, dict[str, Callable]] = {
    "ceil": {"b": _identity, "i": _identity, "u": _identity},
    "floor": {"b": _identity, "i": _identity, "u": _identity},
    "trunc": {"b": _identity, "i": _identity, "u": _identity, "f": _trunc},
    "round": {"i": _identity, "u": _identity},
    "conj": {"i": _identity, "u": _identity, "f": _identity},
    "real": {"b": _identity, "i": _identity, "u": _identity, "f": _identity},
    "imag": {"b": _zeros, "i": _zeros, "u": _zeros, "f": _zeros},
    "isnan": {"b": _all_false, "i": _all_false, "u": _all_false},
    "isinf": {"b": _all_false, "i": _all_false, "u": _all_false},
    "isfinite": {"b": _all_true, "i": _all_true, "u": _all_true},
    "signbit": {"b": _all_false, "i": _signbit_int, "u": _all_false, "f": _signbit_float},
    "copysign": {"f": _copysign},
    "hypot": {"f": _hypot},
    "reciprocal": {"c": _reciprocal_complex},
    "sqrt": {"c": _sqrt_complex},
    "exp": {"c": _exp_complex},
    "sign": {"u": _sign_unsigned, "c": _sign_complex},
    "log1p": {"c": _log1p_complex},
    "expm1": {"c": _expm1_complex},
    "tanh": {"c": _tanh_complex},
    "logaddexp": {"f": _logaddexp},
}
#: float16 ops TensorFlow lacks a kernel for, or computes in float16 less accurately than NumPy
_HALF_IN_FLOAT32 = {"hypot", "logaddexp", "log2", "log10"}


def _kind_kernel(name: str, dt: DType) -> Callable | None:
    """Kernels of the ops in ``_BY_KIND`` and those that treat complex numbers part by part."""
    tdt = _TF[dt]
    if dt.kind == "c":
        real = _TF[d.REAL_OF[dt]]
        if name == "round":
            return _parts(gen_math_ops.round, real)
        if name in ("real", "imag"):
            return functools.partial(
                gen_math_ops.real if name == "real" else gen_math_ops.imag, Tout=real
            )
        if name == "isnan":
            return _either_part(gen_math_ops.is_nan, gen_math_ops.logical_or, real)
        if name == "isinf":
            return _either_part(gen_math_ops.is_inf, gen_math_ops.logical_or, real)
        if name == "isfinite":
            return _either_part(gen_math_ops.is_finite, gen_math_ops.logical_and, real)
    if name in ("log2", "log10"):
        fn = _log_base(2 if name == "log2" else 10, tdt)
    elif name == "nextafter" and dt is d.float16:
        return _nextafter_half
    else:
        fn = _BY_KIND.get(name, {}).get(dt.kind)
    if fn is not None and dt is d.float16 and name in _HALF_IN_FLOAT32:
        return _in_float32(fn)
    return fn


def _kernel(name: str, dt: DType) -> Callable | None:
    """The kernel for op ``name`` on operands of ``dt`` (see :meth:`TensorFlowBackend.kernel`)."""
    op = OPS[name]
    if dt not in op.accepts:
        return None
    if op.result in ("float", "divide") and dt.kind not in "fc":
        return None  # the frontend computes these in a floating dtype
    tdt = _TF[dt]
    fn = _kind_kernel(name, dt)
    if fn is not None:
        return fn
    if dt.kind == "b":
        return _BOOL_KERNELS.get(name)
    if dt.kind == "f" and name == "floor_divide":
        return _floor_divide_half if dt is d.float16 else _floor_divide_float
    if dt.kind == "f" and name == "remainder":
        return _remainder_float
    if dt.kind == "c" and name == "sqrt":
        return _complex_sqrt
    if dt.kind == "c" and name == "pow":
        return _complex_pow
    if dt.kind == "c" and name == "log":
        return _complex_log
    if dt.kind == "c" and name == "divide":
        return _complex_divide
    if dt.kind == "c" and name == "abs":
        return functools.partial(gen_math_ops.complex_abs, Tout=_TF[d.REAL_OF[dt]])
    if dt.kind in "iu":
        if name in ("floor_divide", "remainder"):
            return _zero_safe(_NATIVE[name])
        if name in ("bitwise_left_shift", "bitwise_right_shift"):
            return _shift_kernel(name, tdt)
    if dt.kind == "u":
        if name == "negative":
            return _bitcast_via(gen_math_ops.neg, tdt)
        if name == "abs":
            return _identity
        if name == "pow":
            return _pow_uint64 if dt is d.uint64 else _via(gen_math_ops._pow, _POW_IN[tdt], tdt)
    return _NATIVE[name]


# -- int arguments ---------------------------------------------------------------------------
@functools.lru_cache(maxsize=4096)
def _host_constant(values: tuple[int, ...], dtype: tf.DType) -> tf.Tensor:
    with tf.device("/device:CPU:0"):  # where kernels read shapes, axes and slice bounds
        return tf.constant(values, dtype)


def _ints(values: Sequence[int], dtype: tf.DType | None = None) -> tf.Tensor:
    """A 1-D int tensor for a shape, axes or slice bounds. In eager mode TensorFlow converts a
    Python list argument slowly (about 100 µs), so these constants are cached."""
    values = tuple(values)
    if dtype is None:
        dtype = tf.int32 if all(-(2**31) <= v < 2**31 for v in values) else tf.int64
    if tf.executing_eagerly():
        return _host_constant(values, dtype)
    return tf.constant(values, dtype)


def _constant(value: Any, dtype: tf.DType) -> tf.Tensor:
    """``tf.constant(value, dtype)``, but never TensorFlow's eager scalar cache for a zero: it is
    keyed by ``value == key``, so ``-0.0`` would come back as a cached ``+0.0`` (and the
    reverse) - the sign of zero would depend on what the process converted before. A complex
    value with one zero part has the same problem (``complex(-0.0, 1.0) == 1j``)."""
    if (type(value) is float and value == 0) or (
        type(value) is complex and (value.real == 0 or value.imag == 0)
    ):
        return tf.constant(np.asarray(value, dtype=dtype.as_numpy_dtype))
    return tf.constant(value, dtype)


def _reshape(t: tf.Tensor, shape: list[Any]) -> tf.Tensor:
    """``t`` reshaped to ``shape``, a list of ints or of ints and scalar tensors (tracing)."""
    if all(type(n) is int for n in shape):
        return gen_array_ops.reshape(t, _ints(shape))
    return tf.reshape(t, shape)


# -- reductions ------------------------------------------------------------------------------
def _count(x: tf.Tensor, axes: list[int], dtype: tf.DType) -> tf.Tensor:
    """The number of elements ``axes`` of ``x`` hold, as a scalar of ``dtype``."""
    shape = _shape(x)
    return tf.cast(_prod([shape[a] for a in axes]), dtype)


def _mean(x: tf.Tensor, axes: list[int], keepdims: bool) -> tf.Tensor:
    """The sum over the count, as NumPy computes a mean (an empty one is NaN, also for complex);
    float16 is summed in float32, as NumPy does."""
    if x.dtype == tf.float16:
        return gen_math_ops.cast(
            _mean(gen_math_ops.cast(x, tf.float32), axes, keepdims), tf.float16
        )
    return gen_math_ops.real_div(
        gen_math_ops._sum(x, _ints(axes), keep_dims=keepdims), _count(x, axes, x.dtype)
    )


# -- indexing --------------------------------------------------------------------------------
class _Group:
    """One advanced index of a key: the ``span`` dimensions of the sliced tensor starting at
    ``start``, and the flat int64 position it selects within them."""

    __slots__ = ("start", "span", "index")

    def __init__(self, start: int, span: int, index: tf.Tensor) -> None:
        self.start, self.span, self.index = start, span, index


def _shape(t: tf.Tensor) -> list[Any]:
    """The shape of ``t`` as a list of ints, with scalar tensors for dimensions unknown while
    tracing."""
    static = t.shape.as_list()
    if None not in static:
        return static
    dynamic = tf.shape(t, out_type=tf.int64)
    return [dynamic[i] if n is None else n for i, n in enumerate(static)]


def _prod(sizes: Sequence[Any]) -> Any:
    return functools.reduce(lambda a, b: a * b, sizes, 1)


def _is_full(item: Any) -> bool:
    return (
        type(item) is slice and item.start is None and item.stop is None and item.step in (None, 1)
    )


def _expand(x: tf.Tensor, key: tuple) -> list[Any]:
    """``key`` with its ellipsis (or the missing trailing axes) replaced by full slices."""
    consumed = sum(
        0
        if k is None or k is Ellipsis
        else (k.shape.rank if isinstance(k, tf.Tensor) and k.dtype == tf.bool else 1)
        for k in key
    )
    fill = [slice(None)] * (x.shape.rank - consumed)
    items = list(key)
    at = next((i for i, k in enumerate(items) if k is Ellipsis), None)  # `in` would compare tensors
    if at is None:
        items.extend(fill)
    else:
        items[at : at + 1] = fill
    return items


def _strided_slice_args(
    items: Sequence[Any],
) -> tuple[tuple[tf.Tensor, tf.Tensor, tf.Tensor], dict[str, int]]:
    """``strided_slice`` arguments for basic indices: ints shrink their axis, None adds one."""
    begin, end, strides = [], [], []
    masks = {"begin_mask": 0, "end_mask": 0, "new_axis_mask": 0, "shrink_axis_mask": 0}
    for i, k in enumerate(items):
        bit = 1 << i
        if k is None:
            masks["new_axis_mask"] |= bit
            begin.append(0), end.append(0), strides.append(1)
        elif type(k) is slice:
            if k.start is None:
                masks["begin_mask"] |= bit
            if k.stop is None:
                masks["end_mask"] |= bit
            (
                begin.append(k.start or 0),
                end.append(k.stop or 0),
                strides.append(1 if k.step is None else k.step),
            )
        else:
            masks["shrink_axis_mask"] |= bit
            begin.append(k), end.append(k + 1), strides.append(1)
    dtype = tf.int32 if all(-(2**31) <= v < 2**31 for v in begin + end + strides) else tf.int64
    return (_ints(begin, dtype), _ints(end, dtype), _ints(strides, dtype)), masks


def _sliced_shape(x: tf.Tensor, items: Sequence[Any]) -> list[int] | None:
    """The shape basic indices ``items`` select from ``x``; None if a sliced size is unknown."""
    shape = x.shape.as_list()
    out: list[int] = []
    dim = 0
    for k in items:
        if k is None:
            out.append(1)
            continue
        n = shape[dim]
        dim += 1
        if type(k) is slice:
            if n is None:
                return None
            out.append(len(range(*k.indices(n))))
    return out


def _static_broadcast(func: str, shapes: list[tuple]) -> None:
    """Raise NumPy's IndexError when index arrays do not broadcast together."""
    try:
        np.broadcast_shapes(*(tuple(1 if n is None else n for n in s) for s in shapes))
    except ValueError:
        raise ArrayshimIndexError(
            message(
                func,
                "key",
                "index arrays whose shapes broadcast together",
                " and ".join(str(s) for s in shapes),
            )
        ) from None


class _AdvancedKey:
    """A key with integer or boolean arrays, split NumPy's way into basic indices (applied
    first with ``strided_slice``, advanced axes kept whole) and advanced index groups.

    Integers count as advanced indices here, as in NumPy. A boolean array of rank k is one
    group spanning k axes, indexed by the flat positions of its true elements.
    """

    def __init__(self, x: tf.Tensor, items: list[Any], func: str) -> None:
        basic: list[Any] = []
        pending: list[tuple[int, int, Any]] = []
        for k in items:
            if isinstance(k, tf.Tensor) and k.dtype == tf.bool:
                pending.append((len(basic), k.shape.rank, k))
                basic.extend([slice(None)] * k.shape.rank)
            elif isinstance(k, tf.Tensor) or type(k) is int:
                pending.append((len(basic), 1, k))
                basic.append(slice(None))
            else:
                basic.append(k)
        self.basic = basic
        self.trivial = all(_is_full(k) for k in basic)
        y = x if self.trivial else self.slice(x)
        shape = _shape(y)
        groups, index_shapes = [], []
        for start, span, k in pending:
            if isinstance(k, tf.Tensor) and k.dtype == tf.bool:
                index = _reshape(tf.where(_reshape(k, [-1])), [-1])
            else:
                n = shape[start]  # indices were checked to lie in [-n, n)
                if type(k) is int:
                    index = (
                        tf.constant(k % n, tf.int64)
                        if type(n) is int
                        else gen_math_ops.floor_mod(tf.constant(k, tf.int64), n)
                    )
                else:
                    index = k if k.dtype == tf.int64 else gen_math_ops.cast(k, tf.int64)
                    if not k.dtype.is_unsigned:
                        index = gen_math_ops.floor_mod(index, n)
            groups.append(_Group(start, span, index))
            index_shapes.append(tuple(index.shape.as_list()))
        _static_broadcast(func, index_shapes)
        self.y, self.shape, self.groups = y, shape, groups
        self.contiguous = all(a.start + a.span == b.start for a, b in itertools.pairwise(groups))

    def slice(self, x: tf.Tensor) -> tf.Tensor:
        (begin, end, strides), masks = _strided_slice_args(self.basic)
        return gen_array_ops.strided_slice(x, begin, end, strides, **masks)

    def flat_index(self) -> tf.Tensor:
        """The position in the merged advanced axes (row-major), broadcast over all groups."""
        flat = self.groups[0].index
        for g in self.groups[1:]:
            flat = gen_math_ops.add_v2(
                gen_math_ops.mul(flat, _prod(self.shape[g.start : g.start + g.span])), g.index
            )
        return flat

    def advanced_first(self) -> tuple[tf.Tensor, list[int]]:
        """The sliced tensor with the advanced axes moved to the front, and the permutation."""
        axes = [a for g in self.groups for a in range(g.start, g.start + g.span)]
        perm = axes + [a for a in range(len(self.shape)) if a not in axes]
        y = self.y if perm == sorted(perm) else gen_array_ops.transpose(self.y, _ints(perm))
        return y, perm


def _fit(value: tf.Tensor, shape: list[Any]) -> tf.Tensor:
    """``value`` broadcast to ``shape``; like NumPy, extra leading axes of size 1 are dropped."""
    extra = value.shape.rank - len(shape)
    if extra > 0 and all(n == 1 for n in value.shape.as_list()[:extra]):
        value = _reshape(value, _shape(value)[extra:])
    if all(type(n) is int for n in shape):
        return gen_array_ops.broadcast_to(value, _ints(shape))
    return tf.broadcast_to(value, shape)


# -- DLPack --------------------------------------------------------------------------------
#: TensorFlow kernels need buffers aligned to EIGEN_MAX_ALIGN_BYTES (at most 64) and abort the
#: process on a misaligned one, which tf.experimental.dlpack.from_dlpack does not check
_ALIGNMENT = 64
_capsule_pointer = ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.py_object, ctypes.c_char_p)(
    ("PyCapsule_GetPointer", ctypes.pythonapi)
)


def _dlpack_address(capsule: Any) -> int:
    """The address of the first element of a (legacy, unversioned) DLPack capsule: the
    DLTensor's ``data`` plus its ``byte_offset`` (the field at offset 40)."""
    tensor = _capsule_pointer(capsule, b"dltensor")
    data = ctypes.c_void_p.from_address(tensor).value or 0
    return data + ctypes.c_uint64.from_address(tensor + 40).value


# -- errors ----------------------------------------------------------------------------------
_NODE_PREFIX = re.compile(r"^\{\{[^}]*\}\}\s*")
_TYPE_TEXT = re.compile(
    r"not in the list of allowed values|Could not find device for node|No registered .*OpKernel"
)
_INDEX_TEXT = re.compile(r"out of (range|bounds)|is not in \[")


@functools.cache
def _register_conversion() -> None:
    """Let TensorFlow ops take ``arrayshim.Array`` arguments (once per process)."""

    def convert(
        value: Array, dtype: tf.DType | None = None, name: str | None = None, as_ref: bool = False
    ) -> tf.Tensor:
        native = value._native
        if isinstance(value._backend, TensorFlowBackend):
            tensor = native if isinstance(native, tf.Tensor) else tf.convert_to_tensor(native)
        else:
            tensor = tf.convert_to_tensor(value._backend.to_numpy(native))
        if dtype is not None and tensor.dtype != dtype:
            # Like a tf.Tensor, never a silent cast: TensorFlow passes an op's preferred dtype
            # here first and falls back to the array's own dtype on this error.
            raise ValueError(
                f"Tensor conversion requested dtype {dtype.name} for an arrayshim.Array of "
                f"dtype {tensor.dtype.name}"
            )
        return tensor

    tf.register_tensor_conversion_function(Array, convert)


_REDUCE = {
    "sum": gen_math_ops._sum,
    "prod": gen_math_ops.prod,
    "max": gen_math_ops._max,
    "min": gen_math_ops._min,
    "any": gen_math_ops._any,
    "all": gen_math_ops._all,
}


class TensorFlowBackend(Backend):
    name = "tensorflow"
    native_types = (tf.Tensor, tf.Variable)
    mutable = False
    checks_index_bounds = False
    max_dimensions = (
        64  # TensorFlow allows 254, but NumPy conversion (__array__, to_numpy) does not
    )

    def __init__(self) -> None:
        gpus = [
            Device("gpu", int(dev.name.rsplit(":", 1)[1]))
            for dev in tf.config.list_logical_devices("GPU")
        ]
        #: TensorFlow places ops on GPU:0 when there is a GPU
        self._devices = gpus[:1] + [CPU] + gpus[1:]
        self._default = self._devices[0]
        self._names = {dev: f"/device:{dev.kind.upper()}:{dev.index}" for dev in self._devices}
        self._by_name: dict[str, Device] = {"": self._default}  # "" while tracing: not yet placed
        _register_conversion()

    def version(self) -> str:
        return tf.__version__

    # -- dtypes and shapes ---------------------------------------------------------------------
    def native_dtype(self, dtype: DType) -> tf.DType:
        return _TF[dtype]

    def dtype_of(self, x: Any) -> DType:
        try:
            return _FROM_TF[x.dtype]
        except KeyError:
            raise unsupported_dtype("a tensor", x.dtype.name) from None

    def shape_of(self, x: Any) -> tuple[int | None, ...]:
        return tuple(x.shape)

    # -- devices -------------------------------------------------------------------------------
    def devices(self) -> list[Device]:
        return list(self._devices)

    def device_of(self, x: Any) -> Device:
        name = x.device
        found = self._by_name.get(name)
        if found is None:
            match = re.search(r"device:([A-Za-z_]+):(\d+)$", name)
            if match is None:
                raise ArrayshimValueError(
                    message("device_of", "x", "a tensor with a TensorFlow device name", repr(name))
                )
            kind = match.group(1).lower()
            found = self._by_name[name] = Device(kind, int(match.group(2)))
        return found

    def to_device(self, x: Any, device: Device) -> Any:
        with tf.device(self._names[device]):
            return gen_array_ops.identity(x)

    def is_traced(self, x: Any) -> bool:
        return tf.is_symbolic_tensor(x)

    def placement(self, device: Device) -> Any:
        return None if device is self._default else tf.device(self._names[device])

    def _creating(self, device: Device) -> Any:
        """Where creation functions run: on ``device``. Without a GPU everything is on the CPU;
        with one, a new tensor would start on the host, so say where it belongs."""
        return (
            tf.device(self._names[device]) if len(self._devices) > 1 else contextlib.nullcontext()
        )

    # -- conversion ----------------------------------------------------------------------------
    def asarray(self, obj: Any, dtype: DType, device: Device, copy: bool | None) -> Any:
        if isinstance(
            obj, self.native_types
        ):  # copy=True of an array already in dtype and on device
            return gen_array_ops.snapshot(obj)
        if copy is False:
            raise ArrayshimValueError(
                message(
                    "asarray",
                    "copy",
                    "True or None for Python data (it must be copied)",
                    "copy=False",
                )
            )
        tdt = _TF[dtype]
        with self._creating(device):
            try:
                return _constant(obj, tdt)
            except (TypeError, ValueError):
                pass
            # tf.constant refuses data of a wider kind (floats into int64, bools and ints into
            # bool) and arrays inside lists: build the data's own dtype and cast (truncating
            # like NumPy); arrays are packed where they are, also while tracing
            if any(type(v) is Array for v in tf.nest.flatten(obj)):
                data = tf.convert_to_tensor(
                    tf.nest.map_structure(lambda v: v._native if type(v) is Array else v, obj)
                )
            else:
                values = np.asarray(obj)
                if values.dtype.kind == "c" and dtype.kind != "c":
                    raise ArrayshimTypeError(
                        message(
                            "asarray",
                            "obj",
                            f"data representable in {dtype.name}",
                            "complex numbers",
                        )
                    )
                data = tf.constant(values)
            return gen_math_ops.cast(data, tdt)

    def to_numpy(self, x: Any) -> np.ndarray:
        return np.asarray(x.numpy())  # .numpy() of a 0-d tensor is a NumPy scalar

    def from_dlpack(self, x: Any, device: Device | None, copy: bool | None) -> Any:
        capsule = x.__dlpack__()
        t = None
        if _dlpack_address(capsule) % _ALIGNMENT == 0:
            with contextlib.suppress(tf.errors.InvalidArgumentError):  # strides it cannot wrap
                t = tf.experimental.dlpack.from_dlpack(capsule)
        if t is None:
            if copy is False:
                raise ArrayshimValueError(
                    message(
                        "from_dlpack",
                        "copy",
                        "True or None (TensorFlow must copy a strided or unaligned buffer)",
                        "copy=False",
                    )
                )
            if x.__dlpack_device__()[0] != 1:
                raise ArrayshimValueError(
                    message(
                        "from_dlpack",
                        "x",
                        "a contiguous buffer aligned to 64 bytes (TensorFlow cannot copy this one)",
                        f"a strided or unaligned buffer on DLPack device {x.__dlpack_device__()}",
                    )
                )
            t, copy = tf.constant(np.from_dlpack(x)), False  # host memory: copy it through NumPy
        if device is not None and self.device_of(t) is not device:
            return self.to_device(t, device)
        return gen_array_ops.snapshot(t) if copy else t

    def dlpack(
        self, x: Any, stream: Any, max_version: Any, dl_device: Any, copy: bool | None
    ) -> Any:
        if isinstance(x, tf.Variable):
            x = tf.convert_to_tensor(x)
        return tf.experimental.dlpack.to_dlpack(gen_array_ops.snapshot(x) if copy else x)

    def dlpack_device(self, x: Any) -> tuple[int, int]:
        dev = self.device_of(x)
        return (1, 0) if dev.kind == "cpu" else (2, dev.index)

    # -- creation ------------------------------------------------------------------------------
    def full(self, shape: tuple[int, ...], fill_value: Any, dtype: DType, device: Device) -> Any:
        value = {"b": bool, "i": int, "u": int, "f": float, "c": complex}[dtype.kind](fill_value)
        with self._creating(device):
            return gen_array_ops.fill(_ints(shape), _constant(value, _TF[dtype]))

    def empty(self, shape: tuple[int, ...], dtype: DType, device: Device) -> Any:
        return self.full(shape, 0, dtype, device)

    def arange(self, start: Any, step: Any, num: int, dtype: DType, device: Device) -> Any:
        with self._creating(device):
            if dtype.kind in "iu" and type(start) is int and type(step) is int:
                # int64 arithmetic wraps modulo 2**64 like uint64's, so uint64 values from 2**63
                # on come out right: pass them as the int64 of the same bits
                i = tf.range(num, dtype=tf.int64)
                values = gen_math_ops.add_v2(gen_math_ops.mul(i, as_int64(step)), as_int64(start))
            else:
                values = gen_math_ops.add_v2(
                    gen_math_ops.mul(tf.range(num, dtype=tf.float64), float(step)), float(start)
                )
            return self.astype(values, dtype, False)

    def linspace(
        self, start: Any, stop: Any, num: int, endpoint: bool, dtype: DType, device: Device
    ) -> Any:
        """NumPy's algorithm: ``start + i * step`` in float64 (complex128), the last value
        set to ``stop`` when ``endpoint``, then cast."""
        work = tf.complex128 if dtype.kind == "c" else tf.float64
        # NumPy scalars for the parameters: their complex division is NumPy's, not Python's
        start, stop = work.as_numpy_dtype(start), work.as_numpy_dtype(stop)
        div = num - 1 if endpoint else num
        delta = stop - start
        with self._creating(device):
            i = gen_math_ops.cast(tf.range(num, dtype=tf.float64), work)
            if div > 0:
                step = delta / div
                y = (
                    gen_math_ops.mul(i, step)
                    if step != 0
                    else gen_math_ops.mul(gen_math_ops.real_div(i, tf.constant(div, work)), delta)
                )
            else:
                y = gen_math_ops.mul(i, delta)
            y = gen_math_ops.add_v2(y, tf.constant(start, work))
            if endpoint and num > 1:
                y = gen_array_ops.concat_v2([y[:-1], tf.constant([stop], work)], 0)
            return self.astype(y, dtype, False)

    def eye(self, n_rows: int, n_cols: int, k: int, dtype: DType, device: Device) -> Any:
        with self._creating(device):
            rows = _reshape(tf.range(n_rows, dtype=tf.int64), [-1, 1])
            diagonal = gen_math_ops.equal(
                gen_math_ops.add_v2(rows, k), tf.range(n_cols, dtype=tf.int64)
            )
            return gen_math_ops.cast(diagonal, _TF[dtype])

    def astype(self, x: Any, dtype: DType, copy: bool) -> Any:
        tdt = _TF[dtype]
        if x.dtype == tdt:
            return gen_array_ops.snapshot(x) if copy else x
        if x.dtype.is_complex and tdt == tf.bool:  # tf.cast looks at the real part only
            return gen_math_ops.not_equal(x, tf.zeros((), x.dtype))
        if tdt == tf.float16 and x.dtype in (tf.float64, tf.complex128):
            return _float64_to_float16(gen_math_ops.cast(x, tf.float64))
        return gen_math_ops.cast(x, tdt)

    # -- elementwise ---------------------------------------------------------------------------
    def kernel(self, name: str, dtype: DType) -> Callable | None:
        return _kernel(name, dtype)

    def where(self, condition: Any, x1: Any, x2: Any) -> Any:
        return gen_math_ops.select_v2(condition, x1, x2)

    # -- reductions ----------------------------------------------------------------------------
    def reduce(
        self, name: str, x: Any, axis: tuple[int, ...] | None, keepdims: bool, dtype: DType
    ) -> Any:
        tdt = _TF[dtype]
        if x.dtype != tdt:
            x = gen_math_ops.cast(x, tdt)
        if axis == ():
            return x
        axes = list(range(x.shape.rank)) if axis is None else list(axis)
        if name == "mean":
            return _mean(x, axes, keepdims)
        if dtype is d.bool and name in ("max", "min"):
            name = "any" if name == "max" else "all"
        return _REDUCE[name](x, _ints(axes), keep_dims=keepdims)

    def var(self, x: Any, axis: tuple[int, ...] | None, correction: float, keepdims: bool) -> Any:
        """Mean-centred sum of squares over ``N - correction`` (at least 0), as NumPy's var;
        complex deviations are squared in absolute value; float16 is computed in float32."""
        half = x.dtype == tf.float16
        if half:
            x = gen_math_ops.cast(x, tf.float32)
        axes = list(range(x.shape.rank)) if axis is None else list(axis)
        deviation = gen_math_ops.sub(x, _mean(x, axes, True))
        if x.dtype.is_complex:
            squares = gen_math_ops.real(
                gen_math_ops.mul(deviation, gen_math_ops.conj(deviation)), Tout=x.dtype.real_dtype
            )
        else:
            squares = gen_math_ops.mul(deviation, deviation)
        total = gen_math_ops._sum(squares, _ints(axes), keep_dims=keepdims)
        denominator = gen_math_ops.maximum(
            gen_math_ops.sub(_count(x, axes, total.dtype), correction), 0
        )
        out = gen_math_ops.real_div(total, denominator)
        return gen_math_ops.cast(out, tf.float16) if half else out

    # -- linear algebra and manipulation --------------------------------------------------------
    def matmul(self, x1: Any, x2: Any) -> Any:
        vector1, vector2 = x1.shape.rank == 1, x2.shape.rank == 1
        if vector1:
            x1 = gen_array_ops.expand_dims(x1, 0)
        if vector2:
            x2 = gen_array_ops.expand_dims(x2, -1)
        tdt = x1.dtype
        if tdt in _MATMUL_IN:
            out = _via(gen_math_ops.batch_mat_mul_v2, _MATMUL_IN[tdt], tdt)(x1, x2)
        elif tdt == tf.uint64:
            out = _bitcast_via(gen_math_ops.batch_mat_mul_v2, tdt)(x1, x2)
        else:
            out = gen_math_ops.batch_mat_mul_v2(x1, x2)
        if vector1 or vector2:
            out = gen_array_ops.squeeze(out, [-2] * vector1 + [-1] * vector2)
        return out

    def reshape(self, x: Any, shape: tuple[int, ...], copy: bool | None) -> Any:
        return gen_array_ops.reshape(x, _ints(shape))  # tensors are immutable: never a copy to make

    def permute_dims(self, x: Any, axes: tuple[int, ...]) -> Any:
        return gen_array_ops.transpose(x, _ints(axes))

    def concat(self, xs: Sequence[Any], axis: int) -> Any:
        if len(xs) == 1:  # the raw ConcatV2 op wants at least two inputs
            return tf.identity(xs[0])
        return gen_array_ops.concat_v2(list(xs), axis)

    def stack(self, xs: Sequence[Any], axis: int) -> Any:
        return gen_array_ops.pack(list(xs), axis=axis)

    def broadcast_to(self, x: Any, shape: tuple[int, ...]) -> Any:
        if len(shape) <= 5:
            return gen_array_ops.broadcast_to(x, _ints(shape))
        # BroadcastTo has kernels for at most 5 dimensions ("not supported yet" beyond, as
        # xp.tile of a 3-d array needs 6): tile the size-1 axes instead
        src = (1,) * (len(shape) - len(x.shape)) + tuple(x.shape)
        x = gen_array_ops.reshape(x, _ints(src))
        multiples = _ints(tuple(t if s == 1 else 1 for s, t in zip(src, shape, strict=True)))
        if x.dtype.is_unsigned:  # Tile has no kernel for uint16/32: tile the signed bits
            return _bitcast_via(lambda t: gen_array_ops.tile(t, multiples), x.dtype)(x)
        return gen_array_ops.tile(x, multiples)

    # -- indexing ------------------------------------------------------------------------------
    def getitem(self, x: Any, key: tuple) -> Any:
        items = _expand(x, key)
        if not any(isinstance(k, tf.Tensor) for k in items):
            if all(_is_full(k) for k in items):
                return x
            (begin, end, strides), masks = _strided_slice_args(items)
            return gen_array_ops.strided_slice(x, begin, end, strides, **masks)
        key_ = _AdvancedKey(x, items, "Array.__getitem__")
        y, shape, groups = key_.y, key_.shape, key_.groups
        start = groups[0].start
        if not key_.contiguous:  # NumPy puts the indexed axes first
            y, perm = key_.advanced_first()
            shape, start = [shape[a] for a in perm], 0
        span = sum(g.span for g in groups)
        merged = _reshape(
            y, shape[:start] + [_prod(shape[start : start + span])] + shape[start + span :]
        )
        return gen_array_ops.gather_v2(merged, key_.flat_index(), start)

    def setitem(self, x: Any, key: tuple, value: Any) -> Any:
        items = _expand(x, key)
        if not any(isinstance(k, tf.Tensor) for k in items):
            if all(_is_full(k) for k in items):
                return _fit(value, _shape(x))
            (begin, end, strides), masks = _strided_slice_args(items)
            target = _sliced_shape(x, items)
            if target is None:  # unknown while tracing
                target = _shape(gen_array_ops.strided_slice(x, begin, end, strides, **masks))
            # the op does not broadcast (documented), so give it the slice's exact shape
            return gen_array_ops.tensor_strided_slice_update(
                x, begin, end, strides, _fit(value, target), **masks
            )
        key_ = _AdvancedKey(x, items, "Array.__setitem__")
        shape, groups = key_.shape, key_.groups
        flat = key_.flat_index()
        start = groups[0].start if key_.contiguous else 0
        axes = [a for g in groups for a in range(g.start, g.start + g.span)]
        rest = [shape[a] for a in range(len(shape)) if a not in axes]
        batch = _shape(flat)
        # the value broadcasts against what getitem returns (checked even if nothing is selected)
        value = _fit(value, rest[:start] + batch + rest[start:])
        if any(type(n) is int and n == 0 for n in shape):
            return x
        if start:  # index axes first, as the scatter wants them
            nb = len(batch)
            value = gen_array_ops.transpose(
                value,
                _ints(
                    list(range(start, start + nb))
                    + list(range(start))
                    + list(range(start + nb, len(rest) + nb))
                ),
            )
        y, perm = key_.advanced_first()
        merged = _reshape(y, [_prod([shape[a] for a in axes])] + rest)
        merged = gen_array_ops.tensor_scatter_update(
            merged, _reshape(flat, [-1, 1]), _reshape(value, [-1] + rest)
        )
        y = _reshape(merged, [shape[a] for a in perm])
        if perm != sorted(perm):
            y = gen_array_ops.transpose(y, _ints([perm.index(a) for a in range(len(perm))]))
        if key_.trivial:
            return y
        (begin, end, strides), masks = _strided_slice_args(key_.basic)
        return gen_array_ops.tensor_strided_slice_update(x, begin, end, strides, y, **masks)

    # -- errors --------------------------------------------------------------------------------
    def synchronize(self, device: Device) -> None:
        if device.kind == "gpu":
            tf.test.experimental.sync_devices()

    def translate_error(self, func: str, exc: Exception) -> Exception:
        if not isinstance(exc, tf.errors.OpError):
            return super().translate_error(func, exc)
        text = _NODE_PREFIX.sub("", exc.message).strip()
        if isinstance(
            exc, (tf.errors.UnimplementedError, tf.errors.NotFoundError)
        ) or _TYPE_TEXT.search(text):
            cls: type[Exception] = ArrayshimTypeError
        elif isinstance(exc, tf.errors.OutOfRangeError) or _INDEX_TEXT.search(text):
            cls = ArrayshimIndexError
        elif isinstance(exc, tf.errors.InvalidArgumentError):
            cls = ArrayshimValueError
        else:
            return exc
        return cls(
            f"arrayshim.{func}() failed on backend {self.name!r}: {type(exc).__name__}: {text}"
        )

    # -- searching, sorting, cumulative sums, repetition ----------------------------------------
    # Sorting runs on TopKV2 (descending, ties by lower index first: a stable sort) over integer
    # keys with NumPy's order (_order_key): no NaN reaches a comparison.
    def argsort(self, x: Any, axis: int, descending: bool) -> Any:
        key, perm = _to_last(_order_key(x), axis)
        return _from_last(_sorted_last(key, descending)[1], perm)

    def sort(self, x: Any, axis: int, descending: bool) -> Any:
        key, perm = _to_last(_order_key(x), axis)
        moved, _ = _to_last(x, axis)
        order = _sorted_last(key, descending)[1]
        rank = x.shape.rank
        return _from_last(
            gen_array_ops.gather_v2(moved, order, rank - 1, batch_dims=rank - 1), perm
        )

    def arg_extremum(self, name: str, x: Any, axis: int) -> Any:
        key = _order_key(x)
        if name == "argmin":  # reversed order, with NaN (NumPy's pick) still the largest
            key = gen_bitwise_ops.invert(key)
            if x.dtype in _BITS:
                key = gen_math_ops.select_v2(gen_math_ops.is_nan(x), _KEY_TOP[x.dtype], key)
        key, _ = _to_last(key, axis)  # the other axes keep their order
        n = _shape(key)[-1]
        top = gen_math_ops._max(key, -1, keep_dims=True)
        positions = tf.range(n, dtype=tf.int64)
        # the first position holding the maximum (ArgMax does not promise the first on ties)
        return gen_math_ops._min(
            gen_math_ops.select_v2(gen_math_ops.equal(key, top), positions, tf.cast(n, tf.int64)),
            -1,
        )

    def nonzero(self, x: Any) -> tuple[Any, ...]:
        mask = x if x.dtype == tf.bool else gen_math_ops.not_equal(x, tf.zeros((), x.dtype))
        where = gen_array_ops.where(mask)  # int64, one row per true element, row-major
        return tuple(where[:, i] for i in range(x.shape.rank))

    def searchsorted(self, x1: Any, x2: Any, side: str) -> Any:
        op = gen_array_ops.lower_bound if side == "left" else gen_array_ops.upper_bound
        k1 = gen_array_ops.expand_dims(_order_key(x1), 0)
        k2 = gen_array_ops.expand_dims(_order_key(x2), 0)
        return gen_array_ops.squeeze(op(k1, k2, out_type=tf.int64), [0])

    def cumulative(self, name: str, x: Any, axis: int, dtype: DType) -> Any:
        fn = gen_math_ops.cumsum if name == "sum" else gen_math_ops.cumprod
        return fn(x, axis)

    def repeat(self, x: Any, repeats: Any, axis: int) -> Any:
        if 0 in x.shape:  # tf.repeat fails on an empty array with per-element counts
            total = tf.reduce_sum(tf.cast(repeats, tf.int64))
            return tf.zeros(
                tf.tensor_scatter_nd_update(tf.shape(x, out_type=tf.int64), [[axis]], [total]),
                x.dtype,
            )
        if x.dtype.is_unsigned:  # Tile has no kernel for uint16/32: repeat the signed bits
            return _bitcast_via(lambda t: tf.repeat(t, repeats, axis=axis), x.dtype)(x)
        return tf.repeat(x, repeats, axis=axis)

    def conj(self, x: Any) -> Any:
        return gen_math_ops.conj(x)

    def complex_parts(self, x: Any) -> tuple[Any, Any]:
        real = x.dtype.real_dtype
        return gen_math_ops.real(x, Tout=real), gen_math_ops.imag(x, Tout=real)

    # -- sorting and function transforms (GradientTape, tf.function, tf.vectorized_map) ----------
    def value_and_grad(
        self, fn: Callable, args: Sequence[Any], argnums: tuple[int, ...]
    ) -> tuple[Any, Any, tuple[Any, ...]]:
        args = list(args)
        with tf.GradientTape() as tape:
            for i in argnums:
                tape.watch(args[i])
            value, aux = fn(*args)
        grads = tape.gradient(
            value, [args[i] for i in argnums], unconnected_gradients=tf.UnconnectedGradients.ZERO
        )
        return value, aux, tuple(grads)

    def jacobian(
        self, fn: Callable, args: Sequence[Any], argnums: tuple[int, ...], batched: bool
    ) -> tuple[Any, ...]:
        args = list(args)
        with tf.GradientTape(persistent=batched and len(argnums) > 1) as tape:
            for i in argnums:
                tape.watch(args[i])
            out = fn(*args)
        if not batched:
            return tuple(
                tape.jacobian(
                    out,
                    [args[i] for i in argnums],
                    unconnected_gradients=tf.UnconnectedGradients.ZERO,
                )
            )
        return tuple(
            tape.batch_jacobian(out, args[i], unconnected_gradients=tf.UnconnectedGradients.ZERO)
            for i in argnums
        )

    def jit(self, fn: Callable, options: dict) -> Callable:
        # autograph off by default: arrayshim's own Python code must not be rewritten; Python
        # control flow on array values needs the framework's loops (documented in README)
        return tf.function(fn, **{"autograph": False, **options})

    def vmap(self, fn: Callable, args: Sequence[Any]) -> Any:
        return tuple(
            tf.vectorized_map(
                lambda elems: tuple(fn(*elems)), tuple(args), fallback_to_while_loop=True
            )
        )

    # -- the linalg extension ------------------------------------------------------------------
    # tf.linalg throughout (no NumPy round trip): svd returns (s, u, v), so Vh = adjoint(v);
    # cholesky gives the lower factor only, so upper = adjoint(lower)
    def linalg_cholesky(self, x: Any, upper: bool) -> Any:
        # tf.linalg.cholesky does not fail on a matrix that is not positive-definite: it
        # returns NaN (or zeros, and leftover memory above the diagonal); check and raise
        lower = tf.linalg.band_part(tf.linalg.cholesky(x), -1, 0)
        tf.debugging.assert_positive(
            tf.math.real(tf.linalg.diag_part(lower)),
            message="Cholesky decomposition was not successful: the input is not positive-definite",
        )
        return tf.linalg.adjoint(lower) if upper else lower

    def linalg_det(self, x: Any) -> Any:
        return tf.linalg.det(x)

    def linalg_inv(self, x: Any) -> Any:
        return tf.linalg.inv(x)

    def linalg_slogdet(self, x: Any) -> tuple[Any, Any]:
        sign, logabsdet = tf.linalg.slogdet(x)
        return sign, logabsdet

    def linalg_eigh(self, x: Any) -> tuple[Any, Any]:
        w, v = tf.linalg.eigh(x)
        return w, v

    def linalg_eigvalsh(self, x: Any) -> Any:
        return tf.linalg.eigvalsh(x)

    def linalg_eig(self, x: Any) -> tuple[Any, Any]:
        w, v = tf.linalg.eig(x)
        return w, v

    def linalg_eigvals(self, x: Any) -> Any:
        return tf.linalg.eigvals(x)

    def linalg_qr(self, x: Any, mode: str) -> tuple[Any, Any]:
        q, r = tf.linalg.qr(x, full_matrices=mode == "complete")
        return q, r

    def linalg_svd(self, x: Any, full_matrices: bool) -> tuple[Any, Any, Any]:
        s, u, v = tf.linalg.svd(x, full_matrices=full_matrices, compute_uv=True)
        return u, s, tf.linalg.adjoint(v)

    def linalg_svdvals(self, x: Any) -> Any:
        return tf.linalg.svd(x, compute_uv=False)

    def linalg_solve(self, x1: Any, x2: Any) -> Any:
        return tf.linalg.solve(x1, x2)

    # -- the fft extension ---------------------------------------------------------------------
    # tf.signal throughout (no NumPy round trip, so it traces under tf.function and has
    # gradients): tf.signal transforms the innermost axis only, so each axis is transposed to the
    # end and back; lengths are padded or sliced here; TF's scaling is NumPy's "backward", the
    # other norms are applied here. hfft(x, n, norm) = irfft(conj(x), n, swap(norm)) and
    # ihfft(x, n, norm) = conj(rfft(x, n, swap(norm))), as NumPy defines them; the n-D transforms
    # are 1-D transforms axis by axis (rfftn: rfft over the last axis first; irfftn: it last).
    def fft_fft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return _tf_fft1("fft", x, n, axis, norm)

    def fft_ifft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return _tf_fft1("ifft", x, n, axis, norm)

    def fft_rfft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return _tf_fft1("rfft", x, n, axis, norm)

    def fft_irfft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return _tf_fft1("irfft", x, n, axis, norm)

    def fft_hfft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return _tf_fft1("hfft", x, n, axis, norm)

    def fft_ihfft(self, x: Any, n: int, axis: int, norm: str) -> Any:
        return _tf_fft1("ihfft", x, n, axis, norm)

    def fft_fftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: str) -> Any:
        for n, ax in zip(s, axes, strict=True):
            x = _tf_fft1("fft", x, n, ax, norm)
        return x

    def fft_ifftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: str) -> Any:
        for n, ax in zip(s, axes, strict=True):
            x = _tf_fft1("ifft", x, n, ax, norm)
        return x

    def fft_rfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: str) -> Any:
        x = _tf_fft1("rfft", x, s[-1], axes[-1], norm)
        for n, ax in zip(s[:-1], axes[:-1], strict=True):
            x = _tf_fft1("fft", x, n, ax, norm)
        return x

    def fft_irfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: str) -> Any:
        for n, ax in zip(s[:-1], axes[:-1], strict=True):
            x = _tf_fft1("ifft", x, n, ax, norm)
        return _tf_fft1("irfft", x, s[-1], axes[-1], norm)


#: float dtype -> the largest value of the signed integer dtype of its width (``_BITS``)
_KEY_TOP = {tf.float16: 2**15 - 1, tf.float32: 2**31 - 1, tf.float64: 2**63 - 1}


def _order_key(x: tf.Tensor) -> tf.Tensor:
    """Signed integers ordered as NumPy orders ``x``: bool as int8, unsigned as the signed
    dtype of its width with the sign bit flipped, floats by their bits with the magnitude bits
    of negative numbers flipped, -0.0 as 0.0 and every NaN above +inf."""
    dt = x.dtype
    if dt == tf.bool:
        return gen_math_ops.cast(x, tf.int8)
    if dt.is_unsigned:
        signed = _SIGNED[dt]
        return gen_bitwise_ops.bitwise_xor(
            gen_array_ops.bitcast(x, signed), tf.constant(-(2 ** (dt.size * 8 - 1)), signed)
        )
    if dt.is_integer:
        return x
    ibits, top = _BITS[dt], _KEY_TOP[dt]
    bits = gen_array_ops.bitcast(
        gen_math_ops.add_v2(x, tf.zeros((), dt)), ibits
    )  # -0.0 + 0.0 is +0.0
    sign = gen_bitwise_ops.right_shift(bits, tf.constant(dt.size * 8 - 1, ibits))
    key = gen_bitwise_ops.bitwise_xor(
        bits, gen_bitwise_ops.bitwise_and(sign, tf.constant(top, ibits))
    )
    return gen_math_ops.select_v2(gen_math_ops.is_nan(x), tf.constant(top, ibits), key)


def _to_last(x: tf.Tensor, axis: int) -> tuple[tf.Tensor, list[int] | None]:
    """``x`` with ``axis`` moved last (the others in order), and the permutation (None if none)."""
    rank = x.shape.rank
    if axis == rank - 1:
        return x, None
    perm = [a for a in range(rank) if a != axis] + [axis]
    return gen_array_ops.transpose(x, _ints(perm)), perm


def _from_last(x: tf.Tensor, perm: list[int] | None) -> tf.Tensor:
    """Undo :func:`_to_last`."""
    if perm is None:
        return x
    return gen_array_ops.transpose(x, _ints([perm.index(a) for a in range(len(perm))]))


def _sorted_last(key: tf.Tensor, descending: bool) -> tuple[tf.Tensor, tf.Tensor]:
    """``(sorted keys, int64 order)`` along the last axis, stable in both directions: TopKV2
    sorts descending and puts the lower index first on ties; ascending sorts the inverted keys
    (``~k`` reverses the order without overflow)."""
    if not descending:
        key = gen_bitwise_ops.invert(key)
    n = _shape(key)[-1]
    values, order = gen_nn_ops.top_kv2(key, n)
    return values, gen_math_ops.cast(order, tf.int64)


_SWAP_NORM = {"backward": "forward", "forward": "backward", "ortho": "ortho"}


def _tf_resize_last(x: Any, m: int) -> Any:
    """``x`` zero-padded or truncated to length ``m`` along its last axis (static shapes)."""
    have = x.shape[-1]
    if have is None:
        have = tf.shape(x)[-1]
        x = tf.pad(x[..., :m], [[0, 0]] * (x.shape.rank - 1) + [[0, tf.maximum(m - have, 0)]])
        return tf.ensure_shape(x, x.shape[:-1].concatenate([m]))
    if have > m:
        return x[..., :m]
    if have < m:
        return tf.pad(x, [[0, 0]] * (x.shape.rank - 1) + [[0, m - have]])
    return x


def _tf_fft1(name: str, x: Any, n: int, axis: int, norm: str) -> Any:
    """One 1-D transform of NumPy's meaning along ``axis`` with ``tf.signal``."""
    if name == "hfft":
        return _tf_fft1("irfft", tf.math.conj(x), n, axis, _SWAP_NORM[norm])
    if name == "ihfft":
        return tf.math.conj(_tf_fft1("rfft", x, n, axis, _SWAP_NORM[norm]))
    rank = x.shape.rank
    last = axis == rank - 1
    if not last:
        perm = [i for i in range(rank) if i != axis] + [axis]
        x = tf.transpose(x, perm)
    if name == "fft":
        y = tf.signal.fft(_tf_resize_last(x, n))
    elif name == "ifft":
        y = tf.signal.ifft(_tf_resize_last(x, n))
    elif name == "rfft":
        y = tf.signal.rfft(_tf_resize_last(x, n), fft_length=[n])
    else:  # irfft: the first n // 2 + 1 terms (zero-padded) make a real signal of length n
        y = tf.signal.irfft(_tf_resize_last(x, n // 2 + 1), fft_length=[n])
    inverse = name in ("ifft", "irfft")
    if norm == "ortho":
        scale = n**0.5 if inverse else n**-0.5
    elif norm == "forward":
        scale = float(n) if inverse else 1.0 / n
    else:
        scale = 1.0
    if scale != 1.0:
        y = y * tf.constant(complex(scale) if y.dtype.is_complex else scale, dtype=y.dtype)
    if not last:
        inv = [0] * rank
        for i, p in enumerate(perm):
            inv[p] = i
        y = tf.transpose(y, inv)
    return y
