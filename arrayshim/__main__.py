"""``python -m arrayshim``: a short demo on the selected backend (``ARRAYSHIM_BACKEND``)."""

from __future__ import annotations

import sys

import arrayshim as xp


def demo() -> int:
    print(
        f"backend: {xp.get_backend()}   promotion: {xp.get_promotion()}   devices: "
        f"{', '.join(map(str, xp.devices()))}"
    )
    a = xp.ones((5, 3), dtype=xp.float32)
    b = xp.asarray([1, 2, 3])
    c = a + b
    print(f"float32 ones + int64 [1, 2, 3] -> {c.dtype} {c.shape}")
    c[0, 1] = -1
    print("after c[0, 1] = -1, row 0:", c[0])
    native = xp.to_native(c)
    print(f"native array: {type(native).__module__}.{type(native).__qualname__}")

    @xp.agnostic
    def softmax(x):
        e = xp.exp(x - xp.max(x, axis=-1, keepdims=True))
        return e / xp.sum(e, axis=-1, keepdims=True)

    print("softmax([1, 2, 3]) =", softmax(xp.asarray([1.0, 2.0, 3.0])))
    x = xp.linspace(-4, 4, 9, dtype=xp.float32)
    print("sigmoid(linspace(-4, 4, 9)) =", 1 / (1 + xp.exp(-x)))
    return 0


if __name__ == "__main__":
    sys.exit(demo())
