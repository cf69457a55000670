"""``where``."""

from __future__ import annotations

from . import _context, _promotion
from ._array import Array, _new
from ._dispatch import broadcast_shapes, cast, failure, resolve, run, scalar_array
from ._errors import ArrayshimTypeError, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def where(condition: Any, x1: Any, x2: Any, /) -> Array:
    """Elements of ``x1`` where ``condition`` is true, else of ``x2`` (promoted together)."""
    b, dev, (c, a1, a2) = resolve("where", (condition, x1, x2), ("condition", "x1", "x2"))
    if type(c) is not Array or c._dtype.kind != "b":
        raise ArrayshimTypeError(message("where", "condition", "a boolean array", f"dtype {c._dtype.name}" if type(c) is Array else repr(c)))
    policy = _context.current_policy()
    k1, k2 = _promotion.scalar_kind(a1), _promotion.scalar_kind(a2)
    if k1 is None and k2 is None:
        dt = policy.promote(a1._dtype, a2._dtype)
        if dt is None:
            raise ArrayshimTypeError(message("where", "x1, x2", f"dtypes that promote under the {policy.name!r} policy", f"{a1._dtype.name} and {a2._dtype.name}"))
    elif k1 is None:
        dt = _promotion.weak_dtype(a1._dtype, k2, policy, "where", "x2", a2)
    elif k2 is None:
        dt = _promotion.weak_dtype(a2._dtype, k1, policy, "where", "x1", a1)
    else:
        dt = _promotion.result_type_of([(None, k1), (None, k2)], policy, "where")
    n1 = scalar_array(a1, dt, b, dev) if k1 else cast(a1, dt)
    n2 = scalar_array(a2, dt, b, dev) if k2 else cast(a2, dt)
    shapes = [a.shape for a in (c, a1, a2) if type(a) is Array]
    broadcast_shapes("where", *shapes)
    try:
        r = run(b, dev, b.where, c._native, n1, n2)
    except Exception as exc:
        raise failure("where", exc, b) from exc
    return _new(r, b, dt, dev)
