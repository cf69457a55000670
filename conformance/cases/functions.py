"""Statistical, utility, searching, sorting, set, indexing, manipulation and linear algebra
functions of the main namespace: NumPy 2 is the reference for values; the standard's rules
for result dtypes (the default integer for indices and counts, NumPy 2's accumulator dtypes for
sums) and shapes are written here."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import arrayshim as xp

from .. import strategies as S
from ..engine import EXACT, REDUCTION, Call, Case, Tol

INDEX = "int64"  # the default integer dtype (and index dtype) of every backend here


def _norm_axes(axis: object, ndim: int) -> tuple[int, ...]:
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, int):
        return (axis % ndim,) if ndim else ()
    return tuple(a % ndim for a in axis)


def _reduced_shape(shape: tuple, axis: object, keepdims: bool) -> tuple:
    axes = _norm_axes(axis, len(shape))
    if keepdims:
        return tuple(1 if i in axes else s for i, s in enumerate(shape))
    return tuple(s for i, s in enumerate(shape) if i not in axes)


def _sum_dtype(dtype: str) -> str:
    """The standard (and NumPy 2): integers accumulate in the default (unsigned) integer."""
    return (
        "int64"
        if dtype in S.SIGNED or dtype == "bool"
        else "uint64"
        if dtype in S.UNSIGNED
        else dtype
    )


# ---------------------------------------------------------------------------------------------
# statistical and utility reductions
# ---------------------------------------------------------------------------------------------


def _reduction(
    name: str,
    dtypes: tuple[str, ...],
    *,
    dtype_rule=None,
    tol: Tol = REDUCTION,
    bound: float | None = 1e3,
    extra: dict | None = None,
    one_axis: bool = False,
    ref=None,
    category: str = "statistical",
) -> Case:
    def draw(data: st.DataObject, dtype: str) -> Call:
        b = bound
        if name == "prod" and dtype in S.FLOAT:
            b = 1.1 if dtype == "float16" else 2.0
        elif dtype == "float16" and b is not None:
            b = min(b, 100.0)
        x = data.draw(S.arrays(dtype, bound=b if dtype not in S.INTEGER else None), label="x")
        kw = {
            "axis": data.draw(S.axis_of(x.ndim) if one_axis else S.axes_of(x.ndim), label="axis"),
            "keepdims": data.draw(st.booleans(), label="keepdims"),
        }
        for key, strategy in (extra or {}).items():
            kw[key] = data.draw(strategy, label=key)
        return Call((x,), kw)

    def shape(call: Call) -> tuple:
        return _reduced_shape(call.args[0].shape, call.kwargs["axis"], call.kwargs["keepdims"])

    rule = dtype_rule or (lambda call, dtype: dtype)
    return Case(name, category, dtypes, draw, dtype=rule, shape=shape, tol=tol, ref=ref)


def _np_axis(axis: object) -> object:
    return tuple(axis) if isinstance(axis, tuple) else axis


def _float_result(call: Call, dtype: str) -> str:
    return "float64" if dtype in S.INTEGER or dtype == "bool" else dtype


def _real_result(call: Call, dtype: str) -> str:
    return {"complex64": "float32", "complex128": "float64"}.get(dtype, _float_result(call, dtype))


def _count_nonzero_ref(x: np.ndarray, axis: object = None, keepdims: bool = False) -> np.ndarray:
    return np.asarray(np.count_nonzero(x, axis=_np_axis(axis), keepdims=keepdims), dtype=INDEX)


def _argext(fn):
    def ref(x: np.ndarray, axis: object = None, keepdims: bool = False) -> np.ndarray:
        return np.asarray(fn(x, axis=axis, keepdims=keepdims), dtype=INDEX)

    return ref


CASES: list[Case] = [
    _reduction("sum", S.NUMERIC + S.BOOL, dtype_rule=lambda c, d: _sum_dtype(d)),
    _reduction("prod", S.NUMERIC + S.BOOL, dtype_rule=lambda c, d: _sum_dtype(d)),
    _reduction("max", S.REAL_NUMERIC + S.BOOL, tol=Tol(zero_sign=False)),
    _reduction("min", S.REAL_NUMERIC + S.BOOL, tol=Tol(zero_sign=False)),
    _reduction("mean", S.FLOAT, dtype_rule=_float_result),
    _reduction(
        "var",
        S.REAL_FLOAT + S.COMPLEX,
        dtype_rule=_real_result,
        extra={"correction": st.sampled_from([0, 1, 0.5])},
    ),
    _reduction(
        "std",
        S.REAL_FLOAT + S.COMPLEX,
        dtype_rule=_real_result,
        extra={"correction": st.sampled_from([0, 1, 0.5])},
    ),
    _reduction("all", S.ALL, dtype_rule=lambda c, d: "bool", tol=EXACT, category="utility"),
    _reduction("any", S.ALL, dtype_rule=lambda c, d: "bool", tol=EXACT, category="utility"),
    _reduction(
        "count_nonzero",
        S.ALL,
        dtype_rule=lambda c, d: INDEX,
        tol=EXACT,
        ref=_count_nonzero_ref,
        category="searching",
    ),
    _reduction(
        "argmax",
        S.REAL_NUMERIC + S.BOOL,
        dtype_rule=lambda c, d: INDEX,
        tol=EXACT,
        one_axis=True,
        ref=_argext(np.argmax),
        category="searching",
    ),
    _reduction(
        "argmin",
        S.REAL_NUMERIC + S.BOOL,
        dtype_rule=lambda c, d: INDEX,
        tol=EXACT,
        one_axis=True,
        ref=_argext(np.argmin),
        category="searching",
    ),
]


def _cumulative(name: str) -> Case:
    def draw(data: st.DataObject, dtype: str) -> Call:
        b = (
            (1.1 if dtype == "float16" else 2.0)
            if name == "cumulative_prod"
            else (100.0 if dtype == "float16" else 1e3)
        )
        x = data.draw(
            S.arrays(
                dtype,
                hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
                bound=None if dtype in S.INTEGER else b,
            ),
            label="x",
        )
        axis = data.draw(S.axis_of(x.ndim, none=x.ndim <= 1), label="axis")
        return Call(
            (x,),
            {"axis": axis, "include_initial": data.draw(st.booleans(), label="include_initial")},
        )

    def shape(call: Call) -> tuple:
        x, axis = call.args[0], call.kwargs["axis"]
        shp = list(x.shape) if x.ndim else [1]
        ax = 0 if axis is None else axis % len(shp)
        shp[ax] += 1 if call.kwargs["include_initial"] else 0
        return tuple(shp)

    return Case(
        name,
        "statistical",
        S.NUMERIC + S.BOOL,
        draw,
        dtype=lambda c, d: _sum_dtype(d),
        shape=shape,
        tol=REDUCTION,
        ref=getattr(np, name),
    )


CASES += [_cumulative("cumulative_sum"), _cumulative("cumulative_prod")]


def _diff_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(
        S.arrays(dtype, hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=5)), label="x"
    )
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis")
    kw: dict = {"axis": axis, "n": data.draw(st.integers(0, 3), label="n")}
    for side in ("prepend", "append"):
        if data.draw(st.booleans(), label=f"{side}?"):
            shp = list(x.shape)
            shp[axis] = data.draw(st.integers(0, 2), label=f"{side} length")
            kw[side] = data.draw(S.arrays(dtype, tuple(shp)), label=side)
    return Call((x,), kw)


def _diff_ref(
    x: np.ndarray, axis: int = -1, n: int = 1, prepend: object = None, append: object = None
) -> np.ndarray:
    """The standard: ``prepend``/``append`` join ``x`` first, also for ``n=0`` (where NumPy
    returns ``x`` alone); for bool the difference is not-equal."""
    out = np.concatenate([a for a in (prepend, x, append) if a is not None], axis=axis)
    if x.dtype != bool:
        return np.diff(out, n=n, axis=axis)
    for _ in range(n):
        out = np.not_equal(
            np.take(out, range(1, out.shape[axis]), axis=axis),
            np.take(out, range(out.shape[axis] - 1), axis=axis),
        )
    return out


CASES.append(
    Case(
        "diff",
        "utility",
        S.REAL_NUMERIC + S.COMPLEX + S.BOOL,
        _diff_draw,
        ref=_diff_ref,
        dtype=lambda c, d: d,
        tol=Tol(ulps=1.0),
    )
)


# ---------------------------------------------------------------------------------------------
# searching
# ---------------------------------------------------------------------------------------------


def _nonzero_draw(data: st.DataObject, dtype: str) -> Call:
    return Call(
        (
            data.draw(
                S.arrays(dtype, hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=4)),
                label="x",
            ),
        )
    )


CASES.append(
    Case(
        "nonzero",
        "searching",
        S.ALL,
        _nonzero_draw,
        dtype=lambda c, d: tuple(INDEX for _ in range(c.args[0].ndim)),
    )
)


def _searchsorted_draw(data: st.DataObject, dtype: str) -> Call:
    x1 = np.sort(
        data.draw(
            S.arrays(dtype, hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=6)),
            label="x1",
        )
    )
    if data.draw(st.booleans(), label="x2 is a Python scalar"):
        value = data.draw(S.elements(dtype, bound=1e3), label="x2")
        x2 = bool(value) if dtype == "bool" else value
    else:
        x2 = data.draw(S.arrays(dtype), label="x2")
    kw = {"side": data.draw(st.sampled_from(["left", "right"]), label="side")}
    if data.draw(st.booleans(), label="use sorter"):
        perm = np.asarray(data.draw(st.permutations(range(x1.size)), label="perm"), dtype=INDEX)
        unsorted = np.empty_like(x1)
        unsorted[perm] = x1
        x1, kw["sorter"] = unsorted, perm
    return Call((x1, x2), kw)


def _searchsorted_ref(
    x1: np.ndarray, x2: object, side: str = "left", sorter: object = None
) -> np.ndarray:
    return np.asarray(np.searchsorted(x1, x2, side=side, sorter=sorter), dtype=INDEX)


CASES.append(
    Case(
        "searchsorted",
        "searching",
        S.REAL_NUMERIC,
        _searchsorted_draw,
        ref=_searchsorted_ref,
        dtype=lambda c, d: INDEX,
        shape=lambda c: np.shape(c.args[1]),
    )
)


def _where_draw(data: st.DataObject, dtype: str) -> Call:
    s0, s1, s2 = data.draw(
        hnp.mutually_broadcastable_shapes(num_shapes=3, min_dims=0, max_dims=3, max_side=4),
        label="shapes",
    ).input_shapes
    cond = data.draw(S.arrays("bool", s0), label="condition")
    x1 = data.draw(S.arrays(dtype, s1), label="x1")
    if data.draw(st.integers(0, 3), label="x2 is a Python scalar") == 0:
        kind = {
            "b": st.booleans(),
            "i": st.integers(0, 100),
            "u": st.integers(0, 100),
            "f": S.reals("float64", bound=1e3),
            "c": S.elements("complex128", bound=1e3),
        }[x1.dtype.kind]
        return Call((cond, x1, data.draw(kind, label="x2")))
    other = data.draw(st.sampled_from(S.ALL), label="x2 dtype")
    return Call((cond, x1, data.draw(S.arrays(other, s2), label="x2")))


CASES.append(Case("where", "searching", S.ALL, _where_draw, ref=np.where))


# ---------------------------------------------------------------------------------------------
# sorting and sets
# ---------------------------------------------------------------------------------------------


def _sort_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(
        S.arrays(
            dtype, hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=5), bound=None
        ),
        label="x",
    )
    if dtype in S.INTEGER or dtype == "bool":  # ties, to see stability
        x = x % 3 if dtype != "bool" else x
    return Call(
        (x,),
        {
            "axis": data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis"),
            "descending": data.draw(st.booleans(), label="descending"),
        },
    )


def _argsort_ref(x: np.ndarray, axis: int = -1, descending: bool = False) -> np.ndarray:
    """Stable; descending keeps equal elements in their original order (so NaNs come first)."""
    if not descending:
        return np.argsort(x, axis=axis, kind="stable")
    n = x.shape[axis]
    rev = np.flip(x, axis=axis)
    return np.flip(n - 1 - np.argsort(rev, axis=axis, kind="stable"), axis=axis).astype(INDEX)


def _sort_ref(x: np.ndarray, axis: int = -1, descending: bool = False) -> np.ndarray:
    return np.take_along_axis(x, _argsort_ref(x, axis, descending), axis=axis)


CASES.append(
    Case(
        "argsort",
        "sorting",
        S.REAL_NUMERIC + S.BOOL,
        _sort_draw,
        ref=_argsort_ref,
        dtype=lambda c, d: INDEX,
    )
)
CASES.append(
    Case(
        "sort",
        "sorting",
        S.REAL_NUMERIC + S.BOOL,
        _sort_draw,
        ref=_sort_ref,
        dtype=lambda c, d: d,
        tol=Tol(),
    )
)


def _unique_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(S.arrays(dtype, bound=3 if dtype not in S.COMPLEX else None), label="x")
    if dtype in S.INTEGER:
        x = (x % 4).astype(dtype)
    return Call((x,))


def _unique_ref(kind: str):
    def ref(x: np.ndarray) -> tuple:
        values, index, inverse, counts = np.unique(
            x.reshape(-1),
            return_index=True,
            return_inverse=True,
            return_counts=True,
            equal_nan=False,
        )
        inverse = inverse.reshape(x.shape).astype(INDEX)
        index, counts = index.astype(INDEX), counts.astype(INDEX)
        return {
            "all": (values, index, inverse, counts),
            "counts": (values, counts),
            "inverse": (values, inverse),
            "values": values,
        }[kind]

    return ref


_UNIQUE_FIELDS = {
    "all": ("values", "indices", "inverse_indices", "counts"),
    "counts": ("values", "counts"),
    "inverse": ("values", "inverse_indices"),
}


def _unique_fields(kind: str):
    def check(got: object, call: Call, dtype: str) -> None:
        assert getattr(got, "_fields", None) == _UNIQUE_FIELDS[kind], (
            f"unique_{kind} fields: {getattr(got, '_fields', None)}"
        )

    return check


for _kind in ("all", "counts", "inverse", "values"):
    CASES.append(
        Case(
            f"unique_{_kind}",
            "set",
            S.ALL,
            _unique_draw,
            ref=_unique_ref(_kind),
            check=_unique_fields(_kind) if _kind != "values" else None,
        )
    )


def _isin_draw(data: st.DataObject, dtype: str) -> Call:
    x1 = data.draw(S.arrays(dtype, bound=3), label="x1")
    x2 = data.draw(S.arrays(dtype, bound=3), label="x2")
    if dtype in S.INTEGER:
        x1, x2 = (x1 % 4).astype(dtype), (x2 % 4).astype(dtype)
    return Call((x1, x2), {"invert": data.draw(st.booleans(), label="invert")})


CASES.append(
    Case(
        "isin",
        "set",
        S.REAL_NUMERIC + S.BOOL,
        _isin_draw,
        ref=np.isin,
        dtype=lambda c, d: "bool",
        shape=lambda c: c.args[0].shape,
    )
)


# ---------------------------------------------------------------------------------------------
# indexing
# ---------------------------------------------------------------------------------------------


def _take_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(
        S.arrays(dtype, hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)), label="x"
    )
    axis = data.draw(S.axis_of(x.ndim, none=x.ndim == 1), label="axis")
    n = x.size if axis is None else x.shape[axis]
    idx = data.draw(
        hnp.arrays(
            INDEX,
            hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=5),
            elements=st.integers(-n, n - 1),
        ),
        label="indices",
    )
    return Call((x, idx), {"axis": axis})


def _take_along_draw(data: st.DataObject, dtype: str) -> Call:
    x = data.draw(
        S.arrays(dtype, hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)), label="x"
    )
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis")
    shape = list(x.shape)
    shape[axis] = data.draw(st.integers(0, 5), label="length")
    idx = data.draw(
        hnp.arrays(INDEX, tuple(shape), elements=st.integers(-x.shape[axis], x.shape[axis] - 1)),
        label="indices",
    )
    return Call((x, idx), {"axis": axis})


CASES.append(Case("take", "indexing", S.ALL, _take_draw, ref=np.take))
CASES.append(Case("take_along_axis", "indexing", S.ALL, _take_along_draw, ref=np.take_along_axis))


# ---------------------------------------------------------------------------------------------
# manipulation
# ---------------------------------------------------------------------------------------------


def _x(data: st.DataObject, dtype: str, shapes: st.SearchStrategy = S.SHAPES) -> np.ndarray:
    return data.draw(S.arrays(dtype, shapes), label="x")


def _draw_broadcast_arrays(data: st.DataObject, dtype: str) -> Call:
    n = data.draw(st.integers(1, 3), label="n")
    shapes = data.draw(
        hnp.mutually_broadcastable_shapes(num_shapes=n, min_dims=0, max_dims=3, max_side=4),
        label="shapes",
    ).input_shapes
    return Call(
        tuple(
            data.draw(
                S.arrays(data.draw(st.sampled_from(S.ALL), label="dtype") if i else dtype, s),
                label=f"x{i}",
            )
            for i, s in enumerate(shapes)
        )
    )


def _draw_broadcast_to(data: st.DataObject, dtype: str) -> Call:
    x = _x(data, dtype)
    target = data.draw(
        hnp.broadcastable_shapes(x.shape, min_dims=x.ndim, max_dims=4, min_side=0, max_side=4),
        label="shape",
    )
    target = np.broadcast_shapes(x.shape, target)
    return Call((x, target))


def _draw_broadcast_shapes(data: st.DataObject, dtype: str) -> Call:
    n = data.draw(st.integers(0, 3), label="n")
    shapes = data.draw(
        hnp.mutually_broadcastable_shapes(num_shapes=max(n, 1), min_dims=0, max_dims=3, max_side=4),
        label="shapes",
    ).input_shapes
    if data.draw(st.integers(0, 4), label="incompatible") == 0:
        return Call(((2, 3), (4,)))
    return Call(tuple(shapes[:n]))


def _outcome(fn, *shapes: tuple) -> object:
    """The broadcast shape, or the type of the exception raised."""
    try:
        return fn(*shapes)
    except (ValueError, TypeError) as exc:
        return ValueError if isinstance(exc, ValueError) else TypeError


def _broadcast_shapes_check(got: object, call: Call, dtype: str) -> None:
    want = _outcome(np.broadcast_shapes, *call.args)
    assert got == want and (isinstance(got, type) or type(got) is tuple), (
        f"broadcast_shapes{call.args} = {got!r}, expected {want}"
    )


def _draw_concat(data: st.DataObject, dtype: str) -> Call:
    base = data.draw(
        hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4), label="shape"
    )
    n = data.draw(st.integers(1, 3), label="n")
    if not base or data.draw(st.booleans(), label="axis None"):
        return Call(
            (
                [
                    data.draw(
                        S.arrays(
                            dtype if i == 0 else data.draw(st.sampled_from(S.ALL), label="dtype"),
                            S.SHAPES,
                        ),
                        label=f"x{i}",
                    )
                    for i in range(n)
                ],
            ),
            {"axis": None},
        )
    axis = data.draw(st.integers(-len(base), len(base) - 1), label="axis")
    arrays = []
    for i in range(n):
        shp = list(base)
        shp[axis] = data.draw(st.integers(0, 3), label=f"length {i}")
        arrays.append(
            data.draw(
                S.arrays(
                    dtype if i == 0 else data.draw(st.sampled_from(S.ALL), label="dtype"),
                    tuple(shp),
                ),
                label=f"x{i}",
            )
        )
    return Call((arrays,), {"axis": axis})


def _concat_ref(arrays: list, axis: object = 0) -> np.ndarray:
    if axis is None:
        arrays = [a.reshape(-1) for a in arrays]
        axis = 0
    return np.concatenate(arrays, axis=axis)


def _draw_stack(data: st.DataObject, dtype: str) -> Call:
    shape = data.draw(S.SHAPES, label="shape")
    n = data.draw(st.integers(1, 3), label="n")
    arrays = [
        data.draw(
            S.arrays(dtype if i == 0 else data.draw(st.sampled_from(S.ALL), label="dtype"), shape),
            label=f"x{i}",
        )
        for i in range(n)
    ]
    return Call(
        (arrays,), {"axis": data.draw(st.integers(-len(shape) - 1, len(shape)), label="axis")}
    )


def _draw_expand_dims(data: st.DataObject, dtype: str) -> Call:
    x = _x(data, dtype)
    if data.draw(st.booleans(), label="tuple of axes"):  # 2025.12
        k = data.draw(st.integers(1, 2), label="k")
        n = x.ndim + k
        axes = data.draw(
            st.lists(st.integers(0, n - 1), min_size=k, max_size=k, unique=True), label="axes"
        )
        return Call(
            (x,),
            {"axis": tuple(data.draw(st.sampled_from([a, a - n]), label="sign") for a in axes)},
        )
    return Call((x,), {"axis": data.draw(st.integers(-x.ndim - 1, x.ndim), label="axis")})


def _draw_flip(data: st.DataObject, dtype: str) -> Call:
    x = _x(data, dtype)
    return Call((x,), {"axis": data.draw(S.axes_of(x.ndim), label="axis")})


def _draw_moveaxis(data: st.DataObject, dtype: str) -> Call:
    x = _x(data, dtype, hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=3))
    k = data.draw(st.integers(1, x.ndim), label="k")
    src = data.draw(
        st.lists(
            st.integers(-x.ndim, x.ndim - 1), min_size=k, max_size=k, unique_by=lambda a: a % x.ndim
        ),
        label="source",
    )
    dst = data.draw(
        st.lists(
            st.integers(-x.ndim, x.ndim - 1), min_size=k, max_size=k, unique_by=lambda a: a % x.ndim
        ),
        label="destination",
    )
    if k == 1 and data.draw(st.booleans(), label="ints"):
        return Call((x, src[0], dst[0]))
    return Call((x, tuple(src), tuple(dst)))


def _draw_permute_dims(data: st.DataObject, dtype: str) -> Call:
    x = _x(data, dtype)
    perm = data.draw(st.permutations(range(x.ndim)), label="axes")
    return Call(
        (x, tuple(data.draw(st.sampled_from([a, a - x.ndim]), label="sign") for a in perm))
    )  # negative: 2025.12


def _draw_repeat(data: st.DataObject, dtype: str) -> Call:
    x = _x(data, dtype)
    axis = data.draw(S.axis_of(x.ndim), label="axis")
    n = x.size if axis is None else x.shape[axis]
    how = data.draw(st.sampled_from(["int", "array", "one"]), label="repeats kind")
    if how == "int":
        return Call((x, data.draw(st.integers(0, 3), label="repeats")), {"axis": axis})
    size = 1 if how == "one" else n
    return Call(
        (x, data.draw(hnp.arrays(INDEX, (size,), elements=st.integers(0, 3)), label="repeats")),
        {"axis": axis},
    )


def _draw_reshape(data: st.DataObject, dtype: str) -> Call:
    x = _x(data, dtype)
    size = x.size
    dims = []
    rest = size
    for _ in range(data.draw(st.integers(0, 3), label="ndim")):
        divisors = [d for d in range(1, max(rest, 1) + 1) if rest % d == 0] if rest else [0, 1, 2]
        d = data.draw(st.sampled_from(divisors), label="dim")
        dims.append(d)
        rest = rest // d if d else rest
    if rest != 1 or (0 in dims and size != 0):
        dims.append(rest if size else 0)
    shape = tuple(dims)
    if math.prod(shape) != size:
        shape = (size,)
    if shape and size and data.draw(st.booleans(), label="-1"):
        i = data.draw(st.integers(0, len(shape) - 1), label="which -1")
        shape = shape[:i] + (-1,) + shape[i + 1 :]
    return Call((x, shape))


def _draw_roll(data: st.DataObject, dtype: str) -> Call:
    x = _x(data, dtype)
    if x.ndim and data.draw(st.booleans(), label="tuple"):
        axes = data.draw(
            st.lists(st.integers(-x.ndim, x.ndim - 1), min_size=1, max_size=3), label="axis"
        )
        return Call(
            (x, tuple(data.draw(st.integers(-6, 6), label="shift") for _ in axes)),
            {"axis": tuple(axes)},
        )
    return Call(
        (x, data.draw(st.integers(-6, 6), label="shift")),
        {"axis": data.draw(S.axis_of(x.ndim), label="axis")},
    )


def _draw_squeeze(data: st.DataObject, dtype: str) -> Call:
    x = _x(data, dtype, hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=3))
    ones = [i for i, s in enumerate(x.shape) if s == 1]
    if not ones:
        x = x.reshape(x.shape + (1,))
        ones = [x.ndim - 1]
    chosen = data.draw(st.lists(st.sampled_from(ones), min_size=1, unique=True), label="axes")
    axis = tuple(data.draw(st.sampled_from([a, a - x.ndim]), label="sign") for a in chosen)
    return Call(
        (x,),
        {"axis": axis[0] if len(axis) == 1 and data.draw(st.booleans(), label="int") else axis},
    )


def _draw_tile(data: st.DataObject, dtype: str) -> Call:
    x = _x(data, dtype)
    return Call((x, tuple(data.draw(st.lists(st.integers(0, 3), max_size=4), label="repetitions"))))


def _draw_unstack(data: st.DataObject, dtype: str) -> Call:
    x = _x(data, dtype, hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=4))
    return Call((x,), {"axis": data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis")})


def _unstack_ref(x: np.ndarray, axis: int = 0) -> tuple:
    return tuple(np.moveaxis(x, axis, 0))


def _expand_dims_ref(x: np.ndarray, axis: object = 0) -> np.ndarray:
    return np.expand_dims(x, axis)


def _repeat_ref(x: np.ndarray, repeats: object, axis: object = None) -> np.ndarray:
    return np.repeat(x, repeats, axis=axis)


def _squeeze_ref(x: np.ndarray, axis: object) -> np.ndarray:
    return np.squeeze(x, axis=axis)


def _roll_ref(x: np.ndarray, shift: object, axis: object = None) -> np.ndarray:
    return np.roll(x, shift, axis=axis)


_MANIP = [
    ("broadcast_arrays", _draw_broadcast_arrays, lambda *a: tuple(np.broadcast_arrays(*a))),
    ("broadcast_to", _draw_broadcast_to, np.broadcast_to),
    ("concat", _draw_concat, _concat_ref),
    ("expand_dims", _draw_expand_dims, _expand_dims_ref),
    ("flip", _draw_flip, np.flip),
    ("moveaxis", _draw_moveaxis, np.moveaxis),
    ("permute_dims", _draw_permute_dims, np.transpose),
    ("repeat", _draw_repeat, _repeat_ref),
    ("reshape", _draw_reshape, np.reshape),
    ("roll", _draw_roll, _roll_ref),
    ("squeeze", _draw_squeeze, _squeeze_ref),
    ("stack", _draw_stack, np.stack),
    ("tile", _draw_tile, np.tile),
    ("unstack", _draw_unstack, _unstack_ref),
]
CASES += [Case(name, "manipulation", S.ALL, draw, ref=ref) for name, draw, ref in _MANIP]
CASES.append(
    Case(
        "broadcast_shapes",
        "manipulation",
        ("bool",),
        _draw_broadcast_shapes,
        check=_broadcast_shapes_check,
        run=lambda *shapes: _outcome(xp.broadcast_shapes, *shapes),
    )
)


# ---------------------------------------------------------------------------------------------
# linear algebra (main namespace)
# ---------------------------------------------------------------------------------------------

_MATMUL_BOUND = 100.0


def _draw_matmul(data: st.DataObject, dtype: str) -> Call:
    b = None if dtype in S.INTEGER else (8.0 if dtype == "float16" else _MATMUL_BOUND)
    m, k, n = (data.draw(st.integers(0, 4), label=d) for d in "mkn")
    batch1, batch2 = data.draw(
        hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2, max_side=3),
        label="batch",
    ).input_shapes
    s1 = (k,) if data.draw(st.integers(0, 4), label="x1 1-D") == 0 else batch1 + (m, k)
    s2 = (k,) if data.draw(st.integers(0, 4), label="x2 1-D") == 0 else batch2 + (k, n)
    other = data.draw(
        st.sampled_from(
            [dtype]
            + [t for t in S.NUMERIC if np.result_type(t, dtype).kind == np.dtype(dtype).kind]
        ),
        label="x2 dtype",
    )
    x1 = data.draw(S.arrays(dtype, s1, bound=b, specials=False), label="x1")
    x2 = data.draw(
        S.arrays(other, s2, bound=None if other in S.INTEGER else b, specials=False), label="x2"
    )
    if (
        dtype in S.INTEGER
    ):  # products of the integer extremes wrap the same way everywhere, but keep them readable
        x1 = (x1 % 100).astype(dtype)
        x2 = (x2 % 100).astype(other)
    return Call((x1, x2))


def _draw_matrix_transpose(data: st.DataObject, dtype: str) -> Call:
    return Call(
        (_x(data, dtype, hnp.array_shapes(min_dims=2, max_dims=4, min_side=0, max_side=3)),)
    )


def _draw_tensordot(data: st.DataObject, dtype: str) -> Call:
    k = data.draw(st.integers(0, 2), label="contracted")
    shared = data.draw(st.lists(st.integers(0, 3), min_size=k, max_size=k), label="shared sides")
    left = data.draw(st.lists(st.integers(0, 3), max_size=2), label="x1 free")
    right = data.draw(st.lists(st.integers(0, 3), max_size=2), label="x2 free")
    b = None if dtype in S.INTEGER else (8.0 if dtype == "float16" else _MATMUL_BOUND)
    x1 = data.draw(S.arrays(dtype, tuple(left + shared), bound=b, specials=False), label="x1")
    x2 = data.draw(S.arrays(dtype, tuple(shared + right), bound=b, specials=False), label="x2")
    if dtype in S.INTEGER:
        x1, x2 = (x1 % 100).astype(dtype), (x2 % 100).astype(dtype)
    if data.draw(st.booleans(), label="axes as int"):
        return Call((x1, x2), {"axes": k})
    ax1 = tuple(range(len(left), len(left) + k))
    ax2 = tuple(range(k))
    return Call((x1, x2), {"axes": (ax1, ax2)})


def _draw_vecdot(data: st.DataObject, dtype: str) -> Call:
    n = data.draw(st.integers(0, 4), label="n")
    s1, s2 = data.draw(
        hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2, max_side=3),
        label="batch",
    ).input_shapes
    b = None if dtype in S.INTEGER else (8.0 if dtype == "float16" else _MATMUL_BOUND)
    x1 = data.draw(S.arrays(dtype, s1 + (n,), bound=b, specials=False), label="x1")
    x2 = data.draw(S.arrays(dtype, s2 + (n,), bound=b, specials=False), label="x2")
    if dtype in S.INTEGER:
        x1, x2 = (x1 % 100).astype(dtype), (x2 % 100).astype(dtype)
    return Call((x1, x2), {"axis": -1})


def _vecdot_ref(x1: np.ndarray, x2: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.vecdot(x1, x2, axis=axis)


_LINALG_TOL = Tol(ulps=4.0, scaled=4.0, zero_sign=False)
CASES += [
    Case("matmul", "linear algebra", S.NUMERIC, _draw_matmul, ref=np.matmul, tol=_LINALG_TOL),
    Case(
        "matrix_transpose", "linear algebra", S.ALL, _draw_matrix_transpose, ref=np.matrix_transpose
    ),
    Case(
        "tensordot", "linear algebra", S.NUMERIC, _draw_tensordot, ref=np.tensordot, tol=_LINALG_TOL
    ),
    Case("vecdot", "linear algebra", S.NUMERIC, _draw_vecdot, ref=_vecdot_ref, tol=_LINALG_TOL),
]
