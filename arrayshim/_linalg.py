"""``matmul`` with NumPy's semantics (1-D operands, broadcast batch dimensions)."""

from __future__ import annotations

from . import _context
from ._array import Array, _new
from ._dispatch import broadcast_shapes, cast, failure, resolve, run
from ._errors import ArrayshimTypeError, ArrayshimValueError, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def matmul(x1: Any, x2: Any, /) -> Array:
    """NumPy's ``matmul``: 1-D operands and broadcast batch dimensions, dtypes promoted."""
    if type(x1) is Array and type(x2) is Array:  # fast path: one backend, dtype and device
        b = x1._backend
        dt = x1._dtype
        dev = x1._device
        if b is x2._backend and dt is x2._dtype and dev is x2._device and dt.kind != "b" and dev in b.unplaced:
            s1 = b.shape_of(x1._native)
            s2 = b.shape_of(x2._native)
            if len(s1) >= 2 and len(s1) == len(s2) and s1[-1] == s2[-2] and s1[:-2] == s2[:-2] and None not in s1:
                try:
                    return _new(b.matmul(x1._native, x2._native), b, dt, dev)
                except Exception as exc:
                    raise b.translate_error("matmul", exc) from exc
    b, dev, (a1, a2) = resolve("matmul", (x1, x2))
    if type(a1) is not Array or type(a2) is not Array:
        raise ArrayshimTypeError(message("matmul", "x1, x2", "two arrays (Python scalars are not allowed in matmul)", f"{type(x1).__name__} and {type(x2).__name__}"))
    policy = _context.current_policy()
    dt = policy.promote(a1._dtype, a2._dtype)
    if dt is None or dt.kind == "b":
        raise ArrayshimTypeError(message("matmul", "x1, x2", f"numeric dtypes that promote under the {policy.name!r} policy", f"{a1._dtype.name} and {a2._dtype.name}"))
    s1, s2 = a1.shape, a2.shape
    if not s1 or not s2:
        raise ArrayshimValueError(message("matmul", "x1, x2", "arrays with at least one dimension", f"shapes {s1} and {s2}"))
    k1 = s1[-1]
    k2 = s2[-2] if len(s2) > 1 else s2[0]
    if k1 is not None and k2 is not None and k1 != k2:
        raise ArrayshimValueError(message("matmul", "x1, x2", "a last axis of x1 equal to the second-to-last axis of x2", f"shapes {s1} and {s2}"))
    broadcast_shapes("matmul", s1[:-2], s2[:-2])
    try:
        r = run(b, dev, b.matmul, cast(a1, dt), cast(a2, dt))
    except Exception as exc:
        raise failure("matmul", exc, b) from exc
    return _new(r, b, dt, dev)
