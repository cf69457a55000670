"""The community's Array API test suite on each backend, with zero failures (see
``conformance/public_suite.py``). Skipped, with the place to get the suite, where it is not
installed; CI (``CI=true``), which has it, fails instead of skipping."""

from __future__ import annotations

import os

import pytest

import arrayshim as xp
from conformance import public_suite
from conformance.markers import between


@pytest.mark.parametrize("backend", public_suite.BACKENDS)
def test_public_array_api_suite(backend: str) -> None:
    if backend not in xp.installed_backends():
        pytest.skip(f"backend {backend!r} is not installed")
    reason = public_suite.missing_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the public suite: {reason}")
        pytest.skip(reason)
    result = public_suite.run(backend)
    assert result.counts["passed"] > 1000, (
        f"the public suite ran too few tests:\n{result.output[-3000:]}"
    )
    assert not result.failures and result.returncode == 0, (
        f"the public Array API suite fails on {backend}:\n"
        + "\n".join(result.failures)
        + "\n"
        + result.output[-2000:]
    )
    committed = public_suite.committed_counts(backend)
    got = {k: result.counts[k] for k in ("passed", "failed", "skipped")}
    assert committed == got, (
        f"conformance/REPORT.md says {committed} for {backend}, this run {got}: "
        "run `python -m conformance.public_suite` and commit REPORT.md and README.md"
    )


def test_readme_lists_exactly_the_skipped_departures() -> None:
    listed = between(
        public_suite.README.read_text(), public_suite.DEPARTURES_START, public_suite.DEPARTURES_END
    )
    assert listed is not None, "README.md lacks the public-suite departures block"
    assert listed == public_suite.departures_markdown(), (
        "README.md's departures differ from conformance/public_suite_skips.txt: run `python -m "
        "conformance.public_suite`"
    )


def test_every_departure_has_a_reason(tmp_path, monkeypatch) -> None:
    skips = tmp_path / "skips.txt"
    skips.write_text(
        "# a reason a user accepts\narray_api_tests/test_a.py::test_b\narray_api_tests/test_c.py\n"
    )
    monkeypatch.setattr(public_suite, "SKIPS", skips)
    with pytest.raises(ValueError, match="test_c.py has no '# reason'"):
        public_suite.departures()
    skips.write_text("# why\narray_api_tests/test_a.py::test_b\n")
    assert public_suite.departures() == [("array_api_tests/test_a.py::test_b", "why")]
    assert public_suite.departures_markdown() == "- `array_api_tests/test_a.py::test_b`: why"


def test_missing_suite_says_where_to_get_it(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("ARRAYSHIM_ARRAY_API_TESTS", str(tmp_path / "nowhere"))
    reason = public_suite.missing_reason()
    assert reason is not None and str(tmp_path / "nowhere") in reason
    assert public_suite.REPOSITORY in reason and public_suite.COMMIT in reason
