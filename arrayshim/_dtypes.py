"""Data types: arrayshim's own dtype objects, independent of any framework.

Adapters translate these to and from their framework's dtypes; nothing here imports a framework.
"""

from __future__ import annotations

import builtins

from ._errors import ArrayshimTypeError, message

__all__ = [
    "DType",
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float16",
    "float32",
    "float64",
    "complex64",
    "complex128",
    "finfo",
    "iinfo",
    "as_dtype",
]


class DType:
    """One array data type. Compared by identity; there is exactly one object per dtype."""

    __slots__ = ("name", "kind", "bits", "code")

    name: str
    kind: str  # 'b' bool, 'i' signed int, 'u' unsigned int, 'f' real float, 'c' complex
    bits: int
    code: str  # short code used in tables: 'b1', 'i4', 'f8', 'c16', ...

    def __init__(self, name: str, kind: str, bits: int) -> None:
        self.name = name
        self.kind = kind
        self.bits = bits
        self.code = "b1" if kind == "b" else f"{kind}{bits // 8}"

    def __repr__(self) -> str:
        return f"arrayshim.{self.name}"

    def __str__(self) -> str:
        return self.name

    def __reduce__(self):  # pickles to the singleton
        return (as_dtype, (self.name,))

    @property
    def itemsize(self) -> int:
        return self.bits // 8


bool = DType("bool", "b", 8)
int8 = DType("int8", "i", 8)
int16 = DType("int16", "i", 16)
int32 = DType("int32", "i", 32)
int64 = DType("int64", "i", 64)
uint8 = DType("uint8", "u", 8)
uint16 = DType("uint16", "u", 16)
uint32 = DType("uint32", "u", 32)
uint64 = DType("uint64", "u", 64)
float16 = DType("float16", "f", 16)
float32 = DType("float32", "f", 32)
float64 = DType("float64", "f", 64)
complex64 = DType("complex64", "c", 64)
complex128 = DType("complex128", "c", 128)

ALL: tuple[DType, ...] = (
    bool,
    int8,
    int16,
    int32,
    int64,
    uint8,
    uint16,
    uint32,
    uint64,
    float16,
    float32,
    float64,
    complex64,
    complex128,
)
BY_NAME: dict[str, DType] = {d.name: d for d in ALL}
BY_CODE: dict[str, DType] = {d.code: d for d in ALL}
SIGNED = (int8, int16, int32, int64)
UNSIGNED = (uint8, uint16, uint32, uint64)
INTEGER = SIGNED + UNSIGNED
REAL_FLOATING = (float16, float32, float64)
COMPLEX_FLOATING = (complex64, complex128)
FLOATING = REAL_FLOATING + COMPLEX_FLOATING
NUMERIC = INTEGER + FLOATING

#: complex dtype -> its real component dtype, and back
REAL_OF = {complex64: float32, complex128: float64}
COMPLEX_OF = {float16: complex64, float32: complex64, float64: complex128}

_ALIASES = {
    "bool_": bool,
    "float": float64,
    "double": float64,
    "half": float16,
    "cfloat": complex64,
}


def as_dtype(obj: object, func: str = "astype", arg: str = "dtype") -> DType:
    """Turn an arrayshim dtype, a dtype name, or a framework dtype into an arrayshim :class:`DType`.

    >>> as_dtype("float32") is float32
    True
    """
    if type(obj) is DType:
        return obj
    if isinstance(obj, str):
        found = BY_NAME.get(obj) or _ALIASES.get(obj)
        if found is not None:
            return found
    elif obj is builtins.bool:
        return bool
    else:
        # Framework dtypes: np.float32 / np.dtype('float32') / torch.float32 / tf.float32.
        name = getattr(obj, "name", None) if not isinstance(obj, type) else obj.__name__
        if isinstance(name, str):
            name = name.removeprefix("torch.")
            found = BY_NAME.get(name) or _ALIASES.get(name)
            if found is not None:
                return found
        text = str(obj).removeprefix("torch.")
        if text in BY_NAME:
            return BY_NAME[text]
    raise ArrayshimTypeError(
        message(
            func,
            arg,
            "a dtype: one of "
            + ", ".join(d.name for d in ALL)
            + " (an arrayshim dtype, its name, or the framework's dtype)",
            repr(obj),
        )
    )


class finfo_object:
    """Machine limits of a floating-point dtype (the Array API's ``finfo`` result)."""

    __slots__ = ("bits", "eps", "max", "min", "smallest_normal", "dtype")

    def __init__(
        self, bits: int, eps: float, max: float, min: float, smallest_normal: float, dtype: DType
    ) -> None:
        self.bits, self.eps, self.max, self.min = bits, eps, max, min
        self.smallest_normal, self.dtype = smallest_normal, dtype

    def __repr__(self) -> str:
        return (
            f"finfo(bits={self.bits}, eps={self.eps}, max={self.max}, min={self.min}, "
            f"smallest_normal={self.smallest_normal}, dtype={self.dtype})"
        )


class iinfo_object:
    """Machine limits of an integer dtype (the Array API's ``iinfo`` result)."""

    __slots__ = ("bits", "max", "min", "dtype")

    def __init__(self, bits: int, max: int, min: int, dtype: DType) -> None:
        self.bits, self.max, self.min, self.dtype = bits, max, min, dtype

    def __repr__(self) -> str:
        return f"iinfo(bits={self.bits}, max={self.max}, min={self.min}, dtype={self.dtype})"


_FINFO = {
    float16: finfo_object(16, 2.0**-10, 65504.0, -65504.0, 2.0**-14, float16),
    float32: finfo_object(
        32, 2.0**-23, (2 - 2.0**-23) * 2.0**127, -(2 - 2.0**-23) * 2.0**127, 2.0**-126, float32
    ),
    float64: finfo_object(
        64, 2.0**-52, 1.7976931348623157e308, -1.7976931348623157e308, 2.0**-1022, float64
    ),
}


def _dtype_of(type_or_array: object, func: str) -> DType:
    dt = getattr(type_or_array, "dtype", None)
    if dt is not None and not isinstance(type_or_array, (str, type)):
        return as_dtype(dt, func, "type")
    return as_dtype(type_or_array, func, "type")


def finfo(type: object, /) -> finfo_object:
    """Machine limits of a floating-point dtype (for complex: of its real component)."""
    dt = _dtype_of(type, "finfo")
    dt = REAL_OF.get(dt, dt)
    if dt.kind != "f":
        raise ArrayshimTypeError(message("finfo", "type", "a floating-point dtype", dt.name))
    return _FINFO[dt]


def iinfo(type: object, /) -> iinfo_object:
    """Machine limits of an integer dtype."""
    dt = _dtype_of(type, "iinfo")
    if dt.kind == "i":
        return iinfo_object(dt.bits, 2 ** (dt.bits - 1) - 1, -(2 ** (dt.bits - 1)), dt)
    if dt.kind == "u":
        return iinfo_object(dt.bits, 2**dt.bits - 1, 0, dt)
    raise ArrayshimTypeError(message("iinfo", "type", "an integer dtype", dt.name))


def isdtype(dtype: DType, kind: object) -> builtins.bool:
    """Array API ``isdtype``: is ``dtype`` of ``kind`` (a dtype, a kind name, or a tuple of
    them)."""
    if isinstance(kind, tuple):
        return any(isdtype(dtype, k) for k in kind)
    if type(kind) is DType:
        return dtype is kind
    groups = {
        "bool": (bool,),
        "signed integer": SIGNED,
        "unsigned integer": UNSIGNED,
        "integral": INTEGER,
        "real floating": REAL_FLOATING,
        "complex floating": COMPLEX_FLOATING,
        "numeric": NUMERIC,
    }
    if kind not in groups:
        raise ArrayshimTypeError(
            message(
                "isdtype",
                "kind",
                "a dtype, one of " + ", ".join(map(repr, groups)) + ", or a tuple of these",
                repr(kind),
            )
        )
    return dtype in groups[kind]
