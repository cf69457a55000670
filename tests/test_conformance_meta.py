"""The conformance suite itself: its tables are consistent, its comparisons can fail, a lying
backend is caught, and its report says what it found."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import arrayshim as xp
from conformance import report, standard
from conformance.cases import BY_NAME, CASES
from conformance.engine import EXACT, REDUCTION, TRANSCENDENTAL, Call, Case, compare, run_case
from conformance.known_gaps import KNOWN_GAPS


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
    liar = Case(
        "sin",
        honest.category,
        ("float32",),
        honest.draw,
        ref=honest.ref,
        dtype=honest.dtype,
        shape=honest.shape,
        tol=honest.tol,
        run=lambda x: xp.sin(x) * 1.001,
    )
    run_case(
        Case(
            "sin",
            honest.category,
            ("float32",),
            honest.draw,
            ref=honest.ref,
            dtype=honest.dtype,
            shape=honest.shape,
            tol=honest.tol,
        ),
        "numpy",
    )
    with pytest.raises(AssertionError, match="sin on numpy"):
        run_case(liar, "numpy")


def test_a_wrong_dtype_rule_fails() -> None:
    honest = BY_NAME["sum"]
    liar = Case(
        "sum",
        honest.category,
        ("int8",),
        honest.draw,
        ref=honest.ref,
        dtype=lambda c, d: "int8",
        shape=honest.shape,
        tol=honest.tol,
    )
    with pytest.raises(AssertionError, match="dtype int64, expected int8"):
        run_case(liar, "numpy")


def test_numpy_raising_means_arrayshim_must_raise_the_same_kind() -> None:
    case = Case(
        "reshape",
        "manipulation",
        ("int8",),
        lambda data, d: Call((np.zeros(6, d), (4, 2))),
        ref=np.reshape,
    )
    run_case(case, "numpy")  # both raise ValueError
    lenient = Case(
        "reshape", "manipulation", ("int8",), case.draw, ref=np.reshape, run=lambda x, s: x
    )
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


# ---------------------------------------------------------------------------------------------
# the standard's own text: signatures from the stubs, special cases from the docstrings
# ---------------------------------------------------------------------------------------------

from conformance import special_cases, stubs  # noqa: E402


def test_stubs_are_vendored_and_cover_the_standard() -> None:
    assert (stubs.STUBS / "LICENSE").exists()
    loaded = stubs.load()
    functions = [
        n for n in standard.NAMES if standard.SECTION_OF[n] not in ("constants", "data types")
    ]
    missing = [n for n in functions if stubs.stub_of(n) is None]
    assert not missing, f"names of the standard without a stub: {missing}"
    assert loaded["expand_dims"].signature() == "(x, /, axis)"
    assert loaded["Array.__floordiv__"].signature() == "(other, /)"


@pytest.mark.parametrize(
    "bad",
    [
        lambda x, /, *, axis: x,  # keyword-only
        lambda x, axis, /: x,  # positional-only
        lambda x, /, axis=0: x,  # a default the standard does not give
        lambda x, /, ax: x,  # another name
        lambda x, /, axis, *, copy=None: x,  # a parameter the standard does not have
    ],
)
def test_a_wrong_signature_fails_its_row(monkeypatch: pytest.MonkeyPatch, bad) -> None:
    def expand_dims(x, /, axis):
        return (
            xp.expand_dims.__wrapped__(x, axis=axis)
            if hasattr(xp.expand_dims, "__wrapped__")
            else x
        )

    monkeypatch.setattr(xp, "expand_dims", expand_dims)
    assert stubs.signature_problems("expand_dims") == []
    monkeypatch.setattr(xp, "expand_dims", bad)
    assert stubs.signature_problems("expand_dims")
    with pytest.raises(AssertionError, match="expand_dims: signature"):
        run_case(BY_NAME["expand_dims"], "numpy")


def test_a_wrong_operator_signature_fails_its_row(monkeypatch: pytest.MonkeyPatch) -> None:
    honest = xp.Array.__rfloordiv__
    monkeypatch.setattr(
        xp.Array, "__rfloordiv__", lambda self, other, mode=None: honest(self, other)
    )
    assert stubs.signature_problems("Array.__rfloordiv__")


def test_special_cases_are_parsed_or_listed() -> None:
    """Every bullet is a rule or in UNPARSED with its count: none vanishes silently."""
    counts: dict[str, int] = {}
    for u in special_cases.unparsed():
        counts[u.function] = counts.get(u.function, 0) + 1
    assert counts == {f: n for f, (n, _) in special_cases.UNPARSED.items()}
    for name in ("floor_divide", "expm1", "tanh", "pow", "atan2", "copysign", "sqrt"):
        assert special_cases.rules(name), f"no rules parsed for {name}"
    assert len(special_cases.rules("pow")) == 24  # every real bullet of pow


def _only(dtype: str, case_name: str) -> Case:
    case = BY_NAME[case_name]
    return Case(
        case.name,
        case.category,
        (dtype,),
        case.draw,
        ref=case.ref,
        run=case.run,
        dtype=case.dtype,
        shape=case.shape,
        tol=case.tol,
        check=case.check,
        weight=case.weight,
        special=case.special,
        special_run=case.special_run,
    )


def _liar(real, bad_input, bad_output):
    """``real`` except that where the (first) operand is ``bad_input`` it answers ``bad_output``."""

    def fn(*args):
        out = np.asarray(real(*args)).copy()
        x = np.broadcast_to(np.asarray(args[0]), out.shape)
        out[x == bad_input] = bad_output
        return xp.asarray(out)

    return fn


def test_a_wrong_floor_divide_special_case_fails_its_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """floor_divide(+inf, 2) must be +inf, not NaN (NumPy's answer); the row fails, and so do
    the operator rows, which run the same special cases."""
    run_case(_only("float64", "floor_divide"), "numpy")
    monkeypatch.setattr(
        xp,
        "floor_divide",
        _liar(lambda a, b: np.floor_divide(np.asarray(a), np.asarray(b)), np.inf, np.nan),
    )
    with pytest.raises(
        AssertionError,
        match=r"special case 'If ``x1_i`` is ``\+infinity`` and ``x2_i`` is a positive",
    ):
        run_case(_only("float64", "floor_divide"), "numpy")
    assert special_cases.check("floor_divide", xp.floor_divide, ("float32",), "numpy")
    honest = xp.Array.__floordiv__
    monkeypatch.setattr(
        xp.Array,
        "__floordiv__",
        lambda self, other: _liar(lambda a, b: np.asarray(honest(a, b)), np.inf, np.nan)(
            self, other
        ),
    )
    with pytest.raises(AssertionError, match="special case"):
        run_case(_only("float32", "Array.__floordiv__"), "numpy")


def test_a_wrong_complex_special_case_fails_its_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """tanh(+inf + 1j) must be 1 + 0j; NumPy's 1 - 0j where sin(2b) < 0 fails."""
    real_tanh = xp.tanh

    def tanh(x):
        out = np.asarray(real_tanh(x)).copy()
        if out.dtype.kind == "c":
            v = np.asarray(x)
            hit = np.isposinf(v.real) & np.isfinite(v.imag) & (v.imag > 0)
            out[hit] = complex(1.0, -0.0)
        return xp.asarray(out)

    monkeypatch.setattr(xp, "tanh", tanh)
    problems = special_cases.check("tanh", xp.tanh, ("complex128",), "numpy")
    assert problems and "``a`` is ``+infinity`` and ``b`` is a positive" in problems[0]
    with pytest.raises(AssertionError, match="special case"):
        run_case(_only("complex128", "tanh"), "numpy")


def test_the_numpy_comparison_defers_to_the_standard() -> None:
    """Where a special case fixes the value, a result that differs from NumPy's but meets the
    standard passes, and one that equals NumPy's but breaks the standard fails."""
    x1, x2 = np.array([np.inf, 1.0, 7.0]), np.array([2.0, -np.inf, 2.0])
    covered, problems = special_cases.judge("floor_divide", (x1, x2), np.array([np.inf, -0.0, 3.0]))
    assert covered.tolist() == [True, True, False] and not problems
    _, problems = special_cases.judge(
        "floor_divide", (x1, x2), np.floor_divide(x1, x2)
    )  # NumPy: nan, -1
    assert problems
