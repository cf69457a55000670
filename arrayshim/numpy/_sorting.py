"""Sorting, searching, counting and the functions NumPy builds on them: ``sort``, ``argsort``,
``argpartition``, ``searchsorted``, ``digitize``, ``unique``, ``isin``, ``bincount``,
``histogram``, ``interp``, ``convolve``/``correlate``, ``polyval``, ``trapezoid``, ``cov``,
``corrcoef``."""

from __future__ import annotations

import math

import arrayshim as _xp
from arrayshim import Array

from ._common import arr, bad_value, dims, inexact, refuse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _flat_or(a: Array, axis: Any) -> tuple[Array, int]:
    if axis is None:
        return _xp.reshape(a, (-1,)), -1
    return a, axis


def sort(
    a: Any, axis: Any = -1, kind: Any = None, order: Any = None, *, stable: Any = None
) -> Array:
    """NumPy's ``sort`` (ascending, NaN last; ``axis=None`` flattens); always stable."""
    if order is not None:
        refuse("sort", "order", "None (structured arrays do not exist in arrayshim)", order)
    a, ax = _flat_or(arr(a), axis)
    return _xp.sort(a, axis=ax, stable=True)


def argsort(
    a: Any, axis: Any = -1, kind: Any = None, order: Any = None, *, stable: Any = None
) -> Array:
    """NumPy's ``argsort``; always stable."""
    if order is not None:
        refuse("argsort", "order", "None (structured arrays do not exist in arrayshim)", order)
    a, ax = _flat_or(arr(a), axis)
    return _xp.argsort(a, axis=ax, stable=True)


def argpartition(
    a: Any, kth: Any, axis: Any = -1, kind: str = "introselect", order: Any = None
) -> Array:
    """Indices that partition ``a`` around ``kth``: the full stable ``argsort``, which is one
    valid partition (NumPy's own order within the parts is unspecified)."""
    a, ax = _flat_or(arr(a), axis)
    n = a.shape[ax]
    for k in (kth,) if isinstance(kth, int) else tuple(kth):
        if not -n <= int(k) < n:
            bad_value("argpartition", "kth", f"indices in [-{n}, {n})", kth)
    return _xp.argsort(a, axis=ax, stable=True)


def partition(
    a: Any, kth: Any, axis: Any = -1, kind: str = "introselect", order: Any = None
) -> Array:
    """A partition of ``a`` around ``kth``: the sorted array (one valid partition)."""
    argpartition(a, kth, axis)
    return sort(a, axis)


def searchsorted(a: Any, v: Any, side: str = "left", sorter: Any = None) -> Array:
    a = arr(a)
    scalar = not isinstance(v, (Array, list, tuple))
    vv = (
        _xp.asarray(
            v,
            dtype=a.dtype
            if isinstance(v, (int, float))
            and not isinstance(v, bool)
            and _xp.isdtype(a.dtype, "real floating")
            else None,
            device=a.device,
        )
        if not isinstance(v, Array)
        else v
    )
    if scalar:
        vv = _xp.reshape(vv, (1,))
    r = _xp.searchsorted(a, vv, side=side, sorter=None if sorter is None else arr(sorter))
    return _xp.reshape(r, ()) if scalar else r


def digitize(x: Any, bins: Any, right: bool = False) -> Array:
    """Indices of the bins of ``x`` (increasing or decreasing ``bins``), NumPy's definition."""
    x, b = arr(x), arr(bins)
    if b.ndim != 1:
        bad_value("digitize", "bins", "a 1-D array", b)
    d = _xp.diff(b) if b.shape[0] > 1 else None
    if d is not None and not bool(_xp.all(d >= 0)) and not bool(_xp.all(d <= 0)):
        bad_value("digitize", "bins", "monotonic bins", b)
    side = "left" if right else "right"
    if d is not None and bool(_xp.any(d < 0)):
        return b.shape[0] - _xp.searchsorted(_xp.flip(b), x, side=side)
    return _xp.searchsorted(b, x, side=side)


def unique(
    ar: Any,
    return_index: bool = False,
    return_inverse: bool = False,
    return_counts: bool = False,
    axis: Any = None,
    *,
    equal_nan: bool = True,
    sorted: bool = True,
) -> Any:
    """NumPy's ``unique`` of the flattened array (sorted values, first indices, inverse in the
    input's shape, counts); NaNs collapse to one (``equal_nan=True``)."""
    if axis is not None:
        refuse("unique", "axis", "None (the flattened array)", axis)
    a = arr(ar)
    flat = _xp.reshape(a, (-1,))
    n = flat.shape[0]
    order = _xp.argsort(flat, stable=True)
    s = _xp.take(flat, order)
    if n == 0:
        first = _xp.zeros((0,), dtype=_xp.bool, device=a.device)
    else:
        neq = s[1:] != s[:-1]
        if equal_nan and _xp.isdtype(a.dtype, ("real floating", "complex floating")):
            neq = _xp.logical_and(
                neq, _xp.logical_not(_xp.logical_and(_xp.isnan(s[1:]), _xp.isnan(s[:-1])))
            )
        first = _xp.concat([_xp.ones((1,), dtype=_xp.bool, device=a.device), neq])
    (starts,) = _xp.nonzero(first)
    values = _xp.take(s, starts)
    if not (return_index or return_inverse or return_counts):
        return values
    out: list[Array] = [values]
    if return_index:
        out.append(_xp.take(order, starts))
    if return_inverse:
        group = _xp.cumulative_sum(_xp.astype(first, _xp.int64)) - 1
        inv = _xp.zeros((n,), dtype=_xp.int64, device=a.device)
        inv = _xp.take(group, _xp.argsort(order, stable=True))
        out.append(_xp.reshape(inv, a.shape))
    if return_counts:
        ends = _xp.concat([starts[1:], _xp.asarray([n], dtype=starts.dtype, device=a.device)])
        out.append(ends - starts)
    return tuple(out)


def unique_values(x: Any) -> Array:
    return _xp.unique_values(arr(x))


def unique_counts(x: Any) -> Any:
    return _xp.unique_counts(arr(x))


def unique_inverse(x: Any) -> Any:
    return _xp.unique_inverse(arr(x))


def unique_all(x: Any) -> Any:
    return _xp.unique_all(arr(x))


def isin(
    element: Any,
    test_elements: Any,
    assume_unique: bool = False,
    invert: bool = False,
    *,
    kind: Any = None,
) -> Array:
    return _xp.isin(arr(element), _xp.reshape(arr(test_elements), (-1,)), invert=invert)


def bincount(x: Any, /, weights: Any = None, minlength: int = 0) -> Array:
    """Counts of each value of non-negative integers ``x``. Without weights: two
    ``searchsorted`` on the sorted values (exact). With weights: a one-hot sum (memory
    ``len(x) * (max(x) + 1)``). The length ``max(x) + 1`` is read from the device."""
    x = arr(x)
    if x.ndim != 1 or not _xp.isdtype(x.dtype, "integral"):
        bad_value("bincount", "x", "a 1-D array of non-negative integers", x)
    if x.shape[0] and bool(_xp.any(x < 0)):
        bad_value("bincount", "x", "non-negative integers", x)
    length = builtins_max(int(_xp.max(x)) + 1 if x.shape[0] else 0, int(minlength))
    bins = _xp.arange(length, dtype=x.dtype, device=x.device)
    if weights is None:
        s = _xp.sort(x)
        return _xp.astype(
            _xp.searchsorted(s, bins, side="right") - _xp.searchsorted(s, bins, side="left"),
            _xp.int64,
        )
    w = arr(weights)
    w = (
        _xp.astype(w, _xp.result_type(w, _xp.float64))
        if not _xp.isdtype(w.dtype, "complex floating")
        else w
    )
    hit = x[:, None] == bins[None, :]
    return _xp.sum(
        _xp.where(hit, w[:, None], _xp.zeros((), dtype=w.dtype, device=w.device)), axis=0
    )


def builtins_max(a: int, b: int) -> int:
    return a if a >= b else b


def histogram_bin_edges(a: Any, bins: Any = 10, range: Any = None, weights: Any = None) -> Array:
    a = arr(a)
    if not isinstance(bins, int):
        return arr(bins)
    if range is None:
        lo, hi = (float(_xp.min(a)), float(_xp.max(a))) if a.size else (0.0, 1.0)
    else:
        lo, hi = float(range[0]), float(range[1])
    if lo > hi:
        bad_value("histogram", "range", "min <= max", range)
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    dt = a.dtype if _xp.isdtype(a.dtype, "real floating") else _xp.float64
    return _xp.linspace(lo, hi, bins + 1, dtype=dt, device=a.device)


def histogram(
    a: Any, bins: Any = 10, range: Any = None, density: Any = None, weights: Any = None
) -> tuple[Array, Array]:
    """Counts in bins (half-open, the last one closed), with NumPy's edges: exact, by
    ``searchsorted`` on the edges; values outside the range are dropped."""
    a = _xp.reshape(arr(a), (-1,))
    edges = histogram_bin_edges(a, bins, range)
    nb = dims(edges)[0] - 1
    idx = _xp.searchsorted(edges, _xp.astype(a, edges.dtype), side="right") - 1
    idx = _xp.where(a == edges[-1], nb - 1, idx)
    inside = _xp.logical_and(idx >= 0, idx < nb)
    w = None if weights is None else _xp.reshape(arr(weights), (-1,))
    idx = _xp.where(inside, idx, nb)  # a dropped bin at the end
    if w is None:
        counts = bincount(idx, minlength=nb + 1)[:nb]
    else:
        counts = bincount(idx, weights=w, minlength=nb + 1)[:nb]
    if density:
        widths = _xp.diff(edges)
        counts = _xp.astype(counts, _xp.float64) / widths / _xp.sum(_xp.astype(counts, _xp.float64))
    return counts, edges


def interp(
    x: Any, xp: Any, fp: Any, left: Any = None, right: Any = None, period: Any = None
) -> Array:
    """Piecewise-linear interpolation on increasing ``xp`` (NumPy's slope formula; exact at the
    sample points); ``period`` is not supported."""
    if period is not None:
        refuse("interp", "period", "None", period)
    x, px, pf = arr(x), arr(xp), arr(fp)
    cplx = _xp.isdtype(pf.dtype, "complex floating")
    dt = _xp.complex128 if cplx else _xp.float64
    x, px, pf = _xp.astype(x, _xp.float64), _xp.astype(px, _xp.float64), _xp.astype(pf, dt)
    n = dims(px)[0]
    j = _xp.clip(_xp.searchsorted(px, x, side="right") - 1, 0, max(n - 2, 0))
    x0, x1 = _xp.take(px, j), _xp.take(px, _xp.minimum(j + 1, n - 1))
    f0, f1 = _xp.take(pf, j), _xp.take(pf, _xp.minimum(j + 1, n - 1))
    dx = x1 - x0
    slope = (f1 - f0) / _xp.astype(_xp.where(dx == 0, 1.0, dx), dt)
    r = slope * _xp.astype(x - x0, dt) + f0
    r = _xp.where(x == x1, f1, r)
    lv = pf[0] if left is None else _xp.asarray(left, dtype=dt, device=pf.device)
    rv = pf[-1] if right is None else _xp.asarray(right, dtype=dt, device=pf.device)
    r = _xp.where(x < px[0], lv, r)
    return _xp.where(x > px[-1], rv, r)


def _windows(a: Array, m: int) -> Array:
    n = dims(a)[0]
    idx = _xp.arange(n - m + 1, device=a.device)[:, None] + _xp.arange(m, device=a.device)[None, :]
    return _xp.reshape(_xp.take(a, _xp.reshape(idx, (-1,))), (n - m + 1, m))


def correlate(a: Any, v: Any, mode: str = "valid") -> Array:
    """1-D cross-correlation ``c[k] = sum_n a[n + k] * conj(v[n])`` (modes valid, same, full),
    as a matrix-vector product of sliding windows."""
    a, v = arr(a), arr(v)
    if a.ndim != 1 or v.ndim != 1 or not a.shape[0] or not v.shape[0]:
        bad_value("correlate", "a", "non-empty 1-D arrays", a)
    if mode not in ("valid", "same", "full"):
        bad_value("correlate", "mode", "'valid', 'same' or 'full'", mode)
    dt = _xp.result_type(a, v)
    a, v = _xp.astype(a, dt), _xp.astype(v, dt)
    if _xp.isdtype(dt, "complex floating"):
        v = _xp.conj(v)
    n, m = a.shape[0], v.shape[0]
    swap = m > n
    if swap:
        a, v, n, m = v, a, m, n
        if _xp.isdtype(dt, "complex floating"):
            a, v = _xp.conj(a), _xp.conj(v)
    if mode == "valid":
        left, right = 0, 0
    elif mode == "same":
        left, right = m // 2, m - 1 - m // 2
    else:
        left, right = m - 1, m - 1
    z = _xp.zeros((0,), dtype=dt, device=a.device)
    padded = _xp.concat(
        [
            _xp.zeros((left,), dtype=dt, device=a.device) if left else z,
            a,
            _xp.zeros((right,), dtype=dt, device=a.device) if right else z,
        ]
    )
    r = _xp.matmul(_windows(padded, m), v)
    return _xp.flip(r) if swap else r


def convolve(a: Any, v: Any, mode: str = "full") -> Array:
    """1-D convolution: ``correlate(a, v[::-1], mode)`` (NumPy's definition)."""
    a, v = arr(a), arr(v)
    if a.ndim != 1 or v.ndim != 1 or not a.shape[0] or not v.shape[0]:
        bad_value("convolve", "a", "non-empty 1-D arrays", a)
    if v.shape[0] > a.shape[0]:
        a, v = v, a
    if _xp.isdtype(v.dtype, "complex floating"):
        v = _xp.conj(v)
    return correlate(a, _xp.flip(v), mode)


def polyval(p: Any, x: Any) -> Array:
    """Horner's rule, NumPy's loop: ``y = y * x + p[i]``."""
    p, x = arr(p), arr(x)
    y = _xp.zeros_like(x, dtype=_xp.result_type(p, x))
    for i in range(p.shape[0]):
        y = y * x + p[i]
    return y


def trapezoid(y: Any, x: Any = None, dx: float = 1.0, axis: int = -1) -> Array:
    """NumPy's trapezoidal rule: ``sum(d * (y[1:] + y[:-1]) / 2)``."""
    y = inexact(arr(y))
    nd = y.ndim
    ax = axis % nd
    hi = tuple(slice(1, None) if i == ax else slice(None) for i in range(nd))
    lo = tuple(slice(None, -1) if i == ax else slice(None) for i in range(nd))
    if x is None:
        d: Any = dx
    else:
        xa = arr(x)
        d = _xp.diff(xa, axis=-1 if xa.ndim == 1 else ax)
        if xa.ndim == 1:
            shape = [1] * nd
            shape[ax] = d.shape[0]
            d = _xp.reshape(d, tuple(shape))
    return _xp.sum(d * (y[hi] + y[lo]) / 2.0, axis=ax)


def cov(
    m: Any,
    y: Any = None,
    rowvar: bool = True,
    bias: bool = False,
    ddof: Any = None,
    fweights: Any = None,
    aweights: Any = None,
    *,
    dtype: Any = None,
) -> Array:
    """Covariance matrix (NumPy's formula without frequency/analytic weights)."""
    if fweights is not None or aweights is not None:
        refuse(
            "cov",
            "fweights",
            "None (weights are not supported)",
            fweights if fweights is not None else aweights,
        )
    x = arr(m)
    if x.ndim > 2:
        bad_value("cov", "m", "a 1-D or 2-D array", x)
    dt = _xp.result_type(x, _xp.float64) if dtype is None else dtype
    x = _xp.astype(x if x.ndim == 2 else _xp.reshape(x, (1, -1)), dt)
    if not rowvar and x.shape[0] != 1:
        x = _xp.matrix_transpose(x)
    if y is not None:
        yy = _xp.astype(arr(y), dt)
        yy = yy if yy.ndim == 2 else _xp.reshape(yy, (1, -1))
        if not rowvar and yy.shape[0] != 1:
            yy = _xp.matrix_transpose(yy)
        x = _xp.concat([x, yy], axis=0)
    ddof = (0 if bias else 1) if ddof is None else ddof
    n = x.shape[1]
    fact = max(n - ddof, 0)
    xc = x - _xp.mean(x, axis=1, keepdims=True)
    xt = _xp.matrix_transpose(xc)
    if _xp.isdtype(xt.dtype, "complex floating"):
        xt = _xp.conj(xt)
    c = _xp.matmul(xc, xt) / fact
    return _xp.squeeze(c, axis=(0, 1)) if c.shape == (1, 1) else c


def corrcoef(x: Any, y: Any = None, rowvar: bool = True, *, dtype: Any = None) -> Array:
    """Pearson correlation coefficients: ``cov / outer(std, std)``, clipped to [-1, 1]."""
    c = cov(x, y, rowvar, dtype=dtype)
    if c.ndim == 0:
        return c / c
    d = _xp.linalg.diagonal(c)
    sd = _xp.sqrt(_xp.real(d) if _xp.isdtype(d.dtype, "complex floating") else d)
    c = c / sd[:, None]
    c = c / sd[None, :]
    if _xp.isdtype(c.dtype, "complex floating"):
        return c
    return _xp.clip(c, -1.0, 1.0)


_ = math
