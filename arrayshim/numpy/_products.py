"""NumPy's products: ``dot``, ``vdot``, ``inner``, ``outer``, ``kron``, ``matmul``, ``tensordot``,
``cross``, ``vecdot`` and ``einsum`` (pairwise contractions on ``matmul``)."""

from __future__ import annotations

import math

import arrayshim as _xp
from arrayshim import Array
from arrayshim._array import _new
from arrayshim._dispatch import call, resolve

from ._common import arr, bad_value, dims, refuse, refuse_out

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def matmul(x1: Any, x2: Any, /, out: Any = None, *, dtype: Any = None) -> Array:
    if out is not None:
        refuse_out("matmul", out)
    a, b = arr(x1), arr(x2)
    if dtype is not None:
        a, b = _xp.astype(a, dtype), _xp.astype(b, dtype)
    return _xp.matmul(a, b)


def dot(a: Any, b: Any, out: Any = None) -> Array:
    """NumPy's ``dot``: products of scalars, inner product of vectors, matrix product, and in
    general a sum over the last axis of ``a`` and the second-to-last of ``b``."""
    if out is not None:
        refuse_out("dot", out)
    a, b = arr(a), arr(b)
    if a.ndim == 0 or b.ndim == 0:
        return _xp.multiply(a, b)
    if a.ndim <= 2 and b.ndim <= 2:
        return _xp.matmul(a, b)
    return _xp.tensordot(a, b, axes=([a.ndim - 1], [b.ndim - 2 if b.ndim > 1 else 0]))


def vdot(a: Any, b: Any, /) -> Array:
    """``sum(conj(ravel(a)) * ravel(b))``."""
    a, b = _xp.reshape(arr(a), (-1,)), _xp.reshape(arr(b), (-1,))
    if _xp.isdtype(a.dtype, "complex floating"):
        a = _xp.conj(a)
    return _xp.tensordot(a, b, axes=1)


def inner(a: Any, b: Any, /) -> Array:
    """Sum over the last axes of ``a`` and ``b``."""
    a, b = arr(a), arr(b)
    if a.ndim == 0 or b.ndim == 0:
        return _xp.multiply(a, b)
    return _xp.tensordot(a, b, axes=([a.ndim - 1], [b.ndim - 1]))


def outer(a: Any, b: Any, out: Any = None) -> Array:
    if out is not None:
        refuse_out("outer", out)
    return _xp.reshape(arr(a), (-1, 1)) * _xp.reshape(arr(b), (1, -1))


def kron(a: Any, b: Any) -> Array:
    """Kronecker product: every element of ``a`` times the whole of ``b``."""
    a, b = arr(a), arr(b)
    nd = max(a.ndim, b.ndim)
    sa = (1,) * (nd - a.ndim) + tuple(a.shape)
    sb = (1,) * (nd - b.ndim) + tuple(b.shape)
    ea = _xp.reshape(a, tuple(x for s in sa for x in (s, 1)))
    eb = _xp.reshape(b, tuple(x for s in sb for x in (1, s)))
    return _xp.reshape(ea * eb, tuple(p * q for p, q in zip(sa, sb, strict=False)))


def tensordot(a: Any, b: Any, axes: Any = 2) -> Array:
    if not isinstance(axes, int):
        x, y = axes
        axes = (tuple([x] if isinstance(x, int) else x), tuple([y] if isinstance(y, int) else y))
    return _xp.tensordot(arr(a), arr(b), axes=axes)


def vecdot(x1: Any, x2: Any, /, out: Any = None, *, axis: int = -1) -> Array:
    if out is not None:
        refuse_out("vecdot", out)
    return _xp.vecdot(arr(x1), arr(x2), axis=axis)


def cross(
    a: Any, b: Any, axisa: int = -1, axisb: int = -1, axisc: int = -1, axis: Any = None
) -> Array:
    """Cross product of 3-vectors, or the z component for 2-vectors (NumPy's ``cross``)."""
    if axis is not None:
        axisa = axisb = axisc = axis
    a, b = _xp.moveaxis(arr(a), axisa, -1), _xp.moveaxis(arr(b), axisb, -1)
    na, nb = a.shape[-1], b.shape[-1]
    if na not in (2, 3) or nb not in (2, 3):
        bad_value("cross", "a", "vectors of 2 or 3 components", a if na not in (2, 3) else b)
    if na == 2 and nb == 2:
        return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]
    if na == 2:
        a = _xp.concat([a, _xp.zeros_like(a[..., :1])], axis=-1)
    if nb == 2:
        b = _xp.concat([b, _xp.zeros_like(b[..., :1])], axis=-1)
    a, b = _xp.broadcast_arrays(a, b)
    return _xp.moveaxis(_xp.linalg.cross(a, b, axis=-1), -1, axisc)


# -- einsum ---------------------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _parse(subscripts: str, operands: list[Array]) -> tuple[list[str], str]:
    s = subscripts.replace(" ", "")
    if "->" in s:
        lhs, out = s.split("->")
        explicit = True
    else:
        lhs, out, explicit = s, "", False
    terms = lhs.split(",")
    if len(terms) != len(operands):
        bad_value("einsum", "subscripts", f"{len(operands)} operand terms", subscripts)
    used = set(ch for ch in s if ch.isalpha())
    free = [c for c in _LETTERS if c not in used]
    ell_nd = 0
    for t, op in zip(terms, operands, strict=False):
        if "..." in t:
            ell_nd = max(ell_nd, op.ndim - (len(t) - 3))
    ell = "".join(free[:ell_nd])
    res = []
    for t, op in zip(terms, operands, strict=False):
        if "..." in t:
            n = op.ndim - (len(t) - 3)
            t = t.replace("...", ell[ell_nd - n :] if n else "")
        if len(t) != op.ndim or not all(c.isalpha() for c in t):
            bad_value(
                "einsum", "subscripts", f"a term of {op.ndim} letters for each operand", subscripts
            )
        res.append(t)
    if explicit:
        out = out.replace("...", ell)
        if not all(c.isalpha() for c in out) or len(set(out)) != len(out):
            bad_value("einsum", "subscripts", "an output of distinct letters", subscripts)
    else:
        counts: dict[str, int] = {}
        for t in res:
            for c in t:
                counts[c] = counts.get(c, 0) + 1
        out = ell + "".join(sorted(c for c, n in counts.items() if n == 1 and c not in ell))
    for c in out:
        if not any(c in t for t in res):
            bad_value("einsum", "subscripts", "output letters that appear in an input", subscripts)
    return res, out


def _diagonalize(t: str, a: Array) -> tuple[str, Array]:
    """Repeated letters in one term take the diagonal (``ii->i``)."""
    while len(set(t)) != len(t):
        c = next(ch for ch in t if t.count(ch) > 1)
        i = t.index(c)
        j = t.index(c, i + 1)
        rest = [k for k in range(len(t)) if k not in (i, j)]
        a = _xp.linalg.diagonal(_xp.permute_dims(a, tuple(rest) + (i, j)))
        t = "".join(t[k] for k in rest) + c
    return t, a


def _sum_out(t: str, a: Array, keep: set[str]) -> tuple[str, Array]:
    gone = tuple(i for i, c in enumerate(t) if c not in keep)
    if not gone:
        return t, a
    return "".join(c for c in t if c in keep), _xp.sum(a, axis=gone, dtype=a.dtype)


def _contract(ta: str, a: Array, tb: str, b: Array, keep: set[str]) -> tuple[str, Array]:
    """One pairwise contraction as a batched ``matmul``: batch letters (in both, kept),
    contracted letters (in both, not kept), and the letters of one side only."""
    batch = [c for c in ta if c in tb and c in keep]
    summed = [c for c in ta if c in tb and c not in keep]
    only_a = [c for c in ta if c not in tb]
    only_b = [c for c in tb if c not in ta]
    size = {**dict(zip(ta, dims(a), strict=True)), **dict(zip(tb, dims(b), strict=True))}
    for c in batch + summed:
        sa, sb = dims(a)[ta.index(c)], dims(b)[tb.index(c)]
        if sa != sb and 1 not in (sa, sb):
            bad_value("einsum", "operands", f"equal sizes for index {c!r}", (sa, sb))
        size[c] = sa if sb == 1 else sb
    pa = _xp.permute_dims(a, tuple(ta.index(c) for c in batch + only_a + summed))
    pb = _xp.permute_dims(b, tuple(tb.index(c) for c in batch + summed + only_b))
    bshape = tuple(size[c] for c in batch)
    pa = _xp.broadcast_to(pa, bshape + dims(pa)[len(batch) :])
    pb = _xp.broadcast_to(pb, bshape + dims(pb)[len(batch) :])
    m = math.prod(size[c] for c in only_a)
    k = math.prod(size[c] for c in summed)
    n = math.prod(size[c] for c in only_b)
    r = _xp.matmul(_xp.reshape(pa, bshape + (m, k)), _xp.reshape(pb, bshape + (k, n)))
    r = _xp.reshape(r, bshape + tuple(size[c] for c in only_a + only_b))
    return "".join(batch + only_a + only_b), r


def einsum(
    subscripts: str,
    *operands: Any,
    out: Any = None,
    dtype: Any = None,
    order: str = "K",
    casting: str = "safe",
    optimize: Any = False,
) -> Array:
    """NumPy's ``einsum`` (explicit and implicit output, ``...``, repeated letters for
    diagonals): operands are contracted left to right, each pair as one ``matmul``, and letters
    needed by no later operand nor the output are summed as early as possible."""
    if out is not None:
        refuse_out("einsum", out)
    if not isinstance(subscripts, str):
        refuse(
            "einsum",
            "subscripts",
            "a subscripts string (the interleaved form is not supported)",
            subscripts,
        )
    ops = [arr(o) for o in operands]
    if not ops:
        bad_value("einsum", "operands", "at least one operand", operands)
    dt = _xp.result_type(*ops) if dtype is None else dtype
    ops = [_xp.astype(o, dt) if o.dtype != dt else o for o in ops]
    terms, result = _parse(subscripts, ops)
    b, dev, ops = resolve("einsum", tuple(ops))
    native = call("einsum", b, dev, b.einsum, subscripts.replace(" ", ""), [o._native for o in ops])
    if native is not None:  # the framework's own einsum
        return _new(native, b, ops[0].dtype, dev)
    pairs = [_diagonalize(t, o) for t, o in zip(terms, ops, strict=False)]
    for i in range(len(pairs)):
        later = set(result).union(*(set(t) for j, (t, _) in enumerate(pairs) if j != i))
        pairs[i] = _sum_out(pairs[i][0], pairs[i][1], later)
    t, acc = pairs[0]
    for i in range(1, len(pairs)):
        keep = set(result).union(*(set(tt) for tt, _ in pairs[i + 1 :]))
        t, acc = _contract(t, acc, pairs[i][0], pairs[i][1], keep)
        t, acc = _sum_out(t, acc, keep)
    t, acc = _sum_out(t, acc, set(result))
    if t != result:
        acc = _xp.permute_dims(acc, tuple(t.index(c) for c in result))
    return acc
