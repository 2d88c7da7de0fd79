"""A generated ``--auth impersonation`` qlik-embed project in headless Chromium: its backend (``node
server.mjs``, a subprocess on 127.0.0.1) serves the page and the token route; the page loads the real
@qlik/embed-web-components from npm, the stand-in tenant's runtime hands it @qlik/api's own modules.

The host config qlik-embed derives from the page (``data-get-access-token``) is given to @qlik/api's own qix
module, which asks the page's function for the token, exchanges it for the engine and opens the app: the
impersonation token of the dev user reaches the engine. Every response the browser receives is captured and
searched for the client secret.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import TIMEOUT_MS, fresh_context, launched_chromium
from playwright.sync_api import Browser, BrowserContext, Request, WebSocket
from standin import GRANT_IMPERSONATION, OAuthClient, StaticSite, Tenant

from tests.embed_browser_support import embed_network, mounted, open_app
from tests.embed_support import PACKAGE
from tests.impersonation_support import (
    APP_ID,
    DEV_SUBJECT,
    Backend,
    backend_env,
    free_port,
    generate_project,
    running_backend,
    web_client,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed"),
]

EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    if not (PACKAGE / "dist" / "index.js").is_file():
        pytest.skip("npm install --prefix tests has not been run")
    with launched_chromium() as chromium:
        yield chromium


@dataclass
class Received:
    """One response the browser received: its URL, request method, status, headers and body."""

    url: str
    method: str
    status: int
    headers: dict[str, str]
    body: bytes


class Captured:
    """Every response a browser context received, its body read as soon as it has arrived (Chromium drops the
    bodies of a document once the page leaves it), and every frame the engine's WebSocket sent."""

    def __init__(self, context: BrowserContext) -> None:
        self.items: list[Received] = []
        self.unreadable: list[str] = []  # responses that should have had a body but gave none
        context.on("requestfinished", self._finished)
        context.on("page", lambda page: page.on("websocket", self._watch))

    def _finished(self, request: Request) -> None:
        response = request.response()
        if response is None:
            return
        try:
            body = response.body()
        except Exception:  # a redirect has no body; anything else is noted, never silently skipped
            body = b""
            if not 300 <= response.status < 400:
                self.unreadable.append(response.url)
        self.items.append(Received(response.url, request.method, response.status, response.headers, body))

    def _watch(self, socket: WebSocket) -> None:
        def frame(payload: str | bytes) -> None:
            body = payload.encode() if isinstance(payload, str) else payload
            self.items.append(Received(socket.url, "WS", 101, {}, body))

        socket.on("framereceived", frame)

    def received(self) -> list[Received]:
        """Everything received so far; every body was read."""
        assert self.unreadable == [], f"bodies that could not be read: {self.unreadable}"
        return list(self.items)


def secret_leaks(received: list[Received], secret: str) -> list[str]:
    """The URLs of the responses that carry ``secret`` (in a header or the body)."""
    needle = secret.encode()
    return [r.url for r in received if needle in r.body or needle in json.dumps(r.headers).encode()]


def backend_tokens(received: list[Received]) -> list[str]:
    """The access tokens the token route handed to the browser."""
    return [
        json.loads(r.body)["access_token"]
        for r in received
        if r.url.endswith("/qlik/token") and r.method == "POST" and r.status == 200
    ]


@pytest.fixture
def tenant() -> Iterator[Tenant]:
    with Tenant(apps={APP_ID: []}) as t:
        yield t


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def client(tenant: Tenant, port: int) -> OAuthClient:
    tenant.add_user(DEV_SUBJECT, name="Alice")
    tenant.add_user("auth0|dev-bob", name="Bob")
    return web_client(tenant, [f"http://127.0.0.1:{port}"])


@pytest.fixture
def project(tmp_path: Path, tenant: Tenant, client: OAuthClient, port: int) -> Path:
    return generate_project(tmp_path / "portal", tenant.url, client.client_id, [f"http://127.0.0.1:{port}"])


@pytest.fixture
def backend(project: Path, port: int, client: OAuthClient) -> Iterator[Backend]:
    with running_backend(project, port, backend_env(str(client.secret))) as running:
        yield running


def test_the_dev_users_impersonation_token_reaches_the_engine_and_the_secret_never_the_browser(
    browser: Browser, tenant: Tenant, client: OAuthClient, backend: Backend, project: Path
) -> None:
    with fresh_context(browser, embed_network) as context:
        captured = Captured(context)
        page = context.new_page()
        seen = mounted(page, backend.url + "/")
        assert seen["refused"] == []
        (entry,) = seen["mounted"]
        config = entry["hostConfig"]
        assert (config["authType"], config["clientId"], config["getAccessToken"]) == (
            "Oauth2",
            client.client_id,
            "getQlikAccessToken",
        )
        # The tenant's runtime opens the element's app with qlik-embed's host config, as Qlik's does.
        page.wait_for_selector("[data-standin-engine='connected']", timeout=TIMEOUT_MS)
        result = open_app(page)
        received = captured.received()
    assert "error" not in result, result
    (token,) = backend_tokens(received)
    assert result["rows"] and result["user"] == "Alice"  # REST and the engine, as the dev user
    users_me = [r for r in tenant.requests if r.path == "/api/v1/users/me"]
    assert users_me and all(r.headers.get("authorization", "") == f"Bearer {token}" for r in users_me)
    assert tenant.requested("/oauth/authorize") == 0  # no sign-in trip: the backend's token
    (issued,) = [t for t in tenant.tokens_issued("access") if t.value == token]
    assert (issued.subject, issued.client_id, issued.grant) == (DEV_SUBJECT, client.client_id, GRANT_IMPERSONATION)
    ws_tokens = tenant.tokens_issued("websocket")
    assert ws_tokens and {(t.subject, t.client_id) for t in ws_tokens} == {(DEV_SUBJECT, client.client_id)}
    from_browser = [(r.grant_type, r.status) for r in tenant.token_requests if r.origin == backend.url]
    # The browser only exchanged tokens; impersonation came from the server.
    assert from_browser and set(from_browser) == {(EXCHANGE, 200)}
    assert len(received) >= 4 and any(r.url.endswith("/qlik/token") for r in received)
    assert any(r.method == "WS" for r in received)  # the engine's frames are searched too
    assert secret_leaks(received, str(client.secret)) == []
    for path in project.rglob("*"):
        if path.is_file():
            assert str(client.secret) not in path.read_text(encoding="utf-8"), path


def test_a_second_user_gets_a_token_of_their_own(
    browser: Browser, tenant: Tenant, client: OAuthClient, backend: Backend
) -> None:
    tokens = {}
    for subject in (DEV_SUBJECT, "auth0|dev-bob"):
        with fresh_context(browser, embed_network) as context:
            captured = Captured(context)
            page = context.new_page()
            # The dev stand-in for a session; it sends the browser on to the page (one document: its bodies stay).
            page.goto(f"{backend.url}/dev/sign-in?subject={subject}")
            assert page.url == backend.url + "/"
            mounted(page)
            assert "error" not in open_app(page)
            (tokens[subject],) = backend_tokens(captured.received())
    assert tokens[DEV_SUBJECT] != tokens["auth0|dev-bob"]
    subjects = {t.value: t.subject for t in tenant.tokens_issued("access")}
    assert {subject: subjects[token] for subject, token in tokens.items()} == {s: s for s in tokens}
    ws_subjects = sorted(t.subject for t in tenant.tokens_issued("websocket"))
    assert ws_subjects == sorted(tokens)


def test_a_page_on_another_origin_cannot_get_a_token(
    browser: Browser, tenant: Tenant, backend: Backend, tmp_path: Path
) -> None:
    """CSRF: a script on another site (with the header: refused at the preflight) and a plain form post."""
    other = tmp_path / "other"
    other.mkdir()
    form = f'<form id="f" method="POST" action="{backend.url}/qlik/token"><button>go</button></form>'
    (other / "index.html").write_text(f"<!doctype html><body>{form}</body>", encoding="utf-8")
    before = len(tenant.token_requests)
    with StaticSite(other, host="localhost") as site, fresh_context(browser, embed_network) as context:
        page = context.new_page()
        page.goto(site.url + "index.html")
        script = """async (url) => {
          try {
            const r = await fetch(url, { method: "POST", credentials: "include",
                                         headers: { "X-Qlik-Token-Request": "1" } });
            return "read " + r.status;
          } catch (error) { return "refused"; }
        }"""
        assert page.evaluate(script, backend.url + "/qlik/token") == "refused"
        with page.expect_navigation():
            page.click("#f button")
        assert "access_token" not in page.content()
        assert "not one of this project's origins" in page.content()
    assert len(tenant.token_requests) == before


def test_a_wrong_client_id_is_named_on_the_page(
    browser: Browser, tenant: Tenant, client: OAuthClient, tmp_path: Path, port: int
) -> None:
    """Mutation: the project's client id is not the client the secret belongs to: no token, the page says why."""
    wrong = generate_project(tmp_path / "wrong", tenant.url, "ab" * 16, [f"http://127.0.0.1:{port}"])
    with running_backend(wrong, port, backend_env(str(client.secret))) as backend:
        with fresh_context(browser, embed_network) as context:
            page = context.new_page()
            mounted(page, backend.url + "/")
            result = open_app(page)
            problem = page.locator("#sign-in-problem")
            problem.wait_for(state="visible", timeout=TIMEOUT_MS)
            text = problem.inner_text()
    assert "error" in result
    assert "unknown client_id" in text and "ab" * 16 in text
    assert tenant.tokens_issued("websocket") == []


def test_a_backend_sending_the_secret_to_the_browser_is_caught(
    browser: Browser, tenant: Tenant, client: OAuthClient, project: Path, port: int
) -> None:
    """Mutation: a backend that hands the secret out with the token fails the secrecy check."""
    server = project / "server.mjs"
    source = server.read_text(encoding="utf-8")
    leaky = source.replace(
        "{ access_token: token.accessToken, expires_in: expiresIn }",
        "{ access_token: token.accessToken, expires_in: expiresIn, client_secret: cache.secret }",
    )
    assert leaky != source
    server.write_text(leaky, encoding="utf-8")
    with running_backend(project, port, backend_env(str(client.secret))) as backend:
        with fresh_context(browser, embed_network) as context:
            captured = Captured(context)
            page = context.new_page()
            mounted(page, backend.url + "/")
            assert "error" not in open_app(page)
            received = captured.received()
    assert secret_leaks(received, str(client.secret)) == [backend.url + "/qlik/token"]


def test_served_without_its_backend_the_page_says_what_it_needs(browser: Browser, project: Path) -> None:
    """A static server (no token route): the page names the backend to run, it does not loop or go blank."""
    with StaticSite(project) as site, fresh_context(browser, embed_network) as context:
        page = context.new_page()
        mounted(page, site.url + "index.html")
        problem = page.locator("#sign-in-problem")
        problem.wait_for(state="visible", timeout=TIMEOUT_MS)
        assert "serve the page with its backend, node server.mjs" in problem.inner_text()
