"""Selection order (arrays -> with block -> environment -> numpy), registry and import hygiene."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading

import numpy as np
import pytest

import arrayshim as xp
from conftest import BACKENDS, native_of

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ARRAYSHIM_")}
    full_env.update(env, TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=300,
    )


def test_import_pulls_in_no_framework() -> None:
    """Not even NumPy: a backend's framework is imported on first use."""
    out = run_python(
        "import sys, arrayshim\n"
        "print([m for m in ('numpy', 'torch', 'tensorflow', 'jax') if m in sys.modules])\n"
        "arrayshim.zeros(2)\n"
        "print([m for m in ('numpy', 'torch', 'tensorflow') if m in sys.modules])"
    )
    assert out.returncode == 0, out.stderr
    before, after = out.stdout.splitlines()
    assert before == "[]"
    assert after == "['numpy']"


@pytest.mark.parametrize("name", BACKENDS)
def test_environment_variable_selects_backend(name: str) -> None:
    code = (
        "import json, arrayshim as xp\n"
        "a = xp.ones(3) + xp.asarray([1, 2, 3])\n"
        "print(json.dumps([xp.get_backend(), type(xp.to_native(a)).__module__.split('.')[0], "
        "a.dtype.name]))"
    )
    out = run_python(code, ARRAYSHIM_BACKEND=name)
    assert out.returncode == 0, out.stderr
    backend, module, dtype = json.loads(out.stdout)
    assert backend == name
    assert (
        module
        == {"numpy": "numpy", "torch": "torch", "tensorflow": "tensorflow", "jax": "jaxlib"}[name]
    )
    assert dtype == "float64"


def test_unknown_backend_in_environment_is_a_clear_error() -> None:
    out = run_python("import arrayshim as xp; xp.zeros(2)", ARRAYSHIM_BACKEND="mxnet")
    assert out.returncode != 0
    assert "BackendNotFoundError" in out.stderr
    assert "$ARRAYSHIM_BACKEND" in out.stderr and "'mxnet'" in out.stderr
    assert "numpy" in out.stderr


def test_unknown_backend_names_installed_and_missing() -> None:
    with pytest.raises(xp.BackendNotFoundError) as info:
        xp.use_backend("mxnet")
    text = str(info.value)
    assert "use_backend" in text and "'mxnet'" in text
    for name in BACKENDS:
        assert name in text
    assert isinstance(info.value, ValueError)


def test_missing_framework_is_named_with_its_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from arrayshim import _registry

    monkeypatch.setattr(_registry, "_framework_installed", lambda name: name == "numpy")
    monkeypatch.setattr(
        _registry, "_loaded", {k: v for k, v in _registry._loaded.items() if k == "numpy"}
    )
    with pytest.raises(
        xp.BackendNotFoundError,
        match=r"known but not installed: .*torch \(pip install 'arrayshim\[torch\]'\)",
    ):
        xp.use_backend("torch")


def test_with_block_and_nesting(backend: str) -> None:
    assert xp.get_backend() == backend
    with xp.use_backend("numpy"):
        assert xp.get_backend() == "numpy"
        with xp.use_backend(backend):
            assert xp.get_backend() == backend
        assert xp.get_backend() == "numpy"
    assert xp.get_backend() == backend


def test_arrays_win_over_with_block(backend: str) -> None:
    native = native_of(backend, [1.0, 2.0], "float32")
    with xp.use_backend("numpy" if backend != "numpy" else BACKENDS[-1]):
        result = xp.sum(native)
    assert result._backend.name == backend
    assert result.dtype is xp.float32
    assert float(result) == 3.0


def test_creation_follows_with_block(backend: str) -> None:
    z = xp.zeros(3)
    assert z._backend.name == backend
    assert z.dtype is xp.float64


@pytest.mark.skipif(len(BACKENDS) < 3, reason="needs two frameworks besides NumPy")
def test_mixing_backends_names_both() -> None:
    # two non-NumPy backends (a NumPy array joins the other's backend: test_numpy_interop.py)
    a = native_of(BACKENDS[1], [1, 2], "int64")
    b = native_of(BACKENDS[2], [1, 2], "int64")
    with pytest.raises(TypeError) as info:
        xp.add(a, b)
    assert BACKENDS[1] in str(info.value) and BACKENDS[2] in str(info.value)
    with xp.use_backend(BACKENDS[1]):
        wrapped_a = xp.asarray(a)
    with xp.use_backend(BACKENDS[2]):
        wrapped_b = xp.asarray(b)
    with pytest.raises(xp.ArrayshimTypeError):
        wrapped_a + wrapped_b


@pytest.mark.parametrize(
    "dtype", ["bool", "uint8", "uint64", "int64", "float16", "float64", "complex64"]
)
def test_asarray_converts_foreign_arrays_to_the_current_backend(backend: str, dtype: str) -> None:
    """``xp.asarray(np.load(...))`` follows the selection, keeping the dtype exactly."""
    for source in BACKENDS:
        native = native_of(source, [1, 0, 1], dtype)
        a = xp.asarray(native)
        assert a._backend.name == backend
        assert a.dtype.name == dtype
        np.testing.assert_array_equal(np.asarray(a), np.asarray([1, 0, 1], dtype=dtype))


def test_asarray_copy_true_never_shares_memory(backend: str) -> None:
    source = np.array([1.0, 2.0])
    a = xp.asarray(source, copy=True)
    source[0] = 99.0
    assert float(a[0]) == 1.0


def test_asarray_wraps_own_natives_without_copy(backend: str) -> None:
    native = native_of(backend, [1.0, 2.0], "float32")
    a = xp.asarray(native)
    assert xp.to_native(a) is native


def test_threads_keep_their_own_blocks() -> None:
    errors: list[str] = []

    def work(name: str, policy: str) -> None:
        with xp.use_backend(name), xp.use_promotion(policy):
            for _ in range(200):
                r = xp.ones(2, dtype=xp.int64) + xp.ones(2, dtype=xp.float32)
                want = xp.float32 if policy == "float32" else xp.float64
                if r._backend.name != name or r.dtype is not want:
                    errors.append(f"{name}/{policy}: got {r._backend.name}/{r.dtype}")

    threads = [
        threading.Thread(
            target=work, args=(BACKENDS[i % len(BACKENDS)], ("numpy", "float32")[i % 2])
        )
        for i in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_asyncio_tasks_keep_their_own_blocks() -> None:
    async def task(name: str) -> list[str]:
        seen = []
        with xp.use_backend(name):
            for _ in range(20):
                await asyncio.sleep(0)
                seen.append(xp.zeros(1)._backend.name)
        return seen

    async def main() -> list[list[str]]:
        return await asyncio.gather(*(task(BACKENDS[i % len(BACKENDS)]) for i in range(6)))

    for i, seen in enumerate(asyncio.run(main())):
        assert set(seen) == {BACKENDS[i % len(BACKENDS)]}


def test_unknown_policy_is_value_error() -> None:
    with pytest.raises(ValueError, match="promotion policy.*'float16'"):
        xp.use_promotion("float16")


def test_third_party_backend_through_entry_points() -> None:
    """tests/toy holds a dist-info declaring an ``arrayshim.backends`` entry point."""
    assert "toy" in xp.installed_backends()
    with xp.use_backend("toy"):
        a = xp.asarray([[1.0, 2.0], [3.0, 4.0]])
        b = (a @ a + 1).T
        total = xp.sum(b, axis=0)
    assert type(xp.to_native(b)).__name__ == "ToyArray"
    np.testing.assert_allclose(
        np.asarray(total),
        (np.array([[1.0, 2.0], [3.0, 4.0]]) @ np.array([[1.0, 2.0], [3.0, 4.0]]) + 1).T.sum(axis=0),
    )
    # its arrays dispatch on their own, outside any block
    assert xp.max(xp.to_native(b))._backend.name == "toy"


def test_third_party_backend_in_subprocess_via_entry_point() -> None:
    toy = os.path.join(ROOT, "tests", "toy")
    path = os.pathsep.join(
        p for p in (toy, os.environ.get("PYTHONPATH")) if p
    )  # and the caller's path (this checkout)
    out = run_python(
        "import arrayshim as xp; print(xp.sum(xp.arange(4))._backend.name)",
        ARRAYSHIM_BACKEND="toy",
        PYTHONPATH=path,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "toy"


def test_promotion_environment_variable() -> None:
    code = (
        "import arrayshim as xp\n"
        "print((xp.ones(2, dtype=xp.int64) + xp.ones(2, dtype=xp.float32)).dtype, "
        "xp.zeros(1).dtype, xp.get_promotion())"
    )
    out = run_python(code, ARRAYSHIM_PROMOTION="float32")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["float32", "float32", "float32"]
    bad = run_python(code, ARRAYSHIM_PROMOTION="fast")
    assert bad.returncode != 0 and "$ARRAYSHIM_PROMOTION" in bad.stderr and "'fast'" in bad.stderr
