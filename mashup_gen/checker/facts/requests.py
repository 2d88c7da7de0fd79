"""Requests to Qlik's REST API (fetch, axios, jQuery, XMLHttpRequest, and the project's own helpers around
them) and WebSocket URLs to the engine, with what each sends: the id header, the cookie, the CSRF token."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mashup_gen.checker.facts import wrappers
from mashup_gen.checker.facts.model import Call, EngineUrl, Place, short
from mashup_gen.checker.facts.patterns import CSRF_HEADER, HEADER, URL
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.hints import Quick
from mashup_gen.checker.js import STRING, TEMPLATE, Script
from mashup_gen.checker.project import Unit
from mashup_gen.tenant import Tenant, is_loopback

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts

_NON_GET = re.compile(r"""(?i)\bmethod\s*:\s*['"`](POST|PUT|PATCH|DELETE)['"`]|['"`](POST|PUT|PATCH|DELETE)['"`]""")
_WRAPPED_KINDS = (
    ("fetch", re.compile(r"\bfetch\s*\(")),
    ("axios", re.compile(r"\baxios\b")),
    ("jquery", re.compile(r"(?:\$|\bjQuery)\.(?:ajax|get|post|getJSON)\s*\(")),
    ("xhr", re.compile(r"\bXMLHttpRequest\b")),
)
# An Authorization header: written "Bearer ...", or a value the code holds (a token from @qlik/api or the
# project's backend, `${type} ${token}`), set in the options or later (headers.Authorization = t,
# headers.set("Authorization", t), xhr.setRequestHeader("Authorization", t)). Only Basic is no token of Qlik's.
_BEARER_HEADER = re.compile(
    r"""(?:["'`]?authorization["'`]?\]?\s*[:=](?!=)|\b(?:set|append|setRequestHeader)\s*\(\s*["'`]authorization["'`]\s*,)"""
    r"""\s*(?:[`'"]\s*bearer\b|`\$\{|(?!(?:null|undefined|false)\b)(?![`'"])[A-Za-z_$(])""",
    re.I,
)
_FETCH_PROVIDER = re.compile(r"\b(?:window|globalThis|self)\.fetch\s*=(?!=)")


def _names(header: str, *texts: str) -> bool:
    """True when any of ``texts`` names ``header``; header names are case-insensitive (Qlik-Web-Integration-ID)."""
    return any(header in text.lower() for text in texts)


def providers(facts: Facts) -> dict[str, str]:
    """Code that adds Qlik's headers to every request of one kind: ``{"fetch": text, ...}``."""
    found: dict[str, str] = {}
    for unit in facts.project.units:
        code = unit.script.code
        if HEADER not in code.lower():  # header names are case-insensitive
            continue
        if _FETCH_PROVIDER.search(code):
            found["fetch"] = found.get("fetch", "") + code
        # axios's defaults and interceptors reach every request; an instance's axios.create({...}) options reach
        # only the requests made through that instance (judged with them: _clients), never axios.get(...).
        if "axios.defaults" in code or "interceptors" in code:
            found["axios"] = found.get("axios", "") + _setup_text(facts, unit, _AXIOS_SETUP)
        if "ajaxSetup" in code or "ajaxPrefilter" in code or "ajaxSend" in code:
            found["jquery"] = found.get("jquery", "") + _setup_text(facts, unit, _JQUERY_SETUP)
        if "XMLHttpRequest.prototype" in code:
            found["xhr"] = found.get("xhr", "") + code
        if _HTTP_INTERCEPTOR.search(code):
            found["HttpClient"] = found.get("HttpClient", "") + code
    return found


# Where code sets what every request of a library carries: axios's defaults (axios.defaults.headers.common[...]
# = ..., axios.defaults.withCredentials = true) and interceptors, jQuery's ajaxSetup (and its prefilters and
# ajaxSend handlers, which set headers on each request's XMLHttpRequest).
_AXIOS_SETUP = re.compile(r"\baxios\s*\.\s*defaults\b|\binterceptors\s*\.\s*request\b")
_JQUERY_SETUP = re.compile(r"\b(?:ajaxSetup|ajaxPrefilter|ajaxSend)\s*\(")


def _setup_text(facts: Facts, unit: Unit, where: re.Pattern[str]) -> str:
    """The statements of ``unit`` that set up every request (``where`` finds them) with what their names hold:
    only they give a request the web integration id or the cookie, not a header another call of the file
    writes. A statement that hands the setup a function declared elsewhere (``interceptors.request.use(sign)``)
    gets that declaration through the names it holds."""
    script = unit.script
    texts = []
    for match in where.finditer(script.code):
        index = script.index_at(match.start())
        if index >= len(script.tokens):
            continue
        start, end = script.statement(index)
        texts.append(script.span_text(start, end) + "\n" + facts.resolved_text(unit, start, end))
    return "\n".join(texts)


# Angular's HttpInterceptor (a class or an HttpInterceptorFn) that clones each request with Qlik's header and
# withCredentials: every HttpClient call then carries them.
_HTTP_INTERCEPTOR = re.compile(r"\bHttpInterceptor(?:Fn)?\b[\s\S]*\.clone\s*\(")


_CALL_NAMES = frozenset(
    {"fetch", "axios", "get", "post", "put", "patch", "delete", "request", "ajax", "getJSON", "open"}
    | {"$fetch", "ofetch", "useFetch", "useLazyFetch", "ky"}
)
_INSTANCE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "request", "head"})
# A client made with a base URL and options every request of it shares: axios.create({baseURL, headers,
# withCredentials}), ky.create({prefixUrl}) or ky.extend, ofetch's $fetch.create({baseURL}).
# A Quick: searched in each declaration of a script that says ".create" anywhere (document.createElement),
# where "create" or "extend" is rarely written; re tried it at every position of each.
_CLIENT_FACTORY = Quick(re.compile(r"\b(axios|ky|\$fetch|ofetch)\s*\.\s*(?:create|extend)\s*\("))
_BASE_OPTION = Quick(re.compile(r"\b(?:baseURL|baseUrl|prefixUrl)\s*:\s*([^,}\n]+)"))


def _clients(facts: Facts) -> dict[str, tuple[str, str]]:
    """``name -> (kind, text)`` of the HTTP clients browser code makes with a factory (:data:`_CLIENT_FACTORY`)
    for the tenant: ``const qlik = axios.create({ baseURL: TENANT + '/api/v1', withCredentials: true })``. The
    text is the declaration with what its names hold, where the shared options are read. A client is the
    tenant's when its base URL names Qlik or a tenant, or holds a Qlik Cloud (or the project's tenant's) URL:
    a client of the project's own backend is not judged."""
    found: dict[str, tuple[str, str]] = {}
    tenant = facts.tenant
    for unit in facts.project.units:
        script = unit.script
        if not unit.in_browser or (".create" not in script.code and ".extend" not in script.code):
            continue
        for name, (start, end) in script.declarations.items():
            if end - start > 400 or name in found:
                continue  # a whole function or class: not a client's declaration
            text = script.span_text(start, end)
            head = _CLIENT_FACTORY.search(text)
            base = _BASE_OPTION.search(text) if head is not None else None
            if head is None or base is None:
                continue
            text += "\n" + facts.resolved_text(unit, start, end)
            lowered = text.lower()
            if not (
                re.search(r"(?i)qlik|tenant", base.group(1))
                or ".qlikcloud.com" in lowered
                or (tenant is not None and tenant.host.lower() in lowered)
            ):
                continue
            kind = {"$fetch": "ofetch", "ofetch": "ofetch"}.get(head.group(1), head.group(1))
            found[name] = (kind, text)
    return found


# axios's global base URL (axios.defaults.baseURL = ...): every relative axios.get('/items') goes there.
_AXIOS_DEFAULT_BASE = re.compile(r"\baxios\.defaults\.baseURL\s*=(?!=)\s*([^;\n]+)")
_RELATIVE = re.compile(r"""^\s*["'`](?:/|\.\.?/|[\w-]+(?:/|["'`?]))""")


def _axios_default_base(facts: Facts) -> str:
    """The value browser code gives ``axios.defaults.baseURL`` when it is the tenant's (it names Qlik or a
    tenant, or holds a Qlik Cloud or the project's tenant's URL), with what its names hold; "" otherwise."""
    tenant = facts.tenant
    for unit in facts.project.units:
        script = unit.script
        if not unit.in_browser or "axios.defaults.baseURL" not in script.code:
            continue
        for match in _AXIOS_DEFAULT_BASE.finditer(script.code):
            text = match.group(1)
            index = script.index_at(match.start(1))
            if index < len(script.tokens):
                text += "\n" + facts.resolved_text(unit, index, script.statement(index)[1])
            lowered = text.lower()
            if (
                re.search(r"(?i)qlik|tenant", match.group(1))
                or ".qlikcloud.com" in lowered
                or (tenant is not None and tenant.host.lower() in lowered)
            ):
                return text
    return ""


# Code that signs every request of one kind in with a token: axios's request interceptors and default headers,
# Angular's HttpInterceptor, ky's beforeRequest hook, ofetch's onRequest, a wrapper put in place of window.fetch.
# Each a Quick: a pattern starting with \b is tried at every position of a script, where the Quick finds the
# same matches from its literal run (six scans of every script that sets an Authorization header, 2 % of a check).
_BEARER_PROVIDERS = (
    ("axios", Quick(re.compile(r"\binterceptors\.request\.use\s*\(|\.defaults\.headers\b"))),
    ("HttpClient", Quick(re.compile(r"\bHttpInterceptor(?:Fn)?\b"))),
    ("ky", Quick(re.compile(r"\bbeforeRequest\b"))),
    ("jquery", Quick(re.compile(r"\bajaxSetup\s*\("))),
    ("ofetch", Quick(re.compile(r"\bonRequest\b"))),
    ("fetch", Quick(_FETCH_PROVIDER)),
)


def _bearer_providers(facts: Facts) -> set[str]:
    """The kinds of request (``axios``, ``HttpClient``...) that browser code signs in with an Authorization
    header in one place for all (:data:`_BEARER_PROVIDERS`, the header set within the next lines): an OAuth
    token's or a backend's requests, to which the cookie, web integration id and CSRF token do not apply."""
    found: set[str] = set()
    for unit in facts.project.units:
        code = unit.script.code
        if not unit.in_browser or "uthorization" not in code:
            continue
        for kind, marker in _BEARER_PROVIDERS:
            if kind not in found and any(
                _BEARER_HEADER.search(code, m.end(), m.end() + 800) for m in marker.finditer(code)
            ):
                found.add(kind)
    return found


def rest_calls(facts: Facts) -> list[Call]:
    """Requests to ``/api/v1/...`` made with fetch (and ofetch, Nuxt's $fetch and useFetch, ky), axios, jQuery,
    Angular's HttpClient or XMLHttpRequest, directly or through a client made with a base URL."""
    clients = _clients(facts)
    bearer_kinds = _bearer_providers(facts)
    axios_base = _axios_default_base(facts)
    names = _CALL_NAMES | frozenset(clients)
    calls: list[Call] = []
    tenant = facts.tenant
    proxied: bool | None = None  # asked once, on the first same-origin /api/v1 request
    qlik_proxied: bool | None = None  # asked once, on the first /api/v1 request to no written URL
    for unit in facts.project.units:
        script = unit.script
        if not unit.in_browser or ("/api/" not in script.code and not clients):
            continue  # server code calls the API with a bearer token: no cookie, id or CSRF token there
        in_qlik_client: bool | None = None  # asked once per unit, on its first same-origin request
        for callee, paren in script.find_calls(names):
            path = script.callee_path(callee)
            what = _call_kind(path)
            client = ""  # the client's base URL and shared options, for a call through one
            if what is None:
                head, _, method = path.partition(".")
                if head not in clients or "." in method or (method and method not in _INSTANCE_METHODS):
                    continue
                what, client = clients[head]
            args = script.call_arguments(paren)
            if not args:
                continue
            url_arg = args[1] if what == "xhr" and len(args) > 1 else args[0]
            url_text = script.span_text(*url_arg)
            if what == "axios" and not client and axios_base and _RELATIVE.match(url_text):
                client = axios_base  # axios.get('/items') after axios.defaults.baseURL = TENANT + '/api/v1'
            url_full = url_text + "\n" + facts.resolved_text(unit, *url_arg) + "\n" + client
            if "/api/v1" not in url_full or not _qlik_api(url_full, tenant):
                continue
            if not client and (
                _SAME_ORIGIN_API.match(url_text) or _LOCATION_BASE.search(url_full) or not URL.search(url_full)
            ):
                in_qlik_client = _runs_in_qlik_client(facts, unit) if in_qlik_client is None else in_qlik_client
                if in_qlik_client:
                    continue  # an extension runs on the tenant's own page: a same-origin request, signed in
            if not client and _SAME_ORIGIN_API.match(url_text):
                proxied = _api_proxied(facts) if proxied is None else proxied
                if proxied:
                    continue  # the project's own server forwards /api to the tenant, and signs the request in there
            if not client and not URL.search(url_full) and not _NAMES_QLIK.search(url_full):
                # `${base}/api/v1/...` with a base that neither is written as a URL nor names the tenant (DEV ? '' :
                # VITE_API_BASE), where the project's own server forwards /api to the tenant: the request may go
                # through it, signed in there
                qlik_proxied = _api_proxied(facts, to_qlik=True) if qlik_proxied is None else qlik_proxied
                if qlik_proxied:
                    continue
            close = script.partner(paren)
            close = close if close != -1 else len(script.tokens)
            options = script.span_text(paren + 1, close) + "\n" + facts.resolved_text(unit, paren + 1, close)
            options += "\n" + _mutations(script, paren + 1, close, options) + "\n" + client
            options += _called_bodies(script.code, script.span_text(paren + 1, close))
            if what == "xhr":
                options += "\n" + script.span_text(*_xhr_region(script, callee))
            if what in bearer_kinds or _BEARER_HEADER.search(options):
                continue  # an OAuth or API-key request: the cookie, web integration id and CSRF token do not apply
            method_word = path.rsplit(".", 1)[-1].lower()
            non_get = bool(_NON_GET.search(script.span_text(paren + 1, close) + "\n" + options)) or method_word in (
                "post",
                "put",
                "patch",
                "delete",
            )
            if what == "xhr" and args:
                method = script.literal(*args[0])
                non_get = isinstance(method, str) and method.upper() not in ("GET", "HEAD")
            provided = facts.providers.get(what, "")
            credentials = (
                ("withCredentials" in options)
                if what not in _FETCH_LIKE
                else bool(re.search(r"credentials\s*:\s*['\"`]include", options))
            )
            calls.append(
                Call(
                    place=Place(unit.file, *unit.file_span(callee, callee + 1)),
                    what=what,
                    url=short(url_text)
                    + (f" (through {path.partition('.')[0]}, the tenant's client)" if client else ""),
                    non_get=non_get,
                    has_header=_names(HEADER, options, provided),
                    has_credentials=credentials or "credentials" in provided.lower(),  # withCredentials too
                    has_csrf=_names(CSRF_HEADER, options, provided),
                    unit=unit,
                    callee=callee,
                )
            )
    calls.extend(_wrapped_calls(facts, calls))
    calls.extend(_helper_calls(facts, calls))
    return calls


# A call without arguments in a request's options (headers: this.headers(), headers: authHeaders()).
_BARE_CALL = re.compile(r"(?:\bthis\.|(?<![\w.$]))([A-Za-z_$][\w$]*)\s*\(\s*\)")


def _called_bodies(code: str, options: str) -> str:
    """The bodies of the module's own methods and functions that a request's options call without arguments
    (``headers: this.headers()`` with ``private headers() { return { 'qlik-web-integration-id': ... } }``): what
    they return is part of the options."""
    if "(" not in options:
        return ""
    bodies = []
    for name in {m.group(1) for m in _BARE_CALL.finditer(options)}:
        head = re.search(
            rf"(?m)(?:^|[;{{}}])\s*(?:(?:private|public|protected|static|async|readonly)\s+)*(?:function\s+)?"
            rf"{re.escape(name)}\s*\([^()]*\)\s*(?::\s*[\w<>\[\]|, ]+)?\s*\{{",
            code,
        )
        if head is None:
            continue
        depth, end = 1, head.end()
        while end < len(code) and depth and end - head.end() < 2000:
            depth += {"{": 1, "}": -1}.get(code[end], 0)
            end += 1
        bodies.append(code[head.end() : end])
    return "".join("\n" + body for body in bodies)


def _helper_calls(facts: Facts, known: list[Call]) -> list[Call]:
    """Changes made through the project's own request helper, whose request builds the URL from a parameter
    (``function qlikFetch(path, options) { return fetch(`${TENANT}/api/v1${path}`, {...options, ...}) }``): a call
    ``qlikFetch('/reloads', { method: 'POST' })`` is a non-GET request, and needs the CSRF token unless the helper
    or the call sends it; ``qlikFetch('/users/me')`` is a session check. The helper's own request is judged for the
    rest (the id header, the cookie)."""
    found: list[Call] = []
    done = {(id(c.place.file), c.place.start) for c in known}
    helpers: dict[str, tuple[Call, str]] = {}
    for call in known:
        if "${" not in call.url and "+" not in call.url:
            continue  # a URL written whole: no path handed in
        script = call.unit.script
        around = [(e - s, name, s, e) for name, (s, e) in script.declarations.items() if s <= call.callee < e]
        if around:
            _, name, start, end = min(around)
            helpers.setdefault(name, (call, script.span_text(start, end)))
    for name, (inner, body) in helpers.items():
        for unit in facts.project.units:
            script = unit.script
            if not unit.in_browser or name not in script.code:
                continue
            for callee, paren in script.find_calls(frozenset({name})):
                if script.is_punct(callee - 1, ".") or script.callee_path(callee) != name:
                    continue
                place = Place(unit.file, *unit.file_span(callee, callee + 1))
                close = script.partner(paren)
                args = script.span_text(paren + 1, close if close != -1 else len(script.tokens))
                first = script.call_arguments(paren)
                shown = script.span_text(*first[0]) if first else ""
                non_get = bool(_NON_GET.search(args))
                # a change, or the session check (qlikFetch('/users/me')), which the login rules look for
                if (id(place.file), place.start) in done or not (non_get or "users/me" in shown):
                    continue
                done.add((id(place.file), place.start))
                provided = facts.providers.get(inner.what, "")
                found.append(
                    Call(
                        place=place,
                        what=inner.what,
                        url=f"{short(shown)} (through {name}())",
                        non_get=non_get,
                        has_header=True,  # judged on the helper's own request
                        has_credentials=True,
                        has_csrf=inner.has_csrf or _names(CSRF_HEADER, args, body, provided),
                        unit=unit,
                        callee=callee,
                    )
                )
    return found


def _xhr_region(script: Script, open_callee: int) -> tuple[int, int]:
    """Tokens from ``x = new XMLHttpRequest`` to ``x.send(...)`` around ``x.open(``: where the request's
    headers and ``withCredentials`` are set."""
    receiver = script.text(open_callee - 2) if open_callee >= 2 else ""
    parent = script.parent(open_callee)
    start = end = open_callee
    i = open_callee - 1
    while i >= 0 and script.parent(i) >= parent and open_callee - i < 400:
        if script.is_ident(i, receiver) and script.is_punct(i + 1, "=") and script.is_ident(i + 2, "new"):
            start = i
            break
        i -= 1
    count = len(script.tokens)
    j = open_callee
    while j < count and script.parent(j) >= parent and j - open_callee < 400:
        end = j
        if script.is_ident(j, "send") and script.is_punct(j - 1, ".") and script.is_ident(j - 2, receiver):
            break
        j += 1
    return start, end + 1


def _wrapped_calls(facts: Facts, direct: list[Call]) -> list[Call]:
    """Requests made through the project's own helper: ``qlikGet('/api/v1/spaces')`` where
    ``function qlikGet(path) { return fetch(HOST + path, {...}); }``. The helper's body holds the options."""
    found: list[Call] = []
    done = {(id(c.place.file), c.place.start) for c in direct}
    for unit, index, value in facts.strings:
        if "/api/v1" not in value or not unit.in_browser:
            continue
        script = unit.script
        call = script.enclosing_call(index)
        if call is None:
            continue
        callee, paren = call
        name = script.text(callee)
        if _call_kind(script.callee_path(callee)) is not None or script.is_punct(callee - 1, "."):
            continue
        entry = facts.declarations.get(name)
        if entry is None:
            continue
        owner, (start, end) = entry
        body = owner.script.span_text(start, end)
        what = next((kind for kind, pattern in _WRAPPED_KINDS if pattern.search(body)), None)
        if what is None:
            continue
        prefix = _OWN_PREFIX.search(body)
        if prefix is not None and _prefix_proxied(facts, prefix.group(1)):
            continue  # fetch(`/qlik${path}`): the project's own proxy at /qlik forwards it, signed in there
        place = Place(unit.file, *unit.file_span(callee, callee + 1))
        if (id(place.file), place.start) in done:
            continue
        done.add((id(place.file), place.start))
        close = script.partner(paren)
        args = script.span_text(paren + 1, close if close != -1 else len(script.tokens))
        options = args + "\n" + body + "\n" + facts.resolved_text(owner, start, end)
        provided = facts.providers.get(what, "")
        credentials = (
            bool(re.search(r"credentials\s*:\s*['\"`]include", options))
            if what == "fetch"
            else "withCredentials" in options
        )
        found.append(
            Call(
                place=place,
                what=what,
                url=short(value),
                non_get=bool(_NON_GET.search(args)) or bool(re.search(r"(?i)\b(post|put|patch|delete)$", name)),
                has_header=_names(HEADER, options, provided),
                has_credentials=credentials or "credentials" in provided.lower(),  # withCredentials too
                has_csrf=_names(CSRF_HEADER, options, provided),
                unit=unit,
                callee=callee,
            )
        )
    return found


# A helper's request to the page's own server under a prefix of its own: fetch(`/qlik${path}`),
# axios.get("/proxy" + path).
_OWN_PREFIX = re.compile(r"""\b(?:fetch|get|post|request|ajax)\s*\(\s*[`"'](/[\w.-]+)(?:\$\{|["']\s*\+)""")


def _prefix_proxied(facts: Facts, prefix: str) -> bool:
    """True when server or build code of the project forwards the path ``prefix`` (``app.use("/qlik",
    createProxyMiddleware({...}))``, Vite's ``proxy: { "/qlik": ... }``): requests under it reach the tenant
    through the project's own server, which signs them in there."""
    quoted = re.compile(rf"""["'`]{re.escape(prefix)}/?["'`]""")
    for unit in facts.project.units:
        code = unit.script.code
        if unit.in_browser and unit.role not in ("server", "config"):
            continue
        if prefix in code and _PROXY.search(code) and quoted.search(code):
            return True
    return False


# Clients that take fetch's options (credentials: 'include' sends the cookie).
_FETCH_LIKE = frozenset({"fetch", "ofetch", "ky"})


def _call_kind(path: str) -> str | None:
    last = path.rsplit(".", 1)[-1]
    head = path.split(".", 1)[0]
    if path in ("fetch", "window.fetch", "globalThis.fetch", "self.fetch"):
        return "fetch"
    if path in ("$fetch", "ofetch", "useFetch", "useLazyFetch"):
        return "ofetch"  # ofetch, Nuxt's $fetch and useFetch
    if head == "ky" and (path == "ky" or last in _INSTANCE_METHODS):
        return "ky"
    if head == "axios":
        return "axios"
    if head in ("$", "jQuery") and last in ("ajax", "get", "post", "getJSON"):
        return "jquery"
    if last == "open" and "." in path and head not in ("window", "document"):
        return "xhr"
    owner = path.rsplit(".", 2)[-2].lower() if path.count(".") >= 1 else ""
    if last in ("get", "post", "put", "patch", "delete", "request") and owner in ("http", "httpclient"):
        return "HttpClient"  # Angular's this.http.get(url, { headers, withCredentials })
    return None


# A request to the page's own origin: "/api/v1/items", `/api/v1/${path}`.
_SAME_ORIGIN_API = re.compile(r"""^\s*["'`]/api/""")
# A URL built on the page's own address (window.location.origin + '/api/v1/...'): a same-origin request.
_LOCATION_BASE = re.compile(r"\blocation\.(?:origin|host|hostname|protocol)\b")
# An AMD module that Qlik Sense's client hands its qlik module to (a visualization extension's
# define(["qlik", "jquery"], function (qlik, $) {...})): it runs on the tenant's own pages, signed in.
_QLIK_CLIENT_MODULE = re.compile(r"""\bdefine\s*\(\s*(?:["'][^"']*["']\s*,\s*)?\[[^\]]*["'](?:js/)?qlik["']""")


def _runs_in_qlik_client(facts: Facts, unit: Unit) -> bool:
    """True when ``unit`` is extension code Qlik Sense loads into its own client: any module of a visualization
    extension (its .qext says so, and it has no page), or an AMD module depending on ``qlik`` that no page of
    the project loads (a mashup's page loads its own modules)."""
    from mashup_gen.checker.facts.capability import is_visualization_extension

    if is_visualization_extension(facts):
        return True
    return bool(_QLIK_CLIENT_MODULE.search(unit.script.code)) and not any(
        unit in page.units for page in facts.project.pages
    )


# A server of the project's own that forwards /api to the tenant: Vite's server.proxy, Create React App's
# setupProxy.js (http-proxy-middleware), express-http-proxy, http-proxy, Next.js rewrites.
_PROXY = re.compile(
    r"createProxyMiddleware|http-proxy-middleware|express-http-proxy|createProxyServer|\bproxy\s*:\s*\{|\brewrites\b"
)
_ANGULAR_PROXY = ("proxy.conf.", "proxy.config.")  # ng serve's --proxy-config file
_MANIFEST_PROXY = re.compile(r'"proxy"\s*:\s*"https?://')
_NAMES_QLIK = re.compile(r"(?i)qlik|tenant")
# A proxy's target that names the tenant (target: env.QLIK_TENANT_URL, "target": "https://acme.eu.qlikcloud.com").
_QLIK_TARGET = re.compile(r"""(?i)["']?\btarget["']?\s*:\s*[^,}\n]*(?:qlik|tenant)""")
_MANIFEST_QLIK_PROXY = re.compile(r'"proxy"\s*:\s*"https?://[^"]*qlikcloud\.com')


def _api_proxied(facts: Facts, to_qlik: bool = False) -> bool:
    """True when the project's own server (a dev server, an Express app, Next.js) forwards ``/api`` requests:
    a page's same-origin ``/api/v1/...`` request then reaches the tenant through it, signed in there (an API key,
    a service account's token), not with the browser's cookie and web integration id. With ``to_qlik``, only a
    proxy whose code names Qlik or the tenant (``target: env.QLIK_TENANT_URL``) counts."""

    def forwards(code: str) -> bool:
        return not to_qlik or bool(_QLIK_TARGET.search(code))

    for unit in facts.project.units:
        code = unit.script.code
        if unit.role in ("server", "config") or unit.file.path.name.startswith("setupProxy."):
            if "/api" in code and _PROXY.search(code) and forwards(code):
                return True
        if unit.file.path.name.startswith(_ANGULAR_PROXY) and "/api" in code and "target" in code and forwards(code):
            return True
    for source in facts.project.data_files:  # the Angular CLI's proxy.conf.json ({"/api": {"target": ...}})
        text = source.text
        if source.path.name.startswith(_ANGULAR_PROXY) and "/api" in text and "target" in text and forwards(text):
            return True
    # Create React App's "proxy": every unknown path is forwarded
    manifest = facts.project.manifest
    return bool(_MANIFEST_PROXY.search(manifest)) and (not to_qlik or _MANIFEST_QLIK_PROXY.search(manifest) is not None)


def _qlik_api(text: str, tenant: Tenant | None) -> bool:
    """False when the URL is clearly another site's ``/api/v1`` (an absolute URL to a non-Qlik host)."""
    for m in URL.finditer(text):
        if "/api/v1" in (m.group(4) or ""):
            host = m.group(2).lower()
            return host.endswith(".qlikcloud.com") or (tenant is not None and host == tenant.host) or is_loopback(host)
    return True


# An engine URL signed in with a token (@qlik/api's OAuth2 and JWT sockets: ?accessToken=<t>; a bearer token in
# the query) does not use the tenant's cookie, so it needs neither the web integration id nor the CSRF token.
_TOKEN_PARAM = re.compile(r"(?i)[?&](?:accessToken|access_token|authorization|jwt)=")
# A query string that is one interpolated value (`?${params}`): what it holds is computed elsewhere.
_OPAQUE_QUERY = re.compile(r"\?\$\{[^}]*\}$")
_OPAQUE_USE = re.compile(r"\}\?\$\{[^}]*\}\s*$|\+\s*[\"'`]\?[\"'`]\s*\+\s*[A-Za-z_$][\w$.]*\s*\)?\s*$", re.M)
_WEBSOCKET_URL = re.compile(r"^\s*wss?://\S")  # a scheme alone (PROTOCOL: "wss://") names no server
# The engine's own port (Qlik Core, an engine container): a socket straight to an engine, never to a tenant,
# which serves sockets on 443 only. Neither the web integration id nor the CSRF token means anything there.
_ENGINE_PORT = re.compile(r"^\s*wss?://[^/]*:9076(?:/|$)")
# The engine's route right after an interpolated prefix (`wss://${host}${prefix}app/${appId}`: the prefix ends
# in the slash), as enigma.js's own URL builder writes it.
_ROUTE_AFTER_PREFIX = re.compile(r"\}app(?:/|$)")


def engine_urls(facts: Facts) -> list[EngineUrl]:
    """WebSocket URLs to the engine (``wss://<host>/app/<appId>``), written whole or joined from parts
    (``'wss://' + host + '/app/' + appId``, ``scheme + '://' + host + ...``)."""
    found: list[EngineUrl] = []
    for unit, index, value in facts.strings:
        if not unit.in_browser:
            continue  # a server opens the engine socket with a bearer token or a JWT, not the cookie
        written = value
        chosen = _CHOSEN_SCHEME.match(value)
        if chosen is not None:  # `ws${secure ? 's' : ''}://${host}/app/...`: a WebSocket URL either way
            value = "wss://" + value[chosen.end() :]
        if chosen is None and value.startswith("${"):
            # `${qsHost}/app/...` (qsHost = 'wss://server'), `${tenantUrl.replace('https', 'wss')}/app/...`,
            # `${protocol}://${host}/app/...` (protocol = secure ? 'wss' : 'ws'): a socket URL from its head
            value = _socket_head(facts, unit, value)
        script = unit.script
        concatenated = None
        if chosen is None and "://" not in value and value.startswith("/app"):
            # The same joined with +: wsBase + '/app/' + appId, tenantUrl.replace('https', 'wss') + '/app/' + id
            concatenated = _concatenated_head(script, index)
            if concatenated is not None:
                head = script.span_text(concatenated, index - 1)
                value = _socket_head(facts, unit, "${" + head + "}" + value) if "{" not in head else value
        if "://" not in value:
            continue
        joined = _joined_scheme(facts, unit, index, value)
        anchor = index  # where a joined URL's expression starts
        if not joined:
            opener = _scheme_choice(script, index, value)
            if opener is not None:  # (secure ? 'wss://' : 'ws://') + host + '/app/' + appId
                joined, anchor = True, opener
        if not joined and ("ws" not in value or not _WEBSOCKET_URL.match(value)):
            continue
        if _ENGINE_PORT.match(value):
            continue
        start, end = script.statement(anchor)
        region = script.span_text(start, end) + "\n" + facts.resolved_text(unit, start, end, depth=1)
        appended = _appended(script, start)
        region += "\n" + appended
        if "/app/" not in region and "/app" not in value and not _ROUTE_AFTER_PREFIX.search(value):
            continue
        if joined:
            end = _expression_end(script, anchor)
            joined_text = script.span_text(anchor, end)
            if "/app" not in joined_text + "\n" + facts.resolved_text(unit, anchor, end, depth=1):
                continue  # the statement's other parts name /app, not the URL this scheme starts
            if _ENGINE_PORT_JOINED.search(joined_text):
                continue  # a socket straight to an engine's own port (Qlik Core)
        if joined:  # the whole expression, for the message, from its scheme on
            first = anchor
            if value.strip() == "://":
                first = script.partner(index - 2) if script.is_punct(index - 2, ")") else index - 2
            value = script.span_text(max(first, start), end).rstrip(";").strip()
        if concatenated is not None:
            rest = script.span_text(index, end)
            if _TOKEN_PARAM.search(rest):
                continue  # wsBase + '/app/' + id + '?accessToken=' + t: a token signs the socket in
            if _OPAQUE_JOIN.search(rest) and not (_names(HEADER, region) or _names(CSRF_HEADER, region)):
                continue  # wsBase + '/app/' + id + '?' + params: the query is built where neither name is seen
        if _TOKEN_PARAM.search(value):
            continue  # a token signs the socket in: no cookie, so neither the web integration id nor CSRF
        if not joined and _other_engine(facts, value, script, index):
            continue  # a client-managed server's socket: Qlik Cloud's rules for the socket are not its
        if _PAGE_HOST.search(value) and _runs_on_the_hub(script.code):
            continue  # a script run on the Qlik Sense page itself: a same-origin socket, signed in by the hub
        query = _OPAQUE_QUERY.search(value)
        if query is not None:  # `?${params}`: a URLSearchParams the code builds is read, with what it adds later
            region += "\n" + _search_params(facts, unit, query.group(0)[3:-1].strip())
        has_id, has_csrf = _names(HEADER, region), _names(CSRF_HEADER, region)
        if query is not None and not (has_id or has_csrf):
            continue  # `?${params}` built where neither name is seen (from response headers, a helper): unknown
        if _OPAQUE_USE.search(appended) and not (has_id or has_csrf):
            continue  # the base of `${wsUrl}?${params}`, whose query is built elsewhere: unknown, as above
        if not (has_id and has_csrf) and _handed_to_helper(script, start) and _names_both(facts):
            continue  # a base handed to the project's own engine helper, which adds the parameters it names
        shown = written if chosen is not None else value
        found.append(EngineUrl(string_place(unit, index), short(shown), has_id, has_csrf))
    seen = {(id(u.place.file), u.place.start) for u in found}
    for url in (*_built_enigma_urls(facts), *_sense_utilities_urls(facts), *wrappers.qdt_engine_urls(facts)):
        if (id(url.place.file), url.place.start) not in seen:
            found.append(url)
    return found


# A socket to the page's own host, and code that reads the app id from the Qlik Sense hub's own address
# (location.pathname.match(/\/sense\/app\/(...)/)): a script pasted into, or injected on, the hub's page.
_PAGE_HOST = re.compile(r"\$\{\s*(?:window\.|document\.)?location\.host(?:name)?\s*\}")
_HUB_PATH = re.compile(r"sense\\?/app\\?/")


def _runs_on_the_hub(code: str) -> bool:
    """True when ``code`` reads where it runs from the Qlik Sense hub's address: it runs on the hub's page."""
    return "location.pathname" in code and _HUB_PATH.search(code) is not None


# A WebSocket scheme a template chooses (enigma.js's own examples: `ws${secure ? 's' : ''}://`, and
# `${secure ? 'wss' : 'ws'}://`): ws:// or wss://, a socket URL either way.
_CHOSEN_SCHEME = re.compile(r"""^\s*(?:ws\$\{[^{}]*\}|\$\{[^{}]*["'`]wss?["'`][^{}]*\})://""")
# A template literal that starts with one interpolation, then a path (`${base}/app/...`) or a scheme separator
# (`${protocol}://...`): the part of a URL the interpolation holds is written elsewhere.
_HEAD = re.compile(r"^\$\{([^{}]*)\}(?=/)")
_NAME = re.compile(r"^\s*([A-Za-z_$][\w$]*)\s*$")
_SCHEME_HEAD = re.compile(r"^\$\{\s*([A-Za-z_$][\w$]*)\s*\}(?:://|//)")
# An https URL turned into the engine's: tenantUrl.replace('https', 'wss'), .replace(/^https:/, 'wss:').
_TO_WSS = re.compile(
    r"""^\s*([A-Za-z_$][\w$.]*)\s*\.\s*replace(?:All)?\s*\([^,]*https?[^,]*,\s*["'`]wss?(?::(?://)?)?["'`]\s*\)\s*$"""
)


def _socket_head(facts: Facts, unit: Unit, value: str) -> str:
    """``value`` with its leading interpolation read as the socket URL's head: a name declared as a ``wss://``
    literal (its text), an https URL turned into a wss one with ``replace`` (``wss://`` and the URL's host, or
    the expression), a name declared as a choice of 'wss' or 'ws' before ``://``; ``value`` itself otherwise."""
    scheme = _SCHEME_HEAD.match(value)  # `${protocol}://host` or, with protocol = 'wss:', `${protocol}//host`
    if scheme is not None and _declared_scheme_choice(facts, unit, scheme.group(1)):
        return "wss://" + value[scheme.end() :]
    head = _HEAD.match(value)
    if head is None:
        return value
    expression, rest = head.group(1), value[head.end() :]
    name = _NAME.match(expression)
    declared = _declared_text(facts, unit, name.group(1)) if name is not None else expression
    literal = _string_literal(declared)
    if literal is not None:
        return literal.rstrip("/") + rest if _WEBSOCKET_URL.match(literal) else value
    turned = _TO_WSS.match(declared)
    if turned is None:
        return value
    source = _string_literal(_declared_text(facts, unit, turned.group(1)))
    host = URL.match(source) if source is not None else None
    return f"wss://{host.group(2)}{rest}" if host is not None else f"wss://${{{turned.group(1)}}}{rest}"


# A query joined on from a name (`+ '?' + params`, `+ `?${params}``): what it holds is built elsewhere.
_OPAQUE_JOIN = re.compile(r"""["'`]\?["'`]\s*\+\s*[A-Za-z_$]|`\?\$\{[^}]*\}`""")


def _concatenated_head(script: Script, index: int) -> int | None:
    """The first token of the operand joined before the string at ``index`` with ``+`` (``wsBase``,
    ``config.engineUrl``, ``tenantUrl.replace('https', 'wss')``), when that operand starts the expression;
    None when nothing is joined before it, or more than a name or one call."""
    if not script.is_punct(index - 1, "+"):
        return None
    at = index - 2
    if at >= 0 and script.is_punct(at, ")"):
        at = script.partner(at) - 1
        if at < 0 or not script.is_ident(at):
            return None
    while at >= 0 and script.is_ident(at) and at >= 2 and script.is_punct(at - 1, "."):
        at -= 2
    if at < 0 or not script.is_ident(at):
        return None
    if at > 0 and (script.is_punct(at - 1, "+") or script.is_punct(at - 1, ".")):
        return None  # 'wss://' + host + '/app/': a longer join, whose scheme is read where it is written
    call = script.enclosing_call(index)
    if call is not None and script.callee_path(call[0]).endswith(".create"):
        return None  # built inside enigma.js's create({url}): judged there (_built_enigma_urls)
    return at


def _search_params(facts: Facts, unit: Unit, name: str) -> str:
    """What ``name`` holds when it is declared as a ``new URLSearchParams(...)`` (its declaration, and the
    parameters later statements append or set on it); "" for any other name, whose query is unknown here."""
    name = name.removesuffix(".toString()")
    if _NAME.match(name) is None:
        return ""
    entry = facts.declaration_of(unit, name)
    if entry is None:
        return ""
    owner, (start, end) = entry
    text = owner.script.span_text(start, end)
    if end - start > 200 or not re.match(r"\s*new\s+URLSearchParams\b", text):
        return ""
    later = re.compile(rf"(?<![\w$.]){re.escape(name)}\s*\.\s*(?:append|set)\s*\([^;\n]*")
    return "\n".join([text, *(m.group(0) for m in later.finditer(owner.script.code))])


def _declared_text(facts: Facts, unit: Unit, name: str) -> str:
    """The source text ``name`` is declared as (``const x = <text>``), "" when it is not declared."""
    entry = facts.declaration_of(unit, name.split(".")[0]) if "." not in name else None
    if entry is None:
        return ""
    owner, (start, end) = entry
    return owner.script.span_text(start, end) if end - start <= 40 else ""


def _string_literal(text: str) -> str | None:
    """The value of ``text`` when it is one quoted string without interpolation, else None."""
    text = text.strip().rstrip(";").strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"`" and text[0] not in text[1:-1]:
        return None if text[0] == "`" and "${" in text else text[1:-1]
    return None


def _declared_scheme_choice(facts: Facts, unit: Unit, name: str) -> bool:
    """True when ``name`` is declared as a choice of WebSocket schemes (``secure ? 'wss' : 'ws'``, or 'wss:' and
    'ws:' after location.protocol)."""
    return bool(re.search(r"""["'`]wss:?["'`]""", _declared_text(facts, unit, name)))


def _other_engine(facts: Facts, value: str, script: Script, index: int) -> bool:
    """True when ``value`` is written whole to a named host that is neither a Qlik Cloud tenant nor the project's
    tenant (``wss://sense-demo.qlik.com/app/...``, ``wss://qlik.corp.local/app/...``), or Qlik Sense Desktop's:
    the socket of a client-managed server, which takes neither the web integration id nor Qlik Cloud's CSRF
    parameter (a local engine's or a plain ws:// socket is client-managed-api's finding). A wss:// socket to a
    named server is that only beside a Qlik Cloud path: a fallback to another URL (``url || 'wss://demo/...'``) or
    in a project that also talks to Qlik Cloud; a project whose one server it is is judged as moved there."""
    if re.match(r"(?i)\s*ws://\$\{", value):
        return True  # plain ws:// to a computed host: client-managed-api's finding (Qlik Cloud serves wss:// only)
    m = URL.match(value.strip())
    if m is None or "${" in m.group(2) or "{" in m.group(2):
        return False
    host = m.group(2).lower()
    if is_loopback(host):
        return m.group(3) == "4848"  # Qlik Sense Desktop (another port here: a local stand-in or proxy, judged)
    tenant = facts.tenant.host if facts.tenant else None
    if "." not in host or host.endswith(".qlikcloud.com") or host == tenant:
        return False
    if value.lstrip().lower().startswith("ws://"):
        return True  # plain ws://: client-managed-api's finding
    return _alternative(script, index) or _cloud_aware(facts)


def _alternative(script: Script, index: int) -> bool:
    """True when the string at ``index`` is one side of ``a || b``, ``a ?? b`` or a ternary's branch."""
    if any(script.is_punct(index - 1, op) or script.is_punct(index + 1, op) for op in ("||", "??")):
        return True
    if script.is_punct(index + 1, ":") and script.is_punct(index - 1, "?"):
        return True  # cond ? 'wss://demo/...' : other
    if not script.is_punct(index - 1, ":"):
        return False  # an object's key is followed by ':' too: a ternary's has its '?' before, at the same level
    parent = script.parent(index)
    j = index - 2
    while j >= 0 and script.parent(j) == parent and not (script.is_punct(j, ",") or script.ends_statement(j)):
        if script.is_punct(j, "?"):
            return True
        j -= 1
    return False


def _cloud_aware(facts: Facts) -> bool:
    """True when the project also talks to Qlik Cloud (a qlikcloud.com tenant, a web integration id)."""
    tenant = facts.tenant
    if tenant is not None and tenant.host.endswith(".qlikcloud.com"):
        return True
    return bool(facts.id_mentions) or any(HEADER in unit.script.code for unit in facts.project.units)


def _expression_end(script: Script, index: int) -> int:
    """The token after the expression the token at ``index`` is part of: up to the bracket around it, or a
    ``,``/``;`` (or a new line's statement) beside it."""
    parent = script.parent(index)
    limit = script.partner(parent) if parent != -1 else len(script.tokens)
    limit = limit if limit != -1 else len(script.tokens)
    j = index + 1
    while j < limit:
        if script.parent(j) == parent and (
            script.is_punct(j, ",") or script.is_punct(j, ";") or script.ends_statement(j)
        ):
            break
        j += 1
    return j


_SCHEME_ALONE = re.compile(r"^(?:wss?)?://$")
_WS_SCHEME = re.compile(r"""["'`]wss?["'`]""")
_ENGINE_PORT_JOINED = re.compile(r""":9076\b|["'`]9076["'`]|\b9076\b""")


def _joined_scheme(facts: Facts, unit: Unit, index: int, value: str) -> bool:
    """True when the string at ``index`` starts a WebSocket URL joined from parts: ``'wss://' + host + ...``,
    or ``'://'`` after a scheme that is ``'ws'``/``'wss'`` (``(secure ? 'wss' : 'ws') + '://' + host``,
    ``protocol + '://' + ...`` with ``protocol`` holding one). A URL built inside enigma.js's own
    ``create({url})`` is judged there (:func:`_built_enigma_urls`)."""
    if not _SCHEME_ALONE.match(value.strip()):
        return False
    script = unit.script
    if not script.is_punct(index + 1, "+"):
        return False  # a scheme alone (PROTOCOL: "wss://") names no server
    call = script.enclosing_call(index)
    if call is not None and script.callee_path(call[0]).endswith(".create"):
        return False
    if value.strip() != "://":
        return True
    before = index - 2
    if not script.is_punct(index - 1, "+") or before < 0:
        return False
    if script.is_punct(before, ")"):  # (secure ? 'wss' : 'ws') + '://'
        opener = script.partner(before)
        text = script.span_text(opener, before + 1) if opener != -1 else ""
    elif script.is_ident(before):
        text = facts.resolved_text(unit, before, before + 1, depth=1)
    else:
        text = script.text(before)
    return bool(_WS_SCHEME.search(text))


# Calls that open the socket themselves: the URL handed to them is the socket's whole URL.
_SOCKET_CALLEES = frozenset({"create", "WebSocket", "open", "connect"})


def _handed_to_helper(script: Script, start: int) -> bool:
    """True when the statement at ``start`` declares a variable (``const engineUrl = ...``) that is then handed to
    a call other than one opening the socket (``new EngineService(engineUrl)``, ``openDoc(engineUrl, headers)``):
    what that helper adds to the URL is written there."""
    word = script.text(start) if script.is_ident(start) else ""
    at = start + 1 if word in ("let", "var", "const") else start
    if not script.is_ident(at) or not script.is_punct(at + 1, "="):
        return False
    name = script.text(at)
    for index in range(at + 2, len(script.tokens)):
        if not script.is_ident(index, name) or script.is_punct(index - 1, "."):
            continue
        opener = script.parent(index)
        if opener > 0 and script.is_punct(opener, "(") and script.is_ident(opener - 1):
            if script.text(opener - 1) not in _SOCKET_CALLEES:
                return True
    return False


def _names_both(facts: Facts) -> bool:
    """True when the project's browser code names both the web integration id and the CSRF token parameters."""
    codes = [unit.script.code for unit in facts.project.units if unit.in_browser]
    return any(HEADER in code for code in codes) and any(CSRF_HEADER in code for code in codes)


def _scheme_choice(script: Script, index: int, value: str) -> int | None:
    """The ``(`` of ``(secure ? 'wss://' : 'ws://') + host + ...`` when the string at ``index`` is that choice's
    first scheme: the parenthesized choice starts a URL joined from parts."""
    if not _SCHEME_ALONE.match(value.strip()) or value.strip() == "://" or not script.is_punct(index - 1, "?"):
        return None
    opener = script.parent(index)
    if opener == -1 or not script.is_punct(opener, "("):
        return None
    closer = script.partner(opener)
    return opener if closer != -1 and script.is_punct(closer + 1, "+") else None


def _sense_utilities_urls(facts: Facts) -> list[EngineUrl]:
    """Engine URLs built in the browser by enigma.js's ``SenseUtilities.buildUrl(config)``: the URL carries
    only what the config's ``urlParams`` add, so without ``qlik-csrf-token`` there the socket is refused. The
    config's web integration id is judged on the config itself (a connection config without it is reported
    there), so only a config read from elsewhere is judged for it here."""
    found: list[EngineUrl] = []
    connection = {(id(c.unit), c.obj.open) for c in facts.connection_configs}
    for unit, callee, paren, args in wrappers.build_url_calls(facts):
        script = unit.script
        start, end = args[0]
        config = script.span_text(start, end) + "\n" + facts.resolved_text(unit, start, end, depth=1)
        if "host" not in config or _TOKEN_PARAM.search(config) or "..." in config:
            continue  # not a connection config, signed in with a token, or spread from elsewhere
        has_id = _names(HEADER, config) or "webintegrationid" in config.lower()
        if not has_id:
            declared = facts.declaration_of(unit, script.text(start)) if end - start == 1 else None
            opener = start if declared is None else declared[1][0]
            owner = unit if declared is None else declared[0]
            has_id = (id(owner), opener) in connection  # reported on the config
        place = Place(unit.file, *unit.file_span(callee, paren + 1))
        found.append(
            EngineUrl(place, short(script.span_text(callee, args[0][1] + 1)), has_id, _names(CSRF_HEADER, config))
        )
    return found


def _mutations(script: Script, start: int, end: int, options: str) -> str:
    """Headers set after the options were declared (``headers['qlik-csrf-token'] = t``,
    ``options.headers.Authorization = ...``, ``headers.set('qlik-csrf-token', t)``) on a variable the call's
    options name: the request carries them too."""
    names = {script.text(i) for i in range(start, min(end, len(script.tokens))) if script.is_ident(i)}
    names |= set(re.findall(r"\bheaders\s*:\s*([A-Za-z_$][\w$]*)", options))
    found = []
    for name in names:
        if name not in script.code:
            continue
        # A one-letter name is too common to follow through a file, unless it holds a Headers object
        # (const h = new Headers(); h.append('qlik-web-integration-id', id)): then it is the request's headers.
        if len(name) < 2 and not re.search(rf"(?<![\w$.]){re.escape(name)}\s*=\s*new\s+Headers\b", script.code):
            continue
        mutation = re.compile(
            rf"(?<![\w$.]){re.escape(name)}(?:\.[\w$]+)*\s*(?:\[[^\]\n]+\]\s*=(?!=)|\.[\w$]+\s*=(?!=)"
            rf"|\.(?:set|append)\s*\()[^;\n]*"
        )
        found.extend(m.group(0) for m in mutation.finditer(script.code))
    return "\n".join(found)


def _appended(script: Script, start: int) -> str:
    """What later statements add to the variable a statement declares (``let url = `wss://...```, then
    ``url += `?qlik-web-integration-id=...``` or ``url.searchParams.set('qlik-csrf-token', t)``): the URL's
    query is often built after its base."""
    word = script.text(start) if script.is_ident(start) else ""
    at = start + 1 if word in ("let", "var", "const") else start
    if not script.is_ident(at) or not script.is_punct(at + 1, "="):
        return ""
    name = re.escape(script.text(at))
    later = re.compile(
        rf"(?<![\w$.]){name}\s*(?:\+=|=\s*{name}\s*\+|\.searchParams\.(?:set|append)\s*\()[^;\n]*"
        # a later URL that adds the query to this base: `${wsUrl}?${params}`, wsUrl + '?' + params
        rf"|\$\{{\s*{name}\s*\}}\?[^`\n]*|(?<![\w$.]){name}\s*\+\s*[\"'`]\?[^;\n]*"
    )
    return "\n".join(m.group(0) for m in later.finditer(script.code))


# enigma.js by its usual global or import name; the name an ES import or require() binds it to is read too.
_ENIGMA_IMPORT = re.compile(
    r"""\bimport\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from\s+["']enigma\.js["']"""
    r"""|\b([A-Za-z_$][\w$]*)\s*=\s*require\(\s*["']enigma\.js["']\s*\)"""
)


# What a match of _ENIGMA_IMPORT holds before the quote that opens "enigma.js": "import", names, blanks, "* as",
# "= require(" (every character of it is one of these).
_BEFORE_MODULE = frozenset(c for c in map(chr, range(128)) if re.match(r"[\w$\s*=(]", c))
_MODULE_NAME = re.compile(r"""["']enigma\.js["']\s*\)?""")


def enigma_import_names(code: str) -> set[str]:
    """The names ``_ENIGMA_IMPORT``'s matches in ``code`` bind enigma.js to, searched only around each quoted
    "enigma.js": the expression starts with ``\b``, so re tried it at every position of a script (half a
    millisecond each of a web app's). A match ends at its module's closing quote (or the ``)`` after it) and
    before the opening quote holds only word characters, ``$``, blanks, ``*``, ``=`` and ``(``, so it lies
    within the run of those that ends at the quote, where no other match can start (a match starts with a
    letter, ``_`` or ``$``, none of which a quoted "enigma.js" and the blanks and ``)`` after it begin with
    a match at); the expression is searched from the start of that run to the end of the module's name.
    Not ASCII before a quote: the whole text is searched, as before."""
    names: set[str] = set()
    searched = 0  # where the last search ended: a run is never searched twice
    for module in _MODULE_NAME.finditer(code):
        start = module.start()
        while start > searched and code[start - 1] in _BEFORE_MODULE:
            start -= 1
        if start > searched and not code[start - 1].isascii():
            return {n for m in _ENIGMA_IMPORT.finditer(code) for n in m.groups() if n}
        names |= {n for m in _ENIGMA_IMPORT.finditer(code, start, module.end()) for n in m.groups() if n}
        searched = module.end()
    return names


def _built_enigma_urls(facts: Facts) -> list[EngineUrl]:
    """Engine URLs that the browser builds from parts inside ``enigma.create({ url: ... })``
    (``scheme + '://' + host + '/' + prefix``): the ``url`` of enigma's config is always the engine's socket,
    so it is judged even when no literal in it starts with ``wss://`` or names ``/app/``. Only a URL whose
    scheme separator is written right there is judged (a URL passed in whole is the caller's business)."""
    found: list[EngineUrl] = []
    for unit in facts.project.units:
        code = unit.script.code
        if "enigma" not in code or not unit.in_browser:
            continue
        names = {"enigma"}
        if "enigma.js" in code:  # both of the expression's forms name it: no need to run it over every script
            names |= enigma_import_names(code)
        script = unit.script
        for callee, paren in script.find_calls(frozenset({"create"})):
            path = script.callee_path(callee)
            if path.count(".") != 1 or path.split(".")[0] not in names:
                continue
            args = script.call_arguments(paren)
            obj = script.object_at(args[0][0]) if args else None
            prop = obj.get("url") if obj is not None else None
            if prop is None or prop.value_end - prop.value_start < 2:
                continue  # no url, a shorthand or one literal (judged as a string above)
            parts = [
                (i, script.string_value(i) or "")
                for i in range(prop.value_start, prop.value_end)
                if script.tokens[i].kind in (STRING, TEMPLATE)
            ]
            if not any("://" in part for _, part in parts):
                continue
            if any(_other_engine(facts, part, script, i) for i, part in parts if "://" in part):
                continue  # a client-managed server's socket, as for a URL written whole
            start, end = script.statement(callee)
            region = script.span_text(start, end) + "\n" + facts.resolved_text(unit, start, end, depth=1)
            if _TOKEN_PARAM.search(region):
                continue
            has_id, has_csrf = _names(HEADER, region), _names(CSRF_HEADER, region)
            place = Place(unit.file, *unit.file_span(prop.value_start, prop.value_end))
            found.append(EngineUrl(place, short(script.span_text(prop.value_start, prop.value_end)), has_id, has_csrf))
    return found


# A server route that forwards Qlik's own paths (app.get('/resources/*'), app.all("/api/v1/*")): with the id and
# the CSRF token added on the way (Qlik's "JWT proxy" pattern), the browser sends neither.
_PROXY_ROUTE = re.compile(r"""["'`]/(?:resources|api/v1|app|assets)/\*""")


def proxied(facts: Facts) -> bool:
    """True when a server in the project forwards Qlik's paths and adds the web integration id or the CSRF
    token itself, and the page's tenant is not a Qlik Cloud host (it is that server)."""
    tenant = facts.tenant
    if tenant is not None and tenant.host.endswith(".qlikcloud.com"):
        return False
    for unit in facts.project.units:
        code = unit.script.code
        if unit.in_browser:
            continue
        if _PROXY_ROUTE.search(code) and re.search(r"(?i)qlik-web-integration-id|qlik-csrf-token", code):
            return True
        if _PROXY_MOUNT.search(code) and _PROXY_LIBRARY.search(code) and _PROXY_SIGNS.search(code):
            return True
    return False


# A reverse proxy to the tenant: a proxy middleware (http-proxy-middleware, http-proxy, express-http-proxy,
# @fastify/http-proxy) mounted at Qlik's paths (/resources, /app, /api/v1), which signs each request in on its
# way (an Authorization header: an API key or a user's token; the web integration id; a JWT session). The page
# then loads everything from its own origin.
_PROXY_MOUNT = re.compile(r"""["'`]/(?:resources|app|api/v1)/?(?:\*|\(\.\*\))?["'`]""")
_PROXY_LIBRARY = re.compile(
    r"createProxyMiddleware|\bhttp-proxy\b|\bhttpProxy\b|express-http-proxy|@fastify/http-proxy|\bproxy\.web\s*\("
)
_PROXY_SIGNS = re.compile(r"(?i)\bauthorization\b|qlik-web-integration-id|qlik-csrf-token|jwt-session")
