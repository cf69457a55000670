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

from . import random
from ._agnostic import agnostic
from ._array import Array
from ._context import use_backend, use_device, use_promotion
from ._convert import convert
from ._creation import (
    arange,
    asarray,
    astype,
    devices,
    empty,
    empty_like,
    eye,
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
    add,
    bitwise_and,
    bitwise_invert,
    bitwise_left_shift,
    bitwise_or,
    bitwise_right_shift,
    bitwise_xor,
    cos,
    divide,
    equal,
    exp,
    floor_divide,
    greater,
    greater_equal,
    less,
    less_equal,
    log,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    maximum,
    minimum,
    multiply,
    negative,
    not_equal,
    positive,
    pow,
    remainder,
    sin,
    sqrt,
    subtract,
    tanh,
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
from ._linalg import matmul
from ._manipulation import broadcast_to, concat, expand_dims, permute_dims, reshape, squeeze, stack
from ._registry import installed as installed_backends
from ._registry import register_backend
from ._searching import where
from ._statistical import max, mean, min, prod, std, sum, var
from ._transforms import grad, jacobian, jit, value_and_grad, vmap

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
    from ._context import current_backend

    return current_backend().name


def get_promotion() -> str:
    """The name of the promotion policy in force now."""
    from ._context import current_policy

    return current_policy().name


__all__ = [
    "Array", "ArrayshimError", "ArrayshimIndexError", "ArrayshimNotImplementedError",
    "ArrayshimOverflowError", "ArrayshimTypeError", "ArrayshimValueError", "AxisError",
    "BackendNotFoundError", "DType", "Device", "DeviceError", "abs", "add", "agnostic", "arange",
    "asarray", "astype", "bitwise_and", "bitwise_invert", "bitwise_left_shift", "bitwise_or",
    "bitwise_right_shift", "bitwise_xor", "bool", "broadcast_to", "can_cast", "complex64",
    "complex128", "concat", "convert", "cos", "devices", "divide", "e", "empty", "empty_like", "equal",
    "exp", "expand_dims", "eye", "finfo", "float16", "float32", "float64", "floor_divide",
    "full", "full_like", "get_backend", "grad", "get_promotion", "greater", "greater_equal", "iinfo",
    "inf", "installed_backends", "int8", "int16", "int32", "int64", "isdtype", "jacobian", "jit", "less",
    "less_equal", "linspace", "log", "logical_and", "logical_not", "logical_or", "logical_xor",
    "matmul", "max", "maximum", "mean", "min", "minimum", "multiply", "nan", "negative",
    "newaxis", "not_equal", "ones", "ones_like", "permute_dims", "pi", "positive", "pow", "prod", "random",
    "register_backend", "remainder", "reshape", "result_type", "sin", "sqrt", "squeeze", "stack",
    "std", "subtract", "sum", "tanh", "to_device", "to_native", "uint8", "uint16", "uint32",
    "uint64", "use_backend", "use_device", "use_promotion", "value_and_grad", "var", "vmap", "where", "zeros", "zeros_like",
]
