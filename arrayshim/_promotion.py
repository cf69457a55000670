"""The one promotion table, kept as data and shared by every function, operator and backend.

Each policy is a small *cast graph* (which dtype can hold which, one step at a time) plus a
preference order; the full pairwise table is *derived* from it: the result of promoting ``a`` and
``b`` is the first dtype in ``ORDER`` that both can reach. ``tests/test_promotion.py`` pins the
derived tables cell by cell (a golden grid of short codes) and checks the ``numpy`` policy
against NumPy itself.

Policies
--------
``numpy``   (default) results equal NumPy 2's: ``int32 + float32 -> float64``,
            ``uint64 + int64 -> float64``; default float float64, default int int64.
``float32`` for GPU/ML code: default float float32, and an int/float mix gives the float
            operand's dtype (``int64 + float32 -> float32``), like TF-NumPy's ``prefer_float32``
            and JAX.
``strict``  only what the Array API standard defines; mixing kinds raises ``TypeError``.

Python scalars are weak (NEP 50): they take the array's dtype when their kind allows it.
"""

from __future__ import annotations

from . import _dtypes as d
from ._dtypes import DType
from ._errors import ArrayshimOverflowError, ArrayshimTypeError, ArrayshimValueError, message

#: preference order among candidate results: smaller kinds and sizes first
ORDER = tuple(d.BY_CODE[c] for c in "b1 u1 i1 u2 i2 u4 i4 u8 i8 f2 f4 f8 c8 c16".split())

_INT_STEPS = {
    "b1": ["i1", "u1"],
    "u1": ["i2", "u2"],
    "u2": ["i4", "u4"],
    "u4": ["i8", "u8"],
    "u8": [],
    "i1": ["i2"],
    "i2": ["i4"],
    "i4": ["i8"],
    "i8": [],
}
_FLOAT_STEPS = {"f2": ["f4"], "f4": ["f8", "c8"], "f8": ["c16"], "c8": ["c16"], "c16": []}

#: NumPy's safe casts: an integer goes to the smallest float that holds all its values
_NUMPY_INT_TO_FLOAT = {
    "b1": [],
    "u1": ["f2"],
    "i1": ["f2"],
    "u2": ["f4"],
    "i2": ["f4"],
    "u4": ["f8"],
    "i4": ["f8"],
    "u8": ["f8"],
    "i8": ["f8"],
}
#: float32 policy: an integer mixed with any float gives that float
_ANY_INT_TO_FLOAT = {c: (["f2"] if c != "b1" else []) for c in _INT_STEPS}


def _graph(*parts: dict[str, list[str]]) -> dict[DType, tuple[DType, ...]]:
    merged: dict[str, list[str]] = {}
    for part in parts:
        for k, v in part.items():
            merged.setdefault(k, []).extend(v)
    return {d.BY_CODE[k]: tuple(d.BY_CODE[x] for x in v) for k, v in merged.items()}


_STRICT_INT_STEPS = dict(_INT_STEPS, b1=[])


class Policy:
    """A promotion policy: the cast graph the table is derived from and the default dtypes.

    ``overrides`` holds the cells the graph alone gets wrong for this policy; ``safe_steps``
    the graph ``can_cast`` uses when it differs from ``steps``.
    """

    __slots__ = (
        "name",
        "steps",
        "default_float",
        "default_complex",
        "default_int",
        "overrides",
        "safe_steps",
        "_reach",
        "_table",
    )

    def __init__(
        self,
        name: str,
        steps: dict[DType, tuple[DType, ...]],
        default_float: DType,
        default_complex: DType,
        overrides: dict[tuple[DType, DType], DType] | None = None,
        safe_steps: dict[DType, tuple[DType, ...]] | None = None,
    ) -> None:
        self.name = name
        self.steps = steps
        self.default_float = default_float
        self.default_complex = default_complex
        self.default_int = d.int64
        self.overrides = overrides or {}
        self.safe_steps = safe_steps
        self._reach: dict[DType, frozenset[DType]] = {}
        self._table: dict[tuple[DType, DType], DType | None] = {}

    def __repr__(self) -> str:
        return f"Policy({self.name!r})"

    def reachable(self, a: DType) -> frozenset[DType]:
        found = self._reach.get(a)
        if found is None:
            seen = {a}
            todo = [a]
            while todo:
                for nxt in self.steps.get(todo.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            found = self._reach[a] = frozenset(seen)
        return found

    def promote(self, a: DType, b: DType) -> DType | None:
        """The promoted dtype of two array dtypes, or None when the policy defines none."""
        key = (a, b)
        try:
            return self._table[key]
        except KeyError:
            pass
        result = (
            self.overrides.get(key) or self.overrides.get((b, a)) or self._least_upper_bound((a, b))
        )
        self._table[key] = result
        return result

    def _least_upper_bound(self, dtypes: tuple[DType, ...] | list[DType]) -> DType | None:
        """The smallest dtype (in ORDER) that every one of ``dtypes`` reaches in the cast graph."""
        common = frozenset.intersection(*(self.reachable(t) for t in dtypes))
        return next((t for t in ORDER if t in common), None)

    def promote_all(self, dtypes: list[DType]) -> DType | None:
        """The promoted dtype of several array dtypes at once: the smallest dtype every one of
        them reaches in the cast graph (as ``np.result_type`` does; folding pairs is not
        associative: uint16, int8, float16 give float32, not int32 then float64)."""
        if len(dtypes) <= 2:
            return dtypes[0] if len(dtypes) == 1 else self.promote(dtypes[0], dtypes[1])
        result = self._least_upper_bound(dtypes)
        for i, a in enumerate(dtypes):  # cells the graph alone gets wrong for this policy
            for b in dtypes[i + 1 :]:
                forced = self.overrides.get((a, b)) or self.overrides.get((b, a))
                if forced is not None and result is not None:
                    result = self.promote(result, forced)
        return result

    def float_of(self, a: DType) -> DType:
        """The dtype a float-valued function returns for input dtype ``a`` (e.g. ``sqrt``)."""
        if a.kind in "fc":
            return a
        if self.name == "numpy":  # NumPy picks the smallest float that holds the integers
            return next(t for t in ORDER if t.kind == "f" and t in self.reachable(a))
        return self.default_float


def _u64_with_signed(result: DType) -> dict[tuple[DType, DType], DType]:
    return {(d.uint64, s): result for s in d.SIGNED}


NUMPY = Policy(
    "numpy", _graph(_INT_STEPS, _NUMPY_INT_TO_FLOAT, _FLOAT_STEPS), d.float64, d.complex128
)
FLOAT32 = Policy(
    "float32",
    _graph(_INT_STEPS, _ANY_INT_TO_FLOAT, _FLOAT_STEPS),
    d.float32,
    d.complex64,
    overrides=_u64_with_signed(d.float32),
    safe_steps=NUMPY.steps,
)
STRICT = Policy("strict", _graph(_STRICT_INT_STEPS, _FLOAT_STEPS), d.float64, d.complex128)
POLICIES: dict[str, Policy] = {p.name: p for p in (NUMPY, FLOAT32, STRICT)}


def get_policy(name: str, func: str = "use_promotion", arg: str = "name") -> Policy:
    try:
        return POLICIES[name]
    except (KeyError, TypeError):
        raise ArrayshimValueError(
            message(
                func,
                arg,
                "a promotion policy: one of " + ", ".join(map(repr, POLICIES)),
                repr(name),
            )
        ) from None


# ---------------------------------------------------------------------------------------------
# Elementwise operations: which dtypes each accepts and how its result dtype follows.
# ---------------------------------------------------------------------------------------------

_ALL = frozenset(d.ALL)
_NUMERIC = frozenset(d.NUMERIC)
_REAL_NUMERIC = frozenset(d.INTEGER + d.REAL_FLOATING)
_INTEGER = frozenset(d.INTEGER)
_INTEGER_OR_BOOL = frozenset(d.INTEGER + (d.bool,))
_FLOATING = frozenset(d.FLOATING)
_REAL_FLOATING = frozenset(d.REAL_FLOATING)
_COMPLEX = frozenset(d.COMPLEX_FLOATING)
_BOOL = frozenset((d.bool,))

_KIND_TEXT = {
    _ALL: "any dtype",
    _NUMERIC: "a numeric dtype",
    _REAL_NUMERIC: "a real numeric dtype",
    _INTEGER: "an integer dtype",
    _INTEGER_OR_BOOL: "an integer or boolean dtype",
    _FLOATING: "a floating-point dtype",
    _REAL_FLOATING: "a real floating-point dtype",
    _COMPLEX: "a complex floating-point dtype",
    _BOOL: "a boolean dtype",
    _NUMERIC | _BOOL: "a numeric or boolean dtype",
    _REAL_NUMERIC | _BOOL: "a real numeric or boolean dtype",
}


class OpSpec:
    """Dtype rules of one elementwise function.

    ``accepts``: dtypes allowed under the ``numpy``/``float32`` policies (NumPy's behaviour);
    ``strict``: those the Array API standard defines (the ``strict`` policy).
    ``result``: ``same`` (the promoted dtype), ``bool`` (as comparisons and ``isnan``),
    ``float`` (integers go to a float, as ``sqrt`` and ``atan2`` do: NumPy's smallest float
    that holds them under the ``numpy`` policy, the default float otherwise), ``divide``
    (integers go to the default float, as ``/`` does) or ``real`` (complex goes to its real
    component dtype, as ``abs``, ``real`` and ``imag`` do; other dtypes stay).
    """

    __slots__ = ("name", "accepts", "strict", "result")

    def __init__(
        self, name: str, accepts: frozenset, strict: frozenset, result: str = "same"
    ) -> None:
        self.name, self.accepts, self.strict, self.result = name, accepts, strict, result

    def kinds_text(self, policy: Policy) -> str:
        allowed = self.strict if policy is STRICT else self.accepts
        return _KIND_TEXT.get(allowed) or ", ".join(t.name for t in ORDER if t in allowed)


_R = _REAL_NUMERIC | _BOOL
OPS: dict[str, OpSpec] = {
    spec.name: spec
    for spec in (
        OpSpec("add", _NUMERIC | _BOOL, _NUMERIC),
        OpSpec("multiply", _NUMERIC | _BOOL, _NUMERIC),
        OpSpec("subtract", _NUMERIC, _NUMERIC),
        OpSpec("divide", _NUMERIC | _BOOL, _FLOATING, "divide"),
        OpSpec("floor_divide", _REAL_NUMERIC, _REAL_NUMERIC),
        OpSpec("remainder", _REAL_NUMERIC, _REAL_NUMERIC),
        OpSpec("pow", _NUMERIC, _NUMERIC),
        OpSpec("maximum", _R, _REAL_NUMERIC),
        OpSpec("minimum", _R, _REAL_NUMERIC),
        OpSpec("equal", _ALL, _ALL, "bool"),
        OpSpec("not_equal", _ALL, _ALL, "bool"),
        OpSpec("less", _R, _REAL_NUMERIC, "bool"),
        OpSpec("less_equal", _R, _REAL_NUMERIC, "bool"),
        OpSpec("greater", _R, _REAL_NUMERIC, "bool"),
        OpSpec("greater_equal", _R, _REAL_NUMERIC, "bool"),
        OpSpec("bitwise_and", _INTEGER_OR_BOOL, _INTEGER_OR_BOOL),
        OpSpec("bitwise_or", _INTEGER_OR_BOOL, _INTEGER_OR_BOOL),
        OpSpec("bitwise_xor", _INTEGER_OR_BOOL, _INTEGER_OR_BOOL),
        OpSpec("bitwise_left_shift", _INTEGER, _INTEGER),
        OpSpec("bitwise_right_shift", _INTEGER, _INTEGER),
        OpSpec("logical_and", _BOOL, _BOOL),
        OpSpec("logical_or", _BOOL, _BOOL),
        OpSpec("logical_xor", _BOOL, _BOOL),
        # unary
        OpSpec("negative", _NUMERIC, _NUMERIC),
        OpSpec("positive", _NUMERIC, _NUMERIC),
        OpSpec("abs", _NUMERIC | _BOOL, _NUMERIC, "real"),
        OpSpec("bitwise_invert", _INTEGER_OR_BOOL, _INTEGER_OR_BOOL),
        OpSpec("logical_not", _BOOL, _BOOL),
        OpSpec("exp", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("log", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("sqrt", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("sin", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("cos", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("tanh", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("tan", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("acos", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("asin", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("atan", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("cosh", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("sinh", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("acosh", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("asinh", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("atanh", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("expm1", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("log1p", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("log2", _NUMERIC | _BOOL, _FLOATING, "float"),
        OpSpec("log10", _NUMERIC | _BOOL, _FLOATING, "float"),
        # rounding: NumPy 2 returns integers (and bools) unchanged, in their own dtype;
        # round of bool (NumPy: float16) is refused
        OpSpec("ceil", _R, _REAL_NUMERIC),
        OpSpec("floor", _R, _REAL_NUMERIC),
        OpSpec("trunc", _R, _REAL_NUMERIC),
        OpSpec("round", _NUMERIC, _NUMERIC),
        # NumPy turns bool into int8 for square and conj: refused, as for pow;
        # it computes reciprocal of integers in integer arithmetic (1 // x): refused
        OpSpec("sign", _NUMERIC, _NUMERIC),
        OpSpec("square", _NUMERIC, _NUMERIC),
        OpSpec("reciprocal", _FLOATING, _FLOATING),
        OpSpec("conj", _NUMERIC, _NUMERIC),
        OpSpec("real", _NUMERIC | _BOOL, _NUMERIC, "real"),
        OpSpec(
            "imag", _NUMERIC | _BOOL, _COMPLEX, "real"
        ),  # the standard: complex only (real and conj: numeric)
        OpSpec("isnan", _NUMERIC | _BOOL, _NUMERIC, "bool"),
        OpSpec("isinf", _NUMERIC | _BOOL, _NUMERIC, "bool"),
        OpSpec("isfinite", _NUMERIC | _BOOL, _NUMERIC, "bool"),
        OpSpec("signbit", _R, _REAL_FLOATING, "bool"),
        # binary, real floating in the standard; NumPy computes integers in a float
        OpSpec("atan2", _R, _REAL_FLOATING, "float"),
        OpSpec("copysign", _R, _REAL_FLOATING, "float"),
        OpSpec("hypot", _R, _REAL_FLOATING, "float"),
        OpSpec("logaddexp", _R, _REAL_FLOATING, "float"),
        OpSpec("nextafter", _R, _REAL_FLOATING, "float"),
    )
}

#: the dtypes ``clip`` takes (those of ``maximum``/``minimum``); clip runs in the frontend
CLIP = OpSpec("clip", _R, _REAL_NUMERIC)


def _check_accepts(op: OpSpec, dt: DType, policy: Policy, arg: str, received: str) -> None:
    allowed = op.strict if policy is STRICT else op.accepts
    if dt not in allowed:
        raise ArrayshimTypeError(
            message(
                op.name,
                arg,
                f"{op.kinds_text(policy)} (promotion policy {policy.name!r})",
                received,
            )
        )


def _result_of(op: OpSpec, promoted: DType, policy: Policy) -> tuple[DType, DType]:
    """(compute dtype, result dtype) for an op whose operands promote to ``promoted``."""
    rule = op.result
    if rule == "same":
        return promoted, promoted
    if rule == "bool":
        return promoted, d.bool
    if rule == "real":
        return promoted, d.REAL_OF.get(promoted, promoted)
    if rule == "float":
        target = policy.float_of(promoted)
        return target, target
    # divide: NumPy divides integers in float64 whatever their size
    target = promoted if promoted.kind in "fc" else policy.default_float
    return target, target


_UNARY_CACHE: dict[tuple[str, Policy, DType], tuple[DType, DType]] = {}
_BINARY_CACHE: dict[tuple[str, Policy, DType, DType], tuple[DType, DType]] = {}


def unary_dtypes(op: OpSpec, dt: DType, policy: Policy) -> tuple[DType, DType]:
    """(compute, result) dtypes of a unary elementwise op, or the policy's ``TypeError``."""
    key = (op.name, policy, dt)
    found = _UNARY_CACHE.get(key)
    if found is None:
        _check_accepts(op, dt, policy, "x", f"an array of dtype {dt.name}")
        found = _UNARY_CACHE[key] = _result_of(op, dt, policy)
    return found


def binary_dtypes(op: OpSpec, a: DType, b: DType, policy: Policy) -> tuple[DType, DType]:
    """(compute, result) dtypes of a binary elementwise op on two arrays."""
    key = (op.name, policy, a, b)
    found = _BINARY_CACHE.get(key)
    if found is None:
        promoted = policy.promote(a, b)
        if promoted is None:
            raise ArrayshimTypeError(
                message(
                    op.name,
                    "x1, x2",
                    f"dtypes that promote under the {policy.name!r} policy",
                    f"{a.name} and {b.name}, which have no common dtype there (see "
                    "arrayshim.result_type; "
                    "cast one with astype or choose another policy with use_promotion)",
                )
            )
        _check_accepts(op, a, policy, "x1", f"an array of dtype {a.name}")
        _check_accepts(op, b, policy, "x2", f"an array of dtype {b.name}")
        _check_accepts(
            op,
            promoted,
            policy,
            "x1, x2",
            f"dtypes {a.name} and {b.name}, which promote to {promoted.name}",
        )
        found = _BINARY_CACHE[key] = _result_of(op, promoted, policy)
    return found


# ---------------------------------------------------------------------------------------------
# Python scalars (weak, NEP 50)
# ---------------------------------------------------------------------------------------------

_SCALAR_KIND = {bool: "b", int: "i", float: "f", complex: "c"}


def scalar_kind(value: object) -> str | None:
    """'b', 'i', 'f' or 'c' for a Python scalar (NumPy scalars are not weak), else None."""
    return _SCALAR_KIND.get(type(value))


def default_dtype_of_scalar(kind: str, policy: Policy) -> DType:
    return {
        "b": d.bool,
        "i": policy.default_int,
        "f": policy.default_float,
        "c": policy.default_complex,
    }[kind]


def weak_dtype(
    array_dtype: DType, kind: str, policy: Policy, func: str, arg: str, value: object
) -> DType:
    """The dtype a Python scalar of ``kind`` takes next to an array of ``array_dtype``."""
    ak = array_dtype.kind
    if policy is STRICT:
        ok = {"b": "b", "i": "iufc", "f": "fc", "c": "fc"}[kind]
        if ak not in ok:
            raise ArrayshimTypeError(
                message(
                    func,
                    arg,
                    f"a Python scalar compatible with dtype {array_dtype.name} under the 'strict' "
                    "policy",
                    f"{value!r} (Python {type(value).__name__})",
                )
            )
    if (
        kind == "b"
        or (kind == "i" and ak != "b")
        or (kind == "f" and ak in "fc")
        or (kind == "c" and ak == "c")
    ):
        result = array_dtype
    elif kind == "c" and ak == "f":
        result = d.COMPLEX_OF[array_dtype]
    else:
        result = default_dtype_of_scalar(kind, policy)
    if kind == "i" and result.kind in "iu" and isinstance(value, int):  # kind "i": an int
        check_int_fits(value, result, func, arg)
    return result


def check_int_fits(value: int, dt: DType, func: str, arg: str) -> None:
    bits = dt.bits
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if dt.kind == "i" else (0, (1 << bits) - 1)
    if not lo <= value <= hi:
        raise ArrayshimOverflowError(
            message(
                func, arg, f"a Python int within the range of {dt.name} [{lo}, {hi}]", repr(value)
            )
        )


def result_type_of(
    items: list[tuple[DType | None, str | None]], policy: Policy, func: str = "result_type"
) -> DType:
    """Promote a mix of dtypes (``(dtype, None)``) and Python scalars (``(None, kind)``)."""
    dtypes = [dt for dt, _ in items if dt is not None]
    kinds = [k for dt, k in items if dt is None and k is not None]
    if not dtypes and not kinds:
        raise ArrayshimValueError(
            message(func, "arrays_and_dtypes", "at least one array, dtype or scalar", "nothing")
        )
    if dtypes:
        out = policy.promote_all(dtypes)
        if out is None:
            raise ArrayshimTypeError(
                message(
                    func,
                    "arrays_and_dtypes",
                    f"dtypes that promote under the {policy.name!r} policy",
                    ", ".join(dt.name for dt in dtypes),
                )
            )
    else:
        order = "bifc"
        top = max(kinds, key=lambda k: order.index(k))
        out = default_dtype_of_scalar(top, policy)
        kinds = []
    for k in kinds:
        kind_dtype = weak_dtype(
            out, k, policy, func, "arrays_and_dtypes", {"b": True, "i": 0, "f": 0.0, "c": 0j}[k]
        )
        out = kind_dtype
    return out


def can_cast(from_: DType, to: DType, policy: Policy) -> bool:
    """Whether ``from_`` casts to ``to`` without losing information under the policy."""
    if policy.safe_steps is None:
        return to in policy.reachable(from_)
    return to in NUMPY.reachable(from_)


UNARY = frozenset(
    {
        "negative",
        "positive",
        "abs",
        "bitwise_invert",
        "logical_not",
        "exp",
        "log",
        "sqrt",
        "sin",
        "cos",
        "tanh",
        "tan",
        "acos",
        "asin",
        "atan",
        "cosh",
        "sinh",
        "acosh",
        "asinh",
        "atanh",
        "expm1",
        "log1p",
        "log2",
        "log10",
        "ceil",
        "floor",
        "trunc",
        "round",
        "sign",
        "square",
        "reciprocal",
        "conj",
        "real",
        "imag",
        "isnan",
        "isinf",
        "isfinite",
        "signbit",
    }
)
