"""Where a project's files name a tenant or a web integration id, read from their syntax trees
(:mod:`mashup_gen.source.places`): the spans ``adopt`` replaces with the new tenant and id.

Only literals are looked at: strings, the literal parts of template literals, HTML and JSX attribute values.
A URL in a comment, in markup text or split across code is never edited (it is prose, or computed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mashup_gen.source.places import Literal, Places, places
from mashup_gen.tenant import QLIKCLOUD_SUFFIX, default_port

# A URL and its host (an IPv6 literal too) and port.
_URL = re.compile(r"\b(https?|wss?)://(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d+))?(/[^\s\"'`<>\\]*)?")
# A host under qlikcloud.com written without a scheme, matched whole (x.acme... or acme....com.evil is another).
_QLIKCLOUD_HOST = re.compile(
    r"(?<![\w.*-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+" + re.escape(QLIKCLOUD_SUFFIX[1:]) + r")(?![\w-]|\.[a-z0-9])",
    re.I,
)
# Paths that make a URL on any host a Qlik tenant's (a client-managed server's or a loopback stand-in's).
_QLIK_PATH = re.compile(
    r"^/(?:resources/|qlik-embed/|api/v1/(?:users/me|csrf-token)|login\?qlik-web-integration-id)", re.I
)
_WHOLE_HOST = re.compile(r"[A-Za-z0-9.-]+|\[[0-9a-fA-F:.]+\]")
# Qlik's own hosts under qlikcloud.com that are nobody's tenant (the CDN qlik-embed loads its parts from).
NOT_TENANTS = frozenset({"cdn.qlikcloud.com", "www.qlikcloud.com"})

HEADER = "qlik-web-integration-id"
_ID_NAME = re.compile(r"(?i)^(?:web_?integration_?id|qlik_?web_?integration_?id)$")
_ID_ATTRIBUTES = frozenset({"data-web-integration-id", "web-integration-id", "webintegrationid"})
_ID_PARAM = re.compile(r"qlik-web-integration-id=([A-Za-z0-9_%-]*)")
# Calls that set a header: xhr.setRequestHeader(name, value), headers.set/append(name, value); "[]" is a
# header written as a pair in an array ([["qlik-web-integration-id", id]]).
_HEADER_CALLS = ("setRequestHeader", "set", "append", "[]")
# The keys of a capability API or qlik-embed config object besides its host: an object with one of them and a
# `host` is a config whose host is the tenant's even when it is not under qlikcloud.com.
_CONFIG_KEYS = frozenset({"prefix", "port", "isSecure", "webIntegrationId", "appId", "authType", "clientId"})
# Server template and framework expressions inside a value: its real value is known only when served.
_DYNAMIC = re.compile(r"\{\{|\{%|\{!!|<%|<\?|\$\{|#\{")


def is_dynamic(value: str) -> bool:
    """True when a value holds a template or framework expression (``{{ id }}``, ``<?= $id ?>``)."""
    return bool(_DYNAMIC.search(value))


@dataclass(frozen=True)
class HostMention:
    """A tenant host written in a literal: the span of the host (and port, when written)."""

    start: int
    end: int
    host: str  # lower case
    port: int | None  # None when only the host is written
    how: str  # "url" (scheme, host, port: the whole origin at ``origin_start``) or "host"
    origin_start: int  # where the URL's scheme starts ("url"); == start for "host"
    scheme: str = ""  # "http", "https", "ws" or "wss" for a URL


@dataclass(frozen=True)
class IdMention:
    """A web integration id written as a literal where an id goes."""

    start: int
    end: int
    value: str
    bare: bool = False  # an attribute value written without quotes: the new id is written quoted


@dataclass
class FileMentions:
    """The tenant hosts and web integration ids one file names (and the hosts its comments name)."""

    hosts: list[HostMention]
    ids: list[IdMention]
    in_comments: list[HostMention]


def file_mentions(name: str, text: str) -> FileMentions:
    """The tenant and id mentions of a file, read from its syntax trees (none for a file no grammar reads)."""
    return mentions_in(places(name, text))


def mentions_in(found: Places) -> FileMentions:
    """The tenant and id mentions among a file's places."""
    return FileMentions(list(host_mentions(found)), list(id_mentions(found)), list(comment_mentions(found)))


def comment_mentions(found: Places) -> Iterable[HostMention]:
    """Tenant hosts named in comments: prose that adopt leaves as written, but that ``regenerate`` would list
    as another tenant's."""
    text_of = found.text
    for start, end in found.comments:
        text = text_of[start:end]
        for m in _QLIKCLOUD_HOST.finditer(text):
            if m.group(1).lower() not in NOT_TENANTS:
                yield HostMention(start + m.start(1), start + m.end(1), m.group(1).lower(), None, "host", start)


def _config_hosts(found: Places) -> set[tuple[int, int]]:
    """Spans of the ``host`` values of config objects (a string, quotes included)."""
    keys: dict[tuple[int, int], set[str]] = {}
    for prop in found.properties:
        keys.setdefault((prop.object_start, prop.object_end), set()).add(prop.key)
    return {
        (p.start, p.end)
        for p in found.properties
        if p.key == "host" and keys[(p.object_start, p.object_end)] & _CONFIG_KEYS
    }


def _is_whole_host(literal: Literal, config_hosts: set[tuple[int, int]]) -> bool:
    """True when the literal is the whole value of a host setting: a config object's ``host``, a
    ``data-host`` attribute (qlik-embed's script tag), a ``host`` attribute or prop of a qlik-embed element."""
    if not literal.whole:
        return False
    if literal.kind in ("string", "template"):  # a template literal here is whole: `qlik.example.com`
        return literal.name == "host" and (literal.start - 1, literal.end + 1) in config_hosts
    if literal.kind == "attribute":
        return literal.name == "data-host" or (literal.name == "host" and "qlik" in literal.element)
    if literal.kind == "jsx-attribute":
        return literal.name == "host"
    return False


def host_mentions(found: Places) -> Iterable[HostMention]:
    """Every tenant host written in a literal: in a Qlik URL, as a qlikcloud.com host, or as a config's host."""
    config_hosts = _config_hosts(found)
    for literal in found.literals:
        raw = literal.raw
        whole = _is_whole_host(literal, config_hosts)
        if not (whole or "://" in raw or "qlikcloud" in raw.lower()):
            continue
        taken: list[tuple[int, int]] = []
        for m in _URL.finditer(raw):
            host, path = m.group(2), m.group(4) or ""
            if not (host.lower().endswith(QLIKCLOUD_SUFFIX) or _QLIK_PATH.match(path)):
                continue
            if host.lower() in NOT_TENANTS:
                continue
            scheme = m.group(1).lower()
            port = int(m.group(3)) if m.group(3) else default_port(scheme)
            start, end = literal.start + m.start(2), literal.start + (m.end(3) if m.group(3) else m.end(2))
            taken.append((start, end))
            yield HostMention(start, end, host.lower(), port, "url", literal.start + m.start(1), scheme)
        for m in _QLIKCLOUD_HOST.finditer(raw):
            start, end = literal.start + m.start(1), literal.start + m.end(1)
            if m.group(1).lower() in NOT_TENANTS or any(a <= start < b for a, b in taken):
                continue
            taken.append((start, end))
            yield HostMention(start, end, m.group(1).lower(), None, "host", start)
        if whole and "." in raw and _WHOLE_HOST.fullmatch(raw) and not taken:
            yield HostMention(literal.start, literal.end, raw.lower(), None, "host", literal.start)


def id_mentions(found: Places) -> Iterable[IdMention]:
    """Every web integration id written as a literal where one goes: a ``webIntegrationId`` property or
    variable, the ``qlik-web-integration-id`` header (an object's key or a ``setRequestHeader``/``set``
    argument), a ``(data-)web-integration-id`` attribute, or the ``qlik-web-integration-id=`` URL parameter."""
    literals = found.literals
    for index, literal in enumerate(literals):
        if _names_an_id(literal, literals[index - 1] if index else None):
            if not _DYNAMIC.search(literal.raw):  # a placeholder (<QLIK_WEB_INTEGRATION_ID>) is one to fill in
                yield IdMention(literal.start, literal.end, literal.raw, bare=not literal.quoted)
            continue
        if "qlik-web-integration-id=" in literal.raw:
            for m in _ID_PARAM.finditer(literal.raw):
                if m.group(1):
                    yield IdMention(literal.start + m.start(1), literal.start + m.end(1), m.group(1))


def _names_an_id(literal: Literal, previous: Literal | None) -> bool:
    if not literal.whole:
        return False
    name = literal.name
    if literal.kind == "attribute":
        return name in _ID_ATTRIBUTES
    if name in ("webIntegrationId", "web-integration-id") or name.lower() == HEADER or _ID_NAME.match(name):
        return True
    callee, _, position = name.rpartition("#")
    return (
        position == "1"
        and callee in _HEADER_CALLS
        and previous is not None
        and previous.name == f"{callee}#0"
        and previous.value.lower() == HEADER
    )
