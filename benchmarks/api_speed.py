"""Every function of the arrayshim namespace against the framework's own call, in one run.

    python benchmarks/api_speed.py                       # every function, every backend
    python benchmarks/api_speed.py --quick               # a few functions, few rounds (smoke run)
    python benchmarks/api_speed.py --backends torch --functions sin,sum,linalg.det --out /tmp/a

For each row of ``ROWS`` (a function of ``xp``, ``xp.linalg`` or ``xp.fft``, or an operator of
``Array``) and each backend, the inputs are made once, as the framework's own arrays and as
arrayshim Arrays wrapping them; then the native call and the arrayshim call alternate in one
loop (``rounds`` rounds; in each round one batch of native calls and one batch of arrayshim calls,
the order swapped every round; each batch sized to last about ``--batch-ms``), and the medians
are reported. Nothing is synchronised: every backend runs on the CPU here.

Sizes (elements of the main input; the JSON records every input's shape):

- small: 8 elements (2x4 matrices, a 2x2x2 stack for linalg, 8-point transforms; two 2x3
  arrays of 3-vectors for ``cross``).
- large: 2^20 elements for elementwise, reductions, searching, manipulation and creation
  (1024x1024 where the function wants a matrix); 2^16 for sorting, ``searchsorted`` and the set
  functions (``sort``, ``argsort``, ``unique_*``, ``isin``); 2^16 points for ``fft`` (256x256
  for the n-dimensional transforms); for linalg a stack of 64 32x32 matrices (2^16 elements),
  vectors of 2^20 elements for ``vector_norm``/``vecdot``, 1024x1024 outer products, 2^18
  3-vectors for ``cross``, 256x256 ``tensordot`` and ``matmul`` of the 64x32x32 stacks.
  Functions that return views (``reshape``, ``x[2:-2]``, ``permute_dims``) take the same time at
  any size: their ratio at the large size is their call overhead.

float32 unless the function needs other input (integers for the bitwise functions and the set
functions, bools for the logical functions, ``where``'s condition, ``all``/``any``; complex64 for
``conj``/``real``/``imag`` and the complex transforms). Each row also records whether the native
call computes the same values as arrayshim on the benchmark's inputs (same dtype and shape,
values within ``rtol=1e-5``: ``same_values``). ``tests/test_api_speed_bench.py`` checks that on
small inputs for every row, and on small inputs with special values salted in for every row
except those in ``CORRECTS`` (where arrayshim corrects the native result to the standard, or
where the framework has no single op and its natural composition gives other special values;
those must differ there).

Goals (issue 14): at the large size within 1.10x of the native call, 1.5x for rows in
``CORRECTS``; at 8 elements on NumPy and PyTorch at most +1 us for elementwise functions and
operators, +3 us for reductions, statistics, searching, linalg and fft. Other small rows, and
small rows on TensorFlow, have no goal (shown as ``-``).

A complete run (no ``--quick``, no ``--functions`` filter, no ``--out``) writes
``docs/api_speed.{json,png,txt}`` and the README block between ``<!-- api-speed -->`` markers; a
``--quick`` or filtered run writes files only where ``--out`` says (and the README only with
``--readme``), so a smoke run never overwrites the published figures. Timings on a shared
machine are noisy: run it on a quiet one.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import math
import operator
import os
import pathlib
import platform
import statistics
import sys
import time
import types
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))  # conformance.markers

import numpy as np

import arrayshim as xp

ROOT = pathlib.Path(__file__).resolve().parents[1]

# the frameworks, imported when a backend is measured (``load``): the native callables below
# name them as strings ("torch.sin") or use them in lambdas, resolved at call time
torch: Any = None
tf: Any = None
jax: Any = None
jnp: Any = None

BACKENDS = ("numpy", "torch", "tensorflow", "jax")
#: the backends whose native calls each row spells out; jax's are NumPy's, run by jax.numpy
SPELLED = BACKENDS[:3]
SMALL, LARGE = "small", "large"

# ---------------------------------------------------------------------------------------------
# Inputs: kind -> NumPy arrays (converted to each backend) and static arguments (passed as is)
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Static:
    """An argument passed unchanged to both calls (a shape, a Python list, a NumPy array)."""

    value: Any


def _n(kind: str, size: str) -> int:
    """Elements of the main input."""
    if size == SMALL:
        return 8
    if kind in ("sort", "sorted_f", "dup", "dup2", "cvec", "rvec", "nfft"):
        return 2**16
    return 2**20


def _rc(size: str, large: tuple[int, int] = (1024, 1024)) -> tuple[int, int]:
    return (2, 4) if size == SMALL else large


def make_inputs(kind: str, size: str, seed: int = 0) -> tuple:
    """The arguments of a row of ``kind`` at ``size``: NumPy arrays and ``Static`` values."""
    rng = np.random.default_rng(seed)
    n = _n(kind, size)
    f32 = np.float32

    def normal(*shape: int) -> np.ndarray:
        return rng.standard_normal(shape).astype(f32)

    def uniform(lo: float, hi: float, *shape: int) -> np.ndarray:
        return rng.uniform(lo, hi, shape).astype(f32)

    def nonzero(*shape: int) -> np.ndarray:
        return (uniform(0.5, 2.0, *shape) * rng.choice([-1, 1], shape)).astype(f32)

    def ints(lo: int, hi: int, *shape: int) -> np.ndarray:
        return rng.integers(lo, hi, shape, dtype=np.int32)

    def bools(*shape: int) -> np.ndarray:
        return rng.random(shape) < 0.5

    def matrices(*shape: int) -> np.ndarray:  # well conditioned, determinants near 1
        m = shape[-1]
        return (normal(*shape) / np.sqrt(m) + np.eye(m, dtype=f32)).astype(f32)

    def spd(*shape: int) -> np.ndarray:  # symmetric positive definite
        a = normal(*shape) / np.sqrt(shape[-1])
        return (a @ np.swapaxes(a, -1, -2) + np.eye(shape[-1])).astype(f32)

    stack = (2, 2, 2) if size == SMALL else (64, 32, 32)
    kinds: dict[str, Callable[[], tuple]] = {
        "f": lambda: (normal(n),),
        "ff": lambda: (normal(n), normal(n)),
        "pos": lambda: (uniform(0.1, 10.0, n),),
        "unit": lambda: (uniform(-0.99, 0.99, n),),
        "ge1": lambda: (uniform(1.0, 10.0, n),),
        "near1": lambda: (uniform(0.999, 1.001, n),),
        "pos_f": lambda: (uniform(0.1, 10.0, n), normal(n)),
        "f_nz": lambda: (normal(n), nonzero(n)),
        "nz": lambda: (nonzero(n),),
        "sparse": lambda: (normal(n) * (rng.random(n) < 0.5),),
        "c": lambda: ((normal(n) + 1j * normal(n)).astype(np.complex64),),
        "i": lambda: (ints(-1000, 1000, n),),
        "ii": lambda: (ints(-1000, 1000, n), ints(-1000, 1000, n)),
        "shift": lambda: (ints(0, 1000, n), ints(0, 8, n)),
        "b": lambda: (bools(n),),
        "bb": lambda: (bools(n), bools(n)),
        "bff": lambda: (bools(n), normal(n), normal(n)),
        "sort": lambda: (normal(n),),
        "dup": lambda: (ints(0, max(2, n // 4), n),),
        "dup2": lambda: (ints(0, max(2, n // 4), n), ints(0, max(2, n // 4), max(2, n // 8))),
        "sorted_f": lambda: (np.sort(normal(n)), normal(n)),
        "idx": lambda: (normal(n), rng.integers(0, n, n)),
        "bcast": lambda: (normal(n), normal(1)),
        "to_shape": lambda: (normal(1), Static((n,))),
        "shapes": lambda: (Static((_rc(size)[0], 1)), Static((1, _rc(size)[1]))),
        "m": lambda: (normal(*_rc(size)),),
        "rows": lambda: (normal(*_rc(size, (8, 2**17))),),
        "row1": lambda: (normal(1, n),),
        "n": lambda: (Static(n),),
        "rc": lambda: (Static(_rc(size)[0]), Static(_rc(size)[1])),
        "mesh": lambda: (normal(_rc(size)[0]), normal(_rc(size)[1])),
        "list": lambda: (Static(normal(n).tolist()),),
        "np": lambda: (Static(normal(n)),),
        # linalg
        "mat": lambda: (matrices(*stack),),
        "mat2": lambda: (matrices(*stack), matrices(*stack)),
        "spd": lambda: (spd(*stack),),
        "mat2d2": lambda: (normal(*_rc(size, (256, 256))), normal(*_rc(size, (256, 256))[::-1])),
        "outer": lambda: (normal(_rc(size)[0]), normal(_rc(size)[1])),
        "cross": lambda: (normal(n // 4 or 2, 3), normal(n // 4 or 2, 3)),
        # fft
        "cvec": lambda: ((normal(n) + 1j * normal(n)).astype(np.complex64),),
        "rvec": lambda: (normal(n),),
        "c2d": lambda: ((normal(*_rc(size, (256, 256))) * (1 + 1j)).astype(np.complex64),),
        "r2d": lambda: (normal(*_rc(size, (256, 256))),),
        "nfft": lambda: (Static(n),),
    }
    return kinds[kind]()


# ---------------------------------------------------------------------------------------------
# The rows: name, group, input kind, and the native call on each backend
# ---------------------------------------------------------------------------------------------

NativeSpec = Any  # "np.sin" / "torch.sin" / "tf.math.sin" (resolved at call time) or a callable


@dataclasses.dataclass(frozen=True)
class Row:
    name: str  # "sin", "linalg.det", "x + y"
    group: str  # elementwise, reduction, searching, manipulation, sorting, sets, creation, ...
    kind: str  # make_inputs kind
    native: dict[str, NativeSpec]  # backend -> the framework's call
    ours: Callable | None = None  # default: the xp function called ``name``, same arguments
    compare: str = "values"  # "values", or "meta" (shape and dtype only: ``empty``)

    def difference(self, native_result: Any, ours_result: Any) -> str | None:
        """None when the two results agree (``same_values``), else what differs."""
        per_element = self.group not in ("reduction", "linalg", "fft")
        return same_values(native_result, ours_result, self.compare == "meta", per_element)

    def arrayshim_call(self) -> Callable:
        if self.ours is not None:
            return self.ours
        obj: Any = xp
        for part in self.name.split("."):
            obj = getattr(obj, part)
        return obj


def resolve(spec: NativeSpec) -> Callable:
    """A native spec as a callable: dotted strings start at ``np``, ``torch`` or ``tf``."""
    if callable(spec):
        return spec
    root, *path = spec.split(".")
    obj: Any = {"np": np, "torch": torch, "tf": tf, "jnp": jnp}[root]
    for part in path:
        obj = getattr(obj, part)
    return obj


def load(backend: str) -> None:
    """Import the framework that ``backend``'s native callables use."""
    global torch, tf, jax, jnp
    if backend == "jax" and jax is None:
        jax = importlib.import_module("jax")
        jnp = importlib.import_module("jax.numpy")
    if backend == "torch" and torch is None:
        torch = importlib.import_module("torch")
    if backend == "tensorflow" and tf is None:
        tf = importlib.import_module("tensorflow")


F32 = "float32"


def _tf_copysign(x, y):
    return tf.where(tf.bitcast(y, tf.int32) < 0, -tf.abs(x), tf.abs(x))


def _tf_logaddexp(x, y):
    return tf.maximum(x, y) + tf.math.log1p(tf.exp(-tf.abs(x - y)))


def _tf_unique_sorted(x):
    """Sorted unique values, the index of each value's first occurrence, the inverse and the
    counts, from TensorFlow's own ops (``tf.unique`` keeps the order of first occurrence)."""
    values, inverse, counts = tf.unique_with_counts(x, out_idx=tf.int64)
    order = tf.argsort(values, stable=True)
    rank = tf.cast(tf.math.invert_permutation(order), tf.int64)
    first = tf.math.unsorted_segment_min(tf.range(tf.size(x, tf.int64)), inverse, tf.size(values))
    return (
        tf.gather(values, order),
        tf.gather(first, order),
        tf.gather(rank, inverse),
        tf.gather(counts, order),
    )


def _torch_unique_all(x):
    values, inverse, counts = torch.unique(x, sorted=True, return_inverse=True, return_counts=True)
    first = torch.full_like(values, x.numel(), dtype=torch.int64).scatter_reduce_(
        0, inverse, torch.arange(x.numel()), "amin"
    )
    return values, first, inverse, counts


def _tf_isin(x, test):
    s = tf.sort(test)
    i = tf.minimum(tf.searchsorted(s, x), tf.size(s) - 1)
    return tf.gather(s, i) == x


def _tf_matrix_rank(x):  # float32 input: the standard's default rtol, max(M, N) * eps
    s = tf.linalg.svd(x, compute_uv=False)
    tol = s[..., :1] * max(x.shape[-2:]) * np.finfo(np.float32).eps
    return tf.math.count_nonzero(s > tol, axis=-1)


def _tf_fftfreq(n, real=False):  # TensorFlow has no fftfreq: float64 like NumPy's
    if real:
        return tf.range(n // 2 + 1, dtype=tf.float64) / n
    return tf.concat([tf.range((n - 1) // 2 + 1), tf.range(-(n // 2), 0)], 0) / n


# elementwise: (name, input kind, NumPy, PyTorch, TensorFlow); the arguments are the inputs
ELEMENTWISE: list[tuple[str, str, NativeSpec, NativeSpec, NativeSpec]] = [
    ("abs", "f", "np.abs", "torch.abs", "tf.math.abs"),
    ("acos", "unit", "np.acos", "torch.acos", "tf.math.acos"),
    ("acosh", "ge1", "np.acosh", "torch.acosh", "tf.math.acosh"),
    ("add", "ff", "np.add", "torch.add", "tf.math.add"),
    ("asin", "unit", "np.asin", "torch.asin", "tf.math.asin"),
    ("asinh", "f", "np.asinh", "torch.asinh", "tf.math.asinh"),
    ("atan", "f", "np.atan", "torch.atan", "tf.math.atan"),
    ("atan2", "ff", "np.atan2", "torch.atan2", "tf.math.atan2"),
    ("atanh", "unit", "np.atanh", "torch.atanh", "tf.math.atanh"),
    ("bitwise_and", "ii", "np.bitwise_and", "torch.bitwise_and", "tf.bitwise.bitwise_and"),
    ("bitwise_invert", "i", "np.bitwise_invert", "torch.bitwise_not", "tf.bitwise.invert"),
    ("bitwise_left_shift", "shift", "np.left_shift", "torch.bitwise_left_shift",
     "tf.bitwise.left_shift"),
    ("bitwise_or", "ii", "np.bitwise_or", "torch.bitwise_or", "tf.bitwise.bitwise_or"),
    ("bitwise_right_shift", "shift", "np.right_shift", "torch.bitwise_right_shift",
     "tf.bitwise.right_shift"),
    ("bitwise_xor", "ii", "np.bitwise_xor", "torch.bitwise_xor", "tf.bitwise.bitwise_xor"),
    ("ceil", "f", "np.ceil", "torch.ceil", "tf.math.ceil"),
    ("conj", "c", "np.conj", lambda x: torch.conj_physical(x), "tf.math.conj"),
    ("copysign", "ff", "np.copysign", "torch.copysign", _tf_copysign),
    ("cos", "f", "np.cos", "torch.cos", "tf.math.cos"),
    ("cosh", "f", "np.cosh", "torch.cosh", "tf.math.cosh"),
    ("divide", "f_nz", "np.divide", "torch.div", "tf.math.divide"),
    ("equal", "ff", "np.equal", "torch.eq", "tf.math.equal"),
    ("exp", "f", "np.exp", "torch.exp", "tf.math.exp"),
    ("expm1", "f", "np.expm1", "torch.expm1", "tf.math.expm1"),
    ("floor", "f", "np.floor", "torch.floor", "tf.math.floor"),
    ("floor_divide", "f_nz", "np.floor_divide", "torch.floor_divide", "tf.math.floordiv"),
    ("greater", "ff", "np.greater", "torch.gt", "tf.math.greater"),
    ("greater_equal", "ff", "np.greater_equal", "torch.ge", "tf.math.greater_equal"),
    ("hypot", "ff", "np.hypot", "torch.hypot", lambda x, y: tf.sqrt(x * x + y * y)),
    ("imag", "c", "np.imag", "torch.imag", "tf.math.imag"),
    ("isfinite", "f", "np.isfinite", "torch.isfinite", "tf.math.is_finite"),
    ("isinf", "f", "np.isinf", "torch.isinf", "tf.math.is_inf"),
    ("isnan", "f", "np.isnan", "torch.isnan", "tf.math.is_nan"),
    ("less", "ff", "np.less", "torch.lt", "tf.math.less"),
    ("less_equal", "ff", "np.less_equal", "torch.le", "tf.math.less_equal"),
    ("log", "pos", "np.log", "torch.log", "tf.math.log"),
    ("log1p", "pos", "np.log1p", "torch.log1p", "tf.math.log1p"),
    ("log2", "pos", "np.log2", "torch.log2", lambda x: tf.math.log(x) * (1 / math.log(2))),
    ("log10", "pos", "np.log10", "torch.log10", lambda x: tf.math.log(x) * (1 / math.log(10))),
    ("logaddexp", "ff", "np.logaddexp", "torch.logaddexp", _tf_logaddexp),
    ("logical_and", "bb", "np.logical_and", "torch.logical_and", "tf.math.logical_and"),
    ("logical_not", "b", "np.logical_not", "torch.logical_not", "tf.math.logical_not"),
    ("logical_or", "bb", "np.logical_or", "torch.logical_or", "tf.math.logical_or"),
    ("logical_xor", "bb", "np.logical_xor", "torch.logical_xor", "tf.math.logical_xor"),
    ("maximum", "ff", "np.maximum", "torch.maximum", "tf.math.maximum"),
    ("minimum", "ff", "np.minimum", "torch.minimum", "tf.math.minimum"),
    ("multiply", "ff", "np.multiply", "torch.mul", "tf.math.multiply"),
    ("negative", "f", "np.negative", "torch.neg", "tf.math.negative"),
    ("nextafter", "ff", "np.nextafter", "torch.nextafter", "tf.math.nextafter"),
    ("not_equal", "ff", "np.not_equal", "torch.ne", "tf.math.not_equal"),
    ("positive", "f", "np.positive", "torch.positive", "tf.identity"),
    ("pow", "pos_f", "np.pow", "torch.pow", "tf.math.pow"),
    ("real", "c", "np.real", "torch.real", "tf.math.real"),
    ("reciprocal", "nz", "np.reciprocal", "torch.reciprocal", "tf.math.reciprocal"),
    ("remainder", "f_nz", "np.remainder", "torch.remainder", "tf.math.floormod"),
    ("round", "f", "np.round", "torch.round", "tf.math.round"),
    ("sign", "f", "np.sign", "torch.sign", "tf.math.sign"),
    ("signbit", "f", "np.signbit", "torch.signbit", lambda x: tf.bitcast(x, tf.int32) < 0),
    ("sin", "f", "np.sin", "torch.sin", "tf.math.sin"),
    ("sinh", "f", "np.sinh", "torch.sinh", "tf.math.sinh"),
    ("sqrt", "pos", "np.sqrt", "torch.sqrt", "tf.math.sqrt"),
    ("square", "f", "np.square", "torch.square", "tf.math.square"),
    ("subtract", "ff", "np.subtract", "torch.sub", "tf.math.subtract"),
    ("tan", "f", "np.tan", "torch.tan", "tf.math.tan"),
    ("tanh", "f", "np.tanh", "torch.tanh", "tf.math.tanh"),
    ("trunc", "f", "np.trunc", "torch.trunc",
     lambda x: tf.where(x < 0, tf.math.ceil(x), tf.math.floor(x))),
]  # fmt: skip

_CLIP = (-0.5, 0.5)

# the rest: (name, group, input kind, NumPy, PyTorch, TensorFlow[, arrayshim call])
OTHERS: list[tuple] = [
    ("clip", "elementwise", "f", lambda x: np.clip(x, *_CLIP), lambda x: torch.clamp(x, *_CLIP),
     lambda x: tf.clip_by_value(x, *_CLIP), lambda x: xp.clip(x, min=_CLIP[0], max=_CLIP[1])),
    # reductions and statistics
    ("sum", "reduction", "f", "np.sum", "torch.sum", "tf.math.reduce_sum"),
    ("prod", "reduction", "near1", "np.prod", "torch.prod", "tf.math.reduce_prod"),
    ("mean", "reduction", "f", "np.mean", "torch.mean", "tf.math.reduce_mean"),
    ("max", "reduction", "f", "np.max", "torch.amax", "tf.math.reduce_max"),
    ("min", "reduction", "f", "np.min", "torch.amin", "tf.math.reduce_min"),
    ("std", "reduction", "f", "np.std", lambda x: torch.std(x, correction=0),
     "tf.math.reduce_std"),
    ("var", "reduction", "f", "np.var", lambda x: torch.var(x, correction=0),
     "tf.math.reduce_variance"),
    ("cumulative_sum", "reduction", "f", "np.cumsum", lambda x: torch.cumsum(x, 0),
     "tf.math.cumsum"),
    ("cumulative_prod", "reduction", "near1", "np.cumprod", lambda x: torch.cumprod(x, 0),
     "tf.math.cumprod"),
    ("all", "reduction", "b", "np.all", "torch.all", "tf.math.reduce_all"),
    ("any", "reduction", "b", "np.any", "torch.any", "tf.math.reduce_any"),
    ("diff", "reduction", "f", "np.diff", "torch.diff", lambda x: x[1:] - x[:-1]),
    # searching
    ("argmax", "searching", "f", "np.argmax", "torch.argmax", lambda x: tf.math.argmax(x, 0)),
    ("argmin", "searching", "f", "np.argmin", "torch.argmin", lambda x: tf.math.argmin(x, 0)),
    ("count_nonzero", "searching", "sparse", "np.count_nonzero", "torch.count_nonzero",
     "tf.math.count_nonzero"),
    ("nonzero", "searching", "sparse", "np.nonzero", lambda x: torch.nonzero(x, as_tuple=True),
     lambda x: (tf.where(x != 0)[:, 0],)),
    ("searchsorted", "searching", "sorted_f", "np.searchsorted", "torch.searchsorted",
     lambda a, v: tf.searchsorted(a, v, out_type=tf.int64)),
    ("where", "searching", "bff", "np.where", "torch.where", "tf.where"),
    # sorting
    ("sort", "sorting", "sort", lambda x: np.sort(x, kind="stable"),
     lambda x: torch.sort(x, stable=True).values, "tf.sort"),
    ("argsort", "sorting", "sort", lambda x: np.argsort(x, kind="stable"),
     lambda x: torch.argsort(x, stable=True),
     lambda x: tf.cast(tf.argsort(x, stable=True), tf.int64)),
    # sets
    ("unique_values", "sets", "dup", "np.unique", "torch.unique",
     lambda x: _tf_unique_sorted(x)[0]),
    ("unique_counts", "sets", "dup", lambda x: np.unique(x, return_counts=True),
     lambda x: torch.unique(x, return_counts=True),
     lambda x: (lambda u: (u[0], u[3]))(_tf_unique_sorted(x))),
    ("unique_inverse", "sets", "dup", lambda x: np.unique(x, return_inverse=True),
     lambda x: torch.unique(x, return_inverse=True),
     lambda x: (lambda u: (u[0], u[2]))(_tf_unique_sorted(x))),
    ("unique_all", "sets", "dup",
     lambda x: np.unique(x, return_index=True, return_inverse=True, return_counts=True),
     _torch_unique_all, _tf_unique_sorted),
    ("isin", "sets", "dup2", "np.isin", "torch.isin", _tf_isin),
    # manipulation
    ("broadcast_arrays", "manipulation", "bcast", "np.broadcast_arrays",
     "torch.broadcast_tensors", lambda x, y: (x, tf.broadcast_to(y, tf.shape(x)))),
    ("broadcast_shapes", "manipulation", "shapes", "np.broadcast_shapes",
     "torch.broadcast_shapes",
     lambda a, b: tuple(tf.broadcast_static_shape(tf.TensorShape(a), tf.TensorShape(b)))),
    ("broadcast_to", "manipulation", "to_shape", "np.broadcast_to", "torch.broadcast_to",
     "tf.broadcast_to"),
    ("concat", "manipulation", "ff", lambda x, y: np.concatenate([x, y]),
     lambda x, y: torch.cat([x, y]), lambda x, y: tf.concat([x, y], 0),
     lambda x, y: xp.concat([x, y])),
    ("stack", "manipulation", "ff", lambda x, y: np.stack([x, y]),
     lambda x, y: torch.stack([x, y]), lambda x, y: tf.stack([x, y]),
     lambda x, y: xp.stack([x, y])),
    ("unstack", "manipulation", "rows", "np.unstack", "torch.unbind", "tf.unstack"),
    ("expand_dims", "manipulation", "f", lambda x: np.expand_dims(x, 0),
     lambda x: torch.unsqueeze(x, 0), lambda x: tf.expand_dims(x, 0),
     lambda x: xp.expand_dims(x, axis=0)),
    ("squeeze", "manipulation", "row1", lambda x: np.squeeze(x, 0),
     lambda x: torch.squeeze(x, 0), lambda x: tf.squeeze(x, [0]), lambda x: xp.squeeze(x, 0)),
    ("flip", "manipulation", "f", "np.flip", lambda x: torch.flip(x, (0,)),
     lambda x: tf.reverse(x, [0])),
    ("roll", "manipulation", "f", lambda x: np.roll(x, 3), lambda x: torch.roll(x, 3),
     lambda x: tf.roll(x, 3, 0), lambda x: xp.roll(x, 3)),
    ("repeat", "manipulation", "f", lambda x: np.repeat(x, 2),
     lambda x: torch.repeat_interleave(x, 2), lambda x: tf.repeat(x, 2),
     lambda x: xp.repeat(x, 2)),
    ("tile", "manipulation", "f", lambda x: np.tile(x, (2,)), lambda x: torch.tile(x, (2,)),
     lambda x: tf.tile(x, [2]), lambda x: xp.tile(x, (2,))),
    ("reshape", "manipulation", "f", lambda x: np.reshape(x, (-1, 4)),
     lambda x: torch.reshape(x, (-1, 4)), lambda x: tf.reshape(x, (-1, 4)),
     lambda x: xp.reshape(x, (-1, 4))),
    ("moveaxis", "manipulation", "m", lambda x: np.moveaxis(x, 0, 1),
     lambda x: torch.moveaxis(x, 0, 1), lambda x: tf.transpose(x, (1, 0)),
     lambda x: xp.moveaxis(x, 0, 1)),
    ("permute_dims", "manipulation", "m", lambda x: np.permute_dims(x, (1, 0)),
     lambda x: torch.permute(x, (1, 0)), lambda x: tf.transpose(x, (1, 0)),
     lambda x: xp.permute_dims(x, (1, 0))),
    ("matrix_transpose", "manipulation", "m", "np.matrix_transpose", lambda x: x.mT,
     "tf.linalg.matrix_transpose"),
    ("take", "manipulation", "idx", lambda x, i: np.take(x, i, axis=0),
     lambda x, i: torch.index_select(x, 0, i), lambda x, i: tf.gather(x, i),
     lambda x, i: xp.take(x, i, axis=0)),
    ("take_along_axis", "manipulation", "idx", lambda x, i: np.take_along_axis(x, i, 0),
     lambda x, i: torch.take_along_dim(x, i, 0), lambda x, i: tf.gather(x, i),
     lambda x, i: xp.take_along_axis(x, i, axis=0)),
    # creation
    ("arange", "creation", "n", lambda n: np.arange(n, dtype=F32),
     lambda n: torch.arange(n, dtype=torch.float32), lambda n: tf.range(n, dtype=tf.float32),
     lambda n: xp.arange(n, dtype=xp.float32)),
    ("asarray", "creation", "list", lambda v: np.asarray(v, dtype=F32),
     lambda v: torch.tensor(v, dtype=torch.float32), lambda v: tf.constant(v, tf.float32),
     lambda v: xp.asarray(v, dtype=xp.float32)),
    ("astype", "creation", "f", lambda x: x.astype(np.float64),
     lambda x: x.to(torch.float64), lambda x: tf.cast(x, tf.float64),
     lambda x: xp.astype(x, xp.float64)),
    ("empty", "creation", "n", lambda n: np.empty((n,), F32),
     lambda n: torch.empty((n,), dtype=torch.float32), lambda n: tf.zeros((n,), tf.float32),
     lambda n: xp.empty((n,), dtype=xp.float32)),
    ("empty_like", "creation", "f", "np.empty_like", "torch.empty_like", "tf.zeros_like"),
    ("eye", "creation", "rc", lambda r, c: np.eye(r, c, dtype=F32),
     lambda r, c: torch.eye(r, c, dtype=torch.float32),
     lambda r, c: tf.eye(r, c, dtype=tf.float32), lambda r, c: xp.eye(r, c, dtype=xp.float32)),
    ("from_dlpack", "creation", "np", "np.from_dlpack", "torch.from_dlpack",
     lambda a: tf.experimental.dlpack.from_dlpack(a.__dlpack__())),
    ("full", "creation", "n", lambda n: np.full((n,), 1.5, F32),
     lambda n: torch.full((n,), 1.5, dtype=torch.float32),
     lambda n: tf.fill((n,), tf.constant(1.5, tf.float32)),
     lambda n: xp.full((n,), 1.5, dtype=xp.float32)),
    ("full_like", "creation", "f", lambda x: np.full_like(x, 1.5),
     lambda x: torch.full_like(x, 1.5), lambda x: tf.fill(tf.shape(x), tf.constant(1.5)),
     lambda x: xp.full_like(x, 1.5)),
    ("linspace", "creation", "n", lambda n: np.linspace(0, 1, n, dtype=F32),
     lambda n: torch.linspace(0, 1, n, dtype=torch.float32),
     lambda n: tf.linspace(tf.constant(0.0), 1.0, n),
     lambda n: xp.linspace(0, 1, n, dtype=xp.float32)),
    ("meshgrid", "creation", "mesh", "np.meshgrid",
     lambda x, y: torch.meshgrid(x, y, indexing="xy"), "tf.meshgrid"),
    ("ones", "creation", "n", lambda n: np.ones((n,), F32),
     lambda n: torch.ones((n,), dtype=torch.float32), lambda n: tf.ones((n,), tf.float32),
     lambda n: xp.ones((n,), dtype=xp.float32)),
    ("ones_like", "creation", "f", "np.ones_like", "torch.ones_like", "tf.ones_like"),
    ("zeros", "creation", "n", lambda n: np.zeros((n,), F32),
     lambda n: torch.zeros((n,), dtype=torch.float32), lambda n: tf.zeros((n,), tf.float32),
     lambda n: xp.zeros((n,), dtype=xp.float32)),
    ("zeros_like", "creation", "f", "np.zeros_like", "torch.zeros_like", "tf.zeros_like"),
    ("tril", "creation", "m", "np.tril", "torch.tril", lambda x: tf.linalg.band_part(x, -1, 0)),
    ("triu", "creation", "m", "np.triu", "torch.triu", lambda x: tf.linalg.band_part(x, 0, -1)),
    ("to_device", "creation", "f", lambda x: x.to_device("cpu"), lambda x: x.to("cpu"),
     "tf.identity", lambda x: xp.to_device(x, x.device)),
    # linalg (the main namespace's matmul, matrix_transpose, tensordot, vecdot are
    # xp.linalg's too: ALIASES)
    ("matmul", "linalg", "mat2", "np.matmul", "torch.matmul", "tf.linalg.matmul"),
    ("tensordot", "linalg", "mat2d2", lambda a, b: np.tensordot(a, b, 1),
     lambda a, b: torch.tensordot(a, b, 1), lambda a, b: tf.tensordot(a, b, 1),
     lambda a, b: xp.tensordot(a, b, axes=1)),
    ("vecdot", "linalg", "ff", "np.vecdot", "torch.linalg.vecdot",
     lambda a, b: tf.reduce_sum(a * b, -1)),
    ("linalg.cholesky", "linalg", "spd", "np.linalg.cholesky", "torch.linalg.cholesky",
     "tf.linalg.cholesky"),
    ("linalg.cross", "linalg", "cross", "np.linalg.cross", "torch.linalg.cross",
     "tf.linalg.cross"),
    ("linalg.det", "linalg", "mat", "np.linalg.det", "torch.linalg.det", "tf.linalg.det"),
    ("linalg.diagonal", "linalg", "mat", "np.linalg.diagonal", "torch.linalg.diagonal",
     "tf.linalg.diag_part"),
    ("linalg.eig", "linalg", "mat", "np.linalg.eig", "torch.linalg.eig", "tf.linalg.eig"),
    ("linalg.eigh", "linalg", "spd", "np.linalg.eigh", "torch.linalg.eigh", "tf.linalg.eigh"),
    ("linalg.eigvals", "linalg", "mat", "np.linalg.eigvals", "torch.linalg.eigvals",
     "tf.linalg.eigvals"),
    ("linalg.eigvalsh", "linalg", "spd", "np.linalg.eigvalsh", "torch.linalg.eigvalsh",
     "tf.linalg.eigvalsh"),
    ("linalg.inv", "linalg", "mat", "np.linalg.inv", "torch.linalg.inv", "tf.linalg.inv"),
    ("linalg.matrix_norm", "linalg", "mat", "np.linalg.matrix_norm",
     "torch.linalg.matrix_norm", lambda x: tf.norm(x, "fro", axis=(-2, -1))),
    ("linalg.matrix_power", "linalg", "mat", lambda x: np.linalg.matrix_power(x, 3),
     lambda x: torch.linalg.matrix_power(x, 3), lambda x: x @ x @ x,
     lambda x: xp.linalg.matrix_power(x, 3)),
    ("linalg.matrix_rank", "linalg", "mat", "np.linalg.matrix_rank",
     "torch.linalg.matrix_rank", _tf_matrix_rank),
    ("linalg.outer", "linalg", "outer", "np.linalg.outer", "torch.outer",
     lambda a, b: a[:, None] * b[None, :]),
    ("linalg.pinv", "linalg", "mat", "np.linalg.pinv", "torch.linalg.pinv", "tf.linalg.pinv"),
    ("linalg.qr", "linalg", "mat", "np.linalg.qr", "torch.linalg.qr", "tf.linalg.qr"),
    ("linalg.slogdet", "linalg", "mat", "np.linalg.slogdet", "torch.linalg.slogdet",
     "tf.linalg.slogdet"),
    ("linalg.solve", "linalg", "mat2", "np.linalg.solve", "torch.linalg.solve",
     "tf.linalg.solve"),
    ("linalg.svd", "linalg", "mat", "np.linalg.svd", "torch.linalg.svd",
     lambda x: (lambda s, u, v: (u, s, tf.linalg.adjoint(v)))(*tf.linalg.svd(x, True, True))),
    ("linalg.svdvals", "linalg", "mat", "np.linalg.svdvals", "torch.linalg.svdvals",
     lambda x: tf.linalg.svd(x, compute_uv=False)),
    ("linalg.trace", "linalg", "mat", lambda x: np.linalg.trace(x),
     lambda x: torch.diagonal(x, 0, -2, -1).sum(-1), "tf.linalg.trace"),
    ("linalg.vector_norm", "linalg", "f", "np.linalg.vector_norm",
     "torch.linalg.vector_norm", "tf.norm"),
    # fft
    ("fft.fft", "fft", "cvec", "np.fft.fft", "torch.fft.fft", "tf.signal.fft"),
    ("fft.ifft", "fft", "cvec", "np.fft.ifft", "torch.fft.ifft", "tf.signal.ifft"),
    ("fft.fftn", "fft", "c2d", "np.fft.fftn", "torch.fft.fftn", "tf.signal.fft2d"),
    ("fft.ifftn", "fft", "c2d", "np.fft.ifftn", "torch.fft.ifftn", "tf.signal.ifft2d"),
    ("fft.rfft", "fft", "rvec", "np.fft.rfft", "torch.fft.rfft", "tf.signal.rfft"),
    ("fft.irfft", "fft", "cvec", "np.fft.irfft", "torch.fft.irfft",
     lambda x: tf.signal.irfft(x, [2 * (x.shape[-1] - 1)])),
    ("fft.rfftn", "fft", "r2d", "np.fft.rfftn", "torch.fft.rfftn", "tf.signal.rfft2d"),
    ("fft.irfftn", "fft", "c2d", "np.fft.irfftn", "torch.fft.irfftn",
     lambda x: tf.signal.irfft2d(x, [x.shape[-2], 2 * (x.shape[-1] - 1)])),
    ("fft.hfft", "fft", "cvec", "np.fft.hfft", "torch.fft.hfft",
     lambda x: tf.signal.irfft(tf.math.conj(x), [2 * (x.shape[-1] - 1)])
     * (2 * (x.shape[-1] - 1))),
    ("fft.ihfft", "fft", "rvec", "np.fft.ihfft", "torch.fft.ihfft",
     lambda x: tf.math.conj(tf.signal.rfft(x)) / tf.cast(x.shape[-1], tf.complex64)),
    ("fft.fftfreq", "fft", "nfft", "np.fft.fftfreq",
     lambda n: torch.fft.fftfreq(n, dtype=torch.float64), _tf_fftfreq),
    ("fft.rfftfreq", "fft", "nfft", "np.fft.rfftfreq",
     lambda n: torch.fft.rfftfreq(n, dtype=torch.float64), lambda n: _tf_fftfreq(n, True)),
    ("fft.fftshift", "fft", "cvec", "np.fft.fftshift", "torch.fft.fftshift",
     "tf.signal.fftshift"),
    ("fft.ifftshift", "fft", "cvec", "np.fft.ifftshift", "torch.fft.ifftshift",
     "tf.signal.ifftshift"),
]  # fmt: skip


def _getitem_slice(x):
    return x[2:-2]


# operators of Array: (label, input kind, the call on both arrays; TensorFlow's where it differs)
OPERATORS: list[tuple[str, str, Callable, Callable | None]] = [
    ("x + y", "ff", operator.add, None),
    ("x - y", "ff", operator.sub, None),
    ("x * y", "ff", operator.mul, None),
    ("x / y", "f_nz", operator.truediv, None),
    ("x ** y", "pos_f", operator.pow, None),
    ("x < y", "ff", operator.lt, None),
    ("-x", "f", operator.neg, None),
    ("x + 1.5", "f", lambda x: x + 1.5, None),
    ("x @ y", "mat2", operator.matmul, None),
    ("x[2:-2]", "f", _getitem_slice, None),
    ("x[mask]", "bff", lambda m, x, y: x[m], lambda m, x, y: tf.boolean_mask(x, m)),
]


class _JnpNamespace:
    """``np`` for a NumPy native call run on jax: each name resolved in ``jax.numpy``."""

    def __getattr__(self, name: str) -> Any:
        return getattr(jnp, name)


#: jax natives that differ from NumPy's call by more than the namespace
_JAX_NATIVE: dict[str, NativeSpec] = {
    "sort": lambda x: jnp.sort(x, stable=True),
    "argsort": lambda x: jnp.argsort(x, stable=True),
    "to_device": lambda x: jax.device_put(x, jax.devices("cpu")[0]),
    # jnp.searchsorted returns int32 indices; arrayshim's are int64 on every backend
    "searchsorted": lambda *args: jnp.searchsorted(*args).astype(jnp.int64),
}


def _on_jax(name: str, spec: NativeSpec) -> NativeSpec:
    """The jax native of a row: NumPy's, with ``np`` read as ``jax.numpy`` (``"np.sin"`` is
    ``jnp.sin``; a lambda calling ``np.unique`` calls ``jnp.unique``)."""
    if name in _JAX_NATIVE:
        return _JAX_NATIVE[name]
    if isinstance(spec, str):
        return "j" + spec
    code = getattr(spec, "__code__", None)
    if code is not None and "np" in code.co_names:
        scope = {**spec.__globals__, "np": _JnpNamespace()}
        return types.FunctionType(code, scope, spec.__name__, spec.__defaults__, spec.__closure__)
    return spec  # operators and indexing: the same Python expression


def _build() -> list[Row]:
    rows = []
    for name, kind, *natives in ELEMENTWISE:
        native = dict(zip(SPELLED, natives, strict=True))
        native["jax"] = _on_jax(name, native["numpy"])
        rows.append(Row(name, "elementwise", kind, native))
    for name, group, kind, *rest in OTHERS:
        ours = rest[3] if len(rest) > 3 else None
        compare = "meta" if name in ("empty", "empty_like") else "values"
        native = dict(zip(SPELLED, rest[:3], strict=True))
        native["jax"] = _on_jax(name, native["numpy"])
        rows.append(Row(name, group, kind, native, ours, compare))
    for label, kind, call, tf_call in OPERATORS:
        native = {"numpy": call, "torch": call, "tensorflow": tf_call or call, "jax": call}
        rows.append(Row(label, "operator", kind, native, call))
    return rows


ROWS: list[Row] = _build()

#: xp.linalg names that are the main namespace's functions (one row covers both)
ALIASES = {
    "linalg.matmul": "matmul",
    "linalg.matrix_transpose": "matrix_transpose",
    "linalg.tensordot": "tensordot",
    "linalg.vecdot": "vecdot",
}

#: public callables of ``xp`` without a row, and why
EXCLUDED = {
    "agnostic": "a decorator for library code, not an array function",
    "can_cast": "data-type inspection: takes dtypes, no array size to vary",
    "compare": "a tool with its own benchmarks (`arrayshim bench`)",
    "convert": "converts between backends; no single native call to compare with",
    "devices": "inspection: lists the backend's devices",
    "finfo": "data-type inspection: takes dtypes, no array size to vary",
    "iinfo": "data-type inspection: takes dtypes, no array size to vary",
    "isdtype": "data-type inspection: takes dtypes, no array size to vary",
    "result_type": "data-type inspection: takes dtypes, no array size to vary",
    "get_backend": "configuration, not an array function",
    "get_promotion": "configuration, not an array function",
    "installed_backends": "configuration, not an array function",
    "register_backend": "configuration, not an array function",
    "use_backend": "a context manager",
    "use_device": "a context manager",
    "use_promotion": "a context manager",
    "to_native": "unwraps an Array (the benchmark's own bridge); no native counterpart",
    "__array_namespace_info__": "inspection API",
    "grad": "a function transform (benchmarks/transforms.py)",
    "jacobian": "a function transform (benchmarks/transforms.py)",
    "jit": "a function transform (benchmarks/transforms.py)",
    "value_and_grad": "a function transform (benchmarks/transforms.py)",
    "vmap": "a function transform (benchmarks/transforms.py)",
}

#: (function, backend) -> why the native call's values differ from arrayshim's (the goal at the
#: large size is then 1.5x): arrayshim corrects the native result to the standard, or the
#: framework has no single op and its natural composition gives other special values
_FLOOR_DIVIDE = "the standard's floor(x1 / x2) for infinite operands (native: NaN for inf // 1.5)"
_NAN_ORDER = "NaN sorted last, as NumPy does"
CORRECTS: dict[tuple[str, str], str] = {
    ("floor_divide", "numpy"): _FLOOR_DIVIDE,
    ("floor_divide", "torch"): _FLOOR_DIVIDE,
    ("floor_divide", "jax"): _FLOOR_DIVIDE,
    ("floor_divide", "tensorflow"): _FLOOR_DIVIDE + "; NumPy's finite values (tf: 1 // 0.1 = 10)",
    ("sign", "torch"): "sign(NaN) is NaN (torch.sign gives 0)",
    ("sinh", "torch"): "finite results near |x| = 89 (torch.sinh overflows to inf)",
    ("cosh", "torch"): "finite results near |x| = 89 (torch.cosh overflows to inf)",
    ("searchsorted", "torch"): "NaN in the sorted array or the values: " + _NAN_ORDER,
    ("searchsorted", "tensorflow"): "NaN in the sorted array or the values: " + _NAN_ORDER,
    ("sort", "tensorflow"): _NAN_ORDER,
    ("argsort", "tensorflow"): _NAN_ORDER,
    ("argmax", "tensorflow"): "the index of the first NaN (tf.math.argmax skips NaN)",
    ("argmin", "tensorflow"): "the index of the first NaN (tf.math.argmin skips NaN)",
    ("hypot", "tensorflow"): "no tf op; sqrt(x*x + y*y) overflows for |x| > 1.8e19",
    ("logaddexp", "tensorflow"): "no tf op; max + log1p(exp(-|x - y|)) is NaN for inf, inf",
}


def corrects(name: str, backend: str) -> str | None:
    return CORRECTS.get((name, backend))


# ---------------------------------------------------------------------------------------------
# Running a row: inputs, calls, comparison, timing
# ---------------------------------------------------------------------------------------------


class Prepared(NamedTuple):
    native: Callable[[], Any]  # the native call with its inputs bound
    ours: Callable[[], Any]  # the arrayshim call with its inputs bound
    shapes: list  # of each input: a shape, or a length
    native_args: list  # the framework's own input arrays (and static arguments)


def prepared(row: Row, backend: str, size: str, salt: bool = False) -> Prepared:
    """The two calls with their inputs bound, made once. Call them inside
    ``xp.use_backend(backend)``: the creation functions take no array to follow."""
    load(backend)
    args = make_inputs(row.kind, size)
    if salt:
        args = salted(args)
        if row.kind == "sorted_f":  # searchsorted's first input stays sorted (NaN last)
            args = (np.sort(args[0]), *args[1:])
    native_args, our_args, shapes = [], [], []
    with xp.use_backend(backend):
        for a in args:
            if isinstance(a, Static):
                native_args.append(a.value)
                our_args.append(a.value)
                v = a.value  # a NumPy array or list (its shape), a shape, a length
                shapes.append(np.shape(v) if isinstance(v, (np.ndarray, list)) else v)
            else:
                ours = xp.asarray(a)
                our_args.append(ours)
                native_args.append(xp.to_native(ours))
                shapes.append(a.shape)
    native_fn, ours_fn = resolve(row.native[backend]), row.arrayshim_call()
    native_call, ours_call = lambda: native_fn(*native_args), lambda: ours_fn(*our_args)
    if backend == "jax":  # JAX returns futures: time the computation, not only its dispatch
        native_call, ours_call = _blocking(native_call), _blocking(ours_call)
    return Prepared(native_call, ours_call, shapes, native_args)


def _blocking(call: Callable[[], Any]) -> Callable[[], Any]:
    def blocked() -> Any:
        out = call()
        for native in _natives(out):
            if hasattr(native, "block_until_ready"):
                native.block_until_ready()
        return out

    return blocked


def _natives(result: Any) -> list:
    """The framework arrays in a result (arrayshim Arrays unwrapped)."""
    if isinstance(result, (tuple, list)):
        return [a for r in result for a in _natives(r)]
    return [xp.to_native(result) if isinstance(result, xp.Array) else result]


def frameworks(result: Any) -> set[str]:
    """The frameworks (``numpy``, ``torch``, ``tensorflow``) whose arrays a result holds."""
    roots = {
        "numpy": "numpy",
        "torch": "torch",
        "tensorflow": "tensorflow",
        "jax": "jax",
        "jaxlib": "jax",
    }
    found = set()
    for out in _natives(result):
        root = type(out).__module__.split(".")[0]
        if root in roots and not isinstance(out, (np.generic, tuple)):
            found.add(roots[root])
    return found


def _memory(x: Any) -> tuple[int, int] | None:
    """The byte range a NumPy array or torch tensor's data lies in (None: none, or TensorFlow)."""
    if isinstance(x, np.ndarray) and x.size:
        return np.lib.array_utils.byte_bounds(x)
    if torch is not None and isinstance(x, torch.Tensor) and x.numel():
        storage = x.untyped_storage()
        return storage.data_ptr(), storage.data_ptr() + storage.nbytes()
    return None


def is_view(result: Any, inputs: Sequence) -> bool:
    """Whether an output of the call shares memory with an input (NumPy and PyTorch, across
    them too; TensorFlow tensors are immutable and never reported as views)."""
    spans = [m for m in map(_memory, inputs) if m is not None]
    for out in _natives(result):
        m = _memory(out)
        if m is not None and any(m[0] < end and start < m[1] for start, end in spans):
            return True
    return False


SALT = np.array(
    [np.nan, np.inf, -np.inf, -0.0, 0.0, 89.0, -89.0, 1e30, -1e30, 1e-40, 0.5, -0.5, 1.5, 2.5]
    + [0.1, 0.7, 2.0, 1.0, 7.0, -2.5],  # shifted by 3 below: 1 // 0.1 and 7 // 0.7
    dtype=np.float32,
)


def salted(args: tuple) -> tuple:
    """1-d inputs of one length with special values (NaN, infinities, signed zeros, overflowing
    and subnormal values, halves) put in front: each float input gets ``SALT`` twice, once paired
    with the same values in the other inputs and once shifted, so both like and unlike pairs
    occur; other inputs repeat their own first elements. Other inputs are returned as they are."""
    arrays = [a for a in args if not isinstance(a, Static)]
    if len(arrays) < len(args) or any(a.shape != arrays[0].shape for a in arrays):
        return args
    if arrays[0].ndim != 1:
        return args
    k = SALT.size
    out = []
    for i, a in enumerate(args):
        if isinstance(a, Static):
            out.append(a)
        elif a.dtype.kind == "f":
            out.append(np.concatenate([SALT, np.roll(SALT, 3 * i), a]).astype(a.dtype))
        elif a.dtype.kind == "c":
            salt = (SALT + 1j * np.roll(SALT, 5)).astype(a.dtype)
            out.append(np.concatenate([salt, np.roll(salt, 3 * i), a]))
        else:
            out.append(np.concatenate([np.resize(a, 2 * k), a]))
    return tuple(out)


def flat(result: Any) -> list[np.ndarray]:
    """A call's result (array, tuple, named tuple, list, shape) as a list of NumPy arrays."""
    if isinstance(result, (tuple, list)) and not (
        result and all(isinstance(v, (int, np.integer)) for v in result)
    ):
        return [a for r in result for a in flat(r)]
    if torch is not None and isinstance(result, torch.Tensor):
        return [result.detach().resolve_conj().resolve_neg().numpy()]
    if hasattr(result, "numpy") and not isinstance(result, np.ndarray):
        return [np.asarray(result.numpy())]
    return [np.asarray(result)]


def same_values(
    native_result: Any, ours_result: Any, meta_only: bool = False, per_element: bool = True
) -> str | None:
    """None when the results agree (dtype, shape, values within rtol 1e-5 and atol 1e-6, NaN
    where NaN); else what differs. ``per_element=False`` (results that sum many inputs: reductions,
    transforms) scales atol to 1e-5 of the largest finite magnitude of arrayshim's result, as
    float32 sums in another order differ by that much."""
    a, b = flat(native_result), flat(ours_result)
    if len(a) != len(b):
        return f"{len(a)} arrays against {len(b)}"
    for i, (n, o) in enumerate(zip(a, b, strict=True)):
        if n.dtype != o.dtype:
            return f"[{i}] dtype {n.dtype} against {o.dtype}"
        if n.shape != o.shape:
            return f"[{i}] shape {n.shape} against {o.shape}"
        if meta_only:
            continue
        if n.dtype.kind in "fc":
            atol = 1e-6
            if not per_element:
                finite = np.abs(o[np.isfinite(o)])
                atol = 1e-5 * max(1.0, float(finite.max()) if finite.size else 1.0)
            ok = np.allclose(n, o, rtol=1e-5, atol=atol, equal_nan=True)
            ok = ok and np.array_equal(np.isnan(n), np.isnan(o))
        else:
            ok = np.array_equal(n, o)
        if not ok:
            return f"[{i}] values differ"
    return None


def interleaved(native: Callable, ours: Callable, rounds: int, batch_s: float):
    """Median seconds per call of each: ``rounds`` rounds, each a batch of native calls and a
    batch of arrayshim calls (order swapped every round); a batch lasts about ``batch_s``."""
    perf = time.perf_counter
    for _ in range(2):  # warm-up: first-call caches, lazily loaded modules
        native(), ours()
    number = 1  # calls per batch: doubled until a native batch and an arrayshim batch take 2x
    while True:
        t0 = perf()
        for _ in range(number):
            native()
        for _ in range(number):
            ours()
        elapsed = perf() - t0
        if elapsed >= batch_s / 2 or number >= 1 << 20:
            break
        number *= 2
    number = max(1, round(number * 2 * batch_s / elapsed))
    t_native: list[float] = []
    t_ours: list[float] = []
    for r in range(rounds):
        for fn, times in ((native, t_native), (ours, t_ours))[:: 1 if r % 2 == 0 else -1]:
            t0 = perf()
            for _ in range(number):
                fn()
            times.append((perf() - t0) / number)
    return statistics.median(t_native), statistics.median(t_ours)


def goal(row: Row, backend: str, size: str) -> tuple[str, float | None, str]:
    """(description, limit, unit): unit "x" for a ratio, "us" for extra microseconds."""
    if size == LARGE:
        limit = 1.5 if corrects(row.name, backend) else 1.10
        return f"<= x{limit:.2f}", limit, "x"
    if backend == "tensorflow":
        return "-", None, ""
    if row.group in ("elementwise", "operator"):
        return "<= +1 us", 1.0, "us"
    if row.group in ("reduction", "searching", "linalg", "fft"):
        return "<= +3 us", 3.0, "us"
    return "-", None, ""


def size_label(shapes: list) -> str:
    """Elements of the largest input (of the array that lengths describe, for creation)."""
    if shapes and all(isinstance(s, int) for s in shapes):  # arange(n), eye(r, c)
        n = math.prod(shapes)
    else:
        n = max(math.prod(s) for s in shapes if not isinstance(s, int))
    return f"2^{int(math.log2(n))}" if n > 64 and n & (n - 1) == 0 else str(n)


def run_row(row: Row, backend: str, size: str, rounds: int, batch_s: float) -> dict:
    with xp.use_backend(backend):  # entered once: the calls timed inside pay nothing for it
        return _run_row(row, backend, size, rounds, batch_s)


def _run_row(row: Row, backend: str, size: str, rounds: int, batch_s: float) -> dict:
    native, ours, shapes, native_args = prepared(row, backend, size)
    record: dict[str, Any] = {
        "backend": backend,
        "function": row.name,
        "group": row.group,
        "size": size,
        "elements": size_label(shapes),
        "shapes": [list(s) if isinstance(s, tuple) else s for s in shapes],
        "native_call": _describe(row.native[backend]),
        "corrects": corrects(row.name, backend),
    }
    try:
        native_result, ours_result = native(), ours()
        difference = row.difference(native_result, ours_result)
    except Exception as exc:  # a failing call is a result, shown in the table
        record.update(status="error", error=f"{type(exc).__name__}: {exc}"[:200])
        return record
    # a native view against an arrayshim copy explains a large ratio (arrayshim's adapters copy
    # where the framework would return a view of the input, e.g. torch.real)
    record["native_view"] = is_view(native_result, native_args)
    record["arrayshim_view"] = is_view(ours_result, native_args)
    del native_result, ours_result
    t_native, t_ours = interleaved(native, ours, rounds, batch_s)
    text, limit, unit = goal(row, backend, size)
    extra = (t_ours - t_native) * 1e6
    ratio = t_ours / t_native
    met = None if limit is None else (ratio <= limit if unit == "x" else extra <= limit)
    record.update(
        status="ok",
        native_us=t_native * 1e6,
        arrayshim_us=t_ours * 1e6,
        extra_us=extra,
        ratio=ratio,
        same_values=difference is None,
        difference=difference,
        goal=text,
        goal_met=met,
    )
    return record


def _describe(spec: NativeSpec) -> str:
    if isinstance(spec, str):
        return spec
    name = getattr(spec, "__name__", "")
    return "composed" if name == "<lambda>" else f"composed ({name})"


# ---------------------------------------------------------------------------------------------
# Output: table, JSON, plot, README block
# ---------------------------------------------------------------------------------------------

QUICK_FUNCTIONS = (
    "add,sin,floor_divide,sum,std,argmax,where,sort,unique_values,reshape,zeros,linalg.det,"
    "fft.rfft,x + y,x[2:-2]"
)


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def versions(backends: Sequence[str]) -> dict:
    out = {"arrayshim": xp.__version__, "numpy": np.__version__}
    if "torch" in backends and torch is not None:
        out["torch"] = torch.__version__
        out["torch_threads"] = torch.get_num_threads()
    if "tensorflow" in backends and tf is not None:
        out["tensorflow"] = tf.__version__
    if "jax" in backends and jax is not None:
        out["jax"] = jax.__version__
    return out


def note(r: dict) -> str:
    """``corrects`` for rows in CORRECTS; ``copies`` where the native call returns a view of its
    input and arrayshim a new array (``view`` the other way round)."""
    notes = ["corrects"] if r["corrects"] else []
    if r.get("native_view") and not r.get("arrayshim_view"):
        notes.append("copies")
    elif r.get("arrayshim_view") and not r.get("native_view"):
        notes.append("view")
    return ", ".join(notes)


def _time(us: float) -> str:
    return f"{us:.2f} µs" if us < 1000 else f"{us / 1000:.2f} ms"


def table_rows(records: list[dict]) -> list[tuple[str, ...]]:
    out = []
    for r in records:
        if r["status"] != "ok":
            out.append(
                (
                    r["backend"],
                    r["function"],
                    r["elements"],
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "",
                    r["error"][:40],
                    "ERROR",
                )
            )
            continue
        same = "yes" if r["same_values"] else "no"
        met = {None: "-", True: "yes", False: "MISSED"}[r["goal_met"]]
        out.append(
            (
                r["backend"],
                r["function"],
                r["elements"],
                _time(r["native_us"]),
                _time(r["arrayshim_us"]),
                f"{r['extra_us']:+.2f}",
                f"{r['ratio']:.2f}",
                same,
                note(r),
                r["goal"],
                met,
            )
        )
    return out


HEADER = (
    "backend",
    "function",
    "size",
    "native",
    "arrayshim",
    "extra us",
    "ratio",
    "same values",
    "note",
    "goal",
    "met",
)


def render_table(records: list[dict], title: str, width: int = 140) -> str:
    """Print the table with rich and return its plain text."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for h in HEADER:
        table.add_column(h, justify="left" if h in ("backend", "function", "goal") else "right")
    for row in table_rows(records):
        style = "red" if row[-1] in ("MISSED", "ERROR") else None
        table.add_row(*row, style=style)
    console = Console(width=width, record=True)
    console.print(table)
    return console.export_text()


def plot(records: list[dict], path: pathlib.Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ok = [r for r in records if r["status"] == "ok"]
    backends = [b for b in BACKENDS if any(r["backend"] == b for r in ok)]
    names = list(dict.fromkeys(r["function"] for r in ok))
    fig, axes = plt.subplots(
        1,
        len(backends),
        figsize=(4.2 * len(backends) + 1.5, 0.16 * len(names) + 1.8),
        sharey=True,
        squeeze=False,
    )
    y = {n: i for i, n in enumerate(names)}
    for ax, backend in zip(axes[0], backends, strict=True):
        for size, marker, colour in ((SMALL, "o", "tab:blue"), (LARGE, "s", "tab:orange")):
            pts = [r for r in ok if r["backend"] == backend and r["size"] == size]
            ax.scatter(
                [r["ratio"] for r in pts],
                [y[r["function"]] for r in pts],
                s=12,
                marker=marker,
                color=colour,
                label="8 elements" if size == SMALL else "large (2^20 or as noted)",
            )
            missed = [r for r in pts if r["goal_met"] is False]
            ax.scatter(
                [r["ratio"] for r in missed],
                [y[r["function"]] for r in missed],
                s=40,
                facecolors="none",
                edgecolors="red",
                linewidths=0.8,
            )
        ax.set_xscale("log")
        for limit, style in ((1.0, "-"), (1.10, "--"), (1.5, ":")):
            ax.axvline(limit, color="grey", linestyle=style, linewidth=0.8)
        ax.set_title(backend)
        ax.set_xlabel("arrayshim / native time (log; lines at 1, 1.10, 1.5)")
        ax.grid(axis="x", which="both", alpha=0.3)
    axes[0][0].set_yticks(range(len(names)), names, fontsize=6)
    axes[0][0].invert_yaxis()
    axes[0][-1].legend(loc="lower right", fontsize=7, title="red ring: goal missed")
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


README_START, README_END = "<!-- api-speed -->", "<!-- /api-speed -->"


def readme_block(report: dict, prefix: str = "docs/api_speed") -> str:
    """The README summary: per backend how many functions meet their goals (at both sizes,
    where a size has one), the worst ratios at the large size, the most extra time at 8."""
    ok = [r for r in report["records"] if r["status"] == "ok"]
    m, v = report["machine"], report["versions"]
    framework = ", ".join(f"{k} {v[k]}" for k in ("numpy", "torch", "tensorflow", "jax") if k in v)
    rounds = report["settings"]["rounds"]
    lines = [
        f"`python benchmarks/api_speed.py` on {m['cpu']} ({m['cores']} cores), Python "
        f"{m['python']}, {framework}; native and arrayshim calls interleaved, medians of "
        f"{rounds} rounds ([plot]({prefix}.png), [full table]({prefix}.txt), "
        f"[JSON]({prefix}.json)).",
        "",
        "| backend | functions (and operators) | meeting every goal | goal met at the large "
        "size | goal met at 8 elements | marked corrects |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for b in BACKENDS:
        rows = [r for r in ok if r["backend"] == b]
        if not rows:
            continue
        cells = []
        for size in (LARGE, SMALL):
            with_goal = [r for r in rows if r["size"] == size and r["goal_met"] is not None]
            met = sum(r["goal_met"] for r in with_goal)
            cells.append(f"{met} / {len(with_goal)}" if with_goal else "no goal")
        functions = {r["function"] for r in rows}
        missed = {r["function"] for r in rows if r["goal_met"] is False}
        differs = len({r["function"] for r in rows if r["corrects"]})
        lines.append(
            f"| {b} | {len(functions)} | {len(functions - missed)} | {cells[0]} | {cells[1]} "
            f"| {differs} |"
        )
    errors = [r for r in report["records"] if r["status"] != "ok"]
    worst = sorted((r for r in ok if r["size"] == LARGE), key=lambda r: -r["ratio"])[:10]
    lines += [
        "",
        "Worst 10 ratios at the large size (note: `corrects` = arrayshim corrects the native "
        "result, `copies` = the native call returns a view of its input, arrayshim a new array):",
        "",
        "| backend | function | size | native | arrayshim | ratio | goal | note |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in worst:
        lines.append(
            f"| {r['backend']} | `{r['function']}` | {r['elements']} | {_time(r['native_us'])} "
            f"| {_time(r['arrayshim_us'])} | x{r['ratio']:.2f} | {r['goal']} | {note(r)} |"
        )
    worst_small = sorted(
        (r for r in ok if r["size"] == SMALL and r["goal_met"] is not None),
        key=lambda r: -r["extra_us"],
    )[:10]
    lines += [
        "",
        "Largest extra time at 8 elements (NumPy and PyTorch rows with a goal):",
        "",
        "| backend | function | native | arrayshim | extra | goal | note |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in worst_small:
        lines.append(
            f"| {r['backend']} | `{r['function']}` | {_time(r['native_us'])} "
            f"| {_time(r['arrayshim_us'])} | {r['extra_us']:+.2f} µs | {r['goal']} | {note(r)} |"
        )
    if errors:
        lines += [
            "",
            "Calls that failed: "
            + ", ".join(f"{r['backend']} `{r['function']}` ({r['size']})" for r in errors),
        ]
    lines += ["", f"![arrayshim / native time of every function]({prefix}.png)"]
    return "\n".join(lines)


def update_readme(report: dict, path: pathlib.Path = ROOT / "README.md") -> None:
    from conformance.markers import replace_between

    text = path.read_text()
    path.write_text(
        replace_between(text, README_START, README_END, readme_block(report), str(path))
    )


def select(functions: str | None) -> list[Row]:
    if not functions:
        return ROWS
    wanted = [f.strip() for f in functions.split(",") if f.strip()]
    by_name = {r.name: r for r in ROWS}
    unknown = [w for w in wanted if w not in by_name]
    if unknown:
        raise SystemExit(f"unknown functions: {', '.join(unknown)}")
    return [by_name[w] for w in wanted]


def run(
    backends: Sequence[str],
    rows: Sequence[Row],
    rounds: int,
    batch_s: float,
    sizes: Sequence[str] = (SMALL, LARGE),
    progress: Callable[[str], None] | None = None,
) -> list[dict]:
    records = []
    for backend in backends:
        for row in rows:
            for size in sizes:
                if progress:
                    progress(f"{backend} {row.name} {size}")
                records.append(run_row(row, backend, size, rounds, batch_s))
    return records


def _progress(text: str) -> None:
    print(f"\r{text:<60}", end="\r", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    installed = [b for b in BACKENDS if b in xp.installed_backends()]
    parser.add_argument("--backends", default=",".join(installed))
    parser.add_argument("--functions", help="comma-separated row names (e.g. sin,linalg.det)")
    parser.add_argument("--quick", action="store_true", help="a few functions, few rounds")
    parser.add_argument("--rounds", type=int, help="interleaved rounds per row (default 21)")
    parser.add_argument("--batch-ms", type=float, help="length of one batch of calls (default 5)")
    parser.add_argument(
        "--out",
        help="write OUT.json, OUT.png, OUT.txt (default for a complete run: docs/api_speed)",
    )
    parser.add_argument(
        "--readme",
        action="store_true",
        help="update README.md's block (done by default by a complete run without --out)",
    )
    parser.add_argument("--no-plot", action="store_true")
    args = parser.parse_args(argv)
    backends = [b for b in args.backends.split(",") if b]
    missing = [b for b in backends if b not in installed]
    if missing:
        raise SystemExit(f"not installed: {', '.join(missing)}")
    complete = not args.quick and not args.functions
    rows = select(args.functions or (QUICK_FUNCTIONS if args.quick else None))
    rounds = args.rounds or (3 if args.quick else 21)
    batch_s = (args.batch_ms or (1.0 if args.quick else 5.0)) / 1e3
    out = args.out or ("docs/api_speed" if complete else None)

    started = time.time()
    tty = sys.stderr.isatty()
    records = run(backends, rows, rounds, batch_s, progress=_progress if tty else None)
    if tty:
        _progress("")
    report = {
        "schema": "arrayshim.api_speed/1",
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "seconds": round(time.time() - started, 1),
        "machine": machine(),
        "versions": versions(backends),
        "settings": {
            "rounds": rounds,
            "batch_ms": batch_s * 1e3,
            "quick": args.quick,
            "backends": backends,
            "functions": [r.name for r in rows],
        },
        "records": records,
    }
    m, v = report["machine"], report["versions"]
    title = (
        f"arrayshim against native calls: {m['cpu']}, {m['cores']} cores, Python {m['python']}, "
        + ", ".join(f"{k} {v[k]}" for k in ("numpy", "torch", "tensorflow", "jax") if k in v)
    )
    text = render_table(records, title)
    if out:
        prefix = pathlib.Path(out)
        if not prefix.is_absolute():
            prefix = ROOT / prefix
        prefix.parent.mkdir(parents=True, exist_ok=True)
        prefix.with_suffix(".json").write_text(json.dumps(report, indent=1) + "\n")
        prefix.with_suffix(".txt").write_text(text)
        if not args.no_plot:
            plot(records, prefix.with_suffix(".png"), title)
        print(f"wrote {prefix}.json, .txt" + ("" if args.no_plot else ", .png"))
    if args.readme or (complete and not args.out):  # the block links docs/api_speed.*
        update_readme(report)
        print("updated README.md (Speed of every function)")
    missed = [r for r in records if r.get("goal_met") is False]
    print(f"{len(records)} rows, {len(missed)} goals missed, {report['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
