"""The Array API 2025.12 specification's own stubs, read with :mod:`ast` (never imported or
executed): every function's parameters and docstring, by the name the report uses
(``expand_dims``, ``linalg.svd``, ``fft.fft``, ``Array.__floordiv__``,
``__array_namespace_info__.dtypes``).

The stubs are vendored in ``stubs_2025_12/`` (data-apis/array-api,
``src/array_api_stubs/_2025_12``, MIT, as pinned by array-api-tests commit 55fcc60), so the
suite needs nothing outside this repository.

:func:`signature_problems` compares a function of arrayshim with its stub: the same parameter
names in the same order, of the same kinds (positional-only, positional-or-keyword,
keyword-only, ``*args``), the same required-ness and the same default values. Nothing beyond
the stub is allowed: a parameter the standard does not have is a difference too.
"""

from __future__ import annotations

import ast
import functools
import inspect
import pathlib
import re
from dataclasses import dataclass
from typing import Any

STUBS = pathlib.Path(__file__).parent / "stubs_2025_12"

#: stub file -> prefix of its names in the report (files not listed: top-level functions)
_PREFIX = {"linalg.py": "linalg.", "fft.py": "fft.", "info.py": "__array_namespace_info__."}
#: stub files with no functions of the namespace
_SKIP = {"__init__.py", "_types.py", "constants.py", "data_types.py"}

_KINDS = {
    "posonly": inspect.Parameter.POSITIONAL_ONLY,
    "args": inspect.Parameter.POSITIONAL_OR_KEYWORD,
    "vararg": inspect.Parameter.VAR_POSITIONAL,
    "kwonly": inspect.Parameter.KEYWORD_ONLY,
    "kwarg": inspect.Parameter.VAR_KEYWORD,
}


@dataclass(frozen=True)
class Param:
    name: str
    kind: inspect._ParameterKind
    #: ``inspect.Parameter.empty`` for a required parameter
    default: Any = inspect.Parameter.empty

    def __str__(self) -> str:
        text = {inspect.Parameter.VAR_POSITIONAL: "*", inspect.Parameter.VAR_KEYWORD: "**"}.get(
            self.kind, ""
        ) + self.name
        return text if self.default is inspect.Parameter.empty else f"{text}={self.default!r}"


@dataclass(frozen=True)
class Stub:
    """One function (or method) of the standard as its stub writes it."""

    name: str
    params: tuple[Param, ...]
    doc: str
    #: an attribute of the array object (``@property``): no call signature to compare
    is_property: bool = False

    def signature(self) -> str:
        return _render(self.params)


def _params(args: ast.arguments) -> tuple[Param, ...]:
    out: list[Param] = []
    positional = [*args.posonlyargs, *args.args]
    defaults = [inspect.Parameter.empty] * (len(positional) - len(args.defaults)) + [
        ast.literal_eval(d) for d in args.defaults
    ]
    for i, a in enumerate(positional):
        kind = _KINDS["posonly"] if i < len(args.posonlyargs) else _KINDS["args"]
        out.append(Param(a.arg, kind, defaults[i]))
    if args.vararg is not None:
        out.append(Param(args.vararg.arg, _KINDS["vararg"]))
    for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        out.append(
            Param(
                a.arg,
                _KINDS["kwonly"],
                inspect.Parameter.empty if d is None else ast.literal_eval(d),
            )
        )
    if args.kwarg is not None:
        out.append(Param(args.kwarg.arg, _KINDS["kwarg"]))
    return tuple(out)


@functools.cache
def load() -> dict[str, Stub]:
    """Every function of the stubs by report name; the array object's methods as ``Array.<name>``
    (their ``self`` parameter dropped, as for a bound method)."""
    out: dict[str, Stub] = {}
    for path in sorted(STUBS.glob("*.py")):
        if path.name in _SKIP:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        prefix = _PREFIX.get(path.name, "")
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not (
                path.name == "info.py" and node.name == "__array_namespace_info__"
            ):
                out[prefix + node.name] = Stub(
                    prefix + node.name, _params(node.args), ast.get_docstring(node) or ""
                )
            elif isinstance(node, ast.ClassDef) and path.name == "array_object.py":
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name != "__init__":
                        prop = any(
                            isinstance(d, ast.Name) and d.id == "property"
                            for d in item.decorator_list
                        )
                        out[f"Array.{item.name}"] = Stub(
                            f"Array.{item.name}",
                            _params(item.args)[1:],
                            ast.get_docstring(item) or "",
                            prop,
                        )
        if path.name == "info.py":
            fn = next(
                n
                for n in tree.body
                if isinstance(n, ast.FunctionDef) and n.name == "__array_namespace_info__"
            )
            out["__array_namespace_info__"] = Stub(
                "__array_namespace_info__", _params(fn.args), ast.get_docstring(fn) or ""
            )
    return out


def _render(params: tuple[Param, ...] | list[Param]) -> str:
    parts: list[str] = []
    kinds = [p.kind for p in params]
    for i, p in enumerate(params):
        if (
            p.kind is inspect.Parameter.KEYWORD_ONLY
            and inspect.Parameter.VAR_POSITIONAL not in kinds
            and (i == 0 or params[i - 1].kind is not inspect.Parameter.KEYWORD_ONLY)
        ):
            parts.append("*")
        parts.append(str(p))
        if p.kind is inspect.Parameter.POSITIONAL_ONLY and (
            i + 1 == len(params) or params[i + 1].kind is not inspect.Parameter.POSITIONAL_ONLY
        ):
            parts.append("/")
    return "(" + ", ".join(parts) + ")"


def target(name: str) -> Any:
    """What arrayshim offers under a report name, looked up now (so a replaced function is the
    one checked): ``xp.<name>``, ``xp.linalg.<name>``, ``xp.Array.<name>``, or a method of the
    object ``xp.__array_namespace_info__()`` returns."""
    import arrayshim as xp

    head, _, rest = name.partition(".")
    if head == "Array":
        return getattr(xp.Array, rest)
    if head == "__array_namespace_info__" and rest:
        return getattr(xp.__array_namespace_info__(), rest)
    obj: Any = xp
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def stub_of(name: str) -> Stub | None:
    """The stub of ``name``; the reflected and in-place operators (``Array.__rpow__``,
    ``Array.__ipow__``), which the stubs do not list, take their operator's (``Array.__pow__``):
    the standard defines them as that operator with the operands swapped or the result stored."""
    stubs = load()
    if name in stubs:
        return stubs[name]
    m = re.fullmatch(r"Array\.__[ri](\w+)__", name)
    return stubs.get(f"Array.__{m.group(1)}__") if m else None


def _same_default(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def signature_problems(name: str) -> list[str]:
    """How arrayshim's ``name`` differs from the stub's signature (empty: it has the stub's
    parameters exactly). Names without a stub, and attributes, have nothing to compare."""
    stub = stub_of(name)
    if stub is None or stub.is_property:
        return []
    fn = target(name)
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError) as exc:
        return [f"no inspectable signature ({exc}); the standard's is {stub.signature()}"]
    params = list(sig.parameters.values())
    if name.startswith("Array.") and params and params[0].name == "self":  # an unbound method
        params = params[1:]
    have = tuple(Param(p.name, p.kind, p.default) for p in params)
    problems: list[str] = []
    want_names = [p.name for p in stub.params]
    have_names = [p.name for p in have]
    if want_names != have_names:
        problems.append(f"parameters {have_names}, the standard's {want_names}")
    by_name = {p.name: p for p in have}
    for w in stub.params:
        h = by_name.get(w.name)
        if h is None:
            continue
        if h.kind is not w.kind:
            problems.append(
                f"{w.name!r} is {h.kind.description}, the standard's is {w.kind.description}"
            )
        if (h.default is inspect.Parameter.empty) != (w.default is inspect.Parameter.empty):
            problems.append(
                f"{w.name!r} is "
                f"{'required' if h.default is inspect.Parameter.empty else 'optional'}, "
                f"the standard's is "
                f"{'required' if w.default is inspect.Parameter.empty else 'optional'}"
            )
        elif w.default is not inspect.Parameter.empty and not _same_default(h.default, w.default):
            problems.append(
                f"{w.name!r} defaults to {h.default!r}, the standard's to {w.default!r}"
            )
    if problems:
        return [
            f"signature {_render(have)} differs from the standard's {stub.signature()}: "
            + "; ".join(problems)
        ]
    return []
