"""What torch's CUDA kernels lack or compute differently from its CPU kernels, as data; the exact
emulations used there; and the refusal mode in which the CPU acts as CUDA
(``ARRAYSHIM_SIMULATE=gpu``), so that CI exercises every GPU path without a GPU.

The lists are what a real GPU run showed (an NVIDIA H200, torch 2.11.0+cu130, issue 13). The
refusal mode works at the level of torch's operators (``aten``), below every composition: a
kernel CUDA lacks raises CUDA's own ``NotImplementedError`` wherever an emulation would call it,
and a kernel whose CUDA values differ at special inputs (``DIFFERS``: complex functions at
infinite, NaN or zero parts) gives a wrong value there, so an emulation that leans on either
fails its test on every CI run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import torch
from torch.utils._python_dispatch import TorchDispatchMode

from arrayshim.backend_api import DType

from . import complex_special
from .dtypes import _FROM_TORCH, _SIGNED, _TORCH
from .emulations import _expm1_complex, _reinterpreted
from .kernels import _kernel

_UNSIGNED_WIDE = frozenset({torch.uint16, torch.uint32, torch.uint64})
_INTEGER = frozenset(
    {
        torch.int8,
        torch.int16,
        torch.int32,
        torch.int64,
        torch.uint8,
        torch.uint16,
        torch.uint32,
        torch.uint64,
    }
)

#: torch operators (``aten`` names) CUDA has no kernel for, by operand dtype
MISSING: dict[str, frozenset[torch.dtype]] = {
    "mul": _UNSIGNED_WIDE,
    "bitwise_and": _UNSIGNED_WIDE,
    "bitwise_or": _UNSIGNED_WIDE,
    "bitwise_xor": _UNSIGNED_WIDE,
    "where": _UNSIGNED_WIDE,
    "signbit": _UNSIGNED_WIDE,
    # integer matrix products: no cuBLAS kernels
    "mm": _INTEGER,
    "addmm": _INTEGER,
    "bmm": _INTEGER,
    "baddbmm": _INTEGER,
    "dot": _INTEGER,
    "vdot": _INTEGER,
    "mv": _INTEGER,
    "addmv": _INTEGER,
}


_COMPLEX = frozenset({torch.complex64, torch.complex128})

#: torch operators (``aten`` names) whose CUDA kernels give other values than the CPU's at
#: special inputs (a part infinite, NaN or zero; for sqrt the negative real axis), by operand
#: dtype: ``cos(nan+0j)`` is ``nan-0j`` on CUDA (the CPU and NumPy: ``nan+0j``),
#: ``tanh(0+infj)`` is ``nan+nanj`` (``0+nanj``), ``sqrt(-1.5+0j)`` has a real part of -5e-8
#: (0). The GPU run of issue 13 tested complex64 only; CUDA computes complex128 with the same
#: (thrust/libcu++ complex) code, so both are listed until a run shows otherwise.
DIFFERS: dict[str, frozenset[torch.dtype]] = {
    name: _COMPLEX
    for name in (
        "exp",
        "cos",
        "cosh",
        "sin",
        "sinh",
        "tan",
        "tanh",
        "atan",
        "asin",
        "asinh",
        "acosh",
        "sqrt",
    )
}
#: what the refusal mode puts where ``DIFFERS`` differs: a finite value no special case has, so
#: that an emulation relying on the raw kernel there fails its test
POISON = complex(-7, 7)


def _arrayshim(dtypes: frozenset[torch.dtype]) -> frozenset[DType]:
    return frozenset(_FROM_TORCH[t] for t in dtypes)


#: the same facts in arrayshim's terms (``Backend.device_gaps["gpu"]``): the elementwise ops the
#: frontend asks :func:`gpu_kernel` for, and the adapter methods that choose by device
GAPS: dict[str, frozenset[DType]] = {
    "multiply": _arrayshim(_UNSIGNED_WIDE),
    "bitwise_and": _arrayshim(_UNSIGNED_WIDE),
    "bitwise_or": _arrayshim(_UNSIGNED_WIDE),
    "bitwise_xor": _arrayshim(_UNSIGNED_WIDE),
    "signbit": _arrayshim(_UNSIGNED_WIDE),
    "where": _arrayshim(_UNSIGNED_WIDE),
    "matmul": _arrayshim(_INTEGER),
    # complex functions computed at special inputs from real operators (complex_special.py);
    # expm1 because its CPU kernel takes exp's values at non-finite inputs
    **{name: _arrayshim(_COMPLEX) for name in (*DIFFERS, "expm1")},
}

_BITWISE: dict[str, Callable] = {
    "multiply": torch.mul,
    "bitwise_and": torch.bitwise_and,
    "bitwise_or": torch.bitwise_or,
    "bitwise_xor": torch.bitwise_xor,
}


def _no_sign_bit(x: torch.Tensor) -> torch.Tensor:
    """``signbit`` of unsigned integers: never set."""
    return torch.zeros_like(x, dtype=torch.bool)


def gpu_kernel(name: str, dtype: DType) -> Callable | None:
    """The CUDA kernel for an elementwise cell ``GAPS`` lists: products and bitwise operations
    of unsigned integers on the bits viewed as the signed dtype of their width (the bits of the
    result agree), ``signbit`` of unsigned integers all False, complex functions with the CPU's
    kernel for ordinary inputs and C99's (NumPy's) values from real operators at special ones
    (``complex_special.py``)."""
    if dtype not in GAPS.get(name, ()):
        return None
    if dtype.kind == "c":
        return _complex_kernel(name, dtype)
    if name == "signbit":
        return _no_sign_bit
    op = _BITWISE.get(name)
    return None if op is None else _reinterpreted(op, _TORCH[dtype], False)


@functools.cache
def _complex_kernel(name: str, dtype: DType) -> Callable:
    if name == "expm1":
        exp = _complex_kernel("exp", dtype)
        return functools.partial(_expm1_complex, exp=exp)
    ordinary = _kernel(name, dtype)
    assert ordinary is not None
    return complex_special.at_special(name, ordinary)


# -- exact integer matrix products -------------------------------------------------------------
_LIMB_BITS = 16
#: the most terms a float64 sum of 16-bit limb products holds exactly (each < 2**32; < 2**53)
_EXACT_TERMS = 2**21


def matmul_integer(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """``torch.matmul`` of integer tensors of one dtype, exactly and with NumPy's wrap-around,
    from float64 matrix products (CUDA has no integer matmul): each operand is split into 16-bit
    limbs, ``a * b mod 2**bits = sum over i + j < limbs of a_i * b_j * 2**(16 (i + j))``, each
    limb product is exact in float64 (sums of at most 2**21 terms; longer ones in chunks), and
    the total wraps in int64."""
    dtype = x1.dtype
    bits = torch.iinfo(dtype).bits
    limbs = max(1, bits // _LIMB_BITS)
    wide1, wide2 = (_as_int64(x) for x in (x1, x2))
    parts1 = [_limb(wide1, i) for i in range(limbs)]
    parts2 = [_limb(wide2, i) for i in range(limbs)]
    total: torch.Tensor | None = None
    for i in range(limbs):
        for j in range(limbs - i):
            term = _exact_product(parts1[i], parts2[j]) << (_LIMB_BITS * (i + j))
            total = term if total is None else total + term
    assert total is not None
    return total.view(dtype) if dtype == torch.uint64 else total.to(dtype)


def _as_int64(x: torch.Tensor) -> torch.Tensor:
    if x.dtype == torch.uint64:
        return x.view(torch.int64)  # the same bits: products modulo 2**64 agree
    signed = _SIGNED.get(x.dtype)
    return (x.view(signed) if signed is not None else x).to(torch.int64)


def _limb(x: torch.Tensor, i: int) -> torch.Tensor:
    """Bits ``16 i`` to ``16 i + 15`` of ``x``'s two's complement, as float64 in [0, 2**16)."""
    return ((x >> (_LIMB_BITS * i)) & (2**_LIMB_BITS - 1)).to(torch.float64)


def _exact_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """``a @ b`` of float64 limbs as int64, summed over the inner axis in exact chunks."""
    k = a.shape[-1]
    if k <= _EXACT_TERMS:
        return torch.matmul(a, b).to(torch.int64)
    total: torch.Tensor | None = None
    for start in range(0, k, _EXACT_TERMS):
        span = slice(start, start + _EXACT_TERMS)
        part = torch.matmul(a[..., span], b[span] if b.ndim == 1 else b[..., span, :])
        total = part.to(torch.int64) if total is None else total + part.to(torch.int64)
    assert total is not None
    return total


# -- the CPU acting as CUDA -------------------------------------------------------------------
_DTYPE_NAMES = {
    torch.int8: "Char",
    torch.int16: "Short",
    torch.int32: "Int",
    torch.int64: "Long",
    torch.uint8: "Byte",
    torch.uint16: "UInt16",
    torch.uint32: "UInt32",
    torch.uint64: "UInt64",
}


def _tensors(args: Any, kwargs: dict) -> list[torch.Tensor]:
    found = []
    for value in (*args, *kwargs.values()):
        if isinstance(value, torch.Tensor):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            found.extend(v for v in value if isinstance(v, torch.Tensor))
    return found


class CudaRefusal(TorchDispatchMode):
    """Inside this mode every torch operator CUDA lacks (``MISSING``) raises the error CUDA
    raises (``"mul_cuda" not implemented for 'UInt32'``), whatever the tensors' device, and
    every operator whose CUDA values differ at special inputs (``DIFFERS``) gives ``POISON``
    there: a value CUDA does not give either, but as wrong as CUDA's for arrayshim."""

    def __torch_dispatch__(
        self, func: Any, types: Any, args: Any = (), kwargs: dict | None = None
    ) -> Any:
        kwargs = kwargs or {}
        name = func.overloadpacket.__name__
        base = name[:-1] if name.endswith("_") else name
        differs = DIFFERS.get(base)
        if differs is not None and args and isinstance(args[0], torch.Tensor):
            if args[0].dtype in differs:
                # before the call: an in-place variant overwrites its input; the result (new,
                # in place or out=) is poisoned in place
                poisoned = complex_special.special(args[0])
                return func(*args, **kwargs).masked_fill_(poisoned, POISON)
        missing = MISSING.get(base)
        if missing is not None:
            for t in _tensors(args, kwargs):
                if t.dtype in missing:
                    raise NotImplementedError(
                        f'"{name}_cuda" not implemented for '
                        f"'{_DTYPE_NAMES[t.dtype]}' (CUDA simulated on the CPU: "
                        "ARRAYSHIM_SIMULATE=gpu)"
                    )
        return func(*args, **kwargs)


def unsigned_where(
    condition: torch.Tensor, x1: torch.Tensor, x2: torch.Tensor
) -> torch.Tensor | None:
    """``torch.where`` of uint16/32/64 values on the bits viewed as signed (CUDA has no such
    kernel; the view costs nothing, so every device takes it); None for other dtypes."""
    signed = _SIGNED.get(x1.dtype)
    if signed is None:
        return None
    return torch.where(condition, x1.view(signed), x2.view(signed)).view(x1.dtype)
