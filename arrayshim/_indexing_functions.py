"""Indexing functions: ``take, take_along_axis``, composed from NumPy indexing (``__getitem__``
with integer arrays), which checks bounds on every backend and wraps negative indices."""

from __future__ import annotations

import operator

from . import _context
from . import _dtypes as d
from ._array import Array, _new, describe, known_dim
from ._axes import one_axis
from ._creation import arange
from ._dispatch import as_array, call, joined
from ._errors import ArrayshimTypeError, ArrayshimValueError, message
from ._manipulation import reshape

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _indices(func: str, x: Array, indices: Any) -> tuple[Array, Any]:
    """(``x``, ``indices``) on one backend: a NumPy one of them joins the other's."""
    if type(indices) is int:
        return x, indices
    idx = as_array(indices, func, "indices")
    if idx._dtype.kind not in "iu":
        raise ArrayshimTypeError(
            message(func, "indices", "an integer array", f"dtype {idx._dtype.name}")
        )
    idx = joined(idx, x._backend, x._device)
    x = joined(x, idx._backend, idx._device)
    if idx._backend is not x._backend:
        raise ArrayshimTypeError(
            message(
                func,
                "indices",
                f"an array of backend {x._backend.name}",
                f"one of backend {idx._backend.name}",
            )
        )
    return x, idx


def _one_kernel(func: str, a: Array, idx: Any, axis: int, along: bool) -> Array | None:
    """The backend's one-kernel ``take`` (:meth:`Backend.take`) where it has one and every
    index is in range; None where the composed path must run (it raises for the indices out of
    range, and checks nothing while tracing, as indexing does)."""
    b = a._backend
    if (
        type(idx) is not Array
        or idx._device is not a._device
        or not a.shape[axis]
        or b.is_traced(a._native)
        or b.is_traced(idx._native)
    ):
        return None
    if along:
        for i, (n, m) in enumerate(zip(a.shape, idx.shape, strict=True)):
            if i != axis and n != m and 1 not in (n, m):
                return None  # the composed path's broadcasting error
    found = call(func, b, a._device, b.take, a._native, idx._native, axis, along)
    if found is None or not bool(b.to_numpy(found[1])):
        return None
    return _new(found[0], b, a._dtype, a._device)


def take(x: Any, indices: Any, /, *, axis: int | None = None) -> Array:
    """Elements of ``x`` at ``indices`` along ``axis`` (optional for 1-D ``x``); negative
    indices count from the end, out-of-range ones raise ``IndexError``.

    >>> import arrayshim as xp
    >>> [int(v) for v in xp.take(xp.asarray([5, 6, 7]), xp.asarray([2, 0]))]
    [7, 5]
    """
    a = as_array(x, "take", "x")
    if axis is None:
        if a.ndim != 1:
            raise ArrayshimValueError(
                message(
                    "take",
                    "axis",
                    f"an axis (required for an array of {a.ndim} dimensions)",
                    "None",
                )
            )
        ax = 0
    else:
        ax = one_axis(axis, a.ndim, "take")
    a, idx = _indices("take", a, indices)
    one = _one_kernel("take", a, idx, ax, False)
    if one is not None:
        return one
    return a[(slice(None),) * ax + (idx,)]


def take_along_axis(x: Any, indices: Any, /, *, axis: int = -1) -> Array:
    """Elements of ``x`` picked along ``axis`` by ``indices`` (same number of dimensions; the
    other axes broadcast), as NumPy's ``take_along_axis``."""

    a = as_array(x, "take_along_axis", "x")
    a, idx = _indices("take_along_axis", a, indices)
    if type(idx) is not Array or idx.ndim != a.ndim:
        raise ArrayshimValueError(
            message(
                "take_along_axis",
                "indices",
                f"an integer array with {a.ndim} dimensions, like x",
                describe(indices),
            )
        )
    ax = one_axis(operator.index(axis), a.ndim, "take_along_axis")
    one = _one_kernel("take_along_axis", a, idx, ax, True)
    if one is not None:
        return one
    key: list[Any] = []
    state = _context._push(
        a._backend, a._device
    )  # a `with` block would break torch.compile's graph
    try:
        for i, n in enumerate(a.shape):
            if i == ax:
                key.append(idx)
            else:
                ones = [1] * a.ndim
                ones[i] = n = known_dim(n, "take_along_axis")
                key.append(reshape(arange(n, dtype=d.int64, device=a._device), tuple(ones)))
    finally:
        _context._pop(state)
    return a[tuple(key)]
