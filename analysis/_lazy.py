"""Re-exports that import their module when first used (PEP 562), for the packages' ``__init__``.

``import analysis`` (or ``analysis.pipeline``) then stays as cheap as before: the command line's
``library list`` and a batch's worker processes do not pay for NLTK, pandas and scikit-learn until a
name that needs them is used. Hand-written because it is a few lines; importlib does the work.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable


def exports(package: str, names: dict[str, str]) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``names`` maps a public name to the module
    (relative to ``package``, e.g. ``".run"``) that defines it; a name equal to its module's last part
    is the module itself (``{"batch": ".batch"}``); ``".batch:run"`` names another attribute."""

    def __getattr__(name: str) -> object:
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        where, _, attribute = names[name].partition(":")
        module = importlib.import_module(where, package)
        if attribute:
            return getattr(module, attribute)
        return module if module.__name__.rsplit(".", 1)[-1] == name else getattr(module, name)

    def __dir__() -> list[str]:
        return sorted(names)

    return __getattr__, __dir__
