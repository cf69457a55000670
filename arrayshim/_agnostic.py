"""``@xp.agnostic``: write a library function once against arrayshim; callers pass their own
arrays and get their own kind back."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable

from . import _context, _registry
from ._array import Array
from ._dispatch import joined, joins, mixed_backends, wrap

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_PLAIN = (bool, int, float, complex, str, bytes, type(None))


class _Seen:
    __slots__ = ("array", "native", "mixed", "joined")

    def __init__(self) -> None:
        # the first array met (the first non-NumPy one, if any), for its backend and device
        self.array: Array | None = None
        self.native = False  # whether any argument came as a framework array
        self.mixed = False  # whether arrays of two non-NumPy backends came
        self.joined = False  # whether NumPy arrays came with another backend's


def _wrap_tree(obj: Any, seen: _Seen) -> Any:
    tp = type(obj)
    if tp is Array:
        a = obj
    elif tp in _PLAIN:
        return obj
    elif tp is tuple or tp is list:
        return tp([_wrap_tree(item, seen) for item in obj])
    elif tp is dict:
        return {k: _wrap_tree(v, seen) for k, v in obj.items()}
    else:
        b = _registry.for_type(tp)
        if b is None:
            return obj
        a = wrap(obj, b)
        seen.native = True
    first = seen.array
    if first is None:  # not `seen.array or a`: that would call Array.__bool__
        seen.array = a
    elif a._backend is not first._backend:
        if joins(first._backend, a._backend):  # NumPy arrays join another backend's
            seen.array = a
            seen.joined = True
        elif joins(a._backend, first._backend):
            seen.joined = True
        else:
            seen.mixed = True
    return a


def _join_tree(obj: Any, b: Any, dev: Any) -> Any:
    """NumPy Arrays in a tuple/list/dict tree converted to backend ``b`` on ``dev``."""
    tp = type(obj)
    if tp is Array:
        return joined(obj, b, dev)
    if tp is tuple or tp is list:
        return tp(_join_tree(item, b, dev) for item in obj)
    if tp is dict:
        return {k: _join_tree(v, b, dev) for k, v in obj.items()}
    return obj


def _arrays_with_paths(obj: Any, path: str) -> Any:
    """(path, backend name) of every array in a tree, in the order _wrap_tree meets them."""
    tp = type(obj)
    if tp is Array:
        yield path, obj._backend.name
    elif tp is tuple or tp is list:
        for i, item in enumerate(obj):
            yield from _arrays_with_paths(item, f"{path}[{i}]")
    elif tp is dict:
        for k, v in obj.items():
            yield from _arrays_with_paths(v, f"{path}[{k!r}]")


def _mixed_error(fn: Callable, args: tuple, kwargs: dict) -> Exception:
    """The error ``resolve`` raises for arrays of two backends in one call (xp.add(torch, tf)),
    naming the arguments by the function's parameter names where it has them."""
    names = [f"args[{i}]" for i in range(len(args))]
    try:
        params = list(inspect.signature(fn).parameters.values())
        for i, p in enumerate(params[: len(args)]):
            if p.kind is p.VAR_POSITIONAL:
                break
            names[i] = p.name
    except (TypeError, ValueError):  # no signature (a builtin): positions it is
        pass
    found = [x for i, arg in enumerate(args) for x in _arrays_with_paths(arg, names[i])]
    found += [x for k, v in kwargs.items() for x in _arrays_with_paths(v, k)]
    found = [x for x in found if x[1] != "numpy"]  # NumPy's arrays join: two others mixed
    (first, b), other = found[0], next(x for x in found if x[1] != found[0][1])
    return mixed_backends(
        f"agnostic({getattr(fn, '__qualname__', fn)})", other[0], first, b, other[1]
    )


def unwrap_tree(obj: Any) -> Any:
    """Arrays in a tuple/list/dict tree replaced by their native arrays (no copies)."""
    tp = type(obj)
    if tp is Array:
        return obj._backend.native_of(obj)
    if tp is tuple or tp is list:
        return tp(unwrap_tree(item) for item in obj)
    if tp is dict:
        return {k: unwrap_tree(v) for k, v in obj.items()}
    return obj


def agnostic(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a function written with ``arrayshim`` so that it takes and returns the caller's
    own arrays (``np.ndarray``, ``torch.Tensor``, ``tf.Tensor``, also inside tuples, lists and
    dicts), without copies. Inside, calls run on the caller's backend and device.

    >>> import numpy as np, arrayshim as xp
    >>> @xp.agnostic
    ... def softmax(x):
    ...     e = xp.exp(x - xp.max(x, axis=-1, keepdims=True))
    ...     return e / xp.sum(e, axis=-1, keepdims=True)
    >>> type(softmax(np.array([1.0, 2.0])))
    <class 'numpy.ndarray'>
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        seen = _Seen()
        args = _wrap_tree(args, seen)
        if kwargs:
            kwargs = _wrap_tree(kwargs, seen)
        a = seen.array
        if a is None:
            return fn(*args, **kwargs)
        if seen.mixed:
            raise _mixed_error(fn, args, kwargs)
        if seen.joined:  # NumPy arrays join the other backend's, on its device, up front
            args = _join_tree(args, a._backend, a._device)
            kwargs = _join_tree(kwargs, a._backend, a._device)
        state = _context._push(a._backend, a._device)  # not a ContextVar under torch.compile
        try:
            result = fn(*args, **kwargs)
        finally:
            _context._pop(state)
        return unwrap_tree(result) if seen.native else result

    return wrapper
