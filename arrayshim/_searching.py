"""Searching: ``where, argmax, argmin, nonzero, count_nonzero, searchsorted``. Index results are
int64 on every backend; the frontend checks axes, emptiness and dtypes, and adapters only find
indices (NumPy's order: NaN after every number; the first NaN wins ``argmax``/``argmin``)."""

from __future__ import annotations

from . import _context, _promotion
from . import _dtypes as d
from ._array import Array, _new
from ._axes import axes as _axes
from ._axes import one_axis
from ._creation import astype
from ._dispatch import (
    as_array,
    broadcast_shapes,
    call,
    cast,
    common_dtype,
    failure,
    joined,
    resolve,
    run,
    scalar_array,
    weak_keeps,
)
from ._errors import ArrayshimTypeError, ArrayshimValueError, message
from ._manipulation import expand_dims, reshape
from ._statistical import sum as sum_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def where(condition: Any, x1: Any, x2: Any, /) -> Array:
    """Elements of ``x1`` where ``condition`` is true, else of ``x2`` (promoted together)."""
    if type(condition) is Array and type(x1) is Array and condition._dtype is d.bool:
        # fast path: one backend and device, x2 of x1's dtype or a weak Python scalar keeping it
        b, dev, dt = x1._backend, x1._device, x1._dtype
        if condition._backend is b and condition._device is dev and dev in b.unplaced:
            if type(x2) is Array:
                n2 = (
                    x2._native
                    if x2._backend is b and x2._device is dev and x2._dtype is dt
                    else None
                )
            else:
                n2 = b.scalar_operand(x2, dt, dev) if weak_keeps(type(x2), x2, dt) else None
            if n2 is not None:
                try:
                    r = b.where(condition._native, x1._native, n2)
                except Exception as exc:
                    raise failure("where", exc, b, condition, x1, x2) from exc
                return _new(r, b, dt, dev)
    b, dev, (c, a1, a2) = resolve("where", (condition, x1, x2), ("condition", "x1", "x2"))
    if type(c) is not Array or c._dtype.kind != "b":
        raise ArrayshimTypeError(
            message(
                "where",
                "condition",
                "a boolean array",
                f"dtype {c._dtype.name}" if type(c) is Array else repr(c),
            )
        )
    policy = _context.current_policy()
    dt = common_dtype("where", a1, a2, policy)
    k1, k2 = _promotion.scalar_kind(a1), _promotion.scalar_kind(a2)
    n1 = scalar_array(a1, dt, b, dev) if k1 else cast(a1, dt)
    n2 = scalar_array(a2, dt, b, dev) if k2 else cast(a2, dt)
    shapes = [a.shape for a in (c, a1, a2) if type(a) is Array]
    broadcast_shapes("where", *shapes)
    try:
        r = run(b, dev, b.where, c._native, n1, n2)
    except Exception as exc:
        raise failure("where", exc, b) from exc
    return _new(r, b, dt, dev)


def ordered(func: str, x: Any, arg: str = "x") -> Array:
    """``x`` as an Array of a real or bool dtype (complex numbers have no order)."""
    a = as_array(x, func, arg)
    if a._dtype.kind == "c":
        raise ArrayshimTypeError(
            message(
                func,
                arg,
                "a real-valued or boolean array (complex numbers are not ordered; refused on "
                "every backend)",
                f"dtype {a._dtype.name} on backend {a._backend.name!r}",
            )
        )
    return a


def _arg_extremum(func: str, x: Any, axis: Any, keepdims: bool) -> Array:

    a = ordered(func, x)
    b, dev, shape = a._backend, a._device, a.shape
    if axis is None:
        if a.size == 0:
            raise ArrayshimValueError(
                message(
                    func,
                    "x",
                    "a non-empty array (the index of the extremum of nothing is undefined)",
                    f"an array of shape {shape}",
                )
            )
        flat = a if len(shape) == 1 else reshape(a, (-1,))
        out = _new(call(func, b, dev, b.arg_extremum, func, b.native_of(flat), 0), b, d.int64, dev)
        return reshape(out, (1,) * len(shape)) if keepdims else out
    ax = one_axis(axis, len(shape), func)
    if shape[ax] == 0:
        raise ArrayshimValueError(
            message(
                func,
                "x",
                "a non-empty axis (the index of the extremum of nothing is undefined)",
                f"axis {axis} of size 0 (shape {shape})",
            )
        )
    out = _new(call(func, b, dev, b.arg_extremum, func, b.native_of(a), ax), b, d.int64, dev)
    return expand_dims(out, axis=ax) if keepdims else out


def argmax(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Array:
    """Index (int64) of the first largest element along ``axis`` (flattened when None); the
    first NaN if there is one, as in NumPy.

    >>> import arrayshim as xp
    >>> int(xp.argmax(xp.asarray([1, 3, 3])))
    1
    """
    return _arg_extremum("argmax", x, axis, keepdims)


def argmin(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Array:
    """Index (int64) of the first smallest element along ``axis``; the first NaN if any."""
    return _arg_extremum("argmin", x, axis, keepdims)


def nonzero(x: Any, /) -> tuple[Array, ...]:
    """One int64 index array per axis for the non-zero (true, NaN) elements, row-major."""
    a = as_array(x, "nonzero", "x")
    if a.ndim == 0:
        raise ArrayshimValueError(
            message(
                "nonzero",
                "x",
                "an array with at least one dimension (use nonzero(atleast_1d(x)))",
                "a 0-d array",
            )
        )
    b, dev = a._backend, a._device
    return tuple(
        _new(r, b, d.int64, dev) for r in call("nonzero", b, dev, b.nonzero, b.native_of(a))
    )


def count_nonzero(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Array:
    """The number (int64) of non-zero elements along ``axis``; NaN counts as non-zero."""

    a = as_array(x, "count_nonzero", "x")
    b = a._backend
    if a.ndim and a._dtype.kind != "c":
        axes = _axes(axis, a.ndim, "count_nonzero")
        one = call("count_nonzero", b, a._device, b.count_nonzero, a._native, axes, keepdims)
        if one is not None:
            return _new(one, b, d.int64, a._device)
    mask = a if a._dtype is d.bool else astype(a, d.bool)
    return sum_(mask, axis=axis, keepdims=keepdims, dtype=d.int64)


def searchsorted(x1: Any, x2: Any, /, *, side: str = "left", sorter: Any = None) -> Array:
    """Insertion points (int64) of ``x2`` (an array or a Python scalar) into the sorted 1-D
    ``x1`` (or ``x1[sorter]``), both promoted to one dtype; NaN sorts after every number.

    >>> import arrayshim as xp
    >>> xp.searchsorted(xp.asarray([1.0, 2.0, 3.0]), 2.5).shape
    ()
    """
    func = "searchsorted"
    a1 = ordered(func, x1, "x1")
    if a1.ndim != 1:
        raise ArrayshimValueError(
            message(func, "x1", "a 1-D array", f"an array of shape {a1.shape}")
        )
    if side not in ("left", "right"):
        raise ArrayshimValueError(message(func, "side", "'left' or 'right'", repr(side)))
    if sorter is not None:
        s = as_array(sorter, func, "sorter")
        if s._dtype.kind not in "iu" or s.shape != a1.shape:
            raise ArrayshimValueError(
                message(
                    func,
                    "sorter",
                    f"an integer array of the shape of x1, {a1.shape}",
                    f"dtype {s._dtype.name}, shape {s.shape}",
                )
            )
        s = joined(s, a1._backend, a1._device)
        a1 = joined(a1, s._backend, s._device)  # NumPy data joins the other backend, either side
        if s._backend is not a1._backend:
            raise ArrayshimTypeError(
                message(
                    func,
                    "sorter",
                    f"an array of backend {a1._backend.name}",
                    f"one of backend {s._backend.name}",
                )
            )
        a1 = a1[s]
    b, dev, (a1, a2) = resolve(func, (a1, x2), ("x1", "x2"))
    policy = _context.current_policy()
    kind = _promotion.scalar_kind(a2)
    shape2: tuple[int | None, ...]
    if kind is not None:
        dt = _promotion.weak_dtype(a1._dtype, kind, policy, func, "x2", a2)
        if dt.kind == "c":
            raise ArrayshimTypeError(message(func, "x2", "a real number", repr(a2)))
        n2, shape2 = scalar_array(a2, dt, b, dev), ()
    else:
        a2 = ordered(func, a2, "x2")
        promoted = policy.promote(a1._dtype, a2._dtype)
        if promoted is None:
            raise ArrayshimTypeError(
                message(
                    func,
                    "x1, x2",
                    f"dtypes that promote under the {policy.name!r} policy",
                    f"{a1._dtype.name} and {a2._dtype.name}",
                )
            )
        dt = promoted
        n2, shape2 = cast(a2, dt), a2.shape
    if len(shape2) == 1:  # also when its size is unknown (tracing)
        return _new(call(func, b, dev, b.searchsorted, cast(a1, dt), n2, side), b, d.int64, dev)
    flat2 = run(b, dev, b.reshape, n2, (-1,), None)
    out = call(func, b, dev, b.searchsorted, cast(a1, dt), flat2, side)
    return _new(run(b, dev, b.reshape, out, shape2, None), b, d.int64, dev)
