"""The ``fft`` extension: one case per function of ``xp.fft``, against ``numpy.fft`` (NumPy 2
keeps ``complex64`` for ``float32``/``complex64`` input).

Transforms are compared with NumPy's transform of the same input in 64-bit precision, within
``K * eps * sqrt(N) * log2(2N) * max|ref|`` (``N``: the number of points of the transform,
``eps`` of the result's dtype): the error bound of an FFT, relative to the largest output.
Inputs are finite and within ±1e6 (IEEE special values spread through a whole transform in
ways the standard does not specify). The inputs of the complex-to-real transforms (``irfft``,
``irfftn``, ``hfft``) are Hermitian-consistent: what a real signal's transform gives (the
imaginary parts a C2R transform must ignore are zero), as the standard's results are defined
only for such input.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import arrayshim as xp

from .. import strategies as S
from ..engine import EXACT, Call, Case, Tol

CAT = "fft extension"
REAL = ("float32", "float64")
#: the constant of the tolerance (see the module docstring)
K = 8.0
BOUND = 1e6
NORMS = ("backward", "ortho", "forward")


def _complex_of(dtype: str) -> str:
    return {"float32": "complex64", "float64": "complex128"}.get(dtype, dtype)


def _real_of(dtype: str) -> str:
    return {"complex64": "float32", "complex128": "float64"}.get(dtype, dtype)


def _hi(a: np.ndarray) -> np.ndarray:
    return a.astype(np.complex128 if a.dtype.kind == "c" else np.float64)


# ---------------------------------------------------------------------------------------------
# drawing
# ---------------------------------------------------------------------------------------------


def _shape(data: st.DataObject, *, min_dims: int = 1) -> tuple:
    """Up to three dimensions, sides 1 to 5; one side 0 in about one draw of eight (an empty
    batch: only axes that are not transformed may be empty, see ``_empty_other``)."""
    return data.draw(
        hnp.array_shapes(min_dims=min_dims, max_dims=3, min_side=1, max_side=5), label="shape"
    )


def _empty_other(data: st.DataObject, shape: tuple, axes: tuple) -> tuple:
    others = [i for i in range(len(shape)) if i not in {a % len(shape) for a in axes}]
    if others and data.draw(st.integers(0, 7), label="empty batch") == 5:
        i = data.draw(st.sampled_from(others), label="empty axis")
        return shape[:i] + (0,) + shape[i + 1 :]
    return shape


def _values(data: st.DataObject, dtype: str, shape: tuple, label: str = "x") -> np.ndarray:
    return data.draw(S.arrays(dtype, shape, bound=BOUND, specials=False), label=label)


def _norm(data: st.DataObject, kw: dict) -> dict:
    norm = data.draw(st.sampled_from((None,) + NORMS), label="norm")
    if norm is not None:
        kw["norm"] = norm
    return kw


def _draw_1d(data: st.DataObject, dtype: str) -> Call:
    """``x``, ``n`` (None or 1 to 6: trimming and zero-padding), ``axis``, ``norm``."""
    shape = _shape(data)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1), label="axis")
    shape = _empty_other(data, shape, (axis,))
    kw: dict = {}
    if data.draw(st.booleans(), label="n given"):
        kw["n"] = data.draw(st.integers(1, 6), label="n")
    if axis != -1 or data.draw(st.booleans(), label="axis given"):
        kw["axis"] = axis
    return Call((_values(data, dtype, shape),), _norm(data, kw))


def _axes(data: st.DataObject, ndim: int) -> tuple:
    """Distinct axes (at least one), in any order, each positive or negative."""
    axes = data.draw(
        st.lists(st.integers(0, ndim - 1), unique=True, min_size=1, max_size=ndim), label="axes"
    )
    return tuple(data.draw(st.sampled_from([a, a - ndim]), label="axis sign") for a in axes)


def _draw_nd(data: st.DataObject, dtype: str) -> Call:
    """``x``, ``s`` (None, or with ``axes``), ``axes`` (None: all), ``norm``."""
    shape = _shape(data)
    kw: dict = {}
    if data.draw(st.booleans(), label="axes given"):
        axes = _axes(data, len(shape))
        kw["axes"] = axes
        if data.draw(st.booleans(), label="s given"):
            kw["s"] = tuple(data.draw(st.integers(1, 5), label="s[i]") for _ in axes)
        shape = _empty_other(data, shape, axes)
    return Call((_values(data, dtype, shape),), _norm(data, kw))


def _hermitian_1d(data: st.DataObject, dtype: str) -> Call:
    """For ``irfft``/``hfft``: complex ``x`` whose imaginary parts at the points a real output of
    ``n`` points leaves undetermined (0 and, for even ``n``, n/2) are zero."""
    call = _draw_1d(data, dtype)
    x = call.args[0].copy()
    axis = call.kwargs.get("axis", -1)
    m = x.shape[axis]
    n = call.kwargs.get("n")
    if n is None and m < 2:  # the default n = 2 * (m - 1) must be positive
        call.kwargs["n"] = n = data.draw(st.integers(1, 6), label="n")
    n = 2 * (m - 1) if n is None else n
    xm = np.moveaxis(x, axis, -1)
    xm[..., 0] = xm[..., 0].real
    if n % 2 == 0 and n // 2 < m:
        xm[..., n // 2] = xm[..., n // 2].real
    return Call((x,), call.kwargs)


def _draw_irfftn(data: st.DataObject, dtype: str) -> Call:
    """``x = rfftn(y)`` of a real ``y`` (exactly what irfftn inverts), ``s`` the shape of ``y``
    along ``axes`` (or None where ``y``'s last transformed side is even), ``norm``."""
    shape = _shape(data)
    axes = (
        _axes(data, len(shape))
        if data.draw(st.booleans(), label="axes given")
        else tuple(range(len(shape)))
    )
    shape = _empty_other(data, shape, axes)
    y = _values(data, _real_of(dtype), shape, "y")
    x = (
        np.fft.rfftn(_hi(y), axes=axes).astype(dtype)
        if y.size
        else np.zeros(
            tuple(s // 2 + 1 if i == axes[-1] % len(shape) else s for i, s in enumerate(shape)),
            dtype,
        )
    )
    kw: dict = {}
    if (
        len(axes) != len(shape)
        or list(axes) != list(range(len(shape)))
        or data.draw(st.booleans(), label="axes")
    ):
        kw["axes"] = axes
    if "axes" in kw and (shape[axes[-1]] % 2 or data.draw(st.booleans(), label="s given")):
        kw["s"] = tuple(shape[a] for a in axes)
    elif "axes" not in kw and shape[-1] % 2:
        kw["axes"], kw["s"] = axes, tuple(shape[a] for a in axes)
    return Call((x,), _norm(data, kw))


# ---------------------------------------------------------------------------------------------
# checking
# ---------------------------------------------------------------------------------------------


def _points(name: str, call: Call, ref: np.ndarray) -> int:
    """The number of points of the transform (its error grows with them)."""
    x = call.args[0]
    if "n" in call.kwargs or name in ("fft", "ifft", "rfft", "ihfft", "irfft", "hfft"):
        axis = call.kwargs.get("axis", -1)
        return max(ref.shape[axis], x.shape[axis], 1)
    axes = call.kwargs.get("axes", tuple(range(x.ndim)))
    return max(math.prod(max(ref.shape[a], x.shape[a]) for a in axes), 1)


def _transform(name: str, out: str):
    """A check of ``xp.fft.<name>`` against ``np.fft.<name>`` on the 64-bit input; ``out``:
    'complex', 'real' or 'same' (the result's dtype from the input's)."""

    def check(got: object, call: Call, dtype: str) -> None:
        x = call.args[0]
        ref = np.asarray(getattr(np.fft, name)(_hi(x), **call.kwargs))
        want = {"complex": _complex_of(dtype), "real": _real_of(dtype), "same": dtype}[out]
        assert isinstance(got, xp.Array), (
            f"fft.{name}: expected an arrayshim Array, got {type(got).__name__}"
        )
        assert got.dtype.name == want, f"fft.{name}: dtype {got.dtype.name}, expected {want}"
        assert tuple(got.shape) == ref.shape, (
            f"fft.{name}: shape {tuple(got.shape)}, expected {ref.shape}"
        )
        g = np.asarray(got)
        n = _points(name, call, ref)
        eps = float(np.finfo(_real_of(want)).eps)
        top = float(np.max(np.abs(ref), initial=0.0))
        atol = K * eps * math.sqrt(n) * math.log2(2 * n) * top + float(
            np.finfo(_real_of(want)).smallest_normal
        )
        with np.errstate(all="ignore"):
            err = np.abs(g.astype(np.complex128) - ref)
        bad = ~(err <= atol)
        if np.any(bad):
            idx = tuple(int(i) for i in np.argwhere(np.atleast_1d(bad))[0]) if bad.ndim else ()
            raise AssertionError(
                f"fft.{name}{call.kwargs}: {int(bad.sum())} of {bad.size} values differ, "
                f"first at {idx}: got {g[idx]!r}, NumPy {ref[idx]!r} "
                f"(allowed {atol:.3g} = {K:g} eps sqrt(N) log2(2N) max|ref|, N={n})"
            )

    return check


# ---------------------------------------------------------------------------------------------
# fftfreq, rfftfreq, fftshift, ifftshift
# ---------------------------------------------------------------------------------------------


def _draw_freq(data: st.DataObject, dtype: str) -> Call:
    kw: dict = {}
    n = data.draw(st.integers(1, 20), label="n")
    if data.draw(st.booleans(), label="d given"):
        kw["d"] = data.draw(st.sampled_from([0.5, 0.1, 2.0, 1e-3, 3.0]), label="d")
    if dtype != "float64" or data.draw(st.booleans(), label="dtype given"):  # float64: the default
        kw["dtype"] = getattr(xp, dtype)
    return Call((n,), kw)


def _freq_ref(name: str):
    def ref(n: int, *, d: float = 1.0, dtype: object = None) -> np.ndarray:
        out = getattr(np.fft, name)(n, d)
        return out.astype(dtype.name) if dtype is not None else out  # type: ignore[attr-defined]

    return ref


def _draw_shift(data: st.DataObject, dtype: str) -> Call:
    # at least one dimension: NumPy's shifts of a 0-d array fail (axes=None shifts no axis)
    x = data.draw(
        S.arrays(dtype, hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=5)), label="x"
    )
    kw: dict = {}
    if data.draw(st.booleans(), label="axes given"):
        if data.draw(st.booleans(), label="one axis"):
            kw["axes"] = data.draw(st.integers(-x.ndim, x.ndim - 1), label="axes")
        else:
            kw["axes"] = _axes(data, x.ndim)
    return Call((x,), kw)


# ---------------------------------------------------------------------------------------------
# the cases
# ---------------------------------------------------------------------------------------------


def _case(name: str, dtypes: tuple[str, ...], draw: object, out: str) -> Case:
    return Case(f"fft.{name}", CAT, dtypes, draw, check=_transform(name, out))  # type: ignore[arg-type]


CASES: list[Case] = [
    _case("fft", S.COMPLEX, _draw_1d, "same"),
    _case("ifft", S.COMPLEX, _draw_1d, "same"),
    _case("fftn", S.COMPLEX, _draw_nd, "same"),
    _case("ifftn", S.COMPLEX, _draw_nd, "same"),
    _case("rfft", REAL, _draw_1d, "complex"),
    _case("irfft", S.COMPLEX, _hermitian_1d, "real"),
    _case("rfftn", REAL, _draw_nd, "complex"),
    _case("irfftn", S.COMPLEX, _draw_irfftn, "real"),
    _case("hfft", S.COMPLEX, _hermitian_1d, "real"),
    _case("ihfft", REAL, _draw_1d, "complex"),
    Case(
        "fft.fftfreq",
        CAT,
        REAL,
        _draw_freq,
        ref=_freq_ref("fftfreq"),
        tol=Tol(ulps=2.0),
        weight=0.5,
    ),
    Case(
        "fft.rfftfreq",
        CAT,
        REAL,
        _draw_freq,
        ref=_freq_ref("rfftfreq"),
        tol=Tol(ulps=2.0),
        weight=0.5,
    ),
    Case("fft.fftshift", CAT, S.FLOAT, _draw_shift, ref=np.fft.fftshift, tol=EXACT, weight=0.5),
    Case("fft.ifftshift", CAT, S.FLOAT, _draw_shift, ref=np.fft.ifftshift, tol=EXACT, weight=0.5),
]
