"""A toy third-party backend, loaded through the ``arrayshim.backends`` entry-point group.

Its arrays carry a device tag, and it has *fake* devices (``fake:0``, ``fake:1``) — so device
rules can be tested on a machine without a GPU. Values are computed with NumPy.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from arrayshim.backend_api import CPU, Backend, Device
from arrayshim_numpy import NumpyBackend

FAKE0, FAKE1 = Device("fake", 0), Device("fake", 1)


class ToyArray:
    """The toy framework's array: NumPy data plus the device it 'lives' on."""

    __slots__ = ("data", "dev")

    def __init__(self, data: Any, dev: Device) -> None:
        self.data = np.asarray(data)
        self.dev = dev


_np = NumpyBackend()


def _lift(fn: Any) -> Any:
    def run(*xs: ToyArray) -> ToyArray:
        return ToyArray(fn(*(x.data for x in xs)), xs[0].dev)

    return run


class ToyBackend(Backend):
    name = "toy"
    native_types = (ToyArray,)
    checks_index_bounds = True

    def version(self) -> str:
        return "0.0.1"

    def native_dtype(self, dtype):
        return _np.native_dtype(dtype)

    def dtype_of(self, x):
        return _np.dtype_of(x.data)

    def shape_of(self, x):
        return x.data.shape

    def devices(self):
        return [CPU, FAKE0, FAKE1]

    def device_of(self, x):
        return x.dev

    def to_device(self, x, device):
        return ToyArray(x.data.copy(), device)

    def asarray(self, obj, dtype, device, copy):
        data = obj.data if isinstance(obj, ToyArray) else obj
        return ToyArray(_np.asarray(data, dtype, CPU, copy), device)

    def to_numpy(self, x):
        return x.data

    def from_dlpack(self, x, device, copy):
        return ToyArray(np.from_dlpack(x), device or CPU)

    def dlpack(self, x, stream, max_version, dl_device, copy):
        return x.data.__dlpack__()

    def dlpack_device(self, x):
        return (1, 0)

    def full(self, shape, fill_value, dtype, device):
        return ToyArray(_np.full(shape, fill_value, dtype, CPU), device)

    def empty(self, shape, dtype, device):
        return ToyArray(_np.empty(shape, dtype, CPU), device)

    def arange(self, start, step, num, dtype, device):
        return ToyArray(_np.arange(start, step, num, dtype, CPU), device)

    def linspace(self, start, stop, num, endpoint, dtype, device):
        return ToyArray(_np.linspace(start, stop, num, endpoint, dtype, CPU), device)

    def eye(self, n_rows, n_cols, k, dtype, device):
        return ToyArray(_np.eye(n_rows, n_cols, k, dtype, CPU), device)

    def astype(self, x, dtype, copy):
        return ToyArray(_np.astype(x.data, dtype, copy), x.dev)

    def kernel(self, name, dtype):
        return _lift(_np.kernel(name, dtype))

    def where(self, condition, x1, x2):
        return _lift(np.where)(condition, x1, x2)

    def reduce(self, name, x, axis, keepdims, dtype):
        return ToyArray(_np.reduce(name, x.data, axis, keepdims, dtype), x.dev)

    def var(self, x, axis, correction, keepdims):
        return ToyArray(_np.var(x.data, axis, correction, keepdims), x.dev)

    def matmul(self, x1, x2):
        return _lift(np.matmul)(x1, x2)

    def reshape(self, x, shape, copy):
        return ToyArray(_np.reshape(x.data, shape, copy), x.dev)

    def permute_dims(self, x, axes):
        return ToyArray(np.transpose(x.data, axes), x.dev)

    def concat(self, xs, axis):
        return ToyArray(np.concatenate([x.data for x in xs], axis), xs[0].dev)

    def stack(self, xs, axis):
        return ToyArray(np.stack([x.data for x in xs], axis), xs[0].dev)

    def broadcast_to(self, x, shape):
        return ToyArray(np.broadcast_to(x.data, shape), x.dev)

    def getitem(self, x, key):
        key = tuple(k.data if isinstance(k, ToyArray) else k for k in key)
        return ToyArray(x.data[key], x.dev)

    def setitem(self, x, key, value):
        key = tuple(k.data if isinstance(k, ToyArray) else k for k in key)
        x.data[key] = value.data
        return x

    # -- searching, sorting, cumulative sums, repetition: NumPy's, on the toy's device ----------
    def argsort(self, x, axis, descending):
        return ToyArray(_np.argsort(x.data, axis, descending), x.dev)

    def sort(self, x, axis, descending):
        return ToyArray(_np.sort(x.data, axis, descending), x.dev)

    def arg_extremum(self, name, x, axis):
        return ToyArray(_np.arg_extremum(name, x.data, axis), x.dev)

    def nonzero(self, x):
        return tuple(ToyArray(i, x.dev) for i in _np.nonzero(x.data))

    def searchsorted(self, x1, x2, side):
        return ToyArray(_np.searchsorted(x1.data, x2.data, side), x1.dev)

    def cumulative(self, name, x, axis, dtype):
        return ToyArray(_np.cumulative(name, x.data, axis, dtype), x.dev)

    def repeat(self, x, repeats, axis):
        return ToyArray(_np.repeat(x.data, repeats.data, axis), x.dev)

    def conj(self, x):
        return ToyArray(_np.conj(x.data), x.dev)

    def complex_parts(self, x):
        return tuple(ToyArray(p, x.dev) for p in _np.complex_parts(x.data))
