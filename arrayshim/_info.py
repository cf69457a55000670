"""The Array API inspection namespace: ``arrayshim.__array_namespace_info__()``."""

from __future__ import annotations

from . import _context, _dtypes
from ._devices import Device, as_device
from ._dispatch import target_device
from ._dtypes import DType
from ._errors import ArrayshimValueError, DeviceError, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .backend_api import Backend

#: the kind names ``dtypes(kind=...)`` takes, as ``isdtype`` does
_KINDS = (
    "bool",
    "signed integer",
    "unsigned integer",
    "integral",
    "real floating",
    "complex floating",
    "numeric",
)
#: the dtypes of the standard (arrayshim's float16 is an extension)
_STANDARD = tuple(dt for dt in _dtypes.ALL if dt is not _dtypes.float16)


class Info:
    """What the backend current when it was made can do (``__array_namespace_info__()``).

    The backend is fixed when the object is made; ``default_device`` and ``default_dtypes``
    follow the ``use_device`` / ``use_promotion`` settings in force when they are called.

    >>> import arrayshim as xp
    >>> info = xp.__array_namespace_info__()
    >>> info.default_dtypes()["real floating"]
    arrayshim.float64
    >>> with xp.use_promotion("float32"):
    ...     info.default_dtypes()["real floating"]
    arrayshim.float32
    """

    __slots__ = ("_backend",)

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def __repr__(self) -> str:
        return f"arrayshim.__array_namespace_info__() for backend {self._backend.name!r}"

    def capabilities(self) -> dict[str, Any]:
        """``boolean indexing`` and ``data-dependent shapes`` (both supported on every backend),
        and ``max dimensions``: the most axes an array of this backend may have."""
        return {
            "boolean indexing": True,
            "data-dependent shapes": True,
            "max dimensions": self._backend.max_dimensions,
        }

    def default_device(self) -> Device:
        """The device creation functions place arrays on now (``use_device``, else
        ``$ARRAYSHIM_DEVICE``, else the backend's default)."""
        return target_device(self._backend, None, "__array_namespace_info__().default_device")

    def devices(self) -> tuple[Device, ...]:
        """Every device of the backend, default first, as a tuple (2025.12; a list before)."""
        return tuple(self._backend.devices())

    def default_dtypes(self, *, device: Any = None) -> dict[str, DType]:
        """The default dtypes of the promotion policy in force now (the same on every device)."""
        self._check_device(device, "default_dtypes")
        policy = _context.current_policy()
        return {
            "real floating": policy.default_float,
            "complex floating": policy.default_complex,
            "integral": policy.default_int,
            "indexing": _dtypes.int64,
        }

    def dtypes(
        self, *, device: Any = None, kind: str | tuple[str, ...] | None = None
    ) -> dict[str, DType]:
        """The standard's dtypes the backend supports (all 13 on every device), optionally only
        those of ``kind``: a name as ``isdtype`` takes (``"real floating"``, ``"integral"``, ...)
        or a tuple of them. ``float16``, which arrayshim also has, is not listed: the standard
        says a dtype it does not define must not be."""
        self._check_device(device, "dtypes")
        if kind is None:
            return {dt.name: dt for dt in _STANDARD}
        for k in kind if isinstance(kind, tuple) else (kind,):
            if k not in _KINDS:
                raise ArrayshimValueError(
                    message(
                        "__array_namespace_info__().dtypes",
                        "kind",
                        "None, one of " + ", ".join(map(repr, _KINDS)) + ", or a tuple of these",
                        repr(k),
                    )
                )
        return {dt.name: dt for dt in _STANDARD if _dtypes.isdtype(dt, kind)}

    def _check_device(self, device: Any, method: str) -> None:
        if device is None:
            return
        func = f"__array_namespace_info__().{method}"
        dev = as_device(device, func, "device")
        b = self._backend
        if dev not in b.devices():
            raise DeviceError(
                message(
                    func,
                    "device",
                    f"a device of backend {b.name!r}: " + ", ".join(map(str, b.devices())),
                    str(dev),
                )
            )


def __array_namespace_info__() -> Info:
    """The inspection namespace of the current backend (Array API 2025.12).

    >>> import arrayshim as xp
    >>> xp.__array_namespace_info__().capabilities()["boolean indexing"]
    True
    """
    return Info(_context.current_backend())
