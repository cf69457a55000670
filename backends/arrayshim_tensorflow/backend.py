"""The TensorFlow adapter's backend class: dtypes, devices, conversion, creation, reductions,
manipulation, indexing, sorting and the function transforms (``GradientTape``,
``tf.function``, ``tf.vectorized_map``); errors translated to arrayshim's.

TensorFlow tensors are immutable: ``setitem`` returns a new tensor."""

from __future__ import annotations

import contextlib
import functools
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import tensorflow as tf
from tensorflow.python.autograph.core import config as _autograph
from tensorflow.python.ops import gen_array_ops, gen_bitwise_ops, gen_manip_ops, gen_math_ops

from arrayshim import Array
from arrayshim.backend_api import (
    CPU,
    ArrayshimIndexError,
    ArrayshimTypeError,
    ArrayshimValueError,
    Device,
    DType,
    ScalarCache,
    as_int64,
    backend_of,
    exact_float_range,
    message,
    unsupported_dtype,
)
from arrayshim.backend_api import dtypes as d

from .constants import (
    _constant,
    _count_scalar,
    _host_scalar,
    _host_zero,
    _ints,
    _reshape,
    _scalar32,
    _scalar64,
    _zero,
)
from .dlpack import _ALIGNMENT, _dlpack_address
from .dtypes import _BITS, _FROM_TF, _KEY_TOP, _MATMUL_IN, _TF
from .emulations import _bitcast_via, _float64_to_float16, _via
from .extensions import TensorFlowExtensions
from .indexing import (
    _AdvancedKey,
    _expand,
    _fit,
    _is_full,
    _prod,
    _shape,
    _sliced_shape,
    _strided_slice_args,
)
from .kernels import _kernel
from .sorting import _from_last, _order_key, _sorted_last, _to_last

# arrayshim's own code runs as plain Python while tf.function traces a caller's function, as
# TensorFlow's and Keras's own code does: autograph's conversion of it buys nothing (its control
# flow is on shapes and dtypes, never on tensor values) and, depending on what it converted
# before, autograph once resolved the frontend's ``_new`` to a converted ``Array.__ilshift__``
_autograph.CONVERSION_RULES = (
    _autograph.DoNotConvert("arrayshim"),
    _autograph.DoNotConvert("arrayshim_tensorflow"),
    *_autograph.CONVERSION_RULES,
)


def _native_arg_extremum_is_numpys(x: Any) -> bool:
    """Whether TensorFlow's own ArgMax/ArgMin gives NumPy's index for ``x``: eagerly on the
    CPU (Eigen's reducer keeps the lowest index on ties, ``-0.0`` and ``0.0`` tie as in NumPy),
    for integers, and for floats holding no NaN (NumPy picks the first NaN; ArgMax skips them):
    a cheap test of a rare condition, one pass, before the one-pass kernel. The pass is a sum (a
    reduction, no array written), which a NaN makes NaN; where it is not finite (a NaN, an
    infinity, an overflow) an exact NaN test decides. Elsewhere (a graph, a GPU, bool, a NaN)
    the order-key composition, which promises the first position."""
    dt = x.dtype
    if not tf.executing_eagerly() or dt == tf.bool or dt.is_complex or "CPU" not in x.device:
        return False
    if dt.is_integer:
        return True
    axes = _ints(range(x.shape.rank))
    if math.isfinite(float(gen_math_ops._sum(x, axes))):
        return True
    return not bool(gen_math_ops._any(gen_math_ops.is_nan(x), axes))


# -- reductions ------------------------------------------------------------------------------
def _count(x: tf.Tensor, axes: list[int], dtype: tf.DType) -> tf.Tensor:
    """The number of elements ``axes`` of ``x`` hold, as a scalar of ``dtype``."""
    shape = _shape(x)
    sizes = [shape[a] for a in axes]
    if all(type(n) is int for n in sizes):  # a cached constant: tf.cast of an int cost ~50 us
        return _count_scalar(_prod(sizes), dtype)
    return tf.cast(_prod(sizes), dtype)


def _mean(x: tf.Tensor, axes: list[int], keepdims: bool) -> tf.Tensor:
    """The sum over the count, as NumPy computes a mean (an empty one is NaN, also for complex);
    float16 is summed in float32, as NumPy does."""
    if x.dtype == tf.float16:
        return gen_math_ops.cast(
            _mean(gen_math_ops.cast(x, tf.float32), axes, keepdims), tf.float16
        )
    return gen_math_ops.real_div(
        gen_math_ops._sum(x, _ints(axes), keep_dims=keepdims), _count(x, axes, x.dtype)
    )


# -- errors ----------------------------------------------------------------------------------
_NODE_PREFIX = re.compile(r"^\{\{[^}]*\}\}\s*")
_TYPE_TEXT = re.compile(
    r"not in the list of allowed values|Could not find device for node|No registered .*OpKernel"
)
_INDEX_TEXT = re.compile(r"out of (range|bounds)|is not in \[")


@functools.cache
def _register_conversion() -> None:
    """Let TensorFlow ops take ``arrayshim.Array`` arguments (once per process)."""

    def convert(
        value: Array, dtype: tf.DType | None = None, name: str | None = None, as_ref: bool = False
    ) -> tf.Tensor:
        backend = backend_of(value)
        native = backend.native_of(value)
        if isinstance(backend, TensorFlowBackend):
            tensor = native if isinstance(native, tf.Tensor) else tf.convert_to_tensor(native)
        elif backend.name == "numpy":  # host data, as a NumPy array passed to a TF op
            tensor = tf.convert_to_tensor(native)
        else:  # never a silent copy between frameworks (or off a device)
            raise ArrayshimTypeError(
                message(
                    "tensorflow (tensor conversion)",
                    "value",
                    "an arrayshim.Array of backend tensorflow or numpy",
                    f"an array of backend {backend.name}; convert it first (arrayshim.convert)",
                )
            )
        if dtype is not None and tensor.dtype != dtype:
            # Like a tf.Tensor, never a silent cast: TensorFlow passes an op's preferred dtype
            # here first and falls back to the array's own dtype on this error.
            raise ValueError(
                f"Tensor conversion requested dtype {dtype.name} for an arrayshim.Array of "
                f"dtype {tensor.dtype.name}"
            )
        return tensor

    tf.register_tensor_conversion_function(Array, convert)


#: the dtypes of Roll's GPU kernels (the CPU has all)
_ROLL_ON_GPU = frozenset(
    (tf.int32, tf.int64, tf.uint32, tf.float16, tf.float32, tf.float64, tf.complex64, tf.complex128)
)

_REDUCE = {
    "sum": gen_math_ops._sum,
    "prod": gen_math_ops.prod,
    "max": gen_math_ops._max,
    "min": gen_math_ops._min,
    "any": gen_math_ops._any,
    "all": gen_math_ops._all,
}


class TensorFlowBackend(TensorFlowExtensions):
    name = "tensorflow"
    native_types = (tf.Tensor, tf.Variable)
    mutable = False
    checks_index_bounds = False
    max_dimensions = (
        64  # TensorFlow allows 254, but NumPy conversion (__array__, to_numpy) does not
    )

    def __init__(self) -> None:
        gpus = [
            Device("gpu", int(dev.name.rsplit(":", 1)[1]))
            for dev in tf.config.list_logical_devices("GPU")
        ]
        #: TensorFlow places ops on GPU:0 when there is a GPU
        self._devices = gpus[:1] + [CPU] + gpus[1:]
        self._default = self._devices[0]
        self._names = {dev: f"/device:{dev.kind.upper()}:{dev.index}" for dev in self._devices}
        self._scalars = ScalarCache()  # Python scalars already made into eager tensors
        self._by_name: dict[str, Device] = {"": self._default}  # "" while tracing: not yet placed
        _register_conversion()

    def version(self) -> str:
        return tf.__version__

    # -- dtypes and shapes ---------------------------------------------------------------------
    def native_dtype(self, dtype: DType) -> tf.DType:
        return _TF[dtype]

    def dtype_of(self, x: Any) -> DType:
        try:
            return _FROM_TF[x.dtype]
        except KeyError:
            raise unsupported_dtype("a tensor", x.dtype.name) from None

    def shape_of(self, x: Any) -> tuple[int | None, ...]:
        return tuple(x.shape)

    # -- devices -------------------------------------------------------------------------------
    def devices(self) -> list[Device]:
        return list(self._devices)

    def device_of(self, x: Any) -> Device:
        name = x.device
        found = self._by_name.get(name)
        if found is None:
            match = re.search(r"device:([A-Za-z_]+):(\d+)$", name)
            if match is None:
                raise ArrayshimValueError(
                    message("device_of", "x", "a tensor with a TensorFlow device name", repr(name))
                )
            kind = match.group(1).lower()
            found = self._by_name[name] = Device(kind, int(match.group(2)))
        return found

    def to_device(self, x: Any, device: Device) -> Any:
        with tf.device(self._names[device]):
            return gen_array_ops.identity(x)

    def is_traced(self, x: Any) -> bool:
        return tf.is_symbolic_tensor(x)

    def placement(self, device: Device) -> Any:
        return None if device is self._default else tf.device(self._names[device])

    def _creating(self, device: Device) -> Any:
        """Where creation functions run: on ``device``. Without a GPU everything is on the CPU;
        with one, a new tensor would start on the host, so say where it belongs."""
        return (
            tf.device(self._names[device]) if len(self._devices) > 1 else contextlib.nullcontext()
        )

    # -- conversion ----------------------------------------------------------------------------
    def scalar_operand(self, value: Any, dtype: DType, device: Device) -> Any:
        # only eager tensors are kept: a graph's constant belongs to that graph
        return self._scalars.get(
            value,
            dtype,
            device,
            lambda: self.asarray(value, dtype, device, None),
            tf.executing_eagerly(),
        )

    def asarray(self, obj: Any, dtype: DType, device: Device, copy: bool | None) -> Any:
        if isinstance(
            obj, self.native_types
        ):  # copy=True of an array already in dtype and on device
            return gen_array_ops.snapshot(obj)
        if copy is False:
            raise ArrayshimValueError(
                message(
                    "asarray",
                    "copy",
                    "True or None for Python data (it must be copied)",
                    "copy=False",
                )
            )
        tdt = _TF[dtype]
        with self._creating(device):
            try:
                return _constant(obj, tdt)
            except (TypeError, ValueError):
                pass
            # tf.constant refuses data of a wider kind (floats into int64, bools and ints into
            # bool) and arrays inside lists: build the data's own dtype and cast (truncating
            # like NumPy); arrays are packed where they are, also while tracing
            if any(type(v) is Array for v in tf.nest.flatten(obj)):
                data = tf.convert_to_tensor(
                    tf.nest.map_structure(
                        lambda v: self.native_of(v) if type(v) is Array else v, obj
                    )
                )
            else:
                values = np.asarray(obj)
                if values.dtype.kind == "c" and dtype.kind != "c":
                    raise ArrayshimTypeError(
                        message(
                            "asarray",
                            "obj",
                            f"data representable in {dtype.name}",
                            "complex numbers",
                        )
                    )
                data = tf.constant(values)
            return gen_math_ops.cast(data, tdt)

    def to_numpy(self, x: Any) -> np.ndarray:
        return np.asarray(x.numpy())  # .numpy() of a 0-d tensor is a NumPy scalar

    def from_dlpack(self, x: Any, device: Device | None, copy: bool | None) -> Any:
        capsule = x.__dlpack__()
        t = None
        if _dlpack_address(capsule) % _ALIGNMENT == 0:
            with contextlib.suppress(tf.errors.InvalidArgumentError):  # strides it cannot wrap
                t = tf.experimental.dlpack.from_dlpack(capsule)
        if t is None:
            if copy is False:
                raise ArrayshimValueError(
                    message(
                        "from_dlpack",
                        "copy",
                        "True or None (TensorFlow must copy a strided or unaligned buffer)",
                        "copy=False",
                    )
                )
            if x.__dlpack_device__()[0] != 1:
                raise ArrayshimValueError(
                    message(
                        "from_dlpack",
                        "x",
                        "a contiguous buffer aligned to 64 bytes (TensorFlow cannot copy this one)",
                        f"a strided or unaligned buffer on DLPack device {x.__dlpack_device__()}",
                    )
                )
            t, copy = tf.constant(np.from_dlpack(x)), False  # host memory: copy it through NumPy
        if device is not None and self.device_of(t) is not device:
            return self.to_device(t, device)
        return gen_array_ops.snapshot(t) if copy else t

    def dlpack(
        self, x: Any, stream: Any, max_version: Any, dl_device: Any, copy: bool | None
    ) -> Any:
        if isinstance(x, tf.Variable):
            x = tf.convert_to_tensor(x)
        return tf.experimental.dlpack.to_dlpack(gen_array_ops.snapshot(x) if copy else x)

    def dlpack_device(self, x: Any) -> tuple[int, int]:
        dev = self.device_of(x)
        return (1, 0) if dev.kind == "cpu" else (2, dev.index)

    # -- creation ------------------------------------------------------------------------------
    def full(self, shape: tuple[int, ...], fill_value: Any, dtype: DType, device: Device) -> Any:
        value = {"b": bool, "i": int, "u": int, "f": float, "c": complex}[dtype.kind](fill_value)
        tdt = _TF[dtype]
        if tf.executing_eagerly() and dtype.kind != "c" and value in (0, 1):
            # zeros_like/ones_like: cached host scalars (converting one cost ~20 us); a zero
            # only where it is +0 (the cache of zeros holds +0.0)
            if value == 1:
                fill = _host_scalar(value, tdt)
            elif math.copysign(1.0, value) > 0:
                fill = _host_zero(tdt)
            else:
                fill = _constant(value, tdt)
        else:
            fill = _constant(value, tdt)
        with self._creating(device):
            return gen_array_ops.fill(_ints(shape), fill)

    def empty(self, shape: tuple[int, ...], dtype: DType, device: Device) -> Any:
        return self.full(shape, 0, dtype, device)

    def arange(self, start: Any, step: Any, num: int, dtype: DType, device: Device) -> Any:
        with self._creating(device):
            if exact_float_range(start, step, num, dtype):
                return tf.range(start, start + num * step, step, dtype=_TF[dtype])
            if dtype.kind in "iu" and type(start) is int and type(step) is int:
                # int64 arithmetic wraps modulo 2**64 like uint64's, so uint64 values from 2**63
                # on come out right: pass them as the int64 of the same bits
                i = tf.range(num, dtype=tf.int64)
                values = gen_math_ops.add_v2(gen_math_ops.mul(i, as_int64(step)), as_int64(start))
            else:
                values = gen_math_ops.add_v2(
                    gen_math_ops.mul(tf.range(num, dtype=tf.float64), float(step)), float(start)
                )
            return self.astype(values, dtype, False)

    def linspace(
        self, start: Any, stop: Any, num: int, endpoint: bool, dtype: DType, device: Device
    ) -> Any:
        """NumPy's algorithm: ``start + i * step`` in float64 (complex128), the last value
        set to ``stop`` when ``endpoint``, then cast."""
        work = tf.complex128 if dtype.kind == "c" else tf.float64
        # NumPy scalars for the parameters: their complex division is NumPy's, not Python's
        start, stop = work.as_numpy_dtype(start), work.as_numpy_dtype(stop)
        div = num - 1 if endpoint else num
        delta = stop - start
        with self._creating(device):
            i = gen_math_ops.cast(tf.range(num, dtype=tf.float64), work)
            if div > 0:
                step = delta / div
                y = (
                    gen_math_ops.mul(i, step)
                    if step != 0
                    else gen_math_ops.mul(gen_math_ops.real_div(i, tf.constant(div, work)), delta)
                )
            else:
                y = gen_math_ops.mul(i, delta)
            y = gen_math_ops.add_v2(y, tf.constant(start, work))
            if endpoint and num > 1:
                y = gen_array_ops.concat_v2([y[:-1], tf.constant([stop], work)], 0)
            return self.astype(y, dtype, False)

    def eye(self, n_rows: int, n_cols: int, k: int, dtype: DType, device: Device) -> Any:
        with self._creating(device):
            rows = _reshape(tf.range(n_rows, dtype=tf.int64), [-1, 1])
            diagonal = gen_math_ops.equal(
                gen_math_ops.add_v2(rows, k), tf.range(n_cols, dtype=tf.int64)
            )
            return gen_math_ops.cast(diagonal, _TF[dtype])

    def astype(self, x: Any, dtype: DType, copy: bool) -> Any:
        tdt = _TF[dtype]
        if x.dtype == tdt:
            return gen_array_ops.snapshot(x) if copy else x
        if x.dtype.is_complex and tdt == tf.bool:  # tf.cast looks at the real part only
            return gen_math_ops.not_equal(x, tf.zeros((), x.dtype))
        if tdt == tf.float16 and x.dtype in (tf.float64, tf.complex128):
            return _float64_to_float16(gen_math_ops.cast(x, tf.float64))
        return gen_math_ops.cast(x, tdt)

    # -- elementwise ---------------------------------------------------------------------------
    def kernel(self, name: str, dtype: DType) -> Callable | None:
        return _kernel(name, dtype)

    def where(self, condition: Any, x1: Any, x2: Any) -> Any:
        return gen_math_ops.select_v2(condition, x1, x2)

    # -- reductions ----------------------------------------------------------------------------
    def reduce(
        self, name: str, x: Any, axis: tuple[int, ...] | None, keepdims: bool, dtype: DType
    ) -> Any:
        tdt = _TF[dtype]
        if x.dtype != tdt:
            x = gen_math_ops.cast(x, tdt)
        if axis == ():
            return x
        axes = list(range(x.shape.rank)) if axis is None else list(axis)
        if name == "mean":
            return _mean(x, axes, keepdims)
        if dtype is d.bool and name in ("max", "min"):
            name = "any" if name == "max" else "all"
        return _REDUCE[name](x, _ints(axes), keep_dims=keepdims)

    def var(self, x: Any, axis: tuple[int, ...] | None, correction: float, keepdims: bool) -> Any:
        """Mean-centred sum of squares over ``N - correction`` (at least 0), as NumPy's var;
        complex deviations are squared in absolute value; float16 is computed in float32."""
        half = x.dtype == tf.float16
        if half:
            x = gen_math_ops.cast(x, tf.float32)
        axes = list(range(x.shape.rank)) if axis is None else list(axis)
        deviation = gen_math_ops.sub(x, _mean(x, axes, True))
        if x.dtype.is_complex:
            squares = gen_math_ops.real(
                gen_math_ops.mul(deviation, gen_math_ops.conj(deviation)), Tout=x.dtype.real_dtype
            )
        else:
            squares = gen_math_ops.mul(deviation, deviation)
        total = gen_math_ops._sum(squares, _ints(axes), keep_dims=keepdims)
        denominator = gen_math_ops.maximum(
            gen_math_ops.sub(_count(x, axes, total.dtype), correction), 0
        )
        out = gen_math_ops.real_div(total, denominator)
        return gen_math_ops.cast(out, tf.float16) if half else out

    # -- linear algebra and manipulation --------------------------------------------------------
    def _on_cpu(self, x: Any) -> bool:
        """Whether ``x``'s kernels run on the CPU (eager on it, or no GPU at all): where a kernel
        TensorFlow has for the CPU only may run without a silent copy to the host."""
        return len(self._devices) == 1 or "CPU" in x.device

    def roll(self, x: Any, shifts: tuple[int, ...], axes: tuple[int, ...]) -> Any:
        if x.dtype not in _ROLL_ON_GPU and not self._on_cpu(x):
            return None  # Roll's GPU kernels lack 8- and 16-bit integers, bool and uint64
        return gen_manip_ops.roll(x, _ints(shifts), _ints(axes))

    def cross(self, x1: Any, x2: Any, axis: int) -> Any:
        # Cross computes each part as two products and a difference, as the composition: the
        # same bits on the CPU; a GPU build may fuse them (FMA), so the composition there
        if x1.dtype.is_complex or not self._on_cpu(x1):
            return None  # no complex kernel
        shape = tf.broadcast_static_shape(x1.shape, x2.shape)
        if not shape.is_fully_defined():
            return None
        target = tuple(shape.as_list())
        x1, x2 = (x if tuple(x.shape) == target else self.broadcast_to(x, target) for x in (x1, x2))
        if axis == -1:
            return gen_math_ops.cross(x1, x2)
        rank = len(target)
        perm = (*(a for a in range(rank) if a != rank + axis), rank + axis)
        inverse = tuple(perm.index(a) for a in range(rank))
        out = gen_math_ops.cross(self.permute_dims(x1, perm), self.permute_dims(x2, perm))
        return self.permute_dims(out, inverse)

    def diagonal(self, x: Any, offset: int) -> Any:
        if x.dtype.is_integer and not self._on_cpu(x):
            return None  # MatrixDiagPartV3's GPU kernels have no integers
        return gen_array_ops.matrix_diag_part_v3(x, _scalar32(offset), _zero(x.dtype))

    def triangle(self, x: Any, k: int, lower: bool) -> Any:
        # MatrixBandPart keeps a band: tril with k >= 0 (all below, k above the diagonal) and
        # triu with k <= 0; its GPU kernels have no integers
        if (k < 0 if lower else k > 0) or (x.dtype.is_integer and not self._on_cpu(x)):
            return None
        n, m = x.shape[-2], x.shape[-1]
        if n is None or m is None:
            return None  # the band is clipped to the matrix (the op refuses a wider one)
        below, above = (-1, min(k, m)) if lower else (min(-k, n), -1)
        return gen_array_ops.matrix_band_part(x, _scalar64(below), _scalar64(above))

    def matmul(self, x1: Any, x2: Any) -> Any:
        vector1, vector2 = x1.shape.rank == 1, x2.shape.rank == 1
        if vector1:
            x1 = gen_array_ops.expand_dims(x1, 0)
        if vector2:
            x2 = gen_array_ops.expand_dims(x2, -1)
        tdt = x1.dtype
        if tdt in _MATMUL_IN:
            out = _via(gen_math_ops.batch_mat_mul_v2, _MATMUL_IN[tdt], tdt)(x1, x2)
        elif tdt == tf.uint64:
            out = _bitcast_via(gen_math_ops.batch_mat_mul_v2, tdt)(x1, x2)
        else:
            out = gen_math_ops.batch_mat_mul_v2(x1, x2)
        if vector1 or vector2:
            out = gen_array_ops.squeeze(out, [-2] * vector1 + [-1] * vector2)
        return out

    def tensordot(self, x1: Any, x2: Any, axes1: tuple[int, ...], axes2: tuple[int, ...]) -> Any:
        """The frontend's composition (free axes of x1 then ``axes1``, ``axes2`` then free axes of
        x2, as matrices, one ``matmul``: the same kernel and bits), without the transposes and
        reshapes that change nothing: each is an eager op, and they slowed the product too."""
        s1, s2 = tuple(x1.shape), tuple(x2.shape)
        if None in s1 or None in s2:
            return None
        free1 = tuple(i for i in range(len(s1)) if i not in axes1)
        free2 = tuple(i for i in range(len(s2)) if i not in axes2)
        k = _prod([s1[i] for i in axes1])
        m1 = self._matrix(x1, free1 + axes1, (_prod([s1[i] for i in free1]), k))
        m2 = self._matrix(x2, axes2 + free2, (k, _prod([s2[i] for i in free2])))
        out = self.matmul(m1, m2)
        shape = tuple(s1[i] for i in free1) + tuple(s2[i] for i in free2)
        return out if shape == tuple(out.shape) else gen_array_ops.reshape(out, _ints(shape))

    def _matrix(self, x: Any, order: tuple[int, ...], shape: tuple[int, int]) -> Any:
        """``x`` permuted to ``order`` and reshaped to the matrix ``shape``, where either changes
        something."""
        if order != tuple(range(len(order))):
            x = gen_array_ops.transpose(x, _ints(order))
        return x if tuple(x.shape) == shape else gen_array_ops.reshape(x, _ints(shape))

    def reshape(self, x: Any, shape: tuple[int, ...], copy: bool | None) -> Any:
        return gen_array_ops.reshape(x, _ints(shape))  # tensors are immutable: never a copy to make

    def permute_dims(self, x: Any, axes: tuple[int, ...]) -> Any:
        return gen_array_ops.transpose(x, _ints(axes))

    def concat(self, xs: Sequence[Any], axis: int) -> Any:
        if len(xs) == 1:  # the raw ConcatV2 op wants at least two inputs
            return tf.identity(xs[0])
        return gen_array_ops.concat_v2(list(xs), axis)

    def stack(self, xs: Sequence[Any], axis: int) -> Any:
        return gen_array_ops.pack(list(xs), axis=axis)

    def take(self, x: Any, indices: Any, axis: int, along: bool) -> tuple[Any, bool] | None:
        """GatherV2, eagerly on the CPU, whose kernel checks every index against ``[0, n)`` in
        the same pass and raises otherwise; then (rare) one min and one max of the indices
        decide: out of ``[-n, n)`` (False: the frontend raises), or negative ones wrapped and
        gathered again. ``take_along_axis`` where the shapes agree off ``axis`` (batched along
        the other axes, ``axis`` moved last). Elsewhere (a GPU's gather checks nothing, uint64
        indices past 2**63, broadcasting) None: the composition."""
        if (
            not tf.executing_eagerly()
            or "CPU" not in x.device
            or "CPU" not in indices.device
            or indices.dtype == tf.uint64
        ):
            return None
        rank = x.shape.rank
        perm = None
        if along and rank > 1:
            if any(
                i != axis and n != m
                for i, (n, m) in enumerate(zip(x.shape, indices.shape, strict=True))
            ):
                return None  # the composition broadcasts
            x, perm = _to_last(x, axis)
            indices, _ = _to_last(indices, axis)
            axis = rank - 1
        if indices.dtype not in (tf.int32, tf.int64):
            indices = gen_math_ops.cast(indices, tf.int64)
        batch = rank - 1 if along else 0

        def gather(idx: Any) -> Any:
            out = gen_array_ops.gather_v2(x, idx, _scalar32(axis), batch_dims=batch)
            return _from_last(out, perm)

        try:
            out = gather(indices)
            if out.shape.num_elements() or not indices.shape.num_elements():
                return out, True  # (an empty result checked no index)
        except tf.errors.InvalidArgumentError:
            pass  # an index outside [0, n): negative, or out of range
        n = x.shape[axis]
        axes = _ints(range(indices.shape.rank))
        lo, hi = int(gen_math_ops._min(indices, axes)), int(gen_math_ops._max(indices, axes))
        if lo < -n or hi >= n:
            return x, False
        wrapped = gen_math_ops.add_v2(indices, _count_scalar(n, indices.dtype))
        return gather(gen_math_ops.select_v2(gen_math_ops.less(indices, 0), wrapped, indices)), True

    def unstack(self, x: Any, axis: int) -> tuple[Any, ...]:
        return tuple(gen_array_ops.unpack(x, num=x.shape[axis], axis=axis))  # tf.unstack's op

    def broadcast_to(self, x: Any, shape: tuple[int, ...]) -> Any:
        if len(shape) <= 5:
            return gen_array_ops.broadcast_to(x, _ints(shape))
        # BroadcastTo has kernels for at most 5 dimensions ("not supported yet" beyond, as
        # xp.tile of a 3-d array needs 6): tile the size-1 axes instead
        src = (1,) * (len(shape) - len(x.shape)) + tuple(x.shape)
        x = gen_array_ops.reshape(x, _ints(src))
        multiples = _ints(tuple(t if s == 1 else 1 for s, t in zip(src, shape, strict=True)))
        if x.dtype.is_unsigned:  # Tile has no kernel for uint16/32: tile the signed bits
            return _bitcast_via(lambda t: gen_array_ops.tile(t, multiples), x.dtype)(x)
        return gen_array_ops.tile(x, multiples)

    # -- indexing ------------------------------------------------------------------------------
    def getitem(self, x: Any, key: tuple) -> Any:
        items = _expand(x, key)
        if not any(isinstance(k, tf.Tensor) for k in items):
            if all(_is_full(k) for k in items):
                return x
            if len(items) == x.shape.rank and all(
                type(k) is slice and k.start is None and k.stop is None and k.step in (None, -1)
                for k in items
            ):  # x[::-1, :] (flip): ReverseV2 is 2.8x faster than a negative-stride slice
                axes = [i for i, k in enumerate(items) if k.step == -1]
                return gen_array_ops.reverse_v2(x, _ints(axes))  # (a list converts slowly)
            (begin, end, strides), masks = _strided_slice_args(items)
            return gen_array_ops.strided_slice(x, begin, end, strides, **masks)
        key_ = _AdvancedKey(x, items, "Array.__getitem__")
        y, shape, groups = key_.y, key_.shape, key_.groups
        start = groups[0].start
        if not key_.contiguous:  # NumPy puts the indexed axes first
            y, perm = key_.advanced_first()
            shape, start = [shape[a] for a in perm], 0
        span = sum(g.span for g in groups)
        merged = _reshape(
            y, shape[:start] + [_prod(shape[start : start + span])] + shape[start + span :]
        )
        return gen_array_ops.gather_v2(merged, key_.flat_index(), start)

    def setitem(self, x: Any, key: tuple, value: Any) -> Any:
        items = _expand(x, key)
        if not any(isinstance(k, tf.Tensor) for k in items):
            if all(_is_full(k) for k in items):
                return _fit(value, _shape(x))
            (begin, end, strides), masks = _strided_slice_args(items)
            target = _sliced_shape(x, items)
            if target is None:  # unknown while tracing
                target = _shape(gen_array_ops.strided_slice(x, begin, end, strides, **masks))
            # the op does not broadcast (documented), so give it the slice's exact shape
            return gen_array_ops.tensor_strided_slice_update(
                x, begin, end, strides, _fit(value, target), **masks
            )
        key_ = _AdvancedKey(x, items, "Array.__setitem__")
        shape, groups = key_.shape, key_.groups
        flat = key_.flat_index()
        start = groups[0].start if key_.contiguous else 0
        axes = [a for g in groups for a in range(g.start, g.start + g.span)]
        rest = [shape[a] for a in range(len(shape)) if a not in axes]
        batch = _shape(flat)
        # the value broadcasts against what getitem returns (checked even if nothing is selected)
        value = _fit(value, rest[:start] + batch + rest[start:])
        if any(type(n) is int and n == 0 for n in shape):
            return x
        if start:  # index axes first, as the scatter wants them
            nb = len(batch)
            value = gen_array_ops.transpose(
                value,
                _ints(
                    list(range(start, start + nb))
                    + list(range(start))
                    + list(range(start + nb, len(rest) + nb))
                ),
            )
        y, perm = key_.advanced_first()
        merged = _reshape(y, [_prod([shape[a] for a in axes])] + rest)
        merged = gen_array_ops.tensor_scatter_update(
            merged, _reshape(flat, [-1, 1]), _reshape(value, [-1] + rest)
        )
        y = _reshape(merged, [shape[a] for a in perm])
        if perm != sorted(perm):
            y = gen_array_ops.transpose(y, _ints([perm.index(a) for a in range(len(perm))]))
        if key_.trivial:
            return y
        (begin, end, strides), masks = _strided_slice_args(key_.basic)
        return gen_array_ops.tensor_strided_slice_update(x, begin, end, strides, y, **masks)

    # -- errors --------------------------------------------------------------------------------
    def synchronize(self, device: Device) -> None:
        if device.kind == "gpu":
            tf.test.experimental.sync_devices()

    def translate_error(self, func: str, exc: Exception) -> Exception:
        if not isinstance(exc, tf.errors.OpError):
            return super().translate_error(func, exc)
        text = _NODE_PREFIX.sub("", exc.message).strip()
        if isinstance(
            exc, (tf.errors.UnimplementedError, tf.errors.NotFoundError)
        ) or _TYPE_TEXT.search(text):
            cls: type[Exception] = ArrayshimTypeError
        elif isinstance(exc, tf.errors.OutOfRangeError) or _INDEX_TEXT.search(text):
            cls = ArrayshimIndexError
        elif isinstance(exc, tf.errors.InvalidArgumentError):
            cls = ArrayshimValueError
        else:
            return exc
        return cls(
            f"arrayshim.{func}() failed on backend {self.name!r}: {type(exc).__name__}: {text}"
        )

    # -- searching, sorting, cumulative sums, repetition ----------------------------------------
    # Sorting runs on TopKV2 (descending, ties by lower index first: a stable sort) over integer
    # keys with NumPy's order (_order_key): no NaN reaches a comparison.
    def argsort(self, x: Any, axis: int, descending: bool) -> Any:
        key, perm = _to_last(_order_key(x), axis)
        return _from_last(_sorted_last(key, descending)[1], perm)

    def sort(self, x: Any, axis: int, descending: bool) -> Any:
        key, perm = _to_last(_order_key(x), axis)
        moved, _ = _to_last(x, axis)
        order = _sorted_last(key, descending)[1]
        rank = x.shape.rank
        return _from_last(
            gen_array_ops.gather_v2(moved, order, rank - 1, batch_dims=rank - 1), perm
        )

    def unique(self, x: Any, index: bool, inverse: bool, counts: bool) -> tuple | None:
        """TensorFlow's hash-based UniqueWithCounts (values in the order of first occurrence;
        every NaN its own; zeros made +0.0 first), then a stable sort of the unique
        values alone by NumPy's order key (NaNs last, in the order of first occurrence, as the
        composition's stable argsort leaves them). Eagerly on the CPU only (the GPU kernel and a
        graph's unknown sizes: the composition)."""
        if not tf.executing_eagerly() or "CPU" not in x.device:
            return None
        if x.dtype.is_floating:  # -0.0 + 0.0 is +0.0: the float16 kernel hashes the bits
            x = gen_math_ops.add_v2(x, _zero(x.dtype))
        values, idx, cnt = gen_array_ops.unique_with_counts(x, out_idx=tf.int64)
        order = _sorted_last(_order_key(values), False)[1]
        first = None
        if index:  # each value's smallest position: one segment min over the inverse
            n = x.shape[0]
            positions = gen_math_ops._range(_scalar64(0), _scalar64(n), _scalar64(1))
            first = gen_math_ops.unsorted_segment_min(positions, idx, _shape(values)[0])
            first = gen_array_ops.gather_v2(first, order, _scalar32(0))
        rank = None
        if inverse:  # every element's value: its first-occurrence number, ranked
            rank = gen_array_ops.gather_v2(
                gen_array_ops.invert_permutation(order), idx, _scalar32(0)
            )
        return (
            gen_array_ops.gather_v2(values, order, _scalar32(0)),
            first,
            rank,
            gen_array_ops.gather_v2(cnt, order, _scalar32(0)) if counts else None,
        )

    def arg_extremum(self, name: str, x: Any, axis: int) -> Any:
        if _native_arg_extremum_is_numpys(x):
            op = gen_math_ops.arg_max if name == "argmax" else gen_math_ops.arg_min
            return op(x, axis, output_type=tf.int64)
        key = _order_key(x)
        if name == "argmin":  # reversed order, with NaN (NumPy's pick) still the largest
            key = gen_bitwise_ops.invert(key)
            if x.dtype in _BITS:
                key = gen_math_ops.select_v2(gen_math_ops.is_nan(x), _KEY_TOP[x.dtype], key)
        key, _ = _to_last(key, axis)  # the other axes keep their order
        n = _shape(key)[-1]
        top = gen_math_ops._max(key, -1, keep_dims=True)
        positions = tf.range(n, dtype=tf.int64)
        # the first position holding the maximum (ArgMax does not promise the first on ties)
        return gen_math_ops._min(
            gen_math_ops.select_v2(gen_math_ops.equal(key, top), positions, tf.cast(n, tf.int64)),
            -1,
        )

    def nonzero(self, x: Any) -> tuple[Any, ...]:
        mask = x if x.dtype == tf.bool else gen_math_ops.not_equal(x, tf.zeros((), x.dtype))
        where = gen_array_ops.where(mask)  # int64, one row per true element, row-major
        return tuple(where[:, i] for i in range(x.shape.rank))

    def searchsorted(self, x1: Any, x2: Any, side: str) -> Any:
        op = gen_array_ops.lower_bound if side == "left" else gen_array_ops.upper_bound
        k1 = gen_array_ops.expand_dims(_order_key(x1), 0)
        k2 = gen_array_ops.expand_dims(_order_key(x2), 0)
        return gen_array_ops.squeeze(op(k1, k2, out_type=tf.int64), [0])

    def cumulative(self, name: str, x: Any, axis: int, dtype: DType) -> Any:
        fn = gen_math_ops.cumsum if name == "sum" else gen_math_ops.cumprod
        return fn(x, axis)

    def repeat(self, x: Any, repeats: Any, axis: int) -> Any:
        if 0 in x.shape:  # tf.repeat fails on an empty array with per-element counts
            if isinstance(repeats, int):
                total = tf.constant(x.shape[axis] * repeats, tf.int64)
            else:
                total = tf.reduce_sum(tf.cast(repeats, tf.int64))
            return tf.zeros(
                tf.tensor_scatter_nd_update(tf.shape(x, out_type=tf.int64), [[axis]], [total]),
                x.dtype,
            )
        if x.dtype.is_unsigned:  # Tile has no kernel for uint16/32: repeat the signed bits
            return _bitcast_via(lambda t: tf.repeat(t, repeats, axis=axis), x.dtype)(x)
        return tf.repeat(x, repeats, axis=axis)

    def conj(self, x: Any) -> Any:
        return gen_math_ops.conj(x)

    def complex_parts(self, x: Any) -> tuple[Any, Any]:
        real = x.dtype.real_dtype
        return gen_math_ops.real(x, Tout=real), gen_math_ops.imag(x, Tout=real)

    def complex_from_parts(self, real: Any, imag: Any) -> Any:
        return tf.complex(real, imag)

    # -- sorting and function transforms (GradientTape, tf.function, tf.vectorized_map) ----------
    def value_and_grad(
        self, fn: Callable, args: Sequence[Any], argnums: tuple[int, ...]
    ) -> tuple[Any, Any, tuple[Any, ...]]:
        args = _distinct(args, argnums)
        with tf.GradientTape() as tape:
            for i in argnums:
                tape.watch(args[i])
            value, aux = fn(*args)
        grads = tape.gradient(
            value, [args[i] for i in argnums], unconnected_gradients=tf.UnconnectedGradients.ZERO
        )
        return value, aux, tuple(grads)

    def jacobian(
        self, fn: Callable, args: Sequence[Any], argnums: tuple[int, ...], batched: bool
    ) -> tuple[Any, ...]:
        args = _distinct(args, argnums)
        with tf.GradientTape(persistent=batched and len(argnums) > 1) as tape:
            for i in argnums:
                tape.watch(args[i])
            out = fn(*args)
        if not batched:
            return tuple(
                tape.jacobian(
                    out,
                    [args[i] for i in argnums],
                    unconnected_gradients=tf.UnconnectedGradients.ZERO,
                )
            )
        return tuple(
            tape.batch_jacobian(out, args[i], unconnected_gradients=tf.UnconnectedGradients.ZERO)
            for i in argnums
        )

    def jit(self, fn: Callable, options: dict) -> Callable:
        # autograph off by default: arrayshim's own Python code must not be rewritten; Python
        # control flow on array values needs the framework's loops (documented in README)
        return tf.function(fn, **{"autograph": False, **options})

    def vmap(self, fn: Callable, args: Sequence[Any], axes: Sequence[int | None]) -> Any:
        if not tf.executing_eagerly():  # inside the caller's tf.function: part of its graph
            return _vectorized(fn, tuple(axes))(tuple(args))
        # eager: tf.vectorized_map would trace fn into a new tf.function on every call (30-50
        # ms); fn is the same object for calls of the same structure, dtypes and shapes, so its
        # tf.function is kept on it and traced once
        compiled = getattr(fn, "_arrayshim_tf_vmap", None)
        if compiled is None:
            compiled = tf.function(_vectorized(fn, tuple(axes)), autograph=False)
            fn._arrayshim_tf_vmap = compiled  # type: ignore[attr-defined]
        return compiled(tuple(args))


def _vectorized(fn: Callable, axes: tuple[int | None, ...]) -> Callable:
    """``fn`` mapped by ``tf.vectorized_map`` over the arguments whose axis is 0; the others are
    passed whole to every example. Errors are ``fn``'s own, not autograph's wrapping of them."""

    def mapped(args: tuple) -> tuple:
        raised: list[Exception] = []
        elems = tuple(a for a, ax in zip(args, axes, strict=True) if ax is not None)

        def body(example: Any) -> tuple:
            it = iter(example)
            full = [a if ax is None else next(it) for a, ax in zip(args, axes, strict=True)]
            try:
                # an output that is an unmapped input returned as it is has no op inside the
                # loop for pfor: give it one, which pfor broadcasts
                return tuple(tf.identity(o) for o in fn(*full))
            except Exception as exc:
                raised.append(exc)
                raise

        try:
            return tuple(tf.vectorized_map(body, elems, fallback_to_while_loop=True))
        except Exception:
            if raised:
                raise raised[0] from None
            raise

    return mapped


def _distinct(args: Sequence[Any], argnums: tuple[int, ...]) -> list[Any]:
    """``args`` with each differentiated tensor that also appears at another position replaced by
    a copy (``tf.identity``): the tape tracks tensor objects, so ``f(w, w)`` would otherwise get
    the total derivative for each position where torch.func (and JAX) give the partial one."""
    out = list(args)
    ids = [id(x) for x in out]
    if len(set(ids)) == len(ids):
        return out
    for i in argnums:
        if ids.count(ids[i]) > 1:
            out[i] = tf.identity(out[i])
    return out
