"""The conformance engine: a :class:`Case` describes one function of the standard (how to draw
its arguments, its NumPy reference, the standard's dtype and shape rules, the tolerance);
:func:`run_case` runs it on one backend for every input dtype it supports, with hypothesis
drawing the arguments, and checks dtype, shape and values of every result.

Values are compared with NumPy as the reference: exactly for bools and integers, within
``ulps`` units in the last place for floats (``spacing(|ref|)``; for complex results
``eps * |ref|``), plus ``scaled * eps * n * max|input|`` for results that sum many terms
(reductions, products of matrices), whose rounding depends on the order of the sum. NaN must
be NaN, infinities must have the reference's sign, and zeros the reference's sign where the
case says signed zeros are defined.
"""

from __future__ import annotations

import os
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

import arrayshim as xp

from . import special_cases, stubs
from .devices import on_device


def _freeze_hypothesis_constants() -> None:
    """Hypothesis (6.13x+) mixes into its draws constants it finds in every local module loaded
    so far, so the inputs of a case would depend on which other tests ran first in the process,
    and ``REPORT.md`` could not be reproduced. The suite draws from its own strategies only."""
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - another hypothesis layout: nothing to freeze
        return
    if hasattr(providers, "_get_local_constants") and hasattr(providers, "Constants"):
        empty = providers.Constants()
        providers._get_local_constants = lambda: empty


_freeze_hypothesis_constants()

#: examples per (function, input dtype, backend); CI uses the default
EXAMPLES = int(os.environ.get("ARRAYSHIM_CONFORMANCE_EXAMPLES", "6"))
#: backends that draw a share of the examples: on jax every new shape or dtype costs an XLA
#: compilation, which made its conformance run three times the others' (same seed, fewer draws)
BACKEND_SHARE = {"jax": 0.5}
#: the seed every drawing starts from (a run is reproducible; change it to explore)
SEED = int(os.environ.get("ARRAYSHIM_CONFORMANCE_SEED", "0"))
#: whether this run uses the settings REPORT.md was made with (other runs are explorations)
DEFAULT_SETTINGS = (
    "ARRAYSHIM_CONFORMANCE_EXAMPLES" not in os.environ
    and "ARRAYSHIM_CONFORMANCE_SEED" not in os.environ
)
#: shrinking a failure to its smallest example takes seconds per case: on when asked for
PHASES = (Phase.explicit, Phase.generate) + (
    (Phase.shrink,) if os.environ.get("ARRAYSHIM_CONFORMANCE_SHRINK") else ()
)


@dataclass(frozen=True)
class Tol:
    """How far a floating result may be from the reference (see the module docstring)."""

    ulps: float = 0.0
    scaled: float = 0.0
    zero_sign: bool = True
    #: complex results: also ``complex_abs * eps`` absolute (NumPy's complex log1p, expm1 ...
    #: lose that much near zero; the frameworks do not)
    complex_abs: float = 0.0


EXACT = Tol()
#: correctly rounded IEEE operations (add, multiply, sqrt ...): half an ulp each side, so
#: two implementations agree exactly; complex results combine several roundings
ROUNDED = Tol(ulps=1.0)
#: libm-style functions (exp, sin, ...): each library has its own approximations
TRANSCENDENTAL = Tol(ulps=8.0, complex_abs=8.0)
#: sums and products of many terms
REDUCTION = Tol(ulps=4.0, scaled=4.0, zero_sign=False)


@dataclass
class Call:
    """Positional and keyword arguments; NumPy arrays in them (also inside lists and tuples)
    become arrayshim arrays of the backend under test."""

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


@dataclass
class Case:
    """One function of the standard: one row of the report."""

    name: str
    category: str
    dtypes: tuple[str, ...]
    draw: Callable[[st.DataObject, str], Call]
    #: the NumPy reference (default: NumPy's function of the same name); None: ``check`` only
    ref: Callable[..., Any] | None = None
    #: how arrayshim is called (default: ``xp.<name>``, ``xp.linalg.<name>`` ...)
    run: Callable[..., Any] | None = None
    #: the standard's result dtype(s) for a call on input dtype ``dtype`` (default: the reference's)
    dtype: Callable[[Call, str], Any] | None = None
    #: the standard's result shape(s) (default: the reference's)
    shape: Callable[[Call], Any] | None = None
    tol: Tol = EXACT
    #: a property check on (result, call, dtype), run after (or instead of) the comparison
    check: Callable[[Any, Call, str], None] | None = None
    #: how many examples relative to EXAMPLES (expensive functions take fewer)
    weight: float = 1.0
    #: the elementwise function of the standard whose special cases (``special_cases.py``)
    #: this case must meet, and how to call it on two (or one) arrays; None: no special cases
    special: str | None = None
    special_run: Callable[..., Any] | None = None

    def function(self) -> Callable[..., Any]:
        if self.run is not None:
            return self.run
        target: Any = xp
        for part in self.name.split("."):
            target = getattr(target, part)
        return target

    def reference(self) -> Callable[..., Any]:
        if self.ref is not None:
            return self.ref
        target: Any = np
        for part in self.name.split("."):
            target = getattr(target, part)
        return target


# ---------------------------------------------------------------------------------------------
# Running one case
# ---------------------------------------------------------------------------------------------


def run_case(case: Case, backend: str) -> None:
    """The standard's signature of ``case``'s function (``stubs.py``), its special cases on a
    grid of special inputs (``special_cases.py``), then every input dtype on ``backend``, each
    with its own hypothesis examples (the same seed on every backend, so all backends see the
    same inputs). Fails with everything found, the signature and special cases first."""
    problems = [f"{case.name}: {p}" for p in stubs.signature_problems(case.name)]
    if case.special is not None:
        run = case.special_run or case.function()
        problems += [
            f"{case.name} on {backend}: {p}"
            for p in special_cases.check(case.special, run, case.dtypes, backend)
        ]
    n = max(1, round(EXAMPLES * case.weight * BACKEND_SHARE.get(backend, 1.0)))
    cause: Exception | None = None
    for dtype in case.dtypes:
        try:
            _examples(case, backend, dtype, n)()
        except Exception as exc:
            problems.append(
                f"{case.name} on {backend}, input dtype {dtype}: {type(exc).__name__}: {exc}"
            )
            cause = exc
            break
    if problems:
        raise AssertionError("; ".join(problems)) from cause


def _examples(case: Case, backend: str, dtype: str, n: int) -> Callable[[], None]:
    @seed(zlib.crc32(f"{SEED}/{case.name}/{dtype}".encode()))
    @settings(
        max_examples=n,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
        phases=PHASES,
    )
    @given(data=st.data())
    def examples(data: st.DataObject) -> None:
        check_call(case, backend, dtype, case.draw(data, dtype))

    return examples


def check_call(case: Case, backend: str, dtype: str, call: Call) -> None:
    """Run ``call`` through arrayshim and NumPy and compare everything."""
    ref_exc: BaseException | None = None
    ref = None
    if case.ref is not None or case.check is None:
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                ref = case.reference()(*_copy(call.args), **_copy(call.kwargs))
        except (ValueError, TypeError, IndexError) as exc:
            ref_exc = exc
    with on_device(backend):
        args, kwargs = _to_xp(call.args), _to_xp(call.kwargs)
        if ref_exc is not None:
            expected = tuple(
                t for t in (ValueError, TypeError, IndexError) if isinstance(ref_exc, t)
            )
            try:
                got = case.function()(*args, **kwargs)
            except expected:
                return
            except Exception as exc:
                raise AssertionError(
                    f"NumPy raised {type(ref_exc).__name__} ({ref_exc}); arrayshim raised "
                    f"{type(exc).__name__}: {exc}"
                ) from exc
            raise AssertionError(
                f"NumPy raised {type(ref_exc).__name__} ({ref_exc}); arrayshim returned {got!r}"
            )
        got = case.function()(*args, **kwargs)
        if case.ref is not None or case.check is None:
            want_dtype = case.dtype(call, dtype) if case.dtype else None
            want_shape = case.shape(call) if case.shape else None
            skip = None
            if case.special is not None and isinstance(got, xp.Array):
                # where a special case of the standard fixes the value, it is the reference
                skip, problems = special_cases.judge(case.special, call.args, np.asarray(got))
                if problems:
                    raise AssertionError(problems[0])
            compare(got, ref, want_dtype, want_shape, case.tol, _scale(call), "result", skip)
        if case.check is not None:
            case.check(got, call, dtype)


def _map_arrays(obj: Any, leaf: Callable[[np.ndarray], Any]) -> Any:
    """``obj`` with every NumPy array or scalar in it (also inside lists, tuples and dicts)
    replaced by ``leaf`` of a fresh copy of it; everything else as it is."""
    if isinstance(obj, (np.ndarray, np.generic)):
        return leaf(np.array(obj))
    if isinstance(obj, (list, tuple)):
        return type(obj)(_map_arrays(o, leaf) for o in obj)
    if isinstance(obj, dict):
        return {k: _map_arrays(v, leaf) for k, v in obj.items()}
    return obj


def _copy(obj: Any) -> Any:
    return _map_arrays(obj, lambda a: a)


def _to_xp(obj: Any) -> Any:
    return _map_arrays(obj, xp.asarray)


def _scale(call: Call) -> float:
    """``n * max|x|`` over the finite values of the call's arrays (the size of a sum's error)."""
    best, n = 0.0, 1
    for a in _leaves((call.args, call.kwargs)):
        if isinstance(a, np.ndarray) and a.dtype.kind in "fciu" and a.size:
            m = (
                np.abs(a[np.isfinite(a)]).astype(np.float64)
                if a.dtype.kind in "fc"
                else np.abs(a.astype(np.float64))
            )
            best = max(best, float(m.max()) if m.size else 0.0)
            n = max(n, a.size)
    return best * n


def _leaves(obj: Any) -> list:
    if isinstance(obj, (list, tuple)):
        return [leaf for o in obj for leaf in _leaves(o)]
    if isinstance(obj, dict):
        return [leaf for o in obj.values() for leaf in _leaves(o)]
    return [obj]


# ---------------------------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------------------------


def compare(
    got: Any,
    ref: Any,
    want_dtype: Any,
    want_shape: Any,
    tol: Tol,
    scale: float,
    where: str,
    skip: np.ndarray | None = None,
) -> None:
    """``got`` (arrayshim results) against ``ref`` (NumPy's), leaf by leaf; ``skip``: where a
    single array result's values are not compared (a special case of the standard judged them)."""
    if isinstance(ref, (tuple, list)):
        kind = tuple if isinstance(ref, tuple) else list
        assert isinstance(got, kind), (
            f"{where}: expected a {kind.__name__} of {len(ref)} results, got {type(got).__name__}"
        )
        assert len(got) == len(ref), f"{where}: expected {len(ref)} results, got {len(got)}"
        fields = getattr(ref, "_fields", None)
        if fields is not None:
            assert getattr(got, "_fields", None) == fields, (
                f"{where}: expected fields {fields}, got {getattr(got, '_fields', None)}"
            )
        for i, (g, r) in enumerate(zip(got, ref, strict=True)):
            sub = f"{where}.{fields[i]}" if fields else f"{where}[{i}]"
            compare(g, r, _at(want_dtype, i), _at(want_shape, i), tol, scale, sub)
        return
    if isinstance(ref, (bool, int, float, complex)) and not isinstance(got, xp.Array):
        assert type(got) is type(ref), (
            f"{where}: expected a Python {type(ref).__name__}, got {type(got).__name__}"
        )
        _values(np.asarray(got), np.asarray(ref), tol, scale, where)
        return
    assert isinstance(got, xp.Array), (
        f"{where}: expected an arrayshim Array, got {type(got).__name__}"
    )
    r = np.asarray(ref)
    dtype = want_dtype if want_dtype is not None else r.dtype.name
    assert got.dtype.name == dtype, f"{where}: dtype {got.dtype.name}, expected {dtype}"
    shape = tuple(want_shape) if want_shape is not None else r.shape
    assert tuple(got.shape) == shape, f"{where}: shape {tuple(got.shape)}, expected {shape}"
    assert r.shape == shape, f"{where}: NumPy's shape {r.shape} differs from the standard's {shape}"
    g = np.asarray(got)
    r = r.astype(dtype) if r.dtype.name != dtype else r
    if skip is not None and skip.shape == g.shape and skip.any():
        r = np.where(skip, g, r)
    _values(g, r, tol, scale, where)


def _at(spec: Any, i: int) -> Any:
    return (
        spec[i]
        if isinstance(spec, (tuple, list)) and spec and not isinstance(spec[0], int)
        else None
    )


def _values(g: np.ndarray, r: np.ndarray, tol: Tol, scale: float, where: str) -> None:
    if r.dtype.kind in "biu" or g.dtype.kind in "biu":
        bad = g != r
        if np.any(bad):
            _fail(where, g, r, bad)
        return
    if r.dtype.kind == "c":
        for part, gp, rp in (("real", g.real, r.real), ("imag", g.imag, r.imag)):
            _floats(gp, rp, tol, scale, f"{where}.{part}", np.abs(r))
        return
    _floats(g, r, tol, scale, where, None)


def _floats(
    g: np.ndarray, r: np.ndarray, tol: Tol, scale: float, where: str, magnitude: np.ndarray | None
) -> None:
    finfo = np.finfo(r.dtype)
    g64, r64 = g.astype(np.float64), r.astype(np.float64)
    bad = np.isnan(g64) != np.isnan(r64)
    inf = np.isinf(r64)
    bad |= inf & (g64 != r64)
    fin = np.isfinite(r64)
    with np.errstate(all="ignore"):
        unit = np.spacing(np.abs(r)).astype(np.float64)
        if magnitude is not None:  # complex: relative to |z|, not to each component
            mag = magnitude.astype(np.float64)
            # complex multiply/divide/abs round several times: 4 eps of |z| is one "ulp"
            unit = np.fmax(unit, 4 * float(finfo.eps) * np.where(np.isfinite(mag), mag, 0.0))
        allowed = tol.ulps * np.minimum(unit, float(finfo.max)) + float(finfo.smallest_normal)
        if magnitude is not None and tol.complex_abs:
            allowed = allowed + tol.complex_abs * float(finfo.eps)
        if tol.scaled:
            allowed = allowed + tol.scaled * float(finfo.eps) * min(scale, float(finfo.max))
        err = np.abs(g64 - r64)
    bad |= fin & ~(err <= allowed)
    if tol.zero_sign and (magnitude is None or tol.ulps == 0):  # complex: only for exact results
        bad |= (r64 == 0) & (g64 == 0) & (np.signbit(g64) != np.signbit(r64))
    if np.any(bad):
        _fail(where, g, r, bad)


def _fail(where: str, g: np.ndarray, r: np.ndarray, bad: np.ndarray) -> None:
    idx = tuple(int(i) for i in np.argwhere(np.atleast_1d(bad))[0]) if bad.ndim else ()
    gi = g[idx] if g.ndim else g[()]
    ri = r[idx] if r.ndim else r[()]
    raise AssertionError(
        f"{where}: {int(np.sum(bad))} of {bad.size} values differ, first at {idx}: got {gi!r}, "
        f"NumPy {ri!r}"
    )
