"""The stand-in Qlik Cloud tenant: web integrations, cookie login, CORS, resources and a fake capability API,
and the engine's JSON-RPC WebSocket at `/app/<appId>` (standin.engine).

It enforces the documented rules strictly (exact origins, LOGIN-8/LOGIN-10, HttpOnly session cookie, the
`qlik-web-integration-id` header), so that a mashup working against it has the same chances on Qlik Cloud.
"""

from __future__ import annotations

import json
import secrets
import threading
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from standin import engine, oauth_http, runtime
from standin.background import BackgroundServer
from standin.management import ManagementApi
from standin.oauth import IssuedToken, OAuthClient, OAuthServer, TokenRequest, User

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: Where `npm install --prefix tests` puts the real RequireJS loader.
REQUIREJS_PATH = Path(__file__).resolve().parent.parent / "node_modules" / "requirejs" / "require.js"
# The capability API brings jQuery along (mashups written for it use the global $); the real one from npm.
JQUERY_PATH = Path(__file__).resolve().parent.parent / "node_modules" / "jquery" / "dist" / "jquery.js"
#: Name of the tenant's session cookie (Qlik Cloud's is called the same).
SESSION_COOKIE = "eas.sid"
WEB_INTEGRATION_HEADER = "qlik-web-integration-id"
CSRF_HEADER = "qlik-csrf-token"
ALLOWED_REQUEST_HEADERS = "qlik-web-integration-id, qlik-csrf-token, content-type"
ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
#: The selections bar: valid in every app.
CURRENT_SELECTIONS = "CurrentSelections"
# Placeholder in static/qlik.js replaced by the tenant's own coordinates when served.
_TENANT_PLACEHOLDER = "/*STANDIN_TENANT*/null"
# Placeholder in static/qlik-embed-main.js replaced by @qlik/api's runtime modules (standin.runtime).
_API_MODULES_PLACEHOLDER = "/*STANDIN_API_MODULES*/{}"


class RequireJsMissingError(RuntimeError):
    """The real require.js is absent: `npm install --prefix tests` was not run."""


def new_web_integration_id() -> str:
    """Return a fresh id in Qlik's observed format: 32 characters of `[A-Za-z0-9_-]`."""
    return secrets.token_urlsafe(24)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def origin_of(url: str) -> str | None:
    """Serialize the origin of an absolute http(s) URL as a browser would, or None if it has none."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return None
    host = parts.hostname
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    default = 443 if parts.scheme == "https" else 80
    return f"{parts.scheme}://{host}" + (f":{port}" if port is not None and port != default else "")


def is_valid_origin(value: object) -> bool:
    """True for an exact `scheme://host[:port]` string: no path, no trailing slash, no wildcard."""
    return isinstance(value, str) and "*" not in value and origin_of(value) == value


@dataclass
class WebIntegration:
    """A web integration entity: the tenant's CORS allowlist for one mashup or web app."""

    id: str
    name: str
    valid_origins: list[str]
    tenant_id: str
    created: str = field(default_factory=_now)
    last_updated: str = field(default_factory=_now)

    def to_json(self) -> dict[str, Any]:
        """Return the REST representation."""
        return {
            "id": self.id,
            "name": self.name,
            "validOrigins": list(self.valid_origins),
            "tenantId": self.tenant_id,
            "created": self.created,
            "createdBy": "standin-admin",
            "lastUpdated": self.last_updated,
        }


@dataclass(frozen=True)
class RecordedRequest:
    """One request the tenant received (for assertions in tests)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]


class Tenant(BackgroundServer):
    """A stand-in Qlik Cloud tenant served over plain HTTP on 127.0.0.1.

    `host` is the hostname the tenant is addressed by (what `config.host` must be); it is always bound to
    127.0.0.1, so `host="localhost"` gives the same server under another *site*.
    """

    def __init__(
        self,
        web_integrations: Mapping[str, Iterable[str]] | None = None,
        apps: Mapping[str, Iterable[str]] | None = None,
        api_keys: Iterable[str] = (),
        *,
        host: str = "127.0.0.1",
        require_js: Path | None = None,
    ) -> None:
        super().__init__()
        self.host = host
        self.tenant_id = secrets.token_urlsafe(24)
        self.api_keys: set[str] = set(api_keys)
        self.require_js_path = require_js or REQUIREJS_PATH
        self._lock = threading.Lock()
        self._integrations: dict[str, WebIntegration] = {}
        self._apps: dict[str, set[str]] = {}
        self._sessions: dict[str, dict[str, str]] = {}
        self._pending_logins: dict[str, tuple[str, str]] = {}
        self._overrides: dict[str, tuple[int, bytes, str]] = {}
        self._requests: list[RecordedRequest] = []
        self.login_count = 0
        self.completed_logins = 0
        #: The OAuth2 authorization server: clients, users, codes and tokens (standin.oauth).
        self.oauth = OAuthServer()
        #: The key-protected management API (items, OAuth clients) and failure injection.
        self.management = ManagementApi(self)
        for wid, origins in (web_integrations or {}).items():
            self.add_web_integration(origins, integration_id=wid)
        for app_id, objects in (apps or {}).items():
            self.add_app(app_id, objects)

    # -- lifecycle -------------------------------------------------------------------------------------

    def start(self) -> Tenant:
        """Bind to an ephemeral port on 127.0.0.1 and serve in a daemon thread."""
        for needed in (self.require_js_path, JQUERY_PATH):
            if not needed.is_file():
                raise RequireJsMissingError(
                    f"{needed} is missing: run `npm install --prefix tests` to fetch RequireJS and jQuery"
                )
        return super().start()

    def stop(self) -> None:
        """Close open engine WebSockets too, then stop serving."""
        engine.close_all(self)
        super().stop()

    def _make_server(self) -> ThreadingHTTPServer:
        server = _TenantServer(("127.0.0.1", 0), _TenantHandler)
        server.tenant = self  # type: ignore[attr-defined]
        return server

    @property
    def url(self) -> str:
        """Base URL, e.g. `http://127.0.0.1:54321` (no trailing slash)."""
        return f"http://{self.host}:{self.port}"

    origin = url

    # -- state -----------------------------------------------------------------------------------------

    def add_web_integration(
        self, origins: Iterable[str], *, integration_id: str | None = None, name: str | None = None
    ) -> str:
        """Create a web integration with exact allowed origins; return its id."""
        wid = integration_id or new_web_integration_id()
        with self._lock:
            self._integrations[wid] = WebIntegration(
                id=wid,
                name=name or f"standin-{wid[:6]}",
                valid_origins=list(origins),
                tenant_id=self.tenant_id,
            )
        return wid

    def set_origins(self, integration_id: str, origins: Iterable[str]) -> None:
        """Replace the allowed origins of an existing web integration."""
        with self._lock:
            wi = self._integrations[integration_id]
            wi.valid_origins = list(origins)
            wi.last_updated = _now()

    def web_integrations(self) -> dict[str, list[str]]:
        """Return a snapshot: id -> allowed origins."""
        with self._lock:
            return {wid: list(wi.valid_origins) for wid, wi in self._integrations.items()}

    def add_app(self, app_id: str, object_ids: Iterable[str] = ()) -> None:
        """Create (or extend) an app holding the given object ids."""
        with self._lock:
            self._apps.setdefault(app_id, set()).update(object_ids)

    def has_app(self, app_id: str) -> bool:
        """Whether the tenant holds this app."""
        with self._lock:
            return app_id in self._apps

    def add_oauth_client(
        self,
        client_id: str | None = None,
        *,
        app_type: str = "spa",
        redirect_uris: Iterable[str] = (),
        allowed_origins: Iterable[str] = (),
        secret: str | None = None,
        grants: Iterable[str] = (),
        scopes: Iterable[str] = ("user_default",),
    ) -> OAuthClient:
        """Register an OAuth client (``spa``: exact redirect URIs and origins; ``web``: a secret, given or
        generated, and its grants such as ``urn:qlik:oauth:user-impersonation``)."""
        return self.oauth.add_client(
            client_id,
            app_type=app_type,
            redirect_uris=redirect_uris,
            allowed_origins=allowed_origins,
            secret=secret,
            grants=grants,
            scopes=scopes,
        )

    def add_user(self, subject: str, *, name: str | None = None, user_id: str | None = None) -> User:
        """Add a user known by ``subject`` (what impersonation's ``user_lookup`` finds)."""
        return self.oauth.add_user(subject, name=name, user_id=user_id)

    @property
    def token_requests(self) -> list[TokenRequest]:
        """Requests to ``/oauth/token`` so far (grant, client, origin, status, error code), oldest first."""
        return self.oauth.token_requests

    def tokens_issued(self, kind: str | None = None) -> list[IssuedToken]:
        """Tokens issued so far: ``access``, ``refresh``, ``websocket`` or ``webresource``."""
        return self.oauth.tokens_issued(kind)

    def drop_engine_sessions(self) -> int:
        """Close every engine WebSocket (as a session timeout does); return how many were open."""
        return engine.close_all(self)

    def override(self, path: str, status: int, body: bytes | str = b"", content_type: str = "text/plain") -> None:
        """Answer GET `path` with a fixed response instead (a knob for breaking things in tests)."""
        data = body.encode() if isinstance(body, str) else body
        with self._lock:
            self._overrides[path] = (status, data, content_type)

    def new_session(self) -> str:
        """Create a signed-in session without the login round trip; return the cookie value."""
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[token] = {"id": uuid.uuid4().hex[:24], "csrf": secrets.token_urlsafe(16)}
        return token

    def clear_sessions(self) -> None:
        """Forget every session (as if they all expired)."""
        with self._lock:
            self._sessions.clear()

    @property
    def requests(self) -> list[RecordedRequest]:
        """Requests received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def requested(self, path: str) -> int:
        """How many requests were made for exactly this path."""
        return sum(1 for r in self.requests if r.path == path)

    # -- used by the handler ---------------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _integration(self, wid: str | None) -> WebIntegration | None:
        with self._lock:
            return self._integrations.get(wid) if wid else None

    def _origin_allowed(self, origin: str, wid: str | None) -> bool:
        wi = self._integration(wid)
        return wi is not None and origin in wi.valid_origins

    def _origin_allowed_anywhere(self, origin: str) -> bool:
        with self._lock:
            return any(origin in wi.valid_origins for wi in self._integrations.values())


class _TenantServer(ThreadingHTTPServer):
    """The tenant's listening socket, with room for a client's burst of connections."""

    # socketserver's default backlog is 5. Every answer closes its connection (HTTP/1.0, below), so a client
    # with a pool of 16 threads opens 16 connections at once, again and again; with 5 the kernel drops the
    # rest and each of those clients waits a whole SYN retransmission (1 s) - a cost of this stand-in, not
    # of the client, that Qlik Cloud's front end does not have.
    request_queue_size = 128


class _TenantHandler(BaseHTTPRequestHandler):
    """Routes requests to the tenant's endpoints."""

    server_version = "standin-qlik-cloud/1"
    # HTTP/1.0 closes every connection, so stop() never waits on idle keep-alive sockets.
    protocol_version = "HTTP/1.0"

    @property
    def tenant(self) -> Tenant:
        return self.server.tenant  # type: ignore[attr-defined,no-any-return]

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet; requests are recorded on the tenant instead."""

    # -- request parsing -------------------------------------------------------------------------------

    def _parse(self) -> tuple[str, dict[str, list[str]]]:
        parts = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.tenant._record(RecordedRequest(self.command, parts.path, parts.query, headers))
        return parts.path, parse_qs(parts.query)

    def _integration_id(self, query: dict[str, list[str]]) -> str | None:
        value = self.headers.get(WEB_INTEGRATION_HEADER)
        if value is None and query.get(WEB_INTEGRATION_HEADER):
            value = query[WEB_INTEGRATION_HEADER][0]
        return value

    def _session(self) -> dict[str, str] | None:
        raw = self.headers.get("Cookie")
        if not raw:
            return None
        try:
            jar = SimpleCookie(raw)
        except CookieError:
            return None
        morsel = jar.get(SESSION_COOKIE)
        if morsel is None:
            return None
        with self.tenant._lock:
            return self.tenant._sessions.get(morsel.value)

    def _cross_origin(self) -> str | None:
        """The request's Origin when it is not the tenant's own."""
        origin = self.headers.get("Origin")
        return origin if origin and origin != self.tenant.url else None

    def _body_json(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw) if raw else None

    # -- responses -------------------------------------------------------------------------------------

    def _cors(self, query: dict[str, list[str]]) -> list[tuple[str, str]]:
        headers = [("Vary", "Origin")]
        origin = self.headers.get("Origin")
        if origin and self.tenant._origin_allowed(origin, self._integration_id(query)):
            headers += [
                ("Access-Control-Allow-Origin", origin),
                ("Access-Control-Allow-Credentials", "true"),
                ("Access-Control-Expose-Headers", CSRF_HEADER),
            ]
        return headers

    def _oauth_cors(self) -> list[tuple[str, str]]:
        """A REST answer to a request with an OAuth token: its client's allowed origins get CORS headers."""
        path = urlsplit(self.path).path
        return oauth_http.rest_cors(self) if path.startswith("/api/v1/") else []

    def _send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = None,
        headers: Iterable[tuple[str, str]] = (),
    ) -> None:
        headers = list(headers)
        if not any(name == "Access-Control-Allow-Origin" for name, _ in headers):
            headers += self._oauth_cors()
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, payload: Any, headers: Iterable[tuple[str, str]] = ()) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json; charset=utf-8", headers)

    def _error(self, status: int, code: str, title: str, headers: Iterable[tuple[str, str]] = ()) -> None:
        self._json(status, {"errors": [{"code": code, "title": title, "status": str(status)}]}, headers)

    def _redirect(self, location: str, headers: Iterable[tuple[str, str]] = ()) -> None:
        self._send(HTTPStatus.FOUND, b"", None, [("Location", location), *headers])

    # -- verbs -----------------------------------------------------------------------------------------

    def do_OPTIONS(self) -> None:
        """CORS preflight: preflights carry no header values, so any integration's origin qualifies."""
        path, _ = self._parse()
        origin = self.headers.get("Origin")
        headers = [("Vary", "Origin")]
        oauth_preflight = oauth_http.preflight_headers(self) if oauth_http.cors_path(path) else []
        if oauth_preflight:
            headers += oauth_preflight
        elif origin and self.tenant._origin_allowed_anywhere(origin):
            headers += [
                ("Access-Control-Allow-Origin", origin),
                ("Access-Control-Allow-Credentials", "true"),
                ("Access-Control-Allow-Headers", ALLOWED_REQUEST_HEADERS),
                ("Access-Control-Allow-Methods", ALLOWED_METHODS),
            ]
        self._send(HTTPStatus.NO_CONTENT, headers=headers)

    def do_GET(self) -> None:
        """Route GET requests."""
        path, query = self._parse()
        if path.startswith("/app/") and (self.headers.get("Upgrade") or "").lower() == "websocket":
            engine.serve(self)  # the engine's JSON-RPC WebSocket, on the same origin as the REST API
            return
        override = self.tenant._overrides.get(path)
        if override is not None:
            status, body, ctype = override
            self._send(status, body, ctype, self._cors(query))
            return
        if self.tenant.management.handle(self, path, query):
            return
        if path.startswith("/api/v1/web-integrations"):
            self._web_integrations(path)
            return
        routes = {
            "/resources/assets/external/requirejs/require.js": self._require_js,
            "/resources/js/qlik.js": self._qlik_js,
            "/resources/jquery.js": self._jquery,
            "/resources/autogenerated/qlik-styles.css": self._styles,
            "/login": self._login,
            "/idp/authorize": self._idp_authorize,
            "/login/callback": self._login_callback,
            "/logout": self._logout,
            "/api/v1/users/me": self._users_me,
            "/api/v1/csrf-token": self._csrf_token,
            "/qlik-embed/main.js": self._qlik_embed_main,
            "/oauth/authorize": lambda q: oauth_http.authorize(self, q),
        }
        handler = routes.get(path)
        if handler is not None:
            handler(query)
        elif path.startswith(runtime.ROUTE):
            self._npm_module(path)
        elif path.startswith("/api/v1/apps/"):
            self._apps(path, query)
        else:
            self._error(HTTPStatus.NOT_FOUND, "HTTP-404", "Not Found", self._cors(query))

    def do_HEAD(self) -> None:
        """HEAD behaves as GET without a body."""
        self.do_GET()

    def do_POST(self) -> None:
        """POST (and PATCH, DELETE, PUT): the token endpoint, the management API and web integrations."""
        path, query = self._parse()
        if path == "/oauth/token" and self.command == "POST":
            oauth_http.token(self)
            return
        if self.tenant.management.handle(self, path, query):
            return
        if path.startswith("/api/v1/web-integrations"):
            self._web_integrations(path)
        else:
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "HTTP-405", "Method Not Allowed", self._cors(query))

    do_PATCH = do_POST
    do_DELETE = do_POST
    do_PUT = do_POST

    # -- resources -------------------------------------------------------------------------------------

    def _require_js(self, query: dict[str, list[str]]) -> None:
        self._send(HTTPStatus.OK, self.tenant.require_js_path.read_bytes(), "application/javascript")

    def _jquery(self, query: dict[str, list[str]]) -> None:
        self._send(HTTPStatus.OK, JQUERY_PATH.read_bytes(), "application/javascript")

    def _qlik_js(self, query: dict[str, list[str]]) -> None:
        tenant = self.tenant
        coordinates = json.dumps(
            {"host": tenant.host, "port": tenant.port, "isSecure": False, "prefix": "/", "url": tenant.url}
        )
        source = (STATIC_DIR / "qlik.js").read_text(encoding="utf-8")
        source = source.replace(_TENANT_PLACEHOLDER, coordinates)
        self._send(HTTPStatus.OK, source.encode(), "application/javascript")

    def _qlik_embed_main(self, query: dict[str, list[str]]) -> None:
        # qlik-embed's runtime: loaded by @qlik/embed-web-components and @qlik/api as a classic script (no CORS
        # involved); it hands out @qlik/api's own runtime modules, which it imports from _npm_module.
        source = (STATIC_DIR / "qlik-embed-main.js").read_text(encoding="utf-8")
        source = source.replace(_API_MODULES_PLACEHOLDER, json.dumps(runtime.runtime_modules()))
        self._send(HTTPStatus.OK, source.encode(), "application/javascript")

    def _npm_module(self, path: str) -> None:
        # Module scripts are fetched with CORS: the runtime's files are public, as on Qlik's CDN.
        cors = [("Access-Control-Allow-Origin", "*")]
        file = runtime.resolve(path)
        if file is None or file.suffix != ".js":
            self._error(HTTPStatus.NOT_FOUND, "HTTP-404", "Not Found", cors)
            return
        self._send(HTTPStatus.OK, runtime.module_source(file), "text/javascript; charset=utf-8", cors)

    def _styles(self, query: dict[str, list[str]]) -> None:
        self._send(HTTPStatus.OK, (STATIC_DIR / "qlik-styles.css").read_bytes(), "text/css")

    # -- login -----------------------------------------------------------------------------------------

    def _login(self, query: dict[str, list[str]]) -> None:
        tenant = self.tenant
        with tenant._lock:
            tenant.login_count += 1
        wid = (query.get(WEB_INTEGRATION_HEADER) or [None])[0]
        wi = tenant._integration(wid)
        if wi is None:
            self._error(HTTPStatus.BAD_REQUEST, "LOGIN-2", "Unknown or missing qlik-web-integration-id")
            return
        returnto = (query.get("returnto") or [""])[0]
        origin = origin_of(returnto)
        if origin is None:
            self._error(HTTPStatus.UNAUTHORIZED, "LOGIN-8", "Invalid returnto")
            return
        if origin not in wi.valid_origins:
            self._error(HTTPStatus.UNAUTHORIZED, "LOGIN-10", "returnto not included in web integration whitelist")
            return
        state = secrets.token_urlsafe(16)
        with tenant._lock:
            tenant._pending_logins[state] = (wi.id, returnto)
        self._redirect("/idp/authorize?" + urlencode({"state": state, "client_id": "standin"}))

    def _idp_authorize(self, query: dict[str, list[str]]) -> None:
        """The identity provider: approves everyone and sends them back to the tenant."""
        state = (query.get("state") or [""])[0]
        self._redirect("/login/callback?" + urlencode({"state": state, "code": secrets.token_urlsafe(16)}))

    def _login_callback(self, query: dict[str, list[str]]) -> None:
        tenant = self.tenant
        state = (query.get("state") or [""])[0]
        with tenant._lock:
            pending = tenant._pending_logins.pop(state, None)
        if pending is None or not query.get("code"):
            self._error(HTTPStatus.UNAUTHORIZED, "LOGIN-3", "Invalid login state")
            return
        _, returnto = pending
        token = secrets.token_urlsafe(32)
        with tenant._lock:
            tenant._sessions[token] = {
                "id": uuid.uuid4().hex[:24],
                "csrf": secrets.token_urlsafe(16),
            }
            tenant.completed_logins += 1
        # SameSite=Lax: page and tenant share a site in the tests; a cross-site pair must lose the cookie.
        cookie = f"{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax"
        self._redirect(returnto, [("Set-Cookie", cookie)])

    def _logout(self, query: dict[str, list[str]]) -> None:
        raw = self.headers.get("Cookie") or ""
        try:
            morsel = SimpleCookie(raw).get(SESSION_COOKIE)
        except CookieError:
            morsel = None
        if morsel is not None:
            with self.tenant._lock:
                self.tenant._sessions.pop(morsel.value, None)
        expired = f"{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
        self._send(HTTPStatus.OK, b"Logged out\n", "text/plain", [("Set-Cookie", expired)])

    # -- REST ------------------------------------------------------------------------------------------

    def _authenticated(self, query: dict[str, list[str]]) -> dict[str, str] | None:
        """The session, honoured cross-origin only with a web integration that allows the origin; else the
        user of an OAuth access token (Bearer) whose client allows the origin."""
        if (self.headers.get("Authorization") or "").lower().startswith("bearer "):
            if self.tenant.management._key_ok(self):
                return {"id": "standin-api-key-user", "name": "API key", "csrf": ""}  # an API key reads REST too
            user = oauth_http.rest_user(self)
            return None if user is None else {"id": user["id"], "name": user["name"], "csrf": ""}
        session = self._session()
        origin = self._cross_origin()
        if session is not None and origin is not None:
            if not self.tenant._origin_allowed(origin, self._integration_id(query)):
                return None
        return session

    def _users_me(self, query: dict[str, list[str]]) -> None:
        cors = self._cors(query)
        session = self._authenticated(query)
        if session is None:
            self._error(HTTPStatus.UNAUTHORIZED, "USERS-7", "Not authorized", cors)
            return
        user = {
            "id": session["id"],
            "tenantId": self.tenant.tenant_id,
            "name": session.get("name", "Stand-in User"),
            "email": "user@example.invalid",
            "status": "active",
        }
        self._json(HTTPStatus.OK, user, cors)

    def _csrf_token(self, query: dict[str, list[str]]) -> None:
        cors = self._cors(query)
        session = self._authenticated(query)
        if session is None:
            self._error(HTTPStatus.UNAUTHORIZED, "HTTP-401", "Not authorized", cors)
            return
        self._send(HTTPStatus.NO_CONTENT, headers=[(CSRF_HEADER, session["csrf"]), *cors])

    def _apps(self, path: str, query: dict[str, list[str]]) -> None:
        """`/api/v1/apps/{appId}` and the stand-in's own `/api/v1/apps/{appId}/objects/{objectId}`."""
        cors = self._cors(query)
        if self._authenticated(query) is None:
            self._error(HTTPStatus.UNAUTHORIZED, "HTTP-401", "Not authorized", cors)
            return
        segments = path.split("/")[4:]
        with self.tenant._lock:
            objects = self.tenant._apps.get(segments[0]) if segments and segments[0] else None
        if objects is None:
            self._error(HTTPStatus.NOT_FOUND, "HTTP-404", "App not found", cors)
            return
        app_id = segments[0]
        if len(segments) == 1:
            self._json(HTTPStatus.OK, {"attributes": {"id": app_id, "name": f"App {app_id}"}}, cors)
        elif len(segments) == 3 and segments[1] == "objects":
            object_id = segments[2]
            if object_id == CURRENT_SELECTIONS or object_id in objects:
                self._json(HTTPStatus.OK, {"id": object_id, "appId": app_id}, cors)
            else:
                self._error(HTTPStatus.NOT_FOUND, "HTTP-404", "Object not found", cors)
        else:
            self._error(HTTPStatus.NOT_FOUND, "HTTP-404", "Not Found", cors)

    def _web_integrations(self, path: str) -> None:
        """The web integrations REST API; API key only."""
        tenant = self.tenant
        auth = self.headers.get("Authorization") or ""
        scheme, _, key = auth.partition(" ")
        if scheme.lower() != "bearer" or key.strip() not in tenant.api_keys:
            self._error(HTTPStatus.UNAUTHORIZED, "HTTP-401", "Not authorized")
            return
        rest = path.removeprefix("/api/v1/web-integrations").strip("/")
        try:
            body = self._body_json() if self.command in ("POST", "PATCH", "PUT") else None
        except ValueError:
            self._error(HTTPStatus.BAD_REQUEST, "HTTP-400", "Body is not JSON")
            return
        if not rest:
            if self.command == "GET":
                with tenant._lock:
                    data = [wi.to_json() for wi in tenant._integrations.values()]
                links = {"self": {"href": f"{tenant.url}/api/v1/web-integrations"}}
                self._json(HTTPStatus.OK, {"data": data, "links": links})
            elif self.command == "POST":
                self._create_integration(body)
            else:
                self._error(HTTPStatus.METHOD_NOT_ALLOWED, "HTTP-405", "Method Not Allowed")
            return
        wi = tenant._integration(rest)
        if wi is None or "/" in rest:
            self._error(HTTPStatus.NOT_FOUND, "HTTP-404", "Web integration not found")
        elif self.command == "GET":
            self._json(HTTPStatus.OK, wi.to_json())
        elif self.command == "DELETE":
            with tenant._lock:
                tenant._integrations.pop(wi.id, None)
            self._send(HTTPStatus.NO_CONTENT)
        elif self.command == "PATCH":
            self._patch_integration(wi, body)
        else:
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "HTTP-405", "Method Not Allowed")

    def _create_integration(self, body: Any) -> None:
        if not isinstance(body, dict) or not isinstance(body.get("name"), str) or not body["name"]:
            self._error(HTTPStatus.BAD_REQUEST, "HTTP-400", "name is required")
            return
        origins = body.get("validOrigins", [])
        if not isinstance(origins, list) or not all(is_valid_origin(o) for o in origins):
            self._error(HTTPStatus.BAD_REQUEST, "HTTP-400", "validOrigins must be a list of exact origins")
            return
        wid = self.tenant.add_web_integration(origins, name=body["name"])
        wi = self.tenant._integration(wid)
        assert wi is not None
        self._json(HTTPStatus.CREATED, wi.to_json(), [("Location", f"/api/v1/web-integrations/{quote(wid)}")])

    def _patch_integration(self, wi: WebIntegration, body: Any) -> None:
        if not isinstance(body, list) or not body:
            self._error(HTTPStatus.BAD_REQUEST, "HTTP-400", "Body must be a JSON Patch array")
            return
        changes: dict[str, Any] = {}
        for op in body:
            supported = isinstance(op, dict) and op.get("op") == "replace"
            if not supported or op.get("path") not in ("/name", "/validOrigins"):
                self._error(HTTPStatus.BAD_REQUEST, "HTTP-400", "Only replace of /name or /validOrigins")
                return
            value = op.get("value")
            if op["path"] == "/name" and not (isinstance(value, str) and value):
                self._error(HTTPStatus.BAD_REQUEST, "HTTP-400", "name must be a non-empty string")
                return
            if op["path"] == "/validOrigins" and not (
                isinstance(value, list) and all(is_valid_origin(o) for o in value)
            ):
                self._error(HTTPStatus.BAD_REQUEST, "HTTP-400", "validOrigins must list exact origins")
                return
            changes[op["path"]] = value
        with self.tenant._lock:
            if "/name" in changes:
                wi.name = changes["/name"]
            if "/validOrigins" in changes:
                wi.valid_origins = list(changes["/validOrigins"])
            wi.last_updated = _now()
        self._send(HTTPStatus.NO_CONTENT)
