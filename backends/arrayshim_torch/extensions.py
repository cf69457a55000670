"""The PyTorch adapter's ``linalg`` and ``fft`` extensions: ``torch.linalg`` and ``torch.fft``,
which share NumPy's meaning."""

from __future__ import annotations

import torch

from arrayshim.backend_api import (
    Backend,
    FFTNorm,
    QRMode,
)

from .dtypes import _SIGNED


class TorchExtensions(Backend):
    """The ``Backend.linalg_*`` and ``Backend.fft_*`` methods of :class:`TorchBackend`."""

    # -- the linalg extension ------------------------------------------------------------------
    def linalg_cholesky(self, x: torch.Tensor, upper: bool) -> torch.Tensor:
        return torch.linalg.cholesky(x, upper=upper)

    def linalg_det(self, x: torch.Tensor) -> torch.Tensor:
        return torch.linalg.det(x)

    def linalg_inv(self, x: torch.Tensor) -> torch.Tensor:
        return torch.linalg.inv(x)

    def linalg_slogdet(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        sign, logabsdet = torch.linalg.slogdet(x)
        return sign, logabsdet

    def linalg_eigh(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        w, v = torch.linalg.eigh(x)
        return w, v

    def linalg_eigvalsh(self, x: torch.Tensor) -> torch.Tensor:
        return torch.linalg.eigvalsh(x)

    def linalg_eig(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        w, v = torch.linalg.eig(x)
        return w, v

    def linalg_eigvals(self, x: torch.Tensor) -> torch.Tensor:
        return torch.linalg.eigvals(x)

    def linalg_qr(self, x: torch.Tensor, mode: QRMode) -> tuple[torch.Tensor, torch.Tensor]:
        q, r = torch.linalg.qr(x, mode=mode)
        return q, r

    def linalg_svd(
        self, x: torch.Tensor, full_matrices: bool
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        u, s, vh = torch.linalg.svd(x, full_matrices=full_matrices)
        return u, s, vh

    def linalg_svdvals(self, x: torch.Tensor) -> torch.Tensor:
        return torch.linalg.svdvals(x)

    def linalg_solve(self, x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        return torch.linalg.solve(x1, x2)

    def cross(self, x1: torch.Tensor, x2: torch.Tensor, axis: int) -> torch.Tensor:
        if x1.ndim != x2.ndim:  # torch broadcasts operands of one rank only
            n = max(x1.ndim, x2.ndim)
            x1, x2 = (x[(None,) * (n - x.ndim)] for x in (x1, x2))
        signed = _SIGNED.get(x1.dtype)
        if signed is not None:  # no kernel for uint16/32/64: products and differences wrap alike
            return torch.linalg.cross(x1.view(signed), x2.view(signed), dim=axis).view(x1.dtype)
        return torch.linalg.cross(x1, x2, dim=axis)

    # -- the fft extension ---------------------------------------------------------------------
    def fft_fft(self, x: torch.Tensor, n: int, axis: int, norm: FFTNorm) -> torch.Tensor:
        return torch.fft.fft(x, n=n, dim=axis, norm=norm)

    def fft_ifft(self, x: torch.Tensor, n: int, axis: int, norm: FFTNorm) -> torch.Tensor:
        return torch.fft.ifft(x, n=n, dim=axis, norm=norm)

    def fft_rfft(self, x: torch.Tensor, n: int, axis: int, norm: FFTNorm) -> torch.Tensor:
        return torch.fft.rfft(x, n=n, dim=axis, norm=norm)

    def fft_irfft(self, x: torch.Tensor, n: int, axis: int, norm: FFTNorm) -> torch.Tensor:
        return torch.fft.irfft(x, n=n, dim=axis, norm=norm)

    def fft_hfft(self, x: torch.Tensor, n: int, axis: int, norm: FFTNorm) -> torch.Tensor:
        return torch.fft.hfft(x, n=n, dim=axis, norm=norm)

    def fft_ihfft(self, x: torch.Tensor, n: int, axis: int, norm: FFTNorm) -> torch.Tensor:
        return torch.fft.ihfft(x, n=n, dim=axis, norm=norm)

    def fft_fftn(
        self, x: torch.Tensor, s: tuple[int, ...], axes: tuple[int, ...], norm: str
    ) -> torch.Tensor:
        return torch.fft.fftn(x, s=s, dim=axes, norm=norm)

    def fft_ifftn(
        self, x: torch.Tensor, s: tuple[int, ...], axes: tuple[int, ...], norm: str
    ) -> torch.Tensor:
        return torch.fft.ifftn(x, s=s, dim=axes, norm=norm)

    def fft_rfftn(
        self, x: torch.Tensor, s: tuple[int, ...], axes: tuple[int, ...], norm: str
    ) -> torch.Tensor:
        return torch.fft.rfftn(x, s=s, dim=axes, norm=norm)

    def fft_irfftn(
        self, x: torch.Tensor, s: tuple[int, ...], axes: tuple[int, ...], norm: str
    ) -> torch.Tensor:
        return torch.fft.irfftn(x, s=s, dim=axes, norm=norm)
