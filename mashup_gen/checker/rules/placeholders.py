"""Placeholders never filled in: a page whose tenant, web integration id, app id or client id is still
``your-tenant...``, ``<QLIK_WEB_INTEGRATION_ID>``, ``appId`` or empty cannot reach Qlik at all."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.facts.liveness import unused_module
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place

PLACEHOLDER = Rule(
    "placeholder",
    Severity.ERROR,
    "A tenant, web integration id, app id, client id or API key is a placeholder never filled in (your-tenant..., "
    "<QLIK_WEB_INTEGRATION_ID>, appId: 'appId', an empty host): the page cannot reach Qlik Cloud.",
    "Write the real value: the tenant host, the web integration id (Management Console > Integrations > Web), "
    "the app id (from the app's URL); `mashup-gen adopt --tenant ... --web-integration-id ... --app-id ...` "
    "writes them.",
)
RULES = (PLACEHOLDER,)

_FIXES = {
    "tenant": "Write the tenant's host (acme.eu.qlikcloud.com, say); `mashup-gen adopt --tenant HOST` writes it.",
    "web integration id": "Write the web integration id from Management Console > Integrations > Web; "
    "`mashup-gen adopt --web-integration-id ID` writes it.",
    "app id": "Write the app's id, from its URL in Qlik Cloud (…/sense/app/<id>/…); "
    "`mashup-gen adopt --app-id GUID` writes it.",
    "client id": "Write the OAuth client id from Management Console > OAuth.",
    "redirect URI": "Write the URL of the project's own page that completes the OAuth sign-in, exactly as the "
    "OAuth client in Management Console > OAuth lists it.",
    "JWT issuer or key id": "Write the issuer and key id exactly as the tenant's JWT identity provider lists them "
    "(Management Console > Identity providers).",
    "sheet or object id": "Write the sheet's or chart's id, from its URL in Qlik Cloud (…/sheet/<id>/…).",
    "API key": "Give the server or script an API key from the environment (Profile settings > API keys), never "
    "written in the code; a browser page signs users in instead (OAuth2 or the web integration's cookie).",
}


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per placeholder, naming its value."""
    units = {id(unit.file): unit for unit in project.units if unit.script.offset == 0}
    for placeholder in facts.placeholders:
        unit = units.get(id(placeholder.place.file))
        if unit is not None and unused_module(project, unit):
            continue  # a module the bundle does not hold (docs/snippet.js, config.example.js): never run
        shown = repr(placeholder.value) if placeholder.value.strip() else "empty"
        used = f" (used as {placeholder.used})" if placeholder.used else ""
        yield at_place(
            PLACEHOLDER,
            placeholder.place,
            f"the {placeholder.what} is {shown}, a placeholder never filled in{used}",
            _FIXES[placeholder.what],
        )
