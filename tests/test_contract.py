"""Every registered backend implements the whole contract, and every elementwise op gives the
table's dtype and NumPy's values for every dtype it accepts — or a clear TypeError."""

from __future__ import annotations

import inspect
import itertools
import math

import numpy as np
import pytest

import arrayshim as xp
from arrayshim import _dtypes, _promotion, _registry
from arrayshim.backend_api import Backend
from conftest import to_np

ALL_REGISTERED = sorted(set(xp.installed_backends()))


@pytest.mark.parametrize("name", ALL_REGISTERED)
def test_backend_implements_contract(name: str) -> None:
    b = _registry.get(name)
    assert isinstance(b, Backend)
    assert not getattr(type(b), "__abstractmethods__", None)
    assert b.name == name
    assert b.native_types and all(isinstance(t, type) for t in b.native_types)
    assert b.version()


#: the linalg and fft extensions: one method of the contract per operation, not abstract (a
#: backend may lack them), with these parameters after ``self``
EXTENSION_METHODS = {
    "linalg_cholesky": ["x", "upper"],
    "linalg_det": ["x"],
    "linalg_inv": ["x"],
    "linalg_slogdet": ["x"],
    "linalg_eigh": ["x"],
    "linalg_eigvalsh": ["x"],
    "linalg_eig": ["x"],
    "linalg_eigvals": ["x"],
    "linalg_qr": ["x", "mode"],
    "linalg_svd": ["x", "full_matrices"],
    "linalg_svdvals": ["x"],
    "linalg_solve": ["x1", "x2"],
    **{f"fft_{n}": ["x", "n", "axis", "norm"] for n in ("fft", "ifft", "rfft", "irfft", "hfft")},
    "fft_ihfft": ["x", "n", "axis", "norm"],
    **{f"fft_{n}": ["x", "s", "axes", "norm"] for n in ("fftn", "ifftn", "rfftn", "irfftn")},
}
#: the backends that implement every extension method
FULL_BACKENDS = {"numpy", "torch", "tensorflow", "jax"}


def test_contract_declares_extension_methods() -> None:
    """Each linalg/fft operation is its own typed method (no ``(name, *args)`` string hook),
    and its default refuses with ArrayshimNotImplementedError naming function and backend."""
    assert not hasattr(Backend, "linalg") and not hasattr(Backend, "fft")
    declared = {m for m in vars(Backend) if m.startswith(("linalg_", "fft_"))}
    assert declared == set(EXTENSION_METHODS)
    toy = type("Toy", (), {"name": "toy"})()
    for method, params in EXTENSION_METHODS.items():
        fn = getattr(Backend, method)
        assert method not in Backend.__abstractmethods__
        assert list(inspect.signature(fn).parameters)[1:] == params, method
        assert set(inspect.get_annotations(fn)) == {*params, "return"}, method
        func = method.replace("_", ".", 1)
        with pytest.raises(xp.ArrayshimNotImplementedError, match=rf"{func}\(\).*'toy'"):
            fn(toy, *([None] * len(params)))


@pytest.mark.parametrize("name", ALL_REGISTERED)
def test_backend_extension_methods(name: str) -> None:
    """The first-party backends implement every extension method with the contract's
    parameters; any backend's override keeps them."""
    b = _registry.get(name)
    for method, params in EXTENSION_METHODS.items():
        impl = getattr(type(b), method)
        if name in FULL_BACKENDS:
            assert impl is not getattr(Backend, method), (name, method)
        assert list(inspect.signature(impl).parameters)[1:] == params, (name, method)


@pytest.mark.parametrize("attr", ["fast", "kernels", "unplaced", "default_device"])
def test_contract_declares_frontend_attributes(attr: str) -> None:
    """What the frontend sets on every backend when it loads is declared, with a type."""
    assert attr in inspect.get_annotations(Backend)
    for name in ALL_REGISTERED:
        assert hasattr(_registry.get(name), attr)


#: the ops added for the 2025.12 standard, also checked on special values and signed zeros
NEW_OPS = frozenset(
    {
        "acos",
        "acosh",
        "asin",
        "asinh",
        "atan",
        "atan2",
        "atanh",
        "ceil",
        "conj",
        "copysign",
        "cosh",
        "expm1",
        "floor",
        "hypot",
        "imag",
        "isfinite",
        "isinf",
        "isnan",
        "log1p",
        "log2",
        "log10",
        "logaddexp",
        "nextafter",
        "real",
        "reciprocal",
        "round",
        "sign",
        "signbit",
        "sinh",
        "square",
        "tan",
        "trunc",
    }
)
#: older ops also checked on special values and signed zeros
SPECIAL_CHECKED = NEW_OPS | {
    "negative",
    "sqrt",
    "maximum",
    "minimum",
    "abs",
    "exp",
    "log",
    "sin",
    "cos",
    "tanh",
}
#: (op, dtype) a backend refuses with a TypeError (it has no exact kernel); any other refusal fails
REFUSED: dict[str, set[tuple[str, str]]] = {}


def sample(dt: _dtypes.DType) -> np.ndarray:
    """Values that exercise the corners: 0, negatives, the extremes of integer types."""
    if dt.kind == "b":
        return np.array([True, False, True, False, True, False])
    if dt.kind in "iu":
        info = np.iinfo(dt.name)
        return np.array(
            [0, 1, info.max, info.min + (1 if dt.kind == "i" else 0), 3, 7], dtype=dt.name
        )
    vals = np.array([0.0, -1.5, 2.25, 3.0, -0.0, 0.5], dtype=np.float64)
    return (vals + 1j * vals[::-1]).astype(dt.name) if dt.kind == "c" else vals.astype(dt.name)


def rhs(dt: _dtypes.DType) -> np.ndarray:
    if dt.kind == "b":
        return np.array([True, True, False, False, True, False])
    if dt.kind in "iu":
        return np.array([1, 3, 2, 5, 1, 2], dtype=dt.name)
    vals = np.array([1.0, 2.0, -0.5, 4.0, 3.0, -2.0])
    return (vals + 0.5j).astype(dt.name) if dt.kind == "c" else vals.astype(dt.name)


NP_NAME = {
    "pow": "power",
    "bitwise_left_shift": "left_shift",
    "bitwise_right_shift": "right_shift",
    "bitwise_invert": "invert",
    "acos": "arccos",
    "asin": "arcsin",
    "atan": "arctan",
    "acosh": "arccosh",
    "asinh": "arcsinh",
    "atanh": "arctanh",
    "atan2": "arctan2",
    "conj": "conjugate",
}
#: the values whose special cases (IEEE 754, the Array API's lists) every float op is checked on
SPECIAL = [math.nan, math.inf, -math.inf, -0.0, 0.0, 1.0, -1.0, 0.5, -2.5, 1e-4]


def special(dt: _dtypes.DType, binary: bool) -> list[np.ndarray]:
    """Real floats: the special values (for a binary op, every pair of them); complex: every
    pair of them as real and imaginary parts."""
    vals = np.array(SPECIAL)
    if dt.kind == "c":
        z = np.zeros(len(vals) ** 2, dtype=dt.name)
        z.real, z.imag = (
            np.repeat(vals, len(vals)),
            np.tile(vals, len(vals)),
        )  # no arithmetic: keeps -0.0 and NaN parts
        return [z] if not binary else [z, z[::-1].copy()]
    if not binary:
        return [vals.astype(dt.name)]
    return [np.repeat(vals, len(vals)).astype(dt.name), np.tile(vals, len(vals)).astype(dt.name)]


def assert_same_values(
    got: np.ndarray,
    expected: np.ndarray,
    args: list[np.ndarray],
    msg: str,
    signed_zeros: bool = True,
) -> None:
    """NumPy's values within a tolerance for the float size, NaN where NumPy has NaN, and (with
    ``signed_zeros``) the same sign on every zero; a failure lists the inputs that differ."""
    assert got.shape == expected.shape, (msg, got.shape, expected.shape)
    if expected.dtype.kind not in "fc":
        ok = got == expected
    else:
        size = expected.dtype.itemsize // (2 if expected.dtype.kind == "c" else 1)
        tol = {2: 1e-3, 4: 1e-6, 8: 1e-13}[size]
        ok = np.ones(expected.shape, dtype=bool)
        parts = (
            [(got.real, expected.real), (got.imag, expected.imag)]
            if expected.dtype.kind == "c"
            else [(got, expected)]
        )
        for g, e in parts:
            ok &= np.isclose(g, e, rtol=tol, atol=tol, equal_nan=True)
            if signed_zeros:
                ok &= ~((e == 0) & (np.signbit(g) != np.signbit(e)))
    if not ok.all():
        bad = ~ok
        inputs = ", ".join(f"x{i + 1}={a[bad][:8].tolist()}" for i, a in enumerate(args))
        raise AssertionError(
            f"{msg}: {bad.sum()} of {bad.size} differ. Inputs {inputs}; "
            f"got {got[bad][:8].tolist()}, NumPy {expected[bad][:8].tolist()}"
        )


def standard_reference(op: str, args: list[np.ndarray], expected: np.ndarray) -> np.ndarray:
    """NumPy's values, replaced by the standard's special cases where the two differ (the
    standard's text, restated here independently of the adapters)."""
    x = args[0]
    with np.errstate(all="ignore"):
        if op == "floor_divide" and x.dtype.kind == "f":  # floor(x1 / x2) with an infinite operand
            q = np.true_divide(x, args[1])
            return np.where(np.isinf(x) | np.isinf(args[1]), np.floor(q), expected)
        if x.dtype.kind != "c":
            return expected
        a, b = x.real, x.imag
        out = np.array(expected)
        if op == "expm1":  # exp(x) - 1 for a non-finite part; expm1(-0+0j) is 0+0j
            e = np.exp(x)
            special = ~np.isfinite(x)
            out.real = np.where(special, e.real - 1, out.real + 0.0)
            out.imag = np.where(special, e.imag, out.imag)
        elif op == "tanh":  # tanh(±inf + bj), b finite: ±1 + 0j signed as b
            out.imag = np.where(np.isinf(a) & np.isfinite(b), np.copysign(0.0, b), out.imag)
        elif op == "sign":  # a NaN part: NaN + NaN j
            out[np.isnan(a) | np.isnan(b)] = complex(math.nan, math.nan)
        return out


@pytest.mark.parametrize("op", sorted(_promotion.OPS))
def test_elementwise_every_dtype(backend: str, op: str) -> None:
    spec = _promotion.OPS[op]
    ref_fn = getattr(np, NP_NAME.get(op, op))
    fn = getattr(xp, op)
    for dt in _dtypes.ALL:
        if dt not in spec.accepts:
            with pytest.raises(TypeError):
                fn(*([xp.asarray(sample(dt))] * (1 if op in _promotion.UNARY else 2)))
            continue
        unary = op in _promotion.UNARY
        args = [sample(dt)] if unary else [sample(dt), rhs(dt)]
        if op == "pow" and dt.kind in "iu":
            args[1] = np.abs(args[1]) % 4
        cases = [args]
        if dt.kind in "fc" and op in SPECIAL_CHECKED:
            cases.append(special(dt, not unary))
        for args in cases:
            with np.errstate(all="ignore"):
                expected = ref_fn(*args)
                if (
                    op == "log1p" and dt is _dtypes.complex64
                ):  # NumPy's complex64 formula loses digits near 0
                    expected = np.log1p(args[0].astype(np.complex128)).astype(np.complex64)
            if (
                op == "nextafter"
            ):  # NumPy's float16 kernel returns x1 for equal operands, C and the standard x2
                expected = np.where(args[0] == args[1], args[1], expected)
            expected = standard_reference(op, args, expected)
            try:
                got = fn(*[xp.asarray(a) for a in args])
            except TypeError as exc:  # allowed only as a clear refusal naming dtype and backend
                assert dt.name in str(exc) and backend in str(exc), str(exc)
                assert (op, dt.name) in REFUSED.get(backend, ()), (
                    f"{op} {dt} refused on {backend}: {exc}"
                )
                break
            assert got.dtype.name == expected.dtype.name, (op, dt)
            assert_same_values(
                to_np(got), expected, args, f"{op} {dt} on {backend}", op in SPECIAL_CHECKED
            )


@pytest.mark.parametrize(
    ("a", "b"),
    [(x, y) for x, y in itertools.combinations(_dtypes.ALL, 2) if x.kind != "c" and y.kind != "c"][
        ::7
    ],
)
def test_mixed_dtype_comparisons(backend: str, a: _dtypes.DType, b: _dtypes.DType) -> None:
    x, y = sample(a), rhs(b)
    expected = np.less(x, y)
    np.testing.assert_array_equal(to_np(xp.less(xp.asarray(x), xp.asarray(y))), expected)
