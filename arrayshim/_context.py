"""Selection state: which backend, device and promotion policy a call uses.

Order for every call: the arrays passed in -> the innermost ``with`` block -> the environment
variable (``ARRAYSHIM_BACKEND``, ``ARRAYSHIM_DEVICE``, ``ARRAYSHIM_PROMOTION``) -> the default.
State lives in ``contextvars``, so threads and asyncio tasks each see their own blocks.
"""

from __future__ import annotations

import os
from contextvars import ContextVar

from . import _promotion, _registry
from ._devices import Device, as_device

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .backend_api import Backend

_backend_var: ContextVar[Backend | None] = ContextVar("arrayshim_backend", default=None)
_device_var: ContextVar[Device | None] = ContextVar("arrayshim_device", default=None)
_policy_var: ContextVar[_promotion.Policy | None] = ContextVar("arrayshim_promotion", default=None)

ENV_BACKEND = "ARRAYSHIM_BACKEND"
ENV_DEVICE = "ARRAYSHIM_DEVICE"
ENV_PROMOTION = "ARRAYSHIM_PROMOTION"

_env_cache: dict[str, Any] = {}

#: (backend, device) of the ``@xp.agnostic`` call that torch.compile is tracing, else None.
#: Dynamo cannot trace ``ContextVar.set``; a plain module global it can, as a side effect that
#: it replays (and undoes) with the graph. Only ever set while dynamo traces.
_traced: tuple | None = None


def _set_traced(value: tuple | None) -> None:
    global _traced
    _traced = value


def _push(backend: Backend, device: Device | None) -> tuple:
    """Make ``backend`` and ``device`` current until ``_pop(state)`` (in a ``finally``); unlike
    a ``with use_backend()`` block, torch.compile traces this without a graph break."""
    if backend.is_compiling():
        saved = _traced
        _set_traced((backend, device))
        return (saved,)
    return (_backend_var.set(backend), _device_var.set(device))


def _pop(state: tuple) -> None:
    if len(state) == 1:
        _set_traced(state[0])
    else:
        _device_var.reset(state[1])
        _backend_var.reset(state[0])


def _from_env(var: str, parse: Any) -> Any:
    """The parsed value of an environment variable, read once (``os.environ`` costs ~1 µs a
    read, too much for every call); ``reload_environment()`` reads them again."""
    try:
        return _env_cache[var]
    except KeyError:
        pass
    raw = os.environ.get(var) or None
    value = parse(raw) if raw is not None else None
    _env_cache[var] = value
    return value


def reload_environment() -> None:
    """Forget the environment variables read so far; the next call reads them again."""
    _env_cache.clear()


def _read_policy() -> _promotion.Policy | None:
    return _policy_var.get()


def _read_backend() -> Backend | None:
    return _backend_var.get()


def _read_device() -> Device | None:
    return _device_var.get()


# torch.compile (dynamo) cannot trace ContextVar.get and would break the graph at every call:
# these three reads carry the mark torch.compiler.assume_constant_result sets, so a compiled
# function sees the settings in force when it was traced (as tf.function does).
_read_policy._dynamo_marked_constant = True  # type: ignore[attr-defined]
_read_backend._dynamo_marked_constant = True  # type: ignore[attr-defined]
_read_device._dynamo_marked_constant = True  # type: ignore[attr-defined]


def current_policy() -> _promotion.Policy:
    policy = _read_policy()
    if policy is None:
        policy = (
            _from_env(
                ENV_PROMOTION,
                lambda raw: _promotion.get_policy(
                    raw.strip(), "use_promotion", f"${ENV_PROMOTION}"
                ),
            )
            or _promotion.NUMPY
        )
    return policy


def current_backend() -> Backend:
    if _traced is not None:
        return _traced[0]
    backend = _read_backend()
    if backend is None:
        backend = _from_env(
            ENV_BACKEND, lambda raw: _registry.get(raw.strip(), "get_backend", f"${ENV_BACKEND}")
        )
        if backend is None:
            backend = _registry.get("numpy", "get_backend", "default")
    return backend


def requested_device() -> Device | None:
    """The device asked for by a ``use_device`` block or ``ARRAYSHIM_DEVICE``, if any."""
    if _traced is not None:
        return _traced[1]
    device = _read_device()
    if device is None:
        device = _from_env(ENV_DEVICE, lambda raw: as_device(raw, "use_device", f"${ENV_DEVICE}"))
    return device


def sources() -> dict[str, str]:
    """Where each setting comes from now: 'with block', 'environment variable' or 'default'."""

    def src(var: ContextVar, env: str) -> str:
        if var.get() is not None:
            return "with block"
        return "environment variable" if os.environ.get(env) else "default"

    return {
        "backend": src(_backend_var, ENV_BACKEND),
        "device": src(_device_var, ENV_DEVICE),
        "promotion": src(_policy_var, ENV_PROMOTION),
    }


class _Use:
    """A re-entrant ``with`` block that sets one context variable."""

    __slots__ = ("_var", "_value", "_tokens")

    def __init__(self, var: ContextVar, value: Any) -> None:
        self._var = var
        self._value = value
        self._tokens: list = []

    def __enter__(self) -> Any:
        self._tokens.append(self._var.set(self._value))
        return self._value

    def __exit__(self, *exc: object) -> None:
        self._var.reset(self._tokens.pop())


def use_backend(name: str) -> _Use:
    """``with xp.use_backend("torch"):`` — calls with no array argument run on this backend.

    Raises ``BackendNotFoundError`` (a ``ValueError``) at once for an unknown or missing backend.
    """
    return _Use(_backend_var, _registry.get(name, "use_backend", "name"))


def use_device(device: object) -> _Use:
    """``with xp.use_device("gpu:0"):`` — arrays created in the block go to this device."""
    return _Use(_device_var, as_device(device, "use_device", "device"))


def use_promotion(name: str) -> _Use:
    """``with xp.use_promotion("float32"):`` — the promotion policy for calls in the block."""
    return _Use(_policy_var, _promotion.get_policy(name, "use_promotion", "name"))
