"""A two-layer model (dense + ReLU, then linear) as in TensorFlow's NumPy guide: prediction,
gradients of a loss w.r.t. every parameter, and the batch Jacobian of the prediction w.r.t. the
inputs. Runs unchanged on every backend:

    ARRAYSHIM_BACKEND=torch python examples/two_layer_model.py

On NumPy (no automatic differentiation) the prediction runs; gradients are reported as
unavailable.
"""

from __future__ import annotations

import arrayshim as xp


def init_params(sizes: tuple[int, ...], seed: int = 0) -> list[xp.Array]:
    """Weights and biases of a dense network; the same numbers on every backend."""
    rng = xp.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        params.append(rng.normal(size=(n_in, n_out)) / n_in**0.5)
        params.append(xp.zeros(n_out))
    return params


def predict(x: xp.Array, w1: xp.Array, b1: xp.Array, w2: xp.Array, b2: xp.Array) -> xp.Array:
    hidden = xp.maximum(x @ w1 + b1, 0.0)  # dense + ReLU
    return hidden @ w2 + b2  # linear


def loss(params: list[xp.Array], x: xp.Array, y: xp.Array) -> xp.Array:
    return xp.mean((predict(x, *params) - y) ** 2)


def main(verbose: bool = True) -> dict:
    params = init_params((2, 3, 1))
    rng = xp.random.default_rng(1)
    x = rng.uniform(-1.0, 1.0, size=(4, 2))
    y = xp.sum(x, axis=1, keepdims=True)
    out = {"backend": xp.get_backend(), "x": x, "params": params, "prediction": predict(x, *params)}
    try:
        # the gradient w.r.t. a list of weights is a list (the guide's tape.gradient(loss, weights))
        out["loss"], out["grads"] = xp.value_and_grad(loss)(params, x, y)
        out["batch_jacobian"] = xp.jacobian(lambda x: predict(x, *params), batched=True)(x)
    except NotImplementedError as exc:
        out["grads"] = None
        out["note"] = str(exc)
    if verbose:
        print(f"backend: {out['backend']}")
        print("prediction:", xp.reshape(out["prediction"], (-1,)))
        if out["grads"] is None:
            print("gradients:", out["note"])
        else:
            print("loss:", float(out["loss"]))
            for name, g in zip(("w1", "b1", "w2", "b2"), out["grads"], strict=True):
                print(f"d loss / d {name}: shape {g.shape}")
            print("batch Jacobian shape:", out["batch_jacobian"].shape)
    return out


if __name__ == "__main__":
    main()
