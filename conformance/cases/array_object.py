"""The array object beyond its arithmetic, bitwise and comparison operators (those are in
``elementwise.py``): conversions to Python scalars, DLPack, indexing (reading and writing,
compared with NumPy), ``@`` and its reflected and in-place forms, ``to_device`` and the
attributes (``T``, ``mT``, ``device``, ``dtype``, ``ndim``, ``shape``, ``size``)."""

from __future__ import annotations

import math
import operator

import numpy as np
import pytest
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import arrayshim as xp

from .. import strategies as S
from ..engine import REDUCTION, Call, Case

CAT = "array object"
INPLACE = "array object, reflected and in-place"


def xdt(name: str) -> xp.DType:
    return getattr(xp, name)


def _py(value: object, dtype: str) -> object:
    if dtype == "bool":
        return bool(value)
    if dtype in S.INTEGER:
        return int(value)
    return complex(value) if dtype in S.COMPLEX else float(value)


# ---------------------------------------------------------------------------------------------
# Python scalars
# ---------------------------------------------------------------------------------------------


def _zero_d(*, finite: bool = False, shapes: tuple = ((),)):
    def draw(data: st.DataObject, dtype: str) -> Call:
        shape = data.draw(st.sampled_from(shapes), label="shape")
        kw = {"specials": False} if finite and dtype in S.REAL_FLOAT else {}
        x = data.draw(S.arrays(dtype, shape, **kw), label="x")
        if finite and dtype in S.REAL_FLOAT and data.draw(st.booleans(), label="nan"):
            x = np.full(shape, np.nan, dtype)
        return Call((x,))

    return draw


def _outcome(fn, x: object) -> tuple:
    """``fn(x)``'s value and Python type, or the kind of exception it raised."""
    try:
        v = fn(x)
    except (TypeError, ValueError, OverflowError) as exc:
        return (
            "raises",
            next(t for t in (TypeError, OverflowError, ValueError) if isinstance(exc, t)).__name__,
        )
    return (type(v).__name__, v)


def _conversion(dunder: str, fn, *, finite: bool = False, shapes: tuple = ((),)) -> Case:
    """``fn(x)`` (``bool``, ``int`` ...) on 0-d arrays, against NumPy's 0-d arrays: same value and
    Python type, or the same exception (``TypeError`` for a dtype the conversion refuses; for
    ``int``, ``ValueError`` for NaN and ``OverflowError`` for an infinity, the standard's special
    cases). Compared here, not by the engine: ``int`` of a large float is a large Python int."""

    def run(x: xp.Array) -> object:
        return _outcome(fn, x)

    def check(got: object, call: Call, dtype: str) -> None:
        want = _outcome(fn, call.args[0])
        same = (
            got == want
            or (want[0] == got[0] == "float" and math.isnan(want[1]) and math.isnan(got[1]))
            or (
                want[0] == got[0] == "complex"
                and np.array_equal(np.asarray(got[1]), np.asarray(want[1]), equal_nan=True)
            )
        )
        assert same, f"{fn.__name__}(x) of {call.args[0]!r}: arrayshim {got!r}, NumPy {want!r}"
        if want[0] == "float" and want[1] == 0:
            assert math.copysign(1, got[1]) == math.copysign(1, want[1]), (
                f"{fn.__name__}(x): sign of zero {got!r}, NumPy {want!r}"
            )
        if (
            finite and dtype in S.REAL_FLOAT
        ):  # infinities: OverflowError (the standard's special case)
            with pytest.raises(OverflowError):
                fn(xp.asarray(np.array(np.inf, dtype)))

    return Case(
        f"Array.{dunder}", CAT, S.ALL, _zero_d(finite=finite, shapes=shapes), run=run, check=check
    )


# ---------------------------------------------------------------------------------------------
# interop
# ---------------------------------------------------------------------------------------------


def _namespace_run(x: xp.Array) -> object:
    return x.__array_namespace__()


def _namespace_check(got: object, call: Call, dtype: str) -> None:
    assert got is xp, f"x.__array_namespace__() is {got!r}, expected arrayshim"
    x = xp.asarray(call.args[0])
    assert x.__array_namespace__(api_version="2025.12") is xp
    assert x.__array_namespace__(api_version=None) is xp
    with pytest.raises(ValueError):
        x.__array_namespace__(api_version="1999.01")


def _array_draw(data: st.DataObject, dtype: str) -> Call:
    return Call((data.draw(S.arrays(dtype), label="x"),))


def _dlpack_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(S.arrays(dtype), label="x")
    return Call((x,), {"copy": data.draw(st.sampled_from([None, True]), label="copy")})


def _dlpack_run(x: xp.Array, copy: bool | None = None) -> object:
    capsule = x.__dlpack__(max_version=(1, 0))
    assert type(capsule).__name__ == "PyCapsule", (
        f"__dlpack__() returned a {type(capsule).__name__}"
    )
    return np.from_dlpack(x, copy=copy)  # calls x.__dlpack__ and x.__dlpack_device__


def _dlpack_check(got: object, call: Call, dtype: str) -> None:
    x = call.args[0]
    assert isinstance(got, np.ndarray), f"np.from_dlpack gave a {type(got).__name__}"
    assert got.dtype == x.dtype, f"dtype {got.dtype} through DLPack, expected {x.dtype}"
    assert got.shape == x.shape, f"shape {got.shape} through DLPack, expected {x.shape}"
    bad = ~((got == x) | ((got != got) & (x != x)))
    assert not np.any(bad), f"values differ through DLPack: {got!r} vs {x!r}"


def _dlpack_device_run(x: xp.Array) -> object:
    return x.__dlpack_device__()


def _dlpack_device_check(got: object, call: Call, dtype: str) -> None:
    assert isinstance(got, tuple) and len(got) == 2, (
        f"__dlpack_device__() is {got!r}, expected a pair"
    )
    kind, index = got
    assert int(kind) == kind and int(index) == index, f"__dlpack_device__() is {got!r}"
    device = xp.asarray(call.args[0]).device
    if str(device).startswith("cpu"):
        assert (int(kind), int(index)) == (1, 0), (
            f"__dlpack_device__() of a CPU array is {got!r}, expected (kDLCPU=1, 0)"
        )
    else:
        assert int(kind) != 1, f"__dlpack_device__() of an array on {device} says CPU"


def _to_device_run(x: xp.Array) -> xp.Array:
    out = x.to_device(x.device)
    assert out.device == x.device, f"to_device({x.device}) put it on {out.device}"
    return out


# ---------------------------------------------------------------------------------------------
# indexing
# ---------------------------------------------------------------------------------------------

_INDEX_DTYPES = ("int64", "int32", "int16", "int8", "uint8")


def _key(data: st.DataObject, shape: tuple) -> tuple[object, bool]:
    """An index of an array of ``shape``; and whether it may name an element twice."""
    forms = ["basic", "basic", "basic"]
    if shape:
        forms.append("mask")
    if shape and all(shape):
        forms += ["int arrays", "int array"]
    form = data.draw(st.sampled_from(forms), label="key form")
    if form == "basic":
        return data.draw(
            hnp.basic_indices(shape, allow_newaxis=True, allow_ellipsis=True), label="key"
        ), False
    if form == "mask":
        k = data.draw(st.integers(1, len(shape)), label="mask ndim")
        mask = data.draw(hnp.arrays(np.bool_, shape[:k]), label="mask")
        return (
            mask
            if k == len(shape) or data.draw(st.booleans(), label="mask alone")
            else (mask, Ellipsis)
        ), False
    dtype = data.draw(st.sampled_from(_INDEX_DTYPES), label="index dtype")
    if form == "int array":  # one integer array for the first axis, the rest whole
        lo = 0 if dtype == "uint8" else -shape[0]
        idx = data.draw(
            hnp.arrays(
                np.dtype(dtype),
                data.draw(
                    hnp.array_shapes(min_dims=0, max_dims=2, max_side=3), label="index shape"
                ),
                elements=st.integers(lo, shape[0] - 1),
            ),
            label="index",
        )
        return (idx, Ellipsis) if len(shape) > 1 and data.draw(
            st.booleans(), label="with ellipsis"
        ) else idx, True
    if dtype == "uint8":
        dtype = "int64"
    key = data.draw(
        hnp.integer_array_indices(
            shape,
            result_shape=hnp.array_shapes(min_dims=0, max_dims=2, max_side=3),
            dtype=np.dtype(dtype),
        ),
        label="key",
    )
    return key, True


def _getitem_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(S.arrays(dtype), label="x")
    key, _ = _key(data, x.shape)
    return Call((x, key))


def _getitem_ref(x: np.ndarray, key: object) -> np.ndarray:
    return np.asarray(x[key])


def _setitem_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(S.arrays(dtype), label="x")
    key, repeats = _key(data, x.shape)
    target = np.asarray(x[key]).shape
    if repeats or data.draw(st.booleans(), label="scalar value"):
        value: object = _py(data.draw(S.elements(dtype), label="value"), dtype)
        if data.draw(st.booleans(), label="as a 0-d array"):
            value = np.asarray(value, dtype=dtype)
    else:
        keep = data.draw(st.integers(0, len(target)), label="value ndim")
        shape = tuple(
            data.draw(st.sampled_from([1, s]), label="value side")
            for s in target[len(target) - keep :]
        )
        value = data.draw(S.arrays(dtype, shape), label="value")
    return Call((x, key, value))


def _setitem_run(x: xp.Array, key: object, value: object) -> xp.Array:
    x[key] = value
    return x


def _setitem_ref(x: np.ndarray, key: object, value: object) -> np.ndarray:
    out = x.copy()
    out[key] = value
    return out


# ---------------------------------------------------------------------------------------------
# matmul
# ---------------------------------------------------------------------------------------------


def _operand(data: st.DataObject, dtype: str, shape: tuple, label: str) -> np.ndarray:
    """Small values: no integer overflow (unspecified), float errors within REDUCTION."""
    if dtype in S.INTEGER:
        return data.draw(S.arrays(dtype, shape, lo=-5, bound=5), label=label)
    return data.draw(S.arrays(dtype, shape, bound=4.0, specials=False), label=label)


def _matmul_draw(data: st.DataObject, dtype: str) -> Call:
    shapes = data.draw(
        hnp.mutually_broadcastable_shapes(
            signature=np.matmul.signature, max_dims=2, min_side=0, max_side=4
        ),
        label="shapes",
    ).input_shapes
    other = (
        dtype
        if data.draw(st.booleans(), label="same dtype")
        else data.draw(st.sampled_from(S.NUMERIC), label="x2 dtype")
    )
    return Call((_operand(data, dtype, shapes[0], "x1"), _operand(data, other, shapes[1], "x2")))


def _rmatmul_run(x1: xp.Array, x2: xp.Array) -> xp.Array:
    return x2.__rmatmul__(x1)


def _imatmul_draw(data: st.DataObject, dtype: str) -> Call:
    """``x1 @= x2`` keeps ``x1``'s shape: ``x2`` is square (n, n), maybe with batch dimensions
    that broadcast to ``x1``'s."""
    s1 = data.draw(
        hnp.array_shapes(min_dims=2, max_dims=4, min_side=0, max_side=4), label="x1 shape"
    )
    n = s1[-1]
    keep = data.draw(st.integers(0, len(s1) - 2), label="x2 batch dims")
    batch = tuple(
        data.draw(st.sampled_from([1, s]), label="x2 batch side")
        for s in s1[len(s1) - 2 - keep : -2]
    )
    return Call((_operand(data, dtype, s1, "x1"), _operand(data, dtype, (*batch, n, n), "x2")))


def _imatmul_run(x1: xp.Array, x2: xp.Array) -> xp.Array:
    out = x1
    out @= x2
    assert out is x1, "__imatmul__ returned a new object instead of updating the array"
    return out


# ---------------------------------------------------------------------------------------------
# attributes
# ---------------------------------------------------------------------------------------------


def _shaped(min_dims: int, max_dims: int):
    def draw(data: st.DataObject, dtype: str) -> Call:
        shape = data.draw(
            hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=0, max_side=4),
            label="shape",
        )
        return Call((data.draw(S.arrays(dtype, shape), label="x"),))

    return draw


def _device_check(got: object, call: Call, dtype: str) -> None:
    info = xp.__array_namespace_info__()
    assert got == info.default_device(), (
        f"x.device is {got!r}, expected the default device {info.default_device()!r}"
    )
    assert got in info.devices(), f"x.device {got!r} is not in devices()"
    assert xp.zeros(1, device=got).device == got, "an array made with device=x.device is elsewhere"
    assert xp.asarray(call.args[0]).T.device == got if call.args[0].ndim == 2 else True


def _dtype_check(got: object, call: Call, dtype: str) -> None:
    assert isinstance(got, xp.DType), f"x.dtype is a {type(got).__name__}, not an arrayshim dtype"
    assert got == xdt(dtype), f"x.dtype is {got!r}, expected xp.{dtype}"


def _shape_check(got: object, call: Call, dtype: str) -> None:
    assert type(got) is tuple, f"x.shape is a {type(got).__name__}, expected a tuple"


def _attribute(name: str, draw=_array_draw, check=None, *, ref: bool = True) -> Case:
    return Case(
        f"Array.{name}",
        CAT,
        S.ALL,
        draw,
        ref=(lambda x: getattr(x, name)) if ref else None,
        run=lambda x: getattr(x, name),
        check=check,
        weight=0.5,
    )


# ---------------------------------------------------------------------------------------------
# the cases
# ---------------------------------------------------------------------------------------------

CASES: list[Case] = [
    Case(
        "Array.__array_namespace__",
        CAT,
        S.ALL,
        _array_draw,
        run=_namespace_run,
        check=_namespace_check,
        weight=0.3,
    ),
    # a one-element array of any shape is truthy or not; an empty or longer one is ValueError
    _conversion("__bool__", bool, shapes=((), (), (), (1,), (1, 1), (0,), (2,))),
    _conversion("__complex__", complex),
    _conversion("__float__", float),
    _conversion("__int__", int, finite=True),
    _conversion("__index__", operator.index),
    Case(
        "Array.__dlpack__",
        CAT,
        S.ALL,
        _dlpack_draw,
        run=_dlpack_run,
        check=_dlpack_check,
        weight=0.5,
    ),
    Case(
        "Array.__dlpack_device__",
        CAT,
        S.ALL,
        _array_draw,
        run=_dlpack_device_run,
        check=_dlpack_device_check,
        weight=0.3,
    ),
    Case(
        "Array.__getitem__",
        CAT,
        S.ALL,
        _getitem_draw,
        ref=_getitem_ref,
        run=operator.getitem,
        weight=0.6,
    ),
    Case(
        "Array.__setitem__",
        CAT,
        S.ALL,
        _setitem_draw,
        ref=_setitem_ref,
        run=_setitem_run,
        weight=0.6,
    ),
    Case(
        "Array.__matmul__",
        CAT,
        S.NUMERIC,
        _matmul_draw,
        ref=np.matmul,
        run=operator.matmul,
        tol=REDUCTION,
        weight=0.6,
    ),
    Case(
        "Array.__rmatmul__",
        INPLACE,
        S.NUMERIC,
        _matmul_draw,
        ref=np.matmul,
        run=_rmatmul_run,
        tol=REDUCTION,
        weight=0.5,
    ),
    Case(
        "Array.__imatmul__",
        INPLACE,
        S.NUMERIC,
        _imatmul_draw,
        ref=np.matmul,
        run=_imatmul_run,
        tol=REDUCTION,
        dtype=lambda c, d: d,
        shape=lambda c: c.args[0].shape,
        weight=0.5,
    ),
    Case(
        "Array.to_device", CAT, S.ALL, _array_draw, ref=lambda x: x, run=_to_device_run, weight=0.5
    ),
    _attribute("T", _shaped(2, 2)),
    _attribute("device", check=_device_check, ref=False),
    _attribute("dtype", check=_dtype_check, ref=False),
    _attribute("mT", _shaped(2, 4)),
    _attribute("ndim"),
    _attribute("shape", check=_shape_check),
    _attribute("size"),
]
