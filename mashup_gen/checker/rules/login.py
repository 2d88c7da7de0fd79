"""The login flow: check for a session (GET ``<tenant>/api/v1/...`` with the tenant's cookie and the web
integration id), and without one (401) send the browser to ``<tenant>/login`` with
``qlik-web-integration-id`` and a ``returnto`` URL whose origin the web integration allowlists."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place, at_tag, at_token
from mashup_gen.checker.rules.hostconfig import host_configs

MISSING = Rule(
    "login-missing",
    Severity.ERROR,
    "No login flow: the page never checks for a Qlik Cloud session nor sends the user to sign in, so "
    "everyone not already signed in to the tenant in this browser sees errors.",
    "Check GET <tenant>/api/v1/users/me (credentials 'include', header qlik-web-integration-id); on 401 send "
    "the browser to <tenant>/login?qlik-web-integration-id=<id>&returnto=<page URL>. `mashup-gen adopt` adds it.",
)
NO_SESSION_CHECK = Rule(
    "login-no-session-check",
    Severity.WARNING,
    "The page sends users to /login without first checking for a session: signed-in users are redirected too, "
    "and blocked third-party cookies make it loop.",
    "Redirect only when GET <tenant>/api/v1/users/me answers 401.",
)
NO_REDIRECT = Rule(
    "login-no-redirect",
    Severity.WARNING,
    "The page checks for a session but never sends a signed-out user to <tenant>/login.",
    "On 401, send the browser to <tenant>/login?qlik-web-integration-id=<id>&returnto=<page URL>.",
)
NO_RETURNTO = Rule(
    "login-no-returnto",
    Severity.ERROR,
    "The /login redirect has no returnto: after signing in the user stays on the tenant instead of the page.",
    "Add &returnto= with encodeURIComponent(window.location.href) (its origin must be allowlisted).",
)
NO_ID = Rule(
    "login-no-web-integration-id",
    Severity.ERROR,
    "The /login redirect has no qlik-web-integration-id: the tenant cannot check the returnto origin.",
    "Add ?qlik-web-integration-id=<id> to the /login URL.",
)
RULES = (MISSING, NO_SESSION_CHECK, NO_REDIRECT, NO_RETURNTO, NO_ID)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Findings about the login flow of a project that talks to Qlik Cloud."""
    if facts.embed_tags:
        return  # qlik-embed runs the login flow itself (data-auto-redirect)
    talks_to_qlik = facts.uses_capability_api or facts.rest_calls or facts.engine_urls
    if not talks_to_qlik or facts.proxied or facts.is_library or _qlik_signs_in(project):
        # nothing of Qlik; the project's own proxy signs the user in (a JWT); a library: its app signs in; or
        # Qlik's own packages run the flow (a 401 sends the browser to <tenant>/login with returnto)
        return
    checks, logins = facts.session_checks, facts.login_urls
    if not logins and _signs_in_with_jwt(facts):
        return  # the page trades its server's JWT for the tenant's session cookie: no /login round trip
    if not checks and not logins:
        yield _missing(facts)
        return
    if not checks:
        yield at_place(NO_SESSION_CHECK, logins[0].place, "the page redirects to /login without a session check")
    elif not logins:
        yield at_place(NO_REDIRECT, checks[0], "the session check has no /login redirect to go with it")
    for login in logins:
        if not login.has_returnto:
            yield at_place(NO_RETURNTO, login.place, "this /login URL has no returnto parameter")
        if not login.has_id:
            yield at_place(NO_ID, login.place, "this /login URL has no qlik-web-integration-id parameter")


# Qlik Cloud's JWT sign-in: the page POSTs a JWT its own server signed (Authorization: Bearer) to
# <tenant>/login/jwt-session, and the tenant answers with its session cookie.
_JWT_SESSION = "/login/jwt-session"


def _signs_in_with_jwt(facts: Facts) -> bool:
    """True when browser code calls the tenant's JWT session endpoint (``/login/jwt-session``)."""
    return any(unit.in_browser and _JWT_SESSION in value for unit, _index, value in facts.strings)


_QLIK_PACKAGE = re.compile(r"""["'`]@qlik/(?:api|embed-react|embed-web-components)(?:/[\w-]+)?["'`]""")


def _qlik_signs_in(project: Project) -> bool:
    """True when browser code imports @qlik/api (or qlik-embed's React package) and sets a host config: its
    auth module answers a 401 by sending the browser to <tenant>/login with the id and a returnto."""
    imports = any(u.in_browser and _QLIK_PACKAGE.search(u.script.code) for u in project.units)
    return imports and bool(host_configs(project))


def _missing(facts: Facts) -> Finding:
    message = "no session check (/api/v1/users/me) and no /login redirect anywhere in the project"
    if facts.require_configs:
        config = facts.require_configs[0]
        return at_token(MISSING, config.unit, max(config.obj.open - 4, 0), message)
    if facts.capability_pages:
        page = facts.capability_pages[0]
        return at_tag(MISSING, page, page.scripts()[0] if page.scripts() else None, message)
    if facts.rest_calls:
        return at_place(MISSING, facts.rest_calls[0].place, message)
    if facts.engine_urls:
        return at_place(MISSING, facts.engine_urls[0].place, message)
    # js/qlik loaded from a script no page of the project includes: point at that string
    unit, index, _ = next(s for s in facts.strings if s[2].startswith("js/qlik"))
    return at_token(MISSING, unit, index, message)
