"""What a project's bundler does with the code: facts read from its ``package.json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _package(root: Path) -> dict[str, Any]:
    try:
        document = json.loads((root / "package.json").read_text(encoding="utf-8", errors="replace"))
    except (OSError, ValueError):
        return {}
    return document if isinstance(document, dict) else {}


def inlines_process_env(root: Path) -> bool:
    """True when the project is built with Parcel and Parcel's inlining is left as it comes: Parcel replaces
    every ``process.env.NAME`` of browser code by the variable's value at build time (from the shell or the
    project's ``.env`` files), so whatever the name, the value is in the shipped bundle. A project that
    narrows it (``@parcel/transformer-js``'s ``inlineEnvironment``) is not judged."""
    package = _package(root)
    if not package or "inlineEnvironment" in json.dumps(package):
        return False
    for key in ("dependencies", "devDependencies", "engines"):
        section = package.get(key)
        if isinstance(section, dict) and ("parcel" in section or "parcel-bundler" in section):
            return True
    scripts = package.get("scripts")
    if isinstance(scripts, dict):
        return any(isinstance(v, str) and v.split(" ", 1)[0] == "parcel" for v in scripts.values())
    return False


# The manifest's lists of packages an install provides (npm installs optional ones too).
DEPENDENCY_KEYS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")


def dependencies(root: Path) -> frozenset[str] | None:
    """Every package the project's ``package.json`` lists (any dependency kind), or None without a readable one."""
    if not (root / "package.json").is_file():
        return None
    package = _package(root)
    if not package:
        return None
    return frozenset(name for key in DEPENDENCY_KEYS if isinstance(package.get(key), dict) for name in package[key])


def depends_on(root: Path, name: str) -> bool:
    """True when the project's ``package.json`` lists the package ``name`` (any dependency kind)."""
    return name in (dependencies(root) or ())
