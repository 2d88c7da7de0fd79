"""Reads of one tenant, each made once however many projects ask (memoised, safe across threads).

The first caller of a lookup makes the request in its own thread; later callers wait for that result.
Nothing waits on work queued behind it, so a bounded thread pool cannot deadlock on these.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any, TypeVar

from mashup_gen.online.client import Client, Reply
from mashup_gen.tenant import Tenant

T = TypeVar("T")
PAGE_LIMIT = 100
MAX_PAGES = 50  # 5,000 web integrations: far more than a tenant has; a bound on a misbehaving server


class Memo:
    """Results (or exceptions) of calls by key, each call made once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._futures: dict[Hashable, Future[Any]] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``'s result for ``key``, computed by the first caller only; exceptions are memoised too."""
        with self._lock:
            future = self._futures.get(key)
            owner = future is None
            if owner:
                future = self._futures[key] = Future()
        assert future is not None
        if owner:
            try:
                future.set_result(compute())
            except BaseException as exc:
                future.set_exception(exc)
        return future.result()  # type: ignore[no-any-return]


class TenantLookups:
    """One tenant's client and the memoised reads ``check --online`` makes."""

    def __init__(self, tenant: Tenant, client: Client) -> None:
        self.tenant = tenant
        self.client = client
        self._memo = Memo()

    def probe(self) -> Reply:
        """``GET /api/v1/users/me``: does the tenant answer, and does it accept the key?"""
        return self._memo.get("probe", lambda: self.client.get(self.tenant.users_me_url))

    def web_integration(self, integration_id: str) -> Reply:
        """``GET /api/v1/web-integrations/{id}``."""
        url = self.tenant.web_integration_url(integration_id)
        return self._memo.get(("wi", integration_id), lambda: self.client.get(url))

    def app(self, app_id: str) -> Reply:
        """``GET /api/v1/items?resourceType=app&resourceId={id}``: empty ``data`` when missing or not visible."""
        # noActions: the caller's permitted actions are not needed, and Qlik answers faster without them.
        params = {"resourceType": "app", "resourceId": app_id, "noActions": "true"}
        return self._memo.get(("app", app_id), lambda: self.client.get(self.tenant.items_url, params))

    def oauth_client(self, client_id: str) -> Reply:
        """``GET /api/v1/oauth-clients/{id}``."""
        url = self.tenant.oauth_client_url(client_id)
        return self._memo.get(("oauth", client_id), lambda: self.client.get(url))

    def web_integrations(self) -> list[dict[str, Any]]:
        """Every web integration of the tenant (following ``links.next``); empty when they cannot be listed."""
        return self._memo.get("all-wi", self._list_web_integrations)

    def _list_web_integrations(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        url: str | None = self.tenant.web_integrations_url
        params: dict[str, str] | None = {"limit": str(PAGE_LIMIT)}
        for _ in range(MAX_PAGES):
            if url is None:
                break
            reply = self.client.get(url, params)
            if not reply.ok or not isinstance(reply.body, dict):
                break
            found += [item for item in reply.body.get("data") or [] if isinstance(item, dict)]
            links = reply.body.get("links") or {}
            href = (links.get("next") or {}).get("href") if isinstance(links, dict) else None
            # Follow a next link on this tenant only: the key goes nowhere else.
            url = href if isinstance(href, str) and href.startswith(self.tenant.base_url + "/") else None
            params = None
        return found
