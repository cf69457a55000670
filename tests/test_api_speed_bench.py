"""benchmarks/api_speed.py: every public function has a row, each row's native call computes what
arrayshim computes (so the timing compares like with like), and a quick run writes valid JSON."""

from __future__ import annotations

import json
import pathlib
import sys

import numpy as np
import pytest

import arrayshim as xp
from conftest import BACKENDS

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import api_speed as bench  # noqa: E402


def public_functions() -> set[str]:
    """The callables of ``xp.__all__`` (not classes), and ``xp.linalg``'s and ``xp.fft``'s."""
    names = {
        n for n in xp.__all__ if callable(getattr(xp, n)) and not isinstance(getattr(xp, n), type)
    }
    for module in ("linalg", "fft"):
        mod = getattr(xp, module)
        names |= {f"{module}.{n}" for n in mod.__all__ if not isinstance(getattr(mod, n), type)}
    return names


def test_every_public_function_has_a_row() -> None:
    public = public_functions()
    rows = {r.name for r in bench.ROWS if r.group != "operator"}
    missing = public - rows - set(bench.EXCLUDED) - set(bench.ALIASES)
    assert not missing, f"functions without a row in benchmarks/api_speed.py: {sorted(missing)}"
    assert not rows - public, f"rows for no public function: {sorted(rows - public)}"
    assert set(bench.EXCLUDED) <= public, "EXCLUDED names a function that no longer exists"
    assert not set(bench.EXCLUDED) & rows, "a function is both excluded and benchmarked"
    for alias, target in bench.ALIASES.items():
        assert getattr(xp.linalg, alias.split(".", 1)[1]) is getattr(xp, target), alias
    assert len({r.name for r in bench.ROWS}) == len(bench.ROWS), "two rows with one name"


def test_rows_are_complete() -> None:
    kinds_ok = {"values", "meta"}
    for row in bench.ROWS:
        assert set(row.native) == set(bench.BACKENDS), row.name
        assert row.compare in kinds_ok, row.name
        assert callable(row.arrayshim_call()), row.name
        bench.make_inputs(row.kind, bench.SMALL)  # a known input kind
    names = {r.name for r in bench.ROWS}
    for name, backend in bench.CORRECTS:
        assert name in names and backend in bench.BACKENDS, (name, backend)
    for name in bench.QUICK_FUNCTIONS.split(","):
        assert name in names, name


def test_a_wrong_native_call_is_caught() -> None:
    x = np.linspace(-1, 1, 8, dtype=np.float32)
    ours = xp.sin(xp.asarray(x))
    assert bench.same_values(np.sin(x), ours) is None
    assert bench.same_values(np.cos(x), ours) == "[0] values differ"
    assert "dtype" in bench.same_values(np.sin(x.astype(np.float64)), ours)
    assert "shape" in bench.same_values(np.sin(x)[:4], ours)
    assert bench.same_values(np.array([np.nan, 1.0]), np.array([1.0, 1.0])) is not None
    assert bench.same_values((np.sin(x),), (ours, ours)) is not None


def test_views_and_frameworks_are_recognised() -> None:
    x = np.arange(8.0)
    assert bench.is_view(x.reshape(2, 4), [x]) and bench.is_view((x, x[2:]), [x])
    assert not bench.is_view(x.copy(), [x]) and not bench.is_view(x, [np.arange(3.0)])
    assert bench.frameworks((x, xp.asarray(x), 3, (1, 2))) == {"numpy"}
    assert bench.note({"corrects": "why", "native_view": True, "arrayshim_view": False}) == (
        "corrects, copies"
    )


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_native_calls_compute_the_same_values(backend_name: str) -> None:
    """On small inputs, and on small inputs with special values salted in (NaN, infinities,
    signed zeros, overflowing values, 1 // 0.1), each row's native call gives arrayshim's dtype,
    shape and values. Rows in CORRECTS too agree on the plain inputs (so a wrong native call
    is caught there as well) and must differ on the salted ones (else the correction is not
    real and the row gets the 1.10x goal)."""
    problems = []
    for row in bench.ROWS:
        correction = bench.corrects(row.name, backend_name)
        differs = []
        for salt in (False, True):
            try:
                with np.errstate(all="ignore"), xp.use_backend(backend_name):
                    native, ours, *_ = bench.prepared(row, backend_name, bench.SMALL, salt=salt)
                    native_result, ours_result = native(), ours()
                    difference = row.difference(native_result, ours_result)
                for side, result in (("native", native_result), ("arrayshim", ours_result)):
                    if bench.frameworks(result) - {backend_name}:
                        difference = f"{side} result on {bench.frameworks(result)}"
            except Exception as exc:
                problems.append(f"{row.name} (salted={salt}): {type(exc).__name__}: {exc}"[:300])
                continue
            if difference:
                differs.append(difference)
                if not correction or not salt:
                    problems.append(f"{row.name} (salted={salt}): {difference}")
        if correction and not differs:
            problems.append(f"{row.name}: in CORRECTS but the native call agrees")
    assert not problems, "\n".join(problems)


def test_quick_run_writes_json_table_plot_and_readme_block(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "speed"
    backend = BACKENDS[0]
    assert bench.main(["--quick", "--backends", backend, "--out", str(out)]) == 0
    report = json.loads(out.with_suffix(".json").read_text())
    assert report["schema"] == "arrayshim.api_speed/1"
    assert {"cpu", "cores", "python"} <= set(report["machine"])
    assert "numpy" in report["versions"]
    records = report["records"]
    quick = bench.QUICK_FUNCTIONS.split(",")
    assert len(records) == 2 * len(quick)
    for r in records:
        assert r["status"] == "ok", r
        assert r["backend"] == backend and r["function"] in quick
        assert r["native_us"] > 0 and r["arrayshim_us"] > 0
        assert r["ratio"] == pytest.approx(r["arrayshim_us"] / r["native_us"])
        assert r["same_values"] is True
    text = out.with_suffix(".txt").read_text()
    assert "arrayshim" in text and "extra us" in text and "linalg.det" in text
    assert out.with_suffix(".png").read_bytes()[:4] == b"\x89PNG"
    block = bench.readme_block(report)
    assert "Worst 10 ratios" in block and "docs/api_speed.png" in block
    readme = tmp_path / "README.md"
    original = (ROOT / "README.md").read_text()
    readme.write_text(original)
    bench.update_readme(report, readme)
    head, tail = original.split(bench.README_START)[0], original.split(bench.README_END)[1]
    assert readme.read_text() == f"{head}{bench.README_START}\n{block}\n{bench.README_END}{tail}"
