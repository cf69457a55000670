"""Every GPU check of issue 13 in one command, for a CUDA machine without network access.

    pip wheel --no-deps -w .whl .                    # here, where pip can build
    pip install --no-index --no-deps --target /tmp/site .whl/*.whl     # on the GPU machine
    PYTHONPATH=/tmp/site python benchmarks/gpu_check.py --out gpu-results

The GPU machine's Python needs torch (CUDA), numpy, pytest and hypothesis (pytest-xdist, rich
and matplotlib are used when present). Steps, each with its own time limit (about 8 minutes in
all): the environment; DLPack to NumPy and seeded random numbers on the GPU against the CPU; the
conformance suite on torch gpu:0; the torch tests on gpu:0; the scalar sigmoid benchmark; and
``arrayshim bench --suite sigmoid --backends numpy,torch --devices cpu,gpu`` with its plot.
Each step's log goes to ``OUT/<step>.log``; ``OUT/summary.json`` holds the versions, the GPU,
the date, each step's exit status, time and pytest totals. ``--device cpu`` runs the same
steps on the CPU (how CI smoke-tests this script); ``--steps`` picks some.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_PROBES = r"""
import json, sys
import numpy as np
import torch
import arrayshim as xp

dev = sys.argv[1]
out = {}
with xp.use_backend("torch"):
    x = xp.asarray([1.5, -2.0, 3.25], device=dev)
    out["device"] = str(x.device)
    # DLPack to NumPy: the standard's copy to the host, and a clear error without a copy
    out["dlpack_to_host"] = np.from_dlpack(x, device="cpu", copy=True).tolist()
    try:
        np.from_dlpack(x, device="cpu", copy=False)
        out["dlpack_no_copy"] = "exported" if x.device.kind == "cpu" else "exported (wrong)"
    except (BufferError, ValueError) as exc:
        out["dlpack_no_copy"] = f"{type(exc).__name__}: {exc}"
    # seeded random numbers: the same on this device as on the CPU and on NumPy
    on_dev = np.asarray(xp.random.default_rng(7).normal(size=5, device=dev)).tolist()
    on_cpu = np.asarray(xp.random.default_rng(7).normal(size=5, device="cpu")).tolist()
with xp.use_backend("numpy"):
    on_numpy = np.asarray(xp.random.default_rng(7).normal(size=5)).tolist()
out["random_same"] = on_dev == on_cpu == on_numpy
# kernels CUDA lacks, through their emulations: NumPy's values
with xp.use_backend("torch"):
    u = xp.asarray([[1, 2], [3, 4_000_000_000]], dtype=xp.uint32, device=dev)
    got = [np.asarray(v).tolist() for v in (u * u, u @ u, u ^ 5, xp.where(u > 2, u, 9))]
un = np.array([[1, 2], [3, 4_000_000_000]], dtype=np.uint32)
want = [v.tolist() for v in (un * un, un @ un, un ^ 5, np.where(un > 2, un, 9))]
out["cuda_gaps_match_numpy"] = got == want
print(json.dumps(out))
ok = out["random_same"] and out["cuda_gaps_match_numpy"]
ok = ok and out["dlpack_to_host"] == [1.5, -2.0, 3.25]
sys.exit(0 if ok else 1)
"""


def _pytest_totals(text: str) -> dict[str, int]:
    """The counts of pytest's last summary line (``3 failed, 261 passed, 2 skipped``)."""
    lines = [ln for ln in text.splitlines() if re.search(r"\d+ (passed|failed|error)", ln)]
    if not lines:
        return {}
    return {k: int(n) for n, k in re.findall(r"(\d+) (\w+)", lines[-1])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="gpu-results", help="folder for logs and summary.json")
    parser.add_argument("--device", default="gpu:0", help="the device to check (default gpu:0)")
    parser.add_argument("--steps", default=None, help="comma-separated steps (default: all)")
    parser.add_argument("--workers", type=int, default=8, help="pytest-xdist workers, if present")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    py = sys.executable
    xdist = ["-n", str(args.workers)] if importlib.util.find_spec("xdist") else []
    quiet = ["-q", "-p", "no:cacheprovider", "--device", args.device]
    dev_kind = args.device.split(":")[0]
    steps: list[tuple[str, list[str], int]] = [
        ("probes", [py, "-c", _PROBES, args.device], 120),
        (
            "conformance",
            [py, "-m", "pytest", "conformance/test_conformance.py", "--backend", "torch"]
            + quiet
            + xdist,
            240,
        ),
        ("tests", [py, "-m", "pytest", "tests", "-k", "torch"] + quiet + xdist, 240),
        (
            "sigmoid",
            [py, "benchmarks/scalar_sigmoid.py", "--devices", args.device, "--rounds", "5"]
            + ["--json", os.path.join(args.out, "scalar_sigmoid.json")],
            150,
        ),
    ]
    if importlib.util.find_spec("rich") and importlib.util.find_spec("matplotlib"):
        steps.append(
            (
                "bench",
                [py, "-m", "arrayshim", "bench", "--suite", "sigmoid", "--backends"]
                + ["numpy,torch", "--devices", f"cpu,{dev_kind}", "--repeat", "5"]
                + ["--json", os.path.join(args.out, "bench_sigmoid.json")]
                + ["--plot", os.path.join(args.out, "bench_sigmoid.png")],
                150,
            )
        )
    wanted = set(args.steps.split(",")) if args.steps else None
    summary: dict = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat()}
    try:
        import numpy
        import torch

        summary["versions"] = {
            "python": sys.version.split()[0],
            "torch": torch.__version__,
            "cuda": torch.version.cuda,
            "numpy": numpy.__version__,
        }
        summary["gpu"] = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    except Exception as exc:  # reported, and the steps show what fails
        summary["versions"] = f"{type(exc).__name__}: {exc}"
    summary["device"] = args.device
    summary["steps"] = {}
    env = dict(os.environ, PYTHONUNBUFFERED="1", TF_CPP_MIN_LOG_LEVEL="3")
    failed = False
    for name, cmd, limit in steps:
        if wanted is not None and name not in wanted:
            continue
        t0 = time.perf_counter()
        try:
            done = subprocess.run(
                cmd, cwd=HERE, env=env, capture_output=True, text=True, timeout=limit
            )
            rc, text = done.returncode, done.stdout + done.stderr
        except subprocess.TimeoutExpired as exc:
            rc = 124
            text = f"timed out after {limit} s\n" + str(exc.stdout or "") + str(exc.stderr or "")
        seconds = round(time.perf_counter() - t0, 1)
        with open(os.path.join(args.out, f"{name}.log"), "w") as f:
            f.write(" ".join(cmd[:3]) + " ...\n" + text)
        record: dict = {"rc": rc, "seconds": seconds}
        if name in ("conformance", "tests"):
            record["totals"] = _pytest_totals(text)
        if name == "probes":
            found = [ln for ln in text.splitlines() if ln.startswith("{")]
            record["results"] = json.loads(found[-1]) if found else None
        summary["steps"][name] = record
        failed = failed or rc != 0
        print(f"{name:12} rc={rc:<4} {seconds:7.1f} s  {record.get('totals', '')}", flush=True)
        with open(os.path.join(args.out, "summary.json"), "w") as f:
            json.dump(summary, f, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
