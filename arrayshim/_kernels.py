"""Per-backend kernel cache and fast-path tables, built once when a backend loads.

Below the registry (which prepares every backend it loads) and dispatch (which reads the
tables on the hot path); it knows only the contract and the promotion rules.
"""

from __future__ import annotations

from . import _promotion
from ._dtypes import ALL, DType

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .backend_api import Backend


def prepare_backend(b: Backend) -> None:
    """Called once when a backend loads: build its fast-path tables and kernel cache.

    ``b.fast[name][dtype] = (kernel, result dtype)`` holds only the cells where operands of
    ``dtype`` need no cast and give the same result dtype under every promotion policy.
    """
    b.kernels = {}
    b.fast = {}
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
                fn = kernel(b, name, compute) if compute is dt else None
                if fn is not None:
                    table[dt] = (fn, result)
        b.fast[name] = table
    b.unplaced = frozenset(d for d in b.devices() if b.placement(d) is None)
    b.default_device = b.devices()[0]


def kernel(b: Backend, name: str, dtype: DType) -> Any:
    """``b``'s kernel for ``name`` in ``dtype`` (None where it has none), cached per backend."""
    key = (name, dtype)
    try:
        return b.kernels[key]
    except KeyError:
        fn = b.kernels[key] = b.kernel(name, dtype)
        return fn
