"""``xp.compare``: run one function on every backend x device x eager/compiled, check that the
results agree with a reference backend, and time it honestly.

Honest timing means: inputs are built on the target backend and device before the clock
starts; the first (compiled: tracing/compiling) call is timed separately as ``compile_s``;
then warm-up, then ``repeat`` rounds of an auto-sized loop, each round ending with a device
synchronisation before the clock stops; the figure reported is the median per call with its
inter-quartile spread. A cell that fails (the function raises, the backend is missing, memory
runs out) records what happened and the others still run.
"""

from __future__ import annotations

import math
import time

from . import _dtypes, _optional, _registry
from ._array import Array
from ._context import use_backend, use_device
from ._devices import select
from ._dispatch import target_device
from ._errors import DeviceError, message
from ._transforms import jit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

SCHEMA = "arrayshim.compare/1"
DEFAULT_SIZES = (1, 32, 1024, 32768, 1048576)


class Record:
    """One cell: a (size, backend, device, mode) run."""

    __slots__ = (
        "size",
        "backend",
        "device",
        "mode",
        "status",
        "error",
        "median_s",
        "p25_s",
        "p75_s",
        "repeats",
        "compile_s",
        "dtype",
        "shape",
        "max_abs_err",
        "tolerance",
    )

    def __init__(self, size: int, backend: str, device: str, mode: str) -> None:
        self.size, self.backend, self.device, self.mode = size, backend, device, mode
        self.status = "ok"
        self.error: str | None = None
        self.median_s: float | None = None
        self.p25_s: float | None = None
        self.p75_s: float | None = None
        self.compile_s: float | None = None
        self.repeats = 0
        self.dtype: str | None = None
        self.shape: list | None = None
        self.max_abs_err: float | None = None
        self.tolerance: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


class CompareResult:
    """What ``xp.compare`` measured: ``.table()``, ``.to_json()``, ``.to_dataframe()``,
    ``.plot(path)``; ``.ok`` is False when any cell disagrees or failed."""

    def __init__(
        self, name: str, reference: str, sizes: Sequence[int], records: list[Record]
    ) -> None:
        self.name = name
        self.reference = reference
        self.sizes = list(sizes)
        self.records = records

    @property
    def ok(self) -> bool:
        return all(r.status == "ok" for r in self.records)

    def winners(self) -> dict[int, str]:
        """The fastest agreeing (backend, device, mode) at each size."""
        best: dict[int, tuple[float, str]] = {}
        for r in self.records:
            if (
                r.status == "ok"
                and r.median_s is not None
                and (r.size not in best or r.median_s < best[r.size][0])
            ):
                best[r.size] = (r.median_s, f"{r.backend}/{r.device}/{r.mode}")
        return {size: label for size, (_, label) in sorted(best.items())}

    COLUMNS = ("size", "backend", "device", "mode", "median", "spread", "compile", "agreement")
    _RIGHT = ("size", "median", "spread", "compile")

    def _title(self) -> str:
        return f"{self.name}: time per call (median, IQR) and agreement with {self.reference}"

    def _rows(self) -> list[tuple[str, tuple[str, ...]]]:
        """(status, cells) per record, the cells as plain text in ``COLUMNS`` order."""
        rows: list[tuple[str, tuple[str, ...]]] = []
        for r in self.records:
            if r.status == "error":
                agreement = f"error: {r.error}"
            elif r.status == "mismatch":
                agreement = f"MISMATCH: {r.error}"
            else:
                agreement = (
                    "reference"
                    if r.backend == self.reference and r.mode == "eager" and r.max_abs_err == 0
                    else f"ok (max err {r.max_abs_err:.2g})"
                )
            spread = (
                f"±{(r.p75_s - r.p25_s) / 2 / r.median_s:.0%}"
                if r.median_s and r.p25_s is not None and r.p75_s is not None
                else "-"
            )
            rows.append(
                (
                    r.status,
                    (
                        str(r.size),
                        r.backend,
                        r.device,
                        r.mode,
                        _fmt(r.median_s),
                        spread,
                        _fmt(r.compile_s),
                        agreement,
                    ),
                )
            )
        return rows

    def table(self) -> Any:
        """A rich ``Table``: one row per cell; a disagreement or failure is shown as such.
        Needs ``rich`` (``pip install 'arrayshim[cli]'``); ``str(result)`` gives the same
        table as plain text without it."""
        rich_table = _optional.require(
            "rich.table", "arrayshim.CompareResult.table()", "the rich table"
        )
        from rich.markup import escape

        table = rich_table.Table(title=self._title())
        for col in self.COLUMNS:
            table.add_column(col, justify="right" if col in self._RIGHT else "left")
        for status, cells in self._rows():
            cells = tuple(escape(c) for c in cells)
            if status != "ok":
                cells = (*cells[:-1], f"[red]{cells[-1]}[/red]")
            table.add_row(*cells)
        return table

    def __str__(self) -> str:
        """The table as plain text (no optional package needed)."""
        rows = [cells for _, cells in self._rows()]
        widths = [
            max(len(col), *(len(cells[i]) for cells in rows)) for i, col in enumerate(self.COLUMNS)
        ]

        def line(cells: Sequence[str]) -> str:
            return "  ".join(
                c.rjust(w) if col in self._RIGHT else c.ljust(w)
                for c, w, col in zip(cells, widths, self.COLUMNS, strict=True)
            ).rstrip()

        rule = "  ".join("-" * w for w in widths)
        return "\n".join(
            [self._title(), line(self.COLUMNS), rule, *(line(cells) for cells in rows)]
        )

    def to_json(self) -> str:
        import json

        return json.dumps(
            {
                "schema": SCHEMA,
                "function": self.name,
                "reference": self.reference,
                "sizes": self.sizes,
                "records": [r.as_dict() for r in self.records],
            },
            indent=2,
        )

    def to_dataframe(self) -> Any:
        try:
            import pandas as pd
        except ImportError:
            raise ImportError(
                "CompareResult.to_dataframe() needs pandas: pip install pandas"
            ) from None
        return pd.DataFrame([r.as_dict() for r in self.records])

    def plot(self, path: str) -> str:
        """Time against size per backend/device/mode, log axes (like TF's NumPy guide figure).
        Needs ``matplotlib`` (``pip install 'arrayshim[cli]'``)."""
        matplotlib = _optional.require("matplotlib", "arrayshim.CompareResult.plot()", "the plot")
        matplotlib.use("Agg", force=False)
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(8, 5))
        # per line: (size, median, 25th, 75th percentile) of the timed records
        lines: dict[str, list[tuple[int, float, float, float]]] = {}
        for r in self.records:
            if r.status == "ok" and r.median_s and r.p25_s is not None and r.p75_s is not None:
                lines.setdefault(f"{r.backend} {r.device} {r.mode}", []).append(
                    (r.size, r.median_s, r.p25_s, r.p75_s)
                )
        for label, recs in sorted(lines.items()):
            recs.sort(key=lambda t: t[0])
            xs = [size for size, _, _, _ in recs]
            ys = [median * 1e6 for _, median, _, _ in recs]
            err = [
                [(median - p25) * 1e6 for _, median, p25, _ in recs],
                [(p75 - median) * 1e6 for _, median, _, p75 in recs],
            ]
            ax.errorbar(
                xs,
                ys,
                yerr=err,
                marker="o",
                capsize=3,
                label=label,
                linestyle="--" if "jit" in label else "-",
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("size")
        ax.set_ylabel("time per call (µs, median)")
        ax.set_title(f"{self.name} on each backend")
        ax.grid(True, which="both", alpha=0.3)
        if lines:
            ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        return path


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def _leaves(tree: Any) -> list[Any]:
    if isinstance(tree, (tuple, list)):
        return [leaf for item in tree for leaf in _leaves(item)]
    if isinstance(tree, dict):
        return [leaf for key in sorted(tree) for leaf in _leaves(tree[key])]
    return [tree]


def _host(leaf: Any) -> tuple[Any, str, tuple]:
    """(NumPy values, dtype name, shape) of one result leaf."""
    import numpy as np

    if type(leaf) is Array:
        return np.asarray(leaf), leaf.dtype.name, leaf.shape
    b = _registry.for_type(type(leaf))
    if b is not None:
        values = b.to_numpy(leaf)
        return values, b.dtype_of(leaf).name, tuple(values.shape)
    values = np.asarray(leaf)
    return values, values.dtype.name, values.shape


def tolerance(dtype_name: str) -> float:
    """Relative tolerance from the dtype: sqrt(eps) for floats (rounding differs between
    frameworks' kernels and summation orders), 0 for integers and bools."""
    dt = _dtypes.BY_NAME.get(dtype_name)
    if dt is None or dt.kind not in "fc":
        return 0.0
    return math.sqrt(_dtypes.finfo(dt).eps)


def _agreement(result: Any, reference: Any) -> tuple[str, str | None, float | None, float | None]:
    import numpy as np

    got, ref = _leaves(result), _leaves(reference)
    if len(got) != len(ref):
        return "mismatch", f"{len(got)} outputs vs {len(ref)}", None, None
    worst, tol = 0.0, 0.0
    for g, r in zip(got, ref, strict=True):
        gv, gd, gs = _host(g)
        rv, rd, rs = _host(r)
        if gd != rd:
            return "mismatch", f"dtype {gd} vs {rd}", None, None
        if tuple(gs) != tuple(rs):
            return "mismatch", f"shape {tuple(gs)} vs {tuple(rs)}", None, None
        t = tolerance(gd)
        tol = max(tol, t)
        if gv.size:
            with np.errstate(all="ignore"):
                diff = np.abs(
                    gv.astype(np.complex128 if gv.dtype.kind == "c" else np.float64)
                    - rv.astype(np.complex128 if rv.dtype.kind == "c" else np.float64)
                )
            same_nan = (
                np.isnan(diff) & (np.isnan(gv) == np.isnan(rv))
                if gv.dtype.kind in "fc"
                else np.zeros(diff.shape, bool)
            )
            diff = np.where(same_nan, 0.0, diff)
            err = float(np.max(diff))
            scale = (
                max(1.0, float(np.max(np.abs(np.where(np.isfinite(rv), rv, 0)))))
                if rv.dtype.kind in "fc"
                else 1.0
            )
            if not err <= t * scale:  # also catches NaN
                return "mismatch", f"max abs error {err:.3g} > {t * scale:.3g}", err, t
            worst = max(worst, err)
    return "ok", None, worst, tol


def _sync(backend: Any, device: Any) -> None:
    backend.synchronize(device)


def _time_calls(
    call: Callable[[], Any], backend: Any, device: Any, repeat: int, min_round_s: float
) -> tuple[float, float, float]:
    import statistics

    call()
    _sync(backend, device)  # warm-up
    number = 1
    while True:  # auto-size the loop so a round lasts at least min_round_s
        t0 = time.perf_counter()
        for _ in range(number):
            call()
        _sync(backend, device)
        elapsed = time.perf_counter() - t0
        if elapsed >= min_round_s or number >= 1 << 20:
            break
        number *= 2 if elapsed * 4 > min_round_s else 8
    per_call = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            call()
        _sync(backend, device)
        per_call.append((time.perf_counter() - t0) / number)
    q = statistics.quantiles(per_call, n=4) if len(per_call) > 1 else [per_call[0]] * 3
    return statistics.median(per_call), q[0], q[2]


def _error_text(exc: BaseException) -> str:
    if (
        isinstance(exc, MemoryError)
        or "out of memory" in str(exc).lower()
        or type(exc).__name__ in ("ResourceExhaustedError", "OutOfMemoryError")
    ):
        return f"out of memory ({type(exc).__name__})"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}"[:300]


def compare(
    fn: Callable,
    inputs: Callable[[int], Any],
    backends: Sequence[str] = ("numpy", "torch", "tensorflow", "jax"),
    devices: Sequence[str] | None = None,
    sizes: Sequence[int] | None = None,
    compiled: Sequence[bool] = (False, True),
    repeat: int = 7,
    reference: str | None = None,
    min_round_s: float = 0.02,
    progress: Callable[[str], None] | None = None,
) -> CompareResult:
    """Run ``fn(*inputs(size))`` on every backend x device x eager/compiled and compare.

    ``inputs(size)`` returns the argument tuple; build it with ``xp.random.default_rng(seed)``
    and arrayshim creation functions, so every backend gets identical inputs on its own device.
    ``devices=None`` runs every device each backend has; otherwise each entry picks, per
    backend, the device it names where that backend has one (``"gpu"``: its first GPU,
    ``"gpu:1"``: that one), so ``devices=["cpu", "gpu"]`` compares NumPy on the CPU with torch on
    the CPU and the GPU. A backend with none of them gets an error cell naming its devices.
    The reference is the first backend (eager) on its first device unless named.
    """
    sizes = list(sizes or DEFAULT_SIZES)
    reference = reference or backends[0]
    name = getattr(fn, "__qualname__", repr(fn))
    records: list[Record] = []
    ref_results: dict[int, Any] = {}
    order = [reference] + [b for b in backends if b != reference]
    for size in sizes:
        for bname in order:
            try:
                backend = _registry.get(bname, "compare", "backends")
                devs = devices_for(backend, devices)
            except Exception as exc:
                for is_jit in compiled:
                    rec = Record(size, bname, "-", "jit" if is_jit else "eager")
                    rec.status, rec.error = "error", _error_text(exc)
                    records.append(rec)
                continue
            for dev in devs:
                for is_jit in compiled:
                    rec = Record(size, bname, dev, "jit" if is_jit else "eager")
                    records.append(rec)
                    if progress:
                        progress(f"{name} size={size} {bname}/{dev}/{rec.mode}")
                    _run_cell(
                        rec,
                        fn,
                        inputs,
                        backend,
                        bname,
                        dev,
                        size,
                        is_jit,
                        repeat,
                        min_round_s,
                        ref_results,
                        reference,
                    )
    return CompareResult(name, reference, sizes, records)


def devices_for(backend: Any, devices: Sequence[str] | None) -> list[str]:
    """The devices of ``backend`` that ``devices`` names (all of them for None), in order."""
    have = backend.devices()
    if not devices:
        return [str(d) for d in have]
    found = []
    for spec in devices:
        dev = select(have, spec)
        if dev is not None and str(dev) not in found:
            found.append(str(dev))
    if not found:
        raise DeviceError(
            message(
                "compare",
                "devices",
                f"a device of backend {backend.name!r} ({', '.join(map(str, have))})",
                ", ".join(devices),
            )
        )
    return found


def _run_cell(
    rec: Record,
    fn: Callable,
    inputs: Callable,
    backend: Any,
    bname: str,
    dev: str,
    size: int,
    is_jit: bool,
    repeat: int,
    min_round_s: float,
    ref_results: dict[int, Any],
    reference: str,
) -> None:
    try:
        with use_backend(bname), use_device(dev):
            device = target_device(backend, dev, "compare")
            args = inputs(size)
            if not isinstance(args, tuple):
                args = (args,)
            call_fn = fn
            if is_jit:
                call_fn = jit(fn)
            t0 = time.perf_counter()
            result = call_fn(*args)
            _sync(backend, device)
            rec.compile_s = time.perf_counter() - t0 if is_jit else None
            if bname == reference and not is_jit:
                ref_results[size] = result
            leaves = _leaves(result)
            first = _host(leaves[0]) if leaves else None
            rec.dtype = first[1] if first else None
            rec.shape = list(first[2]) if first else None
            if size in ref_results:
                rec.status, rec.error, rec.max_abs_err, rec.tolerance = _agreement(
                    result, ref_results[size]
                )
            else:
                rec.status, rec.error = (
                    "error",
                    "no reference result (the reference backend failed at this size)",
                )
            rec.median_s, rec.p25_s, rec.p75_s = _time_calls(
                lambda: call_fn(*args), backend, device, repeat, min_round_s
            )
            rec.repeats = repeat
    except Exception as exc:
        rec.status, rec.error = "error", _error_text(exc)
