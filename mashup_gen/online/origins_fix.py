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

from mashup_gen.checker.findings import Finding
from mashup_gen.online import rules
from mashup_gen.online.apikey import ApiKey
from mashup_gen.online.client import Client, Settings
from mashup_gen.online.list_fix import EntityKind, ListFixOutcome, ListTarget, fix_all, fix_entity
from mashup_gen.online.verify import OriginFix
from mashup_gen.tenant import Tenant

FIELD = "validOrigins"
WEB_INTEGRATION = EntityKind(
    "web integration", "web integrations", "web-integration", Tenant.web_integration_url, rules.FIX_FAILED
)
# What ``--fix-origins`` did: the fixes made (their ``online-origin-not-allowed`` findings resolved) and
# findings for those that failed.
FixOutcome = ListFixOutcome[OriginFix]


def fix_one(client: Client, fix: OriginFix) -> Finding | None:
    """Add ``fix.missing`` to its web integration; None when done and confirmed, else a finding saying why not.

    ``fix.current`` becomes the list as last read before the change.
    """
    target = ListTarget(fix.tenant, fix.integration_id, fix.name, {FIELD: fix.missing}, fix.findings)
    failure = fix_entity(client, WEB_INTEGRATION, target)
    fix.current = target.current.get(FIELD, fix.current)
    return failure


def fix_origins(fixes: Iterable[OriginFix], key: ApiKey, settings: Settings | None = None) -> FixOutcome:
    """Apply every fix, one web integration at a time (one client per tenant)."""
    # fix_one is looked up here, at call time, so a test can wrap it.
    return fix_all(fixes, lambda fix: fix.tenant, fix_one, key, settings)
