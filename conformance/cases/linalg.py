"""The ``linalg`` extension: one case per function of ``xp.linalg``.

Functions whose results are unique (``det``, ``inv``, ``solve``, the norms, ``svdvals`` ...)
are compared with NumPy computed in 64-bit precision on the same (drawn) input, within a
tolerance scaled to the condition of the problem: ``K * eps * n * cond(A)`` relative to the
size of the result, per matrix (``eps`` of the result's dtype). Decompositions whose factors
are not unique (``eigh``, ``eig``, ``qr``, ``svd``, ``cholesky``) are checked by their
defining properties (reconstruction, orthonormality, triangularity, order) and the standard's
dtype and shape rules; their unique parts (eigenvalues, singular values) against NumPy.

Inputs of the decompositions are well conditioned: elements within ±10, no special values;
a square matrix whose condition number exceeds ``COND`` is shifted towards the identity (and
then has its rows permuted and one of them negated, so that determinants of both signs and
pivoting still occur). Integer inputs are cast to the default float (float64) under the
default promotion policy and refused (``TypeError``) under the ``strict`` one.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import arrayshim as xp

from .. import strategies as S
from ..engine import EXACT, Call, Case, Tol

CAT = "linalg extension"
#: decompositions and solvers: the standard's floating dtypes plus one integer dtype
DECOMP_INT = S.DECOMP + ("int64",)
#: the default integer and float of every backend (under the default policy)
INDEX = "int64"
BOUND = 10
TINY = 1e-3
#: square inputs with a larger 2-norm condition number are shifted towards the identity
COND = 1e3
#: the constant of every ``K * eps * n * ...`` tolerance
K = 16.0

BATCH = hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=3)
BATCH1 = hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3)
SUM_TOL = Tol(ulps=4.0, scaled=4.0, zero_sign=False)


# ---------------------------------------------------------------------------------------------
# dtypes
# ---------------------------------------------------------------------------------------------


def _float_of(dtype: str) -> str:
    """The dtype a decomposition computes in: integers become the default float."""
    return "float64" if dtype in S.INTEGER else dtype


def _real_of(dtype: str) -> str:
    return {"complex64": "float32", "complex128": "float64"}.get(_float_of(dtype), _float_of(dtype))


def _complex_of(dtype: str) -> str:
    return {"float32": "complex64", "float64": "complex128"}.get(_float_of(dtype), _float_of(dtype))


def _eps(dtype: str) -> float:
    return float(np.finfo(_real_of(dtype)).eps)


def _hi(a: np.ndarray) -> np.ndarray:
    """``a`` in 64-bit precision (the reference computes there)."""
    return a.astype(np.complex128 if a.dtype.kind == "c" else np.float64)


# ---------------------------------------------------------------------------------------------
# drawing
# ---------------------------------------------------------------------------------------------


def _mat(
    data: st.DataObject, dtype: str, shape: tuple, label: str = "x", bound: float = BOUND
) -> np.ndarray:
    """Elements within ±``bound``; floating ones 0 or of magnitude at least ``TINY`` (each
    component): elements of very different magnitudes make the decompositions' error bounds
    (relative to the norm of the matrix) and the tolerances here meaningless."""
    if dtype in S.INTEGER:
        return data.draw(S.arrays(dtype, shape, bound=int(bound), lo=-int(bound)), label=label)
    a = data.draw(S.arrays(dtype, shape, bound=bound, specials=False), label=label)
    if a.dtype.kind == "c":
        return (_flush(a.real) + 1j * _flush(a.imag)).astype(dtype)
    return _flush(a)


def _flush(a: np.ndarray) -> np.ndarray:
    return np.where(np.abs(a) < TINY, np.zeros_like(a), a)


def _batch(data: st.DataObject) -> tuple:
    """Batch dimensions: empty ones (a side 0) in about one draw of six (hypothesis favours
    the ends of a range: an empty shape is the middle value)."""
    return data.draw(
        BATCH if data.draw(st.integers(0, 5), label="empty batch") == 3 else BATCH1, label="batch"
    )


def _side(data: st.DataObject, label: str = "n", lo: int = 0) -> int:
    """A matrix side up to 4: 0 in about one draw of eight."""
    if lo == 0 and data.draw(st.integers(0, 7), label=f"{label} is 0") == 5:
        return 0
    return data.draw(st.integers(max(lo, 1), 4), label=label)


def _cond(a: np.ndarray) -> np.ndarray:
    """The 2-norm condition number of each matrix (1 for empty matrices), shape (...)."""
    a = _hi(a)
    if a.shape[-1] == 0 or a.shape[-2] == 0:
        return np.ones(a.shape[:-2])
    s = np.linalg.svd(a, compute_uv=False)
    with np.errstate(all="ignore"):
        return np.where(s[..., -1] > 0, s[..., 0] / np.where(s[..., -1] > 0, s[..., -1], 1), np.inf)


def _square(
    data: st.DataObject, dtype: str, *, min_n: int = 0, batch: tuple | None = None, label: str = "x"
) -> np.ndarray:
    """Well-conditioned square matrices (..., n, n) of ``dtype`` (see the module docstring)."""
    if batch is None:
        batch = _batch(data)
    n = _side(data, label=f"{label} n", lo=min_n)
    a = _mat(data, dtype, batch + (n, n), label)
    if n == 0 or not a.size:
        return a
    bad = _cond(a) > COND
    if np.any(bad):
        shift = (n * BOUND + 1) * np.eye(n, dtype=a.dtype)
        a = np.where(bad[..., None, None], a + shift, a).astype(dtype)
        perm = list(data.draw(st.permutations(range(n)), label=f"{label} row order"))
        a = a[..., perm, :]
        if data.draw(st.booleans(), label=f"{label} negate a row"):
            a[..., 0, :] = -a[..., 0, :] if dtype not in S.UNSIGNED else a[..., 0, :]
    return a


def _hermitian(data: st.DataObject, dtype: str, *, definite: bool) -> np.ndarray:
    """Exactly Hermitian matrices; positive-definite ones as ``A @ A^H + n*I``."""
    batch = _batch(data)
    n = _side(data)
    a = _mat(data, dtype, batch + (n, n))
    ah = np.conj(np.swapaxes(a, -1, -2))
    if definite:
        h = a @ ah + n * np.eye(n, dtype=a.dtype)
    else:
        h = a + ah
    if dtype not in S.INTEGER:
        h = (h + np.conj(np.swapaxes(h, -1, -2))) / 2  # exactly Hermitian, real diagonal
    return h.astype(dtype)


def _general(data: st.DataObject, dtype: str) -> np.ndarray:
    batch = _batch(data)
    m, n = _side(data, "m"), _side(data, "n")
    return _mat(data, dtype, batch + (m, n))


# ---------------------------------------------------------------------------------------------
# checking
# ---------------------------------------------------------------------------------------------


def _expect(got: object, dtype: str, shape: tuple, where: str) -> np.ndarray:
    assert isinstance(got, xp.Array), (
        f"{where}: expected an arrayshim Array, got {type(got).__name__}"
    )
    assert got.dtype.name == dtype, f"{where}: dtype {got.dtype.name}, expected {dtype}"
    assert tuple(got.shape) == tuple(shape), (
        f"{where}: shape {tuple(got.shape)}, expected {tuple(shape)}"
    )
    return np.asarray(got)


def _close(g: np.ndarray, r: np.ndarray, atol: object, where: str) -> None:
    """``|g - r| <= atol`` elementwise (complex: the modulus of the difference); NaN fails."""
    r = np.asarray(r)
    with np.errstate(all="ignore"):
        err = np.abs(g.astype(np.complex128) - r.astype(np.complex128))
        allowed = np.broadcast_to(np.asarray(atol, dtype=np.float64), r.shape) + 1e-300
        bad = ~(err <= allowed) & ~(np.isinf(r) & (g == r))
    if np.any(bad):
        idx = tuple(int(i) for i in np.argwhere(np.atleast_1d(bad))[0]) if bad.ndim else ()
        raise AssertionError(
            f"{where}: {int(bad.sum())} of {bad.size} values differ, first at {idx}: "
            f"got {g[idx]!r}, expected {r[idx]!r} within {allowed[idx]:.3g}"
        )


def _mmax(a: np.ndarray, core: int = 2) -> np.ndarray:
    """max|a| over the last ``core`` axes (0 for empty), shape ``a.shape[:-core]``."""
    return np.max(np.abs(a), axis=tuple(range(-core, 0)), initial=0.0) if core else np.abs(a)


def _eye_like(a: np.ndarray, k: int) -> np.ndarray:
    return np.broadcast_to(np.eye(k), a.shape[:-2] + (k, k))


def _ct(a: np.ndarray) -> np.ndarray:
    return np.conj(np.swapaxes(a, -1, -2))


def _orthonormal_columns(q: np.ndarray, dtype: str, where: str) -> None:
    k = q.shape[-1]
    n = max(q.shape[-2], 1)
    _close(_ct(_hi(q)) @ _hi(q), _eye_like(q, k), K * _eps(dtype) * n, f"{where}: Q^H Q = I")


def _strict(fn: object, x: np.ndarray, dtype: str, *more: object, **kw: object) -> None:
    """Integer input: refused (TypeError) under the ``strict`` promotion policy."""
    if dtype in S.INTEGER:
        with xp.use_promotion("strict"), pytest.raises(TypeError):
            fn(xp.asarray(x), *more, **kw)  # type: ignore[operator]


def _not_square(fn: object) -> None:
    with pytest.raises(ValueError):
        fn(xp.zeros((2, 3)))  # type: ignore[operator]


# ---------------------------------------------------------------------------------------------
# cholesky
# ---------------------------------------------------------------------------------------------


def _draw_cholesky(data: st.DataObject, dtype: str) -> Call:
    return Call(
        (_hermitian(data, dtype, definite=True),),
        {"upper": data.draw(st.booleans(), label="upper")},
    )


def _check_cholesky(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    upper = call.kwargs["upper"]
    c = _expect(got, _float_of(dtype), a.shape, "cholesky")
    tri = np.tril(c, -1) if upper else np.triu(c, 1)
    assert not np.any(tri), (
        f"cholesky(upper={upper}): nonzero elements {'below' if upper else 'above'} the diagonal"
    )
    diag = np.diagonal(c, axis1=-2, axis2=-1)
    assert np.all(diag.real > 0) and not np.any(diag.imag), (
        f"cholesky: diagonal not real positive: {diag!r}"
    )
    c64 = _hi(c)
    rebuilt = _ct(c64) @ c64 if upper else c64 @ _ct(c64)
    n = max(a.shape[-1], 1)
    _close(
        rebuilt, _hi(a), K * _eps(dtype) * n * _mmax(a)[..., None, None], "cholesky: L @ L^H = x"
    )
    ref = np.linalg.cholesky(_hi(a), upper=upper)  # unique (positive diagonal)
    _close(
        c64,
        ref,
        K * _eps(dtype) * n * _cond(a)[..., None, None] * _mmax(ref)[..., None, None],
        "cholesky vs NumPy",
    )
    _strict(xp.linalg.cholesky, a, dtype)
    _not_square(xp.linalg.cholesky)


# ---------------------------------------------------------------------------------------------
# det, slogdet, inv, solve
# ---------------------------------------------------------------------------------------------


def _draw_det(data: st.DataObject, dtype: str) -> Call:
    a = _square(data, dtype)
    if a.shape[-1] and a.size and data.draw(st.integers(0, 4), label="singular") == 0:
        a = a.copy()
        a[..., -1, :] = 0  # exactly singular: every LU finds an exact zero pivot
    return Call((a,))


def _det_tol(a: np.ndarray, dtype: str) -> np.ndarray:
    n = a.shape[-1]
    return K * _eps(dtype) * max(n, 1) ** 2 * np.where(np.isfinite(_cond(a)), _cond(a), 0)


def _check_det(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    g = _expect(got, _float_of(dtype), a.shape[:-2], "det")
    ref = np.linalg.det(_hi(a))
    _close(g, ref, _det_tol(a, dtype) * np.abs(ref), "det")
    _strict(xp.linalg.det, a, dtype)
    _not_square(xp.linalg.det)


def _check_slogdet(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    assert getattr(got, "_fields", None) == ("sign", "logabsdet"), (
        f"slogdet: expected fields (sign, logabsdet), got {got!r}"
    )
    sign = _expect(got.sign, _float_of(dtype), a.shape[:-2], "slogdet.sign")
    logabs = _expect(got.logabsdet, _real_of(dtype), a.shape[:-2], "slogdet.logabsdet")
    ref = np.linalg.slogdet(_hi(a))
    tol = _det_tol(a, dtype)
    _close(sign, ref.sign, tol, "slogdet.sign")
    _close(logabs, ref.logabsdet, tol, "slogdet.logabsdet")
    _strict(xp.linalg.slogdet, a, dtype)


def _draw_inv(data: st.DataObject, dtype: str) -> Call:
    return Call((_square(data, dtype),))


def _check_inv(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    g = _expect(got, _float_of(dtype), a.shape, "inv")
    ref = np.linalg.inv(_hi(a))
    n = max(a.shape[-1], 1)
    _close(
        g, ref, K * _eps(dtype) * n * _cond(a)[..., None, None] * _mmax(ref)[..., None, None], "inv"
    )
    _strict(xp.linalg.inv, a, dtype)
    _not_square(xp.linalg.inv)
    with pytest.raises(ValueError):
        xp.linalg.inv(xp.zeros((2, 2)))


def _draw_solve(data: st.DataObject, dtype: str) -> Call:
    b1, b2 = data.draw(
        hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2, max_side=3),
        label="batch",
    ).input_shapes
    a = _square(data, dtype, batch=b1, label="x1")
    n = a.shape[-1]
    if data.draw(st.integers(0, 3), label="x2 1-D") == 0:
        return Call((a, _mat(data, dtype, (n,), "x2")))
    k = data.draw(st.integers(0, 3), label="k")
    return Call((a, _mat(data, dtype, b2 + (n, k), "x2")))


def _check_solve(got: object, call: Call, dtype: str) -> None:
    a, b = call.args
    vector = b.ndim == 1
    ref = np.linalg.solve(_hi(a), _hi(b))
    g = _expect(got, _float_of(dtype), ref.shape, "solve")
    n = max(a.shape[-1], 1)
    core = 1 if vector else 2
    batch = ref.shape[:-core]
    cond = np.broadcast_to(_cond(a), batch)
    size = _mmax(ref, core)
    atol = K * _eps(dtype) * n * cond * size
    _close(g, ref, atol.reshape(batch + (1,) * core), "solve")
    _strict(xp.linalg.solve, a, dtype, xp.asarray(_hi(b)))


# ---------------------------------------------------------------------------------------------
# eigh, eigvalsh, eig, eigvals
# ---------------------------------------------------------------------------------------------


def _draw_hermitian(data: st.DataObject, dtype: str) -> Call:
    return Call((_hermitian(data, dtype, definite=False),))


def _eig_atol(a: np.ndarray, dtype: str) -> np.ndarray:
    """``K * eps * n * ||A||`` per matrix, shape (...)."""
    n = max(a.shape[-1], 1)
    return K * _eps(dtype) * n * n * _mmax(a)


def _check_eigvalsh_values(w: np.ndarray, a: np.ndarray, dtype: str, where: str) -> None:
    assert np.all(np.diff(w, axis=-1) >= 0), f"{where}: eigenvalues not in ascending order: {w!r}"
    ref = np.linalg.eigvalsh(_hi(a))
    _close(w, ref, _eig_atol(a, dtype)[..., None], where)  # Weyl: perfectly conditioned


def _check_eigh(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    assert getattr(got, "_fields", None) == ("eigenvalues", "eigenvectors"), (
        f"eigh: expected fields (eigenvalues, eigenvectors), got {got!r}"
    )
    w = _expect(got.eigenvalues, _real_of(dtype), a.shape[:-1], "eigh.eigenvalues")
    v = _expect(got.eigenvectors, _float_of(dtype), a.shape, "eigh.eigenvectors")
    _check_eigvalsh_values(w, a, dtype, "eigh.eigenvalues")
    v64 = _hi(v)
    _close(
        _hi(a) @ v64,
        v64 * _hi(w)[..., None, :],
        _eig_atol(a, dtype)[..., None, None],
        "eigh: A @ V = V * w",
    )
    _orthonormal_columns(v, dtype, "eigh.eigenvectors")
    _strict(xp.linalg.eigh, a, dtype)
    _not_square(xp.linalg.eigh)


def _check_eigvalsh(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    w = _expect(got, _real_of(dtype), a.shape[:-1], "eigvalsh")
    _check_eigvalsh_values(w, a, dtype, "eigvalsh")
    _strict(xp.linalg.eigvalsh, a, dtype)


def _draw_eig(data: st.DataObject, dtype: str) -> Call:
    batch = _batch(data)
    n = _side(data)
    return Call((_mat(data, dtype, batch + (n, n)),))


def _match_eigenvalues(w: np.ndarray, a: np.ndarray, dtype: str, where: str) -> None:
    """``w`` equals NumPy's eigenvalues as a multiset, each within ``K * eps * n * ||A|| *
    kappa_i`` (``kappa_i``: the condition number of the i-th eigenvalue, from NumPy's
    eigenvectors and their inverse; infinite for a defective matrix)."""
    n = a.shape[-1]
    if n == 0 or not a.size:
        return
    a64 = _hi(a)
    ref, vr = np.linalg.eig(a64)
    flat_a = a64.reshape(-1, n, n)
    for i, (wi, ri, vi, ai) in enumerate(
        zip(w.reshape(-1, n), ref.reshape(-1, n), vr.reshape(-1, n, n), flat_a, strict=True)
    ):
        try:
            with np.errstate(all="ignore"):  # nearly defective: huge (infinite) condition numbers
                y = np.linalg.inv(vi)
                kappa = np.linalg.norm(y, axis=1) * np.linalg.norm(vi, axis=0)
        except np.linalg.LinAlgError:
            kappa = np.full(n, np.inf)
        kappa = np.where(np.isfinite(kappa), kappa, 1e300)
        atol = K * _eps(dtype) * n * max(float(np.max(np.abs(ai))), 1e-300) * kappa
        best = min(
            float(np.max(np.abs(wi[list(p)] - ri) / atol)) for p in itertools.permutations(range(n))
        )
        assert best <= 1.0, (
            f"{where}: eigenvalues of matrix {i} {wi!r}, NumPy {ri!r} (tolerances {atol!r})"
        )


def _check_eig(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    assert getattr(got, "_fields", None) == ("eigenvalues", "eigenvectors"), (
        f"eig: expected fields (eigenvalues, eigenvectors), got {got!r}"
    )
    w = _expect(got.eigenvalues, _complex_of(dtype), a.shape[:-1], "eig.eigenvalues")
    v = _expect(got.eigenvectors, _complex_of(dtype), a.shape, "eig.eigenvectors")
    _match_eigenvalues(w, a, dtype, "eig.eigenvalues")
    v64 = _hi(v)
    norms = np.linalg.norm(v64, axis=-2)
    assert np.all(norms > 0.5), f"eig: eigenvector columns of norms {norms!r} (zero vectors?)"
    _close(
        _hi(a) @ v64,
        v64 * _hi(w)[..., None, :],
        (_eig_atol(a, dtype)[..., None] * norms)[..., None, :],
        "eig: A @ V = V * w",
    )
    _strict(xp.linalg.eig, a, dtype)
    _not_square(xp.linalg.eig)


def _check_eigvals(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    w = _expect(got, _complex_of(dtype), a.shape[:-1], "eigvals")
    _match_eigenvalues(w, a, dtype, "eigvals")
    _strict(xp.linalg.eigvals, a, dtype)


# ---------------------------------------------------------------------------------------------
# qr, svd, svdvals, pinv, matrix_rank
# ---------------------------------------------------------------------------------------------


def _draw_qr(data: st.DataObject, dtype: str) -> Call:
    return Call(
        (_general(data, dtype),),
        {"mode": data.draw(st.sampled_from(["reduced", "complete"]), label="mode")},
    )


def _check_qr(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    mode = call.kwargs["mode"]
    assert getattr(got, "_fields", None) == ("Q", "R"), f"qr: expected fields (Q, R), got {got!r}"
    m, n = a.shape[-2:]
    k = min(m, n) if mode == "reduced" else m
    q = _expect(got.Q, _float_of(dtype), a.shape[:-2] + (m, k), "qr.Q")
    r = _expect(got.R, _float_of(dtype), a.shape[:-2] + (k, n), "qr.R")
    assert not np.any(np.tril(r, -1)), (
        f"qr(mode={mode!r}): R has nonzero elements below the diagonal"
    )
    _orthonormal_columns(q, dtype, "qr.Q")
    _close(
        _hi(q) @ _hi(r),
        _hi(a),
        K * _eps(dtype) * max(m, n, 1) * _mmax(a)[..., None, None],
        "qr: Q @ R = x",
    )
    _strict(xp.linalg.qr, a, dtype)


def _draw_svd(data: st.DataObject, dtype: str) -> Call:
    return Call(
        (_general(data, dtype),), {"full_matrices": data.draw(st.booleans(), label="full_matrices")}
    )


def _svd_atol(a: np.ndarray, dtype: str) -> np.ndarray:
    """``K * eps * max(m, n) * ||A||`` per matrix: singular values are perfectly conditioned."""
    return K * _eps(dtype) * max(*a.shape[-2:], 1) ** 2 * _mmax(a)


def _check_svdvals_values(s: np.ndarray, a: np.ndarray, dtype: str, where: str) -> None:
    assert np.all(s >= 0), f"{where}: negative singular values: {s!r}"
    assert np.all(np.diff(s, axis=-1) <= 0), (
        f"{where}: singular values not in descending order: {s!r}"
    )
    _close(s, np.linalg.svd(_hi(a), compute_uv=False), _svd_atol(a, dtype)[..., None], where)


def _check_svd(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    full = call.kwargs["full_matrices"]
    assert getattr(got, "_fields", None) == ("U", "S", "Vh"), (
        f"svd: expected fields (U, S, Vh), got {got!r}"
    )
    m, n = a.shape[-2:]
    k = min(m, n)
    b = a.shape[:-2]
    u = _expect(got.U, _float_of(dtype), b + ((m, m) if full else (m, k)), "svd.U")
    s = _expect(got.S, _real_of(dtype), b + (k,), "svd.S")
    vh = _expect(got.Vh, _float_of(dtype), b + ((n, n) if full else (k, n)), "svd.Vh")
    _check_svdvals_values(s, a, dtype, "svd.S")
    _orthonormal_columns(u, dtype, "svd.U")
    _orthonormal_columns(_ct(vh), dtype, "svd.Vh^H")
    rebuilt = _hi(u)[..., :, :k] @ (_hi(s)[..., :, None] * _hi(vh)[..., :k, :])
    _close(rebuilt, _hi(a), _svd_atol(a, dtype)[..., None, None], "svd: U @ diag(S) @ Vh = x")
    _strict(xp.linalg.svd, a, dtype)


def _draw_general(data: st.DataObject, dtype: str) -> Call:
    return Call((_general(data, dtype),))


def _check_svdvals(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    s = _expect(got, _real_of(dtype), a.shape[:-2] + (min(a.shape[-2:]),), "svdvals")
    _check_svdvals_values(s, a, dtype, "svdvals")
    _strict(xp.linalg.svdvals, a, dtype)


def _draw_pinv(data: st.DataObject, dtype: str) -> Call:
    a = _general(data, dtype)
    m, n = a.shape[-2:]
    if m and n and a.size:
        bad = _cond(a) > COND
        if np.any(bad):
            shift = (max(m, n) * BOUND + 1) * np.eye(m, n, dtype=a.dtype)
            a = np.where(bad[..., None, None], a + shift, a).astype(dtype)
    rtol = data.draw(st.sampled_from([None, None, 0.0, 1e-6]), label="rtol")
    return Call((a,), {} if rtol is None else {"rtol": rtol})


def _check_pinv(got: object, call: Call, dtype: str) -> None:
    a = call.args[0]
    m, n = a.shape[-2:]
    g = _expect(got, _float_of(dtype), a.shape[:-2] + (n, m), "pinv")
    ref = np.linalg.pinv(_hi(a))  # full rank: every rtol above gives the same
    _close(
        g,
        ref,
        K * _eps(dtype) * max(m, n, 1) * _cond(a)[..., None, None] * _mmax(ref)[..., None, None],
        "pinv",
    )
    _strict(xp.linalg.pinv, a, dtype)


def _draw_matrix_rank(data: st.DataObject, dtype: str) -> Call:
    batch = _batch(data)
    m, n = _side(data, "m"), _side(data, "n")
    if data.draw(st.booleans(), label="low rank"):
        r = data.draw(st.integers(0, min(m, n)), label="rank")
        left = _mat(data, "int64", batch + (m, r), "left", bound=3)
        right = _mat(data, "int64", batch + (r, n), "right", bound=3)
        a = (left @ right).astype(dtype)  # small integers: exact in every dtype
    else:
        a = _mat(data, dtype, batch + (m, n))
    kind = data.draw(st.sampled_from(["none", "float", "array"]), label="rtol kind")
    if kind == "none":
        return Call((a,))
    rtol = data.draw(st.sampled_from([1e-3, 0.1, 0.5]), label="rtol")
    if kind == "float":
        return Call((a,), {"rtol": rtol})
    return Call((a,), {"rtol": np.full(batch, rtol, dtype=_real_of(dtype))})


def _check_matrix_rank(got: object, call: Call, dtype: str) -> None:
    """The rank NumPy's rule gives, wherever no singular value lies within rounding of the
    threshold ``rtol * max(S)``."""
    a = call.args[0]
    m, n = a.shape[-2:]
    g = _expect(got, INDEX, a.shape[:-2], "matrix_rank")
    s = np.linalg.svd(_hi(a), compute_uv=False) if m and n else np.zeros(a.shape[:-2] + (0,))
    rtol = call.kwargs.get("rtol")
    rtol = (
        max(m, n) * _eps(dtype) if rtol is None else np.asarray(rtol, dtype=np.float64)[..., None]
    )
    smax = np.max(s, axis=-1, keepdims=True, initial=0.0)
    tol = rtol * smax
    slack = K * _eps(dtype) * max(m, n, 1) * smax
    lo = np.sum(s > tol + slack, axis=-1)
    hi = np.sum(s > tol - slack, axis=-1)
    bad = (g < lo) | (g > hi)
    assert not np.any(bad), (
        f"matrix_rank: got {g!r}, expected between {lo!r} and {hi!r} (singular values {s!r})"
    )
    _strict(xp.linalg.matrix_rank, a, dtype)


# ---------------------------------------------------------------------------------------------
# norms
# ---------------------------------------------------------------------------------------------

_NORM_DTYPES = ("float16", "float32", "float64", "complex64", "complex128", "int64")


def _norm_bound(dtype: str) -> float:
    return 8.0 if dtype == "float16" else 1e3


def _draw_vector_norm(data: st.DataObject, dtype: str) -> Call:
    x = _mat(data, dtype, data.draw(S.SHAPES, label="shape"), bound=_norm_bound(dtype))
    kw: dict = {}
    axis = data.draw(S.axes_of(x.ndim), label="axis")
    if axis is not None:
        kw["axis"] = axis
    if data.draw(st.booleans(), label="keepdims"):
        kw["keepdims"] = True
    order = data.draw(
        st.sampled_from([None, 1, 2, math.inf, -math.inf, 0, -1, 3, 0.5]), label="ord"
    )
    if dtype == "float16" and order in (-1, 0.5):
        order = 2  # |x|**-1 and |x|**0.5 sums of float16 differ by the accumulation precision
    if order is not None:
        kw["ord"] = order
    return Call((x,), kw)


def _vector_norm_ref(x: np.ndarray, **kw: object) -> np.ndarray:
    return np.linalg.vector_norm(x, **kw)


def _vector_norm_dtype(call: Call, dtype: str) -> str:
    return _real_of(dtype)


def _draw_matrix_norm(data: st.DataObject, dtype: str) -> Call:
    order = data.draw(
        st.sampled_from(["fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf]), label="ord"
    )
    if dtype == "float16" and order in ("nuc", 2, -2):
        order = "fro"  # no LAPACK has float16 singular values
    batch = _batch(data)
    lo = 1 if order in (1, -1, math.inf, -math.inf, 2, -2) else 0  # max/min of nothing: no value
    m, n = _side(data, "m", lo=lo), _side(data, "n", lo=lo)
    x = _mat(data, dtype, batch + (m, n), bound=_norm_bound(dtype))
    kw: dict = {"ord": order}
    if data.draw(st.booleans(), label="keepdims"):
        kw["keepdims"] = True
    return Call((x,), kw)


def _matrix_norm_ref(x: np.ndarray, **kw: object) -> np.ndarray:
    return np.linalg.matrix_norm(x, **kw)


# ---------------------------------------------------------------------------------------------
# matrix_power
# ---------------------------------------------------------------------------------------------


def _draw_matrix_power(data: st.DataObject, dtype: str) -> Call:
    p = data.draw(st.integers(-3, 5), label="n")
    if p < 0:
        a = _square(data, dtype)
    else:
        batch = _batch(data)
        k = _side(data)
        a = _mat(data, dtype, batch + (k, k), bound=4 if dtype in S.INTEGER else BOUND)
    return Call((a, p))


def _check_matrix_power(got: object, call: Call, dtype: str) -> None:
    a, p = call.args
    out = "float64" if dtype in S.INTEGER and p < 0 else dtype
    g = _expect(got, out, a.shape, "matrix_power")
    if dtype in S.INTEGER and p >= 0:
        ref = np.linalg.matrix_power(a, p)
        assert np.array_equal(g, ref), f"matrix_power(x, {p}): got {g!r}, NumPy {ref!r}"
        with xp.use_promotion("strict"), pytest.raises(TypeError):
            xp.linalg.matrix_power(xp.asarray(a), p)
        return
    base = np.linalg.inv(_hi(a)) if p < 0 else _hi(a)
    ref = np.linalg.matrix_power(base, abs(p))
    k = max(a.shape[-1], 1)
    # |fl(A^p) - A^p| <= p * k * eps * |A|^p elementwise (first order); inverses add cond(A)
    bound = np.linalg.matrix_power(np.abs(base), abs(p)) if a.shape[-1] else np.abs(ref)
    if p < 0:  # the inverse's error is normwise: per matrix
        bound = (_cond(a) * (abs(p) + 1) * _mmax(bound))[..., None, None]
    _close(g, ref, K * _eps(out) * k * max(p, 1) * bound, f"matrix_power(x, {p})")


# ---------------------------------------------------------------------------------------------
# products and elementwise compositions (NumPy's own functions as references)
# ---------------------------------------------------------------------------------------------


def _num(data: st.DataObject, dtype: str, shape: tuple, label: str) -> np.ndarray:
    """Numeric arrays for products: integers small (no overflow), floats bounded, finite."""
    if dtype in S.INTEGER:
        return (data.draw(S.arrays(dtype, shape), label=label) % 100).astype(dtype)
    b = 8.0 if dtype == "float16" else 100.0
    return data.draw(S.arrays(dtype, shape, bound=b, specials=False), label=label)


def _draw_cross(data: st.DataObject, dtype: str) -> Call:
    s1, s2 = data.draw(
        hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2, max_side=3),
        label="batch",
    ).input_shapes
    if data.draw(st.booleans(), label="vectors last"):
        axis = -1
        s1, s2 = s1 + (3,), s2 + (3,)
    else:  # the vector axis earlier: the same (negative) position in both
        j = data.draw(st.integers(0, min(len(s1), len(s2))), label="axis from the end")
        s1 = s1[: len(s1) - j] + (3,) + s1[len(s1) - j :]
        s2 = s2[: len(s2) - j] + (3,) + s2[len(s2) - j :]
        axis = -j - 1
    return Call((_num(data, dtype, s1, "x1"), _num(data, dtype, s2, "x2")), {"axis": axis})


def _cross_ref(x1: np.ndarray, x2: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.linalg.cross(x1, x2, axis=axis)


def _check_cross(got: object, call: Call, dtype: str) -> None:
    x1, x2 = call.args
    ref = _cross_ref(x1, x2, **call.kwargs)
    g = _expect(got, ref.dtype.name, ref.shape, "cross")
    if dtype in S.INTEGER:
        assert np.array_equal(g, ref), f"cross: got {g!r}, NumPy {ref!r}"
        return
    # a*b - c*d: each product and the difference rounded (or fused): eps * (|a*b| + |c*d|)
    axis = call.kwargs["axis"]
    a, b = np.broadcast_arrays(np.abs(_hi(x1)).real, np.abs(_hi(x2)).real)
    a, b = np.moveaxis(a, axis, -1), np.moveaxis(b, axis, -1)
    mag = np.stack(
        [
            a[..., 1] * b[..., 2] + a[..., 2] * b[..., 1],
            a[..., 2] * b[..., 0] + a[..., 0] * b[..., 2],
            a[..., 0] * b[..., 1] + a[..., 1] * b[..., 0],
        ],
        axis=axis,
    )
    _close(g, ref, 4 * _eps(dtype) * mag + np.finfo(_real_of(dtype)).smallest_normal, "cross")


def _draw_outer(data: st.DataObject, dtype: str) -> Call:
    m, n = _side(data, "m"), _side(data, "n")
    return Call((_num(data, dtype, (m,), "x1"), _num(data, dtype, (n,), "x2")))


def _outer_ref(x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
    return np.linalg.outer(x1, x2)


def _draw_diagonal(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(
        S.arrays(dtype, hnp.array_shapes(min_dims=2, max_dims=4, min_side=0, max_side=4)), label="x"
    )
    offset = data.draw(st.integers(-5, 5), label="offset")
    return Call(
        (x,),
        {} if offset == 0 and data.draw(st.booleans(), label="no offset") else {"offset": offset},
    )


def _diagonal_ref(x: np.ndarray, offset: int = 0) -> np.ndarray:
    return np.linalg.diagonal(x, offset=offset)


def _draw_trace(data: st.DataObject, dtype: str) -> Call:
    x = _num(
        data,
        dtype,
        data.draw(hnp.array_shapes(min_dims=2, max_dims=4, min_side=0, max_side=4), label="shape"),
        "x",
    )
    kw: dict = {"offset": data.draw(st.integers(-4, 4), label="offset")}
    widen = {
        "int8": "int64",
        "uint8": "uint64",
        "float32": "float64",
        "complex64": "complex128",
        "float16": "float32",
    }
    if dtype in widen and data.draw(st.booleans(), label="dtype given"):
        kw["dtype"] = widen[dtype]
    return Call((x,), kw)


def _trace_run(x: object, *, offset: int = 0, dtype: str | None = None) -> object:
    return xp.linalg.trace(x, offset=offset, dtype=None if dtype is None else getattr(xp, dtype))


def _trace_ref(x: np.ndarray, *, offset: int = 0, dtype: str | None = None) -> np.ndarray:
    return np.asarray(
        np.linalg.trace(x, offset=offset, dtype=None if dtype is None else np.dtype(dtype))
    )


def _draw_matmul(data: st.DataObject, dtype: str) -> Call:
    m, k, n = (_side(data, d) for d in "mkn")
    b1, b2 = data.draw(
        hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2, max_side=3),
        label="batch",
    ).input_shapes
    s1 = (k,) if data.draw(st.integers(0, 4), label="x1 1-D") == 0 else b1 + (m, k)
    s2 = (k,) if data.draw(st.integers(0, 4), label="x2 1-D") == 0 else b2 + (k, n)
    return Call((_num(data, dtype, s1, "x1"), _num(data, dtype, s2, "x2")))


def _draw_tensordot(data: st.DataObject, dtype: str) -> Call:
    k = data.draw(st.integers(0, 2), label="contracted")
    shared = data.draw(st.lists(st.integers(0, 3), min_size=k, max_size=k), label="shared sides")
    left = data.draw(st.lists(st.integers(0, 3), max_size=2), label="x1 free")
    right = data.draw(st.lists(st.integers(0, 3), max_size=2), label="x2 free")
    x1 = _num(data, dtype, tuple(left + shared), "x1")
    x2 = _num(data, dtype, tuple(shared + right), "x2")
    if data.draw(st.booleans(), label="axes as int"):
        return Call((x1, x2), {"axes": k})
    # the contracted axes in a drawn order, given positive or negative
    order = list(data.draw(st.permutations(range(k)), label="pairing"))
    ax1 = [len(left) + i for i in order]
    ax2 = list(order)
    if data.draw(st.booleans(), label="negative axes"):
        ax1 = [a - x1.ndim for a in ax1]
    return Call((x1, x2), {"axes": (tuple(ax1), tuple(ax2))})


def _draw_vecdot(data: st.DataObject, dtype: str) -> Call:
    n = _side(data)
    s1, s2 = data.draw(
        hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2, max_side=3),
        label="batch",
    ).input_shapes
    j = data.draw(st.integers(0, min(len(s1), len(s2))), label="axis from the end")
    s1 = s1[: len(s1) - j] + (n,) + s1[len(s1) - j :]
    s2 = s2[: len(s2) - j] + (n,) + s2[len(s2) - j :]
    return Call((_num(data, dtype, s1, "x1"), _num(data, dtype, s2, "x2")), {"axis": -j - 1})


def _vecdot_ref(x1: np.ndarray, x2: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.linalg.vecdot(x1, x2, axis=axis)


# ---------------------------------------------------------------------------------------------
# the cases
# ---------------------------------------------------------------------------------------------


def _case(
    name: str, dtypes: tuple[str, ...], draw: object, check: object, weight: float = 1.0
) -> Case:
    return Case(f"linalg.{name}", CAT, dtypes, draw, check=check, weight=weight)  # type: ignore[arg-type]


CASES: list[Case] = [
    _case("cholesky", DECOMP_INT, _draw_cholesky, _check_cholesky),
    _case("det", DECOMP_INT, _draw_det, _check_det),
    _case("slogdet", DECOMP_INT, _draw_det, _check_slogdet),
    _case("inv", DECOMP_INT, _draw_inv, _check_inv),
    _case("solve", DECOMP_INT, _draw_solve, _check_solve),
    _case("eigh", DECOMP_INT, _draw_hermitian, _check_eigh),
    _case("eigvalsh", DECOMP_INT, _draw_hermitian, _check_eigvalsh),
    _case("eig", DECOMP_INT, _draw_eig, _check_eig),
    _case("eigvals", DECOMP_INT, _draw_eig, _check_eigvals),
    _case("qr", DECOMP_INT, _draw_qr, _check_qr),
    _case("svd", DECOMP_INT, _draw_svd, _check_svd),
    _case("svdvals", DECOMP_INT, _draw_general, _check_svdvals),
    _case("pinv", DECOMP_INT, _draw_pinv, _check_pinv),
    _case("matrix_rank", DECOMP_INT, _draw_matrix_rank, _check_matrix_rank),
    _case("matrix_power", DECOMP_INT + ("int32",), _draw_matrix_power, _check_matrix_power),
    Case(
        "linalg.vector_norm",
        CAT,
        _NORM_DTYPES,
        _draw_vector_norm,
        ref=_vector_norm_ref,
        dtype=_vector_norm_dtype,
        tol=Tol(ulps=16.0, scaled=8.0, zero_sign=False),
    ),
    Case(
        "linalg.matrix_norm",
        CAT,
        _NORM_DTYPES,
        _draw_matrix_norm,
        ref=_matrix_norm_ref,
        dtype=_vector_norm_dtype,
        tol=Tol(ulps=16.0, scaled=32.0, zero_sign=False),
    ),
    Case("linalg.cross", CAT, S.NUMERIC, _draw_cross, check=_check_cross),
    Case(
        "linalg.outer",
        CAT,
        S.NUMERIC,
        _draw_outer,
        ref=_outer_ref,
        tol=Tol(ulps=2.0, zero_sign=False),
        weight=0.5,
    ),
    Case("linalg.diagonal", CAT, S.ALL, _draw_diagonal, ref=_diagonal_ref, tol=EXACT, weight=0.5),
    Case(
        "linalg.trace",
        CAT,
        S.NUMERIC,
        _draw_trace,
        ref=_trace_ref,
        run=_trace_run,
        tol=SUM_TOL,
        weight=0.5,
    ),
    Case(
        "linalg.matmul", CAT, S.NUMERIC, _draw_matmul, ref=np.linalg.matmul, tol=SUM_TOL, weight=0.5
    ),
    Case(
        "linalg.matrix_transpose",
        CAT,
        S.ALL,
        lambda data, dtype: Call(
            (
                data.draw(
                    S.arrays(
                        dtype, hnp.array_shapes(min_dims=2, max_dims=4, min_side=0, max_side=3)
                    ),
                    label="x",
                ),
            )
        ),
        ref=np.linalg.matrix_transpose,
        weight=0.5,
    ),
    Case(
        "linalg.tensordot",
        CAT,
        S.NUMERIC,
        _draw_tensordot,
        ref=np.linalg.tensordot,
        tol=SUM_TOL,
        weight=0.5,
    ),
    Case("linalg.vecdot", CAT, S.NUMERIC, _draw_vecdot, ref=_vecdot_ref, tol=SUM_TOL, weight=0.5),
]
