"""``pytest --device``: the device each backend's arrays are created on in the suite."""

from __future__ import annotations

import contextlib
from typing import Any

import arrayshim as xp
from arrayshim import _registry
from arrayshim._devices import select

#: the ``--device`` asked for (``gpu``, ``gpu:1``); set by ``conftest.py``
DEVICE: str | None = None


def add_option(parser: Any) -> None:
    """Add ``--device`` to pytest's options, once (tests/ and conformance/ both ask for it)."""
    try:
        parser.addoption(
            "--device",
            default=None,
            help="create each backend's arrays on this device where the backend has it ('gpu': "
            "its first GPU; 'gpu:1'); other backends stay on their default device",
        )
    except ValueError:  # the other conftest.py added it (pytest tests conformance)
        pass


def on_device(backend: str) -> contextlib.AbstractContextManager:
    """``backend`` active, on the ``--device`` asked for where the backend has it."""
    stack = contextlib.ExitStack()
    stack.enter_context(xp.use_backend(backend))
    found = None if DEVICE is None else select(_registry.get(backend).devices(), DEVICE)
    if found is not None:
        stack.enter_context(xp.use_device(found))
    return stack
