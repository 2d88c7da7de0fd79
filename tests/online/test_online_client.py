"""The HTTP client: bounded retries with backoff on 429/5xx honouring Retry-After, timeouts, HTTPS rules,
proxies from the environment, and errors that never carry the key."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import urllib3.util.retry
from browser_support import closed_port
from online_support import KEY
from standin import Tenant

from mashup_gen.online.apikey import ApiKey
from mashup_gen.online.client import Client, Settings, Unreachable
from mashup_gen.tenant import Tenant as TenantUrl

ME = "/api/v1/users/me"


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits urllib3's Retry asks for, recorded instead of slept (no test waits on a clock)."""
    recorded: list[float] = []
    # Only urllib3's view of the time module: the stand-in's own slow paths must still sleep.
    clock = SimpleNamespace(sleep=recorded.append, time=time.time)
    monkeypatch.setattr(urllib3.util.retry, "time", clock)
    return recorded


def client_for(tenant: Tenant, **settings: float) -> Client:
    return Client(TenantUrl.parse(tenant.url), ApiKey(KEY, "test"), Settings(**settings))  # type: ignore[arg-type]


def test_sends_the_key_as_a_bearer_header_only(tenant: Tenant) -> None:
    reply = client_for(tenant).get(TenantUrl.parse(tenant.url).users_me_url)
    assert reply.status == 200 and reply.body["id"]
    (request,) = tenant.requests
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert KEY not in request.path + request.query


def test_netrc_does_not_replace_the_key(tenant: Tenant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password other\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    client_for(tenant).get(TenantUrl.parse(tenant.url).users_me_url)
    assert tenant.requests[-1].headers["authorization"] == f"Bearer {KEY}"


def test_429_is_retried_after_the_time_the_tenant_asks(tenant: Tenant, sleeps: list[float]) -> None:
    tenant.management.fail(ME, 429, times=2, retry_after="7")
    reply = client_for(tenant).get(TenantUrl.parse(tenant.url).users_me_url)
    assert reply.status == 200
    assert tenant.requested(ME) == 3
    assert sleeps == [7.0, 7.0]


def test_a_huge_retry_after_is_capped(tenant: Tenant, sleeps: list[float]) -> None:
    tenant.management.fail(ME, 503, times=1, retry_after="86400")
    assert client_for(tenant, max_retry_after=30).get(TenantUrl.parse(tenant.url).users_me_url).ok
    assert sleeps == [30.0]


def test_5xx_retries_are_bounded_with_growing_backoff(tenant: Tenant, sleeps: list[float]) -> None:
    tenant.management.fail(ME, 500)
    reply = client_for(tenant, retries=3, backoff=0.5).get(TenantUrl.parse(tenant.url).users_me_url)
    assert reply.status == 500 and reply.error_text().startswith("500 HTTP-500")
    assert tenant.requested(ME) == 4  # the first try and three retries
    assert len(sleeps) == 2 and 0 < sleeps[0] < sleeps[1]  # urllib3 retries the first at once, then backs off


def test_a_post_is_never_retried(tenant: Tenant, sleeps: list[float]) -> None:
    tenant.management.fail("/api/v1/web-integrations", 500, method="POST")
    url = TenantUrl.parse(tenant.url).web_integrations_url
    reply = client_for(tenant).request("POST", url, json={"name": "x", "validOrigins": []})
    assert reply.status == 500
    assert sum(1 for r in tenant.requests if r.method == "POST") == 1
    assert tenant.web_integrations() == {}


def test_a_slow_answer_within_the_read_timeout_is_waited_for(tenant: Tenant) -> None:
    tenant.management.slow(ME, 0.3, times=1)
    assert client_for(tenant, read_timeout=5).get(TenantUrl.parse(tenant.url).users_me_url).ok


def test_a_tenant_slower_than_the_read_timeout_is_unreachable(tenant: Tenant, sleeps: list[float]) -> None:
    tenant.management.slow(ME, 1.0)
    with pytest.raises(Unreachable, match=r"did not answer within 0\.2 s") as caught:
        client_for(tenant, read_timeout=0.2, retries=1).get(TenantUrl.parse(tenant.url).users_me_url)
    assert KEY not in str(caught.value)
    assert tenant.requested(ME) == 2  # one retry of a read timeout on a GET


def test_nothing_listening_is_unreachable_without_the_key() -> None:
    port = closed_port()
    client = Client(TenantUrl.parse(f"http://127.0.0.1:{port}"), ApiKey(KEY, "test"), Settings(retries=0))
    with pytest.raises(Unreachable, match="cannot connect") as caught:
        client.get(client.tenant.users_me_url)
    assert KEY not in str(caught.value) and caught.value.__cause__ is None and caught.value.__suppress_context__


def test_proxy_settings_come_from_the_environment(tenant: Tenant, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.delenv("no_proxy", raising=False)
    with pytest.raises(Unreachable):
        client_for(tenant, retries=0).get(TenantUrl.parse(tenant.url).users_me_url)
    assert tenant.requests == []
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert client_for(tenant, retries=0).get(TenantUrl.parse(tenant.url).users_me_url).ok


def test_redirects_are_not_followed(tenant: Tenant) -> None:
    tenant.override(ME, 302, "elsewhere")
    reply = client_for(tenant).get(TenantUrl.parse(tenant.url).users_me_url)
    assert reply.status == 302 and tenant.requested(ME) == 1


def test_plain_http_only_for_loopback_and_only_to_its_own_tenant(tenant: Tenant) -> None:
    with pytest.raises(ValueError, match="HTTPS only"):
        Client(TenantUrl("acme.eu.qlikcloud.com", "http", 80), ApiKey(KEY, "test"))
    with pytest.raises(ValueError, match="its own tenant"):
        client_for(tenant).get("https://elsewhere.example.com/api/v1/users/me")
    assert tenant.requests == []


def _tls(client: Client) -> dict[str, object]:
    """The certificate settings of the client's connection pools."""
    pool = client._pool
    assert pool is not None
    return {k: pool.connection_pool_kw.get(k) for k in ("cert_reqs", "ca_certs", "ca_cert_dir")}


def test_certificates_are_verified_against_certifi_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    import certifi

    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    client = Client(TenantUrl.parse("acme.eu.qlikcloud.com"), ApiKey(KEY, "test"))
    assert _tls(client) == {"cert_reqs": "CERT_REQUIRED", "ca_certs": certifi.where(), "ca_cert_dir": None}


def test_ca_bundle_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    client = Client(TenantUrl.parse("acme.eu.qlikcloud.com"), ApiKey(KEY, "test"))
    assert _tls(client) == {"cert_reqs": "CERT_REQUIRED", "ca_certs": str(bundle), "ca_cert_dir": None}
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    monkeypatch.setenv("CURL_CA_BUNDLE", str(tmp_path))  # a folder of certificates
    client = Client(TenantUrl.parse("acme.eu.qlikcloud.com"), ApiKey(KEY, "test"))
    assert _tls(client) == {"cert_reqs": "CERT_REQUIRED", "ca_certs": None, "ca_cert_dir": str(tmp_path)}


def test_a_bundle_trusting_nothing_is_a_tls_failure_without_the_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import socket

    bundle = tmp_path / "empty.pem"
    bundle.write_text("")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    with socket.create_server(("127.0.0.1", 0)) as server:  # the kernel completes the connection; TLS fails
        port = server.getsockname()[1]
        client = Client(TenantUrl("localhost", "https", port), ApiKey(KEY, "test"), Settings(retries=0))
        with pytest.raises(Unreachable) as caught:
            client.get(client.tenant.users_me_url)
    assert str(caught.value) == f"https://localhost:{port}: its TLS certificate could not be verified"


def test_a_proxy_with_credentials_gets_them_as_proxy_authorization(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://someone:s%20cret@proxy.example.com:3128")
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.delenv("no_proxy", raising=False)
    client = Client(TenantUrl.parse("acme.eu.qlikcloud.com"), ApiKey(KEY, "test"))
    pool = client._pool
    assert pool is not None and pool.proxy is not None and pool.proxy.host == "proxy.example.com"  # type: ignore[attr-defined]
    assert pool.proxy_headers == {"proxy-authorization": "Basic c29tZW9uZTpzIGNyZXQ="}  # type: ignore[attr-defined]


_PROXY_SETTINGS = [
    {},
    {"HTTPS_PROXY": "http://proxy.example.com:3128"},
    {"https_proxy": "proxy.example.com:3128", "NO_PROXY": "other.example.com"},
    {"HTTPS_PROXY": "http://proxy.example.com:3128", "NO_PROXY": ".qlikcloud.com"},
    {"ALL_PROXY": "socks5://proxy.example.com:1080"},
    {"HTTP_PROXY": "http://proxy.example.com:3128"},  # for http:// only
    {"NO_PROXY": "*"},
    {"no_proxy": "127.0.0.1", "HTTP_PROXY": "http://proxy.example.com:3128"},
]


@pytest.mark.parametrize("settings", _PROXY_SETTINGS)
@pytest.mark.parametrize("url", ["https://acme.eu.qlikcloud.com", "http://127.0.0.1:8080"])
def test_the_proxy_is_the_one_requests_would_choose(
    monkeypatch: pytest.MonkeyPatch, settings: dict[str, str], url: str
) -> None:
    from requests.utils import get_environ_proxies, select_proxy

    from mashup_gen.online.client import _environment_proxy

    for name in [name for name in os.environ if name.lower().endswith("_proxy")]:
        monkeypatch.delenv(name)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    assert _environment_proxy(url) == select_proxy(url, get_environ_proxies(url))


def test_requests_is_not_imported_when_the_environment_sets_no_proxy() -> None:
    code = (
        "import sys\n"
        "from mashup_gen.online.apikey import ApiKey\n"
        "from mashup_gen.online.client import Client\n"
        "from mashup_gen.tenant import Tenant\n"
        "client = Client(Tenant.parse('acme.eu.qlikcloud.com'), ApiKey('k', 'test'))\n"
        "print(client._pool is not None, 'requests' in sys.modules)\n"
    )
    env = {name: value for name, value in os.environ.items() if not name.lower().endswith("_proxy")}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "False"]


def test_parameters_join_a_query_the_url_already_has(tenant: Tenant) -> None:
    base = TenantUrl.parse(tenant.url)
    client_for(tenant).get(base.web_integrations_url + "?limit=2", {"next": "a b&c"})
    assert tenant.requests[-1].query == "limit=2&next=a+b%26c"


def test_the_environment_is_read_once_per_client(tenant: Tenant, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    client = client_for(tenant, retries=0)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("NO_PROXY", "")
    assert client.get(TenantUrl.parse(tenant.url).users_me_url).ok  # settings as they were when it was made


def test_timeout_from_the_environment() -> None:
    assert Settings.from_env({"MASHUP_GEN_HTTP_TIMEOUT": "2.5"}).read_timeout == 2.5
    assert Settings.from_env({"MASHUP_GEN_HTTP_TIMEOUT": "soon"}) == Settings()
    assert Settings.from_env({"MASHUP_GEN_HTTP_TIMEOUT": "-1"}) == Settings()
