"""Thread and asyncio safety: selection state is per thread / per task (``contextvars``), and
the backend registry can be changed while other threads use it.

(``tests/test_selection.py`` has the small versions; these run many threads and iterations,
mix backend, device and promotion blocks, and check backend, device and dtype of every result.)
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import numpy as np

import arrayshim as xp
from arrayshim import Device
from arrayshim_numpy import NumpyBackend
from conftest import BACKENDS

ITERATIONS = 40
POLICIES = ("numpy", "float32", "strict")
#: (backend, device) pairs: every real backend's CPU and the toy backend's fake devices
PLACES = [(b, "cpu") for b in BACKENDS] + [("toy", "fake:0"), ("toy", "fake:1")]


def expected_dtype(policy: str) -> xp.DType:
    """The dtype of ``int64 + float32`` (strict: ``float32 + float32``) under ``policy``."""
    return {"numpy": xp.float64, "float32": xp.float32, "strict": xp.float32}[policy]


def one_iteration(backend: str, device: str, policy: str, i: int) -> list[str]:
    """A few operations in the current blocks; every result's backend, device and dtype checked."""
    errors = []
    dev = xp._devices.as_device(device)
    x = xp.ones((2, 3), dtype=xp.float32) * (i % 7)
    y = xp.arange(3) if policy != "strict" else xp.ones(3, dtype=xp.float32)
    results = {
        "x": (x, xp.float32),
        "x + y": (x + y, expected_dtype(policy)),
        "sum": (xp.sum(x + y, axis=0), expected_dtype(policy)),
        "asarray": (xp.asarray([1.5, 2.5]), xp.float32 if policy == "float32" else xp.float64),
        "where": (xp.where(x > 2, x, 0.0), xp.float32),
        "matmul": (x @ xp.ones((3, 2), dtype=xp.float32), xp.float32),
    }
    for what, (r, dtype) in results.items():
        got = (r._backend.name, r.device, r.dtype)
        if got != (backend, dev, dtype):
            errors.append(
                f"{backend}/{device}/{policy} iteration {i}, {what}: got {got}, "
                f"expected {(backend, dev, dtype)}"
            )
    if float(xp.sum(x)) != 6.0 * (i % 7):
        errors.append(f"{backend}/{device}/{policy} iteration {i}: wrong value")
    return errors


def test_eight_threads_in_different_blocks() -> None:
    """8 threads, each in its own use_backend/use_device/use_promotion blocks (switching blocks
    every iteration, nested), started together; every result is checked."""
    errors: list[str] = []
    barrier = threading.Barrier(8)

    def work(k: int) -> None:
        barrier.wait()
        for i in range(ITERATIONS):
            backend, device = PLACES[(k + i) % len(PLACES)]
            policy = POLICIES[(k + 2 * i) % len(POLICIES)]
            with xp.use_backend(backend), xp.use_device(device), xp.use_promotion(policy):
                errors.extend(one_iteration(backend, device, policy, i))
                # a nested block changes only this thread's view, and only inside it
                inner, inner_device = PLACES[(k + i + 1) % len(PLACES)]
                with xp.use_backend(inner), xp.use_device(inner_device):
                    errors.extend(one_iteration(inner, inner_device, policy, i))
                errors.extend(one_iteration(backend, device, policy, i))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [], errors[:5]
    assert xp.get_backend() == "numpy" and xp.get_promotion() == "numpy"  # the main thread's view


def test_asyncio_tasks_in_different_blocks() -> None:
    """Tasks interleave at every await; each keeps its own backend, device and policy."""

    async def task(k: int) -> list[str]:
        backend, device = PLACES[k % len(PLACES)]
        policy = POLICIES[k % len(POLICIES)]
        errors = []
        with xp.use_backend(backend), xp.use_device(device), xp.use_promotion(policy):
            for i in range(40):
                await asyncio.sleep(0)
                errors.extend(one_iteration(backend, device, policy, i))
                if i % 10 == 0:  # a child task inherits a copy of the blocks, not a link
                    errors.extend(await asyncio.create_task(child(backend, device, policy)))
        return errors

    async def child(backend: str, device: str, policy: str) -> list[str]:
        errors = one_iteration(backend, device, policy, 0)
        with xp.use_backend("numpy"), xp.use_device("cpu"):  # no effect on the parent
            await asyncio.sleep(0)
            errors.extend(one_iteration("numpy", "cpu", policy, 1))
        return errors

    async def main() -> list[list[str]]:
        return await asyncio.gather(*(task(k) for k in range(12)))

    errors = [e for found in asyncio.run(main()) for e in found]
    assert errors == [], errors[:5]


class _Marker:
    """A native type no real array has: the backends registered below never claim real arrays."""


def _factory(name: str) -> Callable[[], NumpyBackend]:
    def make() -> NumpyBackend:
        backend = NumpyBackend()
        backend.name = name
        backend.native_types = (_Marker,)
        return backend

    return make


def test_register_backend_while_other_threads_use_arrayshim() -> None:
    """register_backend clears the type cache and adds names while 6 threads dispatch native
    arrays (the type cache), list installed backends and enter blocks by name."""
    from arrayshim import _registry

    errors: list[str] = []
    stop = threading.Event()
    barrier = threading.Barrier(7)
    names = [f"concurrent{i}" for i in range(60)]

    def register() -> None:
        barrier.wait()
        try:
            for name in names:
                xp.register_backend(name, _factory(name))
                with xp.use_backend(name):  # loads it
                    if xp.zeros(2)._backend.name != name:
                        errors.append(f"registered {name}: wrong backend")
        except Exception as exc:
            errors.append(f"register: {type(exc).__name__}: {exc}")
        finally:
            stop.set()

    def use(k: int) -> None:
        backend = BACKENDS[k % len(BACKENDS)]
        native = {"numpy": np.ones(3)}.get(backend)
        if native is None:
            with xp.use_backend(backend):
                native = xp.to_native(xp.ones(3))
        barrier.wait()
        try:
            while not stop.is_set():
                r = xp.sum(native)  # dispatch through the type cache being cleared
                if r._backend.name != backend or float(r) != 3.0:
                    errors.append(f"{backend}: got {r._backend.name}, {float(r)}")
                xp.installed_backends()
                with xp.use_backend(backend):
                    if xp.asarray([1, 2]).dtype is not xp.int64:
                        errors.append(f"{backend}: wrong dtype")
        except Exception as exc:
            errors.append(f"{backend}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=register)] + [
        threading.Thread(target=use, args=(k,)) for k in range(6)
    ]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == [], errors[:5]
        assert set(names) <= set(xp.installed_backends())
    finally:
        with _registry._lock:
            for name in names:
                _registry._factories.pop(name, None)
                _registry._loaded.pop(name, None)
            _registry._by_type.clear()


def test_device_blocks_are_per_thread() -> None:
    """Two threads on the toy backend's two fake devices: arrays land on each thread's device,
    and mixing them is a DeviceError."""
    made: dict[str, xp.Array] = {}
    barrier = threading.Barrier(2)

    def work(device: str) -> None:
        with xp.use_backend("toy"), xp.use_device(device):
            barrier.wait()
            for _ in range(50):
                a = xp.ones(2) + 1
                assert a.device is Device("fake", int(device[-1]))
            made[device] = a

    threads = [threading.Thread(target=work, args=(d,)) for d in ("fake:0", "fake:1")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert made["fake:0"].device is Device("fake", 0) and made["fake:1"].device is Device("fake", 1)
    try:
        made["fake:0"] + made["fake:1"]
    except xp.DeviceError:
        pass
    else:
        raise AssertionError("mixing devices did not raise")
