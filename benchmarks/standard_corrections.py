"""What following the standard costs where the frameworks' own kernels give other special values:
float ``floor_divide`` (the standard's ``floor(x1 / x2)`` for infinite operands; NumPy, torch and
TensorFlow pair ``//`` with ``%`` and give NaN for ``inf // 2``) and complex ``expm1``/``tanh``/
``sign``. Each arrayshim call is timed against the framework's own call on the same data, in the
same run, interleaved (``benchmarks/overhead.py``'s timer):

    python benchmarks/standard_corrections.py [--backends numpy,torch,tensorflow]

On TensorFlow the native reference for float ``floor_divide`` is ``tf.math.floordiv``, whose
finite values differ from NumPy's (``1 // 0.1`` is 9, not 10), so arrayshim's ratio there includes
its NumPy-exact formula too.
"""

from __future__ import annotations

import argparse
import functools
import os
import pathlib
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import numpy as np
from overhead import paired_times

import arrayshim as xp

SIZES = (8, 2**20)


def native_functions(backend: str) -> dict:
    if backend == "numpy":
        return {
            "floor_divide": np.floor_divide,
            "expm1": np.expm1,
            "tanh": np.tanh,
            "sign": np.sign,
        }
    if backend == "torch":
        import torch

        return {
            "floor_divide": torch.floor_divide,
            "expm1": torch.expm1,
            "tanh": torch.tanh,
            "sign": torch.sgn,
        }
    import tensorflow as tf

    return {
        "floor_divide": tf.math.floordiv,
        "expm1": tf.math.expm1,
        "tanh": tf.math.tanh,
        "sign": tf.math.sign,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default=",".join(xp.installed_backends()))
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(
        f"{'backend':<11} {'function':<13} {'dtype':<10} {'n':>8} {'native us':>10} "
        f"{'arrayshim us':>13} {'extra us':>9} {'ratio':>6}"
    )
    for backend in args.backends.split(","):
        natives = native_functions(backend)
        for name, native in natives.items():
            dtype = "float32" if name == "floor_divide" else "complex64"
            for n in SIZES:
                data = rng.standard_normal(n) + (
                    1j * rng.standard_normal(n) if dtype == "complex64" else 0
                )
                with xp.use_backend(backend):
                    a = xp.asarray(data.astype(dtype))
                    b = xp.asarray((rng.standard_normal(n) + 3).astype("float32"))
                ours = getattr(xp, name)
                operands = (a, b) if name == "floor_divide" else (a,)
                raw = tuple(xp.to_native(o) for o in operands)
                t_nat, t_ours = paired_times(
                    functools.partial(native, *raw), functools.partial(ours, *operands), args.repeat
                )
                print(
                    f"{backend:<11} {name:<13} {dtype:<10} {n:>8} {t_nat * 1e6:>10.2f} "
                    f"{t_ours * 1e6:>13.2f} "
                    f"{(t_ours - t_nat) * 1e6:>9.2f} {t_ours / t_nat:>6.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
