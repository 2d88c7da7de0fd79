"""Planning an adoption: the steps, in order, that work out every edit of one project in memory.

Each step reads the checker's facts about the project (what it does) and the files' syntax trees (where the
values are written: :mod:`mashup_gen.source.places`), and adds edits at exact offsets of the author's files
(see :mod:`mashup_gen.adopt.edits`), so everything else stays byte for byte as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from mashup_gen.adopt import edits as primitives
from mashup_gen.adopt.apps import open_app
from mashup_gen.adopt.edits import Edits, literal_place, tag_at
from mashup_gen.adopt.helper import add_helper
from mashup_gen.adopt.mentions import FileMentions, mentions_in
from mashup_gen.adopt.model import Adoption
from mashup_gen.adopt.policy import widen_policy
from mashup_gen.checker.facts import (
    Facts,
    ResourceRef,
    blocked,
    facts_of,
    from_location,
    needs,
    other_require_js,
    suggested_url,
)
from mashup_gen.checker.project import Page, Project, Tag, Unit, is_javascript
from mashup_gen.checker.scan import QEXT_SUFFIX, SourceFile
from mashup_gen.source.grammars import SUFFIX_GRAMMAR
from mashup_gen.source.places import (
    MARKUP_SUFFIXES,
    Literal,
    ObjectLiteral,
    Places,
    literal_value,
    places,
)
from mashup_gen.source.statics import IDENTIFIER, declaration, static_string
from mashup_gen.source.syntax import Parsed
from mashup_gen.tenant import Tenant, is_loopback

# Files read with a syntax tree: an edit in one must fall within a literal of its tree.
PARSED_SUFFIXES = (*MARKUP_SUFFIXES, *SUFFIX_GRAMMAR)


class Planner:
    """Works out the edits for one project."""

    def __init__(self, project: Project, tenant: Tenant, web_integration_id: str, app_id: str | None) -> None:
        self.project = project
        self.facts: Facts = facts_of(project)
        self.tenant = tenant
        self.id = web_integration_id
        self.app_id = app_id
        self.edits: dict[Path, Edits] = {}
        self._places: dict[Path, Places] = {}
        self.adoption = Adoption(project.root)

    def file_edits(self, source: SourceFile) -> Edits:
        """The edit list of one file."""
        if source.path not in self.edits:
            self.edits[source.path] = Edits(source)
        return self.edits[source.path]

    def note(self, message: str) -> None:
        """Remember something done, once."""
        if message not in self.adoption.done:
            self.adoption.done.append(message)

    def plan(self) -> Adoption:
        """Every step in order, then every file's edits applied in memory."""
        for step in STEPS:
            step(self)
        for path, edits in self.edits.items():
            new = edits.apply()
            if new != edits.source.text:
                self.adoption.changed[path] = (edits.source, new)
        return self.adoption

    # -- edits in the file they belong to --------------------------------------------------------------

    def places(self, source: SourceFile) -> Places:
        """The literals and object literals of a file, read from its syntax trees once."""
        if source.path not in self._places:
            try:
                self._places[source.path] = places(source.path.name, source.text)
            except Exception:  # a parser failure must never stop an adoption: nothing in that file is edited
                self._places[source.path] = Places([], [])
        return self._places[source.path]

    def in_literal(self, source: SourceFile, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies within one literal of the file's syntax trees (or the file is one no
        grammar reads, such as JSON): the only places adopt replaces text in."""
        if not source.path.name.lower().endswith(PARSED_SUFFIXES):
            return True
        return self.literal_at(source, start, end) is not None

    def literal_at(self, source: SourceFile, start: int, end: int) -> Literal | None:
        """The literal of the file's syntax trees that ``[start, end)`` lies in, if any."""
        return next((p for p in self.places(source).literals if p.start <= start and end <= p.end), None)

    def object_of(self, unit: Unit, obj_open: int) -> ObjectLiteral | None:
        """The syntax tree's object literal that the checker's facts found at token ``obj_open``."""
        offset = unit.script.offset + unit.script.tokens[obj_open].start
        return self.places(unit.file).objects.get(offset)

    def set_property(self, unit: Unit, obj_open: int, key: str, value: object, replace_expressions: bool) -> None:
        """Make ``key: value`` hold in the object literal at token ``obj_open`` (see :mod:`edits`).

        An expression built from literals and variables (``baseUrl: tenantUrl + '/resources'``,
        ``baseUrl: `${base}/resources```) is kept when, with the adoption's other edits made, it already gives
        ``value``: the author's structure stays. So is a literal the other edits make right (its quotes too).
        """
        obj = self.object_of(unit, obj_open)
        if obj is None:
            return
        prop = obj.get(key)
        if replace_expressions and isinstance(value, str) and prop is not None and not prop.shorthand:
            if static_string(self.trees(unit.file), prop.start, prop.end, self._retarget_text) == value:
                return
        primitives.set_property(self.file_edits(unit.file), obj, key, value, replace_expressions)

    def trees(self, source: SourceFile) -> list[Parsed]:
        """The JavaScript/TypeScript syntax trees of a file (the whole file, or a page's inline scripts)."""
        return self.places(source).trees

    def insert_tag(self, page: Page, before: Tag | None, markup: str, head: bool = False) -> None:
        """Insert ``markup`` on its own line before ``before`` (or before ``</head>``/``</body>``)."""
        primitives.insert_tag(self.file_edits(page.file), page, before, markup, head)

    # -- the steps (in the order of STEPS) ---------------------------------------------------------------

    def require_configs(self) -> None:
        """baseUrl and webIntegrationId in every ``require.config``."""
        for config in self.facts.require_configs:
            self.set_property(config.unit, config.obj.open, "baseUrl", self.tenant.resources_url, True)
            self.set_property(config.unit, config.obj.open, "webIntegrationId", self.id, False)
            self.note(f"require.config: baseUrl {self.tenant.resources_url} and the web integration id")

    def config_objects(self) -> None:
        """The tenant's values and the id in every capability API config object."""
        for config in self.facts.configs:
            obj = self.object_of(config.unit, config.obj.open)
            if obj is None:
                continue
            keys = {p.key for p in obj.properties}
            located = {k for k in ("host", "prefix", "port", "isSecure") if from_location(self.facts, config, k)}
            values: dict[str, object] = {"host": self.tenant.host}
            if keys & {"prefix", "port", "isSecure"}:
                values.update({"prefix": "/", "port": self.tenant.port, "isSecure": self.tenant.is_secure})
            for key, value in values.items():
                replace = key in located or (key == "host" and not self._names_a_literal(config.unit, obj, key))
                self.set_property(config.unit, config.obj.open, key, value, replace)
            self.set_property(config.unit, config.obj.open, "webIntegrationId", self.id, False)
            if self.app_id is not None and obj.get("appId") is not None:
                self.set_property(config.unit, config.obj.open, "appId", self.app_id, False)
            self.note(f"the capability API's config object: host {self.tenant.host} and the web integration id")

    def _names_a_literal(self, unit: Unit, obj: ObjectLiteral, key: str) -> bool:
        """True when a property's value is a variable declared as a string literal (re-targeted where declared)."""
        prop = obj.get(key)
        if prop is None or prop.shorthand or not IDENTIFIER.fullmatch(prop.text):
            return False
        declared = declaration(self.trees(unit.file), prop.start, prop.text)
        return declared is not None and isinstance(literal_value(declared[2]), str)

    def script_files(self) -> list[SourceFile]:
        """Every page and script of the project, each once."""
        files: dict[Path, SourceFile] = {}
        for page in self.project.pages:
            files.setdefault(page.file.path, page.file)
        for unit in self.project.units:
            files.setdefault(unit.file.path, unit.file)
        return list(files.values())

    def secrets(self) -> None:
        """Remove Authorization headers carrying a bearer token, then blank every key left in the code."""
        facts = self.facts
        secret_names = {s.kind for s in facts.secrets if s.kind not in ("jwt", "bearer")}
        for source in self.script_files():
            found = self.places(source)
            for obj in found.objects.values():
                for prop in obj.properties:
                    if prop.key.lower() != "authorization" or prop.shorthand:
                        continue
                    if "Bearer" in prop.text or any(name in prop.text for name in secret_names):
                        if primitives.remove_property(self.file_edits(source), obj, prop):
                            self.note("removed the Authorization headers that sent an API key")
            for call in found.calls:
                if call.name != "setRequestHeader" or call.statement is None or len(call.arguments) != 2:
                    continue
                if str(literal_value(call.arguments[0][2])).lower() != "authorization":
                    continue
                self.file_edits(source).add(*call.statement, "")
                self.note("removed the Authorization headers that sent an API key")
        for secret in facts.secrets:
            place = literal_place(secret.place)
            # A whole string literal of the file's syntax tree is blanked; anything else (a value read from
            # the environment, a comment) is left to the author.
            quoted = place.file.text[place.start : place.start + 1] in ("'", '"', "`")
            literal = quoted and self.in_literal(place.file, secret.place.start, secret.place.end)
            if literal and self.file_edits(place.file).add(place.start, place.end, '""'):
                self.adoption.manual.append(
                    f"{place.display}:{place.position()[0]}: an API key was removed from the code; revoke it in "
                    "Qlik Cloud (it was public), and delete the backup that still holds it"
                )
            elif not literal:
                self.adoption.manual.append(
                    f"{place.display}:{place.position()[0]}: the original held an API key here; make sure no "
                    "copy is left in the code and revoke it in Qlik Cloud (it was public)"
                )

    def page_resources(self) -> None:
        """Resource links of every page; RequireJS and qlik-styles.css added where the capability API needs them."""
        by_page: dict[Path, list[ResourceRef]] = {}
        for ref in self.facts.resources:
            if ref.in_html:
                by_page.setdefault(ref.place.file.path, []).append(ref)
        for page in self.project.pages:
            refs = by_page.get(page.file.path, [])
            page_edits = self.file_edits(page.file)
            styles_seen = any(r.is_styles for r in refs)
            for ref in refs:
                if ref.is_legacy_css and styles_seen:
                    tag = tag_at(page, ref.place.start)
                    if tag is not None:
                        primitives.remove_tag(page_edits, page, tag)
                        self.note("removed Qlik Sense 2.x stylesheets (qlik-styles.css replaces them)")
                    continue
                styles_seen = styles_seen or ref.is_legacy_css
                self._retarget_ref(page_edits, ref)
            if page not in self.facts.capability_pages:
                continue
            scripts = [t for t in page.scripts() if is_javascript(t)]
            # What the page's scripts inject counts too (a loader writing the require.js tag itself).
            loaded = self.facts.page_resources(page)
            if not any(r.is_require_js for r in loaded):
                other = next((t for t in scripts if other_require_js(t)), None)
                if other is not None:
                    attribute = other.attributes["src"]
                    if self.in_literal(page.file, attribute.start, attribute.end):
                        page_edits.add(attribute.start, attribute.end, self.tenant.require_js_url)
                else:
                    self.insert_tag(
                        page, scripts[0] if scripts else None, f'<script src="{self.tenant.require_js_url}"></script>'
                    )
                self.note("loads RequireJS from the tenant")
            if not styles_seen and not any(r.is_styles or r.is_legacy_css for r in loaded):
                first_link = next((t for t in page.tags if t.name == "link"), None)
                tag = f'<link rel="stylesheet" href="{self.tenant.styles_url}">'
                self.insert_tag(page, first_link or (scripts[0] if scripts else None), tag, head=True)
                self.note("loads qlik-styles.css from the tenant")

    def _retarget_ref(self, edits: Edits, ref: ResourceRef) -> None:
        target = suggested_url(ref, self.tenant)
        if ref.url == target:
            return
        if not self.in_literal(ref.place.file, ref.place.start, ref.place.end):
            line, _ = ref.place.position()
            self.adoption.manual.append(f"{ref.place.display}:{line}: point this Qlik resource link at {target}")
            return
        if edits.add(ref.place.start, ref.place.end, target):
            self.note(f"Qlik resource links point at {self.tenant.resources_url}/...")

    def script_resources(self) -> None:
        """Resource URLs written as strings in scripts (a baseUrl outside require.config, say)."""
        for ref in self.facts.resources:
            if not ref.in_html:
                self._retarget_ref(self.file_edits(ref.place.file), ref)

    @cached_property
    def mentions(self) -> list[tuple[SourceFile, FileMentions]]:
        """The tenant hosts and web integration ids each page and script names, read from syntax trees."""
        return [(source, mentions_in(self.places(source))) for source in self.script_files()]

    def other_tenants(self) -> None:
        """Every other tenant host becomes the new tenant's."""
        for source, mentions in self.mentions:
            for mention in mentions.hosts:
                if mention.host == self.tenant.host and mention.port in (None, self.tenant.port):
                    continue
                if is_loopback(mention.host):
                    continue  # a local server is not a tenant: resource links to it were rewritten above
                start, end, new = mention.start, mention.end, self.tenant.host
                if mention.how == "url":
                    # The whole origin is replaced, so that a loopback test tenant gets its scheme and port too.
                    start = mention.origin_start
                    secure = "s" if self.tenant.is_secure else ""
                    kind = "ws" if mention.scheme.startswith("ws") else "http"
                    new = f"{kind}{secure}://{self.tenant.base_url.split('://', 1)[1]}"
                if self.file_edits(source).add(start, end, new):
                    self.note(f"other tenants' hosts ({mention.host}) replaced by {self.tenant.host}")
            for mention in mentions.in_comments:
                if mention.host != self.tenant.host:
                    line, _ = source.position(mention.start)
                    self.adoption.manual.append(
                        f"{source.display}:{line}: a comment names the tenant {mention.host}; adopt leaves comments "
                        "as written: update or remove it (`mashup-gen regenerate` lists it until then)"
                    )

    def other_ids(self) -> None:
        """Every other web integration id becomes the new one."""
        for source, mentions in self.mentions:
            for mention in mentions.ids:
                if mention.value == self.id and not mention.bare:
                    continue
                # An unquoted attribute is quoted: regenerate re-targets an id only where it stands as a string.
                new = f'"{self.id}"' if mention.bare else self.id
                if self.file_edits(source).add(mention.start, mention.end, new):
                    self.note("web integration ids replaced by the new one")

    def policies(self) -> None:
        """Widen each page's Content-Security-Policy to let the tenant in where the page needs it."""
        for page in self.project.pages:
            for tag in page.tags:
                if tag.name != "meta" or (tag.get("http-equiv") or "").lower() != "content-security-policy":
                    continue
                attribute = tag.attributes.get("content")
                if attribute is None:
                    continue
                wanted = needs(self.facts, page)
                if not wanted and self.adoption.created:
                    wanted = (("connect-src", "https"),)  # the helper's session check
                value = self._retarget_text(attribute.value)
                if value == attribute.value and not blocked(value, self.tenant, wanted):
                    continue
                literal = self.literal_at(page.file, attribute.start, attribute.end)
                if literal is None or literal.kind != "attribute":
                    continue  # not an attribute the page's syntax tree knows: left as written
                content = widen_policy(value, self.tenant, wanted)
                quote = page.file.text[attribute.start - 1 : attribute.start] if literal.quoted else ""
                escaped = (
                    content.replace("&", "&amp;").replace('"', "&quot;")
                    if quote != "'"
                    else content.replace("'", "&#39;")
                )
                # An unquoted value gets quotes: a widened policy has spaces.
                escaped = escaped if literal.quoted else f'"{escaped}"'
                self.file_edits(page.file).add(attribute.start, attribute.end, escaped)
                self.note("Content-Security-Policy: the tenant allowed")

    def _retarget_text(self, text: str) -> str:
        """``text`` with every other tenant's origins and hosts replaced by the new tenant's."""
        old_hosts = {
            m.host
            for _, mentions in self.mentions
            for m in mentions.hosts
            if m.host != self.tenant.host and not is_loopback(m.host)
        }
        rest = self.tenant.base_url.split("://", 1)[1]
        secure = "s" if self.tenant.is_secure else ""
        for host in sorted(old_hosts, key=len, reverse=True):
            pattern = re.compile(rf"(?:\b(https?|wss?)://)?(?<![\w.-]){re.escape(host)}(?::\d+)?(?![\w-]|\.\w)", re.I)

            def replace(m: re.Match[str]) -> str:
                if not m.group(1):
                    return self.tenant.host
                kind = "ws" if m.group(1).lower().startswith("ws") else "http"
                return f"{kind}{secure}://{rest}"

            text = pattern.sub(replace, text)
        return text

    def report_leftovers(self) -> None:
        """Client-managed files are reported, not deleted: the author decides."""
        for path in self.project.found.leftovers:
            kind = "Dev Hub extension descriptor" if path.suffix.lower() == QEXT_SUFFIX else "Dev Hub file list"
            self.adoption.leftovers.append(f"{self.adoption.relative(path)} ({kind}; Qlik Cloud does not read it)")


# The steps in order. Structural edits come first (the first edit of a span wins); the policy step comes
# before other_tenants because it rewrites whole policies, old tenants included.
STEPS: tuple[Callable[[Planner], None], ...] = (
    Planner.require_configs,
    Planner.config_objects,
    open_app,
    Planner.secrets,
    Planner.page_resources,
    Planner.script_resources,
    add_helper,
    Planner.policies,
    Planner.other_tenants,
    Planner.other_ids,
    Planner.report_leftovers,
)
