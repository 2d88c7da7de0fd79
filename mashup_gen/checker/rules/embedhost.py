"""The tenant qlik-embed and @qlik/api are given (a loader's data-host, its meta or ancestor forms, a host
config's ``host``), judged for its shape. Both packages take the value as the tenant's base URL as written:
they add ``https://`` only when no scheme is there, drop trailing slashes, and join their own paths to the rest
(``<host>/qlik-embed/main.js``, ``<host>/api/v1/...``, ``wss://<host>/app/<id>``; @qlik/api's
toValidLocationUrl, the loader's toMainJsUrl). A Qlik Cloud tenant's URL with a path after it, or over plain
http, is therefore a URL the tenant does not serve: nothing loads, nobody signs in.

An app is named by its id there too: a ``<qlik-embed app-id>`` or an engine socket's ``/app/<id>`` written as a
file name or a title opens nothing (app-id-not-guid, as for openApp and openDoc).

A host config's ``redirectUri`` is sent as written too (@qlik/api's createInteractiveLoginUrl): a relative one,
or one on the tenant's own origin, is no page of the app Qlik can send the user back to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.answers import APP_ID
from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts import Facts
from mashup_gen.checker.facts.model import Place
from mashup_gen.checker.facts.placeholders import is_placeholder
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place
from mashup_gen.source.markup import camel_case
from mashup_gen.tenant import origin_of

HOST_NOT_ORIGIN = Rule(
    "embed-host-not-origin",
    Severity.ERROR,
    "qlik-embed's or @qlik/api's host (data-host, a host config's host) is a Qlik Cloud tenant's URL with a path "
    "after it (/sense/app/..., /api/v1) or over plain http://: both packages join their own paths to the value as "
    "written (<host>/qlik-embed/main.js, <host>/api/v1/..., the engine's socket), so every request goes to an "
    "address the tenant does not serve.",
    "Write the tenant's origin alone: data-host=\"https://<tenant>\" (host: '<tenant>' or 'https://<tenant>' in a "
    "host config), no path and https only.",
)
ANONYMOUS_INCOMPLETE = Rule(
    "embed-anonymous-incomplete",
    Severity.ERROR,
    "qlik-embed or @qlik/api signs in anonymously (auth type anonymous) without an access code or a client id: "
    "@qlik/api refuses such a host config (InvalidHostConfigError: anonymous needs both accessCode and clientId), "
    "so nothing is shown.",
    "Add the anonymous-embed OAuth client's id and the access code Qlik gives for it: data-client-id and "
    "data-access-code on the loader (clientId and accessCode in a host config).",
)
RULES = (HOST_NOT_ORIGIN, ANONYMOUS_INCOMPLETE)

# A Qlik Cloud tenant's URL (the hosts @qlik/api itself knows as Qlik Cloud's), with its scheme and what follows.
_CLOUD_URL = re.compile(
    r"(?i)^(?:(https?)://)?([\w-]+(?:\.[\w-]+)*\.(?:qlikcloud\.com|qlik-stage\.com|qlikcloudgov\.com))(?::\d+)?"
    r"(/[^\s?#]*)?([?#]\S*)?$"
)
_SETTING_ATTRIBUTES = ("data-host", "data-qlik-embed-host", "content", "host")


def what_is_wrong(value: str) -> str | None:
    """Why ``value``, given as qlik-embed's or @qlik/api's host, is not a Qlik Cloud tenant's origin; None when
    it is one (or not a Qlik Cloud URL at all: a client-managed server's may carry its virtual proxy's prefix)."""
    m = _CLOUD_URL.match(value.strip())
    if m is None:
        return None
    scheme, host, path, rest = m.group(1), m.group(2), (m.group(3) or "").rstrip("/"), m.group(4)
    if scheme is not None and scheme.lower() == "http":
        return f"the host {value.strip()!r} is plain http://; the tenant is served over https:// only"
    if path or rest:
        return (
            f"the host {value.strip()!r} has {path or rest!r} after the tenant: qlik-embed and @qlik/api join "
            f"their paths to it (…{path or rest}/qlik-embed/main.js), which {host} does not serve"
        )
    return None


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """The host of each qlik-embed page and of each host config written in code, when it is a Qlik Cloud URL
    that is not the tenant's origin."""
    from mashup_gen.checker.rules.embed import _at_attribute

    for page in facts.embed.pages:
        found = page.setting("host")
        if found is None or is_dynamic(found[0]):
            continue
        what = what_is_wrong(found[0])
        if what is not None:
            yield _at_attribute(HOST_NOT_ORIGIN, page, found[1], _SETTING_ATTRIBUTES, what)
    for config in facts.host_configs:
        value = config.literal("host")
        if value is None:
            continue
        what = what_is_wrong(value)
        if what is not None:
            yield at_place(HOST_NOT_ORIGIN, config.place("host"), what)
    yield from _travelled_hosts(facts)
    yield from _replaced_hosts(project, facts)
    yield from _redirects(facts)
    yield from _anonymous(facts)
    yield from _named_apps(facts)


# The names a loader's tenant setting is given under (its data-* and meta forms).
_LOADER_HOST_KEYS = frozenset({"data-host", "data-qlik-embed-host", "qlik-embed-host"})


def _travelled_hosts(facts: Facts) -> Iterator[Finding]:
    """A loader's data-host, or a host config's host, given a name (``data-host={host}``, ``host: TENANT_URL``)
    whose value is defined elsewhere (an env file, a config module) as a Qlik Cloud URL that is not the tenant's
    origin: reported where it is defined, the line to change."""
    configs = {(id(c.unit.file), c.spans["host"][0]) for c in facts.host_configs if "host" in c.spans}
    seen: set[tuple[int, int]] = set()
    for value in facts.travelled:
        if value.what != "tenant" or not value.browser:
            continue
        used = (id(value.used.file), value.used.start)
        if value.key not in _LOADER_HOST_KEYS and not (value.key == "host" and used in configs):
            continue
        what = what_is_wrong(value.value)
        defined = (id(value.defined.file), value.defined.start)
        if what is None or defined in seen:
            continue
        seen.add(defined)
        yield at_place(HOST_NOT_ORIGIN, value.defined, what + value.used_as)


# A loader setting that is one bundler replacement of an env variable (Vite's data-host="%VITE_QLIK_HOST%").
_ONE_REPLACEMENT = re.compile(r"^\s*%((?:VITE_|REACT_APP_|VUE_APP_)[A-Z0-9_]*)%\s*$")


def _replaced_hosts(project: Project, facts: Facts) -> Iterator[Finding]:
    """A loader's data-host written as a bundler's replacement (``%VITE_QLIK_HOST%`` in index.html) whose value in
    an env file of the project is a Qlik Cloud URL that is not the tenant's origin: reported in the env file."""
    from mashup_gen.source.envfiles import entries, is_template

    for page in facts.embed.pages:
        found = page.setting("host")
        m = _ONE_REPLACEMENT.match(found[0]) if found is not None else None
        if m is None:
            continue
        line = page.page.file.position(found[1].start)[0] if found[1] is not None else None
        used = f" (used as data-host at {page.page.file.display}{f':{line}' if line else ''})"
        for source in project.env_files:
            if is_template(source.path.name):
                continue
            for entry in entries(source.text):
                what = what_is_wrong(entry.value) if entry.key == m.group(1) else None
                if what is not None:
                    yield at_place(HOST_NOT_ORIGIN, Place(source, entry.start, entry.end), what + used)


def _redirects(facts: Facts) -> Iterator[Finding]:
    """A host config's literal redirectUri that is not an absolute URL, or is on a Qlik Cloud tenant: the
    same finding as a loader's data-redirect-uri gets (embed-redirect-off-origins)."""
    from mashup_gen.checker.rules.embed import REDIRECT_OFF_ORIGINS

    for config in facts.host_configs:
        redirect = config.literal("redirectUri")
        if redirect is None or not redirect.strip() or is_dynamic(redirect):
            continue
        origin = origin_of(redirect.strip())
        if origin is None:
            message = f"the redirect URI {redirect.strip()} is not an absolute URL"
        elif _CLOUD_URL.match(origin):
            message = f"the redirect URI {redirect.strip()} is on the tenant, not on the app's own origin"
        else:
            continue
        yield at_place(REDIRECT_OFF_ORIGINS, config.place("redirectUri"), message)


# The app id a socket URL to Qlik Cloud names, written in the URL: wss://<tenant>/app/<id>.
_SOCKET_APP = re.compile(
    r"(?i)^wss://[\w.-]+\.(?:qlikcloud\.com|qlik-stage\.com|qlikcloudgov\.com)(?::\d+)?/app/([^/?#`$\s]+)"
)


def _named_apps(facts: Facts) -> Iterator[Finding]:
    """A <qlik-embed app-id> and a Qlik Cloud engine socket's /app/<id> written as something else than an app's
    id (a file name such as Sales.qvf, a title): Qlik Cloud knows apps by their GUID only."""
    from mashup_gen.checker.rules.config import APP_ID_NOT_GUID

    fix = "Use the app's id (a GUID, from the app's URL in Qlik Cloud); `mashup-gen adopt --app-id` writes it."
    for page, tag, name in facts.attributes:
        if tag.name != "qlik-embed" or name != "app-id":
            continue
        attribute = tag.attributes[name]
        value = attribute.value.strip()
        if _names_an_app(value):
            message = f"app-id {value!r} names an app by {_by(value)} other than its id"
            yield at_place(APP_ID_NOT_GUID, Place(page.file, attribute.start, attribute.end), message, fix)
    for url in facts.engine_urls:
        m = _SOCKET_APP.match(url.url)
        if m is not None and _names_an_app(m.group(1)) and m.group(1).lower() != "enginedata":
            message = f"the engine URL {url.url} names an app by {_by(m.group(1))} other than its id"
            yield at_place(APP_ID_NOT_GUID, url.place, message, fix)


def _names_an_app(value: str) -> bool:
    """True for a literal that names an app by its file (Sales.qvf) or its title (Sales Dashboard) instead of its
    id. Anything else that is not a GUID may be a value a build or a deployment fills in (%VITE_APP_ID%,
    $APP_ID, __APP_ID__, [[appId]]), or a placeholder (the placeholder rule's): not judged here."""
    if not value or is_dynamic(value) or APP_ID.match(value.lower()) or is_placeholder(value):
        return False
    return value.lower().endswith(".qvf") or re.fullmatch(r"[A-Za-z][\w.-]*(?: [\w.-]+)+", value) is not None


def _by(value: str) -> str:
    return "file name" if ".qvf" in value.lower() else "something"


def _anonymous(facts: Facts) -> Iterator[Finding]:
    """Anonymous sign-in without what @qlik/api's anonymous auth module requires (accessCode and clientId),
    on a loader (its data-*, meta or ancestor settings, or every element's own) or in a host config."""
    from mashup_gen.checker.rules.embed import _at_attribute, _on_every_element

    for page in facts.embed.pages:
        found = page.setting("auth-type")
        if found is None or found[0].strip().lower() != "anonymous":
            continue
        # A setting the page's scripts name (setAttribute("data-access-code", ...), dataset.accessCode, a host
        # config's accessCode) may be set at run time: what it holds is not known here, so it is not reported.
        scripts = [unit.file.text for unit in page.page.units]
        missing = [
            name
            for name in ("access-code", "client-id")
            if not ((page.setting(name) or ("", None))[0].strip() or _on_every_element(page, (name,)))
            and not any(name in text or camel_case(name) in text for text in scripts)
        ]
        if missing:
            message = "anonymous sign-in without " + " and ".join(f"data-{name}" for name in missing)
            yield _at_attribute(ANONYMOUS_INCOMPLETE, page, found[1], ("data-auth-type", "content"), message)
    for config in facts.host_configs:
        kind = config.literal("authType")
        if kind is None or kind.strip().lower() != "anonymous" or "..." in config.values:
            continue
        missing = [key for key in ("accessCode", "clientId") if key not in config.values]
        if missing:
            message = "the host config signs in anonymously without " + " and ".join(missing)
            yield at_place(ANONYMOUS_INCOMPLETE, config.place("authType"), message)
