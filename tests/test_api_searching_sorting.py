"""Searching, sorting, utility and cumulative functions give NumPy's dtype (int64 indices),
shape and values on every backend, for every real dtype, 0-d and empty arrays and NaN."""

from __future__ import annotations

import numpy as np
import pytest

import arrayshim as xp
from arrayshim import _dtypes
from conftest import to_np

REAL = [dt.name for dt in _dtypes.ALL if dt.kind != "c"]


def check(got: xp.Array, expected: np.ndarray, rtol: float = 0.0, zero_signs: bool = True) -> None:
    expected = np.asarray(expected)
    assert type(got) is xp.Array
    assert got.dtype.name == expected.dtype.name, (got.dtype, expected.dtype)
    assert got.shape == expected.shape, (got.shape, expected.shape)
    values = to_np(got)
    if expected.dtype.kind in "fc":
        np.testing.assert_allclose(values, expected, rtol=rtol, atol=0, equal_nan=True)
        if zero_signs:  # signs of zeros too (sorting and picking keep them)
            np.testing.assert_array_equal(np.signbit(values.real), np.signbit(expected.real))
    else:
        np.testing.assert_array_equal(values, expected)


def sample(name: str, shape: tuple[int, ...] = (3, 5), seed: int = 0) -> np.ndarray:
    """Values with ties, extremes, and for floats -0.0, inf and NaN."""
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    if name == "bool":
        return rng.integers(0, 2, n).astype(bool).reshape(shape)
    if name.startswith(("int", "uint")):
        info = np.iinfo(name)
        pool = np.array([info.min, info.max, 0, 1, 2, info.max - 1, info.min + 1], dtype=name)
        return rng.choice(pool, n).reshape(shape)
    pool = np.array([0.0, -0.0, 1.5, -2.0, np.inf, -np.inf, np.nan, 1.5, 3.0], dtype=name)
    return rng.choice(pool, n).reshape(shape)


def ref_argsort(x: np.ndarray, axis: int, descending: bool) -> np.ndarray:
    if not descending:
        return np.argsort(x, axis=axis, kind="stable")
    return x.shape[axis] - 1 - np.flip(np.argsort(np.flip(x, axis), axis=axis, kind="stable"), axis)


SHAPES = [(7,), (3, 5), (0,), (2, 0)]


@pytest.mark.parametrize("name", REAL)
def test_sort_argsort(backend: str, name: str) -> None:
    for shape in SHAPES:
        x = sample(name, shape)
        a = xp.asarray(x)
        for axis in (-1, 0):
            for descending in (False, True):
                order = ref_argsort(x, axis, descending)
                check(xp.argsort(a, axis=axis, descending=descending), order)
                check(
                    xp.sort(a, axis=axis, descending=descending), np.take_along_axis(x, order, axis)
                )
    with pytest.raises(ValueError):
        xp.sort(xp.asarray(sample(name, ())))


def test_sort_refuses_complex(backend: str) -> None:
    for fn in (xp.sort, xp.argsort, xp.argmax, xp.argmin):
        with pytest.raises(TypeError, match=rf"{fn.__name__}\(\).*complex128.*{backend}"):
            fn(xp.asarray([1j, 2]))


@pytest.mark.parametrize("name", REAL)
def test_argmax_argmin(backend: str, name: str) -> None:
    x = sample(name, (4, 6), seed=1)
    a = xp.asarray(x)
    for fn, ref in ((xp.argmax, np.argmax), (xp.argmin, np.argmin)):
        check(fn(a), np.asarray(ref(x), np.int64))
        check(fn(a, keepdims=True), np.asarray(ref(x, keepdims=True), np.int64))
        for axis in (0, 1, -1):
            check(fn(a, axis=axis), ref(x, axis=axis).astype(np.int64))
            check(
                fn(a, axis=axis, keepdims=True), ref(x, axis=axis, keepdims=True).astype(np.int64)
            )
        check(fn(xp.asarray(x[0, 0])), np.asarray(0, np.int64))
        with pytest.raises(ValueError, match="empty|non-empty"):
            fn(xp.asarray(x[:0]), axis=0)
        check(fn(xp.asarray(x[:, :0]), axis=0), np.zeros((0,), np.int64))


def test_argmax_nan_and_errors(backend: str) -> None:
    x = np.array([[1.0, np.nan, 5.0, np.nan], [-np.inf, -np.inf, 0.0, -0.0]])
    for fn, ref in ((xp.argmax, np.argmax), (xp.argmin, np.argmin)):
        check(fn(xp.asarray(x), axis=1), ref(x, axis=1))
    with pytest.raises(TypeError, match="argmax"):
        xp.argmax(xp.asarray([1j]))
    with pytest.raises(ValueError):
        xp.argmax(xp.asarray([]))


@pytest.mark.parametrize(
    "name", ["bool", "int8", "uint16", "uint64", "float16", "float64", "complex64"]
)
def test_nonzero_count_nonzero(backend: str, name: str) -> None:
    x = sample(name if name != "complex64" else "float32", (3, 4), seed=2).astype(name)
    if name == "complex64":
        with np.errstate(invalid="ignore"):
            x = np.where(np.isnan(x), np.nan, x * 1j).astype(name)
    a = xp.asarray(x)
    for got, ref in zip(xp.nonzero(a), np.nonzero(x), strict=True):
        check(got, ref.astype(np.int64))
    assert len(xp.nonzero(xp.asarray(x[0]))) == 1
    check(xp.nonzero(xp.asarray(x[:0]))[0], np.zeros(0, np.int64))
    with pytest.raises(ValueError):
        xp.nonzero(xp.asarray(x[0, 0]))
    check(xp.count_nonzero(a), np.asarray(np.count_nonzero(x), np.int64))
    check(xp.count_nonzero(a, axis=1), np.count_nonzero(x, axis=1).astype(np.int64))
    check(
        xp.count_nonzero(a, axis=(0, 1), keepdims=True),
        np.count_nonzero(x, axis=(0, 1), keepdims=True).astype(np.int64),
    )
    check(xp.count_nonzero(xp.asarray(x[:0]), axis=0), np.zeros(4, np.int64))


@pytest.mark.parametrize("name", REAL)
def test_searchsorted(backend: str, name: str) -> None:
    x1 = np.sort(sample(name, (9,), seed=3))
    x2 = sample(name, (2, 5), seed=4)
    for side in ("left", "right"):
        check(
            xp.searchsorted(xp.asarray(x1), xp.asarray(x2), side=side),
            np.searchsorted(x1, x2, side=side).astype(np.int64),
        )
        check(
            xp.searchsorted(xp.asarray(x1[:0]), xp.asarray(x2), side=side),
            np.zeros((2, 5), np.int64),
        )
        check(
            xp.searchsorted(xp.asarray(x1), xp.asarray(x2[0, 0]), side=side),
            np.asarray(np.searchsorted(x1, x2[0, 0], side=side), np.int64),
        )
    shuffled = np.random.default_rng(5).permutation(x1)
    sorter = np.argsort(shuffled, kind="stable")
    check(
        xp.searchsorted(xp.asarray(shuffled), xp.asarray(x2), sorter=xp.asarray(sorter)),
        np.searchsorted(shuffled, x2, sorter=sorter).astype(np.int64),
    )


def test_searchsorted_scalars_mixed_and_errors(backend: str) -> None:
    x1 = np.array([1, 3, 5, 7])
    check(xp.searchsorted(xp.asarray(x1), 4), np.asarray(2, np.int64))
    check(xp.searchsorted(xp.asarray(x1), 4.5, side="right"), np.asarray(2, np.int64))
    check(
        xp.searchsorted(xp.asarray(x1), xp.asarray([2.5, 7.0])),
        np.searchsorted(x1, [2.5, 7.0]).astype(np.int64),
    )
    with pytest.raises(ValueError):
        xp.searchsorted(xp.asarray([[1, 2]]), 1)
    with pytest.raises(ValueError):
        xp.searchsorted(xp.asarray(x1), 1, side="middle")


@pytest.mark.parametrize("name", ["bool", "int8", "uint64", "float32", "complex128"])
def test_all_any(backend: str, name: str) -> None:
    x = sample("float32" if name == "complex128" else name, (3, 4), seed=6).astype(name)
    if name == "complex128":
        with np.errstate(invalid="ignore"):
            x = np.where(np.isnan(x), np.nan, x * 1j).astype(name)
    x[1] = 1  # a row without zeros
    a = xp.asarray(x)
    for fn, ref in ((xp.all, np.all), (xp.any, np.any)):
        check(fn(a), np.asarray(ref(x)))
        for axis in (0, 1, (0, 1), -1):
            check(fn(a, axis=axis), ref(x, axis=axis))
            check(fn(a, axis=axis, keepdims=True), ref(x, axis=axis, keepdims=True))
        check(fn(xp.asarray(x[0, 0])), np.asarray(ref(x[0, 0])))
        check(fn(xp.asarray(x[:0]), axis=0), ref(x[:0], axis=0))
        check(fn(xp.asarray(x[:0]), keepdims=True), ref(x[:0], keepdims=True))


@pytest.mark.parametrize("name", ["bool", "uint8", "int16", "uint64", "float64", "complex64"])
def test_diff(backend: str, name: str) -> None:
    x = sample("float32" if name == "complex64" else name, (3, 5), seed=7).astype(name)
    a = xp.asarray(x)
    with np.errstate(all="ignore"):
        for n in (0, 1, 2, 6):
            for axis in (-1, 0):
                check(xp.diff(a, axis=axis, n=n), np.diff(x, axis=axis, n=n))
        pre, app = x[:, :1], x[:, :2]
        check(
            xp.diff(a, prepend=xp.asarray(pre), append=xp.asarray(app)),
            np.diff(x, prepend=pre, append=app),
        )
    check(xp.diff(xp.asarray(x[:0]), axis=0), np.diff(x[:0], axis=0))
    with pytest.raises(ValueError):
        xp.diff(xp.asarray(x[0, 0]))


@pytest.mark.parametrize(
    "name",
    ["bool", "int8", "uint16", "uint64", "int64", "float16", "float32", "float64", "complex64"],
)
def test_cumulative(backend: str, name: str) -> None:
    x = np.array([[1, 2, 0, 3], [4, 1, 2, 2], [1, 1, 3, 5]]).astype(name)
    if name.startswith("float"):
        x[0, 1] = np.nan if name != "float16" else 0.5
    a = xp.asarray(x)
    rtol = {"float16": 1e-3, "float32": 1e-6}.get(name, 1e-12)
    for fn, ref in (
        (xp.cumulative_sum, np.cumulative_sum),
        (xp.cumulative_prod, np.cumulative_prod),
    ):
        for axis in (0, 1, -1):
            for initial in (False, True):
                check(
                    fn(a, axis=axis, include_initial=initial),
                    ref(x, axis=axis, include_initial=initial),
                    rtol,
                )
        check(fn(xp.asarray(x[0])), ref(x[0]), rtol)
        check(fn(xp.asarray(x[0, 0])), ref(x[0, 0]), rtol)
        check(
            fn(xp.asarray(x[:0]), axis=0, include_initial=True),
            ref(x[:0], axis=0, include_initial=True),
        )
        if name != "complex64":
            check(fn(a, axis=1, dtype=xp.float64), ref(x, axis=1, dtype=np.float64), 1e-12)
        with pytest.raises(ValueError):
            fn(a)


@pytest.mark.parametrize("func", ["cumulative_sum", "cumulative_prod"])
def test_cumulative_in_every_integer_dtype_keeps_dtype_and_shape(backend: str, func: str) -> None:
    """The native result has the dtype the array says and the input's length (torch
    accumulated narrow integers in int64 and unsigned ones came back 2-4 times as long; found
    by the public Array API suite)."""
    for name in ("int8", "int16", "int32", "uint8", "uint16", "uint32", "uint64"):
        data = np.array([1, 2, 3], dtype=name)
        for initial in (False, True):
            out = getattr(xp, func)(
                xp.asarray(data), dtype=getattr(xp, name), include_initial=initial
            )
            want = (np.cumsum if func == "cumulative_sum" else np.cumprod)(data, dtype=name)
            if initial:
                want = np.concatenate(
                    [np.array([0 if func == "cumulative_sum" else 1], dtype=name), want]
                )
            assert out.dtype == getattr(xp, name) and np.asarray(
                xp.to_native(out)
            ).dtype == np.dtype(name), (name, initial)
            np.testing.assert_array_equal(np.asarray(out), want)


@pytest.mark.parametrize("dtype", ["float32", "float64", "int8", "uint8", "int64"])
def test_argmax_argmin_ties_signed_zeros_and_nan_match_numpy(backend: str, dtype: str) -> None:
    """The first position on ties, -0.0 tying with 0.0, the first NaN: whether the backend's
    own kernel runs (TensorFlow on the CPU without NaN) or the exact composition."""
    rng = np.random.default_rng(5)
    for trial in range(40):
        shape = tuple(int(n) for n in rng.integers(1, 6, size=int(rng.integers(1, 4))))
        v = rng.integers(-2, 3, size=shape).astype(dtype)
        if dtype.startswith("float"):
            v.flat[int(rng.integers(0, v.size))] = -0.0
            if trial % 3 == 0:
                v.flat[int(rng.integers(0, v.size))] = np.nan
        ax = int(rng.integers(-len(shape), len(shape)))
        for name in ("argmax", "argmin"):
            got = getattr(xp, name)(xp.asarray(v), axis=ax)
            np.testing.assert_array_equal(np.asarray(got), getattr(np, name)(v, axis=ax))
