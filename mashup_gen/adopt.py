"""Adoption: bring a hand-written or client-managed mashup under mashup-gen.

``plan`` works out every change in memory, as edits at exact offsets of the author's files (found by the
checker's facts), so everything else in the files stays byte for byte as the author wrote it:

- Qlik resource links become the tenant's absolute ``https://<tenant>/resources/...`` URLs;
- ``require.config`` and the capability API's config object get the tenant's values and the web integration
  id, written as plain literals so that ``regenerate`` can find and re-target them later;
- other tenants' hosts and other web integration ids become the new ones; the app id too, if given;
- API keys are removed from the code, with the ``Authorization`` headers that sent them;
- the page's Content-Security-Policy is widened to let the tenant in;
- when the login flow is missing, or ``fetch`` calls to the tenant miss the web integration header, the
  credentials or the CSRF token, a small script (:data:`HELPER_NAME`) is added that does it for them.

``write`` keeps a ``NAME.mashup-gen-backup`` of every file it changes and writes the project record last.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mashup_gen import __version__
from mashup_gen.check.facts import Facts, Place, ResourceRef, facts_of
from mashup_gen.check.js import IDENT, STRING, TEMPLATE, ObjectLiteral
from mashup_gen.check.project import Page, Project, Tag, Unit, is_javascript
from mashup_gen.check.rules import csp as csp_rules
from mashup_gen.check.rules.config import from_location
from mashup_gen.check.rules.resources import other_require_js, suggested_url
from mashup_gen.check.scan import QEXT_SUFFIX, SourceFile, whole_folder
from mashup_gen.errors import InvalidValue
from mashup_gen.fs import write_atomic
from mashup_gen.generate import backup_name
from mashup_gen.record import RECORD_NAME, Record, is_project, save
from mashup_gen.regenerate import ADOPTED
from mashup_gen.tenant import REQUIRE_JS_PATH, Tenant, is_loopback

HELPER_NAME = "mashup-gen-qlik.js"
ADOPTED_VERSION = "1"
PATH_EXPECTED = "expected the folder of an existing mashup or web app (holding its HTML pages)"


@dataclass
class Adoption:
    """The planned (or written) adoption of one folder."""

    root: Path
    changed: dict[Path, tuple[SourceFile, str]] = field(default_factory=dict)  # path -> (original, new text)
    created: dict[Path, str] = field(default_factory=dict)
    record: Record | None = None
    done: list[str] = field(default_factory=list)  # what the edits do, for the user
    leftovers: list[str] = field(default_factory=list)
    manual: list[str] = field(default_factory=list)  # what adopt could not fix
    backups: list[str] = field(default_factory=list)

    def relative(self, path: Path) -> str:
        """``path`` relative to the project folder, with forward slashes."""
        return path.relative_to(self.root).as_posix()

    def diff(self) -> str:
        """A unified diff of every change and new file."""
        chunks: list[str] = []
        for path, (source, new) in sorted(self.changed.items()):
            name = self.relative(path)
            chunks.extend(
                difflib.unified_diff(
                    source.text.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    f"a/{name}",
                    f"b/{name}",
                )
            )
        for path, text in sorted(self.created.items()):
            name = self.relative(path)
            chunks.extend(difflib.unified_diff([], text.splitlines(keepends=True), "/dev/null", f"b/{name}"))
        return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)


class Edits:
    """Non-overlapping text edits of one file; the first edit of a span wins (structural edits come first)."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.items: list[tuple[int, int, str]] = []

    def add(self, start: int, end: int, text: str) -> bool:
        """Replace ``[start, end)`` by ``text`` (insert when equal); False if it overlaps an earlier edit."""
        for s, e, _ in self.items:
            if start < e and s < end:
                return False
            if start == end and s < start < e:
                return False
            if s == e and start < s < end:
                return False
        self.items.append((start, end, text))
        return True

    def apply(self) -> str:
        """The file's text with every edit made."""
        text = self.source.text
        # Insertions at the same offset keep the order they were added in.
        order = sorted(enumerate(self.items), key=lambda item: (item[1][0], item[1][1], item[0]))
        parts: list[str] = []
        pos = 0
        for _, (start, end, new) in order:
            parts.append(text[pos:start])
            parts.append(new)
            pos = max(pos, end)
        parts.append(text[pos:])
        return "".join(parts)


def _js(value: object) -> str:
    """A JavaScript literal for a string, number or boolean."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value)


def _line_indent(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]


class Planner:
    """Works out the edits for one project."""

    def __init__(self, project: Project, tenant: Tenant, web_integration_id: str, app_id: str | None) -> None:
        self.project = project
        self.facts: Facts = facts_of(project)
        self.tenant = tenant
        self.id = web_integration_id
        self.app_id = app_id
        self.edits: dict[Path, Edits] = {}
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

    # -- JavaScript objects ------------------------------------------------------------------------

    def set_property(self, unit: Unit, obj_open: int, key: str, value: object, replace_expressions: bool) -> None:
        """Make ``key: value`` hold in the object literal at token ``obj_open``: replace or insert."""
        script = unit.script
        obj = script.object_at(obj_open)
        if obj is None:
            return
        edits = self.file_edits(unit.file)
        prop = obj.get(key)
        if prop is not None:
            if prop.value_start == prop.value_end:  # shorthand {host}
                start, end = unit.file_span(prop.key_index, prop.key_index + 1)
                edits.add(start, end, f"{key}: {_js(value)}")
                return
            current = script.literal(prop.value_start, prop.value_end)
            if current == value and type(current) is type(value):
                return
            if current is None and not replace_expressions:
                return
            start, end = unit.file_span(prop.value_start, prop.value_end)
            edits.add(start, end, _js(value))
            return
        self.insert_property(unit, obj_open, f"{key}: {_js(value)}")

    def insert_property(self, unit: Unit, obj_open: int, text: str) -> None:
        """Add a property after the object's last one, in the object's own layout."""
        script = unit.script
        close = script.partner(obj_open)
        code = unit.file.text
        edits = self.file_edits(unit.file)
        open_at = unit.script.offset + script.tokens[obj_open].start
        close_at = unit.script.offset + script.tokens[close].start
        if close == obj_open + 1:
            edits.add(open_at + 1, open_at + 1, f" {text} ")
            return
        last = close - 1
        trailing_comma = script.is_punct(last, ",")
        multiline = "\n" in code[open_at:close_at]
        anchor = unit.script.offset + script.tokens[last].end
        if multiline:
            first_key = unit.script.offset + script.tokens[obj_open + 1].start
            indent = _line_indent(code, first_key)
            newline = unit.file.newline
            edits.add(anchor, anchor, f"{newline}{indent}{text}," if trailing_comma else f",{newline}{indent}{text}")
        else:
            edits.add(anchor, anchor, f" {text}," if trailing_comma else f", {text}")

    def remove_property(self, unit: Unit, obj_open: int, key_index: int) -> bool:
        """Delete one property, and the comma that separates it, from an object literal."""
        script = unit.script
        obj = script.object_at(obj_open)
        props = list(obj.properties) if obj else []
        position = next((i for i, p in enumerate(props) if p.key_index == key_index), None)
        if position is None:
            return False
        prop = props[position]
        code, off, tokens = unit.file.text, script.offset, script.tokens
        start = off + tokens[prop.key_index].start
        last_token = prop.value_end - 1 if prop.value_end > prop.value_start else prop.key_index
        end = off + tokens[last_token].end
        if script.is_punct(prop.end, ","):
            end = off + tokens[prop.end].end
            line_start = code.rfind("\n", 0, start) + 1
            line_end = code.find("\n", end)
            line_end = len(code) if line_end == -1 else line_end + 1
            if not code[line_start:start].strip() and not code[end:line_end].strip():
                start, end = line_start, line_end  # the property had its own line: remove the line
            else:
                while end < len(code) and code[end] in " \t":
                    end += 1
        elif position > 0:
            start = off + tokens[props[position - 1].end].start  # the last property: drop the comma before it
        return self.file_edits(unit.file).add(start, end, "")

    # -- the steps ---------------------------------------------------------------------------------

    def plan(self) -> Adoption:
        """Every edit, applied in memory."""
        self.require_configs()
        self.config_objects()
        self.open_app()
        self.secrets()
        self.page_resources()
        self.script_resources()
        self.helper()
        self.policies()  # before other_tenants: it rewrites whole policies, old tenants included
        self.other_tenants()
        self.other_ids()
        self.report_leftovers()
        for path, edits in self.edits.items():
            new = edits.apply()
            if new != edits.source.text:
                self.adoption.changed[path] = (edits.source, new)
        return self.adoption

    def require_configs(self) -> None:
        """baseUrl and webIntegrationId in every ``require.config``."""
        for config in self.facts.require_configs:
            self.set_property(config.unit, config.obj.open, "baseUrl", self.tenant.resources_url, True)
            self.set_property(config.unit, config.obj.open, "webIntegrationId", self.id, False)
            self.note(f"require.config: baseUrl {self.tenant.resources_url} and the web integration id")

    def config_objects(self) -> None:
        """The tenant's values and the id in every capability API config object."""
        for config in self.facts.configs:
            keys = {p.key for p in config.obj.properties}
            located = {k for k in ("host", "prefix", "port", "isSecure") if from_location(self.facts, config, k)}
            values: dict[str, object] = {"host": self.tenant.host}
            if keys & {"prefix", "port", "isSecure"}:
                values.update({"prefix": "/", "port": self.tenant.port, "isSecure": self.tenant.is_secure})
            for key, value in values.items():
                replace = key in located or (key == "host" and not self._names_a_literal(config.unit, config.obj, key))
                self.set_property(config.unit, config.obj.open, key, value, replace)
            self.set_property(config.unit, config.obj.open, "webIntegrationId", self.id, False)
            self.note(f"the capability API's config object: host {self.tenant.host} and the web integration id")

    @staticmethod
    def _names_a_literal(unit: Unit, obj: ObjectLiteral, key: str) -> bool:
        """True when a property's value is a variable declared as a string literal (re-targeted where declared)."""
        prop = obj.get(key)
        if prop is None or prop.value_end - prop.value_start != 1 or not unit.script.is_ident(prop.value_start):
            return False
        declared = unit.script.declarations.get(unit.script.text(prop.value_start))
        return declared is not None and isinstance(unit.script.literal(*declared), str)

    def open_app(self) -> None:
        """The app id in ``qlik.openApp``, when one was given."""
        from mashup_gen.answers import APP_ID

        for unit, _callee, paren in self.facts.open_app_calls:
            args = unit.script.call_arguments(paren)
            if not args:
                continue
            start, end = args[0]
            target_unit, index = unit, start
            if end - start == 1 and unit.script.tokens[start].kind not in (STRING, TEMPLATE):
                declared = unit.script.declarations.get(unit.script.text(start))
                if declared and declared[1] - declared[0] == 1:
                    index = declared[0]
            value = target_unit.script.literal(index, index + 1)
            if not isinstance(value, str):
                continue
            if self.app_id is None:
                if not APP_ID.match(value.lower()):
                    line, _ = target_unit.position(index)
                    self.adoption.manual.append(
                        f"{target_unit.file.display}:{line}: qlik.openApp({value!r}): pass --app-id with the app's id"
                    )
                continue
            if value != self.app_id:
                span = target_unit.file_span(index, index + 1)
                self.file_edits(target_unit.file).add(*span, _js(self.app_id))
                self.note(f"qlik.openApp: app {self.app_id}")

    def secrets(self) -> None:
        """Remove Authorization headers carrying a bearer token, then blank every key left in the code."""
        facts = self.facts
        secret_names = {s.kind for s in facts.secrets if s.kind not in ("jwt", "bearer")}
        for unit in self.project.units:
            script = unit.script
            for i, token in enumerate(script.tokens):
                if token.kind not in (STRING, IDENT):
                    continue
                key = script.string_value(i) if token.kind == STRING else script.text(i)
                if (key or "").lower() != "authorization":
                    continue
                if script.is_punct(i + 1, ":"):
                    opener = script.parent(i)
                    obj = script.object_at(opener) if opener != -1 else None
                    prop = next((p for p in obj.properties if p.key_index == i), None) if obj else None
                    if prop is None:
                        continue
                    value = script.span_text(prop.value_start, prop.value_end)
                    if "Bearer" in value or any(name in value for name in secret_names):
                        if self.remove_property(unit, opener, i):
                            self.note("removed the Authorization headers that sent an API key")
                elif script.is_punct(i + 1, ",") and script.is_punct(i - 1, "("):
                    call = script.enclosing_call(i)
                    if call and script.text(call[0]) == "setRequestHeader":
                        start, end = script.statement(i)
                        end = end + 1 if script.is_punct(end, ";") else end
                        self.file_edits(unit.file).add(*unit.file_span(start, end), "")
                        self.note("removed the Authorization headers that sent an API key")
        for secret in facts.secrets:
            place = _literal_place(secret.place)
            text = place.file.text[place.start : place.end]
            if text[:1] in "\"'`" and self.file_edits(place.file).add(place.start, place.end, '""'):
                self.adoption.manual.append(
                    f"{place.display}:{place.position()[0]}: an API key was removed from the code; revoke it in "
                    "Qlik Cloud (it was public), and delete the backup that still holds it"
                )
            elif text[:1] not in "\"'`":
                self.adoption.manual.append(
                    f"{place.display}:{place.position()[0]}: an API key is written here; remove it and revoke it"
                )

    def page_resources(self) -> None:
        """Resource links of every page; RequireJS and qlik-styles.css added where the capability API needs them."""
        by_page: dict[Path, list[ResourceRef]] = {}
        for ref in self.facts.resources:
            if ref.in_html:
                by_page.setdefault(ref.place.file.path, []).append(ref)
        for page in self.project.pages:
            refs = by_page.get(page.file.path, [])
            edits = self.file_edits(page.file)
            styles_seen = any(r.is_styles for r in refs)
            for ref in refs:
                if ref.is_legacy_css and styles_seen:
                    tag = _tag_at(page, ref.place.start)
                    if tag is not None:
                        self._remove_tag(page, tag)
                        self.note("removed Qlik Sense 2.x stylesheets (qlik-styles.css replaces them)")
                    continue
                styles_seen = styles_seen or ref.is_legacy_css
                self._retarget_ref(edits, ref)
            if page not in self.facts.capability_pages:
                continue
            scripts = [t for t in page.scripts() if is_javascript(t)]
            if not any(r.is_require_js for r in refs):
                other = next((t for t in scripts if other_require_js(t)), None)
                if other is not None:
                    attribute = other.attributes["src"]
                    edits.add(attribute.start, attribute.end, self.tenant.require_js_url)
                else:
                    self._insert_tag(
                        page, scripts[0] if scripts else None, f'<script src="{self.tenant.require_js_url}"></script>'
                    )
                self.note("loads RequireJS from the tenant")
            if not styles_seen:
                first_link = next((t for t in page.tags if t.name == "link"), None)
                tag = f'<link rel="stylesheet" href="{self.tenant.styles_url}">'
                self._insert_tag(page, first_link or (scripts[0] if scripts else None), tag, head=True)
                self.note("loads qlik-styles.css from the tenant")

    def _retarget_ref(self, edits: Edits, ref: ResourceRef) -> None:
        target = suggested_url(ref, self.tenant)
        if ref.url == target:
            return
        if edits.add(ref.place.start, ref.place.end, target):
            self.note(f"Qlik resource links point at {self.tenant.resources_url}/...")

    def _remove_tag(self, page: Page, tag: Tag) -> None:
        text = page.file.text
        start, end = tag.start, tag.end
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end + 1
        if not text[line_start:start].strip() and not text[end:line_end].strip():
            start, end = line_start, line_end
        self.file_edits(page.file).add(start, end, "")

    def _insert_tag(self, page: Page, before: Tag | None, markup: str, head: bool = False) -> None:
        """Insert ``markup`` on its own line before ``before`` (or before ``</head>``/``</body>``)."""
        text = page.file.text
        newline = page.file.newline
        edits = self.file_edits(page.file)
        if before is not None:
            indent = _line_indent(text, before.start)
            line_start = text.rfind("\n", 0, before.start) + 1
            if not text[line_start : before.start].strip():
                edits.add(line_start, line_start, f"{indent}{markup}{newline}")
            else:
                edits.add(before.start, before.start, markup)
            return
        anchor = page.head_close if head or page.body_close is None else page.body_close
        if anchor is None:
            anchor = page.head_close if page.head_close is not None else len(text)
        indent = _line_indent(text, anchor) + "  "
        line_start = text.rfind("\n", 0, anchor) + 1
        if not text[line_start:anchor].strip():
            edits.add(line_start, line_start, f"{indent}{markup}{newline}")
        else:
            edits.add(anchor, anchor, markup)

    def script_resources(self) -> None:
        """Resource URLs written as strings in scripts (a baseUrl outside require.config, say)."""
        for ref in self.facts.resources:
            if not ref.in_html:
                self._retarget_ref(self.file_edits(ref.place.file), ref)

    def other_tenants(self) -> None:
        """Every other tenant host becomes the new tenant's."""
        for mention in self.facts.tenant_mentions:
            if mention.host == self.tenant.host and mention.port in (None, self.tenant.port):
                continue
            if is_loopback(mention.host):
                continue  # a local server is not a tenant: resource links to it were rewritten above
            start, end, new = mention.place.start, mention.place.end, self.tenant.host
            if mention.how == "url":
                # The whole origin is replaced, so that a loopback test tenant gets its scheme and port too.
                text = mention.place.file.text
                scheme = re.search(r"(https?|wss?)://$", text[max(0, start - 8) : start], re.I)
                if scheme:
                    start -= len(scheme.group())
                    secure = "s" if self.tenant.is_secure else ""
                    kind = "ws" if scheme.group(1).lower().startswith("ws") else "http"
                    new = f"{kind}{secure}://{self.tenant.base_url.split('://', 1)[1]}"
            if self.file_edits(mention.place.file).add(start, end, new):
                self.note(f"other tenants' hosts ({mention.host}) replaced by {self.tenant.host}")

    def other_ids(self) -> None:
        """Every other web integration id becomes the new one."""
        for mention in self.facts.id_mentions:
            if mention.value != self.id and self.file_edits(mention.place.file).add(
                mention.place.start, mention.place.end, self.id
            ):
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
                needs = csp_rules.needs(self.facts, page)
                if not needs and self.adoption.created:
                    needs = (("connect-src", "https"),)  # the helper's session check
                value = self._retarget_text(attribute.value)
                if value == attribute.value and not csp_rules.blocked(value, self.tenant, needs):
                    continue
                content = _widen_policy(value, self.tenant, needs)
                quote = page.file.text[attribute.start - 1 : attribute.start]
                escaped = (
                    content.replace("&", "&amp;").replace('"', "&quot;")
                    if quote != "'"
                    else content.replace("'", "&#39;")
                )
                self.file_edits(page.file).add(attribute.start, attribute.end, escaped)
                self.note("Content-Security-Policy: the tenant allowed")

    def _retarget_text(self, text: str) -> str:
        """``text`` with every other tenant's origins and hosts replaced by the new tenant's."""
        old_hosts = {
            m.host for m in self.facts.tenant_mentions if m.host != self.tenant.host and not is_loopback(m.host)
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

    def helper(self) -> None:
        """Add the sign-in and request helper where the project lacks the login flow or request headers."""
        facts = self.facts
        needs_login = not facts.embed_tags and not facts.session_checks and not facts.login_urls
        needs_login = needs_login and bool(facts.uses_capability_api or facts.rest_calls or facts.engine_urls)
        fetch_calls = [c for c in facts.rest_calls if c.what == "fetch"]
        needs_fetch = any(
            not c.has_header or not c.has_credentials or (c.non_get and not c.has_csrf) for c in fetch_calls
        )
        for call in facts.rest_calls:
            if call.what != "fetch" and (
                not call.has_header or not call.has_credentials or (call.non_get and not call.has_csrf)
            ):
                line, _ = call.place.position()
                self.adoption.manual.append(
                    f"{call.place.display}:{line}: {call.what} request to {call.url}: add the qlik-web-integration-id "
                    "header, credentials and (for changes) qlik-csrf-token"
                )
        for url in facts.engine_urls:
            if not url.has_id or not url.has_csrf:
                line, _ = url.place.position()
                self.adoption.manual.append(
                    f"{url.place.display}:{line}: engine URL {url.url}: add qlik-web-integration-id and qlik-csrf-token"
                )
        if not needs_login and not needs_fetch:
            return
        path = self.project.root / HELPER_NAME
        if path.exists():
            raise InvalidValue(str(path), f"expected no file named {HELPER_NAME}: adopt writes its helper there")
        self.adoption.created[path] = helper_script(self.tenant, self.id, sign_in=needs_login)
        self.note(
            f"added {HELPER_NAME}: "
            + ("the login flow (session check and /login redirect)" if needs_login else "")
            + (" and " if needs_login and needs_fetch else "")
            + ("Qlik's headers on fetch() requests to the tenant" if needs_fetch else "")
        )
        pages = [p for p in self.project.pages if any(self._talks_to_qlik(u) for u in p.units)] or self.project.pages
        for page in pages:
            src = PurePosixPath(
                *([".."] * len(page.file.path.parent.relative_to(self.project.root).parts)), HELPER_NAME
            )
            markup = f'<script src="{src.as_posix()}"></script>'
            scripts = [t for t in page.scripts() if is_javascript(t)]
            require_tag = next(
                (
                    t
                    for t in scripts
                    if (t.get("src") or "").endswith(REQUIRE_JS_PATH.rsplit("/", 1)[-1]) or other_require_js(t)
                ),
                None,
            )
            if require_tag is not None:
                # Right after RequireJS: the helper holds back require([...]) until the session is confirmed.
                after = [t for t in scripts if t.start > require_tag.start]
                if after:
                    self._insert_tag(page, after[0], markup)
                else:
                    self._insert_tag(page, None, markup)
            elif page in self.facts.capability_pages:
                # RequireJS is being inserted before the first script: put the helper right after it.
                self._insert_tag(page, scripts[0] if scripts else None, markup)
            else:
                self._insert_tag(page, scripts[0] if scripts else None, markup)

    def _talks_to_qlik(self, unit: Unit) -> bool:
        return (
            any(c.place.file is unit.file for c in self.facts.rest_calls)
            or any(r.unit is unit for r in self.facts.require_configs)
            or any(u is unit for u, _, v in self.facts.strings if v.startswith("js/qlik"))
        )

    def report_leftovers(self) -> None:
        """Client-managed files are reported, not deleted: the author decides."""
        for path in self.project.found.leftovers:
            kind = "Dev Hub extension descriptor" if path.suffix.lower() == QEXT_SUFFIX else "Dev Hub file list"
            self.adoption.leftovers.append(f"{self.adoption.relative(path)} ({kind}; Qlik Cloud does not read it)")


def _literal_place(place: Place) -> Place:
    """The whole string literal (quotes included) around a secret, when the secret is the whole string."""
    text = place.file.text
    start, end = place.start, place.end
    if start > 0 and end < len(text) and text[start - 1] in "\"'`" and text[end] == text[start - 1]:
        return Place(place.file, start - 1, end + 1)
    return place


def _tag_at(page: Page, offset: int) -> Tag | None:
    return next((t for t in page.tags if t.start <= offset < t.end), None)


def _widen_policy(content: str, tenant: Tenant, needs: tuple[tuple[str, str], ...]) -> str:
    """``content`` with the tenant's origin added to each directive that blocks it."""
    policy = csp_rules.parse_policy(content)
    order = list(policy)
    https = tenant.base_url
    wss = ("wss://" if tenant.is_secure else "ws://") + tenant.base_url.split("://", 1)[1]
    for directive, scheme in needs:
        source = wss if scheme == "wss" else https
        if not csp_rules.blocked(_join(policy, order), tenant, ((directive, scheme),)):
            continue
        if directive not in policy:
            inherited = [s for s in policy.get("default-src", []) if s.lower() != "'none'"]
            policy[directive] = inherited
            order.append(directive)
        policy[directive] = [s for s in policy[directive] if s.lower() != "'none'"] + [source]
    return _join(policy, order)


def _join(policy: dict[str, list[str]], order: list[str]) -> str:
    return "; ".join(" ".join([name, *policy[name]]) for name in order)


def plan(path: Path, tenant: Tenant, web_integration_id: str, app_id: str | None = None, display: str = "") -> Adoption:
    """Work out the adoption of the mashup in ``path``; nothing is written.

    Raises :class:`InvalidValue` when ``path`` is not a folder of pages, or is a mashup-gen project already.
    """
    if not path.exists():
        raise InvalidValue(display or str(path), f"{PATH_EXPECTED}; nothing exists at this path")
    if not path.is_dir():
        raise InvalidValue(display or str(path), f"{PATH_EXPECTED}; this is not a folder")
    if is_project(path):
        raise InvalidValue(
            display or str(path),
            f"{PATH_EXPECTED}; it is a mashup-gen project already ({RECORD_NAME}): use `mashup-gen regenerate`",
        )
    nested = next((p.parent for p in path.rglob(RECORD_NAME) if p.parent != path), None)
    if nested is not None:
        raise InvalidValue(
            display or str(path),
            f"{PATH_EXPECTED}; it holds a mashup-gen project ({nested.relative_to(path).as_posix()}): "
            "adopt each mashup's own folder",
        )
    project = Project(whole_folder(path, display))
    if not project.pages:
        unreadable = "; ".join(f"{p.display}: {p.detail}" for p in project.problems)
        raise InvalidValue(
            display or str(path),
            f"{PATH_EXPECTED}; no readable .html page was found" + (f" ({unreadable})" if unreadable else ""),
        )
    adoption = Planner(project, tenant, web_integration_id, app_id).plan()
    for problem in project.problems:
        adoption.manual.append(f"{problem.display}: not adopted: {problem.detail}")
    answers: dict[str, str] = {"tenant": tenant.value, "web_integration_id": web_integration_id}
    if app_id:
        answers["app_id"] = app_id
    adoption.record = Record(
        template=ADOPTED,
        template_version=ADOPTED_VERSION,
        answers=answers,
        files={},  # regenerate re-targets adopted projects by replacement, not by a three-way merge
        tool_version=__version__,
    )
    return adoption


def write(adoption: Adoption) -> Adoption:
    """Write a planned adoption: a backup of each changed file, the files, then the record last."""
    assert adoption.record is not None
    for path, (source, new) in sorted(adoption.changed.items()):
        data = source.encode(new)
        backup = backup_name(path)
        shutil.copy2(path, backup)
        adoption.backups.append(adoption.relative(backup))
        write_atomic(path, data)
    for path, text in sorted(adoption.created.items()):
        write_atomic(path, text.encode("utf-8"))
    save(adoption.root, adoption.record)
    return adoption


def helper_script(tenant: Tenant, web_integration_id: str, sign_in: bool) -> str:
    """The sign-in and request helper ``adopt`` adds (see :data:`HELPER_NAME`).

    It is rendered from the templates' shared folder, around the same sign-in script every template ships.
    """
    from mashup_gen.catalog import shared_root
    from mashup_gen.render import render_file

    context = {"__tenant_url": tenant.base_url, "web_integration_id": web_integration_id, "sign_in": sign_in}
    return render_file(shared_root() / HELPER_NAME, context)
