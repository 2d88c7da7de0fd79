"""Helpers for tests of the stand-in's OAuth2 server over plain HTTP: requests, the PKCE round trip, the engine
socket's handshake."""

from __future__ import annotations

import base64
import json
import secrets
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from standin import Tenant
from standin.oauth import s256


@dataclass
class Reply:
    """A response, redirects not followed."""

    status: int
    headers: Message
    body: bytes

    def json(self) -> Any:
        """Decode the body as JSON."""
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def request(url: str, *, method: str = "GET", headers: dict[str, str] | None = None, body: Any = None) -> Reply:
    """One request (JSON body when given), redirects not followed."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with _OPENER.open(req, timeout=5) as resp:
            return Reply(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as err:
        with err:
            return Reply(err.code, err.headers, err.read())


def verifier() -> str:
    """A PKCE verifier as @qlik/api makes one (128 characters)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(96)).decode().rstrip("=")[:128]


def authorize_url(tenant: Tenant, client_id: str, redirect_uri: str, code_verifier: str, state: str = "st") -> str:
    """The URL @qlik/api sends the browser to."""
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": "user_default",
        "state": state,
        "code_challenge": s256(code_verifier),
        "code_challenge_method": "S256",
    }
    return f"{tenant.url}/oauth/authorize?{urlencode(query)}"


def follow_to(url: str, stop_prefix: str, cookie: str = "") -> tuple[Reply, str, str]:
    """Follow redirects like a browser (keeping the tenant's session cookie) until one leaves for
    ``stop_prefix`` or a page answers; return (last reply, its Location or "", cookie)."""
    for _ in range(10):
        reply = request(url, headers={"Cookie": cookie} if cookie else None)
        set_cookie = reply.headers.get("Set-Cookie")
        if set_cookie:
            cookie = set_cookie.split(";", 1)[0]
        location = reply.headers.get("Location") or ""
        if reply.status != 302:
            return reply, "", cookie
        target = urljoin(url, location)
        if target.startswith(stop_prefix):
            return reply, target, cookie
        url = target
    raise AssertionError("too many redirects")


def code_from(location: str) -> tuple[str, str]:
    """The ``code`` and ``state`` a redirect back carries."""
    query = parse_qs(urlsplit(location).query)
    return (query.get("code") or [""])[0], (query.get("state") or [""])[0]


def sign_in(tenant: Tenant, client_id: str, redirect_uri: str, origin: str) -> dict[str, Any]:
    """The whole SPA round trip as @qlik/api does it; return the token answer (asserting success)."""
    code_verifier = verifier()
    _, location, _ = follow_to(authorize_url(tenant, client_id, redirect_uri, code_verifier), redirect_uri)
    code, _ = code_from(location)
    body = {
        "grant_type": "authorization_code",
        "scope": "user_default",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
        "client_id": client_id,
    }
    reply = request(f"{tenant.url}/oauth/token", method="POST", headers={"Origin": origin}, body=body)
    assert reply.status == 200, reply.body
    return reply.json()  # type: ignore[no-any-return]


def exchange(tenant: Tenant, client_id: str, access_token: str, origin: str, purpose: str = "websocket") -> Reply:
    """The token exchange @qlik/api makes before opening the engine socket."""
    body = {
        "subject_token": access_token,
        "subject_token_type": "urn:ietf:params:oauth:token-type:access_token",
        "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
        "purpose": purpose,
        "redirect_uri": origin + "/",
        "client_id": client_id,
    }
    return request(f"{tenant.url}/oauth/token", method="POST", headers={"Origin": origin}, body=body)


def socket_status(tenant: Tenant, target: str, origin: str | None) -> int:
    """The HTTP status the engine answers a WebSocket upgrade of ``target`` with (101 when it accepts)."""
    lines = [
        f"GET {target} HTTP/1.1",
        f"Host: 127.0.0.1:{tenant.port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {base64.b64encode(secrets.token_bytes(16)).decode()}",
        "Sec-WebSocket-Version: 13",
    ]
    if origin:
        lines.append(f"Origin: {origin}")
    with socket.create_connection(("127.0.0.1", tenant.port), timeout=5) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = sock.recv(4096).split(b"\r\n", 1)[0].decode()
    return int(head.split()[1])


def impersonate(tenant: Tenant, client_id: str, secret: str, subject: str, scope: str = "user_default") -> Reply:
    """What an impersonating backend asks: a token for the user known by ``subject`` (server side, no Origin)."""
    body = {
        "client_id": client_id,
        "client_secret": secret,
        "scope": scope,
        "grant_type": "urn:qlik:oauth:user-impersonation",
        "user_lookup": {"field": "subject", "value": subject},
    }
    return request(f"{tenant.url}/oauth/token", method="POST", body=body)
