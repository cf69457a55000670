"""The JAX adapter's dtype tables: arrayshim's dtypes as NumPy dtype objects (JAX uses NumPy's),
and the 64-bit ones, which need JAX's 64-bit mode (``x64.py``)."""

from __future__ import annotations

import numpy as np

from arrayshim.backend_api import DType
from arrayshim.backend_api import dtypes as d

_JNP: dict[DType, np.dtype] = {dt: np.dtype(dt.name) for dt in d.ALL}
_FROM_JNP: dict[np.dtype, DType] = {v: k for k, v in _JNP.items()}
#: the dtypes JAX makes only in 64-bit mode
_X64 = frozenset({d.int64, d.uint64, d.float64, d.complex128})
