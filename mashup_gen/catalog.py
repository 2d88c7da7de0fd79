"""The built-in templates: where they are, which exist, and what each asks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mashup_gen.engines import MINIJINJA
from mashup_gen.errors import InvalidValue
from mashup_gen.render import Template, TemplateError

DEFAULT_TEMPLATE = "capability"
_META_KEY = "_mashup_gen"
# Not a template: what the templates share, reached through each template's include folder.
SHARED_DIR = "_shared"


def builtin_root() -> Path:
    """The folder holding the built-in templates: inside the wheel, or at the top of a source checkout."""
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class TemplateInfo:
    """A template, the name a project record knows it by, and its version and description."""

    name: str
    template: Template
    builtin: bool

    @property
    def version(self) -> str:
        """The template's own version (``_mashup_gen.version`` in cookiecutter.json), or "0"."""
        meta = self.template.variables.get(_META_KEY, {})
        return str(meta.get("version", "0")) if isinstance(meta, dict) else "0"

    @property
    def description(self) -> str:
        """One line saying what kind of project the template makes."""
        meta = self.template.variables.get(_META_KEY, {})
        return str(meta.get("description", "")) if isinstance(meta, dict) else ""


def shared_root() -> Path:
    """The folder of files the built-in templates share (cookiecutter includes, adopt's helper)."""
    return builtin_root() / SHARED_DIR


def builtin_names() -> list[str]:
    """Names of the built-in templates, sorted."""
    root = builtin_root()
    return sorted(p.name for p in root.iterdir() if (p / "cookiecutter.json").is_file())


def find(name_or_path: str) -> TemplateInfo:
    """A built-in template by name, or a cookiecutter template folder by path.

    Raises :class:`InvalidValue` naming what exists when neither is found.
    """
    builtin = builtin_root() / name_or_path
    if "/" not in name_or_path and (builtin / "cookiecutter.json").is_file():
        # The built-in templates render with MiniJinja: tests/core/test_engines.py proves every file the same,
        # byte for byte, as Jinja2 (cookiecutter) renders it, over generated answers.
        return TemplateInfo(name_or_path, Template.load(builtin, MINIJINJA), builtin=True)
    path = Path(name_or_path).expanduser()
    if (path / "cookiecutter.json").is_file():
        try:
            return TemplateInfo(str(path.resolve()), Template.load(path.resolve()), builtin=False)
        except TemplateError as exc:
            raise InvalidValue(name_or_path, f"expected a readable cookiecutter template ({exc})") from None
    names = ", ".join(builtin_names())
    raise InvalidValue(name_or_path, f"expected a built-in template ({names}) or a folder holding a cookiecutter.json")
