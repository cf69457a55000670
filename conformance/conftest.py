"""pytest wiring of the conformance suite.

``pytest conformance/`` runs every case on every installed backend; ``--backend torch``
(repeatable) picks backends. Outcomes are gathered per (function, backend); a run of the whole
suite on every first-party backend checks that the committed ``REPORT.md`` (and the totals in the
README) match what it found, and ``--write-report`` (or ``python -m conformance.report``)
rewrites them.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from conformance import devices
from conformance import report as reporting
from conformance.cases import CASES
from conformance.engine import DEFAULT_SETTINGS


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("arrayshim conformance")
    group.addoption(
        "--backend",
        action="append",
        default=None,
        help="run the conformance suite on this backend only (repeatable; default: all installed)",
    )
    devices.add_option(group)
    group.addoption(
        "--write-report",
        action="store_true",
        help="rewrite conformance/REPORT.md and the README totals from this run",
    )


def selected_backends(config: pytest.Config) -> list[str]:
    import arrayshim as xp

    installed = [b for b in reporting.BACKENDS if b in xp.installed_backends()]
    chosen = config.getoption("--backend") or installed
    unknown = [b for b in chosen if b not in installed]
    if unknown:
        raise pytest.UsageError(
            f"--backend {unknown[0]!r}: not an installed backend (installed: "
            f"{', '.join(installed)})"
        )
    return chosen


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "case" in metafunc.fixturenames:
        backends = selected_backends(metafunc.config)
        params = [
            pytest.param(
                case, backend, id=f"{backend}::{case.name}", marks=reporting.marks(case, backend)
            )
            for case in CASES
            for backend in backends
        ]
        metafunc.parametrize(("case", "backend"), params)


class _Collector:
    """Outcomes per (function, backend), gathered on the controlling process (xdist too)."""

    def __init__(self) -> None:
        self.outcomes: dict[tuple[str, str], tuple[str, str]] = {}

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        rep = report
        key = _key(rep.nodeid)
        if key is None or (rep.when != "call" and rep.passed):
            return
        if rep.when == "call" or rep.failed or rep.skipped:
            self.outcomes[key] = _outcome(rep)


def _key(nodeid: str) -> tuple[str, str] | None:
    if "[" not in nodeid or "::" not in nodeid.split("[", 1)[1]:
        return None
    backend, name = nodeid.split("[", 1)[1].rstrip("]").split("::", 1)
    return name, backend


def _outcome(rep: pytest.TestReport) -> tuple[str, str]:
    if hasattr(rep, "wasxfail"):
        return (
            ("known gap", rep.wasxfail)
            if rep.skipped
            else ("fail", "a known gap now passes: remove it from conformance/known_gaps.py")
        )
    if rep.passed:
        return ("pass", "")
    if rep.skipped:
        return ("skip", str(rep.longrepr[-1]) if isinstance(rep.longrepr, tuple) else "")
    text = getattr(rep, "longreprtext", "") or str(rep.longrepr)
    lines = [ln for ln in text.splitlines() if ln.startswith("E ")]
    return (
        "fail",
        (lines[0][1:].strip() if lines else text.splitlines()[-1] if text else "failed"),
    )


def pytest_configure(config: pytest.Config) -> None:
    devices.DEVICE = config.getoption("--device")
    config._conformance = _Collector()  # type: ignore[attr-defined]
    config.pluginmanager.register(config._conformance, "arrayshim-conformance-collector")  # type: ignore[attr-defined]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if hasattr(config, "workerinput"):  # an xdist worker: the controller reports
        return
    outcomes = config._conformance.outcomes  # type: ignore[attr-defined]
    complete = len(outcomes) == len(CASES) * len(reporting.BACKENDS)
    if config.getoption("--write-report"):
        if not complete or not DEFAULT_SETTINGS:
            raise pytest.UsageError(
                "--write-report needs the whole suite on all four backends with the default "
                "examples and seed (no ARRAYSHIM_CONFORMANCE_EXAMPLES/SEED)"
            )
        reporting.write(outcomes)
        return
    if complete and DEFAULT_SETTINGS:  # REPORT.md is made with the default examples and seed
        problems = reporting.stale(outcomes)
        if problems:
            config._conformance_stale = problems  # type: ignore[attr-defined]
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    problems = getattr(config, "_conformance_stale", None)
    if problems:
        terminalreporter.section("conformance report out of date", red=True)
        for line in problems:
            terminalreporter.write_line(line)
        terminalreporter.write_line(
            "Run `python -m conformance.report` and commit REPORT.md and README.md."
        )
    outcomes = config._conformance.outcomes  # type: ignore[attr-defined]
    if outcomes:
        terminalreporter.write_line(reporting.totals_line(outcomes))
