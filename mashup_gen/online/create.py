"""``new --create-web-integration NAME`` and ``new --create-oauth-client NAME``: create what the project
signs in with on its tenant.

``POST /api/v1/web-integrations {name, validOrigins}`` with the project's origins; ``POST
/api/v1/oauth-clients {clientName, appType, allowedOrigins, redirectUris, allowedScopes, allowedGrantTypes}``
with, for ``--auth oauth2``, a single-page-app client (``spa``) allowing the origins and the callback page on
each, and for ``--auth impersonation`` a confidential ``web`` client with the
``urn:qlik:oauth:user-impersonation`` grant allowing the origins. A client works on the tenant that created
it without being published (publishing only shares it with the region's other tenants), so it is not. The
new id is then wired into the project as if given with ``--web-integration-id`` / ``--client-id``. A web
client's secret is in the creation answer only (``clientSecret``): it is handed back to the caller to show
once, never stored, logged or put in an error message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mashup_gen.online.apikey import ApiKey
from mashup_gen.online.client import Client, Reply, Settings, Unreachable
from mashup_gen.tenant import Tenant

NAME_MAX = 256


class CreateFailed(Exception):
    """The web integration could not be created; the message says why (never the key)."""


def check_name(name: str) -> str:
    """A web integration name: non-empty text without control characters; raise ``ValueError`` otherwise."""
    value = name.strip()
    if not value or len(value) > NAME_MAX or any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError(f"expected a web integration name: 1 to {NAME_MAX} characters, no control characters")
    return value


def _post(tenant: Tenant, key: ApiKey, url: str, body: dict[str, Any], what: str, settings: Settings | None) -> Reply:
    """POST ``body`` once (never retried); raise :class:`CreateFailed` for a refused key or role."""
    if key.tenant is not None and key.tenant != tenant:
        raise CreateFailed(f"the API key ({key.source}) is for {key.tenant.value}, not {tenant.value}")
    client = Client(tenant, key, settings)
    try:
        reply = client.request("POST", url, json=body)
    except Unreachable as exc:
        raise CreateFailed(str(exc)) from None
    finally:
        client.close()
    if reply.status == 401:
        raise CreateFailed(f"{tenant.value} rejected the API key from {key.source} (401)")
    if reply.status == 403:
        raise CreateFailed(
            f"{tenant.value} refused (403): the API key's user needs the Tenant Admin role to create {what}"
        )
    return reply


def create_web_integration(
    tenant: Tenant, key: ApiKey, name: str, origins: Sequence[str], settings: Settings | None = None
) -> str:
    """Create a web integration allowing ``origins``; return its id or raise :class:`CreateFailed`."""
    body = {"name": name, "validOrigins": list(origins)}
    reply = _post(tenant, key, tenant.web_integrations_url, body, "web integrations", settings)
    wid = reply.body.get("id") if reply.ok and isinstance(reply.body, dict) else None
    if not isinstance(wid, str) or not wid:
        raise CreateFailed(f"{tenant.value} answered {reply.error_text()} instead of the new web integration")
    return wid


#: The grant a backend needs to ask tokens for its users.
IMPERSONATION_GRANT = "urn:qlik:oauth:user-impersonation"


@dataclass(frozen=True)
class CreatedClient:
    """A new OAuth client: its id and, for a web client, its secret (never in ``repr``)."""

    client_id: str
    app_type: str
    secret: str | None = field(default=None, repr=False)


def oauth_client_body(name: str, auth: str, origins: Sequence[str], redirect_uris: Sequence[str]) -> dict[str, Any]:
    """What to POST for a project signing in with ``auth`` (``oauth2`` or ``impersonation``)."""
    if auth == "oauth2":
        return {
            "clientName": name,
            "appType": "spa",
            "allowedOrigins": list(origins),
            "redirectUris": list(redirect_uris),
            "allowedScopes": ["user_default"],
        }
    if auth == "impersonation":
        return {
            "clientName": name,
            "appType": "web",
            "allowedOrigins": list(origins),
            "allowedGrantTypes": [IMPERSONATION_GRANT],
            "allowedScopes": ["user_default"],
        }
    raise ValueError(f"auth {auth!r}: an OAuth client serves oauth2 or impersonation")


def create_oauth_client(
    tenant: Tenant,
    key: ApiKey,
    name: str,
    auth: str,
    origins: Sequence[str],
    redirect_uris: Sequence[str] = (),
    settings: Settings | None = None,
) -> CreatedClient:
    """Create the OAuth client a project signing in with ``auth`` needs; raise :class:`CreateFailed`."""
    body = oauth_client_body(name, auth, origins, redirect_uris)
    reply = _post(tenant, key, tenant.api_url("/oauth-clients"), body, "OAuth clients", settings)
    answer = reply.body if reply.ok and isinstance(reply.body, dict) else {}
    client_id, secret = answer.get("clientId"), answer.get("clientSecret")
    if not isinstance(client_id, str) or not client_id:
        raise CreateFailed(f"{tenant.value} answered {reply.error_text()} instead of the new OAuth client")
    if body["appType"] == "web" and not (isinstance(secret, str) and secret):
        raise CreateFailed(
            f"{tenant.value} created OAuth client {client_id} but sent no client secret; create a new secret for it "
            "in Management Console > Settings > OAuth"
        )
    return CreatedClient(client_id, str(body["appType"]), secret if body["appType"] == "web" else None)
