"""Constants, data types, creation functions, data type functions and the inspection API.

Values are compared with NumPy 2 where the standard and NumPy agree (``eye``, ``full``,
``tril`` ...); ``arange`` is compared with the standard's own definition (``start + i * step``,
which NumPy's float ``arange`` does not follow exactly); ``empty*`` only by dtype and shape;
``linspace`` within a few ulps of the larger endpoint (the standard does not fix its rounding).
``result_type`` and ``can_cast`` are compared with ``np.result_type`` / ``np.can_cast``: the
default promotion policy ``numpy`` promises NumPy 2's answers.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import strategies as st

import arrayshim as xp

from .. import strategies as S
from ..engine import EXACT, Call, Case, compare

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

#: the kind strings of ``isdtype`` (and of ``__array_namespace_info__().dtypes(kind=)``)
KINDS = (
    "bool",
    "signed integer",
    "unsigned integer",
    "integral",
    "real floating",
    "complex floating",
    "numeric",
)
#: the default dtype of each kind of Python scalar under the ``numpy`` policy
DEFAULTS = {"bool": "bool", "int64": "int64", "float64": "float64", "complex128": "complex128"}


class Raw:
    """An argument the engine hands over as it is (NumPy arrays in a Call become arrayshim
    arrays; one inside a Raw stays a NumPy array)."""

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"Raw({self.value!r})"


def xdt(name: str) -> xp.DType:
    return getattr(xp, name)


def py(value: object, dtype: str) -> object:
    """A Python scalar of the kind of ``dtype`` (bool, int, float or complex)."""
    if dtype == "bool":
        return bool(value)
    if dtype in S.INTEGER:
        return int(value)
    if dtype in S.COMPLEX:
        return complex(value)
    return float(value)


def scalar(dtype: str, **kw: object) -> st.SearchStrategy:
    """A Python scalar representable in ``dtype``."""
    return S.elements(dtype, **kw).map(lambda v: py(v, dtype))


def _same(got: object, ref: np.ndarray, where: str) -> None:
    """``got`` (an arrayshim Array) has ``ref``'s dtype, shape and values (NaN equal to NaN,
    signed zeros distinguished)."""
    compare(got, ref, None, None, EXACT, 0.0, where)


def _other_value(v: object, dtype: str) -> object:
    """A Python scalar of ``dtype``'s kind that differs from ``v`` (to detect shared memory)."""
    if dtype == "bool":
        return not bool(v)
    return py(1 if v == 0 else 0, dtype)


def _raises(exc: type[BaseException] | tuple, fn, *args: object, **kwargs: object) -> None:
    with pytest.raises(exc):
        fn(*args, **kwargs)


# ---------------------------------------------------------------------------------------------
# constants
# ---------------------------------------------------------------------------------------------

_CONSTANTS = {"e": math.e, "inf": math.inf, "nan": math.nan, "pi": math.pi}


def _constant(name: str) -> Case:
    value = _CONSTANTS[name]

    def draw(data: st.DataObject, dtype: str) -> Call:
        return Call()

    def check(got: object, call: Call, dtype: str) -> None:
        assert type(got) is float, f"xp.{name} is a {type(got).__name__}, expected a Python float"
        assert (got == value) or (math.isnan(got) and math.isnan(value)), (
            f"xp.{name} == {got!r}, expected {value!r}"
        )
        # usable as an array value of every floating dtype
        _same(
            xp.asarray(got, dtype=xdt(dtype)),
            np.asarray(value, dtype=dtype),
            f"asarray(xp.{name}, dtype={dtype})",
        )
        _same(
            xp.full((2,), got, dtype=xdt(dtype)),
            np.full((2,), value, dtype=dtype),
            f"full((2,), xp.{name}, dtype={dtype})",
        )

    return Case(
        name,
        "constants",
        S.FLOAT,
        draw,
        ref=lambda: value,
        run=lambda: getattr(xp, name),
        check=check,
    )


def _newaxis_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(S.arrays(dtype), label="x")
    axis = data.draw(st.integers(0, x.ndim), label="where")
    return Call((x, axis))


def _newaxis_run(x: xp.Array, axis: int) -> xp.Array:
    assert xp.newaxis is None, f"xp.newaxis is {xp.newaxis!r}, expected None"
    return x[(slice(None),) * axis + (xp.newaxis, ...)]


def _newaxis_ref(x: np.ndarray, axis: int) -> np.ndarray:
    return x[(slice(None),) * axis + (np.newaxis, ...)]


# ---------------------------------------------------------------------------------------------
# data types
# ---------------------------------------------------------------------------------------------


def _dtype_case(name: str) -> Case:
    def draw(data: st.DataObject, dtype: str) -> Call:
        x = data.draw(S.arrays(dtype), label="x")
        return Call((x.tolist(),))

    def run(values: object) -> xp.Array:
        return xp.asarray(values, dtype=xdt(name))

    def ref(values: object) -> np.ndarray:
        return np.asarray(values, dtype=name)

    def check(got: xp.Array, call: Call, dtype: str) -> None:
        dt = xdt(name)
        assert isinstance(dt, xp.DType), (
            f"xp.{name} is a {type(dt).__name__}, not an arrayshim dtype"
        )
        assert dt == dt and not (dt != dt), f"xp.{name} != itself"
        for other in S.ALL:
            if other != name:
                assert not (dt == xdt(other)) and dt != xdt(other), f"xp.{name} == xp.{other}"
        assert got.dtype == dt, f"asarray(..., dtype=xp.{name}).dtype is {got.dtype}"
        for kind in KINDS:
            want = bool(np.isdtype(np.dtype(name), kind))
            assert xp.isdtype(dt, kind) is want, f"isdtype(xp.{name}, {kind!r}) is {not want}"
        # astype to and from every dtype keeps the dtype object; values round-trip through
        # a wider type of the same kind
        for other in S.ALL:
            if name in S.COMPLEX and other not in S.COMPLEX:  # complex to real: unspecified
                continue
            y = xp.astype(got, xdt(other))
            assert y.dtype == xdt(other), f"astype(x, xp.{other}).dtype is {y.dtype}"
        wide = {"bool": "bool", "f": "float64", "c": "complex128"}.get(
            name if name == "bool" else np.dtype(name).kind
        )
        if wide is None:
            wide = "int64" if name in S.SIGNED else "uint64"
        back = xp.astype(xp.astype(got, xdt(wide)), dt)
        _same(back, np.asarray(call.args[0], dtype=name), f"astype(astype(x, {wide}), {name})")

    return Case(name, "data types", (name,), draw, ref=ref, run=run, check=check)


# ---------------------------------------------------------------------------------------------
# creation
# ---------------------------------------------------------------------------------------------


def _maybe_default(data: st.DataObject, dtype: str, kwargs: dict) -> dict:
    """``dtype=`` given, or (for a default numeric dtype) sometimes left out."""
    if dtype in DEFAULTS and dtype != "bool" and data.draw(st.booleans(), label="leave dtype out"):
        return kwargs
    return {**kwargs, "dtype": dtype}


def _with_dtype(fn):
    """Calls ``fn`` with ``dtype=`` as an arrayshim dtype object (the Call holds its name)."""

    def run(*args: object, **kwargs: object) -> object:
        if "dtype" in kwargs and isinstance(kwargs["dtype"], str):
            kwargs = {**kwargs, "dtype": xdt(kwargs["dtype"])}
        return fn(*args, **kwargs)

    return run


def _shape_arg(data: st.DataObject) -> object:
    shape = data.draw(S.SHAPES, label="shape")
    if len(shape) == 1 and data.draw(st.booleans(), label="shape as an int"):
        return shape[0]
    return shape


# arange --------------------------------------------------------------------------------------


def _arange_draw(data: st.DataObject, dtype: str) -> Call:
    n = data.draw(st.integers(0, 8), label="num")
    if dtype in S.INTEGER:
        info = np.iinfo(dtype)
        step = data.draw(st.integers(-5, 5).filter(bool), label="step")
        span = (n - 1) * step if n else 0
        lo, hi = int(info.min) - min(span, 0), int(info.max) - max(span, 0)
        start = data.draw(
            st.one_of(st.integers(lo, hi), st.sampled_from([lo, hi, max(lo, min(hi, 0))])),
            label="start",
        )
        # stop: beyond the last value, by less than one step; inside the dtype's range
        extra = data.draw(st.integers(1, abs(step)), label="past the end")
        stop = start + span + (extra if step > 0 else -extra) if n else start
        if not info.min <= stop <= info.max:
            stop = start + span + (1 if step > 0 else -1)
            if not info.min <= stop <= info.max:  # the last value is the dtype's extreme
                n = max(n - 1, 0)
                stop = start + (n - 1) * step + (1 if step > 0 else -1) if n else start
    else:  # dyadic values: start + i * step is exact in every float dtype
        start = data.draw(st.integers(-64, 64), label="start") / 4
        step = data.draw(
            st.sampled_from([0.25, 0.5, 1.0, 2.0, -0.25, -1.0, -3.0, 1.5]), label="step"
        )
        # stop one step past the last value, or half a step: ceil((stop - start) / step) == n
        stop = (
            start
            + n * step
            - (step * 0.5 if n and data.draw(st.booleans(), label="half step") else 0.0)
        )
    if data.draw(st.booleans(), label="python ints for a float dtype") and dtype in S.REAL_FLOAT:
        start, stop, step = int(start), int(start) + n, 1
    kwargs = _maybe_default(data, dtype, {})
    if start == 0 and data.draw(st.booleans(), label="arange(stop)"):
        return Call((stop,), kwargs)
    return Call((start, stop, step), kwargs)


def _arange_ref(
    start: object, stop: object = None, step: object = 1, *, dtype: str | None = None
) -> np.ndarray:
    """The standard's definition: ``start + i * step``.

    For ``i`` in ``0 .. ceil((stop - start) / step) - 1``.
    """
    if stop is None:
        start, stop = 0, start
    ints = all(isinstance(v, int) for v in (start, stop, step))
    n = max(0, -((start - stop) // step)) if ints else max(0, math.ceil((stop - start) / step))
    values = [start + i * step for i in range(n)]
    if dtype is None:
        dtype = "int64" if ints else "float64"
    return np.array(values, dtype=object).astype(dtype) if values else np.zeros(0, dtype)


# asarray -------------------------------------------------------------------------------------


def _asarray_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(S.arrays(dtype), label="x")
    form = data.draw(
        st.sampled_from(["list", "list+dtype", "scalar", "numpy", "numpy+dtype", "array+copy"]),
        label="form",
    )
    if form == "list":  # Python data: the default dtype of its kind
        if dtype not in DEFAULTS:
            form = "list+dtype"
        else:
            return Call((x.tolist(),))
    if form == "list+dtype":
        return Call((x.tolist(),), {"dtype": dtype})
    if form == "scalar":
        v = py(x.reshape(-1)[0] if x.size else np.zeros((), dtype), dtype)
        return Call((v,), {} if dtype in DEFAULTS else {"dtype": dtype})
    if form == "numpy":
        return Call((Raw(x),))
    if form == "numpy+dtype":
        target = data.draw(
            st.sampled_from([dtype, *[t for t in S.ALL if np.can_cast(dtype, t)]]), label="target"
        )
        return Call((Raw(x),), {"dtype": target})
    copy = data.draw(st.sampled_from([True, False, None]), label="copy")
    return Call((x,), {"copy": copy})


def _unraw(obj: object) -> object:
    return obj.value if isinstance(obj, Raw) else obj


def _asarray_run(obj: object, **kwargs: object) -> xp.Array:
    return _with_dtype(xp.asarray)(_unraw(obj), **kwargs)


def _asarray_ref(obj: object, dtype: str | None = None, copy: object = None) -> np.ndarray:
    return np.array(_unraw(obj), dtype=dtype)


def _asarray_check(got: xp.Array, call: Call, dtype: str) -> None:
    obj = _unraw(call.args[0])
    if isinstance(obj, np.ndarray):
        a = xp.asarray(np.array(obj))
        copy = call.kwargs.get("copy", "none")
        # copy=True: a new array; writing into it leaves the source alone
        c = xp.asarray(a, copy=True)
        if a.size:
            flat = (0,) * a.ndim
            c[flat] = _other_value(obj[flat], dtype)
            _same(a, obj, "the source after writing into asarray(x, copy=True)")
        # copy=False: no copy; one needed (another dtype) raises ValueError
        s = xp.asarray(a, copy=False)
        assert s.dtype == a.dtype and s.shape == a.shape
        _same(s, obj, "asarray(x, copy=False)")
        other = "float64" if dtype != "float64" else "float32"
        _raises(ValueError, xp.asarray, a, dtype=xdt(other), copy=False)
        if (
            copy is False and xp.get_backend() == "numpy" and obj.size
        ):  # (empty arrays share no memory)
            src = np.array(obj)
            shared = xp.asarray(src, copy=False)
            assert np.shares_memory(xp.to_native(shared), src), (
                "asarray(ndarray, copy=False) copied on the numpy backend"
            )


# empty, zeros, ones, full and the _like forms -------------------------------------------------


def _filled_draw(fill: bool):
    def draw(data: st.DataObject, dtype: str) -> Call:
        shape = _shape_arg(data)
        args = (shape, data.draw(scalar(dtype), label="fill_value")) if fill else (shape,)
        # dtype left out: the fill value's default dtype (full), float64 (the others)
        if (dtype in DEFAULTS if fill else dtype == "float64") and data.draw(
            st.booleans(), label="leave dtype out"
        ):
            return Call(args)
        return Call(args, {"dtype": dtype})

    return draw


def _empty_check(got: xp.Array, call: Call, dtype: str) -> None:
    shape = call.args[0] if isinstance(call.args[0], tuple) else (call.args[0],)
    want = call.kwargs.get("dtype", "float64")
    assert isinstance(got, xp.Array), f"got a {type(got).__name__}"
    assert got.dtype == xdt(want), f"dtype {got.dtype}, expected {want}"
    assert got.shape == shape, f"shape {got.shape}, expected {shape}"
    assert got.device == xp.__array_namespace_info__().default_device(), f"device {got.device}"


def _like_draw(fill: bool):
    def draw(data: st.DataObject, dtype: str) -> Call:
        src = data.draw(st.sampled_from(S.ALL), label="x dtype")
        x = data.draw(S.arrays(src), label="x")
        kwargs = {}
        if data.draw(st.booleans(), label="dtype given"):
            kwargs["dtype"] = dtype
        elif fill:  # the fill value must fit x's dtype
            dtype = src
        args = (x, data.draw(scalar(dtype), label="fill_value")) if fill else (x,)
        return Call(args, kwargs)

    return draw


def _empty_like_check(got: xp.Array, call: Call, dtype: str) -> None:
    x = call.args[0]
    want = call.kwargs.get("dtype", x.dtype.name)
    assert isinstance(got, xp.Array), f"got a {type(got).__name__}"
    assert got.dtype == xdt(want), f"dtype {got.dtype}, expected {want}"
    assert got.shape == x.shape, f"shape {got.shape}, expected {x.shape}"


# eye, tril, triu ------------------------------------------------------------------------------


def _eye_draw(data: st.DataObject, dtype: str) -> Call:
    n = data.draw(st.integers(0, 5), label="n_rows")
    m = data.draw(st.one_of(st.none(), st.integers(0, 5)), label="n_cols")
    kwargs = _maybe_default(data, dtype, {})
    k = data.draw(st.integers(-6, 6), label="k")
    if k or data.draw(st.booleans(), label="k given"):
        kwargs["k"] = k
    return Call((n,) if m is None else (n, m), kwargs)


def _eye_ref(n: int, m: int | None = None, /, *, k: int = 0, dtype: str = "float64") -> np.ndarray:
    return np.eye(n, m, k=k, dtype=dtype)


def _tri_draw(data: st.DataObject, dtype: str) -> Call:
    from hypothesis.extra import numpy as hnp

    x = data.draw(
        S.arrays(dtype, hnp.array_shapes(min_dims=2, max_dims=4, min_side=0, max_side=4)), label="x"
    )
    k = data.draw(st.integers(-5, 5), label="k")
    return Call((x,), {"k": k} if k or data.draw(st.booleans(), label="k given") else {})


# linspace ------------------------------------------------------------------------------------


def _linspace_draw(data: st.DataObject, dtype: str) -> Call:
    # endpoints representable in the dtype, with no subnormals (TensorFlow flushes them)
    part = S.reals(
        {"complex64": "float32", "complex128": "float64"}.get(dtype, dtype),
        bound=1e3,
        specials=False,
    )
    if dtype in S.COMPLEX:
        start = complex(data.draw(part, label="start.real"), data.draw(part, label="start.imag"))
        stop = complex(data.draw(part, label="stop.real"), data.draw(part, label="stop.imag"))
    else:
        start, stop = data.draw(part, label="start"), data.draw(part, label="stop")
        if data.draw(st.booleans(), label="int endpoints"):
            start, stop = int(start), int(stop)
    num = data.draw(st.integers(0, 8), label="num")
    kwargs = _maybe_default(data, dtype, {})
    if (
        dtype == "complex128"
        and "dtype" not in kwargs
        and data.draw(st.booleans(), label="real start")
    ):
        start = start.real  # one complex endpoint makes the default dtype complex
    endpoint = data.draw(st.sampled_from([None, True, False]), label="endpoint")
    if endpoint is not None:
        kwargs["endpoint"] = endpoint
    return Call((start, stop, num), kwargs)


def _linspace_check(got: xp.Array, call: Call, dtype: str) -> None:
    start, stop, num = call.args
    endpoint = call.kwargs.get("endpoint", True)
    want_dtype = call.kwargs.get(
        "dtype", "complex128" if complex in (type(start), type(stop)) else "float64"
    )
    assert isinstance(got, xp.Array), f"got a {type(got).__name__}"
    assert got.dtype == xdt(want_dtype), f"dtype {got.dtype}, expected {want_dtype}"
    assert got.shape == (num,), f"shape {got.shape}, expected ({num},)"
    ref = np.linspace(
        start,
        stop,
        num,
        endpoint=endpoint,
        dtype=np.complex128 if want_dtype in S.COMPLEX else np.float64,
    )
    g = np.asarray(got).astype(ref.dtype)
    eps = float(np.finfo(np.dtype(want_dtype)).eps)
    allowed = 4 * eps * max(abs(start), abs(stop), 1e-300) + float(
        np.finfo(np.dtype(want_dtype)).smallest_normal
    )
    err = np.abs(g - ref)
    assert np.all(err <= allowed), (
        f"values {g} differ from {ref} by up to {err.max()} (allowed {allowed})"
    )
    if num and endpoint and num > 1:
        assert g[-1] == np.asarray(stop, dtype=want_dtype), (
            f"last value {g[-1]!r}, expected stop={stop!r}"
        )
    if num:
        assert g[0] == np.asarray(start, dtype=want_dtype), (
            f"first value {g[0]!r}, expected start={start!r}"
        )


# meshgrid ------------------------------------------------------------------------------------


def _meshgrid_draw(data: st.DataObject, dtype: str) -> Call:
    from hypothesis.extra import numpy as hnp

    k = data.draw(st.integers(0, 3), label="number of arrays")
    arrays = [
        data.draw(
            S.arrays(dtype, hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=4)),
            label=f"x{i}",
        )
        for i in range(k)
    ]
    indexing = data.draw(st.sampled_from([None, "xy", "ij"]), label="indexing")
    return Call(tuple(arrays), {} if indexing is None else {"indexing": indexing})


def _meshgrid_ref(*arrays: np.ndarray, indexing: str = "xy") -> tuple:
    return tuple(np.meshgrid(*arrays, indexing=indexing))


# from_dlpack ---------------------------------------------------------------------------------


def _from_dlpack_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(S.arrays(dtype), label="x")
    source = data.draw(st.sampled_from(["ndarray", "numpy", "torch", "tensorflow"]), label="source")
    return Call((Raw((source, x)),))


def _from_dlpack_run(raw: Raw) -> xp.Array:
    source, x = raw.value
    if source == "ndarray":
        obj = np.array(x)
    else:
        if source not in xp.installed_backends():
            source = "numpy"
        with xp.use_backend(source):
            obj = xp.asarray(np.array(x))
    out = xp.from_dlpack(obj)
    native = type(xp.to_native(xp.zeros(1)))
    assert isinstance(xp.to_native(out), native), (
        f"from_dlpack made a {type(xp.to_native(out)).__name__}, not a {native.__name__}"
    )
    return out


def _from_dlpack_ref(raw: Raw) -> np.ndarray:
    return np.array(raw.value[1])


# ---------------------------------------------------------------------------------------------
# data type functions
# ---------------------------------------------------------------------------------------------


def _astype_draw(data: st.DataObject, dtype: str) -> Call:
    target = data.draw(
        st.sampled_from([t for t in S.ALL if not (dtype in S.COMPLEX and t not in S.COMPLEX)]),
        label="to",
    )
    if (
        dtype in S.REAL_FLOAT and target in S.INTEGER
    ):  # NaN, inf and out-of-range values: undefined in C and in the standard
        info = np.iinfo(target)
        top = min(float(info.max), float(np.finfo(dtype).max))
        x = data.draw(
            S.arrays(
                dtype,
                bound=top * 0.5,
                lo=float(info.min) * 0.5 if info.min else 0.0,
                specials=False,
            ),
            label="x",
        )
    else:
        x = data.draw(S.arrays(dtype), label="x")
    kwargs: dict = {}
    copy = data.draw(st.sampled_from([None, True, False]), label="copy")
    if copy is not None:
        kwargs["copy"] = copy
    return Call((x, target), kwargs)


def _astype_run(x: xp.Array, to: str, copy: bool = True) -> xp.Array:
    out = xp.astype(x, xdt(to), copy=copy)
    if to == x.dtype.name and not copy:
        assert out is x, "astype(x, x.dtype, copy=False) must return x itself"
    if copy and out.size:
        assert out is not x, "astype(x, ..., copy=True) returned x itself"
    return out


def _astype_ref(x: np.ndarray, to: str, copy: bool = True) -> np.ndarray:
    return x.astype(to)


def _astype_check(got: xp.Array, call: Call, dtype: str) -> None:
    x, to = call.args
    if call.kwargs.get("copy", True) and x.size:  # a copy: writing into it leaves the source alone
        a = xp.asarray(np.array(x))
        b = xp.astype(a, xdt(to), copy=True)
        flat = (0,) * a.ndim
        b[flat] = _other_value(np.asarray(b)[flat], to)
        _same(a, x, "the source after writing into astype(x, copy=True)")


def _can_cast_draw(data: st.DataObject, dtype: str) -> Call:
    to = data.draw(st.sampled_from(S.ALL), label="to")
    if data.draw(st.booleans(), label="from an array"):
        return Call((data.draw(S.arrays(dtype), label="x"), to))
    return Call((dtype, to))


def _can_cast_run(from_: object, to: str) -> bool:
    return xp.can_cast(xdt(from_) if isinstance(from_, str) else from_, xdt(to))


def _can_cast_ref(from_: object, to: str) -> bool:
    return bool(
        np.can_cast(np.dtype(from_) if isinstance(from_, str) else from_.dtype, np.dtype(to))
    )


_FINFO_FIELDS = ("bits", "eps", "max", "min", "smallest_normal")


def _info_draw(data: st.DataObject, dtype: str) -> Call:
    if data.draw(st.booleans(), label="of an array"):
        return Call((data.draw(S.arrays(dtype), label="x"),))
    return Call((dtype,))


def _info_check(func: str):
    np_func = getattr(np, func)
    fields = _FINFO_FIELDS if func == "finfo" else ("bits", "max", "min")
    ftype = float if func == "finfo" else int

    def check(got: object, call: Call, dtype: str) -> None:
        want = np_func(np.dtype(dtype))
        for f in fields:
            g, w = getattr(got, f), getattr(want, f)
            t = int if f == "bits" else ftype
            assert type(g) is t, (
                f"{func}({dtype}).{f} is a {type(g).__name__}, expected a Python {t.__name__}"
            )
            assert g == t(w), f"{func}({dtype}).{f} == {g!r}, expected {t(w)!r}"
        real = {"complex64": "float32", "complex128": "float64"}.get(dtype, dtype)
        assert got.dtype == xdt(real), f"{func}({dtype}).dtype is {got.dtype!r}, expected xp.{real}"
        if func == "iinfo":
            _raises(TypeError, xp.iinfo, xp.float32)
        else:
            _raises(TypeError, xp.finfo, xp.int32)

    return check


def _info_run(func: str):
    def run(x: object) -> object:
        return getattr(xp, func)(xdt(x) if isinstance(x, str) else x)

    return run


def _kind(data: st.DataObject) -> object:
    one = st.one_of(st.sampled_from(KINDS), st.sampled_from(S.ALL).map(lambda n: ("dtype", n)))
    return data.draw(st.one_of(one, st.lists(one, min_size=0, max_size=3).map(tuple)), label="kind")


def _isdtype_draw(data: st.DataObject, dtype: str) -> Call:
    return Call((dtype, _kind(data)))


def _kind_for(kind: object, to_dtype) -> object:
    if (
        isinstance(kind, tuple)
        and kind
        and kind[0] == "dtype"
        and len(kind) == 2
        and isinstance(kind[1], str)
        and kind[1] in S.ALL
    ):
        return to_dtype(kind[1])
    if isinstance(kind, tuple):
        return tuple(_kind_for(k, to_dtype) for k in kind)
    return kind


def _isdtype_run(dtype: str, kind: object) -> bool:
    return xp.isdtype(xdt(dtype), _kind_for(kind, xdt))


def _isdtype_ref(dtype: str, kind: object) -> bool:
    return bool(np.isdtype(np.dtype(dtype), _kind_for(kind, np.dtype)))


def _isdtype_check(got: object, call: Call, dtype: str) -> None:
    _raises((TypeError, ValueError), xp.isdtype, xdt(dtype), "no such kind")


_SCALARS = {
    "b": st.booleans(),
    "i": st.integers(0, 100),
    "f": st.floats(-10, 10),
    "c": st.builds(complex, st.floats(-4, 4), st.floats(-4, 4)),
}


def _result_type_draw(data: st.DataObject, dtype: str) -> Call:
    items: list = [
        dtype
        if data.draw(st.booleans(), label="first as a dtype")
        else data.draw(S.arrays(dtype), label="x")
    ]
    for i in range(data.draw(st.integers(0, 2), label="more")):
        form = data.draw(st.sampled_from(["dtype", "array", "scalar"]), label=f"item {i}")
        if form == "scalar":
            items.append(
                data.draw(
                    st.sampled_from("bifc").flatmap(lambda k: _SCALARS[k]), label=f"scalar {i}"
                )
            )
        else:
            other = data.draw(st.sampled_from(S.ALL), label=f"dtype {i}")
            items.append(
                other if form == "dtype" else data.draw(S.arrays(other, (2,)), label=f"array {i}")
            )
    order = data.draw(st.permutations(items), label="order")
    return Call(tuple(order))


def _result_type_run(*items: object) -> xp.DType:
    return xp.result_type(*(xdt(i) if isinstance(i, str) else i for i in items))


def _result_type_check(got: object, call: Call, dtype: str) -> None:
    items = [np.dtype(i) if isinstance(i, str) else i for i in call.args]
    want = np.result_type(*items).name
    assert isinstance(got, xp.DType), (
        f"result_type returned a {type(got).__name__}, not an arrayshim dtype"
    )
    assert got == xdt(want), f"result_type{tuple(call.args)!r} is {got}, NumPy says {want}"


# ---------------------------------------------------------------------------------------------
# inspection
# ---------------------------------------------------------------------------------------------


def _info() -> object:
    return xp.__array_namespace_info__()


def _nothing(data: st.DataObject, dtype: str) -> Call:
    return Call()


def _capabilities_check(got: object, call: Call, dtype: str) -> None:
    assert isinstance(got, dict), f"capabilities() is a {type(got).__name__}"
    for key in ("boolean indexing", "data-dependent shapes", "max dimensions"):
        assert key in got, f"capabilities() has no {key!r}"
    assert type(got["boolean indexing"]) is bool and type(got["data-dependent shapes"]) is bool
    md = got["max dimensions"]
    assert md is None or (type(md) is int and md >= 1), f"max dimensions is {md!r}"
    if got["boolean indexing"]:  # then boolean masks index (a data-dependent shape)
        x = xp.asarray(np.arange(6, dtype=dtype).reshape(2, 3))
        assert x[x > 2].shape == (3,)
    if md is not None:
        assert md >= 8, "the standard asks for at least 8 dimensions"
        z = xp.zeros((1,) * min(md, 32), dtype=xdt(dtype))
        assert z.ndim == min(md, 32)


def _default_device_check(got: object, call: Call, dtype: str) -> None:
    assert got in _info().devices(), f"default_device() {got!r} is not in devices()"
    assert xp.zeros(2, dtype=xdt(dtype)).device == got, "a new array is not on default_device()"
    assert xp.asarray([1, 2]).device == got


def _devices_check(got: object, call: Call, dtype: str) -> None:
    assert type(got) is tuple, f"devices() is a {type(got).__name__}, expected a tuple (2025.12)"
    assert got, "devices() is empty"
    assert _info().default_device() in got, "devices() lacks default_device()"
    for d in got:  # every listed device takes arrays
        assert xp.asarray(np.zeros(2, dtype), device=d).device == d


_POLICY_DEFAULTS = {
    "numpy": ("float64", "complex128", "int64"),
    "float32": ("float32", "complex64", "int64"),
}


def _default_dtypes_draw(data: st.DataObject, dtype: str) -> Call:
    policy = data.draw(st.sampled_from(sorted(_POLICY_DEFAULTS)), label="policy")
    by_device = data.draw(st.booleans(), label="device given")
    return Call((policy, by_device))


def _default_dtypes_run(policy: str, by_device: bool) -> dict:
    with xp.use_promotion(policy):
        info = _info()
        return (
            info.default_dtypes(device=info.default_device())
            if by_device
            else info.default_dtypes()
        )


def _default_dtypes_check(got: object, call: Call, dtype: str) -> None:
    policy = call.args[0]
    assert isinstance(got, dict), f"default_dtypes() is a {type(got).__name__}"
    assert set(got) == {"real floating", "complex floating", "integral", "indexing"}, (
        f"keys {sorted(got)}"
    )
    f, c, i = _POLICY_DEFAULTS[policy]
    assert got["real floating"] == xdt(f) and got["complex floating"] == xdt(c), (
        f"under {policy!r}: {got}"
    )
    assert got["integral"] == xdt(i) and xp.isdtype(got["indexing"], "integral"), (
        f"under {policy!r}: {got}"
    )
    with xp.use_promotion(policy):  # the defaults are the dtypes of Python data
        assert xp.asarray(1.5).dtype == got["real floating"]
        assert xp.asarray(1j).dtype == got["complex floating"]
        assert xp.asarray(1).dtype == got["integral"]
        assert xp.ones(2).dtype == got["real floating"]


def _dtypes_draw(data: st.DataObject, dtype: str) -> Call:
    kind = data.draw(
        st.one_of(
            st.none(),
            st.sampled_from(KINDS),
            st.lists(st.sampled_from(KINDS), min_size=1, max_size=3).map(tuple),
        ),
        label="kind",
    )
    kwargs = {} if kind is None else {"kind": kind}
    if data.draw(st.booleans(), label="device given"):
        kwargs["device"] = "default"
    return Call((), kwargs)


def _dtypes_run(**kwargs: object) -> dict:
    info = _info()
    if kwargs.get("device") == "default":
        kwargs = {**kwargs, "device": info.default_device()}
    return info.dtypes(**kwargs)


def _dtypes_check(got: object, call: Call, dtype: str) -> None:
    kind = call.kwargs.get("kind")
    assert isinstance(got, dict), f"dtypes() is a {type(got).__name__}"
    for name, dt in got.items():
        assert dt == xdt(name), f"dtypes()[{name!r}] is {dt!r}"
    # the standard's dtypes only: one it does not define (float16) must not be listed
    standard = [n for n in S.ALL if n != "float16"]
    want = {n for n in standard if kind is None or np.isdtype(np.dtype(n), kind)}
    have = set(got) & set(standard)
    assert have == want, f"dtypes(kind={kind!r}): {sorted(have)}, expected {sorted(want)}"
    assert set(got) == want, (
        f"dtypes(kind={kind!r}) has {sorted(set(got) - want)} beyond the kind and the standard"
    )


# ---------------------------------------------------------------------------------------------
# the cases
# ---------------------------------------------------------------------------------------------

CASES: list[Case] = [_constant(n) for n in ("e", "inf", "nan", "pi")]
CASES.append(
    Case(
        "newaxis", "constants", S.ALL, _newaxis_draw, ref=_newaxis_ref, run=_newaxis_run, weight=0.5
    )
)
CASES += [
    _dtype_case(n)
    for n in (
        "bool",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "float32",
        "float64",
        "complex64",
        "complex128",
    )
]

CASES += [
    Case(
        "arange",
        "creation",
        S.REAL_NUMERIC,
        _arange_draw,
        ref=_arange_ref,
        run=_with_dtype(xp.arange),
    ),
    Case(
        "asarray",
        "creation",
        S.ALL,
        _asarray_draw,
        ref=_asarray_ref,
        run=_asarray_run,
        check=_asarray_check,
        weight=0.6,
    ),
    Case(
        "empty",
        "creation",
        S.ALL,
        _filled_draw(False),
        run=_with_dtype(xp.empty),
        check=_empty_check,
    ),
    Case(
        "empty_like",
        "creation",
        S.ALL,
        _like_draw(False),
        run=_with_dtype(xp.empty_like),
        check=_empty_like_check,
        weight=0.5,
    ),
    Case("eye", "creation", S.ALL, _eye_draw, ref=_eye_ref, run=_with_dtype(xp.eye)),
    Case(
        "from_dlpack",
        "creation",
        S.ALL,
        _from_dlpack_draw,
        ref=_from_dlpack_ref,
        run=lambda raw: _from_dlpack_run(raw),
    ),
    Case(
        "full",
        "creation",
        S.ALL,
        _filled_draw(True),
        ref=lambda shape, v, dtype=None: np.full(shape, v, dtype=dtype),
        run=_with_dtype(xp.full),
    ),
    Case(
        "full_like",
        "creation",
        S.ALL,
        _like_draw(True),
        ref=lambda x, v, dtype=None: np.full_like(x, v, dtype=dtype),
        run=_with_dtype(xp.full_like),
        weight=0.5,
    ),
    Case(
        "linspace",
        "creation",
        S.FLOAT,
        _linspace_draw,
        run=_with_dtype(xp.linspace),
        check=_linspace_check,
    ),
    Case("meshgrid", "creation", S.ALL, _meshgrid_draw, ref=_meshgrid_ref, weight=0.5),
    Case(
        "ones",
        "creation",
        S.ALL,
        _filled_draw(False),
        ref=lambda shape, dtype="float64": np.ones(shape, dtype=dtype),
        run=_with_dtype(xp.ones),
    ),
    Case(
        "ones_like",
        "creation",
        S.ALL,
        _like_draw(False),
        ref=lambda x, dtype=None: np.ones_like(x, dtype=dtype),
        run=_with_dtype(xp.ones_like),
        weight=0.5,
    ),
    Case("tril", "creation", S.ALL, _tri_draw, ref=np.tril),
    Case("triu", "creation", S.ALL, _tri_draw, ref=np.triu),
    Case(
        "zeros",
        "creation",
        S.ALL,
        _filled_draw(False),
        ref=lambda shape, dtype="float64": np.zeros(shape, dtype=dtype),
        run=_with_dtype(xp.zeros),
    ),
    Case(
        "zeros_like",
        "creation",
        S.ALL,
        _like_draw(False),
        ref=lambda x, dtype=None: np.zeros_like(x, dtype=dtype),
        run=_with_dtype(xp.zeros_like),
        weight=0.5,
    ),
]

CASES += [
    Case(
        "astype",
        "data type functions",
        S.ALL,
        _astype_draw,
        ref=_astype_ref,
        run=_astype_run,
        check=_astype_check,
    ),
    Case(
        "can_cast",
        "data type functions",
        S.ALL,
        _can_cast_draw,
        ref=_can_cast_ref,
        run=_can_cast_run,
    ),
    Case(
        "finfo",
        "data type functions",
        S.FLOAT,
        _info_draw,
        run=_info_run("finfo"),
        check=_info_check("finfo"),
        weight=0.5,
    ),
    Case(
        "iinfo",
        "data type functions",
        S.INTEGER,
        _info_draw,
        run=_info_run("iinfo"),
        check=_info_check("iinfo"),
        weight=0.5,
    ),
    Case(
        "isdtype",
        "data type functions",
        S.ALL,
        _isdtype_draw,
        ref=_isdtype_ref,
        run=_isdtype_run,
        check=_isdtype_check,
    ),
    Case(
        "result_type",
        "data type functions",
        S.ALL,
        _result_type_draw,
        run=_result_type_run,
        check=_result_type_check,
    ),
]

CASES += [
    Case(
        "__array_namespace_info__.capabilities",
        "inspection",
        ("int64",),
        _nothing,
        run=lambda: _info().capabilities(),
        check=_capabilities_check,
        weight=0.2,
    ),
    Case(
        "__array_namespace_info__.default_device",
        "inspection",
        ("float32",),
        _nothing,
        run=lambda: _info().default_device(),
        check=_default_device_check,
        weight=0.2,
    ),
    Case(
        "__array_namespace_info__.default_dtypes",
        "inspection",
        ("float64",),
        _default_dtypes_draw,
        run=_default_dtypes_run,
        check=_default_dtypes_check,
    ),
    Case(
        "__array_namespace_info__.devices",
        "inspection",
        ("float32",),
        _nothing,
        run=lambda: _info().devices(),
        check=_devices_check,
        weight=0.2,
    ),
    Case(
        "__array_namespace_info__.dtypes",
        "inspection",
        ("bool",),
        _dtypes_draw,
        run=_dtypes_run,
        check=_dtypes_check,
        weight=3.0,
    ),
]
