"""The Array type: a thin, slotted wrapper around one framework array.

Every operator and method routes through the same frontend functions as ``arrayshim.add`` etc.,
so operators follow the one promotion table too. Arrays are built only by ``_new``.

This module sits below dispatch and the functions, which build Arrays; so it cannot import
them. The operators call the few functions they need (``binary``, ``unary``, ``matmul``,
``permute_dims``, ``getitem``, ``setitem``, ``to_device``) through module globals that
``_operators.py``, above the functions, binds once when ``arrayshim`` is imported.
"""

from __future__ import annotations

import math
import operator
import sys

from ._errors import ArrayshimTypeError, ArrayshimValueError, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeGuard

    from ._devices import Device
    from ._dtypes import DType
    from .backend_api import Backend

_object_new = object.__new__

#: the package whose namespace ``__array_namespace__`` returns (imported before any submodule)
_PACKAGE = __name__.rpartition(".")[0]


class Array:
    """An n-dimensional array on one backend and one device.

    ``xp.to_native(a)`` gives the framework's own array. On TensorFlow, whose tensors are
    immutable, ``a[i] = v`` rebinds the wrapper to an updated tensor.

    >>> import arrayshim as xp
    >>> a = xp.ones((2, 3), dtype=xp.float32)
    >>> (a + 1).shape
    (2, 3)
    """

    __slots__ = ("_native", "_backend", "_dtype", "_device", "__weakref__")

    _native: Any
    _backend: Backend
    _dtype: DType
    _device: Device

    __hash__ = None  # type: ignore[assignment]  # == is elementwise

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise ArrayshimTypeError(
            "arrayshim.Array cannot be constructed directly; use arrayshim.asarray(obj) or "
            "another creation function."
        )

    # -- properties -------------------------------------------------------------------------
    @property
    def dtype(self) -> DType:
        return self._dtype

    @property
    def device(self) -> Device:
        return self._device

    @property
    def shape(self) -> tuple[int | None, ...]:
        return tuple(self._backend.shape_of(self._native))

    @property
    def ndim(self) -> int:
        return len(self._backend.shape_of(self._native))

    @property
    def size(self) -> int | None:
        shape = tuple(self._backend.shape_of(self._native))
        return math.prod(shape) if all_known(shape) else None

    @property
    def T(self) -> Array:
        return _permute_dims(self, tuple(range(self.ndim - 1, -1, -1)))

    @property
    def mT(self) -> Array:
        ndim = self.ndim
        if ndim < 2:
            raise ArrayshimValueError(
                message(
                    "Array.mT",
                    "self",
                    "an array with at least 2 dimensions",
                    f"an array of shape {self.shape}",
                )
            )
        axes = list(range(ndim))
        axes[-1], axes[-2] = axes[-2], axes[-1]
        return _permute_dims(self, tuple(axes))

    # -- NumPy's ndarray methods and attributes (issue 12) ----------------------------------
    # Each calls the ``arrayshim.numpy`` function of the same name (NumPy's semantics are
    # defined once, there); that namespace is imported on the first call (see ``_np`` below),
    # which then makes the methods in NUMPY_FUNCTION_METHODS those functions themselves.
    # ``out=`` is refused by those functions unless None, as everywhere in ``arrayshim.numpy``.
    @property
    def itemsize(self) -> int:
        return self._dtype.itemsize

    @property
    def nbytes(self) -> int | None:
        size = self.size
        return None if size is None else size * self._dtype.itemsize

    @property
    def real(self) -> Array:
        return _np.real(self)

    @real.setter
    def real(self, value: Any) -> None:
        _np._set_part(self, value, "real")

    @property
    def imag(self) -> Array:
        return _np.imag(self)

    @imag.setter
    def imag(self, value: Any) -> None:
        _np._set_part(self, value, "imag")

    def reshape(self, *shape: Any, order: str = "C", copy: bool | None = None) -> Array:
        """``a.reshape(2, 3)`` or ``a.reshape((2, 3))``, as NumPy."""
        return _np.reshape(self, shape[0] if len(shape) == 1 else shape, order, copy=copy)

    def ravel(self, order: str = "C") -> Array:
        return _np.ravel(self, order)

    def flatten(self, order: str = "C") -> Array:
        """A 1-d copy (never a view, unlike :meth:`ravel`)."""
        return _np.reshape(self, -1, order, copy=True)

    def transpose(self, *axes: Any) -> Array:
        """``a.transpose()``, ``a.transpose(1, 0)`` or ``a.transpose((1, 0))``, as NumPy."""
        if len(axes) == 1 and not isinstance(axes[0], int):
            axes = axes[0]
        return _np.transpose(self, axes or None)

    def swapaxes(self, axis1: int, axis2: int) -> Array:
        return _np.swapaxes(self, axis1, axis2)

    def squeeze(self, axis: Any = None) -> Array:
        return _np.squeeze(self, axis)

    def astype(
        self,
        dtype: Any,
        order: str = "K",
        casting: str = "unsafe",
        subok: bool = True,
        copy: bool = True,
    ) -> Array:
        """NumPy's ``astype`` (``order``, ``casting`` and ``subok`` are NumPy's defaults only)."""
        if order != "K" or casting != "unsafe" or subok is not True:
            _np_refuse("astype", "order, casting, subok", "NumPy's defaults", (order, casting))
        return _np.astype(self, dtype, copy=copy)

    def copy(self, order: str = "C") -> Array:
        return _np.copy(self, order)

    def sum(
        self,
        axis: Any = None,
        dtype: Any = None,
        out: Any = None,
        keepdims: bool = False,
        initial: Any = None,
        where: Any = True,
    ) -> Array:
        return _np.sum(self, axis, dtype, out, keepdims, initial, where)

    def prod(
        self,
        axis: Any = None,
        dtype: Any = None,
        out: Any = None,
        keepdims: bool = False,
        initial: Any = None,
        where: Any = True,
    ) -> Array:
        return _np.prod(self, axis, dtype, out, keepdims, initial, where)

    def mean(
        self,
        axis: Any = None,
        dtype: Any = None,
        out: Any = None,
        keepdims: bool = False,
        *,
        where: Any = True,
    ) -> Array:
        return _np.mean(self, axis, dtype, out, keepdims, where=where)

    def var(
        self,
        axis: Any = None,
        dtype: Any = None,
        out: Any = None,
        ddof: float = 0,
        keepdims: bool = False,
        *,
        correction: Any = None,
    ) -> Array:
        return _np.var(self, axis, dtype, out, ddof, keepdims, correction=correction)

    def std(
        self,
        axis: Any = None,
        dtype: Any = None,
        out: Any = None,
        ddof: float = 0,
        keepdims: bool = False,
        *,
        correction: Any = None,
    ) -> Array:
        return _np.std(self, axis, dtype, out, ddof, keepdims, correction=correction)

    def min(
        self,
        axis: Any = None,
        out: Any = None,
        keepdims: bool = False,
        initial: Any = None,
        where: Any = True,
    ) -> Array:
        return _np.min(self, axis, out, keepdims, initial, where)

    def max(
        self,
        axis: Any = None,
        out: Any = None,
        keepdims: bool = False,
        initial: Any = None,
        where: Any = True,
    ) -> Array:
        return _np.max(self, axis, out, keepdims, initial, where)

    def argmin(self, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Array:
        return _np.argmin(self, axis, out, keepdims=keepdims)

    def argmax(self, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Array:
        return _np.argmax(self, axis, out, keepdims=keepdims)

    def cumsum(self, axis: Any = None, dtype: Any = None, out: Any = None) -> Array:
        return _np.cumsum(self, axis, dtype, out)

    def cumprod(self, axis: Any = None, dtype: Any = None, out: Any = None) -> Array:
        return _np.cumprod(self, axis, dtype, out)

    def any(
        self, axis: Any = None, out: Any = None, keepdims: bool = False, *, where: Any = True
    ) -> Array:
        return _np.any(self, axis, out, keepdims, where=where)

    def all(
        self, axis: Any = None, out: Any = None, keepdims: bool = False, *, where: Any = True
    ) -> Array:
        return _np.all(self, axis, out, keepdims, where=where)

    def dot(self, b: Any, out: Any = None) -> Array:
        return _np.dot(self, b, out)

    def clip(self, min: Any = None, max: Any = None, out: Any = None) -> Array:
        return _np.clip(self, min, max, out)

    def round(self, decimals: int = 0, out: Any = None) -> Array:
        return _np.round(self, decimals, out)

    def sort(
        self, axis: Any = -1, kind: Any = None, order: Any = None, *, stable: Any = None
    ) -> None:
        """Sort in place and return None, as NumPy (on TensorFlow: rebinds to the sorted
        tensor, as item assignment does). ``axis=None`` is refused as by NumPy's method (the
        flattened sort would not fit the array: use ``arrayshim.numpy.sort(a, None)``)."""
        if axis is None:
            raise ArrayshimTypeError(
                message("Array.sort", "axis", "an int (sort in place along it)", "None")
            )
        _setitem(self, Ellipsis, _np.sort(self, axis, kind, order, stable=stable))

    def argsort(
        self, axis: Any = -1, kind: Any = None, order: Any = None, *, stable: Any = None
    ) -> Array:
        return _np.argsort(self, axis, kind, order, stable=stable)

    def partition(
        self, kth: Any, axis: Any = -1, kind: str = "introselect", order: Any = None
    ) -> None:
        """Partition in place and return None, as NumPy (see ``arrayshim.numpy.partition``)."""
        _setitem(self, Ellipsis, _np.partition(self, kth, axis, kind, order))

    def argpartition(
        self, kth: Any, axis: Any = -1, kind: str = "introselect", order: Any = None
    ) -> Array:
        return _np.argpartition(self, kth, axis, kind, order)

    def take(self, indices: Any, axis: Any = None, out: Any = None, mode: str = "raise") -> Array:
        return _np.take(self, indices, axis, out, mode)

    def put(self, indices: Any, values: Any, mode: str = "raise") -> None:
        _np.put(self, indices, values, mode)

    def compress(self, condition: Any, axis: Any = None, out: Any = None) -> Array:
        return _np.compress(condition, self, axis, out)

    def searchsorted(self, v: Any, side: str = "left", sorter: Any = None) -> Array:
        return _np.searchsorted(self, v, side, sorter)

    def tobytes(self, order: str = "C") -> bytes:
        """The elements' bytes, as NumPy's ``tobytes``: an explicit copy to the host, as
        :meth:`tolist`."""
        return self._backend.to_numpy(self._native).tobytes(order)

    def nonzero(self) -> tuple[Array, ...]:
        return _np.nonzero(self)

    def repeat(self, repeats: Any, axis: Any = None) -> Array:
        return _np.repeat(self, repeats, axis)

    def diagonal(self, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Array:
        return _np.diagonal(self, offset, axis1, axis2)

    def trace(
        self, offset: int = 0, axis1: int = 0, axis2: int = 1, dtype: Any = None, out: Any = None
    ) -> Array:
        return _np.trace(self, offset, axis1, axis2, dtype, out)

    def conj(self) -> Array:
        return _np.conj(self)

    def conjugate(self) -> Array:
        return _np.conjugate(self)

    def fill(self, value: Any) -> None:
        """Set every element to ``value`` in place, as NumPy; a value the dtype cannot hold
        (``2.7`` into an int32 array) is refused as by ``full_like``, where NumPy truncates."""
        _setitem(self, Ellipsis, _np.full_like(self, value))

    def item(self, *args: Any) -> Any:
        """The element as a Python scalar: of a one-element array, or at a flat index
        (``a.item(3)``) or an index per dimension (``a.item(1, 2)``), as NumPy."""
        if not args:
            return self._item("Array.item")
        if len(args) == 1:
            return _np.ravel(self)[operator.index(args[0])]._item("Array.item")
        return _getitem(self, tuple(map(operator.index, args)))._item("Array.item")

    def tolist(self) -> Any:
        """Nested Python lists of Python scalars (a scalar for a 0-d array), as NumPy."""
        return self._backend.to_numpy(self._native).tolist()

    # -- interop ----------------------------------------------------------------------------
    def __array_namespace__(self, /, *, api_version: str | None = None) -> Any:
        namespace = sys.modules[_PACKAGE]
        if api_version is not None and api_version not in namespace.SUPPORTED_API_VERSIONS:
            raise ArrayshimValueError(
                message(
                    "Array.__array_namespace__",
                    "api_version",
                    "one of " + ", ".join(namespace.SUPPORTED_API_VERSIONS),
                    repr(api_version),
                )
            )
        return namespace

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        """``np.exp(x)``, ``np.add(x, 1)``, ``np.ones(3) + x``: the ``arrayshim.numpy`` function
        of the ufunc's name, on the arrays' backend and device; anything else a TypeError."""
        return _array_ufunc(ufunc, method, inputs, kwargs)

    def __array_function__(self, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        """``np.sum(x)``, ``np.concatenate([x, y])``: the ``arrayshim.numpy`` function of the
        same name, on the arrays' backend and device; one it lacks is a TypeError."""
        return _array_function(func, types, args, kwargs)

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> Any:
        """The explicit host copy, ``np.asarray(x)`` (no copy of a NumPy-backend array, nor of
        a CPU tensor where the framework shares its memory); ``copy=False`` of an array on
        another device than the CPU is a ValueError, as NumPy's protocol asks."""
        if copy is False and self._device.kind != "cpu":
            raise ArrayshimValueError(
                message(
                    "Array.__array__",
                    "copy",
                    "True or None for an array off the CPU (its host array is a copy)",
                    f"copy=False for an array on {self._device}",
                )
            )
        out = self._backend.to_numpy(self._native)
        if dtype is not None:
            out = out.astype(dtype, copy=False)
        if copy:
            out = out.copy()
        return out

    def __dlpack__(
        self,
        /,
        *,
        stream: Any = None,
        max_version: Any = None,
        dl_device: Any = None,
        copy: bool | None = None,
    ) -> Any:
        return self._backend.dlpack(self._native, stream, max_version, dl_device, copy)

    def __dlpack_device__(self, /) -> tuple[int, int]:
        return self._backend.dlpack_device(self._native)

    def to_device(self, device: object, /, *, stream: Any = None) -> Array:
        return _to_device(self, device)

    # -- Python conversions -----------------------------------------------------------------
    def _item(self, func: str) -> Any:
        shape = self.shape
        if not all_known(shape) or math.prod(shape) != 1:
            raise ArrayshimValueError(
                message(
                    func, "self", "an array with exactly one element", f"an array of shape {shape}"
                )
            )
        return self._backend.to_numpy(self._native).reshape(()).item()

    def __bool__(self) -> bool:
        return bool(self._item("Array.__bool__"))

    def __int__(self) -> int:
        if self._dtype.kind == "c":
            raise ArrayshimTypeError(
                message("Array.__int__", "self", "a real array", f"dtype {self._dtype}")
            )
        return int(self._item("Array.__int__"))

    def __float__(self) -> float:
        if self._dtype.kind == "c":
            raise ArrayshimTypeError(
                message("Array.__float__", "self", "a real array", f"dtype {self._dtype}")
            )
        return float(self._item("Array.__float__"))

    def __complex__(self) -> complex:
        return complex(self._item("Array.__complex__"))

    def __index__(self) -> int:
        if self._dtype.kind not in "iu":
            raise ArrayshimTypeError(
                message("Array.__index__", "self", "an integer array", f"dtype {self._dtype}")
            )
        return int(self._item("Array.__index__"))

    def __len__(self) -> int:
        shape = self.shape
        if not shape:
            raise ArrayshimTypeError("len() of a 0-d arrayshim.Array")
        return known_dim(shape[0], "Array.__len__")

    def __repr__(self) -> str:
        import numpy as np

        try:
            values = np.array2string(
                self._backend.to_numpy(self._native), separator=", ", prefix="Array("
            )
        except Exception:  # symbolic tensors inside tf.function/torch.compile have no values
            values = "<symbolic>"
        return (
            f"Array({values}, dtype={self._dtype.name}, backend={self._backend.name}, "
            f"device={self._device})"
        )

    __str__ = __repr__

    # -- indexing ---------------------------------------------------------------------------
    def __getitem__(self, key: Any, /) -> Array:
        return _getitem(self, key)

    def __setitem__(self, key: Any, value: Any, /) -> None:
        _setitem(self, key, value)

    # -- operators: every one goes through the frontend functions ---------------------------
    def __add__(self, other: Any, /) -> Array:
        return _binary("add", self, other)

    def __radd__(self, other: Any, /) -> Array:
        return _binary("add", other, self)

    def __sub__(self, other: Any, /) -> Array:
        return _binary("subtract", self, other)

    def __rsub__(self, other: Any, /) -> Array:
        return _binary("subtract", other, self)

    def __mul__(self, other: Any, /) -> Array:
        return _binary("multiply", self, other)

    def __rmul__(self, other: Any, /) -> Array:
        return _binary("multiply", other, self)

    def __truediv__(self, other: Any, /) -> Array:
        return _binary("divide", self, other)

    def __rtruediv__(self, other: Any, /) -> Array:
        return _binary("divide", other, self)

    def __floordiv__(self, other: Any, /) -> Array:
        return _binary("floor_divide", self, other)

    def __rfloordiv__(self, other: Any, /) -> Array:
        return _binary("floor_divide", other, self)

    def __mod__(self, other: Any, /) -> Array:
        return _binary("remainder", self, other)

    def __rmod__(self, other: Any, /) -> Array:
        return _binary("remainder", other, self)

    def __pow__(self, other: Any, /) -> Array:
        return _binary("pow", self, other)

    def __rpow__(self, other: Any, /) -> Array:
        return _binary("pow", other, self)

    def __matmul__(self, other: Any, /) -> Array:
        return _matmul(self, other)

    def __rmatmul__(self, other: Any, /) -> Array:
        return _matmul(other, self)

    def __and__(self, other: Any, /) -> Array:
        return _binary("bitwise_and", self, other)

    def __rand__(self, other: Any, /) -> Array:
        return _binary("bitwise_and", other, self)

    def __or__(self, other: Any, /) -> Array:
        return _binary("bitwise_or", self, other)

    def __ror__(self, other: Any, /) -> Array:
        return _binary("bitwise_or", other, self)

    def __xor__(self, other: Any, /) -> Array:
        return _binary("bitwise_xor", self, other)

    def __rxor__(self, other: Any, /) -> Array:
        return _binary("bitwise_xor", other, self)

    def __lshift__(self, other: Any, /) -> Array:
        return _binary("bitwise_left_shift", self, other)

    def __rlshift__(self, other: Any, /) -> Array:
        return _binary("bitwise_left_shift", other, self)

    def __rshift__(self, other: Any, /) -> Array:
        return _binary("bitwise_right_shift", self, other)

    def __rrshift__(self, other: Any, /) -> Array:
        return _binary("bitwise_right_shift", other, self)

    def __eq__(self, other: Any, /) -> Array:  # type: ignore[override]
        return _binary("equal", self, other)

    def __ne__(self, other: Any, /) -> Array:  # type: ignore[override]
        return _binary("not_equal", self, other)

    def __lt__(self, other: Any, /) -> Array:
        return _binary("less", self, other)

    def __le__(self, other: Any, /) -> Array:
        return _binary("less_equal", self, other)

    def __gt__(self, other: Any, /) -> Array:
        return _binary("greater", self, other)

    def __ge__(self, other: Any, /) -> Array:
        return _binary("greater_equal", self, other)

    def __neg__(self, /) -> Array:
        return _unary("negative", self)

    def __pos__(self, /) -> Array:
        return _unary("positive", self)

    def __abs__(self, /) -> Array:
        return _unary("abs", self)

    def __invert__(self, /) -> Array:
        return _unary("bitwise_invert", self)

    # -- in-place operators: compute, then write back without changing self's dtype ---------
    def _inplace(self, name: str, other: Any) -> Array:
        result = _binary(name, self, other)
        if result._dtype is not self._dtype:
            raise ArrayshimTypeError(
                message(
                    f"Array.__i{name}__",
                    "other",
                    f"a value whose promotion with {self._dtype.name} keeps {self._dtype.name}",
                    f"a value that promotes to {result._dtype.name}",
                )
            )
        if result.shape != self.shape:
            raise ArrayshimValueError(
                message(
                    f"Array.__i{name}__",
                    "other",
                    f"a value broadcastable to {self.shape} without growing it",
                    f"a result of shape {result.shape}",
                )
            )
        self._native = self._backend.setitem(self._native, (Ellipsis,), result._native)
        return self

    def __imatmul__(self, other: Any, /) -> Array:
        result = _matmul(self, other)
        if result._dtype is not self._dtype:
            raise ArrayshimTypeError(
                message(
                    "Array.__imatmul__",
                    "other",
                    f"a value whose promotion with {self._dtype.name} keeps {self._dtype.name}",
                    f"a value that promotes to {result._dtype.name}",
                )
            )
        if result.shape != self.shape:
            raise ArrayshimValueError(
                message(
                    "Array.__imatmul__",
                    "other",
                    f"a matrix that keeps the shape {self.shape}",
                    f"a result of shape {result.shape}",
                )
            )
        self._native = self._backend.setitem(self._native, (Ellipsis,), result._native)
        return self

    def __iadd__(self, other: Any, /) -> Array:
        return self._inplace("add", other)

    def __isub__(self, other: Any, /) -> Array:
        return self._inplace("subtract", other)

    def __imul__(self, other: Any, /) -> Array:
        return self._inplace("multiply", other)

    def __itruediv__(self, other: Any, /) -> Array:
        return self._inplace("divide", other)

    def __ifloordiv__(self, other: Any, /) -> Array:
        return self._inplace("floor_divide", other)

    def __imod__(self, other: Any, /) -> Array:
        return self._inplace("remainder", other)

    def __ipow__(self, other: Any, /) -> Array:
        return self._inplace("pow", other)

    def __iand__(self, other: Any, /) -> Array:
        return self._inplace("bitwise_and", other)

    def __ior__(self, other: Any, /) -> Array:
        return self._inplace("bitwise_or", other)

    def __ixor__(self, other: Any, /) -> Array:
        return self._inplace("bitwise_xor", other)

    def __ilshift__(self, other: Any, /) -> Array:
        return self._inplace("bitwise_left_shift", other)

    def __irshift__(self, other: Any, /) -> Array:
        return self._inplace("bitwise_right_shift", other)


def _new(native: Any, backend: Backend, dtype: DType, device: Device) -> Array:
    """The one private constructor."""
    a = _object_new(Array)
    a._native = native
    a._backend = backend
    a._dtype = dtype
    a._device = device
    return a


# -- dimensions: None is a dimension unknown while tracing (tf.function with dynamic shapes) --
def all_known(shape: tuple[int | None, ...]) -> TypeGuard[tuple[int, ...]]:
    """Whether every dimension of ``shape`` is known."""
    return None not in shape


def _unknown(func: str) -> ArrayshimTypeError:
    return ArrayshimTypeError(
        message(
            func,
            "x",
            "an array whose shape is known when the call runs",
            "an array with a dimension unknown while tracing",
        )
    )


def known_dim(n: int | None, func: str) -> int:
    """Dimension ``n``, which ``func`` must compute with: an unknown one is a ``TypeError``."""
    if n is None:
        raise _unknown(func)
    return n


def known_shape(shape: tuple[int | None, ...], func: str) -> tuple[int, ...]:
    """``shape``, all of whose dimensions ``func`` must compute with (see :func:`known_dim`)."""
    if all_known(shape):
        return shape
    raise _unknown(func)


def describe(value: object) -> str:
    """A short, loss-free description of a received value for error messages."""
    if isinstance(value, Array):
        return (
            f"Array(shape={value.shape}, dtype={value.dtype}, backend={value._backend.name}, "
            f"device={value._device})"
        )
    text = repr(value)
    if len(text) > 200:
        text = text[:200] + "..."
    return f"{text} (type {type(value).__module__}.{type(value).__qualname__})"


# -- the NumPy namespace the ndarray methods call, imported on first use ------------------------
class _LazyNumpy:
    """Stands for ``arrayshim.numpy`` until a method first needs it: ``import arrayshim`` does
    not import the NumPy namespace, which sits above the public one (layer 10)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        return getattr(numpy_namespace(), name)


_np: Any = _LazyNumpy()


#: methods whose parameters after ``self`` are exactly those of the ``arrayshim.numpy`` function
#: of the same name after its array (tests/test_array_methods.py checks): once that namespace is
#: loaded, the method *is* the function (no wrapper call); the defs in the class body are what
#: type checkers see, and what runs before the namespace is loaded
NUMPY_FUNCTION_METHODS = (
    "ravel squeeze swapaxes sum prod mean var std min max argmin argmax cumsum cumprod any all "
    "dot round argsort argpartition take searchsorted nonzero repeat diagonal trace"
).split()


def numpy_namespace() -> Any:
    """``arrayshim.numpy``, imported on the first call, which also binds the methods of
    :data:`NUMPY_FUNCTION_METHODS` to its functions (then the methods call it directly)."""
    global _np
    from . import numpy  # layer 10 from layer 3: allow-listed in tests/test_layers.py

    if _np is not numpy:
        for name in NUMPY_FUNCTION_METHODS:
            setattr(Array, name, getattr(numpy, name))
        _np = numpy
    return numpy


# -- NumPy's protocols: NumPy's functions and ufuncs on Arrays run arrayshim.numpy's -----------
def _not_implemented(name: str, why: str = "") -> ArrayshimTypeError:
    return ArrayshimTypeError(
        f"{name} is not implemented for arrayshim arrays{why}: nothing falls back to NumPy "
        "silently. For an explicit host copy, call np.asarray(x) first (NumPy then computes on "
        "the host)."
    )


def _foreign(types: Any) -> bool:
    """Whether ``types`` has a type other than Array and NumPy's own (which then gets a turn)."""
    return any(t is not Array and t.__module__.split(".")[0] != "numpy" for t in types)


def _array_ufunc(ufunc: Any, method: str, inputs: tuple, kwargs: dict) -> Any:
    if _foreign(type(x) for x in inputs if hasattr(x, "__array_ufunc__")):
        return NotImplemented
    name = getattr(ufunc, "__name__", repr(ufunc))
    if method != "__call__":
        raise _not_implemented(f"numpy.{name}.{method}")
    f = _lookup(_np, name, f"numpy.{name}")
    out = kwargs.get("out")
    if type(out) is tuple and len(out) == 1:  # NumPy passes out= as a tuple
        kwargs["out"] = out[0]
    return f(*inputs, **kwargs)


#: NumPy's modules whose functions have arrayshim.numpy counterparts, by attribute path
_NUMPY_MODULES = {"numpy": (), "numpy.linalg": ("linalg",), "numpy.fft": ("fft",)}


def _array_function(func: Any, types: Any, args: tuple, kwargs: dict) -> Any:
    if _foreign(types):
        return NotImplemented
    module = getattr(func, "__module__", "")
    name = f"{module}.{func.__name__}"
    path = _NUMPY_MODULES.get(module)
    if path is None:
        raise _not_implemented(name)
    namespace = _np
    for part in path:
        namespace = getattr(namespace, part)
    return _lookup(namespace, func.__name__, name)(*args, **kwargs)


def _lookup(namespace: Any, name: str, numpy_name: str) -> Any:
    """The function ``name`` of an arrayshim.numpy namespace, or the TypeError saying it has
    none (with the namespace's reason, where it gives one)."""
    try:
        f = getattr(namespace, name)
    except AttributeError as exc:
        raise _not_implemented(numpy_name, f" ({exc})") from None
    if not callable(f):
        raise _not_implemented(numpy_name)
    return f


def _np_refuse(func: str, arg: str, expected: str, received: object) -> None:
    raise ArrayshimValueError(message(f"Array.{func}", arg, expected, repr(received)))


# -- the operators' implementations, bound by _operators.bind() -----------------------------
def _unbound(*args: Any) -> Any:
    raise RuntimeError("arrayshim's Array operators are bound when the arrayshim package loads")


_binary: Callable[[str, Any, Any], Array] = _unbound
_unary: Callable[[str, Any], Array] = _unbound
_matmul: Callable[[Any, Any], Array] = _unbound
_permute_dims: Callable[[Any, tuple[int, ...]], Array] = _unbound
_getitem: Callable[[Array, Any], Array] = _unbound
_setitem: Callable[[Array, Any, Any], None] = _unbound
_to_device: Callable[[Any, Any], Array] = _unbound


def bind_operators(
    *,
    binary: Callable[[str, Any, Any], Array],
    unary: Callable[[str, Any], Array],
    matmul: Callable[[Any, Any], Array],
    permute_dims: Callable[[Any, tuple[int, ...]], Array],
    getitem: Callable[[Array, Any], Array],
    setitem: Callable[[Array, Any, Any], None],
    to_device: Callable[[Any, Any], Array],
) -> None:
    """Give the operators their implementations (called once, by ``_operators.py``)."""
    global _binary, _unary, _matmul, _permute_dims, _getitem, _setitem, _to_device
    _binary, _unary, _matmul = binary, unary, matmul
    _permute_dims, _getitem, _setitem, _to_device = permute_dims, getitem, setitem, to_device
