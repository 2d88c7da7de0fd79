"""Content-Security-Policy: reading a policy, matching the tenant against its source lists, and what a page
needs from the tenant. A page's own policy must let in, from the tenant, its scripts, styles, requests and
the engine WebSocket, images and fonts."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from mashup_gen.checker.facts.model import Place
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.js import ObjectLiteral
from mashup_gen.checker.project import Page, Unit
from mashup_gen.tenant import Tenant, default_port

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts

# What each kind of page loads from the tenant: (directive, URL scheme).
MASHUP_NEEDS = (
    ("script-src", "https"),
    ("style-src", "https"),
    ("connect-src", "https"),
    ("connect-src", "wss"),
    ("img-src", "https"),
    ("font-src", "https"),
)
_FALLBACKS = {"frame-src": ("child-src", "default-src")}


def parse_policy(content: str) -> dict[str, list[str]]:
    """Directive name -> source expressions; the first occurrence of a directive wins (as in browsers)."""
    policy: dict[str, list[str]] = {}
    for part in content.split(";"):
        words = part.split()
        if words:
            policy.setdefault(words[0].lower(), [w for w in words[1:]])
    return policy


def _scheme_matches(source: str, url: str) -> bool:
    # CSP3 "scheme-part match": a source scheme also allows its secure upgrade.
    return source == url or (source, url) in {
        ("http", "https"),
        ("ws", "wss"),
        ("ws", "http"),
        ("ws", "https"),
        ("wss", "https"),
    }


def allows(sources: list[str], scheme: str, host: str, port: int) -> bool:
    """True when a source list lets a URL with this scheme, host and port through."""
    for raw in sources:
        source = raw.lower()
        if source == "*":
            return True
        if source.startswith("'"):
            continue  # 'self', 'none', nonces, hashes: none of them names the tenant
        if source.endswith(":") and "/" not in source:
            if _scheme_matches(source[:-1], scheme):
                return True
            continue
        rest = source
        source_scheme = None
        if "://" in rest:
            source_scheme, rest = rest.split("://", 1)
        rest = rest.split("/", 1)[0]
        source_host, _, source_port = rest.partition(":")
        if source_scheme is not None and not _scheme_matches(source_scheme, scheme):
            continue
        if source_host.startswith("*."):
            if not host.endswith(source_host[1:]):
                continue
        elif source_host != host:
            continue
        if source_port == "*":
            return True
        wanted = int(source_port) if source_port.isdigit() else default_port(source_scheme or scheme)
        if wanted == port or (not source_port and source_scheme is None):
            return True
    return False


def _effective(policy: dict[str, list[str]], directive: str) -> list[str] | None:
    for name in (directive, *_FALLBACKS.get(directive, ()), "default-src"):
        if name in policy:
            return policy[name]
    return None


def blocked(content: str, tenant: Tenant, needs: tuple[tuple[str, str], ...]) -> list[str]:
    """The needed ``directive (scheme)`` pairs this policy blocks for ``tenant``."""
    policy = parse_policy(content)
    missing: list[str] = []
    for directive, scheme in needs:
        if scheme == "wss" and not tenant.is_secure:
            scheme = "ws"
        elif scheme == "https" and not tenant.is_secure:
            scheme = "http"
        sources = _effective(policy, directive)
        if sources is not None and not allows(sources, scheme, tenant.host, tenant.port):
            missing.append(f"{directive} ({scheme}://{tenant.host})" if scheme in ("wss", "ws") else directive)
    return missing


def needs(facts: Facts, page: Page) -> tuple[tuple[str, str], ...]:
    """What ``page`` loads from the tenant: ``(directive, scheme)`` pairs its policy must allow."""
    if page in facts.capability_pages:
        return MASHUP_NEEDS
    for embed_page in facts.embed.pages:
        if embed_page.page is not page or not (embed_page.loader or embed_page.callback):
            continue
        # qlik-embed's loader and Qlik's callback script both load the tenant's /qlik-embed/main.js as a script
        # and call its REST API; a page with elements also opens the engine's WebSocket.
        found: tuple[tuple[str, str], ...] = (("script-src", "https"), ("connect-src", "https"))
        if embed_page.elements:
            found += (("connect-src", "wss"),)
        return found
    if facts.rest_calls or facts.engine_urls or facts.session_checks:
        needs: tuple[tuple[str, str], ...] = (("connect-src", "https"),)
        if facts.engine_urls:
            needs += (("connect-src", "wss"),)
        return needs
    return ()


# A Qlik Cloud page framed by the site: the hub, an app or sheet (/sense/app/...), the single-object page.
_TENANT_PAGE = re.compile(r"^\s*https://([A-Za-z0-9.-]+|\$\{[^}]*\})(?::\d+)?/(?:sense/|single/|hub\b|explore/)", re.I)


def tenant_frames(facts: Facts) -> list[tuple[Place, str]]:
    """``(place, src)`` of each iframe whose src is a page of a Qlik Cloud tenant (``<iframe src="https://<tenant>
    /sense/app/...">`` in a page or component, ``<iframe src={`https://<tenant>/single/?...`} />`` in JSX)."""
    tenant = facts.tenant

    def framed(src: str) -> bool:
        m = _TENANT_PAGE.match(src.strip().strip("`"))
        if m is None:
            return False
        host = m.group(1).lower()
        if host.startswith("${"):
            # `https://${this.host}/sense/app/...`: the host is a variable; in a project whose tenant is a Qlik
            # Cloud one, a tenant page's path on it is that tenant's.
            return tenant is not None and tenant.host.endswith(".qlikcloud.com")
        return host.endswith(".qlikcloud.com") or (tenant is not None and host == tenant.host)

    return _frames(facts, framed)


# A page of a Qlik Sense server that is not Qlik Cloud, as an iframe shows it: Qlik Sense Desktop (port 4848),
# or a host outside *.qlikcloud.com with a Qlik page's path (the single-object page, an app or sheet, the hub,
# the management console), behind a virtual proxy's prefix or not.
_SERVER_PAGE = re.compile(
    r"^\s*(https?)://([A-Za-z0-9.-]+)(?::(\d+))?(/(?:[\w-]+/)?(?:single/|sense/app/|hub\b|qmc\b)[^\s]*|[/?#][^\s]*|)$",
    re.I,
)
_LOOPBACK = re.compile(r"^(?:localhost|127(?:\.\d+){3}|\d+(?:\.\d+){3})$")
_QLIK_PATH = re.compile(r"(?i)^/(?:([\w-]+)/)?(single/|sense/app/|hub\b|qmc\b)")
# QlikView's Management Service serves its own console (http://server:4780/QMC/): a QlikView server, which moving
# Qlik Sense to Qlik Cloud does not touch, not a Qlik Sense one.
_QLIKVIEW_MANAGEMENT_PORT = "4780"


class ServerPage(NamedTuple):
    """A URL of a Qlik Sense server off Qlik Cloud, as :func:`server_page` reads it."""

    scheme: str  # lower-cased
    host: str  # lower-cased
    port: str | None
    prefix: str | None  # a virtual proxy's, before the Qlik path
    page: str | None  # the Qlik path's page, lower-cased (single/, sense/app/, hub, qmc); None without one

    @property
    def surely_client_managed(self) -> bool:
        """True when only a client-managed server serves it: plain http, a loopback or address host, a virtual
        proxy's prefix, or the management console. An https host by name could be a custom tenant domain."""
        return (
            self.scheme == "http" or bool(_LOOPBACK.match(self.host)) or self.prefix is not None or self.page == "qmc"
        )


def server_page(url: str) -> ServerPage | None:
    """The parts of ``url`` when it is an http(s) URL on a host outside ``*.qlikcloud.com``, else None."""
    m = _SERVER_PAGE.match(url.strip().strip("`"))
    if m is None:
        return None
    host = m.group(2).lower()
    if host.endswith(".qlikcloud.com"):
        return None
    qlik = _QLIK_PATH.match(m.group(4) or "")
    prefix, page = (qlik.group(1), qlik.group(2).lower()) if qlik is not None else (None, None)
    return ServerPage(m.group(1).lower(), host, m.group(3), prefix, page)


def client_managed_frames(facts: Facts) -> list[tuple[Place, str, bool]]:
    """``(place, src, sure)`` of each iframe whose src is a page of a client-managed Qlik Sense server: Qlik Sense
    Desktop (``http://localhost:4848/single/?...``), or a Qlik page (``/single/``, ``/sense/app/``, ``/hub``,
    ``/qmc``) on a host outside ``*.qlikcloud.com``. ``sure`` is False only for an https host by name with a
    Qlik Cloud path and no virtual proxy, which a custom tenant domain (undocumented) could also serve."""
    found: list[tuple[Place, str, bool]] = []
    sure: dict[str, bool] = {}

    def framed(src: str) -> bool:
        page = server_page(src)
        if page is None or page.port == _QLIKVIEW_MANAGEMENT_PORT:
            return False
        if page.port == "4848" and _LOOPBACK.match(page.host):
            sure[src] = True  # Qlik Sense Desktop's own server
            return True
        if page.page is None:
            return False
        sure[src] = page.surely_client_managed
        return True

    for place, src in _frames(facts, framed):
        found.append((place, src, sure.get(src, True)))
    return found


def _frames(facts: Facts, framed: Callable[[str], bool]) -> list[tuple[Place, str]]:
    """``(place, src)`` of each iframe whose src ``framed`` accepts: in a page's tags, a JSX attribute, or a URL
    built by browser code that handles an iframe (and does not open or navigate to it)."""
    found: list[tuple[Place, str]] = []
    for page in facts.project.pages:
        for tag in page.tags:
            attribute = tag.attributes.get("src") if tag.name == "iframe" else None
            if attribute is not None and framed(attribute.value):
                found.append((Place(page.file, attribute.start, attribute.end), attribute.value))
    in_jsx: set[tuple[int, int]] = set()
    for unit in facts.project.units:
        if "iframe" not in unit.script.code or unit.syntax is None:
            continue
        for attribute in unit.syntax.attributes:
            if attribute.element == "iframe" and attribute.name == "src" and framed(attribute.value or ""):
                found.append((Place(unit.file, attribute.start, attribute.end), attribute.value or ""))
                in_jsx.add((id(unit.file), attribute.start))
    # A server template that builds the iframe's URL in its own language (PHP's QLIK_TENANT . '/single/?' .
    # http_build_query(...), printed into <iframe src="%s">): a tenant page's path joined to a name or variable
    # holding a URL the file writes, in a file that writes an iframe.
    for page in facts.project.pages:
        text = page.file.text
        if page.file.path.suffix.lower() not in _SERVER_TEMPLATES or "<iframe" not in text.lower():
            continue
        for m in _JOINED_PAGE.finditer(text):
            base = _written_url(text, m.group("name"))
            if base is not None and framed(base.rstrip("/") + m.group("path")):
                found.append((Place(page.file, m.start("path") - 1, m.end("path") + 1), base + m.group("path")))
    # Browser code that frames a URL it builds (``frame.src = `https://${host}/sense/app/${id}` ``, or a
    # function returning it to the code that sets the src): the script handles an iframe and builds a tenant
    # page's URL that it does not open in a window or navigate to.
    framing = {id(u) for u in facts.project.units if u.in_browser and "iframe" in u.script.code.lower()}
    for unit, index, value in facts.strings if framing else ():
        if id(unit) not in framing or not framed(value):
            continue
        if _opened_or_navigated(unit, index):
            continue
        place = string_place(unit, index)
        if not any(key[0] == id(unit.file) and place.start - 4 <= key[1] <= place.start for key in in_jsx):
            found.append((place, value))
    return found


_SERVER_TEMPLATES = frozenset({".php", ".phtml", ".erb", ".jsp", ".cshtml", ".py", ".rb"})
# NAME . '/single/?...' (PHP's concatenation), NAME + "/sense/app/..." (Python, Ruby), f"{NAME}/single/..." is not read.
_JOINED_PAGE = re.compile(r"""(?P<name>\$?[A-Za-z_][\w]*)\s*[.+]\s*["'](?P<path>/(?:single/|sense/app/)[^"']*)["']""")


def _written_url(text: str, name: str) -> str | None:
    """The URL literal ``name`` is given in ``text`` (``const NAME = 'https://...'``, ``define('NAME', '...')``,
    ``$name = "..."``, ``NAME = "..."``), or None."""
    escaped = re.escape(name)
    m = re.search(
        rf"""(?:{escaped}\s*=\s*|define\(\s*["']{re.escape(name.lstrip("$"))}["']\s*,\s*)["'](https?://[^"'\s]+)["']""",
        text,
    )
    return m.group(1) if m else None


def _opened_or_navigated(unit: Unit, index: int) -> bool:
    """True when the string is the argument of ``window.open(...)`` or assigned to ``location``/``href``: a page
    the browser opens in a window or goes to, never framed."""
    script = unit.script
    if index >= 2 and script.is_punct(index - 1, "(") and script.is_ident(index - 2, "open"):
        return True
    return index >= 2 and script.is_punct(index - 1, "=") and script.is_ident(index - 2, "href", "location")


# helmet (Express), koa-helmet and @fastify/helmet send a Content-Security-Policy header on every answer unless
# told not to; since helmet 4 its default policy is default-src 'self' with no connect-src, so a page's requests
# and engine socket to another origin (the tenant) fall back to 'self' and are blocked.
_HELMET_MODULE = re.compile(r"""["'](?:helmet|koa-helmet|@fastify/helmet)["']""")
_HELMET_BINDING = re.compile(
    r"""\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*["'](?:helmet|koa-helmet|@fastify/helmet)["']\s*\)"""
    r"""|\bimport\s+([A-Za-z_$][\w$]*)\s+from\s+["'](?:helmet|koa-helmet|@fastify/helmet)["']"""
)
_HELMET_DEFAULT = ["'self'"]  # helmet's default-src; connect-src falls back to it
OLD_HELMET = re.compile(r""""helmet"\s*:\s*"[~^]?[0-3]\.""")  # helmet 3 and before set no policy by default


def _key(name: str) -> str:
    """A directive's key as helmet takes it (connectSrc, 'connect-src') in CSP's own spelling."""
    return re.sub(r"([A-Z])", lambda m: "-" + m.group(1).lower(), name).lower()


def _sources(unit: Unit, start: int, end: int) -> list[str] | None:
    """The sources of a directive's array of string literals (``["'self'", 'https://cdn.x']``); None when an
    element is computed (a variable, a template with a substitution, a spread): it may be the tenant."""
    script = unit.script
    if not script.is_punct(start, "[") or script.partner(start) != end - 1:
        return None
    sources: list[str] = []
    for j in range(start + 1, end - 1):
        if script.parent(j) != start or script.is_punct(j, ","):
            continue
        value = script.literal(j, j + 1)
        if not isinstance(value, str):
            return None
        sources.append(value)
    return sources


def helmet_policies(facts: Facts) -> list[tuple[Place, list[str]]]:
    """Each helmet policy of the project's server code whose connect-src is known: ``(place, sources)`` with the
    place the wrong value is written at (the connectSrc or defaultSrc entry, else the helmet call) and the
    sources that apply to requests (connect-src, else default-src, else helmet's default ``'self'``)."""
    found: list[tuple[Place, list[str]]] = []
    manifest = facts.project.manifest
    for unit in facts.project.units:
        code = unit.script.code
        if unit.in_browser or "helmet" not in code or not _HELMET_MODULE.search(code):
            continue
        names = {name for m in _HELMET_BINDING.finditer(code) for name in m.groups() if name}
        if not names:
            continue
        script = unit.script
        for callee, paren in script.find_calls(frozenset(names) | {"contentSecurityPolicy", "register"}):
            name = script.text(callee)
            if name == "register":  # fastify.register(helmet, { ... })
                args = script.call_arguments(paren)
                if not args or script.span_text(*args[0]).strip() not in names:
                    continue
                options = args[1] if len(args) > 1 else None
            elif name == "contentSecurityPolicy":  # helmet.contentSecurityPolicy({ directives })
                if not (script.is_punct(callee - 1, ".") and script.text(callee - 2) in names):
                    continue
                args = script.call_arguments(paren)
                options = args[0] if args else None
                if options is not None:
                    inner = script.object_at(options[0])
                    if inner is None:
                        continue
                    found.extend(_policy(unit, callee, inner, whole=False))
                    continue
            else:
                if script.is_punct(callee - 1, "."):
                    continue  # helmet.frameguard(...): one header, not the policy
                if name in names and OLD_HELMET.search(manifest):
                    continue
                args = script.call_arguments(paren)
                options = args[0] if args else None
            if options is None:
                if name == "register" and OLD_HELMET.search(manifest):
                    continue
                found.append((Place(unit.file, *unit.file_span(callee, callee + 1)), list(_HELMET_DEFAULT)))
                continue
            obj = script.object_at(options[0])
            if obj is None:
                continue  # options built elsewhere: not read
            found.extend(_policy(unit, callee, obj, whole=True))
    return found


def _policy(unit: Unit, callee: int, obj: ObjectLiteral, whole: bool) -> list[tuple[Place, list[str]]]:
    """The connect-src of helmet's options ``obj`` (``whole``: helmet()'s options holding contentSecurityPolicy;
    else contentSecurityPolicy()'s own)."""
    script = unit.script
    call_place = Place(unit.file, *unit.file_span(callee, callee + 1))
    if whole:
        csp = obj.get("contentSecurityPolicy")
        if csp is None:
            return [(call_place, list(_HELMET_DEFAULT))]
        if not script.is_punct(csp.value_start, "{"):
            return []  # false (no policy), or options built elsewhere
        obj = script.object_at(csp.value_start)
        if obj is None:
            return []
    use_defaults = obj.get("useDefaults")
    defaults = not (
        use_defaults is not None and script.literal(use_defaults.value_start, use_defaults.value_end) is False
    )
    directives = obj.get("directives")
    if directives is None:
        return [(call_place, list(_HELMET_DEFAULT))] if defaults else []
    table = script.object_at(directives.value_start) if directives.value_end - directives.value_start >= 2 else None
    if table is None:
        return []
    by_name = {_key(p.key): p for p in table.properties}
    for name in ("connect-src", "default-src"):
        prop = by_name.get(name)
        if prop is not None:
            sources = _sources(unit, prop.value_start, prop.value_end)
            if sources is None:
                return []
            return [(Place(unit.file, *unit.file_span(prop.key_index, prop.key_index + 1)), sources)]
    return [(call_place, list(_HELMET_DEFAULT))] if defaults else []
