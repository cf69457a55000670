"""The scripts in examples/ run unchanged on every backend and give the expected numbers."""

from __future__ import annotations

import importlib.util
import os
import sys

import numpy as np
import pytest

import arrayshim as xp
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


# -- examples/tf_numpy_guide.py: each section against NumPy computing the same thing ------------

#: what TensorFlow's guide prints for v1 + v2 (NumPy 2's np.result_type gives the same)
GUIDE_PROMOTION = [
    ("int32", "int64", "int64"),
    ("int32", "float32", "float64"),
    ("int32", "float64", "float64"),
    ("int64", "float32", "float64"),
    ("int64", "float64", "float64"),
    ("float32", "float64", "float64"),
]


def _guide():
    return _load("tf_numpy_guide")


def test_guide_nd_array(backend: str) -> None:
    out = _guide().nd_array()
    ones = np.ones([5, 3], dtype=np.float32)
    assert (out["shape"], out["ndim"], out["dtype"].name) == (ones.shape, ones.ndim, "float32")
    assert out["is_array"] and str(out["device"]) == "cpu"
    assert out["T_shape"] == ones.T.shape and out["reshape_shape"] == ones.reshape(-1).shape
    assert out["ravel_shape"] == ones.ravel().shape and out["astype_dtype"].name == "int32"
    assert out["sum"].dtype.name == "float32" and float(out["sum"]) == ones.sum()


def test_guide_type_promotion(backend: str) -> None:
    guide = _guide()
    table = guide.type_promotion()
    assert table == GUIDE_PROMOTION
    assert table == [(a, b, np.result_type(a, b).name) for a, b, _ in table]
    # prefer_float32: an integer with a float gives that float; everything else as NumPy's
    assert [c for _, _, c in guide.type_promotion("float32")] == [
        "int64",
        "float32",
        "float64",
        "float32",
        "float64",
        "float64",
    ]


def test_guide_literal_inference(backend: str) -> None:
    assert _guide().literal_inference() == {
        "asarray(1)": np.asarray(1).dtype.name,  # int64
        "asarray(1.)": np.asarray(1.0).dtype.name,  # float64
        "float32: asarray(1.)": "float32",
        "float32: add(1., 2.)": "float32",
        "numpy: asarray(1.)": "float64",
        "numpy: add(1., 2.)": "float64",
    }


def test_guide_broadcasting(backend: str) -> None:
    out = _guide().broadcasting()
    assert out["shapes"] == ((2, 3), (3,), (1, 2, 1))
    want = np.ones([2, 3]) + np.ones([3]) + np.ones([1, 2, 1])
    assert out["result"].dtype.name == want.dtype.name and out["result"].shape == want.shape
    np.testing.assert_array_equal(to_np(out["result"]), want)


def test_guide_indexing(backend: str) -> None:
    out = _guide().indexing()
    x = np.arange(24).reshape(2, 3, 4)
    mutated = np.arange(6)
    mutated[1] = -1
    # the guide's own keys, tuples included, on real NumPy
    want = {
        "x": x,
        "basic": x[1, np.newaxis, 1:3, ...],
        "boolean": x[:, (True, False, True)],
        "advanced": x[1, (0, 0, 1), np.asarray([0, 1, 1])],
        "mutated": mutated,
    }
    for key, value in want.items():
        got = out[key]
        assert (got.dtype.name, got.shape, got._backend.name) == ("int64", value.shape, backend)
        np.testing.assert_array_equal(to_np(got), value, err_msg=key)


def _model_reference(weights: list[np.ndarray], x: np.ndarray, labels: np.ndarray) -> dict:
    """The guide's model and squared loss, with their gradients, in float64 NumPy."""
    w1, bias, w2 = weights
    z = x @ w1 + bias
    h = np.maximum(z, 0)
    pred = h @ w2
    d_pred = 2 * (pred - labels)
    d_h = d_pred @ w2.T * (z > 0)
    return {
        "prediction": pred,
        "loss": np.sum((pred - labels) ** 2),
        "gradients": [x.T @ d_h, d_h.sum(0), h.T @ d_pred],
        "batch_jacobian": np.einsum("ik,bk,ko->boi", w1, (z > 0).astype(float), w2),
    }


def _guide_model(backend: str) -> dict:
    out = _guide().example_model()
    with xp.use_backend("numpy"):  # the weights: the same numbers on every backend
        ref = _guide().example_model()
    weights = [to_np(w) for w in out["model"].weights]
    for got, want in zip(weights, ref["model"].weights, strict=True):
        assert got.dtype == np.float32
        np.testing.assert_array_equal(got, to_np(want))
    return out


def test_guide_example_model(backend: str) -> None:
    out = _guide_model(backend)
    weights = [to_np(w).astype(np.float64) for w in out["model"].weights]
    assert out["prediction"].dtype.name == "float32" and out["prediction"].shape == (2, 2)
    ref = _model_reference(weights, np.ones([2, 32]), np.zeros([2, 2]))
    np.testing.assert_allclose(to_np(out["prediction"]), ref["prediction"], rtol=1e-5)
    if backend == "numpy":
        assert out["gradients"] is None and "torch, tensorflow" in out["note"]
        return
    x, labels = to_np(out["inputs"]).astype(np.float64), to_np(out["labels"]).astype(np.float64)
    ref = _model_reference(weights, x, labels)
    np.testing.assert_allclose(float(out["loss"]), ref["loss"], rtol=1e-5)
    assert isinstance(out["gradients"], tuple)  # the weights' structure
    for got, want in zip(out["gradients"], ref["gradients"], strict=True):
        assert got.dtype.name == "float32" and got.shape == want.shape
        np.testing.assert_allclose(to_np(got), want, rtol=1e-4, atol=1e-4)
    jac = out["batch_jacobian"]
    assert jac.shape == (16, 2, 32) and jac.dtype.name == "float32"
    ref = _model_reference(weights, np.ones([16, 32]), np.zeros([16, 2]))
    np.testing.assert_allclose(to_np(jac), ref["batch_jacobian"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(to_np(out["output"]), ref["prediction"], rtol=1e-5)


def test_guide_numpy_interop(backend: str) -> None:
    out = _guide().numpy_interop()
    want_backend = {
        "np_sum": backend,  # np.sum runs on the array's backend
        "anp_sum": "numpy",  # a NumPy array alone stays NumPy data
        "active_sum": backend,
        "left": backend,  # the NumPy operand joins the arrayshim array's backend
        "right": backend,
    }
    for key, name in want_backend.items():
        got = out[key]
        assert isinstance(got, xp.Array) and got._backend.name == name, key
        assert got.dtype.name == "float64", key
    for key in ("np_sum", "anp_sum", "active_sum"):
        assert float(out[key]) == np.sum(np.ones([2, 3])) and out[key].shape == ()
    for key in ("left", "right"):
        np.testing.assert_array_equal(to_np(out[key]), np.ones([2]) + np.ones([2]))


def test_guide_native_interop(backend: str) -> None:
    out = _guide().native_interop()
    native_type = {
        "numpy": "ndarray",
        "torch": "Tensor",
        "tensorflow": "EagerTensor",
        "jax": "ArrayImpl",
    }[backend]
    assert type(out["native"]).__name__ == native_type
    assert isinstance(out["again"], xp.Array) and out["again"]._backend.name == backend
    assert type(out["numpy"]) is np.ndarray
    np.testing.assert_array_equal(out["numpy"], [1, 2])
    np.testing.assert_array_equal(to_np(out["again"]), [1, 2])


#: torch.compile's "eager" backend (FAST_JIT) cannot trace xp.grad (see first_compiled_call in
#: the example); "aot_eager" traces it without inductor's code generation
GRAD_JIT = {"torch": {"backend": "aot_eager"}}


def test_guide_jit_and_per_example_gradients(backend: str) -> None:
    guide = _guide()
    out = guide.example_model()
    if backend == "numpy":
        assert out["gradients"] is None
        return
    model = out["model"]
    weights = [to_np(w).astype(np.float64) for w in model.weights]
    jt = guide.jit_timing(model, batch=8, options=GRAD_JIT)
    for eager, jitted in zip(jt["eager"], jt["jit"], strict=True):
        assert jitted.dtype.name == "float32"
        np.testing.assert_allclose(to_np(jitted), to_np(eager), rtol=1e-5, atol=1e-6)
    assert jt["eager_ms"] > 0 and jt["jit_ms"] > 0
    assert jt["fallback"] == []  # compiled, not run eagerly after a failed compile
    pe = guide.per_example_gradients(model, batch_size=4, options=GRAD_JIT)
    x, labels = to_np(pe["inputs"]).astype(np.float64), to_np(pe["labels"]).astype(np.float64)
    per_row = [_model_reference(weights, x[i : i + 1], labels[i : i + 1]) for i in range(4)]
    for k, (vmapped, looped) in enumerate(zip(pe["vmap"], pe["loop"], strict=True)):
        want = np.stack([r["gradients"][k] for r in per_row])
        assert vmapped.shape == (4, *weights[k].shape) == looped.shape
        np.testing.assert_allclose(to_np(vmapped), want, rtol=1e-4, atol=1e-4)
        np.testing.assert_allclose(to_np(looped), to_np(vmapped), rtol=1e-5, atol=1e-6)
    assert pe["vmap_ms"] > 0 and pe["loop_ms"] > 0
    assert pe["fallback"] == []


def test_guide_device_placement(backend: str) -> None:
    guide = _guide()
    out = guide.device_placement(guide.example_model()["model"])
    assert out["prediction"].device == out["device"] and out["cpu"].device == out["devices"][0]
    np.testing.assert_array_equal(to_np(out["cpu"]), to_np(out["prediction"]))
    assert out["prediction"].shape == (5, 2)


def test_guide_runs_as_a_script() -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, os.path.join(EXAMPLES, "tf_numpy_guide.py")],
        env=dict(os.environ, ARRAYSHIM_BACKEND="numpy"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    for line in (
        "Created ND array with shape = (5, 3), rank = 2, dtype = float32 on device = cpu",
        "int32 + float32 => float64    (use_promotion('float32'): float32)",
        "anp.asarray(1.).dtype == anp.float32",
        "Broadcasting shapes (2, 3), (3,) and (1, 2, 1) gives shape (1, 2, 3)",
        "Array([12, 13, 17], dtype=int64, backend=numpy, device=cpu)",
        "sum = 6.0. Class: <class 'arrayshim._array.Array'>",
        "not supported on backend 'numpy'",
    ):
        assert line in done.stdout, line
