"""The capability API: ``require.config``, the config object given to ``qlik.openApp``, the pages that
load ``js/qlik``, and qlik-embed's script tags."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from mashup_gen.checker.facts.model import ConfigObject
from mashup_gen.checker.facts.patterns import EMBED_PACKAGE
from mashup_gen.checker.hints import Quick
from mashup_gen.checker.js import IDENT, STRING, ObjectLiteral, Script
from mashup_gen.checker.project import Page, Tag, Unit

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts

_LOCATION = re.compile(r"\b(?:window\.|document\.)?location\b")


def require_configs(facts: Facts) -> list[ConfigObject]:
    """Arguments of ``require.config({...})`` / ``requirejs.config({...})`` (written inline or in a variable)
    that set up the capability API. A web app's own RequireJS set-up (``baseUrl: 'js/lib'``, no Qlik in it)
    is not one, unless the project loads ``js/qlik``."""
    found = []
    loads_qlik = any(value.startswith("js/qlik") for _, _, value in facts.strings)
    for unit in facts.project.units:
        script = unit.script
        for callee, paren in script.find_calls(frozenset({"config"})):
            if callee >= 2 and script.is_punct(callee - 1, ".") and script.is_ident(callee - 2, "require", "requirejs"):
                owner, opener = unit, paren + 1
                if script.is_ident(paren + 1) and script.is_punct(paren + 2, ")"):
                    entry = facts.declarations.get(script.text(paren + 1))
                    if entry is not None:
                        owner, opener = entry[0], entry[1][0]
                obj = owner.script.object_at(opener)
                if obj is None:
                    continue
                config = ConfigObject(owner, obj, _later_keys(facts, owner, opener))
                if _own_context(owner.script, obj):
                    continue  # a RequireJS context of the page's own modules: never Qlik's, never merged into it
                if loads_qlik or _mentions_qlik(config):
                    found.append(config)
    if len(found) > 1:
        # RequireJS merges a page's require.config calls into one configuration: baseUrl set in one call and
        # webIntegrationId in the next (in the same script, or in two scripts of one page) is a complete set-up.
        pages = [{id(u.file) for u in page.units} for page in facts.project.pages]

        def together(a: ConfigObject, b: ConfigObject) -> bool:
            files = {id(a.unit.file), id(b.unit.file)}
            return len(files) == 1 or any(files <= page for page in pages)

        found = [
            ConfigObject(
                c.unit,
                c.obj,
                c.later.union(*({p.key for p in d.obj.properties} | d.later for d in found if together(c, d))),
            )
            for c in found
        ]
    return found


def _own_context(script: Script, obj: ObjectLiteral) -> bool:
    """True when ``require.config`` names a context other than the default one (``context: 'app'``) and does
    not point at Qlik's resources: RequireJS keeps such a context apart (its own baseUrl and paths, for the
    page's own modules), so it neither loads js/qlik nor adds to the configuration that does."""
    context = obj.get("context")
    if context is None:
        return False
    name = script.literal(context.value_start, context.value_end)
    if not isinstance(name, str) or name == "_":  # "_" is RequireJS's default context: merged as usual
        return False
    text = script.span_text(obj.open, obj.close + 1).lower()
    return "webintegrationid" not in text and "/resources" not in text


def _mentions_qlik(config: ConfigObject) -> bool:
    text = config.unit.script.span_text(config.obj.open, config.obj.close + 1).lower()
    return config.has("webIntegrationId") or "resources" in text or "qlik" in text


@lru_cache(maxsize=256)
def _assignment(name: str) -> Quick:
    """``name.key =`` and ``name['key'] =`` (not ``==`` nor ``=>``), the key in group 1 or 2."""
    return Quick(
        re.compile(
            rf"(?<![\w$.]){re.escape(name)}\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*[\"']([^\"'\n]+)[\"']\s*\])\s*=(?![=>])"
        )
    )


def assigned_keys(facts: Facts, name: str) -> frozenset[str]:
    """The keys of every ``name.key = ...`` and ``name['key'] = ...`` in the project: properties added to an
    object after its literal (``config.webIntegrationId = id``)."""
    pattern = _assignment(name)
    keys: set[str] = set()
    for unit in facts.project.units:
        if name in unit.script.code:
            keys.update(m.group(1) or m.group(2) for m in pattern.finditer(unit.script.code))
    return frozenset(keys)


def _later_keys(facts: Facts, unit: Unit, opener: int) -> frozenset[str]:
    """Keys assigned later to the variable an object literal is assigned to (``var config = {...}``)."""
    script = unit.script
    if script.is_punct(opener - 1, "=") and script.is_ident(opener - 2) and not script.is_punct(opener - 3, "."):
        return assigned_keys(facts, script.text(opener - 2))
    return frozenset()


# The certificate options of Node's TLS clients (request, https, ws): a client-managed site's exported
# certificates, presented by server code. The capability API's config never holds them.
_TLS_MATERIAL = frozenset({"cert", "key", "ca", "pfx"})


def configs(facts: Facts) -> list[ConfigObject]:
    """The capability API's config objects: ``{host, prefix, port, isSecure, webIntegrationId}``."""
    found: list[ConfigObject] = []
    for unit in facts.project.units:
        script = unit.script
        seen: set[int] = set()
        tokens = script.tokens
        for colon in script.punct_indexes(":"):  # a key is followed by a colon: the colons, not every token
            i = colon - 1
            token = tokens[i] if i >= 0 else None
            if token is None or token.kind not in (IDENT, STRING):
                continue
            key = script.text(i) if token.kind == IDENT else script.string_value(i)
            if key != "host":
                continue
            opener = script.parent(i)
            if opener == -1 or opener in seen or not script.is_punct(opener, "{"):
                continue
            seen.add(opener)
            obj = script.object_at(opener)
            if obj is None:
                continue
            keys = {p.key for p in obj.properties}
            if keys & _TLS_MATERIAL:
                continue  # a server's HTTP client options with certificates: never a config the browser uses
            if (
                "isSecure" in keys
                or "webIntegrationId" in keys
                or ({"prefix", "port"} <= keys and not keys & {"secure", "appId"})
            ):
                found.append(ConfigObject(unit, obj, _later_keys(facts, unit, opener)))
    return found


# What nebula.js's mashup template hands its connect helper (and nothing else: an object with more keys is
# something else that happens to have a url and an app id).
_NEBULA_CONNECT_KEYS = frozenset({"url", "appId", "webIntegrationId", "identity"})


def _uses_engine_library(facts: Facts) -> bool:
    """True when the project's code uses enigma.js or nebula.js (whose connect helpers take ``{url, appId}``)."""
    return any("enigma" in unit.script.code or "@nebula.js" in unit.script.code for unit in facts.project.units)


# Keys that say an object is signed in another way than the tenant's cookie (OAuth, an API key, a header), so
# it needs no web integration id.
_OTHER_AUTH_KEYS = frozenset({"authType", "auth", "clientId", "accessToken", "apiKey", "headers", "token", "jwt"})


def connection_configs(facts: Facts) -> list[ConfigObject]:
    """Connection configs of Qlik libraries built on the capability API and enigma.js (qdt-components, Motor,
    enigma helpers): ``{host, appId}`` with ``secure``, ``port`` or ``prefix``, in browser code, that are not
    the capability API's own config object (:func:`configs`) and not signed in another way (OAuth, a token)."""
    capability = {(id(c.unit), c.obj.open) for c in facts.configs}
    found: list[ConfigObject] = []
    engine = _uses_engine_library(facts)
    for unit in facts.project.units:
        script = unit.script
        if "appId" not in script.code or not unit.in_browser:
            continue
        seen: set[int] = set()
        for colon in script.punct_indexes(":"):
            i = colon - 1
            if i < 0 or script.tokens[i].kind != IDENT:
                continue
            name = script.text(i)
            if name == "url" and engine:
                # nebula.js's mashup template: connect({ url, webIntegrationId, appId }), an argument of a call.
                opener = script.parent(i)
                obj = script.object_at(opener) if opener > 0 and script.is_punct(opener - 1, "(") else None
                keys = {p.key for p in obj.properties} if obj is not None else set()
                if (
                    obj is not None
                    and opener not in seen
                    and keys <= _NEBULA_CONNECT_KEYS
                    and "appId" in keys
                    and "..." not in script.span_text(opener, obj.close + 1)
                ):
                    seen.add(opener)
                    found.append(ConfigObject(unit, obj, _later_keys(facts, unit, opener)))
                continue
            if name != "host":
                continue
            opener = script.parent(i)
            if opener == -1 or opener in seen or (id(unit), opener) in capability or not script.is_punct(opener, "{"):
                continue
            seen.add(opener)
            obj = script.object_at(opener)
            if obj is None or "..." in script.span_text(opener, obj.close + 1):
                continue  # a spread: what else it holds is not known here
            keys = {p.key for p in obj.properties}
            if "appId" in keys and keys & {"secure", "port", "prefix"} and not _signed_otherwise(script, obj):
                found.append(ConfigObject(unit, obj, _later_keys(facts, unit, opener)))
    return found


def other_library(facts: Facts, config: ConfigObject) -> str | None:
    """What a ``{host, isSecure}`` config object configures when it cannot be the capability API's: the project
    never loads ``js/qlik`` nor calls ``openApp``, and the object is handed to a call (inline, or through the
    variable it is assigned to), so it is some other library's (an engine connection such as RxQ's
    ``connectSession`` or qlik-hooks' ``useConnectEngine``): the dotted name of that call. None when the project
    uses the capability API (the object may well be its config) or no call is seen (what the object is for is
    not known here)."""
    if uses_capability_api_anywhere(facts):
        return None
    script = config.unit.script
    opener = config.obj.open
    candidates = [opener]
    # The variable the object is assigned to: ``const config = {...}``, or ``const configs = [{...}, ...]``.
    outer = script.parent(opener)
    holder = outer if outer > 0 and script.is_punct(outer, "[") else opener
    if script.is_punct(holder - 1, "=") and script.is_ident(holder - 2):
        name = script.text(holder - 2)
        candidates += [
            i
            for i, token in enumerate(script.tokens)
            if i != holder - 2 and token.kind == IDENT and script.text(i) == name
        ]
    for index in candidates:
        paren = script.parent(index)
        whole = index == opener or (  # the argument is the variable itself, not config.host
            (script.is_punct(index - 1, "(") or script.is_punct(index - 1, ","))
            and (script.is_punct(index + 1, ")") or script.is_punct(index + 1, ",") or script.is_punct(index + 1, "["))
        )
        if whole and paren > 0 and script.is_punct(paren, "(") and script.is_ident(paren - 1):
            callee = script.callee_path(paren - 1)
            if callee not in _NOT_CALLS and not callee.startswith("console."):  # logged, not handed to anything
                return callee
    return None


def uses_capability_api_anywhere(facts: Facts) -> bool:
    """True when the project loads ``js/qlik`` or calls ``openApp`` somewhere: a ``{host, isSecure}`` object in
    it may well be the capability API's config."""
    return facts.uses_capability_api or any(u.script.find_calls(frozenset({"openApp"})) for u in facts.project.units)


# Words before a parenthesis that are no call.
_NOT_CALLS = frozenset({"if", "while", "for", "switch", "return", "catch", "function", "typeof", "await", "new"})


def _signed_otherwise(script: Script, obj: ObjectLiteral) -> bool:
    """True when the object has a key of another sign-in (:data:`_OTHER_AUTH_KEYS`) with a value: an empty one
    (``accessToken: ''``, often another library's token left blank) signs nothing in."""
    for prop in obj.properties:
        if prop.key not in _OTHER_AUTH_KEYS:
            continue
        if prop.value_end - prop.value_start == 1 and (
            script.literal(prop.value_start, prop.value_end) in ("", False)
            or script.is_ident(prop.value_start, "null", "undefined")
        ):
            continue
        return True
    return False


def open_app_calls(facts: Facts) -> list[tuple[Unit, int, int]]:
    """``(unit, callee_index, paren_index)`` of every ``qlik.openApp(...)`` and enigma.js's ``global.openDoc(...)``:
    both open an app by its id, the first argument."""
    names = frozenset({"openApp", "openDoc"})
    return [(unit, c, p) for unit in facts.project.units for c, p in unit.script.find_calls(names)]


def page_uses_capability_api(facts: Facts, page: Page) -> bool:
    """True when the page's scripts load ``js/qlik`` or configure RequireJS for it."""
    for unit in page.units:
        script = unit.script
        for index in script.string_indexes():
            value = script.string_value(index) or ""
            if value.startswith("js/qlik"):
                return True
    return any(r.unit in page.units for r in facts.require_configs)


def capability_pages(facts: Facts) -> list[Page]:
    """Pages that use the capability API."""
    return [page for page in facts.project.pages if facts.page_uses_capability_api(page)]


def uses_capability_api(facts: Facts) -> bool:
    """True when any script loads ``js/qlik`` (a mashup). A visualization extension's ``define(["js/qlik"])``
    is not one: Qlik Sense loads the extension into its own signed-in client, which hands it ``qlik``."""
    if facts.require_configs:
        return True
    loads = any((value or "").startswith("js/qlik") for _, _, value in facts.strings)
    return loads and not is_visualization_extension(facts)


def is_visualization_extension(facts: Facts) -> bool:
    """True when the project's ``.qext`` says ``"type": "visualization"`` and it has no page of its own."""
    if facts.project.pages:
        return False
    for path in facts.project.found.leftovers:
        if path.suffix.lower() != ".qext":
            continue
        try:
            descriptor = json.loads(path.read_text(encoding="utf-8-sig", errors="replace"))
        except (OSError, ValueError):
            continue
        if isinstance(descriptor, dict) and str(descriptor.get("type", "")).lower() == "visualization":
            return True
    return False


def embed_tags(facts: Facts) -> list[tuple[Page, Tag]]:
    """``<script src=".../@qlik/embed-web-components...">`` tags: qlik-embed signs the user in itself."""
    return [
        (page, tag) for page in facts.project.pages for tag in page.scripts() if EMBED_PACKAGE in (tag.get("src") or "")
    ]


def from_location(facts: Facts, config: ConfigObject, key: str) -> bool:
    """True when a property's value (or the variable it names) is read from ``window.location``."""
    prop = config.obj.get(key)
    if prop is None:
        return False
    script = config.unit.script
    start, end = (
        (prop.key_index, prop.key_index + 1)
        if prop.value_start == prop.value_end
        else (prop.value_start, prop.value_end)
    )
    text = script.span_text(start, end) + "\n" + facts.resolved_text(config.unit, start, end, depth=2)
    return bool(_LOCATION.search(text))


def is_library(facts: Facts) -> bool:
    """True when the project is a package other apps import (no page of its own; its package.json names built
    entry points, types or peer dependencies): the app that uses it owns the page and its sign-in."""
    if facts.project.pages:
        return False
    try:
        manifest = json.loads(facts.project.manifest) if facts.project.manifest else None
    except ValueError:
        return False
    if not isinstance(manifest, dict):
        return False
    entries = [str(manifest.get(key) or "") for key in ("main", "module")]
    built = any(re.match(r"^(?:\./)?(?:dist|lib|build|es|cjs|esm)/", entry) for entry in entries)
    return built or bool(manifest.get("types") or manifest.get("typings") or manifest.get("peerDependencies"))
