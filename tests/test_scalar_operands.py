"""Python scalars in elementwise calls: NEP 50's weak scalars on the fast path, and torch's cached
0-d tensors (on a GPU, ``1 / (1 + xp.exp(-x))`` then costs no fill kernel or host-to-device copy
per scalar), with every sign, NaN, autograd and inference-mode case a user's script meets."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arrayshim as xp
from arrayshim import _registry
from conftest import to_np

OPS = ["add", "subtract", "multiply", "divide", "maximum", "copysign", "pow", "less", "atan2"]
SCALARS = [2.0, -0.0, 0.0, math.nan, math.inf, 3, -1, 0, 1e300]


@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "uint8", "complex64"])
def test_scalar_on_either_side_matches_numpy(backend: str, dtype: str) -> None:
    x = np.array([1.5, -2.0, 0.0, 3.0]).astype(dtype)
    a = xp.asarray(x)
    for name in OPS:
        for s in SCALARS:
            if isinstance(s, float) and dtype[0] in "iu":
                continue  # promotes to float64: the slow path, tested elsewhere
            if dtype[0] in "iu" and not np.can_cast(np.min_scalar_type(s), dtype):
                continue
            if dtype[0] == "c" and name == "pow":
                continue  # complex powers of overflowing values: the standard leaves them open
            for left in (False, True):
                args_np = (s, x) if left else (x, s)
                args_xp = (s, a) if left else (a, s)
                try:
                    with np.errstate(all="ignore"):
                        want = getattr(np, "power" if name == "pow" else name)(*args_np)
                except (TypeError, ValueError):
                    continue
                try:
                    got = getattr(xp, name)(*args_xp)
                except (TypeError, ValueError):
                    assert dtype[0] == "c" or name == "pow", (name, s, dtype)
                    continue
                assert str(got.dtype) == str(want.dtype), (name, s, left)
                if name in ("pow", "atan2"):  # a few ulps apart between frameworks
                    np.testing.assert_allclose(to_np(got), want, rtol=1e-6, err_msg=name)
                    continue
                np.testing.assert_array_equal(to_np(got), want, err_msg=f"{name} {s!r} {left}")
                # the signs of zeros too
                if want.dtype.kind == "f" and name != "maximum":  # max(0, -0): unspecified
                    assert np.array_equal(np.signbit(to_np(got)), np.signbit(want)), (name, s)


def test_out_of_range_int_still_raises_on_the_fast_path(backend: str) -> None:
    a = xp.asarray([1, 2], dtype=xp.uint8)
    with pytest.raises(OverflowError, match=r"add.*uint8 \[0, 255\].*256"):
        a + 256
    with pytest.raises(OverflowError, match="-1"):
        -1 + a


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["float32", "float64"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["add", "multiply", "subtract", "divide"]),
)
def test_weak_scalars_property(dtype: str, s: float, name: str) -> None:
    x = np.array([0.0, -0.0, 1.0, -3.5, np.inf], dtype=dtype)
    for bname in ("numpy", "torch"):
        if bname not in xp.installed_backends():
            continue
        with xp.use_backend(bname), np.errstate(all="ignore"):
            got = to_np(getattr(xp, name)(xp.asarray(x), s))
            want = getattr(np, name)(x, s)
        np.testing.assert_array_equal(got, want)
        assert np.array_equal(np.signbit(got), np.signbit(want))


def test_where_with_scalars_and_mixed_dtypes(backend: str) -> None:
    """``where``'s fast path (one dtype, or a weak scalar keeping it) and its slow path agree
    with NumPy on dtypes, values, broadcasting and errors."""
    x = np.array([1.5, -2.0, 0.0], dtype=np.float32)
    c = x > 0
    a, ca = xp.asarray(x), xp.asarray(c)
    for other, want in [
        (0.0, np.where(c, x, np.float32(0.0))),
        (2, np.where(c, x, np.float32(2))),
        (xp.asarray(x * 2), np.where(c, x, x * 2)),
        (xp.asarray([7.0], dtype=xp.float32), np.where(c, x, np.float32(7.0))),
    ]:
        got = xp.where(ca, a, other)
        assert got.dtype is xp.float32
        np.testing.assert_array_equal(to_np(got), want)
    assert xp.where(ca, a, xp.asarray(x, dtype=xp.float64)).dtype is xp.float64
    assert xp.where(ca, 1.0, a).dtype is xp.float32
    i8 = xp.asarray([1, 2, 3], dtype=xp.int8)
    with pytest.raises(OverflowError, match="where"):
        xp.where(ca, i8, 300)
    with pytest.raises(ValueError, match="where.*shapes"):
        xp.where(ca, a, xp.asarray([1.0, 2.0], dtype=xp.float32))
    with pytest.raises(TypeError, match="condition"):
        xp.where(a, a, a)


def test_tensorflow_keeps_only_eager_scalars() -> None:
    """TensorFlow's cache of scalar tensors holds eager tensors only: a constant made while
    ``tf.function`` traces belongs to that graph and must not reach eager code or another
    graph."""
    tf = pytest.importorskip("tensorflow")
    b = _registry.get("tensorflow")
    b._scalars.clear()
    f = tf.function(xp.agnostic(lambda x: x * 3.75 + 1.25))
    for n in (2, 3):  # two traces
        np.testing.assert_allclose(f(tf.ones(n)).numpy(), np.full(n, 5.0))
    assert not b._scalars._arrays  # nothing kept from the graphs
    with xp.use_backend("tensorflow"):
        x = xp.asarray([1.0, 2.0], dtype=xp.float32)
        np.testing.assert_allclose(to_np(x * 3.75 + 1.25), [5.0, 8.75])
        assert len(b._scalars._arrays) == 2
        assert not any(tf.is_symbolic_tensor(t) for t in b._scalars._arrays.values())
    np.testing.assert_allclose(f(tf.ones(4)).numpy(), np.full(4, 5.0))  # cached ones in a graph


def test_jax_keeps_no_scalar_made_inside_a_trace() -> None:
    """A scalar first met inside ``jax.jit`` is a tracer of that trace: kept, it would leak
    into later eager calls (UnexpectedTracerError)."""
    jax = pytest.importorskip("jax")
    jnp = pytest.importorskip("jax.numpy")
    _registry.get("jax")  # 64-bit mode on, so the traced x and the eager one share a dtype
    f = jax.jit(xp.agnostic(lambda x: x * 2.875 - 0.375))
    np.testing.assert_allclose(np.asarray(f(jnp.ones(3, dtype=jnp.float64))), np.full(3, 2.5))
    with xp.use_backend("jax"):
        a = xp.asarray([1.0, 2.0])
        np.testing.assert_allclose(to_np(a * 2.875 - 0.375), [2.5, 5.375])
    g = jax.grad(xp.agnostic(lambda x: xp.sum(x * 2.875)))
    np.testing.assert_allclose(np.asarray(g(jnp.ones(2, dtype=jnp.float64))), [2.875, 2.875])


torch = pytest.importorskip("torch")


def test_torch_caches_one_tensor_per_scalar() -> None:
    b = _registry.get("torch")
    dev = xp.Device("cpu")
    first = b.scalar_operand(2.5, xp.float32, dev)
    assert b.scalar_operand(2.5, xp.float32, dev) is first
    assert b.scalar_operand(2.5, xp.float64, dev) is not first  # per dtype
    assert b.scalar_operand(2, xp.float32, dev) is not b.scalar_operand(2.0, xp.float32, dev)
    # zeros and NaN are never cached: -0.0 == 0.0 as a key
    assert b.scalar_operand(0.0, xp.float32, dev) is not b.scalar_operand(0.0, xp.float32, dev)
    zero = b.scalar_operand(0.0, xp.float32, dev)
    assert not torch.signbit(zero) and torch.signbit(b.scalar_operand(-0.0, xp.float32, dev))
    with xp.use_backend("torch"):
        x = xp.asarray([1.0, -1.0])
        np.testing.assert_array_equal(np.signbit(to_np(x * -0.0)), [True, False])
        np.testing.assert_array_equal(np.signbit(to_np(x * 0.0)), [False, True])


def test_inference_mode_scalars_do_not_reach_autograd() -> None:
    """A scalar first met inside ``torch.inference_mode`` must not come back as an inference
    tensor that autograd would have to save for backward."""
    b = _registry.get("torch")
    b._scalars.clear()
    with xp.use_backend("torch"):
        with torch.inference_mode():
            _ = xp.asarray([1.0, 2.0], dtype=xp.float32) * 7.25  # w's dtype
        w = torch.tensor([1.0, 2.0], requires_grad=True)
        y = xp.sum(xp.asarray(w) * 7.25)
        y._native.backward()  # raised "Inference tensors cannot be saved for backward"
    np.testing.assert_array_equal(w.grad.numpy(), [7.25, 7.25])


def test_scalars_inside_torch_compile_and_grad() -> None:
    @xp.agnostic
    def sigmoid(x):
        return 1 / (1 + xp.exp(-x)) * 0.5 + 0.25

    t = torch.linspace(-3, 3, 7, dtype=torch.float64)
    want = torch.sigmoid(t) * 0.5 + 0.25
    compiled = torch.compile(sigmoid, backend="aot_eager")
    for _ in range(2):
        torch.testing.assert_close(compiled(t), want)
    g = torch.func.grad(lambda v: sigmoid(v).sum())(t)
    torch.testing.assert_close(g, torch.sigmoid(t) * (1 - torch.sigmoid(t)) * 0.5)
