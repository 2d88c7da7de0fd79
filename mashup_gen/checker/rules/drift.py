"""A managed project (one with a record) must still point where its record says: a tenant or id edited
by hand in one file only is missed by everything else, and by the next ``regenerate``."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.answers import WEB_INTEGRATION_ID_KEY
from mashup_gen.checker.facts import Facts
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place
from mashup_gen.record import RECORD_NAME
from mashup_gen.tenant import is_loopback

RECORD_INVALID = Rule(
    "record-invalid",
    Severity.ERROR,
    f"The project record ({RECORD_NAME}) cannot be read.",
    f"Restore {RECORD_NAME} from version control (or delete it and run `mashup-gen adopt` again).",
)
TENANT = Rule(
    "drift-tenant",
    Severity.ERROR,
    "A file names another tenant than the project record: it was edited by hand in this file only.",
    "Change tenants with `mashup-gen regenerate --tenant HOST`, which updates every file and the record.",
)
WEB_INTEGRATION_ID = Rule(
    "drift-web-integration-id",
    Severity.ERROR,
    "A file uses another web integration id than the project record: it was edited by hand in this file only.",
    "Change ids with `mashup-gen regenerate --web-integration-id ID`, which updates every file and the record.",
)
RULES = (RECORD_INVALID, TENANT, WEB_INTEGRATION_ID)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Compare the tenant and id in the files with the record's."""
    if project.record_error is not None:
        where = project.found.display(project.root / RECORD_NAME)
        yield RECORD_INVALID.at(where, project.record_error_line, project.record_error)
        return
    record = project.record
    if record is None:
        return
    tenant = facts.tenant
    if tenant is not None:
        local_tenant = is_loopback(tenant.host)
        for mention in facts.tenant_mentions:
            if is_loopback(mention.host) and not local_tenant:
                continue  # the resources rules report Qlik Sense Desktop and local servers
            if mention.host == tenant.host and (mention.port is None or mention.port == tenant.port):
                continue
            written = mention.host + (f":{mention.port}" if mention.port not in (None, 443, 80) else "")
            yield at_place(
                TENANT,
                mention.place,
                f"{written} differs from the record's tenant {tenant.value}",
                f"Re-target with `mashup-gen regenerate --tenant {written}` if that is the tenant you want, or "
                f"write {tenant.host} here.",
            )
    expected = record.answers.get(WEB_INTEGRATION_ID_KEY)
    if isinstance(expected, str) and expected:
        for mention in facts.id_mentions:
            if mention.value != expected:
                yield at_place(
                    WEB_INTEGRATION_ID,
                    mention.place,
                    f"web integration id {mention.value!r} differs from the record's {expected!r}",
                    f"Re-target with `mashup-gen regenerate --web-integration-id {mention.value}` if that is the id "
                    f"you want, or write {expected!r} here.",
                )
