"""Functions and input makers for the compare/CLI tests (loaded as path.py:name)."""

import arrayshim as xp


def sigmoid(x):
    return 1 / (1 + xp.exp(-x))


def inputs(size):
    return (xp.linspace(-4.0, 4.0, size, dtype=xp.float32),)


def fails_on_torch(x):
    if xp.get_backend() == "torch":
        raise RuntimeError("this function refuses torch")
    return x * 2
