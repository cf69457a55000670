"""Device capabilities as data, and the CPU acting as a GPU (``ARRAYSHIM_SIMULATE=gpu``).

CI runs the torch tests and the torch conformance suite a second time with the CPU acting as
CUDA (``.ci/run``); these tests show that the simulation refuses what CUDA lacks (so it can
fail), that the emulations chosen for the GPU give NumPy's values, and that the data agrees with
the refusals.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import arrayshim as xp
from arrayshim import _registry

torch = pytest.importorskip("torch")

from arrayshim_torch import cuda  # noqa: E402


def simulated(script: str) -> str:
    """Run ``script`` in a fresh interpreter with the CPU acting as CUDA; its stdout."""
    env = dict(os.environ, ARRAYSHIM_SIMULATE="gpu", ARRAYSHIM_BACKEND="torch")
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_gaps_are_data_in_arrayshim_terms() -> None:
    b = _registry.get("torch")
    gaps = b.device_gaps["gpu"]
    assert xp.uint32 in gaps["multiply"] and xp.int64 in gaps["matmul"]
    assert "cpu" not in b.device_gaps  # the CPU kernels are the reference
    # every elementwise gap has a GPU kernel: nothing is left to fail on a GPU
    for name, dtypes in gaps.items():
        if name in ("matmul", "where"):
            continue
        for dt in dtypes:
            assert b.device_kernel(name, dt, "gpu") is not None, (name, dt)


def test_refusal_follows_the_missing_list() -> None:
    u = torch.tensor([3, 5], dtype=torch.uint32)
    i = torch.ones((2, 2), dtype=torch.int16)
    with cuda.CudaRefusal():
        with pytest.raises(NotImplementedError, match="mul_cuda.*UInt32"):
            u * u
        with pytest.raises(NotImplementedError, match="bitwise_xor_cuda"):
            u ^ u
        with pytest.raises(NotImplementedError, match="mm_cuda.*Short"):
            i @ i
        with pytest.raises(NotImplementedError, match="where_cuda"):
            torch.where(torch.tensor([True, False]), u, u)
        # what CUDA has passes through
        assert (i.float() @ i.float()).sum().item() == 8
        assert (u.view(torch.int32) * 2).tolist() == [6, 10]


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint16", "int32", "uint32"])
def test_integer_matmul_from_limbs_is_exact(dtype: str) -> None:
    rng = np.random.default_rng(3)
    info = np.iinfo(dtype)
    a = rng.integers(info.min, info.max, size=(2, 3, 5), dtype=dtype, endpoint=True)
    b = rng.integers(info.min, info.max, size=(5, 4), dtype=dtype, endpoint=True)
    got = cuda.matmul_integer(torch.from_numpy(a), torch.from_numpy(b))
    assert got.dtype == torch.from_numpy(a).dtype
    np.testing.assert_array_equal(got.numpy(), a @ b)  # NumPy wraps around the same way


def test_integer_matmul_64_bit_wraps_as_numpy() -> None:
    rng = np.random.default_rng(4)
    for dtype in ("int64", "uint64"):
        info = np.iinfo(dtype)
        a = rng.integers(info.min, info.max, size=(3, 6), dtype=dtype, endpoint=True)
        v = rng.integers(info.min, info.max, size=(6,), dtype=dtype, endpoint=True)
        got = cuda.matmul_integer(torch.from_numpy(a), torch.from_numpy(v))
        np.testing.assert_array_equal(got.numpy(), a @ v)


def test_long_inner_axis_is_summed_in_exact_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cuda, "_EXACT_TERMS", 4)  # chunks of 4 terms instead of 2**21
    a = np.arange(-30, 30, dtype=np.int32).reshape(3, 20) * 70_001
    b = np.arange(20, dtype=np.int32) * 90_001
    got = cuda.matmul_integer(torch.from_numpy(a), torch.from_numpy(b))
    np.testing.assert_array_equal(got.numpy(), a @ b)


def test_users_script_with_the_cpu_acting_as_cuda() -> None:
    """A user's script on the simulated GPU: NumPy's values where CUDA has no kernel, seeded
    random numbers as on the CPU, and the refusal live underneath."""
    out = simulated(
        """
        import numpy as np
        import torch
        import arrayshim as xp
        from arrayshim import _registry

        b = _registry.get("torch")
        assert b.simulated == "gpu", b.simulated
        u = xp.asarray([[1, 2], [3, 60000]], dtype=xp.uint32)
        print(np.asarray(u * u).tolist())
        print(np.asarray(u @ u).tolist(), np.asarray(u ^ 3).tolist())
        print(np.asarray(xp.where(u > 2, u, 7)).tolist(), np.asarray(xp.signbit(u)).tolist())
        print(np.asarray(xp.random.default_rng(5).random(3)).tolist())
        # the refusal is live: an emulation taken away shows CUDA's error
        b.device_gaps = {"gpu": {}}
        b.kernels.clear()
        b.fast.clear()
        try:
            xp.multiply(u, u)
        except TypeError as exc:
            print("refused:", exc)
        """
    )
    lines = out.splitlines()
    u = np.array([[1, 2], [3, 60000]], dtype=np.uint32)
    assert lines[0] == str((u * u).tolist())
    assert lines[1] == f"{(u @ u).tolist()} {(u ^ 3).tolist()}"
    assert lines[2] == f"{np.where(u > 2, u, 7).tolist()} {np.signbit(u).tolist()}"
    with xp.use_backend("numpy"):
        assert lines[3] == str(np.asarray(xp.random.default_rng(5).random(3)).tolist())
    assert lines[4].startswith("refused: arrayshim.multiply() failed on backend 'torch'")
    assert "mul_cuda" in lines[4] and "UInt32" in lines[4]


def test_simulation_is_refused_by_backends_without_that_kind() -> None:
    out = simulated(
        """
        import arrayshim as xp
        from arrayshim import _registry

        print(_registry.get("numpy").simulated, _registry.get("torch").simulated)
        with xp.use_backend("numpy"):
            print(float(xp.sum(xp.asarray([1.0, 2.0]))))
        """
    )
    assert out.split() == ["None", "gpu", "3.0"]


class _OnCuda(torch.Tensor):
    """A CPU tensor that says it is on CUDA (what the adapter's export reads)."""

    @property
    def is_cuda(self) -> bool:  # type: ignore[override]
        return True


def test_gpu_array_exports_to_the_host_only_by_copy() -> None:
    """``np.from_dlpack(x, device="cpu")`` of a GPU array: DLPack's dl_device path copies to
    the host; with ``copy=False`` a BufferError that says why."""
    b = _registry.get("torch")
    x = torch.tensor([1.5, -2.0]).as_subclass(_OnCuda)
    with pytest.raises(BufferError, match=r"Array.__dlpack__.*copy.*copy=False"):
        b.dlpack(x, None, (1, 0), (1, 0), False)
    capsule_owner = type("Owner", (), {})()
    capsule_owner.__dlpack__ = lambda **kw: b.dlpack(x, None, (1, 0), (1, 0), True)
    capsule_owner.__dlpack_device__ = lambda: (1, 0)
    np.testing.assert_array_equal(np.from_dlpack(capsule_owner), [1.5, -2.0])


def _benchmark(script: str, *args: str) -> subprocess.CompletedProcess:
    """Run ``benchmarks/<script>`` with ``args``; it must exit 0."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run(
        [sys.executable, os.path.join(here, "benchmarks", script), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_sigmoid_benchmark_runs_and_reports(tmp_path) -> None:
    """benchmarks/scalar_sigmoid.py (issue 13's GPU goal) on the CPU at small sizes: rows for
    every size, arrayshim's result equal to native torch's (the script asserts it)."""
    out = tmp_path / "rows.json"
    done = _benchmark(
        "scalar_sigmoid.py",
        "--devices",
        "cpu,gpu",
        "--max-log2",
        "4",
        "--rounds",
        "1",
        "--json",
        str(out),
    )
    rows = json.loads(out.read_text())["rows"]
    assert [r["size"] for r in rows if r["device"] == "cpu"] == [1, 4, 16]
    assert all(r["ratio"] > 0 for r in rows) and "worst ratio" in done.stdout


def test_gpu_check_script_on_the_cpu(tmp_path) -> None:
    """benchmarks/gpu_check.py, the one command for a CUDA machine, smoke-tested here on the
    CPU: its probes (DLPack to the host, seeded random numbers, CUDA's gaps) pass and the
    summary records them."""
    _benchmark("gpu_check.py", "--device", "cpu", "--steps", "probes", "--out", str(tmp_path))
    summary = json.loads((tmp_path / "summary.json").read_text())
    probes = summary["steps"]["probes"]
    assert probes["rc"] == 0 and probes["results"]["random_same"] is True
    assert probes["results"]["cuda_gaps_match_numpy"] is True
    assert summary["versions"]["torch"] and (tmp_path / "probes.log").exists()
