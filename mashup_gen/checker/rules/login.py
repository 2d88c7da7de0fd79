"""The login flow: check for a session (GET ``<tenant>/api/v1/...`` with the tenant's cookie and the web
integration id), and without one (401) send the browser to ``<tenant>/login`` with
``qlik-web-integration-id`` and a ``returnto`` URL whose origin the web integration allowlists."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.facts.liveness import declared_function, never_called, unused_module
from mashup_gen.checker.facts.model import ConfigObject, EngineUrl, Place
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.facts.wrappers import WrapperCall
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.hints import Quick
from mashup_gen.checker.js import IDENT, Script
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place, at_tag, at_token
from mashup_gen.checker.rules.clientmanaged import local_engine_sockets

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
# A warning, like embed-redirect-localhost: on the developer's machine the round trip works.
RETURNTO_FIXED = Rule(
    "login-returnto-localhost",
    Severity.WARNING,
    "The /login redirect's returnto is fixed to the developer's machine (http://localhost:8080/...): once the "
    "page is served from anywhere else, the tenant sends every user who signs in back to that address (or "
    "refuses it with LOGIN-10 when the web integration does not list it).",
    "Build returnto from where the page is: encodeURIComponent(window.location.href).",
)
PAGE_WITHOUT_LOGIN = Rule(
    "login-missing-on-page",
    Severity.WARNING,
    "Another page of the project signs in, but this page loads the capability API without a session check or "
    "a /login redirect: a visitor who opens it first (a bookmark, a shared link) sees only errors.",
    "Run the same session check and /login redirect on this page before require(['js/qlik']) (load the "
    "project's sign-in script here too).",
)
COOKIE_WITHOUT_COOKIE_SIGN_IN = Rule(
    "login-cookie-with-oauth",
    Severity.WARNING,
    "This request signs in with the tenant's session cookie (credentials and the web integration id), but the "
    "project signs users in with OAuth2 only (qlik-embed or @qlik/api with an OAuth client), which gives access "
    "tokens, not that cookie: the request is refused (401) unless the browser is signed in to the tenant already.",
    "Make the request through @qlik/api with the same OAuth2 host config (it sends the access token), or give "
    "it the cookie sign-in: a session check and a <tenant>/login redirect.",
)
NEVER_RUNS = Rule(
    "login-never-runs",
    Severity.ERROR,
    "The session check and the /login redirect are written inside a function that nothing calls (its call "
    "commented out or never written): they never run, so everyone not already signed in to the tenant in this "
    "browser sees errors.",
    "Call it before the page talks to Qlik, e.g. login().then(() => { require(['js/qlik'], ...) }).",
)
REFUSAL_UNSEEN = Rule(
    "login-401-unseen",
    Severity.ERROR,
    "The session check cannot see a 401: fetch resolves with the response whatever its status (it rejects only "
    "when the network fails), so a signed-out visitor is never sent to /login and sees only errors.",
    "Test the response's status: fetch(...).then(r => { if (r.status === 401) location.href = <login URL>; }).",
)
NOT_AWAITED = Rule(
    "login-not-awaited",
    Severity.WARNING,
    "The page starts its session check but loads the capability API (require js/qlik) at once, without waiting "
    "for the answer: a signed-out visitor first gets the app's errors and only then the redirect to /login.",
    "Load js/qlik once the session check has succeeded, as Qlik's example does: "
    "login().then(() => { require(['js/qlik'], ...) }).",
)
MISSING_MOVED = Rule(
    "login-missing-moved",
    Severity.WARNING,
    "The page opens an engine socket (enigma.js, a WebSocket) or connects a library (qdt-components, qsocks, an "
    "enigma.js helper, a capability API wrapper) to a client-managed Qlik Sense server, Qlik Sense Desktop or a "
    "local engine and never signs the user in: that server let it in anonymously (or as the "
    "Desktop user), but moved to Qlik Cloud, which has no anonymous engine access, the connection is refused "
    "until the page runs the tenant's login flow.",
    "When the host becomes the tenant, check GET <tenant>/api/v1/users/me (credentials 'include', header "
    "qlik-web-integration-id) first and on 401 send the browser to <tenant>/login?qlik-web-integration-id=<id>"
    "&returnto=<page URL>; or sign in with OAuth2 through @qlik/api or qlik-embed.",
)
RULES = (
    MISSING,
    MISSING_MOVED,
    NEVER_RUNS,
    NO_SESSION_CHECK,
    NO_REDIRECT,
    NO_RETURNTO,
    NO_ID,
    RETURNTO_FIXED,
    PAGE_WITHOUT_LOGIN,
    COOKIE_WITHOUT_COOKIE_SIGN_IN,
    REFUSAL_UNSEEN,
    NOT_AWAITED,
)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Findings about the login flow of a project that talks to Qlik Cloud."""
    for login in facts.login_urls:
        if login.fixed_returnto is not None:
            yield at_place(RETURNTO_FIXED, login.fixed_returnto, "returnto is this address on the developer's machine")
    if facts.embed_tags or _qlik_signs_in(project, facts):
        # qlik-embed or @qlik/api runs the login flow itself (data-auto-redirect, a 401 sends the browser to
        # <tenant>/login): unless that sign-in is OAuth2 only and other requests count on the cookie
        yield from _cookie_requests_without_cookie_sign_in(project, facts)
        return
    # a library's connection config (qdt-components, an enigma.js helper; with a web integration id it reads
    # as a capability config) opens the engine socket and loads the capability API with the tenant's cookie
    talks_to_qlik = (
        _live_capability_api(project, facts)
        or facts.rest_calls
        or _live_engine_urls(project, facts)
        or _library_connections(facts)
        or _wrapper_calls(facts)
    )
    if not talks_to_qlik or facts.proxied or facts.is_library:
        # nothing of Qlik; the project's own proxy signs the user in (a JWT); a library: its app signs in; or
        # Qlik's own packages run the flow (a 401 sends the browser to <tenant>/login with returnto)
        if not talks_to_qlik and not facts.proxied and not facts.is_library:
            yield from _moved_without_login(project, facts)
        return
    checks, logins = facts.session_checks, facts.login_urls
    if not logins and _signs_in_with_jwt(facts):
        return  # the page trades its server's JWT for the tenant's session cookie: no /login round trip
    if not checks and not logins:
        if not _client_managed_sign_in(project, facts) and not _motor_signs_in(project, facts):
            # a client-managed sign-in is client-managed-api's finding; Motor's login box signs the user in,
            # and the app's own requests then ride on that session's cookie
            probe = _client_managed_session_check(facts)
            if probe is not None:
                yield at_place(
                    MISSING,
                    probe,
                    "this session check asks a client-managed server, not the tenant (/api/v1/users/me), and "
                    "nothing sends the browser to the tenant's /login",
                )
            else:
                yield _missing(project, facts)
        return
    dead = _never_runs(project, checks, [login.place for login in logins])
    if dead is not None:
        name, declared = dead
        yield at_place(
            NEVER_RUNS, declared, f"the session check and /login redirect are in {name}(), which nothing calls"
        )
        return
    if not checks:
        yield at_place(NO_SESSION_CHECK, logins[0].place, "the page redirects to /login without a session check")
    elif not logins:
        yield at_place(NO_REDIRECT, checks[0], "the session check has no /login redirect to go with it")
    for place, why in facts.unseen_refusals:
        yield at_place(REFUSAL_UNSEEN, place, f"this session check never sees a 401: {why}")
    if checks and logins:
        for ungated in facts.ungated_loads:
            line = ungated.load.position()[0]
            where = (
                f"line {line}" if ungated.load.file is ungated.check.file else f"{ungated.load.file.path.name}:{line}"
            )
            yield at_place(NOT_AWAITED, ungated.check, f"js/qlik is loaded ({where}) without waiting for its answer")
    yield from _pages_without_login(facts)
    for login in logins:
        if not login.has_returnto:
            yield at_place(NO_RETURNTO, login.place, "this /login URL has no returnto parameter")
        if not login.has_id:
            yield at_place(NO_ID, login.place, "this /login URL has no qlik-web-integration-id parameter")


def _live_engine_urls(project: Project, facts: Facts) -> list[EngineUrl]:
    """The engine URLs outside modules a bundled app's bundle does not hold (nothing imports them)."""
    units = {id(unit.file): unit for unit in project.units}
    return [
        url
        for url in facts.engine_urls
        if (unit := units.get(id(url.place.file))) is None or not unused_module(project, unit)
    ]


def _live_capability_api(project: Project, facts: Facts) -> bool:
    """True when the project loads the capability API from code that may run: a ``require.config`` or a
    ``js/qlik`` module name outside a function nothing calls (its call commented out). Code that never runs
    needs no sign-in, and a finding there points at nothing the user sees."""
    if not facts.uses_capability_api:
        return False
    places = [Place(c.unit.file, *c.unit.file_span(c.obj.open, c.obj.open + 1)) for c in facts.require_configs]
    places += [
        Place(unit.file, *unit.file_span(index, index + 1))
        for unit, index, value in facts.strings
        if value.startswith("js/qlik")
    ]
    units = {id(unit.file): unit for unit in project.units}
    return not places or any(
        never_called(project, place) is None
        and ((unit := units.get(id(place.file))) is None or not unused_module(project, unit))
        for place in places
    )


def _never_runs(project: Project, checks: list[Place], logins: list[Place]) -> tuple[str, Place] | None:
    """The uncalled function (its name and declaration) holding every session check and /login redirect of
    the project, or None when any of them may run."""
    first: tuple[str, Place] | None = None
    for place in (*checks, *logins):
        dead = never_called(project, place)
        if dead is None:
            return None
        first = first or dead
    return first


# Qlik Cloud's JWT sign-in: the page POSTs a JWT its own server signed (Authorization: Bearer) to
# <tenant>/login/jwt-session, and the tenant answers with its session cookie.
_JWT_SESSION = "/login/jwt-session"


# A client-managed proxy's sign-in: a ticket requested from the QPS (or qlik-auth's requestTicket) and the
# proxy's session cookie handed to the browser. The project does sign users in, the client-managed way.
_PROXY_SIGN_IN = re.compile(r"(?i)/qps/[^\s\"'`]*ticket|\bx-qlik-session\b|\b(?:requestTicket|getTicket)\s*\(")


# The client-managed servers' own "who is signed in" requests: the proxy's user (QPS /qps/user) and, in a
# function that checks a session (isLoggedIn, login, checkAuth), the repository's /qrs/about.
_CLIENT_MANAGED_PROBE = re.compile(r"(?:^|/)qps/user\b")
_CLIENT_MANAGED_ABOUT = re.compile(r"/qrs/about\b")
_SESSION_FUNCTION = re.compile(r"(?i)log(?:ged)?_?in|sign_?in|auth|session")


def _client_managed_session_check(facts: Facts) -> Place | None:
    """The place of browser code's own session check against a client-managed server (``fetch(prefix +
    '/qrs/about')`` in ``isLoggedIn()``, ``/qps/user``): the project does check a session, on a server Qlik
    Cloud replaces, so the login finding belongs there rather than where js/qlik loads."""
    for unit, index, value in facts.strings:
        if not unit.in_browser:
            continue
        if _CLIENT_MANAGED_PROBE.search(value):
            return string_place(unit, index)
        if not _CLIENT_MANAGED_ABOUT.search(value):
            continue
        script, brace = unit.script, unit.script.parent(index)
        while brace != -1:
            if script.is_punct(brace, "{"):
                name = declared_function(script, brace)
                if name is not None and _SESSION_FUNCTION.search(name):
                    return string_place(unit, index)
            brace = script.parent(brace)
    return None


# Server code that signs the visitor in through a client-managed proxy without a ticket: it asks the proxy's
# /qps/user for the visitor's session before serving the page, or it sends the proxy a JWT (or a user header)
# and copies the proxy's Set-Cookie onto its own answer. Browser code can do neither (it cannot read Set-Cookie).
_PROXY_SESSION = re.compile(r"(?i)/qps/user\b")
_PROXY_REQUEST = re.compile(r"(?i)/(?:qps|qrs)/")
_SET_COOKIE = re.compile(r"(?i)\bset-cookie\b")


def _client_managed_sign_in(project: Project, facts: Facts) -> bool:
    """True when the project signs users in through a client-managed proxy (tickets, its session cookie, a
    server asking the proxy for the visitor's session or relaying the session the proxy gave it)."""
    texts = [unit.script.code for unit in project.units] + [source.text for source in project.other_code]
    if any(_PROXY_SIGN_IN.search(text) for text in texts):
        return True
    server = [unit.script.code for unit in project.units if not unit.in_browser]
    server += [source.text for source in project.other_code]
    return any(
        _PROXY_SESSION.search(text) or (_SET_COOKIE.search(text) and _PROXY_REQUEST.search(text)) for text in server
    )


def _signs_in_with_jwt(facts: Facts) -> bool:
    """True when browser code calls the tenant's JWT session endpoint (``/login/jwt-session``)."""
    return any(unit.in_browser and _JWT_SESSION in value for unit, _index, value in facts.strings)


_QLIK_PACKAGE = Quick(re.compile(r"""["'`]@qlik/(?:api|embed-react|embed-web-components)(?:/[\w-]+)?["'`]"""))


def _qlik_signs_in(project: Project, facts: Facts) -> bool:
    """True when browser code imports @qlik/api (or qlik-embed's React package) and sets a host config: its
    auth module answers a 401 by sending the browser to <tenant>/login with the id and a returnto."""
    imports = any(u.in_browser and _QLIK_PACKAGE.search(u.script.code) for u in project.units)
    return imports and bool(facts.host_configs)


def _sign_ins(project: Project, facts: Facts) -> set[str]:
    """How qlik-embed's loaders and @qlik/api's host configs sign in: "oauth2", "cookie", or "other" (another
    type, or one not written where it can be read: a value from code, a default)."""
    kinds: set[str] = set()
    for page in facts.embed.pages:
        if page.loader is None:
            continue  # the OAuth callback page completes a sign-in, it does not choose one
        found = page.setting("auth-type")
        kinds.add(_kind(found[0] if found is not None else None))
    for config in facts.host_configs:
        value = config.values.get("authType")
        if value is not None:
            kinds.add(_kind(value.strip("'\"`")))
        else:  # as @qlik/api decides (determineAuthType): an API key, an anonymous access code, then a client id
            kinds.add("other" if {"apiKey", "accessCode"} & set(config.values) else "oauth2")
    return kinds


def _kind(value: str | None) -> str:
    value = (value or "").strip().lower()
    return value if value in ("oauth2", "cookie") else "other"


def _cookie_requests_without_cookie_sign_in(project: Project, facts: Facts) -> Iterator[Finding]:
    """REST requests and engine URLs that count on the tenant's cookie (credentials and the web integration id)
    in a project whose only sign-in is OAuth2, with no cookie sign-in of its own (no /login redirect, no JWT
    session, no proxy)."""
    if facts.proxied or facts.login_urls or _signs_in_with_jwt(facts) or _sign_ins(project, facts) != {"oauth2"}:
        return
    for call in facts.rest_calls:
        if call.has_credentials and call.has_header:
            yield at_place(
                COOKIE_WITHOUT_COOKIE_SIGN_IN,
                call.place,
                f"{call.what} request to {call.url} counts on the tenant's cookie, which OAuth2 sign-in never sets",
            )
    for url in facts.engine_urls:
        if url.has_id:
            yield at_place(
                COOKIE_WITHOUT_COOKIE_SIGN_IN,
                url.place,
                f"engine URL {url.url} counts on the tenant's cookie, which OAuth2 sign-in never sets",
            )


# A page script that imports local modules: the sign-in may be in one of them (not followed here).
_LOCAL_IMPORT = re.compile(r"""\bimport\b[^;\n]*["'`]\.{1,2}/|\bimport\s*\(\s*["'`]\.{1,2}/""")


def _pages_without_login(facts: Facts) -> Iterator[Finding]:
    """Capability pages that run neither a session check nor a /login redirect while the project has them."""
    signing = {id(p.file) for p in facts.session_checks} | {id(u.place.file) for u in facts.login_urls}
    for page in facts.capability_pages:
        if page.role == "component":
            continue  # a Vue or Svelte component is mounted into a page by the app's entry, which signs in first
        files = {id(u.file) for u in page.units}
        if files & signing or any(_LOCAL_IMPORT.search(u.script.code) for u in page.units):
            continue
        target = next(
            ((u, i) for u in page.units for i in u.script.string_indexes() if u.script.string_value(i) == "js/qlik"),
            None,
        )
        message = "this page loads the capability API without the session check and /login redirect of the others"
        if target is not None:
            yield at_token(PAGE_WITHOUT_LOGIN, target[0], target[1], message)
        else:
            yield at_tag(PAGE_WITHOUT_LOGIN, page, page.scripts()[0] if page.scripts() else None, message)


# Calls that take the capability API's config object without connecting a library: the capability rules
# judge those pages (js/qlik), not this one.
_CAPABILITY_CALLS = frozenset({"openApp", "config", "require", "requirejs"})


def _motor_signs_in(project: Project, facts: Facts) -> bool:
    """True when browser code imports Motor (@motor-js/engine) and a config of the project is Motor's for Qlik
    Cloud (``qcs`` or ``webIntId``): Motor's login box sends the user to the tenant's sign-in itself."""
    if not any(u.in_browser and "@motor-js/engine" in u.script.code for u in project.units):
        return False
    return any(_motor_config(config) for config in (*facts.connection_configs, *facts.configs))


def _motor_config(config: ConfigObject) -> bool:
    """True for Motor's config (its own keys ``webIntId`` and ``qcs``): Motor's login box signs the user in."""
    return config.has("webIntId") or config.has("qcs")


def _library_connections(facts: Facts) -> list[tuple[ConfigObject, int | None]]:
    """Connection configs a library connects to a Qlik Cloud tenant with (qdt-components' ``qdtEnigma(config)``,
    an enigma.js helper), each with the token where it is handed to the library (None: not followed to a call).
    A library-shaped config (:attr:`Facts.connection_configs`) counts as it is; a capability-shaped one (it has
    ``webIntegrationId`` or ``isSecure``) only where it is handed to a call other than the capability API's.
    Motor's configs (``webIntId``, ``qcs``) do not count: its login box signs the user in."""
    found: list[tuple[ConfigObject, int | None]] = []
    for config in (*facts.connection_configs, *facts.configs):
        if _motor_config(config) or not _cloud_bound(facts, config):
            continue
        index = _handed_to(config)
        if index is not None or config in facts.connection_configs:
            found.append((config, index))
    return found


def _wrapper_calls(facts: Facts) -> list[WrapperCall]:
    """qdt-components' connection calls (the capability API loaded from the tenant, an engine socket) whose
    config names a Qlik Cloud tenant: they count on the tenant's session cookie, which nothing in qdt-components
    3 signs in for without a JWT (``token``), nor at all in qdt-components 1 and 2."""
    return [
        call
        for call in facts.qdt_calls
        if call.config is not None
        and not _motor_config(call.config)  # Motor's keys: its login box signs in (as for the connections)
        and _cloud_bound(facts, call.config)
        and (call.legacy or not call.config.has("token"))
    ]


def _moved_without_login(project: Project, facts: Facts) -> Iterator[Finding]:
    """A warning where browser code hands a library a connection config naming a client-managed server, in a
    project with no sign-in of any kind: moved to Qlik Cloud, the connection needs one (an error once the host
    is the tenant; until then the host rules report the server)."""
    if facts.session_checks or facts.login_urls or _signs_in_with_jwt(facts):
        return
    if _client_managed_sign_in(project, facts):
        return  # proxy tickets: client-managed-api's finding, and a sign-in of its own
    for config in (*facts.connection_configs, *facts.configs):
        if _motor_config(config) or not _client_managed_host(config):
            continue
        index = _handed_to(config)
        if index is None and config not in facts.connection_configs:
            continue  # a capability config the capability rules judge (openApp, require.config)
        where = index if index is not None else config.obj.open
        yield at_token(MISSING_MOVED, config.unit, where, "this connection to a client-managed server never signs in")
        return
    for unit, index, _what in local_engine_sockets(facts):
        if not unit.in_browser:
            continue  # a server's socket signs in with a bearer token, not the user's session
        yield at_token(
            MISSING_MOVED, unit, _socket_opened(unit, index), "this socket to a client-managed engine never signs in"
        )
        return


# The calls that open an engine socket from a URL: enigma.js's create (opened by .open() on the same line or the
# next ones), the browser's WebSocket, RxQ's and other wrappers' connectEngine / connectSession.
_OPENERS = frozenset({"create", "WebSocket", "connectEngine", "connectSession"})


def _socket_opened(unit: Unit, index: int) -> int:
    """The token where the socket of the URL string at ``index`` is opened, which is where a sign-in must come
    first: the opening call holding the URL (``new WebSocket('ws://...')``), else the first opening call after it
    in the same script (``enigma.create(config)`` of the config the URL is in); the URL itself otherwise."""
    script = unit.script
    calls = [
        callee
        for callee, _paren in script.find_calls(_OPENERS)
        if script.text(callee) != "create" or script.callee_path(callee) == "enigma.create"
    ]
    call = script.enclosing_call(index)
    if call is not None and call[0] in calls:
        return call[0]
    later = [callee for callee in calls if callee > index]
    return later[0] if later else index


def _client_managed_host(config: ConfigObject) -> bool:
    """True when browser code's config names a server by a written host that is not a Qlik Cloud tenant."""
    host = config.literal("host")
    if not isinstance(host, str) or not config.unit.in_browser:
        return False
    host = host.strip().lower().rstrip("/")
    return bool(host) and not host.endswith(".qlikcloud.com")


def _cloud_bound(facts: Facts, config: ConfigObject) -> bool:
    """True when the config's host is a Qlik Cloud tenant: written so, or read from the environment (or another
    name) in a project whose tenant is one. A client-managed server's host (anonymous access, a Desktop) is the
    connection rules' finding: the sign-in it needs once moved follows from moving it."""
    host = config.literal("host")
    if isinstance(host, str):
        return host.lower().rstrip("/").endswith(".qlikcloud.com")
    text = config.value_text("host") or ""
    if not text or "location" in text or "localhost" in text:
        return False
    if "env" in text:
        return True
    tenant = facts.tenant
    return tenant is not None and tenant.host.endswith(".qlikcloud.com")


def _handed_to(config: ConfigObject) -> int | None:
    """The token of the first call argument naming the variable ``config`` is declared as, in a call to
    anything but the capability API (``qdtEnigma(config)``); None when there is none or it has no name."""
    script = config.unit.script
    name = next((n for n, (start, _end) in script.declarations.items() if start == config.obj.open), None)
    if name is None:
        return None
    for index, token in enumerate(script.tokens):
        if index <= config.obj.close or token.kind != IDENT or script.text(index) != name:
            continue
        opener = script.parent(index)
        if opener > 0 and script.is_punct(opener, "(") and script.tokens[opener - 1].kind == IDENT:
            if script.text(opener - 1) not in _CAPABILITY_CALLS:
                return index
    return None


def _missing(project: Project, facts: Facts) -> Finding:
    message = "no session check (/api/v1/users/me) and no /login redirect anywhere in the project"
    commented = _commented_sign_in(project)
    if commented is not None:
        # The sign-in was written and then commented out: putting it back is the change to make.
        return at_place(
            MISSING,
            commented,
            "the session check (/api/v1/users/me) or /login redirect is commented out here, and nothing else "
            "checks for a session or sends the browser to /login",
            "Put the sign-in back (uncomment it) and load js/qlik once it has answered: "
            "login().then(() => { require(['js/qlik'], ...) }).",
        )
    # a require.config in a module no bundle holds (a helper only an unrendered component imports) runs nowhere
    live_configs = [c for c in facts.require_configs if not unused_module(project, c.unit)]
    if live_configs:
        config = live_configs[0]
        # Where js/qlik is loaded is where the session check must come first: a require([...]) of it before a
        # mere mention (a paths key of require.config), then the config's unit first.
        loads = sorted(
            (
                (not _loaded_by_require(unit.script, index), unit is not config.unit, unit.file.display, index)
                for unit, index, value in facts.strings
                if value.startswith("js/qlik") and not unused_module(project, unit)
            ),
        )
        if loads:
            unit = next(u for u, i, v in facts.strings if u.file.display == loads[0][2] and i == loads[0][3])
            return at_token(MISSING, unit, loads[0][3], message)
        return at_token(MISSING, config.unit, max(config.obj.open - 4, 0), message)
    if facts.capability_pages:
        page = facts.capability_pages[0]
        return at_tag(MISSING, page, page.scripts()[0] if page.scripts() else None, message)
    if facts.rest_calls:
        return at_place(MISSING, facts.rest_calls[0].place, message)
    engine_urls = _live_engine_urls(project, facts)
    if engine_urls:
        return at_place(MISSING, engine_urls[0].place, message)
    calls = _wrapper_calls(facts)
    if calls:  # where the wrapper is handed its config is where the sign-in must come first
        return at_token(MISSING, calls[0].unit, calls[0].callee, message)
    connections = _library_connections(facts)
    if connections:
        config, index = connections[0]
        return at_token(MISSING, config.unit, index if index is not None else config.obj.open, message)
    # js/qlik loaded from a script no page of the project includes: point at that string
    unit, index, _ = next(s for s in facts.strings if s[2].startswith("js/qlik"))
    return at_token(MISSING, unit, index, message)


_LOADERS = frozenset({"require", "requirejs", "define"})


def _loaded_by_require(script: Script, index: int) -> bool:
    """True when the string at ``index`` is a module of a ``require([...], ...)`` (``requirejs``, ``define``)
    list: where the module is loaded, unlike a ``paths`` key or a ``config`` entry naming it."""
    bracket = script.parent(index)
    if bracket == -1 or not script.is_punct(bracket, "["):
        return False
    paren = script.parent(bracket)
    return paren > 0 and script.is_punct(paren, "(") and script.is_ident(paren - 1, *_LOADERS)


# A session check or the tenant's /login redirect written in a comment.
_SIGN_IN_TEXT = re.compile(r"api/v1/users/me|/login\?qlik-web-integration-id")


def _commented_sign_in(project: Project) -> Place | None:
    """Where browser code holds a session check or /login redirect commented out (``/* async function login()
    {... /api/v1/users/me ...} */``, a run of ``//`` lines): the start of that comment, or None."""
    for unit in project.units:
        script = unit.script
        if not unit.in_browser or not _SIGN_IN_TEXT.search(script.code):
            continue
        code, tokens = script.code, script.tokens
        for m in _SIGN_IN_TEXT.finditer(code):
            index = script.index_at(m.start() + 1) - 1  # the token starting at or last before the text
            if index >= 0 and tokens[index].end > m.start():
                continue  # in a string or a name: live code (or a template's), not a comment
            start = _comment_start(code, m.start(), tokens[index].end if index >= 0 else 0)
            if start is not None:
                return Place(unit.file, script.offset + start, script.offset + m.end())
    return None


def _comment_start(code: str, at: int, after: int) -> int | None:
    """Where the comment holding offset ``at`` starts (``after`` is where the last token before it ends): a
    ``/*`` block, or the first of a run of ``//`` lines; None when ``at`` is in no comment."""
    block = code.rfind("/*", after, at)
    if block != -1 and code.find("*/", block, at) == -1:
        return block
    line = code.rfind("\n", 0, at) + 1
    if not code[line:at].lstrip().startswith("//"):
        return None
    while line > after:  # earlier lines of the same run of // comments
        previous = code.rfind("\n", 0, line - 1) + 1
        if not code[previous : line - 1].lstrip().startswith("//"):
            break
        line = previous
    return line + len(code[line:at]) - len(code[line:at].lstrip())
