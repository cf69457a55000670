"""Backend registry: adapters are found through the ``arrayshim.backends`` entry-point group,
exactly as a third-party backend plugs in, and loaded on first use.

Nothing here imports a framework until a backend is asked for by name, or an array of a
framework that the user has already imported is passed in (detected through ``sys.modules``,
as einops does, then cached per type).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from collections.abc import Callable

from ._errors import BackendNotFoundError, message
from ._kernels import prepare_backend

#: the device kind the CPU acts as, in every backend that can simulate it (``Backend.simulate``):
#: CI runs the torch tests with ``gpu``, which refuses every kernel CUDA lacks
ENV_SIMULATE = "ARRAYSHIM_SIMULATE"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from .backend_api import Backend

GROUP = "arrayshim.backends"
#: backends arrayshim knows about: name -> (framework module, pip command that adds it)
KNOWN: dict[str, tuple[str, str]] = {
    "numpy": ("numpy", "pip install 'arrayshim[numpy]'"),
    "torch": ("torch", "pip install 'arrayshim[torch]'"),
    "tensorflow": ("tensorflow", "pip install 'arrayshim[tensorflow]'"),
    "jax": ("jax", "pip install 'arrayshim[jax]'"),
}
ALIASES = {"np": "numpy", "pytorch": "torch", "tf": "tensorflow"}

_lock = threading.RLock()
_factories: dict[str, Callable[[], Backend]] = {}  # registered in-process
_entry_points: dict[str, EntryPoint] | None = None
_loaded: dict[str, Backend] = {}
_by_type: dict[type, Backend | None] = {}


def _discover() -> dict[str, EntryPoint]:
    global _entry_points
    found = _entry_points
    if found is None:
        from importlib.metadata import entry_points  # lazy: slow to import, needed once

        found = _entry_points = {ep.name: ep for ep in entry_points(group=GROUP)}
    return found


def _framework_installed(name: str) -> bool:
    module = KNOWN[name][0]
    # sys.modules[module] = None is how a framework is blocked: not installed, for every purpose
    return sys.modules.get(module) is not None or importlib.util.find_spec(module) is not None


def installed() -> list[str]:
    """Names of the backends that can be used now (adapter registered and framework installed)."""
    with _lock:  # a snapshot: register_backend may run in another thread
        names = set(_factories) | set(_loaded)
    for name in _discover():
        if name not in KNOWN or _framework_installed(name):
            names.add(name)
    return sorted(names)


def missing() -> dict[str, str]:
    """Known backends that cannot be used here, with the pip command that adds each."""
    return {n: pip for n, (mod, pip) in KNOWN.items() if n not in installed()}


def register_backend(name: str, factory: Callable[[], Backend]) -> None:
    """Register a backend in-process (entry points are the normal way; this is for tests and
    notebooks). ``factory()`` must return a :class:`arrayshim.backend_api.Backend`."""
    with _lock:
        _factories[name] = factory
        _loaded.pop(name, None)
        _by_type.clear()


def _not_found(name: object, func: str, arg: str) -> BackendNotFoundError:
    have = installed()
    lacking = missing()
    expected = "an installed backend: " + (", ".join(have) or "none")
    if lacking:
        expected += "; known but not installed: " + "; ".join(
            f"{n} ({pip})" for n, pip in lacking.items()
        )
    return BackendNotFoundError(message(func, arg, expected, repr(name)))


def get(name: str, func: str = "use_backend", arg: str = "name") -> Backend:
    """The loaded backend called ``name`` (or an alias such as ``tf``), loading it if needed."""
    if not isinstance(name, str):
        raise _not_found(name, func, arg)
    name = ALIASES.get(name.lower(), name.lower())
    backend = _loaded.get(name)
    if backend is not None:
        return backend
    with _lock:
        backend = _loaded.get(name)
        if backend is not None:
            return backend
        factory = _factories.get(name)
        if factory is None:
            ep = _discover().get(name)
            if ep is None or (name in KNOWN and not _framework_installed(name)):
                raise _not_found(name, func, arg)
            factory = ep.load()
        backend = factory()
        prepare_backend(backend, os.environ.get(ENV_SIMULATE) or None)
        _loaded[name] = backend
        return backend


def loaded() -> list[Backend]:
    return list(_loaded.values())


def for_type(tp: type) -> Backend | None:
    """The backend whose native array type is ``tp``, or None. Imports no framework."""
    try:
        return _by_type[tp]  # one read: register_backend may clear it meanwhile
    except KeyError:
        pass
    with _lock:  # snapshots: register_backend may run in another thread
        candidates = list(_loaded.values())
        names = [n for n, (module, _) in KNOWN.items() if module in sys.modules]
        names += list(_factories) + [n for n in _discover() if n not in KNOWN]
    for name in names:
        if name not in _loaded:
            try:
                candidates.append(get(name))
            except Exception:
                continue
    for backend in candidates:
        if issubclass(tp, backend.native_types):
            _by_type[tp] = backend
            return backend
    _by_type[tp] = None  # negative cache: a type's framework is imported before the type exists
    return None
