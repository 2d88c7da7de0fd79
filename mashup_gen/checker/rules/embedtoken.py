"""qlik-embed's ``data-get-access-token``: the name of the page's function that hands it an access token.

The loader does not run the value: @qlik/api's ``resolveTokenIfPresent`` looks the string up as
``globalThis[value]`` and throws "getAccessToken function ... not found on globalThis" when that is no
function (read in @qlik/api 2.x, which qlik-embed's runtime uses). So the value must be the bare name of a
property of the global object, and the function must be one:

- a call or an expression (``getToken()``, ``auth.getToken``) is looked up under that whole text, never found;
- a function declared in a ``<script type="module">`` is scoped to its module, not a property of ``window``;
- ``const`` / ``let`` / ``class`` at the top of a classic script make a global binding that is no property of
  ``globalThis`` either (only ``function`` and ``var`` do).

Both are silent when any code of the project puts the name on the global object itself (``window.name = ...``,
``globalThis["name"] = ...``, ``Object.assign(window, {...})``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.embed import EmbedPage
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project, Tag, Unit
from mashup_gen.checker.rules.base import at_place, at_tag, at_token

TOKEN_FUNCTION = Rule(
    "embed-token-function",
    Severity.ERROR,
    "qlik-embed's data-get-access-token is looked up as a property of the global object (globalThis[value]): a "
    "call or expression (getToken()), or a function declared in a module script or with const/let, is never "
    "found there, so no token reaches qlik-embed and nothing renders.",
    'Write the bare name (data-get-access-token="getToken") of a function declared with `function getToken()` in '
    "a classic <script>, or assign it to window.getToken in a module.",
)
RULES = (TOKEN_FUNCTION,)

_NAME = re.compile(r"^[A-Za-z_$][\w$]*$")
_DECLARING = ("function", "const", "let", "var", "class")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Findings about the token function each qlik-embed page names."""
    for page in facts.embed.pages:
        found = page.setting("get-access-token")
        if found is None:
            continue
        value, holder = found[0].strip(), found[1]
        if not value or is_dynamic(value) or "{" in value or "<" in value:
            continue  # a value a template fills in is not judged
        if not _NAME.match(value):
            message = f"data-get-access-token is {value!r}: qlik-embed looks up globalThis[{value!r}], no function"
            yield _at_setting(page, holder, message)
            continue
        if _made_global(project, value):
            continue
        yield from _not_global(page, value)


def _at_setting(page: EmbedPage, holder: Tag | None, message: str) -> Finding:
    """A finding at the attribute holding the setting (or its meta tag), else at the page's loader."""
    for name in ("data-get-access-token", "data-qlik-embed-get-access-token", "content"):
        written = holder.attributes.get(name) if holder is not None else None
        if written is not None:
            return at_place(TOKEN_FUNCTION, Place(page.page.file, written.start, written.end), message)
    text = page.page.file.text
    at = text.find("get-access-token")
    if at >= 0:
        return at_place(TOKEN_FUNCTION, Place(page.page.file, at, at + 16), message)
    return at_tag(TOKEN_FUNCTION, page.page, holder or page.anchor, message)


def _made_global(project: Project, name: str) -> bool:
    """True when some code puts ``name`` on the global object (``window.name =``, ``globalThis["name"] =``,
    ``Object.assign(window, { name })``, ``export``ed into a UMD global is not read)."""
    escaped = re.escape(name)
    pattern = re.compile(
        rf"\b(?:window|globalThis|self)\s*(?:\.\s*{escaped}\b|\[\s*[\"'`]{escaped}[\"'`]\s*\])"
        rf"|Object\.assign\(\s*(?:window|globalThis|self)\b[^;]*\b{escaped}\b"
    )
    return any(name in unit.script.code and pattern.search(unit.script.code) for unit in project.units)


def _not_global(page: EmbedPage, name: str) -> Iterator[Finding]:
    """A finding at the declaration of ``name`` in the page's scripts when it makes no property of the global
    object; nothing when the name is declared as a global property anywhere, or not declared at all (it may come
    from a script this page does not show)."""
    wrong: list[tuple[Unit, int, str]] = []
    for unit in page.page.units:
        script = unit.script
        if name not in script.code:
            continue
        module = _is_module(page, unit)
        for index in range(1, len(script.tokens)):
            if not script.is_ident(index, name) or script.parent(index) != -1:
                continue  # only a top-level declaration makes anything global
            keyword = script.text(index - 1)
            if keyword == "*" and index >= 2 and script.text(index - 2) == "function":
                keyword = "function"  # function* name
            if keyword not in _DECLARING:
                continue
            if not module and keyword in ("function", "var"):
                return  # a classic script's function or var: a property of window, as qlik-embed needs
            why = "a module script's declaration" if module else f"a top-level {keyword}"
            wrong.append((unit, index, why))
    for unit, index, why in wrong[:1]:
        message = f"{name} is {why}, no property of globalThis where data-get-access-token looks it up"
        yield at_token(TOKEN_FUNCTION, unit, index, message)


def _is_module(page: EmbedPage, unit: Unit) -> bool:
    """True when the page runs ``unit`` as a module: an inline ``<script type="module">`` holding it, or a
    ``<script type="module" src>`` naming its file."""
    offset = unit.script.offset
    for tag in page.page.scripts():
        if (tag.get("type") or "").strip().lower() != "module":
            continue
        src = tag.get("src")
        if src is None:
            if offset and tag.end <= offset <= tag.end + 2:
                return True
        elif unit.file.path != page.page.file.path and src.split("?", 1)[0].rstrip("/").endswith(unit.file.path.name):
            return True
    return False
