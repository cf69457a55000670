"""The TensorFlow adapter's eager-CPU fast routes (a cheap test of a rare condition, read back,
before a cheaper kernel) give the same bits as the exact compositions they skip, and as NumPy:
on inputs that take the fast route, on inputs that hold the rare condition (so both routes run),
and in a graph, where only the composition runs. Each test also checks which route ran, so a
route that is never taken (or always taken) fails."""

from __future__ import annotations

import numpy as np
import pytest

import arrayshim as xp

tf = pytest.importorskip("tensorflow")

from arrayshim_tensorflow import emulations  # noqa: E402

RNG = np.random.default_rng(7)
FLOATS = ("float32", "float64")


def _bits(a: np.ndarray) -> np.ndarray:
    return a.view(a.dtype.str.replace("f", "i"))


def _same(got: np.ndarray, want: np.ndarray) -> None:
    """The same values, zero signs and NaN positions (a NaN's sign is not specified)."""
    assert got.dtype == want.dtype and got.shape == want.shape
    nan = np.isnan(want)
    assert np.array_equal(np.isnan(got), nan)
    bad = (_bits(got) != _bits(want)) & ~nan
    assert not bad.any(), (got[bad][:5], want[bad][:5])


@pytest.fixture
def exact_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes the exact floor-division composition ran on, call by call."""
    calls: list[int] = []
    exact = emulations._floor_divide_exact

    def counting(x1: tf.Tensor, x2: tf.Tensor, quotient: tf.Tensor) -> tf.Tensor:
        calls.append(quotient.shape.num_elements())
        return exact(x1, x2, quotient)

    monkeypatch.setattr(emulations, "_floor_divide_exact", counting)
    return calls


def _numpy_floor_divide(x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
    """NumPy's values, with the standard's ``x1 / x2`` where an operand is infinite."""
    with np.errstate(all="ignore"):
        q = x1 / x2
        return np.where(np.isinf(x1) | np.isinf(x2), q, np.floor_divide(x1, x2))


def _ordinary(dtype: str, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Operand pairs whose quotient is no whole number and below the limit (the fast route):
    every exponent of the quotient from 2**-40 to just below the limit, both signs. No operand
    or ``fmod`` below 1e-30: TensorFlow's CPU flushes subnormals (the composition's ``fmod``
    would lose them; see ``test_floor_divide_fast_route_is_numpys_where_fmod_is_subnormal``)."""
    limit = emulations._FLOOR_QUOTIENT_EXACT[getattr(tf, dtype)]
    x2 = RNG.standard_normal(n).astype(dtype)
    scale = np.exp2(RNG.uniform(-40, np.log2(limit), n))
    x1 = (x2 * scale * RNG.choice([-1.0, 1.0], n)).astype(dtype)
    x1 = np.concatenate([x1, RNG.standard_normal(n).astype(dtype) * 1e3])
    x2 = np.concatenate([x2, RNG.standard_normal(n).astype(dtype)])
    q = x1 / x2
    keep = (np.floor(q) != q) & (np.abs(q) < limit) & (np.abs(x2) > 1e-30) & (np.abs(x1) > 1e-30)
    return x1[keep], x2[keep]


def _rare(dtype: str) -> tuple[np.ndarray, np.ndarray]:
    """Operand pairs where ``floor(x1 / x2)`` is not NumPy's, or might not be: a quotient rounded
    up to a whole number (1 // 0.1 is 9; -1e-30 // 1e30 is -1, its quotient -0), beyond the
    limit (NumPy's double rounding), exact whole quotients, zeros, infinities and NaN."""
    big = 2.0**22 if dtype == "float32" else 2.0**51
    pairs = [
        (1.0, 0.1),
        (-1.0, 0.1),
        (1.0, -0.1),
        (0.3, 0.1),
        (-1e-30, 1e30),
        (1e-30, -1e30),
        (1e-30, 1e30),
        (6.0, 3.0),
        (-6.0, 3.0),
        (-1.3422307e22, -1.9184285e15),  # float32: 6996511.5, NumPy 6996510
        (-81.061859, 1.2526013e-05),
        (big * 1.75, 0.99),
        (big * 3.1, -1.01),
        (1e30, 1e-8),
        (0.0, 5.0),
        (-0.0, 5.0),
        (0.0, -5.0),
        (3.0, 0.0),
        (-3.0, 0.0),
        (0.0, 0.0),
        (-0.0, -0.0),
        (np.inf, 2.0),
        (-np.inf, 2.0),
        (2.0, np.inf),
        (-2.0, np.inf),
        (-2.0, -np.inf),
        (np.inf, np.inf),
        (np.nan, 1.0),
        (1.0, np.nan),
        (np.nan, 0.0),
    ]
    x1, x2 = zip(*pairs, strict=True)
    with np.errstate(over="ignore"):
        return np.array(x1, dtype), np.array(x2, dtype)


def _run(x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
    return emulations._floor_divide_float(tf.constant(x1), tf.constant(x2)).numpy()


def _composition(x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
    t1, t2 = tf.constant(x1), tf.constant(x2)
    return emulations._floor_divide_exact(t1, t2, t1 / t2).numpy()


@pytest.mark.parametrize("dtype", FLOATS)
def test_floor_divide_fast_route_matches_the_composition(
    dtype: str, exact_calls: list[int]
) -> None:
    x1, x2 = _ordinary(dtype, 20000)
    assert x1.size > 30000
    got = _run(x1, x2)
    assert exact_calls == []  # floor(x1 / x2) alone
    _same(got, _composition(x1, x2))
    _same(got, _numpy_floor_divide(x1, x2))


@pytest.mark.parametrize("dtype", FLOATS)
def test_floor_divide_rare_quotients_among_ordinary_ones(
    dtype: str, exact_calls: list[int]
) -> None:
    # a few rare pairs scattered among many ordinary ones: the composition on those alone
    x1, x2 = _ordinary(dtype, 3000)
    r1, r2 = _rare(dtype)
    at = RNG.choice(x1.size, r1.size, replace=False)
    x1[at], x2[at] = r1, r2
    want = _numpy_floor_divide(x1, x2)
    got = _run(x1, x2)
    assert len(exact_calls) == 1 and 0 < exact_calls[0] <= r1.size
    _same(got, _composition(x1, x2))
    _same(got, want)
    # mostly rare (whole quotients everywhere): the composition on the whole array
    exact_calls.clear()
    y1 = np.tile(np.array([6.0, 1.0, -6.0, 1.0], dtype), 300)
    y2 = np.tile(np.array([3.0, 0.1, 3.0, -0.1], dtype), 300)
    _same(_run(y1, y2), _numpy_floor_divide(y1, y2))
    assert exact_calls == [y1.size]
    # broadcasting operands and 0-d ones, through the frontend (float16 goes through float32)
    for dt in (dtype, "float16"):
        with np.errstate(over="ignore"):
            b1 = x1[:300].astype(dt).reshape(-1, 1)
            b2 = np.concatenate([x2[:40], r2]).astype(dt)
            s1, s2 = r1.astype(dt), r2.astype(dt)
        with xp.use_backend("tensorflow"):
            got = np.asarray(xp.floor_divide(xp.asarray(b1), xp.asarray(b2)))
            _same(got, _numpy_floor_divide(b1, b2))
            for a, b in zip(s1, s2, strict=True):
                got = np.asarray(xp.floor_divide(xp.asarray(a), xp.asarray(b)))
                _same(got, _numpy_floor_divide(a, b))


@pytest.mark.parametrize("dtype", FLOATS)
def test_floor_divide_in_a_graph_is_the_composition(dtype: str, exact_calls: list[int]) -> None:
    x1, x2 = _ordinary(dtype, 500)
    r1, r2 = _rare(dtype)
    x1, x2 = np.concatenate([x1, r1]), np.concatenate([x2, r2])
    graph = tf.function(emulations._floor_divide_float)
    got = graph(tf.constant(x1), tf.constant(x2)).numpy()
    assert exact_calls == [x1.size]  # traced once, the whole array
    _same(got, _run(x1, x2))
    _same(got, _numpy_floor_divide(x1, x2))


def test_floor_divide_fast_route_is_numpys_where_fmod_is_subnormal() -> None:
    # TensorFlow's CPU flushes subnormals to zero: where fmod(x1, x2) is subnormal the
    # composition (graphs, the rare route) loses it and is one off NumPy; floor(x1 / x2), the
    # fast route, gives NumPy's value there
    x1 = np.array([-1.6290591e-36, 4.5691173e-36, 1.5], np.float32)
    x2 = np.array([2.1712594e-38, 2.1201451e-38, 0.7], np.float32)
    want = np.floor_divide(x1, x2)
    _same(_run(x1, x2), want)
    assert not np.array_equal(_composition(x1, x2), want)


@pytest.mark.parametrize("dtype", ("float16", "float32", "float64"))
def test_arg_extremum_native_route_only_without_nan(dtype: str) -> None:
    # ArgMax/ArgMin skip NaN (NumPy picks the first): TensorFlow's own kernel only where no NaN
    # is, decided by a sum (finite: no NaN) and, where the sum is not finite (an infinity, an
    # overflow, a NaN), by an exact NaN test. Both routes give NumPy's index.
    from arrayshim_tensorflow.backend import _native_arg_extremum_is_numpys as native

    big = float(np.finfo(dtype).max)
    cases = {
        "ordinary": (RNG.standard_normal((6, 50)), True),
        "infinities": (np.array([1.0, np.inf, -np.inf, np.inf, 2.0]), True),
        "overflowing sum": (np.array([big, big, -1.0, big]), True),
        "nan sum": (np.array([np.inf, -np.inf, 1.0]), True),
        "a nan": (np.array([1.0, 5.0, np.nan, 7.0, np.nan]), False),
        "a nan among infinities": (np.array([np.inf, np.nan, -np.inf, 0.0]), False),
        "a nan in a row": (np.array([[1.0, 2.0], [np.nan, 3.0], [-1.0, 4.0]]), False),
    }
    for name, (data, expected) in cases.items():
        x = data.astype(dtype)
        assert native(tf.constant(x)) is expected, name
        with xp.use_backend("tensorflow"):
            a = xp.asarray(x)
            for axis in (None, 0, -1):
                assert np.array_equal(np.asarray(xp.argmax(a, axis=axis)), np.argmax(x, axis=axis))
                assert np.array_equal(np.asarray(xp.argmin(a, axis=axis)), np.argmin(x, axis=axis))
    # a graph: the composition
    assert tf.function(lambda t: tf.constant(native(t)))(tf.constant([1.0, 2.0])).numpy() == 0


@pytest.mark.parametrize("name", ["hypot", "logaddexp"])
@pytest.mark.parametrize("dtype", FLOATS)
def test_hypot_logaddexp_skip_the_correction_only_where_every_result_is_finite(
    name: str, dtype: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # eagerly on the CPU the correction of infinite operands (hypot), of NaN differences and
    # equal operands (logaddexp) runs only where some result is not finite (a sum, read back);
    # a graph always corrects: the same bits both ways, and NumPy's values
    kernel = getattr(emulations, "_" + name)
    verdicts: list[bool] = []
    all_finite = emulations._all_finite
    monkeypatch.setattr(
        emulations, "_all_finite", lambda x: verdicts.append(all_finite(x)) or verdicts[-1]
    )
    graph = tf.function(kernel)
    x = RNG.standard_normal(3000).astype(dtype) * 10
    y = RNG.standard_normal(3000).astype(dtype) * 10
    y[::7] = x[::7]  # equal operands: x + ln 2
    x[::11] = 0.0
    y[::11] = -0.0  # two zeros: hypot's ratio 0/0
    specials = np.array([np.inf, -np.inf, np.nan, 0.0, -0.0, 1.0, 1e30, -1e30], dtype)
    s1, s2 = (a.ravel() for a in np.meshgrid(specials, specials))
    for (a, b), finite in (((x, y), True), ((s1, s2), False), ((x[:64].reshape(-1, 1), s2), False)):
        verdicts.clear()
        got = kernel(tf.constant(a), tf.constant(b)).numpy()
        assert verdicts == [finite]
        _same(got, graph(tf.constant(a), tf.constant(b)).numpy())
        with np.errstate(all="ignore"):
            want = getattr(np, name)(a, b)
        eps = float(np.finfo(dtype).eps)  # logaddexp near 0 cancels: an absolute bound there
        np.testing.assert_allclose(
            got, want, rtol=8 * eps, atol=64 * eps if name == "logaddexp" else 0
        )
        assert np.array_equal(np.signbit(got[~np.isnan(got)]), np.signbit(want[~np.isnan(got)]))


_UNIQUE_DTYPES = (
    "bool",
    "int8",
    "uint8",
    "int16",
    "uint16",
    "int32",
    "uint32",
    "int64",
    "uint64",
    "float16",
    "float32",
    "float64",
)


def _unique_inputs(dtype: str) -> list[np.ndarray]:
    if dtype == "bool":
        return [RNG.random(50) < 0.3, np.zeros(0, bool), np.array(True), np.ones((3, 4), bool)]
    if dtype[0] in "iu":
        info = np.iinfo(dtype)
        edges = np.array([info.min, info.max, 0, 1, info.max - 1, info.min + 1], dtype)
        return [
            RNG.integers(0, 40, 300).astype(dtype),
            np.tile(edges, 7)[RNG.permutation(42)],
            RNG.integers(0, 9, (5, 6)).astype(dtype),
            np.zeros(0, dtype),
            np.array(3, dtype),
        ]
    special = np.array([np.nan, 0.0, -0.0, np.inf, -np.inf, 1.5, -1.5, np.nan], dtype)
    return [
        RNG.integers(-20, 20, 400).astype(dtype) / 4,
        np.concatenate([special, RNG.integers(-3, 3, 60).astype(dtype)])[RNG.permutation(68)],
        np.array([-0.0, 0.0, -0.0, 2.0], dtype),
        np.array([0.0, -0.0, np.nan, np.nan, 1.0], dtype),
        np.full((3, 3), np.nan, dtype),
        RNG.standard_normal((4, 25)).astype(dtype),
        np.zeros(0, dtype),
        np.array(-0.0, dtype),
    ]


@pytest.mark.parametrize("dtype", _UNIQUE_DTYPES)
def test_unique_hook_matches_the_composition(dtype: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # the hook (UniqueWithCounts, then a sort of the unique values alone) against the
    # frontend's stable-argsort composition, which the other backends' tests hold to NumPy:
    # the same values (zero signs and NaNs included), indices, inverse and counts
    from arrayshim_tensorflow.backend import TensorFlowBackend

    hook = TensorFlowBackend.unique
    ran: list[bool] = []
    monkeypatch.setattr(TensorFlowBackend, "unique", lambda *a: ran.append(True) or hook(*a))
    with xp.use_backend("tensorflow"):
        for data in _unique_inputs(dtype):
            a = xp.asarray(data)
            ran.clear()
            fast = [
                xp.unique_all(a),
                xp.unique_counts(a),
                xp.unique_inverse(a),
                (xp.unique_values(a),),
            ]
            assert len(ran) == 4
            monkeypatch.setattr(TensorFlowBackend, "unique", lambda *a: None)
            slow = [
                xp.unique_all(a),
                xp.unique_counts(a),
                xp.unique_inverse(a),
                (xp.unique_values(a),),
            ]
            monkeypatch.setattr(
                TensorFlowBackend, "unique", lambda *a: ran.append(True) or hook(*a)
            )
            for f, s in zip(fast, slow, strict=True):
                for p, q in zip(f, s, strict=True):
                    p, q = np.asarray(p), np.asarray(q)
                    assert p.dtype == q.dtype and p.shape == q.shape, (data, p, q)
                    if p.dtype.kind == "f":
                        _same(p, q)
                    else:
                        assert np.array_equal(p, q), (data, p, q)
            values = np.asarray(fast[0][0])
            if data.dtype.kind == "f":  # NumPy's values, every NaN its own (either zero)
                want = np.unique(data, equal_nan=False)
                with np.errstate(invalid="ignore"):
                    _same(values + 0, want + 0)
    # a graph, a hook's None: the composition
    assert hook(TensorFlowBackend(), tf.constant([1, 2]), False, False, False) is not None


def _used(answer: object, idx_dtype: str) -> None:
    """The hook gathered (True: in range), except for uint64 indices (None: the composition)."""
    if idx_dtype == "uint64":
        assert answer is None
    else:
        assert isinstance(answer, tuple) and answer[1] is True


@pytest.mark.parametrize(
    "dtype", ["bool", "int8", "uint16", "uint32", "uint64", "float16", "float64", "complex64"]
)
def test_take_hook_gathers_checks_and_wraps(dtype: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # GatherV2 straight away (its CPU kernel raises for an index outside [0, n)); then the
    # bounds: negative indices wrapped, out-of-range ones refused (the frontend's IndexError);
    # NumPy's values and the composition's errors, for take and take_along_axis on every axis
    from arrayshim_tensorflow.backend import TensorFlowBackend

    hook = TensorFlowBackend.take
    answers: list[object] = []

    def spy(*args: object) -> object:
        answers.append(found := hook(*args))  # type: ignore[arg-type]
        return found

    monkeypatch.setattr(TensorFlowBackend, "take", spy)
    x = (RNG.standard_normal((4, 5, 6)) * 9).astype(dtype)
    with xp.use_backend("tensorflow"):
        a = xp.asarray(x)
        for axis in range(3):
            n = x.shape[axis]
            for idx_dtype in ("int64", "int32", "uint8", "int16", "uint64"):
                low = 0 if idx_dtype[0] == "u" else -n
                for idx in (
                    RNG.integers(0, n, 7),
                    RNG.integers(low, n, 9),
                    np.array(n - 1),
                    np.zeros(0, int),
                ):
                    i = idx.astype(idx_dtype)
                    answers.clear()
                    got = np.asarray(xp.take(a, xp.asarray(i), axis=axis))
                    assert np.array_equal(got, np.take(x, i, axis=axis))
                    assert len(answers) == 1
                    _used(answers[0], idx_dtype)
                shape = list(x.shape)
                shape[axis] = 3
                i = RNG.integers(-n if idx_dtype[0] != "u" else 0, n, shape).astype(idx_dtype)
                answers.clear()
                got = np.asarray(xp.take_along_axis(a, xp.asarray(i), axis=axis))
                assert np.array_equal(got, np.take_along_axis(x, i, axis=axis))
                _used(answers[0], idx_dtype)
            for bad in (n, -n - 1, 10**6):
                i = RNG.integers(-n, n, 5)
                i[3] = bad
                shape = list(x.shape)
                shape[axis] = 2
                j = np.zeros(shape, int)
                j.flat[-1] = bad
                for fn, k in ((xp.take, i), (xp.take_along_axis, j)):
                    with pytest.raises(IndexError) as hooked:
                        fn(a, xp.asarray(k), axis=axis)
                    monkeypatch.setattr(TensorFlowBackend, "take", lambda *args: None)
                    with pytest.raises(IndexError) as composed:
                        fn(a, xp.asarray(k), axis=axis)
                    monkeypatch.setattr(TensorFlowBackend, "take", spy)
                    assert str(hooked.value) == str(composed.value)
        # broadcasting take_along_axis: the composition
        answers.clear()
        i = RNG.integers(0, 5, (1, 3, 6))
        got = np.asarray(xp.take_along_axis(a, xp.asarray(i), axis=1))
        assert np.array_equal(got, np.take_along_axis(x, i, axis=1))
        assert answers == [None]


@pytest.mark.parametrize("dtype", FLOATS)
def test_remainder_corrects_zero_signs_only_where_a_result_is_zero(
    dtype: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # floor_mod's zero results take x2's sign (NumPy's); eagerly on the CPU the select runs
    # only where some result is zero: the same bits as the graph (always selecting) and NumPy
    from tensorflow.python.ops import gen_math_ops

    selects: list[int] = []
    select = gen_math_ops.select_v2
    monkeypatch.setattr(
        gen_math_ops, "select_v2", lambda *a, **k: selects.append(1) or select(*a, **k)
    )
    graph = tf.function(emulations._remainder_float)
    x1 = RNG.standard_normal(500).astype(dtype) * 100
    x2 = RNG.standard_normal(500).astype(dtype)
    z1 = np.array([6.0, -6.0, 6.0, -6.0, 0.0, -0.0, 0.0, 5.5], dtype)
    z2 = np.array([3.0, 3.0, -3.0, -3.0, 2.0, -2.0, -2.0, 1.0], dtype)
    odd = np.array([np.inf, 1.0, np.nan, 1.0, 2.0], dtype)
    odd2 = np.array([2.0, np.inf, 1.0, 0.0, -np.inf], dtype)
    for a, b, zeros in ((x1, x2, False), (z1, z2, True), (odd, odd2, False)):
        selects.clear()
        got = emulations._remainder_float(tf.constant(a), tf.constant(b)).numpy()
        assert len(selects) == zeros
        _same(got, graph(tf.constant(a), tf.constant(b)).numpy())
        with np.errstate(all="ignore"):
            want = np.remainder(a, b)
        np.testing.assert_allclose(got, want, rtol=1e-6 if dtype == "float32" else 1e-12)
        number = ~np.isnan(want)
        assert np.array_equal(np.signbit(got[number]), np.signbit(want[number]))


@pytest.mark.parametrize(
    "dtype", ["bool", "int8", "uint64", "float16", "float32", "float64", "complex64"]
)
def test_full_with_cached_zeros_and_ones_keeps_every_value(dtype: str) -> None:
    # zeros_like/ones_like fill from cached host scalars (0 as +0, 1): a -0.0 fill, complex
    # fills and any other value still make their own constant, before and after the cache
    values: list[object] = [False, True] if dtype == "bool" else [0, 1, 2]
    if dtype[0] in "fc":
        values += [-0.0, 0.0, 1.0, -1.0, 0.5]
    if dtype[0] == "c":
        values += [complex(0.0, -0.0), complex(-0.0, 0.0), 1 - 0j, complex(1.0, -0.0)]
    with xp.use_backend("tensorflow"):
        for _ in range(2):
            for v in values:
                got = np.asarray(xp.full((5,), v, dtype=getattr(xp, dtype)))
                want = np.full((5,), v, dtype=dtype)
                assert got.dtype == want.dtype and np.array_equal(got, want), (v, got)
                if dtype[0] in "fc":
                    for part in (np.real, np.imag):
                        assert np.array_equal(np.signbit(part(got)), np.signbit(part(want))), v
            x = xp.asarray(np.arange(4).astype(dtype))
            for like, fill in ((xp.zeros_like, 0), (xp.ones_like, 1)):
                got = np.asarray(like(x))
                assert got.dtype == np.dtype(dtype)
                assert np.array_equal(got, np.full(4, fill, dtype))
                if dtype[0] in "fc":
                    assert not np.signbit(got.real).any()
