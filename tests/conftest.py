"""Shared fixtures: every backend test runs once per installed backend, with its own test id."""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "toy"))

import arrayshim as xp

BACKENDS = [b for b in ("numpy", "torch", "tensorflow", "jax") if b in xp.installed_backends()]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of a backend, active for the test's duration."""
    with xp.use_backend(request.param):
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
