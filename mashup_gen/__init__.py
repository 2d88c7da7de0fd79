"""mashup-gen: generate, re-target and check Qlik Cloud mashups and web apps.

Use from Python: ``mashup_gen.new``, ``mashup_gen.regeneration`` and ``mashup_gen.checker`` (see
:mod:`mashup_gen.api`); errors derive from ``mashup_gen.Error``. The names are imported on first use
(PEP 562), so ``import mashup_gen`` (and with it ``mashup-gen --help``) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_LAZY = {
    "new": "mashup_gen.api",
    "regenerate": "mashup_gen.api",
    "check": "mashup_gen.api",
    "Regenerated": "mashup_gen.api",
    "Error": "mashup_gen.errors",
    "InvalidValue": "mashup_gen.errors",
    "ProjectError": "mashup_gen.errors",
    "UsageProblem": "mashup_gen.errors",
    "FileProblem": "mashup_gen.errors",
    "ExitStatus": "mashup_gen.errors",
}

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
    from mashup_gen.api import Regenerated, check, new, regenerate
    from mashup_gen.errors import Error, ExitStatus, FileProblem, InvalidValue, ProjectError, UsageProblem


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'mashup_gen' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
