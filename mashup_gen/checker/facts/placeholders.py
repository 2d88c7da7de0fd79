"""Placeholders never filled in: ``your-tenant.us.qlikcloud.com``, ``<hostname>``, ``<QLIK_WEB_INTEGRATION_ID>``,
``web-integration-id-here``, ``appId: 'appId'``, an empty ``host: ""``, and the capability template's own
defaults (``your-tenant.eu.qlikcloud.com``, ``ReplaceWithYourWebIntegrationId00``, the nil GUID).

Only values that name a Qlik thing are read: the values of keys such as ``host``, ``webIntegrationId``,
``appId`` and ``clientId`` (in object literals, assignments, qlik-embed and data attributes), ``qlik.openApp``'s
argument, and hosts in URLs to Qlik (``*.qlikcloud.com`` or Qlik's own paths).
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import TYPE_CHECKING

from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts.capability import assigned_keys
from mashup_gen.checker.facts.model import Place, Placeholder
from mashup_gen.checker.facts.patterns import HEADER, QLIK_PATH
from mashup_gen.checker.facts.strings import in_hint_attribute, string_place
from mashup_gen.checker.hints import Hint
from mashup_gen.checker.js import IDENT, PUNCT, STRING, TEMPLATE, Script

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mashup_gen.checker.facts import Facts
    from mashup_gen.checker.facts.travel import Travelled
    from mashup_gen.checker.project import Unit
    from mashup_gen.checker.scan import SourceFile

# Keys (lower-case, without '-' and '_') whose value names a Qlik thing, and what that thing is.
KEYS = {
    "host": "tenant",
    "tenant": "tenant",
    "tenanturl": "tenant",
    "tenanthost": "tenant",
    "tenantdomain": "tenant",
    "qlikhost": "tenant",
    "qliktenant": "tenant",
    "qliktenanturl": "tenant",
    "webintegrationid": "web integration id",
    "qlikwebintegrationid": "web integration id",
    "appid": "app id",
    "qlikappid": "app id",
    "clientid": "client id",
    "qlikclientid": "client id",
    # qlik-embed's objectId / sheetId (React props, host objects): the chart or sheet a page shows
    "objectid": "sheet or object id",
    "sheetid": "sheet or object id",
    # an API key a server or script signs in with (apiKey: "<your-api-key>"): it cannot connect without one
    "apikey": "API key",
    "qlikapikey": "API key",
    "qlikobjectid": "sheet or object id",
    "qliksheetid": "sheet or object id",
    # where the OAuth client sends the browser back after sign-in (a host config's redirectUri, redirect_uri
    # in a token request): Qlik refuses one the client does not list, and a placeholder is never listed
    "redirecturi": "redirect URI",
}
_JSX_SUFFIXES = (".jsx", ".tsx", ".js")
_NAMED = frozenset({*KEYS.values(), "redirect URI", "sheet or object id", "JWT issuer or key id"})
_ATTRIBUTES = {
    "data-host": "tenant",
    "data-tenant": "tenant",
    "data-web-integration-id": "web integration id",
    "data-app-id": "app id",
    "app-id": "app id",
    "data-client-id": "client id",
    "object-id": "sheet or object id",  # <qlik-embed object-id="..."> (a sheet's id too, for analytics/sheet)
    "sheet-id": "sheet or object id",
    "data-redirect-uri": "redirect URI",  # qlik-embed's loader (redirect-uri on an element, the same setting)
    "redirect-uri": "redirect URI",
}

# A data attribute named for Qlik, quoted, on any start tag: data-qlik-client-id="<CLIENT_ID>".
_QLIK_DATA_ATTRIBUTE = re.compile(r"""\s(data-qlik-[A-Za-z-]+)\s*=\s*(["'])([^"'\n]*)\2""")


def _qlik_data_attribute(name: str) -> str | None:
    """What a page's own data attribute named for Qlik holds (``data-qlik-client-id``, ``data-qlik-host``,
    ``data-qlik-app-id``): the settings a script reads from ``dataset.qlikClientId``."""
    return KEYS.get(_key(name[len("data-") :])) if name.startswith("data-qlik-") else None


NIL_GUID = "00000000-0000-0000-0000-000000000000"
# {AppId}, {QSUrl}: a whole value in single braces is a placeholder in a static file (JSX and Svelte
# expressions are never read as literal values, and {{ x }} is a template expression).
_BRACE = re.compile(r"^\{[A-Za-z_][\w .-]*\}$")
_ANGLE = re.compile(r"<[A-Za-z][\w .:-]*>")  # <hostname>, <QLIK_WEB_INTEGRATION_ID>, <your tenant>
_WORDS = re.compile(
    r"""(?ix)^(?:
        your[\w .-]*                                   # your-tenant, YOUR_APP_ID, yourWebIntegrationId
      | my[-_]?(?:tenant|host|hostname|app[-_]?id|web[-_]?integration[-_]?id|client[-_]?id|issuer|key[-_]?id)\b[\w.-]*
      | (?:please[-_ ]?)?(?:replace|insert|enter|put|paste|fill|add)[-_ ]?
        (?:with|your|in|here|the|app|tenant|web|client|host)[\w .-]*
      | [\w.-]*[-_ ]here                              # web-integration-id-here
      | [\w-]+(?:\ [\w-]+)*\ (?:goes|comes)\ here        # app id goes here
      | x{3,} | \.{3} | todo | tbd | changeme | change[-_]me | placeholder | dummy
      | (?:replace|fill|set|update)[-_ ]?me
      | x{4,}(?:-x{4,})+                               # xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx: a GUID to fill in
      | \[[a-z_][\w .-]*\]                             # [YOUR_APP_ID], [tenant]
      | \*{3,}                                        # ***** (blotted out)
      | [\w-]{4,}(?:\.{3,}|…)                         # dc7755d243d14d...... (cut short when published)
      | (?:qlik[-_]?)?(?:app[-_ ]?id|web[-_ ]?integration[-_ ]?id|client[-_ ]?id)   # the key's own name
      | (?:qlik[-_]?)?(?:host(?:name)?|tenant(?:[-_]?(?:url|name|host))?)
    )$"""
)
_HOST_LABEL = re.compile(
    r"(?i)^(?:your[\w-]*|my[-_]?(?:tenant|host|hostname|qlik|site|org|company)(?:[-_][\w-]*)?"
    r"|tenant|tenant[-_]?name|hostname|example|x{3,})$"  # xxx.us.qlikcloud.com: a tenant name blotted out
)
_EXAMPLE_DOMAIN = re.compile(r"\.(?:example|invalid)$")
# The port may be a placeholder too: http://<hostname>:<port>/resources/...
# A host's labels may each be a placeholder of their own: https://<tenant>.<region>.qlikcloud.com,
# https://{tenant}.qlikcloud.com, https://[tenant].qlikcloud.com, https://YOUR_TENANT.us.qlikcloud.com.
_LABEL = r"(?:<[^<>\s/.]+>|\{[A-Za-z_][\w-]*\}|\[[A-Za-z_]{2,}[\w-]*\]|[A-Za-z0-9_-]+)"
_URL_HOST = re.compile(rf"\b(?:https?|wss?)://({_LABEL}(?:\.{_LABEL})*)(?::(?:\d+|<[^<>\s/]+>))?(/[^\s\"'`<>\\]*)?")
# A label that is a placeholder whatever the others are: <tenant>, {region}, [tenant].
_PLACEHOLDER_LABEL = re.compile(r"^(?:<[^<>]+>|\{[^{}]+\}|\[[A-Za-z_]{2,}[^\[\]]*\])$")


def is_placeholder(value: str, allow_empty: bool = False) -> bool:
    """True when ``value`` is a placeholder for a Qlik value (empty counts when ``allow_empty``)."""
    stripped = value.strip()
    if not stripped:
        return allow_empty
    if is_dynamic(stripped):
        return False
    if stripped.lower() == NIL_GUID or _ANGLE.search(stripped) or _WORDS.match(stripped) or _BRACE.match(stripped):
        return True
    host = re.sub(r"^[a-z]+://", "", stripped, flags=re.I).split("/", 1)[0].split(":", 1)[0].lower()
    if _BRACE.match(host):
        return True  # https://{QSUrl}/jwt
    # Top-level names reserved for documentation (RFC 2606): a tenant written as elastic.example is an example.
    return "." in host and (is_placeholder_host(host) or bool(_EXAMPLE_DOMAIN.search(host)))


def is_placeholder_host(host: str) -> bool:
    """True for a host that stands for "your tenant": ``your-tenant.us.qlikcloud.com``, ``my-tenant.qcs.com``,
    ``tenant.eu.qlikcloud.com``, ``<hostname>``."""
    if _ANGLE.fullmatch(host.strip()):
        return True
    if "." in host and any(_PLACEHOLDER_LABEL.match(label) for label in host.split(".")):
        return True  # <tenant>.<region>.qlikcloud.com, acme.{region}.qlikcloud.com
    first = host.split(".", 1)[0]
    return bool(_HOST_LABEL.match(first)) and "." in host


def _key(name: str) -> str:
    return name.replace("-", "").replace("_", "").lower()


def _names_itself(attribute: str, value: str) -> bool:
    """``object-id="OBJECT_ID"``, ``data-app-id="APP_ID"``: the attribute's own name written as its value."""
    return bool(value.strip()) and _key(value) == _key(attribute.removeprefix("data-"))


# The keys a JSX prop is judged under below (a tenant prop is judged with the other tenant mentions).
_PROP_KEYS = tuple(key for key, what in KEYS.items() if what != "tenant")


def _may_name_a_prop_key(code: str) -> bool:
    """False when no JSX prop in ``code`` can have a name of :data:`_PROP_KEYS`, so its syntax tree need not be
    read for them: no element (no ``<``), or no such key in ``_key(code)`` (a prop's name is in the code, and
    :func:`_key` of a part of a text is a part of :func:`_key` of the text: it drops ``-``/``_`` and lower-cases
    letter by letter)."""
    if "<" not in code:
        return False
    squashed = _key(code)
    return any(key in squashed for key in _PROP_KEYS)


def placeholders(facts: Facts) -> list[Placeholder]:
    """Every placeholder in a value that names a tenant, a web integration id, an app id or a client id."""
    found: dict[tuple[int, int], Placeholder] = {}
    spans: dict[tuple[int, str], list[tuple[int, int]]] = {}

    def add(place: Place, value: str, what: str, used: str = "") -> None:
        # One placeholder once: the host found inside a URL already reported whole is the same one.
        taken = spans.setdefault((id(place.file), what), [])
        if any(start < place.end and place.start < end for start, end in taken):
            return
        taken.append((place.start, place.end))
        found.setdefault((id(place.file), place.start), Placeholder(place, value, what, used))

    # An empty tenant, id or app id in a Qlik config object (the capability API's, RequireJS's, or a library's
    # connection config such as enigma.js's buildUrl config) is one left to be filled in.
    configs = {
        (id(c.unit), c.obj.open, c.obj.close)
        for c in (*facts.configs, *facts.require_configs, *facts.connection_configs)
    }
    # Keys the code assigns after the literal (config.host = location.host): an empty one there is a default.
    later = {(id(c.unit), c.obj.open): c.later for c in (*facts.configs, *facts.connection_configs)}
    for unit, opener, keys in _engine_url_objects(facts):
        configs.add((id(unit), opener, -1))
        later[(id(unit), opener)] = keys
    # The capability API's own configs (isSecure, prefix, port beside the host; RequireJS's) need the web
    # integration id whatever else they hold; an object with only a host is any library's.
    capability = {
        (id(c.unit), c.obj.open)
        for c in facts.configs
        if {p.key for p in c.obj.properties} & {"isSecure", "prefix", "port"}
    } | {(id(c.unit), c.obj.open) for c in facts.require_configs}
    for unit in facts.project.units:
        script = unit.script
        keyed = list(_keyed_values(script))
        # Objects that name an OAuth client (a real client id): they sign in with OAuth2, where the cookie flow's
        # web integration id, left empty beside it for the other sign-in, is never sent.
        oauth = _oauth_objects(script) if "lient" in script.code else set()
        for key_index, value_index, key in keyed:
            what = KEYS.get(_key(key))
            if what is None:
                continue
            value = script.string_value(value_index) or ""
            if value == key and _ENV_NAME.fullmatch(key):
                continue  # QLIK_TENANT_URL: 'QLIK_TENANT_URL': a table of environment variables' names, no value
            opener = script.parent(key_index)
            in_config = any(u == id(unit) and a == opener for u, a, _ in configs)
            if not value and key in later.get((id(unit), opener), ()):
                continue  # left empty for the code to fill in
            if not value and initial_state(script, opener):
                continue  # useState({ host: '' }): the state's first value, which the code sets when it loads
            if what == "web integration id" and not value and opener in oauth and (id(unit), opener) not in capability:
                continue
            if is_placeholder(value, allow_empty=in_config and what in ("tenant", "web integration id", "app id")):
                if value and _default_replaced(script, opener, facts):
                    continue
                add(string_place(unit, value_index), value, what)
    for unit in facts.project.units:  # JSX props: <QlikEmbed appId="<app-id>" objectId="YOUR_OBJECT_ID" />
        code = unit.script.code
        jsx = "=" in code and unit.file.path.suffix.lower() in _JSX_SUFFIXES and _may_name_a_prop_key(code)
        syntax = unit.syntax if jsx else None
        for attribute in syntax.attributes if syntax is not None else ():
            what = KEYS.get(_key(attribute.name))
            value = attribute.value or ""
            if (
                what is not None
                and what != "tenant"
                and attribute.literal
                and (is_placeholder(value) or _names_itself(attribute.name, value))
            ):
                add(Place(unit.file, attribute.start, attribute.end), attribute.value or "", what)
    for mention in facts.id_mentions:  # headers, qlik-web-integration-id= parameters, data attributes
        if is_placeholder(mention.value):
            add(mention.place, mention.value, "web integration id")
    for unit, _callee, paren in facts.open_app_calls:
        args = unit.script.call_arguments(paren)
        if args and args[0][1] - args[0][0] == 1 and unit.script.tokens[args[0][0]].kind in (STRING, TEMPLATE):
            value = unit.script.string_value(args[0][0]) or ""
            if is_placeholder(value, allow_empty=True):
                add(string_place(unit, args[0][0]), value, "app id")
    for page, tag, name in facts.attributes:
        attribute = tag.attributes[name]
        what = _ATTRIBUTES.get(name) or _qlik_data_attribute(name)
        if what is not None and _unfilled_in_static_page(page.file.path.name, attribute.value):
            add(Place(page.file, attribute.start, attribute.end), attribute.value, what)
        elif what is not None and (
            is_placeholder(
                attribute.value,
                allow_empty=tag.name == "qlik-embed"
                and what != "sheet or object id"
                and name not in facts.attributes_set_by_code,
            )
            or _names_itself(name, attribute.value)
        ):
            add(Place(page.file, attribute.start, attribute.end), attribute.value, what)
        elif "://" in attribute.value:
            for start, end, host in _placeholder_hosts(attribute.value):
                add(Place(page.file, attribute.start + start, attribute.start + end), host, "tenant")
    for page in facts.project.pages:
        text = page.file.text
        if "data-qlik-" not in text:
            continue
        # Settings written as data attributes named for Qlik on an element the tag list does not keep (<body
        # data-qlik-client-id="...">, read from document.body.dataset.qlikClientId).
        for m in _QLIK_DATA_ATTRIBUTE.finditer(text):
            what = _qlik_data_attribute(m.group(1).lower())
            value = m.group(3)
            if what is not None and is_placeholder(value):
                add(Place(page.file, m.start(3), m.end(3)), value, what)
    for place, value, what in _fallback_values(facts):
        add(place, value, what)
    for place, value, what in _env_values(facts):
        add(place, value, what)
    for place, value, what in _config_values(facts):
        add(place, value, what)
    for place, value, what in _interpolated_values(facts):
        add(place, value, what)
    for place, value, what in _other_code_values(facts):
        add(place, value, what)
    for place, value in _object_id_arguments(facts):
        add(place, value, "sheet or object id")
    production = _set_for_production(facts) if facts.project.env_files else frozenset()
    for value in facts.travelled:
        # A name that does not say what it holds (``export const ID = "YOUR_APP_ID"``) is judged by its use.
        if value.what not in _NAMED:
            continue  # an auth type is judged by the host config rules
        if value.what == "tenant" and not value.qlik and "qlikcloud" not in value.value.lower():
            continue  # ``host`` alone is any server's, unless the value names Qlik Cloud
        used_as = value.used_as.removeprefix(" (used as ").removesuffix(")")
        if not value.value.strip():
            if value.qlik and value.what in _REQUIRED and _left_empty(facts, value):
                add(value.defined, value.value, value.what, used_as)
            continue
        if (is_placeholder(value.value) or _is_placeholder_url_or_value(value.value)) and not _environment_default(
            value
        ):
            if value.env and value.defined.file.path.name == ".env" and value.name in production:
                continue  # .env.production's real value is what the build deploys
            if not value.env and _default_replaced_at(facts, value.defined):
                continue  # a settings object's default, replaced at run time
            add(value.defined, value.value, value.what, used_as)
    for unit, index, value in facts.strings:
        if "://" in value and not _is_prose(value):
            place = string_place(unit, index)
            raw = unit.file.text[place.start : place.end]
            hosts = _placeholder_hosts(raw)
            if hosts and _default_replaced(unit.script, unit.script.parent(index), facts):
                continue  # a settings object's default, replaced at run time
            for start, end, host in hosts:
                if not in_hint_attribute(raw, start) and not _filled_by_code(unit.script.code, host):
                    add(Place(unit.file, place.start + start, place.start + end), host, "tenant")
    replaced = replaced_in_production(facts)
    kept = [p for p in found.values() if not replaced or p.place.file.path.resolve() not in replaced]
    kept = [p for p in kept if not documentation_template(facts, p.place.file)]
    templates = {id(p.place.file) for p in kept if _unloaded_template(facts, p.place.file)}
    kept = [p for p in kept if id(p.place.file) not in templates]
    schemes = generator_schemes(facts) if kept else frozenset()
    if schemes:
        kept = [p for p in kept if _slot_scheme(p.value) not in schemes]
    return sorted(kept, key=lambda p: (p.place.display, p.place.start))


# A substitution slot: a word and more, joined by "_" or "-", between <>, [] or {} (<replace_APPID>, [TOKEN_x]).
_SLOT = re.compile(r"([<\[{])([A-Za-z]+)[_-][\w.-]*[>\]}]")
# A page's class lists (class="...", JSX's className="..."): names for style sheets and scripts, never a value a
# person fills in.
_CLASS_LIST = re.compile(r"""\sclass(?:Name)?\s*=\s*(["'])([^"'\n]*)\1""")


def _slot_scheme(value: str) -> tuple[str, str] | None:
    """The spelling of the slot ``value`` holds: its opening bracket and first word (``("<", "replace")`` for
    ``<replace_APPID_From_Qlik>``); None when it holds none."""
    match = _SLOT.search(value)
    return (match.group(1), match.group(2).lower()) if match else None


def generator_schemes(facts: Facts) -> frozenset[tuple[str, str]]:
    """The slot spellings the project also writes where no person types a value: a whole class name in a class
    list (``class="nav-link <replace_ASSISTANT_Class>"``). Such a slot can only be filled by a program, so the
    folder is a code generator's template (a scaffolding tool or an editor extension copies it and writes the
    real values over every slot of that spelling), not an app left unconfigured."""
    found: set[tuple[str, str]] = set()
    for page in facts.project.pages:
        text = page.file.text
        if "class" not in text:
            continue
        for match in _CLASS_LIST.finditer(text):
            for name in match.group(2).split():
                slot = _SLOT.fullmatch(name)
                if slot is not None:
                    found.add((slot.group(1), slot.group(2).lower()))
    return frozenset(found)


def _object_id_arguments(facts: Facts) -> list[tuple[Place, str]]:
    """Object ids left as placeholders where a Qlik call takes them: the capability API's
    ``app.getObject(element, '<OBJECT_ID>')`` (the id is the second argument) and nebula.js's
    ``n.render({ element, id: 'YOUR_OBJECT_ID' })``."""
    found: list[tuple[Place, str]] = []
    for unit in facts.project.units:
        script = unit.script
        if not unit.in_browser or ("getObject" not in script.code and "render" not in script.code):
            continue
        for callee, paren in script.find_calls(frozenset({"getObject", "render"})):
            if not script.is_punct(callee - 1, "."):
                continue
            args = script.call_arguments(paren)
            index = None
            if script.text(callee) == "getObject" and len(args) >= 2 and args[1][1] - args[1][0] == 1:
                index = args[1][0]
            elif script.text(callee) == "render" and len(args) == 1:
                obj = script.object_at(args[0][0])
                prop = obj.get("id") if obj is not None and obj.get("element") is not None else None
                if prop is not None and prop.value_end - prop.value_start == 1:
                    index = prop.value_start
            if index is None or script.tokens[index].kind not in (STRING, TEMPLATE):
                continue
            value = script.string_value(index) or ""
            if value and is_placeholder(value):
                found.append((string_place(unit, index), value))
    return found


def _unloaded_template(facts: Facts, file: SourceFile) -> bool:
    """True for a script named as a template (``js/config.example.js``, ``config.sample.js``) that no page loads
    and no other file names: the file a developer copies to ``config.js`` and fills in, whose placeholders are
    the reader's to replace. A template a page loads, or code imports, is the app's settings."""
    from mashup_gen.source.configfiles import is_template

    path = file.path
    if not is_template(path.name) or path.suffix.lower() not in (".js", ".mjs", ".cjs", ".ts"):
        return False
    project = facts.project
    if any(unit.file is file for page in project.pages for unit in page.units):
        return False
    name = path.stem  # config.sample: an import names it without its extension (from "../config.sample")
    return not any(name in unit.script.code for unit in project.units if unit.file is not file) and not any(
        name in page.file.text for page in project.pages
    )


# A documentation folder: its pages and snippets show how to set the app up, with the values left for the reader.
_DOCUMENTATION = re.compile(r"(?i)(?:^|/)(?:docs?|documentation)/")


def documentation_template(facts: Facts, file: SourceFile) -> bool:
    """True when ``file`` sits in the project's documentation folder (docs/) while the app outside it names its
    tenant: an example page there (``docs/examples/cookie.html`` with ``data-host="https://<TENANT>..."``) shows
    the reader what to fill in, it is not the app left unconfigured. Where nothing outside docs/ names a tenant,
    docs/ may be the site itself (GitHub Pages serves it), and its placeholders are the app's."""
    if not _DOCUMENTATION.search(facts.project.relative(file.path)):
        return False
    return any(
        not is_placeholder_host(mention.host)
        and not _DOCUMENTATION.search(facts.project.relative(mention.place.file.path))
        for mention in facts.tenant_mentions
    )


_MAX_OBJECT_DEPTH = 4  # object literals looked through for the declaration holding them: { qlik: { host } }


# Functions whose argument is a state's first value, which the app replaces as it runs: React's createContext,
# useState and useReducer, Vue's ref and reactive, Svelte's writable, signals, RxJS's BehaviorSubject, atoms.
_STATE_CONTAINERS = frozenset(
    {
        "createContext",
        "useState",
        "useReducer",
        "useRef",
        "ref",
        "reactive",
        "shallowRef",
        "shallowReactive",
        "writable",
        "signal",
        "createSignal",
        "createStore",
        "BehaviorSubject",
        "atom",
        "observable",
        "useStorage",
        "useLocalStorage",
        "useSessionStorage",
    }
)


def initial_state(script: Script, opener: int) -> bool:
    """True when the object literal opened at ``opener`` is passed whole to a state container
    (``createContext<Settings>({ host: '', clientId: '' })``, ``useState({...})``, Vue's ``ref({...})``,
    ``writable({...})``, ``new BehaviorSubject({...})``): the state's first value, empty until the app loads its
    settings and sets the state (a Provider's value, setState, ``state.value = ...``)."""
    paren = script.parent(opener)
    if (
        paren <= 0
        or not script.is_punct(paren, "(")
        or not (script.is_punct(opener - 1, "(") or script.is_punct(opener - 1, ","))
    ):
        return False
    at = paren - 1
    if script.is_punct(at, ">"):  # a TypeScript type argument: createContext<Settings>(
        depth = 0
        while at > 0:
            if script.is_punct(at, ">"):
                depth += 1
            elif script.is_punct(at, "<"):
                depth -= 1
                if depth == 0:
                    break
            at -= 1
        at -= 1
    return at >= 0 and script.is_ident(at) and script.text(at) in _STATE_CONTAINERS


def _default_replaced(script: Script, opener: int, facts: Facts) -> bool:
    """True when the object literal opened at ``opener`` is (inside) the initial value of a variable the code
    later assigns anew or merges into: ``let config = { host: 'https://your-tenant...' }`` then
    ``config = { ...config, ...(await r.json()) }`` (or ``Object.assign(config, loaded)``), a settings object
    whose literal holds the defaults that the run-time settings (a fetched config.json, a settings screen)
    replace. Its placeholders are what the page shows before it has loaded them, not values left to fill in.
    So too an object another file takes as the first value of a field it replaces the same way (an Angular
    service's ``config: QlikConfig = environment.qlik;`` that ``load()`` sets to ``assets/config.json``)."""
    if opener == -1 or not script.is_punct(opener, "{"):
        return False
    declared = {start: name for name, (start, _end) in script.declarations.items()}
    at = opener
    for _ in range(_MAX_OBJECT_DEPTH):
        if at == -1 or not script.is_punct(at, "{"):
            return False
        name = declared.get(at)
        if name is not None:
            code, after = script.code, script.tokens[at].start  # after the literal: no declaration there
            if _replaced_later(code, name, after):
                return True
            return _taken_and_replaced(facts, name)
        at = script.parent(at)
    return False


def _replaced_later(code: str, name: str, after: int) -> bool:
    """True when ``code`` assigns ``name`` (or ``this.name``) anew, or merges into it, from offset ``after`` on."""
    target = re.escape(name)
    later = re.compile(rf"(?<![\w$.])(?:this\.)?{target}\s*=(?![=>])|\bObject\.assign\(\s*(?:this\.)?{target}\s*,")
    return later.search(code, after) is not None


def _taken_and_replaced(facts: Facts, name: str) -> bool:
    """True when some script starts a variable or field with ``name`` or a member of it
    (``config: QlikConfig = environment.qlik;``) and later assigns that variable or field anew."""
    taken = re.compile(
        rf"(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?::\s*[\w$.<>\[\]| ]+)?=\s*{re.escape(name)}(?:\.[A-Za-z_$][\w$]*)*\s*[;\n]"
    )
    for unit in facts.project.units:
        code = unit.script.code
        if name not in code:
            continue
        for m in taken.finditer(code):
            if _replaced_later(code, m.group(1), m.end()):
                return True
    return False


def _default_replaced_at(facts: Facts, place: Place) -> bool:
    """:func:`_default_replaced` for the string whose contents are at ``place`` (a value followed to its use)."""
    for unit in facts.project.units:
        script = unit.script
        if unit.file is not place.file or not script.offset <= place.start <= script.offset + len(script.code):
            continue
        at = place.start - 1 - script.offset  # the opening quote
        starts = [token.start for token in script.tokens]
        index = bisect.bisect_left(starts, at)
        if index < len(starts) and starts[index] == at:
            return _default_replaced(script, script.parent(index), facts)
    return False


def replaced_in_production(facts: Facts) -> frozenset[Path]:
    """Files Angular's production build swaps for others (angular.json's ``fileReplacements`` under the
    ``production`` configuration, which ``ng build`` uses by default): ``environment.ts`` then holds a
    developer's settings for ``ng serve``, not the deployed app's, like ``.env.development``. (What the
    replacement lacks is build-env-missing's to report.)"""
    from mashup_gen.source.bundlers import angular_file_replacements

    project = facts.project
    manifest = project.root_configs.get("angular.json") if project.may_exist(project.root / "angular.json") else None
    if manifest is None:
        return frozenset()
    return frozenset(
        (project.root / replace).resolve()
        for configuration, replace, replacement in angular_file_replacements(manifest)
        if configuration == "production" and (project.root / replacement).is_file()
    )


# ``NAME.key`` read in an engine socket URL (`wss://${config.host}${config.prefix}app/${config.appId}`).
_MEMBER = re.compile(r"(?<![\w$.])([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)")


def _engine_url_objects(facts: Facts) -> list[tuple[Unit, int, frozenset[str]]]:
    """``(unit, opener, later keys)`` of the object literals whose properties an engine socket URL reads
    (``const config = { host: '', appId: '' }`` then `wss://${config.host}/app/${config.appId}`): the engine's
    settings, whatever else the object is called or holds, so an empty tenant or app id there is one left to
    fill in."""
    found: list[tuple[Unit, int, frozenset[str]]] = []
    seen: set[tuple[int, int]] = set()
    for url in facts.engine_urls:
        text = url.place.file.text[url.place.start : url.place.end]
        for name in {m.group(1) for m in _MEMBER.finditer(text)}:
            declared = facts.declarations.get(name)
            if declared is None:
                continue
            unit, (opener, _end) = declared
            if not unit.script.is_punct(opener, "{") or (id(unit), opener) in seen:
                continue
            seen.add((id(unit), opener))
            found.append((unit, opener, assigned_keys(facts, name)))
    return found


# Values Qlik cannot do without: an empty one that reaches a certain Qlik use (``var appId = "";`` then
# ``qlik.openApp(appId, config)``) was left to be filled in.
_REQUIRED = frozenset({"tenant", "web integration id", "app id", "client id"})


def _left_empty(facts: Facts, value: Travelled) -> bool:
    """True when an empty value is what the code runs with: a variable no code assigns again, or an env file's
    entry (``VITE_QLIK_HOST=`` in ``.env``) that no other env file of the project sets. A developer's own env
    files (``.env.local``, ``.env.development``) are not the deployment's."""
    if not value.env:
        return not _a_fallback(value) and _never_reassigned(value)
    if value.dev_only:
        return False
    from mashup_gen.source.envfiles import entries

    return not any(
        entry.key == value.name and entry.value.strip()
        for source in facts.project.env_files
        for entry in entries(source.text)
    )


def _a_fallback(value: Travelled) -> bool:
    """True when the empty literal is the last resort of ``a || b || ""`` (or ``??``) and the code then checks
    for it (``if (!appId || !objectId) throw ...``): the value comes from elsewhere, and a missing one is told,
    not sent to Qlik. Without such a check the empty value is what the page runs with by default."""
    text = value.defined.file.text
    before = text[: max(value.defined.start - 1, 0)].rstrip()  # before the opening quote
    if not before.endswith(("||", "??")):
        return False
    if _environment_default(value):
        return True
    name = value.name.rsplit(".", 1)[-1]
    if not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
        return False
    after = text[value.defined.end :]
    return bool(re.search(rf"(?:if\s*\(\s*|\|\|\s*|&&\s*)!\s*{re.escape(name)}\b", after))


_READS_ENVIRONMENT = re.compile(r"\bprocess\.env\b|\bDeno\.env\b")


def _environment_default(value: Travelled) -> bool:
    """True for the literal at the end of ``process.env.CLIENT_ID || "..."`` (or ``??``) used by server code:
    the value is the environment the server is started with, which the project does not hold; the literal is
    only the default when it is unset. (A browser bundle's env values are the project's own env files', judged
    where they are written.)"""
    if value.browser:
        return False
    text = value.defined.file.text
    before = text[: max(value.defined.start - 1, 0)].rstrip()  # before the opening quote
    if not before.endswith(("||", "??")):
        return False
    return bool(_READS_ENVIRONMENT.search(before[before.rfind("\n") + 1 :]))


def _never_reassigned(value: Travelled) -> bool:
    """True when the variable an empty value is declared in is assigned only there: ``let appId = "";`` that
    code later sets (``appId = params.get("app")``) is a default, not a value left to fill in."""
    name = value.name
    if not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
        return False  # config.appId, an env name: other code may set it
    assignments = re.findall(rf"(?<![\w$.]){re.escape(name)}\s*=(?![=>])", value.defined.file.text)
    return len(assignments) == 1


# The value of ``name = <expression> || 'literal'`` (or ``??``) or ``name = 'literal'``: the literal is used
# whenever the expression is empty, so a placeholder there is what the page runs with by default.
# A name that says it holds a Qlik value, given a string fallback in the same statement: only then is the
# syntax tree read (reading it for every script would cost more than the rest of this rule).
_FALLBACK_HINT = re.compile(r"""(?i)(?:host|tenant|url|id)\w*\s*=[^;\n]*(?:\|\||\?\?)\s*["'`]""")
# A character a name and the blanks before its "=" are made of (\w and \s on ASCII text, as re reads them).
_NAME_OR_BLANK = frozenset(c for c in map(chr, range(128)) if re.match(r"[\w\s]", c))


class _FallbackHint(Hint):
    """:data:`_FALLBACK_HINT` answered from its fallback strings: the part is searched only in the statement
    before each ``|| "`` (``??``). Its "id" is in half the words of a script (width, valid, grid...), and
    from each the ``[^;\n]*`` ran to the end of the statement: a search of every script took 1.5 % of a check.

    Every match ends at a fallback (``requires``' match at ``j``, where ``||`` or ``??`` starts) and has no
    ``;`` or line break between its ``=`` and there; so its ``=`` is after the last ``;`` or line break
    before ``j`` (at ``b``), and what is before the ``=`` (a name and blanks) is all word characters and
    blanks: the match starts after ``b``, or, when ``b`` is a line break, within the run of word characters
    and blanks that ends there. The part is searched from that start to the end of the last fallback after
    ``b`` (it has neither a look-behind nor an anchor, so its matches there are its matches in the whole
    text)."""

    def _search(self, text: str) -> bool:
        if not text.isascii():
            return self.definition.search(text) is not None
        lower = text.lower()
        if not any(n in lower for n in self.needs):
            return False
        assert self.requires is not None
        (part,) = self.parts
        window_start = window_end = -1
        for j in _operators(lower):
            tail = self.requires.match(lower, j)
            if tail is None:
                continue
            b = max(lower.rfind(";", 0, j), lower.rfind("\n", 0, j))
            start = b + 1
            if b >= 0 and lower[b] == "\n":
                while start > 0 and lower[start - 1] in _NAME_OR_BLANK:
                    start -= 1
            if start != window_start:  # a new statement: the one before is searched up to its last fallback
                if window_end != -1 and part.search(lower, window_start, window_end) is not None:
                    return True
                window_start = start
            window_end = tail.end()
        return window_end != -1 and part.search(lower, window_start, window_end) is not None


def _operators(lower: str) -> list[int]:
    """Where ``||`` or ``??`` starts in ``lower`` (overlapping ones too), in order: found with str.find, where
    re tried the fallback's expression at every character."""
    found = []
    for operator in ("||", "??"):
        at = lower.find(operator)
        while at != -1:
            found.append(at)
            at = lower.find(operator, at + 1)
    found.sort()
    return found


_QUICK_FALLBACK_HINT = _FallbackHint(
    _FALLBACK_HINT,
    parts=(re.compile(r"""(?:host|tenant|url|id)\w*\s*=[^;\n]*(?:\|\||\?\?)\s*["'`]"""),),
    needs=("||", "??"),
    requires=re.compile(r"""(?:\|\||\?\?)\s*["'`]"""),  # the definition's end: a fallback string
)
_FALLBACK = re.compile(r"""(?:^|\|\||\?\?)\s*(["'`])((?:(?!\1).)*)\1\s*$""", re.S)


def _fallback_values(facts: Facts) -> list[tuple[Place, str, str]]:
    """Placeholders assigned to a name that says what it holds (``const tenantUrl = params.get('tenant') ||
    'https://your-tenant-url-here'``), read from the syntax trees."""
    found = []
    for unit in facts.project.units:
        if not _QUICK_FALLBACK_HINT.search(unit.script.code):
            continue  # no `|| "..."` anywhere: nothing to read the tree for
        syntax = unit.syntax
        if syntax is None:
            continue
        for assignment in syntax.assignments:
            what = KEYS.get(_key(assignment.target.rsplit(".", 1)[-1]))
            if what is None:
                continue
            m = _FALLBACK.search(assignment.value)
            if m is None or "${" in m.group(2) or not _is_placeholder_url_or_value(m.group(2)):
                continue
            if _environment_set(facts, unit, assignment.value[: m.start()]):
                continue  # the environment's value is what runs; the literal is a default never used
            end = assignment.start + m.end(2)
            found.append((Place(unit.file, end - len(m.group(2)), end), m.group(2), what))
    return found


# An environment variable read in code: ``process.env.NAME``, ``process.env["NAME"]``, ``import.meta.env.NAME``.
_ENV_READ = re.compile(
    r"""\b(process\.env|Deno\.env|import\.meta\.env)(?:\.([A-Za-z_$][\w$]*)|\[\s*["'`]([^"'`]+)["'`]\s*\])"""
)
# Env files that document the settings instead of giving them (.env.example, .env.sample, .env.template).
_EXAMPLE_ENV = re.compile(r"(?i)example|sample|template|dist|defaults?\b")


def _environment_set(facts: Facts, unit: Unit, expression: str) -> bool:
    """True when ``expression``, the part of ``NAME = <expression> || 'literal'`` before the fallback, reads an
    environment variable that supplies the value: in server code, the environment the server is started with
    (which the project does not hold, so the literal is only the default when it is unset); in a browser bundle,
    a variable one of the project's own env files (not an example, not a developer's local one) sets to a real
    value, which the bundler writes in instead."""
    reads = list(_ENV_READ.finditer(expression))
    if not reads:
        return False
    if not unit.in_browser and any(m.group(1) != "import.meta.env" for m in reads):
        return True
    from mashup_gen.source.envfiles import entries, is_local

    names = {m.group(2) or m.group(3) for m in reads}
    return any(
        entry.key in names and entry.value.strip() and not is_placeholder(entry.value)
        for source in facts.project.env_files
        if not is_local(source.path.name) and not _EXAMPLE_ENV.search(source.path.name)
        for entry in entries(source.text)
    )


def _is_placeholder_url_or_value(value: str) -> bool:
    if is_placeholder(value):
        return True
    # https://your-tenant-url-here: a URL whose host is one placeholder word, without a domain
    m = re.match(r"^[a-z]+://([^/:?#]+)", value.strip(), re.I)
    return bool(m and "." not in m.group(1) and _HOST_LABEL.match(m.group(1).split("-url")[0]))


def env_value_kind(name: str) -> str | None:
    """What an environment variable names: ``VITE_QLIK_TENANT_URL`` a tenant, ``NEXT_PUBLIC_CLIENT_ID`` a
    client id; None when it names nothing Qlik."""
    key = _key(name)
    for part, what in (
        ("webintegrationid", "web integration id"),
        ("clientid", "client id"),
        ("apikey", "API key"),
        ("appid", "app id"),
        ("tenant", "tenant"),
        ("host", "tenant"),
        ("redirect", "redirect URI"),
        ("callback", "redirect URI"),
        ("sheetid", "sheet or object id"),
        ("objectid", "sheet or object id"),
        ("issuer", "JWT issuer or key id"),
        ("keyid", "JWT issuer or key id"),
    ):
        if part in key:
            return what
    return None


def _env_values(facts: Facts) -> list[tuple[Place, str, str]]:
    """Placeholders in ``.env`` files (``VITE_QLIK_TENANT_URL="<YOUR_QLIK_TENANT_URL>"``): the line that must
    change, wherever the code reads it. ``.env.example`` files are templates and hold placeholders by design."""
    from mashup_gen.source.envfiles import entries, is_template

    found = []
    production = _set_for_production(facts)
    for source in facts.project.env_files:
        if is_template(source.path.name):
            continue
        overridden = production if source.path.name == ".env" else set()
        found += _placeholders_set(
            source, ((e.key, e.value, e.start, e.end) for e in entries(source.text) if e.key not in overridden)
        )
    if not found:
        return found
    # A variable that no file of the project names is read by nothing: its placeholder never reaches a page.
    read = _names_read(facts, {_env_key(place) for place, _, _ in found} - {""})
    return [(place, value, what) for place, value, what in found if _env_key(place) in read]


def _set_for_production(facts: Facts) -> frozenset[str]:
    """Variables ``.env.production`` sets to a real value. The production build reads them over ``.env`` (Vite,
    Create React App, Vue CLI and Next.js all let the mode's file win), so ``.env``'s placeholder for the same
    variable is a developer's default, never deployed."""
    from mashup_gen.source.envfiles import entries

    return frozenset(
        e.key
        for source in facts.project.env_files
        if source.path.name == ".env.production"
        for e in entries(source.text)
        if e.value.strip() and not is_placeholder(e.value) and not _is_placeholder_url_or_value(e.value)
    )


def _env_key(place: Place) -> str:
    """The variable an env file's entry sets, from the line holding ``place`` (``VITE_APP_ID=<app id>``)."""
    text = place.file.text
    line = text[text.rfind("\n", 0, place.start) + 1 : place.start]
    m = re.match(r"\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*[=:]", line)
    return m.group(1) if m else ""


# The project's files that can read an environment variable by name: code in any language, pages and their
# templates, build and deployment configuration (Dockerfile, docker-compose.yml, a CI workflow).
_READER_SUFFIXES = frozenset(
    (
        ".js .jsx .mjs .cjs .ts .tsx .mts .cts .vue .svelte .astro .html .htm .ejs .hbs .handlebars .njk .pug "
        ".php .py .cs .cshtml .razor .java .kt .go .rb .rs .json .yml .yaml .toml .sh .ps1 .xml .config .gradle "
        ".properties"
    ).split()
)
_READ_LIMIT = 2_000_000  # bytes of one file read for names: a bundle or data dump names nothing of its own


def _names_read(facts: Facts, names: set[str]) -> set[str]:
    """The ``names`` (environment variables) that some file of the project other than an env file mentions."""
    root = facts.project.root
    pattern = re.compile(r"(?<![\w$])(" + "|".join(re.escape(n) for n in sorted(names)) + r")(?![\w$])")
    found: set[str] = set()
    for relative in facts.project_files:
        path = root / relative
        name = path.name.lower()
        if name.startswith(".env") or not (path.suffix.lower() in _READER_SUFFIXES or name.startswith("dockerfile")):
            continue
        try:
            if path.stat().st_size > _READ_LIMIT:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found.update(pattern.findall(text))
        if found == names:
            break
    return found


def _placeholders_set(source: SourceFile, named: Iterable[tuple[str, str, int, int]]) -> list[tuple[Place, str, str]]:
    """The settings ``(name, value, start, end)`` of ``source`` whose name is a Qlik value's and whose value is
    a placeholder: an env file's entries, a configuration file's settings, another language's assignments."""
    found = []
    for key, value, start, end in named:
        what = env_value_kind(key)
        if what is not None and value.strip() and (is_placeholder(value) or _is_placeholder_url_or_value(value)):
            found.append((Place(source, start, end), value, what))
    return found


_QLIK_WORD = re.compile(r"(?i)qlik|web_?integration")


# A name interpolated where a Qlik URL holds the tenant (`wss://${HOST}/app/...`, `https://${HOST}/api/v1/...`,
# `${TENANT_URL}/api/v1/...`) or the engine socket's app id (`wss://.../app/${APP}?...`).
_AT_HOST = re.compile(r"(?:wss?|https?)://\$\{\s*([A-Za-z_$][\w$]*)\s*\}(?=[/:?]|$)")
_AT_BASE = re.compile(r"^\$\{\s*([A-Za-z_$][\w$]*)\s*\}/(?:api/v1/|app/|login\b|resources/|qlik-embed/)")
_AT_APP = re.compile(r"^wss?://[^`]*/app/\$\{\s*([A-Za-z_$][\w$]*)\s*\}(?=[/?]|$)")


def _interpolated_values(facts: Facts) -> list[tuple[Place, str, str]]:
    """Placeholders (an empty string too) in constants a Qlik URL template takes its tenant or its engine app id
    from: ``const HOST = ''`` used as `` `wss://${HOST}/app/${APP}` ``. A name assigned again elsewhere (``let
    host = ''`` filled in later) is not judged: its value at the use is not known here."""
    found = []
    for unit in facts.project.units:
        script = unit.script
        if not unit.in_browser or "${" not in script.code:
            continue
        for index, token in enumerate(script.tokens):
            if token.kind != TEMPLATE:
                continue
            text = script.text(index)[1:-1]
            # An empty base (`${BASE}/api/v1/...`) is the page's own origin (a proxy), not a tenant left out.
            uses = [(m.group(1), "tenant", True) for m in _AT_HOST.finditer(text)]
            uses += [(m.group(1), "tenant", False) for m in _AT_BASE.finditer(text)]
            uses += [(m.group(1), "app id", True) for m in _AT_APP.finditer(text)]
            for name, what, empty in uses:
                defined = _constant_literal(facts, unit, name)
                if defined is not None and is_placeholder(defined[1], allow_empty=empty):
                    found.append((defined[0], defined[1], what))
    return found


def _constant_literal(facts: Facts, unit: Unit, name: str) -> tuple[Place, str] | None:
    """Where ``name`` is declared as one string literal and never assigned again, and that string."""
    from mashup_gen.checker.facts.ids import declared_literal

    defined = declared_literal(facts, unit, name)
    if defined is None:
        return None
    assigned = re.compile(rf"(?<![\w$.]){re.escape(name)}\s*=(?![=>])")
    owner_code = defined[0].file.text
    if len(assigned.findall(owner_code)) != 1:
        return None
    if defined[0].file is not unit.file and assigned.search(unit.script.code):
        return None
    return defined


def _config_values(facts: Facts) -> list[tuple[Place, str, str]]:
    """Placeholders in configuration files that are not code (``<add key="TenantUrl"
    value="https://yourtenant.eu.qlikcloud.com" />`` in Web.config, ``"WebIntegrationId": "<id>"`` in
    appsettings.json, ``tenant: your-tenant`` in YAML): a server reads them and renders them into the page.
    Example and template files hold placeholders by design."""
    from mashup_gen.source.configfiles import is_template, settings

    found = []
    loaded: set[str] | None = None
    for source in facts.project.data_files:
        if is_template(source.path.name):
            continue
        if not _QLIK_WORD.search(source.text):
            # another service's settings (an identity provider's client id and domain), unless the page's Qlik
            # code loads the file itself ($.ajax({url: "app/config.json"}) before require.config)
            loaded = _loaded_by_qlik_code(facts) if loaded is None else loaded
            if source.path.name.lower() not in loaded:
                continue
        found += _placeholders_set(
            source, ((c.key, c.value, c.start, c.end) for c in settings(source.path.name, source.text))
        )
    return found


_DATA_FILE_NAME = re.compile(r"(?i)(?:^|[/\\])([\w.-]+\.(?:json|ya?ml))(?:[?#].*)?$")
_QLIK_CODE = re.compile(r"""["'`]js/qlik["'`]|\bopenApp\s*\(""")


def _loaded_by_qlik_code(facts: Facts) -> set[str]:
    """The names (lower case) of the JSON and YAML files that browser code which uses the capability API (it
    loads js/qlik or calls openApp) names in a string: the settings it opens the app with."""
    names: set[str] = set()
    for unit in facts.project.units:
        if not unit.in_browser or not _QLIK_CODE.search(unit.script.code):
            continue
        for _index, value in unit.script.string_values:
            m = _DATA_FILE_NAME.search(value.strip())
            if m is not None:
                names.add(m.group(1).lower())
    return names


# NAME = "value", name: "value", "key": "value", name := "value" in Python, C#, Java, Ruby and Go (one line).
_OTHER_ASSIGNMENT = re.compile(
    r"""(?m)^[^#\n]*?["']?\b([A-Za-z_][\w]*)["']?\s*(?::=|=|:)\s*(?:os\.getenv\([^,()]*,\s*)?(["'])([^"'\n]*)\2"""
)


def _other_code_values(facts: Facts) -> list[tuple[Place, str, str]]:
    """Placeholders in server code in another language (``QLIK_TENANT = "https://your-tenant.us.qlikcloud.com"``
    in a Flask app, ``os.getenv("APP_ID", "<app id>")``): the server sends the page to Qlik with them."""
    from mashup_gen.source.roles import is_other_language_test

    found = []
    for source in facts.project.other_code:
        if not _QLIK_WORD.search(source.text) or is_other_language_test(facts.project.relative(source.path)):
            continue
        text_blocks = _text_blocks(source.text)
        assignments = (
            (m.group(1), m.group(3), m.start(3), m.end(3))
            for m in _OTHER_ASSIGNMENT.finditer(source.text)
            # not in a C#, Java or Go comment
            if "//" not in m.group(0)[: m.start(1) - m.start()]
            and not m.group(0).lstrip().startswith("*")
            and not _inside(text_blocks, m.start(3))
        )
        found += _placeholders_set(source, assignments)
    return found


# A triple-quoted string: Python's docstrings and multi-line texts, Java's and Kotlin's text blocks. What is
# written in one is text (a usage guide's "APP_ID = \"YOUR_APP_ID\"" example), not an assignment the code runs.
_TEXT_BLOCK = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'')


def _text_blocks(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the triple-quoted strings of a file in another language."""
    if '"""' not in text and "'''" not in text:
        return []
    return [m.span() for m in _TEXT_BLOCK.finditer(text)]


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start < offset < end for start, end in spans)


_UNFILLED = re.compile(r"^\$\{\s*[A-Za-z_][\w.]*\s*\}$")


def _unfilled_in_static_page(name: str, value: str) -> bool:
    """``data-host="${QLIK_HOST}"`` in a plain .html file: nothing fills ``${...}`` in static HTML (it is
    JavaScript's syntax, and a server template would be another file type)."""
    return name.lower().endswith((".html", ".htm")) and bool(_UNFILLED.match(value.strip()))


# Two words and a space outside any markup or query: a sentence (a prompt, a message, a log line) that shows the
# form a URL takes ("Qlik Cloud URL in the format https://tenant.region.qlikcloud.com"), not a URL the code uses.
_SENTENCE = re.compile(r"\b[A-Za-z]{2,}[,:]? [A-Za-z]{2,}\b")


def _is_prose(value: str) -> bool:
    """True when the text around the URLs in a string literal is a sentence rather than markup or code."""
    outside = _URL_HOST.sub(" ", value)
    return not re.search(r"[<>=&{}]", outside) and bool(_SENTENCE.search(outside))


def _filled_by_code(code: str, host: str) -> bool:
    """True when the code fills a ``{name}`` label of ``host`` in itself: the label is written again elsewhere
    (``url.replace('{tenant}', tenant)``, ``.replace(/\\{tenant\\}/, t)``), so the URL is a pattern, not a value
    left unfilled."""
    return any(
        len(re.findall(rf"\\?\{{{re.escape(label[1:-1])}\\?\}}", code)) > 1
        for label in host.split(".")
        if label.startswith("{")
    )


def _by_label_only(host: str) -> bool:
    """True when ``host`` is a placeholder only for a label written as one (<tenant>.<region>.qlikcloud.com),
    not by its first label's word (your-tenant..., tenant..., xxx...) nor as a whole (<hostname>)."""
    first = host.split(".", 1)[0]
    return not _ANGLE.fullmatch(host.strip()) and not _HOST_LABEL.match(first) and is_placeholder_host(host)


# A host that says it stands for the reader's Qlik server (your-qlik-url, your_tenant, yourQlikServer): a
# placeholder in any URL, whatever its path.
_YOUR_QLIK_HOST = re.compile(r"(?i)^your[-_]?(?:qlik|qcs|sense|tenant)[\w.-]*$")


def _placeholder_hosts(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, host)`` of placeholder hosts in URLs to Qlik within ``text``. A host with a placeholder
    label counts only in a URL that starts the text (a value), not in one a hint or a help text shows
    ('e.g. https://<tenant>.<region>.qlikcloud.com')."""
    hosts = []
    for m in _URL_HOST.finditer(text):
        host, path = m.group(1), m.group(2) or ""
        qlik = host.lower().endswith((".qlikcloud.com", ".qcs.com")) or bool(QLIK_PATH.match(path))
        qlik = qlik or bool(re.match(r"^/(?:api/v1/|app/|login\b)", path))
        named = bool(_YOUR_QLIK_HOST.match(host))  # https://your-qlik-url/...: the host says what goes there
        if (qlik or named) and (named or is_placeholder_host(host)):
            if _by_label_only(host) and text[: m.start()].strip(" \t\"'`"):
                continue
            hosts.append((m.start(1), m.end(1), host))
    return hosts


# An environment variable's name, as a table of them spells it (QLIK_TENANT_URL); appId: 'appId' is no such name.
_ENV_NAME = re.compile(r"[A-Z][A-Z0-9]*_[A-Z0-9_]+")


def attributes_set_by_code(facts: Facts) -> frozenset[str]:
    """The attribute names browser code of the project sets on elements (``el.setAttribute('app-id', id)``),
    read from its syntax trees: an empty ``app-id=""`` that code fills in at run time is a slot, not a value
    left out."""
    names = set()
    for unit in facts.project.units:
        syntax = unit.syntax if unit.in_browser and "setAttribute" in unit.script.code else None
        for call in syntax.calls if syntax is not None else ():
            first = call.arguments[0] if call.arguments else ""
            if call.callee.endswith("setAttribute") and len(first) > 2 and first[0] == first[-1] and first[0] in "'\"`":
                names.add(first[1:-1].lower())
    return frozenset(names)


def _oauth_objects(script: Script) -> set[int]:
    """The objects (their opening brace's token) holding a client id that is set: a literal that is no
    placeholder, or a value the code reads (``clientId: import.meta.env.VITE_QLIK_CLIENT_ID``)."""
    tokens = script.tokens
    found = set()
    for colon in script.punct_indexes(":"):
        key_index = colon - 1
        if key_index < 0 or colon + 1 >= len(tokens) or tokens[key_index].kind not in (IDENT, STRING):
            continue
        key = script.text(key_index) if tokens[key_index].kind == IDENT else (script.string_value(key_index) or "")
        if KEYS.get(_key(key)) != "client id":
            continue
        value = script.string_value(colon + 1)
        if value is None or not is_placeholder(value, allow_empty=True):
            found.add(script.parent(key_index))
    return found


def _keyed_values(script: Script) -> list[tuple[int, int, str]]:
    """``(key_index, value_index, key)`` for ``key: 'value'``, ``x.key = 'value'``, ``key = 'value'`` and
    ``headers.set('key', 'value')`` where the value is one string literal."""
    tokens = script.tokens
    count = len(tokens)
    found = []
    for value_index in script.string_indexes():
        i = value_index - 2
        if i < 0 or tokens[i].kind not in (IDENT, STRING) or tokens[i + 1].kind != PUNCT:
            continue
        between = script.text(i + 1)
        if between not in (":", "=", ","):
            continue
        if between == "," and (tokens[i].kind != STRING or (script.string_value(i) or "").lower() != HEADER):
            continue  # only headers.set('qlik-web-integration-id', value), not any list of strings
        if value_index + 1 < count and script.text(value_index + 1) not in (",", "}", ";", ")"):
            continue  # the start of an expression ("a" + b), not a whole value
        key = script.text(i) if tokens[i].kind == IDENT else (script.string_value(i) or "")
        found.append((i, value_index, key))
    return found
