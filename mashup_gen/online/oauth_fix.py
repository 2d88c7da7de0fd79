"""``--fix-origins`` for OAuth clients: add missing allowed origins and redirect URIs, never dropping one.

As for web integrations (:mod:`origins_fix`): read the client, ``PATCH`` a JSON Patch that replaces
``/allowedOrigins`` and ``/redirectUris`` with the lists read plus the missing entries (qlik-cli's
``oauth-client patch`` documents ``add``/``remove``/``replace`` on these paths; replace with the whole list
is the form that cannot half-apply), then read it back to confirm. Runs on this machine take turns per
client, and a change another writer undid between the PATCH and the read-back is made again, a bounded
number of times.
"""

from __future__ import annotations

from collections.abc import Iterable

from mashup_gen.checker.findings import Finding
from mashup_gen.online import rules
from mashup_gen.online.apikey import ApiKey
from mashup_gen.online.client import Client, Settings
from mashup_gen.online.list_fix import EntityKind, ListFixOutcome, ListTarget, fix_all, fix_entity
from mashup_gen.online.verify import OAuthFix
from mashup_gen.tenant import Tenant

OAUTH_CLIENT = EntityKind(
    "OAuth client", "OAuth clients", "oauth-client", Tenant.oauth_client_url, rules.OAUTH_FIX_FAILED
)
# The OAuth clients changed (their findings resolved) and findings for those that could not be.
OAuthFixOutcome = ListFixOutcome[OAuthFix]


def fix_client(client: Client, fix: OAuthFix) -> Finding | None:
    """Add the fix's missing entries to its OAuth client; None when done and confirmed, else why not."""
    missing = {"allowedOrigins": fix.missing_origins, "redirectUris": fix.missing_redirects}
    return fix_entity(client, OAUTH_CLIENT, ListTarget(fix.tenant, fix.client_id, fix.name, missing, fix.findings))


def fix_oauth_clients(fixes: Iterable[OAuthFix], key: ApiKey, settings: Settings | None = None) -> OAuthFixOutcome:
    """Apply every OAuth client fix, one client at a time (one HTTP client per tenant)."""
    # fix_client is looked up here, at call time, so a test can wrap it.
    return fix_all(fixes, lambda fix: fix.tenant, fix_client, key, settings)
