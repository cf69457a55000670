"""Shape manipulation. Shapes are checked here, so a bad shape is the same ``ValueError`` on
every backend."""

from __future__ import annotations

import math
import operator

from ._array import Array, _new
from ._axes import one_axis
from ._dispatch import as_array, broadcast_shapes, cast, resolve, run
from ._errors import ArrayshimTypeError, ArrayshimValueError, describe, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def reshape(x: Any, /, shape: Any, *, copy: bool | None = None) -> Array:
    a = as_array(x, "reshape", "x")
    if isinstance(shape, int):
        shape = (shape,)
    try:
        new = tuple(operator.index(n) for n in shape)
    except TypeError:
        raise ArrayshimTypeError(message("reshape", "shape", "a tuple of ints", describe(shape))) from None
    size = a.size
    unknown = [i for i, n in enumerate(new) if n == -1]
    if len(unknown) > 1 or any(n < -1 for n in new):
        raise ArrayshimValueError(message("reshape", "shape", "non-negative sizes with at most one -1", repr(shape)))
    known = math.prod(n for n in new if n != -1)
    if unknown:
        if known == 0 or size % known:
            raise ArrayshimValueError(message("reshape", "shape", f"a shape with {size} elements", f"{shape}, which cannot hold them"))
        new = tuple(size // known if n == -1 else n for n in new)
    elif known != size:
        raise ArrayshimValueError(message("reshape", "shape", f"a shape with {size} elements (the size of an array of shape {a.shape})", f"{shape}, with {known}"))
    b = a._backend
    return _new(run(b, a._device, b.reshape, a._native, new, copy), b, a._dtype, a._device)


def permute_dims(x: Any, /, axes: tuple[int, ...]) -> Array:
    a = as_array(x, "permute_dims", "x")
    ndim = a.ndim
    norm = tuple(one_axis(ax, ndim, "permute_dims", "axes") for ax in axes)
    if sorted(norm) != list(range(ndim)):
        raise ArrayshimValueError(message("permute_dims", "axes", f"a permutation of range({ndim})", repr(axes)))
    b = a._backend
    return _new(run(b, a._device, b.permute_dims, a._native, norm), b, a._dtype, a._device)


def expand_dims(x: Any, /, *, axis: int = 0) -> Array:
    a = as_array(x, "expand_dims", "x")
    shape = list(a.shape)
    ax = one_axis(axis, len(shape) + 1, "expand_dims")
    shape.insert(ax, 1)
    return reshape(a, tuple(shape))


def squeeze(x: Any, /, axis: Any) -> Array:
    a = as_array(x, "squeeze", "x")
    shape = a.shape
    items = axis if isinstance(axis, tuple) else (axis,)
    ax = {one_axis(i, len(shape), "squeeze") for i in items}
    if len(ax) != len(items):
        raise ArrayshimValueError(message("squeeze", "axis", "distinct axes", repr(axis)))
    bad = [i for i in ax if shape[i] != 1]
    if bad:
        raise ArrayshimValueError(message("squeeze", "axis", "axes of size 1", f"axis {bad[0]} of size {shape[bad[0]]} (shape {shape})"))
    return reshape(a, tuple(n for i, n in enumerate(shape) if i not in ax))


def broadcast_to(x: Any, /, shape: tuple[int, ...]) -> Array:
    a = as_array(x, "broadcast_to", "x")
    target = tuple(operator.index(n) for n in shape)
    if broadcast_shapes("broadcast_to", a.shape, target) != target:
        raise ArrayshimValueError(message("broadcast_to", "shape", f"a shape that {a.shape} broadcasts to", repr(shape)))
    b = a._backend
    return _new(run(b, a._device, b.broadcast_to, a._native, target), b, a._dtype, a._device)


def _joined(func: str, arrays: Any) -> tuple[Any, Any, list[Array], Any]:
    if not isinstance(arrays, (list, tuple)) or not arrays:
        raise ArrayshimTypeError(message(func, "arrays", "a non-empty list or tuple of arrays", describe(arrays)))
    b, dev, items = resolve(func, tuple(arrays), tuple(f"arrays[{i}]" for i in range(len(arrays))))
    if any(type(a) is not Array for a in items):
        raise ArrayshimTypeError(message(func, "arrays", "arrays only", "a Python scalar among them"))
    from ._data_types import result_type

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
        if len(s) != ndim or any(n != m for j, (n, m) in enumerate(zip(s, shape0, strict=False)) if j != ax):
            raise ArrayshimValueError(message("concat", f"arrays[{i}]", f"shape matching {shape0} except on axis {ax}", repr(s)))
    return _new(run(b, dev, b.concat, [cast(a, dt) for a in items], ax), b, dt, dev)


def stack(arrays: Any, /, *, axis: int = 0) -> Array:
    b, dev, items, dt = _joined("stack", arrays)
    shape0 = items[0].shape
    for i, a in enumerate(items):
        if a.shape != shape0:
            raise ArrayshimValueError(message("stack", f"arrays[{i}]", f"the shape of arrays[0], {shape0}", repr(a.shape)))
    ax = one_axis(axis, len(shape0) + 1, "stack")
    return _new(run(b, dev, b.stack, [cast(a, dt) for a in items], ax), b, dt, dev)



