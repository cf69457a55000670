"""arrayshim's PyTorch adapter (import name ``arrayshim_torch``), registered through the
``arrayshim.backends`` entry-point group exactly as a third-party backend would be."""

from .backend import TorchBackend

__all__ = ["TorchBackend"]
