"""NumPy's elementwise functions that take more than one standard function (``fmax``, ``gcd``,
``isclose``, ``nan_to_num``, ...), each written with NumPy's own formula where one is documented."""

from __future__ import annotations

import math

import arrayshim as _xp
from arrayshim import Array
from arrayshim._array import _new
from arrayshim._dispatch import run
from arrayshim._errors import ArrayshimError, ArrayshimTypeError, message

from ._common import arr, bad_type, inexact, is_complex, pair, refuse_out

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _check_out(func: str, out: Any) -> None:
    if out is not None:
        refuse_out(func, out)


def _arrays(x1: Any, x2: Any) -> tuple[Array, Array]:
    a, b = pair(x1, x2)
    return arr(a), arr(b)


def around(a: Any, decimals: int = 0, out: Any = None) -> Array:
    """NumPy's ``round``: ``rint(a * 10**decimals) / 10**decimals`` (NumPy's own method), halves
    to even."""
    _check_out("around", out)
    a = arr(a)
    if not _xp.isdtype(a.dtype, ("real floating", "complex floating")):
        if decimals >= 0:
            return _xp.asarray(a, copy=True)
        scale = 10 ** (-decimals)
        return _xp.astype(_xp.round(_xp.astype(a, _xp.float64) / scale) * scale, a.dtype)
    if decimals == 0:
        return _xp.round(a)
    if decimals > 0:
        scale = 10.0**decimals
        return _xp.round(a * scale) / scale
    scale = 10.0 ** (-decimals)
    return _xp.round(a / scale) * scale


def round(a: Any, decimals: int = 0, out: Any = None) -> Array:
    """NumPy's ``round`` (same as ``around``)."""
    _check_out("round", out)
    return around(a, decimals)


def clip(
    a: Any,
    a_min: Any = None,
    a_max: Any = None,
    out: Any = None,
    *,
    min: Any = None,
    max: Any = None,
) -> Array:
    """NumPy's ``clip(a, a_min, a_max)`` (or ``min=``/``max=``): the standard ``clip``."""
    _check_out("clip", out)
    lo = a_min if a_min is not None else min
    hi = a_max if a_max is not None else max
    return _xp.clip(
        arr(a), lo if type(lo) is not list else arr(lo), hi if type(hi) is not list else arr(hi)
    )


def angle(z: Any, deg: bool = False) -> Array:
    """The argument of complex numbers (``atan2(imag, real)``); real input gives 0 or pi."""
    z = arr(z)
    if is_complex(z):
        r = _xp.atan2(_xp.imag(z), _xp.real(z))
    else:
        z = inexact(z)
        r = _xp.atan2(_xp.zeros_like(z), z)
    return r * (180.0 / math.pi) if deg else r


def real(val: Any) -> Array:
    """The real part; real input is returned as is (NumPy)."""
    val = arr(val)
    return _xp.real(val) if is_complex(val) else val


def imag(val: Any) -> Array:
    """The imaginary part; real input gives zeros of its dtype (NumPy)."""
    val = arr(val)
    return _xp.imag(val) if is_complex(val) else _xp.zeros_like(val)


def set_part(a: Array, value: Any, part: str) -> None:
    """``a.real = value`` / ``a.imag = value``, in place as NumPy: the value goes into the part
    with item assignment's checks (it must fit the part's dtype and broadcast to its shape),
    and the other part is kept exactly. The real part of a real array is the array itself."""
    func = f"Array.{part}"
    if not is_complex(a):
        if part == "imag":
            raise ArrayshimTypeError(
                message(
                    func,
                    "self",
                    "a complex array (a real one has no imaginary part to set)",
                    f"dtype {a.dtype.name}",
                )
            )
        a[...] = value
        return
    re, im = _xp.real(a), _xp.imag(a)
    new = _xp.asarray(re if part == "real" else im, copy=True)
    new[...] = value
    if part == "real":
        re = new
    else:
        im = new
    b = a._backend
    try:
        native = run(b, a.device, b.complex_from_parts, b.native_of(re), b.native_of(im))
    except ArrayshimError:
        raise
    except Exception as exc:
        raise b.translate_error(func, exc) from exc
    a[...] = _new(native, b, a.dtype, a.device)


def iscomplex(x: Any) -> Array:
    x = arr(x)
    if is_complex(x):
        return _xp.imag(x) != 0
    return _xp.zeros(x.shape, dtype=_xp.bool, device=x.device)


def isreal(x: Any) -> Array:
    x = arr(x)
    if is_complex(x):
        return _xp.imag(x) == 0
    return _xp.ones(x.shape, dtype=_xp.bool, device=x.device)


def iscomplexobj(x: Any) -> bool:
    return is_complex(arr(x))


def isrealobj(x: Any) -> bool:
    return not is_complex(arr(x))


def isneginf(x: Any, out: Any = None) -> Array:
    _check_out("isneginf", out)
    x = arr(x)
    return (
        _xp.logical_and(_xp.isinf(x), _xp.signbit(x))
        if _xp.isdtype(x.dtype, "real floating")
        else _xp.zeros(x.shape, dtype=_xp.bool, device=x.device)
    )


def isposinf(x: Any, out: Any = None) -> Array:
    _check_out("isposinf", out)
    x = arr(x)
    if not _xp.isdtype(x.dtype, "real floating"):
        return _xp.zeros(x.shape, dtype=_xp.bool, device=x.device)
    return _xp.logical_and(_xp.isinf(x), _xp.logical_not(_xp.signbit(x)))


def cbrt(x: Any, /, out: Any = None) -> Array:
    """Cube root: ``|x|**(1/3)`` refined by one Newton step, with the sign of ``x`` (within an
    ulp of the C library's ``cbrt``)."""
    _check_out("cbrt", out)
    x = inexact(arr(x))
    ax = _xp.abs(x)
    y = ax ** (1.0 / 3.0)
    y = _xp.where(_xp.logical_and(y > 0, _xp.isfinite(y)), y - (y * y * y - ax) / (3.0 * y * y), y)
    return _xp.copysign(y, x)


def deg2rad(x: Any, /, out: Any = None) -> Array:
    _check_out("deg2rad", out)
    return inexact(arr(x)) * (math.pi / 180.0)


def rad2deg(x: Any, /, out: Any = None) -> Array:
    _check_out("rad2deg", out)
    return inexact(arr(x)) * (180.0 / math.pi)


radians = deg2rad
degrees = rad2deg


def exp2(x: Any, /, out: Any = None) -> Array:
    _check_out("exp2", out)
    x = inexact(arr(x))
    return _xp.pow(_xp.asarray(2.0, dtype=x.dtype, device=x.device), x)


def logaddexp2(x1: Any, x2: Any, /, out: Any = None) -> Array:
    """``log2(2**x1 + 2**x2)`` without overflow (NumPy's formula)."""
    _check_out("logaddexp2", out)
    a, b = _arrays(x1, x2)
    a, b = inexact(a), inexact(b)
    m = _xp.maximum(a, b)
    d = a - b
    same = a == b
    r = m + _xp.log1p(_xp.pow(2.0, -_xp.abs(d))) / math.log(2.0)
    return _xp.where(same, a + 1.0, r)


def fabs(x: Any, /, out: Any = None) -> Array:
    _check_out("fabs", out)
    x = arr(x)
    if is_complex(x):
        bad_type("fabs", "x", "a real array", x)
    return _xp.abs(inexact(x))


def float_power(x1: Any, x2: Any, /, out: Any = None) -> Array:
    """``power`` computed in float64 (complex128 for complex input), as NumPy does."""
    _check_out("float_power", out)
    a, b = _arrays(x1, x2)
    dt = _xp.complex128 if is_complex(a) or is_complex(b) else _xp.float64
    return _xp.pow(_xp.astype(a, dt), _xp.astype(b, dt))


def fmax(x1: Any, x2: Any, /, out: Any = None) -> Array:
    """Elementwise maximum ignoring NaNs (NaN only where both are NaN)."""
    _check_out("fmax", out)
    a, b = _arrays(x1, x2)
    m = _xp.maximum(a, b)
    if not _xp.isdtype(m.dtype, ("real floating", "complex floating")):
        return m
    return _xp.where(
        _xp.isnan(b), _xp.astype(a, m.dtype), _xp.where(_xp.isnan(a), _xp.astype(b, m.dtype), m)
    )


def fmin(x1: Any, x2: Any, /, out: Any = None) -> Array:
    """Elementwise minimum ignoring NaNs (NaN only where both are NaN)."""
    _check_out("fmin", out)
    a, b = _arrays(x1, x2)
    m = _xp.minimum(a, b)
    if not _xp.isdtype(m.dtype, ("real floating", "complex floating")):
        return m
    return _xp.where(
        _xp.isnan(b), _xp.astype(a, m.dtype), _xp.where(_xp.isnan(a), _xp.astype(b, m.dtype), m)
    )


def fmod(x1: Any, x2: Any, /, out: Any = None) -> Array:
    """C's remainder (sign of the dividend): ``sign(x1) * remainder(|x1|, |x2|)``; integer
    division by zero gives 0 (NumPy's result)."""
    _check_out("fmod", out)
    a, b = _arrays(x1, x2)
    r = _xp.remainder(_xp.abs(a), _xp.abs(b))
    return _xp.where(_xp.signbit(a) if _xp.isdtype(r.dtype, "real floating") else a < 0, -r, r)


def divmod(x1: Any, x2: Any, /, out: Any = None) -> tuple[Array, Array]:
    """``(floor_divide(x1, x2), remainder(x1, x2))``."""
    _check_out("divmod", out)
    a, b = pair(x1, x2)
    return _xp.floor_divide(a, b), _xp.remainder(a, b)


_EUCLID_STEPS = {8: 14, 16: 26, 32: 48, 64: 94}


def gcd(x1: Any, x2: Any, /, out: Any = None) -> Array:
    """Greatest common divisor of integers: Euclid's algorithm run for the worst-case number of
    steps of the dtype (Fibonacci bound), all on the device with no host synchronisation."""
    _check_out("gcd", out)
    a, b = _arrays(x1, x2)
    dt = _xp.result_type(a, b)
    if not _xp.isdtype(dt, "integral"):
        bad_type("gcd", "x1", "integer arrays", a)
    a, b = _xp.broadcast_arrays(_xp.abs(_xp.astype(a, dt)), _xp.abs(_xp.astype(b, dt)))
    for _ in range(_EUCLID_STEPS[_xp.iinfo(dt).bits]):
        zero = b == 0
        a, b = _xp.where(zero, a, b), _xp.where(zero, b, _xp.remainder(a, _xp.where(zero, 1, b)))
    return a


def lcm(x1: Any, x2: Any, /, out: Any = None) -> Array:
    """Least common multiple: ``|x1 // gcd(x1, x2) * x2|`` (0 when either is 0)."""
    _check_out("lcm", out)
    a, b = _arrays(x1, x2)
    g = gcd(a, b)
    return _xp.abs(_xp.floor_divide(a, _xp.where(g == 0, 1, g)) * b)


def heaviside(x1: Any, x2: Any, /, out: Any = None) -> Array:
    """0 where x1 < 0, x2 where x1 == 0, 1 where x1 > 0, NaN where x1 is NaN."""
    _check_out("heaviside", out)
    a, b = _arrays(x1, x2)
    dt = _xp.result_type(a, b)
    one = _xp.ones_like(a, dtype=dt)
    r = _xp.where(a < 0, _xp.zeros_like(one), _xp.where(a > 0, one, _xp.astype(b, dt)))
    if _xp.isdtype(dt, "real floating"):
        r = _xp.where(_xp.isnan(a), _xp.astype(a, dt), r)
    return r


def ldexp(x1: Any, x2: Any, /, out: Any = None) -> Array:
    """``x1 * 2**x2`` (exact while ``2**x2`` is a normal number of the result dtype)."""
    _check_out("ldexp", out)
    a, b = _arrays(x1, x2)
    a = inexact(a)
    if not _xp.isdtype(b.dtype, "integral"):
        bad_type("ldexp", "x2", "an integer array", b)
    return a * _xp.pow(_xp.asarray(2.0, dtype=a.dtype, device=a.device), _xp.astype(b, a.dtype))


def sinc(x: Any) -> Array:
    """``sin(pi x) / (pi x)``, NumPy's formula (x = 0 replaced by 1e-20)."""
    x = inexact(arr(x))
    y = math.pi * _xp.where(x == 0, 1.0e-20, x)
    return _xp.sin(y) / y


def nan_to_num(
    x: Any, copy: bool = True, nan: float = 0.0, posinf: Any = None, neginf: Any = None
) -> Array:
    """NaN to ``nan``, +inf/-inf to ``posinf``/``neginf`` (default: the dtype's largest/smallest
    finite value); complex numbers part by part."""
    x = arr(x)
    if is_complex(x):
        re = nan_to_num(_xp.real(x), nan=nan, posinf=posinf, neginf=neginf)
        im = nan_to_num(_xp.imag(x), nan=nan, posinf=posinf, neginf=neginf)
        return _xp.astype(re, x.dtype) + _xp.astype(im, x.dtype) * 1j
    if not _xp.isdtype(x.dtype, "real floating"):
        return _xp.asarray(x, copy=True) if copy else x
    info = _xp.finfo(x.dtype)
    hi = info.max if posinf is None else posinf
    lo = info.min if neginf is None else neginf
    r = _xp.where(_xp.isnan(x), _xp.asarray(nan, dtype=x.dtype, device=x.device), x)
    r = _xp.where(r == math.inf, _xp.asarray(hi, dtype=x.dtype, device=x.device), r)
    return _xp.where(r == -math.inf, _xp.asarray(lo, dtype=x.dtype, device=x.device), r)


def isclose(
    a: Any, b: Any, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False
) -> Array:
    """``|a - b| <= atol + rtol * |b|`` with infinities equal only to themselves (NumPy's test)."""
    x, y = _arrays(a, b)
    dt = _xp.result_type(x, y, 1.0)
    x, y = _xp.astype(x, dt), _xp.astype(y, dt)
    finite = _xp.logical_and(_xp.isfinite(x), _xp.isfinite(y))
    close = _xp.abs(x - y) <= atol + rtol * _xp.abs(y)
    r = _xp.where(finite, close, x == y)
    if equal_nan:
        r = _xp.logical_or(r, _xp.logical_and(_xp.isnan(x), _xp.isnan(y)))
    return r


def allclose(
    a: Any, b: Any, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False
) -> bool:
    """Whether ``isclose`` holds everywhere (a Python bool, as in NumPy)."""
    return bool(_xp.all(isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)))


def array_equal(a1: Any, a2: Any, equal_nan: bool = False) -> bool:
    """Same shape and equal elements (a Python bool, as in NumPy)."""
    x, y = arr(a1), arr(a2)
    if x.shape != y.shape:
        return False
    eq = x == y
    if equal_nan and _xp.isdtype(_xp.result_type(x, y), ("real floating", "complex floating")):
        eq = _xp.logical_or(eq, _xp.logical_and(_xp.isnan(x), _xp.isnan(y)))
    return bool(_xp.all(eq))


def array_equiv(a1: Any, a2: Any) -> bool:
    """Equal after broadcasting (a Python bool)."""
    x, y = arr(a1), arr(a2)
    try:
        _xp.broadcast_shapes(x.shape, y.shape)
    except ValueError:
        return False
    return bool(_xp.all(x == y))
