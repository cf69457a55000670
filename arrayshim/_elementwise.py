"""Elementwise functions. Dtype rules live in ``_promotion.OPS``; dispatch in ``_dispatch``."""

from __future__ import annotations

from ._array import Array
from ._dispatch import binary, unary

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


def pow(x1: Any, x2: Any, /) -> Array:  # noqa: A001 - Array API name
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


def abs(x: Any, /) -> Array:  # noqa: A001
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
