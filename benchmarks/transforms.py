"""Eager against ``xp.jit`` per backend, and ``vmap(grad)`` against a Python loop.

    python benchmarks/transforms.py [--backends numpy,torch,tensorflow,jax] [--size 128]

Prints the median milliseconds per call of each (first call, which compiles, excluded; its time
is printed separately), and a sigmoid on 1024 float32 elements eager against ``xp.jit`` (where a
framework's eager dispatch dominates: JAX's). Every timed call waits for its result (JAX
dispatches asynchronously). Timing on a shared machine is noisy.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "examples"))

from _timing import median_ms

import arrayshim as xp


def mlp(x, w1, w2):
    h = xp.tanh(xp.matmul(x, w1))
    for _ in range(8):
        h = xp.tanh(h * 0.9 + 0.1)
    return xp.sum(xp.matmul(h, w2))


def loss(w, x, y):
    return (xp.sum(x * w) - y) ** 2


def _ready(out):
    """``out`` once computed: JAX's results are futures (``block_until_ready``)."""
    for leaf in out if isinstance(out, (tuple, list)) else (out,):
        native = xp.to_native(leaf) if isinstance(leaf, xp.Array) else leaf
        if hasattr(native, "block_until_ready"):
            native.block_until_ready()
    return out


def sigmoid(x):
    return 1 / (1 + xp.exp(-x))


def run(name: str, size: int, batch: int) -> None:
    with xp.use_backend(name):
        rng = xp.random.default_rng(0)
        x = rng.normal(size=(size, size), dtype=xp.float32)
        w1 = rng.normal(size=(size, size), dtype=xp.float32) / size**0.5
        w2 = rng.normal(size=(size, 1), dtype=xp.float32)
        compiled = xp.jit(mlp)
        start = time.perf_counter()
        compiled(x, w1, w2)
        first = (time.perf_counter() - start) * 1e3
        mlp(x, w1, w2)
        eager = median_ms(lambda: _ready(mlp(x, w1, w2)))
        jit = median_ms(lambda: _ready(compiled(x, w1, w2)))
        print(
            f"{name:<11} mlp {size}x{size}: eager {eager:9.3f} ms   jit {jit:9.3f} ms   "
            f"({eager / jit:5.1f}x; first jit call {first:8.1f} ms)"
        )
        small = rng.normal(size=1024, dtype=xp.float32)
        fast_sigmoid = xp.jit(sigmoid)
        _ready(fast_sigmoid(small))
        s_eager = median_ms(lambda: _ready(sigmoid(small)))
        s_jit = median_ms(lambda: _ready(fast_sigmoid(small)))
        print(
            f"{'':<11} sigmoid 1024 float32: eager {s_eager * 1e3:9.1f} us   jit "
            f"{s_jit * 1e3:9.1f} us   ({s_eager / s_jit:5.1f}x)"
        )
        if name == "numpy":
            return
        w, xs, ys = rng.normal(size=16), rng.normal(size=(batch, 16)), rng.normal(size=batch)
        per_example = xp.grad(loss)
        vmapped = xp.vmap(per_example, in_axes=(None, 0, 0))
        vmapped_jit = xp.jit(vmapped)
        vmapped(w, xs, ys), vmapped_jit(w, xs, ys)
        t_vmap = median_ms(lambda: _ready(vmapped(w, xs, ys)), repeat=3, number=2)
        t_vmap_jit = median_ms(lambda: _ready(vmapped_jit(w, xs, ys)), repeat=3, number=2)
        t_loop = median_ms(
            lambda: _ready([per_example(w, xs[i], ys[i]) for i in range(batch)]),
            repeat=3,
            number=1,
        )
        print(
            f"{'':<11} per-example grads, batch {batch}: loop {t_loop:9.2f} ms   vmap "
            f"{t_vmap:9.2f} ms   jit(vmap) {t_vmap_jit:9.2f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--backends",
        default=",".join(
            b for b in ("numpy", "torch", "tensorflow", "jax") if b in xp.installed_backends()
        ),
    )
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    for name in args.backends.split(","):
        run(name, args.size, args.batch)


if __name__ == "__main__":
    main()
