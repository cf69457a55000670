"""arrayshim's JAX adapter (import name ``arrayshim_jax``), registered through the
``arrayshim.backends`` entry-point group exactly as a third-party backend would be.

Kernels are ``jax.numpy``'s functions (``jnp.add``, ...); where JAX's values differ from NumPy's
(integer ``x // 0`` and ``x % 0``, float ``//`` with an infinite operand, float16 ``nextafter``,
complex ``sign`` of NaN, ``-0.0`` in sorting) the adapter composes ``jax.numpy`` ops into an exact
emulation, so everything still traces under ``jax.jit``, ``jax.grad`` and ``jax.vmap``.

JAX arrays are immutable: ``setitem`` returns a new array (``x.at[key].set(value)``).

Loading the backend enables JAX's 64-bit mode, process-wide, unless ``ARRAYSHIM_JAX_X64=0``
(``x64.py`` says what that changes).

Modules: ``x64`` (the 64-bit switch), ``dtypes`` (dtype tables), ``kernels`` (``jax.numpy`` by
op, emulations, the kernel choice), ``extensions`` (``linalg``, ``fft``), ``backend``
(:class:`JaxBackend`, the contract's class).
"""

from .backend import JaxBackend

__all__ = ["JaxBackend"]
