"""The TensorFlow adapter's elementwise kernels: TensorFlow's generated op wrappers by op name
(``gen_math_ops.add_v2`` and so on), and the choice of an exact emulation (``emulations.py``)
where TensorFlow has no kernel for a dtype or its values differ from NumPy's."""

from __future__ import annotations

import functools
from collections.abc import Callable

from tensorflow.python.ops import gen_array_ops, gen_bitwise_ops, gen_math_ops

from arrayshim.backend_api import (
    OPS,
    DType,
)
from arrayshim.backend_api import dtypes as d

from .dtypes import _POW_IN, _TF
from .emulations import (
    _all_false,
    _all_true,
    _bitcast_via,
    _bool_greater,
    _bool_greater_equal,
    _bool_less,
    _bool_less_equal,
    _complex_divide,
    _complex_log,
    _complex_pow,
    _complex_sqrt,
    _copysign,
    _either_part,
    _exp_complex,
    _expm1_complex,
    _floor_divide_float,
    _floor_divide_half,
    _hypot,
    _identity,
    _in_float32,
    _log1p_complex,
    _log_base,
    _logaddexp,
    _nextafter_half,
    _parts,
    _pow_uint64,
    _reciprocal_complex,
    _remainder_float,
    _shift_kernel,
    _sign_complex,
    _sign_unsigned,
    _signbit_float,
    _signbit_int,
    _sqrt_complex,
    _tanh_complex,
    _trunc,
    _via,
    _zero_safe,
    _zeros,
)

_NATIVE: dict[str, Callable] = {
    "add": gen_math_ops.add_v2,
    "subtract": gen_math_ops.sub,
    "multiply": gen_math_ops.mul,
    "divide": gen_math_ops.real_div,
    "floor_divide": gen_math_ops.floor_div,
    "remainder": gen_math_ops.floor_mod,
    "pow": gen_math_ops._pow,
    "maximum": gen_math_ops.maximum,
    "minimum": gen_math_ops.minimum,  # both propagate NaN
    "equal": gen_math_ops.equal,
    "not_equal": gen_math_ops.not_equal,
    "less": gen_math_ops.less,
    "less_equal": gen_math_ops.less_equal,
    "greater": gen_math_ops.greater,
    "greater_equal": gen_math_ops.greater_equal,
    "bitwise_and": gen_bitwise_ops.bitwise_and,
    "bitwise_or": gen_bitwise_ops.bitwise_or,
    "bitwise_xor": gen_bitwise_ops.bitwise_xor,
    "bitwise_left_shift": gen_bitwise_ops.left_shift,
    "bitwise_right_shift": gen_bitwise_ops.right_shift,
    "logical_and": gen_math_ops.logical_and,
    "logical_or": gen_math_ops.logical_or,
    "logical_xor": gen_math_ops.not_equal,
    "negative": gen_math_ops.neg,
    "positive": gen_array_ops.identity,
    "abs": gen_math_ops._abs,
    "bitwise_invert": gen_bitwise_ops.invert,
    "logical_not": gen_math_ops.logical_not,
    "exp": gen_math_ops.exp,
    "log": gen_math_ops.log,
    "sqrt": gen_math_ops.sqrt,
    "sin": gen_math_ops.sin,
    "cos": gen_math_ops.cos,
    "tanh": gen_math_ops.tanh,
    "tan": gen_math_ops.tan,
    "acos": gen_math_ops.acos,
    "asin": gen_math_ops.asin,
    "atan": gen_math_ops.atan,
    "cosh": gen_math_ops.cosh,
    "sinh": gen_math_ops.sinh,
    "acosh": gen_math_ops.acosh,
    "asinh": gen_math_ops.asinh,
    "atanh": gen_math_ops.atanh,
    "expm1": gen_math_ops.expm1,
    "log1p": gen_math_ops.log1p,
    "ceil": gen_math_ops.ceil,
    "floor": gen_math_ops.floor,
    "round": gen_math_ops.round,  # halves to even, as NumPy
    "sign": gen_math_ops.sign,
    "square": gen_math_ops.square,
    "reciprocal": gen_math_ops.reciprocal,
    "conj": gen_math_ops.conj,
    "isnan": gen_math_ops.is_nan,
    "isinf": gen_math_ops.is_inf,
    "isfinite": gen_math_ops.is_finite,
    "atan2": gen_math_ops.atan2,
    "nextafter": gen_math_ops.next_after,
}


#: NumPy's bool arithmetic and ordering, as logical ops (False < True)
_BOOL_KERNELS: dict[str, Callable] = {
    "add": gen_math_ops.logical_or,
    "multiply": gen_math_ops.logical_and,
    "maximum": gen_math_ops.logical_or,
    "minimum": gen_math_ops.logical_and,
    "equal": gen_math_ops.equal,
    "not_equal": gen_math_ops.not_equal,
    "less": _bool_less,
    "less_equal": _bool_less_equal,
    "greater": _bool_greater,
    "greater_equal": _bool_greater_equal,
    "bitwise_and": gen_math_ops.logical_and,
    "bitwise_or": gen_math_ops.logical_or,
    "bitwise_xor": gen_math_ops.not_equal,
    "logical_and": gen_math_ops.logical_and,
    "logical_or": gen_math_ops.logical_or,
    "logical_xor": gen_math_ops.not_equal,
    "abs": _identity,
    "bitwise_invert": gen_math_ops.logical_not,
    "logical_not": gen_math_ops.logical_not,
}


#: kernels chosen by the kind of the dtype: {op: {kind: kernel}}; other kinds use _NATIVE
_BY_KIND: dict[str, dict[str, Callable]] = {
    "ceil": {"b": _identity, "i": _identity, "u": _identity},
    "floor": {"b": _identity, "i": _identity, "u": _identity},
    "trunc": {"b": _identity, "i": _identity, "u": _identity, "f": _trunc},
    "round": {"i": _identity, "u": _identity},
    "conj": {"i": _identity, "u": _identity, "f": _identity},
    "real": {"b": _identity, "i": _identity, "u": _identity, "f": _identity},
    "imag": {"b": _zeros, "i": _zeros, "u": _zeros, "f": _zeros},
    "isnan": {"b": _all_false, "i": _all_false, "u": _all_false},
    "isinf": {"b": _all_false, "i": _all_false, "u": _all_false},
    "isfinite": {"b": _all_true, "i": _all_true, "u": _all_true},
    "signbit": {"b": _all_false, "i": _signbit_int, "u": _all_false, "f": _signbit_float},
    "copysign": {"f": _copysign},
    "hypot": {"f": _hypot},
    "reciprocal": {"c": _reciprocal_complex},
    "sqrt": {"c": _sqrt_complex},
    "exp": {"c": _exp_complex},
    "sign": {"u": _sign_unsigned, "c": _sign_complex},
    "log1p": {"c": _log1p_complex},
    "expm1": {"c": _expm1_complex},
    "tanh": {"c": _tanh_complex},
    "logaddexp": {"f": _logaddexp},
}
#: float16 ops TensorFlow lacks a kernel for, or computes in float16 less accurately than NumPy
_HALF_IN_FLOAT32 = {"hypot", "logaddexp", "log2", "log10"}


def _kind_kernel(name: str, dt: DType) -> Callable | None:
    """Kernels of the ops in ``_BY_KIND`` and those that treat complex numbers part by part."""
    tdt = _TF[dt]
    if dt.kind == "c":
        real = _TF[d.REAL_OF[dt]]
        if name == "round":
            return _parts(gen_math_ops.round, real)
        if name in ("real", "imag"):
            return functools.partial(
                gen_math_ops.real if name == "real" else gen_math_ops.imag, Tout=real
            )
        if name == "isnan":
            return _either_part(gen_math_ops.is_nan, gen_math_ops.logical_or, real)
        if name == "isinf":
            return _either_part(gen_math_ops.is_inf, gen_math_ops.logical_or, real)
        if name == "isfinite":
            return _either_part(gen_math_ops.is_finite, gen_math_ops.logical_and, real)
    fn: Callable | None
    if name in ("log2", "log10"):
        fn = _log_base(2 if name == "log2" else 10, tdt)
    elif name == "nextafter" and dt is d.float16:
        return _nextafter_half
    else:
        fn = _BY_KIND.get(name, {}).get(dt.kind)
    if fn is not None and dt is d.float16 and name in _HALF_IN_FLOAT32:
        return _in_float32(fn)
    return fn


def _kernel(name: str, dt: DType) -> Callable | None:
    """The kernel for op ``name`` on operands of ``dt`` (see :meth:`TensorFlowBackend.kernel`)."""
    op = OPS[name]
    if dt not in op.accepts:
        return None
    if op.result in ("float", "divide") and dt.kind not in "fc":
        return None  # the frontend computes these in a floating dtype
    tdt = _TF[dt]
    fn = _kind_kernel(name, dt)
    if fn is not None:
        return fn
    if dt.kind == "b":
        return _BOOL_KERNELS.get(name)
    if dt.kind == "f" and name == "floor_divide":
        return _floor_divide_half if dt is d.float16 else _floor_divide_float
    if dt.kind == "f" and name == "remainder":
        return _remainder_float
    if dt.kind == "c" and name == "sqrt":
        return _complex_sqrt
    if dt.kind == "c" and name == "pow":
        return _complex_pow
    if dt.kind == "c" and name == "log":
        return _complex_log
    if dt.kind == "c" and name == "divide":
        return _complex_divide
    if dt.kind == "c" and name == "abs":
        return functools.partial(gen_math_ops.complex_abs, Tout=_TF[d.REAL_OF[dt]])
    if dt.kind in "iu":
        if name in ("floor_divide", "remainder"):
            return _zero_safe(_NATIVE[name])
        if name in ("bitwise_left_shift", "bitwise_right_shift"):
            return _shift_kernel(name, tdt)
    if dt.kind == "u":
        if name == "negative":
            return _bitcast_via(gen_math_ops.neg, tdt)
        if name == "abs":
            return _identity
        if name == "pow":
            return _pow_uint64 if dt is d.uint64 else _via(gen_math_ops._pow, _POW_IN[tdt], tdt)
    return _NATIVE[name]
