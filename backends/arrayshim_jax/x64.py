"""JAX's 64-bit mode, as the JAX adapter uses it.

JAX computes in 32 bits unless ``jax_enable_x64`` is set: without it ``jnp.asarray(x, jnp.int64)``
silently gives int32. arrayshim gives the same dtypes on every backend (int64 by default,
float64 under the ``numpy`` policy, uint64 and complex128), so loading the JAX backend turns the
flag on with ``jax.config.update("jax_enable_x64", True)``. The flag is process-wide: the user's
own ``jnp`` code sees it too (``jnp.asarray([1.0])`` becomes float64, ``jnp.arange(3)`` int64).

Setting ``ARRAYSHIM_JAX_X64=0`` before the backend loads keeps JAX's setting as it is; if that
is 32-bit, every 64-bit dtype (int64, uint64, float64, complex128) raises an arrayshim
``TypeError`` naming the function, the dtype and the backend - never a silent downcast.
"""

from __future__ import annotations

import os

import jax

#: the environment variable that keeps JAX's own 64-bit setting ("0": do not enable it)
ENV = "ARRAYSHIM_JAX_X64"
_REFUSE = ("0", "false", "no", "off")


def enable() -> bool:
    """Enable JAX's 64-bit mode unless ``ARRAYSHIM_JAX_X64`` refuses it; whether 64-bit dtypes
    are available afterwards."""
    if os.environ.get(ENV, "1").strip().lower() not in _REFUSE:
        jax.config.update("jax_enable_x64", True)
    return enabled()


def enabled() -> bool:
    """Whether JAX makes 64-bit arrays now (``jax_enable_x64``, also inside ``jax.enable_x64``
    blocks)."""
    return bool(jax.config.read("jax_enable_x64"))
