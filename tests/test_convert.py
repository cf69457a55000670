"""``convert``: every dtype kept exactly between every pair of backends; memory shared where the
frameworks allow; the same error as selection for an unknown backend."""

from __future__ import annotations

import numpy as np
import pytest

import arrayshim as xp
from arrayshim import _dtypes
from conftest import BACKENDS, native_of, to_np


def _sample(dt: _dtypes.DType) -> np.ndarray:
    if dt.kind == "b":
        return np.array([[True, False, True], [False, True, False]])
    if dt.kind in "iu":
        info = np.iinfo(dt.name)
        return np.array([[0, 1, info.max], [info.min, 7, 3]], dtype=dt.name)
    vals = np.array([[0.0, -1.5, 2.25], [3.0, -0.0, np.inf]])
    if dt.kind == "c":
        return (vals + 1j * vals[::-1].clip(-9, 9)).astype(dt.name)
    return vals.astype(dt.name)


@pytest.mark.parametrize("target", BACKENDS)
def test_every_dtype_kept(backend: str, target: str) -> None:
    for dt in _dtypes.ALL:
        data = _sample(dt)
        a = xp.asarray(data)
        out = xp.convert(a, target)
        assert type(out) is xp.Array
        assert out._backend.name == target
        assert out.dtype is dt, (dt, target)
        assert out.shape == (2, 3)
        np.testing.assert_array_equal(to_np(out), data)


@pytest.mark.parametrize("target", BACKENDS)
def test_native_input(backend: str, target: str) -> None:
    native = native_of(backend, [1, 2, 3], "uint32")
    out = xp.convert(native, target)
    assert out._backend.name == target and out.dtype is xp.uint32
    np.testing.assert_array_equal(to_np(out), [1, 2, 3])


def test_same_backend_is_identity(backend: str) -> None:
    a = xp.ones(3)
    assert xp.convert(a, backend) is a
    assert (
        xp.convert(
            a, {"numpy": "np", "torch": "pytorch", "tensorflow": "tf", "jax": "JAX"}[backend]
        )
        is a
    )


def test_numpy_torch_share_memory() -> None:
    pytest.importorskip("torch")
    a = xp.convert(xp.asarray(np.zeros(4, dtype=np.float32)), "numpy")
    t = xp.convert(a, "torch")
    xp.to_native(t)[1] = 5  # write through torch ...
    assert to_np(a)[1] == 5  # ... read through NumPy
    back = xp.convert(t, "numpy")
    xp.to_native(back)[2] = 7  # write through NumPy ...
    assert float(xp.to_native(t)[2]) == 7  # ... read through torch


def test_unknown_backend_same_error_as_selection() -> None:
    with pytest.raises(xp.BackendNotFoundError) as exc:
        xp.convert(xp.ones(2), "mxnet")
    with pytest.raises(xp.BackendNotFoundError) as sel:
        xp.use_backend("mxnet")
    assert "arrayshim.convert(): invalid `backend`" in str(exc.value)
    assert str(exc.value).split("Expected", 1)[1] == str(sel.value).split("Expected", 1)[1]


def test_not_an_array() -> None:
    with pytest.raises(TypeError, match="convert"):
        xp.convert([1, 2], "numpy")


def test_bad_device(backend: str) -> None:
    with pytest.raises(xp.DeviceError):
        xp.convert(xp.ones(2), "numpy", device="gpu:7")


def test_tensorflow_ops_take_host_arrays_and_refuse_other_frameworks():
    """A TF op given an arrayshim Array: its own tensors and NumPy (host) data convert; a torch
    array is refused (no silent copy between frameworks, or off a device)."""
    tf = pytest.importorskip("tensorflow")
    pytest.importorskip("torch")
    with xp.use_backend("numpy"):
        host = xp.asarray([1.0, 2.0])
    with xp.use_backend("tensorflow"):
        own = xp.asarray([1.0, 2.0])
    with xp.use_backend("torch"):
        other = xp.asarray([1.0, 2.0])
    assert tf.add(tf.ones(2, tf.float64), host).numpy().tolist() == [2.0, 3.0]
    assert tf.add(tf.ones(2, tf.float64), own).numpy().tolist() == [2.0, 3.0]
    with pytest.raises(TypeError, match="backend tensorflow or numpy.*backend torch"):
        tf.add(tf.ones(2, tf.float64), other)
