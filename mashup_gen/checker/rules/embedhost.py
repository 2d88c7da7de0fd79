"""The tenant qlik-embed and @qlik/api are given (a loader's data-host, its meta or ancestor forms, a host
config's ``host``), judged for its shape. Both packages take the value as the tenant's base URL as written:
they add ``https://`` only when no scheme is there, drop trailing slashes, and join their own paths to the rest
(``<host>/qlik-embed/main.js``, ``<host>/api/v1/...``, ``wss://<host>/app/<id>``; @qlik/api's
toValidLocationUrl, the loader's toMainJsUrl). A Qlik Cloud tenant's URL with a path after it, or over plain
http, is therefore a URL the tenant does not serve: nothing loads, nobody signs in.

A host config's ``redirectUri`` is sent as written too (@qlik/api's createInteractiveLoginUrl): a relative one,
or one on the tenant's own origin, is no page of the app Qlik can send the user back to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts import Facts
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place
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
RULES = (HOST_NOT_ORIGIN,)

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
    yield from _redirects(facts)


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
