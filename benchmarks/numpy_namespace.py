"""Extra cost of ``arrayshim.numpy`` over the standard function each call ends in.

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
        print(f"{'call':<22}{'xp (us)':>10}{'np (us)':>10}{'extra (us)':>12}")
        for name, fx, fn in _pairs(x, y):
            fx(), fn()
            tx, tn = [], []
            for _ in range(args.repeat):
                tx.append(timeit.timeit(fx, number=args.number) / args.number * 1e6)
                tn.append(timeit.timeit(fn, number=args.number) / args.number * 1e6)
            mx, mn = statistics.median(tx), statistics.median(tn)
            extra = statistics.median(b - a for a, b in zip(tx, tn, strict=True))
            print(f"{name:<22}{mx:>10.2f}{mn:>10.2f}{extra:>+12.2f}")


if __name__ == "__main__":
    main()
