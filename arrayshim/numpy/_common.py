"""Argument handling shared by the NumPy namespace: array coercion and ``out=`` refusal.

Everything here calls arrayshim's public standard functions only; nothing converts to NumPy.
"""

from __future__ import annotations

import arrayshim as _xp
from arrayshim import Array
from arrayshim._array import describe
from arrayshim._errors import (
    ArrayshimNotImplementedError,
    ArrayshimTypeError,
    ArrayshimValueError,
    message,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_SCALARS = (int, float, complex)


def arr(x: Any) -> Any:
    """``x`` as an arrayshim Array when it is a Python scalar or (nested) list/tuple; arrays
    (arrayshim or native) pass through so that the standard function decides about them."""
    if type(x) is Array:
        return x
    if isinstance(x, (list, tuple)):
        return from_nested(x)
    if isinstance(x, _SCALARS):
        return _xp.asarray(x)
    return x


def from_nested(x: Any) -> Array:
    """A nested list that may hold arrayshim Arrays (``np.array([a, b])``) is stacked."""
    if any(isinstance(e, (Array, list, tuple)) for e in x) and any(
        isinstance(e, Array) or (isinstance(e, (list, tuple)) and _has_array(e)) for e in x
    ):
        return _xp.stack([arr(e) for e in x])
    return _xp.asarray(x)


def _has_array(x: Any) -> bool:
    return any(isinstance(e, Array) or (isinstance(e, (list, tuple)) and _has_array(e)) for e in x)


def operand(x: Any) -> Any:
    """Operand of a binary function: lists become arrays; Python scalars stay (weak) scalars."""
    if type(x) is Array or isinstance(x, _SCALARS):
        return x
    if isinstance(x, (list, tuple)):
        return from_nested(x)
    return x


def pair(x1: Any, x2: Any) -> tuple[Any, Any]:
    """Both operands of a binary function; two Python scalars make the first one an array."""
    x1, x2 = operand(x1), operand(x2)
    if isinstance(x1, _SCALARS) and isinstance(x2, _SCALARS):
        x1 = _xp.asarray(x1)
    return x1, x2


def refuse_out(func: str, out: Any) -> None:
    """``out=`` is accepted only as None: arrayshim computes new arrays."""
    raise ArrayshimTypeError(
        message(
            f"numpy.{func}",
            "out",
            "None (arrayshim.numpy returns new arrays; assign the result instead of passing out=)",
            describe(out),
        )
    )


def refuse(func: str, arg: str, expected: str, value: Any) -> None:
    """An argument value that arrayshim.numpy does not support (a NumPy option left out)."""
    raise ArrayshimNotImplementedError(message(f"numpy.{func}", arg, expected, describe(value)))


def bad_value(func: str, arg: str, expected: str, value: Any) -> None:
    raise ArrayshimValueError(message(f"numpy.{func}", arg, expected, describe(value)))


def bad_type(func: str, arg: str, expected: str, value: Any) -> None:
    raise ArrayshimTypeError(message(f"numpy.{func}", arg, expected, describe(value)))


def norm_axis(axis: Any, ndim: int) -> Any:
    """A NumPy axis (int or tuple, maybe negative) made non-negative, or None."""
    if axis is None:
        return None
    if isinstance(axis, (tuple, list)):
        return tuple(a % ndim if ndim else a for a in axis)
    return axis % ndim if ndim else axis


def is_float(a: Array) -> bool:
    return _xp.isdtype(a.dtype, "real floating")


def is_complex(a: Array) -> bool:
    return _xp.isdtype(a.dtype, "complex floating")


def inexact(a: Array) -> Array:
    """``a`` itself when floating or complex, else as float64 (NumPy's result for integers)."""
    if _xp.isdtype(a.dtype, ("real floating", "complex floating")):
        return a
    return _xp.astype(a, _xp.float64)


_PY_TYPES = {int: _xp.int64, float: _xp.float64, complex: _xp.complex128, bool: _xp.bool}


def dt(dtype: Any) -> Any:
    """NumPy's ``dtype=int``/``float``/``complex``/``bool`` as arrayshim dtypes (int64, float64,
    complex128, bool); anything else is left to the standard functions to check."""
    if dtype is None or type(dtype) is not type:
        return dtype
    return _PY_TYPES.get(dtype, dtype)


def dims(a: Any) -> tuple[int, ...]:
    """The shape of an eager array as ints (arrayshim types unknown sizes as None)."""
    return tuple(a.shape)
