"""``@xp.agnostic``: write a library function once against arrayshim; callers pass their own
arrays and get their own kind back."""

from __future__ import annotations

import functools
from collections.abc import Callable

from . import _context, _registry
from ._array import Array
from ._dispatch import wrap

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_PLAIN = (bool, int, float, complex, str, bytes, type(None))


class _Seen:
    __slots__ = ("array", "native")

    def __init__(self) -> None:
        self.array: Array | None = None  # the first array met, for its backend and device
        self.native = False  # whether any argument came as a framework array


def _wrap_tree(obj: Any, seen: _Seen) -> Any:
    tp = type(obj)
    if tp is Array:
        if seen.array is None:  # not `or`: that would call Array.__bool__
            seen.array = obj
        return obj
    if tp in _PLAIN:
        return obj
    if tp is tuple or tp is list:
        return tp(_wrap_tree(item, seen) for item in obj)
    if tp is dict:
        return {k: _wrap_tree(v, seen) for k, v in obj.items()}
    b = _registry.for_type(tp)
    if b is None:
        return obj
    a = wrap(obj, b)
    if seen.array is None:
        seen.array = a
    seen.native = True
    return a


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
        kwargs = _wrap_tree(kwargs, seen)
        if seen.array is None:
            return fn(*args, **kwargs)
        with _context._Use(_context._backend_var, seen.array._backend), _context._Use(_context._device_var, seen.array._device):
            result = fn(*args, **kwargs)
        return unwrap_tree(result) if seen.native else result

    return wrapper
