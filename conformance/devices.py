"""``pytest --device``: the device each backend's arrays are created on in the suite."""

from __future__ import annotations

import contextlib

import arrayshim as xp
from arrayshim import _registry
from arrayshim._devices import select

#: the ``--device`` asked for (``gpu``, ``gpu:1``); set by ``conftest.py``
DEVICE: str | None = None


def on_device(backend: str) -> contextlib.AbstractContextManager:
    """``backend`` active, on the ``--device`` asked for where the backend has it."""
    stack = contextlib.ExitStack()
    stack.enter_context(xp.use_backend(backend))
    found = None if DEVICE is None else select(_registry.get(backend).devices(), DEVICE)
    if found is not None:
        stack.enter_context(xp.use_device(found))
    return stack
