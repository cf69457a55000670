"""Errors: one root, the Array API's built-in types, and messages that name function, argument,
expectation and what was received."""

from __future__ import annotations

import pytest

import arrayshim as xp


def test_hierarchy() -> None:
    assert issubclass(xp.ArrayshimTypeError, (xp.ArrayshimError, TypeError))
    assert issubclass(xp.ArrayshimValueError, (xp.ArrayshimError, ValueError))
    assert issubclass(xp.ArrayshimIndexError, (xp.ArrayshimError, IndexError))
    assert issubclass(xp.AxisError, ValueError) and issubclass(xp.AxisError, IndexError)
    assert issubclass(xp.BackendNotFoundError, ValueError)
    assert issubclass(xp.DeviceError, ValueError)


def test_unsupported_dtype_names_dtype(backend: str) -> None:
    with pytest.raises(
        xp.ArrayshimTypeError, match=r"arrayshim.zeros\(\): invalid `dtype`.*'float8'"
    ):
        xp.zeros(2, dtype="float8")


def test_wrong_dtype_for_function(backend: str) -> None:
    with pytest.raises(xp.ArrayshimTypeError, match=r"bitwise_and.*integer or boolean.*float32"):
        xp.bitwise_and(xp.ones(2, dtype=xp.float32), xp.ones(2, dtype=xp.float32))
    with pytest.raises(TypeError, match="subtract"):
        xp.asarray([True]) - xp.asarray([False])
    with pytest.raises(TypeError, match="complex"):
        xp.max(xp.asarray([1j]))


def test_non_array_arguments(backend: str) -> None:
    for bad in ("text", None, [1, 2], object()):
        with pytest.raises(xp.ArrayshimTypeError, match=r"add\(\): invalid `x1`"):
            xp.add(bad, xp.ones(2))
    with pytest.raises(xp.ArrayshimTypeError, match="sum"):
        xp.sum([1, 2, 3])


def test_inputs_are_never_modified_by_failed_calls(backend: str) -> None:
    x = xp.asarray([1, 2, 3], dtype=xp.int32)
    with pytest.raises(TypeError):
        x += 0.5
    assert [int(v) for v in (x[0], x[1], x[2])] == [1, 2, 3]
