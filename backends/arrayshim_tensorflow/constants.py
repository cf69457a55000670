"""The TensorFlow adapter's int arguments and constants as tensors (host int32/int64 constants
cached, scalars of a dtype, reshapes with traced dimensions)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
import tensorflow as tf
from tensorflow.python.ops import gen_array_ops


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


@functools.lru_cache(maxsize=512)
def _host_scalar(value: Any, dtype: tf.DType) -> tf.Tensor:
    with tf.device("/device:CPU:0"):
        return tf.constant(value, dtype)


def _count_scalar(value: int, dtype: tf.DType) -> tf.Tensor:
    """A 0-d tensor of ``dtype`` holding the count ``value`` (cached in eager mode)."""
    return _host_scalar(value, dtype) if tf.executing_eagerly() else tf.constant(value, dtype)


def _scalar64(value: int) -> tf.Tensor:
    """A 0-d int64 tensor for an int argument (cached in eager mode, as ``_ints``)."""
    return _host_scalar(value, tf.int64) if tf.executing_eagerly() else tf.constant(value, tf.int64)


def _scalar32(value: int) -> tf.Tensor:
    """A 0-d int32 tensor for an int argument (cached in eager mode, as ``_ints``)."""
    return _host_scalar(value, tf.int32) if tf.executing_eagerly() else tf.constant(value, tf.int32)


@functools.lru_cache(maxsize=32)
def _host_zero(dtype: tf.DType) -> tf.Tensor:
    with tf.device("/device:CPU:0"):
        return tf.zeros((), dtype)


def _zero(dtype: tf.DType) -> tf.Tensor:
    """A 0-d zero of ``dtype`` for an op's host argument (cached in eager mode)."""
    return _host_zero(dtype) if tf.executing_eagerly() else tf.zeros((), dtype)


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
