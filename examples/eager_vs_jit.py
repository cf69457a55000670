"""The same function eagerly and under ``xp.jit`` (``tf.function``, ``torch.compile``; NumPy runs
it as it is), with timings, as in TensorFlow's NumPy guide:

    ARRAYSHIM_BACKEND=torch python examples/eager_vs_jit.py
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from _timing import median_ms

import arrayshim as xp


def mlp(x: xp.Array, w1: xp.Array, w2: xp.Array) -> xp.Array:
    # xp.matmul rather than @: torch.compile cannot trace the @ operator of a Python class
    h = xp.tanh(xp.matmul(x, w1))
    for _ in range(5):  # a few small ops, where compiling pays off most
        h = xp.tanh(h * 0.9 + 0.1)
    return xp.sum(xp.matmul(h, w2))


def main(size: int = 64, verbose: bool = True, options: dict | None = None) -> dict:
    rng = xp.random.default_rng(0)
    x = rng.normal(size=(size, size), dtype=xp.float32)
    w1 = rng.normal(size=(size, size), dtype=xp.float32) / size**0.5
    w2 = rng.normal(size=(size, 1), dtype=xp.float32)
    compiled = xp.jit(mlp, options=options)
    out = {"backend": xp.get_backend(), "eager": mlp(x, w1, w2), "jit": compiled(x, w1, w2)}
    out["eager_ms"] = median_ms(lambda: mlp(x, w1, w2))
    out["jit_ms"] = median_ms(lambda: compiled(x, w1, w2))
    if verbose:
        print(
            f"backend: {out['backend']}: eager {out['eager_ms']:.3f} ms, jit {out['jit_ms']:.3f} "
            f"ms "
            f"({out['eager_ms'] / out['jit_ms']:.1f}x); values {float(out['eager']):.5f} / "
            f"{float(out['jit']):.5f}"
        )
    return out


if __name__ == "__main__":
    main()
