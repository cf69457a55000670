"""What the ``linalg`` and ``fft`` extensions share: integer arguments, calling a backend's
extension methods (``Backend.linalg_*``, ``Backend.fft_*``) with framework failures made into
arrayshim errors, and wrapping its results in the dtype the frontend decided."""

from __future__ import annotations

import operator

from ._array import Array, _new, describe
from ._dispatch import call
from ._errors import ArrayshimError, ArrayshimTypeError, ArrayshimValueError, message
from ._kernels import run_placed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._dtypes import DType


def run_hook(extension: str, func: str, a: Array, expected: str, *args: Any, **kwargs: Any) -> Any:
    """``backend.<extension>_<func>(a's native, *args, **kwargs)``, the contract's method for
    that operation (``Backend.linalg_cholesky``, ``Backend.fft_rfft``, ...); a framework's failure
    that ``translate_error`` passed through unchanged (a singular matrix, a transform the
    framework cannot do) becomes a ``ValueError`` naming ``<extension>.<func>`` on every backend."""
    b = a._backend
    hook = getattr(b, extension + "_" + func)
    try:
        if a._device in b.unplaced:  # no placement to enter: the hook called directly
            return hook(a._native, *args, **kwargs)
        return run_placed(b, a._device, lambda: hook(a._native, *args, **kwargs))
    except ArrayshimError:
        raise
    except Exception as exc:
        translated = b.translate_error(f"{extension}.{func}", exc)
        if translated is not exc:
            raise translated from exc
        raise ArrayshimValueError(
            message(f"{extension}.{func}", "x", expected, f"backend {b.name!r} failed: {exc}")
        ) from exc


def wrap(extension: str, native: Any, like: Array, dtype: DType) -> Array:
    """A backend result as an Array of ``dtype`` (cast when the framework returned another)."""
    b = like._backend
    if b.dtype_of(native) is not dtype:
        native = call(extension, b, like._device, b.astype, native, dtype, False)
    return _new(native, b, dtype, like._device)


def int_arg(func: str, arg: str, value: Any) -> int:
    """``value`` as an int (anything with ``__index__``, not a bool), or a ``TypeError``
    naming ``func`` (``"linalg.cross"``, ``"fft.fft"``) and ``arg``."""
    if isinstance(value, bool):
        raise ArrayshimTypeError(message(func, arg, "an int", repr(value)))
    try:
        return operator.index(value)
    except TypeError:
        raise ArrayshimTypeError(message(func, arg, "an int", describe(value))) from None
