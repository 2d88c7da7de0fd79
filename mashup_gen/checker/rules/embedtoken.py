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
# An error: the loader's host config takes its keys from a fixed list (host, auth-type, client-id, get-access-token,
# access-token-storage, ...; read in @qlik/embed-web-components 1.6.0's resolveAllProps), none of them a token,
# and @qlik/api's oauth2 host config has no token key either: a token reaches qlik-embed only through the
# function get-access-token names.
TOKEN_ATTRIBUTE = Rule(
    "embed-token-attribute",
    Severity.ERROR,
    "An access token is written on a <qlik-embed> element or on qlik-embed's script tag as an attribute "
    "(data-access-token, access-token, token), in markup or by code (setAttribute, dataset), or into a host "
    "config as accessToken: qlik-embed's loader and @qlik/api build the host config from a fixed list of "
    "settings, none of them a token, so the token signs nothing in and the embed is refused.",
    'Hand the token over through a function: data-get-access-token="getToken" on the script tag (with '
    'data-auth-type="Oauth2" and data-client-id), and a global function getToken() that returns the token.',
)
RULES = (TOKEN_FUNCTION, TOKEN_ATTRIBUTE)

_NAME = re.compile(r"^[A-Za-z_$][\w$]*$")
_DECLARING = ("function", "const", "let", "var", "class")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Findings about the token function each qlik-embed page names, and tokens handed over as attributes."""
    yield from _token_attributes(project, facts)
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


# What an attribute holding a token is called, once its binding (:x, [attr.x]), its data-qlik-embed- or data-
# prefix, dashes and underscores are gone: access-token, data-access-token, token, auth-token, bearer-token.
_TOKEN_KEYS = frozenset({"accesstoken", "token", "authtoken", "bearertoken", "qliktoken", "qlikaccesstoken"})
_BOUND = re.compile(r"^(?:v-bind:|:|bind:|\[(?:attr\.)?)?([A-Za-z][\w.-]*)\]?$")


def _token_key(name: str) -> bool:
    """True when attribute ``name`` (as written, binding included) names an access token."""
    match = _BOUND.match(name.strip())
    if match is None:
        return False
    bare = match.group(1).lower()
    for prefix in ("data-qlik-embed-", "data-"):
        bare = bare.removeprefix(prefix)
    return bare.replace("-", "").replace("_", "") in _TOKEN_KEYS


def _read_back(project: Project, name: str) -> bool:
    """True when some code reads attribute ``name`` itself (``getAttribute("data-access-token")``,
    ``el.dataset.accessToken`` not assigned, a ``[data-access-token]`` selector): then it is the project's own
    hand-over (to a function data-get-access-token names, say), not a setting qlik-embed was meant to read."""
    lower = name.lower()
    camel = re.sub(r"-([a-z])", lambda m: m.group(1).upper(), lower.removeprefix("data-"))
    read = re.compile(
        rf"""getAttribute\(\s*["'`]{re.escape(lower)}["'`]|\[\s*{re.escape(lower)}\b"""
        + (rf"|\bdataset\.{re.escape(camel)}\b(?!\s*=(?!=))" if lower.startswith("data-") else "")
    )
    return any(lower in unit.script.code.lower() and read.search(unit.script.code) for unit in project.units)


def _token_attributes(project: Project, facts: Facts) -> Iterator[Finding]:
    """A finding at each token written as an attribute of a ``<qlik-embed>`` element or of the loader's script
    tag, in markup or by code, on a page (or in a project) that names no token function: where one is named,
    the attribute is a leftover the function's token makes harmless."""
    yield from _host_config_tokens(facts)
    embed = facts.embed
    if not embed.pages:
        return
    with_function = [page for page in embed.pages if page.setting("get-access-token") is not None]
    anywhere = bool(with_function) or any("get-access-token" in page.file.text for page in project.pages)
    seen: set[tuple[str, int]] = set()
    for page in embed.pages:
        if page.setting("get-access-token") is not None:
            continue
        tags = [*page.elements, *([page.loader] if page.loader is not None else [])]
        for tag in tags:
            for name, attribute in tag.attributes.items():
                if tag.name == "script" and not name.startswith("data-"):
                    continue
                if not _token_key(name) or _read_back(project, _BOUND.sub(r"\1", name)):
                    continue
                key = (str(page.page.file.path), attribute.start)
                if key not in seen:
                    seen.add(key)
                    where = "<qlik-embed> element" if tag.name == ELEMENT else "qlik-embed's script tag"
                    message = f"{name} on a {where} is no setting qlik-embed reads: the token signs nothing in"
                    yield at_place(TOKEN_ATTRIBUTE, Place(page.page.file, attribute.start, attribute.end), message)
    if anywhere:
        return  # code may set a token attribute for the function's own use
    for unit in project.units:  # JSX: <qlik-embed ui="classic/app" access-token={token} />
        if not unit.in_browser or ELEMENT not in unit.script.code or unit.file.path.suffix.lower() not in _JSX:
            continue
        syntax = unit.syntax
        for attribute in syntax.attributes if syntax is not None else ():
            if attribute.element != ELEMENT or not _token_key(attribute.name) or _read_back(project, attribute.name):
                continue
            key = (str(unit.file.path), attribute.start)
            if key not in seen:
                seen.add(key)
                message = f"{attribute.name} on a <qlik-embed> element is no setting qlik-embed reads"
                yield at_place(TOKEN_ATTRIBUTE, Place(unit.file, attribute.start, attribute.end), message)
    ids = {tag.get("id") for page in embed.pages for tag in page.elements if tag.get("id")}
    for unit in project.units:
        if not unit.in_browser:
            continue
        code = unit.script.code
        if "setAttribute" not in code and "dataset" not in code:
            continue
        for index, name in _set_on_element(unit, ids):
            if _read_back(project, name):
                continue
            key = (str(unit.file.path), index)
            if key in seen:
                continue
            seen.add(key)
            message = f"the token is set as {name} on a <qlik-embed> element, which qlik-embed never reads"
            yield at_token(TOKEN_ATTRIBUTE, unit, index, message)


ELEMENT = "qlik-embed"


def _set_on_element(unit: Unit, ids: set[str | None]) -> Iterator[tuple[int, str]]:
    """``(token index, attribute name)`` of each ``el.setAttribute("access-token", t)`` and ``el.dataset.accessToken
    = t`` whose ``el`` is a ``<qlik-embed>`` element (looked up by its tag or by the id of one)."""
    script = unit.script
    for callee, paren in script.find_calls(frozenset({"setAttribute"})):
        if not script.is_punct(callee - 1, "."):
            continue
        args = script.call_arguments(paren)
        name = script.literal(*args[0]) if len(args) == 2 else None
        if isinstance(name, str) and _token_key(name) and _names_an_element(unit, callee - 2, ids):
            yield callee, name.lower()
    for index in range(2, len(script.tokens) - 3):
        if not (script.is_ident(index, "dataset") and script.is_punct(index - 1, ".")):
            continue
        if not (script.is_punct(index + 1, ".") and script.is_ident(index + 2) and script.is_punct(index + 3, "=")):
            continue
        name = "data-" + re.sub(r"(?<!^)(?=[A-Z])", "-", script.text(index + 2)).lower()
        if _token_key(name) and _names_an_element(unit, index - 2, ids):
            yield index + 2, name


def _names_an_element(unit: Unit, receiver: int, ids: set[str | None]) -> bool:
    """True when the expression ending at token ``receiver`` is a ``<qlik-embed>`` element: a call chain that looks
    one up (``document.querySelector("qlik-embed").setAttribute``), a variable whose value does, or the parameter
    of a loop over such elements (``querySelectorAll("qlik-embed").forEach((el) => el.setAttribute(...))``).
    Only the receiver's own text is read: a lookup of the element elsewhere in the same function says nothing
    about another element's attribute."""
    script = unit.script
    if script.is_punct(receiver, ")") or script.is_punct(receiver, "]"):
        first = script.statement(receiver)[0]
        return _names_embed(script.span_text(first, receiver + 1), ids)
    if not script.is_ident(receiver):
        return False
    name = script.text(receiver)
    span = script.declarations.get(name)
    if span is not None:
        return _names_embed(script.span_text(*span), ids)
    call = script.enclosing_call(receiver)  # a parameter: the loop's callee chain names the elements
    if call is None or script.text(call[0]) not in _LOOPS:
        return False
    first = script.statement(call[0])[0]
    return _names_embed(script.span_text(first, call[0]), ids)


_JSX = (".jsx", ".tsx", ".js")
_LOOPS = frozenset({"forEach", "map", "from"})


def _names_embed(text: str, ids: set[str | None]) -> bool:
    """True when ``text`` looks up a ``<qlik-embed>`` element: by its tag name, or by the id one carries."""
    if re.search(r"""["'`][^"'`]*\bqlik-embed\b(?![-\w])""", text):
        return True
    return any(
        re.search(rf"""getElementById\(\s*["'`]{re.escape(i)}["'`]|["'`]#{re.escape(i)}["'`]""", text) for i in ids if i
    )


def _host_config_tokens(facts: Facts) -> Iterator[Finding]:
    """A finding at a token written into a host config handed to Qlik's packages (``{ host, authType: "oauth2",
    clientId, accessToken: token }``) that has no ``getAccessToken``: @qlik/api's host config types have no token
    key (2.19), so the config signs in as if the token were not there."""
    from mashup_gen.checker.rules.hostconfig import _qlik_sign_in

    for config in facts.host_configs:
        keys = [key for key in config.values if key.replace("_", "").lower() in _TOKEN_KEYS]
        if not keys or "getAccessToken" in config.values or "apiKey" in config.values:
            continue
        if not _qlik_sign_in(config.unit):
            continue
        message = f"{keys[0]} is no setting of a host config: @qlik/api takes a token only from getAccessToken"
        yield at_place(TOKEN_ATTRIBUTE, config.place(keys[0]), message)
