"""Shape manipulation. Shapes are checked here, so a bad shape is the same ``ValueError`` on
every backend."""

from __future__ import annotations

import math
import operator

from . import _dtypes as d
from ._array import Array, _new, describe, known_dim, known_shape
from ._axes import axes as _axes
from ._axes import one_axis
from ._data_types import result_type
from ._dispatch import Plans, as_array, call, cast, joined, resolve, run, sig
from ._dispatch import broadcast_shapes as _broadcast_shapes
from ._errors import ArrayshimTypeError, ArrayshimValueError, message
from ._registry import for_type

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


_RESHAPE = Plans()
_PERMUTE = Plans()
_BROADCAST = Plans()
_FLIP = Plans()  # the key for the backend's getitem: a slice per axis
_ROLL = Plans()  # (shifts, axes) for the backend's roll, where it has one


def _plan_key(x: Any, *args: Any) -> tuple:
    """A :class:`Plans` key for ``x`` (an Array; else no key) and the other arguments."""
    if type(x) is not Array:
        return ()
    b = x._backend
    if b.is_compiling():  # no lookup while dynamo traces (see Plans)
        return ()
    return (b, b.shape_of(x._native), *[sig(v) for v in args])


def _reshaped(a: Array, new: tuple, copy: bool | None) -> Array:
    b = a._backend
    return _new(run(b, a._device, b.reshape, a._native, new, copy), b, a._dtype, a._device)


def _permuted(a: Array, order: tuple) -> Array:
    b = a._backend
    return _new(run(b, a._device, b.permute_dims, a._native, order), b, a._dtype, a._device)


def reshape(x: Any, /, shape: Any, *, copy: bool | None = None) -> Array:
    key = _plan_key(x, shape)
    new = _RESHAPE.get(key)
    if new is not None:
        return _reshaped(x, new, copy)
    a = as_array(x, "reshape", "x")
    if isinstance(shape, int):
        shape = (shape,)
    try:
        new = tuple(operator.index(n) for n in shape)
    except TypeError:
        raise ArrayshimTypeError(
            message("reshape", "shape", "a tuple of ints", describe(shape))
        ) from None
    size = a.size
    unknown = [i for i, n in enumerate(new) if n == -1]
    if len(unknown) > 1 or any(n < -1 for n in new):
        raise ArrayshimValueError(
            message("reshape", "shape", "non-negative sizes with at most one -1", repr(shape))
        )
    known = math.prod(
        [n for n in new if n != -1]
    )  # a list: dynamo cannot pass a generator to math.prod
    if unknown:
        size = known_dim(size, "reshape")
        if known == 0 or size % known:
            raise ArrayshimValueError(
                message(
                    "reshape",
                    "shape",
                    f"a shape with {size} elements",
                    f"{shape}, which cannot hold them",
                )
            )
        new = tuple(size // known if n == -1 else n for n in new)
    elif known != size:
        raise ArrayshimValueError(
            message(
                "reshape",
                "shape",
                f"a shape with {size} elements (the size of an array of shape {a.shape})",
                f"{shape}, with {known}",
            )
        )
    return _reshaped(a, _RESHAPE.put(key, new), copy)


def permute_dims(x: Any, /, axes: tuple[int, ...]) -> Array:
    key = _plan_key(x, "permute_dims", axes)
    order = _PERMUTE.get(key)
    if order is not None:
        return _permuted(x, order)
    a = as_array(x, "permute_dims", "x")
    ndim = a.ndim
    norm = tuple(one_axis(ax, ndim, "permute_dims", "axes") for ax in axes)
    if sorted(norm) != list(range(ndim)):
        raise ArrayshimValueError(
            message("permute_dims", "axes", f"a permutation of range({ndim})", repr(axes))
        )
    return _permuted(a, _PERMUTE.put(key, norm))


def expand_dims(x: Any, /, axis: int | tuple[int, ...]) -> Array:
    """Insert size-1 dimensions at ``axis`` (required, positional or keyword, as in 2025.12):
    an int, or a tuple of distinct axes of the result (of ``x.ndim + len(axis)`` dimensions;
    negative ones count from its end)."""
    key = _plan_key(x, "expand_dims", axis)
    new = _RESHAPE.get(key)
    if new is not None:
        return _reshaped(x, new, None)
    a = as_array(x, "expand_dims", "x")
    shape = a.shape
    items = axis if isinstance(axis, tuple) else (axis,)
    ndim = len(shape) + len(items)
    new = {one_axis(i, ndim, "expand_dims") for i in items}
    if len(new) != len(items):
        raise ArrayshimValueError(message("expand_dims", "axis", "distinct axes", repr(axis)))
    rest = iter(shape)
    return reshape(a, _RESHAPE.put(key, tuple(1 if i in new else next(rest) for i in range(ndim))))


def squeeze(x: Any, /, axis: Any) -> Array:
    key = _plan_key(x, "squeeze", axis)
    new = _RESHAPE.get(key)
    if new is not None:
        return _reshaped(x, new, None)
    a = as_array(x, "squeeze", "x")
    shape = a.shape
    items = axis if isinstance(axis, tuple) else (axis,)
    ax = {one_axis(i, len(shape), "squeeze") for i in items}
    if len(ax) != len(items):
        raise ArrayshimValueError(message("squeeze", "axis", "distinct axes", repr(axis)))
    bad = [i for i in ax if shape[i] != 1]
    if bad:
        raise ArrayshimValueError(
            message(
                "squeeze",
                "axis",
                "axes of size 1",
                f"axis {bad[0]} of size {shape[bad[0]]} (shape {shape})",
            )
        )
    return reshape(a, _RESHAPE.put(key, tuple(n for i, n in enumerate(shape) if i not in ax)))


def broadcast_to(x: Any, /, shape: tuple[int, ...]) -> Array:
    key = _plan_key(x, shape)
    target = _BROADCAST.get(key)
    if target is not None:
        b = x._backend
        return _new(run(b, x._device, b.broadcast_to, x._native, target), b, x._dtype, x._device)
    a = as_array(x, "broadcast_to", "x")
    target = tuple(operator.index(n) for n in shape)
    if _broadcast_shapes("broadcast_to", a.shape, target) != target:
        raise ArrayshimValueError(
            message("broadcast_to", "shape", f"a shape that {a.shape} broadcasts to", repr(shape))
        )
    _BROADCAST.put(key, target)
    b = a._backend
    return _new(run(b, a._device, b.broadcast_to, a._native, target), b, a._dtype, a._device)


def _joined(func: str, arrays: Any) -> tuple[Any, Any, list[Array], Any]:
    if not isinstance(arrays, (list, tuple)) or not arrays:
        raise ArrayshimTypeError(
            message(func, "arrays", "a non-empty list or tuple of arrays", describe(arrays))
        )
    b, dev, items = resolve(func, tuple(arrays), tuple(f"arrays[{i}]" for i in range(len(arrays))))
    if any(type(a) is not Array for a in items):
        raise ArrayshimTypeError(
            message(func, "arrays", "arrays only", "a Python scalar among them")
        )

    dt = result_type(*items)
    return b, dev, items, dt


def concat(arrays: Any, /, *, axis: int | None = 0) -> Array:
    b, dev, items, dt = _joined("concat", arrays)
    if axis is None:
        items = [reshape(a, (-1,)) for a in items]
        axis = 0
    ndim = items[0].ndim
    ax = one_axis(axis, ndim, "concat") if ndim else one_axis(axis, 0, "concat")
    shape0 = items[0].shape
    for i, a in enumerate(items):
        s = a.shape
        if len(s) != ndim or any(
            n != m for j, (n, m) in enumerate(zip(s, shape0, strict=False)) if j != ax
        ):
            raise ArrayshimValueError(
                message(
                    "concat",
                    f"arrays[{i}]",
                    f"shape matching {shape0} except on axis {ax}",
                    repr(s),
                )
            )
    return _new(run(b, dev, b.concat, [cast(a, dt) for a in items], ax), b, dt, dev)


def stack(arrays: Any, /, *, axis: int = 0) -> Array:
    b, dev, items, dt = _joined("stack", arrays)
    shape0 = items[0].shape
    for i, a in enumerate(items):
        if a.shape != shape0:
            raise ArrayshimValueError(
                message("stack", f"arrays[{i}]", f"the shape of arrays[0], {shape0}", repr(a.shape))
            )
    ax = one_axis(axis, len(shape0) + 1, "stack")
    return _new(run(b, dev, b.stack, [cast(a, dt) for a in items], ax), b, dt, dev)


def _int_tuple(func: str, arg: str, value: Any) -> tuple[int, ...]:
    items = value if isinstance(value, (tuple, list)) else (value,)
    try:
        return tuple(operator.index(v) for v in items)
    except TypeError:
        raise ArrayshimTypeError(
            message(func, arg, "an int or a tuple of ints", describe(value))
        ) from None


def flip(x: Any, /, *, axis: Any = None) -> Array:
    """``x`` with the order of elements reversed along ``axis`` (every axis when None)."""

    key = _plan_key(x, "flip", axis)
    slices = _FLIP.get(key)
    if slices is None:
        a = as_array(x, "flip", "x")
        ax = _axes(axis, a.ndim, "flip")
        chosen = range(a.ndim) if ax is None else ax
        slices = tuple(slice(None, None, -1) if i in chosen else slice(None) for i in range(a.ndim))
        _FLIP.put(key, slices)
        x = a
    b = x._backend
    return _new(run(b, x._device, b.getitem, x._native, slices), b, x._dtype, x._device)


def moveaxis(x: Any, source: Any, destination: Any, /) -> Array:
    """``x`` with axes ``source`` moved to positions ``destination`` (others keep their order)."""
    key = _plan_key(x, "moveaxis", source, destination)
    order = _PERMUTE.get(key)
    if order is not None:
        return _permuted(x, order)
    a = as_array(x, "moveaxis", "x")
    ndim = a.ndim
    src = tuple(
        one_axis(s, ndim, "moveaxis", "source") for s in _int_tuple("moveaxis", "source", source)
    )
    dst = tuple(
        one_axis(s, ndim, "moveaxis", "destination")
        for s in _int_tuple("moveaxis", "destination", destination)
    )
    if len(src) != len(dst):
        raise ArrayshimValueError(
            message(
                "moveaxis",
                "destination",
                f"as many axes as `source` ({len(src)})",
                repr(destination),
            )
        )
    if len(set(src)) != len(src) or len(set(dst)) != len(dst):
        raise ArrayshimValueError(
            message(
                "moveaxis",
                "source, destination",
                "distinct axes",
                f"{source!r} and {destination!r}",
            )
        )
    order = [i for i in range(ndim) if i not in src]
    for dest, s in sorted(zip(dst, src, strict=True)):
        order.insert(dest, s)
    return permute_dims(a, _PERMUTE.put(key, tuple(order)))


def rolled(key: tuple, x: Any) -> Array | None:
    """``x`` rolled as a checked call of the same key was, by the backend's own roll (a
    remembered plan); None when there is none."""
    moves = _ROLL.get(key)
    if moves is None:
        return None
    b = x._backend
    native = run(b, x._device, b.roll, x._native, *moves)
    if native is None:  # a hook declining this dtype or device (the key holds neither)
        return None
    return _new(native, b, x._dtype, x._device)


def roll(x: Any, /, shift: Any, *, axis: Any = None) -> Array:
    """Elements rolled by ``shift`` along ``axis`` (over the flattened array when None)."""
    key = _plan_key(x, "roll", shift, axis)
    done = rolled(key, x)
    if done is not None:
        return done
    return roll_remembered(x, shift, axis, key)


def roll_remembered(x: Any, shift: Any, axis: Any, key: tuple) -> Array:
    """:func:`roll`, remembered under ``key`` (a caller's: ``fft.fftshift``'s) where the
    backend's own roll ran."""
    a = as_array(x, "roll", "x")
    shifts = _int_tuple("roll", "shift", shift)
    if axis is None:
        if len(shifts) != 1:
            raise ArrayshimValueError(
                message("roll", "shift", "an int when axis is None", repr(shift))
            )
        if a.ndim != 1:
            return reshape(roll(reshape(a, (-1,)), shifts[0], axis=0), a.shape)
        axis = 0  # already flat: no reshapes (two eager ops on TensorFlow), a remembered plan
    axes = tuple(one_axis(i, a.ndim, "roll") for i in _int_tuple("roll", "axis", axis))
    if len(shifts) == 1:
        shifts = shifts * len(axes)
    if len(shifts) != len(axes):
        raise ArrayshimValueError(
            message("roll", "shift", f"one shift per axis ({len(axes)})", repr(shift))
        )
    total: dict[int, int] = {}
    for s, ax in zip(shifts, axes, strict=True):
        total[ax] = total.get(ax, 0) + s
    moves = {}
    for ax, s in total.items():
        n = known_dim(a.shape[ax], "roll")
        k = s % n if n else 0
        if k:
            moves[ax] = k
    if not moves:
        return a
    b = a._backend
    plan = (tuple(moves.values()), tuple(moves))
    native = call("roll", b, a._device, b.roll, a._native, *plan)
    if native is not None:  # the framework's own roll
        if a is x:
            _ROLL.put(key, plan)
        return _new(native, b, a._dtype, a._device)
    for ax, k in moves.items():
        cut = known_dim(a.shape[ax], "roll") - k
        head = (slice(None),) * ax
        a = concat([a[head + (slice(cut, None),)], a[head + (slice(None, cut),)]], axis=ax)
    return a


def repeat(x: Any, repeats: Any, /, *, axis: int | None = None) -> Array:
    """Each element repeated ``repeats`` times (an int, or an integer array with one count per
    element along ``axis``, or one for all); the flattened array when ``axis`` is None."""

    a = as_array(x, "repeat", "x")
    if axis is None:
        a, ax = reshape(a, (-1,)), 0
    else:
        ax = one_axis(axis, a.ndim, "repeat")
    shape = a.shape
    n = shape[ax]
    if type(repeats) is not Array and _registry_type(repeats) is None:
        try:
            count = operator.index(repeats)
        except TypeError:
            raise ArrayshimTypeError(
                message("repeat", "repeats", "an int or a 1-D integer array", describe(repeats))
            ) from None
        if count < 0:
            raise ArrayshimValueError(
                message("repeat", "repeats", "a non-negative count", repr(repeats))
            )
        b = a._backend
        native = call("repeat", b, a._device, b.repeat, b.native_of(a), count, ax)
        return _new(native, b, a._dtype, a._device)
    r = as_array(repeats, "repeat", "repeats")
    if r.ndim == 0:  # a 0-d count (a NumPy integer, say) applies to every element
        r = reshape(r, (1,))
    r = joined(r, a._backend, a._device)
    a = joined(a, r._backend, r._device)  # NumPy data joins the other backend, either side
    if r._backend is not a._backend:
        raise ArrayshimTypeError(
            message(
                "repeat",
                "repeats",
                f"an array of backend {a._backend.name}",
                f"one of backend {r._backend.name}",
            )
        )
    if r._dtype.kind not in "iu" or r.ndim != 1 or r.shape[0] not in (1, n):
        raise ArrayshimValueError(
            message("repeat", "repeats", f"a 1-D integer array of size 1 or {n}", describe(r))
        )
    b, dev = a._backend, a._device
    if r.shape[0] != n:
        r = broadcast_to(r, (known_dim(n, "repeat"),))
    counts = cast(r, d.int64)
    if (
        n
        and not b.is_traced(counts)
        and int(b.to_numpy(b.reduce("min", counts, None, False, d.int64))) < 0
    ):
        raise ArrayshimValueError(
            message("repeat", "repeats", "non-negative counts", "a negative count")
        )

    return _new(call("repeat", b, dev, b.repeat, b.native_of(a), counts, ax), b, a._dtype, dev)


def _registry_type(value: Any) -> Any:

    return for_type(type(value))


def tile(x: Any, repetitions: Any, /) -> Array:
    """``x`` repeated ``repetitions[i]`` times along each axis (NumPy's ``tile``: the shorter
    of ``x.shape`` and ``repetitions`` is padded with leading ones)."""
    a = as_array(x, "tile", "x")
    reps = _int_tuple("tile", "repetitions", repetitions)
    if any(r < 0 for r in reps):
        raise ArrayshimValueError(
            message("tile", "repetitions", "non-negative counts", repr(repetitions))
        )
    nd = max(a.ndim, len(reps))
    shape = (1,) * (nd - a.ndim) + known_shape(a.shape, "tile")
    reps = (1,) * (nd - len(reps)) + reps
    b = a._backend
    native = call("tile", b, a._device, b.tile, a._native, reps)
    if native is not None:
        return _new(native, b, a._dtype, a._device)
    pairs = reshape(a, tuple(v for s in shape for v in (1, s)))
    spread = broadcast_to(pairs, tuple(v for r, s in zip(reps, shape, strict=True) for v in (r, s)))
    return reshape(spread, tuple(r * s for r, s in zip(reps, shape, strict=True)))


def unstack(x: Any, /, *, axis: int = 0) -> tuple[Array, ...]:
    """The slices of ``x`` along ``axis``, as a tuple of arrays."""
    a = as_array(x, "unstack", "x")
    ax = one_axis(axis, a.ndim, "unstack")
    b = a._backend
    n = known_dim(a.shape[ax], "unstack")
    parts = call("unstack", b, a._device, b.unstack, a._native, ax)
    if parts is not None:
        return tuple(_new(p, b, a._dtype, a._device) for p in parts)
    head = (slice(None),) * ax
    return tuple(a[head + (i,)] for i in range(n))


def broadcast_shapes(*shapes: Any) -> tuple[int, ...]:
    """The shape that arrays of ``shapes`` broadcast to (``ValueError`` if they do not)."""
    norm = [_int_tuple("broadcast_shapes", f"shapes[{i}]", s) for i, s in enumerate(shapes)]
    return _broadcast_shapes("broadcast_shapes", *norm)


def broadcast_arrays(*arrays: Any) -> tuple[Array, ...]:
    """Every array broadcast to their common shape."""
    if not arrays:
        return ()
    _, _, items = resolve(
        "broadcast_arrays", arrays, tuple(f"arrays[{i}]" for i in range(len(arrays)))
    )
    if any(type(a) is not Array for a in items):
        raise ArrayshimTypeError(
            message("broadcast_arrays", "arrays", "arrays only", "a Python scalar among them")
        )
    shape = _broadcast_shapes("broadcast_arrays", *(a.shape for a in items))
    return tuple(broadcast_to(a, shape) for a in items)
