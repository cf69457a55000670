"""Elementwise functions and the array object's operators: dtypes from the shared promotion
table (``arrayshim._promotion``: the ``numpy`` policy for the results, the ``strict`` policy for
what the standard leaves out, which must raise ``TypeError``), shapes by broadcasting, values
against NumPy 2 with IEEE special values (NaN, ±inf, ±0) among the inputs."""

from __future__ import annotations

import math
import operator

import numpy as np
import pytest
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import arrayshim as xp
from arrayshim import _dtypes, _promotion
from arrayshim._promotion import NUMPY, OPS

from .. import special_cases
from .. import strategies as S
from ..engine import EXACT, ROUNDED, TRANSCENDENTAL, Call, Case, Tol

ORDER = [t.name for t in _promotion.ORDER]


def accepted(name: str) -> tuple[str, ...]:
    return tuple(t for t in ORDER if _dtypes.BY_NAME[t] in OPS[name].accepts)


def _strict_refusal(name: str, fn: object, nargs: int):
    """A check: under the ``strict`` policy a dtype the standard leaves out raises TypeError."""
    spec = OPS[name]

    def check(got: object, call: Call, dtype: str) -> None:
        if _dtypes.BY_NAME[dtype] in spec.strict or not isinstance(call.args[0], np.ndarray):
            return
        arrays = [xp.asarray(call.args[0])] * nargs
        with xp.use_promotion("strict"), pytest.raises(TypeError, match=name):
            fn(*arrays)

    return check


# ---------------------------------------------------------------------------------------------
# unary
# ---------------------------------------------------------------------------------------------

#: exact or correctly rounded in IEEE arithmetic: every library agrees to the bit
_EXACT_UNARY = {
    "negative",
    "positive",
    "abs",
    "bitwise_invert",
    "logical_not",
    "ceil",
    "floor",
    "trunc",
    "round",
    "sign",
    "conj",
    "real",
    "imag",
    "isnan",
    "isinf",
    "isfinite",
    "signbit",
    "sqrt",
    "square",
    "reciprocal",
}
#: finite inputs of the trigonometric functions stay within ±1000 (see the README)
_BOUND = {"sin": 1e3, "cos": 1e3, "tan": 1e3}
#: complex arguments of functions that grow like exp(|z|) stay within ±20
_COMPLEX_BOUND = 20.0


def _unary(name: str) -> Case:
    spec = OPS[name]
    bound = _BOUND.get(name)
    exact = name in _EXACT_UNARY
    tol = (
        (EXACT if name not in ("sqrt", "square", "reciprocal", "sign", "abs") else ROUNDED)
        if exact
        else TRANSCENDENTAL
    )

    def draw(data: st.DataObject, dtype: str) -> Call:
        b = _COMPLEX_BOUND if dtype in S.COMPLEX and not exact else bound
        return Call((data.draw(S.arrays(dtype, bound=b), label="x"),))

    def dtype_rule(call: Call, dtype: str) -> str:
        return _promotion.unary_dtypes(spec, _dtypes.BY_NAME[dtype], NUMPY)[1].name

    fn = getattr(xp, name)
    return Case(
        name,
        "elementwise",
        accepted(name),
        draw,
        dtype=dtype_rule,
        shape=lambda c: c.args[0].shape,
        tol=tol,
        ref=getattr(np, name),
        check=_strict_refusal(name, fn, 1),
        special=_special(name),
    )


def _special(name: str) -> str | None:
    """``name`` where the standard gives it special cases (checked by the engine)."""
    return name if special_cases.rules(name) else None


# ---------------------------------------------------------------------------------------------
# binary
# ---------------------------------------------------------------------------------------------

_EXACT_BINARY = {
    "bitwise_and",
    "bitwise_or",
    "bitwise_xor",
    "bitwise_left_shift",
    "bitwise_right_shift",
    "logical_and",
    "logical_or",
    "logical_xor",
    "equal",
    "not_equal",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "maximum",
    "minimum",
    "copysign",
    "nextafter",
}
#: the standard leaves the sign of a zero chosen by maximum/minimum (and so clip) unspecified
_ZERO_SIGN_FREE = {"maximum", "minimum"}
_ROUNDED_BINARY = {"add", "subtract", "multiply", "divide", "floor_divide", "remainder"}
_NONNEGATIVE_X2 = {"bitwise_left_shift", "bitwise_right_shift"}  # the standard: x2 >= 0


def _partners(name: str, dtype: str) -> list[str]:
    spec = OPS[name]
    out = []
    for other in accepted(name):
        try:
            _promotion.binary_dtypes(spec, _dtypes.BY_NAME[dtype], _dtypes.BY_NAME[other], NUMPY)
        except TypeError:
            continue
        out.append(other)
    return out


def _scalar(data: st.DataObject, name: str, dtype: str) -> object | None:
    """A Python scalar that may stand next to an array of ``dtype`` (NEP 50: weak), or None."""
    spec = OPS[name]
    kinds = []
    for kind, value in (("b", True), ("i", 1), ("f", 1.0), ("c", 1j)):
        try:
            weak = _promotion.weak_dtype(_dtypes.BY_NAME[dtype], kind, NUMPY, name, "x2", value)
            _promotion.binary_dtypes(spec, _dtypes.BY_NAME[dtype], weak, NUMPY)
        except (TypeError, OverflowError):
            continue
        kinds.append(kind)
    if not kinds:
        return None
    kind = data.draw(st.sampled_from(kinds), label="scalar kind")
    if name == "pow" and dtype in S.COMPLEX:  # small, nonzero (no 0 ** z in the reflected form)
        choices = {"b": [True], "i": [1, 2, 3], "f": [0.5, -1.5, 2.0], "c": [1 - 1j, 0.5j, 2 + 0j]}[
            kind
        ]
        return data.draw(st.sampled_from(choices), label="x2")
    if kind == "b":
        return data.draw(st.booleans(), label="x2")
    if kind == "i":
        lo, hi = (
            (0, 127)
            if dtype == "bool" or dtype not in S.INTEGER
            else (int(np.iinfo(dtype).min), int(np.iinfo(dtype).max))
        )
        if name in _NONNEGATIVE_X2 or (name == "pow" and dtype in S.COMPLEX):
            lo, hi = 0, min(hi, 4 if name == "pow" else 8)
        return data.draw(st.integers(lo, hi), label="x2")
    bound = 4.0 if name == "pow" else 1e3
    # a weak scalar takes the array's float dtype: no value that is subnormal there (see strategies)
    tiny = float(np.finfo(dtype).tiny) if dtype in S.FLOAT else 0.0
    if kind == "f":
        value = data.draw(
            S.reals("float64", bound=bound, specials=dtype not in S.COMPLEX), label="x2"
        )
        return math.copysign(0.0, value) if abs(value) < tiny else value
    value = data.draw(S.elements("complex128", bound=bound), label="x2")
    return complex(
        *(math.copysign(0.0, v) if abs(v) < tiny else v for v in (value.real, value.imag))
    )


def _binary_draw(name: str, *, scalars: bool = True):
    def draw(data: st.DataObject, dtype: str) -> Call:
        other = data.draw(st.sampled_from(_partners(name, dtype)), label="x2 dtype")
        s1, s2 = data.draw(
            hnp.mutually_broadcastable_shapes(
                num_shapes=2, min_dims=0, max_dims=3, min_side=0, max_side=4
            ),
            label="shapes",
        ).input_shapes
        x1 = data.draw(S.arrays(dtype, s1), label="x1")
        call = None
        if scalars and data.draw(st.integers(0, 3), label="x2 is a Python scalar") == 0:
            value = _scalar(data, name, dtype)
            if value is not None:
                call = Call((x1, value))
        if call is None:
            if name in _NONNEGATIVE_X2:
                x2 = data.draw(
                    S.arrays(other, s2, lo=0, bound=int(np.iinfo(other).bits) + 2), label="x2"
                )
            else:
                x2 = data.draw(S.arrays(other, s2), label="x2")
            call = Call((x1, x2))
        return _complex_safe(data, name, call, _binary_dtype(name)(call, dtype))

    return draw


def _complex_safe(data: st.DataObject, name: str, call: Call, result: str) -> Call:
    """Where the result is complex, operands without complex special values or overflow (see
    strategies): finite, real ones within the complex components' bound; for ``pow`` small
    ones and no zero base (``0 ** z``: NumPy NaN, torch and TF inf; unspecified)."""
    if result not in S.COMPLEX:
        return call
    bounds = (10.0, 4.0) if name == "pow" else (S.COMPLEX_BOUND, S.COMPLEX_BOUND)
    args = []
    for i, (x, bound) in enumerate(zip(call.args, bounds, strict=True)):
        if isinstance(x, np.ndarray) and x.dtype.kind in "fciu":
            lo = 0 if x.dtype.kind in "iu" else None
            x = data.draw(
                S.arrays(x.dtype.name, x.shape, specials=False, bound=bound, lo=lo),
                label=f"x{i + 1} (finite)",
            )
        elif isinstance(x, (int, float, complex)) and not isinstance(x, bool) and abs(x) > bound:
            x = type(x)(bound)
        args.append(x)
    if name == "pow":  # either operand may be the base (``scalar ** array`` runs __rpow__)
        args = [
            np.where(a == 0, np.ones_like(a), a) if isinstance(a, np.ndarray) else (a or type(a)(1))
            for a in args
        ]
    return Call(tuple(args))


def _binary_dtype(name: str):
    spec = OPS[name]

    def rule(call: Call, dtype: str) -> str:
        a, b = call.args
        d1 = _dtypes.BY_NAME[a.dtype.name]
        if isinstance(b, np.ndarray):
            d2 = _dtypes.BY_NAME[b.dtype.name]
        else:
            d2 = _promotion.weak_dtype(d1, _promotion.scalar_kind(b), NUMPY, name, "x2", b)
        return _promotion.binary_dtypes(spec, d1, d2, NUMPY)[1].name

    return rule


def _binary_ref(name: str):
    """NumPy's function on the operands cast to the table's compute dtype, where the table
    turns integers into a float: NumPy picks its loop by safe casting instead (atan2 of int16
    and uint16 runs in float32 there, while the operands promote to int32 and so to float64)."""
    fn = getattr(np, name)
    spec = OPS[name]
    if spec.result not in ("float", "divide"):
        return fn
    rule = _binary_dtype(name)

    def ref(x1: object, x2: object) -> np.ndarray:
        pair = (x1, x2) if isinstance(x1, np.ndarray) else (x2, x1)
        target = rule(Call(pair), pair[0].dtype.name)
        return fn(*(x.astype(target) if isinstance(x, np.ndarray) else x for x in (x1, x2)))

    return ref


def _broadcast_shape(call: Call) -> tuple:
    return np.broadcast_shapes(*(np.shape(a) for a in call.args))


def _binary(name: str) -> Case:
    tol = EXACT if name in _EXACT_BINARY else ROUNDED if name in _ROUNDED_BINARY else TRANSCENDENTAL
    if name in _ZERO_SIGN_FREE:
        tol = Tol(zero_sign=False)
    elif name == "hypot":  # not correctly rounded everywhere (TensorFlow's is composed)
        tol = Tol(ulps=2.0)
    elif name == "pow":  # exp(x2 * log(x1)) for complex numbers: several roundings
        tol = Tol(ulps=16.0, complex_abs=8.0)
    return Case(
        name,
        "elementwise",
        accepted(name),
        _binary_draw(name),
        dtype=_binary_dtype(name),
        shape=_broadcast_shape,
        tol=tol,
        ref=_binary_ref(name),
        check=_strict_refusal(name, getattr(xp, name), 2),
        special=_special(name),
    )


# ---------------------------------------------------------------------------------------------
# clip
# ---------------------------------------------------------------------------------------------


def _clip_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(S.arrays(dtype), label="x")

    def bound(label: str) -> st.SearchStrategy:
        return st.one_of(st.none(), S.elements(dtype) if dtype != "bool" else st.booleans())

    lo = data.draw(bound("min"), label="min")
    hi = data.draw(bound("max"), label="max")
    if dtype in S.REAL_FLOAT:
        lo = None if lo is None or np.isnan(lo) else float(np.asarray(lo, dtype))
        hi = None if hi is None or np.isnan(hi) else float(np.asarray(hi, dtype))
    return Call((x,), {"min": lo, "max": hi})


def _clip_ref(x: np.ndarray, min: object = None, max: object = None) -> np.ndarray:
    if min is None and max is None:
        return x.copy()
    out = np.clip(x, min, max)
    return out.astype(x.dtype)


# ---------------------------------------------------------------------------------------------
# the array object's operators
# ---------------------------------------------------------------------------------------------

#: dunder -> (elementwise function, operator, in-place operator or None)
_OPERATORS = {
    "__add__": ("add", operator.add, operator.iadd),
    "__sub__": ("subtract", operator.sub, operator.isub),
    "__mul__": ("multiply", operator.mul, operator.imul),
    "__truediv__": ("divide", operator.truediv, operator.itruediv),
    "__floordiv__": ("floor_divide", operator.floordiv, operator.ifloordiv),
    "__mod__": ("remainder", operator.mod, operator.imod),
    "__pow__": ("pow", operator.pow, operator.ipow),
    "__and__": ("bitwise_and", operator.and_, operator.iand),
    "__or__": ("bitwise_or", operator.or_, operator.ior),
    "__xor__": ("bitwise_xor", operator.xor, operator.ixor),
    "__lshift__": ("bitwise_left_shift", operator.lshift, operator.ilshift),
    "__rshift__": ("bitwise_right_shift", operator.rshift, operator.irshift),
    "__eq__": ("equal", operator.eq, None),
    "__ne__": ("not_equal", operator.ne, None),
    "__lt__": ("less", operator.lt, None),
    "__le__": ("less_equal", operator.le, None),
    "__gt__": ("greater", operator.gt, None),
    "__ge__": ("greater_equal", operator.ge, None),
}
_UNARY_OPERATORS = {
    "__neg__": ("negative", operator.neg),
    "__pos__": ("positive", operator.pos),
    "__abs__": ("abs", operator.abs),
    "__invert__": ("bitwise_invert", operator.invert),
}


def _operator(dunder: str) -> list[Case]:
    func, op, iop = _OPERATORS[dunder]
    base = _binary(func)
    ref_fn = base.ref
    cases = [
        Case(
            f"Array.{dunder}",
            "array object",
            base.dtypes,
            base.draw,
            dtype=base.dtype,
            shape=base.shape,
            tol=base.tol,
            ref=ref_fn,
            run=op,
            special=base.special,
        )
    ]
    if iop is None:
        return cases

    def reflected_draw(data: st.DataObject, dtype: str) -> Call:
        """``scalar <op> array`` runs the array's reflected method."""
        call = base.draw(data, dtype)
        return Call(call.args[::-1]) if not isinstance(call.args[1], np.ndarray) else call

    def reflected_dtype(call: Call, dtype: str) -> str:
        return base.dtype(
            Call(call.args[::-1]) if not isinstance(call.args[0], np.ndarray) else call, dtype
        )

    reflected = f"__r{dunder[2:]}"

    def reflected_run(a: object, b: object) -> object:
        """``x1 <op> x2`` through ``x2.__r<op>__(x1)`` (two arrays would call ``x1.__<op>__``)."""
        return getattr(b, reflected)(a)

    cases.append(
        Case(
            f"Array.__r{dunder[2:]}",
            "array object",
            base.dtypes,
            reflected_draw,
            dtype=reflected_dtype,
            shape=base.shape,
            tol=base.tol,
            ref=ref_fn,
            run=op,
            special=base.special,
            special_run=reflected_run,
        )
    )

    def inplace_draw(data: st.DataObject, dtype: str) -> Call:
        """``x1 op= x2``: ``x2`` broadcasts to ``x1``'s shape and promotes with it to ``x1``'s
        dtype (the standard leaves other in-place promotions unspecified)."""
        call = base.draw(data, dtype)
        x1, x2 = call.args
        if base.dtype(call, dtype) != dtype:
            x2 = (
                x1.copy()
                if isinstance(x2, np.ndarray)
                else data.draw(S.elements(dtype, bound=8, lo=0), label="x2")
            )
        if isinstance(x2, np.ndarray):
            keep = data.draw(st.integers(0, x1.ndim), label="x2 ndim")
            shape = tuple(
                data.draw(st.sampled_from([1, s]), label="x2 side")
                for s in x1.shape[x1.ndim - keep :]
            )
            x2 = np.resize(x2, shape) if x2.size else np.zeros(shape, x2.dtype)
        return Call((x1, x2))

    def inplace_ref(a: np.ndarray, b: object) -> np.ndarray:
        return iop(a.copy(), b)

    def inplace_run(a: object, b: object) -> object:
        out = iop(a, b)
        assert out is a, (
            f"{dunder.replace('__', '__i', 1)} returned a new object instead of updating the array"
        )
        return out

    cases.append(
        Case(
            f"Array.__i{dunder[2:]}",
            "array object",
            base.dtypes,
            inplace_draw,
            dtype=lambda c, d: c.args[0].dtype.name,
            shape=lambda c: c.args[0].shape,
            tol=base.tol,
            ref=inplace_ref,
            run=inplace_run,
            special=base.special,
        )
    )
    return cases


def _unary_operator(dunder: str) -> Case:
    func, op = _UNARY_OPERATORS[dunder]
    base = _unary(func)
    return Case(
        f"Array.{dunder}",
        "array object",
        base.dtypes,
        base.draw,
        dtype=base.dtype,
        shape=base.shape,
        tol=base.tol,
        ref=getattr(np, func),
        run=op,
        special=base.special,
    )


UNARY = sorted(_promotion.UNARY)
BINARY = sorted(set(OPS) - _promotion.UNARY)

CASES: list[Case] = [_unary(n) for n in UNARY] + [_binary(n) for n in BINARY]
CASES.append(
    Case(
        "clip",
        "elementwise",
        tuple(t for t in ORDER if _dtypes.BY_NAME[t] in _promotion.CLIP.accepts),
        _clip_draw,
        ref=_clip_ref,
        shape=lambda c: c.args[0].shape,
        dtype=lambda c, d: d,
        tol=Tol(zero_sign=False),
    )
)
for _dunder in _OPERATORS:
    CASES.extend(_operator(_dunder))
CASES.extend(_unary_operator(d) for d in _UNARY_OPERATORS)
