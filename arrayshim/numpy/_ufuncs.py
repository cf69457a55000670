"""NumPy's ufuncs that are one standard function each (``np.exp`` is ``xp.exp``, ``np.arcsin`` is
``xp.asin``), with NumPy's ``out=None`` and ``dtype=`` arguments.
Each def is a plain wrapper; lists become arrays, Python scalars stay weak (NumPy 2's NEP 50)."""

from __future__ import annotations

import arrayshim as _xp
from arrayshim import Array

from ._common import arr, pair, refuse_out

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _unary(f: Any, func: str, x: Any, out: Any, dtype: Any) -> Array:
    if out is not None:
        refuse_out(func, out)
    x = arr(x)
    if dtype is not None:
        x = _xp.astype(x, dtype)
    return f(x)


def _binary(f: Any, func: str, x1: Any, x2: Any, out: Any, dtype: Any) -> Array:
    if out is not None:
        refuse_out(func, out)
    x1, x2 = pair(x1, x2)
    if dtype is not None:
        x1, x2 = _xp.astype(arr(x1), dtype), _xp.astype(arr(x2), dtype)
    return f(x1, x2)


def abs(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``abs``: ``arrayshim.abs``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.abs(x)
    return _unary(_xp.abs, "abs", x, out, dtype)


def absolute(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``absolute``: ``arrayshim.abs``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.abs(x)
    return _unary(_xp.abs, "absolute", x, out, dtype)


def arccos(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``arccos``: ``arrayshim.acos``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.acos(x)
    return _unary(_xp.acos, "arccos", x, out, dtype)


def arccosh(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``arccosh``: ``arrayshim.acosh``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.acosh(x)
    return _unary(_xp.acosh, "arccosh", x, out, dtype)


def arcsin(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``arcsin``: ``arrayshim.asin``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.asin(x)
    return _unary(_xp.asin, "arcsin", x, out, dtype)


def arcsinh(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``arcsinh``: ``arrayshim.asinh``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.asinh(x)
    return _unary(_xp.asinh, "arcsinh", x, out, dtype)


def arctan(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``arctan``: ``arrayshim.atan``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.atan(x)
    return _unary(_xp.atan, "arctan", x, out, dtype)


def arctanh(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``arctanh``: ``arrayshim.atanh``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.atanh(x)
    return _unary(_xp.atanh, "arctanh", x, out, dtype)


def acos(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``acos``: ``arrayshim.acos``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.acos(x)
    return _unary(_xp.acos, "acos", x, out, dtype)


def acosh(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``acosh``: ``arrayshim.acosh``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.acosh(x)
    return _unary(_xp.acosh, "acosh", x, out, dtype)


def asin(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``asin``: ``arrayshim.asin``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.asin(x)
    return _unary(_xp.asin, "asin", x, out, dtype)


def asinh(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``asinh``: ``arrayshim.asinh``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.asinh(x)
    return _unary(_xp.asinh, "asinh", x, out, dtype)


def atan(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``atan``: ``arrayshim.atan``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.atan(x)
    return _unary(_xp.atan, "atan", x, out, dtype)


def atanh(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``atanh``: ``arrayshim.atanh``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.atanh(x)
    return _unary(_xp.atanh, "atanh", x, out, dtype)


def bitwise_invert(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``bitwise_invert``: ``arrayshim.bitwise_invert``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.bitwise_invert(x)
    return _unary(_xp.bitwise_invert, "bitwise_invert", x, out, dtype)


def bitwise_not(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``bitwise_not``: ``arrayshim.bitwise_invert``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.bitwise_invert(x)
    return _unary(_xp.bitwise_invert, "bitwise_not", x, out, dtype)


def invert(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``invert``: ``arrayshim.bitwise_invert``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.bitwise_invert(x)
    return _unary(_xp.bitwise_invert, "invert", x, out, dtype)


def ceil(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``ceil``: ``arrayshim.ceil``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.ceil(x)
    return _unary(_xp.ceil, "ceil", x, out, dtype)


def conj(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``conj``: ``arrayshim.conj``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.conj(x)
    return _unary(_xp.conj, "conj", x, out, dtype)


def conjugate(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``conjugate``: ``arrayshim.conj``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.conj(x)
    return _unary(_xp.conj, "conjugate", x, out, dtype)


def cos(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``cos``: ``arrayshim.cos``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.cos(x)
    return _unary(_xp.cos, "cos", x, out, dtype)


def cosh(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``cosh``: ``arrayshim.cosh``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.cosh(x)
    return _unary(_xp.cosh, "cosh", x, out, dtype)


def exp(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``exp``: ``arrayshim.exp``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.exp(x)
    return _unary(_xp.exp, "exp", x, out, dtype)


def expm1(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``expm1``: ``arrayshim.expm1``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.expm1(x)
    return _unary(_xp.expm1, "expm1", x, out, dtype)


def floor(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``floor``: ``arrayshim.floor``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.floor(x)
    return _unary(_xp.floor, "floor", x, out, dtype)


def isfinite(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``isfinite``: ``arrayshim.isfinite``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.isfinite(x)
    return _unary(_xp.isfinite, "isfinite", x, out, dtype)


def isinf(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``isinf``: ``arrayshim.isinf``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.isinf(x)
    return _unary(_xp.isinf, "isinf", x, out, dtype)


def isnan(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``isnan``: ``arrayshim.isnan``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.isnan(x)
    return _unary(_xp.isnan, "isnan", x, out, dtype)


def log(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``log``: ``arrayshim.log``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.log(x)
    return _unary(_xp.log, "log", x, out, dtype)


def log10(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``log10``: ``arrayshim.log10``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.log10(x)
    return _unary(_xp.log10, "log10", x, out, dtype)


def log1p(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``log1p``: ``arrayshim.log1p``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.log1p(x)
    return _unary(_xp.log1p, "log1p", x, out, dtype)


def log2(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``log2``: ``arrayshim.log2``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.log2(x)
    return _unary(_xp.log2, "log2", x, out, dtype)


def logical_not(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``logical_not``: ``arrayshim.logical_not``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.logical_not(x)
    return _unary(_xp.logical_not, "logical_not", x, out, dtype)


def negative(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``negative``: ``arrayshim.negative``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.negative(x)
    return _unary(_xp.negative, "negative", x, out, dtype)


def positive(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``positive``: ``arrayshim.positive``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.positive(x)
    return _unary(_xp.positive, "positive", x, out, dtype)


def reciprocal(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``reciprocal``: ``arrayshim.reciprocal``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.reciprocal(x)
    return _unary(_xp.reciprocal, "reciprocal", x, out, dtype)


def sign(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``sign``: ``arrayshim.sign``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.sign(x)
    return _unary(_xp.sign, "sign", x, out, dtype)


def signbit(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``signbit``: ``arrayshim.signbit``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.signbit(x)
    return _unary(_xp.signbit, "signbit", x, out, dtype)


def sin(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``sin``: ``arrayshim.sin``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.sin(x)
    return _unary(_xp.sin, "sin", x, out, dtype)


def sinh(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``sinh``: ``arrayshim.sinh``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.sinh(x)
    return _unary(_xp.sinh, "sinh", x, out, dtype)


def sqrt(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``sqrt``: ``arrayshim.sqrt``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.sqrt(x)
    return _unary(_xp.sqrt, "sqrt", x, out, dtype)


def square(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``square``: ``arrayshim.square``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.square(x)
    return _unary(_xp.square, "square", x, out, dtype)


def tan(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``tan``: ``arrayshim.tan``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.tan(x)
    return _unary(_xp.tan, "tan", x, out, dtype)


def tanh(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``tanh``: ``arrayshim.tanh``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.tanh(x)
    return _unary(_xp.tanh, "tanh", x, out, dtype)


def trunc(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``trunc``: ``arrayshim.trunc``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.trunc(x)
    return _unary(_xp.trunc, "trunc", x, out, dtype)


def fix(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``fix``: ``arrayshim.trunc``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.trunc(x)
    return _unary(_xp.trunc, "fix", x, out, dtype)


def rint(x: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``rint``: ``arrayshim.round``."""
    if out is None and dtype is None and type(x) is Array:
        return _xp.round(x)
    return _unary(_xp.round, "rint", x, out, dtype)


def add(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``add``: ``arrayshim.add``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.add(x1, x2)
    return _binary(_xp.add, "add", x1, x2, out, dtype)


def subtract(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``subtract``: ``arrayshim.subtract``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.subtract(x1, x2)
    return _binary(_xp.subtract, "subtract", x1, x2, out, dtype)


def multiply(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``multiply``: ``arrayshim.multiply``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.multiply(x1, x2)
    return _binary(_xp.multiply, "multiply", x1, x2, out, dtype)


def divide(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``divide``: ``arrayshim.divide``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.divide(x1, x2)
    return _binary(_xp.divide, "divide", x1, x2, out, dtype)


def true_divide(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``true_divide``: ``arrayshim.divide``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.divide(x1, x2)
    return _binary(_xp.divide, "true_divide", x1, x2, out, dtype)


def floor_divide(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``floor_divide``: ``arrayshim.floor_divide``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.floor_divide(x1, x2)
    return _binary(_xp.floor_divide, "floor_divide", x1, x2, out, dtype)


def remainder(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``remainder``: ``arrayshim.remainder``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.remainder(x1, x2)
    return _binary(_xp.remainder, "remainder", x1, x2, out, dtype)


def mod(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``mod``: ``arrayshim.remainder``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.remainder(x1, x2)
    return _binary(_xp.remainder, "mod", x1, x2, out, dtype)


def power(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``power``: ``arrayshim.pow``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.pow(x1, x2)
    return _binary(_xp.pow, "power", x1, x2, out, dtype)


def pow(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``pow``: ``arrayshim.pow``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.pow(x1, x2)
    return _binary(_xp.pow, "pow", x1, x2, out, dtype)


def maximum(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``maximum``: ``arrayshim.maximum``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.maximum(x1, x2)
    return _binary(_xp.maximum, "maximum", x1, x2, out, dtype)


def minimum(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``minimum``: ``arrayshim.minimum``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.minimum(x1, x2)
    return _binary(_xp.minimum, "minimum", x1, x2, out, dtype)


def equal(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``equal``: ``arrayshim.equal``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.equal(x1, x2)
    return _binary(_xp.equal, "equal", x1, x2, out, dtype)


def not_equal(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``not_equal``: ``arrayshim.not_equal``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.not_equal(x1, x2)
    return _binary(_xp.not_equal, "not_equal", x1, x2, out, dtype)


def less(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``less``: ``arrayshim.less``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.less(x1, x2)
    return _binary(_xp.less, "less", x1, x2, out, dtype)


def less_equal(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``less_equal``: ``arrayshim.less_equal``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.less_equal(x1, x2)
    return _binary(_xp.less_equal, "less_equal", x1, x2, out, dtype)


def greater(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``greater``: ``arrayshim.greater``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.greater(x1, x2)
    return _binary(_xp.greater, "greater", x1, x2, out, dtype)


def greater_equal(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``greater_equal``: ``arrayshim.greater_equal``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.greater_equal(x1, x2)
    return _binary(_xp.greater_equal, "greater_equal", x1, x2, out, dtype)


def bitwise_and(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``bitwise_and``: ``arrayshim.bitwise_and``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.bitwise_and(x1, x2)
    return _binary(_xp.bitwise_and, "bitwise_and", x1, x2, out, dtype)


def bitwise_or(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``bitwise_or``: ``arrayshim.bitwise_or``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.bitwise_or(x1, x2)
    return _binary(_xp.bitwise_or, "bitwise_or", x1, x2, out, dtype)


def bitwise_xor(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``bitwise_xor``: ``arrayshim.bitwise_xor``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.bitwise_xor(x1, x2)
    return _binary(_xp.bitwise_xor, "bitwise_xor", x1, x2, out, dtype)


def bitwise_left_shift(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``bitwise_left_shift``: ``arrayshim.bitwise_left_shift``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.bitwise_left_shift(x1, x2)
    return _binary(_xp.bitwise_left_shift, "bitwise_left_shift", x1, x2, out, dtype)


def left_shift(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``left_shift``: ``arrayshim.bitwise_left_shift``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.bitwise_left_shift(x1, x2)
    return _binary(_xp.bitwise_left_shift, "left_shift", x1, x2, out, dtype)


def bitwise_right_shift(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``bitwise_right_shift``: ``arrayshim.bitwise_right_shift``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.bitwise_right_shift(x1, x2)
    return _binary(_xp.bitwise_right_shift, "bitwise_right_shift", x1, x2, out, dtype)


def right_shift(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``right_shift``: ``arrayshim.bitwise_right_shift``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.bitwise_right_shift(x1, x2)
    return _binary(_xp.bitwise_right_shift, "right_shift", x1, x2, out, dtype)


def logical_and(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``logical_and``: ``arrayshim.logical_and``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.logical_and(x1, x2)
    return _binary(_xp.logical_and, "logical_and", x1, x2, out, dtype)


def logical_or(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``logical_or``: ``arrayshim.logical_or``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.logical_or(x1, x2)
    return _binary(_xp.logical_or, "logical_or", x1, x2, out, dtype)


def logical_xor(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``logical_xor``: ``arrayshim.logical_xor``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.logical_xor(x1, x2)
    return _binary(_xp.logical_xor, "logical_xor", x1, x2, out, dtype)


def arctan2(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``arctan2``: ``arrayshim.atan2``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.atan2(x1, x2)
    return _binary(_xp.atan2, "arctan2", x1, x2, out, dtype)


def atan2(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``atan2``: ``arrayshim.atan2``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.atan2(x1, x2)
    return _binary(_xp.atan2, "atan2", x1, x2, out, dtype)


def hypot(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``hypot``: ``arrayshim.hypot``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.hypot(x1, x2)
    return _binary(_xp.hypot, "hypot", x1, x2, out, dtype)


def copysign(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``copysign``: ``arrayshim.copysign``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.copysign(x1, x2)
    return _binary(_xp.copysign, "copysign", x1, x2, out, dtype)


def nextafter(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``nextafter``: ``arrayshim.nextafter``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.nextafter(x1, x2)
    return _binary(_xp.nextafter, "nextafter", x1, x2, out, dtype)


def logaddexp(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    """NumPy's ``logaddexp``: ``arrayshim.logaddexp``."""
    if out is None and dtype is None and type(x1) is Array and type(x2) is Array:
        return _xp.logaddexp(x1, x2)
    return _binary(_xp.logaddexp, "logaddexp", x1, x2, out, dtype)
