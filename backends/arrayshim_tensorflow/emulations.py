"""The TensorFlow adapter's exact emulations: kernels composed of TensorFlow ops where TensorFlow
has none for a dtype or its values differ from NumPy's, so they still run on GPU, inside
``tf.function`` and under ``GradientTape``."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import tensorflow as tf
from tensorflow.python.ops import gen_array_ops, gen_bitwise_ops, gen_math_ops

from .constants import _host_scalar, _host_zero, _ints
from .dtypes import _BITS, _SIGNED, _UNSIGNED


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


def _zero_safe(op: Callable) -> Callable:
    """Integer ``floor_divide``/``remainder`` giving 0 where the divisor is 0, as NumPy does
    (TensorFlow raises on CPU and returns garbage on GPU)."""

    def kernel(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
        nonzero = gen_math_ops.not_equal(x2, 0)
        return gen_math_ops.select_v2(nonzero, op(x1, gen_math_ops.select_v2(nonzero, x2, 1)), 0)

    return kernel


#: |x1 / x2| below which NumPy's float floor division is ``floor(x1 / x2)`` wherever the rounded
#: quotient is not a whole number: its ``(x1 - fmod(x1, x2)) / x2`` rounds twice, and from 2**22
#: (float32; 2**51 for float64) on that can land half a unit low (6996511.5 gives 6996510)
_FLOOR_QUOTIENT_EXACT = {tf.float32: 2.0**22, tf.float64: 2.0**51}


def _floor_divide_float(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """NumPy's float floor division (``npy_floor_divide``) for finite operands, the standard's
    ``floor(x1 / x2)`` where an operand is infinite. Eagerly on the CPU, ``floor(x1 / x2)``
    itself where no quotient is a whole number or beyond the limit above (a cheap test of a
    rare condition, read back): with a correctly rounded ``q = x1 / x2`` that is not a whole
    number no integer lies between ``q`` and the exact quotient (it would be nearer to that than
    ``q``), so ``floor(q)`` is the exact quotient's floor, as NumPy's. Otherwise (and in a graph
    or on a GPU) the exact composition, which costs about 17 passes with a slow ``fmod``."""
    quotient = gen_math_ops.real_div(x1, x2)
    if not tf.executing_eagerly() or "CPU" not in quotient.device:
        return _floor_divide_exact(x1, x2, quotient)
    floor = gen_math_ops.floor(quotient)
    whole = gen_math_ops.equal(floor, quotient)  # and infinities
    axes = _ints(range(len(quotient.shape)))
    limit = _host_scalar(_FLOOR_QUOTIENT_EXACT[quotient.dtype], quotient.dtype)
    magnitude = gen_math_ops._abs(quotient)
    if not bool(gen_math_ops._any(whole, axes)) and bool(
        gen_math_ops.less(gen_math_ops._max(magnitude, axes), limit)
    ):
        return floor  # (an empty quotient's max is -inf; NaN makes the test fail)
    # the elements that may differ: a whole or large quotient of a nonzero x1 (x1 = 0 gives the
    # quotient, a signed zero or NaN, which is its floor); the exact composition on those alone
    suspect = gen_math_ops.logical_and(
        gen_math_ops.logical_or(whole, gen_math_ops.greater_equal(magnitude, limit)),
        gen_math_ops.not_equal(x1, _host_zero(x1.dtype)),
    )
    flat = _ints([-1])
    where = gen_array_ops.where(gen_array_ops.reshape(suspect, flat))  # [k, 1]
    k, size = int(where.shape[0]), quotient.shape.num_elements()
    if k == 0:
        return floor
    if 2 * k > size:  # most of them: gathering and scattering would cost more
        return _floor_divide_exact(x1, x2, quotient)
    shape = _ints(quotient.shape)
    a, b = (
        gen_array_ops.gather_nd(
            gen_array_ops.reshape(
                x if x.shape == quotient.shape else gen_array_ops.broadcast_to(x, shape), flat
            ),
            where,
        )
        for x in (x1, x2)
    )
    exact = _floor_divide_exact(a, b, gen_math_ops.real_div(a, b))
    return gen_array_ops.reshape(
        gen_array_ops.tensor_scatter_update(gen_array_ops.reshape(floor, flat), where, exact),
        shape,
    )


def _floor_divide_exact(x1: tf.Tensor, x2: tf.Tensor, quotient: tf.Tensor) -> tf.Tensor:
    """NumPy's float floor division (``npy_floor_divide``): ``(x1 - fmod(x1, x2)) / x2``
    snapped to an integer, and the standard's ``floor(x1 / x2)`` where an operand is infinite.
    TensorFlow's ``floor(x1 / x2)`` differs for finite operands (``1 // 0.1`` is 9, not 10).
    ``quotient``: ``x1 / x2``."""
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
    """TensorFlow's ``floor_mod`` (NumPy's values), with NumPy's sign for zero results: x2's.
    Eagerly on the CPU, where no result is zero (an any of the test, read back), ``floor_mod``
    alone."""
    mod = gen_math_ops.floor_mod(x1, x2)
    zero = gen_math_ops.equal(mod, _host_zero(mod.dtype) if tf.executing_eagerly() else 0)
    if (
        tf.executing_eagerly()
        and "CPU" in mod.device
        and not bool(gen_math_ops._any(zero, _ints(range(len(mod.shape)))))
    ):
        return mod
    return gen_math_ops.select_v2(zero, gen_math_ops.mul(gen_math_ops.sign(x2), 0), mod)


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
    shifted right. TensorFlow clamps the count to [0, bits - 1]. Eagerly on the CPU, counts
    all inside [0, bits) (one max of the counts read as unsigned, read back: a cheap test of a
    rare condition) take TensorFlow's shift alone."""
    bits = dt.size * 8
    unsigned = _UNSIGNED.get(dt, dt)
    zero = _host_zero(dt)
    top = _host_scalar(bits - 1, dt)

    def as_unsigned(count: tf.Tensor) -> tf.Tensor:
        return count if dt is unsigned else gen_array_ops.bitcast(count, unsigned)

    def all_in_range(count: tf.Tensor) -> bool:
        if not tf.executing_eagerly() or "CPU" not in count.device:
            return False
        u = as_unsigned(count)
        return int(gen_math_ops._max(u, _ints(range(len(u.shape))))) < bits

    def in_range(count: tf.Tensor) -> tf.Tensor:
        return gen_math_ops.less(as_unsigned(count), bits)

    if name == "bitwise_left_shift" or dt.is_unsigned:
        op = (
            gen_bitwise_ops.left_shift
            if name == "bitwise_left_shift"
            else gen_bitwise_ops.right_shift
        )

        def shift(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
            if all_in_range(x2):
                return op(x1, x2)
            return gen_math_ops.select_v2(in_range(x2), op(x1, x2), zero)

        return shift

    def right_signed(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
        if all_in_range(x2):  # no negative count (and TensorFlow's clamp is NumPy's result)
            return gen_bitwise_ops.right_shift(x1, x2)
        return gen_bitwise_ops.right_shift(
            x1, gen_math_ops.select_v2(gen_math_ops.greater_equal(x2, zero), x2, top)
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


def _all_finite(x: tf.Tensor) -> bool:
    """Eagerly on the CPU, whether every element of ``x`` is finite: its sum is (IEEE: a NaN or
    an infinity makes it NaN or infinite), one reduction read back. False in a graph, on a GPU,
    and where the sum overflows: the caller then corrects as it would for a rare value."""
    if not tf.executing_eagerly() or "CPU" not in x.device:
        return False
    return math.isfinite(float(gen_math_ops._sum(x, _ints(range(len(x.shape))))))


def _hypot(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """``big * sqrt(1 + (small / big)**2)``, which neither overflows nor underflows; infinite
    if either operand is (NaN or not, as C's ``hypot``); 0 for two zeros (the ratio 0 there:
    ``div_no_nan``). Where every result is finite no operand is infinite (it gives an infinite
    or NaN ratio or result) and the correction is skipped (eagerly on the CPU)."""
    dt = x1.dtype
    a, b = gen_math_ops._abs(x1), gen_math_ops._abs(x2)
    big, small = gen_math_ops.maximum(a, b), gen_math_ops.minimum(a, b)
    ratio = gen_math_ops.div_no_nan(small, big)
    out = gen_math_ops.mul(
        big,
        gen_math_ops.sqrt(gen_math_ops.add_v2(gen_math_ops.mul(ratio, ratio), _one(dt))),
    )
    if _all_finite(out):
        return out
    infinite = gen_math_ops.logical_or(gen_math_ops.is_inf(a), gen_math_ops.is_inf(b))
    return gen_math_ops.select_v2(infinite, tf.constant(math.inf, dt), out)


def _one(dtype: tf.DType) -> tf.Tensor:
    return _host_scalar(1, dtype) if tf.executing_eagerly() else tf.constant(1, dtype)


def _log1p_exp_neg_abs(diff: tf.Tensor) -> tf.Tensor:
    """``log1p(exp(-|diff|))``."""
    return gen_math_ops.log1p(gen_math_ops.exp(gen_math_ops.neg(gen_math_ops._abs(diff))))


@functools.cache
def _log1p_exp_zero_is_ln2(dtype: tf.DType) -> bool:
    """Whether ``log1p(exp(-0))`` is ``ln 2`` rounded to ``dtype`` in every lane of the CPU
    kernels (SIMD packets and the scalar tail): then ``logaddexp`` of equal finite operands
    needs no correction."""
    with tf.device("/device:CPU:0"):
        zeros = tf.zeros([67], dtype)
        ln2 = tf.constant(math.log(2), dtype)
        shift = _log1p_exp_neg_abs(gen_math_ops.sub(zeros, zeros))
        return bool(tf.reduce_all(gen_math_ops.equal(shift, ln2)))


def _logaddexp(x1: tf.Tensor, x2: tf.Tensor) -> tf.Tensor:
    """NumPy's ``npy_logaddexp``: ``x + ln 2`` for equal operands (infinities included), else
    the larger plus ``log1p(exp(-|x1 - x2|))``; NaN stays NaN. Where every result is finite
    (eagerly on the CPU) no difference is NaN and no operands are equal infinities: the formula
    alone, whose value for equal finite operands is ``x + log1p(1)``, ``x + ln 2`` (checked once
    per dtype)."""
    diff = gen_math_ops.sub(x1, x2)
    out = gen_math_ops.add_v2(gen_math_ops.maximum(x1, x2), _log1p_exp_neg_abs(diff))
    if _all_finite(out) and _log1p_exp_zero_is_ln2(x1.dtype):
        return out
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
