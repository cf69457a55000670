"""Per-backend kernel cache and fast-path tables, built once when a backend loads.

Below the registry (which prepares every backend it loads) and dispatch (which reads the
tables on the hot path); it knows only the contract and the promotion rules.
"""

from __future__ import annotations

from . import _promotion
from ._devices import CPU, Device
from ._dtypes import ALL, DType

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .backend_api import Backend


def prepare_backend(b: Backend, simulate: str | None = None) -> None:
    """Called once when a backend loads: build its fast-path tables and kernel cache.

    ``b.fast[device][name][dtype] = (kernel, result dtype)`` holds, for each device (a kernel
    that enters the device's placement where it needs one), only the cells where operands of
    ``dtype`` need no cast and give the same result dtype under every promotion policy.
    ``simulate`` (``ARRAYSHIM_SIMULATE``): the device kind the CPU acts as, if the backend can
    simulate it.
    """
    b.kernels = {}
    b.simulated = simulate if simulate and b.simulate(simulate) else None
    devices = b.devices()
    b.unplaced = frozenset(d for d in devices if b.placement(d) is None)
    b.default_device = devices[0]
    by_kind: dict[str, dict[str, dict[DType, tuple[Any, DType]]]] = {}
    b.fast = {}
    for dev in devices:
        kind = device_kind(b, dev)
        tables = by_kind.get(kind)
        if tables is None:
            tables = by_kind[kind] = _fast_tables(b, dev)
        if dev not in b.unplaced:  # each kernel enters the device's placement
            tables = {
                name: {dt: (_placing(b, dev, fn), r) for dt, (fn, r) in table.items()}
                for name, table in tables.items()
            }
        b.fast[dev] = tables


def run_placed(b: Backend, dev: Device, fn: Any, *args: Any) -> Any:
    """``fn(*args)`` inside ``b.placement(dev)``, or bare where that is None (a simulation that
    stands aside while a compiler traces); ``_dispatch.run`` and the fast tables use it."""
    place = b.placement(dev)
    if place is None:
        return fn(*args)
    with place:
        return fn(*args)


def _placing(b: Backend, dev: Device, fn: Any) -> Any:
    """``fn`` run inside ``b.placement(dev)``."""

    def placed(*args: Any) -> Any:
        return run_placed(b, dev, fn, *args)

    return placed


def _fast_tables(b: Backend, dev: Device) -> dict[str, dict[DType, tuple[Any, DType]]]:
    fast = {}
    policies = list(_promotion.POLICIES.values())
    for name, op in _promotion.OPS.items():
        table: dict[DType, tuple[Any, DType]] = {}
        for dt in ALL:
            outcomes: set[tuple[DType, DType] | None] = set()
            for policy in policies:
                try:
                    if name in _promotion.UNARY:
                        outcomes.add(_promotion.unary_dtypes(op, dt, policy))
                    else:
                        outcomes.add(_promotion.binary_dtypes(op, dt, dt, policy))
                except TypeError:
                    outcomes.add(None)
            if len(outcomes) == 1 and None not in outcomes:
                only = outcomes.pop()
                assert only is not None
                compute, result = only
                fn = kernel(b, name, compute, dev) if compute is dt else None
                if fn is not None:
                    table[dt] = (fn, result)
        fast[name] = table
    return fast


def device_kind(b: Backend, dev: Device) -> str:
    """The kind whose kernels run on ``dev``: its own, or the simulated one for the CPU."""
    return b.simulated if b.simulated is not None and dev is CPU else dev.kind


def kernel(b: Backend, name: str, dtype: DType, dev: Device) -> Any:
    """``b``'s kernel for ``name`` in ``dtype`` on ``dev`` (None where it has none), cached per
    backend and device kind: where ``b.device_gaps`` lists the cell for the device's kind, the
    adapter's :meth:`~Backend.device_kernel`, else its :meth:`~Backend.kernel`."""
    kind = device_kind(b, dev)
    key = (name, dtype, kind)
    try:
        return b.kernels[key]
    except KeyError:
        gaps = b.device_gaps.get(kind)
        if gaps is not None and dtype in gaps.get(name, ()):
            fn = b.device_kernel(name, dtype, kind)
        else:
            fn = b.kernel(name, dtype)
        b.kernels[key] = fn
        return fn
