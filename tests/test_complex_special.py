"""CUDA's complex special values (issue 13): the refusal mode poisons what CUDA computes
differently (``cuda.DIFFERS``), and the GPU kernels (``complex_special.py``) give NumPy's values
there from real operators, whatever the raw complex kernel gives; the complex mean is NumPy's.

The references are NumPy's functions, except where the adapter deliberately gives the Array API
standard's value instead (``tanh(±inf + bj)``: the zero signed as ``b``, NumPy signs it as
``sin(2b)``; ``expm1``, whose NumPy kernel gives NaN for many special inputs): there the CPU
kernel is the reference, which the same tests hold to NumPy elsewhere.
"""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arrayshim as xp

torch = pytest.importorskip("torch")

from test_gpu_simulation import simulated  # noqa: E402

from arrayshim.backend_api import dtypes as d  # noqa: E402
from arrayshim_torch import complex_special, cuda  # noqa: E402
from arrayshim_torch.kernels import _kernel  # noqa: E402

#: the parts of the inputs: every special kind, and ordinary values small and huge
PARTS = (0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 1e300, -1e300)
#: more finite parts for the exhaustive grid: both sides of |x| = 1 and of the real branch cuts
GRID_PARTS = (*PARTS, 0.5, -0.5, 2.0, -2.0, 700.0, -700.0)
NAMES = sorted(cuda.DIFFERS)
DTYPES = {"complex64": d.complex64, "complex128": d.complex128}
#: finite nonzero results may differ from NumPy's by a few ulps: the real kernels of torch's CPU
#: (and CUDA's) are not glibc's (torch's CPU sqrt is an ulp off IEEE's), as for every
#: transcendental function (tests/test_fuzz_differential.py's bound is 8 for complex)
ULPS = 4

_NUMPY = {"asin": np.arcsin, "atan": np.arctan, "asinh": np.arcsinh, "acosh": np.arccosh}


def _complex(re: np.ndarray, im: np.ndarray, dtype: str) -> np.ndarray:
    z = np.empty(re.shape, dtype)
    with np.errstate(over="ignore"):  # 1e300 is inf in complex64
        z.real, z.imag = re, im
    return z


def _grid(dtype: str) -> np.ndarray:
    pairs = np.array(list(itertools.product(GRID_PARTS, repeat=2)))
    return _complex(pairs[:, 0], pairs[:, 1], dtype)


def _gpu(name: str, z: np.ndarray) -> np.ndarray:
    """The GPU kernel, with the CPU acting as CUDA (the raw kernels poisoned)."""
    kernel = cuda.gpu_kernel(name, DTYPES[z.dtype.name])
    assert kernel is not None
    with cuda.CudaRefusal():
        out = kernel(torch.from_numpy(z.copy()))
    assert out.dtype == torch.from_numpy(z).dtype  # never another dtype
    return out.numpy()


def _cpu(name: str, z: np.ndarray) -> np.ndarray:
    kernel = _kernel(name, DTYPES[z.dtype.name])
    assert kernel is not None
    return kernel(torch.from_numpy(z.copy())).numpy()


def _reference(name: str, z: np.ndarray) -> np.ndarray:
    if name == "expm1":
        return _cpu(name, z)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        want = _NUMPY.get(name, getattr(np, name, None))(z)
    if name == "tanh":  # the standard's tanh(±inf + bj) = ±1 + 0j signed as b
        standard = np.isinf(z.real) & np.isfinite(z.imag)
        want.imag = np.where(standard, np.copysign(0.0, z.imag), want.imag)
    return want


def assert_same(got: np.ndarray, want: np.ndarray, z: np.ndarray) -> None:
    """Equal parts (NaN where NumPy has NaN, zeros and infinities with their signs), finite
    nonzero parts within ``ULPS``."""
    assert got.dtype == want.dtype
    g, w = (np.ascontiguousarray(a).view(a.real.dtype) for a in (got, want))
    shown = f"inputs {z.tolist()}: got {got.tolist()}, NumPy {want.tolist()}"
    np.testing.assert_array_equal(np.isnan(g), np.isnan(w), err_msg=shown)
    exact = ~np.isfinite(w) | (w == 0)
    np.testing.assert_array_equal(g[exact], w[exact], err_msg=shown)  # NaN-aware
    np.testing.assert_array_equal(
        np.signbit(g[exact & ~np.isnan(w)]), np.signbit(w[exact & ~np.isnan(w)]), err_msg=shown
    )
    close = ~exact
    np.testing.assert_array_max_ulp(g[close], w[close], maxulp=ULPS)


def test_differs_is_stated_in_arrayshim_terms() -> None:
    for name in NAMES:
        assert cuda.DIFFERS[name] == {torch.complex64, torch.complex128}
        assert cuda.GAPS[name] == {d.complex64, d.complex128}
    assert cuda.GAPS["expm1"] == {d.complex64, d.complex128}  # its CPU kernel calls exp


def test_refusal_poisons_special_inputs() -> None:
    z = torch.tensor([complex(math.nan, 0), complex(1, 1), complex(0, math.inf), -1.5 + 0j])
    with cuda.CudaRefusal():
        got = torch.cos(z)
        tanh = torch.tanh(z)
        inplace = z.clone().sqrt_()
        out = torch.empty_like(z)
        torch.exp(z, out=out)
        real = torch.cos(torch.tensor([math.nan, 0.0]))  # real tensors: CUDA agrees
    assert got[0].item() == cuda.POISON and tanh[2].item() == cuda.POISON  # nan+0j, 0+infj
    assert got[1].item() == torch.cos(z[1]).item()  # ordinary inputs: the kernel's value
    assert inplace[3].item() == cuda.POISON and out[0].item() == cuda.POISON
    assert inplace[1].item() == torch.sqrt(z[1]).item()
    assert math.isnan(real[0].item()) and real[1].item() == 1.0


@pytest.mark.parametrize("dtype", sorted(DTYPES))
@pytest.mark.parametrize("name", [*NAMES, "expm1"])
def test_gpu_kernel_gives_numpys_values_on_the_grid(name: str, dtype: str) -> None:
    z = _grid(dtype)
    assert_same(_gpu(name, z), _reference(name, z), z)


@pytest.mark.parametrize("dtype", sorted(DTYPES))
@pytest.mark.parametrize("name", [*NAMES, "expm1"])
def test_cpu_kernel_is_the_same_reference(name: str, dtype: str) -> None:
    """The CPU kernels meet the same reference: the GPU kernels give the CPU's values."""
    z = _grid(dtype)
    assert_same(_cpu(name, z), _reference(name, z), z)


_part = st.sampled_from(PARTS)


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from([*NAMES, "expm1"]),
    dtype=st.sampled_from(sorted(DTYPES)),
    shape=st.sampled_from([(1,), (5,), (2, 3), (3, 1, 4)]),
    data=st.data(),
)
def test_gpu_kernels_match_numpy_on_arrays_of_special_values(
    name: str, dtype: str, shape: tuple[int, ...], data: st.DataObject
) -> None:
    n = math.prod(shape)
    re = np.array(data.draw(st.lists(_part, min_size=n, max_size=n))).reshape(shape)
    im = np.array(data.draw(st.lists(_part, min_size=n, max_size=n))).reshape(shape)
    z = _complex(re, im, dtype)
    if data.draw(st.booleans()):
        z = z.T  # a strided layout
    assert_same(_gpu(name, z), _reference(name, z), z)


def test_conjugate_views_are_read_resolved() -> None:
    z = torch.tensor([complex(0, 2), complex(math.inf, 1)], dtype=torch.complex128)
    kernel = cuda.gpu_kernel("sqrt", d.complex128)
    assert kernel is not None
    with cuda.CudaRefusal():
        got = kernel(z.conj()).numpy()
    assert_same(got, np.sqrt(z.conj().resolve_conj().numpy()), z.numpy())


def test_special_mask() -> None:
    z = torch.tensor(
        [1 + 1j, complex(0, 1), complex(1, -0.0), complex(math.nan, 1), 1e300 + 1j],
        dtype=torch.complex128,
    )
    assert complex_special.special(z).tolist() == [False, True, True, True, False]


def _simulated(script: str) -> list[str]:
    return simulated(script).splitlines()


def test_users_script_on_the_simulated_gpu_and_without_its_kernels() -> None:
    """Through arrayshim with the CPU acting as CUDA: NumPy's special values; with the GPU
    kernels taken away, the poisoned raw kernels show through (the simulation can fail)."""
    lines = _simulated(
        """
        import numpy as np
        import arrayshim as xp
        from arrayshim import _registry

        z = xp.asarray([complex("nan+0j"), complex("0+infj"), -1.5 + 0j, 1 + 1j])
        for f in (xp.cos, xp.tanh, xp.sqrt):
            print(np.asarray(f(z)).view(np.float64).tolist())  # parts: repr loses -0
        b = _registry.get("torch")
        b.device_gaps = {"gpu": {}}
        b.kernels.clear()
        b.fast.clear()
        print(np.asarray(xp.cos(z)).view(np.float64).tolist())
        """
    )
    z = np.array([complex("nan+0j"), complex("0+infj"), -1.5 + 0j, 1 + 1j])

    def parsed(line: str) -> np.ndarray:
        return np.array(eval(line, {"nan": math.nan, "inf": math.inf})).view(np.complex128)

    with np.errstate(all="ignore"):
        for line, f in zip(lines[:3], (np.cos, np.tanh, np.sqrt), strict=True):
            assert_same(parsed(line), f(z), z)
    poisoned = parsed(lines[3])
    assert poisoned[0] == cuda.POISON and poisoned[1] == cuda.POISON


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
def test_complex_mean_is_numpys(dtype: str) -> None:
    """NumPy divides the complex sum by ``n + 0j``: a NaN or infinite part spreads to the other
    part (``mean([nan+0j, 1+0j])`` is ``nan+nanj``); the adapter does the same on the parts."""
    cases = [
        [complex(math.nan, 0), 1],
        [complex(math.inf, 0), 1],
        [complex(0, math.inf), 1],
        [complex(-math.inf, 0), complex(math.inf, 0)],
        [1 + 2j, 3 - 0.5j, -0.25 + 0j],
    ]
    with xp.use_backend("torch"):
        for case in cases:
            a = np.array(case, dtype)
            got = np.asarray(xp.mean(xp.asarray(a)))
            with np.errstate(invalid="ignore"):
                want = np.asarray(np.mean(a))
            assert got.dtype == want.dtype
            np.testing.assert_array_equal(
                got.reshape(1).view(got.real.dtype), want.reshape(1).view(want.real.dtype)
            )
        x = np.arange(24, dtype=dtype).reshape(2, 3, 4) * (1 - 2j)
        got = np.asarray(xp.mean(xp.asarray(x), axis=(0, -1), keepdims=True))
        np.testing.assert_allclose(got, x.mean(axis=(0, -1), keepdims=True), rtol=1e-6)
        empty = np.asarray(xp.mean(xp.asarray(np.zeros((0,), dtype))))
        assert np.isnan(empty.real) and np.isnan(empty.imag)
