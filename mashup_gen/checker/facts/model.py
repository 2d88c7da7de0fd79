"""What the facts are made of: places in files and the Qlik things found there (resource references, tenant
and id mentions, config objects, login URLs, REST calls, engine URLs, secrets)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts.patterns import LEGACY_CSS, URL
from mashup_gen.checker.js import ObjectLiteral
from mashup_gen.checker.project import Unit
from mashup_gen.checker.scan import SourceFile
from mashup_gen.tenant import QLIK_STYLES_PATH, REQUIRE_JS_PATH, default_port


@dataclass(frozen=True)
class Place:
    """A span of a file: what a finding points at and what ``adopt`` may replace."""

    file: SourceFile
    start: int
    end: int

    @property
    def display(self) -> str:
        """The file as shown to the user."""
        return self.file.display

    def position(self) -> tuple[int, int]:
        """1-based ``(line, column)`` of the start."""
        return self.file.position(self.start)


@dataclass(frozen=True)
class ResourceRef:
    """A reference to a Qlik resource (a file under ``/resources``, or RequireJS's ``baseUrl``)."""

    place: Place  # the whole URL text (attribute value or string contents)
    url: str
    prefix: str  # what comes before "resources/": "", "../../", "https://host", "http://localhost:4848/"
    rest: str  # from "resources" on
    in_html: bool
    dynamic: bool = False  # the part before "resources/" is computed (a variable, a template expression)

    @property
    def scheme(self) -> str | None:
        """``https``/``http`` for an absolute URL, else None."""
        m = re.match(r"^([a-z]+)://", self.prefix, re.I)
        return m.group(1).lower() if m else None

    @property
    def host(self) -> str | None:
        """The host of an absolute URL, lower-case."""
        m = URL.match(self.url)
        return m.group(2).lower() if m else None

    @property
    def port(self) -> int | None:
        """The port of an absolute URL (explicit or the scheme's default)."""
        m = URL.match(self.url)
        if not m:
            return None
        return int(m.group(3)) if m.group(3) else default_port(m.group(1))

    @property
    def virtual_proxy(self) -> str | None:
        """The path before ``/resources`` of an absolute URL (``/mashup``): a client-managed Qlik Sense
        server's virtual proxy, which Qlik Cloud does not have. None when the URL has no such path."""
        m = URL.match(self.url)
        if m is None or self.dynamic:
            return None
        path = m.group(4) or ""
        cut = path.lower().find("/resources")
        return path[:cut] if cut > 0 else None

    @property
    def is_require_js(self) -> bool:
        """The RequireJS loader Qlik ships."""
        return self.rest.split("?", 1)[0].lower().endswith(REQUIRE_JS_PATH.lstrip("/").split("resources/", 1)[1])

    @property
    def is_styles(self) -> bool:
        """Qlik's stylesheet."""
        return self.rest.split("?", 1)[0].lower().endswith(QLIK_STYLES_PATH.split("resources/", 1)[1])

    @property
    def is_legacy_css(self) -> bool:
        """A Qlik Sense 2.x stylesheet that Qlik Cloud does not serve."""
        return self.rest.split("?", 1)[0].lower().endswith(LEGACY_CSS)


@dataclass(frozen=True)
class TenantMention:
    """A tenant host written in the code: in a URL, or as a whole string (the config's ``host``)."""

    place: Place  # the host (and port, if written) only
    host: str
    port: int | None  # None when only the host is written
    how: str  # "url" or "host"


@dataclass(frozen=True)
class IdMention:
    """A web integration id written as a literal."""

    place: Place  # the id itself
    value: str


@dataclass(frozen=True)
class ConfigObject:
    """An object literal in a script: the capability API's config, or ``require.config``'s argument."""

    unit: Unit
    obj: ObjectLiteral
    later: frozenset[str] = frozenset()  # keys assigned after the literal: config.webIntegrationId = id

    def has(self, key: str) -> bool:
        """True when the object has ``key``, in the literal or assigned to it later."""
        return self.obj.get(key) is not None or key in self.later

    def value_text(self, key: str) -> str | None:
        """The source text of a property's value, or None when the property is missing."""
        prop = self.obj.get(key)
        if prop is None:
            return None
        if prop.value_start == prop.value_end:
            return prop.key  # shorthand {host}
        return self.unit.script.span_text(prop.value_start, prop.value_end)

    def literal(self, key: str) -> str | int | bool | None:
        """A property's literal value (string, number, boolean), or None (also for a template expression)."""
        prop = self.obj.get(key)
        if prop is None:
            return None
        value = self.unit.script.literal(prop.value_start, prop.value_end)
        return None if isinstance(value, str) and is_dynamic(value) else value


@dataclass(frozen=True)
class LoginUrl:
    """A ``<tenant>/login`` URL the page sends the browser to."""

    place: Place
    has_returnto: bool
    has_id: bool
    # The returnto URL written as a literal fixed to the developer's machine (http://localhost:8080/...), if so.
    fixed_returnto: Place | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Call:
    """A request to Qlik's REST API."""

    place: Place
    what: str  # "fetch", "axios", "jquery", "xhr"
    url: str  # the URL expression as written, shortened
    non_get: bool
    has_header: bool
    has_credentials: bool
    has_csrf: bool
    unit: Unit | None = field(default=None, compare=False)  # where the call is made
    callee: int = field(default=-1, compare=False)  # the callee's token index in ``unit``


@dataclass(frozen=True)
class EngineUrl:
    """A WebSocket URL to Qlik's engine."""

    place: Place
    url: str
    has_id: bool
    has_csrf: bool


@dataclass(frozen=True)
class Secret:
    """Something that looks like an API key or bearer token."""

    place: Place
    kind: str  # "jwt", "bearer", or the variable/property name
    preview: str


@dataclass(frozen=True)
class Placeholder:
    """A value left as a placeholder: a tenant, web integration id, app id or client id never filled in."""

    place: Place  # the value itself
    value: str
    what: str  # "tenant", "web integration id", "app id", "client id"
    used: str = field(default="", compare=False)  # where a value defined elsewhere is used: "appId at src/a.js:3"


@dataclass(frozen=True)
class MissingFile:
    """A local file the project references that does not exist."""

    place: Place  # the reference as written
    value: str
    kind: str  # "script", "stylesheet", "OAuth redirect page"
    # False when the file is no part of the page's Qlik integration: a stylesheet (styling), or a script of a
    # page that runs nothing of Qlik (a vendored library's demo page). The page still breaks, Qlik does not.
    qlik: bool = True


@dataclass(frozen=True)
class DoubleSlash:
    """A tenant URL ending in '/' joined to a path starting with '/': ``https://t/`` + ``/api/v1/...``."""

    place: Place  # the path's string (or the base's definition, for a base defined elsewhere)
    base: str  # the URL before the join, as it ends up
    path: str
    used: str = field(default="", compare=False)  # where a base defined elsewhere is joined: "src/a.js:3"


def short(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to ``limit`` characters: how a URL expression is quoted in a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
