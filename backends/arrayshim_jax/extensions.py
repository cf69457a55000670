"""The JAX adapter's ``linalg`` and ``fft`` extensions: ``jax.numpy.linalg`` and
``jax.numpy.fft``, which follow NumPy's meaning. JAX's factorizations do not fail on bad input
(a singular matrix gives inf/NaN, a matrix that is not positive-definite gives NaN): outside a
trace the adapter checks and raises as NumPy does; inside ``jax.jit`` the values stay NaN."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from arrayshim.backend_api import ArrayshimValueError, Backend, FFTNorm, QRMode


def _concrete(x: Any) -> bool:
    return not isinstance(x, jax.core.Tracer)


def _check_finite(func: str, x: Any, out: Any, what: str) -> Any:
    """Raise NumPy's error where JAX returned non-finite values for a finite input."""
    if _concrete(out) and _concrete(x):
        if not bool(jnp.all(jnp.isfinite(out))) and bool(jnp.all(jnp.isfinite(x))):
            raise ArrayshimValueError(f"arrayshim.linalg.{func}() failed on backend 'jax': {what}")
    return out


class JaxExtensions(Backend):
    """The ``Backend.linalg_*`` and ``Backend.fft_*`` methods of :class:`JaxBackend`."""

    # -- the linalg extension ------------------------------------------------------------------
    def linalg_cholesky(self, x: Any, upper: bool) -> Any:
        out = jnp.linalg.cholesky(x, upper=upper)
        return _check_finite("cholesky", x, out, "Matrix is not positive definite")

    def linalg_det(self, x: Any) -> Any:
        return jnp.linalg.det(x)

    def linalg_inv(self, x: Any) -> Any:
        return _check_finite("inv", x, jnp.linalg.inv(x), "Singular matrix")

    def linalg_slogdet(self, x: Any) -> tuple[Any, Any]:
        sign, logabsdet = jnp.linalg.slogdet(x)
        return sign, logabsdet

    def linalg_eigh(self, x: Any) -> tuple[Any, Any]:
        w, v = jnp.linalg.eigh(x)
        return w, v

    def linalg_eigvalsh(self, x: Any) -> Any:
        return jnp.linalg.eigvalsh(x)

    def linalg_eig(self, x: Any) -> tuple[Any, Any]:
        w, v = jnp.linalg.eig(x)
        return w, v

    def linalg_eigvals(self, x: Any) -> Any:
        return jnp.linalg.eigvals(x)

    def linalg_qr(self, x: Any, mode: QRMode) -> tuple[Any, Any]:
        q, r = jnp.linalg.qr(x, mode=mode)
        return q, r

    def linalg_svd(self, x: Any, full_matrices: bool) -> tuple[Any, Any, Any]:
        u, s, vh = jnp.linalg.svd(x, full_matrices=full_matrices)
        return u, s, vh

    def linalg_svdvals(self, x: Any) -> Any:
        return jnp.linalg.svd(x, compute_uv=False)

    def linalg_solve(self, x1: Any, x2: Any) -> Any:
        return _check_finite("solve", x1, jnp.linalg.solve(x1, x2), "Singular matrix")

    # -- the fft extension ---------------------------------------------------------------------
    def fft_fft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return jnp.fft.fft(x, n=n, axis=axis, norm=norm)

    def fft_ifft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return jnp.fft.ifft(x, n=n, axis=axis, norm=norm)

    def fft_rfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return jnp.fft.rfft(x, n=n, axis=axis, norm=norm)

    def fft_irfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return jnp.fft.irfft(x, n=n, axis=axis, norm=norm)

    def fft_hfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return jnp.fft.hfft(x, n=n, axis=axis, norm=norm)

    def fft_ihfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return jnp.fft.ihfft(x, n=n, axis=axis, norm=norm)

    def fft_fftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return jnp.fft.fftn(x, s=s, axes=axes, norm=norm)

    def fft_ifftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return jnp.fft.ifftn(x, s=s, axes=axes, norm=norm)

    def fft_rfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return jnp.fft.rfftn(x, s=s, axes=axes, norm=norm)

    def fft_irfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return jnp.fft.irfftn(x, s=s, axes=axes, norm=norm)
