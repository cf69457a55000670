"""The PyTorch adapter's elementwise kernels: torch's own function for each op where its values
are NumPy's, and the choice of an exact emulation (``emulations.py``) where they are not."""

from __future__ import annotations

from collections.abc import Callable

import torch

from arrayshim.backend_api import (
    OPS,
    DType,
)
from arrayshim.backend_api import dtypes as d

from .dtypes import _SIGNED, _TORCH, _WIDE
from .emulations import (
    _acos_complex,
    _componentwise,
    _expm1_complex,
    _first_on_ties,
    _floor_divide_float,
    _floor_divide_uint64,
    _hyperbolic,
    _imag_part,
    _log1p_complex,
    _negative_complex,
    _order_preserving,
    _pow_complex,
    _pow_signed,
    _pow_uint64,
    _real_part,
    _reciprocal_complex,
    _reinterpreted,
    _remainder_float,
    _remainder_uint64,
    _right_shift_uint64,
    _round_complex,
    _sign_complex,
    _sign_float,
    _sign_unsigned,
    _tanh_complex,
    _widened,
    _zero_safe,
)

_NATIVE: dict[str, Callable] = {
    "add": torch.add,
    "subtract": torch.sub,
    "multiply": torch.mul,
    "divide": torch.div,
    "floor_divide": torch.floor_divide,
    "remainder": torch.remainder,
    "pow": torch.pow,
    "maximum": torch.maximum,
    "minimum": torch.minimum,  # both propagate NaN, as NumPy's
    "equal": torch.eq,
    "not_equal": torch.ne,
    "less": torch.lt,
    "less_equal": torch.le,
    "greater": torch.gt,
    "greater_equal": torch.ge,
    "bitwise_and": torch.bitwise_and,
    "bitwise_or": torch.bitwise_or,
    "bitwise_xor": torch.bitwise_xor,
    # torch gives NumPy's results for shift counts outside [0, bits): 0, or -1 for negative
    # values shifted right
    "bitwise_left_shift": torch.bitwise_left_shift,
    "bitwise_right_shift": torch.bitwise_right_shift,
    "logical_and": torch.logical_and,
    "logical_or": torch.logical_or,
    "logical_xor": torch.logical_xor,
    "negative": torch.neg,
    "positive": torch.clone,
    "abs": torch.abs,
    "bitwise_invert": torch.bitwise_not,
    "logical_not": torch.logical_not,
    "exp": torch.exp,
    "log": torch.log,
    "sqrt": torch.sqrt,
    "sin": torch.sin,
    "cos": torch.cos,
    "tanh": torch.tanh,
    "tan": torch.tan,
    "acos": torch.acos,
    "asin": torch.asin,
    "atan": torch.atan,
    "cosh": torch.cosh,
    "sinh": torch.sinh,
    "acosh": torch.acosh,
    "asinh": torch.asinh,
    "atanh": torch.atanh,
    "expm1": torch.expm1,
    "log1p": torch.log1p,
    "log2": torch.log2,
    "log10": torch.log10,
    "ceil": torch.ceil,
    "floor": torch.floor,
    "trunc": torch.trunc,
    "round": torch.round,  # halves to even, as NumPy
    "sign": torch.sign,
    "square": torch.square,
    "reciprocal": torch.reciprocal,
    "conj": torch.conj_physical,  # torch.conj only sets a flag: a view, not a new array
    "isnan": torch.isnan,
    "isinf": torch.isinf,
    "isfinite": torch.isfinite,
    "signbit": torch.signbit,
    "atan2": torch.atan2,
    "copysign": torch.copysign,
    "hypot": torch.hypot,
    "logaddexp": torch.logaddexp,
    "nextafter": torch.nextafter,
}
#: ops whose result bits do not depend on signedness (two's complement)
_SIGN_AGNOSTIC: dict[str, Callable] = {
    "add": torch.add,
    "subtract": torch.sub,
    "negative": torch.neg,
    "square": torch.square,
    "bitwise_invert": torch.bitwise_not,
    "bitwise_left_shift": torch.bitwise_left_shift,
}
#: ops that order their operands
_ORDERED: dict[str, Callable] = {
    "maximum": torch.maximum,
    "minimum": torch.minimum,
    "less": torch.lt,
    "less_equal": torch.le,
    "greater": torch.gt,
    "greater_equal": torch.ge,
}


#: kernels chosen by the kind of the dtype: {op: {kind: kernel}}; other kinds use _NATIVE
_BY_KIND: dict[str, dict[str, Callable]] = {
    "ceil": {"b": torch.clone, "i": torch.clone, "u": torch.clone},
    "floor": {"b": torch.clone, "i": torch.clone, "u": torch.clone},
    "trunc": {"b": torch.clone, "i": torch.clone, "u": torch.clone},
    "round": {"i": torch.clone, "u": torch.clone, "c": _round_complex},
    "sign": {"c": _sign_complex, "f": _sign_float},  # complex: z / |z|, as NumPy 2
    "log1p": {"c": _log1p_complex},
    "expm1": {"c": _expm1_complex},
    "tanh": {"c": _tanh_complex},
    "floor_divide": {"f": _floor_divide_float},
    "reciprocal": {"c": _reciprocal_complex},
    "acos": {"c": _acos_complex},
    "negative": {"c": _negative_complex},
    "cosh": {"f": _hyperbolic(torch.cosh, odd=False)},
    "sinh": {"f": _hyperbolic(torch.sinh, odd=True)},
    "real": {
        "c": _real_part,
        "b": torch.clone,
        "i": torch.clone,
        "u": torch.clone,
        "f": torch.clone,
    },
    "imag": {
        "c": _imag_part,
        "b": torch.zeros_like,
        "i": torch.zeros_like,
        "u": torch.zeros_like,
        "f": torch.zeros_like,
    },
}


def _kernel(name: str, dt: DType) -> Callable | None:
    """The kernel for op ``name`` on operands of ``dt`` (see :meth:`TorchBackend.kernel`)."""
    op = OPS[name]
    if dt not in op.accepts or (op.result in ("float", "divide") and dt.kind not in "fc"):
        return None  # the frontend never asks: it computes these in a floating dtype
    tdt = _TORCH[dt]
    if name == "abs" and dt.kind in "bu":
        return torch.clone
    if dt is d.float16 and name in ("maximum", "minimum"):
        return _first_on_ties(_NATIVE[name])
    by_kind = _BY_KIND.get(name)
    if by_kind is not None and dt.kind in by_kind:
        return by_kind[dt.kind]
    if name == "sign" and tdt in _SIGNED:
        return _sign_unsigned
    if dt.kind == "c" and name == "pow":
        return _pow_complex
    if dt.kind == "c" and name in ("add", "subtract"):
        return _componentwise(_NATIVE[name])
    if name in ("floor_divide", "remainder"):
        if dt is d.uint64:
            return _floor_divide_uint64 if name == "floor_divide" else _remainder_uint64
        if dt.kind in "iu":
            safe = _zero_safe(_NATIVE[name])
            return _widened(safe, tdt) if tdt in _WIDE else safe
        if name == "remainder":
            return _remainder_float
    if name == "pow" and dt.kind == "i":
        return _pow_signed
    if tdt in _SIGNED:
        if name in _SIGN_AGNOSTIC:
            return _reinterpreted(
                _SIGN_AGNOSTIC[name], tdt, name in ("negative", "bitwise_invert", "square")
            )
        if name in _ORDERED:
            return _order_preserving(_ORDERED[name], tdt, name not in ("maximum", "minimum"))
        if name == "pow":
            return _pow_uint64 if dt is d.uint64 else _widened(torch.pow, tdt)
        if name == "bitwise_right_shift":
            return (
                _right_shift_uint64 if dt is d.uint64 else _widened(torch.bitwise_right_shift, tdt)
            )
    return _NATIVE[name]
