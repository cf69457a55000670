"""The PyTorch adapter's dtype tables: arrayshim's dtypes as torch's and NumPy's, and the
signed dtypes that torch's few unsigned kernels are emulated with."""

from __future__ import annotations

import numpy as np
import torch

from arrayshim.backend_api import (
    INT_OF_FLOAT,
    DType,
)
from arrayshim.backend_api import dtypes as d

_TORCH: dict[DType, torch.dtype] = {
    d.bool: torch.bool,
    d.int8: torch.int8,
    d.int16: torch.int16,
    d.int32: torch.int32,
    d.int64: torch.int64,
    d.uint8: torch.uint8,
    d.uint16: torch.uint16,
    d.uint32: torch.uint32,
    d.uint64: torch.uint64,
    d.float16: torch.float16,
    d.float32: torch.float32,
    d.float64: torch.float64,
    d.complex64: torch.complex64,
    d.complex128: torch.complex128,
}
_FROM_TORCH = {v: k for k, v in _TORCH.items()}
_NP = {dt: np.dtype(dt.name) for dt in d.ALL}
_FROM_NP = {v: k for k, v in _NP.items()}
_SCALARS = (bool, int, float, complex)

#: unsigned dtypes torch has few kernels for -> the signed dtype of the same width
_SIGNED = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}
#: the signed dtype that holds every value of an unsigned one (division, pow, right shift)
_WIDE = {torch.uint16: torch.int32, torch.uint32: torch.int64}
#: the sign bit of each signed dtype in _SIGNED, as a Python int (xor with it maps unsigned
#: order onto signed order)
_SIGN_BIT = {torch.int16: -(2**15), torch.int32: -(2**31), torch.int64: -(2**63)}
_INT64_MAX = 2**63 - 1


#: float dtype -> the signed integer dtype of its width (for order keys)
_FLOAT_BITS = {_TORCH[f]: _TORCH[i] for f, i in INT_OF_FLOAT.items()}
