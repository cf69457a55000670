"""Parameter trees in grad, value_and_grad, jacobian and vmap, written as a user would: the TF
NumPy guide's two-layer model with its weights in a tuple or a dict, gradients checked against
PyTorch's and TensorFlow's own autodiff on the same weights; per-example gradients over a dict of
weights; Jacobians of a tuple; argnums tuples; nested trees; and the errors for bad leaves."""

from __future__ import annotations

import collections
import warnings

import numpy as np
import pytest

import arrayshim as xp
from conftest import to_np

AUTODIFF = ("torch", "tensorflow", "jax")


def _needs_autodiff(backend: str) -> None:
    if backend not in AUTODIFF:
        pytest.skip("no automatic differentiation on this backend")


RNG = np.random.default_rng(0)
W1, BIAS, W2 = RNG.normal(size=(2, 3)), RNG.normal(size=3), RNG.normal(size=(3, 1))
INPUTS, LABELS = RNG.normal(size=(5, 2)), RNG.normal(size=(5, 1))


def predict(w1, bias, w2, x):
    return xp.matmul(xp.maximum(xp.matmul(x, w1) + bias, 0.0), w2)


def loss_tuple(weights, inputs, labels):
    w1, bias, w2 = weights
    return xp.mean((predict(w1, bias, w2, inputs) - labels) ** 2)


def loss_dict(weights, inputs, labels):
    return xp.mean((predict(weights["w1"], weights["b"], weights["w2"], inputs) - labels) ** 2)


def native_gradients(backend: str) -> tuple[float, list[np.ndarray]]:
    """The loss and its gradients w.r.t. (w1, bias, w2), by the framework's own autodiff."""
    if backend == "torch":
        import torch

        def loss(weights, x, y):
            w1, b, w2 = weights
            return (((torch.relu(x @ w1 + b)) @ w2 - y) ** 2).mean()

        args = [torch.tensor(a) for a in (INPUTS, LABELS)]
        weights = tuple(torch.tensor(a, requires_grad=True) for a in (W1, BIAS, W2))
        value = loss(weights, *args)
        value.backward()  # backward() and torch.func.grad agree; check both
        by_func = torch.func.grad(loss)(tuple(w.detach() for w in weights), *args)
        for w, g in zip(weights, by_func, strict=True):
            np.testing.assert_allclose(w.grad.numpy(), g.numpy(), rtol=1e-12)
        return float(value.detach()), [w.grad.numpy() for w in weights]
    import tensorflow as tf

    weights = tuple(tf.Variable(a) for a in (W1, BIAS, W2))
    with tf.GradientTape() as tape:
        w1, b, w2 = weights
        value = tf.reduce_mean((tf.nn.relu(INPUTS @ w1 + b) @ w2 - LABELS) ** 2)
    grads = tape.gradient(value, weights)  # the guide's tape.gradient(loss, model.weights)
    return float(value), [g.numpy() for g in grads]


@pytest.mark.parametrize("container", ["tuple", "list", "dict"])
def test_two_layer_model_gradients_match_the_framework(backend: str, container: str) -> None:
    _needs_autodiff(backend)
    w1, bias, w2 = xp.asarray(W1), xp.asarray(BIAS), xp.asarray(W2)
    inputs, labels = xp.asarray(INPUTS), xp.asarray(LABELS)
    if container == "dict":
        weights: object = {"w1": w1, "b": bias, "w2": w2}
        grads = xp.grad(loss_dict)(weights, inputs, labels)
        assert type(grads) is dict and list(grads) == ["w1", "b", "w2"]
        got = [grads["w1"], grads["b"], grads["w2"]]
    else:
        weights = (w1, bias, w2) if container == "tuple" else [w1, bias, w2]
        grads = xp.grad(loss_tuple)(weights, inputs, labels)
        assert type(grads) is type(weights) and len(grads) == 3
        got = list(grads)
    _, expected = native_gradients(backend)
    for g, e, w in zip(got, expected, (w1, bias, w2), strict=True):
        assert type(g) is xp.Array and g.dtype is xp.float64 and g.shape == w.shape
        assert g._backend.name == backend
        np.testing.assert_allclose(to_np(g), e, rtol=1e-10, atol=1e-12)


def test_value_and_grad_of_a_tree_with_aux(backend: str) -> None:
    _needs_autodiff(backend)
    weights = {"w1": xp.asarray(W1), "b": xp.asarray(BIAS), "w2": xp.asarray(W2)}

    def loss_aux(weights, x, y):
        pred = predict(weights["w1"], weights["b"], weights["w2"], x)
        return xp.mean((pred - y) ** 2), {"pred": pred}

    (value, aux), grads = xp.value_and_grad(loss_aux, has_aux=True)(
        weights, xp.asarray(INPUTS), xp.asarray(LABELS)
    )
    native_value, expected = native_gradients(backend)
    assert value.shape == () and float(value) == pytest.approx(native_value, rel=1e-12)
    assert aux["pred"].shape == (5, 1)
    for key, e in zip(("w1", "b", "w2"), expected, strict=True):
        np.testing.assert_allclose(to_np(grads[key]), e, rtol=1e-10, atol=1e-12)
    value2, grads2 = xp.value_and_grad(loss_dict)(weights, xp.asarray(INPUTS), xp.asarray(LABELS))
    assert float(value2) == float(value)
    assert {k: to_np(v).tolist() for k, v in grads2.items()} == {
        k: to_np(v).tolist() for k, v in grads.items()
    }


def test_per_example_gradients_over_a_dict_of_weights(backend: str) -> None:
    _needs_autodiff(backend)
    weights = {"w1": xp.asarray(W1), "b": xp.asarray(BIAS), "w2": xp.asarray(W2)}
    inputs, labels = xp.asarray(INPUTS), xp.asarray(LABELS)

    def example_loss(weights, x, y):  # one example: x (2,), y (1,)
        return loss_dict(weights, xp.reshape(x, (1, 2)), xp.reshape(y, (1, 1)))

    per = xp.vmap(xp.grad(example_loss), in_axes=(None, 0, 0))(weights, inputs, labels)
    assert type(per) is dict and list(per) == ["w1", "b", "w2"]
    assert [per[k].shape for k in per] == [(5, 2, 3), (5, 3), (5, 3, 1)]
    for i in range(5):
        one = xp.grad(example_loss)(weights, inputs[i], labels[i])
        for key in weights:
            np.testing.assert_allclose(to_np(per[key][i]), to_np(one[key]), rtol=1e-10, atol=1e-12)
    # the mean of the per-example gradients is the gradient of the mean loss
    full = xp.grad(loss_dict)(weights, inputs, labels)
    for key in weights:
        np.testing.assert_allclose(
            to_np(xp.mean(per[key], axis=0)), to_np(full[key]), rtol=1e-10, atol=1e-12
        )


def test_jacobian_of_a_tuple_input(backend: str) -> None:
    _needs_autodiff(backend)
    a = xp.asarray([1.0, 2.0, 3.0], dtype=xp.float32)
    b = xp.asarray([[0.5], [-1.0]], dtype=xp.float32)

    def f(pair):
        a, b = pair
        return xp.sum(b * a, axis=0)  # (3,): out[j] = a[j] * (b[0] + b[1])

    ja, jb = xp.jacobian(f)((a, b))
    assert ja.shape == (3, 3) and jb.shape == (3, 2, 1) and ja.dtype is xp.float32
    np.testing.assert_allclose(to_np(ja), np.diag([-0.5] * 3))
    expected_b = np.broadcast_to(np.asarray([1.0, 2.0, 3.0])[:, None, None], (3, 2, 1))
    np.testing.assert_allclose(to_np(jb), expected_b)
    both = xp.jacobian(lambda t, s: f(t) * s, argnums=(0, 1))((a, b), xp.asarray(2.0))
    assert type(both) is tuple and type(both[0]) is tuple and both[1].shape == (3,)
    np.testing.assert_allclose(to_np(both[0][0]), 2 * to_np(ja))
    np.testing.assert_allclose(to_np(both[1]), to_np(f((a, b))))
    # batched: every leaf carries the batch axis
    x = xp.reshape(xp.arange(6.0), (3, 2))
    jx, jy = xp.jacobian(lambda t: t[0] * t[1], batched=True)((x, x + 1.0))
    assert jx.shape == (3, 2, 2)
    np.testing.assert_allclose(to_np(jx), np.stack([np.diag(r) for r in to_np(x) + 1.0]))
    np.testing.assert_allclose(to_np(jy), np.stack([np.diag(r) for r in to_np(x)]))


def test_argnums_tuples_with_trees(backend: str) -> None:
    _needs_autodiff(backend)
    p = {"w": xp.asarray([1.0, 2.0]), "v": (xp.asarray(3.0), xp.asarray([4.0]))}
    q = [xp.asarray(5.0)]
    c = xp.asarray(10.0)

    def f(p, c, q):
        return xp.sum(p["w"] * p["v"][0]) * q[0] + p["v"][1][0] * c

    gp, gq = xp.grad(f, argnums=(0, 2))(p, c, q)
    assert list(gp) == ["w", "v"] and type(gp["v"]) is tuple and type(gq) is list
    np.testing.assert_allclose(to_np(gp["w"]), [15.0, 15.0])
    assert float(gp["v"][0]) == 15.0 and to_np(gp["v"][1]).tolist() == [10.0]
    assert float(gq[0]) == 9.0
    gc, gp2 = xp.grad(f, argnums=(-2, 0))(p, c, q)  # order as asked, negative positions too
    assert float(gc) == 4.0 and float(gp2["v"][0]) == 15.0
    only_q = xp.grad(f, argnums=2)(p, c, q)
    assert type(only_q) is list and float(only_q[0]) == 9.0


def test_nested_dict_of_tuples(backend: str) -> None:
    _needs_autodiff(backend)
    layers = {
        "enc": (xp.asarray([[1.0, 2.0]]), xp.asarray([0.5])),
        "dec": ({"w": xp.asarray([[3.0], [4.0]])}, xp.asarray([0.0, 1.0])),
    }

    def f(layers, x):
        (w, b), (dw, db) = layers["enc"], layers["dec"]
        h = xp.matmul(x, w) + b  # (1, 2)
        return xp.sum(xp.matmul(h, dw["w"])) + xp.sum(h * db)

    g = xp.grad(f)(layers, xp.asarray([[2.0]]))
    assert list(g) == ["enc", "dec"] and type(g["enc"]) is tuple and type(g["dec"][0]) is dict
    # h = [2.5, 4.5]; d/dh = dw[:, 0] + db = [3, 5]
    np.testing.assert_allclose(to_np(g["enc"][0]), [[6.0, 10.0]])
    np.testing.assert_allclose(to_np(g["enc"][1]), [8.0])
    np.testing.assert_allclose(to_np(g["dec"][0]["w"]), [[2.5], [4.5]])
    np.testing.assert_allclose(to_np(g["dec"][1]), [2.5, 4.5])


def test_gradients_keep_each_leaf_dtype(backend: str) -> None:
    _needs_autodiff(backend)
    p = (xp.asarray([1.0, 2.0], dtype=xp.float32), xp.asarray(3.0, dtype=xp.float64))
    g = xp.grad(lambda p: xp.sum(xp.astype(p[0], xp.float64) * p[1]))(p)
    assert g[0].dtype is xp.float32 and g[1].dtype is xp.float64
    assert to_np(g[0]).tolist() == [3.0, 3.0] and float(g[1]) == 3.0


def test_vmap_trees_in_axes_and_out_axes(backend: str) -> None:
    """Works on every backend (a loop on NumPy)."""
    a = xp.reshape(xp.arange(6.0), (2, 3))
    batch = {"x": a, "y": xp.reshape(xp.arange(8.0), (4, 2)), "k": xp.asarray(10.0)}

    def f(d, s):
        return {"sum": d["x"] * s + d["k"], "pair": (d["y"], xp.sum(d["x"]))}

    out = xp.vmap(f, in_axes=({"x": 0, "y": 1, "k": None}, None), out_axes={"sum": 1, "pair": 0})(
        batch, xp.asarray(2.0)
    )
    assert list(out) == ["sum", "pair"] and type(out["pair"]) is tuple
    np.testing.assert_array_equal(to_np(out["sum"]), (to_np(a) * 2 + 10).T)
    np.testing.assert_array_equal(to_np(out["pair"][0]), to_np(batch["y"]).T)
    np.testing.assert_array_equal(to_np(out["pair"][1]), to_np(a).sum(1))
    # an int for a whole argument maps every leaf of it; a list result stays a list
    rows = xp.vmap(lambda t: [t[0] + t[1]])((a, a))
    assert type(rows) is list
    np.testing.assert_array_equal(to_np(rows[0]), to_np(a) * 2)
    # the tuple of ints per output, as before trees
    twice, total = xp.vmap(lambda r: (r * 2, xp.sum(r)), out_axes=(1, 0))(a)
    np.testing.assert_array_equal(to_np(twice), (to_np(a) * 2).T)
    np.testing.assert_array_equal(to_np(total), to_np(a).sum(1))


def test_vmap_tree_errors(backend: str) -> None:
    a = xp.ones((2, 3))
    with pytest.raises(ValueError, match=r"`args\[0\]\['y'\]`.*size 2.*size 4"):
        xp.vmap(lambda d: d["x"])({"x": a, "y": xp.ones((4, 3))})
    with pytest.raises(ValueError, match=r"`in_axes`.*args\[0\].*keys \['x', 'y'\].*\['x'\]"):
        xp.vmap(lambda d: d["x"], in_axes=({"x": 0},))({"x": a, "y": a})
    with pytest.raises(ValueError, match=r"`in_axes`.*args\[0\]\[1\].*a leaf.*tuple of 2"):
        xp.vmap(lambda t: t[0], in_axes=((0, (0, 0)),))((a, a))
    with pytest.raises(ValueError, match="in_axes.*tuple with one entry per positional"):
        xp.vmap(lambda d: d["x"], in_axes={"x": 0})({"x": a})
    with pytest.raises(TypeError, match=r"`args\[0\]\['n'\]`.*an array.*in_axes None.*int"):
        xp.vmap(lambda d: d["x"])({"x": a, "n": 3})
    with pytest.raises(ValueError, match=r"`args\[0\]\[1\]`.*0-d"):
        xp.vmap(lambda t: t[0])((a, xp.asarray(1.0)))
    with pytest.raises(ValueError, match=r"`out_axes`.*the output.*tuple of 2.*tuple of 3"):
        xp.vmap(lambda r: (r, r), out_axes=(0, 0, 0))(a)
    with pytest.raises(TypeError, match="tree.*of Arrays"):
        xp.vmap(lambda r: {"r": r, "n": 1})(a)


@pytest.mark.parametrize(
    ("leaf", "shown"),
    [(1.5, "1.5 (type builtins.float)"), (None, "None (type builtins.NoneType)"), ("s", "str")],
)
def test_non_array_leaf_is_refused_with_its_path(backend: str, leaf: object, shown: str) -> None:
    tree = {"w": xp.ones(2), "extra": (xp.ones(1), leaf)}
    for transform in (xp.grad, xp.value_and_grad, xp.jacobian):
        with pytest.raises(TypeError) as info:
            transform(lambda t: xp.sum(t["w"]))(tree)
        text = str(info.value)
        name = transform.__name__
        assert f"arrayshim.{name}(): invalid `args[0]['extra'][1]`" in text, text
        assert "an array to differentiate with respect to" in text and shown in text, text
    with pytest.raises(TypeError, match=r"grad\(\): invalid `args\[1\]\[0\]`"):
        xp.grad(lambda x, t: xp.sum(x), argnums=(0, 1))(xp.ones(2), [leaf])


def test_integer_leaf_is_refused_with_its_path(backend: str) -> None:
    tree = ({"w": xp.ones(2)}, [xp.asarray([1, 2])])
    with pytest.raises(
        TypeError,
        match=r"grad\(\): invalid `args\[0\]\[1\]\[0\]`\. Expected a real floating-point array"
        r".*dtype int64",
    ):
        xp.grad(lambda t: xp.sum(t[0]["w"]))(tree)
    with pytest.raises(TypeError, match=r"jacobian\(\): invalid `args\[0\]\[1\]\[0\]`"):
        xp.jacobian(lambda t: t[0]["w"])(tree)


def test_other_tree_errors(backend: str) -> None:
    with pytest.raises(ValueError, match=r"`args\[0\]`.*tree of arrays.*a tuple of 0"):
        xp.grad(lambda t: xp.asarray(1.0))(())
    with pytest.raises(ValueError, match="argnums.*distinct"):
        xp.grad(lambda a, b: xp.sum(a), argnums=(1, -1))(xp.ones(2), xp.ones(2))
    if backend not in AUTODIFF:  # NumPy: the refusal as for a single array
        with pytest.raises(NotImplementedError, match="grad.*torch, tensorflow"):
            xp.grad(lambda t: xp.sum(t[0]))((xp.ones(2), xp.ones(2)))
        return
    x = xp.ones((3, 2))
    with pytest.raises(ValueError, match=r"`args\[0\]\[1\]`.*batch size of `args\[0\]\[0\]` \(3\)"):
        xp.jacobian(lambda t: t[0], batched=True)((x, xp.ones((4, 2))))
    with pytest.raises(ValueError, match=r"`args\[0\]\['b'\]`.*batch axis.*0-d"):
        xp.jacobian(lambda t: t["a"], batched=True)({"a": x, "b": xp.asarray(1.0)})
    other = "tensorflow" if backend == "torch" else "torch"
    with xp.use_backend(other):
        foreign = xp.ones(2)
    with pytest.raises(TypeError, match=r"`args\[0\]\['b'\]`.*same backend as `args\[0\]\['a'\]`"):
        xp.grad(lambda t: xp.sum(t["a"]))({"a": xp.ones(2), "b": foreign})
    with pytest.raises(TypeError, match=r"`args\[1\]`.*same backend as `args\[0\]`"):
        xp.grad(lambda a, b: xp.sum(a))(xp.ones(2), foreign)


Dense = collections.namedtuple("Dense", ["w", "b"])


def test_named_tuples_are_nodes(backend: str) -> None:
    """As in JAX: the gradient of a named tuple of weights is a named tuple of the same class."""
    layer = Dense(xp.asarray([[1.0], [2.0]]), xp.asarray([0.5]))
    x = xp.asarray([[3.0, 4.0]])
    if backend in AUTODIFF:
        g = xp.grad(lambda p, x: xp.sum(xp.matmul(x, p.w) + p.b))(layer, x)
        assert type(g) is Dense
        np.testing.assert_allclose(to_np(g.w), [[3.0], [4.0]])
        np.testing.assert_allclose(to_np(g.b), [1.0])
        with pytest.raises(TypeError, match=r"grad\(\): invalid `args\[0\]\.b`.*builtins\.float"):
            xp.grad(lambda p: xp.sum(p.w))(Dense(layer.w, 0.5))
    out = xp.vmap(lambda p: Dense(p.w * 2, p.b), in_axes=(Dense(0, None),))(layer)
    assert type(out) is Dense and out.w.shape == (2, 1) and out.b.shape == (2, 1)
    np.testing.assert_array_equal(to_np(out.w), [[2.0], [4.0]])
    with pytest.raises(ValueError, match=r"`in_axes`.*args\[0\]\.w.*a leaf"):
        xp.vmap(lambda p: p.b, in_axes=(Dense((0,), None),))(layer)


def test_jit_of_vmap_of_grad_over_a_dict(backend: str) -> None:
    """The benchmark's pattern, with a tree: jit(vmap(grad)) gives the eager result. (PyTorch:
    grad under torch.compile falls back to eager with a RuntimeWarning, as for single arrays.)"""
    _needs_autodiff(backend)
    weights = {"w": xp.asarray([0.5, -0.5]), "b": xp.asarray(0.25)}
    xs, ys = xp.reshape(xp.arange(8.0), (4, 2)), xp.arange(4.0)

    def loss(p, x, y):
        return (xp.sum(x * p["w"]) + p["b"] - y) ** 2

    per = xp.vmap(xp.grad(loss), in_axes=(None, 0, 0))
    eager = per(weights, xs, ys)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore" if backend == "torch" else "error", RuntimeWarning)
        compiled = xp.jit(per, options={"torch": {"backend": "eager"}})(weights, xs, ys)
    assert list(compiled) == ["w", "b"] and compiled["w"].shape == (4, 2)
    for key in weights:
        np.testing.assert_allclose(to_np(compiled[key]), to_np(eager[key]), rtol=1e-12)
    residual = to_np(xs) @ [0.5, -0.5] + 0.25 - to_np(ys)
    np.testing.assert_allclose(to_np(eager["b"]), 2 * residual)
