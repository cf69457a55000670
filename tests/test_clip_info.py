"""clip, the inspection namespace (__array_namespace_info__) and the policy rules of the
elementwise functions added for the 2025.12 standard."""

from __future__ import annotations

import math

import numpy as np
import pytest

import arrayshim as xp
from conftest import native_of, to_np

# -- clip ------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", ["int8", "uint16", "int64", "float16", "float32", "float64"])
def test_clip_scalars_like_numpy(backend: str, dtype: str) -> None:
    data = np.array(
        [0 if dtype.startswith("u") else -7, -1 if dtype[0] in "if" else 1, 0, 2, 5, 100],
        dtype=dtype,
    )
    got = xp.clip(xp.asarray(data), min=0, max=5)
    assert got.dtype.name == dtype
    np.testing.assert_array_equal(to_np(got), np.clip(data, 0, 5))
    np.testing.assert_array_equal(to_np(xp.clip(xp.asarray(data), max=2)), np.minimum(data, 2))
    np.testing.assert_array_equal(to_np(xp.clip(xp.asarray(data), min=1)), np.maximum(data, 1))


def test_clip_int_bounds_beyond_the_dtype_clamp_nothing(backend: str) -> None:
    x = xp.asarray([-128, 0, 127], dtype=xp.int8)
    got = xp.clip(x, min=-1000, max=1000)
    assert got.dtype == xp.int8
    np.testing.assert_array_equal(to_np(got), [-128, 0, 127])
    np.testing.assert_array_equal(to_np(xp.clip(x, min=200)), [127, 127, 127])
    u = xp.asarray([0, 2**63 + 5, 2**64 - 1], dtype=xp.uint64)
    np.testing.assert_array_equal(
        to_np(xp.clip(u, min=2**63, max=2**64 - 2)),
        np.array([2**63, 2**63 + 5, 2**64 - 2], dtype=np.uint64),
    )
    np.testing.assert_array_equal(to_np(xp.clip(u, min=-5)), to_np(u))


def test_clip_nan_and_crossed_bounds(backend: str) -> None:
    x = xp.asarray([math.nan, -1.0, 0.5, 3.0])
    np.testing.assert_array_equal(to_np(xp.clip(x, min=0.0, max=1.0)), [math.nan, 0.0, 0.5, 1.0])
    np.testing.assert_array_equal(to_np(xp.clip(x, min=math.nan)), [math.nan] * 4)
    np.testing.assert_array_equal(
        to_np(xp.clip(x, min=2.0, max=1.0)), [math.nan, 1.0, 1.0, 1.0]
    )  # NumPy: max wins


def test_clip_array_bounds_broadcast(backend: str) -> None:
    x = xp.asarray([1, 5, 9], dtype=xp.int32)
    lo = xp.asarray([[0], [6]], dtype=xp.int8)  # casts safely to int32
    got = xp.clip(x, min=lo, max=xp.asarray(8, dtype=xp.int32))
    assert got.shape == (2, 3) and got.dtype == xp.int32
    np.testing.assert_array_equal(to_np(got), np.clip(np.array([1, 5, 9]), np.array([[0], [6]]), 8))
    with pytest.raises(ValueError, match="broadcast"):
        xp.clip(x, min=xp.asarray([1, 2], dtype=xp.int32))


def test_clip_native_arrays(backend: str) -> None:
    x = native_of(backend, [1.0, 2.0, 3.0], "float32")
    got = xp.clip(x, min=native_of(backend, [2.0], "float32"), max=2.5)
    assert got.dtype == xp.float32
    np.testing.assert_array_equal(to_np(got), [2.0, 2.0, 2.5])


def test_clip_without_bounds_is_a_copy(backend: str) -> None:
    x = xp.asarray([1, 2, 3])
    y = xp.clip(x)
    assert y.dtype == x.dtype and to_np(y).tolist() == [1, 2, 3]
    x[0] = 9
    assert to_np(y).tolist() == [1, 2, 3]


def test_clip_refuses_what_would_change_the_dtype(backend: str) -> None:
    i8 = xp.asarray([1, 2], dtype=xp.int8)
    with pytest.raises(TypeError, match=r"clip\(\): invalid `min`.*int8"):
        xp.clip(i8, min=0.5)
    with pytest.raises(TypeError, match=r"clip\(\): invalid `max`.*int64"):
        xp.clip(i8, max=xp.asarray([1, 2]))
    with pytest.raises(TypeError, match=r"clip\(\): invalid `x`"):
        xp.clip(xp.asarray([1j]), min=0)
    with pytest.raises(TypeError, match=r"clip\(\): invalid `x`"):
        xp.clip(1.5, min=0)
    with pytest.raises(TypeError, match=r"clip\(\): invalid `min`"):
        xp.clip(xp.asarray([True]), min=0)
    np.testing.assert_array_equal(to_np(xp.clip(xp.asarray([True, False]), min=True)), [True, True])
    with xp.use_promotion("strict"):
        with pytest.raises(TypeError, match=r"clip\(\): invalid `x`"):
            xp.clip(xp.asarray([True]), min=False)
        assert xp.clip(xp.asarray([1.5, -3.0]), min=0).dtype == xp.float64


def test_clip_numpy_joins_another_backend_two_others_refused() -> None:
    torch = pytest.importorskip("torch")
    out = xp.clip(np.ones(2), min=torch.full((2,), 2.0))  # NumPy data joins torch's
    assert out._backend.name == "torch" and to_np(out).tolist() == [2.0, 2.0]
    tf = pytest.importorskip("tensorflow")
    with pytest.raises(TypeError, match="backend"):
        xp.clip(tf.ones(2), min=torch.zeros(2))


# -- __array_namespace_info__ ------------------------------------------------------------------


def test_info_capabilities_and_devices(backend: str) -> None:
    info = xp.__array_namespace_info__()
    assert (
        xp.asarray([1]).__array_namespace__().__array_namespace_info__
        is xp.__array_namespace_info__
    )
    caps = info.capabilities()
    assert caps["boolean indexing"] is True and caps["data-dependent shapes"] is True
    assert caps["max dimensions"] == 64
    assert info.devices() == tuple(xp.devices())
    assert info.default_device() == xp.devices()[0] == xp.asarray([1]).device
    with xp.use_device("cpu"):
        assert info.default_device() == xp.Device("cpu")
    assert backend in repr(info)


def test_info_default_dtypes_follow_the_policy(backend: str) -> None:
    info = xp.__array_namespace_info__()
    assert info.default_dtypes() == {
        "real floating": xp.float64,
        "complex floating": xp.complex128,
        "integral": xp.int64,
        "indexing": xp.int64,
    }
    with xp.use_promotion("float32"):
        assert info.default_dtypes(device="cpu") == {
            "real floating": xp.float32,
            "complex floating": xp.complex64,
            "integral": xp.int64,
            "indexing": xp.int64,
        }
        assert xp.asarray(1.5).dtype == info.default_dtypes()["real floating"]


def test_info_dtypes(backend: str) -> None:
    info = xp.__array_namespace_info__()
    everything = info.dtypes()
    # the standard's 13 dtypes: float16 is an arrayshim extension, which the standard says
    # dtypes() must not list
    assert list(everything) == [
        dt.name
        for dt in (
            xp.bool,
            xp.int8,
            xp.int16,
            xp.int32,
            xp.int64,
            xp.uint8,
            xp.uint16,
            xp.uint32,
            xp.uint64,
            xp.float32,
            xp.float64,
            xp.complex64,
            xp.complex128,
        )
    ]
    assert everything["float32"] is xp.float32
    assert list(info.dtypes(kind="integral")) == [
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
    ]
    assert list(info.dtypes(kind=("bool", "complex floating"))) == [
        "bool",
        "complex64",
        "complex128",
    ]
    assert list(info.dtypes(kind="real floating", device=xp.Device("cpu"))) == [
        "float32",
        "float64",
    ]
    with pytest.raises(ValueError, match="kind"):
        info.dtypes(kind="floating")
    with pytest.raises(ValueError, match="gpu:7"):
        info.dtypes(device="gpu:7")


def test_info_keeps_the_backend_it_was_made_for() -> None:
    with xp.use_backend("numpy"):
        info = xp.__array_namespace_info__()
    other = [b for b in ("torch", "tensorflow") if b in xp.installed_backends()]
    if other:
        with xp.use_backend(other[0]):
            assert "'numpy'" in repr(info)
            assert other[0] in repr(xp.__array_namespace_info__())


# -- policies of the new elementwise functions --------------------------------------------------


def test_new_functions_under_the_policies() -> None:
    i8 = xp.asarray([1, 2], dtype=xp.int8)
    i32 = xp.asarray([1, 2], dtype=xp.int32)
    assert xp.log2(i8).dtype == xp.float16 and xp.atan2(i32, i32).dtype == xp.float64  # NumPy's
    assert (
        xp.floor(i8).dtype == xp.int8
        and xp.round(i32).dtype == xp.int32
        and xp.isnan(i8).dtype == xp.bool
    )
    assert (
        xp.real(xp.asarray([1j], dtype=xp.complex64)).dtype == xp.float32
        and xp.imag(i8).dtype == xp.int8
    )
    with xp.use_promotion("float32"):
        assert xp.log2(i8).dtype == xp.float32 and xp.hypot(i32, i32).dtype == xp.float32
    with xp.use_promotion("strict"):
        assert (
            xp.floor(i8).dtype == xp.int8
            and xp.real(i8).dtype == xp.int8
            and xp.conj(i8).dtype == xp.int8
        )
        for call in (
            lambda: xp.sin(i8),
            lambda: xp.atan2(i32, i32),
            lambda: xp.isnan(xp.asarray([True])),
            lambda: xp.signbit(i8),
            lambda: xp.copysign(i8, i8),
            lambda: xp.imag(xp.asarray([1.5])),
        ):
            with pytest.raises(TypeError, match="strict"):
                call()
    for call, name in (
        (lambda: xp.round(xp.asarray([True])), "round"),
        (lambda: xp.square(xp.asarray([True])), "square"),
        (lambda: xp.reciprocal(i8), "reciprocal"),
        (lambda: xp.floor(xp.asarray([1j])), "floor"),
        (lambda: xp.atan2(xp.asarray([1j]), xp.asarray([1j])), "atan2"),
    ):
        with pytest.raises(TypeError, match=rf"{name}\(\)"):
            call()


def test_new_binary_functions_take_python_scalars(backend: str) -> None:
    x = xp.asarray([1.0, -2.0], dtype=xp.float32)
    assert xp.copysign(x, -1.0).dtype == xp.float32
    np.testing.assert_array_equal(to_np(xp.copysign(x, -0.0)), [-1.0, -2.0])
    np.testing.assert_allclose(to_np(xp.hypot(3.0, xp.asarray([4.0]))), [5.0])
    np.testing.assert_array_equal(
        to_np(xp.nextafter(xp.asarray([0.0]), 1.0)), [np.nextafter(0.0, 1.0)]
    )


def test_negative_zero_scalars_keep_their_sign(backend: str) -> None:
    """TensorFlow caches scalar constants by value (``-0.0 == 0.0``): the adapter must not
    hand back a cached +0.0 for -0.0 or the other way round."""
    for first, second in ((0.0, -0.0), (-0.0, 0.0)):
        assert np.signbit(to_np(xp.asarray(first))) == np.signbit(first)
        assert np.signbit(to_np(xp.asarray(second))) == np.signbit(second)
        assert (
            np.signbit(to_np(xp.full(2, second, dtype=xp.float32))).tolist()
            == [np.signbit(second)] * 2
        )
    x = xp.asarray([1.0, -1.0])
    assert np.signbit(to_np(x * -0.0)).tolist() == [True, False]
    assert np.signbit(to_np(xp.copysign(x, 0.0))).tolist() == [False, False]
    assert np.signbit(to_np(xp.asarray(complex(1.0, -0.0))).imag)


def test_clip_with_scalar_bounds_inside_and_outside_a_compiled_function(backend: str) -> None:
    """The checked scalar bounds are remembered, never the natives made from them: clip traced
    by the framework's compiler first (tf.function, torch.compile, jax.jit), then called
    eagerly with the same bounds, and the other way round, gives the same values."""
    x = xp.asarray([-2.0, 0.5, 3.0], dtype=xp.float32)
    options = {"torch": {"backend": "eager"}}
    clipped = xp.jit(lambda v: xp.clip(v, -1.0, 1.0), options=options)
    for _ in range(2):
        np.testing.assert_array_equal(np.asarray(clipped(x)), [-1.0, 0.5, 1.0])
        np.testing.assert_array_equal(np.asarray(xp.clip(x, -1.0, 1.0)), [-1.0, 0.5, 1.0])
    np.testing.assert_array_equal(np.asarray(xp.clip(x, max=0)), [-2.0, 0.0, 0.0])
    with pytest.raises(TypeError, match="clip"):
        xp.clip(xp.asarray([1, 2], dtype=xp.int8), 0.5, 1)  # seen before with other bounds


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_clip_special_values_and_bounds_grid(backend: str, dtype: str) -> None:
    # every pair of special bounds, as scalars and as arrays, against NumPy's maximum/minimum:
    # the values (NaN anywhere gives NaN, max wins over a larger min); a zero result's sign is
    # left open by the standard, and the frameworks' one-pass kernels differ there
    specials = [-0.0, 0.0, np.nan, -1.0, 2.0, 0.5, -np.inf, np.inf]
    x = np.array(specials, dtype)
    for lo in [None, *specials]:
        for hi in [None, *specials]:
            expected = x if lo is None else np.maximum(x, np.asarray(lo, dtype))
            expected = expected if hi is None else np.minimum(expected, np.asarray(hi, dtype))
            for as_array in (False, True):
                lo_arg = lo if lo is None or not as_array else xp.asarray(np.full(8, lo, dtype))
                hi_arg = hi if hi is None or not as_array else xp.asarray(np.full(8, hi, dtype))
                got = to_np(xp.clip(xp.asarray(x), lo_arg, hi_arg))
                assert got.dtype == expected.dtype
                np.testing.assert_array_equal(got, expected, err_msg=f"{lo}, {hi}, {as_array}")
