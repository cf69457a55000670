"""The NumPy adapter's ``linalg`` and ``fft`` extensions: ``numpy.linalg`` and ``numpy.fft``,
whose meaning the standard follows."""

from __future__ import annotations

from typing import Any

import numpy as np

from arrayshim.backend_api import Backend, FFTNorm, QRMode


class NumpyExtensions(Backend):
    """The ``Backend.linalg_*`` and ``Backend.fft_*`` methods of :class:`NumpyBackend`."""

    # -- the linalg extension ------------------------------------------------------------------
    def linalg_cholesky(self, x: Any, upper: bool) -> Any:
        return np.linalg.cholesky(x, upper=upper)

    def linalg_det(self, x: Any) -> Any:
        return np.linalg.det(x)

    def linalg_inv(self, x: Any) -> Any:
        return np.linalg.inv(x)

    def linalg_slogdet(self, x: Any) -> tuple[Any, Any]:
        sign, logabsdet = np.linalg.slogdet(x)
        return sign, logabsdet

    def linalg_eigh(self, x: Any) -> tuple[Any, Any]:
        w, v = np.linalg.eigh(x)
        return w, v

    def linalg_eigvalsh(self, x: Any) -> Any:
        return np.linalg.eigvalsh(x)

    def linalg_eig(self, x: Any) -> tuple[Any, Any]:
        w, v = np.linalg.eig(x)
        return w, v

    def linalg_eigvals(self, x: Any) -> Any:
        return np.linalg.eigvals(x)

    def linalg_qr(self, x: Any, mode: QRMode) -> tuple[Any, Any]:
        q, r = np.linalg.qr(x, mode=mode)
        return q, r

    def linalg_svd(self, x: Any, full_matrices: bool) -> tuple[Any, Any, Any]:
        u, s, vh = np.linalg.svd(x, full_matrices=full_matrices)
        return u, s, vh

    def linalg_svdvals(self, x: Any) -> Any:
        return np.linalg.svd(x, compute_uv=False)

    def linalg_solve(self, x1: Any, x2: Any) -> Any:
        return np.linalg.solve(x1, x2)

    def cross(self, x1: Any, x2: Any, axis: int) -> Any:
        return np.cross(x1, x2, axis=axis)

    # -- the fft extension ---------------------------------------------------------------------
    def fft_fft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return np.fft.fft(x, n=n, axis=axis, norm=norm)

    def fft_ifft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return np.fft.ifft(x, n=n, axis=axis, norm=norm)

    def fft_rfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return np.fft.rfft(x, n=n, axis=axis, norm=norm)

    def fft_irfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return np.fft.irfft(x, n=n, axis=axis, norm=norm)

    def fft_hfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return np.fft.hfft(x, n=n, axis=axis, norm=norm)

    def fft_ihfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return np.fft.ihfft(x, n=n, axis=axis, norm=norm)

    def fft_fftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return np.fft.fftn(x, s=s, axes=axes, norm=norm)

    def fft_ifftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return np.fft.ifftn(x, s=s, axes=axes, norm=norm)

    def fft_rfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return np.fft.rfftn(x, s=s, axes=axes, norm=norm)

    def fft_irfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return np.fft.irfftn(x, s=s, axes=axes, norm=norm)
