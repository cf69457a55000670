"""TensorFlow's guide "NumPy API on TensorFlow" ported line by line: its ``tnp`` is
``arrayshim.numpy`` (``anp``), and the same code runs on every backend:

    ARRAYSHIM_BACKEND=torch python examples/tf_numpy_guide.py

Each section of the guide is a function that returns what the guide prints; ``main()`` prints it.
On NumPy (no automatic differentiation) the gradient sections say so and are skipped.

TensorFlow-only parts of the guide and what stands for them here:

* ``experimental_enable_numpy_behavior()``: nothing to enable; arrayshim promotes as NumPy 2 by
  default, and ``xp.use_promotion("float32")`` is TF-NumPy's ``prefer_float32=True``.
* ``tf.Tensor``/``tf.convert_to_tensor`` interop: ``xp.asarray(native)`` wraps a framework's own
  array and ``xp.to_native(x)`` unwraps it, on every backend (section ``native_interop``).
* ``tf.GradientTape``: ``xp.value_and_grad``/``xp.jacobian(..., batched=True)``; there is no tape
  to ``watch``: the weights are the function's first argument (a tuple, returned as a tuple).
* ``tf.function``: ``xp.jit`` (``tf.function`` / ``torch.compile``; NumPy runs the function as it
  is). ``tf.vectorized_map`` / ``tf.map_fn``: ``xp.vmap`` / a Python loop.
* ``tf.device`` scopes and ``tnp.copy`` between devices: ``xp.use_device`` and ``x.to_device``
  (section ``device_placement``); collective ops across devices have no arrayshim equivalent.
* The matplotlib histogram and sigmoid benchmark plot: not ported (no plotting dependency); the
  histogram's point, that NumPy functions take these arrays, is ``numpy_interop``.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(__file__))

import numpy as np
from _timing import median_ms

import arrayshim as xp
import arrayshim.numpy as anp

NO_AUTODIFF = (NotImplementedError,)


def nd_array() -> dict:
    """TensorFlow NumPy ND array: creation, attributes and common methods."""
    ones = anp.ones([5, 3], dtype=anp.float32)
    return {
        "shape": ones.shape,
        "ndim": ones.ndim,
        "dtype": ones.dtype,
        "device": ones.device,
        # the guide: "`ndarray` is just an alias to `tf.Tensor`"; here every backend's arrays are
        # one class, arrayshim.Array, wrapping the framework's own array
        "is_array": isinstance(ones, xp.Array),
        "T_shape": ones.T.shape,
        "reshape_shape": ones.reshape(-1).shape,
        "ravel_shape": ones.ravel().shape,
        "astype_dtype": ones.astype(anp.int32).dtype,
        "sum": ones.sum(),
    }


PROMOTION_DTYPES = ("int32", "int64", "float32", "float64")


def type_promotion(policy: str = "numpy") -> list[tuple[str, str, str]]:
    """The guide's table: ``v1 + v2`` for every pair of (int32, int64, float32, float64)."""
    with xp.use_promotion(policy):
        values = [anp.asarray(1, dtype=getattr(anp, d)) for d in PROMOTION_DTYPES]
        table = []
        for i, v1 in enumerate(values):
            for v2 in values[i + 1 :]:
                table.append((v1.dtype.name, v2.dtype.name, (v1 + v2).dtype.name))
    return table


def literal_inference() -> dict:
    """Dtypes inferred for Python literals, by default and with ``prefer_float32``."""
    out = {"asarray(1)": anp.asarray(1).dtype.name, "asarray(1.)": anp.asarray(1.0).dtype.name}
    # tnp.experimental_enable_numpy_behavior(prefer_float32=True)
    with xp.use_promotion("float32"):
        out["float32: asarray(1.)"] = anp.asarray(1.0).dtype.name
        out["float32: add(1., 2.)"] = anp.add(1.0, 2.0).dtype.name
    # prefer_float32=False: the default policy again, outside the block
    out["numpy: asarray(1.)"] = anp.asarray(1.0).dtype.name
    out["numpy: add(1., 2.)"] = anp.add(1.0, 2.0).dtype.name
    return out


def broadcasting() -> dict:
    x = anp.ones([2, 3])
    y = anp.ones([3])
    z = anp.ones([1, 2, 1])
    return {"shapes": (x.shape, y.shape, z.shape), "result": x + y + z}


def indexing() -> dict:
    """Basic, boolean and advanced indexing, and mutation."""
    x = anp.arange(24).reshape(2, 3, 4)
    # The guide's x[:, (True, False, True)] and x[1, (0, 0, 1), ...]: arrayshim takes index
    # arrays (the Array API's rule), not tuples nested in the key, so the tuples are asarray'd.
    basic = x[1, anp.newaxis, 1:3, ...]
    boolean = x[:, anp.asarray([True, False, True])]
    advanced = x[1, anp.asarray([0, 0, 1]), anp.asarray([0, 1, 1])]
    # "Mutation is currently not supported" in TF-NumPy; arrayshim supports item assignment on
    # every backend (on TensorFlow the Array gets a new tensor: no other reference sees it)
    mutated = anp.arange(6)
    mutated[1] = -1
    return {"x": x, "basic": basic, "boolean": boolean, "advanced": advanced, "mutated": mutated}


class Model:
    """Model with a dense and a linear layer."""

    def __init__(self) -> None:
        self.weights: tuple[xp.Array, xp.Array, xp.Array] | None = None

    def predict(self, inputs: xp.Array) -> xp.Array:
        if self.weights is None:
            size = inputs.shape[1]
            # Note that type `float32` is used for performance.
            stddev = anp.sqrt(size).astype(anp.float32)
            w1 = anp.random.randn(size, 64).astype(anp.float32) / stddev
            bias = anp.random.randn(64).astype(anp.float32)
            w2 = anp.random.randn(64, 2).astype(anp.float32) / 8
            self.weights = (w1, bias, w2)
        return apply(self.weights, inputs)


def apply(weights: tuple[xp.Array, ...], inputs: xp.Array) -> xp.Array:
    """The model as a function of its weights, which the transforms differentiate."""
    w1, bias, w2 = weights
    y = anp.matmul(inputs, w1) + bias
    y = anp.maximum(y, 0)  # Relu
    return anp.matmul(y, w2)  # Linear projection


def create_batch(batch_size: int = 32) -> tuple[xp.Array, xp.Array]:
    """Creates a batch of input and labels."""
    return (
        anp.random.randn(batch_size, 32).astype(anp.float32),
        anp.random.randn(batch_size, 2).astype(anp.float32),
    )


def squared_loss(weights: tuple[xp.Array, ...], inputs: xp.Array, labels: xp.Array) -> xp.Array:
    prediction = apply(weights, inputs)
    return anp.sum(anp.square(prediction - labels))


def compute_gradients(model: Model, inputs: xp.Array, labels: xp.Array) -> tuple:
    """Gradients of the squared loss w.r.t. the tuple of weights (no tape to watch)."""
    assert model.weights is not None
    return xp.grad(squared_loss)(model.weights, inputs, labels)


def example_model(seed: int = 0) -> dict:
    """The model's prediction, gradients over a tuple of weights, and the batch Jacobian."""
    anp.random.seed(seed)  # NumPy's legacy stream on arrayshim's Philox: same on every backend
    model = Model()
    out: dict = {"model": model, "prediction": model.predict(anp.ones([2, 32], dtype=anp.float32))}
    out["inputs"], out["labels"] = create_batch()
    try:
        out["loss"], out["gradients"] = xp.value_and_grad(squared_loss)(
            model.weights, out["inputs"], out["labels"]
        )
        inp_batch = anp.ones([16, 32], anp.float32)
        out["inp_batch"] = inp_batch
        out["output"] = model.predict(inp_batch)
        out["batch_jacobian"] = xp.jacobian(model.predict, batched=True)(inp_batch)
    except NO_AUTODIFF as exc:
        out["gradients"] = None
        out["note"] = str(exc)
    return out


def numpy_interop() -> dict:
    """NumPy functions take arrayshim arrays and the other way round; operator precedence."""
    # ND array passed into NumPy function: runs on the array's backend, returns an arrayshim Array
    # (the guide gets a numpy.float64 back: TF tensors go through __array__, arrayshim's through
    # __array_function__, as CuPy's and Dask's do)
    np_sum = np.sum(anp.ones([2, 3]))
    # `np.ndarray` passed into an arrayshim.numpy function: a NumPy array alone runs on the NumPy
    # backend (the data says where to compute); anp.asarray first to move it to the active one
    anp_sum = anp.sum(np.ones([2, 3]))
    active_sum = anp.sum(anp.asarray(np.ones([2, 3])))
    # operator precedence: the NumPy array is converted to the arrayshim array's backend, from
    # either side (TF-NumPy needs __array_priority__ for the right-hand case)
    left = anp.ones([2]) + np.ones([2])
    right = np.ones([2]) + anp.ones([2])
    return {
        "np_sum": np_sum,
        "anp_sum": anp_sum,
        "active_sum": active_sum,
        "left": left,
        "right": right,
    }


def native_interop() -> dict:
    """The guide's tf.Tensor <-> ND array section: any backend's native array in and out."""
    x = anp.asarray([1, 2])
    native = xp.to_native(x)  # tf.Tensor, torch.Tensor or numpy.ndarray
    again = xp.asarray(native)  # wraps it again: no copy
    return {"x": x, "native": native, "again": again, "numpy": np.asarray(x)}


def first_compiled_call(compiled: Callable, *args: object) -> tuple[object, list[str]]:
    """The first call of an ``xp.jit`` function, and the fallback warnings it gave, if any.

    arrayshim.jit warns and runs eagerly when the backend cannot compile; the example reports
    the fallback rather than hiding it. One seen: ``options={"torch": {"backend": "eager"}}``
    cannot trace ``xp.grad`` (dynamo fails where the gradient is wrapped back into an Array:
    "AssertionError: False != True"); the default (inductor) and "aot_eager" compile it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        result = compiled(*args)
    return result, [str(w.message) for w in caught if "arrayshim.jit" in str(w.message)]


def jit_timing(model: Model, batch: int = 64, options: dict | None = None) -> dict:
    """Eager against ``xp.jit`` (``tf.function`` / ``torch.compile``) for the gradients."""
    inputs, labels = create_batch(batch)
    weights = model.weights
    gradient = xp.grad(squared_loss)
    compiled = xp.jit(gradient, options=options)
    out: dict = {"eager": gradient(weights, inputs, labels)}
    out["jit"], out["fallback"] = first_compiled_call(compiled, weights, inputs, labels)
    out["eager_ms"] = median_ms(lambda: gradient(weights, inputs, labels), repeat=3)
    out["jit_ms"] = median_ms(lambda: compiled(weights, inputs, labels), repeat=3)
    return out


def per_example_gradients(model: Model, batch_size: int = 16, options: dict | None = None) -> dict:
    """Per-example gradients with ``xp.vmap`` (tf.vectorized_map) and a loop (tf.map_fn).

    As in the guide (``@tf.function`` around ``tf.vectorized_map``) the vmapped function is
    compiled: on TensorFlow an eager ``xp.vmap`` re-traces its ``pfor`` on every call (~30-50 ms
    each, with TensorFlow's retracing warning), slower than the loop."""
    inputs, labels = create_batch(batch_size)
    weights = model.weights

    def single_example_gradient(inp: xp.Array, label: xp.Array) -> tuple:
        return xp.grad(squared_loss)(weights, anp.expand_dims(inp, 0), anp.expand_dims(label, 0))

    vectorized = xp.jit(xp.vmap(single_example_gradient), options=options)

    def unvectorized() -> tuple:
        grads = [single_example_gradient(inputs[i], labels[i]) for i in range(batch_size)]
        return tuple(anp.stack([g[k] for g in grads]) for k in range(3))

    out: dict = {"inputs": inputs, "labels": labels}
    out["vmap"], out["fallback"] = first_compiled_call(vectorized, inputs, labels)
    out["loop"] = unvectorized()
    out["vmap_ms"] = median_ms(lambda: vectorized(inputs, labels), repeat=3)
    out["loop_ms"] = median_ms(unvectorized, repeat=3, number=1)
    return out


def device_placement(model: Model) -> dict:
    """tf.device / tnp.copy: xp.use_device places new arrays, x.to_device copies one."""
    devices = xp.devices()
    device = devices[-1]  # a GPU if the backend has one, else the CPU
    with xp.use_device(device):
        prediction = model.predict(create_batch(5)[0])
    prediction_cpu = prediction.to_device(devices[0])
    return {"devices": devices, "device": device, "prediction": prediction, "cpu": prediction_cpu}


def main(verbose: bool = True, jit_options: dict | None = None) -> dict:
    say = print if verbose else (lambda *args: None)
    out: dict = {"backend": xp.get_backend()}
    say(f"Using arrayshim on backend {out['backend']}")

    nd = out["nd_array"] = nd_array()
    say(
        f"Created ND array with shape = {nd['shape']}, rank = {nd['ndim']}, "
        f"dtype = {nd['dtype']} on device = {nd['device']}\n"
    )
    say(f"Is `ones` an instance of arrayshim.Array: {nd['is_array']}\n")
    say(f"ndarray.T has shape {nd['T_shape']}")
    say(f"narray.reshape(-1) has shape {nd['reshape_shape']}")
    say(f"ndarray.ravel() has shape {nd['ravel_shape']}")
    say(f"ndarray.astype(int32) has dtype {nd['astype_dtype']}\n")

    say("Type promotion for operations")
    out["promotion"] = type_promotion()
    out["promotion_float32"] = type_promotion("float32")
    for (a, b, c), (_, _, c32) in zip(out["promotion"], out["promotion_float32"], strict=True):
        say(f"{a} + {b} => {c}    (use_promotion('float32'): {c32})")

    lit = out["literals"] = literal_inference()
    say("\nType inference during array creation")
    say(f"anp.asarray(1).dtype == anp.{lit['asarray(1)']}")
    say(f"anp.asarray(1.).dtype == anp.{lit['asarray(1.)']}\n")
    say("When prefer_float32 is True (xp.use_promotion('float32')):")
    say(f"anp.asarray(1.).dtype == anp.{lit['float32: asarray(1.)']}")
    say(f"anp.add(1., 2.).dtype == anp.{lit['float32: add(1., 2.)']}")
    say("When prefer_float32 is False (the default 'numpy' policy):")
    say(f"anp.asarray(1.).dtype == anp.{lit['numpy: asarray(1.)']}")
    say(f"anp.add(1., 2.).dtype == anp.{lit['numpy: add(1., 2.)']}\n")

    bc = out["broadcasting"] = broadcasting()
    x, y, z = bc["shapes"]
    say(f"Broadcasting shapes {x}, {y} and {z} gives shape {bc['result'].shape}\n")

    ix = out["indexing"] = indexing()
    say("Basic indexing")
    say(ix["basic"], "\n")
    say("Boolean indexing")
    say(ix["boolean"], "\n")
    say("Advanced indexing")
    say(ix["advanced"], "\n")
    say("Mutation: anp.arange(6)[1] = -1 gives", ix["mutated"], "\n")

    em = out["model"] = example_model()
    say(em["prediction"])
    if em["gradients"] is None:
        say("Gradients and Jacobians:", em["note"])
    else:
        say("Parameter shapes:", [w.shape for w in em["model"].weights])
        say("Gradient shapes:", [g.shape for g in em["gradients"]])
        assert isinstance(em["gradients"][0], xp.Array)
        say(f"Output shape: {em['output'].shape}, input shape: {em['inp_batch'].shape}")
        say("Batch jacobian shape:", em["batch_jacobian"].shape)

    ni = out["numpy_interop"] = numpy_interop()
    say(f"\nsum = {float(ni['np_sum'])}. Class: {ni['np_sum'].__class__}")
    say(f"sum = {float(ni['anp_sum'])}. Class: {ni['anp_sum'].__class__}")
    say(f"x = {ni['left']}\nclass = {ni['left'].__class__}")

    na = out["native_interop"] = native_interop()
    say(na["native"])
    say(na["again"])
    say(na["numpy"], na["numpy"].__class__, "\n")

    model = em["model"]
    if em["gradients"] is not None:
        jt = out["jit"] = jit_timing(model, options=jit_options)
        say(f"Eager performance\n{jt['eager_ms']:.3f} ms\n")
        say(f"xp.jit compiled performance\n{jt['jit_ms']:.3f} ms\n")
        for message in jt["fallback"]:
            say("(", message, ")\n")
        pe = out["per_example"] = per_example_gradients(model, options=jit_options)
        batch_size = pe["inputs"].shape[0]
        for w, p in zip(model.weights, pe["vmap"], strict=True):
            say(
                f"Weight shape: {w.shape}, batch size: {batch_size}, "
                f"per example gradient shape: {p.shape}"
            )
        say(f"Running vectorized computation\n{pe['vmap_ms']:.3f} ms\n")
        say(f"Running unvectorized computation\n{pe['loop_ms']:.3f} ms\n")
        for message in pe["fallback"]:
            say("(", message, ")\n")
    else:
        say("jit timing and per-example gradients: skipped (they differentiate):", em["note"])

    dp = out["device"] = device_placement(model)
    say("All devices:", dp["devices"])
    say(f"Using device: {dp['device']}")
    say(f"prediction is placed on {dp['prediction'].device}")
    say(f"prediction_cpu is placed on {dp['cpu'].device}")
    return out


if __name__ == "__main__":
    main()
