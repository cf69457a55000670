"""What of NumPy ``arrayshim.numpy`` covers, and the README block generated from it.

``TARGET`` is every public name that ``tf.experimental.numpy`` or ``keras.ops`` offers and that is
also a NumPy name (TensorFlow 2.21, Keras 3.15, NumPy 2.4; the test recomputes it from the
installed packages). ``NOT_PROVIDED`` lists the ones left out, with the reason.

    python -m arrayshim.numpy._coverage --write-readme   # rewrite the block in README.md
    python -m arrayshim.numpy._coverage                  # print it
"""

from __future__ import annotations

import sys
from pathlib import Path

TARGET = (
    "abs absolute add all allclose amax amin angle any append arange arccos arccosh arcsin "
    "arcsinh arctan arctan2 arctanh argmax argmin argpartition argsort around array array_equal "
    "array_split asanyarray asarray ascontiguousarray atleast_1d atleast_2d atleast_3d average "
    "bartlett bincount bitwise_and bitwise_invert bitwise_left_shift bitwise_not bitwise_or "
    "bitwise_right_shift bitwise_xor blackman bool_ broadcast_arrays broadcast_to cbrt ceil clip "
    "complex128 complex64 compress concatenate conj conjugate copy corrcoef correlate cos cosh "
    "count_nonzero cross cumprod cumsum deg2rad diag diag_indices diagflat diagonal diff digitize "
    "divide divmod dot dsplit dstack dtype e einsum empty empty_like equal exp exp2 expand_dims "
    "expm1 eye fabs fft finfo fix flip fliplr flipud float16 float32 float64 float_power floor "
    "floor_divide fmax fmin fmod full full_like gcd geomspace greater greater_equal hamming "
    "hanning heaviside histogram hsplit hstack hypot i0 identity iinfo imag inexact inf inner "
    "int16 int32 int64 int8 int_ isclose iscomplex iscomplexobj isfinite isin isinf isnan "
    "isneginf isposinf isreal isrealobj isscalar issubdtype ix_ kaiser kron lcm ldexp left_shift "
    "less less_equal linalg linspace log log10 log1p log2 logaddexp logaddexp2 logical_and "
    "logical_not logical_or logical_xor logspace matmul max maximum mean median meshgrid min "
    "minimum mod moveaxis multiply nan_to_num nanargmax nanargmin nancumprod nancumsum nanmax "
    "nanmean nanmedian nanmin nanpercentile nanprod nanquantile nanstd nansum nanvar ndarray ndim "
    "negative newaxis nextafter nonzero not_equal object_ ones ones_like outer pad percentile pi "
    "polyval positive power prod promote_types ptp quantile rad2deg random ravel real reciprocal "
    "remainder repeat reshape result_type right_shift roll rot90 round searchsorted select shape "
    "sign signbit sin sinc sinh size sort split sqrt square squeeze stack std subtract sum "
    "swapaxes take take_along_axis tan tanh tensordot tile trace transpose trapezoid tri tril "
    "triu true_divide trunc uint16 uint32 uint64 uint8 unique unravel_index unstack vander var "
    "vdot vectorize vsplit vstack where zeros zeros_like"
).split()

NOT_PROVIDED = {
    "object_": "arrayshim has no object dtype (arrays of Python objects exist only in NumPy)",
    "vectorize": "calls a Python function per element: it would run on the host, so it is not "
    "offered (use arrayshim.vmap for array functions)",
}

EXTRA = ("einsum newaxis pi e inf nan linalg fft random").split()

BEGIN = "<!-- numpy-coverage -->"
END = "<!-- /numpy-coverage -->"


def provided() -> list[str]:
    """The public names of arrayshim.numpy."""
    import arrayshim.numpy as anp

    return sorted(anp.__all__)


def block() -> str:
    names = provided()
    have = [n for n in TARGET if n not in NOT_PROVIDED]
    extra = [n for n in names if n not in TARGET]
    lines = [
        f"`arrayshim.numpy` provides {len(have)} of the {len(TARGET)} NumPy names that "
        "`tf.experimental.numpy` or `keras.ops` offers, and "
        f"{len(extra)} more NumPy names ({len(names)} public names in all, counting the "
        "`linalg`, `fft` and `random` submodules).",
        "",
        "Provided from that list:",
        "",
        " ".join(f"`{n}`" for n in have),
        "",
        "Also provided:",
        "",
        " ".join(f"`{n}`" for n in extra),
        "",
        "Not provided (each raises `AttributeError` naming it):",
        "",
        "| name | why |",
        "| --- | --- |",
    ]
    lines += [f"| `{n}` | {why} |" for n, why in sorted(NOT_PROVIDED.items())]
    return "\n".join(lines)


def _readme() -> Path:
    return Path(__file__).resolve().parents[2] / "README.md"


def write_readme(path: Path | None = None) -> bool:
    """Rewrite the block between the markers; True when the file changed."""
    path = path or _readme()
    text = path.read_text()
    if BEGIN not in text or END not in text:
        raise RuntimeError(f"{path} has no {BEGIN} ... {END} block")
    head, rest = text.split(BEGIN, 1)
    new = f"{head}{BEGIN}\n{block()}\n{END}{rest.split(END, 1)[1]}"
    if new != text:
        path.write_text(new)
        return True
    return False


if __name__ == "__main__":
    if "--write-readme" in sys.argv:
        print("README.md", "updated" if write_readme() else "already up to date")
    else:
        print(block())
