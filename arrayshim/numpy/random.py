"""``arrayshim.numpy.random``: NumPy's legacy ``numpy.random`` functions (``seed``, ``rand``,
``randn``, ``normal``, ``uniform``, ``randint``, ``choice``, ``random``, ``shuffle``,
``permutation``, ...) on one module-level ``arrayshim.random.Generator``: Philox4x32-10, so
``seed(s)`` then the same calls give the same numbers on every backend and device. The numbers
are not NumPy's (its legacy functions use MT19937); ``size=None`` gives a 0-d array rather than
a Python scalar, so that it stays on the backend and device."""

from __future__ import annotations

import arrayshim as _xp
from arrayshim import Array

from ._common import arr, dt

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "Generator",
    "choice",
    "default_rng",
    "get_state",
    "normal",
    "permutation",
    "rand",
    "randint",
    "randn",
    "random",
    "random_sample",
    "ranf",
    "sample",
    "seed",
    "shuffle",
    "standard_normal",
    "uniform",
]

Generator = _xp.random.Generator
default_rng = _xp.random.default_rng
_state: list[Any] = [None]


def _gen() -> Any:
    g = _state[0]
    if g is None:
        g = _state[0] = Generator(None)
    return g


def seed(seed: Any = None) -> None:
    """Restart the module's stream from ``seed`` (fresh entropy for None)."""
    _state[0] = Generator(seed)


def get_state() -> Any:
    """The module's generator (its key and counter), for inspection."""
    return _gen()


def _size(size: Any) -> Any:
    return () if size is None else size


def _shape(args: tuple[Any, ...]) -> tuple[int, ...]:
    return tuple(int(d) for d in args)


def rand(*dims: int) -> Array:
    """Uniform floats in [0, 1) of shape ``dims`` (float64)."""
    return _gen().random(_shape(dims))


def randn(*dims: int) -> Array:
    """Standard normal floats of shape ``dims`` (float64)."""
    return _gen().normal(0.0, 1.0, _shape(dims))


def random(size: Any = None) -> Array:
    """Uniform floats in [0, 1)."""
    return _gen().random(_size(size))


random_sample = random
ranf = random
sample = random


def standard_normal(size: Any = None) -> Array:
    return _gen().normal(0.0, 1.0, _size(size))


def normal(loc: Any = 0.0, scale: Any = 1.0, size: Any = None) -> Array:
    """Normal floats ``loc + scale * z`` (array ``loc``/``scale`` broadcast)."""
    if isinstance(loc, (Array, list, tuple)) or isinstance(scale, (Array, list, tuple)):
        loc, scale = arr(loc), arr(scale)
        shape = (
            size
            if size is not None
            else _xp.broadcast_shapes(getattr(loc, "shape", ()), getattr(scale, "shape", ()))
        )
        return loc + scale * _gen().normal(0.0, 1.0, shape)
    return _gen().normal(loc, scale, _size(size))


def uniform(low: Any = 0.0, high: Any = 1.0, size: Any = None) -> Array:
    """Uniform floats in [low, high)."""
    if isinstance(low, (Array, list, tuple)) or isinstance(high, (Array, list, tuple)):
        low, high = arr(low), arr(high)
        shape = (
            size
            if size is not None
            else _xp.broadcast_shapes(getattr(low, "shape", ()), getattr(high, "shape", ()))
        )
        return low + (high - low) * _gen().random(shape)
    return _gen().uniform(low, high, _size(size))


def randint(low: int, high: Any = None, size: Any = None, dtype: Any = int) -> Array:
    """Integers in [low, high) (in [0, low) when ``high`` is None); int64 by default."""
    return _gen().integers(low, high, _size(size), dtype=dt(dtype))


def choice(a: Any, size: Any = None, replace: bool = True, p: Any = None) -> Array:
    """Random elements of ``a`` (or of ``arange(a)``), with or without replacement."""
    a = a if isinstance(a, int) else arr(a)
    return _gen().choice(a, _size(size), replace=replace, p=p)


def permutation(x: Any) -> Array:
    """A permuted ``arange(x)`` or a permuted copy of ``x`` along its first axis."""
    return _gen().permutation(x if isinstance(x, int) else arr(x))


def shuffle(x: Array) -> None:
    """Shuffle ``x`` in place along its first axis."""
    _gen().shuffle(x)


def __getattr__(name: str) -> Any:
    raise AttributeError(f"numpy.random.{name} is not implemented in arrayshim.numpy.random")
