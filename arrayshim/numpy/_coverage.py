"""What of NumPy ``arrayshim.numpy`` covers, and the README block generated from it.

The names it aims at and the ones left out are data in ``_names.py``.

    python -m arrayshim.numpy._coverage --write-readme   # rewrite the block in README.md
    python -m arrayshim.numpy._coverage                  # print it
"""

from __future__ import annotations

import sys
from pathlib import Path

import arrayshim.numpy as anp

from ._names import EXTRA, NOT_PROVIDED, TARGET

__all__ = ["EXTRA", "NOT_PROVIDED", "TARGET", "block", "provided", "write_readme"]


BEGIN = "<!-- numpy-coverage -->"
END = "<!-- /numpy-coverage -->"


def provided() -> list[str]:
    """The public names of arrayshim.numpy."""
    return sorted(anp.__all__)


def block() -> str:
    names = provided()
    have = [n for n in TARGET if n not in NOT_PROVIDED]
    extra = [n for n in names if n not in TARGET]
    lines = [
        f"`arrayshim.numpy` provides {len(have)} of the {len(TARGET)} NumPy names that "
        "`tf.experimental.numpy` or `keras.ops` offers, and "
        f"{len(extra)} more NumPy names ({len(names)} public names in all, counting the "
        "`linalg`, `fft` and `random` submodules).",
        "",
        "Provided from that list:",
        "",
        " ".join(f"`{n}`" for n in have),
        "",
        "Also provided:",
        "",
        " ".join(f"`{n}`" for n in extra),
        "",
        "Not provided (each raises `AttributeError` naming it):",
        "",
        "| name | why |",
        "| --- | --- |",
    ]
    lines += [f"| `{n}` | {why} |" for n, why in sorted(NOT_PROVIDED.items())]
    return "\n".join(lines)


def _readme() -> Path:
    return Path(__file__).resolve().parents[2] / "README.md"


def write_readme(path: Path | None = None) -> bool:
    """Rewrite the block between the markers; True when the file changed."""
    path = path or _readme()
    text = path.read_text()
    if BEGIN not in text or END not in text:
        raise RuntimeError(f"{path} has no {BEGIN} ... {END} block")
    head, rest = text.split(BEGIN, 1)
    new = f"{head}{BEGIN}\n{block()}\n{END}{rest.split(END, 1)[1]}"
    if new != text:
        path.write_text(new)
        return True
    return False


if __name__ == "__main__":
    if "--write-readme" in sys.argv:
        print("README.md", "updated" if write_readme() else "already up to date")
    else:
        print(block())
