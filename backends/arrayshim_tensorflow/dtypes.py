"""The TensorFlow adapter's dtype tables: arrayshim's dtypes as TensorFlow's, the signed dtypes
of unsigned ones and of floats' widths (bitcasts), and the dtypes some kernels compute in."""

from __future__ import annotations

import tensorflow as tf

from arrayshim.backend_api import (
    INT_OF_FLOAT,
    DType,
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


#: the integer dtype of each float's width, for bit manipulation (and order keys)
_BITS = {_TF[f]: _TF[i] for f, i in INT_OF_FLOAT.items()}


#: float dtype -> the largest value of the signed integer dtype of its width (``_BITS``)
_KEY_TOP = {tf.float16: 2**15 - 1, tf.float32: 2**31 - 1, tf.float64: 2**63 - 1}
