"""The one table of known gaps: (function, backend) -> why it does not conform.

Each entry turns that test into a ``strict=True`` xfail: the test must still fail, so fixing
a gap makes the suite fail until its line is removed here. The README lists the same gaps;
``REPORT.md`` shows them as ``known gap`` cells with the reason.
"""

from __future__ import annotations

KNOWN_GAPS: dict[tuple[str, str], str] = {}
