"""One library function, written once, called from all three frameworks."""

from __future__ import annotations

import numpy as np
import pytest

import arrayshim as xp
from conftest import BACKENDS, native_of, to_np


@xp.agnostic
def softmax(x, axis=-1):
    """Numerically stable softmax, written once against arrayshim."""
    shifted = x - xp.max(x, axis=axis, keepdims=True)
    e = xp.exp(shifted)
    return e / xp.sum(e, axis=axis, keepdims=True)


@xp.agnostic
def stats(batch):
    return {
        "mean": xp.mean(batch["x"], axis=0),
        "parts": (xp.min(batch["x"]), [xp.max(batch["x"])]),
    }


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
    np.testing.assert_allclose(
        float(np.asarray(out)), _reference_cross_entropy(_LOGITS, _LABELS), rtol=1e-6
    )
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


# ---------------------------------------------------------------------------------------------
# Issue #12: tested the way users call it - autograd, compilers, several and nested arrays, and
# mixed backends. The references are the frameworks' own cross-entropy functions.
# ---------------------------------------------------------------------------------------------


def _torch_loss_and_grad(fn):
    torch = pytest.importorskip("torch")
    logits = torch.tensor(_LOGITS, dtype=torch.float32, requires_grad=True)
    loss = fn(logits, torch.tensor(_LABELS))
    assert type(loss) is torch.Tensor and loss.dtype == torch.float32 and loss.shape == ()
    loss.backward()
    return loss.detach().numpy(), logits.grad.numpy()


def _torch_reference():
    torch = pytest.importorskip("torch")
    return _torch_loss_and_grad(torch.nn.functional.cross_entropy)


def test_torch_autograd_matches_torch_cross_entropy() -> None:
    loss, grad = _torch_loss_and_grad(cross_entropy)
    ref_loss, ref_grad = _torch_reference()
    np.testing.assert_allclose(loss, ref_loss, rtol=1e-6)
    np.testing.assert_allclose(grad, ref_grad, rtol=1e-5, atol=1e-7)


def _tf_loss_and_grad(fn):
    tf = pytest.importorskip("tensorflow")
    logits = tf.constant(_LOGITS, tf.float32)
    labels = tf.constant(_LABELS)
    with tf.GradientTape() as tape:
        tape.watch(logits)
        loss = fn(logits, labels)
    return loss, tape.gradient(loss, logits)


def _tf_reference(logits, labels):
    import tensorflow as tf

    return tf.reduce_mean(
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    )


def test_tf_gradient_tape_matches_tf_cross_entropy() -> None:
    loss, grad = _tf_loss_and_grad(cross_entropy)
    ref_loss, ref_grad = _tf_loss_and_grad(_tf_reference)
    assert isinstance(loss, type(ref_loss)) and loss.dtype == ref_loss.dtype and loss.shape == ()
    np.testing.assert_allclose(loss.numpy(), ref_loss.numpy(), rtol=1e-6)
    np.testing.assert_allclose(grad.numpy(), ref_grad.numpy(), rtol=1e-5, atol=1e-7)


def test_tf_variable_and_gradient_tape() -> None:
    """The usual TensorFlow pattern: a tf.Variable, watched by the tape on its own."""
    tf = pytest.importorskip("tensorflow")
    w = tf.Variable(_LOGITS.astype(np.float32))
    with tf.GradientTape() as tape:
        loss = cross_entropy(w, tf.constant(_LABELS))
    _, ref_grad = _tf_loss_and_grad(_tf_reference)
    np.testing.assert_allclose(
        tape.gradient(loss, w).numpy(), ref_grad.numpy(), rtol=1e-5, atol=1e-7
    )


def test_tf_function_with_gradients_inside() -> None:
    tf = pytest.importorskip("tensorflow")
    traces = []

    @tf.function
    def step(logits, labels):
        traces.append(1)
        with tf.GradientTape() as tape:
            tape.watch(logits)
            loss = cross_entropy(logits, labels)
        return loss, tape.gradient(loss, logits)

    loss, grad = step(tf.constant(_LOGITS, tf.float32), tf.constant(_LABELS))
    ref_loss, ref_grad = _tf_loss_and_grad(_tf_reference)
    np.testing.assert_allclose(loss.numpy(), ref_loss.numpy(), rtol=1e-6)
    np.testing.assert_allclose(grad.numpy(), ref_grad.numpy(), rtol=1e-5, atol=1e-7)
    step(tf.constant(_LOGITS[::-1].copy(), tf.float32), tf.constant(_LABELS))
    assert len(traces) == 1  # traced once, then run as a graph


def test_torch_compile_one_graph_with_backward() -> None:
    """torch.compile around the agnostic function itself: one graph (fullgraph=True fails on any
    graph break, such as entering a ContextVar), value and gradients equal torch's own."""
    torch = pytest.importorskip("torch")
    torch._dynamo.reset()
    compiled = torch.compile(cross_entropy, backend="eager", fullgraph=True)
    loss, grad = _torch_loss_and_grad(compiled)
    ref_loss, ref_grad = _torch_reference()
    np.testing.assert_allclose(loss, ref_loss, rtol=1e-6)
    np.testing.assert_allclose(grad, ref_grad, rtol=1e-5, atol=1e-7)
    # creation functions inside follow the caller's backend while dynamo traces, too
    make = torch.compile(
        xp.agnostic(lambda x: xp.ones(3, dtype=xp.float32) + x), backend="eager", fullgraph=True
    )
    with xp.use_backend("numpy"):
        out = make(torch.zeros(3))
    assert type(out) is torch.Tensor
    np.testing.assert_array_equal(out.numpy(), [1.0, 1.0, 1.0])
    assert xp.get_backend() == "numpy"  # nothing of the trace's context is left behind


def test_torch_compile_with_graph_break_restores_context() -> None:
    """A body that breaks dynamo's graph still runs on the caller's backend, and leaves no state."""
    torch = pytest.importorskip("torch")

    @xp.agnostic
    def breaks(x):
        y = xp.ones(2, dtype=xp.float32) * x
        print(end="")  # a graph break
        return y + xp.zeros(2, dtype=xp.float32)

    out = torch.compile(breaks, backend="eager")(torch.ones(2))
    assert type(out) is torch.Tensor
    np.testing.assert_array_equal(out.numpy(), [1.0, 1.0])
    assert xp.get_backend() == "numpy"


@xp.agnostic
def weighted_losses(batch, *, weights=None, scale=1.0, extra=(None, "tag")):
    """Arrays in dicts, lists, keyword arguments; Python scalars, strings and None around them."""
    losses = [cross_entropy(logits, labels) for logits, labels in batch["pairs"]]
    total = losses[0] * 0.0
    for i, loss in enumerate(losses):
        total = total + (loss if weights is None else loss * weights[i])
    return {"total": total * scale, "each": losses, "meta": (extra, None, 3)}


@pytest.mark.parametrize("name", BACKENDS)
def test_several_nested_and_keyword_arrays(name: str) -> None:
    logits = native_of(name, _LOGITS, "float32")
    labels = native_of(name, _LABELS, "int64")
    half = native_of(name, _LOGITS[:2], "float32"), native_of(name, _LABELS[:2], "int64")
    weights = native_of(name, [0.5, 2.0], "float32")
    out = weighted_losses({"pairs": [(logits, labels), half]}, weights=weights, scale=2)
    assert set(out) == {"total", "each", "meta"} and type(out["each"]) is list
    assert all(type(v) is type(logits) for v in [out["total"], *out["each"]])
    assert out["meta"] == ((None, "tag"), None, 3)
    expected = 2 * (
        0.5 * _reference_cross_entropy(_LOGITS, _LABELS)
        + 2.0 * _reference_cross_entropy(_LOGITS[:2], _LABELS[:2])
    )
    np.testing.assert_allclose(float(np.asarray(out["total"])), expected, rtol=1e-5)
    # keyword arrays alone choose the backend too
    alone = xp.agnostic(lambda *, x: xp.ones(1) + x)(x=native_of(name, [1.0], "float64"))
    assert type(alone) is type(logits)


def test_nothing_but_python_values_passes_through() -> None:
    f = xp.agnostic(lambda a, b=None, *, c="s": (a, b, c))
    assert f(1.5, None, c="x") == (1.5, None, "x")


def _mixed_pairs():
    # two non-NumPy backends; a NumPy array joins the other's (next test)
    if "torch" in BACKENDS and "tensorflow" in BACKENDS:
        return [("torch", "tensorflow"), ("tensorflow", "torch")]
    return []


def _joining_pairs():
    return [
        (a, b) for a, b in (("numpy", "torch"), ("tensorflow", "numpy")) if {a, b} <= set(BACKENDS)
    ]


@pytest.mark.parametrize(("first", "second"), _joining_pairs())
def test_numpy_arrays_join_the_other_backend(first: str, second: str) -> None:
    other = second if first == "numpy" else first
    a = native_of(first, _LOGITS, "float64")
    b = native_of(second, _LABELS, "int64")
    loss = cross_entropy(a, b)
    assert type(loss).__module__.split(".")[0] == other, type(loss)
    with xp.use_backend("numpy"):
        want = cross_entropy(_LOGITS, _LABELS)
    np.testing.assert_allclose(to_np(loss), want, rtol=1e-12)
    out = weighted_losses({"pairs": [(a, b)]}, weights=[native_of(first, [2.0], "float64")])
    assert type(out["total"]).__module__.split(".")[0] == other


@pytest.mark.parametrize(("first", "second"), _mixed_pairs())
def test_mixed_backends_raise_the_same_error_as_elsewhere(first: str, second: str) -> None:
    a = native_of(first, _LOGITS, "float32")
    b = native_of(second, _LABELS, "int64")
    with pytest.raises(TypeError) as elsewhere:
        xp.add(a, native_of(second, _LOGITS, "float32"))
    calls = [
        lambda: cross_entropy(a, b),
        lambda: cross_entropy(labels=b, logits=a),
        lambda: weighted_losses(
            {"pairs": [(a, native_of(first, _LABELS, "int64"))]},
            weights=[native_of(second, [1.0], "float32")],
        ),
        # the function would never combine them: still refused, no silent choice of one backend
        lambda: xp.agnostic(lambda x, y: x)(a, b),
    ]
    for call in calls:
        with pytest.raises(TypeError) as raised:
            call()
        assert type(raised.value) is type(elsewhere.value)
        text = str(raised.value)
        assert first in text and second in text, text  # both backends named
        assert "mixing backends in one call is not allowed" in text
    assert f"({first})" in str(pytest.raises(TypeError, cross_entropy, a, b).value)
    assert "`labels`" in str(pytest.raises(TypeError, cross_entropy, a, b).value)
    assert "`weights[0]`" in str(pytest.raises(TypeError, calls[2]).value)
