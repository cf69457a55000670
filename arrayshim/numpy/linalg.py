"""``arrayshim.numpy.linalg``: NumPy's ``numpy.linalg`` names and signatures over
``arrayshim.linalg`` (the standard's linalg extension)."""

from __future__ import annotations

import arrayshim as _xp
from arrayshim import Array

from ._common import arr, bad_value, dims, inexact, refuse, refuse_out
from ._products import cross as _cross
from ._products import outer as _outer

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "cholesky",
    "cross",
    "det",
    "diagonal",
    "eig",
    "eigh",
    "eigvals",
    "eigvalsh",
    "inv",
    "matmul",
    "matrix_norm",
    "matrix_power",
    "matrix_rank",
    "matrix_transpose",
    "multi_dot",
    "norm",
    "outer",
    "pinv",
    "qr",
    "slogdet",
    "solve",
    "svd",
    "svdvals",
    "tensordot",
    "trace",
    "vecdot",
    "vector_norm",
]


def cholesky(a: Any, /, *, upper: bool = False) -> Array:
    return _xp.linalg.cholesky(arr(a), upper=upper)


def det(a: Any) -> Array:
    return _xp.linalg.det(inexact(arr(a)))


def slogdet(a: Any) -> Any:
    return _xp.linalg.slogdet(inexact(arr(a)))


def inv(a: Any) -> Array:
    return _xp.linalg.inv(inexact(arr(a)))


def solve(a: Any, b: Any) -> Array:
    return _xp.linalg.solve(inexact(arr(a)), inexact(arr(b)))


def _hermitian_part(a: Array, UPLO: str) -> Array:
    if UPLO not in ("L", "U"):
        bad_value("linalg.eigh", "UPLO", "'L' or 'U'", UPLO)
    if UPLO == "L":
        low = _xp.tril(a, k=-1)
        m = low + _xp.matrix_transpose(
            _xp.conj(low) if _xp.isdtype(a.dtype, "complex floating") else low
        )
    else:
        up = _xp.triu(a, k=1)
        m = up + _xp.matrix_transpose(
            _xp.conj(up) if _xp.isdtype(a.dtype, "complex floating") else up
        )
    d = _xp.linalg.diagonal(a)
    if _xp.isdtype(a.dtype, "complex floating"):
        d = _xp.astype(_xp.real(d), a.dtype)
    n = dims(a)[-1]
    return m + _xp.eye(n, dtype=a.dtype, device=a.device) * d[..., None, :]


def eigh(a: Any, UPLO: str = "L") -> Any:
    """Eigen-decomposition of the Hermitian matrix given by its lower (``UPLO='L'``) or upper
    triangle, as NumPy reads it."""
    return _xp.linalg.eigh(_hermitian_part(inexact(arr(a)), UPLO))


def eigvalsh(a: Any, UPLO: str = "L") -> Array:
    return _xp.linalg.eigvalsh(_hermitian_part(inexact(arr(a)), UPLO))


def eig(a: Any) -> Any:
    return _xp.linalg.eig(inexact(arr(a)))


def eigvals(a: Any) -> Array:
    return _xp.linalg.eigvals(inexact(arr(a)))


def qr(a: Any, mode: str = "reduced") -> Any:
    if mode not in ("reduced", "complete"):
        refuse("linalg.qr", "mode", "'reduced' or 'complete'", mode)
    return _xp.linalg.qr(inexact(arr(a)), mode=mode)


def svd(
    a: Any, full_matrices: bool = True, compute_uv: bool = True, hermitian: bool = False
) -> Any:
    a = inexact(arr(a))
    if not compute_uv:
        return _xp.linalg.svdvals(a)
    return _xp.linalg.svd(a, full_matrices=full_matrices)


def svdvals(x: Any, /) -> Array:
    return _xp.linalg.svdvals(inexact(arr(x)))


def pinv(a: Any, rcond: Any = None, hermitian: bool = False, *, rtol: Any = None) -> Array:
    """Pseudo-inverse; NumPy's default cut-off ``rcond=1e-15`` relative to the largest singular
    value (``rtol=`` takes the standard's meaning)."""
    tol = rtol if rtol is not None else (1e-15 if rcond is None else rcond)
    return _xp.linalg.pinv(inexact(arr(a)), rtol=tol)


def matrix_rank(A: Any, tol: Any = None, hermitian: bool = False, *, rtol: Any = None) -> Array:
    """Number of singular values above ``tol`` (absolute) or ``rtol * largest`` (default
    ``max(M, N) * eps``, NumPy's and the standard's)."""
    a = inexact(arr(A))
    if a.ndim < 2:
        return _xp.astype(_xp.any(a != 0), _xp.int64)
    if tol is None:
        return _xp.linalg.matrix_rank(a, rtol=rtol)
    s = _xp.linalg.svdvals(a)
    return _xp.count_nonzero(s > tol, axis=-1)


def matrix_power(a: Any, n: int) -> Array:
    return _xp.linalg.matrix_power(arr(a), n)


def multi_dot(arrays: Any, *, out: Any = None) -> Array:
    """``A @ B @ C ...`` left to right (a 1-D first/last array is a row/column vector)."""
    if out is not None:
        refuse_out("linalg.multi_dot", out)
    xs = [arr(x) for x in arrays]
    if len(xs) < 2:
        bad_value("linalg.multi_dot", "arrays", "at least two arrays", arrays)
    first_1d, last_1d = xs[0].ndim == 1, xs[-1].ndim == 1
    if first_1d:
        xs[0] = xs[0][None, :]
    if last_1d:
        xs[-1] = xs[-1][:, None]
    r = xs[0]
    for x in xs[1:]:
        r = _xp.matmul(r, x)
    if first_1d:
        r = r[0]
    if last_1d:
        r = r[..., 0]
    return r


def norm(x: Any, ord: Any = None, axis: Any = None, keepdims: bool = False) -> Array:
    """NumPy's ``linalg.norm``: the 2-norm of the flattened array by default; a vector norm
    along an int ``axis`` (or of a 1-D array), a matrix norm over a 2-tuple ``axis`` (or of a
    2-D array when ``ord`` is given)."""
    x = inexact(arr(x))
    if axis is None:
        if ord is None:
            r = _xp.linalg.vector_norm(x, axis=None, keepdims=keepdims)
            return r
        if x.ndim == 1:
            return _xp.linalg.vector_norm(x, axis=0, keepdims=keepdims, ord=ord)
        if x.ndim == 2:
            return _xp.linalg.matrix_norm(x, keepdims=keepdims, ord=ord)
        bad_value(
            "linalg.norm", "ord", "None for an array of more than 2 dimensions without axis", ord
        )
    if isinstance(axis, int) or (isinstance(axis, (tuple, list)) and len(axis) == 1):
        ax = axis if isinstance(axis, int) else axis[0]
        return _xp.linalg.vector_norm(x, axis=ax, keepdims=keepdims, ord=2 if ord is None else ord)
    if len(axis) != 2:
        bad_value("linalg.norm", "axis", "an int or a 2-tuple", axis)
    i, j = (a % x.ndim for a in axis)
    if i == j:
        bad_value("linalg.norm", "axis", "two different axes", axis)
    rest = [k for k in range(x.ndim) if k not in (i, j)]
    m = _xp.permute_dims(x, tuple(rest) + (i, j))
    r = _xp.linalg.matrix_norm(m, keepdims=False, ord="fro" if ord is None else ord)
    if keepdims:
        r = _xp.expand_dims(r, axis=tuple(sorted((i, j))))
    return r


def vector_norm(x: Any, /, *, axis: Any = None, keepdims: bool = False, ord: Any = 2) -> Array:
    return _xp.linalg.vector_norm(inexact(arr(x)), axis=axis, keepdims=keepdims, ord=ord)


def matrix_norm(x: Any, /, *, keepdims: bool = False, ord: Any = "fro") -> Array:
    return _xp.linalg.matrix_norm(inexact(arr(x)), keepdims=keepdims, ord=ord)


def matrix_transpose(x: Any, /) -> Array:
    return _xp.matrix_transpose(arr(x))


def matmul(x1: Any, x2: Any, /) -> Array:
    return _xp.matmul(arr(x1), arr(x2))


def diagonal(x: Any, /, *, offset: int = 0) -> Array:
    return _xp.linalg.diagonal(arr(x), offset=offset)


def trace(x: Any, /, *, offset: int = 0, dtype: Any = None) -> Array:
    return _xp.linalg.trace(arr(x), offset=offset, dtype=dtype)


def outer(x1: Any, x2: Any, /) -> Array:
    return _outer(x1, x2)


def cross(x1: Any, x2: Any, /, *, axis: int = -1) -> Array:
    return _cross(x1, x2, axis=axis)


def tensordot(x1: Any, x2: Any, /, *, axes: Any = 2) -> Array:
    return _xp.tensordot(arr(x1), arr(x2), axes=axes)


def vecdot(x1: Any, x2: Any, /, *, axis: int = -1) -> Array:
    return _xp.vecdot(arr(x1), arr(x2), axis=axis)


def __getattr__(name: str) -> Any:
    raise AttributeError(f"numpy.linalg.{name} is not implemented in arrayshim.numpy.linalg")
