"""Values that travel: a tenant, app id, client id, web integration id or redirect URI used in one place (a host
config's ``host: cfg.tenant``, ``<QlikEmbed appId={APP_ID}>``, a Vue ``:app-id="appId"``, a Svelte
``app-id={appId}``, ``qlik.openApp(APP_ID)``, ``el.setAttribute("data-host", HOST)``) and defined in another (a
config module, a re-export, ``module.exports``, a JSON file, an env file read through ``import.meta.env`` or
``process.env``).

Use sites are read from the module tables (mashup_gen.source.modules) of every script, component script and
page script, and from the markup of Vue, Svelte and Angular components; each use is followed with
:class:`mashup_gen.source.modules.Resolver` to the literals it may hold. Rules judge the literal and point at
its definition (the line to change), naming the use.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from mashup_gen.checker.facts.model import Place
from mashup_gen.checker.facts.placeholders import KEYS
from mashup_gen.checker.hints import Hint, Quick
from mashup_gen.checker.memo import ContentMemo
from mashup_gen.checker.scan import SourceFile, read_source
from mashup_gen.source.queries import TABLE_CALLEES

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts
    from mashup_gen.checker.project import Unit
    from mashup_gen.source.markup import BoundAttribute
    from mashup_gen.source.modules import Literal, ModuleTable, Resolver, Use

# The name a value is used under (lower-case, '-' and '_' dropped, a leading "data" dropped) -> what it is.
USE_KEYS = {
    **KEYS,
    "webintid": "web integration id",
    "redirecturi": "redirect URI",
    "redirecturl": "redirect URI",
    "authtype": "auth type",
    "objectid": "sheet or object id",
    "sheetid": "sheet or object id",
}
# Calls whose argument is a Qlik object id: the capability API's app.getObject(element, id) and
# app.visualization.get(id).
_OBJECT_CALLS = (".getObject", "visualization.get")
# Keys only a Qlik host config or connection config has (with another Qlik key beside them).
_QLIK_ANCHORS = frozenset({"host", "tenant", "tenanturl", "qlikhost", "webintegrationid", "webintid", "authtype"})
# A quick look before the syntax tree is read: a Qlik key given something other than a literal (``host:
# cfg.x``, ``appId={APP}``, shorthand ``{ host }``), ``openApp(X)`` or ``setAttribute``. A script without any
# has no use to follow (literals are judged where they are written).
_KEY = (
    r"(?:host|tenant\w*|qlik_?(?:host|tenant|app_?id|client_?id)\w*|app_?id|client_?id|redirect_?ur[il]"
    r"|(?:qlik_?)?(?:web_?)?integration_?id|webintid|auth_?type|object_?id|sheet_?id)"
)
_ATTRIBUTE_NAME = r"(?:data-)?(?:host|tenant|app-id|client-id|web-integration-id|redirect-uri|object-id|sheet-id)"
_HINT = re.compile(
    rf"""(?i)\b{_KEY}["']?\s*[:=]\s*(?!["'`\s])|(?<!\$)[{{,]\s*{_KEY}\s*[,}}]|open(?:App|Doc)\s*\(\s*(?!["'`])"""
    rf"""|setAttribute\s*\(\s*["']{_ATTRIBUTE_NAME}["']\s*,\s*(?!["'`])"""
    # an object id given as a name, or as a literal that may be a placeholder
    r"""|(?:getObject|visualization\.get)\s*\((?:[^(),]*,)?\s*(?:[A-Za-z_$]|["'`](?:<|[^"'`]*"""
    r"""(?:your|xxx|todo|object|placeholder|replace|here|insert|change)))"""
)
# _HINT answered faster (mashup_gen.checker.hints): _KEY with every alternative starting with a letter.
_KEY_LOWER = (
    r"(?:host|tenant\w*|qlik_?(?:host|tenant|app_?id|client_?id)\w*|app_?id|client_?id|redirect_?ur[il]"
    r"|qlik_?(?:web_?)?integration_?id|web_?integration_?id|integration_?id|webintid|auth_?type|object_?id"
    r"|sheet_?id)"
)
_QUICK_HINT = Hint(
    _HINT,
    parts=(
        re.compile(rf"""[{{,](?<!\$[{{,])\s*{_KEY_LOWER}\s*[,}}]"""),
        re.compile(r"""open(?:app|doc)\s*\(\s*(?!["'`])"""),
        re.compile(rf"""setattribute\s*\(\s*["']{_ATTRIBUTE_NAME}["']\s*,\s*(?!["'`])"""),
        # A Quick: the engine tried this alternation at every position of every script that reached it (as
        # long as the three parts before together, 0.9 % of a check), where str.find goes from one
        # "getobject" or "visualization.get" to the next.
        Quick(
            re.compile(
                r"""(?:getobject|visualization\.get)\s*\((?:[^(),]*,)?\s*(?:[a-z_$]|["'`](?:<|[^"'`]*"""
                r"""(?:your|xxx|todo|object|placeholder|replace|here|insert|change)))"""
            )
        ),
    ),
    word_start=(re.compile(rf"""{_KEY_LOWER}["']?\s*[:=]\s*(?!["'`\s])"""),),
    needs=(
        "host",
        "tenant",
        "app",
        "client",
        "redirect",
        "integration",
        "webintid",
        "auth",
        "object",
        "sheet",
        "openapp",
        "opendoc",
        "setattribute",
        "getobject",
        "visualization",
    ),
)
_JOIN_HINT = re.compile(r"\}/(?:api/|resources\b|login\b|app/|qlik-embed/|sense/|oauth/|extensions/)")
# Components: any Qlik word (their templates bind values with their own syntax).
_COMPONENT_HINT = re.compile(
    r"(?i)host|tenant|app-?id|client-?id|redirect|integration|openapp|auth-?type|object-?id|sheet-?id"
)
_QUICK_COMPONENT_HINT = Hint(
    _COMPONENT_HINT,
    parts=(re.compile(r"host|tenant|app-?id|client-?id|redirect|integration|openapp|auth-?type|object-?id|sheet-?id"),),
)
_CONFIG_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts")
_COMPONENT_MARKUP = (".vue", ".component.html", ".astro")


@dataclass(frozen=True)
class Travelled:
    """A value used in one place and defined (as a literal) in another."""

    what: str  # "tenant", "web integration id", "app id", "client id", "redirect URI", "auth type", ...
    key: str  # the name it is used under: "appId", "app-id", "host", "openApp"
    value: str
    name: str  # what the value is called where it is defined: "TENANT", "config.host", "VITE_QLIK_HOST"
    defined: Place  # the literal's contents: the span that must change
    used: Place  # the expression at the use
    qlik: bool  # the use is certainly Qlik's (a qlik-embed element, openApp, a host config)
    browser: bool  # the use is in code the browser runs
    env: bool  # defined in an env file

    @property
    def where(self) -> str:
        """``file:line`` of the use, for messages."""
        return f"{self.used.display}:{self.used.position()[0]}"

    @property
    def used_as(self) -> str:
        """`` (used as appId at src/main.js:3)`` for a value defined elsewhere; empty where it is written."""
        if self.used.file is self.defined.file and self.used.start == self.defined.start:
            return ""
        return f" (used as {self.key} at {self.where})"

    @property
    def dev_only(self) -> bool:
        """Defined in an env file only a developer's machine reads (``.env.development``, ``.env.local``)."""
        from mashup_gen.source.envfiles import is_local

        return self.env and is_local(self.defined.file.path.name)


@cache
def use_key(name: str) -> str | None:
    """What a property, prop or attribute name says a value is (``appId``, ``:app-id``, ``data-host``)."""
    key = name.split(":")[-1].replace("-", "").replace("_", "").lower()
    if key.startswith("data") and key[4:] in USE_KEYS:
        key = key[4:]
    return USE_KEYS.get(key)


@dataclass(frozen=True)
class _Use:
    path: str  # module key the expression is written in
    expression: str
    key: str
    start: int
    end: int
    qlik: bool
    literal: bool = False  # a literal written at the use (an object id given to getObject): judged there
    at: int = -2  # the offset whose function's parameters the expression may name (-2: ``start``; -1: none)

    def __post_init__(self) -> None:
        if self.at == -2:
            object.__setattr__(self, "at", self.start)


class ProjectModules:
    """The project seen as modules: tables loaded on first use, source files by relative path."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.project = facts.project
        self.root = self.project.root
        self.by_path: dict[str, SourceFile] = {}
        for path, source in self.project.sources.items():
            self.by_path[self._relative(path)] = source
        self.tables: dict[str, ModuleTable | None] = {}
        self.inline: dict[str, tuple[SourceFile, str, int]] = {}  # key -> page, code, offset
        self.scripts: dict[str, SourceFile] = {}  # every module that may call another's functions
        self.whole: dict[int, Unit] = {}  # id(file) -> the unit of a whole script file (its tree is reused)
        for unit in self.project.units:
            relative = self._relative(unit.file.path)
            if unit.script.offset != 0 or unit.file.path.suffix.lower() in (".html", ".htm"):
                key = f"{relative}#{unit.script.offset}"
                self.inline[key] = (unit.file, unit.script.code, unit.script.offset)
                self.scripts[key] = unit.file
            else:
                self.by_path.setdefault(relative, unit.file)
                self.scripts[relative] = unit.file
                self.whole[id(unit.file)] = unit
        self._resolver: Resolver | None = None
        self._elements: dict[str, list[tuple[str, Callable[[], list[Any]]]]] | None = None

    def key(self, unit: Unit) -> str:
        """The module key of a unit: its path, or ``path#offset`` for a page's inline script."""
        relative = self._relative(unit.file.path)
        if unit.script.offset != 0 or unit.file.path.suffix.lower() in (".html", ".htm"):
            return f"{relative}#{unit.script.offset}"
        return relative

    @property
    def resolver(self) -> Resolver:
        """The project's resolver (env files read once)."""
        if self._resolver is None:
            from mashup_gen.source.modules import Resolver

            frameworks = {}
            for name in ("next", "nuxt"):
                config = next((f"{name}.config{s}" for s in _CONFIG_SUFFIXES if self.exists(f"{name}.config{s}")), None)
                if config is not None:
                    frameworks[name] = config
            self._resolver = Resolver(
                self.table, self.exists, _env(self), self.importers, frameworks, self.angular_elements
            )
        return self._resolver

    def angular_elements(self, selector: str) -> list[tuple[str, Callable[[], list[Any]]]]:
        """Every ``<selector ...>`` element of the project's Angular templates, as a call of that component
        with its attributes as props: (the template's component module, the call). Read once per project."""
        if self._elements is None:
            self._elements = _angular_elements(self)
        return self._elements.get(selector, [])

    def importers(self, path: str) -> list[str]:
        """The modules that may import ``path``: those whose text names its file (the resolver decides)."""
        stem = PurePosixPath(path.split("#", 1)[0]).stem
        if stem == "index":
            stem = PurePosixPath(path).parent.name
        return [key for key, source in self.scripts.items() if key != path and stem in source.text]

    def _relative(self, path: Path) -> str:
        return self.project.relative(path)  # the same question of the same root, answered once per path

    def exists(self, relative: str) -> bool:
        if relative in self.by_path:
            return True
        path = self.root / relative
        if not self.project.may_exist(path):
            return False
        return path.is_file() and not any(part.startswith(".") or part == "node_modules" for part in path.parts[-8:-1])

    def source(self, relative: str) -> SourceFile | None:
        if relative not in self.by_path:
            result = read_source(self.root / relative, self.project.found.display(self.root / relative))
            if not isinstance(result, SourceFile):
                return None
            self.by_path[relative] = result
        return self.by_path[relative]

    def table(self, key: str) -> ModuleTable | None:
        if key not in self.tables:
            self.tables[key] = None  # a module that imports itself stops here
            try:
                self.tables[key] = self._build(key)
            except Exception:  # a parser failure must never stop a check: the module is unknown
                self.tables[key] = None
        return self.tables[key]

    def _build(self, key: str) -> ModuleTable | None:
        from mashup_gen.source.blocks import sfc_blocks
        from mashup_gen.source.grammars import grammar_for
        from mashup_gen.source.markup import component_calls
        from mashup_gen.source.modules import ModuleTable, json_table, module_table
        from mashup_gen.source.syntax import parse

        if key in self.inline:
            _page, code, offset = self.inline[key]
            return _TABLES.get((key, "javascript", offset, code), len(code), _inline_table, key, code, offset)
        source = self.source(key)
        if source is None:
            return None
        text, lower = source.text, key.lower()
        if lower.endswith((".vue", ".svelte", ".astro")):
            merged = ModuleTable(key, component=True)
            for block in sfc_blocks(text):
                if block.kind == "script":
                    parsed = parse(text[block.start : block.end], block.grammar, block.start)
                    table = module_table(parsed, key, _wanted_key, _CALLEES)
                    for name, binding in table.bindings.items():
                        merged.bindings.setdefault(name, binding)
                    merged.exports.update(table.exports)
                    merged.star_sources += table.star_sources
                    for name, declared in table.locals.items():
                        merged.locals.setdefault(name, []).extend(declared)
                    merged.functions += table.functions
                    merged.joins += table.joins
                    merged.uses += table.uses
                    merged.readers += table.readers
                    for callee, calls in table.calls.items():
                        merged.calls.setdefault(callee, []).extend(calls)
            markup = _markup_attributes(source)
            for callee, calls in component_calls(markup, key).items():
                merged.calls.setdefault(callee, []).extend(calls)
            return merged
        if lower.endswith(".json"):
            return json_table(text, key)
        grammar = grammar_for(key)
        if grammar not in ("javascript", "typescript", "tsx"):
            return None
        unit = self.whole.get(id(source))
        return _TABLES.get((key, grammar, 0, text), len(text), _file_table, key, grammar, text, unit)

    def place(self, literal: Literal) -> Place | None:
        if literal.path in self.inline:
            return Place(self.inline[literal.path][0], literal.start, literal.end)
        source = self.source(literal.path)
        return Place(source, literal.start, literal.end) if source is not None else None


def _angular_elements(project: ProjectModules) -> dict[str, list[tuple[str, Callable[[], list[Any]]]]]:
    """The elements of every Angular component template (``*.component.html``), by tag name, each as a call
    whose one argument is its attributes: a literal written there, or an expression of the template's
    component class (``[appId]="salesApp"``)."""
    from mashup_gen.source.markup import bound_attributes
    from mashup_gen.source.modules import Binding, Literal, chain

    found: dict[str, list[tuple[str, Callable[[], list[Any]]]]] = {}
    templates: list[tuple[str, SourceFile, int, int, str]] = []  # (relative path, file, span, its class's module)
    for page in project.project.pages:
        relative = project._relative(page.file.path)
        if relative.lower().endswith(".component.html") and "-" in page.file.text:
            templates.append((relative, page.file, 0, len(page.file.text), relative[: -len(".html")] + ".ts"))
    for unit in project.project.units:
        # A component's inline template (@Component({ template: `<app-chart appId="...">` })): its expressions
        # are of the class in the same file.
        if unit.script.offset == 0 and "@Component" in unit.script.code and "template" in unit.script.code:
            relative = project._relative(unit.file.path)
            templates += [(relative, unit.file, start, end, relative) for start, end in _inline_templates(unit)]
    for relative, file, start, end, module in templates:
        project.by_path.setdefault(relative, file)
        elements: dict[int, tuple[str, dict[str, Binding]]] = {}
        for attribute in bound_attributes(file.text, start, end, "angular"):
            if "-" not in attribute.element:
                continue  # an HTML element, not a component's selector
            _tag, members = elements.setdefault(attribute.tag, (attribute.element, {}))
            if attribute.literal:
                literal = Literal(relative, attribute.expression, attribute.start, attribute.end, attribute.name)
                members[attribute.name] = Binding("literal", literal=literal)
            elif chain(attribute.expression):
                members[attribute.name] = Binding("expr", expr=attribute.expression)
        for tag, members in elements.values():
            props = [Binding("object", members=members)]
            found.setdefault(tag, []).append((module, lambda props=props: props))
    return found


def _inline_templates(unit: Unit) -> list[tuple[int, int]]:
    """File spans of the markup of each ``template: `...` `` (or quoted string) property in ``unit``."""
    from mashup_gen.checker.js import STRING, TEMPLATE

    script = unit.script
    tokens = script.tokens
    spans = []
    for colon in script.punct_indexes(":"):
        if colon + 1 < len(tokens) and script.is_ident(colon - 1, "template"):
            value = tokens[colon + 1]
            if value.kind in (STRING, TEMPLATE) and "-" in script.text(colon + 1):
                spans.append((script.offset + value.start + 1, script.offset + value.end - 1))
    return spans


def _env(project: ProjectModules) -> dict[str, list[Literal]]:
    """Every ``KEY=value`` of the project's env files (not templates such as ``.env.example``)."""
    from mashup_gen.source.envfiles import entries, is_template
    from mashup_gen.source.modules import Literal

    found: dict[str, list[Literal]] = {}
    for source in project.project.env_files:
        if is_template(source.path.name):
            continue
        relative = project._relative(source.path)
        project.by_path.setdefault(relative, source)
        for entry in entries(source.text):
            found.setdefault(entry.key, []).append(
                Literal(relative, entry.value, entry.start, entry.end, entry.key, env=True)
            )
    return found


def _wanted_key(name: str) -> bool:
    return use_key(name) is not None


# The last names of the callees whose arguments are uses (``get`` is narrowed to visualization.get later): the
# ones the shared query of a tree captures (mashup_gen.source.queries).
_CALLEES = TABLE_CALLEES
# Module tables of JavaScript/TypeScript text, by module key, grammar, offset and text: a file met again in
# another project with the same path and text has the same table (mashup_gen.checker.memo).
_TABLES: ContentMemo[ModuleTable] = ContentMemo()


def _inline_table(key: str, code: str, offset: int) -> ModuleTable:
    from mashup_gen.source.modules import module_table
    from mashup_gen.source.syntax import parse

    return module_table(parse(code, "javascript", offset), key, _wanted_key, _CALLEES)


def _file_table(key: str, grammar: str, text: str, unit: Unit | None) -> ModuleTable:
    from mashup_gen.source.modules import module_table
    from mashup_gen.source.syntax import parse

    # The tree the file's model holds (or parses once for the facts too), when it is this grammar's.
    parsed = unit.model.tree if unit is not None and unit.model is not None else None
    if parsed is None or parsed.grammar != grammar or parsed.code != text:
        parsed = parse(text, grammar)
    return module_table(parsed, key, _wanted_key, _CALLEES)


def _table_uses(key: str, table: ModuleTable) -> list[_Use]:
    """The uses a module's table recorded, as uses to follow (literals are judged where they are written,
    except an object id, which nothing else judges)."""
    from mashup_gen.source.modules import Use

    found: list[_Use] = []
    call: list[Use] = []  # the arguments of the current call, in order
    for use in [*table.uses, Use("argument", "", "0", "", 0, 0)]:  # the sentinel ends the last call
        if use.kind == "argument" and use.name != "0":
            call.append(use)
            continue
        if call:
            found += _argument_uses(key, call)
        call = [use] if use.kind == "argument" else []
        if use.kind == "property" and not use.literal and not use.name.startswith("data"):
            names = {k.replace("-", "").replace("_", "").lower() for k in use.siblings}
            qlik = len(names & (set(USE_KEYS) | {"authtype"})) >= 2 and bool(names & _QLIK_ANCHORS)
            found.append(_Use(key, use.text, use.name, use.start, use.end, qlik))
        elif use.kind == "prop" and not use.literal:
            text = use.text[1:-1].strip() if use.text.startswith("{") else use.text
            found.append(_Use(key, text, use.name, use.start, use.end, "qlik" in use.owner.lower()))
    return found


def _argument_uses(key: str, arguments: list[Use]) -> list[_Use]:
    """``qlik.openApp(APP)``, ``el.setAttribute("app-id", APP)``, ``app.getObject("QV01", KPI)``."""
    callee = arguments[0].owner
    if callee.endswith(("openApp", "openDoc")):  # the capability API's and enigma.js's: both take the app id
        argument, name = arguments[0], callee.rsplit(".", 1)[-1]
    elif callee.endswith("setAttribute") and len(arguments) >= 2:
        attribute = arguments[0].text
        if not arguments[0].literal or use_key(attribute[1:-1]) is None:
            return []
        argument, name = arguments[1], attribute[1:-1]
    elif callee.endswith(_OBJECT_CALLS):
        argument = arguments[1] if callee.endswith("getObject") and len(arguments) > 1 else arguments[0]
        name = "objectId"
    else:
        return []
    if not argument.literal:
        return [_Use(key, argument.text, name, argument.start, argument.end, True)]
    if name == "objectId":  # an object id nothing else judges: the literal itself (inside its quotes)
        return [_Use(key, argument.text[1:-1], name, argument.start + 1, argument.end - 1, True, literal=True)]
    return []


def _markup_attributes(source: SourceFile) -> list[BoundAttribute]:
    """The attributes of a component's markup: a Vue template, Svelte markup or an Angular template."""
    from mashup_gen.source.blocks import sfc_blocks
    from mashup_gen.source.markup import bound_attributes

    text, lower = source.text, source.path.name.lower()
    if lower.endswith((".svelte", ".astro")):  # Astro writes {expression} attributes as Svelte does
        return bound_attributes(text, 0, len(text), "svelte")
    if lower.endswith(".html"):
        return bound_attributes(text, 0, len(text), "angular")
    return [
        a
        for block in sfc_blocks(text)
        if block.kind == "template"
        for a in bound_attributes(text, block.start, block.end, "vue")
    ]


def _markup_uses(key: str, source: SourceFile) -> tuple[list[_Use], list[BoundAttribute]]:
    """The bound attributes of a component's markup (followed into its script), and its literal ones."""
    attributes = [a for a in _markup_attributes(source) if use_key(a.name) is not None]
    uses = [
        _Use(key, a.expression, a.name, a.start, a.end, "qlik" in a.element.lower())
        for a in attributes
        if not a.literal
    ]
    return uses, [a for a in attributes if a.literal]


def travelled(facts: Facts) -> list[Travelled]:
    """Every Qlik value used through a name, with each literal it may hold (defined in another module, a JSON
    file or an env file, or earlier in the same module under a name that does not say what it is)."""
    return _safely(_travelled, facts)


def _safely(read: Callable[[Facts], list[Any]], facts: Facts) -> list[Any]:
    """What ``read`` finds; nothing when the code defeats it (a check must never stop on odd code: the rules
    that judge literals where they are written still run). MASHUP_GEN_DEBUG=1 shows the error."""
    try:
        return read(facts)
    except Exception:
        if os.environ.get("MASHUP_GEN_DEBUG"):
            raise
        return []


def _travelled(facts: Facts) -> list[Travelled]:
    project = facts.modules
    uses: list[tuple[_Use, SourceFile, bool]] = []
    for unit in project.project.units:
        if not _QUICK_HINT.search(unit.script.code):
            continue
        key = project.key(unit)
        table = project.table(key)
        if table is not None:
            uses.extend((use, unit.file, unit.in_browser) for use in _table_uses(key, table))
    result: list[Travelled] = []
    components = [p.file for p in project.project.pages if p.file.path.name.lower().endswith(_COMPONENT_MARKUP)]
    components += _svelte_files(project)
    for source in components:
        if not _QUICK_COMPONENT_HINT.search(source.text):
            continue
        relative = project._relative(source.path)
        project.by_path.setdefault(relative, source)
        angular = relative.lower().endswith(".html")
        # An Angular template's names are its component class's: the .ts file beside it.
        script = relative[: -len(".html")] + ".ts" if angular else relative
        if not angular:
            project.scripts.setdefault(relative, source)
        try:
            markup, literals = _markup_uses(script, source)
        except Exception:  # a parser failure must never stop a check
            markup, literals = [], []
        table = None if angular else project.table(relative)
        found = _table_uses(relative, table) if table is not None else []
        found += [replace(use, at=-1) for use in markup] if angular else markup
        uses.extend((use, source, True) for use in found)
        for attribute in literals:  # app-id="..." on a component: judged where it is written
            what = use_key(attribute.name)
            place = Place(source, attribute.start, attribute.end)
            qlik = "qlik" in attribute.element.lower()
            value = attribute.expression
            result.append(Travelled(what or "", attribute.name, value, attribute.name, place, place, qlik, True, False))
    resolver = project.resolver if uses else None

    seen: set[tuple[int, int, int, int]] = set()
    for use, file, browser in uses:
        what = "app id" if use.key in ("openApp", "openDoc") else use_key(use.key)
        if what is None:
            continue
        start = use.start
        used = Place(file, start, use.end)
        if use.literal:
            result.append(Travelled(what, use.key, use.expression, use.key, used, used, use.qlik, browser, False))
            continue
        literals = resolver.resolve(use.path, use.expression, use.at) if resolver is not None else []
        if any(literal.value.strip() for literal in literals):
            # An empty string beside real values is the default they replace (an Angular @Input() appId = '' its
            # parents' templates give), not a value left to fill in.
            literals = [literal for literal in literals if literal.value.strip()]
        for literal in literals:
            place = project.place(literal)
            if place is None or (place.file is file and place.start <= start < place.end):
                continue
            marker = (id(place.file), place.start, id(file), start)
            if marker in seen:
                continue
            seen.add(marker)
            result.append(
                Travelled(what, use.key, literal.value, literal.name, place, used, use.qlik, browser, literal.env)
            )
    return result


@dataclass(frozen=True)
class TravelledJoin:
    """``${base}/path`` where ``base`` is defined elsewhere as a literal."""

    value: str  # the base's literal
    defined: Place
    path: str  # the joined path
    used: Place  # the path's text in the template literal


def joins(facts: Facts) -> list[TravelledJoin]:
    """Every template-literal join of a value defined elsewhere (another module, an env file, a caller's
    argument) and a path: what a tenant URL ending in '/' turns into ``//api/...``."""
    return _safely(_joins, facts)


def _joins(facts: Facts) -> list[TravelledJoin]:
    project = facts.modules
    found: list[TravelledJoin] = []
    for unit in project.project.units:
        if not _JOIN_HINT.search(unit.script.code):
            continue  # no ``${x}/api/...`` (a Qlik path after a substitution): nothing to read the tree for
        key = project.key(unit)
        table = project.table(key)
        for join in table.joins if table is not None else ():
            for literal in project.resolver.resolve(key, join.expression, join.at):
                place = project.place(literal)
                if place is not None:
                    found.append(TravelledJoin(literal.value, place, join.path, Place(unit.file, join.start, join.end)))
    return found


def _svelte_files(project: ProjectModules) -> list[SourceFile]:
    """The Svelte components of a Svelte project (``check`` reads no other file of theirs): only a project
    whose package.json depends on svelte is walked for them."""
    from mashup_gen.source.bundlers import depends_on

    if not project.project.may_exist(project.root / "package.json"):
        return []
    manifest = project.project.manifest
    if not (depends_on(project.root, "svelte", manifest) or depends_on(project.root, "@sveltejs/kit", manifest)):
        return []
    found = []
    for relative in sorted(project.facts.project_files):
        if relative.lower().endswith(".svelte"):
            source = project.source(relative)
            if source is not None:
                found.append(source)
    return found
