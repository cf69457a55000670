"""The modules of ``arrayshim/`` form layers whose imports point only down (issue 11).

- every module is in :data:`LAYERS`, and imports only modules of its own layer or below
  (module level, ``if TYPE_CHECKING`` blocks included); imports inside functions of arrayshim
  modules are refused outside :data:`FUNCTION_LEVEL_ALLOWED`;
- the module-level imports have no cycle (a cycle inside one layer is caught here);
- every module can be imported first in a fresh interpreter.

Lazy imports of *frameworks* and *optional tools* (numpy, torch, tensorflow, rich, matplotlib)
inside functions are not checked here: only imports of arrayshim's own modules are.
The meta tests at the bottom feed synthetic graphs and packages so each check is seen to fail.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import arrayshim

PACKAGE = Path(arrayshim.__file__).parent

#: module -> layer; a module may import its own layer or a lower one, never a higher one
LAYERS: dict[str, int] = {
    # 0 foundations: the one error hierarchy; the loader of optional tools (rich, matplotlib);
    # parameter trees (flatten/unflatten of tuples, lists, dicts)
    "_errors": 0,
    "_optional": 0,
    "_trees": 0,
    # 1 values: dtypes, devices, and the promotion rules over dtypes
    "_dtypes": 1,
    "_devices": 1,
    "_promotion": 1,
    # 2 backends: the contract, kernel tables, the registry of loaded backends, the context
    "backend_api": 2,
    "_kernels": 2,
    "_registry": 2,
    "_context": 2,
    # 3 the Array type (its operators are handed their implementations by layer 7)
    "_array": 3,
    # 4 dispatch: backend/device resolution, promotion, running kernels; axis arguments
    "_dispatch": 4,
    "_axes": 4,
    # 5 the standard's functions
    "_creation": 5,
    "_data_types": 5,
    "_elementwise": 5,
    "_manipulation": 5,
    "_statistical": 5,
    "_searching": 5,
    "_sorting": 5,
    "_set": 5,
    "_utility": 5,
    "_indexing": 5,
    "_indexing_functions": 5,
    "_composed": 5,
    "_linalg": 5,
    "_info": 5,
    # 6 extensions and tools built on the functions (the namespace loads them lazily)
    "_extension": 6,
    "linalg": 6,
    "fft": 6,
    "random": 6,
    "_convert": 6,
    "_agnostic": 6,
    "_transforms": 6,
    "_compare": 6,
    # 7 binds Array's operators to layers 4-5
    "_operators": 7,
    # 8 the public namespace
    "__init__": 8,
    # 9 programs on the public namespace
    "_suites": 9,
    "__main__": 9,
    "cli": 9,
    # 10 the NumPy-compatible namespace, built on the public one (`import arrayshim.numpy`)
    "numpy": 10,
}

#: subpackages whose modules all share the layer of the subpackage (inside it, the cycle check
#: still applies module by module)
SUBPACKAGES = ("numpy",)


def layer_map() -> dict[str, int]:
    """:data:`LAYERS`, with every module of a subpackage given the subpackage's layer."""
    out = dict(LAYERS)
    for sub in SUBPACKAGES:
        for path in (PACKAGE / sub).glob("*.py"):
            if path.stem != "__init__":
                out[f"{sub}.{path.stem}"] = LAYERS[sub]
    return out


#: (importer, imported) pairs allowed inside functions, each with its reason. Keep it short.
#: An entry may point up: that is a deliberate lazy import, which the layer check then accepts.
FUNCTION_LEVEL_ALLOWED: dict[tuple[str, str], str] = {
    ("_array", "numpy"): (
        "Array's NumPy methods (x.sum(), x.reshape(-1)) and its __array_ufunc__/"
        "__array_function__ call the arrayshim.numpy function of the same name, so NumPy's "
        "semantics are defined once; `import arrayshim` must not import that namespace "
        "(layer 10), so it is imported on the first such call (_array.numpy_namespace)"
    ),
}


# ---------------------------------------------------------------------------------------------
# Reading the imports
# ---------------------------------------------------------------------------------------------


def _module_name(parts: list[str], known: set[str]) -> str:
    """The module (dotted, relative to arrayshim) that ``arrayshim.<parts>`` names: the longest
    known prefix; ``__init__`` for the package itself."""
    for end in range(len(parts), 0, -1):
        name = ".".join(parts[:end])
        if name in known:
            return name
    return "__init__"


def _targets(node: ast.Import | ast.ImportFrom, known: set[str], package: str = "") -> list[str]:
    """The arrayshim modules an import statement names (``__init__`` for the package; a
    subpackage by its name, its modules as ``sub.module``). ``package`` is the importer's own
    subpackage ("" at the top), against which relative imports resolve."""
    if isinstance(node, ast.Import):
        out = []
        for alias in node.names:
            parts = alias.name.split(".")
            if parts[0] == "arrayshim":
                out.append(_module_name(parts[1:], known))
        return out
    if node.level == 0:
        if node.module is None or node.module.split(".")[0] != "arrayshim":
            return []
        base: list[str] = []
        rest = node.module.split(".")[1:]
    else:
        here = package.split(".") if package else []
        if node.level - 1 > len(here):
            return []
        base = here[: len(here) - (node.level - 1)]
        rest = node.module.split(".") if node.module else []
    if rest:
        return [_module_name(base + rest, known)]
    # ``from . import x``: a submodule, or a name of the package's namespace
    return [_module_name(base + [a.name], known) for a in node.names]


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def read_imports(
    source: str, known: set[str], package: str = ""
) -> tuple[set[str], set[str], set[str]]:
    """(module-level imports run at import time, ``if TYPE_CHECKING`` imports, imports inside
    functions) of arrayshim modules in ``source``."""
    tree = ast.parse(source)
    runtime: set[str] = set()
    typing_only: set[str] = set()
    in_functions: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            runtime.update(_targets(stmt, known, package))
        elif not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            into = typing_only if _is_type_checking(stmt) else runtime
            for node in ast.walk(stmt):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    into.update(_targets(node, known, package))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    in_functions.update(_targets(inner, known, package))
    return runtime, typing_only, in_functions


def modules_on_disk() -> dict[str, Path]:
    """Every module of the package by its name relative to arrayshim (a subpackage's
    ``__init__`` by the subpackage's name)."""
    out = {p.stem: p for p in PACKAGE.glob("*.py")}
    for sub in SUBPACKAGES:
        for path in (PACKAGE / sub).glob("*.py"):
            out[sub if path.stem == "__init__" else f"{sub}.{path.stem}"] = path
    return out


def package_imports() -> dict[str, tuple[set[str], set[str], set[str]]]:
    modules = modules_on_disk()
    known = set(modules) - {"__init__"}
    out = {}
    for name, path in sorted(modules.items()):
        # a subpackage's modules resolve relative imports against the subpackage
        package = name.split(".")[0] if "." in name or name in SUBPACKAGES else ""
        out[name] = read_imports(path.read_text(), known, package)
    return out


# ---------------------------------------------------------------------------------------------
# The checks, as functions of a graph (so the meta tests can feed synthetic ones)
# ---------------------------------------------------------------------------------------------


def layer_violations(graph: dict[str, set[str]], layers: dict[str, int]) -> list[str]:
    """Edges that point up, and modules (importers or imported) missing from ``layers``."""
    out = []
    for module, imported in sorted(graph.items()):
        if module not in layers:
            out.append(f"{module}: not in the layer map")
            continue
        for target in sorted(imported - {module}):
            if target not in layers:
                out.append(f"{module} imports {target}, which is not in the layer map")
            elif layers[target] > layers[module]:
                out.append(
                    f"{module} (layer {layers[module]}) imports {target} (layer {layers[target]})"
                )
    return out


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` as ``[a, b, ..., a]``, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def function_level_violations(
    graph: dict[str, set[str]], allowed: dict[tuple[str, str], str]
) -> list[str]:
    return [
        f"{module} imports {target} inside a function"
        for module, imported in sorted(graph.items())
        for target in sorted(imported)
        if (module, target) not in allowed
    ]


def unlisted(
    graph: dict[str, set[str]], allowed: dict[tuple[str, str], str]
) -> dict[str, set[str]]:
    """``graph`` without its allow-listed edges (which may point up: deliberate lazy imports)."""
    return {m: {t for t in ts if (m, t) not in allowed} for m, ts in graph.items()}


IMPORT_FIRST = r"""
import importlib, importlib.util, os, sys, traceback

def import_first(package, module, stub):
    if stub:
        # the package object without running its __init__, so `module` really comes first
        spec = importlib.util.find_spec(package)
        pkg = importlib.util.module_from_spec(spec)
        sys.modules[package] = pkg
        importlib.import_module(package + "." + module)
        spec.loader.exec_module(pkg)  # then the package itself, `module` already loaded
    else:
        importlib.import_module(package + "." + module)

package, jobs = sys.argv[1], [arg.split(":") for arg in sys.argv[2:]]
# what the package needs from outside itself is imported once, here, before forking
read, write = os.pipe()
pid = os.fork()
if pid == 0:
    importlib.import_module(package)
    outside = [m for m in sys.modules if m.split(".")[0] != package]
    os.write(write, "\n".join(outside).encode())
    os._exit(0)
os.close(write)
with os.fdopen(read) as f:
    outside = f.read().split()
os.waitpid(pid, 0)
for name in outside:
    try:
        importlib.import_module(name)
    except BaseException:
        pass
children = {}
for module, stub in jobs:
    read, write = os.pipe()
    pid = os.fork()  # a fresh interpreter per module, without paying its start-up each time
    if pid == 0:
        os.close(read)
        try:
            import_first(package, module, stub == "1")
            code = 0
        except BaseException:
            lines = traceback.format_exc().strip().splitlines()
            os.write(write, lines[-1].encode())
            code = 1
        os._exit(code)
    os.close(write)
    children[module] = (pid, read)
failed = 0
for module, (pid, read) in children.items():
    with os.fdopen(read) as f:
        error = f.read()
    if os.waitpid(pid, 0)[1] != 0:
        print(f"{package}.{module}: {error or 'failed'}")
        failed = 1
sys.exit(failed)
"""


def import_first_failures(package: str, modules: dict[str, bool], path: Path) -> list[str]:
    """Import each module first in a fresh interpreter (``modules``: name -> whether to import
    it before the package's ``__init__``); the failures with their error line."""
    python_path = os.pathsep.join([str(path), os.environ.get("PYTHONPATH", "")])
    jobs = [f"{name}:{int(stub)}" for name, stub in modules.items()]
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_FIRST, package, *jobs],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=python_path),
        cwd=path,
        timeout=120,
    )
    failures = done.stdout.strip().splitlines()
    assert failures or done.returncode == 0, done.stderr
    return failures


# ---------------------------------------------------------------------------------------------
# The package
# ---------------------------------------------------------------------------------------------


def test_every_module_is_in_the_layer_map():
    on_disk = set(modules_on_disk())
    mapped = set(layer_map())
    assert on_disk == mapped, (
        f"not in LAYERS: {sorted(on_disk - mapped)}; gone: {sorted(mapped - on_disk)}"
    )
    assert {p.parent.name for p in PACKAGE.glob("*/__init__.py")} == set(SUBPACKAGES)


def test_imports_point_down():
    graph = {m: runtime | typing_only for m, (runtime, typing_only, _) in package_imports().items()}
    assert layer_violations(graph, layer_map()) == []


def test_function_level_imports_point_down_and_are_allowed():
    graph = {m: in_functions for m, (_, _, in_functions) in package_imports().items()}
    assert layer_violations(unlisted(graph, FUNCTION_LEVEL_ALLOWED), layer_map()) == []
    assert function_level_violations(graph, FUNCTION_LEVEL_ALLOWED) == []
    used = {(m, t) for m, targets in graph.items() for t in targets}
    assert set(FUNCTION_LEVEL_ALLOWED) <= used, "an allow-list entry is no longer needed"


def test_lazy_attributes_of_the_namespace_point_down():
    # `xp.linalg`, `xp.compare`, ... are imported by `__getattr__` (PEP 562) on first use
    graph = {"__init__": set(arrayshim._LAZY.values())}
    assert layer_violations(graph, layer_map()) == []


def test_no_import_cycle():
    graph = {m: runtime for m, (runtime, _, _) in package_imports().items()}
    assert find_cycle(graph) is None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the import-first runner forks")
def test_every_module_can_be_imported_first():
    layers = layer_map()
    below = {m: layers[m] < layers["__init__"] for m in layers if m != "__init__"}
    assert import_first_failures("arrayshim", below, PACKAGE.parent) == []


# ---------------------------------------------------------------------------------------------
# Meta: each check fails on what it is meant to catch
# ---------------------------------------------------------------------------------------------


def test_meta_upward_and_unlisted_imports_are_reported():
    layers = {"low": 0, "high": 1}
    assert layer_violations({"low": {"high"}, "high": {"low"}}, layers) == [
        "low (layer 0) imports high (layer 1)"
    ]
    assert layer_violations({"high": {"other"}}, layers) == [
        "high imports other, which is not in the layer map"
    ]
    assert layer_violations({"new": set()}, layers) == ["new: not in the layer map"]


def test_meta_function_level_imports_are_reported_unless_allowed():
    graph = {"a": {"b"}}
    assert function_level_violations(graph, {}) == ["a imports b inside a function"]
    assert function_level_violations(graph, {("a", "b"): "why"}) == []
    # an upward function-level import passes the layer check only when allow-listed
    layers = {"a": 0, "b": 1}
    assert layer_violations(unlisted(graph, {}), layers) == ["a (layer 0) imports b (layer 1)"]
    assert layer_violations(unlisted(graph, {("a", "b"): "why"}), layers) == []


def test_meta_cycles_are_found():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"a"}}) == ["a", "a"]


def test_meta_imports_are_read_at_each_level():
    source = """
from . import _x
from ._y import f
import arrayshim._z
from arrayshim import _w
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._t import T
def g():
    from ._u import h
    import numpy
"""
    known = {"_x", "_y", "_z", "_w", "_t", "_u"}
    runtime, typing_only, in_functions = read_imports(source, known)
    assert runtime == {"_x", "_y", "_z", "_w"}
    assert typing_only == {"_t"}
    assert in_functions == {"_u"}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the import-first runner forks")
def test_meta_a_module_that_cannot_be_imported_first_is_reported(tmp_path):
    pkg = tmp_path / "cyclic_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("from . import a\n")
    (pkg / "a.py").write_text("from .b import B\nA = 1\n")
    (pkg / "b.py").write_text("from .a import A\nB = 2\n")
    failures = import_first_failures("cyclic_pkg", {"a": True, "b": True}, tmp_path)
    assert len(failures) == 2 and all("ImportError" in f for f in failures), failures


def test_meta_subpackage_imports_resolve_against_the_subpackage():
    source = """
from . import fft
from ._common import arr
from .. import _errors
import arrayshim as xp
from arrayshim._array import describe
"""
    known = {"_errors", "_array", "numpy", "numpy.fft", "numpy._common"}
    runtime, _, _ = read_imports(source, known, "numpy")
    assert runtime == {"numpy.fft", "numpy._common", "_errors", "__init__", "_array"}
    # and a subpackage module importing a higher layer is caught
    layers = {"__init__": 8, "numpy": 10, "numpy.fft": 10, "cli": 9}
    assert layer_violations({"cli": {"numpy.fft"}}, layers) == [
        "cli (layer 9) imports numpy.fft (layer 10)"
    ]
