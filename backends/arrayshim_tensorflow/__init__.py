"""arrayshim's TensorFlow adapter (import name ``arrayshim_tensorflow``), registered through
the ``arrayshim.backends`` entry-point group exactly as a third-party backend would be."""

from .backend import TensorFlowBackend

__all__ = ["TensorFlowBackend"]
