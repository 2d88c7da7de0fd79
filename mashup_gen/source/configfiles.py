"""Settings in configuration files that are not code: JSON (``"TenantUrl": "..."``, ``appsettings.json``), YAML
(``tenant: ...``) and .NET's XML configuration (``Web.config``, ``App.config``: ``<add key="TenantUrl"
value="..." />`` under ``<appSettings>``). Each setting comes with the exact span of its value, so a finding
points at the line to change.

Read with patterns, not a parser: these files hold flat name/value settings, and a file that does not parse
must still be read (one broken line elsewhere does not make a placeholder right).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# .NET configuration: <add key="K" value="V" /> (either order, either quote, spaces around '=').
_XML_ADD = re.compile(r"""<add\b(?P<attrs>[^<>]*?)/?>""", re.I)
_XML_ATTR = re.compile(r"""\b(key|value)\s*=\s*(["'])(.*?)\2""", re.I | re.S)
# "key": "value" in JSON; key: value (optionally quoted) in YAML. Only single-line string values.
_JSON_ENTRY = re.compile(r""""([A-Za-z_][\w.-]*)"\s*:\s*"((?:[^"\\\n]|\\.)*)\"""")
_YAML_ENTRY = re.compile(
    r"""(?m)^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*:[ \t]+(["']?)([^"'\n#]*?)\2[ \t]*(?:#.*)?$"""
)
# Files meant to hold placeholders: examples and templates a developer copies and fills in.
# Java's .properties (Spring's application.properties): key=value, key: value or key value, one a line;
# # and ! start a comment. Continuation lines (a trailing backslash) are left unread: Qlik settings are short.
_PROPERTIES_ENTRY = re.compile(r"(?m)^[ \t]*([A-Za-z_][\w.\-\[\]]*)[ \t]*(?:[=:][ \t]*|[ \t]+)([^\n]*?)[ \t]*\r?$")
_TEMPLATE = re.compile(r"(?i)(?:^|[._-])(?:example|sample|template|dist)(?:[._-]|$)")
XML_CONFIG_SUFFIX = ".config"


@dataclass(frozen=True)
class Setting:
    """A name and its value in a configuration file, with the span of the value's text."""

    key: str
    value: str
    start: int
    end: int


def is_template(name: str) -> bool:
    """True for ``config.example.json``, ``settings.sample.yml``, ``Web.template.config``: placeholders there
    are expected."""
    return bool(_TEMPLATE.search(name))


def settings(name: str, text: str) -> list[Setting]:
    """The name/value settings of a configuration file, by its type (``.config`` XML, ``.json``, YAML, Java's
    ``.properties``)."""
    lower = name.lower()
    if lower.endswith(XML_CONFIG_SUFFIX):
        return _xml_settings(text)
    if lower.endswith(".json"):
        return [Setting(m.group(1), m.group(2), m.start(2), m.end(2)) for m in _JSON_ENTRY.finditer(text)]
    if lower.endswith(".properties"):
        return [Setting(m.group(1), m.group(2), m.start(2), m.end(2)) for m in _PROPERTIES_ENTRY.finditer(text)]
    if lower.endswith((".yml", ".yaml")):
        return [Setting(m.group(1), m.group(3), m.start(3), m.end(3)) for m in _YAML_ENTRY.finditer(text)]
    return []


def _xml_settings(text: str) -> list[Setting]:
    found = []
    for m in _XML_ADD.finditer(text):
        attrs = {a.group(1).lower(): a for a in _XML_ATTR.finditer(m.group("attrs"))}
        key, value = attrs.get("key"), attrs.get("value")
        if key is None or value is None:
            continue
        offset = m.start("attrs")
        found.append(Setting(key.group(3), value.group(3), offset + value.start(3), offset + value.end(3)))
    return found
