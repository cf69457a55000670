"""Extra cost of ``arrayshim.numpy`` over the standard function each call ends in, and of the
Array methods (``x.sum()``) over the ``arrayshim.numpy`` function each one calls.

One interleaved run: for each pair, the ``xp`` call and the ``np`` call are timed in alternating
repeats; the extra cost is the median of the paired differences (each ``np`` batch minus the
``xp`` batch timed just before it), which cancels the drifts of a loaded machine.
Goal (issue 12): at most +0.3 us per call.

    python benchmarks/numpy_namespace.py [--backend numpy|torch|tensorflow] [--repeat 201]
"""

from __future__ import annotations

import argparse
import statistics
import timeit

import arrayshim as xp
import arrayshim.numpy as anp


def _pairs(x: xp.Array, y: xp.Array) -> list[tuple[str, object, object]]:
    return [
        ("sum(x)", lambda: xp.sum(x), lambda: anp.sum(x)),
        ("sum(x, 0)", lambda: xp.sum(x, axis=0), lambda: anp.sum(x, 0)),
        ("exp(x)", lambda: xp.exp(x), lambda: anp.exp(x)),
        ("add(x, y)", lambda: xp.add(x, y), lambda: anp.add(x, y)),
        ("concatenate([x, y])", lambda: xp.concat([x, y]), lambda: anp.concatenate([x, y])),
    ]


def _method_pairs(x: xp.Array, y: xp.Array) -> list[tuple[str, object, object]]:
    """(method, the arrayshim.numpy call it makes, the method call)."""
    return [
        ("x.sum()", lambda: anp.sum(x), lambda: x.sum()),
        (
            "x.sum(0, keepdims=True)",
            lambda: anp.sum(x, 0, keepdims=True),
            lambda: x.sum(0, keepdims=True),
        ),
        ("x.reshape(2, 4)", lambda: anp.reshape(x, (2, 4)), lambda: x.reshape(2, 4)),
        ("x.astype(float64)", lambda: anp.astype(x, anp.float64), lambda: x.astype(anp.float64)),
        ("x.max()", lambda: anp.max(x), lambda: x.max()),
        ("x.dot(y)", lambda: anp.dot(x, y), lambda: x.dot(y)),
    ]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", default="numpy")
    p.add_argument("--repeat", type=int, default=201)
    p.add_argument("--number", type=int, default=200)
    args = p.parse_args()
    with xp.use_backend(args.backend):
        x = xp.ones((8,), dtype=xp.float32)
        y = xp.ones((8,), dtype=xp.float32)
        print(
            f"backend {args.backend}, 8 float32 elements, median of {args.repeat} interleaved runs"
        )
        rows = [("call", "xp (us)", "np (us)", _pairs(x, y))]
        rows.append(("method", "np (us)", "x. (us)", _method_pairs(x, y)))
        for title, base, call, pairs in rows:
            print(f"{title:<26}{base:>10}{call:>10}{'extra (us)':>12}")
            _time(pairs, args.repeat, args.number)


def _time(pairs: list, repeat: int, number: int) -> None:
    for name, fx, fn in pairs:
        fx(), fn()
        tx, tn = [], []
        for _ in range(repeat):
            tx.append(timeit.timeit(fx, number=number) / number * 1e6)
            tn.append(timeit.timeit(fn, number=number) / number * 1e6)
        mx, mn = statistics.median(tx), statistics.median(tn)
        extra = statistics.median(b - a for a, b in zip(tx, tn, strict=True))
        print(f"{name:<26}{mx:>10.2f}{mn:>10.2f}{extra:>+12.2f}")


if __name__ == "__main__":
    main()
