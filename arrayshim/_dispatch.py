"""Dispatch: find the backend and device of a call's arrays, promote, and run the kernel.

The hot path (two arrayshim arrays of one backend, dtype and device) is a few attribute reads
and one dict lookup before the framework's own function; ``benchmarks/overhead.py`` measures it.
"""

from __future__ import annotations

from . import _context, _dtypes, _promotion, _registry
from ._array import Array, _new, describe
from ._devices import Device, as_device
from ._dtypes import DType
from ._errors import ArrayshimTypeError, ArrayshimValueError, DeviceError, message
from ._kernels import kernel, run_placed
from .backend_api import Backend

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_SCALARS = (bool, int, float, complex)


def _no_kernel(name: str, dtype: DType, b: Backend) -> ArrayshimTypeError:
    return ArrayshimTypeError(
        message(
            name,
            "x",
            f"a dtype backend {b.name!r} can compute {name} in",
            f"dtype {dtype.name}, which {b.name} has no exact kernel for (cast with astype first)",
        )
    )


# ---------------------------------------------------------------------------------------------
# Finding the backend and device of a call
# ---------------------------------------------------------------------------------------------


def wrap(x: Any, b: Backend) -> Array:
    """An arrayshim Array around native array ``x`` of backend ``b`` (no copy)."""
    return _new(x, b, b.dtype_of(x), b.device_of(x))


class Plans:
    """Validated arguments remembered. A function whose checks depend only on the array's
    backend and shape and on its other arguments (an axis made non-negative, a shape with its
    -1 filled in, a permutation) keeps what they resolved to here, keyed by :func:`sig` of those;
    a call seen before skips 1-4 us of Python on a small array. An unhashable argument (a list)
    is never remembered: such calls take the checked way every time. The empty key means "do
    not remember", and the table is then not touched at all: while a compiler traces
    (``Backend.is_compiling``, torch.compile's dynamo) every call is checked, as a lookup would
    put a guard on the table and each later entry would recompile the caller's function."""

    __slots__ = ("_table",)
    KEPT = 4096

    def __init__(self) -> None:
        self._table: dict = {}

    def get(self, key: tuple) -> Any:
        if not key:
            return None
        try:
            return self._table.get(key)
        except TypeError:
            return None

    def put(self, key: tuple, value: Any) -> Any:
        if key and len(self._table) < self.KEPT:
            try:
                self._table[key] = value
            except TypeError:
                pass
        return value


def sig(v: Any) -> Any:
    """An argument for a :class:`Plans` key, with its type and its items' types (``True`` and
    ``1.0`` hash as ``1`` but are not valid where ``1`` is)."""
    tp = type(v)
    if tp is tuple:
        return (v, tuple(map(type, v)))
    return (v, tp)


def as_array(x: Any, func: str, arg: str) -> Array:
    """``x`` as an Array: an Array itself, or a native array of any loaded framework."""
    if type(x) is Array:
        return x
    b = _registry.for_type(type(x))
    if b is None:
        raise ArrayshimTypeError(
            message(
                func,
                arg,
                "an array (arrayshim.Array, numpy.ndarray, torch.Tensor, tf.Tensor or jax.Array)",
                describe(x),
            )
        )
    return wrap(x, b)


def mixed_backends(
    func: str, arg: str, first: str, first_backend: str, backend: str
) -> ArrayshimTypeError:
    """The error for argument ``arg`` of backend ``backend`` in a call whose argument ``first``
    is of ``first_backend`` (``xp.add(torch_tensor, tf_tensor)``, an ``@xp.agnostic`` call)."""
    return ArrayshimTypeError(
        message(
            func,
            arg,
            f"an array of the same backend as `{first}` ({first_backend})",
            f"an array of backend {backend}; convert one of them first (arrayshim.convert) - "
            "mixing backends in one call is not allowed (only NumPy arrays join another "
            "backend's)",
        )
    )


def from_host(a: Array, b: Backend, dev: Device) -> Array:
    """NumPy-backend Array ``a`` as an Array of backend ``b`` on ``dev``, dtype kept: NumPy data
    is host data, which joins the other backend's arrays (as in TF-NumPy and JAX)."""
    native = b.asarray(a._backend.to_numpy(a._native), a._dtype, dev, None)
    if b.device_of(native) is not dev:
        native = b.to_device(native, dev)
    return _new(native, b, a._dtype, dev)


def joins(source: Backend, target: Backend) -> bool:
    """Whether arrays of backend ``source`` join arrays of ``target`` in one call: NumPy's
    join any other backend's; two non-NumPy backends never mix."""
    return source.name == "numpy" and target.name != "numpy"


def joined(a: Array, b: Backend, dev: Device) -> Array:
    """``a``, converted to ``b`` on ``dev`` when it is a NumPy array joining that backend
    (:func:`joins`); otherwise unchanged, for the caller's own backend check."""
    if a._backend is not b and joins(a._backend, b):
        return from_host(a, b, dev)
    return a


def resolve(
    func: str, args: tuple, names: tuple[str, ...] | None = None
) -> tuple[Backend, Device, list]:
    """The backend and device of a call from its array arguments (Python scalars are skipped),
    with every native array wrapped. Without arrays: the context's backend and device.
    NumPy arrays among arrays of another backend are converted to it (:func:`joins`)."""
    b: Backend | None = None
    dev: Device | None = None
    first = ""
    out = []
    for i, x in enumerate(args):
        if type(x) in _SCALARS:
            out.append(x)
            continue
        arg = names[i] if names else f"x{i + 1}"
        a = as_array(x, func, arg)
        if b is None:
            b, dev, first = a._backend, a._device, arg
        elif a._backend is not b:
            if joins(a._backend, b):
                a = from_host(a, b, dev)  # type: ignore[arg-type]  # dev is set with b
            elif joins(b, a._backend):  # (only NumPy arrays so far): they join a's backend
                b, dev, first = a._backend, a._device, arg
                out = [from_host(o, b, dev) if type(o) is Array else o for o in out]
            else:
                raise mixed_backends(func, arg, first, b.name, a._backend.name)
        elif a._device is not dev:
            raise DeviceError(
                message(
                    func,
                    arg,
                    f"an array on the same device as `{first}` ({dev})",
                    f"an array on {a._device}; move one with .to_device()",
                )
            )
        out.append(a)
    if b is None or dev is None:  # no array argument (b and dev are set together)
        b = _context.current_backend()
        dev = target_device(b, None, func)
    return b, dev, out


def target_device(b: Backend, device: object, func: str) -> Device:
    """The device a creation function places its result on: the argument, else the context's
    ``use_device``/``ARRAYSHIM_DEVICE``, else the backend's default. Must exist on ``b``."""

    if device is None:
        dev = _context.requested_device()
        if dev is None:
            return b.default_device
        arg = "device (from use_device or $ARRAYSHIM_DEVICE)"
    else:
        dev = as_device(device, func, "device")
        arg = "device"
    if dev not in b.devices():
        raise DeviceError(
            message(
                func,
                arg,
                f"a device of backend {b.name!r}: " + ", ".join(map(str, b.devices())),
                f"{dev}, which {b.name} does not have",
            )
        )
    return dev


def scalar_array(value: Any, dtype: DType, b: Backend, dev: Device) -> Any:
    """A Python scalar as a native operand (never written to, never returned to the user)."""
    return b.scalar_operand(value, dtype, dev)


def cast(a: Array, dtype: DType) -> Any:
    """``a``'s native array in ``dtype`` (no copy when it already is)."""
    if a._dtype is dtype:
        return a._native
    return run(a._backend, a._device, a._backend.astype, a._native, dtype, False)


def run(b: Backend, dev: Device, fn: Any, *args: Any) -> Any:
    """Run ``fn`` on the backend, placing it on ``dev`` where the framework needs telling."""
    if dev in b.unplaced:
        return fn(*args)
    return run_placed(b, dev, fn, *args)


# ---------------------------------------------------------------------------------------------
# Elementwise
# ---------------------------------------------------------------------------------------------


def binary(name: str, x1: Any, x2: Any) -> Array:
    # fast path: arrays of one backend, dtype and device, or an array and a weak Python scalar
    # that keeps its dtype; the kernel and result dtype precomputed (``_kernels``)
    t1 = type(x1)
    t2 = type(x2)
    if t1 is Array:
        a = x1
        if t2 is Array:
            if a._backend is not x2._backend or a._dtype is not x2._dtype:
                return _binary_slow(name, x1, x2)
            if a._device is not x2._device:
                return _binary_slow(name, x1, x2)
        elif not weak_keeps(t2, x2, a._dtype):
            return _binary_slow(name, x1, x2)
    elif t2 is Array and weak_keeps(t1, x1, x2._dtype):  # a Python scalar on the left
        a = x2
    else:
        return _binary_slow(name, x1, x2)
    b = a._backend
    dt = a._dtype
    dev = a._device
    tables = b.fast.get(dev)
    entry = None if tables is None else tables[name].get(dt)
    if entry is None:
        return _binary_slow(name, x1, x2)
    n1 = x1._native if t1 is Array else b.scalar_operand(x1, dt, dev)
    n2 = x2._native if t2 is Array else b.scalar_operand(x2, dt, dev)
    try:
        r = entry[0](n1, n2)
    except Exception as exc:
        raise failure(name, exc, b, x1, x2) from exc
    out = _object_new(Array)
    out._native = r
    out._backend = b
    out._dtype = entry[1]
    out._device = dev
    return out


def weak_keeps(tp: type, value: Any, dt: DType) -> bool:
    """True when a Python scalar of type ``tp`` takes the array's dtype ``dt`` under every
    promotion policy (NEP 50's weak scalars): a float or int next to a floating or complex
    array, an int that fits next to an integer array. Others take the slow path, which also
    raises the errors (an int out of range, a scalar 'strict' refuses)."""
    kind = dt.kind
    if tp is float:
        return kind == "f" or kind == "c"
    if tp is int:
        if kind == "f" or kind == "c":
            return True
        bounds = _INT_RANGE.get(dt)
        return bounds is not None and bounds[0] <= value <= bounds[1]
    return False


#: each integer dtype's range
_INT_RANGE = {
    dt: (
        (-(1 << (dt.bits - 1)), (1 << (dt.bits - 1)) - 1)
        if dt.kind == "i"
        else (0, (1 << dt.bits) - 1)
    )
    for dt in _dtypes.ALL
    if dt.kind in "iu"
}


_object_new = object.__new__


def _binary_slow(name: str, x1: Any, x2: Any) -> Array:
    op = _promotion.OPS[name]
    b, dev, (a1, a2) = resolve(name, (x1, x2))
    policy = _context.current_policy()
    k1 = _promotion.scalar_kind(a1)
    k2 = _promotion.scalar_kind(a2)
    if k1 is None:
        d1 = a1._dtype
        d2 = a2._dtype if k2 is None else _promotion.weak_dtype(d1, k2, policy, name, "x2", a2)
    elif k2 is None:
        d2 = a2._dtype
        d1 = _promotion.weak_dtype(d2, k1, policy, name, "x1", a1)
    else:
        d1 = _promotion.default_dtype_of_scalar(k1, policy)
        d2 = _promotion.default_dtype_of_scalar(k2, policy)
    compute, result = _promotion.binary_dtypes(op, d1, d2, policy)
    fn = kernel(b, name, compute, dev)
    if fn is None:
        raise _no_kernel(name, compute, b)
    n1 = scalar_array(a1, compute, b, dev) if k1 else cast(a1, compute)
    n2 = scalar_array(a2, compute, b, dev) if k2 else cast(a2, compute)
    try:
        r = run(b, dev, fn, n1, n2)
    except Exception as exc:
        raise failure(name, exc, b, a1, a2) from exc
    return _new(r, b, result, dev)


def common_dtype(func: str, a1: Any, a2: Any, policy: _promotion.Policy) -> DType:
    """The dtype two operands (arrays, or Python scalars that are weak) promote to."""
    k1, k2 = _promotion.scalar_kind(a1), _promotion.scalar_kind(a2)
    if k1 is None:
        if k2 is not None:
            return _promotion.weak_dtype(a1._dtype, k2, policy, func, "x2", a2)
        dt = policy.promote(a1._dtype, a2._dtype)
        if dt is None:
            raise ArrayshimTypeError(
                message(
                    func,
                    "x1, x2",
                    f"dtypes that promote under the {policy.name!r} policy",
                    f"{a1._dtype.name} and {a2._dtype.name}",
                )
            )
        return dt
    if k2 is None:
        return _promotion.weak_dtype(a2._dtype, k1, policy, func, "x1", a1)
    return _promotion.result_type_of([(None, k1), (None, k2)], policy, func)


def unary(name: str, x: Any) -> Array:
    if type(x) is Array:
        b = x._backend
        dev = x._device
        tables = b.fast.get(dev)
        entry = None if tables is None else tables[name].get(x._dtype)
        if entry is not None:
            try:
                r = entry[0](x._native)
            except Exception as exc:
                raise b.translate_error(name, exc) from exc
            a = _object_new(Array)
            a._native = r
            a._backend = b
            a._dtype = entry[1]
            a._device = dev
            return a
    else:
        x = as_array(x, name, "x")
        b = x._backend
    compute, result = _promotion.unary_dtypes(
        _promotion.OPS[name], x._dtype, _context.current_policy()
    )
    fn = kernel(b, name, compute, x._device)
    if fn is None:
        raise _no_kernel(name, compute, b)
    try:
        r = run(b, x._device, fn, cast(x, compute))
    except Exception as exc:
        raise b.translate_error(name, exc) from exc
    return _new(r, b, result, x._device)


def broadcast_shapes(func: str, *shapes: tuple) -> tuple:
    """NumPy broadcasting of shapes, or a ``ValueError`` naming the function and the shapes."""
    ndim = max([len(s) for s in shapes] + [0])  # a list: dynamo traces it
    out = []
    for i in range(-ndim, 0):
        size = 1
        for s in shapes:
            if len(s) >= -i:
                n = s[i]
                if n == 1:
                    continue
                if size == 1 or size is None:
                    size = n
                elif n is not None and n != size:
                    raise ArrayshimValueError(
                        message(
                            func,
                            "shapes",
                            "shapes that broadcast together",
                            " and ".join(str(tuple(t)) for t in shapes),
                        )
                    )
        out.append(size)
    return tuple(out)


def failure(func: str, exc: Exception, b: Backend, *args: Any) -> Exception:
    """Turn a framework's exception into the one arrayshim raises on every backend."""
    shapes = [a.shape for a in args if type(a) is Array]
    broadcast_shapes(func, *shapes)  # raises the uniform ValueError when shapes are the cause
    return b.translate_error(func, exc)


def call(func: str, b: Backend, dev: Device, fn: Any, *args: Any) -> Any:
    """:func:`run`, with a framework's exception turned into arrayshim's for ``func``."""
    try:
        return run(b, dev, fn, *args)
    except Exception as exc:
        raise b.translate_error(func, exc) from exc
