"""Optional packages: import one for a feature, or say which extra installs it.

arrayshim has no required dependency. The command line's table and progress bar need ``rich``
and its ``--plot`` needs ``matplotlib``; both come with ``pip install 'arrayshim[cli]'``
(also part of ``[all]``). Used without them, a feature raises :class:`OptionalDependencyError`
(an ``ImportError``) naming the feature, the package and the extra, never a bare
``ModuleNotFoundError`` from deep inside the feature.
"""

from __future__ import annotations

import importlib

from ._errors import OptionalDependencyError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType

# optional package (top-level module) -> the extra that installs it
EXTRAS = {"rich": "cli", "matplotlib": "cli"}


def missing_message(func: str, feature: str, package: str, received: str) -> str:
    """The house error message for a missing optional package: the function, the feature,
    what was expected (the package, and the pip command), what was received."""
    extra = EXTRAS.get(package)
    how = f"pip install 'arrayshim[{extra}]'" if extra else f"pip install {package}"
    return (
        f"{func}: {feature} needs the optional package '{package}'. "
        f"Expected '{package}' to be installed ({how}). Received: {received}."
    )


def require(module: str, func: str, feature: str) -> ModuleType:
    """``importlib.import_module(module)``, or :class:`OptionalDependencyError` saying that
    ``feature`` of ``func`` needs the package and which extra installs it."""
    package = module.partition(".")[0]
    try:
        importlib.import_module(package)  # first, so the error names the package, not a submodule
        return importlib.import_module(module)
    except ImportError as exc:
        received = f"{type(exc).__name__}: {exc}"
        raise OptionalDependencyError(missing_message(func, feature, package, received)) from None
