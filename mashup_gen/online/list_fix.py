"""Add missing entries to list fields of a tenant entity (a web integration, an OAuth client), never dropping one.

Read the entity, ``PATCH`` a JSON Patch that replaces each list field with the list read plus the missing
entries (the API has no "add to list" operation; replacing with the whole list cannot half-apply), then read
it back to confirm every entry, old and new, is there. The lists are read right before the PATCH, so an
entry someone added since the check is kept too.

Two runs changing one entity at once could each replace the list the other just wrote: runs on this machine
take turns (a lock per entity), and a change that another writer undid between the PATCH and the read-back
is made again, a bounded number of times. :mod:`origins_fix` and :mod:`oauth_fix` say which entity and fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from mashup_gen.checker.findings import Finding, Rule
from mashup_gen.online.apikey import ApiKey
from mashup_gen.online.client import Client, Reply, Settings, Unreachable
from mashup_gen.tenant import Tenant

ATTEMPTS = 3
F = TypeVar("F")


@dataclass(frozen=True)
class EntityKind:
    """One kind of tenant entity whose list fields can be fixed, and how its failures are worded and filed."""

    noun: str  # "web integration", in messages
    plural: str  # "web integrations", in the 403 message
    lock_name: str  # "web-integration", the prefix of the shared lock's name
    url: Callable[[Tenant, str], str]  # the entity's API address from its id
    rule: Rule  # the rule a failure is reported under


@dataclass
class ListTarget:
    """One entity to change: where it is, the entries missing from each list field, and the findings they resolve.

    ``current`` is filled with each field's list as last read before the change.
    """

    tenant: Tenant
    entity_id: str
    name: str
    missing: dict[str, list[str]]
    findings: list[Finding]
    current: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ListFixOutcome(Generic[F]):
    """The fixes made (their findings resolved) and findings for those that could not be made."""

    done: list[F] = field(default_factory=list)
    failures: list[Finding] = field(default_factory=list)

    @property
    def resolved(self) -> set[Finding]:
        """The findings the fixes made resolve."""
        return {finding for fix in self.done for finding in fix.findings}  # type: ignore[attr-defined]


def _why(kind: EntityKind, reply: Reply, action: str) -> str:
    if reply.status == 403:
        return f"{action} was refused (403): the API key's user needs the Tenant Admin role to change {kind.plural}"
    if reply.status == 401:
        return f"{action} was refused (401): the tenant rejected the API key"
    if reply.status == 404:
        return f"{action} failed: the {kind.noun} no longer exists (404)"
    return f"{action} failed: the tenant answered {reply.error_text()}"


def _strings(body: Any, name: str) -> list[str]:
    values = body.get(name) if isinstance(body, dict) else None
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def fix_entity(client: Client, kind: EntityKind, target: ListTarget) -> Finding | None:
    """Add ``target.missing`` to its entity; None when done and confirmed, else a finding saying why not."""
    from mashup_gen.errors import ProjectError
    from mashup_gen.lock import shared_lock

    where = target.findings[0].path if target.findings else None
    label = f"{kind.noun} {target.name!r} ({target.entity_id}) on {target.tenant.value}"
    try:
        with shared_lock(f"{kind.lock_name} {target.tenant.base_url} {target.entity_id}", label):
            failure = None
            for _attempt in range(ATTEMPTS):
                failure, undone = _add_missing(client, kind, target, where, label)
                if not undone:
                    break
            return failure
    except ProjectError as exc:
        return kind.rule.at(where, None, str(exc))


def _add_missing(
    client: Client, kind: EntityKind, target: ListTarget, where: str | None, label: str
) -> tuple[Finding | None, bool]:
    """One read, PATCH, read-back round: (None, False) when confirmed, else a finding saying why not and
    whether the change was made but did not hold (another writer's list replaced it: worth another round)."""
    url = kind.url(target.tenant, target.entity_id)
    try:
        before = client.get(url)
        if not before.ok or not isinstance(before.body, dict):
            return kind.rule.at(where, None, f"{label}: {_why(kind, before, 'reading it')}"), False
        wanted: dict[str, list[str]] = {}
        patch = []
        for name, missing in target.missing.items():
            current = target.current[name] = _strings(before.body, name)
            wanted[name] = current + [v for v in missing if v not in current]
            if wanted[name] != current:
                patch.append({"op": "replace", "path": f"/{name}", "value": wanted[name]})
        if patch:
            reply = client.request("PATCH", url, json=patch)
            if not reply.ok:
                return kind.rule.at(where, None, f"{label}: {_why(kind, reply, 'the change')}"), False
        after = client.get(url)
    except Unreachable as exc:
        return kind.rule.at(where, None, f"{label}: {exc}"), False
    lost = [v for name, values in wanted.items() for v in values if not after.ok or v not in _strings(after.body, name)]
    if lost:
        message = f"{label}: reading it back after the change, {', '.join(lost)} is not there"
        return kind.rule.at(where, None, message), after.ok
    return None, False


def fix_all(
    fixes: Iterable[F],
    tenant_of: Callable[[F], Tenant],
    fix_one: Callable[[Client, F], Finding | None],
    key: ApiKey,
    settings: Settings | None = None,
) -> ListFixOutcome[F]:
    """Apply ``fix_one`` to every fix, one entity at a time, with one HTTP client per tenant (always closed)."""
    outcome: ListFixOutcome[F] = ListFixOutcome()
    clients: dict[Tenant, Client] = {}
    try:
        for fix in fixes:
            tenant = tenant_of(fix)
            client = clients.get(tenant)
            if client is None:
                client = clients[tenant] = Client(tenant, key, settings)
            failure = fix_one(client, fix)
            if failure is None:
                outcome.done.append(fix)
            else:
                outcome.failures.append(failure)
    finally:
        for client in clients.values():
            client.close()
    return outcome
