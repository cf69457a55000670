"""``arrayshim.numpy.fft``: NumPy's ``numpy.fft`` names and signatures (positional ``n``,
``axis``, ``norm=None``) over ``arrayshim.fft``. Single precision stays single (NumPy 2)."""

from __future__ import annotations

import arrayshim as _xp
from arrayshim import Array

from ._common import arr, inexact, refuse_out

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "fft",
    "fft2",
    "fftfreq",
    "fftn",
    "fftshift",
    "hfft",
    "ifft",
    "ifft2",
    "ifftn",
    "ifftshift",
    "ihfft",
    "irfft",
    "irfft2",
    "irfftn",
    "rfft",
    "rfft2",
    "rfftfreq",
    "rfftn",
]


def _n(norm: Any) -> str:
    return "backward" if norm is None else norm


def _one(f: Any, func: str, a: Any, n: Any, axis: int, norm: Any, out: Any) -> Array:
    if out is not None:
        refuse_out(f"fft.{func}", out)
    return f(inexact(arr(a)), n=n, axis=axis, norm=_n(norm))


def _many(f: Any, func: str, a: Any, s: Any, axes: Any, norm: Any, out: Any) -> Array:
    if out is not None:
        refuse_out(f"fft.{func}", out)
    return f(
        inexact(arr(a)),
        s=None if s is None else tuple(s),
        axes=None if axes is None else tuple(axes),
        norm=_n(norm),
    )


def fft(a: Any, n: Any = None, axis: int = -1, norm: Any = None, out: Any = None) -> Array:
    return _one(_xp.fft.fft, "fft", a, n, axis, norm, out)


def ifft(a: Any, n: Any = None, axis: int = -1, norm: Any = None, out: Any = None) -> Array:
    return _one(_xp.fft.ifft, "ifft", a, n, axis, norm, out)


def rfft(a: Any, n: Any = None, axis: int = -1, norm: Any = None, out: Any = None) -> Array:
    return _one(_xp.fft.rfft, "rfft", a, n, axis, norm, out)


def irfft(a: Any, n: Any = None, axis: int = -1, norm: Any = None, out: Any = None) -> Array:
    return _one(_xp.fft.irfft, "irfft", a, n, axis, norm, out)


def hfft(a: Any, n: Any = None, axis: int = -1, norm: Any = None, out: Any = None) -> Array:
    return _one(_xp.fft.hfft, "hfft", a, n, axis, norm, out)


def ihfft(a: Any, n: Any = None, axis: int = -1, norm: Any = None, out: Any = None) -> Array:
    return _one(_xp.fft.ihfft, "ihfft", a, n, axis, norm, out)


def fftn(a: Any, s: Any = None, axes: Any = None, norm: Any = None, out: Any = None) -> Array:
    return _many(_xp.fft.fftn, "fftn", a, s, axes, norm, out)


def ifftn(a: Any, s: Any = None, axes: Any = None, norm: Any = None, out: Any = None) -> Array:
    return _many(_xp.fft.ifftn, "ifftn", a, s, axes, norm, out)


def rfftn(a: Any, s: Any = None, axes: Any = None, norm: Any = None, out: Any = None) -> Array:
    return _many(_xp.fft.rfftn, "rfftn", a, s, axes, norm, out)


def irfftn(a: Any, s: Any = None, axes: Any = None, norm: Any = None, out: Any = None) -> Array:
    return _many(_xp.fft.irfftn, "irfftn", a, s, axes, norm, out)


def fft2(a: Any, s: Any = None, axes: Any = (-2, -1), norm: Any = None, out: Any = None) -> Array:
    return _many(_xp.fft.fftn, "fft2", a, s, axes, norm, out)


def ifft2(a: Any, s: Any = None, axes: Any = (-2, -1), norm: Any = None, out: Any = None) -> Array:
    return _many(_xp.fft.ifftn, "ifft2", a, s, axes, norm, out)


def rfft2(a: Any, s: Any = None, axes: Any = (-2, -1), norm: Any = None, out: Any = None) -> Array:
    return _many(_xp.fft.rfftn, "rfft2", a, s, axes, norm, out)


def irfft2(a: Any, s: Any = None, axes: Any = (-2, -1), norm: Any = None, out: Any = None) -> Array:
    return _many(_xp.fft.irfftn, "irfft2", a, s, axes, norm, out)


def fftfreq(n: int, d: float = 1.0, *, device: Any = None) -> Array:
    return _xp.fft.fftfreq(n, d=d, device=device)


def rfftfreq(n: int, d: float = 1.0, *, device: Any = None) -> Array:
    return _xp.fft.rfftfreq(n, d=d, device=device)


def fftshift(x: Any, axes: Any = None) -> Array:
    return _xp.fft.fftshift(arr(x), axes=axes)


def ifftshift(x: Any, axes: Any = None) -> Array:
    return _xp.fft.ifftshift(arr(x), axes=axes)


def __getattr__(name: str) -> Any:
    raise AttributeError(f"numpy.fft.{name} is not implemented in arrayshim.numpy.fft")
