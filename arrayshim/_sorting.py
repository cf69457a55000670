"""Sorting: ``sort, argsort``. Every backend sorts stably (``stable=False`` is allowed to), in
NumPy's order: NaN after every number ascending, before every number descending; ties keep
their original order in both directions. Complex arrays are refused (the standard leaves their
order unspecified; PyTorch and TensorFlow cannot sort them)."""

from __future__ import annotations

from . import _dtypes as d
from ._array import Array, _new
from ._axes import one_axis
from ._dispatch import call
from ._searching import ordered

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def argsort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Array:
    """The int64 indices that sort ``x`` along ``axis``.

    >>> import arrayshim as xp
    >>> [int(i) for i in xp.argsort(xp.asarray([3, 1, 2]))]
    [1, 2, 0]
    """
    a = ordered("argsort", x)
    b, dev = a._backend, a._device
    ax = one_axis(axis, a.ndim, "argsort")
    return _new(
        call("argsort", b, dev, b.argsort, b.native_of(a), ax, bool(descending)), b, d.int64, dev
    )


def sort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Array:
    """``x`` sorted along ``axis`` (a new array of ``x``'s dtype)."""
    a = ordered("sort", x)
    b, dev = a._backend, a._device
    ax = one_axis(axis, a.ndim, "sort")
    return _new(
        call("sort", b, dev, b.sort, b.native_of(a), ax, bool(descending)), b, a._dtype, dev
    )
