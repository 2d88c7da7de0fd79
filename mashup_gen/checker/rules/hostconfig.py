"""qlik-embed host configs written as JavaScript objects (``<QlikEmbed hostConfig={...}>``, a React
provider's ``value={{ host, clientId, redirectUri, authType }}``, ``qlikApi.auth.setDefaultHostConfig({...})``),
read from the syntax trees: an OAuth redirect URI fixed to the developer's machine, and one project whose
host configs disagree on where the tenant comes from."""

from __future__ import annotations

import bisect
import ipaddress
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.hostconfigs import HostConfig
from mashup_gen.checker.facts.placeholders import initial_state, replaced_in_production
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place
from mashup_gen.source.buildoutput import is_build_output
from mashup_gen.tenant import is_loopback

REDIRECT_LOCALHOST = Rule(
    "embed-redirect-localhost",
    Severity.WARNING,
    "qlik-embed's OAuth redirect URI (a host config's redirectUri, data-redirect-uri) is fixed to the "
    "developer's machine (http://localhost..., a private network address such as 192.168.x.x): once the app is "
    "served from anywhere else, Qlik sends every user back to that address after sign-in.",
    "Build the redirect URI from where the page is served (`${window.location.origin}/oauth-callback`) or "
    "from the deployment's configuration, and register each deployed URI on the OAuth client.",
)
HOST_CONFIG_MIXED = Rule(
    "embed-host-config-mixed",
    Severity.WARNING,
    "One host config (or the OAuth callback page's data-host) writes the tenant (or client id) literally while "
    "another reads it from the environment: changing the environment moves one of them only, and the app signs "
    "in to two tenants or clients.",
    "Read host, clientId and redirectUri from one place (the same environment variables or one shared "
    "config module) in every host config.",
)
RULES = (REDIRECT_LOCALHOST, HOST_CONFIG_MIXED)

_ENV = re.compile(r"\b(?:process\.env|import\.meta\.env)\.\w+")
_MIXABLE = ("host", "clientId")


def fixed_to_a_machine(url: str) -> bool:
    """True when ``url`` is an http(s) URL on this machine or a private network (``localhost``, ``127.0.0.1``,
    ``192.168.1.20``, ``10.0.0.5``): an address only the developer's own machine or office reaches."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not host:
        return False
    if is_loopback(host):
        return True
    try:
        return ipaddress.ip_address(host).is_private
    except ValueError:
        return False


def _loader_attribute_objects(project: Project) -> Iterator[Finding]:
    """A localhost redirect URI in an object of qlik-embed loader attributes (``{'data-host': ...,
    'data-redirect-uri': 'http://localhost:4200/callback'}``) browser code hands a script loader (Angular's
    ngx-script-loader ``loadScript(src, attributes)``, a helper that sets each on the script element)."""
    for unit in project.units:
        code = unit.script.code
        if not unit.in_browser or "data-redirect-uri" not in code or "data-host" not in code or unit.syntax is None:
            continue
        for values, spans in zip(unit.syntax.objects, unit.syntax.object_spans, strict=False):
            text = values.get("data-redirect-uri", "")
            if "src" in values:
                continue  # a head manager's whole script tag (useHead, Helmet): the qlik-embed rules judge it
            if "data-host" not in values or len(text) < 2 or text[0] != text[-1] or text[0] not in "\"'`":
                continue
            redirect = text[1:-1]
            if "${" not in redirect and fixed_to_a_machine(redirect):
                start, end = spans["data-redirect-uri"]
                yield at_place(
                    REDIRECT_LOCALHOST, Place(unit.file, start, end), f"the OAuth redirect URI is fixed to {redirect}"
                )


def _travelled_redirects(facts: Facts) -> Iterator[Finding]:
    """A redirect URI fixed to localhost in a config module or an env file, used by a host config elsewhere:
    the finding is at the definition. Env files only a developer's machine reads (``.env.development``,
    ``.env.local``) hold localhost by design, and so does ``.env`` when ``.env.production`` sets the name."""
    production = {
        entry.key
        for source in facts.project.env_files
        if source.path.name.startswith(".env.production")
        for entry in _env_entries(source.text)
    }
    for value in facts.travelled:
        if value.what != "redirect URI" or not value.qlik or not value.browser or value.dev_only:
            continue
        if value.env and value.name in production and not value.defined.file.path.name.startswith(".env.production"):
            continue
        if fixed_to_a_machine(value.value) and not _developers_file(facts, value.defined.file.path):
            yield at_place(
                REDIRECT_LOCALHOST,
                value.defined,
                f"the OAuth redirect URI is fixed to {value.value.strip()}{value.used_as}",
            )


def _initial_state(config: HostConfig) -> bool:
    """True when the host config is a state container's first value (:func:`initial_state`), found from the token
    its ``authType`` value starts at."""
    script = config.unit.script
    start = config.spans["authType"][0] - script.offset
    starts = [token.start for token in script.tokens]
    index = bisect.bisect_right(starts, start) - 1
    return index >= 0 and initial_state(script, script.parent(index))


def _developers_file(facts: Facts, path: Path) -> bool:
    """True for a file Angular's production build replaces (``environment.ts`` beside ``environment.prod.ts``
    under angular.json's fileReplacements): it holds the settings of ``ng serve`` on the developer's machine,
    where a localhost redirect URI is the right one, like ``.env.development``."""
    replaced = replaced_in_production(facts)
    return bool(replaced) and path.resolve() in replaced


def _sign_in(facts: Facts, configs: list[HostConfig]) -> Iterator[Finding]:
    """The host config's auth type (written there or defined elsewhere) and the settings it requires: an auth
    type Qlik Cloud does not take in a browser, cookie sign-in without a web integration id, OAuth2 without a
    client id. A config that spreads another object (``{...base, authType}``) may get them from there."""
    from mashup_gen.checker.rules.embed import AUTH_TYPE, COOKIE_NO_ID, OAUTH_NO_CLIENT_ID
    from mashup_gen.source.auth import auth_type

    travelled = {(id(t.used.file), t.used.start): t for t in facts.travelled if t.what == "auth type"}
    # auth.registerAuthModule("custom", ...) makes any name an auth type @qlik/api knows.
    registers = any("registerAuthModule" in unit.script.code for unit in facts.project.units)
    cloud_sign_in = any(_cloud_browser_auth(config) for config in configs)
    for config in configs:
        if "authType" not in config.values or "..." in config.values or not _qlik_sign_in(config.unit):
            continue
        if _initial_state(config):
            continue  # ref({ host: '', clientId: '', authType: 'oauth2' }): a state the app fills when it loads
        place = config.place("authType")
        value, defined, used_as = config.literal("authType"), place, ""
        if value is None:
            origin = travelled.get((id(place.file), place.start))
            if origin is None:
                continue  # computed: nothing to judge
            value, defined, used_as = origin.value, origin.defined, origin.used_as
        kind = auth_type(value.strip())
        if not value.strip() or "${" in value:
            continue
        if kind is None and registers:
            continue
        if kind is not None and kind.cloud and not kind.browser and _secret_from_server_env(config, kind.required):
            continue  # process.env.QLIK_API_KEY: Node's environment, which no browser build ships: a script's key
        if kind is not None and not kind.cloud and cloud_sign_in:
            continue  # the client-managed alternative of code that signs in to Qlik Cloud another way
        if kind is None or not kind.cloud or not kind.browser:
            note = kind.note if kind is not None else "no auth type qlik-embed or @qlik/api knows"
            yield at_place(AUTH_TYPE, defined, f"authType {value!r}{used_as}: {note}")
        elif kind.name == "cookie" and not _has(config, "webIntegrationId") and not _same_origin(config):
            yield at_place(COOKIE_NO_ID, place, "the host config signs in with the cookie but has no webIntegrationId")
        elif kind.name == "oauth2" and not _has(config, "clientId"):
            yield at_place(OAUTH_NO_CLIENT_ID, place, "the host config signs in with OAuth2 but has no clientId")


_SERVER_ENV = re.compile(r"^process\.env(?:\.([A-Za-z_]\w*)|\[\s*[\"'`]([A-Za-z_]\w*)[\"'`]\s*\])$")


def _secret_from_server_env(config: HostConfig, keys: tuple[str, ...]) -> bool:
    """True when every secret setting of the config (``apiKey``) is read from ``process.env`` under a name no
    bundler ships to the browser (not VITE_, NEXT_PUBLIC_, REACT_APP_...): code that holds it runs on Node (a
    script, a server), and a browser build would get undefined, never the key."""
    from mashup_gen.source.roles import PUBLIC_ENV_PREFIXES

    for key in keys:
        m = _SERVER_ENV.match(config.values.get(key, "").strip())
        if m is None:
            return False
        name = m.group(1) or m.group(2)
        if name.startswith((*PUBLIC_ENV_PREFIXES, "VUE_APP_")):
            return False
    return bool(keys)


def _cloud_browser_auth(config: HostConfig) -> bool:
    """True when the config signs in to Qlik Cloud from a browser as written (authType 'oauth2', 'cookie', ...)."""
    from mashup_gen.source.auth import auth_type

    value = config.literal("authType")
    kind = auth_type(value.strip()) if value is not None else None
    return kind is not None and kind.cloud and kind.browser and kind.name not in ("none", "noauth")


def _qlik_sign_in(unit: Unit) -> bool:
    """True when the code hands its host configs to Qlik's packages (imports @qlik/..., or registers a host
    config): an object with an ``authType`` elsewhere may be any library's settings."""
    syntax = unit.syntax
    if syntax is not None and any(i.source.startswith("@qlik/") for i in syntax.imports):
        return True
    return any(word in unit.script.code for word in ("HostConfig", "hostConfig", "qlikApi", "@qlik/"))


def _same_origin(config: HostConfig) -> bool:
    """The host is the page's own origin (a proxy to the tenant, or a page served by it): no web integration
    id is needed there."""
    return "location" in config.values.get("host", "") or "origin" in config.values.get("host", "").lower()


def _has(config: HostConfig, key: str) -> bool:
    text = config.values.get(key)
    return text is not None and text.strip() not in ('""', "''", "``", "undefined", "null")


def _env_entries(text: str):
    from mashup_gen.source.envfiles import entries

    return entries(text)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """A localhost redirect URI per host config; a literal host or client id where another config reads it
    from the environment."""
    from mashup_gen.checker.rules.embed import TOKEN_STORAGE, TOKEN_STORAGES

    configs = facts.host_configs
    for config in configs:
        storage = config.literal("accessTokenStorage")
        if storage is not None and storage.strip() not in TOKEN_STORAGES:
            message = f"accessTokenStorage is {storage!r}, not 'session' or 'local'"
            yield at_place(TOKEN_STORAGE, config.place("accessTokenStorage"), message)
        redirect = config.literal("redirectUri")
        if redirect is not None and fixed_to_a_machine(redirect) and not _developers_file(facts, config.unit.file.path):
            yield at_place(
                REDIRECT_LOCALHOST, config.place("redirectUri"), f"the OAuth redirect URI is fixed to {redirect}"
            )
    yield from _travelled_redirects(facts)
    yield from _loader_attribute_objects(project)
    yield from _sign_in(facts, configs)
    yield from _callback_host_fixed(facts, configs)
    for key in _MIXABLE:
        from_env = [c for c in configs if _ENV.search(c.values.get(key, ""))]
        if not from_env:
            continue
        other = from_env[0]
        for config in configs:
            value = config.literal(key)
            if value and not is_build_output(config.unit.file.path, config.unit.file.text):
                # (a committed bundle holds the env's value as the bundler inlined it: no second source)
                env = _ENV.search(other.values[key])
                yield at_place(
                    HOST_CONFIG_MIXED,
                    config.place(key),
                    f"{key} is written here as {value!r} while {other.unit.file.display} reads it from "
                    f"{env.group() if env else 'the environment'}",
                )


def _callback_host_fixed(facts: Facts, configs: list[HostConfig]) -> Iterator[Finding]:
    """The OAuth callback page's data-host written literally while the app's host config reads the tenant from
    the environment: pointing the environment at another tenant leaves the callback exchanging the code with
    the first one."""
    from mashup_gen.checker.expressions import is_dynamic

    from_env = next((c for c in configs if _ENV.search(c.values.get("host", ""))), None)
    if from_env is None:
        return
    env = _ENV.search(from_env.values["host"])
    assert env is not None
    # What the project's env files set the variable to: a callback agreeing with it is right today.
    name = env.group().rsplit(".", 1)[-1]
    set_to = {
        _bare_host(entry.value)
        for source in facts.project.env_files
        for entry in _env_entries(source.text)
        if entry.key == name
    }
    for page in facts.embed.pages:
        written = page.callback.attributes.get("data-host") if page.callback is not None else None
        if written is None or not written.value.strip() or is_dynamic(written.value):
            continue
        if _bare_host(written.value) in set_to:
            continue
        yield at_place(
            HOST_CONFIG_MIXED,
            Place(page.page.file, written.start, written.end),
            f"the OAuth callback's data-host is written here as {written.value.strip()!r} while "
            f"{from_env.unit.file.display} reads the host from {env.group()}",
        )


def _bare_host(value: str) -> str:
    """``https://Acme.eu.qlikcloud.com/`` -> ``acme.eu.qlikcloud.com``."""
    return re.sub(r"^[a-z]+://", "", value.strip().strip("\"'"), flags=re.I).split("/", 1)[0].lower()
