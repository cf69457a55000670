"""Memory: a long loop of small operations does not grow the process's resident memory (no
cache that grows per call, no reference cycle per array, no leaked framework tensors)."""

from __future__ import annotations

import gc
import os
import time

import pytest

import arrayshim as xp

OPERATIONS = 100_000  # per backend; TensorFlow's eager ops cost ~50-300 us each, so it runs
#: fewer to keep the test under ~20 s in all
OPERATIONS_BY_BACKEND = {"tensorflow": 15_000, "jax": 15_000}  # slower eager ops
BOUND_MIB = 8  # measured growth: under 0.2 MiB on every backend


def rss_mib() -> float:
    """Resident set size from /proc/self/statm (no psutil needed)."""
    with open("/proc/self/statm") as f:
        resident_pages = int(f.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def loop(count: int, x: xp.Array, y: xp.Array) -> None:
    """``count`` small operations cycling through the hot paths: operators with arrays and with
    Python scalars (the slow path), a reduction, indexing and a comparison."""
    for i in range(count // 5):
        r = x + y
        r = r * 2.5
        xp.sum(r, axis=0)
        r[i % 3]
        r = r < y


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc (Linux)")
def test_small_operations_do_not_grow_memory(backend: str) -> None:
    x = xp.ones((3, 4), dtype=xp.float32)
    y = xp.arange(4, dtype=xp.float32)
    count = OPERATIONS_BY_BACKEND.get(backend, OPERATIONS)
    loop(5_000, x, y)  # warm up: kernel caches, framework pools, lazily built tables
    gc.collect()
    before = rss_mib()
    start = time.perf_counter()
    loop(count, x, y)
    gc.collect()
    grown = rss_mib() - before
    elapsed = time.perf_counter() - start
    assert grown < BOUND_MIB, (
        f"{backend}: resident memory grew by {grown:.1f} MiB over {count} operations "
        f"({elapsed:.1f} s)"
    )
