"""NumPy's modified Bessel function ``i0`` and the Kaiser window, with NumPy's own algorithm:
the Cephes Chebyshev series (Clenshaw's recurrence, coefficients from NumPy's
``numpy/lib/_function_base_impl.py``, BSD licence) evaluated with standard elementwise functions,
so values agree with NumPy's to rounding."""

from __future__ import annotations

import arrayshim as _xp
from arrayshim import Array

from ._common import arr, bad_type

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Chebyshev coefficients of exp(-x) I0(x) on [0, 8] and of exp(-x) sqrt(x) I0(x) on (8, inf)
_I0A = (
    -4.41534164647933937950e-18,
    3.33079451882223809783e-17,
    -2.43127984654795469359e-16,
    1.71539128555513303061e-15,
    -1.16853328779934516808e-14,
    7.67618549860493561688e-14,
    -4.85644678311192946090e-13,
    2.95505266312963983461e-12,
    -1.72682629144155570723e-11,
    9.67580903537323691224e-11,
    -5.18979560163526290666e-10,
    2.65982372468238665035e-9,
    -1.30002500998624804212e-8,
    6.04699502254191894932e-8,
    -2.67079385394061173391e-7,
    1.11738753912010371815e-6,
    -4.41673835845875056359e-6,
    1.64484480707288970893e-5,
    -5.75419501008210370398e-5,
    1.88502885095841655729e-4,
    -5.76375574538582365885e-4,
    1.63947561694133579842e-3,
    -4.32430999505057594430e-3,
    1.05464603945949983183e-2,
    -2.37374148058994688156e-2,
    4.93052842396707084878e-2,
    -9.49010970480476444210e-2,
    1.71620901522208775349e-1,
    -3.04682672343198398683e-1,
    6.76795274409476084995e-1,
)

_I0B = (
    -7.23318048787475395456e-18,
    -4.83050448594418207126e-18,
    4.46562142029675999901e-17,
    3.46122286769746109310e-17,
    -2.82762398051658348494e-16,
    -3.42548561967721913462e-16,
    1.77256013305652638360e-15,
    3.81168066935262242075e-15,
    -9.55484669882830764870e-15,
    -4.15056934728722208663e-14,
    1.54008621752140982691e-14,
    3.85277838274214270114e-13,
    7.18012445138366623367e-13,
    -1.79417853150680611778e-12,
    -1.32158118404477131188e-11,
    -3.14991652796324136454e-11,
    1.18891471078464383424e-11,
    4.94060238822496958910e-10,
    3.39623202570838634515e-9,
    2.26666899049817806459e-8,
    2.04891858946906374183e-7,
    2.89137052083475648297e-6,
    6.88975834691682398426e-5,
    3.36911647825569408990e-3,
    8.04490411014108831608e-1,
)


def _chbevl(x: Array, vals: tuple[float, ...]) -> Array:
    b0: Any = vals[0]
    b1: Any = 0.0
    b2: Any = 0.0
    for v in vals[1:]:
        b2 = b1
        b1 = b0
        b0 = x * b1 - b2 + v
    return 0.5 * (b0 - b2)


def i0(x: Any) -> Array:
    """Modified Bessel function of the first kind, order 0 (real input; integers as float64)."""
    x = arr(x)
    if _xp.isdtype(x.dtype, "complex floating"):
        bad_type("i0", "x", "a real array (i0 is not supported for complex values)", x)
    if not _xp.isdtype(x.dtype, "real floating"):
        x = _xp.astype(x, _xp.float64)
    x = _xp.abs(x)
    small = x <= 8.0
    safe = _xp.where(small, 9.0, x)  # keeps 32 / x finite where the other branch is taken
    lo = _xp.exp(x) * _chbevl(x / 2.0 - 2, _I0A)
    hi = _xp.exp(x) * _chbevl(32.0 / safe - 2.0, _I0B) / _xp.sqrt(safe)
    return _xp.where(small, lo, hi)


def kaiser(M: int, beta: float) -> Array:
    """The Kaiser window: ``i0(beta * sqrt(1 - ((n - alpha) / alpha)**2)) / i0(beta)``."""
    if M < 1:
        return _xp.zeros((0,), dtype=_xp.float64)
    if M == 1:
        return _xp.ones((1,), dtype=_xp.float64)
    n = _xp.astype(_xp.arange(0, M), _xp.float64)
    alpha = (M - 1) / 2.0
    b = _xp.asarray(float(beta), dtype=_xp.float64)
    return i0(b * _xp.sqrt(1 - ((n - alpha) / alpha) ** 2.0)) / i0(b)
