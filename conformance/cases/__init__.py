"""Every case of the suite, one per function of the standard (one row of the report)."""

from __future__ import annotations

from . import array_object, creation, elementwise, fft, functions, linalg

CASES = [
    *elementwise.CASES,
    *functions.CASES,
    *creation.CASES,
    *array_object.CASES,
    *linalg.CASES,
    *fft.CASES,
]
BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "two cases share a name"
