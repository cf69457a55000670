"""Seeded random numbers: the same seed gives the same numbers on every backend and device.

``xp.random.default_rng(seed)`` returns a :class:`Generator` with NumPy's method names and
semantics. Bits come from a counter-based generator, Philox4x32-10 (Salmon et al., SC'11, the
generator of Random123, cuRAND and JAX), computed with arrayshim's own integer operations on
``uint64`` arrays holding 32-bit words: multiplications, shifts, ``and`` and ``xor`` are exact
and identical on every framework, and everything runs on the target backend and device with no
NumPy round-trip. The generator's state is its key (from the seed) and a block counter in Python;
each call takes the next blocks of the stream, so the same sequence of calls gives the same
numbers everywhere.

* floats: ``random``/``uniform`` use the top bits of the stream (float64: 53 bits of two words,
  float32: 24 bits, float16: 11 bits), so they are bit-identical across backends;
* ``normal``: Box-Muller computed in float64, then cast; ``log``/``sqrt``/``cos``/``sin`` come
  from each framework's math library, so values agree to a few ulp of float64 (float32 results
  are nearly always identical);
* ``integers``: 64 random bits reduced modulo the range size ``m``: the bias is at most
  ``m / 2**64`` (below 2.4e-10 for ``m <= 2**32``);
* ``permutation``/``shuffle``/``choice(replace=False)``: a stable argsort of 63-bit random keys.

>>> import arrayshim as xp
>>> rng = xp.random.default_rng(42)
>>> rng.integers(0, 10, size=3).dtype
arrayshim.int64
"""

from __future__ import annotations

import math
import operator
import os

from . import _context, _dtypes
from ._array import Array, _new, describe, known_dim
from ._axes import one_axis
from ._creation import _shape_arg, arange, asarray, astype, zeros_like
from ._dispatch import as_array, target_device
from ._dtypes import as_dtype
from ._elementwise import cos, less_equal, log, minimum, sin, sqrt
from ._errors import ArrayshimNotImplementedError, ArrayshimTypeError, ArrayshimValueError, message
from ._linalg import matmul
from ._manipulation import reshape, stack
from ._statistical import sum as _sum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Generator", "default_rng"]

_MASK32 = 0xFFFFFFFF
_MASK64 = 2**64 - 1
# Philox4x32 multipliers and Weyl key increments (Random123)
_M0, _M1 = 0xD2511F53, 0xCD9E8D57
_W0, _W1 = 0x9E3779B9, 0xBB67AE85


def philox4x32(
    counter: tuple[Array, Array, Array, Array], key: tuple[int, int], rounds: int = 10
) -> tuple[Array, Array, Array, Array]:
    """The Philox4x32 bijection of four uint64 arrays holding 32-bit words under a 64-bit key
    (two 32-bit Python ints). Products of two 32-bit words fit uint64 exactly."""
    c0, c1, c2, c3 = counter
    k0, k1 = key
    for _ in range(rounds):
        p0 = c0 * _M0
        p1 = c2 * _M1
        c0, c1, c2, c3 = (p1 >> 32) ^ c1 ^ k0, p1 & _MASK32, (p0 >> 32) ^ c3 ^ k1, p0 & _MASK32
        k0, k1 = (k0 + _W0) & _MASK32, (k1 + _W1) & _MASK32
    return c0, c1, c2, c3


def _splitmix64(x: int) -> int:
    x = (x + 0x9E3779B97F4A7C15) & _MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def _key_of(seed: Any) -> tuple[int, int]:
    if seed is None:
        seed = int.from_bytes(os.urandom(8), "little")
    if isinstance(seed, bool) or not isinstance(seed, int):
        try:
            seed = operator.index(seed)
        except TypeError:
            raise ArrayshimTypeError(
                message("random.default_rng", "seed", "None or a non-negative int", describe(seed))
            ) from None
    if seed < 0:
        raise ArrayshimValueError(
            message("random.default_rng", "seed", "None or a non-negative int", repr(seed))
        )
    h = 0
    while True:  # fold every 64-bit chunk of the seed into the key
        h = _splitmix64(h ^ (seed & _MASK64))
        seed >>= 64
        if not seed:
            break
    return h & _MASK32, h >> 32


_FLOAT_BITS = {"float16": 11, "float32": 24, "float64": 53}


class Generator:
    """NumPy-style random generator whose numbers are the same on every backend.

    Every method takes ``device=``; arrays are created on the current backend (``use_backend``,
    ``ARRAYSHIM_BACKEND``), or on the backend of the array passed in (``permutation``,
    ``shuffle``, ``choice``).
    """

    __slots__ = ("_key", "_counter", "_seed")

    def __init__(self, seed: Any = None) -> None:
        self._key = _key_of(seed)
        self._counter = 0  # the next Philox block (4 words) to use

    def __repr__(self) -> str:
        return (
            "arrayshim.random.Generator(Philox4x32-10, "
            f"key=0x{self._key[1]:08x}{self._key[0]:08x}, counter={self._counter})"
        )

    # -- raw bits ------------------------------------------------------------------------------
    def _words(self, n: int, device: Any) -> Array:
        """The next ``n`` 32-bit words of the stream, as a flat uint64 array on ``device``."""
        blocks = -(-n // 4)
        start = self._counter
        self._counter += blocks
        index = arange(blocks, dtype=_dtypes.uint64, device=device)
        if start:
            index = index + (start & _MASK64)
        zero = zeros_like(index)
        out = philox4x32((index & _MASK32, index >> 32, zero, zero), self._key)
        return reshape(stack(out, axis=1), (-1,))[:n]

    def _bits64(self, n: int, device: Any) -> Array:
        """``n`` uint64 values with 64 random bits each."""
        w = reshape(self._words(2 * n, device), (n, 2))
        return (w[:, 0] << 32) | w[:, 1]

    def _unit(self, n: int, dtype: _dtypes.DType, device: Any) -> Array:
        """``n`` floats uniform on [0, 1) from the top bits of the stream (exact on every
        backend)."""
        bits = _FLOAT_BITS[dtype.name]
        raw = self._bits64(n, device) >> 11 if bits == 53 else self._words(n, device) >> (32 - bits)
        return astype(raw, dtype) * (2.0**-bits)

    # -- argument checks -----------------------------------------------------------------------
    @staticmethod
    def _size(size: Any, func: str) -> tuple[int, ...]:
        return () if size is None else _shape_arg(size, f"random.Generator.{func}")

    @staticmethod
    def _float_dtype(dtype: Any, func: str) -> _dtypes.DType:
        dt = (
            _context.current_policy().default_float
            if dtype is None
            else as_dtype(dtype, f"random.Generator.{func}", "dtype")
        )
        if dt.name not in _FLOAT_BITS:
            raise ArrayshimTypeError(
                message(
                    f"random.Generator.{func}",
                    "dtype",
                    "a real floating-point dtype (float16, float32, float64)",
                    dt.name,
                )
            )
        return dt

    @staticmethod
    def _device(device: Any, func: str) -> Any:
        return target_device(_context.current_backend(), device, f"random.Generator.{func}")

    # -- floats ----------------------------------------------------------------------------------
    def random(self, size: Any = None, dtype: Any = None, *, device: Any = None) -> Array:
        """Floats uniform on [0, 1)."""
        shape = self._size(size, "random")
        dt = self._float_dtype(dtype, "random")
        return reshape(self._unit(math.prod(shape), dt, self._device(device, "random")), shape)

    def uniform(
        self,
        low: Any = 0.0,
        high: Any = 1.0,
        size: Any = None,
        dtype: Any = None,
        *,
        device: Any = None,
    ) -> Array:
        """Floats uniform on [low, high)."""
        return low + (high - low) * self.random(size, dtype, device=device)

    def normal(
        self,
        loc: Any = 0.0,
        scale: Any = 1.0,
        size: Any = None,
        dtype: Any = None,
        *,
        device: Any = None,
    ) -> Array:
        """Normally distributed floats (Box-Muller in float64, then cast to ``dtype``)."""
        shape = self._size(size, "normal")
        dt = self._float_dtype(dtype, "normal")
        dev = self._device(device, "normal")
        n = math.prod(shape)
        pairs = -(-n // 2)
        u = reshape(self._unit(2 * pairs, _dtypes.float64, dev), (pairs, 2))
        radius = sqrt(-2.0 * log(1.0 - u[:, 0]))  # 1 - u lies in (0, 1]
        theta = (2.0 * math.pi) * u[:, 1]
        z = reshape(stack([radius * cos(theta), radius * sin(theta)], axis=1), (-1,))[:n]
        out = reshape(astype(z, dt), shape)
        if not (type(scale) in (int, float) and scale == 1):
            out = out * scale
        if not (type(loc) in (int, float) and loc == 0):
            out = out + loc
        return out

    # -- integers --------------------------------------------------------------------------------
    def integers(
        self,
        low: int,
        high: int | None = None,
        size: Any = None,
        dtype: Any = _dtypes.int64,
        endpoint: bool = False,
        *,
        device: Any = None,
    ) -> Array:
        """Integers in [low, high) (``endpoint=True``: [low, high]); ``integers(n)`` is [0, n)."""
        func = "random.Generator.integers"
        dt = as_dtype(dtype, func, "dtype")
        if dt.kind not in "iu":
            raise ArrayshimTypeError(message(func, "dtype", "an integer dtype", dt.name))
        for name, v in (("low", low), ("high", high)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                raise ArrayshimTypeError(message(func, name, "a Python int", describe(v)))
        if high is None:
            low, high = 0, low
        if endpoint:
            high += 1
        m = high - low
        if m <= 0:
            raise ArrayshimValueError(
                message(
                    func,
                    "high",
                    f"a bound above low={low}" + (" (inclusive: at least low)" if endpoint else ""),
                    repr(high - 1 if endpoint else high),
                )
            )
        info = _dtypes.iinfo(dt)
        if low < info.min or high - 1 > info.max:
            raise ArrayshimValueError(
                message(
                    func,
                    "low, high",
                    f"bounds within the range of {dt.name} [{info.min}, {info.max}]",
                    f"[{low}, {high - 1}]",
                )
            )
        shape = self._size(size, "integers")
        bits = self._bits64(math.prod(shape), self._device(device, "integers"))
        r = bits if m == 2**64 else bits % m  # bias at most m / 2**64
        if dt is _dtypes.uint64:
            out = r + low if low else r
        else:  # int64 arithmetic wraps modulo 2**64 on every backend
            out = astype(r, _dtypes.int64)
            if low:
                out = out + low
            out = astype(out, dt, copy=False)
        return reshape(out, shape)

    # -- permutations ----------------------------------------------------------------------------
    def _perm(self, n: int, device: Any) -> Array:
        keys = astype(self._bits64(n, device) >> 1, _dtypes.int64)  # 63-bit keys, non-negative
        b = keys._backend
        return _new(b.argsort(keys._native, 0, False), b, _dtypes.int64, keys._device)

    def permutation(self, x: Any, axis: int = 0) -> Array:
        """A permuted ``arange(x)`` for an int ``x``; else a copy of array ``x`` shuffled along
        ``axis``."""
        func = "random.Generator.permutation"
        if isinstance(x, int) and not isinstance(x, bool):
            if x < 0:
                raise ArrayshimValueError(
                    message(func, "x", "a non-negative int or an array", repr(x))
                )
            return self._perm(x, self._device(None, "permutation"))
        a = as_array(x, func, "x")
        axis = self._axis(a, axis, func)
        with _context._Use(_context._backend_var, a._backend):
            perm = self._perm(known_dim(a.shape[axis], func), a._device)
        return a[(slice(None),) * axis + (perm,)]

    def shuffle(self, x: Any, axis: int = 0) -> None:
        """Shuffle array ``x`` in place along ``axis`` (on TensorFlow and JAX the Array is
        rebound)."""
        func = "random.Generator.shuffle"
        if type(x) is not Array and (
            type(x).__module__.startswith(("tensorflow", "jax")) or not hasattr(x, "shape")
        ):
            raise ArrayshimTypeError(
                message(
                    func,
                    "x",
                    "an arrayshim Array, a NumPy array or a torch tensor (a tf.Tensor or a "
                    "jax.Array cannot change in place)",
                    describe(x),
                )
            )
        a = as_array(x, func, "x")
        axis = self._axis(a, axis, func)
        with _context._Use(_context._backend_var, a._backend):
            perm = self._perm(known_dim(a.shape[axis], func), a._device)
        key = (slice(None),) * axis + (perm,)
        a[key[:axis] + (slice(None),)] = a[key]

    @staticmethod
    def _axis(a: Array, axis: Any, func: str) -> int:

        if a.ndim == 0:
            raise ArrayshimValueError(
                message(func, "x", "an array with at least one dimension", "a 0-d array")
            )
        return one_axis(axis, a.ndim, func)

    def choice(
        self,
        a: Any,
        size: Any = None,
        replace: bool = True,
        p: Any = None,
        axis: int = 0,
        *,
        device: Any = None,
    ) -> Array:
        """Random elements of ``a`` (or of ``arange(a)`` for an int), NumPy's semantics.
        ``p`` (probabilities) is supported with ``replace=True``."""
        func = "random.Generator.choice"
        if isinstance(a, int) and not isinstance(a, bool):
            n, arr = a, None
            dev = self._device(device, "choice")
            backend = _context.current_backend()
        else:
            arr = as_array(a, func, "a")
            axis = self._axis(arr, axis, func)
            n, dev, backend = known_dim(arr.shape[axis], func), arr._device, arr._backend
        if n <= 0:
            raise ArrayshimValueError(
                message(
                    func,
                    "a",
                    "a positive int or a non-empty array",
                    repr(a) if arr is None else f"an array with {n} elements along axis {axis}",
                )
            )
        shape = self._size(size, "choice")
        k = math.prod(shape)
        with _context._Use(_context._backend_var, backend):
            if p is not None:
                if not replace:
                    raise ArrayshimNotImplementedError(
                        message(
                            func,
                            "p",
                            "p=None when replace=False (weighted sampling without replacement is "
                            "not implemented)",
                            "probabilities",
                        )
                    )
                idx = self._weighted(p, n, k, dev, func)
            elif replace:
                idx = self.integers(0, n, k, device=dev)
            else:
                if k > n:
                    raise ArrayshimValueError(
                        message(
                            func, "size", f"at most {n} samples without replacement", repr(size)
                        )
                    )
                idx = self._perm(n, dev)[:k]
            idx = reshape(idx, shape)
        if arr is None:
            return idx
        return arr[(slice(None),) * axis + (idx,)]

    def _weighted(self, p: Any, n: int, k: int, dev: Any, func: str) -> Array:
        """``k`` indices drawn with probabilities ``p``: the number of CDF values at or below a
        uniform draw."""
        prob = astype(asarray(p, device=dev), _dtypes.float64)
        if prob.shape != (n,):
            raise ArrayshimValueError(
                message(func, "p", f"a 1-d sequence of {n} probabilities", f"shape {prob.shape}")
            )
        values = (
            prob._backend.to_numpy(prob._native)
            if not prob._backend.is_traced(prob._native)
            else None
        )
        if values is not None and ((values < 0).any() or abs(float(values.sum()) - 1.0) > 1e-8):
            raise ArrayshimValueError(
                message(
                    func,
                    "p",
                    "non-negative probabilities that sum to 1",
                    f"values summing to {float(values.sum())!r}",
                )
            )
        i = arange(n, dtype=_dtypes.int64, device=dev)
        upper = astype(less_equal(reshape(i, (n, 1)), reshape(i, (1, n))), _dtypes.float64)
        cdf = matmul(prob, upper)
        u = self._unit(k, _dtypes.float64, dev)
        below = astype(reshape(u, (k, 1)) >= reshape(cdf, (1, n)), _dtypes.int64)
        return minimum(_sum(below, axis=1), n - 1)


def default_rng(seed: Any = None) -> Generator:
    """A :class:`Generator` seeded with ``seed`` (a non-negative int; None draws one from the OS).
    Passing a Generator returns it unchanged, as NumPy does."""
    if isinstance(seed, Generator):
        return seed
    return Generator(seed)
