"""One project talks to one tenant: hosts scattered through hand-edited files are missed when it changes."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.facts.alternatives import chosen_at_run_time, stage_files
from mashup_gen.checker.facts.model import TenantMention
from mashup_gen.checker.facts.placeholders import is_placeholder_host
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place
from mashup_gen.tenant import is_loopback

MIXED = Rule(
    "tenant-mixed",
    Severity.ERROR,
    "The project refers to more than one Qlik Cloud tenant (resources, config, REST or login URLs).",
    "Point every file at the one tenant; `mashup-gen adopt --tenant HOST` rewrites them and records it.",
)
RULES = (MIXED,)


def _multi_tenant_servers(project: Project, mentions: list[TenantMention]) -> set[int]:
    """The files of server code (a Node server, a script) that themselves name two tenants or more: a tool that
    copies apps from one tenant to another, a backend serving several customers' tenants. Talking to several
    tenants is their purpose, not a page's sign-in gone astray."""
    servers = {id(u.file) for u in project.units if u.script.offset == 0 and not u.in_browser}
    hosts: dict[int, set[str]] = {}
    for m in mentions:
        if id(m.place.file) in servers:
            hosts.setdefault(id(m.place.file), set()).add(m.host)
    return {file for file, named in hosts.items() if len(named) > 1}


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """A finding at the first mention, per file, of every tenant other than the project's main one."""
    if project.record is not None:
        return  # the record names the tenant: drift reports every other one
    # Placeholders (your-tenant...) are the placeholder rule's; they are nobody's tenant.
    mentions = [m for m in facts.tenant_mentions if not is_loopback(m.host) and not is_placeholder_host(m.host)]
    mentions = [m for m in mentions if id(m.place.file) not in _multi_tenant_servers(project, mentions)]
    hosts = {m.host for m in mentions}
    tenant = facts.tenant
    if len(hosts) < 2 or tenant is None:
        return
    pairs = [(m.place, m.host) for m in mentions]
    chosen = chosen_at_run_time(facts, pairs) | stage_files(pairs, tenant.host)
    reported: set[tuple[str, str]] = set()
    for n, mention in enumerate(mentions):
        key = (mention.host, mention.place.display)
        if mention.host == tenant.host or key in reported or n in chosen:
            continue
        reported.add(key)
        others = ", ".join(sorted(hosts - {mention.host}))
        yield at_place(
            MIXED,
            mention.place,
            f"{mention.host} is another tenant than {tenant.host}, which the rest of the project uses "
            f"(tenants seen: {mention.host}, {others})",
            f"Use {tenant.host} here too, or re-target the whole project with `mashup-gen adopt`.",
        )
