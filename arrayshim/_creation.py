"""Creation functions, ``astype``, ``to_device`` and ``to_native``."""

from __future__ import annotations

import math
import operator

from . import _context, _dtypes, _promotion, _registry
from ._array import Array, _new, describe
from ._dispatch import as_array, kernel, run, target_device, wrap
from ._dtypes import DType, as_dtype
from ._errors import ArrayshimOverflowError, ArrayshimTypeError, ArrayshimValueError, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .backend_api import Backend

_KIND_ORDER = "bifc"
_PY_KIND = {bool: "b", int: "i", float: "f", complex: "c"}
_PY_TYPES = frozenset(_PY_KIND)


def _shape_arg(shape: Any, func: str) -> tuple[int, ...]:
    if isinstance(shape, int) and not isinstance(shape, bool):
        shape = (shape,)
    try:
        out = tuple(operator.index(n) for n in shape)
    except TypeError:
        raise ArrayshimTypeError(
            message(func, "shape", "an int or a tuple of ints", describe(shape))
        ) from None
    if any(n < 0 for n in out):
        raise ArrayshimValueError(message(func, "shape", "non-negative sizes", repr(shape)))
    return out


def _dtype_arg(dtype: Any, func: str) -> DType | None:
    return None if dtype is None else as_dtype(dtype, func, "dtype")


def _target(func: str, device: Any) -> tuple[Any, Any]:
    b = _context.current_backend()
    return b, target_device(b, device, func)


def _check_native_dtype(b: Any, dtype: DType, func: str) -> None:
    try:
        b.native_dtype(dtype)
    except TypeError as exc:
        why = f" ({exc})" if str(exc) else ""  # the adapter's reason, e.g. JAX's 32-bit mode
        raise ArrayshimTypeError(
            message(func, "dtype", f"a dtype backend {b.name!r} supports{why}", dtype.name)
        ) from None


def _infer(obj: Any, func: str) -> tuple[tuple[int | None, ...], str]:
    """Shape and kind ('b', 'i', 'f', 'c') of nested Python data; ragged data is an error."""
    kind = _PY_KIND.get(type(obj))
    if kind is not None:
        return (), kind
    if type(obj) is Array:
        return obj.shape, obj._dtype.kind if obj._dtype.kind != "u" else "i"
    if isinstance(obj, (list, tuple)):
        if not obj:
            return (0,), "f"
        types = set(map(type, obj))
        if types <= _PY_TYPES:  # flat Python scalars: one pass in C, not a call per element
            return (len(obj),), max((_PY_KIND[t] for t in types), key=_KIND_ORDER.index)
        parts = [_infer(item, func) for item in obj]
        shape0 = parts[0][0]
        for i, (shape, _) in enumerate(parts):
            if shape != shape0:
                raise ArrayshimValueError(
                    message(
                        func,
                        "obj",
                        "a nested sequence with a regular (non-ragged) shape",
                        f"an element of shape {shape0} and element {i} of shape {shape}",
                    )
                )
        kinds = {k for _, k in parts}
        return (len(obj),) + shape0, max(kinds, key=_KIND_ORDER.index)
    raise ArrayshimTypeError(
        message(
            func, "obj", "an array, a Python scalar, or a nested sequence of them", describe(obj)
        )
    )


def _check_values_fit(obj: Any, dtype: DType, func: str) -> None:
    """Python ints must fit an integer dtype: no silent wraparound on any backend."""
    if dtype.kind not in "iu":
        return
    if type(obj) is int:
        _promotion.check_int_fits(obj, dtype, func, "obj")
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            _check_values_fit(item, dtype, func)


def _check_floats_fit(obj: Any, dtype: DType, func: str) -> None:
    """Python floats going into an integer dtype must be finite and fit after truncation, as
    NumPy requires (``ValueError`` for NaN, ``OverflowError`` otherwise): no backend wraps or
    saturates them silently."""
    if type(obj) is float:
        if obj != obj:
            raise ArrayshimValueError(
                message(
                    func,
                    "obj",
                    f"values representable in {dtype.name}",
                    "nan (NaN cannot be converted to an integer)",
                )
            )
        if obj in (math.inf, -math.inf):
            raise ArrayshimOverflowError(
                message(func, "obj", f"values representable in {dtype.name}", f"{obj!r}")
            )
        _promotion.check_int_fits(int(obj), dtype, func, "obj")
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            _check_floats_fit(item, dtype, func)


def saturating_cast(b: Any, dev: Any, native: Any, src: DType, dt: DType) -> Any:
    """``native`` (real floats of dtype ``src``) cast to integer dtype ``dt`` with arrayshim's
    defined result where C leaves it undefined: NaN -> 0, values beyond the range (infinities
    included) -> the dtype's min or max; the rest truncated toward zero. The frameworks differ
    there (and by CPU), so this is done here, once, with each backend's own kernels."""
    import numpy as np

    info = np.iinfo(dt.name)
    ftype = np.dtype(src.name).type
    top = np.finfo(ftype).max
    with np.errstate(over="ignore"):
        hi = min(ftype(info.max), top)
        if int(hi) > info.max:  # rounded up: take the next float down
            hi = np.nextafter(hi, ftype(0))
        lo = max(ftype(info.min), -top)  # a power of two (or 0): exact, or float16's lowest

    def const(v: Any) -> Any:
        return b.asarray(float(v), src, dev, None)

    greater, less, not_equal = (kernel(b, n, src, dev) for n in ("greater", "less", "not_equal"))
    logical_or = kernel(b, "logical_or", _dtypes.bool, dev)
    above = greater(native, const(hi))
    below = less(native, const(lo))
    bad = logical_or(logical_or(above, below), not_equal(native, native))
    safe = b.astype(b.where(bad, const(0), native), dt, False)
    out = b.where(above, b.asarray(int(info.max), dt, dev, None), safe)
    return b.where(below, b.asarray(int(info.min), dt, dev, None), out)


def _astype(b: Any, dev: Any, native: Any, src: DType, dt: DType, copy: bool) -> Any:
    if src.kind == "c" and dt.kind in "iu":  # the real part, as NumPy (and every backend) takes
        real = _dtypes.REAL_OF[src]
        native, src = run(b, dev, b.astype, native, real, False), real
    if src.kind == "f" and dt.kind in "iu":
        return run(b, dev, saturating_cast, b, dev, native, src, dt)
    return run(b, dev, b.astype, native, dt, copy)


def asarray(
    obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None
) -> Array:
    """An Array from an Array, a framework array, a Python scalar or nested sequence.

    An arrayshim Array keeps its backend. Anything else becomes an array of the *current*
    backend (``use_backend`` block, ``ARRAYSHIM_BACKEND``, NumPy): a native array of that backend
    is wrapped without a copy; one of another framework is converted (zero-copy through
    DLPack where the frameworks allow), so ``xp.asarray(np.load(path))`` follows the selection.
    Python data gets NumPy 2's default dtypes (``int64``, ``float64``; ``float32`` under the
    ``float32`` policy).
    """
    dt = _dtype_arg(dtype, "asarray")
    tp = type(obj)
    if tp is not Array and tp not in _PY_KIND and tp is not list and tp is not tuple:
        source = _registry.for_type(tp)
        if source is not None:
            b = _context.current_backend()
            if source is b:
                obj = wrap(obj, b)
            else:
                native = _convert(obj, source, b, dt, target_device(b, device, "asarray"), copy)
                return _new(native, b, b.dtype_of(native), b.device_of(native))
    if type(obj) is Array:
        a = obj
        b = a._backend
        native = a._native
        if device is not None:
            dev = target_device(b, device, "asarray")
            if dev is not a._device:
                if copy is False:
                    raise ArrayshimValueError(
                        message(
                            "asarray",
                            "copy",
                            "True or None when moving to another device",
                            "copy=False",
                        )
                    )
                native, copy = b.to_device(native, dev), False
        else:
            dev = a._device
        if dt is not None and dt is not a._dtype:
            if copy is False:
                raise ArrayshimValueError(
                    message("asarray", "copy", "True or None when changing dtype", "copy=False")
                )
            _check_native_dtype(b, dt, "asarray")
            native, copy = _astype(b, dev, native, a._dtype, dt, True), False
        if copy:
            native = b.asarray(native, dt or a._dtype, dev, True)
        if native is a._native and tp is Array:
            return obj
        return _new(native, b, dt or a._dtype, dev)
    b, dev = _target("asarray", device)
    if hasattr(obj, "__dlpack__") and tp is not list and tp is not tuple:
        native = _convert(obj, None, b, dt, dev, copy)
        return _new(native, b, b.dtype_of(native), dev)
    shape, kind = _infer(obj, "asarray")
    policy = _context.current_policy()
    if dt is None:
        dt = _promotion.default_dtype_of_scalar(kind, policy)
    _check_values_fit(obj, dt, "asarray")
    if dt.kind in "iu" and kind == "f":
        _check_floats_fit(obj, dt, "asarray")
    _check_native_dtype(b, dt, "asarray")
    return _new(b.asarray(obj, dt, dev, copy), b, dt, dev)


def _convert(obj: Any, source: Any, b: Any, dt: DType | None, dev: Any, copy: bool | None) -> Any:
    """A native array of backend ``b`` from another framework's array ``obj``: through DLPack
    when the data can be shared, else through a host copy. The dtype is kept exactly unless
    ``dt`` asks for another."""
    native = None
    if hasattr(obj, "__dlpack__") and copy is not True:
        try:
            native = b.from_dlpack(obj, dev, copy)
        except Exception:
            if copy is False:
                raise ArrayshimValueError(
                    message(
                        "asarray",
                        "copy",
                        "True or None (this conversion needs a copy)",
                        "copy=False",
                    )
                ) from None
    if native is None:
        if copy is False:
            raise ArrayshimValueError(
                message(
                    "asarray", "copy", "True or None (this conversion needs a copy)", "copy=False"
                )
            )
        host = source.to_numpy(obj) if source is not None else obj
        kept = source.dtype_of(obj) if source is not None else None
        native = b.asarray(host, kept or _registry.get("numpy").dtype_of(host), dev, copy)
    if b.device_of(native) is not dev:
        native = b.to_device(native, dev)
    if dt is not None and b.dtype_of(native) is not dt:
        if copy is False:
            raise ArrayshimValueError(
                message("asarray", "copy", "True or None when changing dtype", "copy=False")
            )
        _check_native_dtype(b, dt, "asarray")
        native = _astype(b, dev, native, b.dtype_of(native), dt, False)
    return native


def _fill_dtype(value: Any, dtype: DType | None, func: str) -> DType:
    kind = _PY_KIND.get(type(value))
    if kind is None:
        raise ArrayshimTypeError(
            message(func, "fill_value", "a Python bool, int, float or complex", describe(value))
        )
    if dtype is None:
        return _promotion.default_dtype_of_scalar(kind, _context.current_policy())
    if kind == "i" and dtype.kind in "iu":
        _promotion.check_int_fits(value, dtype, func, "fill_value")
    elif _KIND_ORDER.index(kind) > _KIND_ORDER.index({"u": "i"}.get(dtype.kind, dtype.kind)):
        raise ArrayshimTypeError(
            message(func, "fill_value", f"a value representable in {dtype.name}", f"{value!r}")
        )
    return dtype


def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Array:
    shape = _shape_arg(shape, "full")
    dt = _fill_dtype(fill_value, _dtype_arg(dtype, "full"), "full")
    b, dev = _target("full", device)
    _check_native_dtype(b, dt, "full")
    return _new(b.full(shape, fill_value, dt, dev), b, dt, dev)


def _float_default(dtype: Any, func: str) -> DType:
    dt = _dtype_arg(dtype, func)
    return dt if dt is not None else _context.current_policy().default_float


def zeros(shape: Any, *, dtype: Any = None, device: Any = None) -> Array:
    dt = _float_default(dtype, "zeros")
    return full(shape, False if dt is _dtypes.bool else 0, dtype=dt, device=device)


def ones(shape: Any, *, dtype: Any = None, device: Any = None) -> Array:
    dt = _float_default(dtype, "ones")
    return full(shape, True if dt is _dtypes.bool else 1, dtype=dt, device=device)


def empty(shape: Any, *, dtype: Any = None, device: Any = None) -> Array:
    shape = _shape_arg(shape, "empty")
    dt = _float_default(dtype, "empty")
    b, dev = _target("empty", device)
    _check_native_dtype(b, dt, "empty")
    return _new(b.empty(shape, dt, dev), b, dt, dev)


def arange(
    start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
) -> Array:
    """Values ``start, start + step, ...`` below ``stop``; as many on every backend."""
    if stop is None:
        start, stop = 0, start
    for name, v in (("start", start), ("stop", stop), ("step", step)):
        if type(v) not in (int, float) and type(v) is not bool:
            raise ArrayshimTypeError(message("arange", name, "a Python int or float", describe(v)))
    if step == 0:
        raise ArrayshimValueError(message("arange", "step", "a non-zero step", repr(step)))
    dt = _dtype_arg(dtype, "arange")
    all_int = all(type(v) in (int, bool) for v in (start, stop, step))
    if dt is None:
        dt = (
            _context.current_policy().default_int
            if all_int
            else _context.current_policy().default_float
        )
    num = max(0, -((start - stop) // step)) if all_int else max(0, math.ceil((stop - start) / step))
    if dt.kind in "iu" and num:
        _promotion.check_int_fits(int(start), dt, "arange", "start")
        _promotion.check_int_fits(int(start + (num - 1) * step), dt, "arange", "stop")
    b, dev = _target("arange", device)
    _check_native_dtype(b, dt, "arange")
    return _new(b.arange(start, step, int(num), dt, dev), b, dt, dev)


def linspace(
    start: Any,
    stop: Any,
    /,
    num: int,
    *,
    dtype: Any = None,
    device: Any = None,
    endpoint: bool = True,
) -> Array:
    num = operator.index(num)
    if num < 0:
        raise ArrayshimValueError(message("linspace", "num", "a non-negative int", repr(num)))
    dt = _dtype_arg(dtype, "linspace")
    policy = _context.current_policy()
    if dt is None:
        dt = (
            policy.default_complex if complex in (type(start), type(stop)) else policy.default_float
        )
    if dt.kind not in "fc":
        raise ArrayshimTypeError(message("linspace", "dtype", "a floating-point dtype", dt.name))
    b, dev = _target("linspace", device)
    _check_native_dtype(b, dt, "linspace")
    return _new(b.linspace(start, stop, num, bool(endpoint), dt, dev), b, dt, dev)


def eye(
    n_rows: int, n_cols: int | None = None, /, *, k: int = 0, dtype: Any = None, device: Any = None
) -> Array:
    n_rows = operator.index(n_rows)
    n_cols = n_rows if n_cols is None else operator.index(n_cols)
    if n_rows < 0 or n_cols < 0:
        raise ArrayshimValueError(
            message("eye", "n_rows, n_cols", "non-negative ints", f"{n_rows}, {n_cols}")
        )
    dt = _float_default(dtype, "eye")
    b, dev = _target("eye", device)
    _check_native_dtype(b, dt, "eye")
    return _new(b.eye(n_rows, n_cols, operator.index(k), dt, dev), b, dt, dev)


def _like(func: str, x: Any, dtype: Any, device: Any) -> tuple[Any, DType, Any]:
    a = as_array(x, func, "x")
    dt = _dtype_arg(dtype, func) or a._dtype
    dev = a._device if device is None else target_device(a._backend, device, func)
    _check_native_dtype(a._backend, dt, func)
    return a, dt, dev


def full_like(x: Any, /, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Array:
    a, dt, dev = _like("full_like", x, dtype, device)
    dt = _fill_dtype(fill_value, dt, "full_like")
    return _new(a._backend.full(a.shape, fill_value, dt, dev), a._backend, dt, dev)


def zeros_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Array:
    a, dt, dev = _like("zeros_like", x, dtype, device)
    return _new(
        a._backend.full(a.shape, False if dt is _dtypes.bool else 0, dt, dev), a._backend, dt, dev
    )


def ones_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Array:
    a, dt, dev = _like("ones_like", x, dtype, device)
    return _new(
        a._backend.full(a.shape, True if dt is _dtypes.bool else 1, dt, dev), a._backend, dt, dev
    )


def empty_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Array:
    a, dt, dev = _like("empty_like", x, dtype, device)
    return _new(a._backend.empty(a.shape, dt, dev), a._backend, dt, dev)


def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Array:
    """``x`` in ``dtype`` — the one way to narrow a dtype. Values follow C casting rules."""
    a = as_array(x, "astype", "x")
    dt = as_dtype(dtype, "astype", "dtype")
    b = a._backend
    native = a._native
    dev = a._device
    if device is not None:
        dev = target_device(b, device, "astype")
        if dev is not a._device:
            native, copy = b.to_device(native, dev), False
    if dt is a._dtype and not copy:
        return a if native is a._native else _new(native, b, dt, dev)
    _check_native_dtype(b, dt, "astype")
    return _new(_astype(b, dev, native, a._dtype, dt, bool(copy)), b, dt, dev)


def to_device(x: Any, device: Any, /) -> Array:
    a = as_array(x, "to_device", "x")
    dev = target_device(a._backend, device, "to_device")
    if dev is a._device:
        return a
    return _new(a._backend.to_device(a._native, dev), a._backend, a._dtype, dev)


def to_native(x: Any, /) -> Any:
    """The framework's own array (``numpy.ndarray``, ``torch.Tensor``, ``tf.Tensor``), no copy."""
    a = as_array(x, "to_native", "x")
    return a._backend.native_of(a)


def devices() -> list:
    """The devices the current backend can use, default first."""
    return list(_context.current_backend().devices())


def from_dlpack(x: Any, /, *, device: Any = None, copy: bool | None = None) -> Array:
    """An Array of the *current* backend from any object with ``__dlpack__`` (a framework
    array, or an arrayshim Array of any backend): shared memory where the frameworks allow,
    else a copy (``copy=False`` then raises ``ValueError``). The dtype is kept exactly."""
    if not hasattr(x, "__dlpack__"):
        raise ArrayshimTypeError(
            message("from_dlpack", "x", "an object with __dlpack__", describe(x))
        )
    b, dev = _target("from_dlpack", device)
    source: Backend | None
    if type(x) is Array:
        if x._backend is b:
            return asarray(x, device=device, copy=copy)
        source, x = x._backend, x._native
    else:
        source = _registry.for_type(type(x))
    native = _convert(x, source, b, None, dev, copy)
    return _new(native, b, b.dtype_of(native), b.device_of(native))
