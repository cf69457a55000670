"""The JAX backend from a user's script: JAX's own grad, jit and vmap around ``@xp.agnostic``
code, arrayshim's transforms mapped to JAX's, item assignment inside ``jax.jit``, and the
64-bit switch (process-wide, so checked in subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import arrayshim as xp

jax = pytest.importorskip("jax")
jnp = pytest.importorskip("jax.numpy")
if "jax" not in xp.installed_backends():
    pytest.skip("the jax backend is not installed", allow_module_level=True)

from test_agnostic import _LABELS, _LOGITS, _reference_cross_entropy, cross_entropy  # noqa: E402

# As a user would (README, "JAX"): load the backend before making jax arrays, so that JAX's
# 64-bit mode is on when they are made (jnp.asarray of float64 data is float32 without it).
xp.use_backend("jax")  # loads the backend (the block itself is not entered)


def _reference_grad(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    p = np.exp(logits - logits.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return p / len(labels)


def test_jax_grad_and_jit_around_agnostic_code() -> None:
    """jax.jit(jax.value_and_grad(...)) of a function written once against arrayshim, taking
    two jax arrays: native arrays out, JAX's gradient, one trace for two calls."""
    traces = []

    def loss(logits, labels):
        traces.append(1)
        return cross_entropy(logits, labels)

    step = jax.jit(jax.value_and_grad(loss))
    logits, labels = jnp.asarray(_LOGITS), jnp.asarray(_LABELS)
    value, grad = step(logits, labels)
    value2, _ = step(logits * 2, labels)
    assert isinstance(value, jax.Array) and isinstance(grad, jax.Array)
    assert value.dtype == jnp.float64 and grad.shape == _LOGITS.shape
    np.testing.assert_allclose(float(value), _reference_cross_entropy(_LOGITS, _LABELS), rtol=1e-12)
    np.testing.assert_allclose(float(value2), _reference_cross_entropy(_LOGITS * 2, _LABELS))
    np.testing.assert_allclose(np.asarray(grad), _reference_grad(_LOGITS, _LABELS), atol=1e-12)
    assert len(traces) == 1


def test_jax_vmap_around_agnostic_code() -> None:
    per_row = jax.vmap(lambda lg, lb: cross_entropy(lg[None], lb[None]))(
        jnp.asarray(_LOGITS), jnp.asarray(_LABELS)
    )
    expected = [_reference_cross_entropy(_LOGITS[i : i + 1], _LABELS[i : i + 1]) for i in range(4)]
    np.testing.assert_allclose(np.asarray(per_row), expected, rtol=1e-12)


def test_item_assignment_inside_jax_jit() -> None:
    """``x[i] = v`` on an immutable jax array is ``.at[].set`` underneath, also while traced."""

    @xp.agnostic
    def clip_first(x, mask):
        y = xp.asarray(x, copy=True)
        y[0] = -1.0
        y[mask] = 0.0
        return y

    x = jnp.arange(4.0)
    mask = jnp.asarray([False, False, True, False])
    out = jax.jit(clip_first)(x, mask)
    np.testing.assert_array_equal(np.asarray(out), [-1.0, 1.0, 0.0, 3.0])
    np.testing.assert_array_equal(np.asarray(x), [0.0, 1.0, 2.0, 3.0])  # the input is unchanged


def test_xp_transforms_run_jax_transforms() -> None:
    """xp.grad/value_and_grad/jacobian/vmap/jit on jax arrays, with a parameter tree."""
    with xp.use_backend("jax"):
        w = xp.asarray([[1.0, -2.0], [0.5, 3.0]])
        b = xp.asarray([0.25, -0.5])
        x = xp.asarray([[1.0, 2.0], [3.0, -1.0], [0.0, 1.0]])

        def loss(params, x):
            w, b = params
            return xp.sum(xp.tanh(x @ w + b) ** 2)

        (v, (gw, gb)) = xp.value_and_grad(loss)((w, b), x)
        ref_v, ref_g = jax.value_and_grad(lambda p, x: jnp.sum(jnp.tanh(x @ p[0] + p[1]) ** 2))(
            (xp.to_native(w), xp.to_native(b)), xp.to_native(x)
        )
        assert gw._backend.name == "jax" and gw.dtype == xp.float64
        np.testing.assert_allclose(float(v), float(ref_v), rtol=1e-12)
        np.testing.assert_allclose(np.asarray(gw), np.asarray(ref_g[0]), rtol=1e-12)
        np.testing.assert_allclose(np.asarray(gb), np.asarray(ref_g[1]), rtol=1e-12)

        jac = xp.jacobian(lambda x: xp.tanh(x @ w), batched=True)(x)
        ref = jax.vmap(jax.jacrev(lambda r: jnp.tanh(r @ xp.to_native(w))))(xp.to_native(x))
        assert jac.shape == (3, 2, 2)
        np.testing.assert_allclose(np.asarray(jac), np.asarray(ref), rtol=1e-12)

        traces = []

        def f(x, scale):
            traces.append(1)
            return xp.sum(x * scale, axis=1)

        fast = xp.jit(f)
        np.testing.assert_allclose(np.asarray(fast(x, 2.0)), np.asarray(x).sum(1) * 2)
        np.testing.assert_allclose(np.asarray(fast(x + 1, 2.0)), (np.asarray(x) + 1).sum(1) * 2)
        assert len(traces) == 1  # traced once by jax.jit; the Python float is static

        per_example = xp.vmap(xp.grad(lambda w, r: xp.sum(xp.tanh(r @ w))), in_axes=(None, 0))(w, x)
        assert per_example.shape == (3, 2, 2)
        one = xp.grad(lambda w, r: xp.sum(xp.tanh(r @ w)))(w, x[1])
        np.testing.assert_allclose(np.asarray(per_example[1]), np.asarray(one), rtol=1e-12)


_X64_SCRIPT = textwrap.dedent(
    """
    import json
    import jax.numpy as jnp
    import arrayshim as xp

    out = {"before": str(jnp.asarray([1.0]).dtype)}
    with xp.use_backend("jax"):
        out["ones32"] = str(xp.ones(2, dtype=xp.float32).dtype)
        try:
            out["asarray"] = str(xp.asarray([1.5]).dtype)
        except TypeError as exc:
            out["asarray"] = type(exc).__name__ + ": " + str(exc)
        try:
            out["astype"] = str(xp.astype(xp.ones(2, dtype=xp.int32), xp.uint64).dtype)
        except TypeError as exc:
            out["astype"] = type(exc).__name__ + ": " + str(exc)
    out["after"] = str(jnp.asarray([1.0]).dtype)
    out["user_int"] = str(jnp.arange(3).dtype)
    print(json.dumps(out))
    """
)


def _run_x64(env: dict[str, str]) -> dict[str, str]:
    full = {k: v for k, v in os.environ.items() if k not in ("ARRAYSHIM_JAX_X64", "JAX_ENABLE_X64")}
    full.update(env)
    done = subprocess.run(
        [sys.executable, "-c", _X64_SCRIPT], env=full, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_x64_enabled_when_the_backend_loads() -> None:
    """By default loading the jax backend turns on jax_enable_x64, for the whole process: the
    user's own jnp code then makes float64/int64 too (documented in README, "JAX")."""
    out = _run_x64({})
    assert out["before"] == "float32"  # JAX's own default, before arrayshim loads its backend
    assert out["asarray"] == "float64" and out["astype"] == "uint64"
    assert out["after"] == "float64" and out["user_int"] == "int64"


def test_x64_refused_leaves_jax_alone_and_refuses_64_bit_dtypes() -> None:
    """ARRAYSHIM_JAX_X64=0: JAX stays 32-bit for the user's code; 64-bit dtypes raise a clear
    TypeError naming the function, the dtype and the backend, never a silent downcast."""
    out = _run_x64({"ARRAYSHIM_JAX_X64": "0"})
    assert out["before"] == out["after"] == "float32" and out["user_int"] == "int32"
    assert out["ones32"] == "float32"
    for key, func, dtype in (("asarray", "asarray", "float64"), ("astype", "astype", "uint64")):
        text = out[key]
        assert text.startswith("ArrayshimTypeError"), text
        assert f"arrayshim.{func}()" in text and dtype in text and "'jax'" in text, text
        assert "ARRAYSHIM_JAX_X64" in text, text


def test_x64_refused_but_enabled_by_the_user() -> None:
    """With JAX_ENABLE_X64=1 (the user's own choice) 64-bit dtypes work under either setting."""
    out = _run_x64({"ARRAYSHIM_JAX_X64": "0", "JAX_ENABLE_X64": "1"})
    assert out["before"] == "float64" and out["asarray"] == "float64"


@pytest.mark.parametrize("name", ["sinh", "cosh"])
def test_hyperbolic_one_exp_near_each_branch(name: str) -> None:
    """The jax sinh/cosh (float64 formulas, one exp per element: exp(|x|), or exp(|x| / 2)
    squared beyond 700) against NumPy at and around each branch point, with the special values;
    float32 computes them in float64 and rounds once; the derivative stays finite."""
    edges = [0.0, 1e-300, 0.5, 1.0, 20.0, 354.0, 699.9, 700.0, 700.1, 709.0, 710.0, 710.4, 711.0]
    near = [np.nextafter(v, s) for v in edges for s in (-np.inf, np.inf)]
    x64 = np.array(edges + near + [np.inf, np.nan], dtype=np.float64)
    x64 = np.concatenate([x64, -x64])
    fn, ref = getattr(xp, name), getattr(np, name)
    with np.errstate(over="ignore"):
        want = ref(x64)
    got = np.asarray(fn(jnp.asarray(x64)))  # a jax array: the jax backend
    np.testing.assert_array_max_ulp(got, want, maxulp=2)
    np.testing.assert_array_equal(np.signbit(got), np.signbit(want))
    x32 = np.array([0.0, -0.0, 0.5, 1.0, 10.0, 88.5, 89.0, 89.4, 90.0, np.inf, -np.inf], np.float32)
    with np.errstate(over="ignore"):
        want32 = ref(x32.astype(np.float64)).astype(np.float32)
    got32 = np.asarray(fn(jnp.asarray(x32)))
    np.testing.assert_array_max_ulp(got32, want32, maxulp=1)
    grad = jax.grad(xp.agnostic(fn))(jnp.float64(3.0))
    assert np.isclose(float(grad), np.cosh(3.0) if name == "sinh" else np.sinh(3.0))


def test_linalg_checks_in_the_same_executable() -> None:
    """inv/solve/cholesky and their finiteness check run as one executable: a singular (or not
    positive-definite) finite matrix raises NumPy's error, a non-finite one gives JAX's values,
    and inside jax.jit nothing is read (JAX's NaN/inf stand)."""
    singular = jnp.asarray([[1.0, 2.0], [2.0, 4.0]])
    indefinite = jnp.asarray([[1.0, 2.0], [2.0, 1.0]])
    for call, what in [
        (lambda: xp.linalg.inv(singular), "inv() failed on backend 'jax': Singular matrix"),
        (lambda: xp.linalg.solve(singular, jnp.ones(2)), "solve() failed on backend 'jax'"),
        (lambda: xp.linalg.cholesky(indefinite), "Matrix is not positive definite"),
    ]:
        with pytest.raises(ValueError, match=what.replace("(", r"\(").replace(")", r"\)")):
            call()
    nan = jnp.asarray([[np.nan, 0.0], [0.0, 1.0]])
    assert np.isnan(np.asarray(xp.linalg.inv(nan))).any()
    assert np.isnan(np.asarray(xp.linalg.solve(nan, jnp.ones(2)))).any()
    good = jnp.asarray([[2.0, 1.0], [1.0, 3.0]])
    np.testing.assert_allclose(np.asarray(xp.linalg.inv(good)), np.linalg.inv(np.asarray(good)))
    np.testing.assert_allclose(
        np.asarray(xp.linalg.cholesky(good)), np.linalg.cholesky(np.asarray(good))
    )
    traced = jax.jit(xp.agnostic(lambda m: xp.linalg.inv(m)))(singular)
    assert not np.isfinite(np.asarray(traced)).all()
