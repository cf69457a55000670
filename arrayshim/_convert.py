"""``convert``: an array of one backend as an array of another, zero-copy where possible."""

from __future__ import annotations

from . import _registry
from ._array import Array, _new
from ._creation import _convert
from ._dispatch import as_array, target_device

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def convert(x: Any, backend: str, /, *, device: Any = None) -> Array:
    """``x`` (an arrayshim Array or a framework array) as an Array of ``backend``.

    The dtype is kept exactly (``bool``, unsigned and 64-bit types included). Memory is shared
    through DLPack where both frameworks allow it (NumPy <-> PyTorch on CPU, and TensorFlow for
    aligned contiguous buffers), otherwise the values are copied. ``device=None`` keeps the
    device when the target backend has it, else uses the target's default device.

    >>> import arrayshim as xp
    >>> a = xp.asarray([1, 2, 3], dtype=xp.uint16)
    >>> xp.convert(a, "numpy").dtype
    arrayshim.uint16
    """
    b = _registry.get(backend, "convert", "backend")
    a = as_array(x, "convert", "x")
    if device is None:
        dev = a._device if a._device in b.devices() else target_device(b, None, "convert")
    else:
        dev = target_device(b, device, "convert")
    if a._backend is b:
        if dev is a._device:
            return a
        return _new(b.to_device(a._native, dev), b, a._dtype, dev)
    source = a._backend
    native = _convert(source.native_of(a), source, b, a._dtype, dev, None)
    return _new(native, b, a._dtype, b.device_of(native))
