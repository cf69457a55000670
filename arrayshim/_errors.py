"""The one exception hierarchy of arrayshim.

Every error arrayshim raises derives from :class:`ArrayshimError` *and* from the built-in
exception the Array API standard specifies, so ``except ValueError`` works on every backend.
Messages follow one format: the function, the argument, what was expected, what was received.
"""

from __future__ import annotations


class ArrayshimError(Exception):
    """Root of every error raised by arrayshim."""


class ArrayshimTypeError(ArrayshimError, TypeError):
    """Wrong dtype, wrong kind of argument, or mixed backends."""


class ArrayshimValueError(ArrayshimError, ValueError):
    """A value is out of its domain: shapes that do not broadcast, unknown names."""


class ArrayshimIndexError(ArrayshimError, IndexError):
    """An index is out of range or malformed."""


class AxisError(ArrayshimValueError, IndexError):
    """An axis is out of range (a ``ValueError`` and an ``IndexError``, like NumPy's)."""


class ArrayshimOverflowError(ArrayshimError, OverflowError):
    """A Python integer does not fit the dtype it is combined with."""


class ArrayshimNotImplementedError(ArrayshimError, NotImplementedError):
    """The backend cannot do this operation; nothing else is tried in its place."""


class BackendNotFoundError(ArrayshimValueError):
    """An unknown or uninstalled backend was asked for."""


class DeviceError(ArrayshimValueError):
    """An unknown device, a device that is not present, or arrays on different devices."""


class OptionalDependencyError(ArrayshimError, ImportError):
    """An optional feature (the CLI's table or plot) was used without the package it needs;
    the message names the extra that installs it."""


def message(func: str, arg: str, expected: str, received: str) -> str:
    """Format the house error message: function, argument, expected, received."""
    return f"arrayshim.{func}(): invalid `{arg}`. Expected {expected}. Received: {received}."
