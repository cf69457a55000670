"""xp.linalg on every backend: values against NumPy, decompositions by their defining
properties (eigenvectors, QR and SVD factors are not unique), dtypes and refusals."""

from __future__ import annotations

import math

import numpy as np
import pytest

import arrayshim as xp
from arrayshim.backend_api import Backend
from tests.conftest import to_np

RNG = np.random.default_rng(7)
A = RNG.standard_normal((2, 4, 4))
SPD = A @ np.swapaxes(A, -1, -2) + 4 * np.eye(4)
C = A + 1j * RNG.standard_normal((2, 4, 4))
HPD = C @ np.conj(np.swapaxes(C, -1, -2)) + 4 * np.eye(4)
W = RNG.standard_normal((2, 5, 3))  # wide and tall matrices for qr/svd/pinv
TOL = {"rtol": 1e-9, "atol": 1e-9}


def close(x: object, ref: object, **tol: float) -> None:
    np.testing.assert_allclose(to_np(x), ref, **(tol or TOL))


def test_lazy_module() -> None:
    assert "linalg" in dir(xp)
    assert xp.linalg.matmul is xp.matmul and xp.linalg.vecdot is xp.vecdot


@pytest.mark.parametrize("data", [A, C], ids=["real", "complex"])
def test_det_inv_slogdet(backend: str, data: np.ndarray) -> None:
    a = xp.asarray(data)
    close(xp.linalg.det(a), np.linalg.det(data))
    close(xp.linalg.inv(a), np.linalg.inv(data))
    sign, logabs = xp.linalg.slogdet(a)
    assert sign.dtype == a.dtype and logabs.dtype == xp.float64
    ref = np.linalg.slogdet(data)
    close(sign, ref.sign)
    close(logabs, ref.logabsdet)


def test_singular_raises_value_error(backend: str) -> None:
    with pytest.raises(ValueError, match=r"linalg\.inv"):
        xp.linalg.inv(xp.asarray([[1.0, 2.0], [2.0, 4.0]]))
    with pytest.raises(ValueError, match=r"linalg\.cholesky"):
        xp.linalg.cholesky(xp.asarray([[1.0, 2.0], [2.0, 1.0]]))


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
def test_cholesky_refuses_every_matrix_that_is_not_positive_definite(
    backend: str, dtype: str
) -> None:
    """One bad matrix in a stack (indefinite, zero; NaN on TensorFlow) raises; a good
    stack, and an empty one, gives exact zeros above the diagonal (TensorFlow's CPU kernel leaves
    garbage there on failure, and the adapter tests the diagonal instead of clearing it)."""
    good = SPD.astype(dtype)  # two 4x4 matrices
    bads = [np.diag([1.0, -1.0, 1.0, 1.0]), np.zeros((4, 4))]
    if backend == "tensorflow":  # (NumPy's LAPACK returns NaN there, so do numpy and jax)
        bads.append(np.diag([1.0, np.nan, 1, 1]))
    for bad in bads:
        stack = good.copy()
        stack[1] = bad
        with pytest.raises(ValueError, match=r"linalg\.cholesky"):
            xp.linalg.cholesky(xp.asarray(stack))
    lower = to_np(xp.linalg.cholesky(xp.asarray(good)))
    upper = to_np(xp.linalg.cholesky(xp.asarray(good), upper=True))
    assert (np.triu(lower, 1) == 0).all() and (np.tril(upper, -1) == 0).all()
    assert to_np(xp.linalg.cholesky(xp.asarray(good[:0]))).shape == (0, 4, 4)


@pytest.mark.parametrize("data", [SPD, HPD], ids=["real", "complex"])
def test_cholesky(backend: str, data: np.ndarray) -> None:
    a = xp.asarray(data)
    lower = to_np(xp.linalg.cholesky(a))
    upper = to_np(xp.linalg.cholesky(a, upper=True))
    assert np.allclose(np.triu(lower, 1), 0) and np.allclose(np.tril(upper, -1), 0)
    close(lower @ np.conj(np.swapaxes(lower, -1, -2)), data)
    close(np.conj(np.swapaxes(upper, -1, -2)) @ upper, data)


@pytest.mark.parametrize("data", [SPD, HPD], ids=["real", "complex"])
def test_eigh(backend: str, data: np.ndarray) -> None:
    w, v = xp.linalg.eigh(xp.asarray(data))
    assert w.dtype == xp.float64 and v.dtype == xp.asarray(data).dtype
    w, v = to_np(w), to_np(v)
    close(data @ v, v * w[..., None, :])
    close(np.conj(np.swapaxes(v, -1, -2)) @ v, np.broadcast_to(np.eye(4), v.shape), atol=1e-9)
    close(w, np.linalg.eigvalsh(data))
    close(xp.linalg.eigvalsh(xp.asarray(data)), np.linalg.eigvalsh(data))


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128"])
def test_eig(backend: str, dtype: str) -> None:
    data = (C if dtype.startswith("complex") else A).astype(dtype)
    a = xp.asarray(data)
    w, v = xp.linalg.eig(a)
    want = xp.complex64 if dtype == "float32" else xp.complex128
    assert w.dtype == want and v.dtype == want
    tol = {"rtol": 1e-4, "atol": 1e-4} if dtype == "float32" else TOL
    w, v = to_np(w), to_np(v)
    close(data @ v, v * w[..., None, :], **tol)
    ev = to_np(xp.linalg.eigvals(a))
    assert xp.linalg.eigvals(a).dtype == want
    close(np.sort_complex(ev), np.sort_complex(np.linalg.eigvals(data).astype(ev.dtype)), **tol)


@pytest.mark.parametrize("mode", ["reduced", "complete"])
@pytest.mark.parametrize("data", [W, np.swapaxes(W, -1, -2), C], ids=["tall", "wide", "complex"])
def test_qr(backend: str, data: np.ndarray, mode: str) -> None:
    q, r = (to_np(t) for t in xp.linalg.qr(xp.asarray(data), mode=mode))
    m, n = data.shape[-2:]
    k = min(m, n) if mode == "reduced" else m
    assert q.shape == data.shape[:-2] + (m, k) and r.shape == data.shape[:-2] + (k, n)
    close(q @ r, data)
    close(
        np.conj(np.swapaxes(q, -1, -2)) @ q,
        np.broadcast_to(np.eye(k), q.shape[:-2] + (k, k)),
        atol=1e-9,
    )
    assert np.allclose(np.tril(r, -1), 0)


@pytest.mark.parametrize("full", [True, False])
@pytest.mark.parametrize("data", [W, np.swapaxes(W, -1, -2), C], ids=["tall", "wide", "complex"])
def test_svd(backend: str, data: np.ndarray, full: bool) -> None:
    u, s, vh = xp.linalg.svd(xp.asarray(data), full_matrices=full)
    assert s.dtype == xp.float64
    u, s, vh = to_np(u), to_np(s), to_np(vh)
    k = s.shape[-1]
    close(u[..., :, :k] @ (s[..., :, None] * vh[..., :k, :]), data)
    m, n = data.shape[-2:]
    assert u.shape[-2:] == ((m, m) if full else (m, k)) and vh.shape[-2:] == (
        (n, n) if full else (k, n)
    )
    close(s, np.linalg.svd(data, compute_uv=False))
    close(xp.linalg.svdvals(xp.asarray(data)), np.linalg.svd(data, compute_uv=False))


def test_solve(backend: str) -> None:
    a = xp.asarray(A)
    close(xp.linalg.solve(a, xp.asarray(SPD)), np.linalg.solve(A, SPD))
    b = np.arange(4.0)
    close(xp.linalg.solve(a, xp.asarray(b)), np.linalg.solve(A, b))
    rhs = RNG.standard_normal((4, 2))  # broadcast batch dimensions
    close(xp.linalg.solve(a, xp.asarray(rhs)), np.linalg.solve(A, rhs))
    with pytest.raises(ValueError, match="rows"):
        xp.linalg.solve(a, xp.asarray(np.ones((3, 2))))


def test_pinv_matrix_rank(backend: str) -> None:
    close(xp.linalg.pinv(xp.asarray(W)), np.linalg.pinv(W))
    close(xp.linalg.pinv(xp.asarray(C)), np.linalg.pinv(C))
    low = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]])
    r = xp.linalg.matrix_rank(xp.asarray(low))
    assert r.dtype == xp.int64 and int(r) == 2
    assert to_np(xp.linalg.matrix_rank(xp.asarray(W))).tolist() == [3, 3]
    assert int(xp.linalg.matrix_rank(xp.asarray(np.diag([1.0, 1e-3, 0.0])), rtol=1e-2)) == 1


@pytest.mark.parametrize("order", ["fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf])
def test_matrix_norm(backend: str, order: object) -> None:
    for data in (W, C):
        r = xp.linalg.matrix_norm(xp.asarray(data), ord=order, keepdims=True)
        assert r.dtype == xp.float64
        close(r, np.linalg.norm(data, ord=order, axis=(-2, -1), keepdims=True))


@pytest.mark.parametrize("order", [2, 1, 0, 3, -1, math.inf, -math.inf])
def test_vector_norm(backend: str, order: object) -> None:
    for data in (W, C):
        a = xp.asarray(data)
        close(
            xp.linalg.vector_norm(a, ord=order, axis=-1), np.linalg.norm(data, ord=order, axis=-1)
        )
        close(
            xp.linalg.vector_norm(a, ord=order, axis=(0, 2), keepdims=True),
            np.linalg.vector_norm(data, ord=order, axis=(0, 2), keepdims=True),
        )
    assert xp.linalg.vector_norm(xp.asarray(C.astype(np.complex64))).dtype == xp.float32
    close(xp.linalg.vector_norm(xp.asarray(W)), np.linalg.norm(W.ravel()))


def test_matrix_power(backend: str) -> None:
    a = xp.asarray(A)
    for n in (0, 1, 2, 5, -1, -3):
        close(xp.linalg.matrix_power(a, n), np.linalg.matrix_power(A, n), rtol=1e-7, atol=1e-9)
    ints = xp.asarray([[1, 1], [1, 0]])
    p = xp.linalg.matrix_power(ints, 10)
    assert p.dtype == xp.int64 and to_np(p).tolist() == [[89, 55], [55, 34]]


@pytest.mark.parametrize("offset", [-5, -2, -1, 0, 1, 3, 9])
def test_diagonal_trace(backend: str, offset: int) -> None:
    data = np.arange(2 * 3 * 5).reshape(2, 3, 5)
    a = xp.asarray(data)
    d = xp.linalg.diagonal(a, offset=offset)
    assert to_np(d).tolist() == np.diagonal(data, offset, -2, -1).tolist() and d.dtype == a.dtype
    assert (
        to_np(xp.linalg.trace(a, offset=offset)).tolist()
        == np.trace(data, offset, axis1=-2, axis2=-1).tolist()
    )
    assert xp.linalg.trace(a, offset=offset, dtype=xp.float64).dtype == xp.float64


@pytest.mark.parametrize(
    "name", ["int8", "uint8", "uint16", "uint64", "float16", "float32", "float64", "complex64"]
)
def test_trace_is_the_sum_of_the_diagonal(backend: str, name: str) -> None:
    # the adapters' one-call trace (Backend.diagonal_sum) against sum(diagonal): dtype and values
    data = RNG.integers(0, 50, (2, 4, 6)) if name[0] in "iu" else RNG.standard_normal((2, 4, 6))
    data = data.astype(name)
    for x in (data, np.swapaxes(data, -1, -2)[..., ::-1, :]):
        a = xp.asarray(np.ascontiguousarray(x))
        if x is not data:
            a = xp.flip(xp.matrix_transpose(xp.asarray(data)), axis=-2)  # a strided view
        for offset in (0, 2, -1, -4, 7):
            for dtype in (None, xp.float64 if name != "complex64" else xp.complex128):
                got = xp.linalg.trace(a, offset=offset, dtype=dtype)
                ref = xp.sum(xp.linalg.diagonal(a, offset=offset), axis=-1, dtype=dtype)
                assert got.dtype == ref.dtype and got.shape == ref.shape
                assert np.array_equal(to_np(got), to_np(ref), equal_nan=True)
                np.testing.assert_allclose(
                    to_np(got).astype("complex128"),
                    np.trace(x.astype("complex128"), offset, -2, -1),
                    rtol=2e-3 if name == "float16" else 1e-5,
                    atol=1e-2 if name == "float16" else 1e-6,  # sums near zero
                )


@pytest.mark.parametrize("dtype", [dt.name for dt in xp._dtypes.ALL])
def test_diagonal_every_dtype_bit_for_bit(backend: str, dtype: str) -> None:
    """The adapters' one-kernel diagonal (``Backend.diagonal``) and the strided slice give
    NumPy's elements bit for bit (NaN, -0.0), for offsets in and beyond the matrices, on stacks
    with an empty batch, the first time and from a remembered plan."""
    for shape in [(2, 3, 5), (5, 3), (0, 4, 4)]:
        data = RNG.integers(-3, 4, size=shape).astype(dtype)
        if data.dtype.kind in "fc" and data.size:
            data[..., 0, 0], data[..., 1, 1] = np.nan, -0.0
        a = xp.asarray(data)
        for offset in (-6, -2, 0, 1, 4, 7):
            want = np.diagonal(data, offset, -2, -1)
            for _ in range(2):
                got = to_np(xp.linalg.diagonal(a, offset=offset))
                assert got.dtype == want.dtype and got.shape == want.shape, (shape, offset)
                assert got.tobytes() == want.tobytes(), (shape, offset, got, want)


@pytest.mark.parametrize("dtype", ["int8", "uint16", "int64", "float16", "float32", "float64"])
def test_cross_hook_matches_the_composition_bit_for_bit(
    backend: str, dtype: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The adapters' one-kernel cross (``Backend.cross``) gives the composed products'
    bits: overflow, underflow, NaN, wrapping integers, broadcasting and another axis."""
    if backend in ("torch", "jax") and dtype[0] == "f":
        pytest.skip("torch.linalg.cross and jnp.cross fuse the products (FMA): an ulp apart")
    with np.errstate(all="ignore"):
        if dtype[0] in "iu":
            u = RNG.integers(-(2**62), 2**62, size=(50, 3)).astype(dtype)
            v = RNG.integers(-(2**62), 2**62, size=(1, 3)).astype(dtype)
        else:
            u = (RNG.standard_normal((50, 3)) * 10.0 ** RNG.integers(-40, 40, (50, 3))).astype(
                dtype
            )
            v = (RNG.standard_normal((1, 3)) * 10.0 ** RNG.integers(-40, 40, (1, 3))).astype(dtype)
            u[0, 0], u[1, 1] = np.nan, -0.0
    calls = [
        (xp.asarray(u), xp.asarray(v), -1),
        (xp.asarray(v), xp.asarray(u), -1),
        (xp.asarray(u.ravel()[:30].reshape(3, 2, 5)), xp.asarray(v.reshape(3, 1, 1)), -3),
    ]
    with np.errstate(all="ignore"):  # the NumPy backend's products of infinities
        hooked = [to_np(xp.linalg.cross(a, b, axis=axis)) for a, b, axis in calls]
        monkeypatch.setattr(xp.asarray(u)._backend, "cross", lambda *args: None)
        composed = [to_np(xp.linalg.cross(a, b, axis=axis)) for a, b, axis in calls]
    for got, want in zip(hooked, composed, strict=True):
        assert got.dtype == want.dtype and got.shape == want.shape
        assert got.tobytes() == want.tobytes(), (got, want)


def test_diagonal_kernel_matches_the_strided_slice(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Backend.diagonal`` (one kernel where the adapter has it) and the composed reshape and
    strided slice give the same dtype, shape and bits, the checked call remembered or not."""
    z = np.array([0.0, -0.0, np.nan, np.inf, -np.inf, 1.5])
    arrays = [
        np.resize(z + 1j * z[::-1], (2, 3, 4)).astype(np.complex64),
        np.resize(z, (4, 3)),
        np.arange(12).reshape(3, 4) % 2 == 0,
        np.arange(24, dtype=np.int8).reshape(2, 1, 3, 4),
        np.zeros((0, 3)),
        np.zeros((4, 0), np.uint16),
        np.zeros((3, 3, 1), np.float32),
    ]
    cases = [(x, k) for x in arrays for k in (-5, -1, 0, 1, 2, 9)]

    def outcomes() -> list:
        out = []
        for x, k in cases:
            a = xp.asarray(x)
            for _ in range(2):  # checked, then remembered
                r = xp.linalg.diagonal(a, offset=k)
                out.append((r.dtype, r.shape, to_np(r).tobytes()))
        return out

    fast = outcomes()
    monkeypatch.setattr(type(xp.asarray(0)._backend), "diagonal", Backend.diagonal)
    xp.linalg._DIAGONAL._table.clear()
    assert fast == outcomes()


def test_outer_cross_and_reexports(backend: str) -> None:
    x, y = np.array([1, 2, 3]), np.array([4.0, 5.0])
    o = xp.linalg.outer(xp.asarray(x), xp.asarray(y))
    assert o.dtype == xp.float64 and to_np(o).tolist() == np.outer(x, y).tolist()
    u = RNG.integers(-5, 5, (4, 3))
    v = RNG.integers(-5, 5, (3,))
    assert to_np(xp.linalg.cross(xp.asarray(u), xp.asarray(v))).tolist() == np.cross(u, v).tolist()
    ut = np.ascontiguousarray(u.T)
    assert (
        to_np(xp.linalg.cross(xp.asarray(ut), xp.asarray(ut[::-1]), axis=-2)).tolist()
        == np.cross(ut, ut[::-1], axis=-2).tolist()
    )
    with pytest.raises(ValueError):
        xp.linalg.cross(xp.asarray(np.ones((4, 2))), xp.asarray(np.ones((4, 2))))
    close(
        xp.linalg.tensordot(xp.asarray(W), xp.asarray(W), axes=([1, 2], [1, 2])),
        np.tensordot(W, W, axes=([1, 2], [1, 2])),
    )
    close(xp.linalg.matrix_transpose(xp.asarray(W)), np.swapaxes(W, -1, -2))


def test_dtype_rules(backend: str) -> None:
    ints = xp.asarray([[2, 1], [1, 3]])
    assert xp.linalg.det(ints).dtype == xp.float64  # numpy policy: cast to the default float
    close(xp.linalg.inv(ints), np.linalg.inv(np.array([[2, 1], [1, 3]])))
    assert xp.linalg.vector_norm(ints).dtype == xp.float64
    with xp.use_promotion("float32"):
        assert xp.linalg.det(ints).dtype == xp.float32
    f32 = xp.asarray(A.astype(np.float32))
    assert xp.linalg.inv(f32).dtype == xp.float32 and xp.linalg.svdvals(f32).dtype == xp.float32
    with xp.use_promotion("strict"):
        for fn in (
            xp.linalg.det,
            xp.linalg.inv,
            xp.linalg.eigh,
            xp.linalg.vector_norm,
            xp.linalg.svd,
        ):
            with pytest.raises(TypeError, match="int64"):
                fn(ints)
    with pytest.raises(TypeError):
        xp.linalg.det(xp.asarray([[True, False], [False, True]]))
    with pytest.raises(TypeError, match="float16"):
        xp.linalg.inv(xp.asarray(np.eye(2, dtype=np.float16)))


def test_shape_errors(backend: str) -> None:
    with pytest.raises(ValueError, match="square"):
        xp.linalg.det(xp.asarray(W))
    with pytest.raises(ValueError, match="matri"):
        xp.linalg.svd(xp.asarray([1.0, 2.0]))
    with pytest.raises(ValueError, match="mode"):
        xp.linalg.qr(xp.asarray(A), mode="r")
    with pytest.raises(ValueError, match="ord"):
        xp.linalg.matrix_norm(xp.asarray(A), ord=3)
    with pytest.raises(ValueError, match="1-D"):
        xp.linalg.outer(xp.asarray(A), xp.asarray([1.0]))


def test_backend_without_hook_refuses() -> None:
    from arrayshim.backend_api import Backend

    with pytest.raises(NotImplementedError, match=r"linalg\.det.*'toy'"):
        Backend.linalg_det(type("Toy", (), {"name": "toy"})(), None)
