"""xp.compare and the arrayshim command, end to end on small sizes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

import arrayshim as xp
from arrayshim import _registry
from arrayshim._compare import SCHEMA, compare
from conftest import BACKENDS

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "compare_fixtures.py")


def cli(*args: str, cwd: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run([sys.executable, "-m", "arrayshim.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=600)


def sigmoid(x):
    return 1 / (1 + xp.exp(-x))


def inputs(size):
    return (xp.linspace(-4.0, 4.0, size, dtype=xp.float32),)


def test_compare_agrees_and_times_every_backend() -> None:
    result = compare(sigmoid, inputs, backends=BACKENDS, sizes=[1, 64], compiled=(False,), repeat=3, min_round_s=0.002)
    assert result.ok, str(result)
    assert len(result.records) == 2 * len(BACKENDS)
    for rec in result.records:
        assert rec.dtype == "float32" and rec.shape in ([1], [64])
        assert rec.median_s > 0 and rec.p25_s <= rec.median_s <= rec.p75_s
        assert rec.max_abs_err <= rec.tolerance
    assert set(result.winners()) == {1, 64}
    payload = json.loads(result.to_json())
    assert payload["schema"] == SCHEMA and len(payload["records"]) == len(result.records)
    assert "sigmoid" in str(result)


@pytest.fixture
def liar() -> str:
    """A backend that computes multiply wrongly: compare must say so."""
    from arrayshim_toy import ToyArray, ToyBackend

    class Liar(ToyBackend):
        name = "liar"

        def kernel(self, name, dtype):
            fn = super().kernel(name, dtype)
            if name != "multiply":
                return fn
            return lambda a, b: ToyArray(fn(a, b).data + 1, a.dev)

    xp.register_backend("liar", Liar)
    yield "liar"
    _registry._factories.pop("liar", None)
    _registry._loaded.pop("liar", None)
    _registry._by_type.clear()


def test_disagreement_is_detected(liar: str) -> None:
    result = compare(lambda x: x * 3, inputs, backends=("numpy", liar), sizes=[8], compiled=(False,), repeat=2, min_round_s=0.001)
    statuses = {r.backend: r.status for r in result.records}
    assert statuses == {"numpy": "ok", "liar": "mismatch"}
    bad = next(r for r in result.records if r.backend == liar)
    assert "max abs error" in bad.error
    assert not result.ok
    assert "MISMATCH" in str(result)


def test_dtype_disagreement_is_detected() -> None:
    def f(x):
        return x if xp.get_backend() == "numpy" else xp.astype(x, xp.float64)

    result = compare(f, inputs, backends=BACKENDS, sizes=[4], compiled=(False,), repeat=2, min_round_s=0.001)
    for rec in result.records:
        assert rec.status == ("ok" if rec.backend == "numpy" else "mismatch")
        if rec.backend != "numpy":
            assert "dtype float64 vs float32" in rec.error


def test_cli_compare_writes_json_and_png(tmp_path) -> None:
    out = cli("compare", f"{FIXTURES}:sigmoid", "--inputs", f"{FIXTURES}:inputs", "--sizes", "1,16", "--backends", ",".join(BACKENDS),
              "--no-jit", "--repeat", "2", "--json", "out.json", "--plot", "out.png", cwd=str(tmp_path))
    assert out.returncode == 0, out.stdout + out.stderr
    payload = json.loads((tmp_path / "out.json").read_text())
    assert payload["schema"] == SCHEMA and payload["sizes"] == [1, 16]
    keys = {"size", "backend", "device", "mode", "status", "error", "median_s", "p25_s", "p75_s", "repeats", "compile_s", "dtype", "shape", "max_abs_err", "tolerance"}
    assert all(set(r) == keys and r["status"] == "ok" for r in payload["records"])
    png = (tmp_path / "out.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image

    assert matplotlib.image.imread(str(tmp_path / "out.png")).shape[2] in (3, 4)
    assert "fastest at each size" in out.stdout


def test_cli_reports_failing_cells_and_exit_code(tmp_path) -> None:
    out = cli("compare", f"{FIXTURES}:fails_on_torch", "--inputs", f"{FIXTURES}:inputs", "--sizes", "4", "--backends", "numpy,torch,jax",
              "--no-jit", "--repeat", "2", "--json", "out.json", cwd=str(tmp_path))
    assert out.returncode == 1
    records = {r["backend"]: r for r in json.loads((tmp_path / "out.json").read_text())["records"]}
    assert records["numpy"]["status"] == "ok"
    assert records["torch"]["status"] == "error" and "refuses torch" in records["torch"]["error"]
    assert records["jax"]["status"] == "error" and "BackendNotFoundError" in records["jax"]["error"]


def test_cli_missing_function(tmp_path) -> None:
    out = cli("compare", "no_such_module:f", "--inputs", f"{FIXTURES}:inputs", "--sizes", "4", "--backends", "numpy", "--no-jit", "--json", "out.json", cwd=str(tmp_path))
    assert out.returncode == 1
    record = json.loads((tmp_path / "out.json").read_text())["records"][0]
    assert record["status"] == "error" and "No module named 'no_such_module'" in record["error"]


def test_cli_info() -> None:
    out = cli("info", cwd=HERE)
    assert out.returncode == 0, out.stderr
    assert "installed backends" in out.stdout and "promotion policy: numpy  [from default]" in out.stdout
    for name in BACKENDS:
        assert name in out.stdout


def test_cli_bad_suite() -> None:
    out = cli("bench", "--suite", "nope", cwd=HERE)
    assert out.returncode == 2 and "unknown suite" in out.stderr


@pytest.mark.skipif(not hasattr(xp, "random"), reason="needs xp.random")
def test_cli_bench_quick(tmp_path) -> None:
    out = cli("bench", "--suite", "sigmoid,matmul", "--quick", "--no-jit", "--repeat", "2", "--backends", ",".join(BACKENDS), "--json", "b.json", cwd=str(tmp_path))
    assert out.returncode == 0, out.stdout + out.stderr
    payload = json.loads((tmp_path / "b.json").read_text())
    assert [p["function"] for p in payload] == ["sigmoid", "matmul"]
    np.testing.assert_array_equal(sorted({r["size"] for r in payload[0]["records"]}), [1, 1024])
