"""One library function, written once, called from all three frameworks."""

from __future__ import annotations

import numpy as np
import pytest

import arrayshim as xp
from conftest import BACKENDS, native_of


@xp.agnostic
def softmax(x, axis=-1):
    """Numerically stable softmax, written once against arrayshim."""
    shifted = x - xp.max(x, axis=axis, keepdims=True)
    e = xp.exp(shifted)
    return e / xp.sum(e, axis=axis, keepdims=True)


@xp.agnostic
def stats(batch):
    return {"mean": xp.mean(batch["x"], axis=0), "parts": (xp.min(batch["x"]), [xp.max(batch["x"])])}


@pytest.mark.parametrize("name", BACKENDS)
def test_softmax_from_every_framework(name: str) -> None:
    data = np.array([[1.0, 2.0, 1000.0], [-1.0, 0.0, 1.0]], np.float32)
    native = native_of(name, data, "float32")
    out = softmax(native)
    assert type(out) is type(native)
    expected = np.exp(data - data.max(axis=-1, keepdims=True))
    expected /= expected.sum(axis=-1, keepdims=True)
    got = np.asarray(out)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, expected, rtol=1e-6)


@pytest.mark.parametrize("name", BACKENDS)
def test_nested_structures_come_back_native(name: str) -> None:
    native = native_of(name, [[1.0, 2.0], [3.0, 4.0]], "float64")
    out = stats({"x": native})
    assert type(out["mean"]) is type(native)
    assert type(out["parts"][0]) is type(native) and type(out["parts"][1][0]) is type(native)
    np.testing.assert_allclose(np.asarray(out["mean"]), [2.0, 3.0])


@pytest.mark.parametrize("name", BACKENDS)
def test_body_runs_on_callers_backend(name: str) -> None:
    @xp.agnostic
    def make_like(x):
        return xp.zeros(2) + x[0]  # creation inside follows the caller's backend

    native = native_of(name, [5.0], "float64")
    with xp.use_backend("numpy"):
        out = make_like(native)
    assert type(out) is type(native)


def test_arrayshim_arrays_stay_arrayshim(backend: str) -> None:
    out = softmax(xp.asarray([0.0, 0.0]))
    assert type(out) is xp.Array


def test_no_copy_of_inputs() -> None:
    @xp.agnostic
    def identity(x):
        return x

    data = np.arange(3.0)
    assert identity(data) is data


@xp.agnostic
def cross_entropy(logits, labels):
    """Mean cross-entropy of integer labels, written once: two array arguments."""
    shifted = logits - xp.max(logits, axis=-1, keepdims=True)
    logp = shifted - xp.log(xp.sum(xp.exp(shifted), axis=-1, keepdims=True))
    picked = xp.take_along_axis(logp, xp.expand_dims(labels, axis=-1), axis=-1)
    return -xp.mean(picked)


_LOGITS = np.array([[2.0, -1.0, 0.5], [0.1, 0.2, 3.0], [1.0, 1.0, 1.0], [-2.0, 4.0, 0.0]])
_LABELS = np.array([0, 2, 1, 1])


def _reference_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    logp = logits - logits.max(-1, keepdims=True)
    logp = logp - np.log(np.exp(logp).sum(-1, keepdims=True))
    return float(-logp[np.arange(len(labels)), labels].mean())


@pytest.mark.parametrize("name", BACKENDS)
def test_two_array_arguments_from_every_framework(name: str) -> None:
    logits = native_of(name, _LOGITS, "float32")
    labels = native_of(name, _LABELS, "int64")
    out = cross_entropy(logits, labels)
    assert type(out) is type(logits)
    assert np.asarray(out).dtype == np.float32
    np.testing.assert_allclose(float(np.asarray(out)), _reference_cross_entropy(_LOGITS, _LABELS), rtol=1e-6)
    # keyword arguments and a one-element first argument choose nothing by its truth value
    out_kw = cross_entropy(labels=labels, logits=logits)
    np.testing.assert_allclose(float(np.asarray(out_kw)), float(np.asarray(out)))


@pytest.mark.parametrize("name", BACKENDS)
def test_first_argument_of_one_zero_element(name: str) -> None:
    @xp.agnostic
    def scale(s, x):
        return s * x

    out = scale(native_of(name, [0.0], "float64"), native_of(name, [1.0, 2.0], "float64"))
    np.testing.assert_array_equal(np.asarray(out), [0.0, 0.0])
