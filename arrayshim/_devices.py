"""Devices as values. ``Device("gpu", 0)`` prints as ``gpu:0``; adapters translate it to
``cuda:0`` or ``/device:GPU:0``. Nothing here probes hardware."""

from __future__ import annotations

import re
import threading

from ._errors import DeviceError, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_PATTERN = re.compile(
    r"^(?:/?(?:job:[^/]+/)?(?:replica:\d+/)?(?:task:\d+/)?device:)?([A-Za-z_]+)(?::(\d+))?$"
)
_KIND_ALIASES = {"cuda": "gpu", "gpu": "gpu", "cpu": "cpu"}


class Device:
    """A device: a kind (``cpu``, ``gpu``, or a third-party backend's own) and an index.

    Interned: ``Device("gpu", 0) is Device("gpu", 0)``, so identity comparison is valid.
    """

    __slots__ = ("kind", "index", "__weakref__")
    _interned: dict[tuple[str, int], Device] = {}
    _lock = threading.Lock()

    kind: str
    index: int

    def __new__(cls, kind: str, index: int = 0) -> Device:
        key = (kind, index)
        found = cls._interned.get(key)
        if found is None:
            with cls._lock:
                found = cls._interned.get(key)
                if found is None:
                    found = object.__new__(cls)
                    object.__setattr__(found, "kind", kind)
                    object.__setattr__(found, "index", index)
                    cls._interned[key] = found
        return found

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Device is immutable")

    def __repr__(self) -> str:
        return f"Device({str(self)!r})"

    def __str__(self) -> str:
        return "cpu" if self.kind == "cpu" and self.index == 0 else f"{self.kind}:{self.index}"

    def __reduce__(self):
        return (Device, (self.kind, self.index))


CPU = Device("cpu", 0)


def as_device(obj: object, func: str = "to_device", arg: str = "device") -> Device:
    """Parse ``"cpu"``, ``"gpu:1"``, ``"cuda:0"``, ``"/device:GPU:0"``, a ``torch.device`` or a
    :class:`Device` into a :class:`Device`."""
    if type(obj) is Device:
        return obj
    text = None
    if isinstance(obj, str):
        text = obj
    elif type(obj).__name__ == "device" and hasattr(
        obj, "type"
    ):  # torch.device, without importing torch
        torch_device: Any = obj
        index = torch_device.index
        text = torch_device.type if index is None else f"{torch_device.type}:{index}"
    match = _PATTERN.match(text.strip()) if text is not None else None
    if match is None:
        raise DeviceError(
            message(
                func,
                arg,
                "a device such as 'cpu', 'gpu', 'gpu:1' (or 'cuda:1', '/device:GPU:1'), or an "
                "arrayshim.Device",
                repr(obj),
            )
        )
    kind = match.group(1).lower()
    kind = _KIND_ALIASES.get(kind, kind)
    return Device(kind, int(match.group(2) or 0))


def select(devices: list[Device], spec: object) -> Device | None:
    """The device of ``devices`` that ``spec`` names, or None: a kind alone (``"gpu"``) means the
    first device of that kind, ``"gpu:1"`` (or a :class:`Device`) that device. Choosing devices
    per backend (``arrayshim bench --devices gpu``, ``pytest --device gpu``) uses this."""
    wanted = as_device(spec, "select", "device")
    by_kind = isinstance(spec, str) and ":" not in spec.strip().rsplit("device", 1)[-1]
    for dev in devices:
        if dev is wanted or (by_kind and dev.kind == wanted.kind):
            return dev
    return None
