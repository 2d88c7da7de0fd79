"""Capability API calls Qlik documents for client-managed Qlik Sense only: the Global API opened on its own
(``qlik.getGlobal``) and the app list (``qlik.getAppList``). On Qlik Cloud an engine session belongs to one app:
the Global API is the opened app's (``app.global``), and apps are listed by the REST API."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_token

GLOBAL_NO_CONFIG = Rule(
    "global-api-no-config",
    Severity.ERROR,
    "qlik.getGlobal() is called without a config: it opens its engine connection on the server the page came "
    "from, not the tenant, and Qlik Cloud has no Global API apart from an opened app anyway.",
    "Open the app with the tenant's config and take the Global API from it: "
    "var app = qlik.openApp('<app id>', config); var global = app.global;",
)
# A warning: Qlik documents these for client-managed Qlik Sense and the app's global for Qlik Cloud; what the
# tenant answers to a global connection is not documented.
CLIENT_MANAGED_GLOBAL = Rule(
    "global-api-client-managed",
    Severity.WARNING,
    "qlik.getGlobal(config) or qlik.getAppList(...): Qlik documents both for client-managed Qlik Sense; with Qlik "
    "Cloud an app must be opened first and the Global API taken from it (app.global), and apps are listed by "
    "the REST API.",
    "Use var global = qlik.openApp('<app id>', config).global; list apps with GET "
    "https://<tenant>/api/v1/items?resourceType=app (credentials 'include', header qlik-web-integration-id).",
)
RULES = (GLOBAL_NO_CONFIG, CLIENT_MANAGED_GLOBAL)
_CALLS = frozenset({"getGlobal", "getAppList"})


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per ``qlik.getGlobal`` / ``qlik.getAppList`` call of a mashup on the capability API."""
    if not facts.uses_capability_api:
        return
    for unit in project.units:
        script = unit.script
        for callee, paren in script.find_calls(_CALLS):
            path = script.callee_path(callee)
            # The capability API's module (qlik, window.qlik, this.qlik): not another library's getGlobal.
            if "." not in path or path.rsplit(".", 2)[-2].lower() != "qlik":
                continue
            name = script.text(callee)
            if name == "getGlobal" and not script.call_arguments(paren):
                yield at_token(
                    GLOBAL_NO_CONFIG, unit, callee, f"{path}() has no config: it connects to the page's server"
                )
            else:
                yield at_token(
                    CLIENT_MANAGED_GLOBAL, unit, callee, f"{path}(...) is documented for client-managed Qlik Sense"
                )
