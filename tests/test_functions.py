"""Every function of the foundation gives NumPy's dtype, shape and values on every backend."""

from __future__ import annotations

import math

import numpy as np
import pytest

import arrayshim as xp
from conftest import to_np

RNG = np.random.default_rng(0)


def check(got: xp.Array, expected: np.ndarray, rtol: float = 1e-6) -> None:
    assert type(got) is xp.Array
    assert got.dtype.name == expected.dtype.name, (got.dtype, expected.dtype)
    assert got.shape == expected.shape
    values = to_np(got)
    if expected.dtype.kind in "fc":
        np.testing.assert_allclose(values, expected, rtol=rtol, atol=0, equal_nan=True)
    else:
        np.testing.assert_array_equal(values, expected)


def test_creation(backend: str) -> None:
    check(xp.zeros((2, 3)), np.zeros((2, 3)))
    check(xp.ones(4, dtype=xp.int8), np.ones(4, np.int8))
    check(xp.full((2,), 7), np.full((2,), 7))
    check(xp.full((2,), 2.5, dtype=xp.float32), np.full((2,), 2.5, np.float32))
    check(xp.full((1,), True), np.full((1,), True))
    assert xp.empty((3, 0)).shape == (3, 0)
    check(xp.arange(5), np.arange(5))
    check(xp.arange(2, 11, 3), np.arange(2, 11, 3))
    check(xp.arange(10, 0, -3), np.arange(10, 0, -3))
    check(xp.arange(0.0, 1.0, 0.1), np.arange(0.0, 1.0, 0.1), rtol=1e-12)
    check(xp.arange(5, dtype=xp.float32), np.arange(5, dtype=np.float32))
    check(xp.linspace(0, 1, 7), np.linspace(0, 1, 7), rtol=1e-12)
    check(
        xp.linspace(0, 1, 5, endpoint=False, dtype=xp.float32),
        np.linspace(0, 1, 5, endpoint=False, dtype=np.float32),
    )
    check(xp.eye(3), np.eye(3))
    check(xp.eye(3, 4, k=1, dtype=xp.int32), np.eye(3, 4, k=1, dtype=np.int32))
    check(xp.eye(4, 2, k=-1), np.eye(4, 2, k=-1))
    x = xp.asarray([[1, 2], [3, 4]], dtype=xp.int16)
    check(xp.zeros_like(x), np.zeros((2, 2), np.int16))
    check(xp.ones_like(x, dtype=xp.float32), np.ones((2, 2), np.float32))
    check(xp.full_like(x, 9), np.full((2, 2), 9, np.int16))
    assert xp.empty_like(x).dtype is xp.int16


@pytest.mark.parametrize("dtype", [dt.name for dt in xp._dtypes.ALL])
def test_tril_triu_every_dtype_and_k(backend: str, dtype: str) -> None:
    """The adapters' one-kernel triangles (``Backend.triangle``, where they have one for the
    dtype and ``k``) and the composed selection give NumPy's values bit for bit, signed zeros and
    NaN kept, for every ``k`` in and beyond the matrix, on stacks and empty matrices."""
    for shape in [(2, 3, 5), (4, 3), (0, 3)]:
        data = RNG.integers(-3, 4, size=shape).astype(dtype)
        if data.dtype.kind in "fc" and data.size:
            data.flat[:3] = [np.nan, -0.0, -np.inf][: min(3, data.size)]
        x = xp.asarray(data)
        for k in (-6, -1, 0, 2, 6):
            for func in ("tril", "triu"):
                got = to_np(getattr(xp, func)(x, k=k))
                want = getattr(np, func)(data, k)
                assert got.dtype == want.dtype and got.shape == want.shape, (func, k, shape)
                assert got.tobytes() == want.tobytes(), (func, k, shape, got, want)


@pytest.mark.parametrize(
    ("args", "dtype"),
    [
        ((10,), "float32"),
        ((-5, 20, 3), "float64"),
        ((3, -9, -2), "float16"),
        ((0, 2**24 + 6, 2), "float32"),  # past float32's exact integers: the float64 way
        ((2**24 - 4, 2**24 + 1), "float32"),
        ((0.5, 4, 0.75), "float32"),
        ((0, 0), "float32"),
        ((5, 1), "float64"),
    ],
)
def test_arange_of_floats_matches_numpy(backend: str, args: tuple, dtype: str) -> None:
    """Integer starts and steps whose values the float dtype holds exactly use the framework's
    own float arange (one pass); every other case computes in float64 and casts, as NumPy."""
    got = xp.arange(*args, dtype=getattr(xp, dtype))
    want = np.arange(*args, dtype=dtype)
    assert got.dtype.name == dtype and got.shape == want.shape
    np.testing.assert_array_equal(to_np(got), want)


def test_asarray_defaults_and_64bit(backend: str) -> None:
    check(xp.asarray([1, 2, 3]), np.asarray([1, 2, 3]))
    check(xp.asarray([1.5, 2]), np.asarray([1.5, 2]))
    check(xp.asarray([True, False]), np.asarray([True, False]))
    check(xp.asarray([1 + 2j]), np.asarray([1 + 2j]))
    check(xp.asarray(3), np.asarray(3))
    check(xp.asarray([2**62, -(2**62)]), np.asarray([2**62, -(2**62)]))
    check(xp.asarray([[1, 2], [3, 4]], dtype=xp.uint64), np.asarray([[1, 2], [3, 4]], np.uint64))
    check(xp.asarray([1.7, -1.7], dtype=xp.int32), np.asarray([1.7, -1.7]).astype(np.int32))
    with pytest.raises(ValueError, match="regular"):
        xp.asarray([[1, 2], [3]])
    with pytest.raises(OverflowError):
        xp.asarray([300], dtype=xp.int8)
    with pytest.raises(TypeError, match="asarray"):
        xp.asarray("text")
    with pytest.raises(TypeError, match="asarray"):
        xp.asarray([1, None])


def test_astype(backend: str) -> None:
    x = xp.asarray([1.5, -2.5, 3.0])
    check(xp.astype(x, xp.int32), np.asarray([1.5, -2.5, 3.0]).astype(np.int32))
    check(xp.astype(x, xp.float16), np.asarray([1.5, -2.5, 3.0]).astype(np.float16))
    check(xp.astype(x, xp.bool), np.asarray([1.5, -2.5, 3.0]).astype(bool))
    check(
        xp.astype(xp.asarray([0, 1, 2]), xp.complex64), np.asarray([0, 1, 2]).astype(np.complex64)
    )
    assert xp.astype(x, xp.float64, copy=False) is x


def test_finfo_iinfo() -> None:
    for name in ("float16", "float32", "float64"):
        ours, ref = xp.finfo(getattr(xp, name)), np.finfo(name)
        assert (ours.bits, ours.eps, ours.max, ours.min, ours.smallest_normal) == (
            ref.bits,
            float(ref.eps),
            float(ref.max),
            float(ref.min),
            float(ref.smallest_normal),
        )
    assert xp.finfo(xp.complex64).dtype is xp.float32
    for name in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"):
        ours, ref = xp.iinfo(getattr(xp, name)), np.iinfo(name)
        assert (ours.bits, ours.min, ours.max) == (ref.bits, ref.min, ref.max)
    with pytest.raises(TypeError, match="finfo"):
        xp.finfo(xp.int32)


FLOAT_DTYPES = ["float32", "float64"]
UNARY = ["exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "negative", "positive"]


@pytest.mark.parametrize("name", UNARY)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES + ["int32", "complex128"])
def test_unary(backend: str, name: str, dtype: str) -> None:
    data = (
        RNG.uniform(0.1, 3.0, size=(3, 4)).astype(dtype)
        if dtype != "int32"
        else RNG.integers(1, 9, size=(3, 4)).astype(dtype)
    )
    if dtype == "complex128":
        data = data + 1j * data[::-1]
    ref = getattr(np, {"negative": "negative", "positive": "positive"}.get(name, name))(data)
    got = getattr(xp, name)(xp.asarray(data))
    check(got, ref, rtol=2e-6 if dtype in ("float32",) else 1e-12)


BINARY = [
    "add",
    "subtract",
    "multiply",
    "divide",
    "floor_divide",
    "remainder",
    "pow",
    "maximum",
    "minimum",
    "equal",
    "not_equal",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
]
NP_NAMES = {"pow": "power"}


@pytest.mark.parametrize("name", BINARY)
@pytest.mark.parametrize(
    "dtypes",
    [
        ("int32", "int32"),
        ("int64", "float32"),
        ("float32", "float32"),
        ("uint8", "int8"),
        ("float64", "float64"),
    ],
)
def test_binary(backend: str, name: str, dtypes: tuple[str, str]) -> None:
    a = RNG.integers(-5, 6, size=(3, 1, 4)).astype(dtypes[0])
    b = RNG.integers(1, 6, size=(2, 4)).astype(dtypes[1])
    if dtypes[0] == "uint8":
        a = RNG.integers(0, 9, size=(3, 1, 4)).astype("uint8")
    with np.errstate(all="ignore"):
        ref = getattr(np, NP_NAMES.get(name, name))(a, b)
    check(getattr(xp, name)(xp.asarray(a), xp.asarray(b)), ref)


def test_binary_broadcast_error_is_value_error(backend: str) -> None:
    with pytest.raises(ValueError, match=r"\(2,\) and \(3,\)"):
        xp.add(xp.ones(2), xp.ones(3))
    with pytest.raises(ValueError):
        xp.ones(2) * xp.ones(3)


def test_bitwise(backend: str) -> None:
    a = np.array([0b1100, 7, -3], np.int32)
    b = np.array([0b1010, 1, 2], np.int32)
    for name, ref in (
        ("bitwise_and", a & b),
        ("bitwise_or", a | b),
        ("bitwise_xor", a ^ b),
        ("bitwise_left_shift", a << b),
        ("bitwise_right_shift", a >> b),
    ):
        check(getattr(xp, name)(xp.asarray(a), xp.asarray(b)), ref)
    check(xp.bitwise_invert(xp.asarray(a)), ~a)
    t = np.array([True, False, True])
    check(xp.logical_and(xp.asarray(t), xp.asarray(t[::-1])), t & t[::-1])
    check(xp.logical_not(xp.asarray(t)), ~t)


def test_where(backend: str) -> None:
    c = np.array([True, False, True])
    a = np.array([1, 2, 3], np.int32)
    b = np.array([0.5, 0.5, 0.5], np.float32)
    check(xp.where(xp.asarray(c), xp.asarray(a), xp.asarray(b)), np.where(c, a, b))
    check(xp.where(xp.asarray(c), xp.asarray(a), 0), np.where(c, a, np.int32(0)))
    with pytest.raises(TypeError, match="condition"):
        xp.where(xp.asarray(a), xp.asarray(a), xp.asarray(a))


@pytest.mark.parametrize("name", ["sum", "prod", "mean", "max", "min", "std", "var"])
@pytest.mark.parametrize("dtype", ["int8", "uint8", "int32", "float32", "float64", "bool"])
@pytest.mark.parametrize("axis", [None, 0, -1, (0, 2)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_reductions(backend: str, name: str, dtype: str, axis: object, keepdims: bool) -> None:
    if dtype == "bool" and name in ("std", "var", "mean"):
        return
    data = RNG.integers(0, 4, size=(2, 3, 4)).astype(dtype)
    ref = getattr(np, name)(data, axis=axis, keepdims=keepdims)
    got = getattr(xp, name)(xp.asarray(data), axis=axis, keepdims=keepdims)
    check(got, np.asarray(ref), rtol=1e-5 if dtype == "float32" else 1e-12)


def test_reduction_rules(backend: str) -> None:
    check(
        xp.std(xp.asarray([1.0, 2.0, 4.0]), correction=1),
        np.asarray(np.std([1.0, 2.0, 4.0], ddof=1)),
    )
    check(xp.sum(xp.zeros((0, 3)), axis=0), np.zeros(3))
    with pytest.raises(ValueError, match="max"):
        xp.max(xp.zeros((0, 3)), axis=0)
    check(xp.max(xp.zeros((0, 3)), axis=1), np.zeros(0))
    with pytest.raises(xp.AxisError):
        xp.sum(xp.ones((2, 2)), axis=2)
    with pytest.raises(IndexError):
        xp.sum(xp.ones((2, 2)), axis=-3)
    with pytest.raises(ValueError, match="distinct"):
        xp.sum(xp.ones((2, 2)), axis=(0, -2))
    check(xp.sum(xp.ones((2, 2), dtype=xp.int8), dtype=xp.int8), np.asarray(4, np.int8))


def test_matmul(backend: str) -> None:
    a = RNG.standard_normal((2, 3, 4))
    b = RNG.standard_normal((4, 5))
    check(xp.matmul(xp.asarray(a), xp.asarray(b)), a @ b, rtol=1e-12)
    v = RNG.standard_normal(4)
    check(xp.asarray(a) @ xp.asarray(v), a @ v, rtol=1e-12)
    check(xp.asarray(v) @ xp.asarray(v), np.asarray(v @ v), rtol=1e-12)
    i = RNG.integers(-3, 3, size=(3, 3)).astype(np.int8)
    check(xp.asarray(i) @ xp.asarray(i), i @ i)
    check(
        xp.asarray(i, dtype=xp.int32) @ xp.asarray(b[:3].astype(np.float32)),
        i.astype(np.int32) @ b[:3].astype(np.float32),
        rtol=1e-6,
    )
    with pytest.raises(ValueError, match="matmul"):
        xp.ones((2, 3)) @ xp.ones((2, 3))
    with pytest.raises(ValueError):
        xp.matmul(xp.asarray(1.0), xp.ones(2))


def test_manipulation(backend: str) -> None:
    data = np.arange(24).reshape(2, 3, 4)
    x = xp.asarray(data)
    check(xp.reshape(x, (4, -1)), data.reshape(4, -1))
    check(xp.permute_dims(x, (2, 0, 1)), data.transpose(2, 0, 1))
    check(xp.expand_dims(x, axis=-1), data[..., None])
    check(xp.squeeze(xp.expand_dims(x, axis=1), axis=1), data)
    check(xp.broadcast_to(xp.asarray([1, 2, 3]), (2, 3)), np.broadcast_to([1, 2, 3], (2, 3)))
    check(xp.concat([x, x], axis=1), np.concatenate([data, data], axis=1))
    check(
        xp.concat([x, xp.astype(x, xp.float32)], axis=None),
        np.concatenate([data.ravel(), data.ravel().astype(np.float32)]),
    )
    check(xp.stack([x, x], axis=-1), np.stack([data, data], axis=-1))
    with pytest.raises(ValueError, match="reshape"):
        xp.reshape(x, (5, 5))
    with pytest.raises(ValueError, match="squeeze"):
        xp.squeeze(x, axis=0)
    with pytest.raises(ValueError, match="concat"):
        xp.concat([x, xp.ones((2, 2, 2), dtype=xp.int64)], axis=0)
    with pytest.raises(ValueError, match="stack"):
        xp.stack([x, xp.ones(3)])
    with pytest.raises(ValueError):
        xp.broadcast_to(x, (3, 4))
    with pytest.raises(ValueError, match="permutation"):
        xp.permute_dims(x, (0, 0, 1))


_SPECIAL_PARTS = (0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 2.5, 700.0, 1e154, -1e300)


@pytest.mark.parametrize("name", ["asinh", "acosh", "asin", "acos"])
def test_inverse_complex_functions_at_special_and_huge_parts(backend: str, name: str) -> None:
    """Every pair of special and huge parts, as NumPy (C99): a NaN part beside a finite one
    gives nan + nan j on every backend (JAX's own asinh(nan + 1e154j) had a finite real part,
    found by the public suite's random draws)."""
    z = np.array([complex(a, b) for a in _SPECIAL_PARTS for b in _SPECIAL_PARTS])
    with np.errstate(all="ignore"):
        want = getattr(np, "arc" + name[1:])(z)
    got = to_np(getattr(xp, name)(xp.asarray(z)))
    for zi, g, w in zip(z, got, want, strict=True):
        for gp, wp in ((g.real, w.real), (g.imag, w.imag)):
            same = (np.isnan(gp) and np.isnan(wp)) or (
                np.isclose(gp, wp, rtol=1e-12, atol=1e-100)  # torch: acos(1e154+1j).real 0
                and (gp != 0 or np.signbit(gp) == np.signbit(wp))
            )
            assert same, f"{name}({zi}) = {g} on {backend}, NumPy {w}"


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_sign_cosh_sinh_floor_divide_with_and_without_the_rare_values(
    backend: str, dtype: str
) -> None:
    # The torch adapter tests the whole array for the rare values (NaN for sign, |x| past the
    # overflow edge for cosh/sinh, a non-finite operand for floor_divide) and runs one kernel
    # when there are none: both routes, and an array that has just one rare value among many
    # ordinary ones, agree with NumPy.
    info = np.finfo(dtype)
    edge = float(np.arccosh(info.max)) * 0.999  # finite cosh, beyond torch's SIMD edge
    finite = np.array(
        [0.0, -0.0, 1.5, -2.5, 7.0, info.tiny, -info.tiny, info.max, -info.max],
        dtype,
    )
    near = np.array([edge, -edge, 3.0, -0.0, 0.5], dtype)
    for rare in (None, np.nan, np.inf, -np.inf):
        for base in (finite, near):
            x = np.tile(base, 40)
            if rare is not None:
                x[17] = rare
            a = xp.asarray(x)
            with np.errstate(all="ignore"):
                check(xp.sign(a), np.sign(x), rtol=0)
                assert np.array_equal(np.signbit(to_np(xp.sign(a))), np.signbit(np.sign(x)))
                for name in ("cosh", "sinh"):
                    check(getattr(xp, name)(a), getattr(np, name)(x), rtol=4 * float(info.eps))
                y = np.roll(x, 3)
                y[5] = 0.0
                got = xp.floor_divide(a, xp.asarray(y))
                expected = np.floor_divide(x, y)
                # the standard's values where an operand is infinite: x1 / x2
                special = np.isinf(x) | np.isinf(y)
                expected[special] = (x / y)[special]
                check(got, expected, rtol=0)
                number = ~np.isnan(expected)  # a NaN's sign bit is not specified
                assert np.array_equal(np.signbit(to_np(got))[number], np.signbit(expected)[number])


def test_remainder_signs_inputs_and_gradients(backend: str) -> None:
    # torch sets the divisor's sign on its own fresh result in place (out of place where
    # autograd tracks it): NumPy's values and zero signs, the inputs untouched, under grad and
    # vmap, with a 0-d and a Python scalar divisor
    x = np.array([4.0, -4.0, 0.0, -0.0, 5.5, -5.5, 3.0, np.inf, np.nan, 7.25] * 3, "float32")
    y = np.array([2.0, 2.0, -3.0, 3.0, -2.0, 2.0, -1.5, 2.0, 1.0, -0.5] * 3, "float32")
    a, b = xp.asarray(x), xp.asarray(y)
    for divisor, native in ((b, y), (xp.asarray(np.float32(-2.0)), np.float32(-2.0)), (-2.0, -2.0)):
        with np.errstate(invalid="ignore"):
            want = np.remainder(x, np.float32(native))
        got = xp.remainder(a, divisor)
        check(got, want, rtol=0)
        number = ~np.isnan(want)
        assert np.array_equal(np.signbit(to_np(got))[number], np.signbit(want)[number])
    assert np.array_equal(to_np(a), x, equal_nan=True) and np.array_equal(to_np(b), y)
    assert np.array_equal(np.signbit(to_np(a)), np.signbit(x))  # -0.0 kept
    finite = xp.asarray(np.array([5.5, -5.5, 3.25, 1.25], "float32"))  # off the jumps
    by = xp.asarray(np.array([-2.0, 2.0, -1.5, 0.5], "float32"))
    if backend != "numpy":  # NumPy has no autodiff
        g = xp.grad(lambda t: xp.sum(xp.remainder(t, by) * by))(finite)
        check(g, np.array([-2.0, 2.0, -1.5, 0.5], "float32"), rtol=0)  # d(x mod y)/dx = 1
    rows = xp.asarray(np.array([[5.5, -4.0], [0.0, 7.0]], "float32"))
    mapped = xp.vmap(lambda r: xp.remainder(r, by[:2]))(rows)
    check(mapped, np.remainder(to_np(rows), to_np(by[:2])), rtol=0)
    assert np.array_equal(
        np.signbit(to_np(mapped)), np.signbit(np.remainder(to_np(rows), to_np(by[:2])))
    )


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int32", "uint32", "int64", "uint64"])
def test_shifts_with_and_without_a_count_out_of_range(backend: str, dtype: str) -> None:
    # TensorFlow shifts with its own kernel when every count is in [0, bits) (one max of the
    # counts, read back) and corrects otherwise: both routes, and one rare count among many
    bits = np.dtype(dtype).itemsize * 8
    info = np.iinfo(dtype)
    x = np.array([info.min, info.max, 0, 1, 5, info.max // 3] * 20, dtype)
    counts = np.tile(np.array([0, 1, bits - 1, 3, 2, bits // 2], dtype), 20)
    rare = [bits, 2 * bits - 1] + ([-1] if info.min < 0 else [])
    for count in [None, *rare]:
        y = counts.copy()
        if count is not None:
            y[37] = count
        for name in ("bitwise_left_shift", "bitwise_right_shift"):
            got = getattr(xp, name)(xp.asarray(x), xp.asarray(y))
            check(got, getattr(np, name.replace("bitwise_", ""))(x, y))
        check(xp.bitwise_left_shift(xp.asarray(x), 3), np.left_shift(x, np.asarray(3, dtype)))
