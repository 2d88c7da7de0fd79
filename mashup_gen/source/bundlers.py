"""What a project's bundler does with the code: facts read from its ``package.json``."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any


def _package(root: Path, manifest: str | None = None) -> dict[str, Any]:
    if manifest is None:
        try:
            manifest = (root / "package.json").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return {}
    return _document(manifest)


# The last few manifests read: a project's rules ask about its package.json several times (vite? next? svelte?
# Parcel?), each answer read from the same text. Callers only read the document.
@lru_cache(maxsize=8)
def _document(text: str) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except ValueError:
        return {}
    return document if isinstance(document, dict) else {}


def inlines_process_env(root: Path, manifest: str | None = None) -> bool:
    """True when the project is built with Parcel and Parcel's inlining is left as it comes: Parcel replaces
    every ``process.env.NAME`` of browser code by the variable's value at build time (from the shell or the
    project's ``.env`` files), so whatever the name, the value is in the shipped bundle. A project that
    narrows it (``@parcel/transformer-js``'s ``inlineEnvironment``) is not judged.

    ``manifest``: the text of ``root``'s package.json already read ("" without one, as
    :attr:`mashup_gen.checker.project.Project.manifest` holds it); without it the file is read."""
    package = _package(root, manifest)
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


def dependencies(root: Path, manifest: str | None = None) -> frozenset[str] | None:
    """Every package the project's ``package.json`` lists (any dependency kind), or None without a readable one.
    ``manifest``: its text already read, as for :func:`inlines_process_env` (an empty text lists nothing, as a
    missing file does)."""
    if manifest is None and not (root / "package.json").is_file():
        return None
    package = _package(root, manifest)
    if not package:
        return None
    return frozenset(name for key in DEPENDENCY_KEYS if isinstance(package.get(key), dict) for name in package[key])


def depends_on(root: Path, name: str, manifest: str | None = None) -> bool:
    """True when the project's ``package.json`` lists the package ``name`` (any dependency kind); ``manifest``
    as for :func:`dependencies`."""
    return name in (dependencies(root, manifest) or ())


def angular_file_replacements(manifest: str) -> list[tuple[str | None, str, str]]:
    """``(configuration, replace, with)`` of every ``fileReplacements`` entry of an angular.json's text (any
    project, any build): ``configuration`` is the name of the build configuration the entry sits in
    (``configurations.production``, which ``ng build`` uses by default), None when it sits anywhere else."""
    try:
        document = json.loads(manifest)
    except ValueError:
        return []
    found: list[tuple[str | None, str, str]] = []
    stack: list[tuple[Any, str | None]] = [(document, None)]
    while stack:  # bounded by the manifest's size: each value is visited once
        value, configuration = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "fileReplacements" and isinstance(item, list):
                    for entry in item:
                        if isinstance(entry, dict):
                            replace, replacement = entry.get("replace"), entry.get("with")
                            if isinstance(replace, str) and isinstance(replacement, str):
                                found.append((configuration, replace, replacement))
                elif key == "configurations" and isinstance(item, dict):
                    stack.extend((conf, name) for name, conf in item.items())
                else:
                    stack.append((item, None))
        elif isinstance(value, list):
            stack.extend((item, None) for item in value)
    return found
