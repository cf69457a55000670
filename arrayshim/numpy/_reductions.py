"""NumPy's reductions (``sum``, ``mean``, ``amax``, ``cumsum``, the ``nan*`` family, ``median``,
``percentile``, ``quantile``, ``average``, ``ptp``) on the standard reductions and ``sort``."""

from __future__ import annotations

import math

import arrayshim as _xp
from arrayshim import Array
from arrayshim._array import _new
from arrayshim._dispatch import call

from ._common import arr, bad_value, dims, dt, inexact, norm_axis, refuse, refuse_out

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _where(func: str, a: Array, where: Any, fill: Any) -> Array:
    if where is True:
        return a
    return _xp.where(arr(where), a, _xp.asarray(fill, dtype=a.dtype, device=a.device))


def sum(
    a: Any,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    keepdims: bool = False,
    initial: Any = None,
    where: Any = True,
) -> Array:
    """NumPy's ``sum``: ``arrayshim.sum`` (small integers sum in int64/uint64, as in NumPy)."""
    if out is None and initial is None and where is True:
        if type(a) is Array and dtype is None:
            return _xp.sum(a, axis=axis, keepdims=keepdims)
        return _xp.sum(arr(a), axis=axis, dtype=dt(dtype), keepdims=keepdims)
    if out is not None:
        refuse_out("sum", out)
    r = _xp.sum(_where("sum", arr(a), where, 0), axis=axis, dtype=dt(dtype), keepdims=keepdims)
    return r if initial is None else r + initial


def prod(
    a: Any,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    keepdims: bool = False,
    initial: Any = None,
    where: Any = True,
) -> Array:
    """NumPy's ``prod``: ``arrayshim.prod``."""
    if out is not None:
        refuse_out("prod", out)
    r = _xp.prod(_where("prod", arr(a), where, 1), axis=axis, dtype=dt(dtype), keepdims=keepdims)
    return r if initial is None else r * initial


def _extremum(
    func: str, f: Any, a: Any, axis: Any, out: Any, keepdims: bool, initial: Any, where: Any
) -> Array:
    if out is not None:
        refuse_out(func, out)
    a = arr(a)
    if where is not True:
        if initial is None:
            bad_value(func, "initial", "a value when `where` is given (NumPy's rule)", initial)
        a = _where(func, a, where, initial)
    r = f(a, axis=axis, keepdims=keepdims)
    if initial is not None:
        r = (_xp.maximum if f is _xp.max else _xp.minimum)(r, initial)
    return r


def amax(
    a: Any,
    axis: Any = None,
    out: Any = None,
    keepdims: bool = False,
    initial: Any = None,
    where: Any = True,
) -> Array:
    """NumPy's ``max``/``amax``: ``arrayshim.max`` (NaN propagates)."""
    return _extremum("amax", _xp.max, a, axis, out, keepdims, initial, where)


def amin(
    a: Any,
    axis: Any = None,
    out: Any = None,
    keepdims: bool = False,
    initial: Any = None,
    where: Any = True,
) -> Array:
    """NumPy's ``min``/``amin``: ``arrayshim.min`` (NaN propagates)."""
    return _extremum("amin", _xp.min, a, axis, out, keepdims, initial, where)


def max(
    a: Any,
    axis: Any = None,
    out: Any = None,
    keepdims: bool = False,
    initial: Any = None,
    where: Any = True,
) -> Array:
    """NumPy's ``max``."""
    return _extremum("max", _xp.max, a, axis, out, keepdims, initial, where)


def min(
    a: Any,
    axis: Any = None,
    out: Any = None,
    keepdims: bool = False,
    initial: Any = None,
    where: Any = True,
) -> Array:
    """NumPy's ``min``."""
    return _extremum("min", _xp.min, a, axis, out, keepdims, initial, where)


def ptp(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False) -> Array:
    """Peak to peak: ``max - min``."""
    if out is not None:
        refuse_out("ptp", out)
    a = arr(a)
    return _xp.max(a, axis=axis, keepdims=keepdims) - _xp.min(a, axis=axis, keepdims=keepdims)


def _mean_input(a: Array, dtype: Any) -> Array:
    if dtype is not None:
        return _xp.astype(a, dt(dtype))
    return inexact(a)


def mean(
    a: Any,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    keepdims: bool = False,
    *,
    where: Any = True,
) -> Array:
    """NumPy's ``mean``: integers and booleans average in float64."""
    if out is not None:
        refuse_out("mean", out)
    a = _mean_input(arr(a), dtype)
    if where is True:
        return _xp.mean(a, axis=axis, keepdims=keepdims)
    w = _xp.broadcast_to(arr(where), a.shape)
    n = _xp.sum(_xp.astype(w, a.dtype), axis=axis, keepdims=keepdims)
    return _xp.sum(_xp.where(w, a, 0), axis=axis, keepdims=keepdims) / n


def var(
    a: Any,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    ddof: float = 0,
    keepdims: bool = False,
    *,
    correction: Any = None,
) -> Array:
    """NumPy's ``var`` (``ddof`` is the standard's ``correction``); integers in float64."""
    if out is not None:
        refuse_out("var", out)
    c = ddof if correction is None else correction
    return _xp.var(_mean_input(arr(a), dtype), axis=axis, correction=c, keepdims=keepdims)


def std(
    a: Any,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    ddof: float = 0,
    keepdims: bool = False,
    *,
    correction: Any = None,
) -> Array:
    """NumPy's ``std`` (``ddof`` is the standard's ``correction``); integers in float64."""
    if out is not None:
        refuse_out("std", out)
    c = ddof if correction is None else correction
    return _xp.std(_mean_input(arr(a), dtype), axis=axis, correction=c, keepdims=keepdims)


def _flat_axis(a: Array, axis: Any) -> tuple[Array, int]:
    if axis is None:
        return _xp.reshape(a, (-1,)), 0
    return a, axis


def cumsum(a: Any, axis: Any = None, dtype: Any = None, out: Any = None) -> Array:
    """NumPy's ``cumsum`` (flattened when ``axis`` is None)."""
    if out is not None:
        refuse_out("cumsum", out)
    a, ax = _flat_axis(arr(a), axis)
    return _xp.cumulative_sum(a, axis=ax, dtype=dt(dtype))


def cumprod(a: Any, axis: Any = None, dtype: Any = None, out: Any = None) -> Array:
    """NumPy's ``cumprod`` (flattened when ``axis`` is None)."""
    if out is not None:
        refuse_out("cumprod", out)
    a, ax = _flat_axis(arr(a), axis)
    return _xp.cumulative_prod(a, axis=ax, dtype=dt(dtype))


def all(
    a: Any, axis: Any = None, out: Any = None, keepdims: bool = False, *, where: Any = True
) -> Array:
    if out is not None:
        refuse_out("all", out)
    a = arr(a)
    if where is not True:
        a = _xp.where(arr(where), a != 0, True)
    return _xp.all(a, axis=axis, keepdims=keepdims)


def any(
    a: Any, axis: Any = None, out: Any = None, keepdims: bool = False, *, where: Any = True
) -> Array:
    if out is not None:
        refuse_out("any", out)
    a = arr(a)
    if where is not True:
        a = _xp.where(arr(where), a != 0, False)
    return _xp.any(a, axis=axis, keepdims=keepdims)


def count_nonzero(a: Any, axis: Any = None, *, keepdims: bool = False) -> Array:
    return _xp.count_nonzero(arr(a), axis=axis, keepdims=keepdims)


def argmax(a: Any, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Array:
    if out is not None:
        refuse_out("argmax", out)
    return _xp.argmax(arr(a), axis=axis, keepdims=keepdims)


def argmin(a: Any, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Array:
    if out is not None:
        refuse_out("argmin", out)
    return _xp.argmin(arr(a), axis=axis, keepdims=keepdims)


def average(
    a: Any, axis: Any = None, weights: Any = None, returned: bool = False, *, keepdims: bool = False
) -> Any:
    """Weighted mean: ``sum(a * w) / sum(w)`` (NumPy's formula); ``returned`` adds ``sum(w)``."""
    a = arr(a)
    if weights is None:
        avg = mean(a, axis, keepdims=keepdims)
        scl = _xp.asarray(a.size / avg.size, dtype=avg.dtype, device=a.device) if returned else None
        return (avg, _xp.broadcast_to(scl, dims(avg))) if returned else avg
    w = arr(weights)
    rt = _xp.result_type(a, w, 1.0)
    a, w = _xp.astype(a, rt), _xp.astype(w, rt)
    if w.shape != a.shape:
        if axis is None or w.ndim != 1 or not isinstance(axis, int):
            bad_value("average", "weights", "the shape of `a`, or 1-D along an int `axis`", w)
        shape = [1] * a.ndim
        shape[axis % a.ndim] = dims(w)[0]
        w = _xp.reshape(w, tuple(shape))
    scl = _xp.sum(_xp.broadcast_to(w, dims(a)), axis=axis, keepdims=keepdims)
    avg = _xp.sum(a * w, axis=axis, keepdims=keepdims) / scl
    return (avg, scl) if returned else avg


# -- the nan* family ---------------------------------------------------------------------------


def _nan_filled(a: Array, fill: Any) -> Array:
    if not _xp.isdtype(a.dtype, ("real floating", "complex floating")):
        return a
    return _xp.where(_xp.isnan(a), _xp.asarray(fill, dtype=a.dtype, device=a.device), a)


def nansum(
    a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False
) -> Array:
    if out is not None:
        refuse_out("nansum", out)
    return _xp.sum(_nan_filled(arr(a), 0), axis=axis, dtype=dt(dtype), keepdims=keepdims)


def nanprod(
    a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False
) -> Array:
    if out is not None:
        refuse_out("nanprod", out)
    return _xp.prod(_nan_filled(arr(a), 1), axis=axis, dtype=dt(dtype), keepdims=keepdims)


def nancumsum(a: Any, axis: Any = None, dtype: Any = None, out: Any = None) -> Array:
    if out is not None:
        refuse_out("nancumsum", out)
    return cumsum(_nan_filled(arr(a), 0), axis, dtype)


def nancumprod(a: Any, axis: Any = None, dtype: Any = None, out: Any = None) -> Array:
    if out is not None:
        refuse_out("nancumprod", out)
    return cumprod(_nan_filled(arr(a), 1), axis, dtype)


def nanmean(
    a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False
) -> Array:
    """Mean of the non-NaN elements (NaN for an all-NaN slice)."""
    if out is not None:
        refuse_out("nanmean", out)
    a = _mean_input(arr(a), dtype)
    if not _xp.isdtype(a.dtype, ("real floating", "complex floating")):
        return _xp.mean(a, axis=axis, keepdims=keepdims)
    ok = _xp.logical_not(_xp.isnan(a))
    n = _xp.sum(_xp.astype(ok, a.dtype), axis=axis, keepdims=keepdims)
    return _xp.sum(_xp.where(ok, a, 0), axis=axis, keepdims=keepdims) / n


def nanvar(
    a: Any,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    ddof: float = 0,
    keepdims: bool = False,
) -> Array:
    """Variance of the non-NaN elements (NumPy's two-pass formula)."""
    if out is not None:
        refuse_out("nanvar", out)
    a = _mean_input(arr(a), dtype)
    ok = _xp.logical_not(_xp.isnan(a))
    n = _xp.sum(_xp.astype(ok, a.dtype), axis=axis, keepdims=True)
    m = _xp.sum(_xp.where(ok, a, 0), axis=axis, keepdims=True) / n
    d = _xp.where(ok, a - m, 0)
    sq = _xp.real(d * _xp.conj(d)) if _xp.isdtype(d.dtype, "complex floating") else d * d
    v = _xp.sum(sq, axis=axis, keepdims=True) / _xp.maximum(n - ddof, 0)
    return v if keepdims else _xp.squeeze(v, axis=_squeeze_axes(a.ndim, axis))


def _squeeze_axes(ndim: int, axis: Any) -> tuple[int, ...]:
    if axis is None:
        return tuple(range(ndim))
    return tuple(sorted(norm_axis(axis if isinstance(axis, (tuple, list)) else (axis,), ndim)))


def nanstd(
    a: Any,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    ddof: float = 0,
    keepdims: bool = False,
) -> Array:
    if out is not None:
        refuse_out("nanstd", out)
    return _xp.sqrt(nanvar(a, axis, dtype, None, ddof, keepdims))


def _nan_extremum(
    func: str, f: Any, a: Any, axis: Any, out: Any, keepdims: bool, fill: float
) -> Array:
    if out is not None:
        refuse_out(func, out)
    a = arr(a)
    if not _xp.isdtype(a.dtype, "real floating"):
        return f(a, axis=axis, keepdims=keepdims)
    nan = _xp.isnan(a)
    r = f(_xp.where(nan, fill, a), axis=axis, keepdims=keepdims)
    return _xp.where(_xp.all(nan, axis=axis, keepdims=keepdims), math.nan, r)


def nanmax(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False) -> Array:
    """Maximum ignoring NaNs (NaN for an all-NaN slice, as NumPy's result after its warning)."""
    return _nan_extremum("nanmax", _xp.max, a, axis, out, keepdims, -math.inf)


def nanmin(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False) -> Array:
    """Minimum ignoring NaNs (NaN for an all-NaN slice)."""
    return _nan_extremum("nanmin", _xp.min, a, axis, out, keepdims, math.inf)


def nanargmax(a: Any, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Array:
    """Index of the maximum ignoring NaNs (an all-NaN slice gives 0 where NumPy raises)."""
    if out is not None:
        refuse_out("nanargmax", out)
    return _xp.argmax(_nan_filled(arr(a), -math.inf), axis=axis, keepdims=keepdims)


def nanargmin(a: Any, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Array:
    """Index of the minimum ignoring NaNs (an all-NaN slice gives 0 where NumPy raises)."""
    if out is not None:
        refuse_out("nanargmin", out)
    return _xp.argmin(_nan_filled(arr(a), math.inf), axis=axis, keepdims=keepdims)


# -- order statistics: sort, then NumPy's interpolation -------------------------------------------

_METHODS = ("linear", "lower", "higher", "nearest", "midpoint")


def _last_axis(a: Array, axis: Any) -> tuple[Array, tuple[int, ...]]:
    """``a`` with the reduced axes flattened into the last one; also the kept-dims shape."""
    if axis is None:
        return _xp.reshape(a, (-1,)), (1,) * a.ndim
    axes = norm_axis(axis if isinstance(axis, (tuple, list)) else (axis,), a.ndim)
    keep = [i for i in range(a.ndim) if i not in axes]
    moved = _xp.permute_dims(a, tuple(keep) + tuple(axes))
    shape = tuple(a.shape[i] for i in keep) + (math.prod(a.shape[i] for i in axes),)
    kd = tuple(1 if i in axes else dims(a)[i] for i in range(a.ndim))
    return _xp.reshape(moved, shape), kd


def _quantile(
    func: str, a: Any, q: Any, axis: Any, method: str, keepdims: bool, nan_policy: str
) -> Array:
    if method not in _METHODS:
        refuse(func, "method", f"one of {', '.join(_METHODS)}", method)
    a = arr(a)
    if _xp.isdtype(a.dtype, "complex floating"):
        refuse(func, "a", "a real array", a)
    ft = a.dtype if _xp.isdtype(a.dtype, "real floating") else _xp.float64
    qa = (
        _xp.asarray(q, dtype=_xp.float64, device=a.device)
        if not isinstance(q, Array)
        else _xp.astype(q, _xp.float64)
    )
    if bool(_xp.any(_xp.logical_or(qa < 0, qa > 1))):
        bad_value(func, "q", "quantiles in [0, 1] (percentiles in [0, 100])", q)
    flat, kd = _last_axis(a, axis)
    n_total = flat.shape[-1]
    if _xp.isdtype(a.dtype, "real floating"):
        nan = _xp.isnan(flat)
        srt = _xp.sort(_xp.where(nan, math.inf, flat), axis=-1)
        if nan_policy == "omit":
            n = _xp.sum(_xp.astype(_xp.logical_not(nan), _xp.int64), axis=-1, keepdims=True)
        else:
            n = _xp.full(flat.shape[:-1] + (1,), n_total, dtype=_xp.int64, device=a.device)
        has_nan = _xp.all(nan, axis=-1) if nan_policy == "omit" else _xp.any(nan, axis=-1)
    else:
        srt = _xp.sort(flat, axis=-1)
        n = _xp.full(flat.shape[:-1] + (1,), n_total, dtype=_xp.int64, device=a.device)
        has_nan = None
    qs = _xp.reshape(qa, (-1,))
    virtual = qs * _xp.astype(n - 1, _xp.float64)  # (..., nq)
    lo = _xp.floor(virtual)
    lo_i = _xp.clip(_xp.astype(lo, _xp.int64), 0, None)
    hi_i = _xp.minimum(lo_i + 1, _xp.maximum(n - 1, 0))
    lo_i = _xp.minimum(lo_i, _xp.maximum(n - 1, 0))
    below = _xp.take_along_axis(srt, lo_i, axis=-1)
    above = _xp.take_along_axis(srt, hi_i, axis=-1)
    below, above = _xp.astype(below, ft), _xp.astype(above, ft)
    gamma = _xp.astype(virtual - lo, ft)
    if method == "linear":
        diff = above - below
        r = _xp.where(gamma >= 0.5, above - diff * (1 - gamma), below + diff * gamma)
    elif method == "lower":
        r = below
    elif method == "higher":
        r = _xp.where(gamma > 0, above, below)
    elif method == "nearest":
        # round half to even on the virtual index, as NumPy does
        up = _xp.logical_or(gamma > 0.5, _xp.logical_and(gamma == 0.5, _xp.remainder(lo, 2) == 1))
        r = _xp.where(up, above, below)
    else:
        r = _xp.where(gamma > 0, (below + above) / 2, below)
    if has_nan is not None:
        r = _xp.where(has_nan[..., None], math.nan, r)
    # r: (kept..., nq) -> (nq, kept...) -> q.shape + result shape
    r = _xp.moveaxis(r, -1, 0)
    rest = kd if keepdims else tuple(flat.shape[:-1])
    return _xp.reshape(r, tuple(qa.shape) + rest)


def quantile(
    a: Any,
    q: Any,
    axis: Any = None,
    out: Any = None,
    overwrite_input: bool = False,
    method: str = "linear",
    keepdims: bool = False,
) -> Array:
    """NumPy's ``quantile`` (methods linear, lower, higher, nearest, midpoint), by sorting."""
    if out is not None:
        refuse_out("quantile", out)
    return _quantile("quantile", a, q, axis, method, keepdims, "propagate")


def percentile(
    a: Any,
    q: Any,
    axis: Any = None,
    out: Any = None,
    overwrite_input: bool = False,
    method: str = "linear",
    keepdims: bool = False,
) -> Array:
    """NumPy's ``percentile``: ``quantile(a, q / 100)``."""
    if out is not None:
        refuse_out("percentile", out)
    return _quantile("percentile", a, _pct(q), axis, method, keepdims, "propagate")


def _pct(q: Any) -> Any:
    if isinstance(q, Array):
        return _xp.astype(q, _xp.float64) / 100
    if isinstance(q, (list, tuple)):
        return _xp.asarray(q, dtype=_xp.float64) / 100
    return q / 100


def nanquantile(
    a: Any,
    q: Any,
    axis: Any = None,
    out: Any = None,
    overwrite_input: bool = False,
    method: str = "linear",
    keepdims: bool = False,
) -> Array:
    """``quantile`` of the non-NaN elements."""
    if out is not None:
        refuse_out("nanquantile", out)
    return _quantile("nanquantile", a, q, axis, method, keepdims, "omit")


def nanpercentile(
    a: Any,
    q: Any,
    axis: Any = None,
    out: Any = None,
    overwrite_input: bool = False,
    method: str = "linear",
    keepdims: bool = False,
) -> Array:
    """``percentile`` of the non-NaN elements."""
    if out is not None:
        refuse_out("nanpercentile", out)
    return _quantile("nanpercentile", a, _pct(q), axis, method, keepdims, "omit")


def _median(func: str, a: Any, axis: Any, keepdims: bool, nan_policy: str) -> Array:
    """The middle element, or the mean of the two middle elements (``(lo + hi) / 2``)."""
    a = arr(a)
    ft = a.dtype if _xp.isdtype(a.dtype, "real floating") else _xp.float64
    flat, kd = _last_axis(a, axis)
    b, dev = flat._backend, flat._device
    cast = flat if flat.dtype == ft else _xp.astype(flat, ft)
    native = call(func, b, dev, b.median, cast._native, nan_policy == "omit")
    if native is not None:  # the framework's own median (NumPy's)
        r = _new(native, b, ft, dev)
        return _xp.reshape(r, kd) if keepdims else r
    n_total = flat.shape[-1]
    isf = _xp.isdtype(a.dtype, "real floating")
    nan = _xp.isnan(flat) if isf else None
    srt = _xp.sort(_xp.where(nan, math.inf, flat) if isf else flat, axis=-1)
    if isf and nan_policy == "omit":
        n = _xp.sum(_xp.astype(_xp.logical_not(nan), _xp.int64), axis=-1, keepdims=True)
    else:
        n = _xp.full(flat.shape[:-1] + (1,), n_total, dtype=_xp.int64, device=a.device)
    nm1 = _xp.maximum(n - 1, 0)
    lo = _xp.take_along_axis(srt, nm1 // 2, axis=-1)
    hi = _xp.take_along_axis(srt, _xp.minimum(n // 2, nm1), axis=-1)
    r = (_xp.astype(lo, ft) + _xp.astype(hi, ft)) / 2
    r = r[..., 0]
    if isf:
        bad = _xp.all(nan, axis=-1) if nan_policy == "omit" else _xp.any(nan, axis=-1)
        r = _xp.where(bad, math.nan, r)
    return _xp.reshape(r, kd) if keepdims else r


def median(
    a: Any, axis: Any = None, out: Any = None, overwrite_input: bool = False, keepdims: bool = False
) -> Array:
    """NumPy's ``median`` (NaN when the slice holds a NaN), by sorting."""
    if out is not None:
        refuse_out("median", out)
    return _median("median", a, axis, keepdims, "propagate")


def nanmedian(
    a: Any, axis: Any = None, out: Any = None, overwrite_input: bool = False, keepdims: bool = False
) -> Array:
    """``median`` of the non-NaN elements (NaN for an all-NaN slice)."""
    if out is not None:
        refuse_out("nanmedian", out)
    return _median("nanmedian", a, axis, keepdims, "omit")
