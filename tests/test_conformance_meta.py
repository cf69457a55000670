"""The conformance suite itself: its tables are consistent, its comparisons can fail, a lying
backend is caught, and its report says what it found."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import arrayshim as xp  # noqa: E402
from conformance import report, standard  # noqa: E402
from conformance.cases import BY_NAME, CASES  # noqa: E402
from conformance.engine import EXACT, REDUCTION, TRANSCENDENTAL, Call, Case, compare, run_case  # noqa: E402
from conformance.known_gaps import KNOWN_GAPS  # noqa: E402


def test_every_name_of_the_standard_has_one_case() -> None:
    names = set(standard.NAMES)
    assert len(names) == len(standard.NAMES), "a name is listed twice"
    assert {c.name for c in CASES} == names


def test_known_gaps_name_real_cases_and_backends() -> None:
    for (name, backend), reason in KNOWN_GAPS.items():
        assert name in BY_NAME and backend in report.BACKENDS and reason.strip()


def _ok(got: object, ref: np.ndarray, tol=EXACT) -> None:
    compare(got, ref, None, None, tol, 1.0, "result")


@pytest.mark.parametrize("bad", ["dtype", "shape", "value", "nan", "zero sign", "inf sign"])
def test_comparison_catches(bad: str) -> None:
    ref = np.array([1.0, -0.0, np.inf, np.nan, 3.0], dtype=np.float32)
    got = ref.copy()
    if bad == "dtype":
        got = got.astype(np.float64)
    elif bad == "shape":
        got = got[None]
    elif bad == "value":
        got[4] = np.nextafter(np.float32(3.0), np.float32(4.0))
    elif bad == "nan":
        got[3] = 0.0
    elif bad == "zero sign":
        got[1] = 0.0
    else:
        got[2] = -np.inf
    _ok(xp.asarray(ref), ref)  # the reference passes against itself
    with pytest.raises(AssertionError):
        _ok(xp.asarray(got), ref)


def test_tolerances_are_ulps_not_percent() -> None:
    ref = np.array([1.0], dtype=np.float64)
    near = np.nextafter(ref, 2.0)
    _ok(xp.asarray(near), ref, TRANSCENDENTAL)  # 1 ulp: within 8
    with pytest.raises(AssertionError):
        _ok(xp.asarray(ref * (1 + 1e-12)), ref, TRANSCENDENTAL)  # ~4500 ulps
    with pytest.raises(AssertionError):
        _ok(xp.asarray(ref + 1e-6), ref, REDUCTION)


def test_a_lying_function_fails_its_case() -> None:
    """The real ``sin`` case with arrayshim's sin replaced by one that is slightly off."""
    honest = BY_NAME["sin"]
    liar = Case("sin", honest.category, ("float32",), honest.draw, ref=honest.ref, dtype=honest.dtype,
                shape=honest.shape, tol=honest.tol, run=lambda x: xp.sin(x) * 1.001)
    run_case(Case("sin", honest.category, ("float32",), honest.draw, ref=honest.ref, dtype=honest.dtype,
                  shape=honest.shape, tol=honest.tol), "numpy")
    with pytest.raises(AssertionError, match="sin on numpy"):
        run_case(liar, "numpy")


def test_a_wrong_dtype_rule_fails() -> None:
    honest = BY_NAME["sum"]
    liar = Case("sum", honest.category, ("int8",), honest.draw, ref=honest.ref, dtype=lambda c, d: "int8",
                shape=honest.shape, tol=honest.tol)
    with pytest.raises(AssertionError, match="dtype int64, expected int8"):
        run_case(liar, "numpy")


def test_numpy_raising_means_arrayshim_must_raise_the_same_kind() -> None:
    case = Case("reshape", "manipulation", ("int8",), lambda data, d: Call((np.zeros(6, d), (4, 2))), ref=np.reshape)
    run_case(case, "numpy")  # both raise ValueError
    lenient = Case("reshape", "manipulation", ("int8",), case.draw, ref=np.reshape, run=lambda x, s: x)
    with pytest.raises(AssertionError, match="NumPy raised ValueError"):
        run_case(lenient, "numpy")


def test_report_shows_failures_gaps_and_totals() -> None:
    outcomes = {(n, b): ("pass", "") for n in standard.NAMES for b in report.BACKENDS}
    outcomes[("sin", "torch")] = ("fail", "result: 1 of 4 values differ")
    outcomes[("cos", "tensorflow")] = ("known gap", "a reason")
    text = report.render(outcomes)
    assert "| `sin` | pass | **FAIL**: result: 1 of 4 values differ | pass |" in text
    assert "| `cos` | pass | pass | known gap: a reason |" in text
    total = len(standard.NAMES)
    assert f"| torch | {total - 1} | 0 | 1 | 0 |" in text
    assert f"| tensorflow | {total - 1} | 1 | 0 | 0 |" in text
    assert report.stale(outcomes), "a report with a failure cannot match the committed one"


def test_committed_report_covers_every_name() -> None:
    text = report.REPORT.read_text()
    for name in standard.NAMES:
        assert f"| `{name}` |" in text
