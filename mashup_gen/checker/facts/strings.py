"""The raw material of every fact: the string literals of the scripts, the attributes of the pages, and the
declarations that tell how a variable was built."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from mashup_gen.checker.expressions import inside_template_code
from mashup_gen.checker.facts.model import Place
from mashup_gen.checker.hints import Quick
from mashup_gen.checker.js import IDENT, TEMPLATE, Script
from mashup_gen.checker.project import Page, Tag, Unit
from mashup_gen.checker.scan import SERVER_TEMPLATE_SUFFIXES

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts

Declarations = dict[str, tuple[Unit, tuple[int, int]]]


def strings(facts: Facts) -> list[tuple[Unit, int, str]]:
    """``(unit, token_index, value)`` of every non-empty string and template literal (in a server template,
    not the strings of the template's own code: ``{{ base ~ '/resources' }}``; nowhere an input's hint text:
    ``placeholder="https://your-tenant.qlikcloud.com"``)."""
    found = []
    for unit in facts.project.units:
        script = unit.script
        server_template = unit.file.path.name.lower().endswith(SERVER_TEMPLATE_SUFFIXES)
        tokens = script.tokens
        for index, value in script.string_values:  # the non-empty literals only, not every token
            if not (server_template and inside_template_code(unit.file.text, script.offset + tokens[index].start)):
                if not is_hint_text(script, index) and not is_shown_code(script, index):
                    found.append((unit, index, value))
    return found


# Inside markup written in a string (a webview's HTML in a template literal): ``placeholder="https://your-tenant..."``.
_HINT_ATTRIBUTE = re.compile(r"""(?i)\bplaceholder\s*=\s*["'][^"'<>]*$""")


def in_hint_attribute(text: str, offset: int) -> bool:
    """True when ``offset`` in ``text`` lies inside the value of a ``placeholder="..."`` attribute."""
    return bool(_HINT_ATTRIBUTE.search(text, max(0, offset - 300), offset))


def is_hint_text(script: Script, index: int) -> bool:
    """True when the string at ``index`` is an input's placeholder (``<input placeholder="acme.eu.qlikcloud.com">``
    in JSX, ``placeholder: '...'``, ``el.placeholder = '...'``, VS Code's ``placeHolder: '...'``): an example
    shown to whoever types the value, in grey, until they do, never a value the code runs with."""
    if index < 2:
        return False
    # Asked of every string of a project: most are passed over on the length of the word two tokens before,
    # "placeholder"'s 11 letters (lower-casing keeps a word's length unless it holds "İ", which no ASCII word
    # matches), without reading the tokens around them.
    key = script.tokens[index - 2]
    if key.end - key.start != len("placeholder"):
        return False
    return (
        (script.is_punct(index - 1, "=") or script.is_punct(index - 1, ":"))
        and script.is_ident(index - 2)
        and script.text(index - 2).lower() == "placeholder"  # VS Code's showInputBox({ placeHolder }) too
    )


# Elements and keys that hold code shown to a reader (a documentation site's <CodeBlock>, <pre>, <code>, a
# syntax highlighter; { title, code: `...` } in a table of examples): text on the page, never code that runs.
_CODE_ELEMENT = re.compile(r"(?i)^(?:pre|code)$|code|highlight|snippet|syntax|prism")
_CODE_KEY = re.compile(
    r"(?i)^(?:code|snippet|example|sample|source_?code|code_?(?:string|snippet|sample|example|block)"
    r"|(?:example|sample|snippet|demo|usage)_?code)s?$"
)
_TAG_LOOKBACK = 80  # tokens back from a JSX child to its element's name: an opening tag's attributes


def is_shown_code(script: Script, index: int) -> bool:
    """True when the literal at ``index`` is code shown as text: the one child of a JSX element that displays
    code (``<CodeBlock language="ts">{`...`}</CodeBlock>``, ``<pre>{`...`}</pre>``), or a multi-line value of
    a key or attribute named for code (``code={`...`}``, ``snippet: `...```)."""
    if not script.is_punct(index - 1, "{"):
        if (script.is_punct(index - 1, ":") or script.is_punct(index - 1, "=")) and "\n" in script.text(index):
            return _names_code(script, index - 2)
        return False
    if not script.is_punct(index + 1, "}"):
        return False
    if script.is_punct(index - 2, "="):
        return "\n" in script.text(index) and _names_code(script, index - 3)
    if not script.is_punct(index - 2, ">"):
        return False
    for i in range(index - 3, max(index - _TAG_LOOKBACK, 0), -1):
        if script.is_punct(i, "<"):
            return script.is_ident(i + 1) and bool(_CODE_ELEMENT.search(script.text(i + 1)))
        if script.is_punct(i, ">") or script.is_punct(i, ";"):
            return False  # another element's end, or a statement: this is no opening tag
    return False


def _names_code(script: Script, index: int) -> bool:
    if index < 0:
        return False
    if script.is_ident(index):
        return bool(_CODE_KEY.match(script.text(index)))
    value = script.string_value(index)
    return value is not None and bool(_CODE_KEY.match(value))


def string_place(unit: Unit, index: int) -> Place:
    """The contents of a string token (inside the quotes)."""
    token = unit.script.tokens[index]
    start = unit.script.offset + token.start
    end = unit.script.offset + token.end
    code = unit.file.text
    if end - start >= 2 and code[start] in "\"'`" and code[end - 1] == code[start]:
        return Place(unit.file, start + 1, end - 1)
    return Place(unit.file, start + 1, end)


def attributes(facts: Facts) -> list[tuple[Page, Tag, str]]:
    """``(page, tag, attribute name)`` of every attribute of every interesting tag."""
    return [(page, tag, name) for page in facts.project.pages for tag in page.tags for name in tag.attributes]


def declarations(facts: Facts) -> Declarations:
    """``name -> (unit, token range)`` of the first declaration of each name anywhere in the project."""
    found: Declarations = {}
    for unit in facts.project.units:
        for name, span in unit.script.declarations.items():
            found.setdefault(name, (unit, span))
    return found


@lru_cache(maxsize=512)
def _default_import(name: str) -> Quick:
    return Quick(re.compile(r"\bimport\s+" + re.escape(name) + r"\s*(?:,\s*\{[^}]*\})?\s+from\s+[\"']([^\"']+)[\"']"))


_EXPORT_DEFAULT = re.compile(r"\bexport\s+default\s+")


def default_import(facts: Facts, unit: Unit, name: str) -> tuple[Unit, tuple[int, int]] | None:
    """The value a module of the project exports by default, when ``unit`` imports ``name`` from it
    (``import config from './config'`` with ``export default { host: ... }``, or ``export default config``
    naming a declaration): ``(the module's unit, token range of the value)``, or None."""
    code = unit.script.code
    if "import" not in code or name not in code:
        return None
    m = _default_import(name).search(code)
    if m is None:
        return None
    modules = facts.modules
    target = modules.resolver.locate(modules.key(unit), m.group(1))
    if target is None:
        return None
    source = modules.by_path.get(target)
    owner = modules.whole.get(id(source)) if source is not None else None
    if owner is None:
        return None
    script = owner.script
    export = _EXPORT_DEFAULT.search(script.code)
    if export is None:
        return None
    index = script.index_at(export.end())
    if index >= len(script.tokens) or script.tokens[index].start != export.end():
        return None
    if script.is_punct(index, "{"):
        close = script.partner(index)
        return (owner, (index, close + 1)) if close != -1 else None
    if script.is_ident(index) and not script.is_punct(index + 1, "("):
        declared = script.declarations.get(script.text(index))
        return (owner, declared) if declared is not None else None
    return None


_TEMPLATE_NAMES = re.compile(r"\$\{\s*([A-Za-z_$][\w$]*)")


def resolved_text(facts: Facts, unit: Unit, start: int, end: int, depth: int = 2) -> str:
    """The text of the declarations of the identifiers used in tokens ``[start, end)`` (not the tokens
    themselves), followed ``depth`` levels: how a call's ``options`` or ``url`` variable was built."""
    parts: list[str] = []
    seen: set[str] = set()
    frontier = [(unit, start, end)]
    for _ in range(depth):
        next_frontier = []
        for u, a, b in frontier:
            s = u.script
            for i in range(a, min(b, len(s.tokens))):
                kind = s.tokens[i].kind
                if kind == TEMPLATE:
                    # `${TENANT}/login?${params}`: the variables a template's expressions start with
                    names = [n for n in _TEMPLATE_NAMES.findall(s.text(i)) if n not in seen]
                elif kind != IDENT:
                    continue
                elif i > 0 and s.is_punct(i - 1, ".") and not s.is_ident(i - 2, "this"):
                    continue  # config.prefix is a property, not a variable named prefix (this.headers: a field)
                elif s.is_punct(i + 1, ":") and s.is_punct(s.parent(i), "{"):
                    continue  # { prefix: "/" }: an object's key, not a variable
                else:
                    names = [s.text(i)]
                for name in names:
                    if name in seen:
                        continue
                    seen.add(name)
                    local = _local_declaration(s, i, name)
                    entry = (u, local) if local is not None else facts.declaration_of(u, name)
                    if entry is None:
                        continue
                    owner, target = entry
                    if target[1] - target[0] > 400:
                        continue  # a whole function or module: too broad to say anything about one call
                    parts.append(owner.script.span_text(*target))
                    next_frontier.append((owner, *target))
        frontier = next_frontier
    return "\n".join(parts)


_MAX_VALUE = 400  # tokens of a declared value read: the same bound as a whole declaration's


def declared_twice(code: str, name: str) -> bool:
    r"""True when ``var``, ``let`` or ``const name =`` (the regular expression
    ``\b(?:var|let|const)\s+name\s*=``) occurs at least twice in ``code``.

    Asked for each variable a request's arguments use, so it reads only the places the name occurs (found in C)
    instead of running that expression over the whole file once per name: a match is an occurrence of the name
    with blanks (at least one) and a keyword that starts a word before it, and blanks and ``=`` after it."""
    found = 0
    at = code.find(name)
    while at != -1 and found < 2:
        before = at
        while before > 0 and code[before - 1].isspace():  # str.isspace is what \s matches
            before -= 1
        after = at + len(name)
        while after < len(code) and code[after].isspace():
            after += 1
        if before < at and after < len(code) and code[after] == "=" and _keyword_ends_at(code, before):
            found += 1
        at = code.find(name, at + 1)
    return found >= 2


def _keyword_ends_at(code: str, end: int) -> bool:
    r"""True when ``var``, ``let`` or ``const`` ends at ``end`` and starts a word (nothing \w just before it)."""
    for keyword in ("var", "let", "const"):
        start = end - len(keyword)
        if start >= 0 and code.startswith(keyword, start):
            return start == 0 or not (code[start - 1].isalnum() or code[start - 1] == "_")
    return False


def _local_declaration(script: Script, index: int, name: str) -> tuple[int, int] | None:
    """The value of the ``var/let/const name = ...`` nearest before ``index`` in a block around it, when the
    file declares ``name`` more than once (``const options = {...}`` in each of several functions): the file's
    first declaration is then another function's. ``None`` when the name is declared once (the file's table
    answers) or no such declaration encloses ``index``."""
    if not declared_twice(script.code, name):
        return None
    enclosing = set()
    parent = script.parent(index)
    while parent != -1 and len(enclosing) < 64:
        enclosing.add(parent)
        parent = script.parent(parent)
    for i in range(index - 1, 0, -1):
        if (
            script.is_ident(i, name)
            and script.is_ident(i - 1, "var", "let", "const")
            and script.is_punct(i + 1, "=")
            and (script.parent(i) == -1 or script.parent(i) in enclosing)
        ):
            start = i + 2
            end = script.value_end(start, script.parent(i), _MAX_VALUE)
            return (start, end) if end > start else None
    return None
