"""Built-in suites for ``arrayshim bench``: (function, input maker, sizes, quick sizes).

Inputs come from ``xp.random.default_rng(seed)``, which draws the same numbers on every
backend, on the target device.
"""

from __future__ import annotations

import arrayshim as xp

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

SEED = 0


def sigmoid(x: Any) -> Any:
    """The sigmoid of TF's NumPy guide benchmark."""
    return 1 / (1 + xp.exp(-x))


def vector(size: int) -> tuple[Any]:
    return (xp.random.default_rng(SEED).normal(size=(size,), dtype=xp.float32),)


def matmul(a: Any, b: Any) -> Any:
    return a @ b


def square_matrices(n: int) -> tuple[Any, Any]:
    rng = xp.random.default_rng(SEED)
    return rng.normal(size=(n, n), dtype=xp.float32), rng.normal(size=(n, n), dtype=xp.float32)


def reduction(x: Any) -> Any:
    return xp.sum(x * x)


def mlp_step(w1: Any, w2: Any, x: Any, y: Any) -> Any:
    """One gradient step of the guide's two-layer model (dense + relu + linear projection)."""

    def loss(w1: Any, w2: Any) -> Any:
        hidden = xp.maximum(x @ w1, 0.0)
        return xp.mean((hidden @ w2 - y) ** 2)

    g1, g2 = xp.grad(loss, argnums=(0, 1))(w1, w2)
    return w1 - 0.01 * g1, w2 - 0.01 * g2


def mlp_inputs(batch: int) -> tuple[Any, Any, Any, Any]:
    rng = xp.random.default_rng(SEED)
    return (
        rng.normal(size=(64, 128), dtype=xp.float32) * 0.1,
        rng.normal(size=(128, 1), dtype=xp.float32) * 0.1,
        rng.normal(size=(batch, 64), dtype=xp.float32),
        rng.normal(size=(batch, 1), dtype=xp.float32),
    )


SIZES = [1, 32, 1024, 32768, 1048576]
#: name -> (function, input maker, sizes, quick sizes)
SUITES: dict[str, tuple[Callable[..., Any], Callable[[int], tuple], list[int], list[int]]] = {
    "sigmoid": (sigmoid, vector, SIZES, [1, 1024]),
    "matmul": (matmul, square_matrices, [16, 100, 512, 1024], [16, 100]),
    "reduction": (reduction, vector, SIZES, [1, 1024]),
    "mlp": (mlp_step, mlp_inputs, [32, 512, 4096], [32]),
}
