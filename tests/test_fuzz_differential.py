"""Differential fuzzing: random chains of arrayshim operations on random inputs, run on every
installed backend; every step must agree across backends.

Agreement means: the same dtype and shape, and the same values — bit for bit for integers,
booleans and results of correctly rounded float operations (``+ - * / sqrt``, casts, indexing,
``max``/``min``, ``where``, manipulation), within the documented ulp bounds for the rest
(transcendental functions, ``pow``, float reductions and float ``matmul``, whose summation order
differs between frameworks) — or every backend raising an exception that derives from the same
built-ins (``TypeError``, ``ValueError``, ``IndexError``, ``OverflowError``) and from
``arrayshim.ArrayshimError``.

A chain stops after its first inexact step, so that an ulp of difference never feeds a
discontinuous step (a cast to int, a comparison, ``//``) and turns into an arbitrary one.

Example counts come from a hypothesis profile: ``ci`` by default (fast enough for CI), or set
``ARRAYSHIM_FUZZ_EXAMPLES=20000`` for a long run::

    ARRAYSHIM_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz_differential.py
"""

from __future__ import annotations

import itertools
import math
import operator
import os
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import arrayshim as xp
from conftest import BACKENDS

EXAMPLES = int(os.environ.get("ARRAYSHIM_FUZZ_EXAMPLES", "0")) or None
settings.register_profile(
    "arrayshim-fuzz",
    max_examples=EXAMPLES or 300,
    deadline=None,
    derandomize=EXAMPLES is None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
FUZZ = settings.get_profile("arrayshim-fuzz")
#: fewer examples for the targeted properties below (they are narrower)
SMALL = settings(FUZZ, max_examples=EXAMPLES // 10 if EXAMPLES else 60)

pytestmark = pytest.mark.skipif(len(BACKENDS) < 2, reason="differential tests need two backends")

DTYPES = [d.name for d in xp._dtypes.ALL]
#: documented bound, in units in the last place of the result dtype, for the inexact elementwise
#: functions (exp, log, sin, cos, tanh, float pow): the frameworks' libms differ by a few ulp
ULP = {"float16": 1, "float32": 4, "float64": 4, "complex64": 8, "complex128": 8}
BUILTINS = (TypeError, ValueError, IndexError, OverflowError)


# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------

_SPECIAL = {
    "f": [
        0.0,
        -0.0,
        np.nan,
        np.inf,
        -np.inf,
        1.0,
        -1.0,
        0.5,
        2.5,
        -2.5,
        1e-300,
        1e300,
        65504.0,
        3e9,
        -3e9,
        1e20,
    ],
    "i": [0, 1, -1, 2, 7, -7, 8, 31, 32, 63, 64, 100],
}


def _elements(dtype: np.dtype) -> st.SearchStrategy:
    """Values for ``dtype``: the dtype's extremes and specials, and anything else it holds."""
    if dtype.kind == "b":
        return st.booleans()
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        special = [
            v
            for v in _SPECIAL["i"] + [info.min, info.max, info.min + 1, info.max - 1]
            if info.min <= v <= info.max
        ]
        return st.one_of(st.sampled_from(special), st.integers(int(info.min), int(info.max)))
    real = np.dtype(dtype.char.lower()) if dtype.kind == "c" else dtype
    with np.errstate(over="ignore"):
        special = sorted({float(real.type(v)) for v in _SPECIAL["f"]}, key=repr)
    # no subnormals: TensorFlow flushes them to zero (see README, "Deviations")
    special = [v for v in special if not 0 < abs(v) < np.finfo(real).smallest_normal]
    floats = st.one_of(
        st.sampled_from(special),
        hnp.from_dtype(real, allow_nan=True, allow_infinity=True, allow_subnormal=False).map(float),
    )
    if dtype.kind == "c":
        return st.builds(complex, floats, floats)
    return floats


@st.composite
def arrays(
    draw: st.DrawFn, shape: tuple[int, ...] | None = None, dtype: str | None = None
) -> np.ndarray:
    dt = np.dtype(dtype or draw(st.sampled_from(DTYPES)))
    if shape is None:
        shape = tuple(draw(st.lists(st.integers(0, 3), max_size=3)))
    return draw(hnp.arrays(dt, shape, elements=_elements(dt)))


@st.composite
def broadcastable(draw: st.DrawFn, shape: tuple[int, ...]) -> tuple[int, ...]:
    """A shape that broadcasts with ``shape`` (sometimes one that does not: errors must agree)."""
    if draw(st.integers(0, 9)) == 0:
        return tuple(draw(st.lists(st.integers(0, 3), max_size=3)))
    keep = draw(st.integers(0, len(shape)))
    out = [1 if draw(st.booleans()) else n for n in shape[len(shape) - keep :]]
    return tuple([1] * draw(st.integers(0, 1)) + out)


# ---------------------------------------------------------------------------------------------
# Programs: a list of steps, each a (name, params) pair, replayed on every backend
# ---------------------------------------------------------------------------------------------

UNARY = ["negative", "positive", "abs", "bitwise_invert", "logical_not", "sqrt"]
INEXACT_UNARY = ["exp", "log", "sin", "cos", "tanh"]
BINARY = [
    "add",
    "subtract",
    "multiply",
    "divide",
    "floor_divide",
    "remainder",
    "maximum",
    "minimum",
    "equal",
    "not_equal",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "bitwise_and",
    "bitwise_or",
    "bitwise_xor",
    "bitwise_left_shift",
    "bitwise_right_shift",
    "logical_and",
    "logical_or",
    "logical_xor",
    "pow",
]
OPERATORS = {
    "add": operator.add,
    "subtract": operator.sub,
    "multiply": operator.mul,
    "divide": operator.truediv,
    "floor_divide": operator.floordiv,
    "remainder": operator.mod,
    "pow": operator.pow,
    "bitwise_and": operator.and_,
    "bitwise_or": operator.or_,
    "bitwise_xor": operator.xor,
    "bitwise_left_shift": operator.lshift,
    "bitwise_right_shift": operator.rshift,
    "equal": operator.eq,
    "not_equal": operator.ne,
    "less": operator.lt,
    "less_equal": operator.le,
    "greater": operator.gt,
    "greater_equal": operator.ge,
}
REDUCTIONS = ["sum", "prod", "mean", "max", "min", "std", "var"]

_scalars = st.one_of(
    st.booleans(),
    st.sampled_from(
        [
            0,
            1,
            -1,
            2,
            3,
            7,
            8,
            63,
            64,
            127,
            128,
            255,
            256,
            -129,
            2**31,
            2**63 - 1,
            -(2**63),
            2**64 - 1,
        ]
    ),
    st.integers(-300, 300),
    st.sampled_from([0.0, -0.0, 0.5, -1.5, 2.0, math.inf, -math.inf, math.nan, 1e300]),
    st.sampled_from([1j, 1.5 - 2j]),
)


@st.composite
def steps(draw: st.DrawFn, shape: tuple[int, ...]) -> list[tuple[str, dict]]:
    out: list[tuple[str, dict]] = []
    for _ in range(draw(st.integers(2, 6))):
        kind = draw(
            st.sampled_from(
                [
                    "unary",
                    "inexact_unary",
                    "binary_array",
                    "binary_scalar",
                    "reduce",
                    "reshape",
                    "permute",
                    "expand",
                    "squeeze",
                    "index",
                    "mask",
                    "take",
                    "where",
                    "matmul",
                    "astype",
                    "setitem",
                ]
            )
        )
        if kind in ("unary", "inexact_unary"):
            out.append(
                (
                    "unary",
                    {"op": draw(st.sampled_from(UNARY if kind == "unary" else INEXACT_UNARY))},
                )
            )
        elif kind == "binary_array":
            other = draw(arrays(shape=draw(broadcastable(shape))))
            out.append(
                (
                    "binary",
                    {
                        "op": draw(st.sampled_from(BINARY)),
                        "other": other,
                        "swap": draw(st.booleans()),
                        "operator": draw(st.booleans()),
                    },
                )
            )
        elif kind == "binary_scalar":
            op = draw(st.sampled_from(list(OPERATORS)))
            out.append(("scalar", {"op": op, "value": draw(_scalars), "swap": draw(st.booleans())}))
        elif kind == "reduce":
            axis = draw(
                st.one_of(
                    st.none(), st.integers(-3, 3), st.tuples(st.integers(-3, 3), st.integers(-3, 3))
                )
            )
            out.append(
                (
                    "reduce",
                    {
                        "op": draw(st.sampled_from(REDUCTIONS)),
                        "axis": axis,
                        "keepdims": draw(st.booleans()),
                    },
                )
            )
        elif kind == "reshape":
            out.append(
                (
                    "reshape",
                    {"how": draw(st.sampled_from(["flat", "reversed", "row", "column", "bad"]))},
                )
            )
        elif kind == "permute":
            out.append(("permute", {"seed": draw(st.integers(0, 5))}))
        elif kind == "expand":
            out.append(("expand", {"axis": draw(st.integers(-2, 1) | st.integers(-5, 4))}))
        elif kind == "squeeze":
            out.append(("squeeze", {"seed": draw(st.integers(-3, 3))}))
        elif kind == "index":
            key = draw(
                st.lists(
                    st.one_of(
                        st.integers(-4, 3),
                        st.builds(
                            slice,
                            st.none() | st.integers(-4, 4),
                            st.none() | st.integers(-4, 4),
                            st.none() | st.sampled_from([1, 2, -1, -2]),
                        ),
                        st.just(None),
                        st.just(Ellipsis),
                    ),
                    max_size=3,
                )
            )
            out.append(("index", {"key": tuple(key)}))
        elif kind == "mask":
            out.append(("mask", {"threshold": draw(st.sampled_from([0, 1, -1]))}))
        elif kind == "take":
            index = st.lists(st.integers(-1, 0), max_size=4) | st.lists(
                st.integers(-4, 3), max_size=4
            )
            out.append(("take", {"index": draw(index), "axis": draw(st.integers(0, 2))}))
        elif kind == "where":
            other = draw(arrays(shape=draw(broadcastable(shape))))
            out.append(("where", {"other": other, "scalar": draw(st.none() | _scalars)}))
        elif kind == "matmul":
            out.append(("matmul", {"how": draw(st.sampled_from(["gram", "vector", "self"]))}))
        elif kind == "astype":
            out.append(("astype", {"dtype": draw(st.sampled_from(DTYPES))}))
        else:
            out.append(
                (
                    "setitem",
                    {"key": draw(st.integers(-1, 0) | st.integers(-3, 2)), "value": draw(_scalars)},
                )
            )
    return out


def _exact_dtype(a: xp.Array) -> bool:
    return a.dtype.kind in "biu"


def apply(step: tuple[str, dict], x: xp.Array, backend: str) -> tuple[xp.Array, bool]:
    """Run one step; returns the result and whether the step is exact (bitwise comparable)."""
    name, p = step
    real = x.dtype.kind in "fc"
    if name == "unary":
        # complex abs (hypot) is not correctly rounded, and torch's vectorised sqrt is not
        # either (it differs from IEEE sqrt by an ulp on CPU): both are bounded in ulp
        return getattr(xp, p["op"])(x), p["op"] not in INEXACT_UNARY and not (
            p["op"] == "sqrt" or (p["op"] == "abs" and x.dtype.kind == "c")
        )
    if name == "binary":
        with xp.use_backend(backend):
            other = xp.asarray(p["other"])
        a, b = (other, x) if p["swap"] else (x, other)
        if p["operator"] and p["op"] in OPERATORS:
            r = OPERATORS[p["op"]](a, b)
        else:
            r = getattr(xp, p["op"])(a, b)
        return r, _binary_exact(p["op"], r)
    if name == "scalar":
        fn = OPERATORS[p["op"]]
        r = fn(p["value"], x) if p["swap"] else fn(x, p["value"])
        return r, _binary_exact(p["op"], r)
    if name == "reduce":
        r = getattr(xp, p["op"])(x, axis=p["axis"], keepdims=p["keepdims"])
        return r, _exact_dtype(x) and p["op"] in ("sum", "prod", "max", "min")
    if name == "reshape":
        shape = x.shape
        target = {
            "flat": (-1,),
            "reversed": shape[::-1],
            "row": (1, -1),
            "column": (-1, 1),
            "bad": (max(1, x.size) + 1,),
        }[p["how"]]
        return xp.reshape(x, target), True
    if name == "permute":
        perms = list(itertools.permutations(range(x.ndim)))
        return xp.permute_dims(x, perms[p["seed"] % len(perms)]), True
    if name == "expand":
        return xp.expand_dims(x, axis=p["axis"]), True
    if name == "squeeze":  # an axis of size 1 if there is one, else (an error) the seed
        ones = [i for i, n in enumerate(x.shape) if n == 1]
        return xp.squeeze(x, ones[p["seed"] % len(ones)] if ones else p["seed"]), True
    if name == "index":
        return x[p["key"]], True
    if name == "mask":
        mask = x > p["threshold"] if x.dtype.kind != "c" else x != 0
        return x[mask], True
    if name == "take":
        with xp.use_backend(backend):
            index = xp.asarray(p["index"], dtype=xp.int64)
        axis = min(p["axis"], max(x.ndim - 1, 0))
        key = (slice(None),) * axis + (index,)
        return x[key], True
    if name == "where":
        with xp.use_backend(backend):
            other = xp.asarray(p["other"])
        cond = x != 0 if x.dtype.kind != "b" else x
        second = other if p["scalar"] is None else p["scalar"]
        return xp.where(cond, x, second), True
    if name == "matmul":
        if p["how"] == "gram":
            r = x @ x.mT if x.ndim >= 2 else x @ x
        elif p["how"] == "vector":
            r = xp.matmul(x, xp.ones_like(x[..., 0, :] if x.ndim >= 2 else x))
        else:
            r = x @ x
        return r, not real
    if name == "astype":
        return xp.astype(x, getattr(xp, p["dtype"])), True
    if name == "setitem":
        y = xp.asarray(x, copy=True)
        y[p["key"]] = p["value"]
        return y, True
    raise AssertionError(name)


def _binary_exact(op: str, r: xp.Array) -> bool:
    if op == "pow":
        return _exact_dtype(r)
    if op in ("maximum", "minimum"):
        return r.dtype.kind not in "fc"
    if r.dtype.kind == "c" and op in ("multiply", "divide", "floor_divide", "remainder"):
        return False  # not correctly rounded; the frameworks' formulas differ
    return True


# ---------------------------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------------------------


def outcome(x: xp.Array | BaseException) -> tuple:
    if isinstance(x, BaseException):
        return ("error", frozenset(b.__name__ for b in BUILTINS if isinstance(x, b)))
    return ("array", x.dtype.name, tuple(x.shape))


def subnormal(v: np.ndarray) -> np.ndarray:
    if v.dtype.kind == "c":
        return subnormal(v.real) | subnormal(v.imag)
    if v.dtype.kind != "f":
        return np.zeros(v.shape, dtype=bool)
    return (np.abs(v) < np.finfo(v.dtype).smallest_normal) & (v != 0)


def flush(v: np.ndarray) -> np.ndarray:
    """``v`` with subnormals replaced by zeros of their sign, as TensorFlow produces them."""
    if v.dtype.kind == "c":
        return flush(v.real) + 1j * flush(v.imag) if v.size else v
    if v.dtype.kind != "f":
        return v
    return np.where(subnormal(v), np.copysign(np.zeros((), v.dtype), v), v).astype(v.dtype)


def bits(v: np.ndarray) -> np.ndarray:
    """Values comparable bit for bit (NaN payloads and signs ignored, -0.0 kept, subnormals
    flushed to zero)."""
    if v.dtype.kind == "c":
        return np.stack([bits(v.real), bits(v.imag)])
    if v.dtype.kind == "f":
        v = flush(v)
        v = np.where(np.isnan(v), np.nan, v)
        return v.view(f"u{v.dtype.itemsize}")
    return v


def assert_exact(ref: np.ndarray, got: np.ndarray, where: str) -> None:
    if not np.array_equal(bits(ref), bits(got)):
        raise AssertionError(
            f"{where}: values differ bitwise\nreference {ref!r}\ngot       {got!r}"
        )


def assert_close(ref: np.ndarray, got: np.ndarray, tol: np.ndarray, where: str) -> None:
    """Equal where either is not finite (NaN where NaN), else within ``tol`` (broadcast)."""
    if ref.dtype.kind == "c":
        assert_close(ref.real, got.real, tol, where)
        assert_close(ref.imag, got.imag, tol, where)
        return
    ref64 = flush(ref).astype(np.float64)
    got64 = flush(got).astype(np.float64)
    tol = np.broadcast_to(np.asarray(tol, dtype=np.float64), ref.shape)
    tol = np.where(np.isnan(tol), np.inf, tol)  # no bound where the result has a NaN part
    with np.errstate(invalid="ignore", over="ignore"):
        finite = np.isfinite(ref64) & np.isfinite(got64)
        ok = np.where(
            finite,
            np.abs(ref64 - got64) <= tol,
            (np.isnan(ref64) & np.isnan(got64)) | (ref64 == got64) | ~np.isfinite(tol),
        )
        # an overflow that one summation order reaches and another does not
        ok |= (
            ~finite
            & ~np.isnan(ref64)
            & ~np.isnan(got64)
            & (np.maximum(np.abs(ref64), np.abs(got64)) + tol >= np.finfo(ref.dtype).max / 2)
        )
    if not ok.all():
        raise AssertionError(
            f"{where}: values differ beyond tolerance\nreference {ref!r}\ngot       "
            f"{got!r}\ntolerance {tol!r}"
        )


def tolerance(step: tuple[str, dict], x: np.ndarray, r: np.ndarray) -> np.ndarray:
    """The documented error bound of an inexact step with input ``x`` and result ``r``."""
    name, p = step
    real = np.dtype(r.dtype.char.lower()) if r.dtype.kind == "c" else r.dtype
    eps = float(np.finfo(real).eps)
    with np.errstate(all="ignore"):
        mag = np.abs(r).astype(np.float64)
        # TensorFlow flushes subnormal results of transcendental functions to zero
        tiny = float(np.finfo(real).smallest_normal)
        if name in ("unary", "binary", "scalar"):
            if (
                p["op"] == "pow" and r.dtype.kind == "c"
            ):  # exp(y * log(x)) against repeated products
                return (
                    ULP[r.dtype.name] * eps * mag * (1 + 2 * np.abs(np.log(np.maximum(mag, tiny))))
                    + 2 * tiny
                )
            if r.dtype.kind == "c":  # TensorFlow also flushes subnormal intermediate products
                return ULP[r.dtype.name] * eps * mag + tiny / eps
            return ULP[r.dtype.name] * eps * mag + 2 * tiny
        xa = np.abs(x.astype(np.complex128 if x.dtype.kind == "c" else np.float64))
        n = max(1, x.size // max(1, r.size))
        if p.get("op") in ("maximum", "minimum", "max", "min"):
            return np.zeros(())  # exact but for the sign of a zero result (unspecified)
        if name == "reduce":
            axis = p["axis"]
            big = np.max(xa, axis=_axes(axis, x.ndim), keepdims=p["keepdims"]) if x.size else 0.0
            if p["op"] in ("sum", "mean"):
                return 2 * n * eps * big * (n if p["op"] == "sum" else 1) + 2 * eps * mag
            if p["op"] == "prod":
                return 2 * n * eps * mag
            var = 4 * n * eps * big**2
            return np.sqrt(var) * 4 if p["op"] == "std" else var
        if name == "matmul":
            return 2 * n * eps * np.max(xa) ** 2 * n + 2 * eps * mag if x.size else 0.0
    raise AssertionError(name)


def _axes(axis: object, ndim: int) -> object:
    if axis is None:
        return None
    items = axis if isinstance(axis, tuple) else (axis,)
    return tuple(a % ndim for a in items) if ndim else None


def run_program(inputs: np.ndarray, program: list[tuple[str, dict]]) -> None:
    """Run ``program`` on every backend, comparing each step's outcome with NumPy's."""
    states: dict[str, xp.Array | BaseException] = {}
    for b in BACKENDS:
        with xp.use_backend(b):
            states[b] = xp.asarray(inputs)
    ref = BACKENDS[0]
    trace = [f"input {inputs.dtype}{inputs.shape}"]
    for step in program:
        trace.append(f"{step[0]} {_short(step[1])}")
        where = " -> ".join(trace)
        exact = True
        before = np.asarray(states[ref])
        for b in BACKENDS:
            x = states[b]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    states[b], exact_b = apply(step, x, b)
                    exact &= exact_b
                except (TypeError, ValueError, IndexError, OverflowError) as exc:
                    assert isinstance(exc, xp.ArrayshimError), (
                        f"{where} on {b}: a non-arrayshim {type(exc).__name__}: {exc}"
                    )
                    states[b] = exc
        got = {b: outcome(states[b]) for b in BACKENDS}
        assert len(set(got.values())) == 1, f"{where}: outcomes differ: {got}"
        if isinstance(states[ref], BaseException):
            return
        r = np.asarray(states[ref])
        for b in BACKENDS[1:]:
            if exact:
                assert_exact(r, np.asarray(states[b]), f"{where} [{ref} vs {b}]")
            else:
                assert_close(
                    r, np.asarray(states[b]), tolerance(step, before, r), f"{where} [{ref} vs {b}]"
                )
        if (
            not exact
            or subnormal(r).any()
            or any(subnormal(np.asarray(states[b])).any() for b in BACKENDS)
        ):
            # an ulp of difference (or a flushed subnormal) must not feed a discontinuous step
            return


def _short(p: dict) -> str:
    return (
        "{"
        + ", ".join(
            f"{k}={v.dtype}{v.shape}" if isinstance(v, np.ndarray) else f"{k}={v!r}"
            for k, v in p.items()
        )
        + "}"
    )


@st.composite
def programs(draw: st.DrawFn) -> tuple[np.ndarray, list]:
    x = draw(arrays())
    return x, draw(steps(x.shape))


@FUZZ
@given(programs())
def test_random_programs_agree_on_every_backend(case: tuple[np.ndarray, list]) -> None:
    run_program(*case)


# ---------------------------------------------------------------------------------------------
# Targeted properties: the edge cases where frameworks natively disagree
# ---------------------------------------------------------------------------------------------

INTS = [d for d in DTYPES if d[0] in "iu"]
FLOATS = ["float16", "float32", "float64"]


def each_backend(fn: object, *data: np.ndarray) -> dict[str, object]:
    """``fn`` applied to ``data`` made on every backend: {backend: numpy result or exception}."""
    out: dict[str, object] = {}
    for b in BACKENDS:
        with xp.use_backend(b), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                out[b] = np.asarray(fn(*(xp.asarray(a) for a in data)))
            except BUILTINS as exc:
                assert isinstance(exc, xp.ArrayshimError), (
                    f"{b}: a non-arrayshim {type(exc).__name__}: {exc}"
                )
                out[b] = outcome(exc)
    return out


def assert_all_equal(results: dict[str, object], expected: np.ndarray | None = None) -> None:
    ref = results[BACKENDS[0]] if expected is None else expected
    for b, r in results.items():
        if isinstance(ref, np.ndarray) and isinstance(r, np.ndarray):
            assert r.dtype == ref.dtype and r.shape == ref.shape, (
                f"{b}: {r.dtype}{r.shape} != {ref.dtype}{ref.shape}"
            )
            assert_exact(ref, r, b)
        else:
            assert r == ref, f"{b}: {r!r} != {ref!r}"


@st.composite
def int_pairs(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    dt = draw(st.sampled_from(INTS))
    shape = tuple(draw(st.lists(st.integers(0, 4), max_size=2)))
    return draw(arrays(shape, dt)), draw(arrays(shape, dt))


@SMALL
@given(
    int_pairs(),
    st.sampled_from(["add", "subtract", "multiply", "negative", "pow", "sum", "prod", "matmul"]),
)
def test_integer_overflow_wraps_like_numpy(pair: tuple[np.ndarray, np.ndarray], op: str) -> None:
    """Integer arithmetic wraps modulo 2**bits on every backend, as NumPy's does."""
    x, y = pair
    if op == "pow":
        y = np.abs(y % 70).astype(y.dtype)  # negative exponents: see test_bad_input
    fns = {
        "negative": (lambda a, b: -a, lambda a, b: -a),
        "sum": (lambda a, b: xp.sum(a), lambda a, b: np.sum(a)),
        "prod": (lambda a, b: xp.prod(a), lambda a, b: np.prod(a)),
        "matmul": (
            lambda a, b: xp.reshape(a, (-1, 1)) @ xp.reshape(b, (1, -1)),
            lambda a, b: np.reshape(a, (-1, 1)) @ np.reshape(b, (1, -1)),
        ),
    }
    ours, numpys = fns.get(op, (getattr(xp, op), getattr(np, {"pow": "power"}.get(op, op))))
    with np.errstate(all="ignore"):
        expected = np.asarray(numpys(x, y))
    assert_all_equal(each_backend(ours, x, y), expected)


@SMALL
@given(int_pairs(), st.sampled_from(["floor_divide", "remainder"]))
def test_integer_division_by_zero_gives_zero(pair: tuple[np.ndarray, np.ndarray], op: str) -> None:
    """NumPy's rule on every backend: ``x // 0 == 0`` and ``x % 0 == 0`` for integers (torch and
    TensorFlow raise on CPU and return garbage on GPU); ``min_int // -1`` wraps."""
    x, y = pair
    y = np.where(np.arange(y.size).reshape(y.shape) % 2 == 0, 0, y).astype(y.dtype)  # many zeros
    with np.errstate(all="ignore"):
        expected = getattr(np, op)(x, y)
    assert_all_equal(each_backend(getattr(xp, op), x, y), np.asarray(expected))


@SMALL
@given(st.sampled_from(INTS), st.data())
def test_shifts_past_the_bit_width(dt: str, data: st.DataObject) -> None:
    """Shift counts at or past the width (or negative) give NumPy's results everywhere: 0, or -1
    for a negative value shifted right."""
    x = data.draw(arrays((6,), dt))
    bits = np.dtype(dt).itemsize * 8
    counts = [0, 1, bits - 1, bits, bits + 1, 2 * bits] + ([-1, -bits] if dt[0] == "i" else [])
    info = np.iinfo(dt)
    y = np.array(
        data.draw(
            st.lists(
                st.sampled_from([c for c in counts if info.min <= c <= info.max]),
                min_size=6,
                max_size=6,
            )
        ),
        dtype=dt,
    )
    for op, ref in (("bitwise_left_shift", np.left_shift), ("bitwise_right_shift", np.right_shift)):
        assert_all_equal(each_backend(getattr(xp, op), x, y), np.asarray(ref(x, y)))


@SMALL
@given(st.sampled_from(FLOATS), st.data())
def test_nan_propagates_through_max_and_min(dt: str, data: st.DataObject) -> None:
    """``maximum``/``minimum`` and the ``max``/``min`` reductions return NaN when any operand is
    NaN (NumPy's rule; C's fmax and some GPU kernels drop it)."""
    x = data.draw(arrays((2, 3), dt))
    y = data.draw(arrays((2, 3), dt))
    x[data.draw(st.integers(0, 1)), data.draw(st.integers(0, 2))] = np.nan
    for fn, ref in (
        (xp.maximum, np.maximum),
        (xp.minimum, np.minimum),
        (lambda a, b: xp.max(a, axis=1), lambda a, b: np.max(a, axis=1)),
        (lambda a, b: xp.min(a, axis=0), lambda a, b: np.min(a, axis=0)),
        (lambda a, b: xp.max(a), lambda a, b: np.max(a)),
    ):
        results = each_backend(fn, x, y)
        expected = np.asarray(ref(x, y))
        for r in results.values():  # the sign of a zero result is unspecified: +0.0 == -0.0
            assert_close(expected, r, np.zeros(()), "max/min")


def _saturated(x: np.ndarray, dt: str) -> np.ndarray:
    """arrayshim's defined float -> int cast: truncate; NaN -> 0; out of range -> min or max."""
    info = np.iinfo(dt)
    out = []
    for v in x.astype(np.float64).ravel():
        if math.isnan(v):
            out.append(0)
        elif v >= info.max + 1 or v == math.inf:
            out.append(int(info.max))
        elif v <= info.min - 1 or v == -math.inf:
            out.append(int(info.min))
        else:
            out.append(int(v))
    return np.array(out, dtype=dt).reshape(x.shape)


@SMALL
@given(st.sampled_from(FLOATS + ["complex64", "complex128"]), st.sampled_from(INTS), st.data())
def test_float_to_int_cast_saturates(src: str, dt: str, data: st.DataObject) -> None:
    """NaN, infinities and values beyond the integer range (undefined in C, different per
    framework and CPU) cast to 0, the dtype's max or its min on every backend (complex numbers:
    their real part)."""
    x = data.draw(arrays((8,), src))
    assert_all_equal(
        each_backend(lambda a: xp.astype(a, getattr(xp, dt)), x), _saturated(x.real, dt)
    )


@SMALL
@given(
    st.sampled_from(DTYPES),
    st.sampled_from([(0,), (0, 3), (3, 0), (2, 0, 1)]),
    st.sampled_from(REDUCTIONS),
    st.sampled_from([None, 0, -1, (0, 1)]),
    st.booleans(),
)
def test_empty_reductions(
    dt: str, shape: tuple[int, ...], op: str, axis: object, keepdims: bool
) -> None:
    """Sums of nothing are 0, products 1, means/variances NaN; ``max``/``min`` of nothing raise
    ``ValueError`` — with the same dtype and shape everywhere."""
    x = np.zeros(shape, dtype=dt)
    results = each_backend(lambda a: getattr(xp, op)(a, axis=axis, keepdims=keepdims), x)
    assert_all_equal(results)
    if op in ("max", "min") and isinstance(results[BACKENDS[0]], tuple) and dt[0] != "c":
        assert results[BACKENDS[0]][1] >= {"ValueError"}


@pytest.mark.parametrize("dtype", FLOATS + ["complex64", "complex128"])
def test_negative_zero_scalars_keep_their_sign(dtype: str) -> None:
    """Found by the fuzzer: TensorFlow's eager scalar cache returned a cached ``+0.0`` for
    ``-0.0`` (its key compares equal), so the sign depended on earlier conversions."""
    for b in BACKENDS:
        with xp.use_backend(b):
            dt = getattr(xp, dtype)
            (
                xp.asarray(0.0, dtype=dt),
                xp.full(2, 0.0, dtype=dt),
                xp.ones(1, dtype=dt) * 0.0,
            )  # fill the cache
            made = {
                "asarray": xp.asarray(-0.0, dtype=dt),
                "full": xp.full(2, -0.0, dtype=dt),
                "operator": xp.ones(2, dtype=dt) * -0.0,
                "where": xp.where(xp.asarray([True]), -0.0, xp.ones(1, dtype=dt)),
            }
            y = xp.ones(2, dtype=dt)
            y[0] = -0.0
            made["setitem"] = y[:1]
            for what, a in made.items():
                v = np.asarray(a).real
                assert np.signbit(v).all(), f"{b} {what}: {v}"


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
def test_complex_to_the_power_zero_is_one(dtype: str) -> None:
    """Found by the fuzzer: torch gave NaN for ``z ** 0`` with an infinite or NaN ``z``."""
    z = np.array(
        [complex(math.inf, 1), complex(math.nan, 0), complex(0, -math.inf), 0j, 2 - 1j], dtype=dtype
    )
    for exponent in (0, False, 0.0):
        results = each_backend(lambda a, e=exponent: a**e, z)
        assert_all_equal(results, np.ones(5, dtype=dtype))


def test_empty_integer_power_with_a_negative_exponent_is_empty() -> None:
    """Found by the fuzzer: nothing is computed, so nothing raises (torch's check did)."""
    results = each_backend(lambda a: a**-24, np.zeros((1, 0), dtype=np.int32))
    assert_all_equal(results, np.zeros((1, 0), dtype=np.int32))
