"""The scripts in examples/ run unchanged on every backend and give the expected numbers."""

from __future__ import annotations

import importlib.util
import os
import sys

import numpy as np
import pytest

from conftest import to_np

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")
#: dynamo still traces every function; the "eager" torch.compile backend skips code generation
FAST_JIT = {"torch": {"backend": "eager"}}


def _load(name: str):
    if EXAMPLES not in sys.path:
        sys.path.insert(0, EXAMPLES)
    spec = importlib.util.spec_from_file_location(
        f"arrayshim_example_{name}", os.path.join(EXAMPLES, f"{name}.py")
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # torch.compile looks functions' modules up
    spec.loader.exec_module(module)
    return module


def test_two_layer_model(backend: str) -> None:
    out = _load("two_layer_model").main(verbose=False)
    assert out["backend"] == backend
    x = to_np(out["x"])
    w1, b1, w2, b2 = (to_np(p) for p in out["params"])
    z = x @ w1 + b1
    h = np.maximum(z, 0)
    pred = h @ w2 + b2
    np.testing.assert_allclose(to_np(out["prediction"]), pred, rtol=1e-12)
    if backend == "numpy":
        assert out["grads"] is None and "torch, tensorflow" in out["note"]
        return
    y = x.sum(1, keepdims=True)
    d_pred = 2 * (pred - y) / pred.size
    d_h = d_pred @ w2.T * (z > 0)
    expected = [x.T @ d_h, d_h.sum(0), h.T @ d_pred, d_pred.sum(0)]
    np.testing.assert_allclose(float(out["loss"]), np.mean((pred - y) ** 2), rtol=1e-12)
    for got, want in zip(out["grads"], expected, strict=True):
        assert got.dtype.name == "float64"
        np.testing.assert_allclose(to_np(got), want, rtol=1e-10, atol=1e-14)
    jac = to_np(out["batch_jacobian"])
    assert jac.shape == (4, 1, 2)
    np.testing.assert_allclose(jac[:, 0, :], ((z > 0) * w2[:, 0]) @ w1.T, rtol=1e-10, atol=1e-14)


def test_per_example_gradients(backend: str) -> None:
    out = _load("per_example_gradients").main(batch=8, features=4, verbose=False)
    if backend == "numpy":
        assert "torch, tensorflow" in out["note"]
        return
    for got, loop in zip(out["vmap"], out["loop"], strict=True):
        np.testing.assert_allclose(to_np(got), to_np(loop), rtol=1e-12)
    assert out["vmap"][0].shape == (8, 4) and out["vmap"][1].shape == (8,)
    assert out["vmap_ms"] > 0 and out["loop_ms"] > 0


@pytest.mark.filterwarnings("error:arrayshim.jit")
def test_eager_vs_jit(backend: str) -> None:
    out = _load("eager_vs_jit").main(size=16, verbose=False, options=FAST_JIT)
    assert out["jit"].dtype.name == "float32"
    np.testing.assert_allclose(float(out["jit"]), float(out["eager"]), rtol=1e-5)
    assert out["eager_ms"] > 0 and out["jit_ms"] > 0


@pytest.mark.filterwarnings("error:arrayshim.jit")
def test_guide_basics(backend: str) -> None:
    # torch.compile is covered by test_eager_vs_jit and tests/test_transforms.py; tracing the
    # 100 unrolled steps of the series with dynamo would take ~10 s
    out = _load("guide_basics").main(verbose=False, options={"torch": {"disable": True}})
    assert out["gradients"] == (None if backend == "numpy" else (20.0, 15.0))
    assert out["series"] == out["series_jit"] == 1 - 2**-50
    assert out["counters"] == out["counters_jit"] == [10, 20, 30]


@pytest.mark.parametrize("name", ["guide_basics"])
def test_runs_as_a_script(name: str) -> None:
    import subprocess

    env = dict(os.environ, ARRAYSHIM_BACKEND="numpy")
    done = subprocess.run(
        [sys.executable, os.path.join(EXAMPLES, f"{name}.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "0.9999999999999991" in done.stdout and "[10, 20, 30]" in done.stdout
