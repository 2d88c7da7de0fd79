"""mashup-gen: generate, re-target and check Qlik Cloud mashups and web apps.

Use from Python: ``mashup_gen.new``, ``mashup_gen.regenerate`` and ``mashup_gen.check`` (see
:mod:`mashup_gen.api`); errors derive from ``mashup_gen.Error``. The names are imported on first use
(PEP 562), so ``import mashup_gen`` (and with it ``mashup-gen --help``) stays cheap.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_LAZY = {
    "new": "mashup_gen.api",
    "Regenerated": "mashup_gen.api",
    "Error": "mashup_gen.errors",
    "InvalidValue": "mashup_gen.errors",
    "ProjectError": "mashup_gen.errors",
    "UsageProblem": "mashup_gen.errors",
    "FileProblem": "mashup_gen.errors",
    "ExitStatus": "mashup_gen.errors",
}

# API functions named like a submodule (mashup_gen/regenerate.py, mashup_gen/check/): see _Entry.
_SHARED_NAMES = ("regenerate", "check")

__all__ = [
    "Error",
    "ExitStatus",
    "FileProblem",
    "InvalidValue",
    "ProjectError",
    "Regenerated",
    "UsageProblem",
    "__version__",
    "check",
    "new",
    "regenerate",
]

if TYPE_CHECKING:
    from mashup_gen.api import Regenerated, new
    from mashup_gen.errors import Error, ExitStatus, FileProblem, InvalidValue, ProjectError, UsageProblem


class _Entry:
    """``mashup_gen.regenerate`` and ``mashup_gen.check``: the API function, and the submodule of that name.

    Calling it calls :mod:`mashup_gen.api`'s function; any attribute is the submodule's, so code that
    reaches the submodule through the package (``from mashup_gen import regenerate``, a monkeypatch of
    ``"mashup_gen.regenerate.plan"``) keeps working. Both are imported on first use.
    """

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "_name", name)

    def _module(self) -> ModuleType:
        import importlib

        return importlib.import_module(f"{__name__}.{self._name}")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.api"), self._name)(*args, **kwargs)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._module(), attribute)

    def __setattr__(self, attribute: str, value: Any) -> None:
        setattr(self._module(), attribute, value)

    def __delattr__(self, attribute: str) -> None:
        delattr(self._module(), attribute)

    def __repr__(self) -> str:
        return f"<mashup_gen.{self._name}: the API function and the submodule>"


class _Package(ModuleType):
    """The package module: importing a submodule named like an API function keeps the function reachable."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHARED_NAMES and isinstance(value, ModuleType):
            return  # the import system binding the submodule; the _Entry reaches it
        super().__setattr__(name, value)


regenerate = _Entry("regenerate")
check = _Entry("check")
sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'mashup_gen' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    # A submodule of the same name (mashup_gen.regenerate, mashup_gen.check) must not shadow the function.
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
