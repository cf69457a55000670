"""xp.compare and the arrayshim command, end to end on small sizes.

The command's table and progress bar need rich and its --plot needs matplotlib (the [cli]
extra); tests of those skip without them, and tests below block each package to check that the
library and the command then name the extra instead of failing with ModuleNotFoundError.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import arrayshim as xp
from arrayshim import _registry
from arrayshim._compare import SCHEMA, compare
from arrayshim._errors import OptionalDependencyError
from conftest import BACKENDS

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "compare_fixtures.py")
CLI_EXTRA = "pip install 'arrayshim[cli]'"


def _have(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


requires_rich = pytest.mark.skipif(
    not _have("rich"), reason=f"the command's table needs rich ({CLI_EXTRA})"
)
requires_matplotlib = pytest.mark.skipif(
    not _have("matplotlib"), reason=f"--plot needs matplotlib ({CLI_EXTRA})"
)
requires_torch = pytest.mark.skipif(
    "torch" not in BACKENDS, reason="needs the torch backend (pip install 'arrayshim[torch]')"
)


def _blocking(modules: tuple[str, ...]) -> str:
    """Python code that makes ``modules`` unimportable, as if not installed.

    (None in sys.modules.)
    """
    return f"import sys; sys.modules.update(dict.fromkeys({modules!r}))"


def cli(*args: str, cwd: str, block: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    code = f"{_blocking(block)}; from arrayshim.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )


def sigmoid(x):
    return 1 / (1 + xp.exp(-x))


def inputs(size):
    return (xp.linspace(-4.0, 4.0, size, dtype=xp.float32),)


def test_compare_agrees_and_times_every_backend() -> None:
    result = compare(
        sigmoid,
        inputs,
        backends=BACKENDS,
        sizes=[1, 64],
        compiled=(False,),
        repeat=3,
        min_round_s=0.002,
    )
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
    result = compare(
        lambda x: x * 3,
        inputs,
        backends=("numpy", liar),
        sizes=[8],
        compiled=(False,),
        repeat=2,
        min_round_s=0.001,
    )
    statuses = {r.backend: r.status for r in result.records}
    assert statuses == {"numpy": "ok", "liar": "mismatch"}
    bad = next(r for r in result.records if r.backend == liar)
    assert "max abs error" in bad.error
    assert not result.ok
    assert "MISMATCH" in str(result)


def test_dtype_disagreement_is_detected() -> None:
    def f(x):
        return x if xp.get_backend() == "numpy" else xp.astype(x, xp.float64)

    result = compare(
        f, inputs, backends=BACKENDS, sizes=[4], compiled=(False,), repeat=2, min_round_s=0.001
    )
    for rec in result.records:
        assert rec.status == ("ok" if rec.backend == "numpy" else "mismatch")
        if rec.backend != "numpy":
            assert "dtype float64 vs float32" in rec.error


@requires_rich
@requires_matplotlib
def test_cli_compare_writes_json_and_png(tmp_path) -> None:
    out = cli(
        "compare",
        f"{FIXTURES}:sigmoid",
        "--inputs",
        f"{FIXTURES}:inputs",
        "--sizes",
        "1,16",
        "--backends",
        ",".join(BACKENDS),
        "--no-jit",
        "--repeat",
        "2",
        "--json",
        "out.json",
        "--plot",
        "out.png",
        cwd=str(tmp_path),
    )
    assert out.returncode == 0, out.stdout + out.stderr
    payload = json.loads((tmp_path / "out.json").read_text())
    assert payload["schema"] == SCHEMA and payload["sizes"] == [1, 16]
    keys = {
        "size",
        "backend",
        "device",
        "mode",
        "status",
        "error",
        "median_s",
        "p25_s",
        "p75_s",
        "repeats",
        "compile_s",
        "dtype",
        "shape",
        "max_abs_err",
        "tolerance",
    }
    assert all(set(r) == keys and r["status"] == "ok" for r in payload["records"])
    png = (tmp_path / "out.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image

    assert matplotlib.image.imread(str(tmp_path / "out.png")).shape[2] in (3, 4)
    assert "fastest at each size" in out.stdout


@requires_rich
@requires_torch
def test_cli_reports_failing_cells_and_exit_code(tmp_path) -> None:
    out = cli(
        "compare",
        f"{FIXTURES}:fails_on_torch",
        "--inputs",
        f"{FIXTURES}:inputs",
        "--sizes",
        "4",
        "--backends",
        "numpy,torch,mxnet",
        "--no-jit",
        "--repeat",
        "2",
        "--json",
        "out.json",
        cwd=str(tmp_path),
    )
    assert out.returncode == 1
    records = {r["backend"]: r for r in json.loads((tmp_path / "out.json").read_text())["records"]}
    assert records["numpy"]["status"] == "ok"
    assert records["torch"]["status"] == "error" and "refuses torch" in records["torch"]["error"]
    assert records["mxnet"]["status"] == "error"
    assert "BackendNotFoundError" in records["mxnet"]["error"]


@requires_rich
def test_cli_missing_function(tmp_path) -> None:
    out = cli(
        "compare",
        "no_such_module:f",
        "--inputs",
        f"{FIXTURES}:inputs",
        "--sizes",
        "4",
        "--backends",
        "numpy",
        "--no-jit",
        "--json",
        "out.json",
        cwd=str(tmp_path),
    )
    assert out.returncode == 1
    record = json.loads((tmp_path / "out.json").read_text())["records"][0]
    assert record["status"] == "error" and "No module named 'no_such_module'" in record["error"]


def test_cli_info() -> None:
    out = cli("info", cwd=HERE)
    assert out.returncode == 0, out.stderr
    assert (
        "installed backends" in out.stdout
        and "promotion policy: numpy  [from default]" in out.stdout
    )
    for name in BACKENDS:
        assert name in out.stdout


def test_cli_bad_suite() -> None:
    out = cli("bench", "--suite", "nope", cwd=HERE)
    assert out.returncode == 2 and "unknown suite" in out.stderr


@requires_rich
@pytest.mark.skipif(not hasattr(xp, "random"), reason="needs xp.random")
def test_cli_bench_quick(tmp_path) -> None:
    out = cli(
        "bench",
        "--suite",
        "sigmoid,matmul",
        "--quick",
        "--no-jit",
        "--repeat",
        "2",
        "--backends",
        ",".join(BACKENDS),
        "--json",
        "b.json",
        cwd=str(tmp_path),
    )
    assert out.returncode == 0, out.stdout + out.stderr
    payload = json.loads((tmp_path / "b.json").read_text())
    assert [p["function"] for p in payload] == ["sigmoid", "matmul"]
    np.testing.assert_array_equal(sorted({r["size"] for r in payload[0]["records"]}), [1, 1024])


def _small_result():
    return compare(
        sigmoid,
        inputs,
        backends=("numpy",),
        sizes=[4],
        compiled=(False,),
        repeat=2,
        min_round_s=0.001,
    )


def test_without_rich_and_matplotlib_table_and_plot_name_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    result = _small_result()
    for module in ("rich", "matplotlib"):
        monkeypatch.setitem(sys.modules, module, None)
    text = str(result)  # the plain-text table needs neither
    assert "sigmoid" in text and "reference" in text and "agreement" in text
    with pytest.raises(OptionalDependencyError) as info:
        result.table()
    assert isinstance(info.value, ImportError)
    assert str(info.value).startswith(
        "arrayshim.CompareResult.table(): the rich table needs the optional package 'rich'. "
    )
    assert CLI_EXTRA in str(info.value) and "Received: ModuleNotFoundError" in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    with pytest.raises(
        OptionalDependencyError,
        match=r"CompareResult.plot\(\): the plot needs the optional package "
        r"'matplotlib'.*arrayshim\[cli\]",
    ):
        result.plot(str(tmp_path / "out.png"))
    assert not (tmp_path / "out.png").exists()


@requires_rich
def test_rich_table_escapes_error_text() -> None:
    from rich.console import Console

    result = _small_result()
    result.records[0].status, result.records[0].error = "error", "shape [2, 3] vs [3]"
    console = Console(width=200, record=True, file=open(os.devnull, "w"))
    console.print(result.table())
    assert "error: shape [2, 3] vs [3]" in console.export_text()


@pytest.mark.parametrize("command", ["bench", "compare"])
def test_cli_without_rich_names_the_extra_and_exits_3(command: str, tmp_path) -> None:
    args = (
        ("--suite", "sigmoid", "--quick")
        if command == "bench"
        else (f"{FIXTURES}:sigmoid", "--inputs", f"{FIXTURES}:inputs")
    )
    out = cli(
        command,
        *args,
        "--backends",
        "numpy",
        "--no-jit",
        "--json",
        "out.json",
        cwd=str(tmp_path),
        block=("rich",),
    )
    assert out.returncode == 3, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""
    assert out.stderr.startswith(
        f"arrayshim {command}: the results table needs the optional package 'rich'. "
    )
    assert CLI_EXTRA in out.stderr
    assert not (tmp_path / "out.json").exists()  # checked before anything ran


@requires_rich
def test_cli_plot_without_matplotlib_names_the_extra_before_running(tmp_path) -> None:
    out = cli(
        "compare",
        f"{FIXTURES}:sigmoid",
        "--inputs",
        f"{FIXTURES}:inputs",
        "--sizes",
        "4",
        "--backends",
        "numpy",
        "--no-jit",
        "--json",
        "out.json",
        "--plot",
        "out.png",
        cwd=str(tmp_path),
        block=("matplotlib",),
    )
    assert out.returncode == 3, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    assert (
        out.stderr.startswith("arrayshim compare: --plot needs the optional package 'matplotlib'. ")
        and CLI_EXTRA in out.stderr
    )
    assert not (tmp_path / "out.json").exists()


def test_cli_info_needs_no_optional_package() -> None:
    out = cli("info", cwd=HERE, block=("rich", "matplotlib"))
    assert out.returncode == 0, out.stderr
    assert "installed backends" in out.stdout


def test_compare_tests_skip_without_torch_rich_and_matplotlib(tmp_path) -> None:
    """This file's tests, run where torch, rich and matplotlib are missing, skip with the reason
    (they used to fail), and the rest pass."""
    chosen = [
        "test_cli_reports_failing_cells_and_exit_code",
        "test_cli_compare_writes_json_and_png",
        "test_cli_missing_function",
        "test_cli_bench_quick",
        "test_dtype_disagreement_is_detected",
        "test_cli_bad_suite",
    ]
    code = (
        f"{_blocking(('torch', 'rich', 'matplotlib'))}; import pytest; "
        f"sys.exit(pytest.main([{__file__!r}, '-q', '-rs', '-p', 'no:cacheprovider', '-p', "
        f"'no:xdist', '-k', {' or '.join(chosen)!r}]))"
    )
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=str(tmp_path),
        env=env,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 passed, 4 skipped" in out.stdout, out.stdout
    assert "needs the torch backend (pip install 'arrayshim[torch]')" in out.stdout
    assert f"the command's table needs rich ({CLI_EXTRA})" in out.stdout


def test_devices_are_chosen_per_backend() -> None:
    """``--devices`` names kinds or devices; each backend runs those it has (the toy backend's
    fake devices stand in for a GPU): no error cells for NumPy on a device it lacks."""

    def sigmoid(x):
        return 1 / (1 + xp.exp(-x))

    def inputs(n):
        return (xp.random.default_rng(0).normal(size=n),)

    def cells(devices):
        res = compare(
            sigmoid,
            inputs,
            backends=["numpy", "toy"],
            devices=devices,
            sizes=[8],
            compiled=(False,),
            repeat=1,
            min_round_s=0.0,
        )
        return sorted((r.backend, r.device, r.status) for r in res.records)

    assert cells(["cpu", "fake"]) == [
        ("numpy", "cpu", "ok"),
        ("toy", "cpu", "ok"),
        ("toy", "fake:0", "ok"),
    ]
    assert cells(None) == [
        ("numpy", "cpu", "ok"),
        ("toy", "cpu", "ok"),
        ("toy", "fake:0", "ok"),
        ("toy", "fake:1", "ok"),
    ]
    # NumPy (the reference) has no fake device: one error cell, and toy runs fake:1 only
    assert [c[:2] for c in cells(["fake:1"])] == [("numpy", "-"), ("toy", "fake:1")]
    (numpy_cell,) = compare(
        sigmoid,
        inputs,
        backends=["numpy"],
        devices=["fake"],
        sizes=[8],
        compiled=(False,),
        repeat=1,
        min_round_s=0.0,
    ).records
    assert numpy_cell.status == "error" and "cpu" in numpy_cell.error
    assert "fake" in numpy_cell.error
