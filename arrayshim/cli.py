"""The ``arrayshim`` command: ``compare``, ``bench``, ``info`` and ``demo``.

    arrayshim compare module:function --inputs module:maker --sizes 1,32,1024
        --plot out.png --json out.json
    arrayshim bench [--suite sigmoid,matmul,reduction,mlp] [--quick]
    arrayshim info

Exit codes: 0 every cell ran and agreed; 1 a cell failed or disagreed; 2 bad command line;
3 an optional package the command needs is missing (nothing is run; the message names the
package and the extra: ``compare`` and ``bench`` print their table with ``rich``, ``--plot``
draws with ``matplotlib``, both from ``pip install 'arrayshim[cli]'``). ``info`` and ``demo``
need no optional package.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys

import arrayshim as xp

from . import _context, _registry, _suites
from .__main__ import demo
from ._compare import CompareResult, Record, _error_text, compare, devices_for
from ._optional import OptionalDependencyError, require

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def load(spec: str) -> Callable:
    """``module:function`` or ``path/to/file.py:function`` -> the function."""
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise ValueError(f"expected module:function or path.py:function, received {spec!r}")
    if module_name.endswith(".py"):
        loader_spec = importlib.util.spec_from_file_location(
            os.path.splitext(os.path.basename(module_name))[0], module_name
        )
        if loader_spec is None or loader_spec.loader is None or not os.path.exists(module_name):
            raise ModuleNotFoundError(f"no such file: {module_name}")
        module = importlib.util.module_from_spec(loader_spec)
        loader_spec.loader.exec_module(module)
    else:
        sys.path.insert(0, os.getcwd())
        module = importlib.import_module(module_name)
    obj: Any = module
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


MISSING_EXTRA = 3


def _missing_extra(command: str, args: argparse.Namespace) -> str | None:
    """The message for the first optional package ``command`` needs and lacks, else None.
    Checked before anything runs, so a long benchmark does not fail at its end."""

    needs = [("rich.console", "the results table"), ("rich.progress", "the progress bar")]
    if args.plot:
        needs.append(("matplotlib", "--plot"))
    for module, feature in needs:
        try:
            require(module, f"arrayshim {command}", feature)
        except OptionalDependencyError as exc:
            return str(exc)
    return None


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x]


def _run_with_progress(
    specs: Sequence[tuple[str, Callable, Callable, Sequence[int]]], args: argparse.Namespace
) -> list[Any]:
    from rich.progress import Progress

    results = []
    backends = args.backends.split(",")
    compiled = (False,) if args.no_jit else (False, True)
    devices = args.devices.split(",") if args.devices else None
    cells = 0
    for name in backends:
        try:
            cells += len(devices_for(_registry.get(name, "bench", "--backends"), devices))
        except Exception:  # an error cell per size and mode
            cells += 1
    total = sum(len(sizes) for *_, sizes in specs) * cells * len(compiled)
    with Progress(transient=True) as bar:
        task = bar.add_task("comparing", total=total)

        def step(label: str) -> None:
            bar.update(task, advance=1, description=label)

        for _, fn, maker, sizes in specs:
            results.append(
                compare(
                    fn,
                    maker,
                    backends=backends,
                    devices=devices,
                    sizes=sizes,
                    compiled=compiled,
                    repeat=args.repeat,
                    progress=step,
                )
            )
    return results


def _report(results: Sequence[Any], args: argparse.Namespace) -> int:
    from rich.console import Console

    console = Console(width=160)
    for result in results:
        console.print(result.table())
        winners = result.winners()
        if winners:
            console.print(
                "fastest at each size: "
                + "; ".join(f"{size}: {label}" for size, label in winners.items())
            )
    if args.json:
        import json

        payload = [json.loads(r.to_json()) for r in results]
        with open(args.json, "w") as fh:
            json.dump(payload[0] if len(payload) == 1 else payload, fh, indent=2)
    if args.plot:
        if len(results) == 1:
            results[0].plot(args.plot)
        else:
            root, ext = os.path.splitext(args.plot)
            for r in results:
                r.plot(f"{root}_{r.name}{ext or '.png'}")
    bad = [
        f"{r.name} size={rec.size} {rec.backend}/{rec.device}/{rec.mode}: {rec.status} "
        f"({rec.error})"
        for r in results
        for rec in r.records
        if rec.status != "ok"
    ]
    for line in bad:
        console.print(f"[red]{line}[/red]")
    return 1 if bad else 0


def cmd_compare(args: argparse.Namespace) -> int:

    problem = _missing_extra("compare", args)
    if problem:
        print(problem, file=sys.stderr)
        return MISSING_EXTRA

    try:
        fn = load(args.function)
        maker = load(args.inputs)
    except Exception as exc:
        sizes = _ints(args.sizes)
        records = []
        for size in sizes:
            for b in args.backends.split(","):
                rec = Record(size, b, "-", "eager")
                rec.status, rec.error = "error", f"cannot load: {_error_text(exc)}"
                records.append(rec)
        return _report(
            [CompareResult(args.function, args.backends.split(",")[0], sizes, records)], args
        )
    return _report(_run_with_progress([(args.function, fn, maker, _ints(args.sizes))], args), args)


def cmd_bench(args: argparse.Namespace) -> int:

    names = list(_suites.SUITES) if args.suite == "all" else args.suite.split(",")
    unknown = [n for n in names if n not in _suites.SUITES]
    if unknown:
        print(
            f"arrayshim bench: unknown suite(s) {', '.join(unknown)}; choose from "
            f"{', '.join(_suites.SUITES)}",
            file=sys.stderr,
        )
        return 2
    problem = _missing_extra("bench", args)
    if problem:
        print(problem, file=sys.stderr)
        return MISSING_EXTRA
    specs: list[tuple[str, Callable, Callable, Sequence[int]]] = []
    for name in names:
        fn, maker, sizes, quick_sizes = _suites.SUITES[name]
        chosen = _ints(args.sizes) if args.sizes else (quick_sizes if args.quick else sizes)
        specs.append((name, fn, maker, chosen))
    if args.quick:
        args.repeat = min(args.repeat, 3)
    return _report(_run_with_progress(specs, args), args)


def cmd_info(args: argparse.Namespace) -> int:

    sources = _context.sources()
    print(f"arrayshim {xp.__version__} (Array API {xp.__array_api_version__})")
    print(f"promotion policy: {xp.get_promotion()}  [from {sources['promotion']}]")
    try:
        current = xp.get_backend()
    except Exception as exc:
        current = f"<error: {exc}>"
    print(f"backend: {current}  [from {sources['backend']}]")
    requested = _context.requested_device()
    print(
        f"device: {requested if requested else 'the backend default'}  [from {sources['device']}]"
    )
    policy = _context.current_policy()
    print(
        f"default dtypes: float {policy.default_float}, int {policy.default_int}, complex "
        f"{policy.default_complex}"
    )
    print("installed backends:")
    for name in _registry.installed():
        try:
            b = _registry.get(name, "info", "backend")
            print(
                f"  {name:<11} {b.version():<12} devices: {', '.join(map(str, b.devices()))} "
                f"(default {b.default_device})"
            )
        except Exception as exc:
            print(f"  {name:<11} failed to load: {exc}")
    for name, pip in _registry.missing().items():
        print(f"  {name:<11} not installed ({pip})")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:

    return demo()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="arrayshim",
        description="Compare array frameworks side by side; inspect the installation.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--backends",
            default="numpy,torch,tensorflow",
            help="comma-separated; the first is the reference",
        )
        sp.add_argument(
            "--devices",
            default=None,
            help="comma-separated devices, chosen per backend: 'gpu' is the first GPU of each "
            "backend that has one, 'cpu,gpu' both (default: every device of each backend)",
        )
        sp.add_argument(
            "--repeat", type=int, default=7, help="timed rounds per cell (median and IQR reported)"
        )
        sp.add_argument("--no-jit", action="store_true", help="eager only (skip the compiled runs)")
        sp.add_argument("--plot", help="write a PNG plot of time against size")
        sp.add_argument("--json", help="write the results as JSON")

    c = sub.add_parser(
        "compare", help="run module:function on every backend and compare results and speed"
    )
    c.add_argument(
        "function", help="module:function (or path.py:function) taking the inputs' arrays"
    )
    c.add_argument(
        "--inputs", required=True, help="module:maker; maker(size) returns the argument tuple"
    )
    c.add_argument("--sizes", default="1,32,1024,32768,1048576")
    common(c)
    c.set_defaults(func=cmd_compare)

    b = sub.add_parser(
        "bench", help="built-in suites: sigmoid, matmul, reduction, mlp (gradient step)"
    )
    b.add_argument("--suite", default="all", help="comma-separated suite names, or all")
    b.add_argument("--sizes", default=None, help="override the suite's sizes")
    b.add_argument("--quick", action="store_true", help="small sizes and few repeats (a smoke run)")
    common(b)
    b.set_defaults(func=cmd_bench)

    i = sub.add_parser(
        "info", help="installed backends, devices, defaults and where each setting came from"
    )
    i.set_defaults(func=cmd_info)

    d = sub.add_parser("demo", help="a short demo on the selected backend")
    d.set_defaults(func=cmd_demo)
    return p


def main(argv: Sequence[str] | None = None) -> int:

    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except OptionalDependencyError as exc:  # the checks above should have caught it first
        print(exc, file=sys.stderr)
        return MISSING_EXTRA


if __name__ == "__main__":
    sys.exit(main())
