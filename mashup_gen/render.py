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
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

CONTEXT_FILE = "cookiecutter.json"


class TemplateError(Exception):
    """A template cannot be loaded or rendered; the message says which file and why."""


@dataclass(frozen=True)
class Template:
    """A cookiecutter template folder and its ``cookiecutter.json``."""

    root: Path
    variables: dict[str, Any] = field(hash=False)

    @classmethod
    def load(cls, root: Path) -> Template:
        """Read ``root/cookiecutter.json``; raise :class:`TemplateError` when it is missing or invalid."""
        path = root / CONTEXT_FILE
        try:
            variables = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise TemplateError(f"{root} is not a cookiecutter template: {CONTEXT_FILE} is missing") from None
        except (OSError, ValueError) as exc:
            raise TemplateError(f"cannot read {path}: {exc}") from None
        if not isinstance(variables, dict):
            raise TemplateError(f"{path} must hold a JSON object")
        return cls(root=root, variables=variables)

    @property
    def project_dir(self) -> Path:
        """The one folder whose name is a Jinja expression: it becomes the project."""
        candidates = [p for p in self.root.iterdir() if p.is_dir() and "{{" in p.name and "cookiecutter" in p.name]
        if len(candidates) != 1:
            raise TemplateError(f"{self.root} must hold exactly one {{{{cookiecutter.*}}}} folder")
        return candidates[0]

    @property
    def questions(self) -> list[str]:
        """The variables a user is asked for (cookiecutter hides those starting with ``_``)."""
        return [k for k in self.variables if not k.startswith("_")]


def make_environment() -> jinja2.Environment:
    """The Jinja environment cookiecutter uses for templates without extensions."""
    return jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)


# Compiling (parse, generate Python, compile that) is most of a render's cost: about 12 ms of a ~90 ms
# `mashup-gen new`, and `regenerate --recursive` compiles the same sources for every project. So sources
# are loaded by name through Jinja's own caches: compiled templates stay in memory (bounded: memory stays
# flat however many projects one process sees) and in Jinja's bytecode cache on disk between runs (a
# per-user folder under the system's temporary folder). The name is a digest of the source, so a changed
# template is a new name, never a stale entry.
_SOURCES: dict[str, str] = {}
_NAME_PREFIX = "mashup-gen-1-"  # bump when make_environment's options change: bytecode depends on them


# cookiecutter's include folder: `{% include %}` and `{% extends %}` find templates in the project folder
# and in this folder beside it, which is how templates share a file without copying it.
INCLUDE_DIR = "templates"


def _source(name: str) -> tuple[str, None, Callable[[], bool]] | None:
    source = _SOURCES.get(name)
    return None if source is None else (source, None, lambda: True)


@functools.cache
def _environment(search_path: tuple[str, ...] = ()) -> jinja2.Environment:
    """One environment per include search path (compiled includes are cached by name within it)."""
    env = make_environment()
    sources = jinja2.FunctionLoader(_source)
    env.loader = jinja2.ChoiceLoader([sources, jinja2.FileSystemLoader(list(search_path))]) if search_path else sources
    env.bytecode_cache = jinja2.FileSystemBytecodeCache()
    env.cache = jinja2.utils.LRUCache(512)
    env.auto_reload = False
    return env


def _compiled(source: str, search_path: tuple[str, ...] = ()) -> jinja2.Template:
    name = _NAME_PREFIX + hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
    _SOURCES[name] = source  # read by the loader only when neither cache holds the template
    try:
        return _environment(search_path).get_template(name)
    finally:
        del _SOURCES[name]


_JINJA_SYNTAX = re.compile(r"\{[{%#]")


def _render_string(source: str, context: Mapping[str, Any], search_path: tuple[str, ...] = ()) -> str:
    """Render one template string with ``cookiecutter`` = ``context``, includes found on ``search_path``."""
    # Text without "{{", "{%" or "{#" holds no Jinja syntax, and without "\r" no newline Jinja would
    # normalise: it renders to itself, so skip the compiler (file names, plain defaults, a stylesheet).
    if "\r" not in source and not _JINJA_SYNTAX.search(source):
        return source
    return _compiled(source, search_path).render(cookiecutter=context)


def _render_default(raw: Any, context: dict[str, Any]) -> Any:
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, dict):
        return {_render_default(k, context): _render_default(v, context) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_render_default(v, context) for v in raw]
    return _render_string(str(raw), context)


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
                context[key] = _render_default(default, context)
            except jinja2.TemplateError as exc:
                raise TemplateError(f"cannot derive {key!r} in {CONTEXT_FILE}: {exc}") from None
    return context


def _template_line(exc: BaseException) -> int | None:
    """The template line a runtime error happened on (Jinja rewrites tracebacks to template lines)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


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
    project_dir = template.project_dir
    search_path = (str(project_dir), str(template.root / INCLUDE_DIR))
    copy_only = [str(p) for p in context.get("_copy_without_render", [])]
    files: dict[str, bytes] = {}
    for source in sorted(project_dir.rglob("*")):
        if not source.is_file():
            continue
        relative_source = source.relative_to(template.root).as_posix()
        inner = source.relative_to(project_dir).as_posix()
        try:
            name = _render_string(inner, context)
        except jinja2.TemplateError as exc:
            raise TemplateError(f"cannot render the name {relative_source}: {exc}") from None
        if not name or name.endswith("/"):
            continue  # as in cookiecutter, a file whose name renders empty is not written (a conditional file)
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or "" in name.split("/"):
            raise TemplateError(f"{relative_source} renders to {name!r}, which is outside the project")
        data = source.read_bytes()
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
            rendered = _render_string(text, context, search_path)
        except jinja2.TemplateError as exc:
            line = getattr(exc, "lineno", None) or _template_line(exc)
            where = f"{relative_source}:{line}" if line else relative_source
            raise TemplateError(f"cannot render {where}: {exc}") from None
        newline = _detect_newline(data)
        if newline != "\n":
            rendered = rendered.replace("\n", newline)
        files[name] = rendered.encode("utf-8")
    return dict(sorted(files.items()))


def render_file(path: Path, context: Mapping[str, Any]) -> str:
    """Render one template file with ``cookiecutter`` = ``context``; includes are found beside it.

    Raises :class:`TemplateError` when it cannot be read or rendered.
    """
    try:
        source = path.read_text(encoding="utf-8")
        return _render_string(source, context, (str(path.parent),))
    except (OSError, UnicodeDecodeError, jinja2.TemplateError) as exc:
        raise TemplateError(f"cannot render {path}: {exc}") from None
