"""The TensorFlow adapter's sorting helpers: order keys (NumPy's order as signed integers), moving
an axis last and back, and a stable sort along the last axis with ``TopKV2``."""

from __future__ import annotations

import tensorflow as tf
from tensorflow.python.ops import gen_array_ops, gen_bitwise_ops, gen_math_ops, gen_nn_ops

from .constants import _ints
from .dtypes import _BITS, _KEY_TOP, _SIGNED
from .indexing import _shape


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
