"""The NumPy names ``arrayshim.numpy`` aims at, and the ones it leaves out with the reason.

``TARGET`` is every public name that ``tf.experimental.numpy`` or ``keras.ops`` offers and that is
also a NumPy name (TensorFlow 2.21, Keras 3.15, NumPy 2.4; ``tests/test_numpy_namespace.py``
recomputes it from the installed packages). Data only: the namespace's ``__getattr__`` reads
``NOT_PROVIDED``; ``_coverage.py`` writes the README block from it.
"""

from __future__ import annotations

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
