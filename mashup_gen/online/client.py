"""The HTTP client for Qlik Cloud's REST API: one urllib3 connection pool per tenant.

Requests go through urllib3 (the engine under ``requests``) directly: ``requests``' sessions, prepared
requests and response objects cost twice urllib3's own CPU per request, which ``check --online`` spends
hundreds of times while its offline part needs every core. The environment is read as ``requests`` reads it,
once per client: proxies (``HTTPS_PROXY``, ``NO_PROXY``, ...; with ``requests``' own helpers when any is set)
and the CA bundle (``REQUESTS_CA_BUNDLE``, ``CURL_CA_BUNDLE``, else certifi's, as ``requests`` uses).
Retries are urllib3's ``Retry``: bounded, with exponential backoff on 429 and 5xx, honouring
``Retry-After``. Timeouts are (connect, read); certificates are always verified (plain http is possible only
for a loopback test tenant, which :class:`~mashup_gen.tenant.Tenant` enforces); redirects are never followed.

The API key goes into the ``Authorization`` header of each request, and nowhere else (``~/.netrc`` is never
read): errors are re-raised as :class:`Unreachable` built from the tenant's URL and the kind of failure,
never from the library's message (which can quote a request).
"""

from __future__ import annotations

import json as jsonlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from mashup_gen import __version__
from mashup_gen.online.apikey import ApiKey
from mashup_gen.tenant import Tenant, is_loopback

if TYPE_CHECKING:  # imported when a client is made: `check --online` reads its projects meanwhile
    import urllib3

TIMEOUT_ENV = "MASHUP_GEN_HTTP_TIMEOUT"
RETRIED_STATUSES = (429, 500, 502, 503, 504)
PROXY_UNUSABLE = "the proxy from the environment (HTTPS_PROXY, HTTP_PROXY) could not be used"


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


def _describe(exc: Exception, where: str, timeout: tuple[float, float]) -> str:
    """What went wrong, from the exception's type and its cause's type only (their texts may quote a request)."""
    from urllib3.exceptions import (
        ConnectTimeoutError,
        MaxRetryError,
        NewConnectionError,
        ProtocolError,
        ProxyError,
        ReadTimeoutError,
        SSLError,
    )

    cause: object = exc.reason if isinstance(exc, MaxRetryError) else exc  # retries ran out: the last failure
    if isinstance(cause, ProxyError):
        return f"{where}: {PROXY_UNUSABLE}"
    if isinstance(cause, NewConnectionError):  # refused or unresolvable (a subclass of ConnectTimeoutError)
        return f"cannot connect to {where} (is the host right and reachable?)"
    if isinstance(cause, SSLError):
        return f"{where}: its TLS certificate could not be verified"
    if isinstance(cause, ConnectTimeoutError):
        return f"{where} did not accept a connection within {timeout[0]:g} s"
    if isinstance(cause, ReadTimeoutError):
        return f"{where} did not answer within {timeout[1]:g} s"
    if isinstance(cause, (ProtocolError, ConnectionError)):  # reset or closed before an answer
        return f"cannot connect to {where} (is the host right and reachable?)"
    return f"the request to {where} failed ({type(cause).__name__})"


def _environment_proxy(url: str) -> str | None:
    """The proxy the environment sets for ``url``, chosen as ``requests`` chooses it (None: connect directly,
    also when ``NO_PROXY`` covers the host)."""
    from urllib.request import getproxies

    if not getproxies():  # the proxies requests would choose from: none at all (requests costs 20 ms to import)
        return None
    from requests.utils import get_environ_proxies, select_proxy

    return select_proxy(url, get_environ_proxies(url))  # type: ignore[no-any-return]


def _pool_manager(tenant: Tenant, size: int) -> urllib3.PoolManager:
    """The tenant's connection pool: through the environment's proxy for its URL, if any, verifying
    certificates against the environment's CA bundle, else certifi's (``requests``' helpers and choices)."""
    import urllib3
    from certifi import where  # requests' default CA bundle (requests.utils.DEFAULT_CA_BUNDLE_PATH)

    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or where()
    tls: dict[str, Any] = {"cert_reqs": "CERT_REQUIRED"}
    tls["ca_cert_dir" if os.path.isdir(bundle) else "ca_certs"] = bundle
    pool: dict[str, Any] = {"num_pools": 1, "maxsize": size, "block": True, **tls}
    proxy = _environment_proxy(tenant.base_url)
    if not proxy:
        return urllib3.PoolManager(**pool)
    from requests.utils import get_auth_from_url, prepend_scheme_if_needed

    proxy = prepend_scheme_if_needed(proxy, "http")
    username, password = get_auth_from_url(proxy)
    if proxy.lower().startswith("socks"):
        from urllib3.contrib.socks import SOCKSProxyManager  # needs PySocks, as with requests

        return SOCKSProxyManager(proxy, username=username or None, password=password or None, **pool)
    headers = urllib3.make_headers(proxy_basic_auth=f"{username}:{password}") if username else None
    return urllib3.ProxyManager(proxy, proxy_headers=headers, **pool)


class Client:
    """Requests to one tenant with one API key, safe to share between threads."""

    def __init__(self, tenant: Tenant, key: ApiKey, settings: Settings | None = None) -> None:
        if tenant.scheme != "https" and not is_loopback(tenant.host):
            raise ValueError(f"{tenant.base_url}: Qlik Cloud is reached over HTTPS only")
        import urllib3
        from urllib3.util.retry import Retry

        self.tenant = tenant
        self.settings = settings or Settings()
        self._key = key
        self._retry = Retry(
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
        self._timeout = urllib3.Timeout(connect=self.settings.connect_timeout, read=self.settings.read_timeout)
        self._headers = {
            "Accept": "application/json",
            # gzip and deflate, and brotli or zstd when their decoders are installed (urllib3 decodes them)
            **urllib3.make_headers(accept_encoding=True),
            "User-Agent": f"mashup-gen/{__version__}",
        }
        self._pool: urllib3.PoolManager | None = None
        try:
            self._pool = _pool_manager(tenant, self.settings.pool_size)
        except (ImportError, ValueError, urllib3.exceptions.HTTPError):  # no PySocks, a malformed proxy URL
            pass  # each request says so, as an Unreachable

    def request(self, method: str, url: str, *, params: dict[str, str] | None = None, json: Any = None) -> Reply:
        """Send one request (retried as configured) and return the final reply, or raise :class:`Unreachable`."""
        if not url.startswith(self.tenant.base_url + "/"):
            raise ValueError(f"{url} is not on {self.tenant.base_url}: the key goes to its own tenant only")
        if self._pool is None:
            raise Unreachable(f"{self.tenant.base_url}: {PROXY_UNUSABLE}")
        from urllib3.exceptions import HTTPError

        where = self.tenant.base_url
        timeout = (self.settings.connect_timeout, self.settings.read_timeout)
        headers = {**self._headers, "Authorization": f"Bearer {self._key.reveal()}"}
        body = None
        if json is not None:
            body = jsonlib.dumps(json, allow_nan=False).encode()
            headers["Content-Type"] = "application/json"
        if params:
            url += ("&" if "?" in url else "?") + urlencode(params)
        try:
            # Redirects are not followed: the API never redirects, and the key must not follow one elsewhere.
            response = self._pool.urlopen(
                method, url, body=body, headers=headers, retries=self._retry, timeout=self._timeout, redirect=False
            )
        except (HTTPError, OSError) as exc:
            raise Unreachable(_describe(exc, where, timeout)) from None
        data = response.data
        try:
            decoded = jsonlib.loads(data) if data else None
        except ValueError:
            decoded = None
        return Reply(response.status, decoded, response.headers.get("Retry-After"))

    def get(self, url: str, params: dict[str, str] | None = None) -> Reply:
        """GET ``url``."""
        return self.request("GET", url, params=params)

    def close(self) -> None:
        """Close the connection pool."""
        if self._pool is not None:
            self._pool.clear()
