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


# -- linspace: NumPy's float64 steps by XLA in jitted executables -------------------------------
def _linspace_before(start: Any, stop: Any, num: int, endpoint: bool, dtype: Any) -> Any:
    """The adapter's linspace before: np.linspace in float64, then XLA's cast."""
    with np.errstate(all="ignore"):
        values = np.linspace(np.float64(start), np.float64(stop), num, endpoint=endpoint)
    return jax.lax.convert_element_type(jnp.asarray(values), dtype)


def _linspace_cases() -> list[tuple]:
    rng = np.random.default_rng(7)
    cases: list[tuple] = [
        (0, 1, 8, True),
        (-0.0, -1.0, 5, True),
        (0.0, -1.0, 5, False),
        (2.5, 2.5, 4, True),
        (1.0, 2.0, 0, True),
        (1.0, 2.0, 1, True),
        (1.0, 2.0, 1, False),
        (-3.0, 7.0, 2, True),
        # subnormal bounds or steps (XLA's CPU code flushes them to zero), a step that
        # underflows to 0 (NumPy then computes i / div * delta), values at the threshold
        (5e-324, 1e-323, 9, True),
        (0.0, 5e-324, 7, False),
        (1e-310, 1.0, 5, True),
        (1.0, 1e-310, 5, True),
        (0.0, 2.0**-958, 4, True),
        (0.0, 2.0**-950, 1000, True),
        (2.0**-960, 2.0**-959, 3, False),
        (-(2.0**-960), 2.0**-960, 3, True),
        (3e-308, -3e-308, 6, True),
        (1.0, 1.0 + 2.0**-52, 10**4, True),
        (0.0, -0.0, 3, True),
        (-0.0, 0.0, 3, False),
        (1.5, 1.5, 1, True),
        (0.0, 1e-39, 5, True),  # float32 subnormal results of the cast
        (1e-39, 3e-39, 5, True),
        (6e-5, -6e-8, 7, True),  # float16 subnormal results
        (-1e308, 1e308, 11, True),
        (1e308, -1e308, 4, False),
        (1, 10**20, 6, True),
        (True, 3, 3, True),
        (0.1, 0.7, 1000, True),
    ]
    for _ in range(30):
        a, b = rng.normal(size=2) * 10.0 ** rng.integers(-30, 30, 2)
        cases.append((float(a), float(b), int(rng.integers(2, 300)), bool(rng.integers(0, 2))))
    return cases


@pytest.mark.parametrize("dtype", ["float64", "float32", "float16"])
def test_linspace_jitted_matches_numpy_steps_bit_for_bit(dtype: str) -> None:
    for start, stop, num, endpoint in _linspace_cases():
        with xp.use_backend("jax"):
            got = xp.linspace(start, stop, num, endpoint=endpoint, dtype=getattr(xp, dtype))
        assert type(xp.to_native(got)) is type(jnp.zeros(1))
        assert_same(got, _linspace_before(start, stop, num, endpoint, np.dtype(dtype)))


def test_linspace_non_finite_and_complex_take_numpys_way() -> None:
    """Infinite or NaN bounds (or an infinite span) keep NumPy's own computation, its warnings
    included; complex too."""
    with xp.use_backend("jax"):
        for start, stop in [(0.0, np.inf), (-np.inf, 1.0), (np.nan, 1.0), (-1.7e308, 1.7e308)]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                want = _linspace_before(start, stop, 5, True, np.float32)
                got = xp.linspace(start, stop, 5, dtype=xp.float32)
            assert_same(got, want)
        got = xp.linspace(1j, 2.0, 4, dtype=xp.complex64)
        assert_same(got, np.linspace(1j, 2.0, 4).astype(np.complex64))


def test_linspace_inside_jit_and_grad() -> None:
    def f(x: Any) -> Any:
        return x * xp.linspace(0.5, 2.0, 7, dtype=xp.float32)

    x = jnp.asarray(np.full(7, 3.0, np.float32))
    want = np.asarray(x) * np.asarray(_linspace_before(0.5, 2.0, 7, True, np.float32))
    assert_same(jax.jit(xp.agnostic(f))(x), want)
    assert_same(jitted(f)(x), want)
    grad = jax.grad(xp.agnostic(lambda v: xp.sum(f(v))))(x)
    assert_same(grad, np.asarray(_linspace_before(0.5, 2.0, 7, True, np.float32)))


# -- sort, argsort, searchsorted: key and sort (or search) in one executable -------------------
def _key_before(x: Any) -> Any:
    if x.dtype.kind == "f":
        return jnp.where(x == 0, jnp.zeros((), x.dtype), x)
    if x.dtype.kind == "c":
        return jax.lax.complex(_key_before(jnp.real(x)), _key_before(jnp.imag(x)))
    return x


def _sort_before(x: Any, axis: int, descending: bool) -> Any:
    if x.dtype.kind not in "fc":
        return jnp.sort(x, axis=axis, stable=True, descending=descending)
    order = jnp.argsort(_key_before(x), axis=axis, stable=True, descending=descending)
    return jnp.take_along_axis(x, order, axis=axis)


def _argsort_before(x: Any, axis: int, descending: bool) -> Any:
    order = jnp.argsort(_key_before(x), axis=axis, stable=True, descending=descending)
    return order.astype(jnp.int64)


def _sort_data(dtype: str, shape: tuple, seed: int, zeros: str) -> np.ndarray:
    """Values with many ties: NaNs of both signs and other payloads, infinities, and zeros of
    one sign (``zeros`` "+" or "-") or both."""
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    kind = np.dtype(dtype).kind
    if kind in "biu":
        return data(dtype, n, seed).reshape(shape) % (3 if kind != "b" else 2)
    pool = [1.5, -2.0, np.inf, -np.inf, 7.0, 1.5]
    pool += {"+": [0.0, 0.0], "-": [-0.0, -0.0], "+-": [0.0, -0.0]}[zeros]
    vals = rng.choice(np.array(pool), n)
    nan_bits = np.array([0x7FF8000000000000, 0xFFF8000000000000, 0x7FF8000000000123], np.uint64)
    nans = nan_bits.view(np.float64)[rng.integers(0, 3, n)]
    vals = np.where(rng.random(n) < 0.15, nans, vals)
    if kind == "c":
        out = np.empty(n, dtype)
        out.real, out.imag = vals, rng.choice(np.array(pool), n)
        return out.reshape(shape)
    return vals.astype(dtype).reshape(shape)


SORT_DTYPES = ["float32", "float64", "float16", "int8", "uint64", "bool"]  # sort refuses complex


@pytest.mark.parametrize("dtype", SORT_DTYPES)
def test_sort_and_argsort_match_the_argsort_gather_route(dtype: str) -> None:
    seed = 0
    for shape in [(0,), (17,), (4, 9), (2, 3, 5)]:
        for zeros in ["+", "-", "+-"] if dtype.startswith("float") else ["+"]:
            seed += 1
            x = jnp.asarray(_sort_data(dtype, shape, seed, zeros))
            for axis in (0, -1):
                for descending in (False, True):
                    got = xp.sort(x, axis=axis, descending=descending)
                    assert_same(got, _sort_before(x, axis, descending))
                    order = xp.argsort(x, axis=axis, descending=descending)
                    assert_same(order, _argsort_before(x, axis, descending))
    host = _sort_data(dtype, (40,), 99, "+-")  # NumPy's own stable order
    np.testing.assert_array_equal(
        np.asarray(xp.argsort(jnp.asarray(host))), np.argsort(host, kind="stable")
    )


def test_sort_inside_jit_vmap_and_grad() -> None:
    x = jnp.asarray(_sort_data("float32", (3, 11), 5, "+-"))
    for descending in (False, True):
        want = _sort_before(x, 1, descending)
        assert_same(jitted(lambda v, d=descending: xp.sort(v, axis=1, descending=d))(x), want)
        f = xp.agnostic(lambda v, d=descending: xp.sort(v, descending=d))
        assert_same(jax.vmap(f)(x), want)
        assert_same(
            jitted(lambda v, d=descending: xp.argsort(v, descending=d))(x),
            _argsort_before(x, -1, descending),
        )
    v = jnp.asarray([3.0, -1.0, 2.0, -0.0])
    grad = jax.grad(xp.agnostic(lambda t: xp.sum(xp.sort(t)[:2] * jnp.asarray([10.0, 1.0]))))(v)
    assert_same(grad, np.array([0.0, 10.0, 0.0, 1.0]))


def _searchsorted_before(x1: Any, x2: Any, side: str) -> Any:
    return jnp.searchsorted(_key_before(x1), _key_before(x2), side=side).astype(jnp.int64)


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16", "int8", "uint64", "bool"])
def test_searchsorted_matches_the_eager_route(dtype: str) -> None:
    for n, m, seed in [(0, 5, 1), (1, 3, 2), (23, 40, 3), (50, 0, 4), (8, 1, 5)]:
        for zeros in ["+", "-", "+-"]:
            x1 = jnp.asarray(
                _sort_before(jnp.asarray(_sort_data(dtype, (n,), seed, zeros)), 0, False)
            )
            x2 = jnp.asarray(_sort_data(dtype, (m,), seed + 50, zeros))
            for side in ("left", "right"):
                got = xp.searchsorted(x1, x2, side=side)
                assert_same(got, _searchsorted_before(x1, x2, side))
                assert_same(jitted(lambda a, b, s=side: xp.searchsorted(a, b, side=s))(x1, x2), got)
    x1 = jnp.asarray(_sort_before(jnp.asarray(_sort_data(dtype, (9,), 7, "+")), 0, False))
    x2 = jnp.asarray(_sort_data(dtype, (4, 3), 8, "+"))  # values of any shape
    assert_same(xp.searchsorted(x1, x2), _searchsorted_before(x1, x2, "left"))


# -- argmax/argmin, count_nonzero: the result and its int64 cast in one executable -------------
@pytest.mark.parametrize("dtype", ["float32", "float16", "float64", "int8", "uint64", "bool"])
def test_arg_extremum_and_count_nonzero_match_the_eager_route(dtype: str) -> None:
    for shape, seed in [((1,), 1), ((13,), 2), ((4, 6), 3), ((2, 3, 4), 4)]:
        x = jnp.asarray(_sort_data(dtype, shape, seed, "+-"))
        for name in ("argmax", "argmin"):
            fn, native = getattr(xp, name), getattr(jnp, name)
            assert_same(fn(x), native(x.reshape(-1)).astype(jnp.int64))
            for axis in range(-len(shape), len(shape)):
                want = native(x, axis=axis).astype(jnp.int64)
                assert_same(fn(x, axis=axis), want)
                assert_same(fn(x, axis=axis, keepdims=True), jnp.expand_dims(want, axis))
                assert_same(jitted(lambda v, a=axis, f=fn: f(v, axis=a))(x), want)
        for axis in [None, 0, -1] + ([(0, -1)] if len(shape) > 1 else []):
            for keepdims in (False, True):
                want = jnp.count_nonzero(x, axis=axis, keepdims=keepdims).astype(jnp.int64)
                assert_same(xp.count_nonzero(x, axis=axis, keepdims=keepdims), want)
        assert_same(jitted(lambda v: xp.count_nonzero(v, axis=0))(x), jnp.count_nonzero(x, axis=0))
    with pytest.raises(ValueError, match=r"argmax\(\).*non-empty"):
        xp.argmax(jnp.zeros((0,)))


# -- single data-movement ops and casts, jitted --------------------------------------------------
CAST_DTYPES = ["float32", "float16", "float64", "int8", "uint64", "int64", "complex64", "bool"]


@pytest.mark.parametrize("dtype", CAST_DTYPES)
def test_astype_jitted_convert_and_copy_match_eager(dtype: str) -> None:
    host = data(dtype, 24, 3)
    x = jnp.asarray(host)
    for target in CAST_DTYPES:
        want_dt = np.dtype(target)
        got = xp.astype(x, getattr(xp, target))
        if want_dt == host.dtype:
            want = jnp.array(x, copy=True)
            assert xp.to_native(got).unsafe_buffer_pointer() != x.unsafe_buffer_pointer()
        elif target == "bool":
            want = x != 0
        elif host.dtype.kind == "c" and want_dt.kind != "c":
            want = jax.lax.convert_element_type(jnp.real(x), want_dt)
        else:
            want = jax.lax.convert_element_type(x, want_dt)
        assert_same(got, want)
        assert_same(jitted(lambda v, t=target: xp.astype(v, getattr(xp, t)))(x), want)
    assert xp.to_native(xp.astype(x, getattr(xp, dtype), copy=False)) is x


@pytest.mark.parametrize("dtype", ["float32", "int8", "uint64", "complex64", "bool"])
def test_reshape_permute_concat_stack_broadcast_match_eager(dtype: str) -> None:
    x = jnp.asarray(data(dtype, 24, 4).reshape(2, 3, 4))
    y = jnp.asarray(data(dtype, 24, 5).reshape(2, 3, 4))
    assert_same(xp.reshape(x, (4, 6)), jnp.reshape(x, (4, 6)))
    assert_same(xp.reshape(x, (-1,)), jnp.reshape(x, (24,)))
    assert xp.to_native(xp.reshape(x, (2, 3, 4))) is x  # as jnp.reshape: the same array
    assert_same(xp.squeeze(x[:1], axis=0), jnp.squeeze(x[:1], 0))
    assert_same(xp.permute_dims(x, (2, 0, 1)), jnp.transpose(x, (2, 0, 1)))
    assert_same(xp.moveaxis(x, 0, -1), jnp.moveaxis(x, 0, -1))
    assert xp.to_native(xp.permute_dims(x, (0, 1, 2))) is x
    for axis in (0, 1, -1):
        assert_same(xp.concat([x, y, x], axis=axis), jnp.concatenate([x, y, x], axis=axis))
        assert_same(xp.stack([x, y], axis=axis), jnp.stack([x, y], axis=axis))
    assert_same(xp.concat([x, y], axis=None), jnp.concatenate([x.ravel(), y.ravel()]))
    assert_same(xp.broadcast_to(x[:, :1], (5, 2, 3, 4)), jnp.broadcast_to(x[:, :1], (5, 2, 3, 4)))
    assert xp.to_native(xp.broadcast_to(x, (2, 3, 4))) is x
    e = jnp.zeros((0, 3), x.dtype)
    assert_same(xp.concat([e, e], axis=0), jnp.zeros((0, 3), x.dtype))
    assert_same(xp.reshape(e, (3, 0)), jnp.zeros((3, 0), x.dtype))
    both = jitted(lambda a, b: xp.stack([xp.permute_dims(a, (1, 0, 2)), xp.reshape(b, (3, 2, 4))]))
    assert_same(both(x, y), jnp.stack([jnp.transpose(x, (1, 0, 2)), jnp.reshape(y, (3, 2, 4))]))


def test_data_movement_under_grad() -> None:
    """Each element of v appears twice in w, w twice in the broadcast, times 2: gradient 8."""
    x = jnp.asarray(np.arange(6.0).reshape(2, 3))

    def f(v: Any) -> Any:
        w = xp.concat([xp.reshape(v, (3, 2)), xp.permute_dims(v, (1, 0))], axis=1)
        return xp.sum(xp.broadcast_to(w, (2, 3, 4)) * xp.astype(xp.ones_like(v)[0, 0] * 2, v.dtype))

    assert_same(jax.grad(xp.agnostic(f))(x), np.full((2, 3), 8.0))


# -- arange beyond exact floats from 0: i * step, + start and the cast, jitted ------------------
def _arange_cases() -> list[tuple]:
    rng = np.random.default_rng(11)
    cases: list[tuple] = [
        (-4, 0, 1),
        (3, 20, 3),
        (-(2**40), 2**40, 2**38),
        (2**63, 2**63 + 5, 1),
        (5, -5, -2),
        (0.5, 3.0, 0.25),
        (-0.0, 1.0, 0.1),
        (1e-310, 1e-309, 1e-310),  # subnormal: XLA's flushing, before and after alike
        (1.0, 1.0 + 1e-15, 1e-16),
        (-3.5, 7.25, 0.7),
        (1e300, 1e301, 1e300),
    ]
    for _ in range(20):
        a = float(rng.normal() * 10.0 ** rng.integers(-5, 5))
        step = float(rng.normal() * 10.0 ** rng.integers(-3, 2))
        cases.append((a, a + step * float(rng.integers(0, 200)), step))
    return cases


@pytest.mark.parametrize(
    "dtype", ["float64", "float32", "float16", "int64", "int8", "uint64", "complex64", "bool"]
)
def test_arange_jitted_matches_the_eager_composition(dtype: str) -> None:
    from arrayshim import _registry

    jb = _registry.get("jax")
    dt = getattr(xp, dtype)
    with xp.use_backend("jax"):
        for start, stop, step in _arange_cases():
            if np.dtype(dtype).kind in "iu" and not all(
                type(v) is int for v in (start, stop, step)
            ):
                continue
            try:
                got = xp.arange(start, stop, step, dtype=dt)
            except (ValueError, OverflowError):  # values the dtype does not hold: refused
                continue
            num = got.shape[0]
            want = jb._arange_eager(start, step, num, dt, jb.default_device)
            assert_same(got, want)


def test_arange_and_fftfreq_inside_jit() -> None:
    def f(v: Any) -> Any:
        return v * xp.arange(-3.5, 4.0, 0.5, dtype=xp.float32) + xp.fft.fftfreq(15, d=0.3)[0]

    x = jnp.asarray(np.float32(2.0))
    assert_same(jitted(f)(x), f(x))
    with xp.use_backend("jax"):
        for n in (1, 2, 7, 8):
            k = np.concatenate([np.arange(0, (n - 1) // 2 + 1), np.arange(-(n // 2), 0)])
            assert_same(xp.fft.fftfreq(n, d=0.25), k.astype(np.float64) * (1.0 / (n * 0.25)))


# -- take/take_along_axis: the bounds test as an integer max --------------------------------------
def _outcome(fn: Callable) -> tuple:
    try:
        r = fn()
    except Exception as exc:
        return type(exc), str(exc)
    return bits(r)


@pytest.mark.parametrize("index", ["int8", "uint8", "int32", "uint32", "int64", "uint64"])
def test_take_bounds_at_the_edges_match_the_composed_path(index: str) -> None:
    info = np.iinfo(index)
    x = jnp.asarray(data("float32", 15, 2).reshape(3, 5))
    for n_axis, axis in [(3, 0), (5, 1)]:
        edges = [-n_axis - 1, -n_axis, -1, 0, n_axis - 1, n_axis, int(info.min), int(info.max)]
        for v in edges:
            if not info.min <= v <= info.max:
                continue
            idx = jnp.asarray(np.array([0, v, 0], dtype=index))
            shape = [1, 1]
            shape[axis] = 3
            along = jnp.asarray(np.array([0, v, 0], dtype=index).reshape(shape))
            calls = [
                lambda i=idx, a=axis: xp.take(x, i, axis=a),
                lambda i=along, a=axis: xp.take_along_axis(x, i, axis=a),
            ]
            fast = [_outcome(c) for c in calls]
            with without("take"):
                composed = [_outcome(c) for c in calls]
            assert fast == composed, (index, v, axis)
            inside = -n_axis <= v < n_axis
            for o in fast:
                refused = isinstance(o[0], type) and issubclass(o[0], IndexError)
                assert refused == (not inside), (index, v, axis, o)
    empty = jnp.asarray(np.zeros(0, index))
    assert_same(xp.take(x, empty, axis=1), np.zeros((3, 0), np.float32))
    got = jitted(lambda v, i: xp.take(v, i, axis=1))(x, jnp.asarray(np.array([4, 0], index)))
    assert_same(got, np.asarray(x)[:, [4, 0]])
