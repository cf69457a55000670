"""Per-example gradients with ``vmap(grad(...))`` against a Python loop, as in TensorFlow's
NumPy guide, with timings. Runs unchanged on every backend that differentiates:

    ARRAYSHIM_BACKEND=tensorflow python examples/per_example_gradients.py
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from _timing import median_ms

import arrayshim as xp


def loss(w: xp.Array, b: xp.Array, x: xp.Array, y: xp.Array) -> xp.Array:
    """Squared error of a linear model on ONE example."""
    return (xp.sum(x * w) + b - y) ** 2


def main(batch: int = 32, features: int = 8, verbose: bool = True) -> dict:
    rng = xp.random.default_rng(0)
    w, b = rng.normal(size=features), xp.asarray(0.5)
    xs, ys = rng.normal(size=(batch, features)), rng.normal(size=batch)
    out: dict = {"backend": xp.get_backend()}
    per_example = xp.grad(loss, argnums=(0, 1))
    try:
        vmapped = xp.vmap(per_example, in_axes=(None, None, 0, 0))
        out["vmap"] = vmapped(w, b, xs, ys)
    except NotImplementedError as exc:
        out["note"] = str(exc)
        if verbose:
            print(f"backend: {out['backend']}: {exc}")
        return out

    def loop() -> tuple:
        grads = [per_example(w, b, xs[i], ys[i]) for i in range(batch)]
        return xp.stack([g[0] for g in grads]), xp.stack([g[1] for g in grads])

    out["loop"] = loop()
    out["vmap_ms"] = median_ms(lambda: vmapped(w, b, xs, ys))
    out["loop_ms"] = median_ms(loop, repeat=3, number=1)
    if verbose:
        print(f"backend: {out['backend']}, batch {batch}")
        print(
            f"per-example gradients: vmap {out['vmap_ms']:.2f} ms, Python loop "
            f"{out['loop_ms']:.2f} ms "
            f"({out['loop_ms'] / out['vmap_ms']:.1f}x)"
        )
    return out


if __name__ == "__main__":
    main()
