"""The JAX adapter's faster routes against the routes they replace, bit for bit: each new route
(a jitted executable, a hook the frontend calls) must give exactly the values, dtypes, NaN
positions and zero signs of the composition it replaced, on awkward inputs (NaN, infinities,
signed zeros, empty and 0-d arrays, several dtypes, several axes), eagerly and as a user calls it
inside ``xp.jit``/``jax.jit`` and ``jax.grad``."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

import arrayshim as xp

jax = pytest.importorskip("jax")
jnp = pytest.importorskip("jax.numpy")
if "jax" not in xp.installed_backends():
    pytest.skip("the jax backend is not installed", allow_module_level=True)

xp.use_backend("jax")  # loads the backend (and JAX's 64-bit mode) before arrays are made

from arrayshim_jax.backend import JaxBackend  # noqa: E402

SPECIAL = [np.nan, np.inf, -np.inf, -0.0, 0.0, 1.5, -2.5, 1e-40, 3e38, -7.0, 0.1, 2.0]


def bits(a: Any) -> tuple:
    """dtype, shape and bytes of an array (NaN payloads and zero signs included)."""
    arr = np.asarray(a)
    return arr.dtype.str, arr.shape, arr.tobytes()


def assert_same(got: Any, want: Any) -> None:
    g, w = np.asarray(got), np.asarray(want)
    assert g.dtype == w.dtype and g.shape == w.shape, (g.dtype, g.shape, w.dtype, w.shape)
    if bits(g) != bits(w):
        np.testing.assert_array_equal(g, w)  # shows where values differ
        np.testing.assert_array_equal(np.signbit(g.real), np.signbit(w.real))
        raise AssertionError(f"same values, other bits:\n{g!r}\n{w!r}")


@contextlib.contextmanager
def without(*hooks: str) -> Iterator[None]:
    """The adapter's hooks ``hooks`` declining (returning None): the frontend's composition."""
    saved = {h: getattr(JaxBackend, h) for h in hooks}
    try:
        for h in hooks:
            setattr(JaxBackend, h, lambda self, *args, **kwargs: None)
        yield
    finally:
        for h, fn in saved.items():
            setattr(JaxBackend, h, fn)


def jitted(fn: Callable) -> Callable:
    """``fn`` under ``xp.jit``, failing (not falling back to eager) if it does not trace."""
    compiled = xp.jit(fn)

    def call(*args: Any) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return compiled(*args)

    return call


def data(dtype: str, n: int = 12, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    kind = np.dtype(dtype).kind
    if kind == "b":
        return rng.integers(0, 2, n).astype(bool)
    if kind in "iu":
        info = np.iinfo(dtype)
        return rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
    vals = np.array((SPECIAL * (n // len(SPECIAL) + 1))[:n])
    with np.errstate(over="ignore"):
        if kind == "c":
            out = np.empty(n, dtype)
            out.real, out.imag = vals, np.roll(vals, 5)
            return out
        return vals.astype(dtype)


# -- tile: the adapter's tile hook (one jitted jnp.tile) ---------------------------------------
TILE_CASES = [
    ((), ()),
    ((), (3,)),
    ((), (2, 0)),
    ((5,), (2,)),
    ((5,), (0,)),
    ((5,), (2, 3)),
    ((0,), (3,)),
    ((2, 3), (2,)),
    ((2, 3), (1, 1)),
    ((2, 3), (3, 1, 2)),
    ((2, 0, 3), (2, 2, 2)),
    ((1, 2, 3), (2, 1, 2)),
]


DTYPES = ["float32", "float16", "float64", "int8", "uint64", "complex64", "bool"]


@pytest.mark.parametrize("dtype", DTYPES)
def test_tile_hook_matches_composition_and_numpy(dtype: str) -> None:
    for shape, reps in TILE_CASES:
        size = int(np.prod(shape))
        host = data(dtype, max(size, 1))[:size].reshape(shape)
        x = jnp.asarray(host)
        got = xp.tile(x, reps)
        with without("tile"):
            want = xp.tile(x, reps)
        assert_same(got, want)
        assert_same(got, np.tile(host, reps))
        assert_same(jitted(lambda v, r=reps: xp.tile(v, r))(x), want)


def test_tile_errors_and_transforms() -> None:
    x = jnp.asarray([1.0, -0.0, np.nan], dtype=jnp.float32)
    with pytest.raises(ValueError, match=r"tile\(\).*repetitions.*non-negative"):
        xp.tile(x, (-1,))
    grad = jax.grad(xp.agnostic(lambda v: xp.sum(xp.tile(v, (2, 3)) * 2.0)))(
        jnp.asarray([1.0, 2.0])
    )
    np.testing.assert_array_equal(np.asarray(grad), [12.0, 12.0])
    out = jax.jit(xp.agnostic(lambda v: xp.tile(v, (2,))))(x)
    assert_same(out, np.tile(np.asarray(x), 2))
