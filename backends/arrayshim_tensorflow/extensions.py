"""The TensorFlow adapter's ``linalg`` and ``fft`` extensions: ``tf.linalg`` and ``tf.signal``,
with NumPy's meaning where TensorFlow's differs (no NumPy round trip)."""

from __future__ import annotations

import math
from typing import Any

import tensorflow as tf
from tensorflow.python.ops import gen_array_ops, gen_linalg_ops, gen_math_ops, gen_spectral_ops

from arrayshim.backend_api import (
    Backend,
    FFTNorm,
    QRMode,
)

from .constants import _ints, _scalar32, _zero


class TensorFlowExtensions(Backend):
    """The ``Backend.linalg_*`` and ``Backend.fft_*`` methods of :class:`TensorFlowBackend`."""

    # -- the linalg extension ------------------------------------------------------------------
    # tf.linalg throughout (no NumPy round trip): svd returns (s, u, v), so Vh = adjoint(v);
    # cholesky gives the lower factor only, so upper = adjoint(lower)
    def linalg_cholesky(self, x: Any, upper: bool) -> Any:
        if tf.executing_eagerly() and "CPU" in x.device:
            # Eigen's LLT on the CPU writes the lower factor with zeros above it, or on failure
            # NaN over the lower triangle (garbage above): test the diagonal, one host read
            lower = gen_linalg_ops.cholesky(x)
            diagonal = gen_array_ops.matrix_diag_part_v3(lower, _scalar32(0), _zero(x.dtype))
            if x.dtype.is_complex:
                diagonal = gen_math_ops.real(diagonal, Tout=x.dtype.real_dtype)
            smallest = gen_math_ops._min(diagonal, _ints(range(diagonal.shape.rank)))
            if not float(smallest) > 0:  # Min propagates NaN; +inf when there is no matrix
                raise tf.errors.InvalidArgumentError(None, None, _NOT_POSITIVE_DEFINITE)
        else:
            # elsewhere (a GPU's solver, a graph) it may not fail on a matrix that is not
            # positive-definite: it returns NaN (or zeros, and leftover memory above the
            # diagonal); check and raise
            lower = tf.linalg.band_part(tf.linalg.cholesky(x), -1, 0)
            tf.debugging.assert_positive(
                tf.math.real(tf.linalg.diag_part(lower)), message=_NOT_POSITIVE_DEFINITE
            )
        return tf.linalg.adjoint(lower) if upper else lower

    def linalg_det(self, x: Any) -> Any:
        return tf.linalg.det(x)

    def linalg_inv(self, x: Any) -> Any:
        return tf.linalg.inv(x)

    def linalg_slogdet(self, x: Any) -> tuple[Any, Any]:
        sign, logabsdet = tf.linalg.slogdet(x)
        return sign, logabsdet

    def linalg_eigh(self, x: Any) -> tuple[Any, Any]:
        w, v = tf.linalg.eigh(x)
        return w, v

    def linalg_eigvalsh(self, x: Any) -> Any:
        return tf.linalg.eigvalsh(x)

    def linalg_eig(self, x: Any) -> tuple[Any, Any]:
        w, v = tf.linalg.eig(x)
        return w, v

    def linalg_eigvals(self, x: Any) -> Any:
        return tf.linalg.eigvals(x)

    def linalg_qr(self, x: Any, mode: QRMode) -> tuple[Any, Any]:
        q, r = tf.linalg.qr(x, full_matrices=mode == "complete")
        return q, r

    def linalg_svd(self, x: Any, full_matrices: bool) -> tuple[Any, Any, Any]:
        s, u, v = tf.linalg.svd(x, full_matrices=full_matrices, compute_uv=True)
        return u, s, tf.linalg.adjoint(v)

    def linalg_svdvals(self, x: Any) -> Any:
        return tf.linalg.svd(x, compute_uv=False)

    def linalg_solve(self, x1: Any, x2: Any) -> Any:
        return tf.linalg.solve(x1, x2)

    # -- the fft extension ---------------------------------------------------------------------
    # tf.signal throughout (no NumPy round trip, so it traces under tf.function and has
    # gradients): tf.signal transforms the innermost axis only, so each axis is transposed to the
    # end and back; lengths are padded or sliced here; TF's scaling is NumPy's "backward", the
    # other norms are applied here. hfft(x, n, norm) = irfft(conj(x), n, swap(norm)) and
    # ihfft(x, n, norm) = conj(rfft(x, n, swap(norm))), as NumPy defines them; the n-D transforms
    # over the innermost 1-3 axes are one op (FFT2D, RFFT3D, ...: 3-4x faster than a chain of
    # transposes and 1-D transforms), others 1-D transforms axis by axis (rfftn: rfft over the
    # last axis first; irfftn: it last).
    def fft_fft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _tf_fft1("fft", x, n, axis, norm)

    def fft_ifft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _tf_fft1("ifft", x, n, axis, norm)

    def fft_rfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _tf_fft1("rfft", x, n, axis, norm)

    def fft_irfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _tf_fft1("irfft", x, n, axis, norm)

    def fft_hfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _tf_fft1("hfft", x, n, axis, norm)

    def fft_ihfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _tf_fft1("ihfft", x, n, axis, norm)

    def fft_fftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        y = _tf_trailing("fft", x, s, axes, norm)
        if y is not None:
            return y
        for n, ax in zip(s, axes, strict=True):
            x = _tf_fft1("fft", x, n, ax, norm)
        return x

    def fft_ifftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        y = _tf_trailing("ifft", x, s, axes, norm)
        if y is not None:
            return y
        for n, ax in zip(s, axes, strict=True):
            x = _tf_fft1("ifft", x, n, ax, norm)
        return x

    def fft_rfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        y = _tf_trailing("rfft", x, s, axes, norm)
        if y is not None:
            return y
        x = _tf_fft1("rfft", x, s[-1], axes[-1], norm)
        for n, ax in zip(s[:-1], axes[:-1], strict=True):
            x = _tf_fft1("fft", x, n, ax, norm)
        return x

    def fft_irfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        y = _tf_trailing("irfft", x, s, axes, norm)
        if y is not None:
            return y
        for n, ax in zip(s[:-1], axes[:-1], strict=True):
            x = _tf_fft1("ifft", x, n, ax, norm)
        return _tf_fft1("irfft", x, s[-1], axes[-1], norm)


_NOT_POSITIVE_DEFINITE = (
    "Cholesky decomposition was not successful: the input is not positive-definite"
)

_SWAP_NORM: dict[str, FFTNorm] = {"backward": "forward", "forward": "backward", "ortho": "ortho"}


def _tf_resize_last(x: Any, m: int) -> Any:
    """``x`` zero-padded or truncated to length ``m`` along its last axis (static shapes)."""
    have = x.shape[-1]
    if have is None:
        have = tf.shape(x)[-1]
        x = tf.pad(x[..., :m], [[0, 0]] * (x.shape.rank - 1) + [[0, tf.maximum(m - have, 0)]])
        return tf.ensure_shape(x, x.shape[:-1].concatenate([m]))
    if have > m:
        return x[..., :m]
    if have < m:
        return tf.pad(x, [[0, 0]] * (x.shape.rank - 1) + [[0, m - have]])
    return x


#: (transform, number of innermost axes) -> TensorFlow's op over those axes at once
#: (fft, 1) is FFT, (fft, 2) FFT2D, (rfft, 3) RFFT3D, ...
_TRAILING = {
    (name, k): getattr(gen_spectral_ops, name if k == 1 else f"{name}{k}d")
    for name in ("fft", "ifft", "rfft", "irfft")
    for k in (1, 2, 3)
}
_COMPLEX_OF = {tf.float32: tf.complex64, tf.float64: tf.complex128}


def _tf_trailing(
    name: str, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm
) -> Any | None:
    """The n-D transform (``rfft``: the real one over the last axis) over the last
    ``len(axes)`` axes, at most 3 and in order, as one op (NumPy's result: the transform is
    separable); None for other axes or shapes unknown while tracing (then axis by axis)."""
    rank, k = x.shape.rank, len(axes)
    if k > 3 or tuple(axes) != tuple(range(rank - k, rank)) or None in x.shape[rank - k :]:
        return None
    if name == "rfft" and x.dtype not in _COMPLEX_OF:
        return None
    lengths = list(s)
    if name == "irfft":  # the first n // 2 + 1 terms (zero-padded) make a real signal of length n
        lengths[-1] = s[-1] // 2 + 1
    have = x.shape[rank - k :]
    if any(h > m for h, m in zip(have, lengths, strict=True)):
        x = x[(..., *(slice(0, m) for m in lengths))]
    if any(h < m for h, m in zip(have, lengths, strict=True)):
        pads = [[0, max(m - h, 0)] for h, m in zip(have, lengths, strict=True)]
        x = tf.pad(x, [[0, 0]] * (rank - k) + pads)
    op = _TRAILING[name, k]
    if name == "rfft":
        y = op(x, _ints(s, tf.int32), Tcomplex=_COMPLEX_OF[x.dtype])
    elif name == "irfft":
        y = op(x, _ints(s, tf.int32), Treal=x.dtype.real_dtype)
    else:
        y = op(x)
    return _tf_scaled(y, math.prod(s), name in ("ifft", "irfft"), norm)


def _tf_scaled(y: Any, n: int, inverse: bool, norm: FFTNorm) -> Any:
    """``y``, a transform of ``n`` points, scaled for ``norm`` (TensorFlow's is "backward")."""
    if norm == "ortho":
        scale = n**0.5 if inverse else n**-0.5
    elif norm == "forward":
        scale = float(n) if inverse else 1.0 / n
    else:
        return y
    return gen_math_ops.mul(
        y, tf.constant(complex(scale) if y.dtype.is_complex else scale, y.dtype)
    )


def _tf_fft1(name: str, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
    """One 1-D transform of NumPy's meaning along ``axis`` with ``tf.signal``."""
    if name == "hfft":
        return _tf_fft1("irfft", tf.math.conj(x), n, axis, _SWAP_NORM[norm])
    if name == "ihfft":
        return tf.math.conj(_tf_fft1("rfft", x, n, axis, _SWAP_NORM[norm]))
    rank = x.shape.rank
    last = axis == rank - 1
    if not last:
        perm = [i for i in range(rank) if i != axis] + [axis]
        x = tf.transpose(x, perm)
    if name == "fft":
        y = tf.signal.fft(_tf_resize_last(x, n))
    elif name == "ifft":
        y = tf.signal.ifft(_tf_resize_last(x, n))
    elif name == "rfft":
        y = tf.signal.rfft(_tf_resize_last(x, n), fft_length=[n])
    else:  # irfft: the first n // 2 + 1 terms (zero-padded) make a real signal of length n
        y = tf.signal.irfft(_tf_resize_last(x, n // 2 + 1), fft_length=[n])
    y = _tf_scaled(y, n, name in ("ifft", "irfft"), norm)
    if not last:
        inv = [0] * rank
        for i, p in enumerate(perm):
            inv[p] = i
        y = tf.transpose(y, inv)
    return y
