"""arrayshim's PyTorch adapter (import name ``arrayshim_torch``), registered through the
``arrayshim.backends`` entry-point group exactly as a third-party backend would be.

Where torch has a kernel that gives NumPy's values, :meth:`TorchBackend.kernel` returns torch's
own function (``torch.add``, ``torch.eq``, ...), so the hot path pays nothing here. Where it has
none, or its values differ from NumPy's, the adapter composes torch ops into an exact emulation:

* ``uint16``/``uint32``/``uint64`` lack most arithmetic: operations that do not depend on
  signedness run on the bits reinterpreted as the signed dtype of the same width
  (``x.view(torch.int64)``, no copy); comparisons, ``maximum``/``minimum`` and ``max``/``min``
  flip the sign bit first, which maps unsigned order onto signed order; division, ``pow`` and
  right shifts of ``uint16``/``uint32`` run in ``int32``/``int64`` and are cast back (integer
  arithmetic wraps modulo 2**bits in both); ``uint64`` division and right shift are built from
  ``int64`` ops.
* integer ``floor_divide``/``remainder`` by zero give 0, as in NumPy (torch raises on CPU and
  returns garbage on CUDA); a float ``remainder`` of 0 takes the divisor's sign, as in NumPy;
  complex ``add``/``subtract`` work on the real and imaginary parts (torch's turn an infinite
  part into NaN).
* ``positive`` and ``abs`` of unsigned or bool arrays return a copy (``torch.positive`` returns
  its argument itself, NumPy a new array).
* NaN, infinities and signed zeros as NumPy has them: ``sign(nan)`` is NaN (torch: 0); complex
  ``sign``, ``log1p``, ``acos`` and ``reciprocal`` are corrected where torch's kernels lose a
  zero's sign or give NaN for an infinite part; rounding functions of integers, ``real``,
  ``imag`` and ``conj`` return new arrays, never views.

torch has no negative slice steps: such slices are taken with a positive step and flipped.

Modules: ``dtypes`` (dtype tables), ``kernels`` (torch's functions by op, the kernel choice),
``emulations`` (exact compositions of torch ops), ``indexing`` (NumPy's indexing on torch),
``sorting`` (order keys), ``extensions`` (``linalg``, ``fft``), ``backend``
(:class:`TorchBackend`, the contract's class).
"""

from .backend import TorchBackend

__all__ = ["TorchBackend"]
