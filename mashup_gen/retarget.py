"""Finding the old tenant and the old web integration id in text, and replacing them where the meaning is certain.

Regeneration re-renders what the template wrote, but users also hard-code the tenant in files of their
own. After a tenant change no file should still point at the old one, so every text file is searched:

Replaced (the meaning is certain):
- a URL on the old tenant: ``https://OLD...``, ``wss://OLD...`` (the engine), ``//OLD...``; the port must be
  the old tenant's (a loopback test tenant is told apart from the page's own server by its port);
- the old host as a whole string: ``"OLD"``, ``'OLD'`` or ```OLD``` (such as the capability API's ``host``);
- the old web integration id as a whole string, or as the value of a ``qlik-web-integration-id=`` /
  ``webIntegrationId=`` URL parameter;
- the old app id wherever it stands whole (a GUID names one app and nothing else: ``openApp('ID')``,
  ``/sense/app/ID/...``, ``app-id="ID"``).

Reported, left as they are (ambiguous): any other mention of the old host (in prose, a comment, with an
unexpected port) or of the old id. Hosts match whole (``x.OLD`` or ``OLD.x`` is another host); a bare
loopback host without its port says nothing about which server is meant, so it is neither replaced nor
reported.

Separately, :func:`strays` finds what no re-target can decide: a Qlik Cloud tenant other than the project's
(someone "fixed" one file by hand), or a web integration id other than the project's written where the id
goes. Nothing says which of the two values the user meant, so these are reported, never replaced.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from mashup_gen.answers import WEB_INTEGRATION_ID_KEY
from mashup_gen.tenant import QLIKCLOUD_SUFFIX, Tenant, default_port, is_loopback, tenant_or_none

HOST = "tenant host"
WEB_INTEGRATION_ID = "web integration id"
CLIENT_ID = "OAuth client id"
APP_ID = "app id"

# A host under qlikcloud.com, matched whole (as the old host is, below).
_QLIKCLOUD_HOST = re.compile(
    rf"(?<![A-Za-z0-9.-])((?:[a-z0-9-]+\.)+{re.escape(QLIKCLOUD_SUFFIX[1:])})(?![A-Za-z0-9-]|\.[A-Za-z0-9-])",
    re.IGNORECASE,
)
# Hosts under qlikcloud.com that are Qlik's own sites, not tenants.
_NOT_TENANTS = frozenset({"www" + QLIKCLOUD_SUFFIX})
# A literal web integration id where one goes: a `webIntegrationId` property, a `qlik-web-integration-id`
# header or `(data-)web-integration-id` attribute (names are case-insensitive), or the URL parameter.
_ID_VALUE = re.compile(
    r"""(?:webIntegrationId|web-integration-id)['"`]?\]?\s*[:=,]\s*(['"`])(?P<id>[A-Za-z0-9_-]+)\1"""
    r"|[?&]qlik-web-integration-id=(?P<param>[A-Za-z0-9_-]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """An old value left in place because its meaning is not certain."""

    line: int  # 1-based
    what: str  # HOST or WEB_INTEGRATION_ID
    value: str
    text: str  # the line, stripped and shortened
    old: bool = True  # the value the project had before; False: another value altogether (see strays)
    settle: str = ""  # what is wrong and how to settle it, when the generic wording does not say it

    def describe(self) -> str:
        """``LINE: mentions the old tenant host X: <line>`` (or ``names another tenant host X``)."""
        if self.settle:
            return f"{self.line}: {self.settle}: {self.text}"
        how = "mentions the old" if self.old else "names another"
        return f"{self.line}: {how} {self.what} {self.value}: {self.text}"


@dataclass
class Retargeted:
    """A text after replacement: how many replacements were made, and what was left for a person to judge."""

    text: str
    replaced: int = 0
    mentions: list[Mention] = field(default_factory=list)
    # Each line a replacement was made on, as it was before, and how many were made on it.
    replaced_on: list[tuple[str, int]] = field(default_factory=list)


def _excerpt(line: str) -> str:
    text = line.strip()
    return text if len(text) <= 100 else text[:97] + "..."


class Retarget:
    """Replaces one old tenant and one old web integration id by new ones."""

    def __init__(
        self,
        old_tenant: Tenant | None,
        new_tenant: Tenant | None,
        old_id: str | None,
        new_id: str | None,
        old_client_id: str | None = None,
        new_client_id: str | None = None,
        old_app_id: str | None = None,
        new_app_id: str | None = None,
    ):
        self.old_tenant = old_tenant if old_tenant and new_tenant and old_tenant != new_tenant else None
        self.new_tenant = new_tenant
        # The ids that change, each (kind, old, new, pattern): the web integration id, and a qlik-embed
        # project's OAuth client id.
        self._ids: list[tuple[str, str, str, re.Pattern[str]]] = []
        changes = (
            (WEB_INTEGRATION_ID, old_id, new_id),
            (CLIENT_ID, old_client_id, new_client_id),
            (APP_ID, old_app_id, new_app_id),
        )
        for kind, old, new in changes:
            if old and new and old != new:
                pattern = re.compile(rf"(?<![A-Za-z0-9_-]){re.escape(old)}(?![A-Za-z0-9_-])")
                self._ids.append((kind, old, new, pattern))
        self._host_re: re.Pattern[str] | None = None
        if self.old_tenant is not None:
            host = re.escape(self.old_tenant.url_host)
            # A host ends where a host name cannot go on: "acme.eu.qlikcloud.com." ends a sentence, but
            # "acme.eu.qlikcloud.com.evil" and "x.acme.eu.qlikcloud.com" are other hosts.
            self._host_re = re.compile(
                r"(?P<scheme>\b(?:https?|wss?):)?(?P<slashes>//)?"
                rf"(?<![A-Za-z0-9.-]){host}(?![A-Za-z0-9-]|\.[A-Za-z0-9-])"
                r"(?::(?P<port>\d+))?",
                re.IGNORECASE,
            )
        # Every old value and where to look for it (the host in the lowered text, as apply() compares it),
        # for finding the lines that hold one: those are all apply() can change.
        self._needles = [(old, False) for _, old, _, _ in self._ids]
        if self.old_tenant is not None:
            self._needles.append((self.old_tenant.host, True))
        # The capability API's config object holds the port and isSecure as plain values. Every Qlik Cloud
        # tenant is https on 443, so these change only between loopback test tenants; then the old values
        # in a `port:` / `isSecure:` property are certain to mean the tenant.
        self._config: list[tuple[re.Pattern[str], str]] = []
        old_t, new_t = self.old_tenant, self.new_tenant
        if old_t is not None and new_t is not None:
            if old_t.port != new_t.port:
                self._config.append((re.compile(rf"(\bport\s*:\s*['\"]?){old_t.port}\b"), str(new_t.port)))
            if old_t.is_secure != new_t.is_secure:
                old_secure, new_secure = str(old_t.is_secure).lower(), str(new_t.is_secure).lower()
                self._config.append((re.compile(rf"(\bisSecure\s*:\s*){old_secure}\b"), new_secure))

    @classmethod
    def between(cls, old: dict[str, Any], new: dict[str, Any]) -> Retarget:
        """From the recorded answers to the target answers (``tenant``, ``web_integration_id``, ``client_id``,
        ``app_id``)."""

        def text(answers: dict[str, Any], key: str) -> str | None:
            value = answers.get(key)
            return value if isinstance(value, str) else None

        return cls(
            tenant_or_none(old.get("tenant")),
            tenant_or_none(new.get("tenant")),
            text(old, WEB_INTEGRATION_ID_KEY),
            text(new, WEB_INTEGRATION_ID_KEY),
            text(old, "client_id"),
            text(new, "client_id"),
            text(old, "app_id"),
            text(new, "app_id"),
        )

    @property
    def active(self) -> bool:
        """False when neither value changed (nothing to look for)."""
        return self._host_re is not None or bool(self._ids)

    def may_mention(self, data: bytes) -> bool:
        """A fast test on raw bytes: can this file mention an old value at all?"""
        if self.old_tenant is not None and self.old_tenant.host.encode() in data.lower():
            return True
        return any(old.encode() in data for _, old, _, _ in self._ids)

    def apply(self, text: str, keep: Collection[str] = ()) -> Retargeted:
        """Replace the old values in ``text``; lines found in ``keep`` (the template's own output) are left alone."""
        result = Retargeted(text)
        if not self.active:
            return result
        lines = text.splitlines(keepends=True)
        host = self.old_tenant.host if self.old_tenant else None
        for index in self._lines_to_visit(text, lines):
            number, line = index + 1, lines[index]
            if line in keep:
                continue
            before, replaced_before = line, result.replaced
            if host is not None and self._host_re is not None and host in line.lower():
                line = self._host_re.sub(lambda m, n=number, s=line: self._host(m, n, s, result), line)
            for kind, old, new, pattern in self._ids:
                if old in line:
                    line = pattern.sub(
                        lambda m, n=number, s=line, i=(kind, old, new): self._id(m, n, s, i, result), line
                    )
            for pattern, value in self._config:
                line, count = pattern.subn(lambda m, v=value: m.group(1) + v, line)
                result.replaced += count
            lines[number - 1] = line
            if result.replaced > replaced_before:
                result.replaced_on.append((before, result.replaced - replaced_before))
        if result.replaced:
            result.text = "".join(lines)
        return result

    def _lines_to_visit(self, text: str, lines: list[str]) -> Iterable[int]:
        """The indices of the lines :meth:`apply` must look at: those holding an old value (found by one search
        of the whole text), or every line when a config property may change too."""
        lower = text.lower()
        if self._config or len(lower) != len(text):
            return range(len(lines))  # (a case mapping that changes lengths would shift the offsets)
        offsets = []
        for needle, in_lower in self._needles:
            haystack = lower if in_lower else text
            at = haystack.find(needle)
            while at >= 0:
                offsets.append(at)
                at = haystack.find(needle, at + 1)
        if not offsets:
            return ()
        starts = list(itertools.accumulate(map(len, lines), initial=0))
        return sorted({bisect.bisect_right(starts, offset) - 1 for offset in offsets})

    def _host(self, match: re.Match[str], number: int, line: str, result: Retargeted) -> str:
        old, new = self.old_tenant, self.new_tenant
        assert old is not None and new is not None
        scheme = (match.group("scheme") or "").rstrip(":").lower()
        slashes = match.group("slashes")
        port = match.group("port")
        if slashes and (scheme or self._url_start(line, match.start())):
            effective = int(port) if port else (default_port(scheme) if scheme else old.port)
            same_server = effective == old.port or (not port and not is_loopback(old.host))
            if same_server:
                result.replaced += 1
                return self._new_url(scheme)
        elif not scheme and not slashes and not port and not is_loopback(old.host) and _quoted(line, match):
            result.replaced += 1
            return new.host
        if is_loopback(old.host):
            return match.group(0)  # another server on the same machine, or a bare loopback host
        result.mentions.append(Mention(number, HOST, old.host, _excerpt(line)))
        return match.group(0)

    @staticmethod
    def _url_start(line: str, start: int) -> bool:
        # "//host" without a scheme is a protocol-relative URL only where a URL can begin.
        return start == 0 or line[start - 1] in "\"'`( =\t"

    def _new_url(self, scheme: str) -> str:
        new = self.new_tenant
        assert new is not None
        if scheme in ("ws", "wss"):
            ws = "wss" if new.is_secure else "ws"
            suffix = "" if new.port == default_port(ws) else f":{new.port}"
            return f"{ws}://{new.url_host}{suffix}"
        if not scheme:
            return new.base_url.split(":", 1)[1]  # keep it protocol-relative
        return new.base_url

    @staticmethod
    def _id(match: re.Match[str], number: int, line: str, which: tuple[str, str, str], result: Retargeted) -> str:
        kind, old, new = which
        before = line[: match.start()]
        parameter = kind == WEB_INTEGRATION_ID and re.search(
            r"(?:qlik-web-integration-id|webIntegrationId)=$", before, re.I
        )
        if kind == APP_ID or _quoted(line, match) or parameter:
            result.replaced += 1
            return new
        result.mentions.append(Mention(number, kind, old, _excerpt(line)))
        return match.group(0)


def _quoted(line: str, match: re.Match[str]) -> bool:
    """True when the match is a whole string literal: the same quote right before and right after it."""
    start, end = match.start(), match.end()
    if start == 0 or end >= len(line):
        return False
    quote = line[start - 1]
    return quote in "\"'`" and line[end] == quote


_SUFFIX_NEEDLE = re.compile(re.escape(QLIKCLOUD_SUFFIX[1:]), re.IGNORECASE)
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


def _qlikcloud_hosts(text: str) -> Iterator[re.Match[str]]:
    """What ``_QLIKCLOUD_HOST.finditer(text)`` finds, found fast: a host can only start where a run of host
    characters starts (the look-behind), so the pattern is tried once per run that holds the suffix instead
    of at every position of the text. Text that is not ASCII is searched whole: the pattern ignores case the
    Unicode way (U+0130 matches "i"), which the ASCII host characters below do not."""
    if not text.isascii():
        yield from _QLIKCLOUD_HOST.finditer(text)
        return
    position = 0
    for needle in _SUFFIX_NEEDLE.finditer(text):
        if needle.start() < position:
            continue  # in a run already tried
        start = needle.start()
        while start > 0 and text[start - 1] in _HOST_CHARS:
            start -= 1
        end = needle.end()
        while end < len(text) and text[end] in _HOST_CHARS:
            end += 1
        position = end
        match = _QLIKCLOUD_HOST.match(text, start)
        if match is not None:
            yield match


# Every form _ID_VALUE finds holds "integration" this many characters after the match's start:
# "webIntegrationId", "web-integration-id", "?qlik-web-integration-id=".
_ID_VALUE_OFFSETS = (3, 4, 10)


def _id_values(text: str) -> Iterator[re.Match[str]]:
    """What ``_ID_VALUE.finditer(text)`` finds, found fast: the pattern is tried only where a form it knows
    would start, before each "integration" (ASCII text, where lower-casing is exact; any other is searched
    whole)."""
    if not text.isascii():
        yield from _ID_VALUE.finditer(text)
        return
    lower = text.lower()
    position = 0
    at = lower.find("integration")
    while at >= 0:
        for start in sorted({at - offset for offset in _ID_VALUE_OFFSETS if at - offset >= position}):
            match = _ID_VALUE.match(text, start)
            if match is not None:
                yield match
                position = match.end()
                break
        at = lower.find("integration", max(at + 1, position))


def may_stray(data: bytes) -> bool:
    """A fast test on raw bytes: can :func:`strays` find anything in this file at all?"""
    lower = data.lower()
    return QLIKCLOUD_SUFFIX.encode() in lower or b"integration" in lower


def strays(text: str, tenant: Tenant | None, web_integration_id: str | None) -> list[Mention]:
    """Lines naming a Qlik Cloud tenant other than ``tenant``, or a web integration id other than the given one.

    ``None`` for either value skips that search (a project that does not record it). In file order.
    """
    found: list[tuple[int, Mention]] = []

    def mention(start: int, what: str, value: str) -> None:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start : None if line_end < 0 else line_end]
        number = text.count("\n", 0, start) + 1
        found.append((start, Mention(number, what, value, _excerpt(line), old=False)))

    if tenant is not None:
        for match in _qlikcloud_hosts(text):
            host = match.group(1).lower()
            if host != tenant.host and host not in _NOT_TENANTS:
                mention(match.start(1), HOST, host)
    if web_integration_id is not None and "integration" in text.lower():  # in every form the pattern finds
        for match in _id_values(text):
            value = match.group("id") or match.group("param")
            if value != web_integration_id:
                mention(match.start(), WEB_INTEGRATION_ID, value)
    return [m for _, m in sorted(found, key=lambda item: item[0])]
