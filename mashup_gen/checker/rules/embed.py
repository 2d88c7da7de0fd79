"""qlik-embed (``@qlik/embed-web-components``): the package loaded at an exact version, its configuration
(``data-host``, the sign-in and its id) and, for OAuth2, a redirect URI on the page's origins naming the
project's callback page."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts import Facts, Place, facts_of
from mashup_gen.checker.facts.embed import (
    CALLBACK_SCRIPT,
    EmbedFacts,
    EmbedPage,
    is_exact,
    package_version,
    url_path,
)
from mashup_gen.checker.facts.patterns import EMBED_ELEMENTS
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.hints import Quick
from mashup_gen.checker.js import STRING, TEMPLATE
from mashup_gen.checker.project import Page, Project, Tag
from mashup_gen.checker.rules.base import at_place, at_tag, at_token
from mashup_gen.source.auth import auth_type
from mashup_gen.tenant import origin_of

_SCRIPT = (
    '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@VERSION/dist/'
    'index.js" integrity="sha384-..." data-host="https://<tenant>" ...></script>'
)
NOT_LOADED = Rule(
    "embed-not-loaded",
    Severity.ERROR,
    "The page has <qlik-embed> elements but does not load @qlik/embed-web-components: they stay empty.",
    f"Load the package in the <head>: {_SCRIPT}",
)
NO_HOST = Rule(
    "embed-no-host",
    Severity.ERROR,
    "qlik-embed has no data-host: it cannot know the tenant to load Qlik's code from and to sign in with.",
    'Add data-host="https://<tenant>" to the script tag that loads the package.',
)
COOKIE_NO_ID = Rule(
    "embed-cookie-no-web-integration-id",
    Severity.ERROR,
    'qlik-embed signs in with the tenant\'s cookie (data-auth-type="cookie") but has no data-web-integration-id: '
    "the tenant refuses the page's requests.",
    'Add data-web-integration-id="<id>" (Management Console > Integrations > Web), whose allowed origins hold '
    "the page's origin.",
)
OAUTH_NO_CLIENT_ID = Rule(
    "embed-oauth-no-client-id",
    Severity.ERROR,
    'qlik-embed signs in with OAuth2 (data-auth-type="Oauth2") but has no data-client-id.',
    'Add data-client-id="<id>" of the tenant\'s OAuth single-page-app client (Management Console > Settings > OAuth).',
)
# A warning: without a redirect URI Qlik's auth module sends the user back to the page's own address
# (location.href, read from @qlik/api's OAuth code) and completes the sign-in there, which works when that exact
# address is a redirect URL of the OAuth client, and breaks on any other address of the page (a query, a hash).
OAUTH_NO_REDIRECT = Rule(
    "embed-oauth-no-redirect-uri",
    Severity.WARNING,
    "qlik-embed signs in with OAuth2 but has no data-redirect-uri: Qlik sends the user back to the page's exact "
    "current address, which must then be a redirect URL of the OAuth client (any query or hash breaks it).",
    'Add data-redirect-uri="<origin>/oauth-callback.html", a page running Qlik\'s callback script, registered '
    "as a redirect URL of the OAuth client.",
)
REDIRECT_OFF_ORIGINS = Rule(
    "embed-redirect-off-origins",
    Severity.ERROR,
    "The OAuth redirect URI is not on one of the origins the page is served from: after sign-in the user "
    "lands on another site, whose storage the page cannot read.",
    "Use <origin>/oauth-callback.html for the origin the page is served from "
    "(`mashup-gen regenerate --set redirect_uri=...`).",
)
REDIRECT_NO_FILE = Rule(
    "embed-redirect-no-file",
    Severity.ERROR,
    "The OAuth redirect URI names a page that does not run Qlik's callback (a page missing altogether is a "
    "missing-file finding).",
    "Point data-redirect-uri at the project's callback page: a page loading "
    "@qlik/embed-web-components@VERSION/dist/oauth-callback.js with the same data-host.",
)
CROSS_SITE_COOKIES = Rule(
    "embed-cross-site-cookies",
    Severity.WARNING,
    "data-cross-site-cookies is set, but no published version of qlik-embed reads it: it changes nothing.",
    'Remove it. For pages on another site than the tenant, sign in with OAuth2 (data-auth-type="Oauth2").',
)
UNPINNED = Rule(
    "embed-unpinned",
    Severity.WARNING,
    "@qlik/embed-web-components is loaded by a moving version (@1, @latest, none): the page changes whenever "
    "Qlik publishes, and no Subresource Integrity hash can protect it.",
    "Load an exact version with its integrity hash: .../@qlik/embed-web-components@1.6.0/dist/index.js "
    '(`npm view @qlik/embed-web-components version`), integrity="sha384-..." crossorigin="anonymous".',
)
INTEGRITY_MINIFIED = Rule(
    "embed-integrity-minified",
    Severity.ERROR,
    "The loader's script tag has an integrity hash but loads jsDelivr's .min.js, the CDN's own minification: no "
    "released file is that file, so the hash cannot match, the browser refuses the script and no <qlik-embed> "
    "is defined.",
    "Pin the exact version and load dist/index.js (.../@qlik/embed-web-components@1.6.0/dist/index.js) with the "
    "hash of that file from the npm tarball, or drop the integrity attribute.",
)
AUTH_TYPE = Rule(
    "embed-auth-type",
    Severity.ERROR,
    "qlik-embed's data-auth-type is not a sign-in Qlik Cloud accepts: windowscookie and pfx are for "
    "client-managed Qlik Sense, apikey puts a secret in the page, and other values are no auth type at all.",
    'Use data-auth-type="Oauth2" with data-client-id and data-redirect-uri (an OAuth client of the tenant), or '
    '"cookie" with data-web-integration-id.',
)
# No sign-in setting at all: @qlik/api's determineAuthType then picks "cookie" for a *.qlikcloud.com host (it
# tries apiKey, accessCode, clientId, webIntegrationId, reference, pfx first), so the page signs in with the
# tenant's cookie and no web integration id, which the tenant refuses from another origin.
NO_AUTH = Rule(
    "embed-no-auth",
    Severity.ERROR,
    "qlik-embed has no sign-in settings (no data-auth-type, data-client-id nor data-web-integration-id): it "
    "falls back to the tenant's session cookie without a web integration id, and the tenant refuses the page's "
    "requests.",
    'Sign in with OAuth2: data-auth-type="Oauth2" data-client-id="<id>" data-redirect-uri="<origin>/oauth-'
    'callback.html" (an OAuth single-page-app client of the tenant); or add data-web-integration-id="<id>" for '
    "the cookie.",
)
EMBED_MODULE = "@qlik/embed-web-components"
# The package's script URL on a CDN or a local copy: .../@qlik/embed-web-components[@V]/dist/<file>.js, or the
# package alone (https://cdn.jsdelivr.net/npm/@qlik/embed-web-components[@V]), which the CDN answers with the
# file its package.json names for browsers (dist/index.js).
_PACKAGE_URL = re.compile(r"@qlik/embed-web-components(?:@[^/]*)?(?:/dist/index(?:\.min)?\.js)?/?(?=$|[?#])")
TOKEN_STORAGE = Rule(
    "embed-token-storage",
    Severity.WARNING,
    "The OAuth token storage is neither 'session' nor 'local' (@qlik/api compares the value with exactly those): "
    "the token is kept nowhere, and users sign in again on every load.",
    'Use data-access-token-storage="session" (the tab\'s sessionStorage) or "local" (localStorage); in a host '
    "config, accessTokenStorage: 'session' or 'local'.",
)
# The values @qlik/api's auth module compares accessTokenStorage with (its typings: "session" | "local").
TOKEN_STORAGES = ("session", "local")
UNKNOWN_ELEMENT = Rule(
    "embed-unknown-element",
    Severity.ERROR,
    "The page uses a <qlik-...> element that no Qlik library defines (qlik-embed's loader defines <qlik-embed>, "
    "<qlik-initial-selections> and <qlik-app-open-action> only) and the project does not define either: the "
    "browser shows an empty unknown element.",
    'Use <qlik-embed ui="..."> (ui="classic/app" with app-id and sheet-id, ui="analytics/chart" with app-id and '
    "object-id, ...), loaded by @qlik/embed-web-components with the tenant's host config.",
)
NO_SUCH_API = Rule(
    "embed-no-such-api",
    Severity.ERROR,
    "The code calls a method of a window.qlikEmbed (or window.QlikEmbed) object, which qlik-embed's loader does "
    "not define (it defines the <qlik-embed> element; its settings are the script tag's data-* attributes): the "
    "call throws, and whatever it was to do (sign in, pass a token, configure the host) never happens.",
    "Configure qlik-embed on its script tag (data-host, data-auth-type, data-client-id, data-redirect-uri); hand "
    "it your backend's token by naming a global function in data-get-access-token.",
)
CALLBACK_NAVIGATES = Rule(
    "embed-callback-navigates",
    Severity.WARNING,
    "The OAuth callback page runs Qlik's callback script but also sends the browser elsewhere itself (location.href "
    "= ..., location.replace(...), a meta refresh): Qlik's script trades the code for the token and then returns "
    "to the page that started the sign-in; leaving first, on a timer or at once, can cut that exchange off (no "
    "token is stored, and the next page signs in again) and sends users to a fixed page instead of theirs.",
    "Leave the callback page to Qlik's script alone (an otherwise empty page with the callback script tag and its "
    "data-host); it returns to the page the user was on.",
)
ELEMENT_INCOMPLETE = Rule(
    "embed-element-incomplete",
    Severity.ERROR,
    "A <qlik-embed> element lacks what its ui needs to show anything: an app-id (every analytics/ and classic/ "
    "ui), or an object-id (analytics/chart without a chart type to make on the fly, analytics/sheet, "
    "classic/chart): the element shows an error instead of the chart, sheet or app.",
    "Add the app's id (app-id=\"<GUID from the app's URL>\") and, for a chart or sheet, its object id "
    '(object-id="..."), as in <qlik-embed ui="analytics/chart" app-id="..." object-id="...">.',
)
RULES = (
    UNKNOWN_ELEMENT,
    NO_SUCH_API,
    NOT_LOADED,
    NO_HOST,
    COOKIE_NO_ID,
    NO_AUTH,
    OAUTH_NO_CLIENT_ID,
    OAUTH_NO_REDIRECT,
    REDIRECT_OFF_ORIGINS,
    REDIRECT_NO_FILE,
    CROSS_SITE_COOKIES,
    AUTH_TYPE,
    UNPINNED,
    INTEGRITY_MINIFIED,
    TOKEN_STORAGE,
    CALLBACK_NAVIGATES,
    ELEMENT_INCOMPLETE,
)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Findings about the qlik-embed pages of a project."""
    embed = facts.embed
    for page, tag in embed.package_tags:
        version = package_version(tag.get("src") or "") or ""
        if not is_exact(version):
            shown = f"@{version}" if version else "no version"
            message = f"the package is loaded with {shown}"
            fix = _pinned_fix(tag.get("src") or "")
            src = tag.attributes.get("src")
            if src is not None:  # the URL to change, not the start of a long tag
                yield at_place(UNPINNED, Place(page.file, src.start, src.end), message, fix)
            else:
                yield at_tag(UNPINNED, page, tag, message, fix)
    yield from _integrity_of_no_file(embed)
    yield from _files_not_shipped(embed)
    yield from _paths_not_exported(project)
    for embed_page in embed.pages:
        yield from _check_page(project, embed, embed_page)
        if embed_page.callback is not None and embed_page.loader is None and not embed_page.elements:
            yield from _callback_navigation(embed_page)
        yield from _incomplete_elements(facts, embed_page)
    yield from _incomplete_jsx_elements(project)
    yield from _meta_configured(project, embed)
    yield from _unknown_elements(project, facts)
    yield from _invented_api(project, facts)


def _integrity_of_no_file(embed: EmbedFacts) -> Iterator[Finding]:
    """A loader tag with an integrity hash on jsDelivr's .min.js: the CDN's own minification of the package's
    file, which no npm tarball holds, so no hash taken of a released file matches it. (A range such as @1 with
    the hash of dist/index.js works until the next release: embed-unpinned's warning.)"""
    for page, tag in embed.package_tags:
        written = tag.attributes.get("integrity")
        src = tag.get("src") or ""
        if written is None or not written.value.strip() or is_dynamic(src) or is_dynamic(written.value):
            continue
        if not src.split("?", 1)[0].split("#", 1)[0].endswith(".min.js"):
            continue
        message = "the integrity hash is checked against jsDelivr's own minification (.min.js): the browser refuses it"
        yield at_place(INTEGRITY_MINIFIED, Place(page.file, written.start, written.end), message)


# The files of @qlik/embed-web-components a page can load (its dist/ holds the loader and the callback, each also
# minified): a URL naming no file (jsdelivr's /npm/@qlik/embed-web-components@1) gets the package's main file.
_PACKAGE_FILE = re.compile(r"@qlik/embed-web-components(?:@[^/?#\s]*)?(/[^?#\s]*)?")
_SHIPPED = frozenset({"", "/", "/+esm", "/dist/index.js", "/dist/index.min.js", "/dist/oauth-callback.js",
                      "/dist/oauth-callback.min.js"})  # fmt: skip


def _files_not_shipped(embed: EmbedFacts) -> Iterator[Finding]:
    """A script tag (written, or added by code) loading a file of the package that the package does not ship
    (``.../@qlik/embed-web-components/dist/qlik-embed.js``): the CDN answers 404, and no <qlik-embed> mounts."""
    pages = [page for page, _tag in embed.package_tags] + list(embed.injected_pages)
    seen: set[tuple[int, int]] = set()
    for page in pages:
        for tag in page.scripts():
            src = tag.attributes.get("src")
            match = _PACKAGE_FILE.search(src.value) if src is not None else None
            if src is None or match is None or is_dynamic(src.value) or (match.group(1) or "") in _SHIPPED:
                continue
            key = (id(page.file), src.start)
            if key in seen:
                continue
            seen.add(key)
            message = f"{match.group(1)} is no file of @qlik/embed-web-components (dist/index.js is its loader)"
            yield at_place(NOT_LOADED, Place(page.file, src.start, src.end), message)


# The package's exports map (1.6.0): "." (dist/index.js) and "./oauth-callback"; its dist/ holds only those two
# files. A bundler refuses any other subpath ("Package path ./dist/index.min.js is not exported"); the .min.js
# names are jsDelivr's own minification, in no release's tarball.


def _paths_not_exported(project: Project) -> Iterator[Finding]:
    """An import of the CDN's minified file name from the npm package (``import "@qlik/embed-web-components/dist/
    index.min.js"``), which no release ships nor exports: the build fails, and no <qlik-embed> is ever defined."""
    for unit in project.units:
        if EMBED_MODULE + "/" not in unit.script.code or unit.syntax is None:
            continue
        for imported in unit.syntax.imports:
            if not imported.source.startswith(EMBED_MODULE + "/"):
                continue
            subpath = "/" + imported.source[len(EMBED_MODULE) :].strip("/")
            if not subpath.endswith(".min.js"):
                continue  # older releases shipped other files (dist/embed): only the CDN's own names are sure
            message = f"{EMBED_MODULE} ships no {subpath}: .min.js is the CDN's name (import the package itself)"
            yield at_place(NOT_LOADED, Place(unit.file, imported.start, imported.end), message)


# Code that gives qlik-embed its host config itself: then the page's <meta> tags are not all there is.
_CODE_CONFIG = re.compile(r"hostConfig|host-config|HostConfig|setAttribute\s*\(\s*[\"']data-|\.dataset\.")


def _meta_configured(project: Project, embed: EmbedFacts) -> Iterator[Finding]:
    """A page whose qlik-embed settings are its ``<meta name="qlik-embed-...">`` tags, in an app that bundles the
    package (``import "@qlik/embed-web-components"`` in its code, or Angular's ``scripts`` in angular.json)
    instead of loading it by a script tag: the loader reads those tags, so a host without any sign-in setting
    (auth type, client id, web integration id), cookie sign-in without the web integration id, or OAuth2 without
    the client id fail as they would on a script tag. Not judged when the code configures the host itself."""
    judged = {id(p.page) for p in embed.pages}
    pages = [p for p in project.pages if id(p) not in judged and "qlik-embed-host" in p.file.text]
    if not pages:
        return
    bundled = any(
        u.syntax is not None and any(i.source.startswith(EMBED_MODULE) for i in u.syntax.imports)
        for u in project.units
        if EMBED_MODULE in u.script.code
    ) or EMBED_MODULE in (project.root_configs.get("angular.json") or "")
    if not bundled or any(u.in_browser and _CODE_CONFIG.search(u.script.code) for u in project.units):
        return
    callback_entry = any(_CALLBACK_ENTRY.search(u.script.code) for u in project.units if u.in_browser)
    for page in pages:
        if callback_entry and _runs_callback_entry(page):
            continue  # the OAuth callback page: it needs only its host
        meta = EmbedPage(page, None, None, [])
        host = meta.setting("host")
        if host is None or host[1] is None or host[1].name != "meta" or not host[0].strip():
            continue
        auth = meta.setting("auth-type")
        kind = (auth[0] if auth else "").strip().lower()
        if not kind and not meta.setting("client-id") and not meta.setting("web-integration-id"):
            message = "no qlik-embed-auth-type, -client-id nor -web-integration-id meta tag beside this qlik-embed-host"
            yield at_tag(NO_AUTH, page, host[1], message)
        elif kind in _META_NEEDS and not meta.setting(_META_NEEDS[kind][1]):
            rule, name, sign_in = _META_NEEDS[kind]
            message = f"{sign_in} sign-in without a qlik-embed-{name} meta tag"
            yield at_tag(rule, page, auth[1] if auth else host[1], message)


# The package's OAuth callback entry imported by a bundled module (import "@qlik/embed-web-components/oauth-callback"
# or @qlik/api's): the page running it completes the sign-in and reads only qlik-embed-host.
_CALLBACK_ENTRY = re.compile(r"@qlik/(?:embed-web-components|api)/oauth-callback\b")


def _runs_callback_entry(page: Page) -> bool:
    """True when the page's own module imports the callback entry, or the page loads no script of its own (a
    bundler's HTML plugin adds its chunk) and has no <qlik-embed> element to sign in for."""
    own = [u for u in page.units if u.file.path != page.file.path or u.script.code.strip()]
    if any(_CALLBACK_ENTRY.search(u.script.code) for u in own):
        return True
    return not own and "<qlik-embed" not in page.file.text


# Each sign-in's one setting it cannot do without: (rule, meta tag's name after qlik-embed-, the sign-in's name).
_META_NEEDS = {
    "cookie": (COOKIE_NO_ID, "web-integration-id", "cookie"),
    "oauth2": (OAUTH_NO_CLIENT_ID, "client-id", "OAuth2"),
}


def _pinned_fix(src: str) -> str | None:
    """The rule's fix naming the file this tag loads (the callback page's oauth-callback.js, not index.js)."""
    name = src.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    if not CALLBACK_SCRIPT.search("/" + name):
        return None
    return UNPINNED.fix.replace("/dist/index.js", f"/dist/{name}")


# What each ui needs besides itself (qlik.dev's UIs and parameters): the app always; a chart or sheet, its id.
# analytics/snapshot draws a snapshot's own JSON (snapshot-data), with no app behind it (qlik.dev's offline
# snapshots quick start).
_NEEDS_APP = re.compile(r"^(?:analytics/(?!snapshot$)|classic/)[a-z-]+$")
_NEEDS_OBJECT = frozenset({"analytics/chart", "analytics/sheet", "classic/chart"})


def _incomplete_elements(facts: Facts, page: EmbedPage) -> Iterator[Finding]:
    """An error at each ``<qlik-embed>`` of a static HTML page whose literal ``ui`` needs an ``app-id`` or an
    ``object-id`` that neither the element, an ancestor's ``data-qlik-embed-*``, a meta tag or the loader
    gives, and that no code of the project sets (``setAttribute('app-id', ...)``, ``el.appId = ...``)."""
    suffix = page.page.file.path.suffix.lower()
    component = page.page.role == "component" and suffix in (".vue", ".svelte")
    if not component and (page.page.role != "page" or suffix not in (".html", ".htm")):
        return  # a server template binds its values in its own syntax
    code = "\n".join(unit.script.code for unit in page.page.units)
    text = page.page.file.text
    for tag in page.elements:
        if component:
            # Vue's and Svelte's bound forms (:app-id="x", v-bind:app-id, app-id={x}) name the setting too; a
            # spread (v-bind="obj", {...props}) may hold any of them.
            opening = text[tag.start : tag.end]
            if "..." in opening or re.search(r"\bv-bind\s*=", opening):
                continue
            tag = Tag(tag.name, tag.start, tag.end, {_bound_name(k): v for k, v in tag.attributes.items()})
        ui = (tag.get("ui") or "").strip().lower()
        if not _NEEDS_APP.match(ui):
            continue
        needed = ["app-id"] + (["object-id"] if ui in _NEEDS_OBJECT and "type" not in tag.attributes else [])
        for name in needed:
            camel = re.sub(r"-(\w)", lambda m: m.group(1).upper(), name)
            if (
                (tag.get(name) or "").strip()
                or name in tag.attributes  # an empty slot the code fills in
                or name.replace("-", "") in tag.attributes  # appId="..." (read as appid): not judged here
                or page.setting(name) is not None
                or name in facts.attributes_set_by_code
                or name in code
                or camel in code
            ):
                continue
            yield at_tag(ELEMENT_INCOMPLETE, page.page, tag, f'<qlik-embed ui="{ui}"> has no {name}')


_EMBED_REACT = Quick(re.compile(r"""["']@qlik/embed-react["']"""))


def _incomplete_jsx_elements(project: Project) -> Iterator[Finding]:
    """An error at each ``<QlikEmbed ui="analytics/chart" appId=...>`` of @qlik/embed-react without an ``objectId``
    (nor a ``type`` to make the chart on the fly): the component renders qlik-embed with the same props, which
    shows an error instead of the chart. An element spreading props (``{...props}``) may hold it."""
    for unit in project.units:
        code = unit.script.code
        if "QlikEmbed" not in code or not unit.in_browser or not _EMBED_REACT.search(code) or unit.syntax is None:
            continue
        text = unit.file.text
        elements: list[list[object]] = []
        previous = None
        for attribute in unit.syntax.attributes:
            if attribute.element != "QlikEmbed":
                previous = None
                continue
            gap = text[previous.end : attribute.start] if previous is not None else "<"
            if "<" in gap or ">" in gap:
                elements.append([])
            elements[-1].append(attribute)
            previous = attribute
        for attributes in elements:
            opening = text.rfind("<", 0, attributes[0].start)  # type: ignore[attr-defined]
            end = attributes[-1].end  # type: ignore[attr-defined]
            closing = text.find(">", end)
            if opening < 0 or "{..." in text[opening : closing if closing > 0 else end].replace(" ", ""):
                continue
            names = {re.sub(r"[-_]", "", a.name.lower()): a for a in attributes}  # type: ignore[attr-defined]
            ui = names.get("ui")
            if ui is None or not ui.literal or not _NEEDS_APP.match((ui.value or "").strip().lower()):
                continue
            kind = (ui.value or "").strip().lower()
            # Only analytics/chart's props are the ones qlik.dev documents for the React package (appId,
            # objectId); other uis took other names in some versions (classic/app's app and sheet). A chart made
            # on the fly (type) needs no object.
            if kind != "analytics/chart" or "appid" not in names or "type" in names:
                continue
            for name in ("objectId",):
                if name.lower() not in names:
                    line, column = unit.file.position(opening)
                    yield ELEMENT_INCOMPLETE.at(
                        unit.file.display, line, f'<QlikEmbed ui="{kind}"> has no {name}', column
                    )


def _bound_name(name: str) -> str:
    """An attribute's name without Vue's binding prefix (``:app-id``, ``v-bind:app-id``)."""
    return re.sub(r"^(?:v-bind:|:)", "", name)


def _callback_navigation(page: EmbedPage) -> Iterator[Finding]:
    """A warning where the callback page's own code (or a meta refresh) navigates: ``location.href = url``,
    ``window.location = url``, ``location.replace(url)`` or ``location.assign(url)``, in its inline scripts and
    the local scripts it loads."""
    for tag in page.page.tags:
        if tag.name == "meta" and (tag.get("http-equiv") or "").strip().lower() == "refresh":
            yield at_tag(CALLBACK_NAVIGATES, page.page, tag, "a meta refresh leaves the callback page")
            return
    for unit in page.page.units:
        script = unit.script
        if "location" not in script.code:
            continue
        for callee, _paren in script.find_calls(frozenset({"replace", "assign"})):
            if script.callee_path(callee).rsplit(".", 2)[-2:-1] == ["location"]:
                yield at_token(CALLBACK_NAVIGATES, unit, callee, "this code leaves the callback page")
                return
        for index in script.punct_indexes("="):
            target = script.text(index - 1) if index else ""
            if target == "href" and script.is_punct(index - 2, ".") and script.text(index - 3) == "location":
                yield at_token(CALLBACK_NAVIGATES, unit, index - 3, "this code leaves the callback page")
                return
            if target == "location" and (
                index < 2
                or not script.is_punct(index - 2, ".")
                or script.text(index - 3) in ("window", "document", "self", "top")
            ):
                yield at_token(CALLBACK_NAVIGATES, unit, index - 1, "this code leaves the callback page")
                return


# window.qlikEmbed.connect(), window.QlikEmbed.config({...}), globalThis.qlikEmbed.x(): a global the loader
# never sets (it sets window.QlikMain, for its own runtime).
_INVENTED = Quick(re.compile(r"\b(?:window|globalThis|self)\s*\.\s*(qlik_?embed)\s*\.\s*([A-Za-z_$][\w$]*)\s*\(", re.I))


def _invented_api(project: Project, facts: Facts) -> Iterator[Finding]:
    """An error at each call of a method of ``window.qlikEmbed`` in a project that uses qlik-embed, unless the
    project sets that global itself."""
    if not (facts.embed.pages or facts.embed.package_tags or facts.embed_tags):
        return
    units = [u for u in project.units if u.in_browser and _INVENTED.search(u.script.code)]
    if not units:
        return
    assigned = re.compile(r"\b(?:window|globalThis|self)\s*\.\s*qlik_?embed\s*=(?!=)", re.I)
    if any(assigned.search(u.script.code) for u in project.units):
        return
    for unit in units:
        code = unit.script.code
        for m in _INVENTED.finditer(code):
            if "//" in code[code.rfind("\n", 0, m.start()) + 1 : m.start()]:
                continue  # commented out
            start = unit.script.offset + m.start(2)
            place = Place(unit.file, start, start + len(m.group(2)))
            yield at_place(
                NO_SUCH_API,
                place,
                f"window.{m.group(1)}.{m.group(2)}() is not part of qlik-embed: the loader sets no such global",
            )


# A Qlik-named custom element in a page's markup, and the name a script creates one by.
_QLIK_ELEMENT = re.compile(r"<(qlik-[a-z0-9-]+)(?=[\s>/])", re.I)
_ELEMENT_NAME = re.compile(r"^qlik-[a-z0-9-]+$")
# Pages read as HTML (not Vue, Svelte or Astro components, whose <qlik-chart> is the project's own component).
_HTML_PAGES = (".html", ".htm", ".php", ".ejs", ".hbs", ".erb", ".jinja", ".j2", ".cshtml", ".aspx", ".jsp")


def _unknown_elements(project: Project, facts: Facts) -> Iterator[Finding]:
    """An error at the first use in each file of a ``<qlik-...>`` element other than ``<qlik-embed>`` that the
    project does not define (``customElements.define``, an Angular selector, a component named after it)."""
    uses: list[tuple[Place, str]] = []
    for page in project.pages:
        text = page.file.text
        if "<qlik-" not in text.lower() or not page.file.path.name.lower().endswith(_HTML_PAGES):
            continue
        for m in _QLIK_ELEMENT.finditer(text):
            if text.rfind("<!--", 0, m.start()) > text.rfind("-->", 0, m.start()):
                continue  # commented out
            uses.append((Place(page.file, m.start() + 1, m.end()), m.group(1).lower()))
    for unit, index, value in facts.strings:
        if not unit.in_browser or not _ELEMENT_NAME.match(value):
            continue
        call = unit.script.enclosing_call(index)
        if call is not None and unit.script.text(call[0]) == "createElement":
            uses.append((string_place(unit, index), value.lower()))
    if not uses:
        return
    defined = _defined_elements(project)
    seen: set[tuple[int, str]] = set()
    for place, name in uses:
        if name in EMBED_ELEMENTS or name in defined or (id(place.file), name) in seen:
            continue
        seen.add((id(place.file), name))
        yield at_place(UNKNOWN_ELEMENT, place, f"<{name}> is not an element of any Qlik library, nor of this project")


def _defined_elements(project: Project) -> set[str]:
    """Custom element names the project defines: ``customElements.define('x-y')``, an Angular component's
    ``selector: 'x-y'``, and component files named after one (QlikApp.vue, qlik-app.svelte, QlikApp.tsx)."""
    names: set[str] = set()
    for unit in project.units:
        code = unit.script.code
        for m in re.finditer(r"""(?:customElements\.define|selector\s*:)\s*\(?\s*["'`]([a-z0-9-]+)["'`]""", code, re.I):
            names.add(m.group(1).lower())
        stem = unit.file.path.name.split(".", 1)[0]
        names.add(re.sub(r"(?<!^)(?=[A-Z])", "-", stem).lower())
    return names


def _check_page(project: Project, embed: EmbedFacts, page: EmbedPage) -> Iterator[Finding]:
    where = page.anchor
    for tag in page.page.tags:
        if "data-cross-site-cookies" in tag.attributes:
            yield _at_attribute(
                CROSS_SITE_COOKIES,
                page,
                tag,
                ("data-cross-site-cookies",),
                "data-cross-site-cookies is ignored by qlik-embed",
            )
    if page.page.role == "component" and page.loader is None:
        # a component's page (index.html) loads qlik-embed and holds its settings; a component that loads it
        # itself (Svelte's <svelte:head>, an Astro layout) holds them in its own loader tag, judged here
        return
    if page.loader is None and (_imported_from_code(page) or _bundle_imports_it(project, page)):
        return  # import "@qlik/embed-web-components" (an import map, a bundler): settings come from code
    if page.loader is None and _fragment_of_a_loading_page(embed, page):
        return  # a piece of markup another page mounts (jQuery .load, a router's view): that page loads it
    if page.loader is None and _injected_by_code(page):
        return  # the page's script adds the loader tag itself (createElement("script"), its data-* from code)
    if page.loader is None and _asset_helper_loads_it(project, page):
        return  # @vite(['resources/js/qlik.js']) in a server template: that script adds the loader (or imports it)
    if page.loader is None and _layout_loads_it(embed, page):
        return  # a server template whose layout or included partial holds the loader and its settings
    if page.elements and page.loader is None:
        yield at_tag(
            NOT_LOADED, page.page, page.elements[0], f"{len(page.elements)} <qlik-embed> element(s), no loader"
        )
        return
    host = page.setting("host")
    # Each element's own attributes come first (the loader reads all of them as props): host="..." or a named
    # host config (host-config="name", registered with @qlik/api's auth.registerHostConfig) on every element.
    if (
        (host is None or not host[0].strip())
        and not _on_every_element(page, ("host", "host-config"))
        and not _host_set_by_code(page)
    ):
        yield at_tag(NO_HOST, page.page, where, "no data-host (nor qlik-embed-host) on this page")
    if page.loader is None:
        return  # a callback page needs only its host
    if _on_every_element(page, ("host-config",)):
        return  # every element signs in with a host config registered by the page's code: not read here
    storage = page.setting("access-token-storage")
    if storage is not None and not is_dynamic(storage[0]) and storage[0].strip() not in TOKEN_STORAGES:
        holder = _holder(storage, where)
        written = holder.attributes.get("data-access-token-storage") if holder is not None else None
        message = f"data-access-token-storage is {storage[0].strip()!r}, not 'session' or 'local'"
        if written is not None:
            yield at_place(TOKEN_STORAGE, Place(page.page.file, written.start, written.end), message)
        else:
            yield at_tag(TOKEN_STORAGE, page.page, holder, message)
    auth = page.setting("auth-type")
    kind = (auth[0] if auth else _element_value(page, "auth-type")).strip().lower()
    if kind and not is_dynamic(kind):
        known = auth_type(kind)
        if known is None or not known.cloud or not known.browser:
            holder = _holder(auth, where)
            written = holder.attributes.get("data-auth-type") if holder is not None else None
            message = f"data-auth-type {kind!r}: " + (known.note if known else "no auth type qlik-embed knows")
            if written is not None:  # point at the value to change, not at the start of a long tag
                yield at_place(AUTH_TYPE, Place(page.page.file, written.start, written.end), message)
            else:
                yield at_tag(AUTH_TYPE, page.page, holder, message)
    if not kind and host is not None and _no_sign_in(page, _computed_host(project, page, host[0])):
        message = "no data-auth-type, data-client-id nor data-web-integration-id beside this data-host"
        written = host[1].attributes.get("data-host") if host[1] is not None else None
        if written is not None:  # the tenant's attribute, which the sign-in settings go beside
            yield at_place(NO_AUTH, Place(page.page.file, written.start, written.end), message)
        else:
            yield at_tag(NO_AUTH, page.page, where, message)
    if kind == "cookie":
        if not _value(page, "web-integration-id"):
            yield _at_attribute(
                COOKIE_NO_ID,
                page,
                _holder(auth, where),
                _AUTH_ATTRIBUTES,
                "cookie sign-in without data-web-integration-id",
            )
    elif kind == "oauth2":
        if not _value(page, "client-id"):
            message = "OAuth2 sign-in without data-client-id"
            yield _at_attribute(OAUTH_NO_CLIENT_ID, page, _holder(auth, where), _AUTH_ATTRIBUTES, message)
        redirect = page.setting("redirect-uri") or _element_setting(page, "redirect-uri")
        if _value(page, "get-access-token") and redirect is None:
            return  # impersonation: the page's function hands it the backend's token, nobody is sent back
        if redirect is None or not redirect[0].strip():
            message = "OAuth2 sign-in without data-redirect-uri"
            yield _at_attribute(OAUTH_NO_REDIRECT, page, _holder(auth, where), _AUTH_ATTRIBUTES, message)
        elif not _filled_later(page, redirect[0]):
            yield from _check_redirect(project, embed, page, redirect[0].strip(), _holder(redirect, where))


def _filled_later(page: EmbedPage, value: str) -> bool:
    """True when a server template or a bundler fills the value in (<%= uri %>, %VITE_REDIRECT_URI%): it is not
    judged. ``${x}`` in a plain .html file stays judged: nothing fills it there."""
    if not is_dynamic(value):
        return False
    if page.page.role == "script":
        return True  # a value the page's code computes and sets on the loader it adds
    plain = page.page.file.path.suffix.lower() in (".html", ".htm")
    return not (plain and value.strip().startswith("${"))


def _value(page: EmbedPage, name: str) -> str:
    found = page.setting(name)
    return found[0].strip() if found else _element_value(page, name)


def _element_setting(page: EmbedPage, name: str) -> tuple[str, Tag] | None:
    """The setting as the page's first element that carries it writes it (``client-id="..."`` on the
    ``<qlik-embed>`` itself, which the loader reads before any page-wide setting), and that element."""
    for tag in page.elements:
        value = (tag.get(name) or "").strip()
        if value:
            return value, tag
    return None


def _element_value(page: EmbedPage, name: str) -> str:
    found = _element_setting(page, name)
    return found[0] if found else ""


def _on_every_element(page: EmbedPage, names: tuple[str, ...]) -> bool:
    """True when the page has elements and each carries one of the attributes ``names``, not empty."""
    return bool(page.elements) and all(any(_prop(tag, n).strip() for n in names) for tag in page.elements)


# The loader splits an attribute's name at ":" or "___" into the prop and its type: host-config:json='{...}' is
# the element's host config, parsed as JSON5 (qlik-embed's attrToObj and parsePropValue).
_TYPED = re.compile(r"^([a-z][a-z0-9-]*)(?::|___)[a-z]+$")


def _prop(tag: Tag, name: str) -> str:
    """The value of the element's prop ``name``, written plain or with a type (``host-config:json``)."""
    value = tag.get(name)
    if value is not None:
        return value
    for attribute in tag.attributes:
        m = _TYPED.match(attribute)
        if m is not None and m.group(1) == name:
            return tag.get(attribute) or ""
    return ""


# A sign-in set up elsewhere on the page, in the forms qlik-embed reads: an attribute (written, or set by a
# script: setAttribute("client-id", ...), el.dataset.clientId), or a host config given to @qlik/api
# (registerHostConfig, setDefaultHostConfig, a hostConfig). A made-up call (QlikEmbed.config({authType})) is none.
_SIGN_IN_WORDS = re.compile(
    r"(?i)(?:auth-type|client-id|web-integration-id|access-code|api-key|get-access-token|host-config)\b"
    r"|registerHostConfig|setDefaultHostConfig|\bhostConfig\b"
    r"|dataset\.(?:authType|clientId|webIntegrationId|accessCode|apiKey|getAccessToken|hostConfig)"
)
# The hosts @qlik/api never asks whether they run Windows (isWindows): a Qlik Cloud tenant's.
_CLOUD_HOST = re.compile(r"(?i)^(?:https?://)?[\w.-]+\.(?:qlikcloud\.com|qlik-stage\.com|qlikcloudgov\.com)/?$")


# A value a framework component computes from a name or one property of it (environment.qlikHost, QLIK_HOST)
_NAMED_VALUE = re.compile(r"\$\{\s*([A-Za-z_$][\w$]*)(?:\s*\.\s*([A-Za-z_$][\w$]*))?\s*\}")


def _computed_host(project: Project, page: EmbedPage, host: str) -> str:
    """The host a loader added by code is given from a name (``s.setAttribute('data-host', environment.qlikHost)``,
    an Angular environment, a config module): the literal that name holds, when one is written; else ``host``."""
    named = _NAMED_VALUE.fullmatch(host.strip())
    if named is None or page.page.role != "script" or not page.page.units:
        return host
    unit = page.page.units[0]
    script = unit.script
    name, key = named.group(1), named.group(2)
    index = next((i for i in range(len(script.tokens)) if script.is_ident(i, name)), None)
    if index is None:
        return host
    text = facts_of(project).resolved_text(unit, index, index + 1, depth=2)
    literal = r"[\"'`]([^\"'`$]+)[\"'`]"
    found = (
        re.search(rf"\b{re.escape(key)}\s*:\s*{literal}", text) if key else re.fullmatch(rf"\s*{literal}\s*;?\s*", text)
    )
    return found.group(1) if found else host


def _no_sign_in(page: EmbedPage, host: str) -> bool:
    """True when a page loading qlik-embed for a Qlik Cloud tenant says nothing about signing in: no auth type,
    client id, web integration id, API key, access code or token function, in its markup or its scripts."""
    if not _CLOUD_HOST.match(host.strip()):
        return False  # a client-managed server's default is its Windows cookie; a computed host is unknown
    texts = [page.page.file.text, *(unit.file.text for unit in page.page.units)]
    return not any(_SIGN_IN_WORDS.search(text) for text in texts)


def _holder(found: tuple[str, Tag | None] | None, default: Tag | None) -> Tag | None:
    return found[1] if found and found[1] is not None else default


def _check_redirect(
    project: Project, embed: EmbedFacts, page: EmbedPage, redirect: str, tag: Tag | None
) -> Iterator[Finding]:
    # A redirect on the developer's machine is the host-config rule's finding too: one rule for one mistake.
    from mashup_gen.checker.rules.hostconfig import REDIRECT_LOCALHOST, fixed_to_a_machine

    origins = str((project.record.answers if project.record else {}).get("origins") or "").split()
    origin = origin_of(redirect)
    if origin is None:
        message = f"the redirect URI {redirect} is not an absolute URL"
        yield _at_attribute(REDIRECT_OFF_ORIGINS, page, tag, _REDIRECT_ATTRIBUTES, message)
        return
    if origins and origin not in {origin_of(o) for o in origins}:
        message = f"the redirect URI {redirect} is on {origin}, not on the page's origins ({', '.join(origins)})"
        yield _at_attribute(REDIRECT_OFF_ORIGINS, page, tag, _REDIRECT_ATTRIBUTES, message)
    if fixed_to_a_machine(redirect) and origin not in {origin_of(o) for o in origins}:
        written = tag.attributes.get("data-redirect-uri") if tag is not None else None
        message = f"the OAuth redirect URI is fixed to {redirect}"
        if written is not None:  # the value to change, not the start of a long tag
            yield at_place(REDIRECT_LOCALHOST, Place(page.page.file, written.start, written.end), message)
        else:
            yield at_tag(REDIRECT_LOCALHOST, page.page, tag, message)
    path = url_path(redirect)
    if not embed.project_file_for(path):
        return  # a page the project does not have at all: the missing-file rule reports it, once
    # A page that loads qlik-embed completes the sign-in too: Qlik's auth module handles the code and state it
    # is sent back with on whatever page loads it (read in @qlik/api's OAuth code), then returns to the page
    # the sign-in started from.
    callbacks = {
        p.page.file.path.resolve()
        for p in embed.pages
        if p.callback is not None or (p.loader and (p.elements or _creates_elements(p)))
    }
    parts = [p for p in path.split("/") if p]
    named = [project.root.joinpath(*parts[i:]).resolve() for i in range(len(parts))]
    if not any(candidate in callbacks for candidate in named):
        # The page named loads the package's loader in place of the callback script: its script tag is the line
        # to change (the loader's src to the callback's), not this page's redirect URI.
        target = next(
            (p for p in embed.pages if p.loader is not None and p.page.file.path.resolve() in named),
            None,
        )
        if target is not None and target.loader is not None:
            src = target.loader.attributes.get("src")
            message = f"{path} loads qlik-embed's loader, not Qlik's OAuth callback script"
            if src is not None:
                yield at_place(REDIRECT_NO_FILE, Place(target.page.file, src.start, src.end), message)
            else:
                yield at_tag(REDIRECT_NO_FILE, target.page, target.loader, message)
            return
        message = f"{path} does not load Qlik's OAuth callback script"
        yield _at_attribute(REDIRECT_NO_FILE, page, tag, _REDIRECT_ATTRIBUTES, message)


# A server template that takes its <head> from another file: Jinja/Twig/Nunjucks/Django {% extends %} and
# {% include %}, EJS <%- include() %>, Handlebars {{> partial }}, Blade @extends/@include, JSP <jsp:include> and
# <%@ include %>, Go {{ template "x" }}; every Pug page and every Razor view (its layout, _ViewStart's).
_LAYOUT = re.compile(
    r"""\{%-?\s*(?:extends|include)\b|<%[-=]?\s*include\b|\{\{>\s*[\w/.-]+|@(?:extends|include)\s*\("""
    r"""|<jsp:include\b|<%@\s*include\b|\{\{-?\s*template\s+\""""
)
_LAYOUT_SUFFIXES = (".pug", ".jade", ".cshtml", ".vbhtml")


def _layout_loads_it(embed: EmbedFacts, page: EmbedPage) -> bool:
    """True when the page takes its head from a layout or partial (see ``_LAYOUT``) and another file of the
    project holds the loader."""
    path = page.page.file.path
    if not (path.suffix.lower() in _LAYOUT_SUFFIXES or _LAYOUT.search(page.page.file.text)):
        return False
    return any(other.loader is not None and other.page.file.path != path for other in embed.pages)


def _injected_by_code(page: EmbedPage) -> bool:
    """True when the page's own scripts hold the package's URL as a string (``el.src = "https://.../@qlik/
    embed-web-components/dist/index.min.js"`` or ``setAttribute("src", ...)``): the loader is added at run time."""
    for unit in page.page.units:
        script = unit.script
        if EMBED_MODULE not in script.code:
            continue
        for index, token in enumerate(script.tokens):
            if token.kind in (STRING, TEMPLATE) and _PACKAGE_URL.search(script.string_value(index) or ""):
                return True
    return False


# A server template's asset helper, which writes the <script> tags of the scripts it names: Laravel's
# @vite(['resources/js/app.js']) or @vite('...'), django-vite's {% vite_asset 'js/main.js' %}, vite_ruby's
# <%= vite_javascript_tag 'application' %>, Rails' javascript_include_tag.
# Or a helper that writes a static file's URL into a <script src>: Flask's url_for('static', filename='x.js'),
# Django's {% static 'x.js' %}, Laravel's asset('js/x.js') and mix('js/x.js').
_ASSET_HELPER = re.compile(
    r"""@vite\s*\(([^)]*)\)|\{%-?\s*(?:vite_asset|static)\s+([^%]*)%\}"""
    r"""|\b(?:vite_javascript_tag|vite_typescript_tag|javascript_include_tag)\b([^%\n]*)"""
    r"""|\burl_for\(\s*["']static["']\s*,\s*filename\s*=\s*([^)]*)\)|\b(?:secure_asset|asset|mix)\(([^)]*)\)"""
)
_ASSET_WORDS = ("vite", "javascript_include_tag", "static", "asset(", "mix(")
_QUOTED = re.compile(r"""["']([^"'\s]+)["']""")


def _asset_helper_loads_it(project: Project, page: EmbedPage) -> bool:
    """True when the page is a server template whose asset helper (``@vite([...])``, ``{% vite_asset %}``,
    ``vite_javascript_tag``, ``url_for('static', filename=...)``, ``{% static %}``, ``asset(...)``) names a
    script of the project that adds qlik-embed's loader (the package's URL as a string: ``s.src =
    ".../@qlik/embed-web-components@1/dist/index.min.js"``), or a bundled entry in a project where a module
    imports the package: the helper writes the page's <script> tag for it."""
    text = page.page.file.text
    if not any(word in text for word in _ASSET_WORDS):
        return False
    names = [
        quoted.group(1).lstrip("/")
        for m in _ASSET_HELPER.finditer(text)
        for quoted in _QUOTED.finditer(next(g for g in m.groups() if g is not None))
    ]
    if not names:
        return False
    entries = []
    for unit in project.units:
        relative = project.relative(unit.file.path)
        stem = relative.rsplit(".", 1)[0]
        for name in names:
            if "." in name.rsplit("/", 1)[-1]:
                named = relative == name or relative.endswith("/" + name)
            else:  # vite_javascript_tag 'application': an entry named without its extension
                named = stem == name or stem.endswith("/" + name)
            if named:
                entries.append(unit)
    for unit in entries:
        script = unit.script
        if EMBED_MODULE in script.code and any(
            token.kind in (STRING, TEMPLATE) and _PACKAGE_URL.search(script.string_value(index) or "")
            for index, token in enumerate(script.tokens)
        ):
            return True
    return bool(entries) and any(
        EMBED_MODULE in unit.script.code
        and unit.syntax is not None
        and any(i.source.startswith(EMBED_MODULE) for i in unit.syntax.imports)
        for unit in project.units
    )


def _imported_from_code(page: EmbedPage) -> bool:
    """True when the page's own scripts import the package (``import "@qlik/embed-web-components"``)."""
    for unit in page.page.units:
        if EMBED_MODULE not in unit.script.code:
            continue
        if unit.syntax is not None and any(_names_the_package(i.source) for i in unit.syntax.imports):
            return True
    return False


def _names_the_package(source: str) -> bool:
    """True for an import of the package: by name (``@qlik/embed-web-components``, resolved by a bundler or an
    import map) or by a CDN's URL of its ES module build (``https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1
    /+esm``, ``https://esm.sh/@qlik/embed-web-components``), which runs the loader as the script tag does."""
    return source.startswith(EMBED_MODULE) or ("://" in source and f"/{EMBED_MODULE}" in source)


def _bundle_imports_it(project: Project, page: EmbedPage) -> bool:
    """True when the page loads a local module script and some module of the project imports the package
    (``main.js`` imports ``./qlik.js``, which imports "@qlik/embed-web-components"): the bundler puts it into
    the page's script, however deep the import."""
    own_script = any(unit.file.path.suffix for unit in page.page.units if unit.file.path != page.page.file.path)
    if not own_script and not _html_plugin_template(project, page.page):
        return False  # the page loads no script file of its own, nor has a bundler add one
    for unit in project.units:
        if EMBED_MODULE not in unit.script.code or unit.syntax is None:
            continue
        if any(i.source.startswith(EMBED_MODULE) for i in unit.syntax.imports):
            return True
    return False


# A bundler's HTML plugin (webpack's HtmlWebpackPlugin, Rspack's HtmlRspackPlugin) writes the page from a template
# and adds the <script> tags of its entry chunks itself: the template names no script of its own.
_HTML_PLUGIN = re.compile(r"\bHtml(?:Webpack|Rspack)Plugin\b|html-webpack-plugin")
_TEMPLATE_OPTION = re.compile(r"""\btemplate\s*:\s*[^,}\n]*?["'`]([^"'`]+)["'`]""")


def _html_plugin_template(project: Project, page: Page) -> bool:
    """True when a build config at the project's root hands the page to an HTML plugin as its ``template``."""
    name = page.file.path.name
    for config in project.root_configs.values():
        if not config or not _HTML_PLUGIN.search(config):
            continue
        for match in _TEMPLATE_OPTION.finditer(config):
            written = match.group(1).replace("\\", "/").rsplit("/", 1)[-1]
            if written == name:
                return True
    return False


# The markers of a whole HTML document: a fragment (a view a router or jQuery's .load puts into a page) has none.
_DOCUMENT = re.compile(r"(?i)<!doctype|<html[\s>]|<head[\s>]|<body[\s>]")


def _fragment_of_a_loading_page(embed: EmbedFacts, page: EmbedPage) -> bool:
    """True when the page is a fragment of HTML (no doctype, <html>, <head> nor <body>) and another page of the
    project loads the package: the elements are mounted into that page, which holds the loader."""
    if _DOCUMENT.search(page.page.file.text):
        return False
    return any(other.loader is not None and other.page.file.path != page.page.file.path for other in embed.pages)


# The forms in which a page's script gives qlik-embed its tenant at run time: a loader setting on a tag
# (setAttribute("data-host", ...), "data-qlik-embed-host"), or, on a <qlik-embed> element the script makes or
# finds, the attribute (setAttribute("host" | "host-config", ...)), el.dataset.host, or the element's hostConfig
# property (an object the loader takes as it is: qlik-embed's resolveAllProps).
_LOADER_HOST_FROM_CODE = re.compile(r"""setAttribute\(\s*["'`]data-(?:qlik-embed-)?host(?:-config)?["'`]""")
_ELEMENT_HOST_FROM_CODE = re.compile(
    r"""setAttribute\(\s*["'`]host(?:-config)?["'`]|\.dataset\.(?:qlikEmbed)?[hH]ost(?:Config)?\s*=|\.hostConfig\s*="""
)
# A script making <meta> tags (createElement("meta")): with qlik-embed-<name> in its code, the settings' meta tags.
_META_FROM_CODE = re.compile(r"""createElement\(\s*["'`]meta["'`]\s*\)""")
_EMBED_ELEMENT_IN_CODE = re.compile(r"""["'`]qlik-embed\b|<qlik-embed\b""")


def _host_set_by_code(page: EmbedPage) -> bool:
    """True when the page's scripts set the tenant on the loader's tag or on the <qlik-embed> elements they make
    or find at run time (see ``_LOADER_HOST_FROM_CODE``): the value is there when the elements mount, though no
    markup writes it. A host set on another element (<qlik-app>) is nothing qlik-embed reads."""
    for unit in page.page.units:
        code = unit.script.code
        if _LOADER_HOST_FROM_CODE.search(code):
            return True
        if _META_FROM_CODE.search(code) and "qlik-embed-" in code:
            return True  # the script writes the <meta name="qlik-embed-..."> tags the loader reads
        if _ELEMENT_HOST_FROM_CODE.search(code) and _EMBED_ELEMENT_IN_CODE.search(code):
            return True
    return False


def _creates_elements(page: EmbedPage) -> bool:
    """True when the page's scripts make its <qlik-embed> elements (``createElement("qlik-embed")``, markup
    given to ``innerHTML``): they mount once the script runs, and sign in on that page like written ones."""
    return any("qlik-embed" in unit.script.code for unit in page.page.units)


# The attributes a finding about the sign-in or the redirect URI points at: the setting to change or to add
# another beside, not the first line of a script tag whose attributes run over many lines.
_AUTH_ATTRIBUTES = ("data-auth-type", "data-qlik-embed-auth-type", "auth-type", "data-host")
_REDIRECT_ATTRIBUTES = ("data-redirect-uri", "data-qlik-embed-redirect-uri", "redirect-uri")


def _at_attribute(rule: Rule, page: EmbedPage, tag: Tag | None, names: tuple[str, ...], message: str) -> Finding:
    """A finding at the first of the attributes ``names`` that ``tag`` has, else at the tag."""
    for name in names:
        written = tag.attributes.get(name) if tag is not None else None
        if written is not None:
            return at_place(rule, Place(page.page.file, written.start, written.end), message)
    return at_tag(rule, page.page, tag, message)
