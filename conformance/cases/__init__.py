"""Every case of the suite, one per function of the standard (one row of the report)."""

from __future__ import annotations

from . import elementwise

CASES = [*elementwise.CASES]
BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "two cases share a name"
