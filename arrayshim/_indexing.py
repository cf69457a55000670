"""``__getitem__`` / ``__setitem__``: NumPy indexing on every backend.

The frontend validates the key against the array's shape (so an out-of-range index is an
``IndexError`` everywhere, also where a GPU kernel would not check) and hands the adapter a
tuple of ints, slices, ``None`` and native integer/boolean arrays with the ellipsis expanded.
"""

from __future__ import annotations

import operator

from . import _context, _promotion, _registry
from ._array import Array, _new, describe, known_shape
from ._creation import asarray
from ._dispatch import Plans, as_array, cast, failure, from_host, joined, joins, run
from ._errors import ArrayshimIndexError, ArrayshimTypeError, ArrayshimValueError, message
from ._manipulation import broadcast_to

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_INDEX_TEXT = "ints, slices, None, ..., and integer or boolean arrays"


def _as_int(v: Any, func: str) -> int:
    try:
        return operator.index(v)
    except TypeError:
        raise ArrayshimIndexError(message(func, "key", _INDEX_TEXT, describe(v))) from None


def normalize_key(a: Array, key: Any, func: str) -> tuple:
    shape = a.shape
    ndim = len(shape)
    b = a._backend
    items: list[Any] = []
    consumed = 0
    ellipses = 0
    for k in key if type(key) is tuple else (key,):
        if k is None:
            items.append(None)
        elif k is Ellipsis:
            ellipses += 1
            items.append(Ellipsis)
        elif type(k) is slice:
            parts = [None if p is None else _as_int(p, func) for p in (k.start, k.stop, k.step)]
            if parts[2] == 0:
                raise ArrayshimValueError(
                    message(func, "key", "a slice with a non-zero step", repr(k))
                )
            items.append(slice(*parts))
            consumed += 1
        elif type(k) is int:
            items.append(k)
            consumed += 1
        elif type(k) is bool:
            raise _BoolKey  # NumPy's scalar boolean index: _bool_key, off the hot path
        else:
            if isinstance(k, list):
                with _context.use_backend(b.name):
                    k = asarray(k, device=a._device)
            elif type(k) is not Array and hasattr(k, "__index__") and not hasattr(k, "shape"):
                items.append(_as_int(k, func))
                consumed += 1
                continue
            if type(k) is not Array and _registry.for_type(type(k)) is None:
                raise ArrayshimIndexError(message(func, "key", _INDEX_TEXT, describe(k)))
            idx = as_array(k, func, "key")
            idx = joined(idx, b, a._device)  # a NumPy index array joins a's backend
            if idx._backend is not b:
                raise ArrayshimTypeError(
                    message(
                        func,
                        "key",
                        f"an index array of backend {b.name}",
                        f"one of backend {idx._backend.name}",
                    )
                )
            if idx._device is not a._device:
                raise ArrayshimIndexError(
                    message(func, "key", f"an index array on {a._device}", f"one on {idx._device}")
                )
            kind = idx._dtype.kind
            if kind == "b":
                items.append(idx)
                consumed += idx.ndim
            elif kind in "iu":
                items.append(idx)
                consumed += 1
            else:
                raise ArrayshimIndexError(
                    message(func, "key", _INDEX_TEXT, f"an array of dtype {idx._dtype.name}")
                )
    if ellipses > 1:
        raise ArrayshimIndexError(message(func, "key", "at most one ellipsis (...)", repr(key)))
    if consumed > ndim:
        raise ArrayshimIndexError(
            message(
                func,
                "key",
                f"at most {ndim} indices for an array of shape {shape}",
                f"{consumed} indices: {key!r}",
            )
        )
    # expand the ellipsis (or append one at the end) into full slices
    fill = [slice(None)] * (ndim - consumed)
    if ellipses:
        i = next(
            j for j, k in enumerate(items) if k is Ellipsis
        )  # not .index(): Arrays compare elementwise
        items[i : i + 1] = fill
    else:
        items.extend(fill)
    # check every index against its dimension
    out: list[Any] = []
    dim = 0
    for k in items:
        if k is None:
            out.append(None)
            continue
        if type(k) is int:
            n = shape[dim]
            if n is not None and not -n <= k < n:
                raise ArrayshimIndexError(
                    message(
                        func, "key", f"an index in [{-n}, {n}) for axis {dim} of size {n}", repr(k)
                    )
                )
            out.append(k)
            dim += 1
        elif type(k) is slice:
            out.append(k)
            dim += 1
        elif k._dtype.kind == "b":
            kshape = k.shape
            if tuple(shape[dim : dim + len(kshape)]) != tuple(kshape):
                raise ArrayshimIndexError(
                    message(
                        func,
                        "key",
                        f"a boolean index of shape {tuple(shape[dim : dim + len(kshape)])} (axes "
                        f"{dim}..)",
                        f"one of shape {kshape}",
                    )
                )
            out.append(k._native)
            dim += len(kshape)
        else:
            n = shape[dim]
            if (
                n is not None
                and k.size
                and not b.checks_index_bounds
                and not b.is_traced(k._native)
                and not b.is_traced(a._native)
            ):
                lo = int(b.to_numpy(b.reduce("min", k._native, None, False, k._dtype)))
                hi = int(b.to_numpy(b.reduce("max", k._native, None, False, k._dtype)))
                if lo < -n or hi >= n:
                    bad = lo if lo < -n else hi
                    raise ArrayshimIndexError(
                        message(
                            func,
                            "key",
                            f"indices in [{-n}, {n}) for axis {dim} of size {n}",
                            f"an index array containing {bad}",
                        )
                    )
            out.append(k._native)
            dim += 1
    return tuple(out)


def _joining_key(a: Array, key: Any) -> Array:
    """NumPy-backed ``a``, converted to the backend and device of the first index array of
    another backend in ``key`` (NumPy data joins it, as everywhere); else ``a`` itself."""
    for k in key if type(key) is tuple else (key,):
        if type(k) is Array:
            if k._backend is a._backend:
                continue
            idx = k
        elif type(k) in _PLAIN_KEYS:
            continue
        elif _registry.for_type(type(k)) is not None:
            idx = as_array(k, "Array.__getitem__", "key")
        else:
            continue
        if joins(a._backend, idx._backend):
            return from_host(a, idx._backend, idx._device)
    return a


_PLAIN_KEYS = (int, slice, type(None), type(Ellipsis), bool, list)


class _BoolKey(Exception):
    """A Python bool in a key (raised by normalize_key, handled by getitem/setitem)."""


def _bool_key(a: Array, key: Any, func: str) -> tuple[tuple, int, bool]:
    """A key with Python bools, as NumPy reads it: each bool is a 0-d boolean index, an
    advanced index (and so are the ints beside it) adding one axis of size 1 (all True) or 0.
    Returns the key without its bools, where the new axis goes (where the first advanced
    index stands if the advanced indices are adjacent, else first, NumPy's rule), and whether
    every bool was True. Bools together with index arrays are refused."""
    keys = key if type(key) is tuple else (key,)
    advanced = []
    for i, k in enumerate(keys):
        if type(k) is bool or type(k) is int:
            advanced.append(i)
        elif k is not None and k is not Ellipsis and type(k) is not slice:
            if hasattr(k, "__index__") and not hasattr(k, "shape"):
                advanced.append(i)
            else:
                raise ArrayshimIndexError(
                    message(
                        func,
                        "key",
                        "Python bools only with ints, slices, None and ... (not index arrays)",
                        repr(key),
                    )
                )
    basic = tuple([k for k in keys if type(k) is not bool])
    normalize_key(a, basic, func)  # the same checks, and errors, as without the bools
    at = 0
    if advanced == list(range(advanced[0], advanced[-1] + 1)):
        consumed = sum(k is not None and k is not Ellipsis and type(k) is not bool for k in keys)
        for k in keys[: advanced[0]]:
            at += a.ndim - consumed if k is Ellipsis else 1
    return basic, at, all(k for k in keys if type(k) is bool)


def _getitem_bools(a: Array, key: Any) -> Array:
    basic, at, true = _bool_key(a, key, "Array.__getitem__")
    r = getitem(getitem(a, basic), (slice(None),) * at + (None,))
    return r if true else getitem(r, (slice(None),) * at + (slice(0, 0),))


#: normalized keys of ``x[i]`` and ``x[start:stop:step]`` (ints and None only), by backend
#: and shape: the loop over a key's items and its checks run once per (shape, key)
_BASIC = Plans()


def _basic_key(a: Array, key: Any) -> tuple:
    """A :class:`Plans` key for an int or a slice of ints and None; else none."""
    tk = type(key)
    if tk is int:
        parts: tuple = (key,)
    elif tk is slice:
        parts = (key.start, key.stop, key.step)
        for p in parts:
            if type(p) is not int and p is not None:
                return ()
        parts = (*parts, slice)  # x[1:] is not x[1]
    else:
        return ()
    b = a._backend
    if b.is_compiling():  # no lookup while dynamo traces (see Plans)
        return ()
    return (b, b.shape_of(a._native), *parts)


def _whole_mask(a: Array, key: Any) -> tuple | None:
    """``(mask,)``, the normalized key, for ``x[mask]`` with a bool Array of ``x``'s backend,
    device and (known, non-empty) shape; else None."""
    if type(key) is not Array or key._dtype.kind != "b":
        return None
    b = a._backend
    if key._backend is not b or key._device is not a._device:
        return None
    shape = b.shape_of(a._native)
    if not shape or b.shape_of(key._native) != shape or None in shape:
        return None  # (a 0-d NumPy result may be a NumPy scalar: the checked way)
    return (key._native,)


def getitem(a: Array, key: Any) -> Array:
    pk = _basic_key(a, key)
    nkey = _BASIC.get(pk) if pk else _whole_mask(a, key)
    if nkey is not None:  # a key checked before for this shape, or a mask of x's shape
        b = a._backend
        try:
            r = run(b, a._device, b.getitem, a._native, nkey)
        except Exception as exc:
            raise b.translate_error("Array.__getitem__", exc) from exc
        return _new(r, b, a._dtype, a._device)
    try:
        nkey = normalize_key(a, key, "Array.__getitem__")
    except _BoolKey:
        return _getitem_bools(a, key)
    except ArrayshimTypeError:  # off the hot path: a NumPy array indexed by another backend's
        moved = _joining_key(a, key)  # `a` itself unless it is NumPy data that joins the key's
        if moved is a:
            raise
        a = moved
        nkey = normalize_key(a, key, "Array.__getitem__")
    _BASIC.put(pk, nkey)
    b = a._backend
    try:
        r = run(b, a._device, b.getitem, b.native_of(a), nkey)
    except Exception as exc:
        raise b.translate_error("Array.__getitem__", exc) from exc
    return _new(r, b, a._dtype, a._device)


def setitem(a: Array, key: Any, value: Any) -> None:
    func = "Array.__setitem__"
    b = a._backend
    try:
        nkey = normalize_key(a, key, func)
    except _BoolKey:
        basic, at, true = _bool_key(a, key, func)
        target = _getitem_bools(a, key)  # the value must broadcast to what a[key] selects
        if _promotion.scalar_kind(value) is None:
            with _context.use_backend(b.name), _context.use_device(a._device):
                value = broadcast_to(asarray(value), known_shape(target.shape, func))
        if not true:  # selects nothing: the value is only checked (into the empty selection)
            setitem(target, Ellipsis, value)
        elif _promotion.scalar_kind(value) is None:
            setitem(a, basic, getitem(value, (slice(None),) * at + (0,)))
        else:
            setitem(a, basic, value)
        return
    policy = _context.current_policy()
    kind = _promotion.scalar_kind(value)
    if kind is not None:
        got = _promotion.weak_dtype(a._dtype, kind, policy, func, "value", value)
        if got is not a._dtype:
            raise ArrayshimTypeError(
                message(
                    func,
                    "value",
                    f"a value that fits dtype {a._dtype.name} without changing it",
                    f"{value!r}, which would need {got.name} (cast explicitly)",
                )
            )
        native_value = b.asarray(value, a._dtype, a._device, None)
    else:
        v = as_array(value, func, "value")
        v = joined(v, b, a._device)  # a NumPy value joins a's backend
        if v._backend is not b:
            raise ArrayshimTypeError(
                message(
                    func,
                    "value",
                    f"an array of backend {b.name}",
                    f"one of backend {v._backend.name}",
                )
            )
        if v._device is not a._device:
            raise ArrayshimValueError(
                message(func, "value", f"an array on {a._device}", f"one on {v._device}")
            )
        promoted = policy.promote(a._dtype, v._dtype)
        if promoted is not a._dtype:
            raise ArrayshimTypeError(
                message(
                    func,
                    "value",
                    f"an array whose dtype promotes into {a._dtype.name}",
                    f"dtype {v._dtype.name} (cast explicitly with astype)",
                )
            )
        native_value = cast(v, a._dtype)
    try:
        a._native = run(b, a._device, b.setitem, b.native_of(a), nkey, native_value)
    except Exception as exc:
        raise failure(func, exc, b) from exc
