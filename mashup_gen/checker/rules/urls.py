"""URLs to the tenant built by joining strings: a base ending in '/' and a path starting with '/' give
``https://<tenant>//api/v1/...``, a path the tenant does not serve."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.facts.patterns import URL
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.js import STRING, TEMPLATE
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place

DOUBLE_SLASH = Rule(
    "url-double-slash",
    Severity.ERROR,
    "A tenant URL ending in '/' is joined to a path starting with '/': the request goes to "
    "https://<tenant>//api/..., which the tenant does not serve.",
    "Drop one of the slashes: keep the tenant URL without a trailing slash (https://<tenant>) and paths with a "
    "leading one (/api/v1/...).",
)
DOUBLE_SCHEME = Rule(
    "url-double-scheme",
    Severity.ERROR,
    "A scheme (https://, wss://) is written before a value that already holds one (a tenant URL "
    "'https://<tenant>'): the request goes to https://https://<tenant>/..., which no server answers.",
    "Keep the host alone where a scheme is written before it (acme.eu.qlikcloud.com), or use the URL as it is "
    "(`${tenantUrl}/api/v1/...`; for the engine, tenantUrl.replace('https://', 'wss://')).",
)
RULES = (DOUBLE_SLASH, DOUBLE_SCHEME)
# A scheme right before an interpolated name (`https://${TENANT}`, `wss://${config.tenant}`).
_SCHEME_THEN_NAME = re.compile(r"(?i)\b((?:https?|wss?)://)\$\{\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?)\s*\}")
_SCHEME_ONLY = re.compile(r"(?i)^(?:https?|wss?)://$")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per join that doubles the slash, and per scheme written before a URL."""
    yield from _double_schemes(facts)
    for join in facts.double_slashes:
        joined = f" (joined at {join.used})" if join.used else ""
        yield at_place(
            DOUBLE_SLASH,
            join.place,
            f"{join.base!r} ends in '/' and {join.path!r}{joined} starts with one: the URL becomes "
            f"{join.base}{join.path}",
            f"Write {join.base.rstrip('/')!r} (no trailing slash), or {join.path.lstrip('/')!r} (no leading one).",
        )


def _double_schemes(facts: Facts) -> Iterator[Finding]:
    """A scheme written before a name whose value is a tenant URL with its own scheme: in a template literal
    (`https://${TENANT}/api/v1`) or a concatenation ('wss://' + config.tenant + '/app/')."""
    for unit, index, value in facts.strings:
        if "://" not in value:
            continue
        script = unit.script
        names: list[tuple[str, str]] = []  # (the scheme written, the name after it)
        if script.tokens[index].kind == TEMPLATE:
            names = [(m.group(1), m.group(2)) for m in _SCHEME_THEN_NAME.finditer(value)]
        elif _SCHEME_ONLY.match(value.strip()) and script.is_punct(index + 1, "+") and script.is_ident(index + 2):
            name = script.text(index + 2)
            if script.is_punct(index + 3, ".") and script.is_ident(index + 4) and not script.is_punct(index + 5, "("):
                name += "." + script.text(index + 4)
            if not script.is_punct(index + 3, ".") or "." in name:
                names = [(value.strip(), name)]
        for scheme, name in names:
            url = _tenant_url(facts, unit, name)
            if url is not None:
                yield at_place(
                    DOUBLE_SCHEME,
                    string_place(unit, index),
                    f"{name} is {url!r}, which already holds its scheme: the URL becomes {scheme}{url}...",
                )
                break


def _tenant_url(facts: Facts, unit: Unit, name: str) -> str | None:
    """The value of ``name`` (a variable, or ``object.key`` of an object literal) when it is a Qlik Cloud or the
    project's tenant URL written with its scheme."""
    variable, _, key = name.partition(".")
    entry = facts.declaration_of(unit, variable)
    if entry is None:
        return None
    owner, declared = entry
    script = owner.script
    start, end = declared
    if key:
        obj = script.object_at(start)
        prop = obj.get(key) if obj is not None else None
        if prop is None:
            return None
        start, end = prop.value_start, prop.value_end
    if end - start != 1 or script.tokens[start].kind not in (STRING, TEMPLATE):
        return _env_url(facts, owner, start, end)
    value = (script.string_value(start) or "").strip()
    m = URL.match(value)
    if m is None or "${" in value:
        return None
    host = m.group(2).lower()
    tenant = facts.tenant
    return value if host.endswith(".qlikcloud.com") or (tenant is not None and host == tenant.host) else None


# An environment variable read in code: process.env.QLIK_HOST, import.meta.env.VITE_TENANT_URL.
_ENV_READ = re.compile(r"^(?:process\.env|import\.meta\.env)\.([A-Za-z_]\w*)$")
_ENV_QLIK_NAME = re.compile(r"(?i)qlik|tenant")


def _env_url(facts: Facts, unit: Unit, start: int, end: int) -> str | None:
    """The tenant URL an environment variable holds when a declaration's value reads one (``const host =
    process.env.QLIK_HOST``) or names a declaration that does (``{ tenantUrl: TENANT_URL }``): the value every
    env file of the project (its .env.example too, which documents the form) gives it, when each writes it
    with its scheme (``QLIK_HOST=https://acme.us.qlikcloud.com``)."""
    script = unit.script
    text = script.span_text(start, end).strip()
    m = _ENV_READ.match(text)
    if m is None:
        if end - start == 1 and script.is_ident(start) and text not in ("undefined", "null"):
            entry = facts.declaration_of(unit, text)
            if entry is not None and entry[1] != (start, end):
                owner, (first, last) = entry
                if last - first == 5 or last - first == 7:  # process . env . X / import . meta . env . X
                    return _env_url(facts, owner, first, last)
        return None
    key = m.group(1)
    from mashup_gen.source.envfiles import entries

    values = [e.value.strip() for source in facts.project.env_files for e in entries(source.text) if e.key == key]
    values = [v for v in values if v]
    if not values:
        return None
    for value in values:
        found = URL.match(value)
        if found is None or "${" in value:
            return None
        host = found.group(2).lower()
        if not (host.endswith(".qlikcloud.com") or _ENV_QLIK_NAME.search(key)):
            return None
    return values[0]
