"""Function transforms: ``grad``, ``value_and_grad``, ``jacobian``, ``jit`` and ``vmap``.

The frontend decides *what*: which arguments are differentiated or mapped, the checks (a scalar
output for ``grad``, floating-point inputs), the result dtypes and the axis moves of ``vmap``.
The adapters say *how*, with the framework's own machinery (``torch.func``/``torch.compile`` on
PyTorch; ``tf.GradientTape``/``tf.function``/``tf.vectorized_map`` on TensorFlow). Functions
take and return arrayshim arrays; the adapters only ever see native arrays.
"""

from __future__ import annotations

import functools
import operator
import types
import warnings
from collections.abc import Callable, Sequence

from . import _context, _registry, _trees
from ._agnostic import unwrap_tree
from ._array import Array, _new, describe
from ._axes import one_axis
from ._dispatch import as_array, resolve, wrap
from ._errors import ArrayshimError, ArrayshimTypeError, ArrayshimValueError, message
from ._manipulation import permute_dims

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._devices import Device
    from .backend_api import Backend


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def _to_arrays(tree: Any, b: Backend) -> Any:
    """Native arrays of ``b`` in a tuple/list/dict tree wrapped as Arrays."""
    tp = type(tree)
    if tp is tuple or tp is list:
        return tp(_to_arrays(t, b) for t in tree)
    if tp is dict:
        return {k: _to_arrays(v, b) for k, v in tree.items()}
    if isinstance(tree, b.native_types):
        return wrap(tree, b)
    return tree


_NODES = (tuple, list, dict)


def _is_array(x: Any) -> bool:
    return type(x) is Array or _registry.for_type(type(x)) is not None


class _Call:
    """One call of a transformed function. Its positional arguments are flattened into leaves
    (parameter trees: nested tuples, lists and dicts, see ``_trees``); the array leaves give the
    backend and device, and are handed to the adapter as one flat list of natives, with the dtype
    of each to rewrap it. ``f`` gets its arguments rebuilt in their structure."""

    def __init__(self, func: str, args: tuple) -> None:
        self.func = func
        for x in args:
            if type(x) in _NODES or isinstance(x, tuple):  # named tuples too
                break
        else:  # no trees: the common case, kept cheap
            self.leaves = list(args)
            self.starts: Sequence[int] = range(len(args) + 1)
            self.defs, self.trees = [None] * len(args), False
            return
        leaves: list = []
        starts = []
        defs = []
        for x in args:
            starts.append(len(leaves))
            defs.append(_trees.flatten(x, leaves))
        starts.append(len(leaves))
        self.leaves = leaves
        self.starts = starts
        self.defs = defs
        self.trees = True

    def span(self, i: int) -> range:
        """The positions of argument ``i``'s leaves."""
        return range(self.starts[i], self.starts[i + 1])

    def names(self, i: int) -> list[str]:
        """Where each leaf of argument ``i`` is, for messages: ``args[0]['w'][1]``."""
        return _trees.paths(self.defs[i], f"args[{i}]")

    def where(self, i: int, j: int) -> str:
        """Where leaf ``j`` (of argument ``i``) is, for a message."""
        return self.names(i)[j - self.starts[i]]

    def differentiable(self, nums: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """``nums`` made non-negative, and the positions of their leaves, each checked to be a
        real floating-point array."""
        func, n = self.func, len(self.defs)
        idx = []
        for i in nums:
            if not -n <= i < n:
                raise ArrayshimValueError(
                    message(func, "argnums", f"positions of the {n} positional arguments", repr(i))
                )
            idx.append(i % n)
        if len(idx) > 1 and len(set(idx)) != len(idx):
            raise ArrayshimValueError(
                message(func, "argnums", "distinct positions", f"{nums} (positions {idx})")
            )
        leaves: list[int] = []
        for i in idx:
            span = self.span(i)
            if not span:
                raise ArrayshimValueError(
                    message(
                        func,
                        f"args[{i}]",
                        "an array, or a tree of arrays, to differentiate with respect to",
                        f"{_trees.kind(self.defs[i])} (no leaves)",
                    )
                )
            for j in span:
                x = self.leaves[j]
                if type(x) is Array:
                    dt = x._dtype
                elif _is_array(x):
                    dt = as_array(x, func, self.where(i, j))._dtype
                else:
                    raise ArrayshimTypeError(
                        message(
                            func,
                            self.where(i, j),
                            "an array to differentiate with respect to",
                            describe(x),
                        )
                    )
                if dt.kind != "f":
                    raise ArrayshimTypeError(
                        message(
                            func,
                            self.where(i, j),
                            "a real floating-point array to differentiate with respect to",
                            f"dtype {dt.name}",
                        )
                    )
            leaves.extend(span)
        idx_t = tuple(idx)
        return idx_t, (tuple(leaves) if self.trees else idx_t)

    def resolve(self) -> None:
        """The backend and device of the array leaves, and the leaves as natives."""
        leaves = self.leaves
        positions = [j for j, x in enumerate(leaves) if type(x) is Array or _is_array(x)]
        if not positions:
            raise ArrayshimTypeError(
                message(self.func, "args", "at least one array argument", "none")
            )
        found = tuple([leaves[j] for j in positions])
        try:
            b, dev, arrays = resolve(self.func, found)
        except ArrayshimError:  # the same error again, with each array's place in the message
            every = [w for i in range(len(self.defs)) for w in self.names(i)]
            resolve(self.func, found, tuple([every[j] for j in positions]))
            raise
        self.b: Backend = b
        self.dev: Device = dev
        self.arrays: dict[int, Array] = dict(zip(positions, arrays, strict=True))
        self.natives = [
            b.native_of(self.arrays[j]) if j in self.arrays else x for j, x in enumerate(leaves)
        ]

    def rewrap(self, natives: Any) -> list:
        """The arguments, rebuilt in their structure with Arrays again (inside a transform their
        natives are the framework's tracers), with the dtypes of the caller's arrays."""
        out = list(natives)
        for j, a in self.arrays.items():
            out[j] = _new(natives[j], self.b, a._dtype, self.dev)
        if not self.trees:
            return out
        leaves = iter(out)
        return [_trees.unflatten(d, leaves) for d in self.defs]

    def regroup(self, idx: tuple[int, ...], flat: Any) -> tuple:
        """Per-leaf results (gradients, Jacobians) of the leaves of ``args[i]`` for each ``i`` in
        ``idx``, cast to each leaf's dtype and rebuilt in the structure of ``args[i]``."""
        b, dev, arrays = self.b, self.dev, self.arrays
        if not self.trees:
            return tuple([_cast_to(r, b, arrays[i], dev) for r, i in zip(flat, idx, strict=True)])
        spans = [j for i in idx for j in self.span(i)]
        cast = iter([_cast_to(r, b, arrays[j], dev) for r, j in zip(flat, spans, strict=True)])
        return tuple(_trees.unflatten(self.defs[i], cast) for i in idx)

    def scope(self) -> Any:
        """Calls inside ``f`` without array arguments run on this call's backend and device."""
        return _Scope(self.b, self.dev)


class _Scope:
    __slots__ = ("_uses",)

    def __init__(self, b: Backend, dev: Device) -> None:
        self._uses = (
            _context._Use(_context._backend_var, b),
            _context._Use(_context._device_var, dev),
        )

    def __enter__(self) -> None:
        for u in self._uses:
            u.__enter__()

    def __exit__(self, *exc: object) -> None:
        for u in reversed(self._uses):
            u.__exit__(*exc)


def _argnums(argnums: Any, func: str) -> tuple[tuple[int, ...], bool]:
    """``argnums`` as a tuple, and whether it was a single int."""
    if isinstance(argnums, int) and not isinstance(argnums, bool):
        return (argnums,), True
    try:
        nums = tuple(operator.index(i) for i in argnums)
    except TypeError:
        raise ArrayshimTypeError(
            message(func, "argnums", "an int or a tuple of ints", describe(argnums))
        ) from None
    if not nums or len(set(nums)) != len(nums):
        raise ArrayshimValueError(
            message(func, "argnums", "a non-empty tuple of distinct ints", repr(argnums))
        )
    return nums, False


def _check_output(func: str, out: Any, b: Backend, scalar: bool) -> Array:
    if type(out) is not Array:
        raise ArrayshimTypeError(
            message(
                func, "f", "a function returning an arrayshim Array", f"it returned {describe(out)}"
            )
        )
    if out._backend is not b:
        raise ArrayshimTypeError(
            message(
                func,
                "f",
                f"a function returning an array of backend {b.name}",
                f"an array of backend {out._backend.name}",
            )
        )
    if out._dtype.kind != "f":
        raise ArrayshimTypeError(
            message(
                func,
                "f",
                "a function returning a real floating-point array",
                f"dtype {out._dtype.name}",
            )
        )
    if scalar and out.shape != ():
        raise ArrayshimValueError(
            message(
                func,
                "f",
                "a function returning a scalar (0-d array); use jacobian for other outputs",
                f"an output of shape {out.shape}",
            )
        )
    return out


def _cast_to(native: Any, b: Backend, like: Array, dev: Device) -> Array:
    """A gradient as an Array with the dtype of the argument it belongs to."""
    if b.dtype_of(native) is not like._dtype:
        native = b.astype(native, like._dtype, False)
    return _new(native, b, like._dtype, dev)


# ---------------------------------------------------------------------------------------------
# gradients
# ---------------------------------------------------------------------------------------------


def value_and_grad(f: Callable, argnums: Any = 0, has_aux: bool = False) -> Callable:
    """A function returning ``(f(*args), gradient)`` — ``((value, aux), gradient)`` with
    ``has_aux`` — where the gradient is taken w.r.t. ``args[argnums]`` (a tuple of gradients for
    a tuple ``argnums``). ``f`` takes and returns arrayshim arrays and must return a scalar.
    A differentiated argument may be a parameter tree (nested tuples, lists and dicts of real
    floating-point arrays); its gradient is a tree of the same structure.
    Runs on PyTorch (``torch.func``) and TensorFlow (``tf.GradientTape``).

    >>> import arrayshim as xp
    >>> with xp.use_backend("torch"):
    ...     v, g = xp.value_and_grad(lambda x: xp.sum(x * x))(xp.asarray([1.0, 2.0]))
    >>> float(v), [float(t) for t in g]
    (5.0, [2.0, 4.0])
    >>> with xp.use_backend("torch"):
    ...     g = xp.grad(lambda p: xp.sum(p["w"] * p["b"][0]))({"w": xp.ones(2), "b": [xp.ones(())]})
    >>> g["w"].shape, g["b"][0].shape
    ((2,), ())
    """
    name = "value_and_grad"
    nums, single = _argnums(argnums, name)

    @functools.wraps(f)
    def transformed(*args: Any, **kwargs: Any) -> Any:
        return _value_and_grad(name, f, args, kwargs, nums, single, has_aux)

    return transformed


def grad(f: Callable, argnums: Any = 0) -> Callable:
    """A function returning the gradient of scalar-valued ``f`` w.r.t. ``args[argnums]``
    (see :func:`value_and_grad`)."""
    nums, single = _argnums(argnums, "grad")

    @functools.wraps(f)
    def transformed(*args: Any, **kwargs: Any) -> Any:
        return _value_and_grad("grad", f, args, kwargs, nums, single, False)[1]

    return transformed


def _value_and_grad(
    func: str,
    f: Callable,
    args: tuple,
    kwargs: dict,
    nums: tuple[int, ...],
    single: bool,
    has_aux: bool,
) -> Any:
    call = _Call(func, args)
    idx, leaves = call.differentiable(nums)
    call.resolve()
    b = call.b
    seen: dict[str, Any] = {}

    def native_fn(*natives: Any) -> tuple[Any, Any]:
        with call.scope():
            result = f(*call.rewrap(natives), **kwargs)
        aux = None
        if has_aux:
            if type(result) is not tuple or len(result) != 2:
                raise ArrayshimTypeError(
                    message(
                        func,
                        "f",
                        "a function returning a pair (output, aux) when has_aux=True",
                        describe(result),
                    )
                )
            result, aux = result
        out = _check_output(func, result, b, True)
        seen["dtype"] = out._dtype
        return b.native_of(out), unwrap_tree(aux)

    value, aux, grads = b.value_and_grad(native_fn, call.natives, leaves)
    value = _new(value, b, seen["dtype"], call.dev)
    trees = call.regroup(idx, grads)
    grads = trees[0] if single else trees
    if has_aux:
        return (value, _to_arrays(aux, b)), grads
    return value, grads


def jacobian(f: Callable, argnums: Any = 0, batched: bool = False) -> Callable:
    """A function returning the Jacobian of ``f`` w.r.t. ``args[argnums]``: shape
    ``out.shape + x.shape``. With ``batched=True`` (TensorFlow's ``batch_jacobian``) axis 0 of
    the input and output is a batch of independent examples and the result has shape
    ``(B,) + out.shape[1:] + x.shape[1:]``. For a parameter tree ``args[argnums]`` the result is
    a tree of the same structure with one such Jacobian per leaf."""
    name = "jacobian"
    nums, single = _argnums(argnums, name)

    @functools.wraps(f)
    def transformed(*args: Any, **kwargs: Any) -> Any:
        call = _Call(name, args)
        idx, leaves = call.differentiable(nums)
        call.resolve()
        b = call.b
        n = None
        if batched:
            for i in idx:
                for j, where in zip(call.span(i), call.names(i), strict=True):
                    a = call.arrays[j]
                    if a.ndim == 0:
                        raise ArrayshimValueError(
                            message(
                                name,
                                where,
                                "an array with a batch axis (batched=True)",
                                "a 0-d array",
                            )
                        )
                    if n is None:
                        n, first = a.shape[0], where
                    elif a.shape[0] != n:
                        raise ArrayshimValueError(
                            message(
                                name,
                                where,
                                f"the batch size of `{first}` ({n}) along axis 0 (batched=True)",
                                f"shape {a.shape}",
                            )
                        )

        def native_fn(*natives: Any) -> Any:
            with call.scope():
                out = _check_output(name, f(*call.rewrap(natives), **kwargs), b, False)
            if batched and (
                out.ndim == 0 or (out.shape[0] is not None and n is not None and out.shape[0] != n)
            ):
                raise ArrayshimValueError(
                    message(
                        name,
                        "f",
                        f"an output with the batch size {n} along axis 0 (batched=True)",
                        f"shape {out.shape}",
                    )
                )
            return b.native_of(out)

        trees = call.regroup(idx, b.jacobian(native_fn, call.natives, leaves, bool(batched)))
        return trees[0] if single else trees

    return transformed


# ---------------------------------------------------------------------------------------------
# jit
# ---------------------------------------------------------------------------------------------


def jit(f: Callable, *, options: dict | None = None) -> Callable:
    """``f`` compiled by the framework of its array arguments: ``tf.function`` on TensorFlow,
    ``torch.compile`` on PyTorch; on NumPy ``f`` runs as it is. If the framework cannot compile
    ``f`` (an error while tracing or compiling), a ``RuntimeWarning`` says so and ``f`` runs
    eagerly from then on for that backend; ``f`` then ran once more for the call that failed.

    Arguments may be arrays (also in tuples, lists and dicts) and Python values; the result may
    be an array or a tuple/list/dict of arrays. Python side effects happen while tracing only.
    ``options`` maps a backend name to keyword arguments for its compiler, e.g.
    ``{"torch": {"mode": "max-autotune"}, "tensorflow": {"jit_compile": True}}``.
    """
    if options is not None and not isinstance(options, dict):
        raise ArrayshimTypeError(
            message(
                "jit",
                "options",
                "a dict mapping backend names to compiler keyword arguments",
                describe(options),
            )
        )
    per_backend = {_registry.ALIASES.get(k, k): dict(v) for k, v in (options or {}).items()}
    compiled: dict[str, Callable] = {}
    eager: set[str] = set()

    def native_fn_for(b: Backend) -> Callable:
        def native_fn(*args: Any, **kwargs: Any) -> Any:
            # the caller sets the backend context: torch.compile cannot trace ContextVar.set
            return unwrap_tree(f(*_to_arrays(args, b), **_to_arrays(kwargs, b)))

        # a code object of its own: dynamo keeps its compiled entries per code object, at most
        # ``recompile_limit`` (8), and every jit's closure would share this one (the ninth
        # jitted function of a program would run eagerly)
        return types.FunctionType(
            native_fn.__code__.replace(),
            native_fn.__globals__,
            native_fn.__name__,
            native_fn.__defaults__,
            native_fn.__closure__,
        )

    @functools.wraps(f)
    def transformed(*args: Any, **kwargs: Any) -> Any:
        if not kwargs and args and all([type(x) is Array for x in args]):
            # the common call, arrays only: no tree to walk (a few us of the +20 us goal)
            b, _, arrays = resolve("jit", args)  # NumPy arrays joined to the others' backend
            n_args, n_kwargs = tuple([b.native_of(x) for x in arrays]), kwargs
        else:
            flat = [x for x in _leaves((args, kwargs)) if _is_array(x)]
            if flat:
                b, _, _ = resolve("jit", tuple(flat))
            else:
                b = _context.current_backend()
            n_args = unwrap_tree(_wrap_natives(args))
            n_kwargs = unwrap_tree(_wrap_natives(kwargs))
        _context.current_policy()  # the environment read now, not first inside the trace (a
        # compiler would guard the empty cache of environment variables, and recompile)
        fn = compiled.get(b.name)
        if fn is None:
            fn = compiled[b.name] = b.jit(native_fn_for(b), per_backend.get(b.name, {}))
        with _context._Use(_context._backend_var, b):
            if b.name in eager:
                return _to_arrays(native_fn_for(b)(*n_args, **n_kwargs), b)
            try:
                out = fn(*n_args, **n_kwargs)
            except Exception as exc:
                out = native_fn_for(b)(*n_args, **n_kwargs)  # raises if f itself fails
                eager.add(b.name)
                warnings.warn(
                    f"arrayshim.jit(): backend {b.name!r} could not compile "
                    f"{getattr(f, '__qualname__', f)!r} "
                    f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
                    "running it eagerly from now on",
                    RuntimeWarning,
                    stacklevel=2,
                )
        return _to_arrays(out, b)

    return transformed


def _leaves(tree: Any) -> list:
    tp = type(tree)
    if tp is tuple or tp is list:
        return [leaf for t in tree for leaf in _leaves(t)]
    if tp is dict:
        return [leaf for v in tree.values() for leaf in _leaves(v)]
    return [tree]


def _wrap_natives(tree: Any) -> Any:
    """Native arrays in a tree as Arrays (so that one of another framework is an error later)."""
    tp = type(tree)
    if tp is tuple or tp is list:
        return tp(_wrap_natives(t) for t in tree)
    if tp is dict:
        return {k: _wrap_natives(v) for k, v in tree.items()}
    if tp is not Array and _registry.for_type(tp) is not None:
        return as_array(tree, "jit", "args")
    return tree


# ---------------------------------------------------------------------------------------------
# vmap
# ---------------------------------------------------------------------------------------------


def vmap(f: Callable, in_axes: Any = 0, out_axes: Any = 0) -> Callable:
    """``f`` mapped over an axis of its array arguments: ``torch.func.vmap`` on PyTorch,
    ``tf.vectorized_map`` on TensorFlow, a loop with the results stacked on NumPy.

    Arguments may be arrays or trees (nested tuples, lists, dicts) of arrays. ``in_axes``: an
    int or None for every positional argument, or a tuple with one entry per positional
    argument; an entry is an int or None for the whole argument (None: passed whole to every
    call), or a tree matching the top of the argument's structure, with an int or None for each
    subtree (JAX's prefix rule). ``f`` returns an array or a tree of arrays, mapped along
    ``out_axes``: an int for every output array, or a tree matching the top of the output's
    structure.
    """
    name = "vmap"
    programs: dict = {}  # one _VmapProgram per structure, dtypes and shapes of the arguments

    @functools.wraps(f)
    def transformed(*args: Any) -> Any:
        if type(in_axes) is dict:
            raise ArrayshimValueError(
                message(
                    name,
                    "in_axes",
                    "an int, None, or a tuple with one entry per positional argument",
                    "a dict (put it in a tuple: in_axes=({...},))",
                )
            )
        axes = in_axes if isinstance(in_axes, (tuple, list)) else (in_axes,) * len(args)
        if len(axes) != len(args):
            raise ArrayshimValueError(
                message(
                    name,
                    "in_axes",
                    f"one entry per positional argument ({len(args)})",
                    repr(in_axes),
                )
            )
        call = _Call(name, args)
        mapped: list[int] = []
        size = None
        for i, entry in enumerate(axes):
            if call.defs[i] is None and not isinstance(entry, (tuple, list, dict)):
                leaf_axes: Any = (entry,)  # an array argument, one axis: no tree to match
            else:
                leaf_axes = _trees.broadcast_prefix(
                    entry, call.defs[i], name, "in_axes", f"args[{i}]"
                )
            for j, ax in zip(call.span(i), leaf_axes, strict=True):
                if ax is None:
                    continue
                x = call.leaves[j]
                if not _is_array(x):
                    raise ArrayshimTypeError(
                        message(
                            name,
                            call.where(i, j),
                            "an array (or in_axes None for it)",
                            describe(x),
                        )
                    )
                a = x if type(x) is Array else as_array(x, name, call.where(i, j))
                if a.ndim == 0:
                    raise ArrayshimValueError(
                        message(
                            name,
                            call.where(i, j),
                            f"an array with an axis {ax} to map over",
                            "a 0-d array",
                        )
                    )
                ax = one_axis(ax, a.ndim, name, "in_axes")
                if ax:
                    a = _moveaxis(a, ax, 0)
                n = a.shape[0]
                if size is None:
                    size = n
                elif n != size:
                    raise ArrayshimValueError(
                        message(
                            name,
                            call.where(i, j),
                            f"size {size} along its mapped axis, as the other mapped arguments",
                            f"size {n}",
                        )
                    )
                mapped.append(j)
                call.leaves[j] = a
        if not mapped:
            raise ArrayshimValueError(
                message(name, "in_axes", "at least one mapped array argument", repr(in_axes))
            )
        if size == 0:
            raise ArrayshimValueError(
                message(name, "args", "a mapped axis of non-zero size", "size 0")
            )
        call.resolve()
        b, dev = call.b, call.dev
        program = _vmap_program(programs, call, mapped, f)
        order = program.order
        natives = [call.natives[j] for j in order]
        results = b.vmap(program.fn, natives, [0 if j in mapped else None for j in order])
        seen = program.seen
        arrays = [_new(r, b, dt, dev) for r, dt in zip(results, seen["dtypes"], strict=True)]
        odef = seen["def"]
        oaxes = out_axes
        if odef is None and type(oaxes) in (tuple, list) and len(oaxes) == 1:
            oaxes = oaxes[0]  # one output, one axis in a tuple (accepted before trees)
        if odef is None and not isinstance(oaxes, (tuple, list, dict)):
            leaf_axes = (oaxes,)
        else:
            leaf_axes = _trees.broadcast_prefix(oaxes, odef, name, "out_axes", "the output")
        arrays = [
            a if ax == 0 else _moveaxis(a, 0, one_axis(ax, a.ndim, name, "out_axes"))
            for a, ax in zip(arrays, leaf_axes, strict=True)
        ]
        return arrays[0] if odef is None else _trees.unflatten(odef, iter(arrays))

    return transformed


class _VmapProgram:
    """``f`` as the native function a backend's vmap maps: it takes the natives of the array
    leaves (``order``: their positions among the leaves), rebuilds the arguments around the
    call's other leaves, and returns the output's natives, recording its structure and dtypes in
    ``seen``. One program serves every call with the same structure, dtypes, shapes and
    non-array leaves, so a backend may cache what it builds for ``fn`` (TensorFlow: one
    ``tf.function`` instead of a trace per call). It holds no array of any call."""

    __slots__ = ("fn", "order", "seen")

    def __init__(self, call: _Call, f: Callable) -> None:
        b, dev, defs, trees = call.b, call.dev, call.defs, call.trees
        dtypes = {j: a._dtype for j, a in call.arrays.items()}
        template = [None if j in dtypes else x for j, x in enumerate(call.leaves)]
        self.order = order = sorted(dtypes)
        self.seen: dict[str, Any] = {}
        seen = self.seen

        def fn(*natives: Any) -> tuple:
            full = list(template)
            for j, n in zip(order, natives, strict=True):
                full[j] = _new(n, b, dtypes[j], dev)
            if trees:
                leaves = iter(full)
                full = [_trees.unflatten(d, leaves) for d in defs]
            with _Scope(b, dev):
                out = f(*full)
            outs: list = [out]
            if type(out) is Array:
                seen["def"] = None
            else:
                outs.clear()
                seen["def"] = _trees.flatten(out, outs)
            if not outs or not all(type(o) is Array for o in outs):
                raise ArrayshimTypeError(
                    message(
                        "vmap",
                        "f",
                        "a function returning an Array or a tree (tuple/list/dict) of Arrays",
                        describe(out),
                    )
                )
            seen["dtypes"] = [o._dtype for o in outs]
            return tuple([b.native_of(o) for o in outs])

        self.fn = fn


_PROGRAMS_KEPT = 64  # programs kept per vmapped function (distinct argument shapes and dtypes)


def _vmap_program(programs: dict, call: _Call, mapped: list[int], f: Callable) -> _VmapProgram:
    """The program for this call's structure, array dtypes and shapes, mapped leaves and
    non-array leaves (by type and value): cached in ``programs`` unless a leaf is unhashable."""
    sig: list = [call.b.name, call.dev, tuple(call.defs), tuple(mapped)]
    arrays = call.arrays
    for j, x in enumerate(call.leaves):
        a = arrays.get(j)
        sig.append((a._dtype, a.shape) if a is not None else (type(x), x))
    try:
        key = tuple(sig)
        program = programs.get(key)
    except TypeError:  # an unhashable non-array leaf: a program for this call only
        return _VmapProgram(call, f)
    if program is None:
        if len(programs) >= _PROGRAMS_KEPT:
            del programs[next(iter(programs))]
        program = programs[key] = _VmapProgram(call, f)
    return program


def _moveaxis(a: Array, source: int, dest: int) -> Array:

    order = [i for i in range(a.ndim) if i != source]
    order.insert(dest, source)
    return permute_dims(a, tuple(order))
