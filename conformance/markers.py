"""Generated blocks in Markdown files, between ``<!-- name -->`` and ``<!-- /name -->``
markers (the totals in README.md and REPORT.md)."""

from __future__ import annotations


def between(text: str, start: str, end: str) -> str | None:
    """The text between the markers, stripped; None when they are missing."""
    if start not in text or end not in text:
        return None
    return text.split(start, 1)[1].split(end, 1)[0].strip()


def replace_between(text: str, start: str, end: str, body: str, where: str) -> str:
    """``text`` with the block between the markers replaced by ``body``."""
    if start not in text or end not in text:
        raise RuntimeError(f"{where} has no {start} ... {end} block")
    head, rest = text.split(start, 1)
    return f"{head}{start}\n{body}\n{end}{rest.split(end, 1)[1]}"
