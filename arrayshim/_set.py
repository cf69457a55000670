"""Set functions: ``unique_all, unique_counts, unique_inverse, unique_values`` and ``isin``,
composed from a stable ``argsort`` (the adapters' one primitive), slicing and cumulative sums.

Values come out sorted (NumPy's order, NaN last; complex values lexicographically by real,
then imaginary part). As the standard says, every NaN is distinct: each NaN is its own unique
value with a count of 1 (NumPy's ``unique`` merges them by default; arrayshim matches
``np.unique(..., equal_nan=False)``).
"""

from __future__ import annotations

from typing import NamedTuple

from . import _context, _promotion
from . import _dtypes as d
from ._array import Array, _new, known_dim
from ._creation import astype, zeros
from ._dispatch import as_array, call, common_dtype, resolve, run, scalar_array
from ._elementwise import equal, logical_not, minimum, not_equal, subtract
from ._errors import ArrayshimTypeError, message
from ._manipulation import concat, expand_dims, reshape
from ._searching import argmax, nonzero, ordered, searchsorted
from ._sorting import argsort, sort
from ._statistical import cumulative_sum
from ._utility import any as any_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class UniqueAllResult(NamedTuple):
    values: Array
    indices: Array
    inverse_indices: Array
    counts: Array


class UniqueCountsResult(NamedTuple):
    values: Array
    counts: Array


class UniqueInverseResult(NamedTuple):
    values: Array
    inverse_indices: Array


def _unique(
    func: str, x: Any, want_index: bool, want_inverse: bool, want_counts: bool
) -> tuple[Array, Any, Any, Any]:

    a = as_array(x, func, "x")
    b, dev = a._backend, a._device
    flat = reshape(a, (-1,))
    n = flat.shape[0]
    if a._dtype.kind != "c":
        one = call(func, b, dev, b.unique, flat._native, want_index, want_inverse, want_counts)
        if one is not None:
            return _from_unique(a, flat, *one)
    if a._dtype.kind == "c":
        # NumPy's lexicographic order: by imaginary part, then stably by real part (NaN last)
        real_dt = d.REAL_OF[a._dtype]
        real, imag = (
            _new(p, b, real_dt, dev) for p in call(func, b, dev, b.complex_parts, b.native_of(flat))
        )
        by_imag = argsort(imag)
        order = by_imag[argsort(real[by_imag])]
    else:
        order = argsort(flat)  # stable: the first of equal values is the first occurrence
    values = flat[order]
    first = _new(run(b, dev, b.full, (1,), True, d.bool, dev), b, d.bool, dev)
    # a new value starts wherever it differs from the one before (NaN differs from NaN)
    starts_mask = concat([first, not_equal(values[1:], values[:-1])]) if n else values != values
    index = inverse = counts = None
    if want_index or want_counts:
        starts = nonzero(starts_mask)[0]
        if want_index:
            index = order[starts]
        if want_counts:
            end = _new(run(b, dev, b.full, (1,), n, d.int64, dev), b, d.int64, dev)
            counts = subtract(concat([starts[1:], end]), starts)
    if want_inverse:
        group = subtract(cumulative_sum(astype(starts_mask, d.int64)), 1)
        with _context.use_backend(b.name):
            inverse = zeros((n,), dtype=d.int64, device=dev)
        inverse[order] = group
        inverse = reshape(inverse, a.shape)
    return values[starts_mask], index, inverse, counts


def _from_unique(a: Array, flat: Array, values: Any, *rest: Any) -> tuple[Array, Any, Any, Any]:
    """The framework's unique (``Backend.unique``) as arrays; of ``0.0 == -0.0`` the first
    one in ``x`` is kept, as the stable composition keeps it."""
    b, dev = a._backend, a._device
    v = _new(values, b, a._dtype, dev)
    index, inverse, counts = (None if r is None else _new(r, b, d.int64, dev) for r in rest)
    if inverse is not None:
        inverse = reshape(inverse, a.shape)
    if a._dtype.kind == "f" and v.shape[0]:
        at = int(searchsorted(v, 0.0))  # sorted: the one zero, if any, is there
        if at < v.shape[0] and bool(v[at] == 0):
            v[at] = flat[int(argmax(equal(flat, 0.0)) if index is None else index[at])]
    return v, index, inverse, counts


def unique_all(x: Any, /) -> UniqueAllResult:
    """The sorted unique values of ``x``, the index of each one's first occurrence, the index
    into the values of every element of ``x`` (shaped like ``x``) and each value's count."""
    values, index, inverse, counts = _unique("unique_all", x, True, True, True)
    return UniqueAllResult(values, index, inverse, counts)


def unique_counts(x: Any, /) -> UniqueCountsResult:
    """The sorted unique values of ``x`` and how often each occurs."""
    values, _, _, counts = _unique("unique_counts", x, False, False, True)
    return UniqueCountsResult(values, counts)


def unique_inverse(x: Any, /) -> UniqueInverseResult:
    """The sorted unique values of ``x`` and, for every element, its index into them."""
    values, _, inverse, _ = _unique("unique_inverse", x, False, True, False)
    return UniqueInverseResult(values, inverse)


def unique_values(x: Any, /) -> Array:
    """The sorted unique values of ``x`` (every NaN kept: NaN is distinct from NaN).

    >>> import arrayshim as xp
    >>> [int(v) for v in xp.unique_values(xp.asarray([3, 1, 3]))]
    [1, 3]
    """
    return _unique("unique_values", x, False, False, False)[0]


def isin(x1: Any, x2: Any, /, *, invert: bool = False) -> Array:
    """Whether each element of ``x1`` equals some element of ``x2`` (both promoted to one
    dtype; either may be a Python scalar). NaN is in nothing. The result has ``x1``'s shape.

    >>> import arrayshim as xp
    >>> [bool(v) for v in xp.isin(xp.asarray([1, 2, 3]), xp.asarray([3, 1]))]
    [True, False, True]
    """

    b, dev, (a1, a2) = resolve("isin", (x1, x2), ("x1", "x2"))
    policy = _context.current_policy()
    k1, k2 = _promotion.scalar_kind(a1), _promotion.scalar_kind(a2)
    if k1 is not None and k2 is not None:
        raise ArrayshimTypeError(
            message("isin", "x1, x2", "at least one array", f"{a1!r} and {a2!r}")
        )
    dt = common_dtype("isin", a1, a2, policy)
    c1 = _new(scalar_array(a1, dt, b, dev), b, dt, dev) if k1 else astype(a1, dt, copy=False)
    c2 = _new(scalar_array(a2, dt, b, dev), b, dt, dev) if k2 else astype(a2, dt, copy=False)
    native = call("isin", b, dev, b.isin, c1._native, c2._native)
    if native is not None:
        found = _new(native, b, d.bool, dev)
        return logical_not(found) if invert else found
    candidates = reshape(c2, (-1,))
    m = known_dim(candidates.shape[0], "isin")
    if m == 0:
        found = _new(run(b, dev, b.full, c1.shape, False, d.bool, dev), b, d.bool, dev)
    elif dt.kind == "c":  # no order: compare with every candidate
        found = any_(equal(expand_dims(c1, axis=-1), candidates), axis=-1)
    else:
        table = sort(ordered("isin", candidates, "x2"))
        at = minimum(searchsorted(table, c1), m - 1)
        found = equal(table[reshape(at, (-1,))], reshape(c1, (-1,)))
        found = reshape(found, c1.shape)
    return logical_not(found) if invert else found
