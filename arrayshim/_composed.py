"""Creation functions composed from other functions: ``meshgrid``, ``tril`` and ``triu``.

They build on manipulation and ``where``, which themselves use ``_creation``; keeping them
here keeps ``_creation`` below both.
"""

from __future__ import annotations

import operator

from . import _context, _dtypes
from ._array import Array, _new, known_dim
from ._creation import arange, asarray
from ._dispatch import as_array, call
from ._errors import ArrayshimValueError, message
from ._manipulation import broadcast_to, reshape
from ._searching import where

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def meshgrid(*arrays: Any, indexing: str = "xy") -> tuple[Array, ...]:
    """Coordinate matrices from 1-D arrays (``indexing="xy"``: the first two axes swapped), as a
    tuple (2025.12; a list before)."""
    if indexing not in ("xy", "ij"):
        raise ArrayshimValueError(message("meshgrid", "indexing", "'xy' or 'ij'", repr(indexing)))
    arrs = [as_array(a, "meshgrid", "arrays") for a in arrays]
    for a in arrs:
        if a.ndim != 1:
            raise ArrayshimValueError(
                message(
                    "meshgrid", "arrays", "one-dimensional arrays", f"an array of shape {a.shape}"
                )
            )
    n = len(arrs)
    if arrs:
        b, dt, dev = arrs[0]._backend, arrs[0]._dtype, arrs[0]._device
        if all(a._backend is b and a._dtype is dt and a._device is dev for a in arrs):
            for a in arrs:
                known_dim(a.shape[0], "meshgrid")
            natives = [a._native for a in arrs]
            grids = call("meshgrid", b, dev, b.meshgrid, natives, indexing)
            if grids is not None:
                return tuple(_new(g, b, dt, dev) for g in grids)
    axes = list(range(n))
    if indexing == "xy" and n >= 2:
        axes[0], axes[1] = 1, 0
    shape = [0] * n
    for a, axis in zip(arrs, axes, strict=True):
        shape[axis] = known_dim(a.shape[0], "meshgrid")
    out = []
    for a, axis in zip(arrs, axes, strict=True):
        side = [1] * n
        side[axis] = shape[axis]
        out.append(asarray(broadcast_to(reshape(a, tuple(side)), tuple(shape)), copy=True))
    return tuple(out)


def _triangle(x: Any, k: int, func: str, lower: bool) -> Array:
    a = as_array(x, func, "x")
    if a.ndim < 2:
        raise ArrayshimValueError(
            message(
                func, "x", "an array with at least 2 dimensions", f"an array of shape {a.shape}"
            )
        )
    k = operator.index(k)
    b = a._backend
    one = call(func, b, a._device, b.triangle, a._native, k, lower)
    if one is not None:
        return _new(one, b, a._dtype, a._device)
    n, m = a.shape[-2], a.shape[-1]
    with _context.use_backend(a._backend.name):
        rows = arange(n, device=a._device)
        cols = arange(m, device=a._device)
    diag = cols[None, :] - rows[:, None]  # column - row: 0 on the main diagonal
    keep = diag <= k if lower else diag >= k
    # a weak Python zero keeps x's dtype (no zeros_like of x's size)
    return where(keep, a, False if a._dtype is _dtypes.bool else 0)


def tril(x: Any, /, *, k: int = 0) -> Array:
    """``x`` with the elements above the ``k``-th diagonal zeroed (of each matrix in a stack)."""
    return _triangle(x, k, "tril", True)


def triu(x: Any, /, *, k: int = 0) -> Array:
    """``x`` with the elements below the ``k``-th diagonal zeroed (of each matrix in a stack)."""
    return _triangle(x, k, "triu", False)
