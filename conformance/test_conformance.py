"""One test per (function of the standard, backend): see ``engine.run_case``."""

from __future__ import annotations

from conformance.engine import Case, run_case


def test_conformance(case: Case, backend: str) -> None:
    run_case(case, backend)
