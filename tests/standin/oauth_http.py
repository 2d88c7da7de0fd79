"""The HTTP side of the stand-in's OAuth2 server: ``/oauth/authorize``, ``/oauth/token``, Bearer tokens, CORS.

State and grants live in :mod:`standin.oauth`; the tenant's handler calls these functions.
"""

from __future__ import annotations

import html
import json
import secrets
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from standin.oauth import IssuedToken, OAuthClient, OAuthError, TokenRequest

if TYPE_CHECKING:
    from standin.server import _TenantHandler

#: Headers a browser may send cross-origin to /oauth/token and /api/v1/* with a token.
ALLOWED_HEADERS = "authorization, content-type, qlik-web-integration-id, qlik-csrf-token"
ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"


def cors_path(path: str) -> bool:
    """Paths where the OAuth clients' allowed origins open CORS."""
    return path == "/oauth/token" or path.startswith("/api/v1/")


def bearer(handler: _TenantHandler) -> IssuedToken | None:
    """The request's valid OAuth access token, or None (API keys are not OAuth tokens)."""
    scheme, _, value = (handler.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return handler.tenant.oauth.valid_token(value.strip(), "access")


def origin_ok(handler: _TenantHandler, client_id: str) -> bool:
    """A request without an Origin (a server) or from one of the client's allowed origins."""
    origin = handler.headers.get("Origin")
    if not origin or origin == handler.tenant.url:
        return True
    client = handler.tenant.oauth.client(client_id)
    return client is not None and origin in client.allowed_origins


def cors_headers(handler: _TenantHandler, client: OAuthClient | None) -> list[tuple[str, str]]:
    """CORS headers for an actual request made with ``client``: only its allowed origins get them."""
    origin = handler.headers.get("Origin")
    if not origin or client is None or origin not in client.allowed_origins:
        return []
    return [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "true"), ("Vary", "Origin")]


def preflight_headers(handler: _TenantHandler) -> list[tuple[str, str]]:
    """A preflight carries no token nor body: any client's allowed origin may proceed to the real request."""
    origin = handler.headers.get("Origin")
    if not origin or not handler.tenant.oauth.origin_allowed_anywhere(origin):
        return []
    return [
        ("Access-Control-Allow-Origin", origin),
        ("Access-Control-Allow-Credentials", "true"),
        ("Access-Control-Allow-Headers", ALLOWED_HEADERS),
        ("Access-Control-Allow-Methods", ALLOWED_METHODS),
        ("Access-Control-Max-Age", "5"),
    ]


def _error_page(handler: _TenantHandler, detail: str) -> None:
    """Qlik's own error page: the user stays on the tenant, nothing goes back to the redirect URI."""
    body = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Error</title></head><body>"
        "<h1>Something went wrong</h1>"
        f"<p id='error-code'>OAUTH-1</p><p id='error-detail'>{html.escape(detail)}</p>"
        "</body></html>"
    )
    handler._send(HTTPStatus.BAD_REQUEST, body.encode(), "text/html; charset=utf-8")


def _first(query: dict[str, list[str]], name: str) -> str:
    return (query.get(name) or [""])[0]


def authorize(handler: _TenantHandler, query: dict[str, list[str]]) -> None:
    """``GET /oauth/authorize``: sign the user in (stand-in IdP), then send code and state back."""
    tenant = handler.tenant
    client = tenant.oauth.client(_first(query, "client_id"))
    redirect_uri = _first(query, "redirect_uri")
    if client is None:
        _error_page(handler, "client_id is not a registered OAuth client")
        return
    if redirect_uri not in client.redirect_uris:
        _error_page(handler, f"redirect_uri is not registered for this client: {redirect_uri}")
        return
    state = _first(query, "state")

    def back(params: dict[str, str]) -> None:
        separator = "&" if urlsplit(redirect_uri).query else "?"
        handler._redirect(redirect_uri + separator + urlencode({**params, **({"state": state} if state else {})}))

    scope = _first(query, "scope") or "user_default"
    if _first(query, "response_type") != "code":
        back({"error": "unsupported_response_type", "error_description": "response_type must be code"})
        return
    challenge = _first(query, "code_challenge")
    if _first(query, "code_challenge_method") != "S256" or len(challenge) < 43:
        back({"error": "invalid_request", "error_description": "PKCE with code_challenge_method S256 is required"})
        return
    unknown = [s for s in scope.split() if s not in client.scopes and s != "offline_access"]
    if unknown:
        back({"error": "invalid_scope", "error_description": f"scope not allowed: {' '.join(unknown)}"})
        return
    session = handler._session()
    if session is None:
        # Sign in through the tenant's identity provider, then come back to this very request.
        login_state = secrets.token_urlsafe(16)
        with tenant._lock:
            tenant._pending_logins[login_state] = ("", tenant.url + handler.path)
        handler._redirect("/idp/authorize?" + urlencode({"state": login_state, "client_id": "standin"}))
        return
    subject = session.get("subject") or tenant.oauth.idp_subject
    user = tenant.oauth.find_user("subject", subject)
    if user is None:
        back({"error": "access_denied", "error_description": "user is not known to the tenant"})
        return
    back({"code": tenant.oauth.new_code(client, redirect_uri, challenge, scope, user)})


def token(handler: _TenantHandler) -> None:
    """``POST /oauth/token``: every grant @qlik/api and an impersonation backend use; JSON in, JSON out."""
    tenant = handler.tenant
    origin = handler.headers.get("Origin")
    try:
        body = handler._body_json()
    except ValueError:
        body = None
    content_type = (handler.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type != "application/json":
        body = None  # what @qlik/api sends, and all the stand-in takes: no form-encoded bodies
    if not isinstance(body, dict):
        tenant.oauth.record(TokenRequest("", "", origin, 400, "OAUTH-13"))
        handler._error(
            HTTPStatus.BAD_REQUEST, "OAUTH-13", "Body must be a JSON object (Content-Type: application/json)"
        )
        return
    grant_type = str(body.get("grant_type") or "")
    client_id = str(body.get("client_id") or "")
    purpose = body.get("purpose") if isinstance(body.get("purpose"), str) else None
    client = tenant.oauth.client(client_id)
    cors = cors_headers(handler, client)
    try:
        if client is not None and not origin_ok(handler, client_id):  # an unknown client: OAUTH-2 below
            raise OAuthError(HTTPStatus.FORBIDDEN, "OAUTH-14", f"origin {origin} is not allowed for this client")
        answer = tenant.oauth.grant(body)
    except OAuthError as exc:
        tenant.oauth.record(TokenRequest(grant_type, client_id, origin, exc.status, exc.code, purpose))
        handler._error(exc.status, exc.code, exc.title, cors)
        return
    issued = tenant.oauth.valid_token(answer["access_token"], purpose or "access")
    subject = issued.subject if issued else None
    tenant.oauth.record(TokenRequest(grant_type, client_id, origin, 200, None, purpose, subject))
    handler._send(HTTPStatus.OK, json.dumps(answer).encode(), "application/json; charset=utf-8", cors)


def rest_cors(handler: _TenantHandler) -> list[tuple[str, str]]:
    """CORS headers for a REST answer to a request carrying an OAuth token of a client allowing the origin."""
    if not (handler.headers.get("Authorization") or "").lower().startswith("bearer "):
        return []
    if handler.tenant.management._key_ok(handler):
        return []  # an API key is not for browsers
    token_ = bearer(handler)
    if token_ is not None:
        return cors_headers(handler, handler.tenant.oauth.client(token_.client_id))
    # An expired or unknown token: the page must be able to read the 401 to sign in again.
    origin = handler.headers.get("Origin")
    if origin and handler.tenant.oauth.origin_allowed_anywhere(origin):
        return [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "true")]
    return []


def rest_user(handler: _TenantHandler) -> dict[str, Any] | None:
    """The signed-in user of a REST request with a Bearer access token usable from its origin, or None."""
    token_ = bearer(handler)
    if token_ is None or not origin_ok(handler, token_.client_id):
        return None
    user = handler.tenant.oauth.user_of(token_)
    return {"id": user.user_id, "subject": user.subject, "name": user.name, "clientId": token_.client_id}
