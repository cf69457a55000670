"""NumPy interop as in TensorFlow's NumPy guide, written as a user writes it: NumPy's own
functions and ufuncs take arrayshim arrays and compute on the array's backend and device,
returning arrayshim arrays; what arrayshim lacks is a TypeError (no silent host fallback);
``np.asarray(x)`` is the explicit host copy; NumPy data joins another backend's arrays, two
non-NumPy backends never mix."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import arrayshim as xp
from conftest import BACKENDS, native_of

NON_NUMPY = [b for b in BACKENDS if b != "numpy"]
X = np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.5]])
Y = np.array([[2.0, 1.0, 0.0], [1.0, 1.0, 1.0]])


def _is_on(r: object, backend: str, want: object) -> None:
    assert isinstance(r, xp.Array), type(r)
    assert r._backend.name == backend, r._backend.name
    want = np.asarray(want)
    assert r.dtype.name == want.dtype.name, (r.dtype, want.dtype)
    np.testing.assert_allclose(np.asarray(r), want, rtol=1e-12)


CALLS = [
    ("np.sum(x)", lambda x, y: np.sum(x)),
    ("np.sum(x, 0, keepdims=True)", lambda x, y: np.sum(x, 0, keepdims=True)),
    ("np.mean(x, axis=1)", lambda x, y: np.mean(x, axis=1)),
    ("np.exp(x)", lambda x, y: np.exp(x)),
    ("np.concatenate([x, y])", lambda x, y: np.concatenate([x, y])),
    ("np.stack((x, y), 1)", lambda x, y: np.stack((x, y), 1)),
    ("np.add(x, 1)", lambda x, y: np.add(x, 1)),
    ("np.maximum(x, y)", lambda x, y: np.maximum(x, y)),
    ("np.where(x > 0, x, y)", lambda x, y: np.where(x > 0, x, y)),
    ("np.reshape(x, -1)", lambda x, y: np.reshape(x, -1)),
    ("np.dot(x, y.T)", lambda x, y: np.dot(x, y.T)),
    ("np.linalg.norm(x)", lambda x, y: np.linalg.norm(x)),
    ("np.argmax(x, 1)", lambda x, y: np.argmax(x, 1)),
    ("np.ones(3) + x", lambda x, y: np.ones(3) + x),
    ("x + np.ones(3)", lambda x, y: x + np.ones(3)),
    ("np.ones(3) * x", lambda x, y: np.ones(3) * x),
    ("np.ones(3) == x", lambda x, y: np.ones(3) == x),
    ("np.float64(2) ** x", lambda x, y: np.float64(2) ** x),
    ("np.arange(3.0) @ x.T", lambda x, y: np.arange(3.0) @ x.T),
]


@pytest.mark.parametrize(("what", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_numpy_functions_run_on_the_arrays_backend(backend: str, what: str, call) -> None:
    x, y = xp.asarray(X), xp.asarray(Y)
    _is_on(call(x, y), backend, call(X, Y))


def test_the_guide_interop_lines(backend: str) -> None:
    # TensorFlow's NumPy guide, "NumPy interoperability", with arrayshim arrays
    ones = xp.ones([2, 3])
    _is_on(np.sum(ones), backend, 6.0)
    _is_on(np.exp(ones), backend, np.exp(np.ones([2, 3])))
    np_sum = np.sum(np.ones([5, 6]))
    assert isinstance(np_sum, np.float64)  # plain NumPy is untouched
    _is_on(np.ones(2) + xp.ones(2), backend, np.full(2, 2.0))


def test_unimplemented_numpy_functions_raise_naming_them(backend: str) -> None:
    x = xp.asarray(X)
    calls = {
        "numpy.apply_along_axis": lambda: np.apply_along_axis(np.sum, 0, x),
        "numpy.add.reduce": lambda: np.add.reduce(x),
        "numpy.add.accumulate": lambda: np.add.accumulate(x),
        "numpy.multiply.outer": lambda: np.multiply.outer(x, x),
        "numpy.add.at": lambda: np.add.at(x, [0], 1.0),
        "numpy.linalg.tensorinv": lambda: np.linalg.tensorinv(x),
    }
    for name, call in calls.items():
        with pytest.raises(TypeError) as info:
            call()
        text = str(info.value)
        assert name in text and "np.asarray(x)" in text, text
        assert isinstance(info.value, xp.ArrayshimError)
    with pytest.raises(TypeError, match="out"):  # out= is refused, as in arrayshim.numpy
        np.add(x, 1, out=x)
    np.testing.assert_array_equal(np.asarray(x), X)  # nothing was written


def test_asarray_is_the_explicit_host_copy(backend: str) -> None:
    x = xp.asarray(X)
    host = np.asarray(x)
    assert type(host) is np.ndarray and host.dtype == X.dtype
    np.testing.assert_array_equal(host, X)
    np.testing.assert_array_equal(np.array(x, dtype=np.float32), X.astype(np.float32))
    if backend == "numpy":  # no copy of host data unless asked
        assert np.shares_memory(np.asarray(x), xp.to_native(x))
        assert not np.shares_memory(np.array(x, copy=True), xp.to_native(x))


def test_asarray_of_an_array_off_the_cpu_copies_only_when_asked() -> None:
    # no GPU here: the toy backend's fake devices stand in for one
    with xp.use_backend("toy"):
        t = xp.asarray(X, device="fake:1")
    np.testing.assert_array_equal(np.asarray(t), X)  # np.asarray asks for the copy
    with pytest.raises(ValueError, match="copy"):
        np.asarray(t, copy=False)


def test_numpy_joins_another_backend_on_its_device() -> None:
    with xp.use_backend("toy"):
        t = xp.asarray(Y, device="fake:1")
    for r in (xp.asarray(X) + t, t + X, xp.add(X, t), np.add(X, t), xp.concat([X, t])):
        assert r._backend.name == "toy" and str(r.device) == "fake:1", r
    np.testing.assert_array_equal(np.asarray(xp.asarray(X) + t), X + Y)


@pytest.mark.parametrize("other", NON_NUMPY)
def test_numpy_mixed_with_another_backend_is_converted(other: str) -> None:
    with xp.use_backend(other):
        o = xp.asarray(Y.copy())  # (torch shares a NumPy array's memory; o is written below)
    n = xp.asarray(X)  # a NumPy-backend Array
    for what, r, want in [
        ("Array + Array", n + o, X + Y),
        ("Array - ndarray", o - X, Y - X),
        ("ndarray * Array", X * o, X * Y),
        ("xp.add(ndarray, native)", xp.add(X, native_of(other, Y, "float64")), X + Y),
        ("xp.concat", xp.concat([n, o, X]), np.concatenate([X, Y, X])),
        ("xp.where", xp.where(X > 0, o, n), np.where(X > 0, Y, X)),
        ("matmul", n @ o.T, X @ Y.T),
        ("index array", o[np.array([1, 0])], Y[[1, 0]]),
        ("indexed by another backend's", n[o[:, 0] > 1], X[Y[:, 0] > 1]),
        ("take", xp.take(o, np.array([2, 0]), axis=1), Y[:, [2, 0]]),
        ("take of NumPy", xp.take(X, xp.astype(o[1], xp.int64), axis=1), X[:, [1, 1, 1]]),
        ("repeat", xp.repeat(o, np.array([1, 2]), axis=0), np.repeat(Y, [1, 2], axis=0)),
        ("repeat of NumPy", xp.repeat(X, xp.astype(o[1], xp.int64), axis=1), np.repeat(X, 1, 1)),
        ("searchsorted", xp.searchsorted(np.array([1.0, 2.0, 3.0]), o[0]), [1, 0, 0]),
        ("linalg.solve", xp.linalg.solve(np.eye(2) * 2, o), Y / 2),
    ]:
        assert r._backend.name == other, what
        np.testing.assert_allclose(np.asarray(r), want, rtol=1e-12, err_msg=what)
    o[0] = np.array([9.0, 9.0, 9.0])  # a NumPy value assigned into another backend's array
    assert np.asarray(o)[0].tolist() == [9.0, 9.0, 9.0] and o._backend.name == other
    u = xp.asarray(np.array([1, 2], dtype=np.uint16)) + xp.zeros(2, dtype=xp.uint16)
    assert u.dtype == xp.uint16  # the NumPy array's dtype is kept exactly


@pytest.mark.skipif(len(NON_NUMPY) < 2, reason="needs torch and tensorflow")
def test_two_non_numpy_backends_still_raise() -> None:
    with xp.use_backend("torch"):
        t = xp.asarray(X)
    with xp.use_backend("tensorflow"):
        f = xp.asarray(X)
    calls = [
        lambda: t + f,
        lambda: xp.add(t, f),
        lambda: xp.concat([xp.asarray(X), t, f]),  # NumPy first: joins torch; tf still refused
        lambda: np.add(t, f),
        lambda: np.concatenate([t, f]),
        lambda: t[f > 0],
    ]
    for call in calls:
        with pytest.raises(TypeError) as info:
            call()
        assert isinstance(info.value, xp.ArrayshimError)
        text = str(info.value)
        assert "torch" in text and "tensorflow" in text, text


def test_import_arrayshim_loads_the_numpy_namespace_only_on_first_use() -> None:
    code = (
        "import sys, numpy as np, arrayshim as xp; x = xp.ones(3); y = x + np.ones(3); "
        "assert 'arrayshim.numpy' not in sys.modules, 'operators load it'; "
        "assert float(np.sum(x)) == 3.0; assert 'arrayshim.numpy' in sys.modules; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_other_array_types_get_their_turn() -> None:
    # a third type with its own protocol: Array returns NotImplemented, so NumPy asks it
    class Other:
        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            return "other"

        def __array_function__(self, func, types, args, kwargs):
            return "other"

    x = xp.ones(2)
    assert np.add(x, Other()) == "other"
    assert np.concatenate([x, Other()]) == "other"
