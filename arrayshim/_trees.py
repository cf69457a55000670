"""Parameter trees: nested tuples, lists and dicts, flattened to a list of leaves and rebuilt.

The transforms flatten their arguments here, once, so a tree has the same structure and leaf
order on every backend; the adapters only see flat lists of native arrays. A node is a tuple, a
list, a dict (exactly those types) or a named tuple; anything else, other subclasses included,
is a leaf. Dicts keep their insertion order. A structure ("treedef") is ``None`` for a leaf,
``(tuple | list, None, children)``, ``(dict, keys, children)`` or
``(the named tuple's class, its fields, children)``.
"""

from __future__ import annotations

from ._errors import ArrayshimValueError, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any


def flatten(tree: Any, leaves: list) -> Any:
    """Append the leaves of ``tree`` to ``leaves``, depth first; return its structure."""
    tp = type(tree)
    if tp is tuple or tp is list:
        return (tp, None, tuple([flatten(t, leaves) for t in tree]))
    if tp is dict:
        return (dict, tuple(tree), tuple([flatten(v, leaves) for v in tree.values()]))
    if isinstance(tree, tuple) and hasattr(tp, "_fields"):
        return (tp, tp._fields, tuple([flatten(t, leaves) for t in tree]))
    leaves.append(tree)
    return None


def unflatten(treedef: Any, leaves: Iterator) -> Any:
    """The tree of structure ``treedef`` with its leaves taken in order from ``leaves``."""
    if treedef is None:
        return next(leaves)
    tp, names, children = treedef
    if tp is dict:
        return dict(zip(names, [unflatten(c, leaves) for c in children], strict=True))
    if names is None:
        return tp([unflatten(c, leaves) for c in children])
    return tp(*[unflatten(c, leaves) for c in children])


def paths(treedef: Any, prefix: str) -> list[str]:
    """Where each leaf is, in the order of :func:`flatten`: ``args[0]['w'][1]``."""
    if treedef is None:
        return [prefix]
    tp, names, children = treedef
    if tp is dict:
        return [
            p for k, c in zip(names, children, strict=True) for p in paths(c, f"{prefix}[{k!r}]")
        ]
    if names is not None:
        return [p for k, c in zip(names, children, strict=True) for p in paths(c, f"{prefix}.{k}")]
    return [p for i, c in enumerate(children) for p in paths(c, f"{prefix}[{i}]")]


def kind(treedef: Any) -> str:
    """The node as words for messages: ``a tuple of 3``, ``a dict with keys ['w', 'b']``."""
    if treedef is None:
        return "a leaf"
    tp, names, children = treedef
    if tp is dict:
        return f"a dict with keys {list(names)}"
    return f"a {tp.__name__} of {len(children)}"


def broadcast_prefix(prefix: Any, treedef: Any, func: str, arg: str, where: str) -> list:
    """One value per leaf of ``treedef``: ``prefix`` is a tree whose leaves (ints, None) each
    stand for the whole subtree at their place (JAX's ``in_axes``). A tuple or list in
    ``prefix`` matches a tuple or list of the same length, a dict one with the same keys.
    ``where`` names the place in the argument (``args[0]``) for messages."""
    if isinstance(prefix, dict):
        if treedef is None or treedef[0] is not dict or set(prefix) != set(treedef[1]):
            raise ArrayshimValueError(
                message(
                    func,
                    arg,
                    f"an int, None, or a tree matching the structure at {where} ({kind(treedef)})",
                    f"a dict with keys {list(prefix)}",
                )
            )
        return [
            v
            for k, c in zip(treedef[1], treedef[2], strict=True)
            for v in broadcast_prefix(prefix[k], c, func, arg, f"{where}[{k!r}]")
        ]
    if not isinstance(prefix, (tuple, list)):
        return [prefix] * _count(treedef)
    if treedef is None or treedef[0] is dict or len(prefix) != len(treedef[2]):
        raise ArrayshimValueError(
            message(
                func,
                arg,
                f"an int, None, or a tree matching the structure at {where} ({kind(treedef)})",
                f"a {type(prefix).__name__} of {len(prefix)}",
            )
        )
    names = treedef[1]
    return [
        v
        for i, (p, c) in enumerate(zip(prefix, treedef[2], strict=True))
        for v in broadcast_prefix(
            p, c, func, arg, f"{where}[{i}]" if names is None else f"{where}.{names[i]}"
        )
    ]


def _count(treedef: Any) -> int:
    if treedef is None:
        return 1
    return sum(_count(c) for c in treedef[2])
