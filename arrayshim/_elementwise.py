"""Elementwise functions. Dtype rules live in ``_promotion.OPS``; dispatch in ``_dispatch``."""

from __future__ import annotations

from . import _context, _promotion
from ._array import Array, _new, describe
from ._dispatch import (
    Plans,
    _no_kernel,
    binary,
    cast,
    failure,
    kernel,
    resolve,
    run,
    scalar_array,
    unary,
)
from ._dtypes import DType
from ._errors import ArrayshimTypeError, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def add(x1: Any, x2: Any, /) -> Array:
    """``x1 + x2``, promoted by the shared table.

    >>> import arrayshim as xp
    >>> xp.add(xp.asarray([1, 2], dtype=xp.int32), xp.asarray([0.5], dtype=xp.float32)).dtype
    arrayshim.float64
    """
    return binary("add", x1, x2)


def subtract(x1: Any, x2: Any, /) -> Array:
    return binary("subtract", x1, x2)


def multiply(x1: Any, x2: Any, /) -> Array:
    return binary("multiply", x1, x2)


def divide(x1: Any, x2: Any, /) -> Array:
    return binary("divide", x1, x2)


def floor_divide(x1: Any, x2: Any, /) -> Array:
    return binary("floor_divide", x1, x2)


def remainder(x1: Any, x2: Any, /) -> Array:
    return binary("remainder", x1, x2)


def pow(x1: Any, x2: Any, /) -> Array:
    return binary("pow", x1, x2)


def maximum(x1: Any, x2: Any, /) -> Array:
    return binary("maximum", x1, x2)


def minimum(x1: Any, x2: Any, /) -> Array:
    return binary("minimum", x1, x2)


def equal(x1: Any, x2: Any, /) -> Array:
    return binary("equal", x1, x2)


def not_equal(x1: Any, x2: Any, /) -> Array:
    return binary("not_equal", x1, x2)


def less(x1: Any, x2: Any, /) -> Array:
    return binary("less", x1, x2)


def less_equal(x1: Any, x2: Any, /) -> Array:
    return binary("less_equal", x1, x2)


def greater(x1: Any, x2: Any, /) -> Array:
    return binary("greater", x1, x2)


def greater_equal(x1: Any, x2: Any, /) -> Array:
    return binary("greater_equal", x1, x2)


def bitwise_and(x1: Any, x2: Any, /) -> Array:
    return binary("bitwise_and", x1, x2)


def bitwise_or(x1: Any, x2: Any, /) -> Array:
    return binary("bitwise_or", x1, x2)


def bitwise_xor(x1: Any, x2: Any, /) -> Array:
    return binary("bitwise_xor", x1, x2)


def bitwise_left_shift(x1: Any, x2: Any, /) -> Array:
    return binary("bitwise_left_shift", x1, x2)


def bitwise_right_shift(x1: Any, x2: Any, /) -> Array:
    return binary("bitwise_right_shift", x1, x2)


def logical_and(x1: Any, x2: Any, /) -> Array:
    return binary("logical_and", x1, x2)


def logical_or(x1: Any, x2: Any, /) -> Array:
    return binary("logical_or", x1, x2)


def logical_xor(x1: Any, x2: Any, /) -> Array:
    return binary("logical_xor", x1, x2)


def negative(x: Any, /) -> Array:
    return unary("negative", x)


def positive(x: Any, /) -> Array:
    return unary("positive", x)


def abs(x: Any, /) -> Array:
    return unary("abs", x)


def bitwise_invert(x: Any, /) -> Array:
    return unary("bitwise_invert", x)


def logical_not(x: Any, /) -> Array:
    return unary("logical_not", x)


def exp(x: Any, /) -> Array:
    return unary("exp", x)


def log(x: Any, /) -> Array:
    return unary("log", x)


def sqrt(x: Any, /) -> Array:
    return unary("sqrt", x)


def sin(x: Any, /) -> Array:
    return unary("sin", x)


def cos(x: Any, /) -> Array:
    return unary("cos", x)


def tanh(x: Any, /) -> Array:
    return unary("tanh", x)


def tan(x: Any, /) -> Array:
    """Tangent."""
    return unary("tan", x)


def acos(x: Any, /) -> Array:
    """Inverse cosine (principal value)."""
    return unary("acos", x)


def asin(x: Any, /) -> Array:
    """Inverse sine (principal value)."""
    return unary("asin", x)


def atan(x: Any, /) -> Array:
    """Inverse tangent (principal value)."""
    return unary("atan", x)


def cosh(x: Any, /) -> Array:
    """Hyperbolic cosine."""
    return unary("cosh", x)


def sinh(x: Any, /) -> Array:
    """Hyperbolic sine."""
    return unary("sinh", x)


def acosh(x: Any, /) -> Array:
    """Inverse hyperbolic cosine."""
    return unary("acosh", x)


def asinh(x: Any, /) -> Array:
    """Inverse hyperbolic sine."""
    return unary("asinh", x)


def atanh(x: Any, /) -> Array:
    """Inverse hyperbolic tangent."""
    return unary("atanh", x)


def expm1(x: Any, /) -> Array:
    """``exp(x) - 1``, accurate for small ``x``."""
    return unary("expm1", x)


def log1p(x: Any, /) -> Array:
    """``log(1 + x)``, accurate for small ``x``."""
    return unary("log1p", x)


def log2(x: Any, /) -> Array:
    """Base-2 logarithm."""
    return unary("log2", x)


def log10(x: Any, /) -> Array:
    """Base-10 logarithm."""
    return unary("log10", x)


def ceil(x: Any, /) -> Array:
    """Smallest integer not below each element; integer and bool arrays are returned unchanged (a
    copy, same dtype)."""
    return unary("ceil", x)


def floor(x: Any, /) -> Array:
    """Largest integer not above each element; integer and bool arrays are returned unchanged (a
    copy, same dtype)."""
    return unary("floor", x)


def trunc(x: Any, /) -> Array:
    """Each element rounded toward zero; integer and bool arrays are returned unchanged (a copy,
    same dtype)."""
    return unary("trunc", x)


def round(x: Any, /) -> Array:
    """Each element rounded to the nearest integer, halves to even (complex: both parts)."""
    return unary("round", x)


def sign(x: Any, /) -> Array:
    """-1, 0 or 1 (NaN stays NaN); for complex ``x / abs(x)`` (0 for 0)."""
    return unary("sign", x)


def square(x: Any, /) -> Array:
    """``x * x``."""
    return unary("square", x)


def reciprocal(x: Any, /) -> Array:
    """``1 / x`` of a floating-point array."""
    return unary("reciprocal", x)


def conj(x: Any, /) -> Array:
    """Complex conjugate (a copy for real arrays)."""
    return unary("conj", x)


def real(x: Any, /) -> Array:
    """Real component: a float array for complex ``x``, a copy of ``x`` otherwise."""
    return unary("real", x)


def imag(x: Any, /) -> Array:
    """Imaginary component: a float array for complex ``x``, zeros of ``x``'s dtype otherwise."""
    return unary("imag", x)


def isnan(x: Any, /) -> Array:
    """True where an element (or a part of a complex element) is NaN."""
    return unary("isnan", x)


def isinf(x: Any, /) -> Array:
    """True where an element (or a part of a complex element) is infinite."""
    return unary("isinf", x)


def isfinite(x: Any, /) -> Array:
    """True where an element (both parts of a complex element) is neither infinite nor NaN."""
    return unary("isfinite", x)


def signbit(x: Any, /) -> Array:
    """True where the sign bit is set (``-0.0`` and ``-nan`` included)."""
    return unary("signbit", x)


def atan2(x1: Any, x2: Any, /) -> Array:
    """Angle of the point ``(x2, x1)``: the inverse tangent of ``x1 / x2`` in the right quadrant."""
    return binary("atan2", x1, x2)


def copysign(x1: Any, x2: Any, /) -> Array:
    """``x1``'s magnitude with ``x2``'s sign bit."""
    return binary("copysign", x1, x2)


def hypot(x1: Any, x2: Any, /) -> Array:
    """``sqrt(x1**2 + x2**2)`` without overflow or underflow."""
    return binary("hypot", x1, x2)


def logaddexp(x1: Any, x2: Any, /) -> Array:
    """``log(exp(x1) + exp(x2))`` without overflow."""
    return binary("logaddexp", x1, x2)


def nextafter(x1: Any, x2: Any, /) -> Array:
    """The next representable value after ``x1`` toward ``x2``."""
    return binary("nextafter", x1, x2)


def clip(x: Any, /, min: Any = None, max: Any = None) -> Array:
    """Each element of ``x`` clamped to ``[min, max]``; ``None`` leaves that side open.

    The result has ``x``'s dtype and the broadcast shape of ``x``, ``min`` and ``max``; NaN in
    any of them gives NaN, and where ``min > max`` the result is ``max`` (as NumPy's). A bound
    may be a Python scalar (an int beyond an integer dtype's range clamps nothing on its side)
    or an array whose dtype casts safely to ``x``'s; anything that would change ``x``'s dtype
    (a float bound for an integer ``x``, an ``int64`` bound for an ``int8`` ``x``) raises
    ``TypeError``.

    >>> import arrayshim as xp
    >>> xp.clip(xp.asarray([-5, 0, 5], dtype=xp.int8), min=-1, max=1000)
    Array([-1,  0,  5], dtype=int8, backend=numpy, device=cpu)
    """
    key: tuple = ()
    if (
        type(x) is Array
        and type(min) in _SCALAR_BOUND
        and type(max) in _SCALAR_BOUND
        and not x._backend.is_compiling()  # no lookup while dynamo traces (see Plans)
    ):
        b = x._backend
        key = (b, x._dtype, x._device, _context.current_policy(), min, type(min), max, type(max))
        plan = _CLIP.get(key)
        if plan is not None:  # the bounds checked before, made into natives as every time
            return _clipped_numbers(x, *plan)
    bounds = [(arg, v) for arg, v in (("min", min), ("max", max)) if v is not None]
    b, dev, arrays = resolve(
        "clip", (x, *(v for _, v in bounds)), ("x", *(arg for arg, _ in bounds))
    )
    a = arrays[0]
    if type(a) is not Array:
        raise ArrayshimTypeError(message("clip", "x", "an array", describe(x)))
    dt = a._dtype
    policy = _context.current_policy()
    _promotion.unary_dtypes(_promotion.CLIP, dt, policy)  # the dtypes maximum/minimum take
    given: dict[str, Any] = {}
    checked: dict[str, Any] = {}
    for (arg, _), value in zip(bounds, arrays[1:], strict=True):
        if type(value) is Array:
            if value._dtype is not dt and not _promotion.can_cast(value._dtype, dt, policy):
                raise ArrayshimTypeError(
                    message(
                        "clip",
                        arg,
                        f"an array whose dtype casts safely to x's dtype {dt.name} (the result "
                        "keeps x's dtype)",
                        f"an array of dtype {value._dtype.name}",
                    )
                )
            given[arg] = cast(value, dt)
        else:
            checked[arg] = _clip_scalar(value, dt, policy, arg)
            given[arg] = scalar_array(checked[arg], dt, b, dev)
    if len(checked) == len(bounds) and min == min and max == max:  # numbers only, not NaN
        lo, hi = checked.get("min"), checked.get("max")
        if bounds and key:
            _CLIP.put(key, (lo, hi))
        return _clipped_numbers(a, lo, hi)
    return _clipped(a, given.get("min"), given.get("max"), *arrays[1:])


_SCALAR_BOUND = (type(None), int, float)
#: clip with Python-scalar bounds: (backend, dtype, device, policy, the bounds with their types)
#: -> the bounds as checked values of x's dtype (natives are made each call: a cached native
#: could be a tracer or another graph's tensor; Backend.scalar_operand caches where it may)
_CLIP = Plans()


def _clipped_numbers(a: Array, lo: Any, hi: Any) -> Array:
    """``a`` clipped to checked Python-number bounds of its dtype (None: open): the backend's
    ``clip_numbers`` where it has one, else the bounds made native and :func:`_clipped`."""
    b, dt, dev = a._backend, a._dtype, a._device
    if lo is not None or hi is not None:
        number = int if dt.kind in "iu" else float  # (a bool bound as its number)
        lo = None if lo is None else number(lo)
        hi = None if hi is None else number(hi)
        try:
            one = run(b, dev, b.clip_numbers, a._native, lo, hi)
        except Exception as exc:
            raise failure("clip", exc, b, a) from exc
        if one is not None:
            return _new(one, b, dt, dev)
    return _clipped(
        a,
        None if lo is None else scalar_array(lo, dt, b, dev),
        None if hi is None else scalar_array(hi, dt, b, dev),
    )


def _clipped(a: Array, lo: Any, hi: Any, *arrays: Array) -> Array:
    """``a`` clipped to the native bounds (of its dtype; None: open), in one pass where the
    backend has it (``Backend.clip``), else ``maximum`` then ``minimum``."""
    b, dt, dev = a._backend, a._dtype, a._device
    out = a._native
    try:
        if lo is None and hi is None:
            return _new(run(b, dev, b.astype, out, dt, True), b, dt, dev)  # a copy, as with bounds
        one_pass = run(b, dev, b.clip, out, lo, hi)
        if one_pass is not None:
            return _new(one_pass, b, dt, dev)
        for op, native in (("maximum", lo), ("minimum", hi)):
            if native is not None:
                fn = kernel(b, op, dt, dev)
                if fn is None:
                    raise _no_kernel("clip", dt, b)
                out = run(b, dev, fn, out, native)
    except Exception as exc:
        raise failure("clip", exc, b, a, *arrays) from exc
    return _new(out, b, dt, dev)


def _clip_scalar(value: Any, dt: DType, policy: _promotion.Policy, arg: str) -> Any:
    """A Python scalar bound of ``clip`` as a value of ``dt``, or a ``TypeError``."""
    kind = _promotion.scalar_kind(value)
    assert kind is not None  # resolve() passes on Arrays and Python scalars only
    if dt.kind in "iu" and kind in "bi":
        if kind == "i":  # a bound beyond the dtype's range is its edge
            lo, hi = (
                (0, (1 << dt.bits) - 1)
                if dt.kind == "u"
                else (-(1 << (dt.bits - 1)), (1 << (dt.bits - 1)) - 1)
            )
            value = lo if value < lo else hi if value > hi else value
        if _promotion.weak_dtype(dt, kind, policy, "clip", arg, value) is dt:
            return int(value)
    elif _promotion.weak_dtype(dt, kind, policy, "clip", arg, value) is dt:
        return value
    raise ArrayshimTypeError(
        message(
            "clip",
            arg,
            f"a Python scalar of a kind {dt.name} holds (the result keeps x's dtype)",
            f"{value!r} (Python {type(value).__name__})",
        )
    )
