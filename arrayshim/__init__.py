"""arrayshim: write array code once; run it on NumPy, PyTorch or TensorFlow.

``import arrayshim as xp`` imports no framework: a backend loads on first use.

>>> import arrayshim as xp
>>> a = xp.ones((5, 3), dtype=xp.float32)
>>> b = xp.asarray([1, 2, 3])
>>> (a + b).dtype
arrayshim.float64
"""

from __future__ import annotations

import math as _math

from . import _context, _operators
from ._agnostic import agnostic
from ._array import Array
from ._composed import meshgrid, tril, triu
from ._context import use_backend, use_device, use_promotion
from ._creation import (
    arange,
    asarray,
    astype,
    devices,
    empty,
    empty_like,
    eye,
    from_dlpack,
    full,
    full_like,
    linspace,
    ones,
    ones_like,
    to_device,
    to_native,
    zeros,
    zeros_like,
)
from ._data_types import can_cast, result_type
from ._devices import Device
from ._dtypes import (
    DType,
    bool,
    complex64,
    complex128,
    finfo,
    float16,
    float32,
    float64,
    iinfo,
    int8,
    int16,
    int32,
    int64,
    isdtype,
    uint8,
    uint16,
    uint32,
    uint64,
)
from ._elementwise import (
    abs,
    acos,
    acosh,
    add,
    asin,
    asinh,
    atan,
    atan2,
    atanh,
    bitwise_and,
    bitwise_invert,
    bitwise_left_shift,
    bitwise_or,
    bitwise_right_shift,
    bitwise_xor,
    ceil,
    clip,
    conj,
    copysign,
    cos,
    cosh,
    divide,
    equal,
    exp,
    expm1,
    floor,
    floor_divide,
    greater,
    greater_equal,
    hypot,
    imag,
    isfinite,
    isinf,
    isnan,
    less,
    less_equal,
    log,
    log1p,
    log2,
    log10,
    logaddexp,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    maximum,
    minimum,
    multiply,
    negative,
    nextafter,
    not_equal,
    positive,
    pow,
    real,
    reciprocal,
    remainder,
    round,
    sign,
    signbit,
    sin,
    sinh,
    sqrt,
    square,
    subtract,
    tan,
    tanh,
    trunc,
)
from ._errors import (
    ArrayshimError,
    ArrayshimIndexError,
    ArrayshimNotImplementedError,
    ArrayshimOverflowError,
    ArrayshimTypeError,
    ArrayshimValueError,
    AxisError,
    BackendNotFoundError,
    DeviceError,
)
from ._indexing_functions import take, take_along_axis
from ._info import __array_namespace_info__
from ._linalg import matmul, matrix_transpose, tensordot, vecdot
from ._manipulation import (
    broadcast_arrays,
    broadcast_shapes,
    broadcast_to,
    concat,
    expand_dims,
    flip,
    moveaxis,
    permute_dims,
    repeat,
    reshape,
    roll,
    squeeze,
    stack,
    tile,
    unstack,
)
from ._registry import installed as installed_backends
from ._registry import register_backend
from ._searching import argmax, argmin, count_nonzero, nonzero, searchsorted, where
from ._set import isin, unique_all, unique_counts, unique_inverse, unique_values
from ._sorting import argsort, sort
from ._statistical import cumulative_prod, cumulative_sum, max, mean, min, prod, std, sum, var
from ._utility import all, any, diff

_operators.bind()  # Array's operators route through the functions imported above

# Tools that most array code never calls load on first use (PEP 562), to keep
# `import arrayshim` fast; type checkers see them through the block below.
_LAZY = {
    "random": "random",
    "compare": "_compare",
    "convert": "_convert",
    "grad": "_transforms",
    "jacobian": "_transforms",
    "jit": "_transforms",
    "value_and_grad": "_transforms",
    "vmap": "_transforms",
    "linalg": "linalg",
    "fft": "fft",
}
TYPE_CHECKING = False
if TYPE_CHECKING:
    from . import fft, linalg, random
    from ._compare import compare
    from ._convert import convert
    from ._transforms import grad, jacobian, jit, value_and_grad, vmap


def __getattr__(name: str) -> object:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'arrayshim' has no attribute {name!r}")
    import importlib

    module = importlib.import_module(f"{__name__}.{module_name}")
    value = module if name in ("random", "linalg", "fft") else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "0.1.0"
__array_api_version__ = "2025.12"
SUPPORTED_API_VERSIONS = ("2025.12",)

e = _math.e
pi = _math.pi
inf = _math.inf
nan = _math.nan
newaxis = None


def get_backend() -> str:
    """The name of the backend that a call with no array argument would use now."""
    return _context.current_backend().name


def get_promotion() -> str:
    """The name of the promotion policy in force now."""
    return _context.current_policy().name


__all__ = [
    "Array",
    "ArrayshimError",
    "ArrayshimIndexError",
    "ArrayshimNotImplementedError",
    "ArrayshimOverflowError",
    "ArrayshimTypeError",
    "ArrayshimValueError",
    "AxisError",
    "BackendNotFoundError",
    "DType",
    "Device",
    "DeviceError",
    "abs",
    "add",
    "agnostic",
    "all",
    "any",
    "arange",
    "argmax",
    "argmin",
    "argsort",
    "asarray",
    "astype",
    "bitwise_and",
    "bitwise_invert",
    "bitwise_left_shift",
    "bitwise_or",
    "bitwise_right_shift",
    "bitwise_xor",
    "bool",
    "broadcast_arrays",
    "broadcast_shapes",
    "broadcast_to",
    "can_cast",
    "complex128",
    "complex64",
    "concat",
    "cos",
    "count_nonzero",
    "cumulative_prod",
    "cumulative_sum",
    "devices",
    "diff",
    "divide",
    "e",
    "empty",
    "empty_like",
    "equal",
    "exp",
    "expand_dims",
    "eye",
    "finfo",
    "flip",
    "float16",
    "float32",
    "float64",
    "floor_divide",
    "full",
    "full_like",
    "get_backend",
    "get_promotion",
    "greater",
    "greater_equal",
    "iinfo",
    "inf",
    "installed_backends",
    "int16",
    "int32",
    "int64",
    "int8",
    "isdtype",
    "isin",
    "less",
    "less_equal",
    "linspace",
    "log",
    "logical_and",
    "logical_not",
    "logical_or",
    "logical_xor",
    "matmul",
    "matrix_transpose",
    "max",
    "maximum",
    "mean",
    "min",
    "minimum",
    "moveaxis",
    "multiply",
    "nan",
    "negative",
    "newaxis",
    "nonzero",
    "not_equal",
    "ones",
    "ones_like",
    "permute_dims",
    "pi",
    "positive",
    "pow",
    "prod",
    "register_backend",
    "remainder",
    "repeat",
    "reshape",
    "result_type",
    "roll",
    "searchsorted",
    "sin",
    "sort",
    "sqrt",
    "squeeze",
    "stack",
    "std",
    "subtract",
    "sum",
    "take",
    "take_along_axis",
    "tanh",
    "tensordot",
    "tile",
    "to_device",
    "to_native",
    "uint16",
    "uint32",
    "uint64",
    "uint8",
    "unique_all",
    "unique_counts",
    "unique_inverse",
    "unique_values",
    "unstack",
    "use_backend",
    "use_device",
    "use_promotion",
    "var",
    "vecdot",
    "where",
    "zeros",
    "zeros_like",
]
# the rest of the elementwise functions and the inspection API (Array API 2025.12)
__all__ += [
    "__array_namespace_info__",
    "acos",
    "acosh",
    "asin",
    "asinh",
    "atan",
    "atan2",
    "atanh",
    "ceil",
    "clip",
    "conj",
    "copysign",
    "cosh",
    "expm1",
    "floor",
    "hypot",
    "imag",
    "isfinite",
    "isinf",
    "isnan",
    "log1p",
    "log2",
    "log10",
    "logaddexp",
    "nextafter",
    "real",
    "reciprocal",
    "round",
    "sign",
    "signbit",
    "sinh",
    "square",
    "tan",
    "trunc",
]
# creation functions of the standard composed from the others
__all__ += ["from_dlpack", "meshgrid", "tril", "triu"]
# conversion, random numbers and function transforms
__all__ += ["compare", "convert", "grad", "jacobian", "jit", "random", "value_and_grad", "vmap"]
# the linalg and fft extensions (Array API 2025.12), loaded on first use
__all__ += ["fft", "linalg"]
