"""The JAX adapter's ``linalg`` and ``fft`` extensions: ``jax.numpy.linalg`` and
``jax.numpy.fft``, which follow NumPy's meaning. JAX's factorizations do not fail on bad input
(a singular matrix gives inf/NaN, a matrix that is not positive-definite gives NaN): outside a
trace the adapter checks and raises as NumPy does; inside ``jax.jit`` the values stay NaN."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from arrayshim.backend_api import ArrayshimValueError, Backend, FFTNorm, QRMode


def _concrete(x: Any) -> bool:
    return not isinstance(x, jax.core.Tracer)


# Each jax.numpy.linalg/fft function compiled once per shape, dtype and static argument by
# jax.jit: called eagerly, jnp.fft.fft with an explicit n dispatches a chain of primitives (pad,
# moveaxis, converts: ~240 us for 8 elements), the jitted one a single executable (~8 us).
# Inside the caller's own jax.jit, grad or vmap a jitted function is inlined as usual.
def _jitted(f: Any, *static: str) -> Any:
    return jax.jit(f, static_argnames=static)


_FFT1 = {
    name: _jitted(getattr(jnp.fft, name), "n", "axis", "norm")
    for name in ("fft", "ifft", "rfft", "irfft", "hfft", "ihfft")
}
_FFTN = {
    name: _jitted(getattr(jnp.fft, name), "s", "axes", "norm")
    for name in ("fftn", "ifftn", "rfftn", "irfftn")
}


def _with_check(f: Any, *static: str) -> Any:
    """``f(x, ...)`` jitted together with whether its result is finite or ``x`` was not: one
    executable, then one value read by :func:`_checked` (a second dispatch cost ~10 us)."""

    def both(x: Any, *args: Any, **kwargs: Any) -> tuple[Any, Any]:
        out = f(x, *args, **kwargs)
        return out, jnp.all(jnp.isfinite(out)) | ~jnp.all(jnp.isfinite(x))

    return jax.jit(both, static_argnames=static)


_cholesky = _with_check(jnp.linalg.cholesky, "upper")
_det = jax.jit(jnp.linalg.det)
_inv = _with_check(jnp.linalg.inv)
_slogdet = jax.jit(jnp.linalg.slogdet)
_eigh = jax.jit(jnp.linalg.eigh)
_eigvalsh = jax.jit(jnp.linalg.eigvalsh)
_qr = _jitted(jnp.linalg.qr, "mode")
_svd = _jitted(jnp.linalg.svd, "full_matrices", "compute_uv")
_solve = _with_check(jnp.linalg.solve)


def _checked(func: str, x: Any, found: tuple[Any, Any], what: str) -> Any:
    """The result of a :func:`_with_check` function; NumPy's error where JAX returned
    non-finite values for a finite input (not read while tracing)."""
    out, fine = found
    # np.asarray reads the flag through the buffer protocol on the CPU: ~10 us less than bool()
    if _concrete(out) and _concrete(x) and not np.asarray(fine):
        raise ArrayshimValueError(f"arrayshim.linalg.{func}() failed on backend 'jax': {what}")
    return out


class JaxExtensions(Backend):
    """The ``Backend.linalg_*`` and ``Backend.fft_*`` methods of :class:`JaxBackend`."""

    # -- the linalg extension ------------------------------------------------------------------
    def linalg_cholesky(self, x: Any, upper: bool) -> Any:
        return _checked("cholesky", x, _cholesky(x, upper=upper), "Matrix is not positive definite")

    def linalg_det(self, x: Any) -> Any:
        return _det(x)

    def linalg_inv(self, x: Any) -> Any:
        return _checked("inv", x, _inv(x), "Singular matrix")

    def linalg_slogdet(self, x: Any) -> tuple[Any, Any]:
        sign, logabsdet = _slogdet(x)
        return sign, logabsdet

    def linalg_eigh(self, x: Any) -> tuple[Any, Any]:
        w, v = _eigh(x)
        return w, v

    def linalg_eigvalsh(self, x: Any) -> Any:
        return _eigvalsh(x)

    def linalg_eig(self, x: Any) -> tuple[Any, Any]:
        w, v = jnp.linalg.eig(x)
        return w, v

    def linalg_eigvals(self, x: Any) -> Any:
        return jnp.linalg.eigvals(x)

    def linalg_qr(self, x: Any, mode: QRMode) -> tuple[Any, Any]:
        q, r = _qr(x, mode=mode)
        return q, r

    def linalg_svd(self, x: Any, full_matrices: bool) -> tuple[Any, Any, Any]:
        u, s, vh = _svd(x, full_matrices=full_matrices)
        return u, s, vh

    def linalg_svdvals(self, x: Any) -> Any:
        return _svd(x, compute_uv=False)

    def linalg_solve(self, x1: Any, x2: Any) -> Any:
        return _checked("solve", x1, _solve(x1, x2), "Singular matrix")

    # -- the fft extension ---------------------------------------------------------------------
    def fft_fft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _FFT1["fft"](x, n=n, axis=axis, norm=norm)

    def fft_ifft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _FFT1["ifft"](x, n=n, axis=axis, norm=norm)

    def fft_rfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _FFT1["rfft"](x, n=n, axis=axis, norm=norm)

    def fft_irfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _FFT1["irfft"](x, n=n, axis=axis, norm=norm)

    def fft_hfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _FFT1["hfft"](x, n=n, axis=axis, norm=norm)

    def fft_ihfft(self, x: Any, n: int, axis: int, norm: FFTNorm) -> Any:
        return _FFT1["ihfft"](x, n=n, axis=axis, norm=norm)

    def fft_fftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return _FFTN["fftn"](x, s=s, axes=axes, norm=norm)

    def fft_ifftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return _FFTN["ifftn"](x, s=s, axes=axes, norm=norm)

    def fft_rfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return _FFTN["rfftn"](x, s=s, axes=axes, norm=norm)

    def fft_irfftn(self, x: Any, s: tuple[int, ...], axes: tuple[int, ...], norm: FFTNorm) -> Any:
        return _FFTN["irfftn"](x, s=s, axes=axes, norm=norm)
