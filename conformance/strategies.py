"""Hypothesis strategies for the conformance suite: dtypes by kind, shapes (0-d and empty
included), arrays whose elements cover each dtype's corners, and axis arguments.

Subnormal floats are not generated: TensorFlow flushes them to zero on CPU (a documented
deviation, see the README), and a flushed input would make every float function disagree.
Complex numbers are generated with finite components (signed zeros included); the IEEE
special cases of complex functions are not covered by this suite.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

BOOL = ("bool",)
SIGNED = ("int8", "int16", "int32", "int64")
UNSIGNED = ("uint8", "uint16", "uint32", "uint64")
INTEGER = SIGNED + UNSIGNED
REAL_FLOAT = ("float16", "float32", "float64")
COMPLEX = ("complex64", "complex128")
FLOAT = REAL_FLOAT + COMPLEX
REAL_NUMERIC = INTEGER + REAL_FLOAT
NUMERIC = INTEGER + FLOAT
ALL = BOOL + NUMERIC
#: what the linalg decompositions take (no float16: no backend's LAPACK has it)
DECOMP = ("float32", "float64", "complex64", "complex128")

#: complex components are 0, -0 or of magnitude in [1e-15, 1e15]: how libraries handle
#: overflow and underflow inside complex arithmetic is not covered (see the README)
COMPLEX_BOUND = 1e15

SPECIALS = (math.nan, math.inf, -math.inf, 0.0, -0.0)

#: shapes of up to three dimensions, sides up to 4: 0-d arrays and empty arrays included
SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)
NONEMPTY_SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4)


def width(dtype: str) -> int:
    return {"float16": 16, "float32": 32, "float64": 64, "complex64": 32, "complex128": 64}[dtype]


def reals(
    dtype: str, *, bound: float | None = None, specials: bool = True, lo: float | None = None
) -> st.SearchStrategy:
    """Floats representable in ``dtype`` (no subnormals); finite ones within ``[lo, bound]``
    (``lo`` defaults to ``-bound``) when a bound is given; ``specials``: also NaN, ±inf, ±0."""
    w = width(dtype)
    low = (-bound if lo is None else lo) if bound is not None else lo
    finite = st.floats(
        min_value=None if low is None else _within(low, w, up=True),
        max_value=None if bound is None else _within(bound, w, up=False),
        width=w,
        allow_nan=False,
        allow_infinity=False,
        allow_subnormal=False,
    )
    return st.one_of(finite, st.sampled_from(SPECIALS)) if specials else finite


def elements(
    dtype: str, *, bound: float | None = None, specials: bool = True, lo: float | None = None
) -> st.SearchStrategy:
    """Elements of ``dtype``: every bool, the whole integer range (extremes favoured by
    hypothesis), floats as in :func:`reals`, complex numbers with finite components."""
    if dtype == "bool":
        return st.booleans()
    if dtype in INTEGER:
        info = np.iinfo(dtype)
        low = info.min if lo is None else max(info.min, int(lo))
        high = info.max if bound is None else min(info.max, int(bound))
        return st.integers(low, high)
    if dtype in COMPLEX:
        top = min(bound, COMPLEX_BOUND) if bound is not None else COMPLEX_BOUND
        low, high = 1 / COMPLEX_BOUND, top
        if dtype == "complex64":  # hypothesis wants bounds exactly representable in float32
            low, high = _within(low, 32, up=True), _within(high, 32, up=False)
        part = st.floats(low, high, width=width(dtype)).flatmap(lambda v: st.sampled_from((v, -v)))
        part = st.one_of(part, st.sampled_from((0.0, -0.0)))
        return st.builds(complex, part, part)
    return reals(dtype, bound=bound, specials=specials, lo=lo)


def _within(v: float, bits: int, *, up: bool) -> float:
    """The float of ``bits`` bits nearest ``v`` on the side that keeps a bound inside its
    interval (hypothesis wants bounds exactly representable in the width it draws)."""
    t = {16: np.float16, 32: np.float32, 64: np.float64}[bits]
    f = t(v)
    if (up and float(f) < v) or (not up and float(f) > v):
        f = np.nextafter(f, t(np.inf if up else -np.inf))
    return float(f)


def arrays(
    dtype: str, shape: st.SearchStrategy | tuple = SHAPES, **kw: object
) -> st.SearchStrategy:
    """NumPy arrays of ``dtype`` and a drawn (or given) shape."""
    return hnp.arrays(np.dtype(dtype), shape, elements=elements(dtype, **kw), fill=st.nothing())


def axis_of(ndim: int, *, none: bool = True) -> st.SearchStrategy:
    """One valid axis (negative ones included) of an ``ndim``-dimensional array, or None."""
    opts: list[st.SearchStrategy] = [st.none()] if none or ndim == 0 else []
    if ndim:
        opts.append(st.integers(-ndim, ndim - 1))
    return st.one_of(*opts)


def axes_of(ndim: int) -> st.SearchStrategy:
    """None, one axis, or a tuple of distinct axes (each given positive or negative)."""
    if ndim == 0:
        return st.sampled_from([None, ()])
    distinct = st.lists(st.integers(0, ndim - 1), unique=True, max_size=ndim).flatmap(
        lambda axes: st.tuples(*(st.sampled_from([a, a - ndim]) for a in axes))
    )
    return st.one_of(st.none(), st.integers(-ndim, ndim - 1), distinct)
