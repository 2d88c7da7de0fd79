"""The stand-in tenant's management REST API beyond web integrations, and failure injection for all of it.

Behind ``Authorization: Bearer <key>`` (an API key the tenant knows): ``GET /api/v1/users/me`` (the key's
user), ``GET /api/v1/items?resourceType=app&resourceId=<id>`` (``data`` empty for an unknown app or one the
key's user cannot see) and ``/api/v1/oauth-clients`` (:mod:`standin.oauth_clients`). Tests break things on
purpose with :meth:`ManagementApi.fail` (401, 403, 404, 429 with ``Retry-After``, 500, ... for a number of
requests) and :meth:`ManagementApi.slow`; :attr:`ManagementApi.delay` holds every API answer back (the
benchmark's 50 ms).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING

from standin import oauth_clients, oauth_http

if TYPE_CHECKING:
    from standin.server import Tenant, _TenantHandler

API_PREFIX = "/api/v1/"
KEY_USER_ID = "standin-api-key-user"


@dataclass
class Fault:
    """Answer requests whose path starts with ``prefix`` (and method, when given) with ``status``."""

    prefix: str
    status: int
    method: str | None = None
    times: int | None = None  # None: for ever
    retry_after: str | None = None
    delay: float = 0.0  # seconds before answering (a slow path); with status 0 the request then goes on
    hits: int = 0


@dataclass
class ManagementApi:
    """State and routes of the key-protected API; ``handle`` is called first for every request."""

    tenant: Tenant
    delay: float = 0.0
    hidden_apps: set[str] = field(default_factory=set)
    faults: list[Fault] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- knobs for tests ---------------------------------------------------------------------------

    def add_oauth_client(
        self, redirect_uris: list[str], allowed_origins: list[str], *, client_id: str | None = None
    ) -> str:
        """Register a single-page-app OAuth client (in the tenant's OAuth server); return its id."""
        client = self.tenant.oauth.add_client(
            client_id, app_type="spa", redirect_uris=redirect_uris, allowed_origins=allowed_origins
        )
        return client.client_id

    def hide_app(self, app_id: str) -> None:
        """The app exists, but the API key's user cannot see it (not shared with them)."""
        with self._lock:
            self.hidden_apps.add(app_id)

    def fail(
        self,
        prefix: str,
        status: int,
        *,
        method: str | None = None,
        times: int | None = None,
        retry_after: str | None = None,
    ) -> Fault:
        """Answer matching requests with ``status`` (``times`` of them, or all)."""
        fault = Fault(prefix, status, method, times, retry_after)
        with self._lock:
            self.faults.append(fault)
        return fault

    def slow(self, prefix: str, seconds: float, *, times: int | None = None) -> Fault:
        """Hold matching requests back ``seconds`` before answering them normally."""
        fault = Fault(prefix, 0, None, times, None, seconds)
        with self._lock:
            self.faults.append(fault)
        return fault

    # -- request handling --------------------------------------------------------------------------

    def _fault_for(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if not path.startswith(fault.prefix) or (fault.method and fault.method != method):
                    continue
                if fault.times is not None and fault.hits >= fault.times:
                    continue
                fault.hits += 1
                return fault
        return None

    def handle(self, handler: _TenantHandler, path: str, query: dict[str, list[str]]) -> bool:
        """Answer ``path`` if it is this API's or a fault applies; False lets the tenant route it."""
        if not path.startswith(API_PREFIX):
            return False
        bearer = (handler.headers.get("Authorization") or "").lower().startswith("bearer ")
        ours = path in ("/api/v1/items",) or path.startswith("/api/v1/oauth-clients")
        # /users/me with an OAuth access token is the token's user: the tenant answers that one.
        ours = ours or (bearer and path == "/api/v1/users/me" and oauth_http.bearer(handler) is None)
        if not (bearer or ours):
            return False  # browser requests (cookie sessions) are the tenant's, and never delayed
        if self.delay:
            time.sleep(self.delay)
        fault = self._fault_for(handler.command, path)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if 200 <= fault.status < 300:  # "accepted" without doing anything
                handler._send(fault.status)
                return True
            if fault.status:
                headers = [("Retry-After", fault.retry_after)] if fault.retry_after else []
                handler._error(fault.status, f"HTTP-{fault.status}", HTTPStatus(fault.status).phrase, headers)
                return True
        if not ours:
            return False
        if path == "/api/v1/items" and oauth_http.rest_user(handler) is not None:
            self._items(handler, query)  # a signed-in user's token reads items as the key does
            return True
        if not self._key_ok(handler):
            handler._error(HTTPStatus.UNAUTHORIZED, "HTTP-401", "Not authorized")
            return True
        if path.startswith(oauth_clients.PREFIX):
            oauth_clients.handle(handler, path)
        elif handler.command != "GET":
            handler._error(HTTPStatus.METHOD_NOT_ALLOWED, "HTTP-405", "Method Not Allowed")
        elif path == "/api/v1/users/me":
            handler._json(HTTPStatus.OK, {"id": KEY_USER_ID, "tenantId": self.tenant.tenant_id, "name": "API key"})
        else:
            self._items(handler, query)
        return True

    def _key_ok(self, handler: _TenantHandler) -> bool:
        scheme, _, key = (handler.headers.get("Authorization") or "").partition(" ")
        return scheme.lower() == "bearer" and key.strip() in self.tenant.api_keys

    def _items(self, handler: _TenantHandler, query: dict[str, list[str]]) -> None:
        kind = (query.get("resourceType") or [""])[0]
        wanted = (query.get("resourceId") or [None])[0]
        with self.tenant._lock:
            apps = sorted(self.tenant._apps)
        with self._lock:
            visible = [a for a in apps if a not in self.hidden_apps]
        if kind != "app":
            visible = []
        if wanted is not None:
            visible = [a for a in visible if a == wanted]
        data = [{"id": f"item-{a[:8]}", "resourceId": a, "resourceType": "app", "name": f"App {a}"} for a in visible]
        handler._json(HTTPStatus.OK, {"data": data, "links": {"self": {"href": f"{self.tenant.url}/api/v1/items"}}})
