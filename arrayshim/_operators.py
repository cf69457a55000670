"""Binds the Array type's operators to the frontend functions they route through.

``_array.py`` defines every operator and method of ``Array`` but sits below the layers that
implement them (dispatch builds Arrays, so it imports ``_array``); this module, above those
layers, hands the implementations down: ``arrayshim/__init__.py`` calls :func:`bind` once,
so the operators are bound before any Array exists.
"""

from __future__ import annotations

from . import _array
from ._creation import to_device
from ._dispatch import binary, unary
from ._indexing import getitem, setitem
from ._linalg import matmul
from ._manipulation import permute_dims


def bind() -> None:
    """Bind Array's operators to dispatch, indexing, matmul, permute_dims and to_device."""
    _array.bind_operators(
        binary=binary,
        unary=unary,
        matmul=matmul,
        permute_dims=permute_dims,
        getitem=getitem,
        setitem=setitem,
        to_device=to_device,
    )
