"""Utility functions: ``all, any, diff``, composed from reductions, slicing and elementwise
functions (no adapter method of their own)."""

from __future__ import annotations

import builtins
import operator

from . import _dtypes as d
from ._array import Array, _new, describe, known_shape
from ._axes import axes as _axes
from ._axes import one_axis
from ._context import use_backend
from ._creation import asarray, astype
from ._dispatch import as_array, call, run
from ._elementwise import not_equal, subtract
from ._errors import ArrayshimTypeError, ArrayshimValueError, message
from ._manipulation import broadcast_to, concat
from ._statistical import _reduce

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _truth(func: str, x: Any, axis: Any, keepdims: bool) -> Array:

    a = as_array(x, func, "x")
    shape = a.shape
    ax = _axes(axis, len(shape), func)
    # all() of nothing is True, any() of nothing False
    if (0 in shape) if ax is None else builtins.any(shape[i] == 0 for i in ax):
        reduced = tuple(range(len(shape))) if ax is None else ax
        out = (
            tuple(1 if i in reduced else n for i, n in enumerate(shape))
            if keepdims
            else tuple(n for i, n in enumerate(shape) if i not in reduced)
        )
        b, dev = a._backend, a._device
        return _new(run(b, dev, b.full, out, func == "all", d.bool, dev), b, d.bool, dev)
    b = a._backend
    if ax != ():  # axis=(): no reduction (torch would read () as every axis)
        one = call(func, b, a._device, b.truth, func, a._native, ax, bool(keepdims))
        if one is not None:
            return _new(one, b, d.bool, a._device)
    mask = a if a._dtype is d.bool else astype(a, d.bool)
    return _reduce("min" if func == "all" else "max", mask, ax, keepdims, d.bool)


def all(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Array:
    """Whether every element along ``axis`` is non-zero (NaN counts as non-zero).

    >>> import arrayshim as xp
    >>> bool(xp.all(xp.asarray([1, 2, 0])))
    False
    """
    return _truth("all", x, axis, keepdims)


def any(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Array:
    """Whether any element along ``axis`` is non-zero (NaN counts as non-zero)."""
    return _truth("any", x, axis, keepdims)


def _edge(func: str, arg: str, value: Any, a: Array, ax: int) -> Array:
    """``prepend``/``append`` as an array joinable to ``a`` along ``ax`` (a scalar becomes a
    slice of size 1, as in NumPy)."""

    if type(value) in (bool, int, float, complex):
        shape = list(known_shape(a.shape, func))
        shape[ax] = 1

        with use_backend(a._backend.name):
            return broadcast_to(asarray(value, device=a._device), tuple(shape))
    v = as_array(value, func, arg)
    if v.ndim != a.ndim:
        raise ArrayshimValueError(
            message(func, arg, f"an array with {a.ndim} dimensions (or a scalar)", describe(v))
        )
    return v


def diff(
    x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None
) -> Array:
    """The ``n``-th forward difference along ``axis`` (``not_equal`` for bool, as NumPy).

    >>> import arrayshim as xp
    >>> [int(v) for v in xp.diff(xp.asarray([1, 4, 9]))]
    [3, 5]
    """

    a = as_array(x, "diff", "x")
    shape = a._backend.shape_of(a._native)
    if not shape:
        raise ArrayshimValueError(
            message("diff", "x", "an array with at least one dimension", "a 0-d array")
        )
    ax = one_axis(axis, len(shape), "diff")
    if type(n) is int:
        count = n
    else:
        try:
            count = operator.index(n)
        except TypeError:
            raise ArrayshimTypeError(
                message("diff", "n", "a non-negative int", describe(n))
            ) from None
    if count < 0:
        raise ArrayshimValueError(message("diff", "n", "a non-negative int", repr(n)))
    if prepend is not None or append is not None:
        parts = [_edge("diff", "prepend", prepend, a, ax)] if prepend is not None else []
        parts.append(a)
        if append is not None:
            parts.append(_edge("diff", "append", append, a, ax))
        a = concat(parts, axis=ax)
        shape = a._backend.shape_of(a._native)
    if count and shape[ax]:
        b = a._backend
        one = call("diff", b, a._device, b.diff, a._native, count, ax)
        if one is not None:
            return _new(one, b, a._dtype, a._device)
    head = (slice(None),) * ax
    for _ in range(count):
        hi, lo = a[head + (slice(1, None),)], a[head + (slice(None, -1),)]
        a = not_equal(hi, lo) if a._dtype is d.bool else subtract(hi, lo)
    return a
