"""Shared fixtures: every backend test runs once per installed backend, with its own test id."""

from __future__ import annotations

import contextlib
import os
import sys

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "toy"))
# the repository root, for ``conformance`` (the --device option), when pytest runs elsewhere
sys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import arrayshim as xp
from arrayshim import _registry
from arrayshim._devices import select
from conformance import devices

BACKENDS = [b for b in ("numpy", "torch", "tensorflow", "jax") if b in xp.installed_backends()]


def pytest_addoption(parser: pytest.Parser) -> None:
    devices.add_option(parser)


def device_block(config: pytest.Config, backend: str) -> contextlib.AbstractContextManager:
    """``use_device`` of the ``--device`` asked for, where ``backend`` has it."""
    spec = config.getoption("--device")
    found = None if spec is None else select(_registry.get(backend).devices(), spec)
    return contextlib.nullcontext() if found is None else xp.use_device(found)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of a backend, active for the test's duration (on ``--device`` where it has
    that device)."""
    with xp.use_backend(request.param), device_block(request.config, request.param):
        yield request.param


def to_np(x: object) -> np.ndarray:
    """An arrayshim array's values as NumPy, for comparison with the reference."""
    return np.asarray(x)


def native_of(name: str, data: object, dtype: str) -> object:
    """A framework's own array, made with the framework's own API."""
    if name == "numpy":
        return np.asarray(data, dtype=dtype)
    if name == "torch":
        import torch

        return torch.asarray(np.asarray(data, dtype=dtype))
    if name == "jax":
        import jax.numpy as jnp

        return jnp.asarray(np.asarray(data, dtype=dtype))
    import tensorflow as tf

    return tf.constant(np.asarray(data, dtype=dtype))
