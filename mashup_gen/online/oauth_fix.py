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
from dataclasses import dataclass, field
from typing import Any

from mashup_gen.check.findings import Finding
from mashup_gen.online import rules
from mashup_gen.online.apikey import ApiKey
from mashup_gen.online.client import Client, Reply, Settings, Unreachable
from mashup_gen.online.verify import OAuthFix

ATTEMPTS = 3
# The client's list fields and the fix's missing entries for each.
FIELDS = (("allowedOrigins", "missing_origins"), ("redirectUris", "missing_redirects"))


@dataclass
class OAuthFixOutcome:
    """The OAuth clients changed (their findings resolved) and findings for those that could not be."""

    done: list[OAuthFix] = field(default_factory=list)
    failures: list[Finding] = field(default_factory=list)

    @property
    def resolved(self) -> set[Finding]:
        """The findings the changes made resolve."""
        return {finding for fix in self.done for finding in fix.findings}


def _why(reply: Reply, action: str) -> str:
    if reply.status == 403:
        return f"{action} was refused (403): the API key's user needs the Tenant Admin role to change OAuth clients"
    if reply.status == 401:
        return f"{action} was refused (401): the tenant rejected the API key"
    if reply.status == 404:
        return f"{action} failed: the OAuth client no longer exists (404)"
    return f"{action} failed: the tenant answered {reply.error_text()}"


def _strings(body: Any, name: str) -> list[str]:
    values = body.get(name) if isinstance(body, dict) else None
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def fix_client(client: Client, fix: OAuthFix) -> Finding | None:
    """Add the fix's missing entries to its OAuth client; None when done and confirmed, else why not."""
    from mashup_gen.errors import ProjectError
    from mashup_gen.lock import shared_lock

    where = fix.findings[0].path if fix.findings else None
    label = f"OAuth client {fix.name!r} ({fix.client_id}) on {fix.tenant.value}"
    try:
        with shared_lock(f"oauth-client {fix.tenant.base_url} {fix.client_id}", label):
            failure = None
            for _attempt in range(ATTEMPTS):
                failure, undone = _add_missing(client, fix, where, label)
                if not undone:
                    break
            return failure
    except ProjectError as exc:
        return rules.OAUTH_FIX_FAILED.at(where, None, str(exc))


def _add_missing(client: Client, fix: OAuthFix, where: str | None, label: str) -> tuple[Finding | None, bool]:
    """One read, PATCH, read-back round: (None, False) when confirmed, else a finding and whether the change
    was made but did not hold (worth another round)."""
    url = client.tenant.oauth_client_url(fix.client_id)
    try:
        before = client.get(url)
        if not before.ok or not isinstance(before.body, dict):
            return rules.OAUTH_FIX_FAILED.at(where, None, f"{label}: {_why(before, 'reading it')}"), False
        wanted: dict[str, list[str]] = {}
        patch = []
        for name, missing in FIELDS:
            current = _strings(before.body, name)
            wanted[name] = current + [v for v in getattr(fix, missing) if v not in current]
            if wanted[name] != current:
                patch.append({"op": "replace", "path": f"/{name}", "value": wanted[name]})
        if patch:
            reply = client.request("PATCH", url, json=patch)
            if not reply.ok:
                return rules.OAUTH_FIX_FAILED.at(where, None, f"{label}: {_why(reply, 'the change')}"), False
        after = client.get(url)
    except Unreachable as exc:
        return rules.OAUTH_FIX_FAILED.at(where, None, f"{label}: {exc}"), False
    lost = [v for name, values in wanted.items() for v in values if not after.ok or v not in _strings(after.body, name)]
    if lost:
        message = f"{label}: reading it back after the change, {', '.join(lost)} is not there"
        return rules.OAUTH_FIX_FAILED.at(where, None, message), after.ok
    return None, False


def fix_oauth_clients(fixes: Iterable[OAuthFix], key: ApiKey, settings: Settings | None = None) -> OAuthFixOutcome:
    """Apply every OAuth client fix, one client at a time (one HTTP client per tenant)."""
    outcome = OAuthFixOutcome()
    clients: dict[object, Client] = {}
    try:
        for fix in fixes:
            client = clients.get(fix.tenant)
            if client is None:
                client = clients[fix.tenant] = Client(fix.tenant, key, settings)
            failure = fix_client(client, fix)
            if failure is None:
                outcome.done.append(fix)
            else:
                outcome.failures.append(failure)
    finally:
        for client in clients.values():
            client.close()
    return outcome
