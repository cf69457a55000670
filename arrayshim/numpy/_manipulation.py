"""NumPy's shape and joining functions (``concatenate``, ``vstack``, ``split``, ``pad``, ``rot90``,
``transpose``, ``take``, ``where``, ...) on the standard manipulation and indexing functions."""

from __future__ import annotations

import math

import arrayshim as _xp
from arrayshim import Array
from arrayshim import concat as _concat
from arrayshim._array import known_dim
from arrayshim._errors import ArrayshimIndexError, message

from ._common import arr, bad_value, norm_axis, operand, refuse, refuse_out

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _order(func: str, order: str) -> None:
    if order not in ("C", "K", "A"):
        refuse(func, "order", "'C' (arrayshim arrays are C-ordered)", order)


def _seq(func: str, arrays: Any) -> list[Array]:
    if isinstance(arrays, Array):
        return list(_xp.unstack(arrays))
    return [arr(x) for x in arrays]


def concatenate(
    arrays: Any, axis: Any = 0, out: Any = None, *, dtype: Any = None, casting: str = "same_kind"
) -> Array:
    """NumPy's ``concatenate``: ``arrayshim.concat`` (``axis=None`` flattens)."""
    if type(arrays) is list and out is None and dtype is None:
        try:  # the common case, a list of arrays: no per-element check in Python
            return _concat(arrays, axis=axis)
        except TypeError:
            pass  # lists or scalars among them: converted below (other errors raise again)
    if out is not None:
        refuse_out("concatenate", out)
    xs = _seq("concatenate", arrays)
    if dtype is not None:
        xs = [_xp.astype(x, dtype) for x in xs]
    return _xp.concat(xs, axis=axis)


concat = concatenate


def stack(
    arrays: Any, axis: int = 0, out: Any = None, *, dtype: Any = None, casting: str = "same_kind"
) -> Array:
    if out is not None:
        refuse_out("stack", out)
    xs = _seq("stack", arrays)
    if dtype is not None:
        xs = [_xp.astype(x, dtype) for x in xs]
    return _xp.stack(xs, axis=axis)


def atleast_1d(*arys: Any) -> Any:
    res = [x if x.ndim >= 1 else _xp.reshape(x, (1,)) for x in map(arr, arys)]
    return res[0] if len(res) == 1 else tuple(res)


def atleast_2d(*arys: Any) -> Any:
    res = []
    for x in map(arr, arys):
        if x.ndim == 0:
            x = _xp.reshape(x, (1, 1))
        elif x.ndim == 1:
            x = x[None, :]
        res.append(x)
    return res[0] if len(res) == 1 else tuple(res)


def atleast_3d(*arys: Any) -> Any:
    res = []
    for x in map(arr, arys):
        if x.ndim == 0:
            x = _xp.reshape(x, (1, 1, 1))
        elif x.ndim == 1:
            x = x[None, :, None]
        elif x.ndim == 2:
            x = x[:, :, None]
        res.append(x)
    return res[0] if len(res) == 1 else tuple(res)


def _tuple(r: Any) -> list[Array]:
    return list(r) if isinstance(r, tuple) else [r]


def hstack(tup: Any, *, dtype: Any = None, casting: str = "same_kind") -> Array:
    xs = _tuple(atleast_1d(*_seq("hstack", tup)))
    return concatenate(xs, 0 if xs and xs[0].ndim == 1 else 1, dtype=dtype)


def vstack(tup: Any, *, dtype: Any = None, casting: str = "same_kind") -> Array:
    return concatenate(_tuple(atleast_2d(*_seq("vstack", tup))), 0, dtype=dtype)


row_stack = vstack


def dstack(tup: Any) -> Array:
    return concatenate(_tuple(atleast_3d(*_seq("dstack", tup))), 2)


def column_stack(tup: Any) -> Array:
    xs = [
        x[:, None] if x.ndim < 2 else x for x in (atleast_1d(x) for x in _seq("column_stack", tup))
    ]
    return concatenate(xs, 1)


def _slices(a: Array, axis: int, bounds: list[tuple[int, int]]) -> list[Array]:
    pre = (slice(None),) * axis
    return [a[pre + (slice(s, e),)] for s, e in bounds]


def array_split(ary: Any, indices_or_sections: Any, axis: int = 0) -> list[Array]:
    """Split into ``n`` nearly equal parts (the first ``len % n`` one longer) or at indices."""
    a = arr(ary)
    ax = axis % a.ndim
    n = a.shape[ax]
    if isinstance(indices_or_sections, int):
        k = indices_or_sections
        if k <= 0:
            bad_value("array_split", "indices_or_sections", "a positive number of sections", k)
        each, extra = n // k, n % k
        sizes = [each + 1] * extra + [each] * (k - extra)
        starts = [0]
        for s in sizes:
            starts.append(starts[-1] + s)
        bounds = list(zip(starts[:-1], starts[1:], strict=False))
    else:
        idx = [int(i) for i in indices_or_sections]
        edges = [0] + idx + [n]
        bounds = [
            (max(0, min(s, n)), max(0, min(e, n)))
            for s, e in zip(edges[:-1], edges[1:], strict=False)
        ]
        bounds = [(s, max(s, e)) for s, e in bounds]
    return _slices(a, ax, bounds)


def split(ary: Any, indices_or_sections: Any, axis: int = 0) -> list[Array]:
    """NumPy's ``split``: equal sections only (else ValueError), or at indices."""
    a = arr(ary)
    if isinstance(indices_or_sections, int) and indices_or_sections > 0:
        if a.shape[axis % a.ndim] % indices_or_sections:
            bad_value(
                "split",
                "indices_or_sections",
                "a number of sections that divides the axis (array_split allows unequal ones)",
                indices_or_sections,
            )
    return array_split(a, indices_or_sections, axis)


def hsplit(ary: Any, indices_or_sections: Any) -> list[Array]:
    a = arr(ary)
    return split(a, indices_or_sections, 1 if a.ndim > 1 else 0)


def vsplit(ary: Any, indices_or_sections: Any) -> list[Array]:
    return split(ary, indices_or_sections, 0)


def dsplit(ary: Any, indices_or_sections: Any) -> list[Array]:
    return split(ary, indices_or_sections, 2)


def append(arr_: Any, values: Any, axis: Any = None) -> Array:
    a, v = arr(arr_), arr(values)
    if axis is None:
        return _xp.concat([_xp.reshape(a, (-1,)), _xp.reshape(v, (-1,))])
    return _xp.concat([a, v], axis=axis)


def reshape(
    a: Any, /, shape: Any = None, order: str = "C", *, newshape: Any = None, copy: Any = None
) -> Array:
    _order("reshape", order)
    s = shape if shape is not None else newshape
    return _xp.reshape(arr(a), (s,) if isinstance(s, int) else tuple(s), copy=copy)


def ravel(a: Any, order: str = "C") -> Array:
    _order("ravel", order)
    return _xp.reshape(arr(a), (-1,))


def transpose(a: Any, axes: Any = None) -> Array:
    a = arr(a)
    if axes is None:
        axes = tuple(range(a.ndim - 1, -1, -1))
    return _xp.permute_dims(a, tuple(axes))


def permute_dims(a: Any, axes: Any = None) -> Array:
    return transpose(a, axes)


def matrix_transpose(x: Any, /) -> Array:
    return _xp.matrix_transpose(arr(x))


def swapaxes(a: Any, axis1: int, axis2: int) -> Array:
    a = arr(a)
    perm = list(range(a.ndim))
    i, j = norm_axis(axis1, a.ndim), norm_axis(axis2, a.ndim)
    perm[i], perm[j] = perm[j], perm[i]
    return _xp.permute_dims(a, tuple(perm))


def moveaxis(a: Any, source: Any, destination: Any) -> Array:
    return _xp.moveaxis(arr(a), source, destination)


def expand_dims(a: Any, axis: Any) -> Array:
    return _xp.expand_dims(arr(a), axis=tuple(axis) if isinstance(axis, list) else axis)


def squeeze(a: Any, axis: Any = None) -> Array:
    a = arr(a)
    if axis is None:
        axis = tuple(i for i, s in enumerate(a.shape) if s == 1)
    return _xp.squeeze(a, axis=axis)


def broadcast_to(array: Any, shape: Any, subok: bool = False) -> Array:
    return _xp.broadcast_to(arr(array), (shape,) if isinstance(shape, int) else tuple(shape))


def broadcast_arrays(*args: Any, subok: bool = False) -> tuple[Array, ...]:
    return tuple(_xp.broadcast_arrays(*map(arr, args)))


def broadcast_shapes(*args: Any) -> tuple[int, ...]:
    return _xp.broadcast_shapes(*((s,) if isinstance(s, int) else tuple(s) for s in args))


def flip(m: Any, axis: Any = None) -> Array:
    return _xp.flip(arr(m), axis=axis)


def fliplr(m: Any) -> Array:
    m = arr(m)
    if m.ndim < 2:
        bad_value("fliplr", "m", "an array with at least 2 dimensions", m)
    return _xp.flip(m, axis=1)


def flipud(m: Any) -> Array:
    m = arr(m)
    if m.ndim < 1:
        bad_value("flipud", "m", "an array with at least 1 dimension", m)
    return _xp.flip(m, axis=0)


def rot90(m: Any, k: int = 1, axes: Any = (0, 1)) -> Array:
    """Rotate by 90 degrees ``k`` times in the plane of ``axes`` (NumPy's definition)."""
    m = arr(m)
    a0, a1 = norm_axis(tuple(axes), m.ndim)
    if a0 == a1 or len(axes) != 2:
        bad_value("rot90", "axes", "two different axes", axes)
    k %= 4
    if k == 0:
        return m
    if k == 2:
        return _xp.flip(_xp.flip(m, axis=a0), axis=a1)
    perm = list(range(m.ndim))
    perm[a0], perm[a1] = perm[a1], perm[a0]
    if k == 1:
        return _xp.permute_dims(_xp.flip(m, axis=a1), tuple(perm))
    return _xp.flip(_xp.permute_dims(m, tuple(perm)), axis=a1)


def roll(a: Any, shift: Any, axis: Any = None) -> Array:
    return _xp.roll(
        arr(a),
        shift=tuple(shift) if isinstance(shift, list) else shift,
        axis=tuple(axis) if isinstance(axis, list) else axis,
    )


def repeat(a: Any, repeats: Any, axis: Any = None) -> Array:
    return _xp.repeat(arr(a), repeats if isinstance(repeats, int) else arr(repeats), axis=axis)


def tile(A: Any, reps: Any) -> Array:
    return _xp.tile(arr(A), (reps,) if isinstance(reps, int) else tuple(reps))


def unstack(x: Any, /, *, axis: int = 0) -> tuple[Array, ...]:
    return _xp.unstack(arr(x), axis=axis)


def _pad_index(mode: str, i: int, n: int) -> int:
    if mode == "edge":
        return min(max(i, 0), n - 1)
    if mode == "wrap":
        return i % n
    if mode == "reflect":
        if n == 1:
            return 0
        j = i % (2 * n - 2)
        return 2 * n - 2 - j if j >= n else j
    j = i % (2 * n)  # symmetric
    return 2 * n - 1 - j if j >= n else j


_PAD_MODES = ("constant", "edge", "wrap", "reflect", "symmetric")


def _pairs(func: str, value: Any, ndim: int) -> list[tuple[Any, Any]]:
    if isinstance(value, Array):
        value = [int(v) for v in _xp.unstack(_xp.reshape(value, (-1,)))]
    if not isinstance(value, (list, tuple)):
        return [(value, value)] * ndim
    if len(value) == 1 and isinstance(value[0], (list, tuple)):
        value = value[0]
    if len(value) == 2 and not isinstance(value[0], (list, tuple)):
        return [(value[0], value[1])] * ndim
    if len(value) != ndim:
        bad_value(func, "pad_width", f"one (before, after) pair or {ndim} pairs", value)
    return [(v, v) if not isinstance(v, (list, tuple)) else (v[0], v[-1]) for v in value]


def pad(array: Any, pad_width: Any, mode: str = "constant", **kwargs: Any) -> Array:
    """NumPy's ``pad`` for modes constant (``constant_values``), edge, wrap, reflect and
    symmetric: each axis is gathered with ``take`` at indices computed in Python."""
    a = arr(array)
    if mode not in _PAD_MODES:
        refuse("pad", "mode", f"one of {', '.join(_PAD_MODES)}", mode)
    widths = _pairs("pad", pad_width, a.ndim)
    consts = _pairs("pad", kwargs.pop("constant_values", 0), a.ndim) if mode == "constant" else None
    if kwargs:
        refuse("pad", next(iter(kwargs)), "constant_values only", kwargs)
    for ax, (before, after) in enumerate(widths):
        before, after = int(before), int(after)
        if before < 0 or after < 0:
            bad_value("pad", "pad_width", "non-negative widths", pad_width)
        if before == 0 and after == 0:
            continue
        n = a.shape[ax]
        if mode == "constant":
            shape_b = a.shape[:ax] + (before,) + a.shape[ax + 1 :]
            shape_a = a.shape[:ax] + (after,) + a.shape[ax + 1 :]
            assert consts is not None
            cb, ca = consts[ax]
            a = _xp.concat(
                [
                    _xp.full(shape_b, cb, dtype=a.dtype, device=a.device),
                    a,
                    _xp.full(shape_a, ca, dtype=a.dtype, device=a.device),
                ],
                axis=ax,
            )
            continue
        if n == 0:
            bad_value("pad", "array", f"a non-empty axis for mode {mode!r}", a)
        idx = [_pad_index(mode, i, n) for i in range(-before, n + after)]
        a = _xp.take(a, _xp.asarray(idx, dtype=_xp.int64, device=a.device), axis=ax)
    return a


def take(a: Any, indices: Any, axis: Any = None, out: Any = None, mode: str = "raise") -> Array:
    """NumPy's ``take``: any shape of (possibly negative) indices; ``axis=None`` flattens."""
    if out is not None:
        refuse_out("take", out)
    if mode != "raise":
        refuse("take", "mode", "'raise'", mode)
    a = arr(a)
    if axis is None:
        a, axis = _xp.reshape(a, (-1,)), 0
    axis = norm_axis(axis, a.ndim)
    scalar = isinstance(indices, int)
    idx = arr(indices)
    n = a.shape[axis]
    flat = _xp.reshape(idx, (-1,))
    flat = _xp.where(flat < 0, flat + n, flat)
    r = _xp.take(a, flat, axis=axis)
    return _xp.reshape(
        r, a.shape[:axis] + (() if scalar else tuple(idx.shape)) + a.shape[axis + 1 :]
    )


def put(a: Any, ind: Any, v: Any, mode: str = "raise") -> None:
    """NumPy's ``put``: ``a.flat[ind] = v`` in place, ``v`` repeated to the number of indices.
    ``v`` is converted to ``a``'s dtype as NumPy does (an Array ``v`` must fit it, as in item
    assignment). Of repeated indices, which value lands is the backend's, as in ``a[i] = v``."""
    if type(a) is not Array:
        bad_value("put", "a", "an arrayshim Array (put changes it in place)", a)
    if mode not in ("raise", "wrap", "clip"):
        refuse("put", "mode", "'raise', 'wrap' or 'clip'", mode)
    flat = _xp.reshape(a, (-1,), copy=True)
    n = known_dim(flat.shape[0], "put")
    idx = _xp.reshape(arr(ind), (-1,))
    if mode == "wrap":
        idx = idx % n
    elif mode == "clip":
        idx = _xp.clip(idx, 0, n - 1)
    if type(v) is not Array:
        v = _xp.asarray(v, dtype=a.dtype, device=a.device)
    v = _xp.reshape(v, (-1,))
    k = idx.shape[0]
    if v.shape[0] != k and k:
        if v.shape[0] == 0:
            bad_value("put", "v", "at least one value", v)
        v = _xp.take(v, _xp.arange(k, device=a.device) % v.shape[0])
    try:
        flat[idx] = v
    except IndexError as exc:
        raise ArrayshimIndexError(
            message("put", "ind", f"flat indices in [{-n}, {n}) (a has {n} elements)", str(exc))
        ) from exc
    a[...] = _xp.reshape(flat, a.shape)


def take_along_axis(arr_: Any, indices: Any, axis: Any = -1) -> Array:
    a, i = arr(arr_), arr(indices)
    if axis is None:
        return _xp.take_along_axis(_xp.reshape(a, (-1,)), _xp.reshape(i, (-1,)), axis=0)
    return _xp.take_along_axis(a, i, axis=axis)


def compress(condition: Any, a: Any, axis: Any = None, out: Any = None) -> Array:
    if out is not None:
        refuse_out("compress", out)
    (idx,) = _xp.nonzero(arr(condition))
    return take(a, idx, axis)


def where(condition: Any, x: Any = None, y: Any = None) -> Any:
    """NumPy's ``where``: three arguments select; one argument is ``nonzero``."""
    if x is None and y is None:
        return _xp.nonzero(arr(condition))
    if x is None or y is None:
        bad_value("where", "x", "both x and y, or neither", x if y is None else y)
    return _xp.where(arr(condition), operand(x), operand(y))


def nonzero(a: Any) -> tuple[Array, ...]:
    return _xp.nonzero(arr(a))


def flatnonzero(a: Any) -> Array:
    return _xp.nonzero(_xp.reshape(arr(a), (-1,)))[0]


def argwhere(a: Any) -> Array:
    a = arr(a)
    if a.ndim == 0:
        a = _xp.reshape(a, (1,))
        return _xp.stack(_xp.nonzero(a), axis=-1)[:, :0]
    return _xp.stack(_xp.nonzero(a), axis=-1)


def select(condlist: Any, choicelist: Any, default: Any = 0) -> Array:
    """The first choice whose condition holds, else ``default`` (NumPy's ``select``)."""
    conds, choices = [arr(c) for c in condlist], [operand(c) for c in choicelist]
    if len(conds) != len(choices):
        bad_value("select", "choicelist", f"{len(conds)} choices, one per condition", choicelist)
    if not conds:
        bad_value("select", "condlist", "at least one condition", condlist)
    dt = _xp.result_type(*choices, default) if any(isinstance(c, Array) for c in choices) else None
    r = _xp.asarray(default, dtype=dt, device=conds[0].device)
    for c, v in zip(reversed(conds), reversed(choices), strict=False):
        r = _xp.where(c, v, r)
    return r


def diagonal(a: Any, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Array:
    a = arr(a)
    i, j = norm_axis(axis1, a.ndim), norm_axis(axis2, a.ndim)
    rest = [k for k in range(a.ndim) if k not in (i, j)]
    return _xp.linalg.diagonal(_xp.permute_dims(a, tuple(rest) + (i, j)), offset=offset)


def trace(
    a: Any, offset: int = 0, axis1: int = 0, axis2: int = 1, dtype: Any = None, out: Any = None
) -> Array:
    if out is not None:
        refuse_out("trace", out)
    return _xp.sum(diagonal(a, offset, axis1, axis2), axis=-1, dtype=dtype)


def unravel_index(indices: Any, shape: Any, order: str = "C") -> tuple[Array, ...]:
    _order("unravel_index", order)
    idx = arr(indices)
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    size = math.prod(shape)
    if bool(_xp.any(_xp.logical_or(idx < 0, idx >= size))):
        bad_value("unravel_index", "indices", f"indices in [0, {size})", indices)
    out = []
    for s in reversed(shape):
        out.append(_xp.remainder(idx, s))
        idx = _xp.floor_divide(idx, s)
    return tuple(reversed(out))


def ravel_multi_index(multi_index: Any, dims: Any, mode: str = "raise", order: str = "C") -> Array:
    """Flat indices of index tuples into an array of shape ``dims`` (C order; out-of-range
    indices raise, NumPy's ``mode='raise'``)."""
    _order("ravel_multi_index", order)
    if mode != "raise":
        refuse("ravel_multi_index", "mode", "'raise'", mode)
    shape = (dims,) if isinstance(dims, int) else tuple(dims)
    if len(multi_index) != len(shape) or not shape:
        bad_value("ravel_multi_index", "multi_index", f"{len(shape)} index arrays", multi_index)
    r: Any = None
    for idx, d in zip(multi_index, shape, strict=True):
        i = arr(idx)
        if bool(_xp.any(_xp.logical_or(i < 0, i >= d))):
            bad_value("ravel_multi_index", "multi_index", f"indices in [0, {d})", idx)
        r = i if r is None else r * d + i
    return r


def ix_(*args: Any) -> tuple[Array, ...]:
    n = len(args)
    out = []
    for k, a in enumerate(args):
        a = arr(a)
        if _xp.isdtype(a.dtype, "bool"):
            (a,) = _xp.nonzero(a)
        out.append(_xp.reshape(a, (1,) * k + (-1,) + (1,) * (n - k - 1)))
    return tuple(out)


def shape(a: Any) -> tuple[int, ...]:
    return tuple(arr(a).shape)


def ndim(a: Any) -> int:
    return arr(a).ndim


def size(a: Any, axis: Any = None) -> int:
    a = arr(a)
    return a.size if axis is None else a.shape[axis]


def diff(a: Any, n: int = 1, axis: int = -1, prepend: Any = None, append: Any = None) -> Array:
    """NumPy's ``diff``: ``arrayshim.diff`` (``prepend``/``append`` scalars or arrays)."""
    a = arr(a)
    kw = {}
    if prepend is not None:
        kw["prepend"] = (
            operand(prepend)
            if not isinstance(prepend, (int, float, complex))
            else _edge(a, prepend, axis)
        )
    if append is not None:
        kw["append"] = (
            operand(append)
            if not isinstance(append, (int, float, complex))
            else _edge(a, append, axis)
        )
    return _xp.diff(a, axis=axis, n=n, **kw)


def _edge(a: Array, value: Any, axis: int) -> Array:
    shape = list(a.shape)
    shape[axis] = 1
    return _xp.full(tuple(shape), value, dtype=_xp.result_type(a, value), device=a.device)
