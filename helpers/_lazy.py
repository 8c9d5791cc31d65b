"""Lazy re-exports (PEP 562) for the layer packages: a name is imported where it lives, on first use.

``from helpers.core import softmax`` imports ``helpers.core.attention`` (and what it imports), not
the other modules of the package; ``import helpers.core`` alone imports none of them. Each package's
``__init__`` lists, module by module, the public names it re-exports, and calls :func:`lazy_exports`.
"""

from __future__ import annotations

import importlib
import sys

__all__ = ["lazy_exports"]


def lazy_exports(package: str, modules, names):
    """The ``__getattr__``, ``__dir__`` and ``__all__`` of a package that re-exports its modules' names.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    modules : sequence of str
        Its submodules, exported under their own names (``from helpers.lessons import race``).
    names : dict of str to sequence of str
        For each module, written relative to the package (``"attention"``, ``"explorers.rnn"``,
        ``"..plots.setup"``), the public names of that module the package re-exports.

    Returns
    -------
    __getattr__, __dir__, __all__
        ``__all__`` lists the modules, then the names. A name given twice, or also the name of a
        module, is a ValueError: each exported name has one home.
    """
    modules = tuple(modules)
    where = {}
    for module, held in names.items():
        for name in held:
            if name in where or name in modules:
                raise ValueError(f"{package} exports {name!r} twice.")
            where[name] = module if module.startswith(".") else f".{module}"
    exported = [*modules, *where]

    def __getattr__(name):
        if name in modules:
            value = importlib.import_module(f".{name}", package)
        elif name in where:
            value = getattr(importlib.import_module(where[name], package), name)
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        setattr(sys.modules[package], name, value)  # the next look-up finds it without __getattr__
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(exported))

    return __getattr__, __dir__, exported
