"""arrayshim's TensorFlow adapter (import name ``arrayshim_tensorflow``), registered through the
``arrayshim.backends`` entry-point group exactly as a third-party backend would be.

Kernels are TensorFlow's generated op wrappers (``gen_math_ops.add_v2`` and so on): the same
ops ``tf.math.add`` runs, without its Python dispatch layers (about 14 µs instead of 40 µs per
eager call on CPU). Where TensorFlow has no kernel for a dtype, or its kernel gives other values
than NumPy, the adapter composes TensorFlow ops into an exact emulation, so everything still runs
on GPU, inside ``tf.function`` and under ``GradientTape``. Nothing global in TensorFlow is
changed, except that ``arrayshim.Array`` is registered as convertible to a tensor.

TensorFlow tensors are immutable: ``setitem`` returns a new tensor.

Modules: ``dtypes`` (dtype tables), ``kernels`` (TensorFlow's ops by name, the kernel choice),
``emulations`` (exact compositions of TensorFlow ops), ``constants`` (int arguments as
tensors), ``indexing``, ``dlpack``, ``sorting`` (order keys, stable sorts), ``extensions``
(``linalg``, ``fft``), ``backend`` (:class:`TensorFlowBackend`, the contract's class).
"""

from .backend import TensorFlowBackend

__all__ = ["TensorFlowBackend"]
