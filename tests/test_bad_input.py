"""Bad-input audit: every class of bad input raises the same arrayshim error (deriving from the
built-in the Array API specifies) on every backend, and leaves its input arrays unchanged.

README.md ("Bad input") shows a sample message for each case; ``python tests/test_bad_input.py``
prints them.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

import arrayshim as xp
from conftest import BACKENDS, native_of

Case = Callable[[xp.Array, xp.Array], object]


def _other_backend(backend: str) -> str:
    return next((b for b in BACKENDS if b != backend), "toy")


def _non_numpy_other(backend: str) -> str:
    return next((b for b in BACKENDS if b not in ("numpy", backend)), "toy")


def _mixed_backends(x: xp.Array, i: xp.Array) -> object:
    # two non-NumPy backends never mix (a NumPy array joins the other's backend instead)
    if x._backend.name == "numpy":
        with xp.use_backend(_non_numpy_other("numpy")):
            x = xp.ones((2, 3))
    with xp.use_backend(_non_numpy_other(x._backend.name)):
        y = xp.ones(3)
    return x + y


def _mixed_devices(x: xp.Array, i: xp.Array) -> object:
    # no GPU here: the toy backend's fake devices stand in for two devices
    with xp.use_backend("toy"):
        return xp.ones(2, device="fake:0") + xp.ones(2, device="fake:1")


def _missing_framework(x: xp.Array, i: xp.Array) -> object:
    from arrayshim import _registry

    saved = (_registry._framework_installed, dict(_registry._loaded))
    _registry._framework_installed = lambda name: name == "numpy"
    _registry._loaded.pop("tensorflow", None)
    try:
        return xp.use_backend("tensorflow")
    finally:
        _registry._framework_installed = saved[0]
        _registry._loaded.clear()
        _registry._loaded.update(saved[1])


def _setitem(key: object, value: object, target: str = "x") -> Case:
    def case(x: xp.Array, i: xp.Array) -> None:
        (x if target == "x" else i)[key] = value

    return case


def _iadd(value: object, target: str = "x") -> Case:
    def case(x: xp.Array, i: xp.Array) -> None:
        a = x if target == "x" else i
        a += value(a) if callable(value) else value

    return case


#: (case id, what it does, expected error class, the built-ins it must derive from)
CASES: list[tuple[str, Case, type, tuple[type, ...]]] = [
    (
        "unknown backend",
        lambda x, i: xp.use_backend("mxnet"),
        xp.BackendNotFoundError,
        (ValueError,),
    ),
    ("missing framework", _missing_framework, xp.BackendNotFoundError, (ValueError,)),
    (
        "unknown policy",
        lambda x, i: xp.use_promotion("float16"),
        xp.ArrayshimValueError,
        (ValueError,),
    ),
    ("malformed device", lambda x, i: xp.use_device("gpu-1"), xp.DeviceError, (ValueError,)),
    ("absent device", lambda x, i: xp.zeros(2, device="gpu:7"), xp.DeviceError, (ValueError,)),
    (
        "unknown dtype",
        lambda x, i: xp.asarray([1], dtype="float128"),
        xp.ArrayshimTypeError,
        (TypeError,),
    ),
    (
        "wrong dtype for the function",
        lambda x, i: xp.bitwise_and(x, x),
        xp.ArrayshimTypeError,
        (TypeError,),
    ),
    (
        "dtypes without a common type (strict policy)",
        lambda x, i: _strict_add(x, i),
        xp.ArrayshimTypeError,
        (TypeError,),
    ),
    (
        "shapes that do not broadcast",
        lambda x, i: x + xp.ones(4),
        xp.ArrayshimValueError,
        (ValueError,),
    ),
    (
        "reshape to another size",
        lambda x, i: xp.reshape(x, (4,)),
        xp.ArrayshimValueError,
        (ValueError,),
    ),
    ("matmul inner sizes differ", lambda x, i: x @ x, xp.ArrayshimValueError, (ValueError,)),
    ("axis out of range", lambda x, i: xp.sum(x, axis=2), xp.AxisError, (ValueError, IndexError)),
    ("index out of range", lambda x, i: x[2], xp.ArrayshimIndexError, (IndexError,)),
    (
        "index array out of range",
        lambda x, i: x[:, xp.asarray([0, 3])],
        xp.ArrayshimIndexError,
        (IndexError,),
    ),
    ("float as index", lambda x, i: x[1.5], xp.ArrayshimIndexError, (IndexError,)),
    ("too many indices", lambda x, i: x[0, 0, 0], xp.ArrayshimIndexError, (IndexError,)),
    (
        "boolean mask of the wrong shape",
        lambda x, i: x[xp.asarray([True, False, True])],
        xp.ArrayshimIndexError,
        (IndexError,),
    ),
    ("mixed backends", _mixed_backends, xp.ArrayshimTypeError, (TypeError,)),
    ("mixed devices", _mixed_devices, xp.DeviceError, (ValueError,)),
    ("string as an array", lambda x, i: xp.add("abc", x), xp.ArrayshimTypeError, (TypeError,)),
    ("None as an array", lambda x, i: xp.sum(None), xp.ArrayshimTypeError, (TypeError,)),
    ("None to asarray", lambda x, i: xp.asarray(None), xp.ArrayshimTypeError, (TypeError,)),
    (
        "string in nested data",
        lambda x, i: xp.asarray([1, "2"]),
        xp.ArrayshimTypeError,
        (TypeError,),
    ),
    (
        "ragged nested lists",
        lambda x, i: xp.asarray([[1, 2], [3]]),
        xp.ArrayshimValueError,
        (ValueError,),
    ),
    (
        "NaN to an integer dtype",
        lambda x, i: xp.asarray([1.0, math.nan], dtype=xp.int32),
        xp.ArrayshimValueError,
        (ValueError,),
    ),
    (
        "infinity to an integer dtype",
        lambda x, i: xp.asarray([math.inf], dtype=xp.int64),
        xp.ArrayshimOverflowError,
        (OverflowError,),
    ),
    (
        "Python int beyond the dtype",
        lambda x, i: xp.asarray([300], dtype=xp.int8),
        xp.ArrayshimOverflowError,
        (OverflowError,),
    ),
    (
        "Python int beyond the array's dtype",
        lambda x, i: xp.astype(i, xp.int8) + 300,
        xp.ArrayshimOverflowError,
        (OverflowError,),
    ),
    (
        "integer to a negative integer power",
        lambda x, i: i ** xp.asarray([1, -1, 2]),
        xp.ArrayshimValueError,
        (ValueError,),
    ),
    (
        "max of nothing",
        lambda x, i: xp.max(x[:, :0], axis=1),
        xp.ArrayshimValueError,
        (ValueError,),
    ),
    ("setitem out of range", _setitem(5, 1.0), xp.ArrayshimIndexError, (IndexError,)),
    ("setitem of a string", _setitem(0, "abc"), xp.ArrayshimTypeError, (TypeError,)),
    ("setitem of None", _setitem(0, None), xp.ArrayshimTypeError, (TypeError,)),
    ("setitem needing a wider dtype", _setitem(0, 1.5, "i"), xp.ArrayshimTypeError, (TypeError,)),
    (
        "setitem of a wrong shape",
        lambda x, i: x.__setitem__(slice(None), xp.ones(4)),
        xp.ArrayshimValueError,
        (ValueError,),
    ),
    ("in-place op changing the dtype", _iadd(1.5, "i"), xp.ArrayshimTypeError, (TypeError,)),
    (
        "in-place op growing the shape",
        _iadd(lambda a: xp.ones((2, 2, 3), dtype=a.dtype)),
        xp.ArrayshimValueError,
        (ValueError,),
    ),
    ("in-place op with a string", _iadd("abc"), xp.ArrayshimTypeError, (TypeError,)),
]


def _strict_add(x: xp.Array, i: xp.Array) -> object:
    with xp.use_promotion("strict"):
        return x + i


def _inputs() -> tuple[xp.Array, xp.Array]:
    return xp.asarray([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), xp.asarray([1, 2, 3])


@pytest.mark.parametrize(("what", "case", "error", "builtins"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_raises_the_same_error_and_changes_nothing(
    backend: str, what: str, case: Case, error: type, builtins: tuple
) -> None:
    x, i = _inputs()
    natives = [xp.to_native(x), xp.to_native(i)]
    before = [np.array(np.asarray(a)) for a in (x, i)]
    with pytest.raises(error) as info:
        case(x, i)
    exc = info.value
    assert isinstance(exc, xp.ArrayshimError)
    for b in builtins:
        assert isinstance(exc, b), f"{type(exc).__name__} is not a {b.__name__}"
    assert str(exc).startswith("arrayshim."), str(exc)
    # no bad input modifies an input array (nor rebinds it to another native array)
    for a, native, old in zip((x, i), natives, before, strict=True):
        assert xp.to_native(a) is native
        np.testing.assert_array_equal(np.asarray(a), old)
        assert np.asarray(a).dtype == old.dtype


def test_native_inputs_are_not_modified(backend: str) -> None:
    """Framework arrays passed straight in are not modified by a failing call either."""
    data = native_of(backend, [[1, 2, 3]], "int64")
    before = np.array(np.asarray(data) if backend != "tensorflow" else data.numpy())
    for bad in (
        lambda: xp.add(data, xp.ones(4, dtype=xp.int64)),
        lambda: xp.add(data, 2**70),
        lambda: xp.reshape(data, (5,)),
    ):
        with pytest.raises(xp.ArrayshimError):
            bad()
    after = np.asarray(data) if backend != "tensorflow" else data.numpy()
    np.testing.assert_array_equal(after, before)


def test_nan_astype_to_int_is_defined_not_an_error(backend: str) -> None:
    """An *array* cast (astype) has a defined result instead (README, "Casting floats to
    integers"): NaN -> 0, beyond the range -> the dtype's min or max."""
    x = xp.asarray([math.nan, math.inf, -math.inf, 1e20, -1e20, -1.7, 2.9])
    assert np.asarray(xp.astype(x, xp.int32)).tolist() == [
        0,
        2**31 - 1,
        -(2**31),
        2**31 - 1,
        -(2**31),
        -1,
        2,
    ]
    assert np.asarray(xp.astype(x, xp.uint8)).tolist() == [0, 255, 0, 255, 0, 0, 2]
    # so has asarray of an array (own or another framework's) with an integer dtype
    data = np.array([math.nan, math.inf, -1.0, 300.0])
    assert np.asarray(xp.asarray(data, dtype=xp.uint8)).tolist() == [0, 255, 0, 255]
    assert np.asarray(xp.asarray(xp.asarray(data), dtype=xp.int8)).tolist() == [0, 127, -1, 127]


if __name__ == "__main__":  # the README's table of sample messages
    for what, case, _error, _ in CASES:
        x, i = _inputs()
        try:
            case(x, i)
        except Exception as exc:
            print(f"| {what} | `{type(exc).__name__}` | {str(exc).replace('|', '/')} |")
