"""Settings written on a ``<qlik-embed>`` element under a name the package's loader does not read.

``@qlik/embed-web-components`` (1.6.0) takes an element's settings from its attributes, turning each kebab-case
name into its setting (``app-id`` -> ``appId``); the element has no properties of its own. HTML reads attribute
names in lower case, and React, Preact, Vue, Svelte and Angular set an unknown prop of a custom element as an
attribute (or as a property nobody reads), so ``appId="..."`` reaches the loader as ``appid``, which it hands
on under that name. Whether Qlik's runtime (loaded from the tenant, not published) still finds the value there
cannot be read here, so this is a warning: the documented form is kebab-case. ``@qlik/embed-react``'s
``<QlikEmbed appId=...>`` is a React component taking camelCase props, another element, and is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place

ATTRIBUTE_NAME = Rule(
    "embed-attribute-name",
    Severity.WARNING,
    "A <qlik-embed> element's setting is written run together or in camelCase (appId, objectId, sheetId, "
    "hostConfig): qlik-embed documents kebab-case attributes (app-id), its loader turns only those into settings "
    "(appId), and HTML hands it the name in lower case (appid): the element may never get the value.",
    'Write the setting in kebab-case as qlik.dev does: app-id="...", object-id="...", sheet-id="..." (in JSX and '
    'Vue too: <qlik-embed ui="analytics/chart" app-id={appId} object-id={objectId} />).',
)
RULES = (ATTRIBUTE_NAME,)

ELEMENT = "qlik-embed"
# The settings an element's attributes give (the package's own list, and qlik.dev's UIs' parameters that carry
# ids), by their name run together: what appId, AppId or appid are read as.
_SETTINGS = (
    "app-id",
    "object-id",
    "sheet-id",
    "host-config",
    "client-id",
    "auth-type",
    "redirect-uri",
    "web-integration-id",
    "access-token-storage",
    "auto-redirect",
    "login-uri",
    "embed-runtime-url",
    "get-access-token",
    "api-key",
    "clear-selections",
    "clear-state",
)
_RUN_TOGETHER = {name.replace("-", ""): name for name in _SETTINGS}
# How a template binds an attribute: Vue's :name / v-bind:name, Angular's [name] / [attr.name], Svelte's bind:.
_BINDING = re.compile(r"^(?:v-bind:|:|bind:|\[(?:attr\.)?)?([a-z]+)\]?$")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """A warning at each setting of a ``<qlik-embed>`` element (in a page, a component's template or JSX)
    whose name is a setting's run together."""
    for place, written, setting in _misnamed(project):
        yield at_place(
            ATTRIBUTE_NAME,
            place,
            f"{written} reaches qlik-embed's loader as {written.lower().strip(':[]')!r}, which is no setting of its: "
            f"write {setting}",
        )


def _misnamed(project: Project) -> Iterator[tuple[Place, str, str]]:
    for page in project.pages:
        text = page.file.text
        for tag in page.tags:
            if tag.name != ELEMENT:
                continue
            for key in tag.attributes:
                match = _BINDING.match(key)
                setting = _RUN_TOGETHER.get(match.group(1)) if match else None
                if setting is None:
                    continue
                # The name as written (the parser lowers it), for the message and the column.
                found = re.search(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", text[tag.start : tag.end], re.I)
                start = tag.start + (found.start() if found else 0)
                written = found.group() if found else key
                yield Place(page.file, start, start + len(written)), written, setting
    for unit in project.units:
        syntax = unit.syntax if "<qlik-embed" in unit.script.code else None
        if syntax is None or not syntax.has_jsx:
            continue
        for attribute in syntax.attributes:
            if attribute.element != ELEMENT:
                continue
            setting = _RUN_TOGETHER.get(attribute.name.lower())
            if setting is not None:
                yield Place(unit.file, attribute.start, attribute.end), attribute.name, setting
