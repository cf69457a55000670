"""``xp.random``: the same seed gives the same numbers on every backend; NumPy's semantics."""

from __future__ import annotations

import numpy as np
import pytest

import arrayshim as xp
from arrayshim.random import philox4x32
from conftest import BACKENDS, to_np


def _draws(name: str, seed: int) -> dict[str, np.ndarray]:
    with xp.use_backend(name):
        rng = xp.random.default_rng(seed)
        out = {
            "random64": rng.random((3, 5)),
            "random32": rng.random(7, dtype=xp.float32),
            "random16": rng.random(5, dtype=xp.float16),
            "uniform": rng.uniform(-2.0, 3.0, size=(2, 2)),
            "integers": rng.integers(-7, 11, size=(4, 3)),
            "integers8": rng.integers(0, 255, size=9, dtype=xp.uint8, endpoint=True),
            "integers64": rng.integers(-(2**63), 2**63, size=4),
            "uint64": rng.integers(0, 2**64, size=4, dtype=xp.uint64),
            "permutation": rng.permutation(11),
            "permuted": rng.permutation(xp.reshape(xp.arange(12), (4, 3))),
            "choice": rng.choice(10, size=(2, 3)),
            "choice_noreplace": rng.choice(xp.arange(20, 30), size=5, replace=False),
            "choice_p": rng.choice(4, size=6, p=[0.1, 0.2, 0.3, 0.4]),
            "normal32": rng.normal(1.0, 2.0, size=6, dtype=xp.float32),
            "normal64": rng.normal(size=5),
        }
        return {k: (v.dtype, to_np(v)) for k, v in out.items()}


@pytest.mark.parametrize("seed", [0, 1, 12345, 2**64 + 5])
def test_same_numbers_on_every_backend(seed: int) -> None:
    ref = _draws("numpy", seed)
    for name in BACKENDS:
        got = _draws(name, seed)
        for key, (dtype, values) in ref.items():
            assert got[key][0] is dtype, (name, key)
            assert got[key][1].shape == values.shape
            if key.startswith("normal64"):  # log/cos/sin of each framework: a few ulp
                np.testing.assert_allclose(got[key][1], values, rtol=1e-13, err_msg=f"{name} {key}")
            else:
                np.testing.assert_array_equal(got[key][1], values, err_msg=f"{name} {key}")


def test_philox_known_answers(backend: str) -> None:
    """Random123's known-answer vectors for Philox4x32-10."""
    cases = [
        ((0, 0, 0, 0), (0, 0), (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
        ((2**32 - 1,) * 4, (2**32 - 1,) * 2, (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
        (
            (0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344),
            (0xA4093822, 0x299F31D0),
            (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1),
        ),
    ]
    for counter, key, expected in cases:
        out = philox4x32(tuple(xp.asarray([c], dtype=xp.uint64) for c in counter), key)
        assert tuple(int(o[0]) for o in out) == expected


def test_dtypes_ranges_and_statistics(backend: str) -> None:
    rng = xp.random.default_rng(7)
    u = to_np(rng.random(20000))
    assert u.dtype == np.float64 and u.min() >= 0 and u.max() < 1
    assert abs(u.mean() - 0.5) < 0.01 and abs(u.std() - (1 / 12) ** 0.5) < 0.01
    z = to_np(rng.normal(3.0, 2.0, size=20000, dtype=xp.float32))
    assert z.dtype == np.float32 and abs(z.mean() - 3.0) < 0.05 and abs(z.std() - 2.0) < 0.05
    k = to_np(rng.integers(5, 15, size=20000, dtype=xp.int16))
    assert k.dtype == np.int16 and k.min() == 5 and k.max() == 14
    assert np.all(np.abs(np.bincount(k - 5) / 20000 - 0.1) < 0.01)
    c = to_np(rng.choice(3, size=20000, p=[0.2, 0.0, 0.8]))
    assert set(np.unique(c)) == {0, 2} and abs((c == 2).mean() - 0.8) < 0.015


def test_stream_advances_and_seeds_differ(backend: str) -> None:
    rng = xp.random.default_rng(3)
    a, b = to_np(rng.random(4)), to_np(rng.random(4))
    assert not np.array_equal(a, b)
    assert not np.array_equal(
        to_np(xp.random.default_rng(4).random(4)), to_np(xp.random.default_rng(3).random(4))
    )
    assert xp.random.default_rng(rng) is rng
    assert to_np(xp.random.default_rng().random(2)).shape == (2,)  # OS entropy


def test_shapes_and_scalars(backend: str) -> None:
    rng = xp.random.default_rng(0)
    assert rng.random().shape == ()
    assert rng.integers(5).shape == ()
    assert rng.normal(size=0).shape == (0,)
    assert rng.choice(xp.arange(5)).shape == ()
    assert rng.permutation(0).shape == (0,)


def test_permutation_and_shuffle(backend: str) -> None:
    rng = xp.random.default_rng(11)
    p = to_np(rng.permutation(50))
    assert sorted(p) == list(range(50)) and not np.array_equal(p, np.arange(50))
    x = xp.reshape(xp.arange(12), (3, 4))
    before = to_np(x).copy()
    assert rng.shuffle(x, axis=1) is None  # in place
    after = to_np(x)
    assert sorted(map(tuple, after.T)) == sorted(map(tuple, before.T)) and not np.array_equal(
        after, before
    )


def test_shuffle_native_in_place() -> None:
    arr = np.arange(10)
    xp.random.default_rng(1).shuffle(arr)
    assert sorted(arr) == list(range(10)) and not np.array_equal(arr, np.arange(10))


def test_bad_arguments(backend: str) -> None:
    rng = xp.random.default_rng(0)
    with pytest.raises(ValueError, match="seed"):
        xp.random.default_rng(-1)
    with pytest.raises(TypeError, match="seed"):
        xp.random.default_rng(1.5)
    with pytest.raises(ValueError, match="high"):
        rng.integers(5, 5)
    with pytest.raises(ValueError, match="range of int8"):
        rng.integers(0, 300, dtype=xp.int8)
    with pytest.raises(TypeError, match="integer dtype"):
        rng.integers(0, 3, dtype=xp.float32)
    with pytest.raises(TypeError, match="floating-point"):
        rng.random(3, dtype=xp.int32)
    with pytest.raises(ValueError, match="shape"):
        rng.random(-1)
    with pytest.raises(ValueError, match="without replacement"):
        rng.choice(3, size=4, replace=False)
    with pytest.raises(ValueError, match="sum to 1"):
        rng.choice(3, p=[0.5, 0.5, 0.5])
    with pytest.raises(NotImplementedError):
        rng.choice(3, size=2, replace=False, p=[0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match="0-d"):
        rng.shuffle(xp.asarray(3))
    with pytest.raises(xp.DeviceError):
        rng.random(2, device="gpu:9")


def test_tf_tensor_cannot_be_shuffled() -> None:
    tf = pytest.importorskip("tensorflow")
    if "tensorflow" not in BACKENDS:
        pytest.skip("no tensorflow backend")
    with pytest.raises(TypeError, match="in place"):
        xp.random.default_rng(0).shuffle(tf.range(3))
