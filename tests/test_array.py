"""The Array type: operators, properties, indexing and interop behave alike on every backend."""

from __future__ import annotations

import operator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arrayshim as xp
from conftest import BACKENDS, to_np


def test_issue_example(backend: str) -> None:
    a = xp.ones((5, 3), dtype=xp.float32)
    b = xp.asarray([1, 2, 3])
    assert b.dtype is xp.int64
    c = a + b
    assert c.dtype is xp.float64
    c[0, 1] = -1
    expected = np.ones((5, 3), np.float32) + np.array([1, 2, 3])
    expected[0, 1] = -1
    np.testing.assert_array_equal(to_np(c), expected)
    native = xp.to_native(c)
    assert (
        type(native).__module__.split(".")[0]
        == {"numpy": "numpy", "torch": "torch", "tensorflow": "tensorflow", "jax": "jaxlib"}[
            backend
        ]
    )
    assert xp.to_native(c) is native  # no copy, same object each time


def test_properties(backend: str) -> None:
    x = xp.reshape(xp.arange(24, dtype=xp.float32), (2, 3, 4))
    assert x.shape == (2, 3, 4) and type(x.shape) is tuple
    assert x.ndim == 3 and x.size == 24
    assert x.dtype is xp.float32
    assert str(x.device) == "cpu"
    assert x.mT.shape == (2, 4, 3)
    assert x.T.shape == (4, 3, 2)
    np.testing.assert_array_equal(to_np(x.T), np.arange(24, dtype=np.float32).reshape(2, 3, 4).T)
    assert x.__array_namespace__() is xp
    assert "dtype=float32" in repr(x) and f"backend={backend}" in repr(x)
    assert len(x) == 2


OPS = [
    operator.add,
    operator.sub,
    operator.mul,
    operator.truediv,
    operator.floordiv,
    operator.mod,
    operator.pow,
    operator.eq,
    operator.ne,
    operator.lt,
    operator.le,
    operator.gt,
    operator.ge,
]


@pytest.mark.parametrize("op", OPS, ids=lambda f: f.__name__)
def test_operators_match_numpy_and_functions(backend: str, op: object) -> None:
    a = np.array([[1, -2, 3], [4, 5, -6]], np.int32)
    b = np.array([2, 3, 4], np.float32)
    with np.errstate(all="ignore"):
        for left, right in ((a, b), (b, a), (a, 3), (2.5, a), (a, np.abs(a))):
            ref = op(left, right)
            got = op(
                xp.asarray(left) if isinstance(left, np.ndarray) else left,
                xp.asarray(right) if isinstance(right, np.ndarray) else right,
            )
            assert got.dtype.name == ref.dtype.name, (op, left, right)
            np.testing.assert_allclose(to_np(got), ref, rtol=1e-6)


def test_bitwise_and_unary_operators(backend: str) -> None:
    a = np.array([5, -3, 12], np.int16)
    x = xp.asarray(a)
    for got, ref in (
        (x & 6, a & 6),
        (x | 1, a | 1),
        (x ^ x, a ^ a),
        (x << 2, a << 2),
        (x >> 1, a >> 1),
        (~x, ~a),
        (-x, -a),
        (+x, +a),
        (abs(x), abs(a)),
        (3 & x, 3 & a),
    ):
        assert got.dtype.name == ref.dtype.name
        np.testing.assert_array_equal(to_np(got), ref)


def test_matmul_operator(backend: str) -> None:
    a = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(to_np(xp.asarray(a) @ xp.asarray(a.T)), a @ a.T)


def test_inplace_operators(backend: str) -> None:
    x = xp.asarray([1.0, 2.0, 3.0], dtype=xp.float32)
    x += 1
    x *= xp.asarray([2.0, 2.0, 2.0], dtype=xp.float32)
    x -= 0.5
    np.testing.assert_array_equal(to_np(x), np.array([3.5, 5.5, 7.5], np.float32))
    assert x.dtype is xp.float32
    i = xp.asarray([1, 2, 3], dtype=xp.int32)
    with pytest.raises(TypeError, match="int32"):
        i += 1.5  # would need float64: in-place never changes the dtype


def test_python_conversions(backend: str) -> None:
    assert bool(xp.asarray(True)) is True
    assert int(xp.asarray(7)) == 7
    assert float(xp.asarray(2.5)) == 2.5
    assert complex(xp.asarray(1 + 1j)) == 1 + 1j
    assert [10, 20, 30][xp.asarray(1)] == 20
    with pytest.raises(ValueError, match="exactly one element"):
        bool(xp.ones(2))


def test_numpy_interop(backend: str) -> None:
    x = xp.asarray([[1, 2], [3, 4]], dtype=xp.uint16)
    arr = np.asarray(x)
    assert arr.dtype == np.uint16
    np.testing.assert_array_equal(arr, [[1, 2], [3, 4]])
    y = xp.asarray([1.0, 2.0])
    assert type(np.ones(2) + y) is xp.Array if backend == "numpy" else True


def test_dlpack_round_trip(backend: str) -> None:
    x = xp.asarray([1.0, 2.0, 3.0], dtype=xp.float32)
    assert x.__dlpack_device__() == (1, 0)
    back = np.from_dlpack(x)
    np.testing.assert_array_equal(back, [1.0, 2.0, 3.0])


def test_to_device_same_device_is_identity(backend: str) -> None:
    x = xp.ones(3)
    assert x.to_device("cpu") is x


def test_array_cannot_be_constructed_directly() -> None:
    with pytest.raises(TypeError, match="asarray"):
        xp.Array([1, 2])


# ---------------------------------------------------------------------------------------------
# Indexing: compared with NumPy on generated keys
# ---------------------------------------------------------------------------------------------

SHAPE = (4, 5, 3)
DATA = np.arange(60).reshape(SHAPE)

FIXED_KEYS = [
    0,
    -1,
    (1, 2),
    (slice(None), 0),
    (Ellipsis, 1),
    (None, 0),
    (slice(None, None, -1),),
    (slice(3, 0, -2), slice(None), -1),
    (np.array([0, 2, 3]),),
    (np.array([[0, 1], [3, 2]]), slice(1, 4)),
    (slice(None), np.array([4, 0]), np.array([1, 2])),
    (np.array([0, 3]), slice(None), np.array([2, 1])),  # advanced indices separated by a slice
    (DATA[:, :, 0] % 2 == 0,),
    (DATA % 3 == 0,),
    (Ellipsis, np.array([True, False, True])),
    (1, None, slice(None), 2),
    (slice(10, 20),),
    (slice(None), slice(None), slice(None, None, 2)),
    (np.array([1, 0]), Ellipsis),
]


def _to_key(key: object) -> object:
    items = key if isinstance(key, tuple) else (key,)
    out = tuple(xp.asarray(k) if isinstance(k, np.ndarray) else k for k in items)
    return out if isinstance(key, tuple) else out[0]


@pytest.mark.parametrize("key", FIXED_KEYS, ids=range(len(FIXED_KEYS)))
def test_getitem_matches_numpy(backend: str, key: object) -> None:
    got = xp.asarray(DATA)[_to_key(key)]
    ref = DATA[key]
    assert got.shape == ref.shape
    np.testing.assert_array_equal(to_np(got), ref)


@pytest.mark.parametrize("key", FIXED_KEYS, ids=range(len(FIXED_KEYS)))
def test_setitem_matches_numpy(backend: str, key: object) -> None:
    x = xp.asarray(DATA)
    ref = DATA.copy()
    ref[key] = -7
    x[_to_key(key)] = -7
    np.testing.assert_array_equal(to_np(x), ref)


def test_setitem_broadcasts_arrays_and_keeps_dtype(backend: str) -> None:
    x = xp.zeros((3, 4), dtype=xp.float32)
    x[1:, :] = xp.asarray([1.0, 2.0, 3.0, 4.0], dtype=xp.float32)
    x[0] = 5  # a Python int into a float array
    ref = np.zeros((3, 4), np.float32)
    ref[1:, :] = [1, 2, 3, 4]
    ref[0] = 5
    np.testing.assert_array_equal(to_np(x), ref)
    assert x.dtype is xp.float32
    with pytest.raises(TypeError, match="float64"):
        x[0, 0] = xp.asarray(1.0, dtype=xp.float64)  # would narrow: cast explicitly
    i = xp.zeros(3, dtype=xp.int32)
    with pytest.raises(TypeError):
        i[0] = 1.5


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        (4, IndexError),
        (-5, IndexError),
        ((0, 0, 0, 0), IndexError),
        ((Ellipsis, Ellipsis), IndexError),
        (np.array([0, 4]), IndexError),
        (np.array([-5]), IndexError),
        (np.array([True, False]), IndexError),
        (1.5, IndexError),
        (np.array([0.5]), IndexError),
        (slice(0, 2, 0), ValueError),
    ],
    ids=range(10),
)
def test_bad_indices_raise_the_same_error(backend: str, key: object, kind: type) -> None:
    x = xp.asarray(DATA)
    with pytest.raises(kind):
        x[_to_key(key)]
    with pytest.raises(kind):
        x[_to_key(key)] = 0


@st.composite
def keys(draw: st.DrawFn) -> tuple:
    parts: list[object] = []
    dims = list(SHAPE)
    used = 0
    for n in dims:
        kind = draw(st.sampled_from(["int", "slice", "array", "skip"]))
        if kind == "int":
            parts.append(draw(st.integers(-n, n - 1)))
        elif kind == "slice":
            step = draw(st.sampled_from([None, 1, 2, -1, -2]))
            parts.append(
                slice(
                    draw(st.one_of(st.none(), st.integers(-n - 1, n + 1))),
                    draw(st.one_of(st.none(), st.integers(-n - 1, n + 1))),
                    step,
                )
            )
        elif kind == "array":
            parts.append(np.array(draw(st.lists(st.integers(-n, n - 1), min_size=1, max_size=3))))
        else:
            parts.append(slice(None))
        used += 1
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), None)
    arrays = [i for i, p in enumerate(parts) if isinstance(p, np.ndarray)]
    if len(arrays) > 1:  # index arrays must broadcast together: give them one length
        length = len(parts[arrays[0]])
        for i in arrays[1:]:
            parts[i] = np.resize(parts[i], length)
    return tuple(parts)


@pytest.mark.parametrize("name", BACKENDS)
@settings(max_examples=60, deadline=None)
@given(key=keys())
def test_generated_keys_match_numpy(name: str, key: tuple) -> None:
    with xp.use_backend(name):
        x = xp.asarray(DATA)
        got = x[_to_key(key)]
        np.testing.assert_array_equal(to_np(got), DATA[key])
        ref = DATA.copy()
        ref[key] = -1
        x[_to_key(key)] = -1
        np.testing.assert_array_equal(to_np(x), ref)


def test_real_and_imag_of_complex_are_views_where_slicing_is(backend: str) -> None:
    """``xp.real``/``xp.imag`` of a complex array cost no copy on NumPy and PyTorch (a view, as
    NumPy's and as ``x[2:-2]``): a write through the array shows in the parts; on TensorFlow
    (immutable underneath) the parts keep the values they were taken with."""
    z = xp.asarray([1 + 2j, 3 - 4j], dtype=xp.complex128)
    re, im = xp.real(z), xp.imag(z)
    np.testing.assert_array_equal(np.asarray(re), [1.0, 3.0])
    np.testing.assert_array_equal(np.asarray(im), [2.0, -4.0])
    assert re.dtype is xp.float64 and im.dtype is xp.float64
    z[0] = 5 + 6j
    shared = backend in ("numpy", "torch")
    assert float(re[0]) == (5.0 if shared else 1.0) and float(im[0]) == (6.0 if shared else 2.0)


@st.composite
def bool_keys(draw: st.DrawFn) -> tuple:
    """NumPy's Python-bool indices (``x[True]``, ``x[0, False]``, ``x[..., True, 1]``) among
    ints, slices, None and one ellipsis: the bools and ints are advanced indices together."""
    parts: list[object] = []
    n = min(SHAPE)  # an ellipsis may move the ints to other axes
    for _ in range(draw(st.integers(0, len(SHAPE)))):
        parts.append(
            draw(st.one_of(st.integers(-n, n - 1), st.just(slice(None)), st.just(slice(1, None))))
        )
    for _ in range(draw(st.integers(1, 3))):
        parts.insert(draw(st.integers(0, len(parts))), draw(st.booleans()))
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), None)
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), Ellipsis)
    return tuple(parts)


@pytest.mark.parametrize("name", BACKENDS)
@settings(max_examples=40, deadline=None)
@given(key=bool_keys())
def test_python_bool_keys_match_numpy(name: str, key: tuple) -> None:
    with xp.use_backend(name):
        x = xp.asarray(DATA)
        want = DATA[key]
        got = x[key]
        assert got.shape == want.shape
        np.testing.assert_array_equal(to_np(got), want)
        value = np.arange(want.shape[-1]) - 100 if want.ndim else -100
        ref = DATA.copy()
        ref[key] = value
        x[key] = xp.asarray(value)
        np.testing.assert_array_equal(to_np(x), ref)


def test_python_bools_with_index_arrays_are_refused(backend: str) -> None:
    x = xp.asarray(DATA)
    with pytest.raises(IndexError, match="Python bools only with ints, slices"):
        x[True, xp.asarray([0, 1])]
    with pytest.raises(IndexError, match=r"\[-4, 4\)"):
        x[True, 7]  # the same checks as without the bool
    with pytest.raises(TypeError, match="fits dtype int64"):
        x[False] = 2.5  # an empty selection still checks the value


def test_remembered_basic_keys_are_checked_per_shape_and_type(backend: str) -> None:
    # x[i] and x[a:b:c] remember their checked key by backend and shape: every other shape,
    # type or form of key is checked again
    long, short = xp.arange(8), xp.arange(2.0)
    for _ in range(2):
        assert int(long[3]) == 3 and long[1:].shape == (7,) and long[-1].shape == ()
        with pytest.raises(IndexError):
            short[3]
        assert short[1:].shape == (1,) and short[1:].dtype == xp.float64
        assert long[True].shape == (1, 8)  # NumPy's bool key, not the remembered 1
        with pytest.raises(IndexError):
            long[1.0]
        with pytest.raises(ValueError):
            long[::0]
        assert to_np(long[2:-2]).tolist() == [2, 3, 4, 5]
        assert to_np(xp.asarray([5, 6, 7, 8, 9, 10, 11, 12])[2:-2]).tolist() == [7, 8, 9, 10]


def test_whole_array_masks(backend: str) -> None:
    # x[mask] with a mask of x's shape skips the key's checks; every other mask is checked
    x = np.arange(12.0).reshape(3, 4)
    mask = x % 3 == 0
    a = xp.asarray(x)
    assert to_np(a[xp.asarray(mask)]).tolist() == x[mask].tolist()
    assert to_np(a[xp.asarray(mask[:, 0])]).tolist() == x[mask[:, 0]].tolist()  # first axis only
    assert a[xp.asarray(np.zeros((3, 4), bool))].shape == (0,)
    with pytest.raises(IndexError):
        a[xp.asarray(np.ones((4, 3), bool))]
    with pytest.raises(IndexError):
        a[xp.asarray(np.full((3, 4), 5, np.int8))]  # integers index: 5 is out of range
    zero_d = xp.asarray(np.float32(2.0))
    assert to_np(zero_d[xp.asarray(True)]).tolist() == [2.0]
