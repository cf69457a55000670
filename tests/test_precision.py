"""No silent precision loss: every creation and conversion path keeps 64-bit dtypes on every
backend (TensorFlow's own ``tf.constant([1.5])`` would be float32, torch's ``torch.tensor``
float32); ``astype`` is the only way down."""

from __future__ import annotations

import numpy as np
import pytest

import arrayshim as xp
from conftest import BACKENDS, native_of

BIG_INT = 2**62 + 1  # not representable in float64 or int32
FINE_FLOAT = 1.0 + 2.0**-40  # not representable in float32


def _values(a: xp.Array) -> list:
    return np.asarray(a).ravel().tolist()


@pytest.mark.parametrize(
    ("make", "dtype", "value"),
    [
        (lambda: xp.asarray([BIG_INT, 1]), "int64", BIG_INT),
        (lambda: xp.asarray(BIG_INT), "int64", BIG_INT),
        (lambda: xp.asarray([FINE_FLOAT, 1.0]), "float64", FINE_FLOAT),
        (lambda: xp.asarray(FINE_FLOAT), "float64", FINE_FLOAT),
        (lambda: xp.asarray([[FINE_FLOAT]]), "float64", FINE_FLOAT),
        (lambda: xp.asarray([FINE_FLOAT + 1j]), "complex128", FINE_FLOAT + 1j),
        (lambda: xp.asarray([BIG_INT], dtype=xp.uint64), "uint64", BIG_INT),
        (lambda: xp.asarray([2**64 - 1], dtype=xp.uint64), "uint64", 2**64 - 1),
        (lambda: xp.asarray(np.array([BIG_INT])), "int64", BIG_INT),
        (lambda: xp.asarray(np.array([FINE_FLOAT])), "float64", FINE_FLOAT),
        (lambda: xp.asarray(np.array([2**64 - 1], dtype=np.uint64)), "uint64", 2**64 - 1),
        (lambda: xp.full((2,), BIG_INT), "int64", BIG_INT),
        (lambda: xp.full((2,), FINE_FLOAT), "float64", FINE_FLOAT),
        (lambda: xp.full((2,), 2**64 - 1, dtype=xp.uint64), "uint64", 2**64 - 1),
        (lambda: xp.full_like(xp.zeros(2, dtype=xp.int64), BIG_INT), "int64", BIG_INT),
        (lambda: xp.arange(BIG_INT, BIG_INT + 2), "int64", BIG_INT),
        (lambda: xp.arange(2**64 - 2, 2**64, dtype=xp.uint64), "uint64", 2**64 - 2),
        (lambda: xp.arange(0.0, 2.0, FINE_FLOAT), "float64", FINE_FLOAT),
        (lambda: xp.linspace(1.0, FINE_FLOAT, 2), "float64", FINE_FLOAT),
        (lambda: xp.zeros(2), "float64", 0.0),
        (lambda: xp.ones(2, dtype=xp.int64) * BIG_INT, "int64", BIG_INT),
        (lambda: xp.eye(2), "float64", 1.0),
        (lambda: xp.empty(2), "float64", None),
        (lambda: xp.asarray([1, 2]) + BIG_INT, "int64", BIG_INT + 1),
        (lambda: xp.asarray([1.0]) * FINE_FLOAT, "float64", FINE_FLOAT),
        (lambda: xp.sum(xp.asarray([BIG_INT, 0])), "int64", BIG_INT),
        (lambda: xp.sum(xp.asarray([1, 2], dtype=xp.int8)), "int64", 3),
        (lambda: xp.mean(xp.asarray([FINE_FLOAT, FINE_FLOAT])), "float64", FINE_FLOAT),
        (lambda: xp.asarray([1, 2]) / 1, "float64", 1.0),
        (lambda: xp.where(xp.asarray([True]), BIG_INT, 0), "int64", BIG_INT),
        (
            lambda: xp.concat([xp.asarray([BIG_INT]), xp.asarray([1], dtype=xp.int32)]),
            "int64",
            BIG_INT,
        ),
        (
            lambda: xp.stack([xp.asarray([FINE_FLOAT]), xp.asarray([1.0], dtype=xp.float32)]),
            "float64",
            FINE_FLOAT,
        ),
    ],
)
def test_creation_keeps_64_bits(backend: str, make: object, dtype: str, value: object) -> None:
    a = make()
    assert a.dtype.name == dtype
    native = xp.to_native(a)
    native_dtype = getattr(native.dtype, "name", None) or str(native.dtype).rsplit(".", 1)[-1]
    assert native_dtype == dtype  # the framework's own dtype too
    if value is not None:
        assert value in _values(a)


@pytest.mark.parametrize("dtype", ["int64", "uint64", "float64", "complex128"])
def test_conversion_between_backends_keeps_64_bits(backend: str, dtype: str) -> None:
    """Foreign arrays, arrayshim arrays, DLPack, NumPy round trips: all keep the dtype."""
    value = {
        "int64": BIG_INT,
        "uint64": 2**64 - 1,
        "float64": FINE_FLOAT,
        "complex128": FINE_FLOAT - 2j,
    }[dtype]
    data = np.array([value, 0], dtype=dtype)
    for source in BACKENDS:
        native = native_of(source, data, dtype)
        a = xp.asarray(native)
        assert a._backend.name == backend and a.dtype.name == dtype
        assert value in _values(a)
        b = xp.asarray(a, copy=True)
        assert b.dtype.name == dtype and value in _values(b)
        assert np.asarray(a).dtype == np.dtype(dtype)
        assert value in np.asarray(a).tolist()
    with xp.use_backend(backend):
        a = xp.asarray(data)
    for target in BACKENDS:  # arrayshim arrays converted onward keep it too
        with xp.use_backend(target):
            c = xp.asarray(xp.to_native(a))
        assert c.dtype.name == dtype and value in _values(c)


def test_astype_is_the_only_way_down(backend: str) -> None:
    a = xp.asarray([FINE_FLOAT])
    assert xp.astype(a, xp.float32).dtype is xp.float32
    assert _values(xp.astype(a, xp.float32)) == [1.0]
    with pytest.raises(TypeError):  # a narrowing setitem refuses instead of truncating
        xp.zeros(1, dtype=xp.float32)[0] = xp.asarray([FINE_FLOAT])[0]
    with pytest.raises(TypeError):  # so does an in-place op that would need float64
        b = xp.zeros(1, dtype=xp.int32)
        b += xp.asarray([1.5])
    with xp.use_promotion("float32"):  # only an explicit policy changes the default dtypes
        assert xp.asarray([1.5]).dtype is xp.float32
        assert xp.asarray([BIG_INT]).dtype is xp.int64
