"""The stand-in tenant's OAuth2 authorization server, built to what @qlik/api 2.19.0 sends on the wire.

What @qlik/api 2.19.0 (npm, read in tests/node_modules/@qlik/api) does, and so what this server answers:

- In a browser the package does not run its own auth code: ``chunks/public-runtime-modules-*.js`` asks the
  tenant's runtime for the modules ``auth@v1``, ``qix@v1`` and ``invoke-fetch@v1``. ``chunks/dist-*.js``
  derives ``<embedRuntimeUrl|url|host>/qlik-embed/main.js`` from the host config (``https://`` prepended to
  a bare host), adds it as a classic ``<script>``, waits for ``window.QlikMain`` and calls
  ``QlikMain.import(name)``. In Node the same names are the package's own chunks (``auth-*.js``,
  ``qix-*.js`` whose export ``t`` is the module, ``invoke-fetch-*.js``); the stand-in runtime
  (:mod:`standin.runtime`) hands exactly those files to the browser.
- SPA sign-in (``authType: "oauth2"``, ``clientId``, optional ``redirectUri`` defaulting to the page's
  ``location.href``, ``scope`` defaulting to ``user_default``): a 128-character verifier and a 43-character
  state go to ``sessionStorage`` (``qlik-qmfe-api-<topic>-verifier|state|href`` and
  ``-client-in-progress``), then ``location.replace(<host>/oauth/authorize?code_challenge=...&
  code_challenge_method=S256&client_id=...&redirect_uri=...&response_type=code&scope=...&state=...)``
  (keys sorted, values NOT url-encoded by the package). On any page that loads the auth module the callback
  handler compares ``state``, stores ``code`` and ``location.replace``s to the saved ``href``; then
  ``POST <host>/oauth/token`` with ``content-type: application/json``, ``mode: cors``, ``credentials:
  include``, body ``{grant_type: "authorization_code", scope, code, redirect_uri, code_verifier,
  client_id}``. The answer is read as JSON: ``access_token``, ``refresh_token``; a body with ``errors``
  becomes an ``AuthorizationError``. The browser never refreshes: on a 401 it starts the full-page login
  again. Only a host config with ``clientSecret`` (Node) uses ``{grant_type: "refresh_token",
  refresh_token, client_secret}``.
- REST: ``Authorization: Bearer <access token>``, ``credentials: "omit"``.
- Engine: ``POST /oauth/token`` (JSON, credentials include) ``{subject_token, subject_token_type:
  "urn:ietf:params:oauth:token-type:access_token", grant_type:
  "urn:ietf:params:oauth:grant-type:token-exchange", purpose: "websocket", redirect_uri: location.href,
  client_id}``; a status other than 200 is an error built from the body's ``errors``; the answer's
  ``access_token`` goes on ``ws(s)://<host>/app/<appId>?reloadUri=<...>&accessToken=<token>`` (``purpose:
  "webresource"`` for images and the like).
- ``getAccessToken`` (a function, or the name of a global function) replaces the whole sign-in: its result
  is used as the access token, and on an authentication error the stored token is cleared and the call
  retried once. qlik-embed 1.6.0 passes ``data-get-access-token`` through as that name.
- Impersonation and client credentials (Node, with ``clientSecret``): ``{client_id, client_secret, scope,
  grant_type: "urn:qlik:oauth:user-impersonation", user_lookup: {field: "subject"|"userId", value}}``,
  else ``grant_type: "client_credentials"`` (the client's own bot user here). The page of an impersonating
  backend then exchanges the token from the browser with the web client's id and no secret (the subject
  token is the credential), so the exchange asks for none.

What the package surfaces (2.19.0): a host config without ``clientId`` throws ``InvalidHostConfigError``; a
failing code-for-token request (network, CORS, a non-JSON answer) is only logged with ``console.error`` and
the promise never settles, so the page waits for ever; an answer with ``errors`` becomes
``AuthorizationError(errors)``; a ``getAccessToken`` that throws gives the error title "Could not fetch access
token using custom function"; a 401 from REST restarts the full-page sign-in in a browser.

Qlik's exact error codes for the token endpoint are not published; this server answers ``{"errors":
[{code, title, status}]}`` (the shape the package parses) with codes of its own (``OAUTH-*``), and
``OAUTH-1`` with an HTML page, no redirect, for an unknown client or an unregistered redirect URI at
``/oauth/authorize``, as Qlik does.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

GRANT_AUTHORIZATION_CODE = "authorization_code"
GRANT_REFRESH_TOKEN = "refresh_token"
GRANT_TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
GRANT_IMPERSONATION = "urn:qlik:oauth:user-impersonation"
GRANT_CLIENT_CREDENTIALS = "client_credentials"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
#: Grants every client may use in the stand-in besides its own (SPA clients: code and exchange).
SPA_GRANTS = (GRANT_AUTHORIZATION_CODE, GRANT_REFRESH_TOKEN, GRANT_TOKEN_EXCHANGE)
#: Purposes a token exchange may name, and what the exchanged token is good for.
EXCHANGE_PURPOSES = ("websocket", "webresource")
DEFAULT_SUBJECT = "standin|default-user"


class OAuthError(Exception):
    """A refusal of the token endpoint: HTTP status, code and title."""

    def __init__(self, status: int, code: str, title: str) -> None:
        super().__init__(title)
        self.status = status
        self.code = code
        self.title = title


@dataclass
class OAuthClient:
    """An OAuth client as Qlik's oauth-clients API shows it; ``secret`` only for ``web`` clients."""

    client_id: str
    client_name: str
    app_type: str
    redirect_uris: list[str]
    allowed_origins: list[str]
    secret: str | None = None
    grants: list[str] = field(default_factory=list)
    scopes: list[str] = field(default_factory=lambda: ["user_default"])
    published: bool = True  # shared with the region's other tenants; a client works on its own tenant anyway

    @property
    def allowed_grants(self) -> list[str]:
        """The grants this client may use: a SPA's implied ones, plus those it was given."""
        base = list(SPA_GRANTS) if self.app_type == "spa" else [GRANT_REFRESH_TOKEN, GRANT_TOKEN_EXCHANGE]
        return base + [g for g in self.grants if g not in base]

    def to_json(self) -> dict[str, Any]:
        """The REST representation (never the secret)."""
        return {
            "clientId": self.client_id,
            "clientName": self.client_name,
            "appType": self.app_type,
            "redirectUris": list(self.redirect_uris),
            "allowedOrigins": list(self.allowed_origins),
            "allowedScopes": list(self.scopes),
            "allowedGrantTypes": list(self.grants),
            "status": "published" if self.published else "unpublished",
        }


@dataclass(frozen=True)
class User:
    """A user of the tenant: the identity provider's subject and Qlik's user id."""

    subject: str
    name: str
    user_id: str


@dataclass(frozen=True)
class IssuedToken:
    """A token the server issued: what it is for, whose it is, which client asked, until when."""

    value: str
    kind: str  # "access", "refresh", "websocket" or "webresource"
    client_id: str
    subject: str
    user_id: str
    grant: str
    scope: str
    expires_at: float

    def expired(self) -> bool:
        """Whether the token's lifetime is over."""
        return time.monotonic() >= self.expires_at


@dataclass(frozen=True)
class TokenRequest:
    """One request to ``/oauth/token`` (secret and tokens left out) and how it was answered."""

    grant_type: str
    client_id: str
    origin: str | None
    status: int
    error: str | None = None
    purpose: str | None = None
    subject: str | None = None


@dataclass
class _Code:
    client_id: str
    redirect_uri: str
    challenge: str
    scope: str
    user: User
    expires_at: float


def s256(verifier: str) -> str:
    """The PKCE S256 code challenge of ``verifier`` (base64url without padding)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class OAuthServer:
    """Clients, users, codes and tokens of the stand-in tenant; the HTTP side is :mod:`standin.oauth_http`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clients: dict[str, OAuthClient] = {}
        self.users: dict[str, User] = {}
        self._codes: dict[str, _Code] = {}
        self._tokens: dict[str, IssuedToken] = {}
        self._requests: list[TokenRequest] = []
        #: Lifetimes in seconds (tests shorten them).
        self.access_ttl = 3600.0
        self.exchange_ttl = 60.0
        self.code_ttl = 60.0
        self.refresh_ttl = 86400.0
        #: Whom the stand-in identity provider signs in at ``/oauth/authorize``.
        self.idp_subject = DEFAULT_SUBJECT
        self.add_user(DEFAULT_SUBJECT, name="Stand-in User")

    # -- registration ----------------------------------------------------------------------------------

    def add_client(
        self,
        client_id: str | None = None,
        *,
        app_type: str = "spa",
        redirect_uris: Iterable[str] = (),
        allowed_origins: Iterable[str] = (),
        secret: str | None = None,
        grants: Iterable[str] = (),
        scopes: Iterable[str] = ("user_default",),
        name: str | None = None,
        published: bool = True,
    ) -> OAuthClient:
        """Register a client (32 hex characters as id, as Qlik's); a ``web`` client gets a secret."""
        if app_type not in ("spa", "web", "native", "anonymous-embed"):
            raise ValueError(f"app_type {app_type!r}: expected spa, web, native or anonymous-embed")
        cid = client_id or secrets.token_hex(16)
        if app_type == "web" and secret is None:
            secret = secrets.token_urlsafe(32)
        client = OAuthClient(
            client_id=cid,
            client_name=name or f"standin-{cid[:6]}",
            app_type=app_type,
            redirect_uris=list(redirect_uris),
            allowed_origins=list(allowed_origins),
            secret=secret if app_type != "spa" else None,
            grants=list(grants),
            scopes=list(scopes),
            published=published,
        )
        with self._lock:
            self.clients[cid] = client
        return client

    def client(self, client_id: str | None) -> OAuthClient | None:
        """The registered client with this id, or None."""
        with self._lock:
            return self.clients.get(client_id) if client_id else None

    def add_user(self, subject: str, *, name: str | None = None, user_id: str | None = None) -> User:
        """Add a user known by ``subject`` (its Qlik user id is 24 hex characters unless given)."""
        user = User(subject=subject, name=name or subject, user_id=user_id or secrets.token_hex(12))
        with self._lock:
            self.users[subject] = user
        return user

    def find_user(self, field_name: str, value: object) -> User | None:
        """The user whose ``subject`` or ``userId`` is ``value``."""
        with self._lock:
            for user in self.users.values():
                if (field_name == "subject" and user.subject == value) or (
                    field_name == "userId" and user.user_id == value
                ):
                    return user
        return None

    def origin_allowed_anywhere(self, origin: str) -> bool:
        """Whether some client allows ``origin`` (what a preflight, which carries no token, can check)."""
        with self._lock:
            return any(origin in c.allowed_origins for c in self.clients.values())

    # -- introspection for tests -----------------------------------------------------------------------

    @property
    def token_requests(self) -> list[TokenRequest]:
        """Requests to ``/oauth/token``, oldest first."""
        with self._lock:
            return list(self._requests)

    def tokens_issued(self, kind: str | None = None) -> list[IssuedToken]:
        """Tokens issued so far (of one kind when given), oldest first."""
        with self._lock:
            return [t for t in self._tokens.values() if kind is None or t.kind == kind]

    def record(self, request: TokenRequest) -> None:
        """Keep one token request for the tests."""
        with self._lock:
            self._requests.append(request)

    # -- codes and tokens ------------------------------------------------------------------------------

    def new_code(self, client: OAuthClient, redirect_uri: str, challenge: str, scope: str, user: User) -> str:
        """Issue a single-use authorization code."""
        code = secrets.token_urlsafe(32)
        with self._lock:
            self._codes[code] = _Code(
                client.client_id, redirect_uri, challenge, scope, user, time.monotonic() + self.code_ttl
            )
        return code

    def _issue(self, kind: str, client_id: str, user: User, grant: str, scope: str, ttl: float) -> IssuedToken:
        token = IssuedToken(
            value=secrets.token_urlsafe(40),
            kind=kind,
            client_id=client_id,
            subject=user.subject,
            user_id=user.user_id,
            grant=grant,
            scope=scope,
            expires_at=time.monotonic() + ttl,
        )
        with self._lock:
            self._tokens[token.value] = token
        return token

    def valid_token(self, value: str | None, kind: str) -> IssuedToken | None:
        """The unexpired token ``value`` of ``kind``, or None."""
        with self._lock:
            token = self._tokens.get(value) if value else None
        if token is None or token.kind != kind or token.expired():
            return None
        return token

    def user_of(self, token: IssuedToken) -> User:
        """The user a token was issued for."""
        with self._lock:
            return self.users.get(token.subject) or User(token.subject, token.subject, token.user_id)

    def revoke_all(self) -> None:
        """Forget every token (as if all had expired)."""
        with self._lock:
            self._tokens.clear()

    def grant(self, body: dict[str, Any]) -> dict[str, Any]:
        """Answer a token request body; raises :class:`OAuthError`."""
        grant_type = body.get("grant_type")
        if grant_type == GRANT_AUTHORIZATION_CODE:
            return self._authorization_code(body)
        if grant_type == GRANT_TOKEN_EXCHANGE:
            return self._exchange(body)
        if grant_type == GRANT_IMPERSONATION:
            return self._impersonation(body)
        if grant_type == GRANT_REFRESH_TOKEN:
            return self._refresh(body)
        if grant_type == GRANT_CLIENT_CREDENTIALS:
            return self._client_credentials(body)
        raise OAuthError(400, "OAUTH-4", f"unsupported grant_type {grant_type!r}")

    def _client_for(self, body: dict[str, Any], grant_type: str) -> OAuthClient:
        client = self.client(body.get("client_id") if isinstance(body.get("client_id"), str) else None)
        if client is None:
            raise OAuthError(401, "OAUTH-2", "unknown client_id")
        # A token exchange comes from the browser (the subject token is the credential): no secret there.
        needs_secret = client.secret is not None and grant_type != GRANT_TOKEN_EXCHANGE
        if needs_secret and not secrets.compare_digest(str(body.get("client_secret") or ""), str(client.secret)):
            raise OAuthError(401, "OAUTH-3", "invalid client_secret")
        if grant_type not in client.allowed_grants:
            raise OAuthError(400, "OAUTH-5", f"grant_type {grant_type} is not allowed for this client")
        return client

    @staticmethod
    def _scope(client: OAuthClient, body: dict[str, Any]) -> str:
        """The requested scope (``user_default`` when none), each part allowed for the client."""
        scope = str(body.get("scope") or "user_default")
        unknown = [s for s in scope.split() if s not in client.scopes and s != "offline_access"]
        if unknown:
            raise OAuthError(400, "OAUTH-15", f"scope not allowed for this client: {' '.join(unknown)}")
        return scope

    def _tokens_for(self, client: OAuthClient, user: User, grant: str, scope: str) -> dict[str, Any]:
        access = self._issue("access", client.client_id, user, grant, scope, self.access_ttl)
        answer: dict[str, Any] = {
            "access_token": access.value,
            "token_type": "bearer",
            "expires_in": int(self.access_ttl),
            "scope": scope,
        }
        if "offline_access" in scope.split():
            answer["refresh_token"] = self._issue(
                "refresh", client.client_id, user, grant, scope, self.refresh_ttl
            ).value
        return answer

    def _authorization_code(self, body: dict[str, Any]) -> dict[str, Any]:
        client = self._client_for(body, GRANT_AUTHORIZATION_CODE)
        with self._lock:
            code = self._codes.pop(str(body.get("code") or ""), None)  # used once, even when refused below
        if code is None or code.client_id != client.client_id or time.monotonic() >= code.expires_at:
            raise OAuthError(400, "OAUTH-6", "invalid, expired or already used code")
        if body.get("redirect_uri") != code.redirect_uri:
            raise OAuthError(400, "OAUTH-7", "redirect_uri does not match the authorization request")
        verifier = body.get("code_verifier")
        if not isinstance(verifier, str) or not secrets.compare_digest(s256(verifier), code.challenge):
            raise OAuthError(400, "OAUTH-8", "code_verifier does not match the code_challenge")
        return self._tokens_for(client, code.user, GRANT_AUTHORIZATION_CODE, code.scope)

    def _exchange(self, body: dict[str, Any]) -> dict[str, Any]:
        client = self._client_for(body, GRANT_TOKEN_EXCHANGE)
        if body.get("subject_token_type") != ACCESS_TOKEN_TYPE:
            raise OAuthError(400, "OAUTH-9", "subject_token_type must be an access token")
        purpose = body.get("purpose")
        if purpose not in EXCHANGE_PURPOSES:
            raise OAuthError(400, "OAUTH-9", f"purpose must be one of {', '.join(EXCHANGE_PURPOSES)}")
        subject = self.valid_token(str(body.get("subject_token") or ""), "access")
        if subject is None or subject.client_id != client.client_id:
            raise OAuthError(401, "OAUTH-10", "subject_token is invalid or expired")
        token = self._issue(
            str(purpose),
            client.client_id,
            self.user_of(subject),
            GRANT_TOKEN_EXCHANGE,
            subject.scope,
            self.exchange_ttl,
        )
        return {
            "access_token": token.value,
            "token_type": "bearer",
            "expires_in": int(self.exchange_ttl),
            "issued_token_type": ACCESS_TOKEN_TYPE,
        }

    def _impersonation(self, body: dict[str, Any]) -> dict[str, Any]:
        client = self._client_for(body, GRANT_IMPERSONATION)
        if client.secret is None:
            raise OAuthError(400, "OAUTH-5", "user impersonation needs a confidential (web) client")
        lookup = body.get("user_lookup")
        if not isinstance(lookup, dict) or lookup.get("field") not in ("subject", "userId"):
            raise OAuthError(400, "OAUTH-11", "user_lookup must be {field: subject|userId, value}")
        user = self.find_user(str(lookup["field"]), lookup.get("value"))
        if user is None:
            raise OAuthError(400, "OAUTH-12", f"user not found ({lookup['field']})")
        return self._tokens_for(client, user, GRANT_IMPERSONATION, self._scope(client, body))

    def _client_credentials(self, body: dict[str, Any]) -> dict[str, Any]:
        client = self._client_for(body, GRANT_CLIENT_CREDENTIALS)
        if client.secret is None:
            raise OAuthError(400, "OAUTH-5", "client credentials need a confidential (web) client")
        # The client acts as its own bot user.
        subject = f"client|{client.client_id}"
        user = self.find_user("subject", subject) or self.add_user(subject, name=client.client_name)
        return self._tokens_for(client, user, GRANT_CLIENT_CREDENTIALS, self._scope(client, body))

    def _refresh(self, body: dict[str, Any]) -> dict[str, Any]:
        refresh = self.valid_token(str(body.get("refresh_token") or ""), "refresh")
        if refresh is None:
            raise OAuthError(400, "OAUTH-6", "invalid or expired refresh_token")
        client = self._client_for(
            {**body, "client_id": body.get("client_id") or refresh.client_id}, GRANT_REFRESH_TOKEN
        )
        if client.client_id != refresh.client_id:
            raise OAuthError(400, "OAUTH-6", "refresh_token belongs to another client")
        return self._tokens_for(client, self.user_of(refresh), GRANT_REFRESH_TOKEN, refresh.scope)
