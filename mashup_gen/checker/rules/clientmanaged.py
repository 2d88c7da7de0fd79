"""APIs only client-managed Qlik Sense has: the Repository Service (``/qrs/...`` with an ``xrfkey``), the Proxy
Service's ticket API (``/qps/...``, ports 4242/4243, ``qlik-auth``'s ``requestTicket``). Qlik Cloud has none
of them: such code signs nobody in and reads nothing there."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from pathlib import Path

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.csp import client_managed_frames
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.js import IDENT, NUMBER, STRING, Script
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place
from mashup_gen.checker.scan import SourceFile
from mashup_gen.source.roles import is_other_language_test, is_test_code
from mashup_gen.tenant import is_loopback

CLIENT_MANAGED_API = Rule(
    "client-managed-api",
    Severity.ERROR,
    "The code calls an API only client-managed Qlik Sense has (the QRS under /qrs with an xrfkey or through "
    "qrs-interact, the proxy's "
    "ticket API under /qps or on ports 4242/4243, qlik-auth's requestTicket, the engine's own port 4747, the "
    "exported client certificates (client_key.pem) and the X-Qlik-User header of certificate and header "
    "sign-in), or the code opens the engine socket on Qlik Sense Desktop (localhost:4848), a local engine "
    "or over plain ws://: Qlik Cloud has none of them.",
    "On Qlik Cloud use the REST API under /api/v1 (GET /api/v1/users/me for the session), and sign users in "
    "with OAuth2 (impersonation from your backend instead of proxy tickets) or the web integration's cookie.",
)
# A warning: Qlik documents GetDocList for client-managed servers only (the QRS's list, Sense Desktop's folder);
# what a Qlik Cloud engine answers to it is not documented.
ENGINE_DOC_LIST = Rule(
    "engine-doc-list",
    Severity.WARNING,
    "The code lists apps with the engine's GetDocList, which Qlik documents for client-managed Qlik Sense only "
    "(the repository's list, Qlik Sense Desktop's folder): on Qlik Cloud an engine session belongs to one app "
    "(wss://<tenant>/app/<appId>), and apps are listed by the REST API.",
    "List apps with GET https://<tenant>/api/v1/items?resourceType=app (each item's resourceId is the app id), "
    "then open each app on its own engine session.",
)
FRAME = Rule(
    "frame-client-managed",
    Severity.ERROR,
    "An iframe shows a page of a client-managed Qlik Sense server (Qlik Sense Desktop on localhost:4848, or the "
    "single-object page, an app, the hub or the management console on a host that is not Qlik Cloud): moved to "
    "Qlik Cloud that server is gone, and its file-path app ids and virtual proxies mean nothing there.",
    "Frame the tenant's page instead (https://<tenant>.qlikcloud.com/single/?appid=<app id>&obj=<object id>, "
    "the tenant's CSP allowing this site in frame-ancestors), or embed the object with qlik-embed.",
)
# Not sure: an https host by name with Qlik Cloud's own paths could be a custom tenant domain (undocumented).
FRAME_UNSURE = Rule(
    "frame-not-cloud",
    Severity.WARNING,
    "An iframe shows a Qlik page (the single-object page, an app, the hub) on a host that is not Qlik Cloud "
    "(*.qlikcloud.com): a client-managed Qlik Sense server, or a custom tenant domain, which Qlik does not "
    "document.",
    "Frame the tenant's page: https://<tenant>.qlikcloud.com/single/?appid=<app id>&obj=<object id>.",
)
RULES = (CLIENT_MANAGED_API, ENGINE_DOC_LIST, FRAME, FRAME_UNSURE)
_DOC_LIST = frozenset({"getDocList", "GetDocList"})

# The proxy's ticket redeemed in a URL (?qlikTicket=...) is a client-managed sign-in too: Qlik Cloud has no tickets.
# A URL built in pieces names them too: the service's path before a substitution (`/qrs${path}`) or at the end of
# a base (`host + '/qrs'`), and the xrfkey parameter after a separator chosen by the code (`${sep}xrfkey=`,
# `path + sep + 'xrfkey=' + key`).
_ENDPOINT = re.compile(
    r"(?i)(?:^|/)(?:qrs|qps)(?:/|\$\{)|/(?:qrs|qps)$|:(?:424[23]|4747)(?:/|$)|(?:^|[?&}])(?:xrfkey|qlikTicket)="
)
# The ports of client-managed services (the proxy's ticket API 4243, the QRS 4242, the engine's own 4747) given
# to a name or key that says it is a port (enginePort = 4747, port: 4747): Qlik Cloud answers on 443 only.
_PORTS = frozenset({"4242", "4243", "4747"})
# The header a client-managed engine or header-authentication virtual proxy reads the user from
# ('X-Qlik-User': 'UserDirectory=D; UserId=U'): Qlik Cloud signs nobody in with it.
_USER_HEADER = re.compile(r"(?i)^x-qlik-user$")
# A bearer token in the same headers (within six lines): the token signs in (an API key, an OAuth token), and
# the user header beside it, left from client-managed code that shares the function, changes nothing.
_BEARER_NEAR = re.compile(r"(?i)authorization[\"'`]?\s*[:=,]\s*f?[\"'`]\s*bearer\b")
# The key file of the certificates a client-managed Qlik Sense site exports for its services (client_key.pem,
# beside client.pem and root.pem): a program that presents them talks to the engine or the QRS directly with a
# certificate, which Qlik Cloud does not accept.
_CERTIFICATE_KEY = re.compile(r"(?i)(?:^|[/\\])client_key\.pem$")
# The proxy's session cookie (X-Qlik-Session, X-Qlik-Session-<virtual proxy>): only client-managed Qlik Sense
# sets it; a server that copies it onto the browser signs the user in through a client-managed proxy.
_SESSION_COOKIE = re.compile(r"(?i)^x-qlik-session(?:-[\w-]+)?$")
# String literals in another language's server code (Python, C#, Java, Ruby, Go): one line, either quote.
_OTHER_STRING = re.compile(r"""(["'])((?:\\.|(?!\1)[^\\\n])*)\1""")
_PER_OTHER_FILE = 2
# An engine socket URL written out (scheme, host, port, a path through /app): the engine's route.
_ENGINE_SOCKET = re.compile(r"(?i)^\s*(wss?)://([A-Za-z0-9.-]+)(?::(\d+))?(/\S*)?$")
# The same with a host the code computes (`ws://${location.hostname}:9076/app/x`): the scheme and port still say.
_COMPUTED_HOST_SOCKET = re.compile(r"(?i)^\s*(wss?)://\$\{[^}]*\}(?::(\d+))?(/\S*)?$")
# Engines that answer on this machine: Qlik Sense Desktop (4848) and Qlik Core (9076).
_LOCAL_ENGINE_PORTS = {"4848": "Qlik Sense Desktop's engine", "9076": "a local engine (Qlik Core's port)"}
_LINE_COMMENT = re.compile(r"^\s*(?:#|//)")
_TICKET_CALL = re.compile(r"\b(?:requestTicket|getTicket)\s*\(")
# A source file's name (lib/apis/qrs/qrs.sdk.app.js in a build's file list, ./qps/ticket.ts in an import): a
# folder of the project named after the API, not a request to it. Qlik's endpoints end in no such suffix.
_SOURCE_FILE = re.compile(r"\.(?:[cm]?[jt]sx?|json|css|s[ac]ss|less|html?|md|map)$", re.I)
_CLOUD_API = re.compile(r"(?:^|/)api/v1/")
# A string a URL is tested against, not a URL requested: url.pathname.endsWith('/qps/csrftoken'), path === '/qrs'.
_TEST_METHODS = frozenset({"endsWith", "startsWith", "includes", "indexOf", "lastIndexOf", "match", "search"})
_COMPARISONS = frozenset({"===", "!==", "==", "!="})


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per client-managed endpoint written in the code, and per ticket request; none in the
    client-managed half of a project split by folder into both kinds (:func:`_client_managed_half`)."""
    half = _client_managed_half(project)
    for finding in _findings(project, facts):
        if finding.path not in half:
            yield finding


# The word that names a folder's kind: ExamplesClientManaged/ and ExamplesQcs/, onprem/ and cloud/.
_CLOUD_WORD = re.compile(r"(?i)qcs|qlik_?cloud|cloud|saas")
_CLIENT_MANAGED_WORD = re.compile(r"(?i)client[-_ ]?managed|on[-_ ]?prem(?:ise)?s?|qseow")


def _client_managed_half(project: Project) -> frozenset[str]:
    """The display paths of files in the client-managed half of a tool made for both kinds, kept apart by
    folder: a folder named for client-managed servers beside one named the same but for Qlik Cloud
    (ExamplesClientManaged/ beside ExamplesQcs/, onprem/ beside cloud/). That half works where it is meant to
    run (each of its folders may be a project of its own for check). A client-managed folder alone, or beside
    folders of other names, is judged as moved."""
    files = [u.file for u in project.units] + [p.file for p in project.pages] + list(project.other_code)
    return frozenset(f.display for f in files if any(_has_cloud_twin(d) for d in f.path.parents[:_HALF_DEPTH]))


_HALF_DEPTH = 6  # folders above a file looked at for a client-managed half: examples sit a few folders down


@functools.lru_cache(maxsize=256)
def _has_cloud_twin(folder: Path) -> bool:
    """True when ``folder`` is named for client-managed servers and a sibling has the same name with a Qlik
    Cloud word in that place."""
    if not _CLIENT_MANAGED_WORD.search(folder.name):
        return False
    rest = _CLIENT_MANAGED_WORD.sub("", folder.name).lower()
    try:
        siblings = [e.name for e in os.scandir(folder.parent) if e.is_dir() and e.name != folder.name]
    except OSError:
        return False
    return any(_CLOUD_WORD.search(name) and _CLOUD_WORD.sub("", name).lower() == rest for name in siblings)


def _findings(project: Project, facts: Facts) -> Iterator[Finding]:
    """Every client-managed endpoint, ticket request, proxy cookie, local engine and frame of the project."""
    seen: set[tuple[int, int]] = set()
    cookies: set[int] = set()  # the proxy's session cookie is reported once a project: it is one sign-in flow
    # A file that calls the ticket API or the QRS is reported there: the certificate and user header it sends
    # them with are part of that call, not another problem.
    strings = [(unit, index, value, _is_endpoint(value)) for unit, index, value in facts.strings]
    reported: dict[int, int] = {}  # per unit, the token index of the last string reported
    api_files = {
        id(unit.file)
        for unit, index, _value, is_api in strings
        if is_api and not _module_specifier(unit.script, index)  # require('./qrs'): a file of the project
    }
    for unit, index, value, is_api in strings:
        endpoint = is_api or (
            id(unit.file) not in api_files
            and bool(
                (_USER_HEADER.match(value) and not _beside_bearer(unit, index))
                or _CERTIFICATE_KEY.search(value.strip())
            )
        )
        if not endpoint and not _first_cookie(value, id(unit.file), cookies):
            continue
        if endpoint and (
            _tested_against(unit.script, index)
            or _beside_cloud_branch(unit.script, index)
            or _module_specifier(unit.script, index)
            or _message(unit.script, index)
            or _optional_ticket(unit.script, index, value)
        ):
            continue
        place = string_place(unit, index)
        line, _ = place.position()
        if (id(place.file), line) in seen:
            continue
        seen.add((id(place.file), line))
        previous = reported.get(id(unit))
        reported[id(unit)] = index
        if endpoint and previous is not None and _same_expression(unit.script, previous, index):
            continue  # '/qrs/app' + ... + '&xrfkey=' on the next lines: one URL, one finding
        yield at_place(CLIENT_MANAGED_API, place, _what(value))
    for unit in project.units:
        if any(port in unit.script.code for port in _PORTS):
            for index in _port_numbers(unit.script):
                place = Place(unit.file, *unit.file_span(index, index + 1))
                if (id(place.file), place.position()[0]) not in seen:
                    seen.add((id(place.file), place.position()[0]))
                    port = unit.script.text(index)
                    yield at_place(CLIENT_MANAGED_API, place, f"port {port} is a client-managed Qlik Sense service's")
    for unit, index, what in local_engine_sockets(facts):
        place = string_place(unit, index)
        if (id(place.file), place.position()[0]) not in seen:
            seen.add((id(place.file), place.position()[0]))
            yield at_place(CLIENT_MANAGED_API, place, what)
    if not _cloud_tenant(facts):
        for unit in project.units:
            if unit.in_browser or "4848" not in unit.script.code:
                continue  # browser code's Desktop URLs are the config and resource rules' (a host, a baseUrl)
            for index, value in unit.script.string_values:
                if _DESKTOP_SERVER.match(value) and not _tested_against(unit.script, index):
                    place = string_place(unit, index)
                    if (id(place.file), place.position()[0]) not in seen:
                        seen.add((id(place.file), place.position()[0]))
                        yield at_place(
                            CLIENT_MANAGED_API,
                            place,
                            f"{value.strip()[:80]!r} is Qlik Sense Desktop's server on this machine, not a Qlik Cloud "
                            "tenant",
                        )
    for unit in project.units:
        if _CLIENT_LIBRARY_NAME in unit.script.code:
            for place, what in _client_managed_library(unit):
                if (id(place.file), place.position()[0]) not in seen:
                    seen.add((id(place.file), place.position()[0]))
                    yield at_place(CLIENT_MANAGED_API, place, what)
    for source in project.other_code:
        relative = project.relative(source.path)
        if not is_test_code(relative) and not is_other_language_test(relative):  # a test runner's: signs nobody in
            yield from _other_code(source, seen, cookies)
    yield from _doc_lists(project)
    for place in _markup_tickets(project):
        if (id(place.file), place.position()[0]) not in seen:
            seen.add((id(place.file), place.position()[0]))
            yield at_place(CLIENT_MANAGED_API, place, "this URL redeems a client-managed Qlik Sense proxy's ticket")
    for place, src, sure in client_managed_frames(facts):
        shown = src.strip().strip("`")
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        if sure:
            yield at_place(FRAME, place, f"the iframe shows {shown}, a page of a client-managed Qlik Sense server")
        else:
            yield at_place(
                FRAME_UNSURE, place, f"the iframe shows {shown}, a Qlik page on a host that is not Qlik Cloud"
            )
    for unit in project.units:
        code = unit.script.code
        if "Ticket" not in code:
            continue
        for m in _TICKET_CALL.finditer(code):
            start = unit.script.offset + m.start()
            if (id(unit.file), unit.file.position(start)[0]) in seen:
                continue
            if api_files and _own_helper(code, m.start(), m.group(0).rstrip("( "), facts):
                continue  # the project's own requestTicket(), whose /qps request is reported where it is written
            seen.add((id(unit.file), unit.file.position(start)[0]))
            name = m.group(0).rstrip("( ")
            yield at_place(
                CLIENT_MANAGED_API,
                Place(unit.file, start, start + len(name)),
                f"{name}() asks a Qlik Sense proxy for a ticket",
            )


# A ticket in a URL of the page's markup: the template fills in what its view asked the proxy for.
_MARKUP_TICKET = re.compile(r"(?i)[?&]qlikTicket=")
_TICKET_WORD = re.compile(r"(?i)qlikTicket=")


def _markup_tickets(project: Project) -> Iterator[Place]:
    """Each attribute of a page's tags (an iframe's or image's src, a link's href, a form's action, an inline
    handler) whose URL redeems a proxy ticket (``'{{ url }}?qlikTicket={{ ticket }}'``)."""
    for page in project.pages:
        if not _TICKET_WORD.search(page.file.text):  # the raw text: its & may be written &amp;
            continue
        for tag in page.tags:
            for attribute in tag.attributes.values():
                if _MARKUP_TICKET.search(attribute.value):
                    yield Place(page.file, attribute.start, attribute.end)


# Qlik Sense Desktop's own server (http://localhost:4848, its hub and /single pages under it) as the Qlik server
# server code renders pages from or calls: on Qlik Cloud it is the tenant, over https.
_DESKTOP_SERVER = re.compile(r"(?i)^\s*https?://(?:localhost|127\.0\.0\.1):4848(?:/\S*)?\s*$")


def _cloud_tenant(facts: Facts) -> bool:
    """True when the project's tenant is a Qlik Cloud one (in its code or its env files): a Desktop URL beside it
    is a developer's fallback."""
    tenant = facts.tenant
    if tenant is not None and tenant.host.endswith(".qlikcloud.com"):
        return True
    return any(".qlikcloud.com" in source.text.lower() for source in facts.project.env_files)


def _own_helper(code: str, at: int, name: str, facts: Facts) -> bool:
    """True when ``name(`` at ``at`` is the project's own function: its declaration (``function requestTicket(``,
    a method ``async requestTicket(user) {``) or a plain call of a function the project declares. A member call
    (``qlikAuth.requestTicket(...)``) is a library's."""
    before = code[:at].rstrip()
    if before.endswith("function") or before.endswith("."):
        return before.endswith("function")
    close = code.find(")", at)
    if close != -1 and code[close + 1 : close + 40].lstrip().startswith("{"):
        return True  # a method's head: requestTicket(userId) {
    return name in facts.declarations


_STATEMENT_START = frozenset({"var", "let", "const", "function", "return", "if", "for", "while", "class"})


def _same_expression(script: Script, first: int, second: int) -> bool:
    """True when nothing between two string tokens ends a statement: they are parts of one URL built by
    concatenation (or one call's arguments)."""
    for i in range(first + 1, second):
        text = script.text(i)
        if text in (";", "{", "}") or text in _STATEMENT_START:
            return False
    return True


def _doc_lists(project: Project) -> Iterator[Finding]:
    """Each call of the engine's GetDocList (``global.getDocList()``, ``session.GetDocList()``) and each JSON-RPC
    request naming it (``method: "GetDocList"``), outside test code."""
    for unit in project.units:
        script = unit.script
        if "DocList" not in script.code or is_test_code(project.relative(unit.file.path)):
            continue
        for index, token in enumerate(script.tokens):
            called = token.kind == IDENT and script.text(index) in _DOC_LIST and script.is_punct(index + 1, "(")
            named = (
                token.kind == STRING
                and script.string_value(index) == "GetDocList"
                and not script.is_punct(index + 1, ":")  # a schema's key ({"GetDocList": {In, Out}}): no request
            )
            if called or named:
                place = Place(unit.file, *unit.file_span(index, index + 1))
                yield at_place(ENGINE_DOC_LIST, place, "the engine's GetDocList lists a client-managed server's apps")


def _module_specifier(script: Script, index: int) -> bool:
    """True when the string at ``index`` names a module to load (``import { X } from '../model/qrs/QrsConfig'``,
    ``import '../qps/setup'``, ``require('./qrs/client')``): a source file of the project, not a request. Also
    the path a decorator gives the project's own controller (``@controller('/qrs')``): a route it answers."""
    if index < 1:
        return False
    if script.is_ident(index - 1, "from", "import"):
        return True
    if index >= 3 and script.is_punct(index - 1, "(") and script.is_punct(index - 3, "@"):
        return True
    return script.is_punct(index - 1, "(") and index >= 2 and script.is_ident(index - 2, "require", "import")


# Calls whose string arguments are messages for people: logged (console.warn, a logger), shown (alert) or thrown.
_MESSAGE_CALL = re.compile(r"^(?:(?:this\.)?(?:console|logger|log|winston)\.\w+|alert|print|\w*Error)$")


def _message(script: Script, index: int) -> bool:
    """True when the string at ``index`` is an argument of a call that logs, shows or throws it
    (``console.warn('[qrs] /qrs/app/full ->', r.status)``): a message naming an endpoint, not a request."""
    call = script.enclosing_call(index)
    return call is not None and bool(_MESSAGE_CALL.match(script.callee_path(call[0])))


_OPTIONAL_TICKET = re.compile(r"(?i)^[?&]?qlikTicket=$")


def _optional_ticket(script: Script, index: int, value: str) -> bool:
    """True when the string at ``index`` adds a ticket to a URL only when the caller gives one
    (``options.ticket ? "qlikTicket=" + options.ticket : ""``): a library's option (qsocks, a vendored search
    component), which signs in with a ticket only for a project that hands it one, reported there."""
    if not _OPTIONAL_TICKET.match(value.strip()) or not script.is_punct(index - 1, "?"):
        return False
    level = script.parent(index)
    for i in range(index + 1, min(index + 12, len(script.tokens) - 1)):
        if script.parent(i) == level and script.is_punct(i, ":"):
            return script.string_value(i + 1) == "" and not script.is_punct(i + 2, "+")
    return False


def _is_endpoint(value: str) -> bool:
    """True for a string naming a client-managed endpoint (not a source file named after one, nor a sentence
    that mentions one: a log line "Environment verified via /qrs/about", an error message)."""
    path = value.split("?", 1)[0]  # a query may hold spaces: filter=userDirectory ne 'INTERNAL'
    return (
        _ENDPOINT.search(value) is not None
        and not _PROSE.search(path.strip())
        and not _SOURCE_FILE.search(path.split("#", 1)[0].strip())
    )


# A space between two words: a sentence, never a URL (which encodes its spaces).
_PROSE = re.compile(r"[A-Za-z:,.]\s+[A-Za-z(]")


def _port_numbers(script: Script) -> Iterator[int]:
    """Indexes of the numbers 4242, 4243 and 4747 given to a port (``enginePort = 4747``, ``port: 4747``)."""
    for index, token in enumerate(script.tokens):
        if token.kind != NUMBER or script.text(index) not in _PORTS:
            continue
        if index < 2 or script.text(index - 1) not in ("=", ":"):
            continue
        kind = script.tokens[index - 2].kind
        name = script.text(index - 2) if kind == IDENT else ""
        if kind == STRING:
            name = script.string_value(index - 2) or ""
        if "port" in name.lower():
            yield index


def _tested_against(script: Script, index: int) -> bool:
    """True when the string at ``index`` is what a URL is compared with (``url.endsWith('/qps/csrftoken')``,
    ``path === '/qrs/about'``): code recognising a client-managed server's answer, which sends nothing."""
    if index > 0 and script.text(index - 1) in _COMPARISONS:
        return True
    if index + 1 < len(script.tokens) and script.text(index + 1) in _COMPARISONS:
        return True
    return (
        script.is_punct(index - 1, "(")
        and script.is_ident(index - 2, *_TEST_METHODS)
        and script.is_punct(index - 3, ".")
    )


def _beside_cloud_branch(script: Script, index: int) -> bool:
    """True when the string at ``index`` is one arm of a choice between the two kinds of Qlik: the other arm is
    a Qlik Cloud REST path (``if (isWindows) p = '/qps/csrftoken'; else p = '/api/v1/csrf-token'``, or the same
    as ``?:``), or the condition asks whether this is Qlik Cloud (``if (webIntegrationId) {...} else {...}``,
    ``isSaas``). Such code serves both, and takes the Qlik Cloud path on Qlik Cloud."""
    conditions, arms = _choices(script, index)
    if any(_CLOUD_CONDITION.search(script.span_text(a, b)) for a, b in conditions):
        return True
    if _in_client_managed_function(script, index):
        return True
    return any(_is_cloud_string(script, i) for arm in arms for i in range(*arm))


# A condition that tells Qlik Cloud from a client-managed server (a web integration id exists only on Qlik Cloud;
# platform === 'on-premise'), and a function named for client-managed servers (triggerReloadOnPrem): the code
# takes that branch only where it works.
_CLOUD_CONDITION = re.compile(
    r"(?i)web_?integration_?id|qlik-web-integration-id|qlikcloud|saas|is_?cloud|\bqcs\b"
    r"|on-?prem|client-?managed|qseow"
)
_CLIENT_MANAGED_FUNCTION = re.compile(r"(?i)on_?prem|client_?managed|qseow")
_MAX_NESTING = 32  # enclosing blocks looked at: a bound on the walk, deeper than any hand-written code


def _is_cloud_string(script: Script, index: int) -> bool:
    value = script.string_value(index)
    return value is not None and bool(_CLOUD_API.search(value))


# A condition that holds on Qlik Cloud (deployment === 'cloud', isSaaS, config.webIntegrationId), and one that holds
# on a client-managed server (isOnPrem, mode === 'client-managed', qseow, windows): what each arm of a choice serves.
_ON_CLOUD = re.compile(r"(?i)cloud|saas|\bqcs\b|web_?integration_?id")
_OFF_CLOUD = re.compile(r"(?i)on-?_?prem|client-?_?managed|qseow|windows|enterprise")


def client_managed_arm(script: Script, index: int) -> bool:
    """True when the token at ``index`` lies in code that runs only on a client-managed server, in code serving
    both kinds of Qlik: a function named for client-managed servers (``function clientManagedUrl() {``), the arm
    of ``if (isOnPrem) {...}``, the ``else`` of ``if (deployment === 'cloud') {...}``, or the code after a guard
    ``if (isCloud) return cloudUrl();``. Qlik Cloud's rules for requests and sockets are not that code's."""
    if _in_client_managed_function(script, index):
        return True
    conditions: list[tuple[int, int]] = []
    _guards_before(script, index, conditions, [])
    if any(_on_cloud(script.span_text(a, b)) for a, b in conditions):
        return True
    brace = script.parent(index)
    for _ in range(_MAX_NESTING):
        if brace == -1:
            return False
        if script.is_punct(brace, "{"):
            condition = _if_condition(script, brace)
            if condition is not None and _off_cloud(script.span_text(*condition)):
                return True  # if (isOnPrem) { <here> }
            if script.is_ident(brace - 1, "else") and script.is_punct(brace - 2, "}"):
                previous = script.partner(brace - 2)
                condition = _if_condition(script, previous) if previous != -1 else None
                if condition is not None and _on_cloud(script.span_text(*condition)):
                    return True  # if (isCloud) {...} else { <here> }
        brace = script.parent(brace)
    return False


def _on_cloud(condition: str) -> bool:
    """True for a condition that holds on Qlik Cloud (not negated, naming no client-managed server)."""
    text = condition.strip()
    if text.startswith("!") or "!==" in text or _OFF_CLOUD.search(text):
        return False
    return bool(_ON_CLOUD.search(text))


def _off_cloud(condition: str) -> bool:
    """True for a condition that holds on a client-managed server (not negated)."""
    text = condition.strip()
    return not text.startswith("!") and "!==" not in text and bool(_OFF_CLOUD.search(text))


def _in_client_managed_function(script: Script, index: int) -> bool:
    """True when the string lies in a function or method named for client-managed servers
    (``async triggerReloadOnPrem(appId) {``, ``function getStreamsOnPremise() {``), in an object under such
    a key (``ONPREM: { APPS: '/qrs/app' }``), or is the value of such a key (``ONPREMISE_QRS_PATH: '/qrs/about'``)."""
    if script.is_punct(index - 1, ":") and _CLIENT_MANAGED_FUNCTION.search(script.text(index - 2)):
        return True
    brace = script.parent(index)
    for _ in range(_MAX_NESTING):
        if brace == -1:
            return False
        if script.is_punct(brace, "{"):
            if script.is_punct(brace - 1, ":") and _CLIENT_MANAGED_FUNCTION.search(script.text(brace - 2)):
                return True  # ONPREM: { APPS: '/qrs/app' }: the client-managed half of a table of paths
            close_paren = brace - 1
            while close_paren > 0 and not script.is_punct(close_paren, ")") and brace - close_paren < 6:
                close_paren -= 1  # skip a return type: ): Promise<any> {
            if script.is_punct(close_paren, ")"):
                opener = script.partner(close_paren)
                if (
                    opener > 0
                    and script.is_ident(opener - 1)
                    and _CLIENT_MANAGED_FUNCTION.search(script.text(opener - 1))
                ):
                    return True
        brace = script.parent(brace)
    return False


def _if_condition(script: Script, brace: int) -> tuple[int, int] | None:
    """The token range of ``cond`` when the block opened at ``brace`` is ``if (cond) {``."""
    if not script.is_punct(brace - 1, ")"):
        return None
    opener = script.partner(brace - 1)
    if opener > 0 and script.is_ident(opener - 1, "if"):
        return opener + 1, brace - 1
    return None


def _choices(script: Script, index: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The conditions and the other arms of every ``if``/``else`` and ``?:`` the string at ``index`` lies in."""
    count = len(script.tokens)
    conditions: list[tuple[int, int]] = []
    arms: list[tuple[int, int]] = []
    # a ternary: cond ? '/qps/...' : '/api/v1/...'  or  cond ? '/api/v1/...' : '/qps/...'
    if script.is_punct(index - 1, "?") and script.is_punct(index + 1, ":"):
        arms.append((index + 2, min(index + 3, count)))
    if script.is_punct(index - 1, ":") and script.is_punct(index - 3, "?"):
        arms.append((index - 2, index - 1))
    # a ternary whose arm builds the URL (isCloud ? base + '/api/v1/x' : base + '/api/odag/v1/x?xrfkey=' + k):
    # the condition is what comes before the `?` at the string's own level of brackets
    parent = script.parent(index)
    first, _last = script.statement(index)
    for i in range(index - 1, first - 1, -1):
        if script.parent(i) == parent and script.is_punct(i, "?"):
            conditions.append((first, i))
            break
    # braceless arms: if (c) p = '/qps/...'; else p = '/api/v1/...'  (and the reverse)
    start, end = script.statement(index)
    after = end + 1 if end < count and script.is_punct(end, ";") else end
    if script.is_ident(after, "else") and not script.is_punct(after + 1, "{"):
        arms.append(script.statement(after + 1))
    if script.is_ident(start, "else") and start > 0 and not script.is_punct(start - 1, "}"):
        arms.append(script.statement(start - 1))
    # a guard before the string's statement in the same block: if (isCloud) return cloudCall(); return qrsCall();
    _guards_before(script, index, conditions, arms)
    # the blocks around the string: if (c) { ... } else { ... }
    brace = script.parent(index)
    for _ in range(_MAX_NESTING):
        if brace == -1:
            break
        if script.is_punct(brace, "{"):
            close = script.partner(brace)
            condition = _if_condition(script, brace)
            if condition is not None:  # the string is in the if's arm: the else arm follows
                conditions.append(condition)
                if close != -1 and script.is_ident(close + 1, "else"):
                    if script.is_punct(close + 2, "{") and script.partner(close + 2) != -1:
                        arms.append((close + 3, script.partner(close + 2)))
                    else:
                        arms.append(script.statement(close + 2))
            elif script.is_ident(brace - 1, "else") and script.is_punct(brace - 2, "}"):
                previous = script.partner(brace - 2)  # the string is in the else arm: the if's arm before
                if previous != -1:
                    arms.append((previous + 1, brace - 2))
                    condition = _if_condition(script, previous)
                    if condition is not None:
                        conditions.append(condition)
        brace = script.parent(brace)
    return conditions, arms


_MAX_GUARDS = 400  # tokens looked back for a guard: the statements of one function body


def _guards_before(script: Script, index: int, conditions: list[tuple[int, int]], arms: list[tuple[int, int]]) -> None:
    """Add the condition and the body of each ``if (cond) return ...;`` (or ``if (cond) { ...; return ...; }``)
    that comes before the string at ``index`` in its block: code after such a guard runs only when the condition
    fails, so the guard's body is the other arm of the choice."""
    block = script.parent(index)
    while block != -1 and not script.is_punct(block, "{"):
        block = script.parent(block)
    i = index - 1
    while i > block and index - i < _MAX_GUARDS:
        if script.parent(i) == block and script.is_ident(i, "if") and script.is_punct(i + 1, "("):
            close = script.partner(i + 1)
            if close != -1:
                if script.is_punct(close + 1, "{"):
                    end = script.partner(close + 1)
                    body = (close + 2, end) if end != -1 else (close + 2, close + 2)
                else:
                    body = script.statement(close + 1)
                condition = script.span_text(i + 2, close).strip()
                # After `if (onPrem) return ...;` the rest runs on Qlik Cloud, and after `if (!isCloud)` too:
                # only a guard that takes Qlik Cloud away leaves the client-managed arm after it.
                if (
                    body[1] < index
                    and any(script.is_ident(t, "return", "throw") for t in range(*body))
                    and not condition.startswith("!")
                    and not _CLIENT_MANAGED_FUNCTION.search(condition)
                    and not re.search(r"(?i)on-?prem|client-?managed|windows", condition)
                ):
                    conditions.append((i + 2, close))
                    arms.append(body)
        i -= 1


def _near_bearer(text: str, offset: int) -> bool:
    """True when a bearer Authorization header is written within six lines of ``offset``."""
    start = offset
    for _ in range(7):
        start = text.rfind("\n", 0, start - 1) if start > 0 else -1
        if start == -1:
            break
    end = offset
    for _ in range(7):
        found = text.find("\n", end + 1)
        end = found if found != -1 else len(text)
    return bool(_BEARER_NEAR.search(text, max(start, 0), end))


def _beside_bearer(unit: Unit, index: int) -> bool:
    """``_near_bearer`` for the string at token ``index`` of a JavaScript unit."""
    return _near_bearer(unit.file.text, unit.script.offset + unit.script.tokens[index].start)


def _first_cookie(value: str, file: int, cookies: set[int]) -> bool:
    """True for the project's first mention of the proxy's session cookie (recorded in ``cookies``)."""
    if cookies or not _SESSION_COOKIE.match(value.strip()):
        return False
    cookies.add(file)
    return True


def _other_code(source: SourceFile, seen: set[tuple[int, int]], cookies: set[int]) -> Iterator[Finding]:
    """Client-managed endpoints and the proxy's session cookie in string literals of server code that is not
    JavaScript (a Flask app requesting a QPS ticket and copying X-Qlik-Session-<proxy> onto the browser). Read
    as text, the file gets its first two findings (the ticket and the session, say), the rest are counted."""
    text = source.text
    if not re.search(r"(?i)qrs|qps|424[23]|4747|xrfkey|x-qlik-session|x-qlik-user|client_key|ws://", text):
        return
    found: list[Finding] = []
    pos = 0
    calls_api = any(_ENDPOINT.search(m.group(2)) for m in _OTHER_STRING.finditer(text))
    for line_text in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line_text)
        if _LINE_COMMENT.match(line_text):
            continue  # commented-out code runs nowhere
        for m in _OTHER_STRING.finditer(line_text):
            value = m.group(2)
            credential = not calls_api and bool(
                (_USER_HEADER.match(value) and not _near_bearer(text, start + m.start(2)))
                or _CERTIFICATE_KEY.search(value)
            )
            local = _local_engine(value)
            if (
                not _is_endpoint(value)  # not a log line's "Authenticating (calling GET /qrs/about)"
                and not credential
                and local is None
                and not _first_cookie(value, id(source), cookies)
            ):
                continue
            if _ENDPOINT.search(value) and _in_client_managed_method(text, start):
                continue  # GetAllAppIdsClientManaged(): the client-managed arm of a tool made for both kinds
            place = Place(source, start + m.start(2), start + m.end(2))
            line, _ = place.position()
            if (id(source), line) in seen:
                continue
            seen.add((id(source), line))
            found.append(at_place(CLIENT_MANAGED_API, place, local or _what(value)))
    if len(found) > _PER_OTHER_FILE:
        last = found[_PER_OTHER_FILE - 1]
        more = len(found) - _PER_OTHER_FILE
        found[_PER_OTHER_FILE - 1] = CLIENT_MANAGED_API.at(
            last.path, last.line, f"{last.message} (and {more} more in this file)", last.column, last.fix
        )
    yield from found[:_PER_OTHER_FILE]


# A method or function declaration in C#, Java, Python, Go or Ruby: a name, its parameters, then a body opening
# (or nothing: a brace on the next line).
_DECLARATION = re.compile(
    r"^\s*(?!(?:if|for|foreach|while|switch|catch|using|return|else|elif|lock)\b)[^=;]*?\b"
    r"([A-Za-z_]\w*)\s*\([^()]*\)\s*(?:\{|:|->[^{]*\{?|throws\b.*)?\s*$"
)


def _in_client_managed_method(text: str, line_start: int) -> bool:
    """True when the line at ``line_start`` lies in a method named for client-managed servers
    (``Task<...> GetAllAppIdsClientManaged(IRestClient client)``, ``def list_apps_onprem(self):``): the nearest
    declaration above it that is indented less."""
    line_end = text.find("\n", line_start)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    indent = len(line) - len(line.lstrip())
    for previous in reversed(text[:line_start].splitlines()[-200:]):
        stripped = previous.strip()
        if not stripped or len(previous) - len(previous.lstrip()) >= indent:
            continue
        m = _DECLARATION.match(previous)
        if m is not None:
            return bool(_CLIENT_MANAGED_FUNCTION.search(m.group(1)))
        if stripped not in ("{", "}"):
            indent = len(previous) - len(previous.lstrip())  # an enclosing block: look above it
    return False


# qrs-interact, a Node client of the Qlik Sense Repository Service (``new QRS({hostname, localCertPath})`` then
# ``qrs.Get('/app')``): it writes no /qrs path in the project's code, yet every call it makes goes to the QRS.
_CLIENT_LIBRARY_NAME = "qrs-interact"
_CLIENT_LIBRARY_BINDING = re.compile(
    r"""\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*["']qrs-interact["']\s*\)"""
    r"""|\bimport\s+([A-Za-z_$][\w$]*)\s+from\s+["']qrs-interact["']"""
)


def _client_managed_library(unit: Unit) -> Iterator[tuple[Place, str]]:
    """Each client of the QRS a unit makes with qrs-interact (``new QRS({...})``), else its import of the
    library: the place to change is where the client is given a client-managed server."""
    script = unit.script
    what = "qrs-interact is a client of the Qlik Sense Repository Service (QRS), which Qlik Cloud does not have"
    names = {name for m in _CLIENT_LIBRARY_BINDING.finditer(script.code) for name in m.groups() if name}
    made = False
    for index in range(len(script.tokens) - 2):
        if script.is_ident(index, "new") and script.text(index + 1) in names and script.is_punct(index + 2, "("):
            made = True
            yield Place(unit.file, *unit.file_span(index + 1, index + 2)), what
    if made:
        return
    for index, value in script.string_values:
        if value == _CLIENT_LIBRARY_NAME and _module_specifier(script, index):
            yield string_place(unit, index), what


def local_engine_sockets(facts: Facts) -> list[tuple[Unit, int, str]]:
    """The engine socket URLs written in the code that reach no Qlik Cloud tenant (Qlik Sense Desktop's, a local
    engine's, a client-managed server's over plain ws://), each with its unit, string token and what is wrong.
    Browser code's count unless the page also opens a Qlik Cloud socket: that local one is a development switch."""
    found: list[tuple[Unit, int, str]] = []
    ports = {**_LOCAL_ENGINE_PORTS, **_qlik_core_ports(facts.project)}
    cloud_socket = bool(facts.engine_urls or facts.host_configs)
    for unit, index, value in facts.strings:
        # Browser code's sockets too: a page that opens Qlik Sense Desktop's or a local engine's socket, or one
        # over plain ws://, reaches no Qlik Cloud tenant whatever parameters its URL carries. A page that also
        # opens a Qlik Cloud socket keeps its local one for development, chosen by a switch.
        if unit.in_browser and cloud_socket and not _plain_cloud_socket(value):
            continue
        what = _local_engine(value, ports)
        if what is not None and not _tested_against(unit.script, index):
            found.append((unit, index, what))
    return found


def _plain_cloud_socket(value: str) -> bool:
    """True for a plain ws:// URL to a Qlik Cloud tenant (``ws://acme.eu.qlikcloud.com/app/<id>``): no development
    stand-in beside the page's Qlik Cloud socket, but that socket itself, which the tenant serves over wss:// only."""
    m = _ENGINE_SOCKET.match(value)
    return m is not None and m.group(1).lower() == "ws" and m.group(2).lower().endswith(".qlikcloud.com")


# A compose file that runs Qlik Core's engine image and maps a port of this machine to the engine's 9076
# ("19076:9076", as Qlik Core's own examples do): that port is the local engine too.
_QLIK_CORE_IMAGE = re.compile(r"""(?im)^\s*image:\s*["']?qlikcore/engine\b""")
_ENGINE_PORT_MAPPING = re.compile(r"""(?m)^\s*-\s*["']?(?:[\d.]+:)?(\d{2,5}):9076(?:/tcp)?["']?\s*$""")


def _qlik_core_ports(project: Project) -> dict[str, str]:
    """The ports a compose file of the project maps to a Qlik Core engine container, each with what it is."""
    ports: dict[str, str] = {}
    for source in project.data_files:
        name = source.path.name.lower()
        if "compose" not in name or not name.endswith((".yml", ".yaml")):
            continue
        if _QLIK_CORE_IMAGE.search(source.text):
            for m in _ENGINE_PORT_MAPPING.finditer(source.text):
                ports[m.group(1)] = f"the Qlik Core engine container {source.path.name} runs"
    return ports


def _local_engine(value: str, ports: dict[str, str] = _LOCAL_ENGINE_PORTS) -> str | None:
    """What is wrong with an engine socket URL that cannot be Qlik Cloud's (``ws://localhost:4848/app/engineData``,
    ``ws://127.0.0.1:9076/app/x``, ``ws://sense.corp/app/<id>``), else None. Qlik Cloud serves the engine at
    ``wss://<tenant>/app/<appId>`` only: never on this machine, never over plain ws."""
    m = _ENGINE_SOCKET.match(value)
    if m is None:
        m = _COMPUTED_HOST_SOCKET.match(value)
        if m is None or "/app" not in (m.group(3) or "").lower():
            return None
        shown = value.strip()[:80]
        if m.group(2) in ports:  # `ws://${host}:9076/app/...`: whatever the host, an engine's own port
            return f"{shown!r} opens {ports[m.group(2)]}, not a Qlik Cloud tenant"
        if m.group(1).lower() == "ws":
            return f"{shown!r} opens the engine over plain ws://, which Qlik Cloud does not serve (wss:// only)"
        return None
    if "/app" not in (m.group(4) or "").lower():
        return None
    scheme, host, port = m.group(1).lower(), m.group(2), m.group(3) or ""
    shown = value.strip()[:80]
    if is_loopback(host):
        local = ports.get(port)
        return f"{shown!r} is {local} on this machine, not a Qlik Cloud tenant" if local else None
    if scheme == "ws":
        return f"{shown!r} opens the engine over plain ws://, which Qlik Cloud does not serve (wss:// only)"
    return None


def _what(value: str) -> str:
    if _CERTIFICATE_KEY.search(value.strip()):
        return f"{value.strip()!r} is the key of the certificates a client-managed Qlik Sense site exports"
    if _USER_HEADER.match(value.strip()):
        return f"{value.strip()!r} is the user header of a client-managed Qlik Sense engine or virtual proxy"
    if _SESSION_COOKIE.match(value.strip()):
        return f"{value.strip()!r} is the session cookie of a client-managed Qlik Sense proxy"
    if re.search(r"(?i)[?&]qlikTicket=", value):
        return f"{value.strip()[:80]!r} redeems a client-managed Qlik Sense proxy's ticket"
    return f"{value.strip()[:80]!r} is a client-managed Qlik Sense API"
