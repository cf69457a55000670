"""NumPy's array creation functions (``array``, ``zeros``, ``arange``, ``linspace``, ``logspace``,
``eye``, ``diag``, ``tri``, ``vander``, the window functions, ...) on the standard ones.

Default dtypes are NumPy's: ``zeros``/``ones``/``empty``/``eye``/``identity``/``tri`` make float64
(float32 under the ``float32`` promotion policy, as the standard functions do)."""

from __future__ import annotations

import math

import arrayshim as _xp
from arrayshim import Array

from ._common import arr, bad_value, dt, from_nested, refuse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _order(func: str, order: str) -> None:
    if order not in ("C", "K", "A"):
        refuse(func, "order", "'C' (arrayshim arrays are C-ordered)", order)


def _shape(shape: Any) -> tuple[int, ...]:
    return (shape,) if isinstance(shape, int) else tuple(shape)


def array(
    object: Any,
    dtype: Any = None,
    *,
    copy: Any = True,
    order: str = "K",
    subok: bool = False,
    ndmin: int = 0,
    like: Any = None,
    device: Any = None,
) -> Array:
    """NumPy's ``array``: a new array (``copy=True``) from data; nested lists of Arrays stack."""
    _order("array", order)
    if isinstance(object, (list, tuple)):
        a = from_nested(object)
        if dtype is not None or device is not None:
            a = _xp.asarray(a, dtype=dt(dtype), device=device)
    else:
        a = _xp.asarray(object, dtype=dt(dtype), device=device, copy=True if copy else copy)
    if a.ndim < ndmin:
        a = _xp.reshape(a, (1,) * (ndmin - a.ndim) + tuple(a.shape))
    return a


def asarray(
    a: Any,
    dtype: Any = None,
    order: Any = None,
    *,
    device: Any = None,
    copy: Any = None,
    like: Any = None,
) -> Array:
    """NumPy's ``asarray``: ``arrayshim.asarray`` (nested lists of Arrays stack)."""
    if order is not None:
        _order("asarray", order)
    if isinstance(a, (list, tuple)) and dtype is None and device is None and copy is None:
        return from_nested(a)
    return _xp.asarray(a, dtype=dt(dtype), device=device, copy=copy)


def asanyarray(
    a: Any,
    dtype: Any = None,
    order: Any = None,
    *,
    device: Any = None,
    copy: Any = None,
    like: Any = None,
) -> Array:
    return asarray(a, dtype, order, device=device, copy=copy)


def ascontiguousarray(a: Any, dtype: Any = None, *, like: Any = None) -> Array:
    r = asarray(a, dtype)
    return r if r.ndim else _xp.reshape(r, (1,))


def copy(a: Any, order: str = "K", subok: bool = False) -> Array:
    _order("copy", order)
    return _xp.asarray(arr(a), copy=True)


def zeros(
    shape: Any, dtype: Any = None, order: str = "C", *, device: Any = None, like: Any = None
) -> Array:
    _order("zeros", order)
    return _xp.zeros(_shape(shape), dtype=dt(dtype), device=device)


def ones(
    shape: Any, dtype: Any = None, order: str = "C", *, device: Any = None, like: Any = None
) -> Array:
    _order("ones", order)
    return _xp.ones(_shape(shape), dtype=dt(dtype), device=device)


def empty(
    shape: Any, dtype: Any = None, order: str = "C", *, device: Any = None, like: Any = None
) -> Array:
    _order("empty", order)
    return _xp.empty(_shape(shape), dtype=dt(dtype), device=device)


def full(
    shape: Any,
    fill_value: Any,
    dtype: Any = None,
    order: str = "C",
    *,
    device: Any = None,
    like: Any = None,
) -> Array:
    _order("full", order)
    if isinstance(fill_value, (Array, list, tuple)):
        v = arr(fill_value)
        return _xp.broadcast_to(_xp.astype(v, dtype) if dtype is not None else v, _shape(shape))
    return _xp.full(_shape(shape), fill_value, dtype=dt(dtype), device=device)


def _like(
    func: str, f: Any, a: Any, dtype: Any, order: str, shape: Any, device: Any, *fill: Any
) -> Array:
    _order(func, order)
    a = arr(a)
    if shape is not None:
        d = a.dtype if dtype is None else dt(dtype)
        return f(_shape(shape), *fill, dtype=d, device=a.device if device is None else device)
    return getattr(_xp, f"{func}")(a, *fill, dtype=dt(dtype), device=device)


def zeros_like(
    a: Any,
    dtype: Any = None,
    order: str = "K",
    subok: bool = True,
    shape: Any = None,
    *,
    device: Any = None,
) -> Array:
    return _like("zeros_like", _xp.zeros, a, dtype, order, shape, device)


def ones_like(
    a: Any,
    dtype: Any = None,
    order: str = "K",
    subok: bool = True,
    shape: Any = None,
    *,
    device: Any = None,
) -> Array:
    return _like("ones_like", _xp.ones, a, dtype, order, shape, device)


def empty_like(
    prototype: Any,
    dtype: Any = None,
    order: str = "K",
    subok: bool = True,
    shape: Any = None,
    *,
    device: Any = None,
) -> Array:
    return _like("empty_like", _xp.empty, prototype, dtype, order, shape, device)


def full_like(
    a: Any,
    fill_value: Any,
    dtype: Any = None,
    order: str = "K",
    subok: bool = True,
    shape: Any = None,
    *,
    device: Any = None,
) -> Array:
    return _like("full_like", _xp.full, a, dtype, order, shape, device, fill_value)


def arange(
    start: Any,
    stop: Any = None,
    step: Any = None,
    dtype: Any = None,
    *,
    device: Any = None,
    like: Any = None,
) -> Array:
    """NumPy's ``arange(stop)``, ``arange(start, stop[, step])``: ``arrayshim.arange``."""
    if stop is None:
        start, stop = 0, start
    return _xp.arange(start, stop, 1 if step is None else step, dtype=dt(dtype), device=device)


def linspace(
    start: Any,
    stop: Any,
    num: int = 50,
    endpoint: bool = True,
    retstep: bool = False,
    dtype: Any = None,
    axis: int = 0,
    *,
    device: Any = None,
) -> Any:
    """NumPy's ``linspace`` for scalar ``start``/``stop``: ``arrayshim.linspace``."""
    if isinstance(start, (Array, list, tuple)) or isinstance(stop, (Array, list, tuple)):
        refuse("linspace", "start", "Python scalars (array start/stop are not supported)", start)
    if num < 0:
        bad_value("linspace", "num", "a non-negative number of samples", num)
    if axis != 0:
        refuse("linspace", "axis", "0 (start and stop are scalars)", axis)
    d = dt(dtype)
    if d is not None and not _xp.isdtype(
        _xp.asarray(0, dtype=d).dtype, ("real floating", "complex floating")
    ):
        # NumPy 2: computed in float64, then rounded towards -inf for an integer dtype
        y = _xp.linspace(start, stop, num, dtype=_xp.float64, device=device, endpoint=endpoint)
        y = _xp.astype(_xp.floor(y), d)
    else:
        y = _xp.linspace(start, stop, num, dtype=d, device=device, endpoint=endpoint)
    if retstep:
        div = (num - 1) if endpoint else num
        step = (stop - start) / div if div > 0 else math.nan
        return y, step
    return y


def logspace(
    start: Any,
    stop: Any,
    num: int = 50,
    endpoint: bool = True,
    base: float = 10.0,
    dtype: Any = None,
    axis: int = 0,
) -> Array:
    """``base ** linspace(start, stop, num)`` (NumPy's formula)."""
    y = linspace(start, stop, num, endpoint)
    r = _xp.pow(_xp.asarray(base, dtype=y.dtype, device=y.device), y)
    return r if dtype is None else _xp.astype(r, dtype)


def geomspace(
    start: Any, stop: Any, num: int = 50, endpoint: bool = True, dtype: Any = None, axis: int = 0
) -> Array:
    """Geometric progression from ``start`` to ``stop`` (real, same sign, non-zero): NumPy's
    ``logspace`` of the log10 end points, ends set exactly."""
    if start == 0 or stop == 0:
        bad_value("geomspace", "start", "non-zero end points", start if start == 0 else stop)
    if isinstance(start, complex) or isinstance(stop, complex):
        refuse("geomspace", "start", "real end points", start)
    sign = 1.0
    if start < 0 and stop < 0:
        sign, start, stop = -1.0, -start, -stop
    elif start < 0 or stop < 0:
        refuse(
            "geomspace",
            "start",
            "end points of one sign (complex results are not supported)",
            start,
        )
    r = logspace(math.log10(start), math.log10(stop), num, endpoint)
    if num > 0:
        idx = _xp.arange(num, device=r.device)
        r = _xp.where(idx == 0, float(start), r)
        if endpoint and num > 1:
            r = _xp.where(idx == num - 1, float(stop), r)
    r = r * sign
    return r if dtype is None else _xp.astype(r, dtype)


def eye(
    N: int,
    M: Any = None,
    k: int = 0,
    dtype: Any = None,
    order: str = "C",
    *,
    device: Any = None,
    like: Any = None,
) -> Array:
    _order("eye", order)
    return _xp.eye(N, M, k=k, dtype=dt(dtype), device=device)


def identity(n: int, dtype: Any = None, *, like: Any = None) -> Array:
    return _xp.eye(n, dtype=dt(dtype))


def tri(N: int, M: Any = None, k: int = 0, dtype: Any = None, *, like: Any = None) -> Array:
    """Ones at and below the ``k``-th diagonal (float64 by default)."""
    M = N if M is None else M
    i = _xp.arange(N)[:, None]
    j = _xp.arange(M)[None, :]
    m = j - i <= k
    return _xp.astype(m, _xp.float64 if dtype is None else dtype)


def tril(m: Any, k: int = 0) -> Array:
    return _xp.tril(arr(m), k=k)


def triu(m: Any, k: int = 0) -> Array:
    return _xp.triu(arr(m), k=k)


def diag(v: Any, k: int = 0) -> Array:
    """The ``k``-th diagonal of a 2-D array, or a 2-D array with ``v`` on its ``k``-th diagonal."""
    v = arr(v)
    if v.ndim == 2:
        return _xp.linalg.diagonal(v, offset=k)
    if v.ndim != 1:
        bad_value("diag", "v", "a 1-D or 2-D array", v)
    n = v.shape[0]
    size = n + abs(k)
    mask = _xp.eye(size, k=k, dtype=_xp.bool, device=v.device)
    padded = _xp.concat([v, _xp.zeros((abs(k),), dtype=v.dtype, device=v.device)])
    vals = padded[:, None] if k >= 0 else padded[None, :]
    return _xp.where(mask, vals, _xp.zeros((), dtype=v.dtype, device=v.device))


def diagflat(v: Any, k: int = 0) -> Array:
    return diag(_xp.reshape(arr(v), (-1,)), k)


def diag_indices(n: int, ndim: int = 2) -> tuple[Array, ...]:
    idx = _xp.arange(n)
    return (idx,) * ndim


def tril_indices(n: int, k: int = 0, m: Any = None) -> tuple[Array, ...]:
    return _xp.nonzero(tri(n, m, k, dtype=_xp.bool))


def triu_indices(n: int, k: int = 0, m: Any = None) -> tuple[Array, ...]:
    return _xp.nonzero(_xp.logical_not(tri(n, m, k - 1, dtype=_xp.bool)))


def meshgrid(
    *xi: Any, copy: bool = True, sparse: bool = False, indexing: str = "xy"
) -> tuple[Array, ...]:
    xs = [_xp.reshape(arr(x), (-1,)) for x in xi]
    if not sparse:
        return tuple(_xp.meshgrid(*xs, indexing=indexing))
    n = len(xs)
    out = []
    for i, x in enumerate(xs):
        shape = [1] * n
        shape[i] = -1
        if indexing == "xy" and n > 1 and i < 2:
            shape[0], shape[1] = shape[1], shape[0]
        out.append(_xp.reshape(x, tuple(shape)))
    return tuple(out)


def vander(x: Any, N: Any = None, increasing: bool = False) -> Array:
    """Powers of ``x`` by repeated multiplication (NumPy's ``multiply.accumulate``)."""
    x = arr(x)
    if x.ndim != 1:
        bad_value("vander", "x", "a 1-D array", x)
    n = x.shape[0] if N is None else N
    if n == 0:
        return _xp.zeros((x.shape[0], 0), dtype=_xp.result_type(x, 1), device=x.device)
    cols = _xp.broadcast_to(x[:, None], (x.shape[0], n - 1)) if n > 1 else None
    one = _xp.ones((x.shape[0], 1), dtype=_xp.result_type(x, 1), device=x.device)
    v = (
        one
        if cols is None
        else _xp.concat([one, _xp.cumulative_prod(_xp.astype(cols, one.dtype), axis=1)], axis=1)
    )
    return v if increasing else _xp.flip(v, axis=1)


def _window_n(M: int) -> Any:
    return _xp.astype(_xp.arange(1 - M, M, 2), _xp.float64)


def _window(func: str, M: int) -> Any:
    if M < 1:
        return _xp.zeros((0,), dtype=_xp.float64)
    if M == 1:
        return _xp.ones((1,), dtype=_xp.float64)
    return None


def hanning(M: int) -> Array:
    """NumPy's Hann window: ``0.5 + 0.5 cos(pi n / (M - 1))``."""
    r = _window("hanning", M)
    return r if r is not None else 0.5 + 0.5 * _xp.cos(math.pi * _window_n(M) / (M - 1))


def hamming(M: int) -> Array:
    """NumPy's Hamming window: ``0.54 + 0.46 cos(pi n / (M - 1))``."""
    r = _window("hamming", M)
    return r if r is not None else 0.54 + 0.46 * _xp.cos(math.pi * _window_n(M) / (M - 1))


def blackman(M: int) -> Array:
    """NumPy's Blackman window."""
    r = _window("blackman", M)
    if r is not None:
        return r
    n = _window_n(M)
    return 0.42 + 0.5 * _xp.cos(math.pi * n / (M - 1)) + 0.08 * _xp.cos(2.0 * math.pi * n / (M - 1))


def bartlett(M: int) -> Array:
    """NumPy's Bartlett (triangular) window."""
    r = _window("bartlett", M)
    if r is not None:
        return r
    n = _window_n(M)
    return _xp.where(n <= 0, 1 + n / (M - 1), 1 - n / (M - 1))
