"""Data type functions: ``result_type``, ``can_cast``, ``isdtype`` (``finfo``/``iinfo`` are in
``_dtypes``). Answers come from the one promotion table and need no backend."""

from __future__ import annotations

from . import _context, _promotion
from ._array import Array, describe
from ._dispatch import as_array
from ._dtypes import DType, as_dtype
from ._errors import ArrayshimTypeError, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _item(x: Any) -> tuple[DType | None, str | None]:
    if type(x) is DType:
        return x, None
    if type(x) is Array:
        return x._dtype, None
    kind = _promotion.scalar_kind(x)
    if kind is not None:
        return None, kind
    if isinstance(x, str):
        return as_dtype(x, "result_type", "arrays_and_dtypes"), None

    try:
        return as_array(x, "result_type", "arrays_and_dtypes")._dtype, None
    except TypeError:
        try:
            return as_dtype(x, "result_type", "arrays_and_dtypes"), None
        except TypeError:
            raise ArrayshimTypeError(
                message(
                    "result_type",
                    "arrays_and_dtypes",
                    "arrays, dtypes or Python scalars",
                    describe(x),
                )
            ) from None


def result_type(*arrays_and_dtypes: Any) -> DType:
    """The dtype the shared table gives for these arrays, dtypes and Python scalars.

    >>> import arrayshim as xp
    >>> xp.result_type(xp.int32, xp.float32)
    arrayshim.float64
    >>> with xp.use_promotion("float32"):
    ...     xp.result_type(xp.int64, xp.float32)
    arrayshim.float32
    """
    return _promotion.result_type_of(
        [_item(x) for x in arrays_and_dtypes], _context.current_policy()
    )


def can_cast(from_: Any, to: Any, /) -> bool:
    """Whether ``from_`` (a dtype or array) casts to ``to`` without loss under the current
    policy."""
    src = from_._dtype if type(from_) is Array else as_dtype(from_, "can_cast", "from_")
    return _promotion.can_cast(src, as_dtype(to, "can_cast", "to"), _context.current_policy())
