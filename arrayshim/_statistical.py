"""Reductions: ``sum, prod, mean, max, min, std, var``. The frontend fixes the result dtype
(NumPy 2's: integer sums accumulate in int64/uint64) and rejects empty ``max``/``min``."""

from __future__ import annotations

from . import _context
from . import _dtypes as d
from ._array import Array, _new
from ._axes import axes as _axes
from ._axes import one_axis
from ._dispatch import as_array, call, cast, run
from ._dtypes import DType, as_dtype
from ._elementwise import sqrt
from ._errors import ArrayshimTypeError, ArrayshimValueError, message
from ._manipulation import concat, reshape

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _sum_dtype(dt: DType, dtype: Any, func: str) -> DType:
    if dtype is not None:
        return as_dtype(dtype, func, "dtype")
    if dt.kind in "bi":
        return d.int64
    if dt.kind == "u":
        return d.uint64
    return dt


def _reduce(func: str, a: Array, axis: Any, keepdims: bool, result: DType) -> Array:
    b = a._backend
    ax = None if axis is None else _axes(axis, len(b.shape_of(a._native)), func)
    return _new(
        run(b, a._device, b.reduce, func, cast(a, result), ax, bool(keepdims), result),
        b,
        result,
        a._device,
    )


def sum(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Array:
    """Sum over ``axis``. Integers accumulate in int64 (unsigned: uint64), as NumPy 2 does."""
    a = as_array(x, "sum", "x")
    return _reduce("sum", a, axis, keepdims, _sum_dtype(a._dtype, dtype, "sum"))


def prod(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Array:
    a = as_array(x, "prod", "x")
    return _reduce("prod", a, axis, keepdims, _sum_dtype(a._dtype, dtype, "prod"))


def _float_result(func: str, a: Array) -> DType:
    dt = a._dtype
    if dt.kind in "fc":
        return dt
    policy = _context.current_policy()
    if policy.name == "strict":
        raise ArrayshimTypeError(
            message(
                func,
                "x",
                f"a floating-point array (promotion policy {policy.name!r})",
                f"an array of dtype {dt.name}",
            )
        )
    return policy.default_float


def mean(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Array:
    a = as_array(x, "mean", "x")
    result = _float_result("mean", a)
    return _reduce("mean", a, axis, keepdims, result)


def _extremum(func: str, x: Any, axis: Any, keepdims: bool) -> Array:
    a = as_array(x, func, "x")
    if a._dtype.kind == "c":
        raise ArrayshimTypeError(
            message(
                func,
                "x",
                "a real-valued array (complex numbers are not ordered)",
                f"dtype {a._dtype.name}",
            )
        )
    shape = a.shape
    ax = _axes(axis, len(shape), func)
    if (0 in shape) if ax is None else any(shape[i] == 0 for i in ax):
        raise ArrayshimValueError(
            message(
                func,
                "x",
                "a non-empty reduction (max/min of nothing is undefined)",
                f"an array of shape {shape} reduced over axis {axis}",
            )
        )
    return _reduce(func, a, ax, keepdims, a._dtype)


def max(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Array:
    return _extremum("max", x, axis, keepdims)


def min(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Array:
    return _extremum("min", x, axis, keepdims)


def var(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Array:
    """Variance with ``correction`` (NumPy's ``ddof``); integers give the default float."""
    a = as_array(x, "var", "x")
    result = _float_result("var", a)
    b = a._backend
    ax = None if axis is None else _axes(axis, a.ndim, "var")
    native = cast(a, result)
    return _new(
        run(b, a._device, b.var, native, ax, float(correction), bool(keepdims)),
        b,
        d.REAL_OF.get(result, result),
        a._device,
    )


def std(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Array:

    return sqrt(var(x, axis=axis, correction=correction, keepdims=keepdims))


def _cumulative(
    name: str, func: str, x: Any, axis: Any, dtype: Any, include_initial: bool
) -> Array:

    a = as_array(x, func, "x")
    result = _sum_dtype(a._dtype, dtype, func)
    b, dev = a._backend, a._device
    ndim = len(b.shape_of(a._native))
    if ndim == 0:  # a 0-d array counts as 1-d, as in NumPy
        a, ndim = reshape(a, (1,)), 1
    if axis is None:
        if ndim > 1:
            raise ArrayshimValueError(
                message(
                    func, "axis", f"an axis (required for an array of {ndim} dimensions)", "None"
                )
            )
        ax = 0
    else:
        ax = one_axis(axis, ndim, func)
    out = _new(call(func, b, dev, b.cumulative, name, cast(a, result), ax, result), b, result, dev)
    if not include_initial:
        return out
    shape = list(a.shape)
    shape[ax] = 1
    initial = _new(
        run(b, dev, b.full, tuple(shape), 0 if name == "sum" else 1, result, dev), b, result, dev
    )
    return concat([initial, out], axis=ax)


def cumulative_sum(
    x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
) -> Array:
    """Running sum along ``axis`` (optional for 1-D arrays), in ``sum``'s dtype (integers in
    int64/uint64); ``include_initial`` prepends the zero.

    >>> import arrayshim as xp
    >>> [int(v) for v in xp.cumulative_sum(xp.asarray([1, 2, 3]), include_initial=True)]
    [0, 1, 3, 6]
    """
    return _cumulative("sum", "cumulative_sum", x, axis, dtype, include_initial)


def cumulative_prod(
    x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
) -> Array:
    """Running product along ``axis``, in ``prod``'s dtype; ``include_initial`` prepends the one."""
    return _cumulative("prod", "cumulative_prod", x, axis, dtype, include_initial)
