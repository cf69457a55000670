"""The community's Array API test suite (data-apis/array-api-tests) run on arrayshim, one
backend at a time, in a subprocess.

The suite is not vendored: it is looked for at ``$ARRAYSHIM_ARRAY_API_TESTS`` or, by default,
at ``../shared/array-api-tests`` beside the checkout (where CI has it). Runs are derandomized
with :data:`EXAMPLES` examples, so a run is reproducible. Where arrayshim deliberately departs
from the standard, the test is skipped through the suite's own ``--skips-file``
(:data:`SKIPS`): a ``# reason`` comment line, then the test id; the README lists the same
departures with the same reasons (checked by ``tests/test_public_suite_docs.py``).

``python -m conformance.public_suite`` runs it on every installed backend and rewrites the
totals in ``conformance/REPORT.md`` and the README; ``pytest conformance`` runs it too
(``conformance/test_public_suite.py``) and fails where a total differs from the committed one.
"""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass

from conformance.markers import between, replace_between

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parent
REPOSITORY = "https://github.com/data-apis/array-api-tests"
COMMIT = "55fcc60"
#: examples per test: 20 keeps a backend at about 30 s on one core
EXAMPLES = 20
#: fewer on jax, where every new shape or dtype costs an XLA compilation (20 took 284 s)
EXAMPLES_BY_BACKEND = {"jax": 10}
SKIPS = HERE / "public_suite_skips.txt"
REPORT = HERE / "REPORT.md"
README = ROOT / "README.md"
START, END = "<!-- public-suite-totals -->", "<!-- /public-suite-totals -->"
DEPARTURES_START, DEPARTURES_END = (
    "<!-- public-suite-departures -->",
    "<!-- /public-suite-departures -->",
)
BACKENDS = ("numpy", "torch", "tensorflow", "jax")


def location() -> pathlib.Path:
    """Where the suite is expected.

    ``$ARRAYSHIM_ARRAY_API_TESTS``, else ``../shared/array-api-tests``.
    """
    env = os.environ.get("ARRAYSHIM_ARRAY_API_TESTS")
    return pathlib.Path(env) if env else ROOT.parent / "shared" / "array-api-tests"


def missing_reason() -> str | None:
    """Why the suite cannot run here, or None when it can."""
    path = location()
    if not (path / "array_api_tests").is_dir():
        return (
            f"the public Array API test suite is not at {path}: get {REPOSITORY} at "
            f"commit {COMMIT} (`git clone {REPOSITORY} && "
            f"git -C array-api-tests checkout {COMMIT} && "
            "git -C array-api-tests submodule update --init`) and set "
            "ARRAYSHIM_ARRAY_API_TESTS to it"
        )
    for module in ("pytest_jsonreport", "ndindex"):
        try:
            __import__(module)
        except ImportError:
            return f"the public Array API test suite needs {module} (pip install 'arrayshim[test]')"
    return None


def departures() -> list[tuple[str, str]]:
    """``(test id, reason)`` for every line of the skips file."""
    out: list[tuple[str, str]] = []
    reason = ""
    for line in SKIPS.read_text().splitlines():
        line = line.strip()
        if line.startswith("#"):
            reason = line.lstrip("#").strip()
        elif line:
            if not reason:
                raise ValueError(f"{SKIPS.name}: {line} has no '# reason' line above it")
            out.append((line, reason))
            reason = ""
    return out


@dataclass
class Result:
    backend: str
    counts: dict[str, int]
    failures: list[str]
    output: str
    returncode: int


_COUNT = re.compile(r"(\d+) (passed|failed|skipped|error|errors|xfailed|xpassed)")


def run(backend: str, examples: int | None = None, extra: tuple[str, ...] = ()) -> Result:
    """Run the suite on ``backend`` in a subprocess (from a temporary folder: the suite's copy
    may be read-only, and hypothesis writes its database into the working folder)."""
    if examples is None:
        examples = EXAMPLES_BY_BACKEND.get(backend, EXAMPLES)
    env = dict(
        os.environ,
        ARRAY_API_TESTS_MODULE="arrayshim",
        ARRAYSHIM_BACKEND=backend,
        TF_CPP_MIN_LOG_LEVEL="3",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    env.pop("PYTEST_XDIST_WORKER", None)
    env.pop("PYTEST_ADDOPTS", None)
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        str(location() / "array_api_tests"),
        "-p",
        "no:cacheprovider",
        "-p",
        "no:xdist",
        "-q",
        "--tb=line",
        "-rfE",
        f"--max-examples={examples}",
        "--derandomize",
        "--disable-deadline",
        f"--skips-file={SKIPS}",
        *extra,
    ]
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    output = proc.stdout + proc.stderr
    last = next(
        (ln for ln in reversed(output.splitlines()) if " in " in ln and _COUNT.search(ln)), ""
    )
    counts = {"passed": 0, "failed": 0, "skipped": 0, "errors": 0}
    for n, word in _COUNT.findall(last):
        key = "errors" if word.startswith("error") else word
        counts[key] = counts.get(key, 0) + int(n)
    failures = [
        ln.split(" - ")[0] for ln in output.splitlines() if ln.startswith(("FAILED", "ERROR"))
    ]
    return Result(backend, counts, failures, output, proc.returncode)


def totals_table(results: dict[str, dict[str, int]]) -> str:
    """The Markdown table of the suite's totals per backend."""
    lines = [
        f"Public suite: [{REPOSITORY.removeprefix('https://github.com/')}]({REPOSITORY}) at "
        f"`{COMMIT}`, "
        f"2025.12 stubs, `--max-examples={EXAMPLES} --derandomize`, skips file "
        f"`conformance/{SKIPS.name}` ({len(departures())} departures).",
        "",
        "| backend | passed | failed | skipped |",
        "|---|---|---|---|",
    ]
    for b in BACKENDS:
        if b in results:
            c = results[b]
            lines.append(f"| {b} | {c['passed']} | {c['failed'] + c['errors']} | {c['skipped']} |")
    return "\n".join(lines)


def committed_counts(backend: str) -> dict[str, int] | None:
    """The totals of ``backend`` in REPORT.md's table, or None if it has none."""
    table = between(REPORT.read_text(), START, END) or ""
    m = re.search(rf"^\| {backend} \| (\d+) \| (\d+) \| (\d+) \|$", table, re.M)
    if m is None:
        return None
    return {"passed": int(m[1]), "failed": int(m[2]), "skipped": int(m[3])}


def departures_markdown() -> str:
    items = departures()
    if not items:
        return "None: every test of the public suite runs on every backend."
    return "\n".join(f"- `{test}`: {reason}" for test, reason in items)


def write(results: dict[str, dict[str, int]]) -> None:
    table = totals_table(results)
    REPORT.write_text(
        replace_between(REPORT.read_text(), START, END, table, "conformance/REPORT.md")
    )
    readme = replace_between(README.read_text(), START, END, table, "README.md")
    README.write_text(
        replace_between(
            readme, DEPARTURES_START, DEPARTURES_END, departures_markdown(), "README.md"
        )
    )


def main() -> int:
    reason = missing_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    import arrayshim as xp

    results = {}
    for b in BACKENDS:
        if b not in xp.installed_backends():
            continue
        r = run(b)
        print(f"{b}: {r.counts}", flush=True)
        for f in r.failures:
            print("  " + f)
        results[b] = r.counts
    write(results)
    print(f"rewrote {REPORT.relative_to(ROOT)} and README.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
