"""Axis arguments, validated once for every function that takes one."""

from __future__ import annotations

import operator

from ._array import describe
from ._errors import ArrayshimTypeError, ArrayshimValueError, AxisError, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def one_axis(axis: Any, ndim: int, func: str, arg: str = "axis") -> int:
    try:
        ax = operator.index(axis)
    except TypeError:
        raise ArrayshimTypeError(message(func, arg, "an int", describe(axis))) from None
    if not -ndim <= ax < ndim:
        raise AxisError(
            message(
                func,
                arg,
                f"an axis in [{-ndim}, {ndim}) for an array of {ndim} dimensions",
                repr(axis),
            )
        )
    return ax % ndim if ndim else 0


def axes(axis: Any, ndim: int, func: str) -> tuple[int, ...] | None:
    """``None`` (all axes) or a sorted tuple of distinct non-negative axes."""
    if axis is None:
        return None
    items = axis if isinstance(axis, tuple) else (axis,)
    out = tuple(sorted(one_axis(a, ndim, func) for a in items))
    if len(set(out)) != len(out):
        raise ArrayshimValueError(message(func, "axis", "distinct axes", repr(axis)))
    return out
