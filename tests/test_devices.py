"""Device rules, tested on fake devices (the toy backend) and on each real backend's CPU."""

from __future__ import annotations

import numpy as np
import pytest

import arrayshim as xp
from arrayshim import Device


def test_device_values() -> None:
    assert xp.Device("gpu", 0) is xp.Device("gpu", 0)
    assert str(Device("gpu", 1)) == "gpu:1"
    from arrayshim._devices import as_device

    assert as_device("cuda:1") is Device("gpu", 1)
    assert as_device("/job:localhost/replica:0/task:0/device:GPU:0") is Device("gpu", 0)
    assert as_device("cpu") is Device("cpu", 0)
    with pytest.raises(ValueError, match="a device such as"):
        as_device("gpu-1")
    with pytest.raises(xp.DeviceError):
        xp.use_device(42)


def test_every_backend_lists_cpu(backend: str) -> None:
    assert Device("cpu", 0) in xp.devices()
    assert xp.zeros(2, device="cpu").device is Device("cpu", 0)


def test_absent_device_lists_available(backend: str) -> None:
    with pytest.raises(xp.DeviceError) as info:
        xp.zeros(2, device="gpu:7")
    assert "gpu:7" in str(info.value) and "cpu" in str(info.value)


def test_fake_devices_through_toy_backend() -> None:
    with xp.use_backend("toy"):
        assert [str(d) for d in xp.devices()] == ["cpu", "fake:0", "fake:1"]
        a = xp.ones(3, device="fake:0")
        b = xp.ones(3, device="fake:1")
        assert a.device is Device("fake", 0)
        with pytest.raises(xp.DeviceError, match="same device"):
            a + b
        c = a + b.to_device("fake:0")
        assert c.device is Device("fake", 0)
        with xp.use_device("fake:1"):
            assert xp.arange(3).device is Device("fake", 1)
            assert xp.zeros_like(a).device is Device("fake", 0)  # _like follows its input
        np.testing.assert_array_equal(np.asarray(c), [2, 2, 2])
        with pytest.raises(xp.DeviceError, match="fake:2"):
            xp.ones(1, device="fake:2")


def test_device_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from arrayshim import _context

    monkeypatch.setenv("ARRAYSHIM_DEVICE", "fake:1")
    _context.reload_environment()
    try:
        with xp.use_backend("toy"):
            assert xp.zeros(1).device is Device("fake", 1)
        with pytest.raises(xp.DeviceError, match="ARRAYSHIM_DEVICE"):
            xp.zeros(1)  # numpy has no fake:1: an error, never a silent fallback to cpu
    finally:
        monkeypatch.delenv("ARRAYSHIM_DEVICE")
        _context.reload_environment()


def test_linalg_solve_refuses_operands_on_two_devices():
    # solve takes its backend and device from both operands, as every two-array call does
    with xp.use_backend("toy"):
        a = xp.eye(3, dtype=xp.float64)
        b = xp.ones(3, dtype=xp.float64, device="fake:1")
        with pytest.raises(xp.DeviceError, match=r"linalg\.solve.*same device"):
            xp.linalg.solve(a, b)


def test_device_option_chooses_per_backend() -> None:
    """``pytest --device fake`` (``gpu`` on a CUDA machine): each backend's arrays go to the
    first device of that kind where the backend has one; the others stay on their default."""
    from conformance import devices
    from conftest import device_block

    class Config:
        def getoption(self, name: str) -> str:
            assert name == "--device"
            return "fake"

    with xp.use_backend("toy"), device_block(Config(), "toy"):  # type: ignore[arg-type]
        assert xp.ones(2).device is Device("fake", 0)
    with xp.use_backend("numpy"), device_block(Config(), "numpy"):  # type: ignore[arg-type]
        assert xp.ones(2).device is Device("cpu", 0)
    old = devices.DEVICE
    devices.DEVICE = "fake:1"
    try:
        with devices.on_device("toy"):
            assert xp.asarray([1.0]).device is Device("fake", 1)
        with devices.on_device("numpy"):
            assert xp.asarray([1.0]).device is Device("cpu", 0)
    finally:
        devices.DEVICE = old
    from arrayshim._devices import select

    gpus = [Device("cpu", 0), Device("gpu", 0), Device("gpu", 1)]
    assert select(gpus, "gpu") is Device("gpu", 0) and select(gpus, "cuda:1") is Device("gpu", 1)
    assert select(gpus[:1], "gpu") is None and select(gpus, "gpu:2") is None
