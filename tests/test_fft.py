"""xp.fft on every backend: values, dtypes and shapes against numpy.fft (NumPy 2 keeps
complex64 for float32/complex64 input), round trips, refusals, and TensorFlow's tf.function and
gradients through the transforms."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arrayshim as xp
from tests.conftest import BACKENDS, to_np

RNG = np.random.default_rng(11)
REAL = RNG.standard_normal((4, 5, 6))
CPLX = REAL + 1j * RNG.standard_normal((4, 5, 6))
NORMS = ("backward", "ortho", "forward")
WIDTHS = {"32": ("float32", "complex64", 2e-5), "64": ("float64", "complex128", 1e-12)}
ONE_D = ("fft", "ifft", "rfft", "irfft", "hfft", "ihfft")
N_D = ("fftn", "ifftn", "rfftn", "irfftn")
REAL_IN = ("rfft", "ihfft", "rfftn")
REAL_OUT = ("irfft", "hfft", "irfftn")
#: (n, axis, norm): default n, odd and even n, n smaller and larger than the axis
ONE_D_ARGS = [
    (None, -1, "backward"),
    (7, 0, "ortho"),
    (4, 1, "forward"),
    (2, 0, "backward"),
    (9, -1, "ortho"),
    (1, 2, "forward"),
    (None, 1, "forward"),
]
#: (s, axes, norm): all axes, the last len(s) axes, reordered axes (the real axis last), -1;
#: the innermost 1-3 axes in order are one op on TensorFlow (FFT2D, ...), padded and cropped
N_D_ARGS = [
    (None, None, "backward"),
    ((4, 6), None, "ortho"),
    (None, (2, 0), "forward"),
    ((3,), (1,), "backward"),
    ((5, -1), (2, 0), "ortho"),
    ((2, 7, 3), (0, 1, 2), "forward"),
    (None, (1, 2), "ortho"),
    ((5, 13), (1, 2), "backward"),
    ((9,), None, "forward"),
    ((3, 4, 11), None, "ortho"),
]


def close(got: xp.Array, ref: np.ndarray, rtol: float) -> None:
    """Values within ``rtol`` relative to max|ref|, with NumPy's dtype and shape."""
    g = to_np(got)
    assert g.dtype == ref.dtype and g.shape == ref.shape, (g.dtype, ref.dtype, g.shape, ref.shape)
    scale = max(1.0, float(np.max(np.abs(ref)))) if ref.size else 1.0
    np.testing.assert_allclose(g, ref, rtol=0, atol=rtol * scale)


def _data(func: str, width: str) -> np.ndarray:
    real, cplx, _ = WIDTHS[width]
    return REAL.astype(real) if func in REAL_IN else CPLX.astype(cplx)


def test_lazy_module() -> None:
    assert "fft" in dir(xp) and "fft" in xp.__all__
    assert sorted(xp.fft.__all__) == sorted(
        [*ONE_D, *N_D, "fftfreq", "rfftfreq", "fftshift", "ifftshift"]
    )


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("func", ONE_D)
def test_one_d_values(backend: str, func: str, width: str) -> None:
    data = _data(func, width)
    a = xp.asarray(data)
    for n, axis, norm in ONE_D_ARGS:
        got = getattr(xp.fft, func)(a, n=n, axis=axis, norm=norm)
        ref = getattr(np.fft, func)(data, n=n, axis=axis, norm=norm)
        assert got._backend.name == backend
        close(got, ref, WIDTHS[width][2])


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("func", N_D)
def test_n_d_values(backend: str, func: str, width: str) -> None:
    data = _data(func, width)
    a = xp.asarray(data)
    for s, axes, norm in N_D_ARGS:
        got = getattr(xp.fft, func)(a, s=s, axes=axes, norm=norm)
        np_axes = (
            axes if axes is not None or s is None else tuple(range(data.ndim - len(s), data.ndim))
        )
        ref = getattr(np.fft, func)(data, s=s, axes=np_axes, norm=norm)
        close(got, ref, WIDTHS[width][2])


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_dtype_and_shape_rules(backend: str, width: str) -> None:
    real, cplx, _ = WIDTHS[width]
    r, c = xp.asarray(REAL.astype(real)), xp.asarray(CPLX.astype(cplx))
    for func in ("fft", "ifft", "fftn", "ifftn"):  # real floating input: the complex of its width
        assert (
            getattr(xp.fft, func)(r).dtype.name == cplx
            and getattr(xp.fft, func)(c).dtype.name == cplx
        )
    assert xp.fft.rfft(r).dtype.name == cplx and xp.fft.rfft(r).shape == (4, 5, 4)
    assert xp.fft.ihfft(r, n=5).dtype.name == cplx and xp.fft.ihfft(r, n=5).shape == (4, 5, 3)
    assert xp.fft.rfftn(r).dtype.name == cplx and xp.fft.rfftn(r).shape == (4, 5, 4)
    assert xp.fft.irfft(c).dtype.name == real and xp.fft.irfft(c).shape == (4, 5, 10)
    assert xp.fft.hfft(c, n=3, axis=0).dtype.name == real and xp.fft.hfft(c, n=3, axis=0).shape == (
        3,
        5,
        6,
    )
    assert xp.fft.irfftn(c).dtype.name == real and xp.fft.irfftn(c).shape == (4, 5, 10)
    assert xp.fft.irfftn(c, s=(3, 3)).shape == (4, 3, 3)
    assert xp.fft.fftn(c, s=(2, 3)).shape == (4, 2, 3)  # s alone: the last len(s) axes
    assert xp.fft.fft(c, n=8, axis=1).shape == (4, 8, 6)


def test_integer_input_and_policies(backend: str) -> None:
    ints = xp.asarray([1, 2, 3, 4])
    got = xp.fft.fft(ints)
    assert got.dtype == xp.complex128  # numpy policy: cast to the default float, as NumPy does
    close(got, np.fft.fft(np.array([1, 2, 3, 4])), 1e-12)
    assert xp.fft.rfft(ints).dtype == xp.complex128 and xp.fft.irfft(ints).dtype == xp.float64
    with xp.use_promotion("float32"):
        assert xp.fft.fft(ints).dtype == xp.complex64 and xp.fft.rfft(ints).dtype == xp.complex64
    with xp.use_promotion("strict"):
        for fn in (xp.fft.fft, xp.fft.rfft, xp.fft.irfftn, xp.fft.hfft, xp.fft.ihfft):
            with pytest.raises(TypeError, match=r"fft\..*int64"):
                fn(ints)
        assert xp.fft.fft(xp.asarray([1.0, 2.0])).dtype == xp.complex128  # floats still fine


def test_refused_dtypes(backend: str) -> None:
    for data in (np.array([True, False]), np.ones(4, np.float16)):
        for fn in (xp.fft.fft, xp.fft.rfft, xp.fft.fftn, xp.fft.irfft):
            with pytest.raises(TypeError, match=rf"fft\.{fn.__name__}.*{data.dtype.name}"):
                fn(xp.asarray(data))
    with pytest.raises(TypeError, match=r"fft\.rfft.*complex128"):
        xp.fft.rfft(xp.asarray(CPLX))
    with pytest.raises(TypeError, match=r"fft\.ihfft.*complex64"):
        xp.fft.ihfft(xp.asarray(CPLX.astype(np.complex64)))


def test_argument_errors(backend: str) -> None:
    a = xp.asarray(CPLX)
    with pytest.raises(ValueError, match=r"fft\.fft.*norm.*'backward'"):
        xp.fft.fft(a, norm="none")
    with pytest.raises(ValueError, match=r"fft\.fftn.*norm"):
        xp.fft.fftn(a, norm=None)
    for func in ONE_D:
        with pytest.raises(ValueError, match=rf"fft\.{func}.*\bn\b"):
            getattr(xp.fft, func)(xp.asarray(REAL) if func in REAL_IN else a, n=0)
    with pytest.raises(ValueError, match=r"fft\.fftn.*axes.*distinct"):
        xp.fft.fftn(a, axes=(0, 0))
    with pytest.raises(ValueError, match=r"fft\.irfftn.*axes.*distinct"):
        xp.fft.irfftn(a, axes=(1, -2))
    with pytest.raises(ValueError, match=r"fft\.fftn.*\bs\b"):
        xp.fft.fftn(a, s=(2, 0))
    with pytest.raises(ValueError, match=r"fft\.fftn.*\bs\b"):
        xp.fft.fftn(a, s=(2, 3), axes=(0,))
    with pytest.raises(ValueError, match=r"fft\.ifftn.*\bs\b"):
        xp.fft.ifftn(a, s=(2, 2, 2, 2))
    with pytest.raises(ValueError, match=r"fft\.fft.*axis") as info:  # NumPy raises IndexError
        xp.fft.fft(a, axis=3)
    assert isinstance(info.value, IndexError)
    with pytest.raises(ValueError, match=r"fft\.rfftn.*axes"):
        xp.fft.rfftn(xp.asarray(REAL), axes=(0, 5))
    with pytest.raises(TypeError, match=r"fft\.fft.*\bn\b"):
        xp.fft.fft(a, n=2.5)


def test_a_call_seen_before_is_still_checked(backend: str) -> None:
    """Validated calls are remembered by dtype, shape and arguments: the same arguments again
    give the same values, and any other argument (a bool n, a bad norm, another dtype or
    shape, a list for s) goes through the checks again."""
    a = xp.asarray(CPLX)
    first = xp.fft.fft(a, n=4, axis=0)
    again = xp.fft.fft(a, n=4, axis=0)
    close(again, to_np(first), 0)
    with pytest.raises(TypeError, match=r"fft\.fft.*\bn\b"):
        xp.fft.fft(a, n=True, axis=0)
    with pytest.raises(ValueError, match=r"fft\.fft.*norm"):
        xp.fft.fft(a, n=4, axis=0, norm="none")
    with pytest.raises(TypeError, match=r"fft\.fft.*float16"):
        xp.fft.fft(xp.asarray(np.ones(CPLX.shape, np.float16)), n=4, axis=0)
    xp.fft.fftn(a, s=(2, 3), axes=(0, 1))
    with pytest.raises(ValueError, match=r"fft\.fftn.*\bs\b"):
        xp.fft.fftn(a, s=[2, 0], axes=(0, 1))
    with xp.use_promotion("strict"):
        xp.fft.fft(xp.asarray(REAL))  # floats are fine under every policy
        with pytest.raises(TypeError, match=r"fft\.fft.*int64"):
            xp.fft.fft(xp.asarray([1, 2, 3]))


def test_zero_d_and_empty(backend: str) -> None:
    scalar = xp.asarray(2.0)
    for func in ONE_D:  # NumPy raises (IndexError) for 0-d input: an AxisError is both
        with pytest.raises(ValueError, match=rf"fft\.{func}") as info:
            getattr(xp.fft, func)(scalar)
        assert isinstance(info.value, IndexError)
    with pytest.raises(ValueError, match=r"fft\.rfftn.*axes"):
        xp.fft.rfftn(scalar)
    got = xp.fft.fftn(scalar)  # no axis to transform: NumPy returns the input
    assert got.dtype == xp.complex128 and complex(got) == 2.0
    empty = np.ones((2, 0))
    for func in ("fft", "ifft", "rfft", "ihfft"):  # a zero-length axis is 0 data points: ValueError
        with pytest.raises(ValueError, match=rf"fft\.{func}.*\bn\b"):
            getattr(xp.fft, func)(xp.asarray(empty))
    with pytest.raises(ValueError, match=r"fft\.fftn"):
        xp.fft.fftn(xp.asarray(empty))
    close(
        xp.fft.fft(xp.asarray(empty), axis=0), np.fft.fft(empty, axis=0), 1e-12
    )  # other axes may be empty
    close(xp.fft.fft(xp.asarray(empty), n=3), np.fft.fft(empty, n=3), 1e-12)  # zero-padded
    with pytest.raises(ValueError, match=r"fft\.irfft.*\bn\b"):  # default n = 2 * (1 - 1) = 0
        xp.fft.irfft(xp.asarray(np.ones(1, complex)))


@settings(max_examples=25, deadline=None)
@given(
    backend=st.sampled_from(BACKENDS),
    shape=st.lists(st.integers(1, 6), min_size=1, max_size=3),
    data=st.data(),
    norm=st.sampled_from(NORMS),
    single=st.booleans(),
)
def test_round_trips(
    backend: str, shape: list[int], data: st.DataObject, norm: str, single: bool
) -> None:
    axis = data.draw(st.integers(-len(shape), len(shape) - 1), label="axis")
    x = np.random.default_rng(sum(shape)).standard_normal(shape)
    x = x.astype(np.float32) if single else x
    tol = 1e-5 if single else 1e-12
    with xp.use_backend(backend):
        a = xp.asarray(x)
        back = xp.fft.ifft(xp.fft.fft(a, axis=axis, norm=norm), axis=axis, norm=norm)
        np.testing.assert_allclose(to_np(back), x, atol=tol * 10)
        n = shape[axis]
        back = xp.fft.irfft(xp.fft.rfft(a, axis=axis, norm=norm), n=n, axis=axis, norm=norm)
        assert back.dtype == a.dtype
        np.testing.assert_allclose(to_np(back), x, atol=tol * 10)
        back = xp.fft.irfftn(xp.fft.rfftn(a, norm=norm), s=tuple(shape), norm=norm)
        np.testing.assert_allclose(to_np(back), x, atol=tol * 10 * len(shape))
        back = xp.fft.hfft(xp.fft.ihfft(a, axis=axis, norm=norm), n=n, axis=axis, norm=norm)
        np.testing.assert_allclose(to_np(back), x, atol=tol * 10)


def _energy(x: xp.Array) -> xp.Array:
    y = xp.fft.fft(x, n=8)
    return xp.sum(xp.abs(y) ** 2) + xp.sum(xp.real(xp.fft.irfft(xp.fft.rfft(x), n=6)) * x)


def test_jit_and_grad(backend: str) -> None:
    if backend == "numpy":
        pytest.skip("no automatic differentiation on numpy")
    x = xp.asarray([1.0, -2.0, 0.5, 3.0, 0.25, -1.0])
    if (
        backend == "tensorflow"
    ):  # tf.function traces the adapter's tf.signal code (torch.compile: slow)
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)  # no fallback to eager
            jf = xp.jit(lambda x: xp.fft.rfftn(xp.reshape(x, (2, 3)), axes=(1, 0), norm="ortho"))
            got = jf(x)
        assert got.dtype == xp.complex128 and got._backend.name == backend
        close(got, np.fft.rfftn(to_np(x).reshape(2, 3), axes=(1, 0), norm="ortho"), 1e-12)
        close(xp.jit(xp.fft.ihfft)(x), np.fft.ihfft(to_np(x)), 1e-12)
    # d/dx of sum|fft(x, n=8)|^2 = 8 * 2x (Parseval), plus d/dx sum(x * x) = 2x
    g = xp.grad(_energy)(x)
    assert g.dtype == xp.float64
    np.testing.assert_allclose(to_np(g), 18 * to_np(x), rtol=1e-10)


def test_fftfreq_rfftfreq(backend: str) -> None:
    for n in (1, 2, 5, 8):
        for spacing in (1.0, 0.5, 3):
            close(xp.fft.fftfreq(n, d=spacing), np.fft.fftfreq(n, d=spacing), 1e-15)
            close(xp.fft.rfftfreq(n, d=spacing), np.fft.rfftfreq(n, d=spacing), 1e-15)
    f = xp.fft.fftfreq(7, d=0.1, dtype=xp.float32)
    assert f.dtype == xp.float32 and f._backend.name == backend
    np.testing.assert_allclose(to_np(f), np.fft.fftfreq(7, d=0.1), rtol=1e-6)
    assert xp.fft.rfftfreq(6, dtype=xp.float32).dtype == xp.float32
    assert xp.fft.fftfreq(4, device=xp.fft.fftfreq(2).device).shape == (4,)
    with xp.use_promotion("float32"):
        assert xp.fft.fftfreq(4).dtype == xp.float32
    with pytest.raises(TypeError, match=r"fft\.fftfreq.*dtype"):
        xp.fft.fftfreq(4, dtype=xp.int64)
    with pytest.raises(TypeError, match=r"fft\.rfftfreq.*dtype"):
        xp.fft.rfftfreq(4, dtype=xp.complex64)
    with pytest.raises(ValueError, match=r"fft\.fftfreq.*\bn\b"):
        xp.fft.fftfreq(0)
    with pytest.raises(ValueError, match=r"fft\.rfftfreq.*\bd\b"):
        xp.fft.rfftfreq(4, d=0.0)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_fftfreq_hook_gives_the_composed_bits(
    backend: str, dtype: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # NumPy and torch build the frequencies in place (the backend's frequencies hook): the same
    # bits as arange, concat and multiply with a weak scalar, for odd and even n, at the edge
    # of float16's exact integers, with spacings whose reciprocal rounds and overflows float16
    cases = [(n, s) for n in (1, 2, 7, 8, 2047, 2048, 2049, 4097) for s in (1.0, 0.1, -1 / 3, 3)]
    cases += [(9, 1e-7), (64, 2.5e-3), (8, 1e38), (6, 3e307), (5, 1e308)]  # subnormal scales
    dt = getattr(xp, dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # float16 overflow to inf
        got = [
            to_np(getattr(xp.fft, f)(n, d=s, dtype=dt))
            for n, s in cases
            for f in ("fftfreq", "rfftfreq")
        ]
        monkeypatch.setattr(xp.fft, "_frequencies", lambda *args: None)
        want = [
            to_np(getattr(xp.fft, f)(n, d=s, dtype=dt))
            for n, s in cases
            for f in ("fftfreq", "rfftfreq")
        ]
    for g, w in zip(got, want, strict=True):
        assert g.dtype == w.dtype and g.shape == w.shape
        assert np.array_equal(g, w, equal_nan=True), (g[:4], w[:4])
        assert np.array_equal(np.signbit(g), np.signbit(w))


@pytest.mark.parametrize("axes", [None, 0, -1, (0, 2), (1,), (2, 0, 1)])
def test_fftshift_ifftshift(backend: str, axes: object) -> None:
    data = np.arange(3 * 4 * 5).reshape(3, 4, 5)
    a = xp.asarray(data)
    for ours, theirs in ((xp.fft.fftshift, np.fft.fftshift), (xp.fft.ifftshift, np.fft.ifftshift)):
        got = ours(a, axes=axes)
        assert got.dtype == xp.int64
        assert to_np(got).tolist() == theirs(data, axes=axes).tolist()
    odd = np.fft.fftfreq(7)
    assert to_np(xp.fft.ifftshift(xp.fft.fftshift(xp.asarray(odd)))).tolist() == odd.tolist()
    with pytest.raises(ValueError, match=r"fft\.fftshift.*axes"):
        xp.fft.fftshift(a, axes=3)


def test_backend_without_hook_refuses() -> None:
    from arrayshim.backend_api import Backend

    with pytest.raises(NotImplementedError, match=r"fft\.rfft.*'toy'"):
        Backend.fft_rfft(type("Toy", (), {"name": "toy"})(), None, 4, 0, "backward")
    with xp.use_backend("toy"):
        with pytest.raises(NotImplementedError, match=r"fft\.fft\(\).*'toy'"):
            xp.fft.fft(xp.asarray([1.0, 2.0]))
