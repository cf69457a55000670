"""Manipulation, indexing, linear-algebra and set functions give NumPy's dtype, shape and values
on every backend (unique: ``np.unique(..., equal_nan=False)``, as the standard says NaN is
distinct from NaN)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from test_api_searching_sorting import check, sample

import arrayshim as xp
from arrayshim.backend_api import ArrayshimIndexError, Backend
from conftest import to_np

DTYPES = ["bool", "int8", "uint16", "uint64", "float16", "float64", "complex64"]


def data(name: str, shape: tuple[int, ...], seed: int = 0) -> np.ndarray:
    if name.startswith("complex"):
        real = sample("float32", shape, seed)
        with np.errstate(invalid="ignore"):
            return (
                np.where(np.isnan(real), real, real + 1j * real[::-1]).astype(name)
                if shape
                else real.astype(name)
            )
    return sample(name, shape, seed)


@pytest.mark.parametrize("name", DTYPES)
def test_flip_moveaxis_roll(backend: str, name: str) -> None:
    x = data(name, (2, 3, 4))
    a = xp.asarray(x)
    check(xp.flip(a), np.flip(x))
    for axis in (0, -1, (0, 2)):
        check(xp.flip(a, axis=axis), np.flip(x, axis=axis))
    check(xp.flip(xp.asarray(x[0, 0, 0])), np.flip(x[0, 0, 0]))
    check(xp.moveaxis(a, 0, -1), np.moveaxis(x, 0, -1))
    check(xp.moveaxis(a, (0, 1), (2, 0)), np.moveaxis(x, (0, 1), (2, 0)))
    for shift, axis in (
        (1, None),
        (-7, None),
        (2, 1),
        ((1, -2), (0, 2)),
        ((1, 1), (1, 1)),
        (5, -1),
    ):
        check(xp.roll(a, shift, axis=axis), np.roll(x, shift, axis=axis))
    check(xp.roll(xp.asarray(x[:, :0]), 3, axis=1), np.roll(x[:, :0], 3, axis=1))
    flat = x.ravel()
    for shift in (3, -7, 24, 0):  # axis None of a 1-D array: no reshapes, a remembered plan
        for _ in range(2):
            check(xp.roll(xp.asarray(flat), shift), np.roll(flat, shift))
    with pytest.raises(ValueError):
        xp.moveaxis(a, (0, 0), (1, 2))


def test_roll_remembered_plan_when_the_hook_declines(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A remembered roll whose hook then declines (its key holds neither dtype nor device: a
    TensorFlow GPU lacks Roll for 8-bit integers) slices and concatenates instead."""
    x = data("int8", (3, 4))
    check(xp.roll(xp.asarray(x), (1, -1), axis=(0, 1)), np.roll(x, (1, -1), axis=(0, 1)))
    b = xp.asarray(x)._backend
    monkeypatch.setattr(b, "roll", lambda *args: None)
    check(xp.roll(xp.asarray(x), (1, -1), axis=(0, 1)), np.roll(x, (1, -1), axis=(0, 1)))


@pytest.mark.parametrize("name", DTYPES)
def test_repeat_tile_unstack(backend: str, name: str) -> None:
    x = data(name, (2, 3), seed=1)
    a = xp.asarray(x)
    for reps, axis in ((2, None), (0, 1), (3, 0)):
        check(xp.repeat(a, reps, axis=axis), np.repeat(x, reps, axis=axis))
    counts = np.array([2, 0, 1])
    check(xp.repeat(a, xp.asarray(counts), axis=1), np.repeat(x, counts, axis=1))
    check(xp.repeat(a, xp.asarray([3]), axis=0), np.repeat(x, [3], axis=0))
    check(xp.repeat(a, xp.asarray(2), axis=1), np.repeat(x, 2, axis=1))
    check(xp.repeat(xp.asarray(x[0, 0]), 2), np.repeat(x[0, 0], 2))
    # one int count goes to the framework's own repeat: empty arrays, and under its compiler
    empty = np.zeros((2, 0), x.dtype)
    for axis in (0, 1, None):
        check(xp.repeat(xp.asarray(empty), 3, axis=axis), np.repeat(empty, 3, axis=axis))
    check(xp.jit(lambda v: xp.repeat(v, 3, axis=0))(a), np.repeat(x, 3, axis=0))
    with pytest.raises(ValueError):
        xp.repeat(a, xp.asarray([1, -1, 1]), axis=1)
    for reps in ((2,), (2, 1, 3), (0, 2), ()):
        check(xp.tile(a, reps), np.tile(x, reps))
    check(xp.tile(xp.asarray(x[0, 0]), (2, 2)), np.tile(x[0, 0], (2, 2)))
    for axis in (0, 1, -1):
        got = xp.unstack(a, axis=axis)
        ref = np.moveaxis(x, axis, 0)
        assert isinstance(got, tuple) and len(got) == len(ref)
        for g, r in zip(got, ref, strict=True):
            check(g, r)
    # the framework's own split (Backend.unstack) on empty and batched arrays
    e = data(name, (2, 0, 3), seed=2)
    for axis in (0, 1, 2, -2):
        got = xp.unstack(xp.asarray(e), axis=axis)
        ref = np.moveaxis(e, axis, 0)
        assert len(got) == len(ref)
        for g, r in zip(got, ref, strict=True):
            check(g, r)
    with pytest.raises(ValueError, match="unstack"):
        xp.unstack(xp.asarray(x[0, 0]))


def test_broadcast(backend: str) -> None:
    x, y = np.arange(3, dtype=np.int8), np.ones((2, 1), np.float32)
    got = xp.broadcast_arrays(xp.asarray(x), xp.asarray(y))
    for g, r in zip(got, np.broadcast_arrays(x, y), strict=True):
        check(g, r)
    assert xp.broadcast_shapes((2, 1), (3,), ()) == (2, 3)
    assert xp.broadcast_shapes((0, 1), (1, 4)) == (0, 4)
    assert xp.broadcast_shapes() == ()
    with pytest.raises(ValueError):
        xp.broadcast_shapes((2,), (3,))
    with pytest.raises(ValueError):
        xp.broadcast_arrays(xp.asarray(x), xp.ones(4))


@pytest.mark.parametrize("name", DTYPES)
def test_take(backend: str, name: str) -> None:
    x = data(name, (3, 4), seed=2)
    a = xp.asarray(x)
    idx = np.array([2, -1, 0, 0])
    check(xp.take(xp.asarray(x[0]), xp.asarray(idx)), np.take(x[0], idx))
    check(xp.take(a, xp.asarray(idx[:3]), axis=0), np.take(x, idx[:3], axis=0))
    check(xp.take(a, xp.asarray(idx), axis=1), np.take(x, idx, axis=1))
    check(xp.take(a, xp.asarray(idx[:0]), axis=1), np.take(x, idx[:0], axis=1))
    with pytest.raises(IndexError):
        xp.take(a, xp.asarray([4]), axis=1)
    with pytest.raises(ValueError):
        xp.take(a, xp.asarray([0]))
    order = np.argsort(x.real if name.startswith("complex") else x, axis=1, kind="stable")
    for axis in (1, -1):
        check(
            xp.take_along_axis(a, xp.asarray(order), axis=axis),
            np.take_along_axis(x, order, axis=axis),
        )
    first = order[:, :1]
    check(xp.take_along_axis(a, xp.asarray(first)), np.take_along_axis(x, first, axis=-1))
    rows = np.array([[2, 0, 1, 1]])
    check(xp.take_along_axis(a, xp.asarray(rows), axis=0), np.take_along_axis(x, rows, axis=0))
    with pytest.raises(ValueError):
        xp.take_along_axis(a, xp.asarray(idx))


def _outcome(fn: Any) -> tuple:
    try:
        r = fn()
    except Exception as exc:
        return type(exc), str(exc)
    return r.dtype, r.shape, to_np(r).tobytes()


@pytest.mark.parametrize("index", ["int8", "uint8", "int32", "uint32", "int64", "uint64"])
def test_take_one_kernel_matches_the_composed_path(
    backend: str, index: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Backend.take`` (one kernel with an in-range flag) gives the composed indexing's values,
    and, for an index out of range, its IndexError with the same message."""
    rng = np.random.default_rng(4)
    info = np.iinfo(index)
    cases = []
    for shape, axis in [((5,), 0), ((3, 4), 1), ((2, 3, 200), 2), ((3, 0), 0), ((0, 3), 1)]:
        n = shape[axis]
        x = xp.asarray(data("float32", shape, seed=3))
        for lo, hi in [(-n, n - 1), (-n - 2, n + 2), (int(info.min), int(info.max))]:
            lo, hi = max(lo, int(info.min)), min(hi, int(info.max))
            for m in (0, 1, 6):
                idx = xp.asarray(rng.integers(lo, hi, m, endpoint=True, dtype=index))
                cases.append(lambda x=x, i=idx, a=axis: xp.take(x, i, axis=a))
                spread = list(shape)
                spread[axis] = m
                for along in (spread, [m if i == axis else 1 for i in range(len(shape))]):
                    i2 = xp.asarray(rng.integers(lo, hi, along, endpoint=True, dtype=index))
                    cases.append(lambda x=x, i=i2, a=axis: xp.take_along_axis(x, i, axis=a))
    x = xp.asarray(data("float32", (1, 4), seed=3))  # a dimension of 1 against one of 3
    cases.append(lambda: xp.take_along_axis(x, xp.asarray(np.array([[0], [-1], [3]])), axis=1))
    fast = [_outcome(case) for case in cases]
    b = xp.asarray([0])._backend
    monkeypatch.setattr(type(b), "take", Backend.take)
    composed = [_outcome(case) for case in cases]
    for got, want in zip(fast, composed, strict=True):
        if want[0] is OverflowError:  # jax's indexing of int8 indices into 200 elements failed
            assert not isinstance(got[0], type)
            continue
        assert got == want
    assert any(o[0] is ArrayshimIndexError for o in fast)


@pytest.mark.parametrize(
    "name", ["int8", "uint32", "uint64", "int64", "float32", "float64", "complex128"]
)
def test_linear_algebra(backend: str, name: str) -> None:
    rng = np.random.default_rng(3)
    x = rng.integers(-3, 4, (2, 3, 4)).astype(name)
    y = rng.integers(-3, 4, (3, 4, 5)).astype(name)
    if name.startswith("complex"):
        x = x + 1j * x[::-1]
    rtol = 1e-5 if name == "float32" else 1e-12
    check(xp.matrix_transpose(xp.asarray(x)), np.matrix_transpose(x))
    with pytest.raises(ValueError):
        xp.matrix_transpose(xp.asarray(x[0, 0]))
    with np.errstate(all="ignore"):
        for axes in (0, 2, ((1, 2), (0, 1)), ([1], [0]), ((-1,), (1,))):
            check(
                xp.tensordot(xp.asarray(x), xp.asarray(y), axes=axes),
                np.tensordot(x, y, axes=axes),
                rtol,
                zero_signs=False,
            )
        check(xp.vecdot(xp.asarray(x), xp.asarray(x)), np.vecdot(x, x), rtol, zero_signs=False)
        check(
            xp.vecdot(xp.asarray(x[0]), xp.asarray(y[:, 0, :4]), axis=0),
            np.vecdot(x[0], y[:, 0, :4], axis=0),
            rtol,
            zero_signs=False,
        )
        check(
            xp.vecdot(xp.asarray(x), xp.asarray(x[0, 0])),
            np.vecdot(x, x[0, 0]),
            rtol,
            zero_signs=False,
        )
    with pytest.raises(ValueError):
        xp.tensordot(xp.asarray(x), xp.asarray(y), axes=((0,), (0,)))
    with pytest.raises(ValueError):
        xp.vecdot(xp.asarray(x), xp.asarray(y[:, :, :3]), axis=-1)
    with pytest.raises(TypeError):
        xp.vecdot(xp.asarray([True]), xp.asarray([True]))


@pytest.mark.parametrize("name", ["int8", "uint64", "float32", "complex64"])
def test_tensordot_hook_matches_the_composition(
    backend: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An adapter's ``Backend.tensordot`` gives the bits of the frontend's one-``matmul``
    composition where it runs the same kernel (TensorFlow's: transposes and reshapes skipped
    where they change nothing): wrapping integers, NaN and infinities, every kind of axes."""
    if backend in ("numpy", "torch", "jax") and name[0] in "fc":
        pytest.skip("np/torch/jnp.tensordot: their own summation order (within rounding)")
    rng = np.random.default_rng(4)
    x = rng.integers(-(2**62), 2**62, (2, 3, 4)).astype(name)
    y = rng.integers(-(2**62), 2**62, (3, 4, 5)).astype(name)
    if name[0] in "fc":
        x = rng.standard_normal((2, 3, 4)).astype(name) * 1e30
        x[0, 0, 0], x[1, 2, 3] = np.nan, np.inf
    cases = [
        (x, y, 0),
        (x, y, 2),
        (x, y, ((1, 2), (0, 1))),
        (x, y, ((2, 1), (1, 0))),
        (x, y, ((1,), (0,))),
        (y, x, ((0,), (1,))),
        (x[:, :0], y[:0], ((1,), (0,))),
    ]
    with np.errstate(all="ignore"):
        hooked = [to_np(xp.tensordot(xp.asarray(a), xp.asarray(b), axes=ax)) for a, b, ax in cases]
        monkeypatch.setattr(xp.asarray(x)._backend, "tensordot", lambda *args: None)
        composed = [
            to_np(xp.tensordot(xp.asarray(a), xp.asarray(b), axes=ax)) for a, b, ax in cases
        ]
    for got, want in zip(hooked, composed, strict=True):
        assert got.dtype == want.dtype and got.shape == want.shape
        assert got.tobytes() == want.tobytes()


def test_vecdot_promotes(backend: str) -> None:
    x, y = np.array([1, 2, 3], np.int8), np.array([0.5, 1.5, 2.0], np.float32)
    check(xp.vecdot(xp.asarray(x), xp.asarray(y)), np.vecdot(x, y), 1e-6)


def ref_unique(x: np.ndarray) -> tuple[np.ndarray, ...]:
    values, index, inverse, counts = np.unique(
        x, return_index=True, return_inverse=True, return_counts=True, equal_nan=False
    )
    return (
        values,
        index.astype(np.int64),
        inverse.reshape(x.shape).astype(np.int64),
        counts.astype(np.int64),
    )


@pytest.mark.parametrize("name", [*DTYPES, "int32", "float32", "complex128"])
def test_unique(backend: str, name: str) -> None:
    for shape in ((12,), (3, 4), (0,), (2, 0), ()):
        x = data(name, shape, seed=4)
        if name.startswith("complex") and x.size > 1:
            x.flat[::3] = x.flat[1]  # ties among complex values
        values, index, inverse, counts = ref_unique(x)
        got = xp.unique_all(xp.asarray(x))
        assert got._fields == ("values", "indices", "inverse_indices", "counts")
        if name.startswith(("float", "complex")):
            # which of the equal -0.0/0.0 comes first is unspecified: compare up to the sign
            np.testing.assert_array_equal(to_values(got.values), values)
        else:
            check(got.values, values)
        check(got.indices, index)
        check(got.inverse_indices, inverse)
        check(got.counts, counts)
        got_c = xp.unique_counts(xp.asarray(x))
        check(got_c.counts, counts)
        got_i = xp.unique_inverse(xp.asarray(x))
        check(got_i.inverse_indices, inverse)
        assert xp.unique_values(xp.asarray(x)).shape == values.shape


@pytest.mark.parametrize("name", ["float16", "float32", "float64"])
def test_unique_keeps_the_first_zero(backend: str, name: str) -> None:
    # the framework's sort-based unique (Backend.unique) may keep either of 0.0 == -0.0;
    # arrayshim keeps the first in x on every backend, as a stable sort does
    rng = np.random.default_rng(5)
    for first in (0.0, -0.0):
        for size in (2, 7, 300):
            x = np.where(rng.random(size) < 0.5, -0.0, 0.0).astype(name)
            x[rng.integers(0, size, size // 3)] = np.nan
            x[: size // 4] = 1.5
            x[size // 4] = first
            a = xp.asarray(x)
            for got in (
                xp.unique_values(a),
                xp.unique_counts(a).values,
                xp.unique_inverse(a).values,
                xp.unique_all(a).values,
            ):
                zero = np.asarray(got)[np.asarray(got) == 0]
                assert zero.shape == (1,) and np.signbit(zero[0]) == np.signbit(first)
            check(xp.unique_counts(a).counts, ref_unique(x)[3])


def to_values(a: xp.Array) -> np.ndarray:
    return np.asarray(a)


@pytest.mark.parametrize("name", ["bool", "int8", "uint64", "float16", "float64", "complex64"])
def test_isin(backend: str, name: str) -> None:
    x1 = data(name, (3, 4), seed=5)
    x2 = data(name, (5,), seed=6)
    for invert in (False, True):
        check(
            xp.isin(xp.asarray(x1), xp.asarray(x2), invert=invert), np.isin(x1, x2, invert=invert)
        )
        check(
            xp.isin(xp.asarray(x1), xp.asarray(x2[:0]), invert=invert),
            np.isin(x1, x2[:0], invert=invert),
        )
        check(
            xp.isin(xp.asarray(x1[0, 0]), xp.asarray(x2), invert=invert),
            np.isin(x1[0, 0], x2, invert=invert),
        )
    check(xp.isin(xp.asarray(x1[:0]), xp.asarray(x2)), np.isin(x1[:0], x2))


@pytest.mark.parametrize("name", ["int8", "int64", "uint8", "uint32", "float16", "float32"])
def test_isin_many_candidates(backend: str, name: str) -> None:
    # enough candidates that torch.isin sorts (its own kernel, few candidates compare one by
    # one), with duplicates, NaN, infinities and both zeros among them: NumPy's answers
    rng = np.random.default_rng(7)
    if name.startswith(("int", "uint")):
        x1 = rng.integers(0, 100, 3000).astype(name)
        x2 = rng.integers(0, 100, 1000).astype(name) // 2 * 2  # the even values only
    else:
        pool = np.array([0.0, -0.0, np.nan, np.inf, -np.inf, 1.5, -2.0, 3.25, 1e-3], name)
        x1 = np.concatenate([pool, rng.standard_normal(2991).astype(name)])
        x2 = np.concatenate([pool[[1, 2, 3, 5]], x1[rng.integers(0, 3000, 1000)]])
    for invert in (False, True):
        check(
            xp.isin(xp.asarray(x1), xp.asarray(x2), invert=invert), np.isin(x1, x2, invert=invert)
        )
    check(xp.isin(xp.asarray(x1.reshape(30, -1)), xp.asarray(x2)), np.isin(x1.reshape(30, -1), x2))


def test_isin_mixed_and_scalars(backend: str) -> None:
    x1, x2 = np.array([1, 2, 3, 4], np.int16), np.array([2.0, 3.5, np.nan, 4.0])
    check(xp.isin(xp.asarray(x1), xp.asarray(x2)), np.isin(x1, x2))
    check(xp.isin(xp.asarray(x1), 3), np.isin(x1, 3))
    check(xp.isin(2, xp.asarray(x1)), np.isin(2, x1))
    check(
        xp.isin(xp.asarray([np.nan, 1.0]), xp.asarray([np.nan])), np.isin([np.nan, 1.0], [np.nan])
    )


def test_toy_backend_keeps_fake_device() -> None:
    """The toy third-party backend (NumPy underneath, fake devices) runs the new adapter
    methods, and every result stays on the input's device."""
    with xp.use_backend("toy"):
        x = xp.asarray([3.0, np.nan, 1.0, 3.0], device="fake:1")
        results = [
            xp.sort(x),
            xp.argsort(x, descending=True),
            xp.argmax(x),
            xp.nonzero(x)[0],
            xp.searchsorted(xp.sort(x), x),
            xp.cumulative_sum(x, include_initial=True),
            xp.repeat(x, xp.asarray([1, 0, 2, 1], device="fake:1")),
            xp.take(x, xp.asarray([0], device="fake:1")),
            *xp.unique_all(x),
            xp.isin(x, x),
            xp.vecdot(x, x),
            xp.all(x[:0]),
            xp.diff(x, prepend=0.0),
        ]
        for r in results:
            assert type(xp.to_native(r)).__name__ == "ToyArray" and r.device == xp.Device(
                "fake", 1
            ), r
        check(results[6], np.array([3.0, 1.0, 1.0, 3.0]))
        check(results[8], np.array([1.0, 3.0, np.nan]))


def test_calls_seen_before_are_still_checked(backend: str) -> None:
    """reshape, permute_dims, moveaxis, expand_dims, squeeze, flip and broadcast_to remember a
    validated call by shape and arguments (and their types): the same call again gives the same
    result, and a float or bool where an int was, or another shape, is checked again."""
    a = xp.reshape(xp.arange(8), (2, 4))
    for _ in range(2):
        assert xp.reshape(a, (4, -1)).shape == (4, 2)
        assert xp.permute_dims(a, (1, 0)).shape == (4, 2)
        assert xp.moveaxis(a, 0, 1).shape == (4, 2)
        assert xp.expand_dims(a, axis=1).shape == (2, 1, 4)
        assert xp.squeeze(xp.expand_dims(a, axis=0), axis=0).shape == (2, 4)
        assert xp.flip(a, axis=1).shape == (2, 4)
        assert xp.broadcast_to(a, (3, 2, 4)).shape == (3, 2, 4)
    assert int(xp.flip(a, axis=1)[0, 0]) == 3
    with pytest.raises(TypeError, match="reshape"):
        xp.reshape(a, (4.0, -1))
    with pytest.raises(ValueError, match="reshape"):
        xp.reshape(xp.arange(6), (4, -1))  # another shape, the same argument
    with pytest.raises(TypeError):
        xp.permute_dims(a, (1.0, 0))
    with pytest.raises(TypeError):
        xp.moveaxis(a, 0.0, 1)
    with pytest.raises(TypeError):
        xp.expand_dims(a, axis=1.0)
    with pytest.raises(ValueError, match="squeeze"):
        xp.squeeze(xp.expand_dims(a, axis=1), axis=0)
    with pytest.raises(TypeError):
        xp.flip(a, axis=1.0)
    with pytest.raises(ValueError, match="broadcast_to"):
        xp.broadcast_to(xp.ones((3, 4)), (3, 2, 4))


@pytest.mark.parametrize("name", ["int8", "uint64", "float32", "complex64"])
def test_meshgrid(backend: str, name: str) -> None:
    # one dtype: the framework's meshgrid where the adapter has one (Backend.meshgrid); mixed
    # dtypes compose; every result is a new array (a write changes nothing else)
    xs = [data(name, (k,), seed=k) for k in (3, 2, 4)]
    for count in (1, 2, 3):
        for indexing in ("xy", "ij"):
            got = xp.meshgrid(*[xp.asarray(v) for v in xs[:count]], indexing=indexing)
            want = np.meshgrid(*xs[:count], indexing=indexing)
            assert isinstance(got, tuple) and len(got) == count
            for g, w in zip(got, want, strict=True):
                check(g, w)
    a, b = xp.asarray(xs[0]), xp.asarray(xs[1])
    g0, g1 = xp.meshgrid(a, b)
    g0[0, 0] = g1[1, 1]
    check(a, xs[0])
    check(g1, np.meshgrid(xs[0], xs[1])[1])
    mixed = xp.meshgrid(a, xp.asarray(np.arange(2, dtype=np.int16)), indexing="ij")
    assert mixed[0].dtype == a.dtype and mixed[1].dtype == xp.int16 and mixed[1].shape == (3, 2)
    assert xp.meshgrid() == ()
    jitted = xp.jit(lambda u, v: xp.meshgrid(u, v, indexing="ij")[1])(a, b)
    check(jitted, np.meshgrid(xs[0], xs[1], indexing="ij")[1])


@pytest.mark.parametrize("name", ["float16", "float32", "float64"])
def test_unique_nans_keep_their_order(backend: str, name: str) -> None:
    # every NaN is its own value, and they come in the order they occur: NaN's inverse index and
    # first index follow a stable sort on every backend, whatever the framework's unique does
    rng = np.random.default_rng(6)
    for size in (5, 24, 300):
        x = rng.integers(0, 4, size).astype(name)
        x[rng.random(size) < 0.3] = np.nan
        values, index, inverse, counts = ref_unique(x)
        got = xp.unique_all(xp.asarray(x))
        check(got.indices, index)
        check(got.inverse_indices, inverse)
        check(got.counts, counts)
        check(xp.unique_inverse(xp.asarray(x)).inverse_indices, inverse)
