"""arrayshim's NumPy adapter (import name ``arrayshim_numpy``), registered through the
``arrayshim.backends`` entry-point group exactly as a third-party backend would be.

``kernels``: dtype tables, NumPy's ufuncs by op name and the exact emulations; ``extensions``:
``linalg`` and ``fft``; ``backend``: :class:`NumpyBackend`, the contract's class.
"""

from .backend import NumpyBackend

__all__ = ["NumpyBackend"]
