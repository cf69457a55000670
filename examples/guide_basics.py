"""Small examples from TensorFlow's NumPy guide, unchanged on every backend:

* ``c = a * b``: dc/da = 20 and dc/db = 15 at a = 15, b = 20 (backends that differentiate);
* the series 1/2 + 1/4 + ... + 1/2**50, eagerly and under ``xp.jit``;
* a while loop of counters, eagerly and under ``xp.jit``.

    ARRAYSHIM_BACKEND=tensorflow python examples/guide_basics.py
"""

from __future__ import annotations

import arrayshim as xp


def product_gradients() -> tuple[float, float] | None:
    a, b = xp.asarray(15.0), xp.asarray(20.0)
    try:
        da, db = xp.grad(lambda a, b: a * b, argnums=(0, 1))(a, b)
    except NotImplementedError:
        return None
    return float(da), float(db)


def series(n: int) -> xp.Array:
    total = xp.asarray(0.0)
    term = xp.asarray(0.5)
    for _ in range(n):
        total = total + term
        term = term / 2
    return total


def counters(steps: int) -> xp.Array:
    counts = xp.zeros(3, dtype=xp.int64)
    step = xp.asarray([1, 2, 3])
    i = 0
    while i < steps:  # a Python loop: unrolled when traced
        counts = counts + step
        i += 1
    return counts


def main(verbose: bool = True, options: dict | None = None) -> dict:
    out = {
        "backend": xp.get_backend(),
        "gradients": product_gradients(),
        "series": float(series(50)),
        "series_jit": float(xp.jit(series, options=options)(50)),
        "counters": [int(c) for c in counters(10)],
        "counters_jit": [int(c) for c in xp.jit(counters, options=options)(10)],
    }
    if verbose:
        print(f"backend: {out['backend']}")
        print(
            "dc/da, dc/db at a=15, b=20:",
            out["gradients"] or "no automatic differentiation on this backend",
        )
        print(
            "1/2 + 1/4 + ... + 1/2**50 =",
            repr(out["series"]),
            "(jit:",
            repr(out["series_jit"]) + ")",
        )
        print("counters after 10 steps:", out["counters"], "(jit:", out["counters_jit"], ")")
    return out


if __name__ == "__main__":
    main()
