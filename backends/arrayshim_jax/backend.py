"""The JAX adapter's backend class: dtypes, devices, conversion, creation, reductions,
manipulation, indexing, sorting and the function transforms (``jax.value_and_grad``,
``jax.jacrev``, ``jax.jit``, ``jax.vmap``); errors translated to arrayshim's.

JAX arrays are immutable: ``setitem`` returns a new array (``x.at[key].set(value)``)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from arrayshim import Array
from arrayshim.backend_api import (
    ArrayshimTypeError,
    ArrayshimValueError,
    Device,
    DType,
    as_int64,
    backend_of,
    exact_float_range,
    message,
    unsupported_dtype,
)
from arrayshim.backend_api import dtypes as d

from . import x64
from .dtypes import _FROM_JNP, _JNP, _X64
from .extensions import JaxExtensions, _jitted
from .kernels import _kernel

_Tracer = jax.core.Tracer


@functools.partial(jax.jit, static_argnums=(0, 1, 2))
def _float_arange(num: int, step: int, dtype: Any) -> Any:
    """``i * step`` for integer values a float dtype holds exactly, in one kernel."""
    return lax.iota(dtype, num) * step


@functools.partial(jax.jit, static_argnums=(0, 1, 2))
def _frequencies(n: int, half: bool, dtype: Any, scale: Any) -> Any:
    """``fft.fftfreq``'s (``half``: ``rfftfreq``'s) integers times ``scale`` (a traced scalar
    of ``dtype``: one product each, nothing for XLA to fold or fuse), in one executable."""
    k = lax.iota(dtype, n // 2 + 1 if half else n)
    if not half:
        k = jnp.where(k >= (n + 1) // 2, k - n, k)
    return k * scale


@functools.partial(jax.jit, static_argnums=1)
def _linspace_steps(params: Any, num: int) -> Any:
    """NumPy's ``y = i * step`` of ``linspace`` in float64, ``params`` ``[start, stop, step]``."""
    return lax.iota(jnp.float64, num) * params[2]


@functools.partial(jax.jit, static_argnums=(2, 3))
def _linspace_end(y: Any, params: Any, endpoint: bool, dtype: Any) -> Any:
    """NumPy's ``y += start``, ``y[-1] = stop`` (``endpoint``), then the cast to ``dtype``.
    A separate executable from :func:`_linspace_steps` where ``start`` is not zero: fused, XLA
    computes ``i * step + start`` as one FMA (one rounding, NumPy rounds twice), and an
    optimization barrier does not stop that fusion."""
    y = y + params[0]
    if endpoint and y.shape[0] > 1:
        y = y.at[-1].set(params[1])
    return y.astype(dtype)


@functools.partial(jax.jit, static_argnums=(1, 2, 3))
def _linspace_from_zero(params: Any, num: int, endpoint: bool, dtype: Any) -> Any:
    """Both steps in one executable, for ``start`` +0.0 or -0.0: there an FMA rounds
    ``i * step + start`` as NumPy's two operations do (the sum of a product and a zero is that
    product, rounded once; ``-0.0 + 0.0`` is ``+0.0`` either way)."""
    return _linspace_end(_linspace_steps(params, num), params, endpoint, dtype)


@functools.partial(jax.jit, static_argnums=(1, 2))
def _arange_steps(params: Any, num: int, wide: Any) -> Any:
    """``i * step`` in the wide dtype, ``params`` ``[start, step]`` (as eagerly before)."""
    return lax.iota(wide, num) * params[1]


@functools.partial(jax.jit, static_argnums=2)
def _arange_end(y: Any, params: Any, dtype: Any) -> Any:
    """``+ start`` and the cast: a separate executable from :func:`_arange_steps` for floats
    (fused, XLA would make ``i * step + start`` one FMA)."""
    return lax.convert_element_type(y + params[0], dtype)


@functools.partial(jax.jit, static_argnums=(1, 2, 3))
def _arange_ints(params: Any, num: int, wide: Any, dtype: Any) -> Any:
    """Both in one executable for integers (wrapping integer arithmetic: exact either way)."""
    return _arange_end(_arange_steps(params, num, wide), params, dtype)


#: the smallest magnitude of a linspace bound or step computed by XLA: XLA's CPU code flushes
#: subnormal results and operands to zero, and sums and products of float64 values of at
#: least 2**-960 (or zero) are never subnormal
_LINSPACE_TINY = 2.0**-960


def _normal_or_zero(v: float) -> bool:
    return v == 0 or abs(v) >= _LINSPACE_TINY


def _frozen_basic(key: tuple) -> tuple | None:
    """A basic key (ints, slices, None; the frontend expanded the ellipsis) as a hashable tuple,
    slices as ``("s", start, stop, step)`` (slices hash from Python 3.12 only); None for a key
    with index arrays."""
    out: list = []
    for k in key:
        if type(k) is slice:
            out.append(("s", k.start, k.stop, k.step))
        elif k is None or type(k) is int:
            out.append(k)
        else:
            return None
    return tuple(out)


_SEEN_KEYS: dict[tuple, int] = {}


@functools.partial(jax.jit, static_argnums=1)
def _basic_getitem(x: Any, frozen: tuple) -> Any:
    return x[tuple(slice(*k[1:]) if type(k) is tuple else k for k in frozen)]


@functools.partial(jax.jit, static_argnums=(2, 3))
def _take(x: Any, indices: Any, axis: int, along: bool) -> tuple[Any, Any]:
    """``take``/``take_along_axis`` of indices in ``[-n, n)``, and whether all are: one
    executable (eager indexing with a bounds check was 6x ``jnp.take`` at 2^20 elements)."""
    n = x.shape[axis]
    if indices.dtype.kind == "u":
        wide = indices.astype(jnp.uint64 if jax.config.read("jax_enable_x64") else jnp.uint32)
        inside = jnp.all(wide < n)
    else:
        wide = indices.astype(jnp.int64 if jax.config.read("jax_enable_x64") else jnp.int32)
        inside = jnp.all((wide >= -n) & (wide < n))
        wide = jnp.where(wide < 0, wide + n, wide)
    if along:
        out = jnp.take_along_axis(x, wide, axis, mode="clip", wrap_negative_indices=False)
    else:
        out = jnp.take(x, wide, axis, mode="clip")
    return out, inside


_roll = _jitted(jnp.roll, "shift", "axis")
_tile = _jitted(jnp.tile, "reps")
_unstack = _jitted(jnp.unstack, "axis")
_meshgrid = jax.jit(
    lambda *xs, indexing: tuple(jnp.meshgrid(*xs, indexing=indexing)), static_argnames="indexing"
)
_diagonal = _jitted(jnp.linalg.diagonal, "offset")
_cross = _jitted(jnp.cross, "axis")
_vecdot = _jitted(jnp.vecdot, "axis")
_tensordot = _jitted(jnp.tensordot, "axes")
_vector_norm = _jitted(jnp.linalg.vector_norm, "axis", "keepdims", "ord")
_matrix_norm = _jitted(jnp.linalg.matrix_norm, "keepdims", "ord")


def _counted(x: Any, axis: tuple[int, ...] | None, keepdims: bool) -> Any:
    return jnp.count_nonzero(x, axis=axis, keepdims=keepdims).astype(jnp.int64)


# the count and its int64 cast in one executable (the cast was an eager dispatch: +10 us)
_count_nonzero = _jitted(_counted, "axis", "keepdims")


@functools.partial(jax.jit, static_argnums=(0, 2))
def _arg_extremum(name: str, x: Any, axis: int) -> Any:
    """``jnp.argmax``/``argmin`` and the int64 cast in one executable (+13-24 us eagerly)."""
    return (jnp.argmax if name == "argmax" else jnp.argmin)(x, axis=axis).astype(jnp.int64)


_tril = _jitted(jnp.tril, "k")
_diff = _jitted(jnp.diff, "n", "axis")
_any = _jitted(jnp.any, "axis", "keepdims")
_CLIPS: dict[tuple, Any] = {}  # (dtype, no lower bound, no upper bound) -> jitted clip
_all = _jitted(jnp.all, "axis", "keepdims")
_triu = _jitted(jnp.triu, "k")

# Single data-movement ops and casts jitted: an eager jnp call runs ~20-40 us of Python before
# its one primitive (a jitted call ~5-8 us), and both compile once per shape, dtype and static
# argument, so jitting adds no compilations. Same bits (data movement; one convert op).
_reshape = _jitted(jnp.reshape, "shape")
_transpose = _jitted(jnp.transpose, "axes")
_concatenate = _jitted(jnp.concatenate, "axis")
_stack = _jitted(jnp.stack, "axis")
_broadcast_to = _jitted(jnp.broadcast_to, "shape")
_convert = _jitted(lax.convert_element_type, "new_dtype")
_copy = jax.jit(lambda x: jnp.array(x, copy=True))  # a new buffer (jit does not forward it)

_REDUCE: dict[str, Callable[..., Any]] = {
    "sum": jnp.sum,
    "prod": jnp.prod,
    "max": jnp.max,
    "min": jnp.min,
    "mean": jnp.mean,
}


def _positive_zero(x: Any) -> Any:
    """``x`` with ``-0.0`` (and complex parts ``-0.0``) as ``+0.0``."""
    return (
        jnp.where(x == 0, jnp.zeros((), x.dtype), x)
        if x.dtype.kind == "f"
        else (lax.complex(_positive_zero(jnp.real(x)), _positive_zero(jnp.imag(x))))
    )


def _sort_key(x: Any) -> Any:
    """XLA's sort orders floats totally (-0.0 before +0.0, NaN last); NumPy treats -0.0 and
    +0.0 as equal ties: the keys have every zero as +0.0 (a `where`, not `x + 0.0`, which XLA
    folds away inside jax.jit)."""
    return _positive_zero(x) if x.dtype.kind in "fc" else x


# sorting and searching with their keys in one executable each (the keys' `where`s and the
# int64 cast were eager dispatches of their own: argsort/sort +130-160 us at 8 elements)
@functools.partial(jax.jit, static_argnums=(1, 2))
def _argsort(x: Any, axis: int, descending: bool) -> Any:
    order = jnp.argsort(_sort_key(x), axis=axis, stable=True, descending=descending)
    return order.astype(jnp.int64)


def _has_negative_zero(x: Any) -> Any:
    if x.dtype.kind == "c":
        return _has_negative_zero(jnp.real(x)) | _has_negative_zero(jnp.imag(x))
    return jnp.any((x == 0) & jnp.signbit(x))


@functools.partial(jax.jit, static_argnums=(1, 2))
def _sort_floats(x: Any, axis: int, descending: bool) -> Any:
    """``take_along_axis(x, argsort(key))`` as one sort: of the key alone where ``x`` holds no
    -0.0 (the key is then ``x``, bit for bit), else of ``(key, x)`` by the key. Either is the
    argsort's permutation (stable, on the same keys; reversed before and after for a stable
    descending order, as ``jnp.argsort`` does), without indices or a gather: 2^16 float32
    x1.24-1.34 -> x1.0-1.05 of ``jnp.sort``."""

    def by_key(key: Any, values: Any) -> Any:
        if descending:
            key, values = lax.rev(key, (axis,)), lax.rev(values, (axis,))
        _, out = lax.sort((key, values), dimension=axis, is_stable=True, num_keys=1)
        return lax.rev(out, (axis,)) if descending else out

    def key_alone(key: Any, values: Any) -> Any:
        if descending:
            key = lax.rev(key, (axis,))
        out = lax.sort(key, dimension=axis, is_stable=True)
        return lax.rev(out, (axis,)) if descending else out

    return lax.cond(_has_negative_zero(x), by_key, key_alone, _sort_key(x), x)


@functools.partial(jax.jit, static_argnums=2)
def _searchsorted(x1: Any, x2: Any, side: str) -> Any:
    return jnp.searchsorted(_sort_key(x1), _sort_key(x2), side=side).astype(jnp.int64)


def _platform_devices(platform: str) -> list[Any]:
    try:
        return list(jax.devices(platform))
    except RuntimeError:  # no such platform in this jaxlib (no CUDA plugin, no GPU)
        return []


def _natives(obj: Any) -> Any:
    """Nested data with arrayshim Arrays replaced by their natives (for ``jnp.asarray``)."""
    if type(obj) is Array:
        return backend_of(obj).native_of(obj)
    if isinstance(obj, (list, tuple)):
        return [_natives(v) for v in obj]
    return obj


def _holds_arrays(obj: Any) -> bool:
    if type(obj) is Array or isinstance(obj, jax.Array):
        return True
    return isinstance(obj, (list, tuple)) and any(_holds_arrays(v) for v in obj)


class JaxBackend(JaxExtensions):
    name = "jax"
    native_types = (jax.Array, _Tracer)
    mutable = False
    checks_index_bounds = False  # JAX clamps gathers and drops scatters out of range
    real_input_fft = True
    max_dimensions = 64  # as NumPy, which JAX arrays convert to

    def __init__(self) -> None:
        self._x64 = x64.enable()
        default = jax.devices()[0]
        found: list[tuple[Device, Any]] = []
        for platform, kind in (("gpu", "gpu"), ("cpu", "cpu")):
            for i, dev in enumerate(_platform_devices(platform)):
                found.append((Device(kind, i), dev))
        found.sort(key=lambda pair: pair[1] != default)  # stable: the default's platform first
        self._devices = [dev for dev, _ in found]
        self._jax = dict(found)
        self._from_jax = {j: dev for dev, j in found}
        self._default = self._from_jax[default]
        #: creation takes ``device=`` only where there is a choice (an uncommitted array is on
        #: the default device and follows the committed arrays it meets)
        self._choose = len(self._devices) > 1
        self._scalars: dict[tuple, Any] = {}

    def version(self) -> str:
        return jax.__version__

    # -- dtypes and shapes ---------------------------------------------------------------------
    def native_dtype(self, dtype: DType) -> Any:
        if dtype in _X64 and not self._x64:
            raise TypeError(
                f"{dtype.name} needs JAX's 64-bit mode, which {x64.ENV}=0 left off "
                "(jax_enable_x64 is False)"
            )
        return _JNP[dtype]

    def dtype_of(self, x: Any) -> DType:
        try:
            return _FROM_JNP[x.dtype]
        except KeyError:
            raise unsupported_dtype("a JAX array", x.dtype) from None

    def shape_of(self, x: Any) -> tuple[int | None, ...]:
        return tuple(x.shape)

    # -- devices -------------------------------------------------------------------------------
    def devices(self) -> list[Device]:
        return list(self._devices)

    def device_of(self, x: Any) -> Device:
        if isinstance(x, _Tracer):
            return self._default  # placed when compiled
        try:
            return self._from_jax[x.device]
        except (KeyError, ValueError, AttributeError):
            raise ArrayshimValueError(
                message(
                    "device_of",
                    "x",
                    "a JAX array on one device of " + ", ".join(map(str, self._devices)),
                    f"an array on {sorted(map(str, x.devices()))}",
                )
            ) from None

    def to_device(self, x: Any, device: Device) -> Any:
        return jax.device_put(x, self._jax[device])

    def is_traced(self, x: Any) -> bool:
        return isinstance(x, _Tracer)

    def synchronize(self, device: Device) -> None:
        """JAX dispatches asynchronously on every device, CPU included: wait for every live
        array on ``device``, then for a computation queued after everything before it."""
        dev = self._jax[device]
        jax.block_until_ready([a for a in jax.live_arrays() if dev in a.devices()])
        jax.device_put(jnp.zeros(()), dev).__add__(0).block_until_ready()
        jax.effects_barrier()

    def _where(self, device: Device) -> dict[str, Any]:
        return {"device": self._jax[device]} if self._choose else {}

    # -- conversion ----------------------------------------------------------------------------
    def asarray(self, obj: Any, dtype: DType, device: Device, copy: bool | None) -> Any:
        if isinstance(obj, self.native_types):  # copy=True of an array already in dtype
            return jnp.array(obj, copy=True)
        if copy is False:
            raise ArrayshimValueError(
                message(
                    "asarray",
                    "copy",
                    "True or None for data that is not a JAX array (it must be copied)",
                    "copy=False",
                )
            )
        ndt = _JNP[dtype]
        if _holds_arrays(obj):  # arrays inside lists, also while tracing
            data = jnp.asarray(_natives(obj))
            return self.astype(data, dtype, False)
        values = obj if isinstance(obj, np.ndarray) else np.asarray(obj)
        if values.dtype.kind == "c" and dtype.kind != "c":
            raise ArrayshimTypeError(
                message("asarray", "obj", f"data representable in {dtype.name}", "complex numbers")
            )
        if values.dtype != ndt:
            if not isinstance(obj, np.ndarray):
                # Python data, converted as it is: NumPy's own guess (float64 for ints beyond
                # int64) would round uint64 values; the frontend checked floats fit an int dtype
                values = np.asarray(obj, dtype=ndt)
            elif values.dtype.kind in "fc" and dtype.kind in "iu":
                # the defined float -> int cast (NaN 0, saturating), done by XLA
                return self.astype(jax.device_put(values, self._jax[device]), dtype, False)
            else:
                values = values.astype(ndt)
        elif values is obj:
            # JAX on CPU may alias an aligned NumPy buffer instead of copying it: a later write
            # through the caller's array would change this "immutable" one
            values = values.copy()
        return jax.device_put(values, self._jax[device])

    def scalar_operand(self, value: Any, dtype: DType, device: Device) -> Any:
        """Python scalars as device arrays, cached by dtype, device and bits (JAX arrays are
        immutable, and these never reach the user): a fresh ``device_put`` costs ~70 µs per
        operation on CPU, more than the operation."""
        bits = np.asarray(value, dtype=_JNP[dtype])
        key = (dtype, device, bits.tobytes())
        found = self._scalars.get(key)
        if found is None:
            found = jax.device_put(bits, self._jax[device])
            if isinstance(found, _Tracer):  # made inside a trace: it belongs to that trace
                return found
            if len(self._scalars) >= 4096:
                self._scalars.clear()
            self._scalars[key] = found
        return found

    def to_numpy(self, x: Any) -> np.ndarray:
        return np.asarray(x)

    def from_dlpack(self, x: Any, device: Device | None, copy: bool | None) -> Any:
        kwargs: dict[str, Any] = {"copy": copy}
        if device is not None:
            kwargs["device"] = self._jax[device]
        return jax.dlpack.from_dlpack(x, **kwargs)

    def dlpack(
        self, x: Any, stream: Any, max_version: Any, dl_device: Any, copy: bool | None
    ) -> Any:
        if max_version is not None and tuple(max_version) < (1, 0):
            max_version = None  # a legacy (unversioned) capsule, which JAX makes without one
        kwargs: dict[str, Any] = {
            k: v
            for k, v in (("max_version", max_version), ("dl_device", dl_device), ("copy", copy))
            if v is not None
        }
        return x.__dlpack__(stream=stream, **kwargs)

    def dlpack_device(self, x: Any) -> tuple[int, int]:
        kind, index = x.__dlpack_device__()
        return int(kind), int(index)

    # -- creation ------------------------------------------------------------------------------
    def full(self, shape: tuple[int, ...], fill_value: Any, dtype: DType, device: Device) -> Any:
        value = {"b": bool, "i": int, "u": int, "f": float, "c": complex}[dtype.kind](fill_value)
        fill = np.asarray(value, dtype=_JNP[dtype])  # exact: no weak-type rounding in JAX
        return jnp.full(shape, fill, dtype=_JNP[dtype], **self._where(device))

    def empty(self, shape: tuple[int, ...], dtype: DType, device: Device) -> Any:
        return jnp.zeros(shape, dtype=_JNP[dtype], **self._where(device))

    def _wide(self, kind: str) -> Any:
        """The widest integer or float dtype JAX makes now."""
        if kind == "f":
            return jnp.float64 if self._x64 else jnp.float32
        return jnp.int64 if self._x64 else jnp.int32

    def arange(self, start: Any, step: Any, num: int, dtype: DType, device: Device) -> Any:
        where = self._where(device)
        if (
            start == 0
            and exact_float_range(start, step, num, dtype)
            and (self._x64 or dtype.bits < 64)
        ):  # i * step, each value exact: one iota kernel (jnp.arange(0, n, 1) is 4x slower)
            if step == 1:
                return jnp.arange(num, dtype=_JNP[dtype], **where)
            return jax.device_put(_float_arange(num, step, _JNP[dtype]), self._jax[device])
        if dtype is d.bool:  # (the cast to bool is a comparison, not a convert)
            return self._arange_eager(start, step, num, dtype, device)
        # i * step + start in the widest dtype, then the cast, as the eager composition below
        # did (+30-60 us of eager dispatches at 8 elements)
        if dtype.kind in "iu" and type(start) is int and type(step) is int:
            wide = self._wide("i")
            s0, s1 = (as_int64(v) for v in (start, step))
            if not self._x64:
                s0, s1 = ((v + 2**31) % 2**32 - 2**31 for v in (s0, s1))
            params = np.array([s0, s1], wide)
            out = _arange_ints(params, num, wide, _JNP[dtype])
        else:
            wide = self._wide("f")
            params = np.array([float(start), float(step)], wide)
            out = _arange_end(_arange_steps(params, num, wide), params, _JNP[dtype])
        return jax.device_put(out, self._jax[device]) if self._choose else out

    def _arange_eager(self, start: Any, step: Any, num: int, dtype: DType, device: Device) -> Any:
        where = self._where(device)
        if dtype.kind in "iu" and type(start) is int and type(step) is int:
            # wrapping int64 arithmetic gives uint64 values from 2**63 on as the same bits
            wide = self._wide("i")
            i = jnp.arange(num, dtype=wide, **where)
            bits = 64 if self._x64 else 32
            s0, s1 = (as_int64(v) for v in (start, step))
            if bits == 32:
                s0, s1 = ((v + 2**31) % 2**32 - 2**31 for v in (s0, s1))
            values = i * jnp.asarray(s1, wide) + jnp.asarray(s0, wide)
        else:
            wide = self._wide("f")
            i = jnp.arange(num, dtype=wide, **where)
            values = i * jnp.asarray(float(step), wide) + jnp.asarray(float(start), wide)
        return self.astype(values, dtype, False)

    def linspace(
        self, start: Any, stop: Any, num: int, endpoint: bool, dtype: DType, device: Device
    ) -> Any:
        """NumPy's algorithm: ``start + i * step`` in float64 (complex128), the last value
        set to ``stop`` when ``endpoint``, then cast."""
        if dtype.kind == "f" and self._x64:
            # NumPy's steps below, in float64 on the host; the arrays by XLA in one or two
            # jitted executables (~25 us at 8 elements against ~230 us for np.linspace, its
            # device_put and an eager cast; 2^20 x2.3 -> ~x0.3 of jnp.linspace)
            div = (num - 1) if endpoint else num
            first, last = float(np.float64(start)), float(np.float64(stop))
            delta = last - first  # Python floats: the same float64 operations, no warnings
            step = delta / div if div > 0 else delta  # div 0: NumPy multiplies by delta
            # others NumPy's way, below: non-finite spans (with NumPy's warnings) and a step
            # that underflows to 0 or is subnormal (NumPy then computes i / div * delta); for
            # delta == 0 that is i * step too (zeros of delta's sign)
            if (
                math.isfinite(delta)
                and math.isfinite(step)
                and _normal_or_zero(first)
                and _normal_or_zero(last)
                and (abs(step) >= _LINSPACE_TINY or delta == 0)
            ):
                params = np.array([first, last, step], np.float64)
                if first == 0:
                    out = _linspace_from_zero(params, num, endpoint, _JNP[dtype])
                else:
                    y = _linspace_steps(params, num)
                    out = _linspace_end(y, params, endpoint, _JNP[dtype])
                return jax.device_put(out, self._jax[device]) if self._choose else out
        work = np.complex128 if dtype.kind == "c" else np.float64
        values = np.linspace(work(start), work(stop), num, endpoint=endpoint, dtype=work)
        if not self._x64:
            values = values.astype(np.complex64 if dtype.kind == "c" else np.float32)
        return self.astype(jax.device_put(values, self._jax[device]), dtype, False)

    def eye(self, n_rows: int, n_cols: int, k: int, dtype: DType, device: Device) -> Any:
        return jnp.eye(n_rows, n_cols, k=k, dtype=_JNP[dtype], **self._where(device))

    def astype(self, x: Any, dtype: DType, copy: bool) -> Any:
        ndt = _JNP[dtype]
        if x.dtype == ndt:
            return _copy(x) if copy else x
        if dtype is d.bool:
            return x != 0  # complex: either part non-zero
        if x.dtype.kind == "c" and dtype.kind != "c":
            x = jnp.real(x)  # the real part, as NumPy (JAX warns and drops it the same way)
            if x.dtype == ndt:
                return x
        return _convert(x, new_dtype=ndt)

    # -- elementwise ---------------------------------------------------------------------------
    def kernel(self, name: str, dtype: DType) -> Callable | None:
        if dtype in _X64 and not self._x64:
            return None
        return _kernel(name, dtype)

    def where(self, condition: Any, x1: Any, x2: Any) -> Any:
        return jnp.where(condition, x1, x2)

    # -- native kernels for composite functions, each jitted (one executable, not a chain of
    # eager primitives: linalg.cross of 8 elements was +1.3 ms, fftshift +170 us) -----------------
    def meshgrid(self, xs: Sequence[Any], indexing: str) -> tuple[Any, ...]:
        return _meshgrid(*xs, indexing=indexing)  # one executable (immutable arrays: no copies)

    def frequencies(self, n: int, d: float, half: bool, dtype: DType, device: Device) -> Any | None:
        ndt = np.dtype(dtype.name)
        scale = np.asarray(1.0 / (n * d), dtype=ndt)  # rounded to the dtype, as a weak scalar
        info = np.finfo(ndt)
        if n > 2 ** (info.nmant + 1) or 0 < abs(scale) < info.tiny:
            return None  # inexact integers; a subnormal scale, which XLA's CPU code flushes
        return jax.device_put(_frequencies(n, half, _JNP[dtype], scale), self._jax[device])

    def unstack(self, x: Any, axis: int) -> tuple[Any, ...]:
        return tuple(_unstack(x, axis=axis))

    def roll(self, x: Any, shifts: tuple[int, ...], axes: tuple[int, ...]) -> Any:
        return _roll(x, shift=shifts, axis=axes)

    def tile(self, x: Any, reps: tuple[int, ...]) -> Any:
        # one executable writing the result once: the composition's reshape, broadcast and
        # reshape were three eager dispatches, each writing an array (x4.5 jnp.tile at 2^20)
        return _tile(x, reps=reps)

    def cross(self, x1: Any, x2: Any, axis: int) -> Any:
        return _cross(x1, x2, axis=axis)

    def vecdot(self, x1: Any, x2: Any, axis: int) -> Any:
        return _vecdot(x1, x2, axis=axis)

    def clip(self, x: Any, lo: Any, hi: Any) -> Any:
        """The adapter's own ``maximum`` then ``minimum`` kernels (NumPy's NaN and signed
        zeros), jitted together: one executable instead of two chains of eager primitives."""
        dt = self.dtype_of(x)
        key = (dt, lo is None, hi is None)
        fn = _CLIPS.get(key)
        if fn is None:
            larger, smaller = self.kernel("maximum", dt), self.kernel("minimum", dt)
            if larger is None or smaller is None:
                return None

            def clipped(v: Any, low: Any, high: Any) -> Any:
                if low is not None:
                    v = larger(v, low)
                if high is not None:
                    v = smaller(v, high)
                return v

            fn = _CLIPS[key] = jax.jit(clipped)
        return fn(x, lo, hi)

    def diagonal(self, x: Any, offset: int) -> Any:
        return _diagonal(x, offset=offset)

    def take(self, x: Any, indices: Any, axis: int, along: bool) -> tuple[Any, Any] | None:
        if not self._x64 and x.shape[axis] >= 2**31:
            return None
        return _take(x, indices, axis, along)

    def truth(self, name: str, x: Any, axis: tuple[int, ...] | None, keepdims: bool) -> Any:
        if x.dtype.kind == "c":
            return None  # jnp.any/all of complex read only the real part
        return (_any if name == "any" else _all)(x, axis=axis, keepdims=keepdims)

    def diff(self, x: Any, n: int, axis: int) -> Any:
        return _diff(x, n=n, axis=axis)

    def triangle(self, x: Any, k: int, lower: bool) -> Any:
        return _tril(x, k=k) if lower else _triu(x, k=k)

    def tensordot(self, x1: Any, x2: Any, axes1: tuple[int, ...], axes2: tuple[int, ...]) -> Any:
        return _tensordot(x1, x2, axes=(axes1, axes2))

    def vector_norm(self, x: Any, axis: tuple[int, ...] | None, keepdims: bool, ord: float) -> Any:
        return _vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)

    def matrix_norm(self, x: Any, ord: str | float, keepdims: bool) -> Any:
        return _matrix_norm(x, keepdims=keepdims, ord=ord)

    def count_nonzero(self, x: Any, axis: tuple[int, ...] | None, keepdims: bool) -> Any:
        if not self._x64:
            return None  # the result is int64, which needs x64 (the frontend then refuses)
        return _count_nonzero(x, axis=axis, keepdims=keepdims)

    # -- reductions ----------------------------------------------------------------------------
    def reduce(
        self, name: str, x: Any, axis: tuple[int, ...] | None, keepdims: bool, dtype: DType
    ) -> Any:
        ndt = _JNP[dtype]
        if x.dtype != ndt:
            x = self.astype(x, dtype, False)
        if axis == ():
            return x
        if name in ("max", "min"):
            return _REDUCE[name](x, axis=axis, keepdims=keepdims)
        if name == "mean" and ndt == np.float16:  # summed in float32, as NumPy
            return jnp.mean(x, axis=axis, keepdims=keepdims, dtype=np.float32).astype(ndt)
        return _REDUCE[name](x, axis=axis, keepdims=keepdims, dtype=ndt)

    def var(self, x: Any, axis: tuple[int, ...] | None, correction: float, keepdims: bool) -> Any:
        # ddof may be a float, as the standard's correction (JAX's annotation says int)
        return jnp.var(x, axis=axis, ddof=correction, keepdims=keepdims)  # type: ignore[arg-type]

    # -- linear algebra and manipulation --------------------------------------------------------
    def matmul(self, x1: Any, x2: Any) -> Any:
        return jnp.matmul(x1, x2, preferred_element_type=x1.dtype)

    # an unchanged shape or order returns x itself, as jnp's functions do then
    def reshape(self, x: Any, shape: tuple[int, ...], copy: bool | None) -> Any:
        # immutable: never a copy to make
        return x if x.shape == shape else _reshape(x, shape=shape)

    def permute_dims(self, x: Any, axes: tuple[int, ...]) -> Any:
        return x if axes == tuple(range(x.ndim)) else _transpose(x, axes=axes)

    def concat(self, xs: Sequence[Any], axis: int) -> Any:
        return _concatenate(list(xs), axis=axis)

    def stack(self, xs: Sequence[Any], axis: int) -> Any:
        return _stack(list(xs), axis=axis)

    def broadcast_to(self, x: Any, shape: tuple[int, ...]) -> Any:
        return x if x.shape == shape else _broadcast_to(x, shape=shape)

    # -- indexing ------------------------------------------------------------------------------
    def getitem(self, x: Any, key: tuple) -> Any:
        frozen = _frozen_basic(key)
        if frozen is not None and not isinstance(x, _Tracer):
            # ~7 us jitted against 40 us for an eager x[2:-2], but each new key and shape costs
            # a compilation (milliseconds): only a key seen twice before on this shape is
            # compiled, so that a loop over x[i] never compiles
            seen = (frozen, x.shape, x.dtype)
            count = _SEEN_KEYS.get(seen, 0)
            if count >= 2:
                return _basic_getitem(x, frozen)
            if len(_SEEN_KEYS) < 65536:
                _SEEN_KEYS[seen] = count + 1
        return x[key]

    def setitem(self, x: Any, key: tuple, value: Any) -> Any:
        if len(key) == 1 and isinstance(key[0], jax.Array) and key[0].dtype == bool:
            mask = key[0]
            if mask.ndim == x.ndim and value.ndim == 0:  # also inside jax.jit
                return jnp.where(mask, value, x)
        return x.at[key].set(value)

    # -- errors --------------------------------------------------------------------------------
    def translate_error(self, func: str, exc: Exception) -> Exception:
        if isinstance(exc, jax.errors.JAXTypeError | jax.errors.ConcretizationTypeError):
            return ArrayshimTypeError(
                f"arrayshim.{func}() failed on backend {self.name!r}: {type(exc).__name__}: "
                f"{str(exc).splitlines()[0] if str(exc) else ''}"
            )
        return super().translate_error(func, exc)

    # -- searching, sorting, cumulative sums, repetition ----------------------------------------
    def _indices(self, func: str, index: Any) -> Any:
        """An index result as int64, the dtype the frontend gives it on every backend."""
        self._need_x64(func)
        return index.astype(jnp.int64)

    def _need_x64(self, func: str) -> None:
        """Without JAX's 64-bit mode there is no int64, and a call returning indices is refused
        rather than narrowed."""
        if not self._x64:
            raise ArrayshimTypeError(
                message(
                    func,
                    "x",
                    f"int64 indices, which backend 'jax' makes only in JAX's 64-bit mode "
                    f"({x64.ENV}=0 left it off)",
                    "a call that returns indices",
                )
            )

    def argsort(self, x: Any, axis: int, descending: bool) -> Any:
        self._need_x64("argsort")
        return _argsort(x, axis, descending)

    def sort(self, x: Any, axis: int, descending: bool) -> Any:
        if x.dtype.kind not in "fc":
            return jnp.sort(x, axis=axis, stable=True, descending=descending)
        return _sort_floats(x, axis, descending)

    def arg_extremum(self, name: str, x: Any, axis: int) -> Any:
        self._need_x64(name)
        return _arg_extremum(name, x, axis)

    def nonzero(self, x: Any) -> tuple[Any, ...]:
        return tuple(self._indices("nonzero", i) for i in jnp.nonzero(x))

    def searchsorted(self, x1: Any, x2: Any, side: str) -> Any:
        self._need_x64("searchsorted")
        return _searchsorted(x1, x2, side)

    def cumulative(self, name: str, x: Any, axis: int, dtype: DType) -> Any:
        fn = jnp.cumsum if name == "sum" else jnp.cumprod
        return fn(x, axis=axis, dtype=_JNP[dtype])

    def repeat(self, x: Any, repeats: Any, axis: int) -> Any:
        return jnp.repeat(x, repeats, axis=axis)

    def conj(self, x: Any) -> Any:
        return jnp.conj(x)

    def complex_parts(self, x: Any) -> tuple[Any, Any]:
        return jnp.real(x), jnp.imag(x)

    def complex_from_parts(self, real: Any, imag: Any) -> Any:
        return jax.lax.complex(real, imag)

    # -- function transforms: JAX's own ------------------------------------------------------------
    def value_and_grad(
        self, fn: Callable, args: Sequence[Any], argnums: tuple[int, ...]
    ) -> tuple[Any, Any, tuple[Any, ...]]:
        held: dict[str, Any] = {}

        def split_aux(*xs: Any) -> Any:  # JAX's aux holds arrays only: keep the rest here
            value, aux = fn(*xs)
            held["leaves"], held["def"] = jax.tree_util.tree_flatten(aux)
            return value, [x for x in held["leaves"] if isinstance(x, self.native_types)]

        (value, arrays), grads = jax.value_and_grad(split_aux, argnums=argnums, has_aux=True)(*args)
        found = iter(arrays)
        leaves = [next(found) if isinstance(x, self.native_types) else x for x in held["leaves"]]
        return value, jax.tree_util.tree_unflatten(held["def"], leaves), tuple(grads)

    def jacobian(
        self, fn: Callable, args: Sequence[Any], argnums: tuple[int, ...], batched: bool
    ) -> tuple[Any, ...]:
        if not batched:
            return tuple(jax.jacrev(fn, argnums=argnums)(*args))
        # examples are independent: the Jacobian of the sum over the batch holds every block
        jac = jax.jacrev(lambda *xs: jnp.sum(fn(*xs), axis=0), argnums=argnums)(*args)
        return tuple(
            jnp.moveaxis(j, j.ndim - args[i].ndim, 0) for j, i in zip(jac, argnums, strict=True)
        )

    def jit(self, fn: Callable, options: dict) -> Callable:
        """``jax.jit`` with the array leaves of the arguments traced and every other leaf
        (Python numbers, strings, None, ...) static, as arrayshim's other backends take them."""

        # arrayshim's own flattening, not JAX's pytrees: those sort dict keys, and the function
        # must see (and return) dicts in their own order, as on the other backends
        outputs: dict[_Static, Any] = {}  # the structure of each trace's result

        def inner(arrays: list, static: _Static) -> Any:
            args, kwargs = _rebuild(static.tree, iter(arrays))
            out_arrays: list = []
            outputs[static] = _strip(fn(*args, **kwargs), out_arrays)
            return out_arrays

        compiled = jax.jit(inner, static_argnums=1, **options)

        def call(*args: Any, **kwargs: Any) -> Any:
            arrays: list = []
            static = _Static(_strip((args, kwargs), arrays))
            out_arrays = compiled(arrays, static)
            return _rebuild(outputs[static], iter(out_arrays))

        return call

    def vmap(self, fn: Callable, args: Sequence[Any], axes: Sequence[int | None]) -> Any:
        return tuple(jax.vmap(fn, in_axes=tuple(axes))(*args))


class _Static:
    """The non-array part of a jitted call's arguments (``_SLOT`` where the arrays were), hashed
    with dicts in their order: JAX's static argument, one trace per distinct value."""

    __slots__ = ("tree", "_key")

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self._key = _frozen(tree)

    def __hash__(self) -> int:
        return hash(self._key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Static) and self._key == other._key


def _frozen(tree: Any) -> Any:
    if type(tree) in (tuple, list):
        return (type(tree).__name__, tuple(_frozen(v) for v in tree))
    if type(tree) is dict:
        return ("dict", tuple((k, _frozen(v)) for k, v in tree.items()))
    return (type(tree), tree)  # 1, 1.0 and True trace apart


def _strip(tree: Any, arrays: list) -> Any:
    """``tree`` (tuples, lists, dicts in their own order) with each array moved to ``arrays`` and
    replaced by ``_SLOT``."""
    if isinstance(tree, (jax.Array, _Tracer, np.ndarray)):
        arrays.append(tree)
        return _SLOT
    if type(tree) in (tuple, list):
        return type(tree)(_strip(v, arrays) for v in tree)
    if type(tree) is dict:
        return {k: _strip(v, arrays) for k, v in tree.items()}
    return tree


def _rebuild(tree: Any, arrays: Any) -> Any:
    if tree is _SLOT:
        return next(arrays)
    if type(tree) in (tuple, list):
        return type(tree)(_rebuild(v, arrays) for v in tree)
    if type(tree) is dict:
        return {k: _rebuild(v, arrays) for k, v in tree.items()}
    return tree


class _Slot:
    """Where an array leaf was, in the static part of a jitted call's arguments."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<array>"


_SLOT = _Slot()
