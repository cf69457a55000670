"""NumPy's dtype names and dtype functions, over arrayshim's dtypes.

``np.float32`` is ``arrayshim.float32`` (an arrayshim ``DType``, not a NumPy scalar type);
``np.dtype("float32")`` returns it. ``int_`` is int64 and ``bool_`` is bool (NumPy 2 on 64-bit
platforms). The abstract kinds (``number``, ``integer``, ``floating``, ``inexact``, ...) work with
``issubdtype``."""

from __future__ import annotations

import arrayshim as _xp
from arrayshim import Array, DType
from arrayshim._dtypes import as_dtype

from ._common import arr, dt, refuse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

bool_ = _xp.bool
int8, int16, int32, int64 = _xp.int8, _xp.int16, _xp.int32, _xp.int64
uint8, uint16, uint32, uint64 = _xp.uint8, _xp.uint16, _xp.uint32, _xp.uint64
float16, float32, float64 = _xp.float16, _xp.float32, _xp.float64
complex64, complex128 = _xp.complex64, _xp.complex128
int_ = intp = _xp.int64
uint = uintp = _xp.uint64
double = _xp.float64
single = _xp.float32
half = _xp.float16
cdouble = _xp.complex128
csingle = _xp.complex64
finfo = _xp.finfo
iinfo = _xp.iinfo
ndarray = Array


class _Kind:
    """An abstract NumPy dtype kind (``np.floating``, ...) for ``issubdtype``."""

    __slots__ = ("name", "kinds")

    def __init__(self, name: str, kinds: tuple[str, ...]) -> None:
        self.name = name
        self.kinds = kinds

    def __repr__(self) -> str:
        return f"arrayshim.numpy.{self.name}"


generic = _Kind("generic", ("bool", "numeric"))
number = _Kind("number", ("numeric",))
integer = _Kind("integer", ("integral",))
signedinteger = _Kind("signedinteger", ("signed integer",))
unsignedinteger = _Kind("unsignedinteger", ("unsigned integer",))
inexact = _Kind("inexact", ("real floating", "complex floating"))
floating = _Kind("floating", ("real floating",))
complexfloating = _Kind("complexfloating", ("complex floating",))


def dtype(obj: Any) -> DType:
    """NumPy's ``dtype(...)``: the arrayshim dtype of a name, a dtype, ``int``/``float``/... or
    an array."""
    if isinstance(obj, Array):
        return obj.dtype
    return as_dtype(dt(obj), "numpy.dtype", "dtype")


_KINDS = {
    k.name: k
    for k in (
        generic,
        number,
        integer,
        signedinteger,
        unsignedinteger,
        inexact,
        floating,
        complexfloating,
    )
}


def _kind(x: Any) -> Any:
    """An abstract kind, also given as NumPy's own class of that name (``numpy.floating``)."""
    if isinstance(x, _Kind):
        return x
    if isinstance(x, type) and x not in (int, float, complex, bool):
        return _KINDS.get(x.__name__)
    return None


def issubdtype(arg1: Any, arg2: Any) -> bool:
    """Whether ``arg1`` is ``arg2`` or of the abstract kind ``arg2``."""
    arg1 = _kind(arg1) or arg1
    arg2 = _kind(arg2) or arg2
    d1 = arg1 if isinstance(arg1, _Kind) else dtype(arg1)
    if isinstance(arg2, _Kind):
        if isinstance(d1, _Kind):
            return (
                d1 is arg2
                or arg2 is generic
                or (arg2 is number and d1 is not generic)
                or (arg2 is inexact and d1 in (floating, complexfloating))
                or (arg2 is integer and d1 in (signedinteger, unsignedinteger))
            )
        return _xp.isdtype(d1, arg2.kinds)
    if isinstance(d1, _Kind):
        return False
    return d1 == dtype(arg2)


def _operand(x: Any) -> Any:
    if isinstance(x, (Array, DType)):
        return x
    if isinstance(x, (str, type)) or hasattr(x, "name"):
        return dtype(x)
    return arr(x) if isinstance(x, (list, tuple)) else x


def result_type(*arrays_and_dtypes: Any) -> DType:
    return _xp.result_type(*(_operand(x) for x in arrays_and_dtypes))


def promote_types(type1: Any, type2: Any) -> DType:
    return _xp.result_type(dtype(type1), dtype(type2))


def can_cast(from_: Any, to: Any, casting: str = "safe") -> bool:
    if casting != "safe":
        refuse("can_cast", "casting", "'safe'", casting)
    return _xp.can_cast(from_ if isinstance(from_, Array) else dtype(from_), dtype(to))


def isscalar(element: Any) -> bool:
    """True for Python numbers and strings/bytes (arrays, even 0-d, are not scalars)."""
    return isinstance(element, (int, float, complex, str, bytes))


def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Array:
    return _xp.astype(arr(x), dt(dtype), copy=copy, device=device)
