"""The two Jinja implementations a template renders with: Jinja2 itself (what cookiecutter uses, for any
template) and MiniJinja (for templates proven to render the same bytes with it).

Why two: importing Jinja2 costs a `mashup-gen new` about as much as importing click, more than all of its
own work; MiniJinja's Python binding is a compiled extension that imports in a fraction of that. It is not
Jinja2: Python string methods, filters and escaping differ at the edges, so only templates that a test
renders with both, over generated answers, byte for byte (the built-in ones) use it. Where this module's
filters stand in for Jinja2's (``e``/``escape``, ``tojson``), they do what Jinja2's documentation says.
Generic: nothing here knows about Qlik.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

JINJA2 = "jinja2"
MINIJINJA = "minijinja"


class RenderFailure(Exception):
    """A template did not render; ``line`` is the template line when the engine knows it."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class Engine(Protocol):
    """Renders one template text with ``cookiecutter`` = ``context``, includes found on ``search_path``."""

    def __call__(self, source: str, context: Mapping[str, Any], search_path: tuple[str, ...] = ()) -> str: ...


def engine(name: str) -> Engine:
    """The engine called ``name`` (:data:`JINJA2` or :data:`MINIJINJA`)."""
    return {JINJA2: render_jinja2, MINIJINJA: render_minijinja}[name]


# ----- Jinja2 ------------------------------------------------------------------------------------------------

# Compiling (parse, generate Python, compile that) is most of a Jinja2 render's cost, and `regenerate
# --recursive` compiles the same sources for every project. So sources are loaded by name through Jinja2's
# own caches: compiled templates stay in memory (bounded: memory stays flat however many projects one process
# sees) and in Jinja2's bytecode cache on disk between runs (a per-user folder under the system's temporary
# folder). The name is a digest of the source, so a changed template is a new name, never a stale entry.
_SOURCES: dict[str, str] = {}
_NAME_PREFIX = "mashup-gen-1-"  # bump when the environment's options change: bytecode depends on them


def _source(name: str) -> tuple[str, None, Callable[[], bool]] | None:
    source = _SOURCES.get(name)
    return None if source is None else (source, None, lambda: True)


@functools.cache
def _jinja2_environment(search_path: tuple[str, ...] = ()) -> Any:
    """One environment per include search path (compiled includes are cached by name within it): the options
    cookiecutter uses for templates without extensions."""
    import jinja2

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    sources = jinja2.FunctionLoader(_source)
    env.loader = jinja2.ChoiceLoader([sources, jinja2.FileSystemLoader(list(search_path))]) if search_path else sources
    env.bytecode_cache = jinja2.FileSystemBytecodeCache()
    env.cache = jinja2.utils.LRUCache(512)
    env.auto_reload = False
    return env


def _template_line(exc: BaseException) -> int | None:
    """The template line a runtime error happened on (Jinja2 rewrites tracebacks to template lines)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_jinja2(source: str, context: Mapping[str, Any], search_path: tuple[str, ...] = ()) -> str:
    """Render with Jinja2, as cookiecutter does; raise :class:`RenderFailure`."""
    import hashlib

    import jinja2

    name = _NAME_PREFIX + hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
    _SOURCES[name] = source  # read by the loader only when neither cache holds the template
    try:
        return _jinja2_environment(search_path).get_template(name).render(cookiecutter=context)
    except jinja2.TemplateError as exc:
        raise RenderFailure(str(exc), getattr(exc, "lineno", None) or _template_line(exc)) from None
    finally:
        del _SOURCES[name]


# ----- MiniJinja ---------------------------------------------------------------------------------------------


def _escape(value: Any) -> str:
    import markupsafe

    return str(markupsafe.escape(value))  # Jinja2's `e`: &, <, >, " and ' as &amp; &lt; &gt; &#34; &#39;


def _tojson(value: Any, indent: int | None = None) -> str:
    import json

    # Jinja2's `tojson`: json.dumps with sorted keys, then <, >, & and ' as \u escapes (safe in HTML).
    text = json.dumps(value, sort_keys=True, indent=indent)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def _loader(search_path: tuple[str, ...]) -> Callable[[str], str | None]:
    def load(name: str) -> str | None:
        parts = PurePosixPath(name).parts
        if not parts or PurePosixPath(name).is_absolute() or ".." in parts:
            return None  # as Jinja2's file loader: an include never leaves its folders
        for folder in search_path:
            path = Path(folder, *parts)
            if path.is_file():
                return path.read_text(encoding="utf-8")
        return None

    return load


@functools.cache
def _minijinja_environment(search_path: tuple[str, ...]) -> Any:
    import minijinja

    env = minijinja.Environment(loader=_loader(search_path))
    env.keep_trailing_newline = True
    env.undefined_behavior = "strict"
    env.auto_escape_callback = lambda _name: False
    env.debug = False  # its debug report would print the template's variables (the answers) in a message
    for name in ("e", "escape"):
        env.add_filter(name, _escape)
    env.add_filter("tojson", _tojson)
    return env


# Compiling is most of what rendering a template file costs (measured: 50 of 70 us); `regenerate --recursive`
# renders the same few sources for every project. Bounded: the sources are a template's files and defaults.
_COMPILED: dict[tuple[int, str], str] = {}
_COMPILED_LIMIT = 2048


def _compiled(env: Any, source: str) -> str:
    """The name under which ``source`` is compiled in ``env`` (compiled on first use)."""
    key = (id(env), source)
    name = _COMPILED.get(key)
    if name is None:
        if len(_COMPILED) >= _COMPILED_LIMIT:
            _COMPILED.clear()
        name = f"<source {len(_COMPILED)}>"
        env.add_template(name, source)
        _COMPILED[key] = name
    return name


def render_minijinja(source: str, context: Mapping[str, Any], search_path: tuple[str, ...] = ()) -> str:
    """Render with MiniJinja, set up as Jinja2 is for cookiecutter; raise :class:`RenderFailure`."""
    import minijinja

    # Jinja2's lexer reads "\r\n" and "\r" as "\n"; the caller puts a file's own line endings back.
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    env = _minijinja_environment(search_path)
    try:
        name = _compiled(env, source)
        return env.render_template(name, cookiecutter=context)
    except minijinja.TemplateError:
        pass  # rendered again below as a string, so the message is the one `render_str` gives
    try:
        return env.render_str(source, cookiecutter=context)
    except minijinja.TemplateError as exc:
        message = f"{exc.kind}: {exc.detail}" if exc.detail else str(exc).splitlines()[0]
        raise RenderFailure(message, exc.line) from None
