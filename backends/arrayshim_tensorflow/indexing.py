"""The TensorFlow adapter's indexing: NumPy's basic and advanced indexing, and assignment to an
indexed immutable tensor, with strided slices, gathers and scatters."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
import tensorflow as tf
from tensorflow.python.ops import gen_array_ops, gen_math_ops

from arrayshim.backend_api import (
    ArrayshimIndexError,
    message,
)

from .constants import _ints, _reshape


# -- indexing --------------------------------------------------------------------------------
class _Group:
    """One advanced index of a key: the ``span`` dimensions of the sliced tensor starting at
    ``start``, and the flat int64 position it selects within them."""

    __slots__ = ("start", "span", "index")

    def __init__(self, start: int, span: int, index: tf.Tensor) -> None:
        self.start, self.span, self.index = start, span, index


def _shape(t: tf.Tensor) -> list[Any]:
    """The shape of ``t`` as a list of ints, with scalar tensors for dimensions unknown while
    tracing."""
    static = t.shape.as_list()
    if None not in static:
        return static
    dynamic = tf.shape(t, out_type=tf.int64)
    return [dynamic[i] if n is None else n for i, n in enumerate(static)]


def _prod(sizes: Sequence[Any]) -> Any:
    return functools.reduce(lambda a, b: a * b, sizes, 1)


def _is_full(item: Any) -> bool:
    return (
        type(item) is slice and item.start is None and item.stop is None and item.step in (None, 1)
    )


def _expand(x: tf.Tensor, key: tuple) -> list[Any]:
    """``key`` with its ellipsis (or the missing trailing axes) replaced by full slices."""
    consumed = sum(
        0
        if k is None or k is Ellipsis
        else (k.shape.rank if isinstance(k, tf.Tensor) and k.dtype == tf.bool else 1)
        for k in key
    )
    fill = [slice(None)] * (x.shape.rank - consumed)
    items = list(key)
    at = next((i for i, k in enumerate(items) if k is Ellipsis), None)  # `in` would compare tensors
    if at is None:
        items.extend(fill)
    else:
        items[at : at + 1] = fill
    return items


def _strided_slice_args(
    items: Sequence[Any],
) -> tuple[tuple[tf.Tensor, tf.Tensor, tf.Tensor], dict[str, int]]:
    """``strided_slice`` arguments for basic indices: ints shrink their axis, None adds one."""
    begin, end, strides = [], [], []
    masks = {"begin_mask": 0, "end_mask": 0, "new_axis_mask": 0, "shrink_axis_mask": 0}
    for i, k in enumerate(items):
        bit = 1 << i
        if k is None:
            masks["new_axis_mask"] |= bit
            begin.append(0)
            end.append(0)
            strides.append(1)
        elif type(k) is slice:
            if k.start is None:
                masks["begin_mask"] |= bit
            if k.stop is None:
                masks["end_mask"] |= bit
            begin.append(k.start or 0)
            end.append(k.stop or 0)
            strides.append(1 if k.step is None else k.step)
        else:
            masks["shrink_axis_mask"] |= bit
            begin.append(k)
            end.append(k + 1)
            strides.append(1)
    dtype = tf.int32 if all(-(2**31) <= v < 2**31 for v in begin + end + strides) else tf.int64
    return (_ints(begin, dtype), _ints(end, dtype), _ints(strides, dtype)), masks


def _sliced_shape(x: tf.Tensor, items: Sequence[Any]) -> list[int] | None:
    """The shape basic indices ``items`` select from ``x``; None if a sliced size is unknown."""
    shape = x.shape.as_list()
    out: list[int] = []
    dim = 0
    for k in items:
        if k is None:
            out.append(1)
            continue
        n = shape[dim]
        dim += 1
        if type(k) is slice:
            if n is None:
                return None
            out.append(len(range(*k.indices(n))))
    return out


def _static_broadcast(func: str, shapes: list[tuple]) -> None:
    """Raise NumPy's IndexError when index arrays do not broadcast together."""
    try:
        np.broadcast_shapes(*(tuple(1 if n is None else n for n in s) for s in shapes))
    except ValueError:
        raise ArrayshimIndexError(
            message(
                func,
                "key",
                "index arrays whose shapes broadcast together",
                " and ".join(str(s) for s in shapes),
            )
        ) from None


class _AdvancedKey:
    """A key with integer or boolean arrays, split NumPy's way into basic indices (applied
    first with ``strided_slice``, advanced axes kept whole) and advanced index groups.

    Integers count as advanced indices here, as in NumPy. A boolean array of rank k is one
    group spanning k axes, indexed by the flat positions of its true elements.
    """

    def __init__(self, x: tf.Tensor, items: list[Any], func: str) -> None:
        basic: list[Any] = []
        pending: list[tuple[int, int, Any]] = []
        for k in items:
            if isinstance(k, tf.Tensor) and k.dtype == tf.bool:
                pending.append((len(basic), k.shape.rank, k))
                basic.extend([slice(None)] * k.shape.rank)
            elif isinstance(k, tf.Tensor) or type(k) is int:
                pending.append((len(basic), 1, k))
                basic.append(slice(None))
            else:
                basic.append(k)
        self.basic = basic
        self.trivial = all(_is_full(k) for k in basic)
        y = x if self.trivial else self.slice(x)
        shape = _shape(y)
        groups, index_shapes = [], []
        for start, span, k in pending:
            if isinstance(k, tf.Tensor) and k.dtype == tf.bool:
                index = _reshape(tf.where(_reshape(k, [-1])), [-1])
            else:
                n = shape[start]  # indices were checked to lie in [-n, n)
                if type(k) is int:
                    index = (
                        tf.constant(k % n, tf.int64)
                        if type(n) is int
                        else gen_math_ops.floor_mod(tf.constant(k, tf.int64), n)
                    )
                else:
                    index = k if k.dtype == tf.int64 else gen_math_ops.cast(k, tf.int64)
                    if not k.dtype.is_unsigned:
                        index = gen_math_ops.floor_mod(index, n)
            groups.append(_Group(start, span, index))
            index_shapes.append(tuple(index.shape.as_list()))
        _static_broadcast(func, index_shapes)
        self.y, self.shape, self.groups = y, shape, groups
        self.contiguous = all(a.start + a.span == b.start for a, b in itertools.pairwise(groups))

    def slice(self, x: tf.Tensor) -> tf.Tensor:
        (begin, end, strides), masks = _strided_slice_args(self.basic)
        return gen_array_ops.strided_slice(x, begin, end, strides, **masks)

    def flat_index(self) -> tf.Tensor:
        """The position in the merged advanced axes (row-major), broadcast over all groups."""
        flat = self.groups[0].index
        for g in self.groups[1:]:
            flat = gen_math_ops.add_v2(
                gen_math_ops.mul(flat, _prod(self.shape[g.start : g.start + g.span])), g.index
            )
        return flat

    def advanced_first(self) -> tuple[tf.Tensor, list[int]]:
        """The sliced tensor with the advanced axes moved to the front, and the permutation."""
        axes = [a for g in self.groups for a in range(g.start, g.start + g.span)]
        perm = axes + [a for a in range(len(self.shape)) if a not in axes]
        y = self.y if perm == sorted(perm) else gen_array_ops.transpose(self.y, _ints(perm))
        return y, perm


def _fit(value: tf.Tensor, shape: list[Any]) -> tf.Tensor:
    """``value`` broadcast to ``shape``; like NumPy, extra leading axes of size 1 are dropped."""
    extra = value.shape.rank - len(shape)
    if extra > 0 and all(n == 1 for n in value.shape.as_list()[:extra]):
        value = _reshape(value, _shape(value)[extra:])
    if all(type(n) is int for n in shape):
        return gen_array_ops.broadcast_to(value, _ints(shape))
    return tf.broadcast_to(value, shape)
