"""``new --create-web-integration NAME``: create the project's web integration on its tenant.

``POST /api/v1/web-integrations {name, validOrigins}`` with the project's origins; the new id is then
wired into the project as if it had been given with ``--web-integration-id``.
"""

from __future__ import annotations

from collections.abc import Sequence

from mashup_gen.online.apikey import ApiKey
from mashup_gen.online.client import Client, Settings, Unreachable
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


def create_web_integration(
    tenant: Tenant, key: ApiKey, name: str, origins: Sequence[str], settings: Settings | None = None
) -> str:
    """Create a web integration allowing ``origins``; return its id or raise :class:`CreateFailed`."""
    if key.tenant is not None and key.tenant != tenant:
        raise CreateFailed(f"the API key ({key.source}) is for {key.tenant.value}, not {tenant.value}")
    client = Client(tenant, key, settings)
    try:
        reply = client.request("POST", tenant.web_integrations_url, json={"name": name, "validOrigins": list(origins)})
    except Unreachable as exc:
        raise CreateFailed(str(exc)) from None
    finally:
        client.close()
    if reply.status == 401:
        raise CreateFailed(f"{tenant.value} rejected the API key from {key.source} (401)")
    if reply.status == 403:
        raise CreateFailed(
            f"{tenant.value} refused (403): the API key's user needs the Tenant Admin role to create web integrations"
        )
    wid = reply.body.get("id") if reply.ok and isinstance(reply.body, dict) else None
    if not isinstance(wid, str) or not wid:
        raise CreateFailed(f"{tenant.value} answered {reply.error_text()} instead of the new web integration")
    return wid
