"""grad, value_and_grad, jacobian, jit and vmap on every backend: the same values and dtypes on
PyTorch and TensorFlow, a clear error on NumPy (except jit and vmap, which NumPy runs plainly)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import arrayshim as xp
from conftest import to_np

AUTODIFF = ("torch", "tensorflow", "jax")
#: tests compile with the cheap "eager" torch.compile backend (dynamo still traces the
#: function); one test runs the real default compiler on a tiny function
EAGER_TORCH = {"torch": {"backend": "eager"}}


def _needs_autodiff(backend: str) -> None:
    if backend not in AUTODIFF:
        pytest.skip("no automatic differentiation on this backend")


def f_index_setitem(x):
    y = x * 1.0
    y[0] = x[1] * x[2]  # __setitem__ of a differentiated value
    return xp.sum(y[1:] ** 2) + y[0]  # and indexing


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_grad_through_indexing_and_setitem(backend: str, dtype: str) -> None:
    _needs_autodiff(backend)
    x = xp.asarray([1.0, 2.0, 3.0], dtype=dtype)
    g = xp.grad(f_index_setitem)(x)
    assert g.dtype.name == dtype and g._backend.name == backend
    np.testing.assert_allclose(to_np(g), [0.0, 7.0, 8.0])
    v, g2 = xp.value_and_grad(f_index_setitem)(x)
    assert v.dtype.name == dtype and v.shape == () and float(v) == 19.0
    np.testing.assert_array_equal(to_np(g2), to_np(g))
    np.testing.assert_array_equal(to_np(x), [1.0, 2.0, 3.0])  # the caller's array is unchanged


def test_grad_writes_into_input_and_new_arrays(backend: str) -> None:
    _needs_autodiff(backend)
    x = xp.asarray([1.0, 2.0, 3.0])

    def overwrite(x):
        x[0] = 5.0
        return xp.sum(x * x)

    def scatter(x):
        z = xp.zeros(3)
        z[1] = x[0] * 3
        z[xp.asarray([0, 2])] = x[1:] ** 2
        return xp.sum(z)

    np.testing.assert_allclose(to_np(xp.grad(overwrite)(x)), [0.0, 4.0, 6.0])
    np.testing.assert_allclose(to_np(x), [1.0, 2.0, 3.0])
    np.testing.assert_allclose(to_np(xp.grad(scatter)(x)), [3.0, 4.0, 6.0])


def test_argnums_aux_and_unused(backend: str) -> None:
    _needs_autodiff(backend)
    a, b, c = xp.asarray(15.0), xp.asarray(20.0), xp.asarray(1.0, dtype=xp.float32)

    def f(a, b, c):
        return a * b, {"ab": a + b, "n": 3}

    (value, aux), (ga, gb, gc) = xp.value_and_grad(f, argnums=(0, 1, 2), has_aux=True)(a, b, c)
    assert float(value) == 300.0 and float(ga) == 20.0 and float(gb) == 15.0
    assert float(gc) == 0.0 and gc.dtype is xp.float32  # not used: zeros of the argument's dtype
    assert float(aux["ab"]) == 35.0 and aux["n"] == 3 and type(aux["ab"]) is xp.Array
    assert float(xp.grad(lambda a, b: a * b, argnums=1)(a, b)) == 15.0


def test_jacobian_and_batch_jacobian(backend: str) -> None:
    _needs_autodiff(backend)
    x = xp.asarray([1.0, 2.0, 3.0], dtype=xp.float32)
    j = xp.jacobian(lambda x: x * x)(x)
    assert j.dtype is xp.float32 and j.shape == (3, 3)
    np.testing.assert_allclose(to_np(j), np.diag([2.0, 4.0, 6.0]))
    w = xp.asarray(np.arange(6.0).reshape(3, 2))
    batch = xp.reshape(xp.arange(12.0), (4, 3)) / 10
    jb = xp.jacobian(lambda x: xp.tanh(xp.matmul(x, w)), batched=True)(batch)
    assert jb.shape == (4, 2, 3)
    y = np.tanh(to_np(batch) @ to_np(w))
    np.testing.assert_allclose(
        to_np(jb), (1 - y**2)[:, :, None] * to_np(w).T[None], rtol=1e-9, atol=1e-12
    )
    ja, jw = xp.jacobian(lambda x, w: xp.matmul(x, w), argnums=(0, 1))(batch, w)
    assert ja.shape == (4, 2, 4, 3) and jw.shape == (4, 2, 3, 2)


def test_errors(backend: str) -> None:
    x = xp.asarray([1.0, 2.0])
    if backend not in AUTODIFF:
        with pytest.raises(NotImplementedError, match="torch, tensorflow"):
            xp.grad(lambda x: xp.sum(x))(x)
        with pytest.raises(NotImplementedError, match="jacobian"):
            xp.jacobian(lambda x: x)(x)
        return
    with pytest.raises(ValueError, match="scalar"):
        xp.grad(lambda x: x * 2)(x)
    with pytest.raises(TypeError, match="floating-point"):
        xp.grad(lambda x: xp.sum(x))(xp.asarray([1, 2]))
    with pytest.raises(TypeError, match="argnums"):
        xp.grad(lambda x: xp.sum(x), argnums="0")
    with pytest.raises(ValueError, match="argnums"):
        xp.grad(lambda x: xp.sum(x), argnums=3)(x)
    with pytest.raises(TypeError, match="returning an arrayshim Array"):
        xp.grad(lambda x: 1.0)(x)


def test_vmap_axes_and_unmapped(backend: str) -> None:
    a = xp.reshape(xp.arange(6.0), (2, 3))
    out, total = xp.vmap(lambda col, s: (col * s, xp.sum(col)), in_axes=(1, None))(
        a, xp.asarray(2.0)
    )
    np.testing.assert_array_equal(to_np(out), (to_np(a) * 2).T)
    np.testing.assert_array_equal(to_np(total), to_np(a).sum(0))
    idx = xp.asarray([3 - 1, 0])  # an index array captured from outside
    picked = xp.vmap(lambda r: r[idx] * 2)(a)
    np.testing.assert_array_equal(to_np(picked), to_np(a)[:, [2, 0]] * 2)
    moved = xp.vmap(lambda r: r + 1, out_axes=1)(a)
    np.testing.assert_array_equal(to_np(moved), (to_np(a) + 1).T)
    with pytest.raises(ValueError, match="size 2"):
        xp.vmap(lambda p, q: p + q)(a, xp.ones((3, 3)))
    with pytest.raises(ValueError, match="in_axes"):
        xp.vmap(lambda p: p, in_axes=(0, 0))(a)


def test_vmap_called_again_reuses_its_trace(backend: str) -> None:
    """A training loop calls one vmapped function many times: the unmapped arrays' new values
    are used (not the first call's), a new shape or dtype gives a new result, and on TensorFlow
    eager f is traced once per shape (``tf.vectorized_map`` alone traces on every call)."""
    runs: list[int] = []

    def scaled(row, s):
        runs.append(1)
        return row * s, xp.sum(row)

    per_row = xp.vmap(scaled, in_axes=(0, None))
    a = xp.reshape(xp.arange(6.0), (2, 3))
    for k in range(3):
        out, total = per_row(a, xp.asarray(float(k)))
        np.testing.assert_array_equal(to_np(out), to_np(a) * k)
        np.testing.assert_array_equal(to_np(total), to_np(a).sum(1))
    if backend == "tensorflow":
        assert 1 <= len(runs) <= 2, len(runs)  # pfor may trace the body twice, once
    b64 = xp.reshape(xp.arange(12, dtype=xp.float64), (4, 3))
    out, _ = per_row(b64, xp.asarray(2.0, dtype=xp.float64))
    assert out.dtype == xp.float64 and out.shape == (4, 3)
    np.testing.assert_array_equal(to_np(out), to_np(b64) * 2)
    out, _ = per_row(a, xp.asarray(5.0))  # the first shape again, new value
    np.testing.assert_array_equal(to_np(out), to_np(a) * 5)
    if backend in AUTODIFF:  # the caller's autograd through the (cached) vmapped function
        g = xp.grad(lambda s: xp.sum(per_row(a, s)[0]))(xp.asarray(3.0))
        assert float(g) == float(xp.sum(a))


def test_per_example_gradients(backend: str) -> None:
    _needs_autodiff(backend)

    def loss(w, x, y):
        return xp.sum((xp.matmul(x, w) - y) ** 2)

    xs = xp.reshape(xp.arange(8.0), (4, 2))
    ys = xp.arange(4.0)
    w = xp.asarray([0.5, -0.5])
    per = xp.vmap(xp.grad(loss), in_axes=(None, 0, 0))(w, xs, ys)
    loop = np.stack([to_np(xp.grad(loss)(w, xs[i], ys[i])) for i in range(4)])
    assert per.shape == (4, 2) and per.dtype is xp.float64
    np.testing.assert_allclose(to_np(per), loop)


def test_jit_matches_eager(backend: str) -> None:
    def f(x, w):
        y = xp.tanh(xp.matmul(x, w)) + 1.0
        y[0] = 0.0
        return {"out": xp.sum(y * y, axis=1), "n": xp.mean(y)}

    rng = xp.random.default_rng(0)
    x, w = rng.normal(size=(5, 4)), rng.normal(size=(4, 3))
    jf = xp.jit(f, options=EAGER_TORCH)
    if backend == "torch":
        from torch._dynamo.utils import counters

        counters.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no fallback to eager
        for _ in range(2):
            got = jf(x, w)
            ref = f(x, w)
            assert got["out"].dtype is xp.float64 and got["out"]._backend.name == backend
            np.testing.assert_allclose(to_np(got["out"]), to_np(ref["out"]), rtol=1e-12)
            np.testing.assert_allclose(to_np(got["n"]), to_np(ref["n"]), rtol=1e-12)
    if backend == "torch":  # dynamo traced arrayshim's code as one graph
        assert not counters["graph_break"], dict(counters["graph_break"])
        assert counters["stats"]["unique_graphs"] == 1, dict(counters["stats"])


def test_jit_falls_back_with_warning(backend: str) -> None:
    if backend != "tensorflow":
        pytest.skip("numpy runs eagerly; dynamo breaks the graph instead of failing")

    def reads_values(x):
        return x * 2 if float(xp.sum(x)) > 0 else x

    jf = xp.jit(reads_values)
    with pytest.warns(RuntimeWarning, match="running it eagerly"):
        out = jf(xp.asarray([1.0, 2.0]))
    np.testing.assert_array_equal(to_np(out), [2.0, 4.0])
    np.testing.assert_array_equal(to_np(jf(xp.asarray([-1.0]))), [-1.0])  # eager from now on


def test_torch_default_compiler_once() -> None:
    """The real torch.compile (inductor) on a tiny function: compiled once for this module."""
    pytest.importorskip("torch")
    with xp.use_backend("torch"):
        jf = xp.jit(lambda x: xp.sin(x) * 2.0)
        x = xp.asarray([0.5, 1.0], dtype=xp.float32)
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            out = jf(x)
        assert out.dtype is xp.float32
        np.testing.assert_allclose(to_np(out), np.sin([0.5, 1.0]) * 2, rtol=1e-6)


def test_third_party_backend_without_hooks() -> None:
    """The toy backend predates the hooks: still valid, and each transform says who has it."""
    with xp.use_backend("toy"):
        x = xp.asarray([1.0, 2.0])
        with pytest.raises(
            xp.ArrayshimNotImplementedError,
            match=r"vmap\(\) is not supported on backend 'toy'.*numpy",
        ):
            xp.vmap(lambda r: r)(x)
        with pytest.raises(NotImplementedError, match="grad.*torch, tensorflow"):
            xp.grad(lambda v: xp.sum(v))(x)
        with pytest.raises(NotImplementedError, match="jit"):
            xp.jit(lambda v: v)(x)


def test_vmap_empty_batch(backend: str) -> None:
    with pytest.raises(ValueError, match="non-zero size"):
        xp.vmap(lambda r: r)(xp.zeros((0, 2)))


def test_same_array_at_two_positions_gets_partial_derivatives(backend: str) -> None:
    """``f(w, w)``: each position's partial derivative, as torch.func and JAX give (TensorFlow's
    tape tracks tensor objects and would give the total derivative at both)."""
    _needs_autodiff(backend)
    w = xp.asarray(3.0)

    def f(a, c):
        return a * c * c

    ga, gc = xp.grad(f, argnums=(0, 1))(w, w)
    assert (float(ga), float(gc)) == (9.0, 18.0)
    assert float(xp.grad(f)(w, w)) == 9.0
    ja, jc = xp.jacobian(f, argnums=(0, 1))(w, w)
    assert (float(ja), float(jc)) == (9.0, 18.0)


def test_vmap_errors_inside_f_surface_as_raised(backend: str) -> None:
    """An error raised while ``f`` is mapped is the error itself on every backend (TensorFlow's
    vectorized_map traces ``f`` with autograph, which wrapped it in a StagingError)."""
    a = xp.ones((2, 3))
    with pytest.raises(TypeError, match="returning an Array"):
        xp.vmap(lambda r: 1.0)(a)

    def fails(r):
        raise KeyError("from f")

    with pytest.raises(KeyError, match="from f"):
        xp.vmap(fails)(a)


def test_vmap_returns_an_unmapped_input_broadcast(backend: str) -> None:
    """An output that does not depend on the mapped axis is repeated along it, on every backend
    (TensorFlow's pfor failed on a captured eager tensor returned as it is)."""
    a, s = xp.ones((2, 3)), xp.asarray([0.5])
    twice, same = xp.vmap(lambda r, s: (r * 2, s), in_axes=(0, None))(a, s)
    assert same.shape == (2, 1) and twice.shape == (2, 3)
    np.testing.assert_array_equal(to_np(same), [[0.5], [0.5]])


def test_eager_calls_do_not_recompile_a_torch_compiled_function() -> None:
    """Checked calls are remembered (Plans) only outside a dynamo trace: a lookup inside it
    would guard the table, and every later eager call with a new shape or bound would make
    torch.compile recompile the user's function."""
    torch = pytest.importorskip("torch")
    from torch._dynamo.utils import counters

    def f(x):
        y = xp.reshape(x, (4, 2))
        z = xp.clip(y, -0.5, 0.5)
        return xp.sum(xp.flip(z, axis=0) * 2.0) + xp.vecdot(x, x) + xp.real(xp.fft.fft(x)[0])

    with xp.use_backend("torch"):
        compiled = xp.jit(f, options=EAGER_TORCH)
        x = xp.asarray(torch.rand(8))
        want = float(f(x))
        compiled(x)
        graphs = counters["stats"]["unique_graphs"]
        for i in range(4):  # new entries in every table the function looks into
            xp.reshape(xp.asarray(torch.rand(2 * (i + 3))), (2, -1))
            xp.clip(x, -0.1 * i, 0.3)
            xp.flip(xp.ones((i + 2, 3)), axis=1)
            xp.vecdot(xp.ones(i + 2), xp.ones(i + 2))
            xp.fft.fft(xp.ones(i + 3))
            assert abs(float(compiled(x)) - want) < 1e-5
        assert counters["stats"]["unique_graphs"] == graphs


def test_many_jitted_functions_each_compile(backend: str) -> None:
    # a program with more jitted functions than dynamo keeps entries per code object (8): each
    # compiles (one graph each), none falls back to eager
    if backend != "torch":
        pytest.skip("dynamo's per-code-object cache is torch's")
    from torch._dynamo.utils import counters

    counters.clear()
    x = xp.asarray(np.arange(6.0))
    fns = [xp.jit(lambda v, k=k: xp.sin(v) * k + k) for k in range(12)]
    for k, fn in enumerate(fns):
        np.testing.assert_allclose(to_np(fn(x)), np.sin(np.arange(6.0)) * k + k)
    assert counters["stats"]["unique_graphs"] == 12, dict(counters["stats"])
