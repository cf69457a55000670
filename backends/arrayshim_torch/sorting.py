"""The PyTorch adapter's order keys: tensors torch sorts, searches and arg-reduces in NumPy's
order (bool and unsigned dtypes, NaN last, -0.0 as 0.0)."""

from __future__ import annotations

import torch

from .dtypes import _FLOAT_BITS, _SIGN_BIT, _SIGNED


def _order_key(x: torch.Tensor) -> torch.Tensor:
    """A tensor that torch's sort/argmax order as NumPy orders ``x``: bool as uint8, and
    uint16/32/64 (few kernels) as the signed dtype of their width with the sign bit flipped."""
    if x.dtype == torch.bool:
        return x.to(torch.uint8)
    signed = _SIGNED.get(x.dtype)
    if signed is not None:
        return x.view(signed) ^ _SIGN_BIT[signed]
    return x


def _from_order_key(k: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """The values of dtype ``dtype`` whose :func:`_order_key` is ``k``."""
    if dtype == torch.bool:
        return k.to(torch.bool)
    signed = _SIGNED.get(dtype)
    if signed is not None:
        return (k ^ _SIGN_BIT[signed]).view(dtype)
    return k


def _search_key(x: torch.Tensor) -> torch.Tensor:
    """Integers whose order is NumPy's order of ``x``; floats by their bits, negative ones with
    the magnitude bits flipped, -0.0 as 0.0 and every NaN above +inf."""
    ibits = _FLOAT_BITS.get(x.dtype)
    if ibits is None:
        return _order_key(x)
    width = torch.iinfo(ibits).bits
    top = 2 ** (width - 1) - 1
    bits = (x + 0.0).view(ibits)  # -0.0 + 0.0 is +0.0
    key = bits ^ ((bits >> (width - 1)) & top)
    return key.masked_fill(torch.isnan(x), top)
