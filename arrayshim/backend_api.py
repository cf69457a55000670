"""The backend contract, declared once, and everything an adapter needs from arrayshim.

A backend adapter subclasses :class:`Backend` and implements every abstract method; Python
refuses to instantiate one that misses any, so a gap shows at load time, never mid-call.
``tests/test_contract.py`` loads every registered backend and checks the whole contract.

Adapters only say *how* their framework does something. The frontend has already decided
*what*: every dtype argument is an :class:`arrayshim.DType` (the adapter maps it), axes are
normalised tuples of non-negative ints, and elementwise kernels receive operands of one dtype.
An adapter never promotes. Where its framework lacks a kernel for a dtype, :meth:`kernel`
returns an exact emulation or ``None`` (the frontend then raises a ``TypeError`` naming the
function, dtype and backend).

Third-party backends register under the entry-point group ``arrayshim.backends``::

    [project.entry-points."arrayshim.backends"]
    mybackend = "mypackage.backend:MyBackend"

This module is the one public place an adapter (first- or third-party) imports from; nothing
under ``arrayshim._*`` is part of the contract. It offers:

* :class:`Backend`, the contract, and its type aliases ``Native``, ``Shape``, ``Axes``,
  ``FFTNorm``, ``QRMode``;
* dtypes: :class:`DType` and ``dtypes``, the namespace of dtype objects and groups
  (``dtypes.float16``, ``dtypes.ALL``, ``dtypes.REAL_OF``, ...); ``OPS``, the elementwise ops
  (name -> ``accepts``, ``result``) that :meth:`Backend.kernel` is asked for: read-only facts,
  the dtype decisions stay in the frontend;
* devices: :class:`Device` and ``CPU``;
* errors: the exception classes an adapter raises and :func:`message`, the house format;
* arrays: :func:`backend_of` (the backend holding an Array) and :meth:`Backend.native_of`;
* helpers every adapter needs: :func:`unsupported_dtype` (the error of :meth:`Backend.dtype_of`
  for a native dtype arrayshim has no dtype for), :func:`as_int64` (a Python int as the int64
  of its bits), ``INT_OF_FLOAT`` (each real floating dtype and the signed integer dtype of its
  width, for bit tricks on floats).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from . import _dtypes as dtypes
from ._devices import CPU, Device
from ._dtypes import DType
from ._errors import (
    ArrayshimError,
    ArrayshimIndexError,
    ArrayshimNotImplementedError,
    ArrayshimTypeError,
    ArrayshimValueError,
    DeviceError,
    message,
)
from ._promotion import OPS, OpSpec

__all__ = [
    "CPU",
    "INT_OF_FLOAT",
    "OPS",
    "ArrayshimError",
    "ArrayshimIndexError",
    "ArrayshimNotImplementedError",
    "ArrayshimTypeError",
    "ArrayshimValueError",
    "Axes",
    "Backend",
    "DType",
    "Device",
    "DeviceError",
    "FFTNorm",
    "Native",
    "OpSpec",
    "QRMode",
    "ScalarCache",
    "Shape",
    "as_int64",
    "backend_of",
    "dtypes",
    "exact_float_range",
    "message",
    "negative_power",
    "unsupported_dtype",
]

Native = Any  # the framework's array object
Shape = tuple[int, ...]
Axes = tuple[int, ...] | None
#: ``norm`` of the fft methods, NumPy's meaning
FFTNorm = Literal["backward", "ortho", "forward"]
#: ``mode`` of :meth:`Backend.linalg_qr`
QRMode = Literal["reduced", "complete"]

#: each real floating dtype and the signed integer dtype of its width (its bits, reinterpreted)
INT_OF_FLOAT: dict[DType, DType] = {
    dtypes.float16: dtypes.int16,
    dtypes.float32: dtypes.int32,
    dtypes.float64: dtypes.int64,
}


def backend_of(array: Any) -> Backend:
    """The backend that holds an arrayshim Array (for an adapter's conversion hooks, e.g. a
    framework's registry of tensor conversions); its native is ``backend_of(a).native_of(a)``."""
    backend: Backend = array._backend
    return backend


def as_int64(value: int) -> int:
    """The int64 with the same bits as ``value`` modulo 2**64 (a uint64 value above 2**63 - 1
    becomes negative; an int64 value stays as it is)."""
    return (value + 2**63) % 2**64 - 2**63


#: the integers each real floating dtype holds exactly: up to 2 ** (significand bits)
_EXACT_INTS = {dtypes.float16: 1 << 11, dtypes.float32: 1 << 24, dtypes.float64: 1 << 53}


def exact_float_range(start: Any, step: Any, num: int, dtype: DType) -> bool:
    """Whether ``arange``'s values ``start + i * step`` (``i <= num``: the stop an adapter
    passes included) are integers that the floating ``dtype`` holds exactly: the framework's
    own arange in ``dtype`` then gives NumPy's values in one pass, with no float64 computation
    and cast."""
    limit = _EXACT_INTS.get(dtype)
    if limit is None or type(start) is not int or type(step) is not int:
        return False
    return max(abs(start), abs(start + num * step)) <= limit  # the stop passed too


def negative_power() -> ArrayshimValueError:
    """The error of an integer ``pow`` with a negative exponent (NumPy's and TensorFlow's
    refusal), for adapters whose framework returns a value instead."""
    return ArrayshimValueError(
        message(
            "pow",
            "x2",
            "non-negative exponents for an integer base "
            "(integers to negative integer powers are not allowed)",
            "a negative integer exponent",
        )
    )


def unsupported_dtype(native: str, dtype: object) -> ArrayshimTypeError:
    """The error :meth:`Backend.dtype_of` raises for a native array of a dtype arrayshim has no
    dtype for; ``native`` says what it is (``"a NumPy array"``, ``"a tensor"``), ``dtype`` is
    the framework's dtype as the message shows it."""
    supported = ", ".join(t.name for t in dtypes.ALL)
    return ArrayshimTypeError(
        message(
            "asarray",
            "x",
            f"{native} of a dtype arrayshim supports ({supported})",
            f"dtype {dtype}",
        )
    )


class ScalarCache:
    """Native 0-d arrays of Python scalars, one per (value, type, dtype, device), for
    :meth:`Backend.scalar_operand`: ``x * 2.0`` then costs no new array (on a GPU no fill kernel
    or host-to-device copy) after its first call. Never cached: NaN (never equal to itself as a
    key), zeros (``-0.0 == 0.0`` as a key), complex values; at most ``size`` entries."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._arrays: dict[tuple[Any, type, DType, Device], Any] = {}

    def get(
        self, value: Any, dtype: DType, device: Device, make: Callable[[], Any], keep: bool
    ) -> Any:
        """The cached array for ``value``, or ``make()``'s, kept when ``keep`` (False while a
        compiler traces or where the framework could not reuse the array later)."""
        key = (value, type(value), dtype, device)
        found = self._arrays.get(key)
        if found is not None:
            return found
        made = make()
        if keep and type(value) is not complex and value and value == value:
            if len(self._arrays) >= self.size:
                self._arrays.clear()
            self._arrays[key] = made
        return made

    def clear(self) -> None:
        self._arrays.clear()


class Backend(ABC):
    """One framework adapter."""

    #: the backend's name, as used by ``use_backend`` and ``ARRAYSHIM_BACKEND``
    name: str = ""
    #: the framework's array types; arrays of these types dispatch to this backend
    native_types: tuple[type, ...] = ()
    #: False when the framework's arrays are immutable (``setitem`` then returns a new array)
    mutable: bool = True
    #: True when the framework itself raises IndexError for out-of-range index arrays on every
    #: device (NumPy); otherwise the frontend checks index arrays before indexing
    checks_index_bounds: bool = False
    #: True when ``fft_fft``/``fft_ifft``/``fft_fftn``/... take real floating input and return
    #: the complex dtype of its width (NumPy 2, torch, JAX); else the frontend casts it first
    real_input_fft: bool = False
    #: the most axes an array may have (``__array_namespace_info__().capabilities()``);
    #: None when there is no limit
    max_dimensions: int | None = None

    # -- filled in by the frontend when the backend is loaded (``arrayshim._dispatch``); an
    # adapter neither sets nor reads these ------------------------------------------------------
    #: ``fast[device][op][dtype] = (kernel, result dtype)``, for each device (kernels that enter
    #: :meth:`placement` where the device needs it): the elementwise cells that need no cast
    #: and give one result dtype under every promotion policy
    fast: dict[Device, dict[str, dict[DType, tuple[Callable[..., Any], DType]]]]
    #: the cache of kernels, by ``(op, dtype, device kind)`` (None: the backend has no kernel)
    kernels: dict[tuple[str, DType, str], Callable[..., Any] | None]
    #: the device kind the CPU acts as (``ARRAYSHIM_SIMULATE``, accepted by :meth:`simulate`)
    simulated: str | None
    #: the devices whose ops need no :meth:`placement` context
    unplaced: frozenset[Device]
    #: the first of :meth:`devices`
    default_device: Device

    #: device capabilities as data: per device kind, the kernels the framework lacks there or
    #: computes with other values than :meth:`kernel` gives on the CPU, by dtype, e.g.
    #: ``{"gpu": {"multiply": frozenset({dtypes.uint32})}}``. For an elementwise op (an ``OPS``
    #: name) the frontend asks :meth:`device_kernel` for those cells on devices of that kind;
    #: other names (``matmul``, ``where``, ...) are the adapter's own methods, which choose by
    #: their operands' device. Listed by ``__array_namespace_info__().capabilities()``.
    device_gaps: Mapping[str, Mapping[str, frozenset[DType]]] = {}

    # -- facts ---------------------------------------------------------------------------------
    @abstractmethod
    def version(self) -> str:
        """The framework's version string."""

    # -- dtypes --------------------------------------------------------------------------------
    @abstractmethod
    def native_dtype(self, dtype: DType) -> Any:
        """The framework's dtype for ``dtype``; raise ``TypeError`` if it has none."""

    @abstractmethod
    def dtype_of(self, x: Native) -> DType:
        """The arrayshim dtype of a native array."""

    @abstractmethod
    def shape_of(self, x: Native) -> tuple[int | None, ...]:
        """The shape of a native array as a tuple (``None`` for a dimension unknown while
        tracing)."""

    # -- devices -------------------------------------------------------------------------------
    @abstractmethod
    def devices(self) -> list[Device]:
        """Every device this backend can place arrays on, default first."""

    @abstractmethod
    def device_of(self, x: Native) -> Device:
        """The device a native array lives on."""

    @abstractmethod
    def to_device(self, x: Native, device: Device) -> Native:
        """``x`` moved (or copied) to ``device``."""

    def translate_error(self, func: str, exc: Exception) -> Exception:
        """The arrayshim exception for a framework exception raised inside ``func``: the type
        the Array API specifies (``ValueError``, ``IndexError``, ``TypeError``), the framework's
        message kept. Adapters extend this for their own exception types."""
        if isinstance(exc, ArrayshimError):
            return exc
        for builtin, ours in (
            (IndexError, ArrayshimIndexError),
            (TypeError, ArrayshimTypeError),
            (ValueError, ArrayshimValueError),
        ):
            if isinstance(exc, builtin):
                return ours(
                    f"arrayshim.{func}() failed on backend {self.name!r}: "
                    f"{type(exc).__name__}: {exc}"
                )
        return exc

    def native_of(self, array: Any) -> Native:
        """The native array inside an arrayshim Array, as the framework's array type."""
        return array._native

    def is_traced(self, x: Native) -> bool:
        """True for a symbolic array (inside ``tf.function`` or a compiler's trace), whose values
        cannot be read; the frontend then skips checks that need values."""
        return False

    def is_compiling(self) -> bool:
        """True while the framework's compiler traces Python code that cannot use
        ``ContextVar.set`` (torch.compile's dynamo): ``@xp.agnostic`` then keeps the caller's
        backend where the trace can see it (``_context._push``)."""
        return False

    def synchronize(self, device: Device) -> None:
        """Block until work queued on ``device`` is done (for honest timings on GPUs). CPU
        execution is synchronous in NumPy, PyTorch and eager TensorFlow: nothing to do."""
        return None

    def placement(self, device: Device) -> Any:
        """A context manager that places the ops run inside it on ``device``, or None when the
        framework places ops by their inputs (the default)."""
        return None

    def simulate(self, kind: str) -> bool:
        """Make the CPU act as a device of ``kind`` for testing without one
        (``ARRAYSHIM_SIMULATE=gpu``, read when the backend loads): kernels are chosen for ``kind``
        (``device_gaps``), and :meth:`placement` of the CPU returns a context in which the
        framework refuses every kernel ``kind`` lacks, as that device would. Return False (and
        change nothing) if this backend cannot simulate ``kind``."""
        return False

    # -- conversion ----------------------------------------------------------------------------
    def scalar_operand(
        self, value: bool | int | float | complex, dtype: DType, device: Device
    ) -> Native:
        """A native 0-d array holding a Python scalar for an elementwise call (the value fits
        ``dtype``). The frontend never writes to it nor returns it, so an adapter may hand out
        one cached array per value (no host-to-device copy or fill kernel per call on a GPU;
        on JAX a fresh ``device_put`` costs ~70 µs per operation even on the CPU)."""
        return self.asarray(value, dtype, device, None)

    @abstractmethod
    def asarray(self, obj: Any, dtype: DType, device: Device, copy: bool | None) -> Native:
        """A native array from Python data (scalars/nested sequences, already checked for
        raggedness, dtype inferred), a buffer, a NumPy array or a native array. ``copy=False``
        must not copy (raise ``ValueError`` if it would have to)."""

    @abstractmethod
    def to_numpy(self, x: Native) -> Any:
        """A NumPy array with ``x``'s values (a view where the framework allows)."""

    @abstractmethod
    def from_dlpack(self, x: Any, device: Device | None, copy: bool | None) -> Native:
        """A native array from any object with ``__dlpack__``."""

    @abstractmethod
    def dlpack(
        self, x: Native, stream: Any, max_version: Any, dl_device: Any, copy: bool | None
    ) -> Any:
        """A DLPack capsule for ``x``."""

    @abstractmethod
    def dlpack_device(self, x: Native) -> tuple[int, int]:
        """``(device_type, device_id)`` in DLPack's enumeration."""

    # -- creation ------------------------------------------------------------------------------
    @abstractmethod
    def full(
        self, shape: Shape, fill_value: bool | int | float | complex, dtype: DType, device: Device
    ) -> Native: ...

    @abstractmethod
    def empty(self, shape: Shape, dtype: DType, device: Device) -> Native: ...

    @abstractmethod
    def arange(
        self, start: int | float, step: int | float, num: int, dtype: DType, device: Device
    ) -> Native:
        """``num`` values ``start + i*step``."""

    @abstractmethod
    def linspace(
        self,
        start: float | complex,
        stop: float | complex,
        num: int,
        endpoint: bool,
        dtype: DType,
        device: Device,
    ) -> Native: ...

    @abstractmethod
    def eye(self, n_rows: int, n_cols: int, k: int, dtype: DType, device: Device) -> Native: ...

    @abstractmethod
    def astype(self, x: Native, dtype: DType, copy: bool) -> Native: ...

    # -- elementwise ---------------------------------------------------------------------------
    @abstractmethod
    def kernel(self, name: str, dtype: DType) -> Callable | None:
        """The function computing elementwise op ``name`` (an ``arrayshim._promotion.OPS``
        name) on operands of ``dtype``, returning the op's result dtype (``bool`` for
        comparisons, the real dtype for ``abs`` of complex, else ``dtype``); None if the
        framework cannot do it exactly."""

    def device_kernel(self, name: str, dtype: DType, kind: str) -> Callable | None:
        """The kernel for elementwise op ``name`` in ``dtype`` on devices of ``kind``, for the
        cells ``device_gaps[kind]`` lists (an exact emulation there); None if there is none."""
        return None

    @abstractmethod
    def where(self, condition: Native, x1: Native, x2: Native) -> Native: ...

    def einsum(self, subscripts: str, operands: Sequence[Native]) -> Native | None:
        """NumPy's ``einsum`` (implicit or explicit output, ``...``, repeated letters) of
        operands of one numeric dtype, subscripts already checked against the operands'
        shapes; None where the framework has no kernel for the dtype or device (the frontend
        then contracts pairwise with ``matmul``)."""
        return None

    def median(self, x: Native, omit_nan: bool) -> Native | None:
        """NumPy's median along the last axis of a real floating array: the middle element or
        the mean of the two middle ones, NaN where the row holds a NaN (``omit_nan``: where
        it holds nothing but NaN), no warnings; None where the framework has no such kernel
        (``torch.median`` gives the lower middle: the frontend then sorts)."""
        return None

    def roll(self, x: Native, shifts: tuple[int, ...], axes: tuple[int, ...]) -> Native | None:
        """A new array of ``x``'s elements rolled by ``shifts[i]`` along ``axes[i]`` (distinct
        axes, each shift in ``[1, n)``); None where the framework has no kernel (the frontend
        then concatenates slices)."""
        return None

    def tile(self, x: Native, reps: tuple[int, ...]) -> Native | None:
        """NumPy's ``tile``: ``x`` repeated ``reps[i]`` times along each axis, ``reps`` (counts
        >= 0) at least as long as ``x.ndim`` (``x`` takes leading axes of size 1 to match), as
        a new array from one kernel; None where the framework has none (the frontend then
        reshapes, broadcasts and reshapes)."""
        return None

    def unique(
        self, x: Native, index: bool, inverse: bool, counts: bool
    ) -> tuple[Native, Native | None, Native | None, Native | None] | None:
        """The sorted unique values of the 1-D real-valued ``x`` (NaN last, every NaN its own
        value), with, where asked, each value's first index in ``x``, every element's index into
        the values and each value's count (all int64), from the framework's own sort-based
        unique; the value kept for ``0.0 == -0.0`` may be either zero (the frontend keeps the
        first one). None where the framework has none for the dtype, device or request (the
        frontend then composes a stable argsort)."""
        return None

    def diagonal_sum(self, x: Native, offset: int, dtype: DType) -> Native | None:
        """``linalg.trace``: the sum of the ``offset``-th diagonal of each matrix of ``x`` (at
        least 2-D; a numeric dtype), accumulated in and returned as ``dtype`` (``sum``'s result
        dtype, which ``x`` casts to exactly), from one native call; None where the framework has
        none for the dtype (the frontend then sums ``linalg.diagonal``)."""
        return None

    def meshgrid(self, xs: Sequence[Native], indexing: str) -> tuple[Native, ...] | None:
        """``meshgrid`` of 1-D arrays of one dtype and device (``indexing`` ``'xy'`` or
        ``'ij'``), as new arrays that share no memory with each other or the inputs, from the
        framework's own function; None where it has none (the frontend then reshapes, broadcasts
        and copies each array)."""
        return None

    def frequencies(
        self, n: int, d: float, half: bool, dtype: DType, device: Device
    ) -> Native | None:
        """``fft.fftfreq``'s integers ``[0, 1, ..., (n-1)//2, -(n//2), ..., -1]`` (``half``,
        ``fft.rfftfreq``'s: ``[0, 1, ..., n//2]``) in the real floating ``dtype`` on ``device``,
        each multiplied by the Python float ``1.0 / (n * d)`` rounded to ``dtype`` (one rounding
        per product, as the frontend's ``k * scale`` with a weak scalar), as one new array;
        None where the framework cannot give exactly that (the frontend then composes
        ``arange``, ``concat`` and ``multiply``)."""
        return None

    def unstack(self, x: Native, axis: int) -> tuple[Native, ...] | None:
        """The slices of ``x`` along the non-negative ``axis`` (its size known), as the
        framework's own split returns them (views where it makes views); None where it has none
        (the frontend then indexes ``x`` once per slice)."""
        return None

    def cross(self, x1: Native, x2: Native, axis: int) -> Native | None:
        """The cross product of 3-vectors along the negative ``axis`` of two arrays of one
        numeric dtype whose shapes broadcast, computed in that dtype (integers wrap); None
        where the framework has no kernel (the frontend composes it from products)."""
        return None

    def isin(self, x1: Native, x2: Native) -> Native | None:
        """Whether each element of ``x1`` equals some element of ``x2`` (one dtype; NaN is in
        nothing; ``-0.0`` equals ``0.0``), shaped like ``x1``, from the framework's own kernel;
        None where it has none for this dtype (the frontend then sorts and searches)."""
        return None

    def truth(
        self, name: str, x: Native, axis: tuple[int, ...] | None, keepdims: bool
    ) -> Native | None:
        """``name`` in ``any, all``: whether any (every) element along the non-negative ``axis``
        (None: all) of a non-empty ``x`` is non-zero, NaN counting as non-zero, as a bool array,
        from one kernel; None where the framework has none for the dtype (the frontend casts to
        bool and reduces with max/min)."""
        return None

    def diff(self, x: Native, n: int, axis: int) -> Native | None:
        """The ``n``-th (``n >= 1``) forward difference of ``x`` along the non-negative
        ``axis``, in ``x``'s dtype (integers wrap; bool: ``not_equal``), from one kernel; None
        where the framework has none for the dtype (the frontend subtracts slices)."""
        return None

    def triangle(self, x: Native, k: int, lower: bool) -> Native | None:
        """``x`` (at least 2-D) with the elements above (``lower``: ``tril``) or below
        (``triu``) the ``k``-th diagonal of each matrix zeroed, in one kernel; None where the
        framework has none for the dtype (the frontend then selects with ``where``)."""
        return None

    def diagonal(self, x: Native, offset: int) -> Native | None:
        """The ``offset``-th diagonal of each matrix (the last two axes, of known sizes, the
        diagonal not empty) as a new array of shape ``(..., L)``, from one kernel; None where
        the framework has none for the dtype or device (the frontend then reshapes and slices
        with a stride, which on most frameworks is a view)."""
        return None

    def tensordot(
        self, x1: Native, x2: Native, axes1: tuple[int, ...], axes2: tuple[int, ...]
    ) -> Native | None:
        """The sum of products over ``axes1`` of ``x1`` paired with ``axes2`` of ``x2`` (checked:
        non-negative, distinct, equal sizes), two arrays of one numeric dtype, from the
        framework's own kernel; None where it has none for the dtype or device (the frontend
        then permutes, reshapes and runs one ``matmul``)."""
        return None

    def vecdot(self, x1: Native, x2: Native, axis: int) -> Native | None:
        """``sum(conj(x1) * x2)`` along the negative ``axis`` of two arrays of one numeric
        dtype whose shapes broadcast (and agree along ``axis``), in that dtype, from one kernel;
        None where the framework has none for the dtype (the frontend multiplies and sums)."""
        return None

    def count_nonzero(
        self, x: Native, axis: tuple[int, ...] | None, keepdims: bool
    ) -> Native | None:
        """The int64 count of non-zero elements (NaN counts) along the non-negative ``axis``
        (None: all), from one kernel; None where the framework has none (the frontend casts
        to bool and sums)."""
        return None

    def vector_norm(
        self, x: Native, axis: tuple[int, ...] | None, keepdims: bool, ord: float
    ) -> Native | None:
        """The ``ord``-norm (a real number, ``inf`` or ``-inf``) of a floating or complex
        non-empty ``x`` along the non-negative ``axis`` (None: all), in the real dtype of its
        width, from the framework's own kernel; None where it has none (the frontend composes
        it from ``abs``, sums and powers)."""
        return None

    def matrix_norm(self, x: Native, ord: str | float, keepdims: bool) -> Native | None:
        """The ``ord``-norm (``'fro'``, ``'nuc'``, ``±1``, ``±2``, ``±inf``) of each matrix of
        a floating or complex ``x`` with non-empty matrices, in the real dtype of its width;
        None where the framework has no kernel (the frontend composes it)."""
        return None

    def clip(self, x: Native, lo: Native | None, hi: Native | None) -> Native | None:
        """``minimum(maximum(x, lo), hi)`` in one pass (a bound may be None: open), bounds of
        ``x``'s dtype broadcasting with it, with ``maximum``/``minimum``'s values (NaN anywhere
        gives NaN, ``max`` wins where ``min > max``; the sign of a zero result is left open by
        the standard, and frameworks differ there); None where the framework has no such
        kernel for the dtype: the frontend then runs ``maximum`` and ``minimum``."""
        return None

    def clip_numbers(
        self, x: Native, lo: int | float | None, hi: int | float | None
    ) -> Native | None:
        """:meth:`clip` with Python-number bounds the frontend has checked: an int within an
        integer ``x``'s range, an int or a non-NaN float for a floating ``x``, compared as the
        value rounded to ``x``'s dtype (None: open); the result a new array. None where the
        framework has no such kernel for the dtype (the frontend then makes the bounds native
        arrays and calls :meth:`clip`)."""
        return None

    def take(
        self, x: Native, indices: Native, axis: int, along: bool
    ) -> tuple[Native, Native] | None:
        """``take(x, indices, axis=axis)`` (``along``: ``take_along_axis``, ``indices`` with
        ``x``'s number of dimensions and shapes that broadcast except along ``axis``) for an
        integer ``indices`` array on ``x``'s device, ``axis`` non-negative and of non-zero
        size, negative indices counting from the end; with it a 0-d bool (native, or a Python
        bool where the adapter knows it on the host), True where every
        index is in ``[-n, n)``, from one kernel. The frontend reads the bool and, where it is
        False, drops the result and raises the ``IndexError`` of the composed path (indexing
        with ``__getitem__``). None where the framework has no such kernel (the frontend then
        composes, as it does while tracing)."""
        return None

    # -- reductions ----------------------------------------------------------------------------
    @abstractmethod
    def reduce(self, name: str, x: Native, axis: Axes, keepdims: bool, dtype: DType) -> Native:
        """``name`` in ``sum, prod, max, min, mean``; ``dtype`` is the result (and accumulation)
        dtype; reductions over empty axes reach here only for ``sum/prod/mean``."""

    @abstractmethod
    def var(self, x: Native, axis: Axes, correction: float, keepdims: bool) -> Native:
        """Variance of a floating-point array."""

    # -- linear algebra and manipulation --------------------------------------------------------
    @abstractmethod
    def matmul(self, x1: Native, x2: Native) -> Native:
        """NumPy ``matmul`` semantics on operands of one dtype (1-D operands included)."""

    @abstractmethod
    def reshape(self, x: Native, shape: Shape, copy: bool | None) -> Native: ...

    @abstractmethod
    def permute_dims(self, x: Native, axes: tuple[int, ...]) -> Native: ...

    @abstractmethod
    def concat(self, xs: Sequence[Native], axis: int) -> Native: ...

    @abstractmethod
    def stack(self, xs: Sequence[Native], axis: int) -> Native: ...

    @abstractmethod
    def broadcast_to(self, x: Native, shape: Shape) -> Native: ...

    # -- indexing ------------------------------------------------------------------------------
    @abstractmethod
    def getitem(self, x: Native, key: tuple) -> Native:
        """NumPy indexing. ``key`` is a tuple of ints, slices, ``None``, ``Ellipsis`` and
        native integer or boolean arrays, already checked against ``x``'s shape."""

    @abstractmethod
    def setitem(self, x: Native, key: tuple, value: Native) -> Native:
        """Write ``value`` (same dtype as ``x``, broadcastable) at ``key``; return the updated
        array (``x`` itself for mutable frameworks, a new array otherwise)."""

    # -- searching, sorting, cumulative sums, repetition (Array API 2025.12) --------------------
    # The frontend has checked dtypes, shapes and axes; every index result is int64.
    @abstractmethod
    def argsort(self, x: Native, axis: int, descending: bool) -> Native:
        """Stable sort order (int64) of a real or bool array along ``axis``, NumPy's order:
        NaN after every number ascending, before every number descending; ties keep their
        original order in both directions."""

    @abstractmethod
    def sort(self, x: Native, axis: int, descending: bool) -> Native:
        """The values :meth:`argsort` orders (the same NaN placement and stability)."""

    @abstractmethod
    def arg_extremum(self, name: str, x: Native, axis: int) -> Native:
        """``name`` in ``argmax, argmin``: the int64 index of the first largest (smallest)
        element along a non-empty ``axis`` of a real or bool array; the first NaN if any."""

    @abstractmethod
    def nonzero(self, x: Native) -> tuple[Native, ...]:
        """NumPy's ``nonzero`` of an array with at least one dimension: one int64 index array
        per axis, in row-major order."""

    @abstractmethod
    def searchsorted(self, x1: Native, x2: Native, side: str) -> Native:
        """int64 insertion points of ``x2`` in the sorted 1-D ``x1`` (same real or bool dtype),
        ``side`` ``'left'`` or ``'right'``, with NumPy's order (NaN after every number)."""

    @abstractmethod
    def cumulative(self, name: str, x: Native, axis: int, dtype: DType) -> Native:
        """``name`` in ``sum, prod``: the running sum (product) along ``axis`` of ``x``, which
        already has the result (and accumulation) dtype ``dtype``."""

    @abstractmethod
    def repeat(self, x: Native, repeats: Native, axis: int) -> Native:
        """Each element of ``x`` along ``axis`` repeated ``repeats[i]`` times; ``repeats`` is a
        1-D int64 array of non-negative counts whose length is the axis' size, or one
        non-negative Python int for every element."""

    @abstractmethod
    def conj(self, x: Native) -> Native:
        """The complex conjugate of a complex array (used by ``vecdot``)."""

    @abstractmethod
    def complex_parts(self, x: Native) -> tuple[Native, Native]:
        """The real and imaginary parts of a complex array, in the real dtype of its width
        (``unique_*`` sorts complex values by them, lexicographically, as NumPy does)."""

    def complex_from_parts(self, real: Native, imag: Native) -> Native:
        """The complex array ``real + imag * 1j`` of two real arrays of one shape and dtype,
        each part kept exactly (infinities and NaN included, which arithmetic would not keep):
        NumPy's settable ``a.real`` / ``a.imag``. Optional: the default refuses."""
        raise self._unsupported("complex_from_parts", "numpy, torch, tensorflow, jax")

    # -- optional hooks: sorting and function transforms ------------------------------------------
    # Not abstract, so backends written before these existed stay valid: the defaults raise
    # ArrayshimNotImplementedError naming the function and the backends that provide it.
    def _unsupported(self, func: str, supported: str) -> Exception:
        return ArrayshimNotImplementedError(
            f"arrayshim.{func}() is not supported on backend {self.name!r}. "
            f"Backends that support it: {supported}."
        )

    def value_and_grad(
        self, fn: Callable, args: Sequence[Native], argnums: tuple[int, ...]
    ) -> tuple[Native, Any, tuple[Native, ...]]:
        """Call ``fn(*args)``, which returns ``(scalar, aux)``; return ``(scalar, aux, grads)``
        with the gradient of the scalar w.r.t. ``args[i]`` for each ``i`` in ``argnums`` (zeros
        for an argument the scalar does not depend on). ``fn`` must not see the caller's arrays
        mutated: pass it copies where the framework mutates in place."""
        raise self._unsupported("grad", "torch, tensorflow, jax")

    def jacobian(
        self, fn: Callable, args: Sequence[Native], argnums: tuple[int, ...], batched: bool
    ) -> tuple[Native, ...]:
        """The Jacobian of ``fn(*args)`` (one array) w.r.t. each ``args[i]``, shape
        ``out.shape + args[i].shape``; with ``batched``, examples along axis 0 are independent and
        the result has shape ``(B,) + out.shape[1:] + args[i].shape[1:]``."""
        raise self._unsupported("jacobian", "torch, tensorflow, jax")

    def jit(self, fn: Callable, options: dict) -> Callable:
        """``fn`` (natives in, natives out) compiled by the framework; ``options`` are keyword
        arguments for the framework's compiler (``torch.compile``, ``tf.function``)."""
        raise self._unsupported("jit", "numpy (runs eagerly), torch, tensorflow, jax")

    def vmap(self, fn: Callable, args: Sequence[Native], axes: Sequence[int | None]) -> Any:
        """``fn`` mapped over axis 0 of each array in ``args`` whose entry in ``axes`` is 0 (the
        others, None, are passed whole to every example): ``fn`` takes the arrays in order and
        returns a tuple of arrays; return the tuple of results stacked along axis 0. The
        frontend passes the same ``fn`` object for calls with the same argument structure,
        dtypes and shapes, so an adapter may cache what it builds for it."""
        raise self._unsupported("vmap", "numpy (a loop), torch, tensorflow, jax")

    # -- optional: the linalg extension ----------------------------------------------------------
    # One method per ``xp.linalg`` decomposition or solver, on natives the frontend has validated
    # (floating dtype, square where required, batch dimensions already broadcast). The frontend
    # casts results to the dtypes it decides. Not abstract: a backend without them raises
    # ArrayshimNotImplementedError naming the function and the backends that provide it.
    def linalg_cholesky(self, x: Native, upper: bool) -> Native:
        """The Cholesky factor of a Hermitian positive-definite ``x``: upper (``U^H U = x``)
        or lower (``L L^H = x``). A matrix that is not positive-definite raises."""
        raise _no_extension(self, "linalg.cholesky")

    def linalg_det(self, x: Native) -> Native:
        raise _no_extension(self, "linalg.det")

    def linalg_inv(self, x: Native) -> Native:
        """The inverse of ``x``; a singular matrix raises."""
        raise _no_extension(self, "linalg.inv")

    def linalg_slogdet(self, x: Native) -> tuple[Native, Native]:
        """``(sign, logabsdet)`` of the determinant."""
        raise _no_extension(self, "linalg.slogdet")

    def linalg_eigh(self, x: Native) -> tuple[Native, Native]:
        """``(eigenvalues, eigenvectors)`` of a Hermitian ``x``."""
        raise _no_extension(self, "linalg.eigh")

    def linalg_eigvalsh(self, x: Native) -> Native:
        raise _no_extension(self, "linalg.eigvalsh")

    def linalg_eig(self, x: Native) -> tuple[Native, Native]:
        """``(eigenvalues, eigenvectors)`` of a general ``x`` (complex)."""
        raise _no_extension(self, "linalg.eig")

    def linalg_eigvals(self, x: Native) -> Native:
        raise _no_extension(self, "linalg.eigvals")

    def linalg_qr(self, x: Native, mode: QRMode) -> tuple[Native, Native]:
        """``(q, r)``; ``mode`` ``'reduced'`` or ``'complete'``."""
        raise _no_extension(self, "linalg.qr")

    def linalg_svd(self, x: Native, full_matrices: bool) -> tuple[Native, Native, Native]:
        """``(u, s, vh)`` with ``x == u @ diag(s) @ vh``."""
        raise _no_extension(self, "linalg.svd")

    def linalg_svdvals(self, x: Native) -> Native:
        raise _no_extension(self, "linalg.svdvals")

    def linalg_solve(self, x1: Native, x2: Native) -> Native:
        """``x`` with ``x1 @ x == x2`` (``x2``: (..., M, K), batch dimensions broadcast); a
        singular ``x1`` raises."""
        raise _no_extension(self, "linalg.solve")

    # -- optional: the fft extension -------------------------------------------------------------
    # One method per ``xp.fft`` transform, NumPy's meaning, on a native the frontend has validated
    # and cast (complex for fft, ifft, fftn, ifftn, irfft, irfftn, hfft; real floating for rfft,
    # rfftn, ihfft), with every default resolved. 1-D transforms: length ``n >= 1`` along a
    # non-negative ``axis``; n-D transforms: ``s`` and ``axes`` are tuples of the same non-zero
    # length, lengths >= 1, distinct non-negative axes in the caller's order (the last is the
    # real axis of rfftn/irfftn). ``norm``: ``'backward'``, ``'ortho'`` or ``'forward'``. The
    # frontend casts results to the dtypes it decides. Not abstract, as linalg.
    def fft_fft(self, x: Native, n: int, axis: int, norm: FFTNorm) -> Native:
        raise _no_extension(self, "fft.fft")

    def fft_ifft(self, x: Native, n: int, axis: int, norm: FFTNorm) -> Native:
        raise _no_extension(self, "fft.ifft")

    def fft_rfft(self, x: Native, n: int, axis: int, norm: FFTNorm) -> Native:
        raise _no_extension(self, "fft.rfft")

    def fft_irfft(self, x: Native, n: int, axis: int, norm: FFTNorm) -> Native:
        raise _no_extension(self, "fft.irfft")

    def fft_hfft(self, x: Native, n: int, axis: int, norm: FFTNorm) -> Native:
        raise _no_extension(self, "fft.hfft")

    def fft_ihfft(self, x: Native, n: int, axis: int, norm: FFTNorm) -> Native:
        raise _no_extension(self, "fft.ihfft")

    def fft_fftn(self, x: Native, s: Shape, axes: Shape, norm: FFTNorm) -> Native:
        raise _no_extension(self, "fft.fftn")

    def fft_ifftn(self, x: Native, s: Shape, axes: Shape, norm: FFTNorm) -> Native:
        raise _no_extension(self, "fft.ifftn")

    def fft_rfftn(self, x: Native, s: Shape, axes: Shape, norm: FFTNorm) -> Native:
        raise _no_extension(self, "fft.rfftn")

    def fft_irfftn(self, x: Native, s: Shape, axes: Shape, norm: FFTNorm) -> Native:
        raise _no_extension(self, "fft.irfftn")


def _no_extension(backend: Backend, func: str) -> ArrayshimNotImplementedError:
    """The error of an extension method (``func``: ``"linalg.det"``) an adapter lacks."""
    extension, op = func.split(".")
    return ArrayshimNotImplementedError(
        f"arrayshim.{func}() is not supported on backend {backend.name!r}: its adapter does not "
        f"implement Backend.{extension}_{op}. Backends that support it: numpy, torch, "
        "tensorflow, jax."
    )
