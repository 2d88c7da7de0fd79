"""Rendering a cookiecutter template in memory.

Generic: nothing here knows about Qlik. It follows cookiecutter's rules (``cookiecutter.json`` defaults,
``__`` variables rendered in order, the single ``{{cookiecutter...}}`` project folder, names and contents
rendered with a strict Jinja environment, ``_copy_without_render``, binary files copied) so a template works
the same here and under ``cookiecutter`` itself, which a test checks byte for byte. It renders to a dict
instead of the disk, which is what makes ``new`` fast and lets ``regenerate`` merge before writing.
"""

from __future__ import annotations

import fnmatch
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from mashup_gen import engines
from mashup_gen.engines import JINJA2, RenderFailure

CONTEXT_FILE = "cookiecutter.json"


class TemplateError(Exception):
    """A template cannot be loaded or rendered; the message says which file and why."""


@dataclass(frozen=True)
class Template:
    """A cookiecutter template folder and its ``cookiecutter.json``."""

    root: Path
    variables: dict[str, Any] = field(hash=False)
    # Which Jinja renders it (see mashup_gen.engines): Jinja2, as cookiecutter, unless proven the same.
    engine: str = JINJA2
    # The project folder's files, read once per Template: a run that renders it for many projects
    # (`regenerate --recursive`) reads the template from disk once.
    _sources: list[tuple[str, str, bytes]] = field(default_factory=list, compare=False, hash=False, repr=False)

    @classmethod
    def load(cls, root: Path, engine: str = JINJA2) -> Template:
        """Read ``root/cookiecutter.json``; raise :class:`TemplateError` when it is missing or invalid."""
        path = root / CONTEXT_FILE
        if not path.is_file():
            raise TemplateError(f"{root} is not a cookiecutter template: {CONTEXT_FILE} is missing")
        try:
            variables = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TemplateError(f"cannot read {path}: {exc}") from None
        if not isinstance(variables, dict):
            raise TemplateError(f"{path} must hold a JSON object")
        return cls(root=root, variables=variables, engine=engine)

    @functools.cached_property
    def project_dir(self) -> Path:
        """The one folder whose name is a Jinja expression: it becomes the project."""
        candidates = [p for p in self.root.iterdir() if p.is_dir() and "{{" in p.name and "cookiecutter" in p.name]
        if len(candidates) != 1:
            raise TemplateError(f"{self.root} must hold exactly one {{{{cookiecutter.*}}}} folder")
        return candidates[0]

    def sources(self) -> list[tuple[str, str, bytes]]:
        """The project folder's files, sorted: (path inside the project folder, path inside the template, bytes)."""
        if not self._sources:
            folder, root = self.project_dir, self.root
            found = [
                (source.relative_to(folder).as_posix(), source.relative_to(root).as_posix(), source.read_bytes())
                for source in sorted(folder.rglob("*"))
                if source.is_file()
            ]
            self._sources.extend(found)  # whole or not at all: a read that failed is tried again next time
        return self._sources

    @property
    def questions(self) -> list[str]:
        """The variables a user is asked for (cookiecutter hides those starting with ``_``)."""
        return [k for k in self.variables if not k.startswith("_")]


# cookiecutter's include folder: `{% include %}` and `{% extends %}` find templates in the project folder
# and in this folder beside it, which is how templates share a file without copying it.
INCLUDE_DIR = "templates"


_JINJA_SYNTAX = re.compile(r"\{[{%#]")


def _render_string(
    source: str, context: Mapping[str, Any], search_path: tuple[str, ...] = (), engine: str = JINJA2
) -> str:
    """Render one template string with ``cookiecutter`` = ``context``, includes found on ``search_path``;
    raise :class:`RenderFailure`."""
    # Text without "{{", "{%" or "{#" holds no Jinja syntax, and without "\r" no newline Jinja would
    # normalise: it renders to itself, so skip the engine (file names, plain defaults, a stylesheet).
    if "\r" not in source and not _JINJA_SYNTAX.search(source):
        return source
    return engines.engine(engine)(source, context, search_path)


def _render_default(raw: Any, context: dict[str, Any], engine: str) -> Any:
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, dict):
        return {_render_default(k, context, engine): _render_default(v, context, engine) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_render_default(v, context, engine) for v in raw]
    return _render_string(str(raw), context, engine=engine)


def build_context(template: Template, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The ``cookiecutter`` context: defaults, overridden by ``answers``, with ``__`` variables derived.

    Unlike cookiecutter, an answer is never itself rendered as Jinja: whatever a user types stays data.
    A list default is a choice and defaults to its first item, as in cookiecutter.
    """
    context: dict[str, Any] = {}
    for key, raw in template.variables.items():
        if key == "__prompts__":
            continue
        if key.startswith("_") and not key.startswith("__"):
            context[key] = raw
        elif key in answers and not key.startswith("__"):
            context[key] = answers[key]
        else:
            default = raw[0] if isinstance(raw, list) and raw else raw
            try:
                context[key] = _render_default(default, context, template.engine)
            except RenderFailure as exc:
                raise TemplateError(f"cannot derive {key!r} in {CONTEXT_FILE}: {exc}") from None
    return context


def _detect_newline(data: bytes) -> str:
    index = data.find(b"\n")
    return "\r\n" if index > 0 and data[index - 1 : index] == b"\r" else "\n"


def _skip_render(relative: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)


def render(template: Template, context: Mapping[str, Any], copied: set[str] | None = None) -> dict[str, bytes]:
    """Render the project folder of ``template`` to ``{relative posix path: bytes}``, sorted by path.

    The names of files copied as they are (``_copy_without_render``, binary files) are added to ``copied``.

    Raises :class:`TemplateError` when a file does not render or a name would leave the project.
    """
    sources = template.sources()
    search_path = (str(template.project_dir), str(template.root / INCLUDE_DIR))
    copy_only = [str(p) for p in context.get("_copy_without_render", [])]
    files: dict[str, bytes] = {}
    for inner, relative_source, data in sources:
        try:
            name = _render_string(inner, context, engine=template.engine)
        except RenderFailure as exc:
            raise TemplateError(f"cannot render the name {relative_source}: {exc}") from None
        if not name or name.endswith("/"):
            continue  # as in cookiecutter, a file whose name renders empty is not written (a conditional file)
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or "" in name.split("/"):
            raise TemplateError(f"{relative_source} renders to {name!r}, which is outside the project")
        if _skip_render(inner, copy_only) or b"\0" in data[:8000]:
            files[name] = data
            if copied is not None:
                copied.add(name)
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            files[name] = data  # not text: copied as is, like cookiecutter's binary files
            if copied is not None:
                copied.add(name)
            continue
        try:
            rendered = _render_string(text, context, search_path, template.engine)
        except RenderFailure as exc:
            where = f"{relative_source}:{exc.line}" if exc.line else relative_source
            raise TemplateError(f"cannot render {where}: {exc}") from None
        newline = _detect_newline(data)
        if newline != "\n":
            rendered = rendered.replace("\n", newline)
        files[name] = rendered.encode("utf-8")
    return dict(sorted(files.items()))


def render_file(path: Path, context: Mapping[str, Any], engine: str = JINJA2) -> str:
    """Render one template file with ``cookiecutter`` = ``context``; includes are found beside it.

    Raises :class:`TemplateError` when it cannot be read or rendered.
    """
    try:
        source = path.read_text(encoding="utf-8")
        return _render_string(source, context, (str(path.parent),), engine)
    except (OSError, UnicodeDecodeError, RenderFailure) as exc:
        raise TemplateError(f"cannot render {path}: {exc}") from None
