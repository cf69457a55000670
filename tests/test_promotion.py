"""The shared promotion table: pinned cell by cell, checked against NumPy, identical on every
backend for functions and operators, with Python scalars weak (NEP 50)."""

from __future__ import annotations

import itertools
import pathlib

import numpy as np
import pytest

import arrayshim as xp
from arrayshim import _dtypes, _promotion

GOLDEN = pathlib.Path(__file__).parent / "golden"
DTYPES = list(_dtypes.ALL)


def grid(policy: _promotion.Policy) -> str:
    """The derived table as a grid of short codes ('--' where the policy defines no result)."""
    width = 4
    lines = ["".ljust(width) + "".join(dt.code.rjust(width) for dt in DTYPES)]
    for a in DTYPES:
        cells = [
            (policy.promote(a, b).code if policy.promote(a, b) else "--").rjust(width)
            for b in DTYPES
        ]
        lines.append(a.code.ljust(width) + "".join(cells))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", sorted(_promotion.POLICIES))
def test_golden_table(name: str) -> None:
    """A change to the lattice shows up here cell by cell. Regenerate deliberately only."""
    expected = (GOLDEN / f"promotion_{name}.txt").read_text()
    assert grid(_promotion.POLICIES[name]) == expected


@pytest.mark.parametrize("name", sorted(_promotion.POLICIES))
def test_table_is_symmetric(name: str) -> None:
    policy = _promotion.POLICIES[name]
    for a, b in itertools.product(DTYPES, DTYPES):
        assert policy.promote(a, b) is policy.promote(b, a)


def test_numpy_policy_equals_numpy() -> None:
    for a, b in itertools.product(DTYPES, DTYPES):
        expected = np.result_type(np.dtype(a.name), np.dtype(b.name)).name
        assert _promotion.NUMPY.promote(a, b).name == expected, (a, b)


@pytest.mark.parametrize("op", ["sqrt", "exp", "divide"])
def test_numpy_policy_float_results_equal_numpy(op: str) -> None:
    """Functions that turn integers into floats pick NumPy's float (``sqrt(int8)`` is float16)."""
    spec = _promotion.OPS[op]
    for dt in DTYPES:
        if dt.kind in "c":
            continue
        x = np.ones(2, dtype=dt.name)
        expected = (
            np.sqrt(x) if op == "sqrt" else np.exp(x) if op == "exp" else np.divide(x, x)
        ).dtype.name
        if op == "divide":
            got = _promotion.binary_dtypes(spec, dt, dt, _promotion.NUMPY)[1]
        else:
            got = _promotion.unary_dtypes(spec, dt, _promotion.NUMPY)[1]
        assert got.name == expected, dt


def test_float32_policy_prefers_the_float_operand() -> None:
    p = _promotion.FLOAT32
    assert p.promote(xp.int64, xp.float32) is xp.float32
    assert p.promote(xp.int8, xp.float16) is xp.float16
    assert p.promote(xp.uint64, xp.int64) is xp.float32
    assert p.promote(xp.int32, xp.int64) is xp.int64


def test_strict_policy_refuses_mixed_kinds() -> None:
    with xp.use_promotion("strict"):
        with pytest.raises(TypeError, match="int32 and float32"):
            xp.add(xp.ones(2, dtype=xp.int32), xp.ones(2, dtype=xp.float32))
        assert xp.result_type(xp.uint8, xp.int8) is xp.int16


SCALARS = [True, 3, 2.5, 1 + 2j]


def _array(dt: _dtypes.DType) -> xp.Array:
    return xp.ones((2,), dtype=dt)


@pytest.mark.parametrize("policy", ["numpy", "float32"])
def test_add_dtype_for_every_pair_on_every_backend(backend: str, policy: str) -> None:
    """For every pair of dtypes and every Python scalar kind: the function, the operator and the
    reflected operator give the table's dtype on this backend, or a TypeError."""
    with xp.use_promotion(policy):
        p = _promotion.POLICIES[policy]
        for a, b in itertools.product(DTYPES, DTYPES):
            expected = p.promote(a, b)
            x, y = _array(a), _array(b)
            if a is xp.bool and b is xp.bool:
                expected = xp.bool
            assert xp.add(x, y).dtype is expected, (a, b)
            assert (x + y).dtype is expected, (a, b)
        for a, s in itertools.product(DTYPES, SCALARS):
            x = _array(a)
            expected = _promotion.weak_dtype(a, _promotion.scalar_kind(s), p, "add", "x2", s)
            assert xp.add(x, s).dtype is expected, (a, s)
            assert (s + x).dtype is expected, (a, s)


def test_scalars_are_weak_like_numpy() -> None:
    """NEP 50 on the numpy policy: compare with NumPy 2 itself."""
    for dt, s in itertools.product(DTYPES, SCALARS):
        with np.errstate(all="ignore"):
            expected = (np.ones(2, dtype=dt.name) + s).dtype.name
        assert xp.add(xp.ones(2, dtype=dt), s).dtype.name == expected, (dt, s)


def test_python_int_out_of_range_raises_overflow(backend: str) -> None:
    with pytest.raises(OverflowError, match=r"int8 \[-128, 127\]"):
        xp.ones(2, dtype=xp.int8) + 300
    with pytest.raises(xp.ArrayshimError):
        xp.ones(2, dtype=xp.uint8) - (-1)


def test_values_match_numpy_for_mixed_add(backend: str) -> None:
    a = xp.asarray([1, 2, 3], dtype=xp.int32)
    b = xp.asarray([0.5, 0.25, 0.125], dtype=xp.float32)
    got = a + b
    expected = np.array([1, 2, 3], np.int32) + np.array([0.5, 0.25, 0.125], np.float32)
    assert got.dtype is xp.float64
    np.testing.assert_array_equal(np.asarray(got), expected)


def test_result_type_and_can_cast() -> None:
    assert xp.result_type(xp.int32, xp.float32) is xp.float64
    assert xp.result_type(xp.int8, 1.0) is xp.float64
    assert xp.result_type(xp.float32, 1.0) is xp.float32
    assert xp.result_type(xp.asarray([1], dtype=xp.uint8), xp.int8) is xp.int16
    assert xp.can_cast(xp.int32, xp.float64)
    assert not xp.can_cast(xp.float32, xp.int64)
    assert not xp.can_cast(xp.int64, xp.int32)
    with xp.use_promotion("strict"):
        assert not xp.can_cast(xp.int32, xp.float64)
    for a, b in itertools.product(DTYPES, DTYPES):
        assert xp.can_cast(a, b) == np.can_cast(a.name, b.name, "safe"), (a, b)


def test_three_dtypes_promote_as_numpy_at_once() -> None:
    """Not a fold of pairs (uint16, int8 -> int32, then float16 -> float64): the smallest dtype
    all three reach, as np.result_type gives (float32) - for every triple of dtypes."""
    names = [t.name for t in _promotion.ORDER]
    wrong = [
        (a, b, c)
        for a in names
        for b in names
        for c in names
        if xp.result_type(a, b, c).name != np.result_type(a, b, c).name
    ]
    assert not wrong, wrong[:5]
    assert xp.result_type("uint16", "int8", "float16") == xp.float32
