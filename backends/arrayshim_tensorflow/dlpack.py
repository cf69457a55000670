"""The TensorFlow adapter's DLPack support: the data address of a capsule, to check the alignment
TensorFlow's kernels need before sharing a buffer."""

from __future__ import annotations

import ctypes
from typing import Any

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
