"""The Array API 2025.12 ``linalg`` extension: ``xp.linalg`` (loads on first use).

The frontend validates arguments (dtypes, square matrices, broadcast batch dimensions) and
decides every result dtype; the decompositions run in the backend's ``linalg_*`` methods
(``Backend.linalg_cholesky``, ...: ``numpy.linalg``, ``torch.linalg``, ``tf.linalg``);
everything that is exact from other arrayshim functions (``cross``, ``diagonal``, ``trace``,
``outer``, the norms, ``pinv``, ``matrix_rank``, ``matrix_power``) is composed here, once for
every backend.

>>> import arrayshim as xp
>>> round(float(xp.linalg.det(xp.asarray([[2.0, 1.0], [1.0, 3.0]]))), 9)
5.0
"""

from __future__ import annotations

import math
from typing import NamedTuple

from . import _context
from . import _dtypes as d
from ._array import Array, _new, known_shape
from ._axes import axes as _axes
from ._creation import astype, eye
from ._data_types import result_type
from ._dispatch import Plans, as_array, broadcast_shapes, call, resolve, run
from ._elementwise import abs as abs_
from ._elementwise import conj, multiply, not_equal, sqrt, subtract
from ._elementwise import pow as pow_
from ._errors import ArrayshimTypeError, ArrayshimValueError, message
from ._extension import int_arg, run_hook, wrap
from ._linalg import matmul, matrix_transpose, tensordot, vecdot
from ._manipulation import broadcast_arrays, broadcast_to, expand_dims, moveaxis, reshape, stack
from ._promotion import STRICT
from ._searching import count_nonzero, where
from ._statistical import _sum_dtype
from ._statistical import max as max_
from ._statistical import min as min_
from ._statistical import sum as sum_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._dtypes import DType

__all__ = [
    "EigResult",
    "EighResult",
    "QRResult",
    "SVDResult",
    "SlogdetResult",
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


class EighResult(NamedTuple):
    eigenvalues: Array
    eigenvectors: Array


class EigResult(NamedTuple):
    eigenvalues: Array
    eigenvectors: Array


class QRResult(NamedTuple):
    Q: Array
    R: Array


class SlogdetResult(NamedTuple):
    sign: Array
    logabsdet: Array


class SVDResult(NamedTuple):
    U: Array
    S: Array
    Vh: Array


# ---------------------------------------------------------------------------------------------
# Validation and the backend hook
# ---------------------------------------------------------------------------------------------

#: dtypes every backend's LAPACK-style kernels compute in
_DECOMP = (d.float32, d.float64, d.complex64, d.complex128)


def _floating(func: str, x: Any, arg: str = "x", *, square: bool = False, ndim: int = 2) -> Array:
    """``x`` as an Array of a floating dtype with at least ``ndim`` dimensions (square matrices
    when ``square``). Integers: refused under the ``strict`` policy, else cast to the policy's
    default float as NumPy does. ``bool`` and ``float16`` are refused (no backend's LAPACK has
    them)."""

    a = x if type(x) is Array else as_array(x, f"linalg.{func}", arg)
    dt = a._dtype
    if dt in _DECOMP:  # the common case: no policy to read
        pass
    elif dt.kind in "iu" and (policy := _context.current_policy()) is not STRICT:
        a = astype(a, policy.default_float)
    else:
        policy = _context.current_policy()
        allowed = "float32, float64, complex64 or complex128"
        if policy is not STRICT:
            allowed += " (or an integer dtype, cast to the default float)"
        raise ArrayshimTypeError(
            message(
                f"linalg.{func}",
                arg,
                f"an array of dtype {allowed} (promotion policy {policy.name!r})",
                f"an array of dtype {dt.name}",
            )
        )
    shape = a.shape
    if len(shape) < ndim:
        what = (
            "a matrix (or a stack of matrices)"
            if ndim == 2
            else f"an array with at least {ndim} dimension(s)"
        )
        raise ArrayshimValueError(message(f"linalg.{func}", arg, what, f"shape {shape}"))
    if square and shape[-1] != shape[-2]:
        raise ArrayshimValueError(
            message(f"linalg.{func}", arg, "square matrices: shape (..., M, M)", f"shape {shape}")
        )
    return a


def _hook(func: str, a: Array, *args: Any, **kwargs: Any) -> Any:
    """``Backend.linalg_<func>`` on ``a``'s native and the arguments."""
    return run_hook("linalg", func, a, "a matrix the backend can decompose", *args, **kwargs)


def _wrap(native: Any, like: Array, dtype: DType) -> Array:
    return wrap("linalg", native, like, dtype)


def _real(dt: DType) -> DType:
    return d.REAL_OF.get(dt, dt)


# ---------------------------------------------------------------------------------------------
# Decompositions and solvers (the backend hook)
# ---------------------------------------------------------------------------------------------


def cholesky(x: Any, /, *, upper: bool = False) -> Array:
    """The Cholesky factor of Hermitian positive-definite matrices: lower ``L`` with
    ``x == L @ L^H``, or upper ``U = L^H`` with ``upper=True``."""
    a = _floating("cholesky", x, square=True)
    return _wrap(_hook("cholesky", a, upper=bool(upper)), a, a._dtype)


def det(x: Any, /) -> Array:
    """The determinant of each square matrix: shape ``(...)``."""
    a = _floating("det", x, square=True)
    return _wrap(_hook("det", a), a, a._dtype)


def inv(x: Any, /) -> Array:
    """The inverse of each square matrix; a singular matrix raises ``ValueError``."""
    a = _floating("inv", x, square=True)
    return _wrap(_hook("inv", a), a, a._dtype)


def slogdet(x: Any, /) -> SlogdetResult:
    """``(sign, logabsdet)`` with ``det == sign * exp(logabsdet)``; ``sign`` has ``x``'s dtype
    (``0`` and ``-inf`` for a singular matrix), ``logabsdet`` the real dtype of its width."""
    a = _floating("slogdet", x, square=True)
    sign, logabs = _hook("slogdet", a)
    return SlogdetResult(_wrap(sign, a, a._dtype), _wrap(logabs, a, _real(a._dtype)))


def eigh(x: Any, /) -> EighResult:
    """Eigenvalues (real, ascending) and orthonormal eigenvectors of Hermitian matrices."""
    a = _floating("eigh", x, square=True)
    w, v = _hook("eigh", a)
    return EighResult(_wrap(w, a, _real(a._dtype)), _wrap(v, a, a._dtype))


def eigvalsh(x: Any, /) -> Array:
    """The eigenvalues (real, ascending) of Hermitian matrices."""
    a = _floating("eigvalsh", x, square=True)
    return _wrap(_hook("eigvalsh", a), a, _real(a._dtype))


def eig(x: Any, /) -> EigResult:
    """Eigenvalues and right eigenvectors of general square matrices, always complex
    (``complex64`` for ``float32``/``complex64`` input, ``complex128`` otherwise)."""
    a = _floating("eig", x, square=True)
    w, v = _hook("eig", a)
    c = d.COMPLEX_OF.get(a._dtype, a._dtype)
    return EigResult(_wrap(w, a, c), _wrap(v, a, c))


def eigvals(x: Any, /) -> Array:
    """The eigenvalues of general square matrices, always complex."""
    a = _floating("eigvals", x, square=True)
    return _wrap(_hook("eigvals", a), a, d.COMPLEX_OF.get(a._dtype, a._dtype))


def qr(x: Any, /, *, mode: str = "reduced") -> QRResult:
    """``Q`` with orthonormal columns and upper-triangular ``R``, ``Q @ R == x``;
    ``mode`` is ``'reduced'`` (``Q``: (..., M, K), K = min(M, N)) or ``'complete'``."""
    if mode not in ("reduced", "complete"):
        raise ArrayshimValueError(
            message("linalg.qr", "mode", "'reduced' or 'complete'", repr(mode))
        )
    a = _floating("qr", x)
    q, r = _hook("qr", a, mode=mode)
    return QRResult(_wrap(q, a, a._dtype), _wrap(r, a, a._dtype))


def svd(x: Any, /, *, full_matrices: bool = True) -> SVDResult:
    """``(U, S, Vh)`` with ``x == U @ diag(S) @ Vh``; ``S`` real, descending."""
    a = _floating("svd", x)
    u, s, vh = _hook("svd", a, full_matrices=bool(full_matrices))
    return SVDResult(_wrap(u, a, a._dtype), _wrap(s, a, _real(a._dtype)), _wrap(vh, a, a._dtype))


def svdvals(x: Any, /) -> Array:
    """The singular values (real, descending) of each matrix: shape ``(..., K)``."""
    a = _floating("svdvals", x)
    return _wrap(_hook("svdvals", a), a, _real(a._dtype))


def solve(x1: Any, x2: Any, /) -> Array:
    """The solution ``X`` of ``x1 @ X == x2`` for square ``x1`` (..., M, M). ``x2`` of shape
    ``(M,)`` is one vector (result (..., M)); otherwise (..., M, K), batch dims broadcast."""

    a1 = _floating("solve", x1, "x1", square=True)
    a2 = _floating("solve", x2, "x2", ndim=1)
    # one backend and device (a NumPy array joins the other's), as for every two-array call
    _, _, (a1, a2) = resolve("linalg.solve", (a1, a2), ("x1", "x2"))
    dt = _context.current_policy().promote(a1._dtype, a2._dtype) or d.complex128
    a1, a2 = astype(a1, dt, copy=False), astype(a2, dt, copy=False)
    m = a1.shape[-1]
    vector = a2.ndim == 1
    if vector:
        a2 = a2[:, None]
    if a2.shape[-2] != m:
        raise ArrayshimValueError(
            message(
                "linalg.solve",
                "x2",
                f"{m} rows to match x1's {m}x{m} matrices",
                f"shapes {a1.shape} and {x2.shape if hasattr(x2, 'shape') else '?'}",
            )
        )
    batch = broadcast_shapes("linalg.solve", a1.shape[:-2], a2.shape[:-2])
    a1 = broadcast_to(a1, batch + a1.shape[-2:])
    a2 = broadcast_to(a2, batch + a2.shape[-2:])
    out = _wrap(_hook("solve", a1, a2._native), a1, dt)
    return out[..., 0] if vector else out


# ---------------------------------------------------------------------------------------------
# Composed from other arrayshim functions (exact on every backend)
# ---------------------------------------------------------------------------------------------


def diagonal(x: Any, /, *, offset: int = 0) -> Array:
    """The ``offset``-th diagonal of each matrix (last two axes): shape (..., L). Any dtype."""

    key: tuple = ()
    if type(x) is Array and not x._backend.is_compiling():  # (see Plans)
        b = x._backend
        key = (b, b.shape_of(x._native), offset, type(offset))
        plan = _DIAGONAL.get(key)
        if plan is not None:  # checked before: the backend's kernel, or reshape and slice
            flat_shape, index, hooked = plan
            dev = x._device
            if hooked:
                one = run(b, dev, b.diagonal, x._native, offset)
                if one is not None:
                    return _new(one, b, x._dtype, dev)
            flat = run(b, dev, b.reshape, x._native, flat_shape, None)
            return _new(run(b, dev, b.getitem, flat, index), b, x._dtype, dev)
    a = as_array(x, "linalg.diagonal", "x")
    offset = _int("diagonal", "offset", offset)
    if a.ndim < 2:
        raise ArrayshimValueError(
            message("linalg.diagonal", "x", "a matrix (or a stack of matrices)", f"shape {a.shape}")
        )
    m, n = known_shape(a.shape, "linalg.diagonal")[-2:]
    if offset >= 0:
        start, length = offset, max(0, min(m, n - offset))
    else:
        start, length = -offset * n, max(0, min(m + offset, n))
    flat_shape = a.shape[:-2] + (m * n,)
    along = slice(0, 0) if length == 0 else slice(start, start + (length - 1) * (n + 1) + 1, n + 1)
    index = (slice(None),) * (len(flat_shape) - 1) + (along,)
    b = a._backend
    one = (
        None
        if length == 0
        else call("linalg.diagonal", b, a._device, b.diagonal, a._native, offset)
    )
    if a is x:
        _DIAGONAL.put(key, (flat_shape, index, one is not None))
    if one is not None:
        return _new(one, b, a._dtype, a._device)
    return reshape(a, flat_shape)[index]


#: linalg.diagonal's checked calls: (backend, shape, offset) -> (the flat shape, the key of the
#: strided slice along it, one slice per axis: the backend's getitem form; whether the
#: backend's ``diagonal`` kernel ran)
_DIAGONAL = Plans()


def trace(x: Any, /, *, offset: int = 0, dtype: Any = None) -> Array:
    """The sum of the ``offset``-th diagonal of each matrix, with ``sum``'s dtype rules."""

    a = as_array(x, "linalg.trace", "x")
    if a._dtype.kind == "b":
        raise ArrayshimTypeError(
            message("linalg.trace", "x", "an array of a numeric dtype", "an array of dtype bool")
        )
    if a.ndim >= 2:
        b = a._backend
        result = _sum_dtype(a._dtype, dtype, "linalg.trace")
        k = _int("trace", "offset", offset)
        one = call("linalg.trace", b, a._device, b.diagonal_sum, a._native, k, result)
        if one is not None:
            return _new(one, b, result, a._device)
    return sum_(diagonal(a, offset=offset), axis=-1, dtype=dtype)


def outer(x1: Any, x2: Any, /) -> Array:
    """The outer product of two 1-D arrays: shape (N, M), dtypes promoted."""

    a1 = as_array(x1, "linalg.outer", "x1")
    a2 = as_array(x2, "linalg.outer", "x2")
    if a1.ndim != 1 or a2.ndim != 1:
        raise ArrayshimValueError(
            message("linalg.outer", "x1, x2", "two 1-D arrays", f"shapes {a1.shape} and {a2.shape}")
        )
    if a1._dtype.kind == "b" or a2._dtype.kind == "b":
        raise ArrayshimTypeError(
            message(
                "linalg.outer",
                "x1, x2",
                "arrays of numeric dtypes",
                f"dtypes {a1._dtype.name} and {a2._dtype.name}",
            )
        )
    b1 = a1._backend  # a column times the row x2: the backend's reshape, a view
    n = known_shape(a1.shape, "linalg.outer")[0]
    column = _new(
        run(b1, a1._device, b1.reshape, a1._native, (n, 1), None), b1, a1._dtype, a1._device
    )
    return multiply(column, a2)


def cross(x1: Any, x2: Any, /, *, axis: int = -1) -> Array:
    """The cross product of 3-element vectors along ``axis`` (a negative axis of the broadcast
    shape, as the standard requires); other dimensions broadcast; numeric dtypes promoted."""

    a1 = as_array(x1, "linalg.cross", "x1")
    a2 = as_array(x2, "linalg.cross", "x2")
    if a1._dtype.kind == "b" or a2._dtype.kind == "b":
        raise ArrayshimTypeError(
            message(
                "linalg.cross",
                "x1, x2",
                "arrays of numeric dtypes",
                f"dtypes {a1._dtype.name} and {a2._dtype.name}",
            )
        )
    axis = _int("cross", "axis", axis)
    if axis >= 0 or -axis > min(a1.ndim, a2.ndim):
        raise ArrayshimValueError(
            message(
                "linalg.cross",
                "axis",
                f"a negative axis in [-{min(a1.ndim, a2.ndim)}, -1]",
                repr(axis),
            )
        )
    if a1.shape[axis] != 3 or a2.shape[axis] != 3:
        raise ArrayshimValueError(
            message(
                "linalg.cross",
                "x1, x2",
                f"size 3 along axis {axis}",
                f"shapes {a1.shape} and {a2.shape}",
            )
        )
    if a1._backend is not a2._backend or a1._device is not a2._device:
        a1, a2 = broadcast_arrays(a1, a2)  # joins NumPy data, or raises the house error
    broadcast_shapes("linalg.cross", a1.shape, a2.shape)
    dt = result_type(a1, a2)
    a1, a2 = astype(a1, dt, copy=False), astype(a2, dt, copy=False)
    b = a1._backend
    native = call("linalg.cross", b, a1._device, b.cross, a1._native, a2._native, axis)
    if native is not None:
        return _new(native, b, dt, a1._device)
    a1, a2 = broadcast_arrays(a1, a2)
    u = moveaxis(a1, axis, -1)
    v = moveaxis(a2, axis, -1)
    c0 = subtract(multiply(u[..., 1], v[..., 2]), multiply(u[..., 2], v[..., 1]))
    c1 = subtract(multiply(u[..., 2], v[..., 0]), multiply(u[..., 0], v[..., 2]))
    c2 = subtract(multiply(u[..., 0], v[..., 1]), multiply(u[..., 1], v[..., 0]))
    return stack([c0, c1, c2], axis=axis)


def _int(func: str, arg: str, value: Any) -> int:
    return int_arg(f"linalg.{func}", arg, value)


def _norm_input(func: str, x: Any) -> Array:
    """``x`` for a norm: floating (float16 allowed: no LAPACK is involved)."""

    a = x if type(x) is Array else as_array(x, f"linalg.{func}", "x")
    if a._dtype.kind in "fc":
        return a
    policy = _context.current_policy()
    if a._dtype.kind in "iu" and policy is not STRICT:
        return astype(a, policy.default_float)
    if a._dtype.kind not in "fc":
        raise ArrayshimTypeError(
            message(
                f"linalg.{func}",
                "x",
                f"an array of a floating-point dtype (promotion policy {policy.name!r})",
                f"an array of dtype {a._dtype.name}",
            )
        )
    return a


def vector_norm(x: Any, /, *, axis: Any = None, keepdims: bool = False, ord: Any = 2) -> Array:
    """The ``ord``-norm of vectors along ``axis`` (None: all of ``x`` as one vector; an int; a
    tuple of axes), in the real dtype of ``x``'s width. ``ord``: ``inf``, ``-inf``, ``0``, or
    any other nonzero real number (``sum(|x|**ord)**(1/ord)``)."""

    a = _norm_input("vector_norm", x)
    if type(ord) is not int and type(ord) is not float:
        if isinstance(ord, bool) or not isinstance(ord, (int, float)):
            raise ArrayshimValueError(
                message("linalg.vector_norm", "ord", "a real number, inf or -inf", repr(ord))
            )
    rdt = _real(a._dtype)
    b = a._backend
    shape = b.shape_of(a._native)
    ax = _axes(axis, len(shape), "linalg.vector_norm")
    if ax is None:
        reduced = 0 not in shape  # every element, and not none (None, unknown, is not 0)
    else:  # torch reads () as all axes
        reduced = ax != () and 0 not in shape and not _reduces_nothing(shape, axis)
    if reduced and None not in shape:
        one = call("linalg.vector_norm", b, a._device, b.vector_norm, a._native, ax, keepdims, ord)
        if one is not None:
            return wrap("linalg", one, a, rdt)
    m = abs_(a)
    if ord == math.inf:
        if _reduces_nothing(m.shape, axis):  # the largest of no magnitudes: 0 (as NumPy)
            return sum_(m, axis=axis, keepdims=keepdims)
        return max_(m, axis=axis, keepdims=keepdims)
    if ord == -math.inf:
        return min_(m, axis=axis, keepdims=keepdims)
    if ord == 0:
        return astype(sum_(not_equal(m, 0), axis=axis, keepdims=keepdims), rdt)
    if ord == 1:
        return sum_(m, axis=axis, keepdims=keepdims)
    if ord == 2:
        return sqrt(sum_(m * m, axis=axis, keepdims=keepdims))
    return pow_(sum_(pow_(m, float(ord)), axis=axis, keepdims=keepdims), 1.0 / ord)


def _reduces_nothing(shape: tuple, axis: Any) -> bool:
    """Whether reducing ``shape`` over ``axis`` (None, an int, a tuple) reduces no elements
    (an invalid axis: False, so that the reduction itself reports it)."""
    axes = range(len(shape)) if axis is None else (axis,) if isinstance(axis, int) else axis
    try:
        return math.prod(shape[a] for a in axes) == 0
    except (IndexError, TypeError):
        return False


_MATRIX_ORDS = ("fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf)


def matrix_norm(x: Any, /, *, keepdims: bool = False, ord: Any = "fro") -> Array:
    """The ``ord``-norm of each matrix: ``'fro'``, ``'nuc'``, ``1``/``-1`` (max/min column sum),
    ``2``/``-2`` (largest/smallest singular value), ``inf``/``-inf`` (max/min row sum)."""

    if isinstance(ord, bool) or ord not in _MATRIX_ORDS:
        raise ArrayshimValueError(
            message(
                "linalg.matrix_norm",
                "ord",
                "one of 'fro', 'nuc', 1, -1, 2, -2, inf, -inf",
                repr(ord),
            )
        )
    a = _norm_input("matrix_norm", x)
    shape = a._backend.shape_of(a._native)
    if len(shape) >= 2 and shape[-1] and shape[-2]:
        b = a._backend
        one = call("linalg.matrix_norm", b, a._device, b.matrix_norm, a._native, ord, keepdims)
        if one is not None:
            return wrap("linalg", one, a, _real(a._dtype))
    if ord in ("nuc", 2, -2):
        s = svdvals(x)
        r = sum_(s, axis=-1) if ord == "nuc" else max_(s, axis=-1) if ord == 2 else min_(s, axis=-1)
    else:
        if a.ndim < 2:
            raise ArrayshimValueError(
                message(
                    "linalg.matrix_norm",
                    "x",
                    "a matrix (or a stack of matrices)",
                    f"shape {a.shape}",
                )
            )
        m = abs_(a)
        if ord == "fro":
            r = sqrt(sum_(m * m, axis=(-2, -1)))
        else:
            sums = sum_(m, axis=-2 if ord in (1, -1) else -1)
            r = max_(sums, axis=-1) if ord > 0 else min_(sums, axis=-1)
    if keepdims:
        r = expand_dims(expand_dims(r, axis=-1), axis=-1)
    return r


def matrix_power(x: Any, n: int, /) -> Array:
    """``x`` multiplied by itself ``n`` times (repeated squaring): ``n == 0`` gives identity
    matrices, a negative ``n`` powers of the inverse (floating dtypes only)."""

    n = _int("matrix_power", "n", n)
    if n < 0:
        a = inv(x)
        n = -n
    else:
        a = as_array(x, "linalg.matrix_power", "x")
        if a._dtype.kind == "b" or (a._dtype.kind in "iu" and _context.current_policy() is STRICT):
            raise ArrayshimTypeError(
                message(
                    "linalg.matrix_power",
                    "x",
                    "an array of a floating-point dtype"
                    + (
                        "" if a._dtype.kind == "b" else " (integers: not under the 'strict' policy)"
                    ),
                    f"an array of dtype {a._dtype.name}",
                )
            )
        if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
            raise ArrayshimValueError(
                message(
                    "linalg.matrix_power",
                    "x",
                    "square matrices: shape (..., M, M)",
                    f"shape {a.shape}",
                )
            )
    if n == 0:
        shape = known_shape(a.shape, "linalg.matrix_power")
        return astype(broadcast_to(_eye_like(a, shape[-1]), shape), a._dtype, copy=True)
    result = None
    base = a
    while n:
        if n & 1:
            result = base if result is None else matmul(result, base)
        n >>= 1
        if n:
            base = matmul(base, base)
    assert result is not None  # n > 0 had a bit set
    return astype(result, a._dtype, copy=True) if result is a else result


def _eye_like(a: Array, n: int) -> Array:
    """An ``n`` x ``n`` identity matrix of ``a``'s backend, dtype and device."""

    with _context.use_backend(a._backend.name):
        return eye(n, dtype=a._dtype, device=a._device)


def _tolerance(func: str, s: Array, shape: tuple, rtol: Any) -> Array:
    """``rtol * max(S)`` per matrix, shape (..., 1); default ``rtol``: ``max(M, N) * eps``."""

    if rtol is None:
        rtol = max(shape[-2:]) * d.finfo(s._dtype).eps
    elif isinstance(rtol, Array) or not isinstance(rtol, (int, float)):
        rtol = as_array(rtol, f"linalg.{func}", "rtol")[..., None]
    # no singular values (an empty matrix): an empty tolerance (max of nothing is undefined)
    top = s[..., :1] if s.shape[-1] == 0 else max_(s, axis=-1, keepdims=True)
    return top * rtol


def matrix_rank(x: Any, /, *, rtol: Any = None) -> Array:
    """The number of singular values above ``rtol * max(S)`` per matrix, in the default int."""

    a = _floating("matrix_rank", x)
    s = svdvals(a)
    tol = _tolerance("matrix_rank", s, a.shape, rtol)
    return astype(count_nonzero(s > tol, axis=-1), _context.current_policy().default_int)


def pinv(x: Any, /, *, rtol: Any = None) -> Array:
    """The Moore-Penrose pseudo-inverse from the SVD: singular values at or below
    ``rtol * max(S)`` (default ``rtol = max(M, N) * eps``) count as zero."""

    a = _floating("pinv", x)
    u, s, vh = svd(a, full_matrices=False)
    tol = _tolerance("pinv", s, a.shape, rtol)
    big = s > tol
    s_inv = where(big, 1 / where(big, s, 1), 0)
    v, uh = matrix_transpose(vh), matrix_transpose(u)
    if a._dtype.kind == "c":
        v, uh = conj(v), conj(uh)
    return matmul(v * s_inv[..., None, :], uh)
