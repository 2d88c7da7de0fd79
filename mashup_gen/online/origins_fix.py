"""``--fix-origins``: add the missing origins to a web integration, never dropping one it already has.

Read ``validOrigins``, PATCH ``[{"op": "replace", "path": "/validOrigins", "value": old + new}]`` (the API
has no "add to list" operation), then read again to confirm every origin, old and new, is there. The list
is read right before the PATCH, so an origin someone added since the check is kept too.

Two runs changing one web integration at once could each replace the list the other just wrote: runs on
this machine take turns (a lock per web integration), and a change that another writer undid between the
PATCH and the read-back is made again, a bounded number of times.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mashup_gen.check.findings import Finding
from mashup_gen.online import rules
from mashup_gen.online.apikey import ApiKey
from mashup_gen.online.client import Client, Reply, Settings, Unreachable
from mashup_gen.online.verify import OriginFix


@dataclass
class FixOutcome:
    """What ``--fix-origins`` did: the fixes made (their findings resolved) and findings for those that failed."""

    done: list[OriginFix] = field(default_factory=list)
    failures: list[Finding] = field(default_factory=list)

    @property
    def resolved(self) -> set[Finding]:
        """The ``online-origin-not-allowed`` findings the fixes made resolve."""
        return {finding for fix in self.done for finding in fix.findings}


def _why(reply: Reply, action: str) -> str:
    if reply.status == 403:
        return f"{action} was refused (403): the API key's user needs the Tenant Admin role to change web integrations"
    if reply.status == 401:
        return f"{action} was refused (401): the tenant rejected the API key"
    if reply.status == 404:
        return f"{action} failed: the web integration no longer exists (404)"
    return f"{action} failed: the tenant answered {reply.error_text()}"


ATTEMPTS = 3


def fix_one(client: Client, fix: OriginFix) -> Finding | None:
    """Add ``fix.missing`` to its web integration; None when done and confirmed, else a finding saying why not."""
    from mashup_gen.errors import ProjectError
    from mashup_gen.lock import shared_lock

    where = fix.findings[0].path if fix.findings else None
    label = f"web integration {fix.name!r} ({fix.integration_id}) on {fix.tenant.value}"
    try:
        with shared_lock(f"web-integration {fix.tenant.base_url} {fix.integration_id}", label):
            failure = None
            for _attempt in range(ATTEMPTS):
                failure, undone = _add_missing(client, fix, where, label)
                if not undone:
                    break
            return failure
    except ProjectError as exc:
        return rules.FIX_FAILED.at(where, None, str(exc))


def _add_missing(client: Client, fix: OriginFix, where: str | None, label: str) -> tuple[Finding | None, bool]:
    """One read, PATCH, read-back round: (None, False) when confirmed, else a finding saying why not and
    whether the change was made but did not hold (another writer's list replaced it: worth another round)."""
    url = client.tenant.web_integration_url(fix.integration_id)
    try:
        before = client.get(url)
        if not before.ok or not isinstance(before.body, dict):
            return rules.FIX_FAILED.at(where, None, f"{label}: {_why(before, 'reading it')}"), False
        current = [o for o in before.body.get("validOrigins") or [] if isinstance(o, str)]
        wanted = current + [o for o in fix.missing if o not in current]
        fix.current = current
        if wanted != current:
            patch = [{"op": "replace", "path": "/validOrigins", "value": wanted}]
            reply = client.request("PATCH", url, json=patch)
            if not reply.ok:
                return rules.FIX_FAILED.at(where, None, f"{label}: {_why(reply, 'the change')}"), False
        after = client.get(url)
    except Unreachable as exc:
        return rules.FIX_FAILED.at(where, None, f"{label}: {exc}"), False
    confirmed = after.body.get("validOrigins") if after.ok and isinstance(after.body, dict) else None
    if not isinstance(confirmed, list) or not set(wanted) <= set(confirmed):
        lost = [o for o in wanted if not isinstance(confirmed, list) or o not in confirmed]
        message = f"{label}: reading it back after the change, {', '.join(lost)} is not there"
        return rules.FIX_FAILED.at(where, None, message), after.ok
    return None, False


def fix_origins(fixes: Iterable[OriginFix], key: ApiKey, settings: Settings | None = None) -> FixOutcome:
    """Apply every fix, one web integration at a time (one client per tenant)."""
    outcome = FixOutcome()
    clients: dict[object, Client] = {}
    try:
        for fix in fixes:
            client = clients.get(fix.tenant)
            if client is None:
                client = clients[fix.tenant] = Client(fix.tenant, key, settings)
            failure = fix_one(client, fix)
            if failure is None:
                outcome.done.append(fix)
            else:
                outcome.failures.append(failure)
    finally:
        for client in clients.values():
            client.close()
    return outcome
