"""Adapters, first- or third-party, need nothing private from arrayshim: every module under
``backends/`` and ``tests/toy/`` is parsed with ``ast`` and may not import ``arrayshim._*``
(what an adapter needs, ``arrayshim.backend_api`` offers)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADAPTER_MODULES = sorted(
    p.relative_to(ROOT).as_posix()
    for folder in (ROOT / "backends", ROOT / "tests" / "toy")
    for p in folder.rglob("*.py")
)


def private_imports(source: str) -> list[str]:
    """``"line N: module"`` for each import of a private arrayshim module or name in
    ``source`` (``import arrayshim._x``, ``from arrayshim._x import y``,
    ``from arrayshim import _x``, ``from arrayshim.backend_api import _y``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "arrayshim" and any(
                p.startswith("_") and not p.startswith("__") for p in parts[1:]
            ):
                found.append(f"line {node.lineno}: {name}")
    return found


def test_every_adapter_is_checked() -> None:
    """The three first-party adapter packages and the toy third-party backend are found."""
    for package in ("arrayshim_numpy", "arrayshim_torch", "arrayshim_tensorflow"):
        assert f"backends/{package}/__init__.py" in ADAPTER_MODULES
        assert f"backends/{package}/backend.py" in ADAPTER_MODULES
    assert "tests/toy/arrayshim_toy.py" in ADAPTER_MODULES


@pytest.mark.parametrize("path", ADAPTER_MODULES)
def test_adapter_imports_nothing_private(path: str) -> None:
    assert private_imports((ROOT / path).read_text()) == [], path


@pytest.mark.parametrize(
    "source",
    [
        "import arrayshim._dtypes",
        "import arrayshim._dtypes as d",
        "from arrayshim._errors import message",
        "from arrayshim import _dtypes as d",
        "from arrayshim.backend_api import _no_extension",
        "def f():\n    from arrayshim._array import Array",
    ],
)
def test_private_imports_are_found(source: str) -> None:
    assert private_imports(source), source


@pytest.mark.parametrize(
    "source",
    [
        "import arrayshim",
        "from arrayshim import Array, __version__",
        "from arrayshim.backend_api import CPU, Backend, dtypes as d",
        "from . import _kernels",
        "from ._kernels import _NATIVE",
        "import numpy._core",
    ],
)
def test_public_imports_pass(source: str) -> None:
    assert private_imports(source) == [], source


#: Array's private slots; an adapter reaches an array through the contract
#: (``backend_of(a)``, ``Backend.native_of(a)``), never through these
PRIVATE_ARRAY_ATTRIBUTES = frozenset({"_native", "_backend", "_dtype", "_device"})


def private_attributes(source: str) -> list[str]:
    """``"line N: .attr"`` for each use of Array's private slots in ``source``."""
    return [
        f"line {node.lineno}: .{node.attr}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE_ARRAY_ATTRIBUTES
    ]


@pytest.mark.parametrize("path", ADAPTER_MODULES)
def test_adapter_reads_no_private_array_slot(path: str) -> None:
    source = (ROOT / path).read_text()
    assert private_attributes(source) == [], f"{path} reads Array's private slots"


def test_private_array_slots_are_found() -> None:
    assert private_attributes("def f(a):\n    return a._native") == ["line 2: ._native"]
    assert private_attributes("a._backend.to_numpy(x)") == ["line 1: ._backend"]
    assert private_attributes("backend_of(a).native_of(a)") == []
