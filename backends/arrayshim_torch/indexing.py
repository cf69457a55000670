"""The PyTorch adapter's indexing: NumPy's indexing rules on top of torch's (advanced indices,
0-d index arrays, negative slice steps)."""

from __future__ import annotations

from typing import Any

import torch


# -- indexing --------------------------------------------------------------------------------
def _is_basic(key: tuple) -> bool:
    """Whether torch indexes ``x[key]`` as NumPy does without help: only ints, slices with
    positive steps, None and the ellipsis."""
    for k in key:
        if type(k) is slice:
            if k.step is not None and k.step < 0:
                return False
        elif type(k) is not int and k is not None and k is not Ellipsis:
            return False
    return True


def _span(k: Any) -> int:
    """The number of axes of the indexed array that key item ``k`` consumes."""
    if k is None:
        return 0
    return k.ndim if isinstance(k, torch.Tensor) and k.dtype == torch.bool else 1


def _expand(ndim: int, key: tuple) -> tuple:
    """``key`` with its ellipsis replaced by full slices."""
    for i, k in enumerate(key):
        if k is Ellipsis:
            fill = (slice(None),) * (ndim - sum(_span(k) for k in key if k is not Ellipsis))
            return key[:i] + fill + key[i + 1 :]
    return key


def _native_key(x: torch.Tensor, key: tuple) -> tuple[torch.Tensor, tuple]:
    """``(y, k)`` such that torch's ``y[k]`` is NumPy's ``x[key]`` (``y`` is ``x`` or a view).

    With index arrays present, NumPy counts ints and 0-d index arrays as advanced indices: they
    decide where the indexed axes go. torch takes them as basic indices, so they become int64
    arrays of shape (1,)*k that broadcast like them. A 0-d boolean array is a new axis of ``x``
    indexed by the positions of its true value. Integer index arrays of dtypes torch does not
    index with become int64 (torch would read uint8 as a mask).
    """
    if not any(isinstance(k, torch.Tensor) for k in key):
        return x, key
    key = _expand(x.ndim, key)
    rank = max(1 if k.dtype == torch.bool else k.ndim for k in key if isinstance(k, torch.Tensor))
    ones = (1,) * rank
    out: list[Any] = []
    axis = 0
    for k in key:
        if isinstance(k, torch.Tensor):
            if k.dtype == torch.bool:
                if k.ndim == 0:
                    x = x.unsqueeze(axis)
                    k = k.reshape(1).nonzero().reshape(-1)
            else:
                if k.dtype not in (torch.int64, torch.int32):
                    k = k.to(torch.int64)
                if k.ndim == 0 and rank:
                    k = k.reshape(ones)
        elif type(k) is int and rank:
            k = torch.full(ones, k, dtype=torch.int64, device=x.device)
        axis += _span(k)
        out.append(k)
    return x, tuple(out)


def _split_negative_steps(x: torch.Tensor, key: tuple) -> tuple[tuple, list[int], tuple] | None:
    """For a key with negative slice steps: ``(outer, flips, inner)`` such that
    ``x[outer].flip(flips)[inner]`` is NumPy's ``x[key]``. ``outer`` holds only slices with
    positive steps (one per axis of ``x``, so ``x[outer]`` is a view of the same rank);
    ``inner`` the rest of the key. None when the key has no negative step."""
    if not any(type(k) is slice and k.step is not None and k.step < 0 for k in key):
        return None
    outer: list[slice] = []
    inner: list[Any] = []
    flips: list[int] = []
    for k in _expand(x.ndim, key):
        if type(k) is slice:
            start, stop, step = k.indices(x.shape[len(outer)])
            if step < 0:
                count = len(range(start, stop, step))
                flips.append(len(outer))
                k = slice(start + (count - 1) * step, start + 1, -step) if count else slice(0, 0)
            outer.append(k)
            inner.append(slice(None))
        else:
            outer.extend([slice(None)] * _span(k))
            inner.append(k)
    return tuple(outer), flips, tuple(inner)
