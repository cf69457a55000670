"""Every name of the Array API standard, version 2025.12, by the standard's own sections
(from the specification's stubs, ``src/array_api_stubs/_2025_12``). The report has one row
per name; a name without a case shows as ``untested``."""

from __future__ import annotations

VERSION = "2025.12"

SECTIONS: dict[str, tuple[str, ...]] = {
    "constants": ("e", "inf", "nan", "newaxis", "pi"),
    "data types": ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                   "float32", "float64", "complex64", "complex128"),
    "creation": ("arange", "asarray", "empty", "empty_like", "eye", "from_dlpack", "full", "full_like",
                 "linspace", "meshgrid", "ones", "ones_like", "tril", "triu", "zeros", "zeros_like"),
    "data type functions": ("astype", "can_cast", "finfo", "iinfo", "isdtype", "result_type"),
    "elementwise": (
        "abs", "acos", "acosh", "add", "asin", "asinh", "atan", "atan2", "atanh", "bitwise_and",
        "bitwise_left_shift", "bitwise_invert", "bitwise_or", "bitwise_right_shift", "bitwise_xor", "ceil",
        "clip", "conj", "copysign", "cos", "cosh", "divide", "equal", "exp", "expm1", "floor", "floor_divide",
        "greater", "greater_equal", "hypot", "imag", "isfinite", "isinf", "isnan", "less", "less_equal", "log",
        "log1p", "log2", "log10", "logaddexp", "logical_and", "logical_not", "logical_or", "logical_xor",
        "maximum", "minimum", "multiply", "negative", "nextafter", "not_equal", "positive", "pow", "real",
        "reciprocal", "remainder", "round", "sign", "signbit", "sin", "sinh", "square", "sqrt", "subtract",
        "tan", "tanh", "trunc",
    ),
    "indexing": ("take", "take_along_axis"),
    "inspection": ("__array_namespace_info__.capabilities", "__array_namespace_info__.default_device",
                   "__array_namespace_info__.default_dtypes", "__array_namespace_info__.devices",
                   "__array_namespace_info__.dtypes"),
    "linear algebra": ("matmul", "matrix_transpose", "tensordot", "vecdot"),
    "manipulation": ("broadcast_arrays", "broadcast_shapes", "broadcast_to", "concat", "expand_dims", "flip",
                     "moveaxis", "permute_dims", "repeat", "reshape", "roll", "squeeze", "stack", "tile",
                     "unstack"),
    "searching": ("argmax", "argmin", "count_nonzero", "nonzero", "searchsorted", "where"),
    "set": ("isin", "unique_all", "unique_counts", "unique_inverse", "unique_values"),
    "sorting": ("argsort", "sort"),
    "statistical": ("cumulative_prod", "cumulative_sum", "max", "mean", "min", "prod", "std", "sum", "var"),
    "utility": ("all", "any", "diff"),
    "array object": (
        "Array.__abs__", "Array.__add__", "Array.__and__", "Array.__array_namespace__", "Array.__bool__",
        "Array.__complex__", "Array.__dlpack__", "Array.__dlpack_device__", "Array.__eq__", "Array.__float__",
        "Array.__floordiv__", "Array.__ge__", "Array.__getitem__", "Array.__gt__", "Array.__index__",
        "Array.__int__", "Array.__invert__", "Array.__le__", "Array.__lshift__", "Array.__lt__",
        "Array.__matmul__", "Array.__mod__", "Array.__mul__", "Array.__ne__", "Array.__neg__", "Array.__or__",
        "Array.__pos__", "Array.__pow__", "Array.__rshift__", "Array.__setitem__", "Array.__sub__",
        "Array.__truediv__", "Array.__xor__", "Array.to_device", "Array.T", "Array.device", "Array.dtype",
        "Array.mT", "Array.ndim", "Array.shape", "Array.size",
    ),
    "array object, reflected and in-place": tuple(
        f"Array.__{p}{op}__"
        for op in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor",
                   "lshift", "rshift")
        for p in ("r", "i")
    ),
    "linalg extension": tuple(f"linalg.{n}" for n in (
        "cholesky", "cross", "det", "diagonal", "eig", "eigh", "eigvals", "eigvalsh", "inv", "matmul",
        "matrix_norm", "matrix_power", "matrix_rank", "matrix_transpose", "outer", "pinv", "qr", "slogdet",
        "solve", "svd", "svdvals", "tensordot", "trace", "vecdot", "vector_norm",
    )),
    "fft extension": tuple(f"fft.{n}" for n in (
        "fft", "ifft", "fftn", "ifftn", "rfft", "irfft", "rfftn", "irfftn", "hfft", "ihfft", "fftfreq",
        "rfftfreq", "fftshift", "ifftshift",
    )),
}

NAMES: tuple[str, ...] = tuple(n for names in SECTIONS.values() for n in names)
SECTION_OF: dict[str, str] = {n: s for s, names in SECTIONS.items() for n in names}
