"""The HTTP client for Qlik Cloud's REST API: one ``requests`` session (one connection pool) per tenant.

``requests`` is the well-kept standard for this in Python; its adapter hands retries to urllib3's
``Retry``: bounded retries with exponential backoff on 429 and 5xx, honouring ``Retry-After``. Timeouts
are (connect, read); certificates are always verified (plain http is possible only for a loopback test
tenant, which :class:`~mashup_gen.tenant.Tenant` enforces); proxies and CA bundles come from the
environment (``HTTPS_PROXY``, ``NO_PROXY``, ``REQUESTS_CA_BUNDLE``).

The API key goes into the ``Authorization`` header through an auth object, and nowhere else: errors are
re-raised as :class:`Unreachable` built from the tenant's URL and the kind of failure, never from the
library's message (which can quote a request).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mashup_gen import __version__
from mashup_gen.online.apikey import ApiKey
from mashup_gen.tenant import Tenant, is_loopback

if TYPE_CHECKING:  # imported when a client is made: `check --online` reads its projects meanwhile
    import requests

TIMEOUT_ENV = "MASHUP_GEN_HTTP_TIMEOUT"
RETRIED_STATUSES = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class Settings:
    """How patient the client is. The read timeout can be set with ``MASHUP_GEN_HTTP_TIMEOUT`` (seconds)."""

    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    retries: int = 3  # retries after the first try, for each of 429/5xx, connection and read failures
    backoff: float = 0.5  # seconds; doubles on each retry (urllib3's exponential backoff)
    max_backoff: float = 8.0
    max_retry_after: int = 30  # a longer Retry-After is cut to this, so a run cannot hang for hours
    pool_size: int = 16  # connections kept per tenant: as many as requests run at once

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Defaults, with the read timeout from ``MASHUP_GEN_HTTP_TIMEOUT`` when it is a positive number."""
        raw = (os.environ if env is None else env).get(TIMEOUT_ENV, "")
        try:
            value = float(raw)
        except ValueError:
            return cls()
        return cls(read_timeout=value) if value > 0 else cls()


class Unreachable(Exception):
    """The tenant could not be asked (connection, TLS, timeout); the message names the tenant only."""


@dataclass(frozen=True)
class Reply:
    """A response: its status and its JSON body (None when empty or not JSON)."""

    status: int
    body: Any = None
    retry_after: str | None = None

    @property
    def ok(self) -> bool:
        """2xx."""
        return 200 <= self.status < 300

    def error_text(self) -> str:
        """Qlik's error ``code: title`` (``{"errors": [{"code", "title"}]}``), or just the status."""
        errors = self.body.get("errors") if isinstance(self.body, dict) else None
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            first = errors[0]
            parts = [str(first.get(k)) for k in ("code", "title") if first.get(k)]
            if parts:
                return f"{self.status} {': '.join(parts)}"[:200]
        return str(self.status)


class _Bearer:
    """Adds ``Authorization: Bearer <key>``; as the request's auth it also keeps ``~/.netrc`` from replacing it
    (requests takes any callable as auth, as it does its own ``AuthBase``)."""

    def __init__(self, key: ApiKey) -> None:
        self._key = key

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._key.reveal()}"
        return request

    def __repr__(self) -> str:
        return "_Bearer(<hidden>)"


def _describe(exc: requests.exceptions.RequestException, where: str, timeout: tuple[float, float]) -> str:
    """What went wrong, from the exception's type and its cause's type only (their texts may quote a request)."""
    import requests
    from urllib3.exceptions import (
        ConnectTimeoutError,
        MaxRetryError,
        NewConnectionError,
        ProxyError,
        ReadTimeoutError,
        SSLError,
    )

    cause: object = exc
    if exc.args and isinstance(exc.args[0], MaxRetryError):  # retries ran out: the last failure says why
        cause = exc.args[0].reason
    if isinstance(cause, NewConnectionError):  # refused or unresolvable (a subclass of ConnectTimeoutError)
        return f"cannot connect to {where} (is the host right and reachable?)"
    if isinstance(cause, (requests.exceptions.SSLError, SSLError)):
        return f"{where}: its TLS certificate could not be verified"
    if isinstance(cause, (requests.exceptions.ConnectTimeout, ConnectTimeoutError)):
        return f"{where} did not accept a connection within {timeout[0]:g} s"
    if isinstance(cause, (requests.exceptions.ReadTimeout, ReadTimeoutError)):
        return f"{where} did not answer within {timeout[1]:g} s"
    if isinstance(cause, (requests.exceptions.ProxyError, ProxyError)):
        return f"{where}: the proxy from the environment (HTTPS_PROXY, HTTP_PROXY) could not be used"
    if isinstance(cause, requests.exceptions.ConnectionError) or isinstance(exc, requests.exceptions.ConnectionError):
        return f"cannot connect to {where} (is the host right and reachable?)"
    return f"the request to {where} failed ({type(exc).__name__})"


class Client:
    """Requests to one tenant with one API key, safe to share between threads."""

    def __init__(self, tenant: Tenant, key: ApiKey, settings: Settings | None = None) -> None:
        if tenant.scheme != "https" and not is_loopback(tenant.host):
            raise ValueError(f"{tenant.base_url}: Qlik Cloud is reached over HTTPS only")
        import requests
        from requests.adapters import HTTPAdapter
        from urllib3.util.retry import Retry

        self.tenant = tenant
        self.settings = settings or Settings()
        retry = Retry(
            total=self.settings.retries * 3,
            connect=self.settings.retries,
            read=self.settings.retries,
            status=self.settings.retries,
            other=0,
            backoff_factor=self.settings.backoff,
            backoff_max=self.settings.max_backoff,
            status_forcelist=RETRIED_STATUSES,
            # POST is left out: a create that timed out may have happened, and must not happen twice.
            allowed_methods=frozenset({"GET", "HEAD", "PATCH"}),
            respect_retry_after_header=True,
            retry_after_max=self.settings.max_retry_after,
            raise_on_status=False,  # the last response is returned and reported, not an exception
        )
        session = requests.Session()
        # Proxy settings and CA bundles come from the environment, read here once: with ``trust_env`` requests
        # would read them again for every request (scanning every variable twice: a third of its own time per
        # request, which check --online spends hundreds of times while the offline check needs the cores).
        session.trust_env = False
        session.proxies = requests.utils.get_environ_proxies(tenant.base_url)  # {} when NO_PROXY covers it
        session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        session.auth = _Bearer(key)
        session.headers.update({"Accept": "application/json", "User-Agent": f"mashup-gen/{__version__}"})
        adapter = HTTPAdapter(
            max_retries=retry, pool_connections=1, pool_maxsize=self.settings.pool_size, pool_block=True
        )
        session.mount(tenant.base_url + "/", adapter)
        self._session = session

    def request(self, method: str, url: str, *, params: dict[str, str] | None = None, json: Any = None) -> Reply:
        """Send one request (retried as configured) and return the final reply, or raise :class:`Unreachable`."""
        if not url.startswith(self.tenant.base_url + "/"):
            raise ValueError(f"{url} is not on {self.tenant.base_url}: the key goes to its own tenant only")
        import requests

        where = self.tenant.base_url
        timeout = (self.settings.connect_timeout, self.settings.read_timeout)
        try:
            # Redirects are not followed: the API never redirects, and the key must not follow one elsewhere.
            response = self._session.request(
                method, url, params=params, json=json, timeout=timeout, allow_redirects=False
            )
        except requests.exceptions.RequestException as exc:
            raise Unreachable(_describe(exc, where, timeout)) from None
        try:
            body = response.json() if response.content else None
        except ValueError:
            body = None
        reply = Reply(response.status_code, body, response.headers.get("Retry-After"))
        response.close()
        return reply

    def get(self, url: str, params: dict[str, str] | None = None) -> Reply:
        """GET ``url``."""
        return self.request("GET", url, params=params)

    def close(self) -> None:
        """Close the connection pool."""
        self._session.close()
