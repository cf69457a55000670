"""The standard's special cases, read from the text of the 2025.12 stubs (``stubs.py``) and run.

Each elementwise function's docstring has a ``**Special cases**`` part: bullet lists under
"For real-valued floating-point operands," and "For complex floating-point operands, let
``a = real(x_i)``, ``b = imag(x_i)``" (``c``, ``d`` for ``x2_i``). Every bullet
("If <conditions>, the result is <result>.") becomes a :class:`Rule`: a condition on the input
components (vectorised, so one call of the function checks every rule) and a check of the
result (NaN is NaN, the signs of zeros and infinities as written, "sign unspecified" parts not
checked, ``an implementation-dependent approximation to ``π/2```` within a few ulps,
``+0 * cis(b) - 1.0`` evaluated, the result ``x1_i`` or ``|x1_i|`` taken from the inputs).
Where a bullet adds "(**note**: libraries may return ... to match Python behavior)", the
bullet's own result is required, as array-api-tests does.

:func:`check` runs a function on a grid of special inputs (NaN of both signs, ±inf, ±0,
integers odd and even, halves, and finite values above and below 1; every pair of them for two
operands; every combination of components for complex numbers) for float32 and float64
(complex64 and complex128 for the complex lists) and fails with the first bullet whose result
is wrong. A bullet the parser does not understand is kept in :data:`UNPARSED` with the reason;
``tests/test_conformance_meta.py`` fails when that list changes, so none vanishes silently.

The parsing follows the approach of array-api-tests' ``test_special_cases.py`` (MIT,
data-apis/array-api-tests): regular expressions per condition and result phrase. The rules here
are vectorised over a fixed grid instead of drawn by hypothesis.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import stubs
from .devices import on_device

Env = dict[str, np.ndarray]
Mask = np.ndarray

# ---------------------------------------------------------------------------------------------
# the rules
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One bullet: ``cond(env)`` selects the inputs it speaks of, ``ok(result, env, eps)`` says
    which results are right there; ``exact``: it fixes the result's value (not only a sign or
    an approximation), so the NumPy comparison defers to it."""

    function: str
    section: str  # "real", "complex" (a, b) or "complex2" (a, b, c, d)
    text: str
    cond: Callable[[Env], Mask]
    ok: Callable[[np.ndarray, Env, float], Mask]
    exact: bool


@dataclass(frozen=True)
class Unparsed:
    function: str
    section: str
    text: str
    reason: str


class ParseError(ValueError):
    pass


_SUBJECTS = {"x_i": "x", "x1_i": "x1", "x2_i": "x2", "a": "a", "b": "b", "c": "c", "d": "d"}
_SUBJ = r"``(x_i|x1_i|x2_i|a|b|c|d)``"
_PI = re.compile(r"([+-]?)(\d*)π(?:/(\d+))?")
_WORDS = {"NaN": math.nan, "infinity": math.inf, "True": True, "False": False}


def _value(tok: str) -> tuple[float, bool, bool]:
    """A value as the standard writes it: (value, whether its sign is written, whether it is
    an approximation, i.e. involves π)."""
    tok = tok.strip()
    if m := _PI.fullmatch(tok):
        v = math.pi * int(m.group(2) or 1) / int(m.group(3) or 1)
        return (-v if m.group(1) == "-" else v), True, True
    sign, body = (tok[0], tok[1:]) if tok[:1] in "+-" else ("", tok)
    if body in _WORDS:
        v = _WORDS[body]
    else:
        try:
            v = float(body)
        except ValueError:
            raise ParseError(f"value {tok!r}") from None
    if isinstance(v, bool):
        return v, True, False
    return (-v if sign == "-" else v), sign != "" or v not in (0.0, math.inf), False


def _strict_eq(got: np.ndarray, want: np.ndarray | float) -> Mask:
    """Equal, NaN to NaN, and zeros of the same sign."""
    want = np.asarray(want, dtype=np.float64)
    g = got.astype(np.float64)
    return np.where(
        np.isnan(want),
        np.isnan(g),
        (g == want) & ((want != 0) | (np.signbit(g) == np.signbit(want))),
    )


def _component_ok(v: float, signed: bool, approx: bool) -> Callable[[np.ndarray, float], Mask]:
    def ok(got: np.ndarray, eps: float) -> Mask:
        g = got.astype(np.float64)
        if math.isnan(v):
            return np.isnan(g)
        if not signed:
            g, w = np.abs(g), abs(v)
        else:
            w = v
        if approx:
            return np.abs(g - w) <= 4 * eps * abs(w)
        return _strict_eq(g, w)

    return ok


# ----- conditions -----------------------------------------------------------------------------


def _integer(v: np.ndarray) -> Mask:
    with np.errstate(invalid="ignore"):
        return np.isfinite(v) & (v == np.floor(v))


def _pred(text: str) -> Callable[[np.ndarray, Env], Mask]:
    """A predicate on one input component (``v``) from its phrase ("greater than ``0``", "a
    positive (i.e., greater than ``0``) finite number", "either ``+0`` or ``-0``" ...)."""
    text = text.strip()
    if m := re.fullmatch(r"not equal to (.+)", text) or re.fullmatch(r"not (.+)", text):
        inner = _pred(m.group(1) if text.startswith("not equal") else m.group(1))
        if text.startswith("not equal"):
            inner = _pred("equal to " + m.group(1))
        return lambda v, env: ~inner(v, env)
    if m := re.fullmatch(r"either (.+) or (.+)", text) or re.fullmatch(
        r"(``[^`]+``|a finite number) or (``[^`]+``)", text
    ):
        p, q = _pred(m.group(1)), _pred(m.group(2))
        return lambda v, env: p(v, env) | q(v, env)
    if m := re.fullmatch(r"``([+-]?)(x1_i|x2_i|x_i)``", text):
        sign, name = -1.0 if m.group(1) == "-" else 1.0, _SUBJECTS[m.group(2)]
        return lambda v, env: _strict_eq(v, sign * env[name])
    if m := re.fullmatch(r"(?:equal to )?``([^`]+)``", text):
        want, signed, approx = _value(m.group(1))
        if approx:
            raise ParseError(f"condition {text!r}")
        if text.startswith("equal to") or not signed:
            return lambda v, env: v == want
        return lambda v, env: _strict_eq(v, want)
    if m := re.fullmatch(r"(greater|less) than ``([^`]+)``", text):
        bound = _value(m.group(2))[0]
        return (lambda v, env: v > bound) if m.group(1) == "greater" else (lambda v, env: v < bound)
    table: dict[str, Callable[[np.ndarray, Env], Mask]] = {
        "a finite number": lambda v, env: np.isfinite(v),
        "finite": lambda v, env: np.isfinite(v),
        "a positive (i.e., greater than ``0``) finite number": lambda v, env: (
            np.isfinite(v) & (v > 0)
        ),
        "a positive finite number": lambda v, env: np.isfinite(v) & (v > 0),
        "a negative (i.e., less than ``0``) finite number": lambda v, env: np.isfinite(v) & (v < 0),
        "a nonzero finite number": lambda v, env: np.isfinite(v) & (v != 0),
        "a nonzero number": lambda v, env: ~np.isnan(v) & (v != 0),
        "any value": lambda v, env: np.ones(v.shape, bool),
        "any value, including ``NaN``": lambda v, env: np.ones(v.shape, bool),
        "any value (including ``NaN``)": lambda v, env: np.ones(v.shape, bool),
        "an integer value": lambda v, env: _integer(v),
        "an odd integer value": lambda v, env: (
            _integer(v) & (np.abs(np.fmod(np.where(np.isfinite(v), v, 0), 2)) == 1)
        ),
        "already integer-valued": lambda v, env: ~np.isnan(v) & ((v == np.floor(v)) | np.isinf(v)),
    }
    if text in table:
        return table[text]
    raise ParseError(f"condition {text!r}")


def _clause(text: str) -> Callable[[Env], Mask]:
    """One condition of a bullet, on named input components."""
    text = text.strip()
    if m := re.fullmatch(rf"either {_SUBJ} or {_SUBJ} is (.+)", text):
        p, s, t = _pred(m.group(3)), _SUBJECTS[m.group(1)], _SUBJECTS[m.group(2)]
        return lambda env: p(env[s], env) | p(env[t], env)
    if m := re.fullmatch(rf"((?:{_SUBJ},? )+)(or|and) {_SUBJ} (?:is|are all) (.+)", text):
        names = [_SUBJECTS[n] for n in re.findall(_SUBJ, m.group(1))] + [
            _SUBJECTS[m.group(m.lastindex - 1)]
        ]
        p, combine = (
            _pred(m.group(m.lastindex)),
            (np.logical_or if m.group(m.lastindex - 2) == "or" else np.logical_and),
        )
        return lambda env: functools.reduce(combine, [p(env[n], env) for n in names])
    if m := re.fullmatch(rf"the sign bit of {_SUBJ} is ``([01])``", text):
        s, bit = _SUBJECTS[m.group(1)], m.group(2) == "1"
        return lambda env: np.signbit(env[s]) == bit
    if m := re.fullmatch(r"``abs\((x1_i|x_i)\)`` is (.+)", text):
        s, p = _SUBJECTS[m.group(1)], _pred(m.group(2))
        return lambda env: p(np.abs(env[s]), env)
    if m := re.fullmatch(
        rf"{_SUBJ} and {_SUBJ} have (the same mathematical sign|different mathematical signs)"
        r"(?: and are both nonzero finite numbers)?",
        text,
    ):
        s, t, same = _SUBJECTS[m.group(1)], _SUBJECTS[m.group(2)], m.group(3).startswith("the same")
        both = text.endswith("numbers")

        def signs(env: Env) -> Mask:
            out = (np.signbit(env[s]) == np.signbit(env[t])) == same
            if both:
                out &= np.isfinite(env[s]) & np.isfinite(env[t]) & (env[s] != 0) & (env[t] != 0)
            return out

        return signs
    if m := re.fullmatch(rf"{_SUBJ} (equals|does not equal) {_SUBJ}", text):
        s, t, eq = _SUBJECTS[m.group(1)], _SUBJECTS[m.group(3)], m.group(2) == "equals"
        return lambda env: (env[s] == env[t]) == eq
    if m := re.fullmatch(r"two integers are equally close to ``x_i``", text):
        return lambda env: np.abs(env["x"] - np.floor(env["x"])) == 0.5
    # "is" may be missing (sqrt: "If ``a`` ``-infinity`` and ``b`` is ...")
    if m := re.fullmatch(rf"{_SUBJ} (?:is )?(.+)", text):
        s, p = _SUBJECTS[m.group(1)], _pred(m.group(2))
        return lambda env: p(env[s], env)
    raise ParseError(f"condition {text!r}")


_START = r"(?=``(?:x_i|x1_i|x2_i|a|b|c|d)`` (?:is|equals|does)\b|either ``|the sign bit of|``abs\()"
_SPLIT = re.compile(rf"(,\s*and\s+|,\s*or\s+|,\s+|\s+and\s+|\s+or\s+){_START}")


def _condition(text: str) -> Callable[[Env], Mask]:
    """All conditions of a bullet: clauses joined by "and" (and commas) or by "or"."""
    try:
        return _clause(text)
    except ParseError:
        pass
    parts = _SPLIT.split(text)
    clauses, seps = parts[0::2], {s.strip(" ,") or "and" for s in parts[1::2]}
    if len(clauses) == 1 or len(seps) > 1:
        raise ParseError(f"condition {text!r}")
    fns = [_clause(c) for c in clauses]
    combine = np.logical_or if seps == {"or"} else np.logical_and
    return lambda env: functools.reduce(combine, [f(env) for f in fns])


# ----- results --------------------------------------------------------------------------------

_UNSPEC = re.compile(
    r"\s*\((?:the )?signs? of (?:the )?(real|imaginary|real and imaginary) components? (?:is|are) "
    r"unspecified\)$"
)
_COMPLEX = re.compile(r"([±+-]?)\s*([^\s±]+?)\s+([±+-])\s+(.+)")


def _complex_ok(
    text: str, unspecified: str
) -> tuple[Callable[[np.ndarray, Env, float], Mask], bool]:
    """``A + Bj`` (``±`` or a note: that sign unspecified; ``π`` in it: approximately)."""
    m = _COMPLEX.fullmatch(text)
    if m is None:
        raise ParseError(f"result {text!r}")
    rsign, rtok, op, itok = m.groups()
    itok = itok.replace(" ", "")
    if not itok.endswith("j") and "j" not in itok:
        raise ParseError(f"result {text!r}")
    itok = itok.replace("j", "") or "1"
    rv, rsigned, rapprox = _value(("" if rsign == "±" else rsign) + rtok)
    iv, _, iapprox = _value(("-" if op == "-" else "+") + itok)
    rsigned = rsigned and rsign != "±" and "real" not in unspecified
    isigned = op != "±" and "imaginary" not in unspecified
    real_ok, imag_ok = _component_ok(rv, rsigned, rapprox), _component_ok(iv, isigned, iapprox)

    def ok(got: np.ndarray, env: Env, eps: float) -> Mask:
        return real_ok(got.real, eps) & imag_ok(np.imag(got), eps)

    return ok, not (rapprox or iapprox)


def _result(text: str, section: str) -> tuple[Callable[[np.ndarray, Env, float], Mask], bool]:
    """The check of a result phrase (what follows "the result"), and whether it is exact."""
    text = re.sub(r"\.?\s*\(\*\*note\*\*:.*\)$", "", text.strip()).strip()
    if m := re.fullmatch(
        r"has a (positive|negative) mathematical sign(, unless the result is ``NaN``\..*)?", text
    ):
        neg, nan_free = m.group(1) == "negative", m.group(2) is not None
        return (lambda got, env, eps: (np.signbit(got) == neg) | (nan_free & np.isnan(got))), False
    if not text.startswith("is "):
        raise ParseError(f"result {text!r}")
    text = re.sub(r", even if ``x1_i`` is ``NaN``$", "", text[3:].strip())
    unspecified = ""
    if m := _UNSPEC.search(text):
        unspecified, text = m.group(1), text[: m.start()].strip()
    if m := re.fullmatch(r"an implementation-dependent approximation to ``([^`]+)``", text):
        want, _, _ = _value(m.group(1))
        return (
            lambda got, env, eps: np.abs(got.astype(np.float64) - want) <= 4 * eps * abs(want)
        ), False
    if m := re.fullmatch(r"``([+-]?)(infinity|0) \* cis\(b\)( - 1\.0)?``", text):
        scale = (-1.0 if m.group(1) == "-" else 1.0) * float(m.group(2))
        minus_one = m.group(3) is not None

        def cis(got: np.ndarray, env: Env, eps: float) -> Mask:
            with np.errstate(invalid="ignore"):
                re_, im = scale * np.cos(env["b"]), scale * np.sin(env["b"])
            return _strict_eq(got.real, re_ - 1.0 if minus_one else re_) & _strict_eq(
                np.imag(got), im
            )

        return cis, True
    if m := re.fullmatch(r"``NaN`` with a sign bit of ``([01])``", text):
        bit = m.group(1) == "1"
        return (lambda got, env, eps: np.isnan(got) & (np.signbit(got) == bit)), True
    if m := re.fullmatch(
        r"(?:equivalent|equal) to ``abs\((x1_i|x2_i|a|b)\)``|``(-?)\|(x1_i)\|``", text
    ):
        name = _SUBJECTS[m.group(1) or m.group(3)]
        sign = -1.0 if m.group(2) == "-" else 1.0
        return (lambda got, env, eps: _strict_eq(got, sign * np.abs(env[name]))), True
    if m := re.fullmatch(r"``(x_i|x1_i|x2_i)``", text):
        name = _SUBJECTS[m.group(1)]
        return (lambda got, env, eps: _strict_eq(got, env[name])), True
    if text == "the even integer closest to ``x_i``":
        return (lambda got, env, eps: _strict_eq(got, np.rint(env["x"]))), True
    if (
        text
        == "a signed infinity with the mathematical sign determined by the rule already stated "
        "above"
    ):
        return (
            lambda got, env, eps: (
                np.isinf(got) & (np.signbit(got) == (np.signbit(env["x1"]) ^ np.signbit(env["x2"])))
            )
        ), True
    if (
        section.startswith("complex")
        and (m := re.fullmatch(r"``([^`]+)``", text))
        and "j" in m.group(1)
    ):
        return _complex_ok(m.group(1), unspecified)
    if m := re.fullmatch(r"``([^`]+)``", text):
        want, signed, approx = _value(m.group(1))
        if isinstance(want, bool):
            return (lambda got, env, eps: got == want), True
        signed = signed and not unspecified
        check = _component_ok(want, signed, approx)
        return (lambda got, env, eps: check(got, eps)), not approx
    raise ParseError(f"result {text!r}")


#: lists whose "In the remaining cases" cannot be read as "none of the bullets above"
_INCOMPLETE = {
    (
        "not_equal",
        "real",
    ): "the bullets above do not list an infinity against a finite number, so 'remaining' "
    "would make +infinity != 0 False",
}

_BULLET = re.compile(r"If (.+?), the result (.+)")
_COMPONENT_RESULT = re.compile(
    r"If (.+?), the (real|imaginary) component of the result is ``([^`]+)``"
)


def parse_bullet(
    function: str, section: str, text: str, before: tuple[Rule, ...] = ()
) -> Rule | Unparsed:
    """One bullet (without its leading "- " and final period) as a rule, or why not;
    ``before``: the rules above it in its list ("In the remaining cases" means none of them)."""
    text = re.sub(r"^Similarly, if ", "If ", text)
    try:
        if m := re.fullmatch(r"In the remaining cases, the result is (``[^`]+``)", text):
            if not before:
                raise ParseError("'In the remaining cases' with no cases before it")
            if (function, section) in _INCOMPLETE:
                raise ParseError(_INCOMPLETE[function, section])
            conds = [r.cond for r in before]
            ok, exact = _result("is " + m.group(1), section)
            return Rule(
                function,
                section,
                text,
                lambda env: ~functools.reduce(np.logical_or, [c(env) for c in conds]),
                ok,
                exact,
            )
        if m := _COMPONENT_RESULT.fullmatch(text):
            cond = _condition(m.group(1))
            part = m.group(2)
            want, signed, approx = _value(m.group(3))
            check = _component_ok(want, signed, approx)

            def ok(got: np.ndarray, env: Env, eps: float) -> Mask:
                return check(got.real if part == "real" else np.imag(got), eps)

            return Rule(function, section, text, cond, ok, False)
        m = _BULLET.fullmatch(text)
        if m is None:
            raise ParseError("not an 'If ..., the result ...' bullet")
        cond = _condition(m.group(1))
        ok, exact = _result(m.group(2), section)
        return Rule(function, section, text, cond, ok, exact)
    except ParseError as exc:
        return Unparsed(function, section, text, str(exc))


# ---------------------------------------------------------------------------------------------
# reading the docstrings
# ---------------------------------------------------------------------------------------------


def bullets(doc: str) -> list[tuple[str, str]]:
    """(section, bullet text) of the special-case lists of a docstring."""
    m = re.search(r"\*\*Special [Cc]ases\*\*", doc)
    if m is None:
        return []
    out: list[tuple[str, str]] = []
    section = "real"
    current: list[str] | None = None
    for line in doc[m.end() :].splitlines():
        if line.startswith(".. versionchanged") or line.startswith(".. versionadded"):
            break
        if line.startswith("For "):
            section = (
                ("complex2" if "``c = real(x2_i)``" in line else "complex")
                if "complex" in line
                else "real"
            )
        if line.startswith("- "):
            if current is not None:
                out.append((section, " ".join(current)))
            current = [line[2:].strip()]
            continue
        if current is not None and line.startswith("  ") and line.strip():
            current.append(line.strip())
            continue
        if current is not None:
            out.append((section, " ".join(current)))
            current = None
    if current is not None:
        out.append((section, " ".join(current)))
    return [(s, t[:-1] if t.endswith(".") else t) for s, t in out]


@functools.cache
def parsed() -> dict[str, tuple[list[Rule], list[Unparsed]]]:
    """Rules and unparsed bullets of every function of the stubs that has special cases."""
    out: dict[str, tuple[list[Rule], list[Unparsed]]] = {}
    for name, stub in stubs.load().items():
        items: list[Rule | Unparsed] = []
        for s, t in bullets(stub.doc):
            items.append(
                parse_bullet(
                    name, s, t, tuple(i for i in items if isinstance(i, Rule) and i.section == s)
                )
            )
        if items:
            out[name] = (
                [i for i in items if isinstance(i, Rule)],
                [i for i in items if isinstance(i, Unparsed)],
            )
    return out


def rules(function: str) -> list[Rule]:
    return parsed().get(function, ([], []))[0]


def unparsed() -> list[Unparsed]:
    return [u for _, bad in parsed().values() for u in bad]


_CONVERSION = (
    "conversion of a 0-d array to a Python scalar: cases/array_object.py compares it with NumPy's"
)
_REDUCTION = "a reduction's special case, not elementwise: checked against NumPy by its case"
_GENERAL = "'In the remaining cases': the general rule (the rounded value), checked against NumPy"

#: how many bullets of each function the parser leaves out, and why; the meta tests fail when
#: the parser's counts differ from these (a bullet it stops understanding cannot vanish)
UNPARSED: dict[str, tuple[int, str]] = {
    "Array.__bool__": (3, _CONVERSION),
    "Array.__complex__": (6, _CONVERSION),
    "Array.__float__": (2, _CONVERSION),
    "Array.__int__": (6, _CONVERSION + " (and its OverflowError for infinities)"),
    "add": (1, _GENERAL),
    "clip": (2, "conditions on min_i/max_i, clip's keyword arguments: checked against NumPy"),
    "divide": (2, _GENERAL + "; complex: 'implementation dependent'"),
    "multiply": (2, _GENERAL + "; complex: 'implementation dependent'"),
    "equal": (1, "complex: 'a == c AND b == d' over the real rules: checked against NumPy"),
    "not_equal": (
        2,
        "real: the list is incomplete (see _INCOMPLETE); complex: 'a != c OR b != d', checked "
        "against NumPy",
    ),
    "floor_divide": (1, _GENERAL),
    "hypot": (1, "about subnormal underflow, which the suite does not generate"),
    "remainder": (1, "'must match that of the Python % operator': checked against NumPy"),
    "sign": (1, "complex: 'according to the rules of complex number division'"),
    "linalg.slogdet": (2, _REDUCTION),
    "linalg.trace": (1, _REDUCTION),
    "max": (1, _REDUCTION),
    "mean": (5, _REDUCTION),
    "min": (1, _REDUCTION),
    "prod": (1, _REDUCTION),
    "std": (2, _REDUCTION),
    "sum": (1, _REDUCTION),
    "var": (2, _REDUCTION),
}


# ---------------------------------------------------------------------------------------------
# running them
# ---------------------------------------------------------------------------------------------

_NEG_NAN = float(np.copysign(np.nan, -1.0))
#: special real inputs: NaN of both signs, ±inf, ±0, odd and even integers, halves, values
#: below and above 1 in magnitude, a large one
REAL_GRID = (
    math.nan,
    _NEG_NAN,
    math.inf,
    -math.inf,
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -0.5,
    0.25,
    -0.25,
    2.0,
    -2.0,
    3.0,
    -3.0,
    1.5,
    -1.5,
    2.5,
    -2.5,
    7.0,
    -7.0,
    1e30,
    -1e30,
)
#: components of complex inputs
COMPONENT_GRID = (math.nan, math.inf, -math.inf, 0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5)

_ARITY = {"real": None, "complex": 1, "complex2": 2}


def inputs(section: str, arity: int, dtype: str) -> tuple[list[np.ndarray], Env]:
    """The operands (NumPy arrays of ``dtype``) that cover ``section``'s conditions, and the
    components the rules speak of (float64 arrays of the values the operands hold)."""
    if section == "real":
        grid = np.array(list(itertools.product(REAL_GRID, repeat=arity)), dtype=np.float64).T
        ops = [g.astype(dtype) for g in grid]
        names = ["x"] if arity == 1 else ["x1", "x2"]
        return ops, {n: o.astype(np.float64) for n, o in zip(names, ops, strict=True)}
    grid = np.array(list(itertools.product(COMPONENT_GRID, repeat=2 * arity)), dtype=np.float64).T
    ops = [(grid[2 * i] + 0j).astype(dtype) for i in range(arity)]
    for i, o in enumerate(ops):
        o.imag = grid[2 * i + 1]
    env = {}
    for i, o in enumerate(ops):
        env["abcd"[2 * i]], env["abcd"[2 * i + 1]] = (
            o.real.astype(np.float64),
            o.imag.astype(np.float64),
        )
    return ops, env


def _effective(section_rules: list[Rule], env: Env) -> list[tuple[Rule, Mask]]:
    """Each rule with the inputs it decides: where two bullets of a list speak of the same
    input, the one listed first (among those that fix the value) decides, as in C99's Annex G
    (sqrt: "``a`` is any value (including ``NaN``) and ``b`` is ``+infinity``" before "``a``
    is ``NaN`` and ``b`` is any value")."""
    out = []
    taken = np.zeros(next(iter(env.values())).shape, bool)
    # "f(conj(x)) must equal conj(f(x))": a bullet for b = +infinity decides b = -infinity too
    mirror = (
        {**env, "b": -env["b"]}
        if section_rules and "b" in env and _conj_symmetric(section_rules[0].function)
        else None
    )
    for rule in section_rules:
        cond = rule.cond(env)
        out.append((rule, cond & ~taken))
        if rule.exact:
            taken = taken | cond | (rule.cond(mirror) if mirror is not None else False)
    return out


@functools.cache
def _conj_symmetric(function: str) -> bool:
    return re.search(r"\(conj\(x\)\)`` must equal ``conj\(", stubs.load()[function].doc) is not None


def judge(function: str, args: tuple, got: np.ndarray) -> tuple[np.ndarray | None, list[str]]:
    """The rules of ``function`` that fix the result's value, on operands ``args`` (NumPy
    arrays or Python scalars, as drawn by hypothesis) and arrayshim's result ``got``: where they
    apply (the NumPy reference says nothing there: the standard does) and what they found
    wrong. ``(None, [])`` where no rule can apply (integer or bool operands)."""
    arrays = [np.asarray(a) for a in args]
    if (
        not arrays
        or len(arrays) > 2
        or not all(a.dtype.kind in "fciub" for a in arrays)
        or got.dtype.kind not in "fcb"
    ):
        return None, []
    complex_ = any(a.dtype.kind == "c" for a in arrays)
    if not complex_ and not any(a.dtype.kind == "f" for a in arrays):
        return None, []
    arrays = np.broadcast_arrays(*arrays)
    if arrays[0].shape != got.shape:
        return None, []  # the shape check reports it
    if complex_:
        env = {}
        for i, a in enumerate(arrays):
            c = a.astype(np.complex128)
            env["abcd"[2 * i]], env["abcd"[2 * i + 1]] = c.real, c.imag
        section = "complex" if len(arrays) == 1 else "complex2"
    else:
        # the operands as the function sees them: a Python float in the result's precision
        exact = got.dtype if got.dtype.kind == "f" else np.float64
        env = dict(
            zip(
                ["x"] if len(arrays) == 1 else ["x1", "x2"],
                [a.astype(exact).astype(np.float64) for a in arrays],
                strict=True,
            )
        )
        section = "real"
    eps = float(np.finfo(got.dtype).eps) if got.dtype.kind in "fc" else 0.0
    mask = np.zeros(got.shape, bool)
    problems: list[str] = []
    with np.errstate(all="ignore"):
        for rule, cond in _effective([r for r in rules(function) if r.section == section], env):
            if rule.exact:
                mask |= cond
                bad = cond & ~rule.ok(got, env, eps)
                if np.any(bad) and not problems:
                    i = (
                        tuple(int(k) for k in np.argwhere(np.atleast_1d(bad))[0])
                        if bad.ndim
                        else ()
                    )
                    shown = ", ".join(f"{k}={v[i]!r}" for k, v in env.items())
                    problems.append(f"special case '{rule.text}' fails for {shown}: got {got[i]!r}")
    return mask, problems


def check(
    function: str, run: Callable[..., object], dtypes: tuple[str, ...], backend: str
) -> list[str]:
    """Every rule of ``function`` with ``run`` (arrayshim's function, operator ...) on
    ``backend``, on the grid of special inputs, for each float dtype in ``dtypes``; what
    failed (at most one line per dtype and list)."""
    import arrayshim as xp

    stub = stubs.load()[function]
    arity = sum(p.kind is not inspect.Parameter.KEYWORD_ONLY for p in stub.params)
    problems: list[str] = []
    by_section: dict[str, list[Rule]] = {}
    for rule in rules(function):
        by_section.setdefault(rule.section, []).append(rule)
    for section, section_rules in by_section.items():
        wanted = ("float32", "float64") if section == "real" else ("complex64", "complex128")
        n = arity if section == "real" else _ARITY[section]
        if n != arity:
            continue
        for dtype in (d for d in wanted if d in dtypes):
            ops, env = inputs(section, arity, dtype)
            eps = float(np.finfo(dtype).eps)
            with on_device(backend):
                got = np.asarray(run(*[xp.asarray(o) for o in ops]))
            bad_rules = []
            with np.errstate(all="ignore"):
                for rule, cond in _effective(section_rules, env):
                    bad = cond & ~rule.ok(got, env, eps)
                    if np.any(bad):
                        bad_rules.append((rule, int(np.argmax(bad)), int(bad.sum())))
            if bad_rules:
                rule, i, count = bad_rules[0]
                shown = ", ".join(f"{k}={v[i]!r}" for k, v in env.items())
                more = (
                    f" (and {len(bad_rules) - 1} other special cases)" if len(bad_rules) > 1 else ""
                )
                problems.append(
                    f"special case '{rule.text}' fails on {dtype} for {shown}: got {got[i]!r} "
                    f"({count} inputs){more}"
                )
    return problems
