"""NumPy's ndarray methods and attributes on arrayshim arrays, written as a NumPy user writes them
(``x.reshape(-1).astype(np.float32).sum(0, keepdims=True)``), on every installed backend, against
the same method of a real ``numpy.ndarray`` (values and dtypes)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import arrayshim as xp
import arrayshim.numpy as anp

R = numpy.random.default_rng(1)
F64 = R.standard_normal((3, 4))
F32 = R.standard_normal((2, 3, 4)).astype(numpy.float32)
I32 = R.integers(-9, 9, (3, 4)).astype(numpy.int32)
I64 = R.integers(-9, 9, (4, 4))
B = F64 > 0
C128 = F64 + 1j * F64[::-1]
SQ = F64[:3, :3]

#: (name, input, call): ``call(a)`` runs the same method on a numpy.ndarray and an Array
CASES: list[tuple[str, numpy.ndarray, object]] = [
    ("reshape(*shape)", F64, lambda a: a.reshape(4, 3)),
    ("reshape(shape)", F64, lambda a: a.reshape((2, 6))),
    ("reshape(-1)", F32, lambda a: a.reshape(-1)),
    ("ravel", F32, lambda a: a.ravel()),
    ("flatten", I32, lambda a: a.flatten()),
    ("transpose()", F32, lambda a: a.transpose()),
    ("transpose(*axes)", F32, lambda a: a.transpose(1, 0, 2)),
    ("transpose(axes)", F32, lambda a: a.transpose((2, 0, 1))),
    ("swapaxes", F32, lambda a: a.swapaxes(0, 2)),
    ("squeeze", F64.reshape(3, 1, 4), lambda a: a.squeeze()),
    ("squeeze(axis)", F64.reshape(3, 1, 4), lambda a: a.squeeze(1)),
    ("astype", F64, lambda a: a.astype(numpy.float32)),
    ("astype(int)", I64, lambda a: a.astype("int8")),
    ("copy", I32, lambda a: a.copy()),
    ("sum", F64, lambda a: a.sum()),
    ("sum(axis)", F64, lambda a: a.sum(0)),
    ("sum(axis, keepdims)", I32, lambda a: a.sum(1, keepdims=True)),
    ("sum(dtype)", I32, lambda a: a.sum(dtype=numpy.int64)),
    ("sum(bool)", B, lambda a: a.sum()),
    ("prod", I32, lambda a: a.prod(0)),
    ("mean", F32, lambda a: a.mean((0, 2))),
    ("mean(int)", I32, lambda a: a.mean()),
    ("var", F64, lambda a: a.var(1)),
    ("std(ddof)", F64, lambda a: a.std(0, ddof=1)),
    ("min", F64, lambda a: a.min()),
    ("max(axis)", I32, lambda a: a.max(1)),
    ("argmin", F64, lambda a: a.argmin()),
    ("argmax(axis)", F64, lambda a: a.argmax(1)),
    ("argmax(keepdims)", F64, lambda a: a.argmax(0, keepdims=True)),
    ("cumsum", I32, lambda a: a.cumsum()),
    ("cumsum(axis)", F64, lambda a: a.cumsum(1)),
    ("cumprod", I32, lambda a: a.cumprod(0)),
    ("any", B, lambda a: a.any(0)),
    ("all", B, lambda a: a.all()),
    ("dot", F64, lambda a: a.dot(a.T)),
    ("dot(vector)", SQ, lambda a: a.dot(a[0])),
    ("clip", F64, lambda a: a.clip(-0.5, 0.5)),
    ("clip(max)", I32, lambda a: a.clip(max=3)),
    ("round", F64 * 100, lambda a: a.round()),
    ("round(decimals)", F64, lambda a: a.round(2)),
    ("argsort", F64, lambda a: a.argsort()),
    ("argsort(axis)", F64, lambda a: a.argsort(0)),
    ("nonzero", I32, lambda a: a.nonzero()),
    ("repeat", I32, lambda a: a.repeat(2)),
    ("repeat(axis)", I32, lambda a: a.repeat(2, axis=0)),
    ("diagonal", I64, lambda a: a.diagonal()),
    ("diagonal(offset)", I64, lambda a: a.diagonal(1)),
    ("trace", I64, lambda a: a.trace()),
    ("trace(offset)", F64, lambda a: a.trace(-1)),
    ("conj", C128, lambda a: a.conj()),
    ("conjugate", C128, lambda a: a.conjugate()),
    ("real", C128, lambda a: a.real),
    ("imag", C128, lambda a: a.imag),
    ("real(float)", F64, lambda a: a.real),
    ("take", F64, lambda a: a.take([0, -1, 5])),
    ("take(axis)", I32, lambda a: a.take([[2, 0], [1, 1]], axis=1)),
    ("take(scalar)", F64, lambda a: a.take(3)),
    ("searchsorted", numpy.sort(F64.ravel()), lambda a: a.searchsorted([-0.5, 0.0, 2.0])),
    ("searchsorted(right)", numpy.sort(I64.ravel()), lambda a: a.searchsorted(0, side="right")),
    ("compress", F64, lambda a: a.compress([True, False, True], axis=0)),
    ("compress(flat)", I32, lambda a: a.compress([False, True, True])),
    ("T", F32, lambda a: a.T),
    ("mT", F32, lambda a: a.mT),
    ("chain", F64, lambda a: a.reshape(-1).astype(numpy.float32).sum(0, keepdims=True)),
    ("chain2", I32, lambda a: a.T.ravel().cumsum().reshape(2, 6).max(1)),
]


def _compare(got: object, want: object, name: str) -> None:
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want), name
        for g, w in zip(got, want, strict=True):
            _compare(g, w, name)
        return
    assert isinstance(got, xp.Array), (name, type(got))
    want = numpy.asarray(want)
    assert got.dtype.name == want.dtype.name, (name, got.dtype, want.dtype)
    assert got.shape == want.shape, (name, got.shape, want.shape)
    tol = 1e-5 if want.dtype in (numpy.float32, numpy.complex64) else 1e-12
    numpy.testing.assert_allclose(numpy.asarray(got), want, rtol=tol, atol=tol, err_msg=name)


@pytest.mark.parametrize(("name", "data", "call"), CASES, ids=[c[0] for c in CASES])
def test_method_matches_numpy(backend: str, name: str, data: numpy.ndarray, call) -> None:
    want = call(data.copy())
    got = call(xp.asarray(data))
    _compare(got, want, name)
    if backend != "numpy":
        results = got if isinstance(got, tuple) else (got,)
        assert all(r._backend.name == backend for r in results), name


def test_attributes_match_numpy(backend: str) -> None:
    for data in (F32, I64, B, C128, numpy.float64(2.5)):
        a = xp.asarray(data)
        n = numpy.asarray(data)
        assert (a.ndim, a.size, a.shape, a.itemsize, a.nbytes) == (
            n.ndim,
            n.size,
            n.shape,
            n.itemsize,
            n.nbytes,
        )


def test_item_and_tolist_give_python_scalars(backend: str) -> None:
    a = xp.asarray(I32)
    assert a.tolist() == I32.tolist()
    assert type(a.tolist()[0][0]) is int
    assert a.item(5) == I32.item(5) and type(a.item(5)) is int
    assert a.item(2, 1) == I32.item(2, 1)
    assert a.item(numpy.int64(5)) == I32.item(5)
    assert xp.asarray([[1.5]]).item() == 1.5
    assert xp.asarray(2.5).tolist() == 2.5
    assert xp.asarray(B).tolist() == B.tolist()
    with pytest.raises(ValueError, match=r"Array\.item"):
        a.item()


def test_sort_and_fill_work_in_place_and_return_none(backend: str) -> None:
    a = xp.asarray(F64)
    n = F64.copy()
    assert a.sort() is None and n.sort() is None
    _compare(a, n, "sort")
    a = xp.asarray(F64)
    n = F64.copy()
    a.sort(0)
    n.sort(0)
    _compare(a, n, "sort(axis)")
    a = xp.asarray(I32)
    n = I32.copy()
    assert a.fill(7) is None
    n.fill(7)
    _compare(a, n, "fill")
    a = xp.asarray(F32)
    a.fill(0.25)
    assert a.dtype == xp.float32 and float(a.sum()) == 0.25 * F32.size
    with pytest.raises(TypeError, match="representable in int32"):  # NumPy would truncate
        xp.asarray(I32).fill(2.7)
    with pytest.raises(TypeError, match=r"Array\.sort\(\): invalid `axis`"):  # as NumPy's method
        xp.asarray(F64).sort(axis=None)


def test_in_place_methods_put_partition_and_settable_parts(backend: str) -> None:
    """``put``, ``partition``, ``a.real = v`` and ``a.imag = v`` change the array itself, as in
    NumPy (on TensorFlow and JAX the wrapper is rebound, as for item assignment)."""
    for args in (([0, 5, -1], [10, 20, 30]), ([1, 2, 3, 4], [7, 8]), ([0, 11], 9)):
        a, n = xp.asarray(I32), I32.copy()
        assert a.put(*args) is None
        n.put(*args)
        _compare(a, n, f"put{args}")
    for mode in ("wrap", "clip"):
        a, n = xp.asarray(I32), I32.copy()
        a.put([-14, 20], [1, 2], mode=mode)
        n.put([-14, 20], [1, 2], mode=mode)
        _compare(a, n, f"put({mode})")
    with pytest.raises(IndexError, match=r"put\(\): invalid `ind`"):
        xp.asarray(I32).put([12], [1])
    a = xp.asarray(F64)
    assert a.partition(2, axis=1) is None
    part = numpy.asarray(a)
    kth = numpy.partition(F64, 2, axis=1)[:, 2]
    numpy.testing.assert_array_equal(part[:, 2], kth)
    assert (part[:, :2] <= kth[:, None]).all() and (part[:, 3:] >= kth[:, None]).all()
    order = xp.asarray(F64).argpartition(1, axis=0)
    picked = numpy.take_along_axis(F64, numpy.asarray(order), 0)
    numpy.testing.assert_array_equal(picked[1], numpy.partition(F64, 1, axis=0)[1])
    z, n = xp.asarray(C128), C128.copy()
    z.real = numpy.inf  # a part is set exactly, the other kept exactly (no arithmetic)
    n.real = numpy.inf
    _compare(z, n, "real=inf")
    z.imag = xp.asarray(F64[0])  # broadcast over the rows
    n.imag = F64[0]
    _compare(z, n, "imag=row")
    f, m = xp.asarray(F64), F64.copy()
    f.real = 2.0
    m.real = 2.0
    _compare(f, m, "real of a real array")
    with pytest.raises(TypeError, match=r"Array\.imag"):
        f.imag = 1.0
    with pytest.raises(TypeError):
        xp.asarray(C128.astype(numpy.complex64)).real = xp.asarray(F64)  # float64 into float32
    assert xp.asarray(I32).tobytes() == I32.tobytes()
    assert xp.asarray(F32).tobytes("F") == F32.tobytes("F")


def test_flatten_copies_ravel_may_not(backend: str) -> None:
    a = xp.asarray(I32)
    flat = a.flatten()
    flat[0] = 100
    assert int(a[0, 0]) == int(I32[0, 0])


def test_methods_refuse_out_and_bad_arguments_like_the_functions(backend: str) -> None:
    a = xp.asarray(F64)
    with pytest.raises(Exception) as by_method:
        a.sum(0, out=a)
    with pytest.raises(Exception) as by_function:
        anp.sum(a, 0, out=a)
    assert type(by_method.value) is type(by_function.value)
    assert str(by_method.value) == str(by_function.value)
    with pytest.raises(ValueError):
        a.sum(5)
    with pytest.raises(ValueError):
        a.reshape(5, 5)
    with pytest.raises(ValueError, match="order"):
        a.astype(xp.float32, order="F")


@settings(max_examples=25, deadline=None)
@given(
    data=hnp.arrays(
        dtype=st.sampled_from([numpy.float64, numpy.int32, numpy.int64]),
        shape=hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
        elements={"min_value": -100, "max_value": 100},
    ),
    method=st.sampled_from(["sum", "prod", "min", "max", "argmin", "argmax", "cumsum", "any"]),
    keep=st.booleans(),
)
def test_reductions_match_numpy_for_any_shape(data: numpy.ndarray, method: str, keep: bool) -> None:
    axis = data.ndim - 1
    kwargs = {} if method == "cumsum" else {"keepdims": keep}
    for name in ("numpy", *(b for b in ("torch",) if b in xp.installed_backends())):
        with xp.use_backend(name):
            got = getattr(xp.asarray(data), method)(axis, **kwargs)
        want = getattr(data, method)(axis, **kwargs)
        _compare(got, want, f"{method} on {name}")


def test_methods_call_the_numpy_namespace_functions(monkeypatch: pytest.MonkeyPatch) -> None:
    # one definition of NumPy's semantics: a wrapping method calls the arrayshim.numpy function
    # (the others are those functions: see the next test)
    calls: list[str] = []
    for name in ("reshape", "astype", "transpose", "clip"):
        real = getattr(anp, name)

        def spy(*args, _name=name, _real=real, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(anp, name, spy)
    x = xp.ones((2, 3))
    x.reshape(-1).astype(xp.float32)
    x.transpose().clip(0, 1)
    assert calls == ["reshape", "astype", "transpose", "clip"]


def test_import_arrayshim_does_not_import_the_numpy_namespace_until_a_method_needs_it() -> None:
    code = (
        "import sys, arrayshim as xp; x = xp.ones((2, 3)); x.shape, x.T, x + 1; "
        "assert 'arrayshim.numpy' not in sys.modules; "
        "assert float(x.sum()) == 6.0; assert 'arrayshim.numpy' in sys.modules; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_bound_methods_have_the_signature_of_their_function() -> None:
    # the class body's def is what type checkers see; the function is what runs once loaded
    import inspect

    from arrayshim._array import NUMPY_FUNCTION_METHODS

    # the class body's signatures, read in a fresh interpreter before arrayshim.numpy loads
    code = (
        "import arrayshim as xp, inspect, json, sys; from arrayshim._array import "
        "NUMPY_FUNCTION_METHODS as names; assert 'arrayshim.numpy' not in sys.modules; "
        "print(json.dumps({n: str(inspect.signature(getattr(xp.Array, n))) for n in names}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    stubs = json.loads(done.stdout)
    xp.ones(1).sum()  # loads arrayshim.numpy
    for name in NUMPY_FUNCTION_METHODS:
        assert vars(xp.Array)[name] is getattr(anp, name), name
        params = list(inspect.signature(getattr(anp, name)).parameters.values())[1:]
        self = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        want = str(inspect.signature(getattr(anp, name)).replace(parameters=self + params))
        assert stubs[name] == want, name


def test_methods_are_plain_class_attributes() -> None:
    # no __getattr__ on Array: attribute lookup stays as fast as before
    assert "__getattr__" not in vars(xp.Array)
    for name in ("sum", "reshape", "astype", "sort", "item", "tolist"):
        assert callable(vars(xp.Array)[name]), name
