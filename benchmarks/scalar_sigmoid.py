"""``1 / (1 + xp.exp(-x))`` against native torch on every torch device, from 1 to 2^24 elements.

    python benchmarks/scalar_sigmoid.py [--devices cpu,gpu] [--max-log2 24] [--json FILE]

Issue 13's goal: a Python scalar in an operation on a GPU array costs no host-to-device copy and
no extra kernel, so this sigmoid (two scalars, four kernels) stays within 5% of native torch at
every size. Both are timed in the same run, interleaved, each call ending with a device
synchronisation; the figure is the median of several rounds. On the CPU the same script shows
the scalar fast path (torch's own wrapped-number path is slower than tensor-tensor kernels).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import arrayshim as xp
from arrayshim import _registry
from arrayshim._devices import select

GOAL = 1.05


def _timed(fn, sync, number: int) -> float:
    sync()
    t0 = time.perf_counter()
    for _ in range(number):
        fn()
    sync()
    return (time.perf_counter() - t0) / number


def paired(native_fn, ours_fn, sync, rounds: int) -> tuple[float, float]:
    """Median seconds per call of each, rounds interleaved so drift hits both alike."""
    native_fn(), ours_fn()  # warm-up (kernels loaded, scalars cached)
    one = _timed(native_fn, sync, 3)
    number = max(1, min(2000, int(0.02 / max(one, 1e-7))))
    natives, ours = [], []
    for _ in range(rounds):
        natives.append(_timed(native_fn, sync, number))
        ours.append(_timed(ours_fn, sync, number))
    return statistics.median(natives), statistics.median(ours)


def measure(devices: list[str], max_log2: int, rounds: int) -> list[dict]:
    import torch

    b = _registry.get("torch")
    rows = []
    for spec in devices:
        dev = select(b.devices(), spec)
        if dev is None:
            print(f"torch has no device {spec!r} here (it has {b.devices()}); skipped")
            continue

        def sync(dev=dev) -> None:
            b.synchronize(dev)

        for log2 in range(0, max_log2 + 1, 2):
            n = 2**log2
            with xp.use_backend("torch"), xp.use_device(dev):
                x = xp.random.default_rng(0).normal(size=n, dtype=xp.float32)
            t = x._native

            def native(t=t):
                return 1 / (1 + torch.exp(-t))

            def ours(x=x):
                return 1 / (1 + xp.exp(-x))

            assert torch.equal(native(), ours()._native)
            t_native, t_ours = paired(native, ours, sync, rounds)
            rows.append(
                {
                    "device": str(dev),
                    "size": n,
                    "native_us": t_native * 1e6,
                    "arrayshim_us": t_ours * 1e6,
                    "ratio": t_ours / t_native,
                }
            )
            r = rows[-1]
            print(
                f"torch {r['device']:>6} 2^{log2:<3} native {r['native_us']:9.1f} us  "
                f"arrayshim {r['arrayshim_us']:9.1f} us  x{r['ratio']:.3f}"
                + ("" if r["ratio"] <= GOAL else f"  (goal x{GOAL})"),
                flush=True,
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", default="cpu,gpu", help="torch devices ('gpu': the first)")
    parser.add_argument("--max-log2", type=int, default=24, help="largest size, as a power of 2")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds per cell")
    parser.add_argument("--json", help="write the rows here")
    args = parser.parse_args(argv)
    rows = measure(args.devices.split(","), args.max_log2, args.rounds)
    worst = max((r["ratio"] for r in rows), default=float("nan"))
    print(f"worst ratio x{worst:.3f} (goal x{GOAL} at every size)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"goal": GOAL, "rows": rows}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
