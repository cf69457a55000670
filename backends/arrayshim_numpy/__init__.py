"""arrayshim's NumPy adapter (import name ``arrayshim_numpy``), registered through the
``arrayshim.backends`` entry-point group exactly as a third-party backend would be."""

from .backend import NumpyBackend

__all__ = ["NumpyBackend"]
