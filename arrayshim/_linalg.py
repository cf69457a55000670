"""``matmul`` with NumPy's semantics (1-D operands, broadcast batch dimensions)."""

from __future__ import annotations

import math
import operator

from . import _context
from ._array import Array, _new, known_shape
from ._axes import one_axis
from ._creation import astype
from ._dispatch import Plans, as_array, broadcast_shapes, call, cast, failure, resolve, run
from ._elementwise import multiply
from ._errors import ArrayshimTypeError, ArrayshimValueError, message
from ._manipulation import permute_dims, reshape
from ._statistical import sum as sum_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def matmul(x1: Any, x2: Any, /) -> Array:
    """NumPy's ``matmul``: 1-D operands and broadcast batch dimensions, dtypes promoted."""
    if type(x1) is Array and type(x2) is Array:  # fast path: one backend, dtype and device
        b = x1._backend
        dt = x1._dtype
        dev = x1._device
        if (
            b is x2._backend
            and dt is x2._dtype
            and dev is x2._device
            and dt.kind != "b"
            and dev in b.unplaced
        ):
            s1 = b.shape_of(x1._native)
            s2 = b.shape_of(x2._native)
            if (
                len(s1) >= 2
                and len(s1) == len(s2)
                and s1[-1] == s2[-2]
                and s1[:-2] == s2[:-2]
                and None not in s1
            ):
                try:
                    return _new(b.matmul(x1._native, x2._native), b, dt, dev)
                except Exception as exc:
                    raise b.translate_error("matmul", exc) from exc
    b, dev, (a1, a2) = resolve("matmul", (x1, x2))
    if type(a1) is not Array or type(a2) is not Array:
        raise ArrayshimTypeError(
            message(
                "matmul",
                "x1, x2",
                "two arrays (Python scalars are not allowed in matmul)",
                f"{type(x1).__name__} and {type(x2).__name__}",
            )
        )
    policy = _context.current_policy()
    promoted = policy.promote(a1._dtype, a2._dtype)
    if promoted is None or promoted.kind == "b":
        raise ArrayshimTypeError(
            message(
                "matmul",
                "x1, x2",
                f"numeric dtypes that promote under the {policy.name!r} policy",
                f"{a1._dtype.name} and {a2._dtype.name}",
            )
        )
    dt = promoted
    s1, s2 = a1.shape, a2.shape
    if not s1 or not s2:
        raise ArrayshimValueError(
            message(
                "matmul", "x1, x2", "arrays with at least one dimension", f"shapes {s1} and {s2}"
            )
        )
    k1 = s1[-1]
    k2 = s2[-2] if len(s2) > 1 else s2[0]
    if k1 is not None and k2 is not None and k1 != k2:
        raise ArrayshimValueError(
            message(
                "matmul",
                "x1, x2",
                "a last axis of x1 equal to the second-to-last axis of x2",
                f"shapes {s1} and {s2}",
            )
        )
    broadcast_shapes("matmul", s1[:-2], s2[:-2])
    try:
        r = run(b, dev, b.matmul, cast(a1, dt), cast(a2, dt))
    except Exception as exc:
        raise failure("matmul", exc, b) from exc
    return _new(r, b, dt, dev)


def matrix_transpose(x: Any, /) -> Array:
    """``x`` with its last two axes swapped (``x.mT``)."""

    return as_array(x, "matrix_transpose", "x").mT


def _numeric_pair(func: str, x1: Any, x2: Any) -> tuple[Array, Array, Any]:

    b, dev, (a1, a2) = resolve(func, (x1, x2))
    if type(a1) is not Array or type(a2) is not Array:
        raise ArrayshimTypeError(
            message(func, "x1, x2", "two arrays", f"{type(x1).__name__} and {type(x2).__name__}")
        )
    policy = _context.current_policy()
    dt = policy.promote(a1._dtype, a2._dtype)
    if dt is None or dt.kind == "b":
        raise ArrayshimTypeError(
            message(
                func,
                "x1, x2",
                f"numeric dtypes that promote under the {policy.name!r} policy",
                f"{a1._dtype.name} and {a2._dtype.name}",
            )
        )
    return astype(a1, dt, copy=False), astype(a2, dt, copy=False), dt


def vecdot(x1: Any, x2: Any, /, *, axis: int = -1) -> Array:
    """The dot product ``sum(conj(x1) * x2)`` along ``axis`` of the broadcast arrays, in the
    promoted dtype (integers wrap, as in NumPy).

    >>> import arrayshim as xp
    >>> int(xp.vecdot(xp.asarray([1, 2]), xp.asarray([3, 4])))
    11
    """

    key: tuple = ()
    if (
        type(x1) is Array
        and type(x2) is Array
        and x1._backend is x2._backend
        and not x1._backend.is_compiling()  # no lookup while dynamo traces (see Plans)
    ):
        b = x1._backend
        if x1._device is x2._device:
            key = (
                b,
                x1._dtype,
                x2._dtype,
                b.shape_of(x1._native),
                b.shape_of(x2._native),
                axis,
                type(axis),
                _context.current_policy(),
            )
            plan = _VECDOT.get(key)
            if plan is not None:  # checked before, and the backend's one kernel took it
                dt, ax = plan
                return _new(
                    call("vecdot", b, x1._device, b.vecdot, x1._native, x2._native, ax),
                    b,
                    dt,
                    x1._device,
                )
    a1, a2, dt = _numeric_pair("vecdot", x1, x2)
    shape = broadcast_shapes("vecdot", a1.shape, a2.shape)
    ax = one_axis(axis, len(shape), "vecdot") - len(shape)  # negative: the same axis of both
    if a1.ndim < -ax or a2.ndim < -ax or a1.shape[ax] != a2.shape[ax]:
        raise ArrayshimValueError(
            message(
                "vecdot",
                "x1, x2",
                f"arrays with the same size along axis {axis}",
                f"shapes {a1.shape} and {a2.shape}",
            )
        )
    b, dev = a1._backend, a1._device
    one = call("vecdot", b, dev, b.vecdot, a1._native, a2._native, ax)  # both of dtype dt
    if one is not None:
        if a1 is x1 and a2 is x2:  # no cast or conversion was needed: remember the call
            _VECDOT.put(key, (dt, ax))
        return _new(one, b, dt, dev)
    if dt.kind == "c":
        a1 = _new(call("vecdot", b, dev, b.conj, b.native_of(a1)), b, dt, dev)
    return sum_(multiply(a1, a2), axis=ax, dtype=dt)


#: vecdot calls the backend's one kernel took: (backend, dtypes, shapes, axis, policy) ->
#: (result dtype, negative axis)
_VECDOT = Plans()


def tensordot(x1: Any, x2: Any, /, *, axes: Any = 2) -> Array:
    """The sum of products over ``axes`` (an int: the last ``axes`` of ``x1`` with the first
    of ``x2``; or two sequences of axes), computed with one ``matmul``."""
    a1, a2, _ = _numeric_pair("tensordot", x1, x2)
    s1, s2 = known_shape(a1.shape, "tensordot"), known_shape(a2.shape, "tensordot")
    if isinstance(axes, (tuple, list)):
        if len(axes) != 2:
            raise ArrayshimValueError(
                message("tensordot", "axes", "an int or two sequences of axes", repr(axes))
            )
        first, second = ((v,) if isinstance(v, int) else tuple(v) for v in axes)
        ax1 = [one_axis(i, len(s1), "tensordot", "axes") for i in first]
        ax2 = [one_axis(i, len(s2), "tensordot", "axes") for i in second]
        if len(ax1) != len(ax2) or len(set(ax1)) != len(ax1) or len(set(ax2)) != len(ax2):
            raise ArrayshimValueError(
                message(
                    "tensordot",
                    "axes",
                    "two sequences of distinct axes of equal length",
                    repr(axes),
                )
            )
    else:
        try:
            n = operator.index(axes)
        except TypeError:
            raise ArrayshimTypeError(
                message("tensordot", "axes", "an int or two sequences of axes", repr(axes))
            ) from None
        if n < 0 or n > len(s1) or n > len(s2):
            raise ArrayshimValueError(
                message("tensordot", "axes", f"an int in [0, {min(len(s1), len(s2))}]", repr(axes))
            )
        ax1, ax2 = list(range(len(s1) - n, len(s1))), list(range(n))
    if any(s1[i] != s2[j] for i, j in zip(ax1, ax2, strict=True)):
        raise ArrayshimValueError(
            message(
                "tensordot",
                "axes",
                "axes of equal sizes in x1 and x2",
                f"{axes!r} for shapes {s1} and {s2}",
            )
        )
    b = a1._backend
    one = call(
        "tensordot", b, a1._device, b.tensordot, a1._native, a2._native, tuple(ax1), tuple(ax2)
    )
    if one is not None:
        return _new(one, b, a1._dtype, a1._device)
    free1 = [i for i in range(len(s1)) if i not in ax1]
    free2 = [i for i in range(len(s2)) if i not in ax2]
    k = math.prod(s1[i] for i in ax1)
    m1 = reshape(permute_dims(a1, tuple(free1 + ax1)), (math.prod(s1[i] for i in free1), k))
    m2 = reshape(permute_dims(a2, tuple(ax2 + free2)), (k, math.prod(s2[i] for i in free2)))
    return reshape(matmul(m1, m2), tuple(s1[i] for i in free1) + tuple(s2[i] for i in free2))
