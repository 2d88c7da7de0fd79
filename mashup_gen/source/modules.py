"""Values that travel: a literal defined in one module (or an env file, a JSON file, a framework's config) and
used in another, followed from the use to the line that defines it.

Each JavaScript/TypeScript piece (a file, or a Vue/Svelte ``<script>``) is read once into a
:class:`ModuleTable`: what its names are bound to (``const TENANT = "..."``, ``const cfg = {...}``,
``const {host} = cfg``, ``import {TENANT} from "./config"``, ``const cfg = require("./config")``, a Vue
``ref("...")`` or ``data() { return {...} }``, a class field, a function's parameters and locals), what it
exports (``export const``, ``export default``, ``export {a as b}``, ``export ... from``, ``module.exports``,
``exports.x``), the calls that give its functions and components their arguments and props, ``${x}/path``
joins, and, when asked, the uses of chosen names (``host: cfg.host``, ``qlik.openApp(APP)``,
``<QlikEmbed appId={APP} />``).

A :class:`Resolver` over a project's tables and env files then follows an expression (``cfg.tenant``,
``TENANT``, ``import.meta.env.VITE_HOST``) through aliases, object members, imports and re-exports, function
parameters and component props (to what every caller passes; component markup is read by ``markup``; a React
class component's ``this.props``; plain scripts a page loads side by side share one global scope),
``next.config``'s ``env`` and Nuxt's ``runtimeConfig``, to the string literals it may hold, each with the exact
span to change. Everything is read from tree-sitter trees (see ``syntax``), never from text patterns; following
is bounded (depth and visited set), so cycles end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from operator import attrgetter
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from mashup_gen.source.syntax import Parsed

_START_BYTE = attrgetter("start_byte")  # a node's sort key, read in C

if TYPE_CHECKING:
    from tree_sitter import Node, Query

MAX_DEPTH = 64  # steps followed for one expression (an import hop is four): real chains are a few hops long
# Places visited for one expression, at most: a minified bundle passes parameters through thousands of calls,
# and following every call of every call grows without end (minutes on one 600 KB file); real code is a few.
MAX_VISITS = 128
# Suffixes an import specifier may leave out, in the order bundlers try them.
MODULE_SUFFIXES = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".vue", ".svelte", ".astro", ".json")
# Import prefixes that name the source folder in Vite, Nuxt and Next.js templates (`@/config`, `~/config`).
ALIASES = {"@/": "src/", "~/": "src/", "@@/": "", "~~/": ""}
ENV_PREFIXES = ("import.meta.env.", "process.env.")
COMPONENT = "<component>"  # the function a Vue/Svelte component's props are the parameters of
ANGULAR_ELEMENT = "<element>"  # + a selector: the Angular component whose @Input()s its template elements give


@dataclass(frozen=True)
class Literal:
    """A string literal a value comes from: where it is written (file and the span of its contents)."""

    path: str  # the module's or env file's path, relative to the project root (posix)
    value: str
    start: int
    end: int
    name: str  # what it is called where it is defined: "TENANT", "config.host", "VITE_QLIK_HOST"
    env: bool = False  # defined in an env file


@dataclass
class Binding:
    """What a name (or an object member) is bound to."""

    kind: str  # "literal", "object", "expr", "either", "import", "param", "runtime" (Nuxt's runtime config)
    literal: Literal | None = None
    members: dict[str, Binding] = field(default_factory=dict)
    expr: str = ""  # kind "expr": the expression's text, normalised (``cfg.tenant``)
    options: list[Binding] = field(default_factory=list)  # kind "either": ``a || "b"``, ``a ?? "b"``
    source: str = ""  # kind "import": the module specifier
    imported: str = ""  # kind "import": the exported name, "default", or "*" for the whole module
    function: str = ""  # kind "param": the function's name in its module
    index: int = 0  # kind "param": the parameter's position
    key: str = ""  # kind "param": the property of a destructured parameter (``function f({ url })``)
    at: int = -1  # kind "expr": the file offset it is written at (which function's parameters it may name)


@dataclass
class Function:
    """A named function of a module: its span and its parameters."""

    name: str
    start: int
    end: int
    parameters: dict[str, Binding] = field(default_factory=dict)


@dataclass(frozen=True)
class Join:
    """``${expression}/path`` in a template literal: a value joined to a path."""

    expression: str
    at: int  # file offset of the expression
    path: str  # the text after the substitution, up to the next one
    start: int  # file span of that text
    end: int


@dataclass(frozen=True)
class Use:
    """A value given where a name says what it is: an object's property (``host: cfg.host``), a call's argument
    (``qlik.openApp(APP)``) or a JSX prop (``<QlikEmbed appId={APP} />``). Recorded only for the names and
    callees the caller of :func:`module_table` asks for."""

    kind: str  # "property", "argument" or "prop"
    owner: str  # the callee (argument) or the element (prop); "" for a property
    name: str  # the property or prop name; for an argument, its position
    text: str  # the value's source text
    start: int  # the value's file span
    end: int
    siblings: frozenset[str] = frozenset()  # a property's object's keys ("..." for a spread)
    literal: bool = False  # the value is a string literal


Wanted = Callable[[str], bool]


@dataclass
class ModuleTable:
    """One module's bound names and exports."""

    path: str
    bindings: dict[str, Binding] = field(default_factory=dict)
    exports: dict[str, Binding] = field(default_factory=dict)
    star_sources: list[str] = field(default_factory=list)  # ``export * from "./x"``
    functions: list[Function] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    component: bool = False  # a Vue/Svelte component: a name its script does not bind is a prop
    # Names declared inside functions: name -> (the function's span, binding), in source order.
    locals: dict[str, list[tuple[int, int, Binding]]] = field(default_factory=dict)
    # Calls of named functions: callee name -> each call's arguments (bindings, or None when unreadable),
    # read when asked for.
    calls: dict[str, list[Callable[[], list[Binding | None]]]] = field(default_factory=dict)
    uses: list[Use] = field(default_factory=list)
    readers: list[_Reader] = field(default_factory=list, repr=False)  # the pieces read, for calls_of
    _plain: dict[str, list[Callable[[], list[Binding | None]]]] | None = field(default=None, repr=False)

    def calls_of(self, name: str) -> list[Callable[[], list[Binding | None]]]:
        """The calls of ``name``: components given props (JSX, Vue, Svelte) and plain calls, read on first use."""
        if self._plain is None:
            self._plain = {}
            for reader in self.readers:
                for callee, calls in reader.plain_calls().items():
                    self._plain.setdefault(callee, []).extend(calls)
        return [*self.calls.get(name, ()), *self._plain.get(name, ())]

    def prop_default(self, name: str) -> Binding | None:
        """A Vue component's default for its prop ``name``: ``defineProps({ appId: { default: "..." } })``,
        ``withDefaults(defineProps<Props>(), { appId: "..." })`` or the Options API's ``props: { appId: { default:
        "..." } }`` (what the prop holds when a parent gives none)."""
        if not self.component:
            return None
        for call in self.calls_of("withDefaults"):
            arguments = call()
            defaults = arguments[1] if len(arguments) > 1 else None
            if defaults is not None and defaults.kind == "object" and name in defaults.members:
                return defaults.members[name]
        options = self.exports.get("default")  # the Options API: export default { props: { appId: {...} } }
        if options is not None and options.kind == "object" and "props" in options.members:
            prop = options.members["props"].members.get(name)
            if prop is not None and prop.kind == "object" and "default" in prop.members:
                return prop.members["default"]
        for call in self.calls_of("defineProps"):
            arguments = call()
            declared = arguments[0] if arguments else None
            prop = declared.members.get(name) if declared is not None and declared.kind == "object" else None
            if prop is not None and prop.kind == "object" and "default" in prop.members:
                return prop.members["default"]
        return None

    def lookup(self, name: str, at: int) -> Binding | None:
        """What ``name`` means where it is written (file offset ``at``, -1 when unknown): the innermost
        function's parameter or local around ``at``, else the module's own name, else the first local of that
        name anywhere (code that hands values between callbacks through outer variables)."""
        best: Binding | None = None
        best_start = -1
        if at >= 0:
            for function in self.functions:
                if function.start <= at < function.end and name in function.parameters and function.start > best_start:
                    best, best_start = function.parameters[name], function.start
            for start, end, bound in self.locals.get(name, ()):
                if start <= at < end and start >= best_start:
                    best, best_start = bound, start
        if best is not None:
            return best
        if name in self.bindings:
            return self.bindings[name]
        declared = self.locals.get(name)
        return declared[0][2] if declared else None


def chain(text: str) -> list[str]:
    """An expression's member chain: ``this.cfg?.tenant!`` -> ``["cfg", "tenant"]``; ``cfg["host"]`` too. Empty
    when the text is not a plain chain of names."""
    text = "".join(text.split()).replace("?.", ".").replace("!", "")
    for quote in ('"', "'"):
        text = text.replace(f"[{quote}", ".").replace(f"{quote}]", "")
    parts = text.split(".")
    if parts and parts[0] == "this":
        parts = parts[1:]
    if not parts or not all(p.replace("$", "_").replace("_", "a").isalnum() and not p[0].isdigit() for p in parts):
        return []
    return parts


def env_name(text: str) -> str | None:
    """``VITE_HOST`` for ``import.meta.env.VITE_HOST`` or ``process.env.VITE_HOST``; None otherwise."""
    clean = "".join(text.split()).replace("?.", ".")
    for prefix in ENV_PREFIXES:
        if clean.startswith(prefix):
            name = clean[len(prefix) :]
            if name and chain(name) == [name]:
                return name
    return None


# The classes a React class component extends (``React.Component``, ``PureComponent``).
_COMPONENT_CLASSES = frozenset({"Component", "PureComponent"})
# Calls that hand back their argument: Vue's reactivity wrappers and frameworks' config helpers.
_PASS_THROUGH = frozenset(
    {"ref", "reactive", "readonly", "shallowRef", "defineConfig", "defineNuxtConfig", "Object.freeze"}
)
_KINDS = (
    "variable_declarator",
    "import_statement",
    "export_statement",
    "assignment_expression",
    "method_definition",
    "function_declaration",
    "template_string",
    "field_definition",  # JavaScript's class fields
    "public_field_definition",  # TypeScript's
    "object",  # the properties of interest (a Use), when asked for
    "jsx_self_closing_element",  # a component given props: a call of the component
    "jsx_opening_element",
    "class_declaration",  # a React class component: ``this.props`` are what its elements pass
)


def table_patterns(grammar: str, callees: frozenset[str] = frozenset()) -> str:
    """The query patterns a table is read from (capture ``node``); calls only where the callee's last name is
    one of ``callees`` (calls of plain names are read later, only when a parameter is followed: see
    :meth:`ModuleTable.calls_of`)."""
    from mashup_gen.source.grammars import parser

    language = parser(grammar).language
    kinds = [k for k in _KINDS if language.id_for_node_kind(k, True)]  # each grammar names class fields its way
    patterns = "[" + " ".join(f"({k})" for k in kinds) + "] @node"
    if callees:
        # #any-of? compares whole names, as a ^(a|b)$ regex would, without running a regex on every call.
        names = " ".join(f'"{name}"' for name in sorted(callees))
        patterns += (
            "\n(call_expression function: [(identifier) @_name (member_expression property: (property_identifier)"
            f" @_name)] (#any-of? @_name {names})) @node"
        )
    return patterns


@cache
def _query(grammar: str, callees: frozenset[str] = frozenset()) -> Query:
    from tree_sitter import Query

    from mashup_gen.source.grammars import parser

    return Query(parser(grammar).language, table_patterns(grammar, callees))


@cache
def _call_query(grammar: str) -> Query:
    from tree_sitter import Query

    from mashup_gen.source.grammars import parser

    return Query(parser(grammar).language, "(call_expression function: (identifier)) @node")


def module_table(
    parsed: Parsed, path: str, keys: Wanted | None = None, callees: frozenset[str] = frozenset()
) -> ModuleTable:
    """The bound names and exports of one parsed JavaScript/TypeScript piece; with ``keys``/``callees``, also
    the :class:`Use` of each property or prop whose name ``keys`` wants and each argument of a call whose
    callee's last name (``openApp`` of ``qlik.openApp``) ``callees`` wants."""
    from tree_sitter import QueryCursor

    from mashup_gen.source.queries import TABLE_CALLEES, shared_captures

    table = ModuleTable(path)
    if callees == TABLE_CALLEES:  # the tree's one query, shared with its module facts
        nodes = sorted(shared_captures(parsed).get("node", ()), key=_START_BYTE)
    else:
        nodes = QueryCursor(_query(parsed.grammar, callees)).captures(parsed.root).get("node", [])
        nodes.sort(key=_START_BYTE)
    reader = _Reader(parsed, path, keys)
    table.readers.append(reader)
    for node in nodes:
        kind = node.type
        if kind == "variable_declarator":
            reader.declarator(node, table)
        elif kind == "import_statement":
            reader.import_statement(node, table.bindings)
        elif kind == "export_statement":
            reader.export_statement(node, table)
        elif kind == "assignment_expression":
            reader.commonjs_export(node, table)
        elif kind == "method_definition":
            reader.vue_data(node, table.bindings)
        elif kind == "function_declaration":
            name = node.child_by_field_name("name")
            if name is not None:
                reader.parameters(reader.text(name), node, table.functions)
        elif kind == "call_expression":
            reader.call(node, table)
        elif kind == "object":
            reader.object_uses(node, table.uses)
        elif kind == "template_string":
            reader.joins(node, table.joins)
        elif kind in ("jsx_self_closing_element", "jsx_opening_element"):
            reader.element(node, table)
        elif kind == "class_declaration":
            reader.component_class(node, table.functions)
        elif kind in ("field_definition", "public_field_definition"):
            # A class field (an Angular component's ``appId = "..."``): its template and ``this.appId`` read it.
            name = node.child_by_field_name("name") or node.child_by_field_name("property")
            bound = reader.binding(node.child_by_field_name("value"), reader.text(name)) if name else None
            given = _angular_input(reader, node, reader.text(name)) if name is not None else None
            if given is not None:  # @Input() appId = "": what the parents' templates bind, else the default
                bound = Binding("either", options=[given, *([bound] if bound is not None else [])])
            if name is not None and bound is not None:
                table.bindings.setdefault(reader.text(name), bound)
    return table


class _Reader:
    """Reads bindings out of one parsed piece."""

    def __init__(self, parsed: Parsed, path: str, keys: Wanted | None = None) -> None:
        self.parsed = parsed
        self.path = path
        self.keys = keys

    def text(self, node: Node) -> str:
        return self.parsed.text(node)

    def binding(self, node: Node | None, name: str) -> Binding | None:
        """What an expression node binds: a literal, an object, another expression, a fallback, an import."""
        if node is None:
            return None
        kind = node.type
        while kind in ("parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"):
            node = node.named_children[0] if node.named_children else None
            if node is None:
                return None
            kind = node.type
        if kind == "string" or (
            kind == "template_string" and not any(c.type == "template_substitution" for c in node.named_children)
        ):
            text = self.text(node)
            start, end = self.parsed.span(node)
            return Binding("literal", literal=Literal(self.path, text[1:-1], start + 1, end - 1, name))
        if kind == "object":
            members: dict[str, Binding] = {}
            for pair in node.named_children:
                if pair.type == "pair":
                    key = pair.child_by_field_name("key")
                    if key is None or key.type == "computed_property_name":
                        continue
                    key_text = self.text(key).strip("\"'")
                    member = self.binding(pair.child_by_field_name("value"), f"{name}.{key_text}" if name else key_text)
                    if member is not None:
                        members[key_text] = member
                elif pair.type == "shorthand_property_identifier":
                    members[self.text(pair)] = Binding("expr", expr=self.text(pair), at=self.parsed.span(pair)[0])
                elif pair.type == "method_definition":
                    self.vue_data(pair, members, prefix=f"{name}.")
            return Binding("object", members=members)
        if kind == "this":  # ``var me = this``: ``me.props.appId`` is ``this.props.appId``
            return Binding("expr", expr="this", at=self.parsed.span(node)[0])
        if kind in ("identifier", "member_expression", "subscript_expression"):
            text = self.text(node)
            if env_name(text) is not None or chain(text):
                return Binding("expr", expr=text, at=self.parsed.span(node)[0])
            return None
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and self.text(operator) in ("||", "??"):
                options = [self.binding(node.child_by_field_name(s), name) for s in ("left", "right")]
                return Binding("either", options=[o for o in options if o is not None])
            return None
        if kind == "call_expression":
            function = node.child_by_field_name("function")
            arguments = node.child_by_field_name("arguments")
            callee = self.text(function) if function is not None else ""
            first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
            if callee == "require" and first is not None and first.type == "string":
                return Binding("import", source=self.text(first)[1:-1], imported="*")
            # Vue's ref/reactive/computed-less wrappers and config helpers hand back their argument.
            if callee in _PASS_THROUGH:
                return self.binding(first, name)
            if callee == "useRuntimeConfig":  # Nuxt: the runtimeConfig of nuxt.config
                return Binding("runtime")
            if callee in ("defineProps", "withDefaults"):  # Vue: the props its parents pass
                return Binding("param", function=COMPONENT)
        return None

    def declarator(self, node: Node, table: ModuleTable) -> None:
        """``const x = ...`` / ``const { a, b: c } = ...``: a module-level name, or a function's local one
        (kept with the function's span, so that a use inside it finds it before a namesake elsewhere)."""
        target, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        if target is None or value is None:
            return
        if target.type == "identifier" and value.type in ("arrow_function", "function_expression", "function"):
            self.parameters(self.text(target), value, table.functions)
            return
        wrapped = _wrapped_component(value)
        if target.type == "identifier" and wrapped is not None:
            # const Chart = memo(({ appId }) => ...): React calls the inner function with the element's props
            self.parameters(self.text(target), wrapped, table.functions)
            return
        scope = _scope(node)
        names: list[tuple[str, Binding]] = []
        if target.type == "identifier":
            bound = self.binding(value, self.text(target))
            if bound is not None:
                names.append((self.text(target), bound))
        elif target.type == "object_pattern":
            source = self.binding(value, "")
            if source is not None:
                names += [(local, _member_of(source, key)) for key, local in self.pattern_names(target)]
        for name, bound in names:
            if scope is None:
                table.bindings.setdefault(name, bound)  # the first module-level declaration wins
            else:
                start, end = self.parsed.span(scope)
                table.locals.setdefault(name, []).append((start, end, bound))

    def pattern_names(self, pattern: Node) -> list[tuple[str, str]]:
        """``(key, local name)`` of each property an object pattern takes: ``{ host, id: appId }``."""
        names = []
        for part in pattern.named_children:
            if part.type == "shorthand_property_identifier_pattern":
                names.append((self.text(part), self.text(part)))
            elif part.type == "pair_pattern":
                key, value = part.child_by_field_name("key"), part.child_by_field_name("value")
                if key is not None and value is not None and value.type == "identifier":
                    names.append((self.text(key).strip("\"'"), self.text(value)))
        return names

    def parameters(self, function: str, node: Node, functions: list[Function]) -> None:
        """A function's parameters, bound to whatever its calls pass (``function connect({ url })``)."""
        start, end = self.parsed.span(node)
        if any(f.start == start for f in functions):
            return  # ``export const f = () => ...`` is read once as an export, once as a declarator
        bindings: dict[str, Binding] = {}
        functions.append(Function(function, start, end, bindings))
        parameters = node.child_by_field_name("parameters")
        if parameters is None:
            single = node.child_by_field_name("parameter")  # x => ...
            if single is not None and single.type == "identifier":
                bindings.setdefault(self.text(single), Binding("param", function=function, index=0))
            return
        for index, parameter in enumerate(parameters.named_children):
            pattern = parameter
            if pattern.type in ("required_parameter", "optional_parameter"):
                pattern = pattern.child_by_field_name("pattern") or pattern
            if pattern.type == "assignment_pattern":
                pattern = pattern.child_by_field_name("left") or pattern
            if pattern.type == "identifier":
                bindings.setdefault(self.text(pattern), Binding("param", function=function, index=index))
            elif pattern.type == "object_pattern":
                for key, local in self.pattern_names(pattern):
                    bindings.setdefault(local, Binding("param", function=function, index=index, key=key))

    def component_class(self, node: Node, functions: list[Function]) -> None:
        """``class Viewer extends React.Component``: React calls it with its props as one object, read in its
        methods as ``this.props``; its elements (``<Viewer appId="..." />``) are its calls."""
        name = node.child_by_field_name("name")
        heritage = next((c for c in node.named_children if c.type == "class_heritage"), None)
        if name is None or heritage is None:
            return
        parent = self.text(heritage).removeprefix("extends").strip().split("<")[0].strip()
        if parent.rsplit(".", 1)[-1] not in _COMPONENT_CLASSES:
            return
        start, end = self.parsed.span(node)
        class_name = self.text(name)
        functions.append(Function(class_name, start, end, {"props": Binding("param", function=class_name)}))

    def call(self, node: Node, table: ModuleTable) -> None:
        """A call of a wanted callee: its arguments are uses."""
        function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        if function is None or arguments is None:
            return
        callee = self.text(function).replace("?.", ".")
        for index, argument in enumerate(arguments.named_children[:4]):
            start, end = self.parsed.span(argument)
            literal = argument.type == "string"
            table.uses.append(Use("argument", callee, str(index), self.text(argument), start, end, literal=literal))

    def plain_calls(self) -> dict[str, list[Callable[[], list[Binding | None]]]]:
        """Every call of a plain name (``connect({...})``), its arguments read when asked for."""
        from tree_sitter import QueryCursor

        calls: dict[str, list[Callable[[], list[Binding | None]]]] = {}
        for node in QueryCursor(_call_query(self.parsed.grammar)).captures(self.parsed.root).get("node", [])[:5000]:
            function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
            if function is None or arguments is None:
                continue
            nodes = arguments.named_children[:8]
            calls.setdefault(self.text(function), []).append(lambda nodes=nodes: [self.binding(n, "") for n in nodes])
        return calls

    def object_uses(self, node: Node, uses: list[Use]) -> None:
        """The properties an object literal gives to wanted names."""
        if self.keys is None:
            return
        pairs: list[tuple[str, Node]] = []
        names: set[str] = set()
        children = node.named_children
        if not any(c.type in ("pair", "shorthand_property_identifier") for c in children):
            return
        for pair in children:
            if pair.type == "pair":
                key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
                if key is not None and value is not None:
                    name = self.text(key).strip("\"'")
                    names.add(name)
                    pairs.append((name, value))
            elif pair.type == "shorthand_property_identifier":
                names.add(self.text(pair))
                pairs.append((self.text(pair), pair))
            elif pair.type == "spread_element":
                names.add("...")
        wanted = [(name, value) for name, value in pairs if self.keys(name)]
        siblings = frozenset(names)
        for name, value in wanted:
            start, end = self.parsed.span(value)
            literal = value.type == "string" or (
                value.type == "template_string" and not any(c.type == "template_substitution" for c in value.children)
            )
            uses.append(Use("property", "", name, self.text(value), start, end, siblings, literal))

    def element(self, node: Node, table: ModuleTable) -> None:
        """``<Dashboard appId={APP} host="..." />``: React calls the component with its props as one object;
        wanted props of any element are uses."""
        name = node.child_by_field_name("name")
        if name is None:
            return
        element = self.text(name)
        attributes = [
            (self.text(a.named_children[0]), a.named_children[1])
            for a in node.named_children
            if a.type == "jsx_attribute" and a.named_child_count >= 2
        ]
        for key, value in attributes if self.keys is not None else ():
            if self.keys(key):
                inner = value.named_children[0] if value.type == "jsx_expression" and value.named_children else value
                start, end = self.parsed.span(inner)
                table.uses.append(
                    Use("prop", element, key, self.text(inner), start, end, literal=inner.type == "string")
                )
        if name.type != "identifier" or not element[:1].isupper():
            return  # an HTML element, or a member (<Foo.Bar>) this does not follow

        def props() -> list[Binding | None]:
            members: dict[str, Binding] = {}
            for key, value in attributes:
                inner = value.named_children[0] if value.type == "jsx_expression" and value.named_children else value
                bound = self.binding(inner, key) if inner is not None else None
                if bound is not None:
                    members[key] = bound
            return [Binding("object", members=members)]

        table.calls.setdefault(element, []).append(props)

    def joins(self, node: Node, joins: list[Join]) -> None:
        """``${x}/path`` parts of a template literal."""
        children = node.children
        for substitution, fragment in pairwise(children):
            if substitution.type != "template_substitution" or fragment.type != "string_fragment":
                continue
            text = self.text(fragment)
            inner = substitution.named_children[0] if substitution.named_children else None
            if not text.startswith("/") or inner is None:
                continue
            start, end = self.parsed.span(fragment)
            joins.append(Join(self.text(inner), self.parsed.span(inner)[0], text, start, end))

    def import_statement(self, node: Node, bindings: dict[str, Binding]) -> None:
        source = node.child_by_field_name("source")
        if source is None:
            return
        specifier = self.text(source)[1:-1]
        for clause in node.named_children:
            if clause.type != "import_clause":
                continue
            for part in clause.named_children:
                if part.type == "identifier":
                    bindings.setdefault(self.text(part), Binding("import", source=specifier, imported="default"))
                elif part.type == "namespace_import" and part.named_children:
                    local = self.text(part.named_children[0])
                    bindings.setdefault(local, Binding("import", source=specifier, imported="*"))
                elif part.type == "named_imports":
                    for imported, local in self.specifiers(part, "import_specifier"):
                        bindings.setdefault(local, Binding("import", source=specifier, imported=imported))

    def specifiers(self, clause: Node, kind: str) -> Iterator[tuple[str, str]]:
        """Each ``name as alias`` of an import's or export's braces: (name, alias, or the name again)."""
        for spec in clause.named_children:
            if spec.type != kind:
                continue
            name_node, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
            if name_node is None:
                continue
            name = self.text(name_node).strip("\"'")
            yield name, (self.text(alias).strip("\"'") if alias is not None else name)

    def export_statement(self, node: Node, table: ModuleTable) -> None:
        source_node = node.child_by_field_name("source")
        source = self.text(source_node)[1:-1] if source_node is not None else None
        declaration = node.child_by_field_name("declaration")
        if declaration is not None and declaration.type in (
            "function_declaration",
            "generator_function_declaration",
            "class_declaration",
        ):
            name = declaration.child_by_field_name("name")
            if name is not None:
                default = any(child.type == "default" for child in node.children)
                table.exports["default" if default else self.text(name)] = Binding("expr", expr=self.text(name))
            return
        if declaration is not None:
            for declarator in declaration.named_children:
                if declarator.type == "variable_declarator":
                    self.declarator(declarator, table)
                    name = declarator.child_by_field_name("name")
                    if name is not None and name.type == "identifier":
                        table.exports.setdefault(self.text(name), Binding("expr", expr=self.text(name)))
            return
        if any(child.type == "default" for child in node.children):
            value = node.child_by_field_name("value")
            bound = self.binding(value, "default")
            if bound is not None:
                table.exports["default"] = bound
            return
        clause = next((c for c in node.named_children if c.type == "export_clause"), None)
        if clause is None:
            if source is not None:
                table.star_sources.append(source)  # export * from "./x"
            return
        for local, exported in self.specifiers(clause, "export_specifier"):
            if source is not None:
                table.exports[exported] = Binding("import", source=source, imported=local)
            else:
                table.exports[exported] = Binding("expr", expr=local)

    def commonjs_export(self, node: Node, table: ModuleTable) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return
        target = chain(self.text(left))
        if target == ["module", "exports"]:
            bound = self.binding(right, "module.exports")
            if bound is not None:
                table.exports["default"] = bound
                for key, member in bound.members.items():  # const { host } = require("./config")
                    table.exports.setdefault(key, member)
        elif target[:-1] in (["exports"], ["module", "exports"]):
            bound = self.binding(right, target[-1])
            if bound is not None:
                table.exports[target[-1]] = bound

    def vue_data(self, node: Node, bindings: dict[str, Binding], prefix: str = "") -> None:
        """A Vue options-API ``data() { return {...} }``: its properties are the template's names."""
        name = node.child_by_field_name("name")
        if name is None or self.text(name) != "data":
            return
        body = node.child_by_field_name("body")
        for statement in body.named_children if body is not None else ():
            if statement.type == "return_statement" and statement.named_children:
                returned = self.binding(statement.named_children[0], prefix + "data")
                if returned is not None and returned.kind == "object":
                    for key, member in returned.members.items():
                        bindings.setdefault(key, member)


_SCOPES = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "function",
        "generator_function",
        "arrow_function",
        "method_definition",
    }
)


# Calls that wrap a React component and hand its props on: React.memo, forwardRef, MobX's observer.
_COMPONENT_WRAPPERS = frozenset({"memo", "React.memo", "forwardRef", "React.forwardRef", "observer"})
_FUNCTIONS = ("arrow_function", "function_expression", "function")


def _wrapped_component(node: Node) -> Node | None:
    """The function ``memo(function Chart({ appId }) {...})`` (or forwardRef, observer) wraps, else None."""
    if node.type != "call_expression":
        return None
    function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if function is None or arguments is None or not arguments.named_children:
        return None
    callee = function.text.decode("utf-8", "replace") if function.text is not None else ""
    first = arguments.named_children[0]
    if callee not in _COMPONENT_WRAPPERS:
        return None
    return first if first.type in _FUNCTIONS else _wrapped_component(first)


_SELECTOR = re.compile(r"""\bselector\s*:\s*["'`]([a-z][\w-]*)["'`]""")


def _angular_input(reader: _Reader, node: Node, name: str) -> Binding | None:
    """``@Input() appId`` of an Angular component whose selector is an element (``app-chart``): a parameter of
    the component, given by the elements of the templates that use it (``<app-chart appId="..." />``)."""
    if not any(c.type == "decorator" and reader.text(c).startswith("@Input") for c in node.children):
        return None
    owner = node.parent
    while owner is not None and owner.type not in ("class_declaration", "class"):
        owner = owner.parent
    decorators = [reader.text(c) for c in owner.children if c.type == "decorator"] if owner is not None else []
    if owner is not None and owner.parent is not None and owner.parent.type == "export_statement":
        decorators += [reader.text(c) for c in owner.parent.children if c.type == "decorator"]
    found = next((m for d in decorators if d.startswith("@Component") and (m := _SELECTOR.search(d))), None)
    if found is None:
        return None
    return Binding("param", function=ANGULAR_ELEMENT + found.group(1), key=name)


def _scope(node: Node) -> Node | None:
    """The function a declaration is written in, or None at module level."""
    parent = node.parent
    while parent is not None:
        if parent.type in _SCOPES:
            return parent
        parent = parent.parent
    return None


def _member_of(binding: Binding, key: str) -> Binding:
    """``binding.key`` as a binding: the member itself when known, else an access to follow later."""
    if binding.kind == "object" and key in binding.members:
        return binding.members[key]
    if binding.kind == "expr":
        return Binding("expr", expr=f"{binding.expr}.{key}", at=binding.at)
    if binding.kind == "import":
        if binding.imported == "*":
            return Binding("import", source=binding.source, imported=key)
        return Binding("import", source=binding.source, imported=f"{binding.imported}.{key}")
    return Binding("object")  # nothing known: resolves to nothing


Loader = Callable[[str], "ModuleTable | None"]


class Resolver:
    """Follows expressions of a project's modules to the literals they may hold.

    ``load(path)`` gives the table of the module at a project-relative path (None when there is no such
    module); ``exists(path)`` says whether the project has a file there; ``env`` maps an environment
    variable's name to its definitions in the project's env files; ``modules(path)`` names the modules that
    may call the functions of ``path`` (a parameter is followed to what every call passes); ``frameworks``
    names the project's ``next.config.*`` and ``nuxt.config.*``."""

    def __init__(
        self,
        load: Loader,
        exists: Callable[[str], bool],
        env: dict[str, list[Literal]] | None = None,
        modules: Callable[[str], Iterable[str]] | None = None,
        frameworks: dict[str, str] | None = None,
        elements: Callable[[str], Iterable[tuple[str, Callable[[], list[Binding | None]]]]] | None = None,
    ) -> None:
        self._load = load
        self.exists = exists
        self.env = env or {}
        # The modules that may import a given one (where its functions may be called from); none by default.
        self.importers = modules or (lambda _path: ())
        # "next" / "nuxt" -> the path of next.config.* / nuxt.config.*: next.config's ``env`` sets
        # ``process.env.X`` for the app; Nuxt's ``runtimeConfig`` is what ``useRuntimeConfig()`` returns.
        self.frameworks = frameworks or {}
        # An Angular selector -> (the template's component module, each element's props) across the project.
        self.elements = elements or (lambda _selector: ())

    def locate(self, importer: str, specifier: str) -> str | None:
        """The project-relative path of the module ``specifier`` names from ``importer``, or None (a
        package, or a file outside the project)."""
        base: str | None = None
        if specifier in (".", "..") or specifier.startswith(("./", "../")):
            base = _normalise(str(PurePosixPath(importer).parent / specifier))
        else:
            for alias, folder in ALIASES.items():
                if specifier.startswith(alias):
                    base = _normalise(folder + specifier[len(alias) :])
                    break
        if base is None:
            return None
        candidates = [base, *(base + s for s in MODULE_SUFFIXES), *(f"{base}/index{s}" for s in MODULE_SUFFIXES)]
        if base.endswith(".js"):  # TypeScript projects import "./config.js" meaning config.ts
            candidates += [base[:-3] + s for s in (".ts", ".tsx")]
        return next((c for c in candidates if self.exists(c)), None)

    def resolve(self, path: str, expression: str, at: int = -1) -> list[Literal]:
        """The literals ``expression`` (as written in module ``path``, at file offset ``at`` when known) may
        hold: its definitions, in order."""
        found: list[Literal] = []
        self._expression(path, expression, found, 0, set(), at)
        unique: dict[tuple[str, int], Literal] = {}
        for literal in found:
            unique.setdefault((literal.path, literal.start), literal)
        return list(unique.values())

    def _expression(
        self, path: str, expression: str, found: list[Literal], depth: int, seen: set, at: int = -1
    ) -> None:
        if depth > MAX_DEPTH or len(seen) > MAX_VISITS:
            return
        name = env_name(expression)
        if name is not None:
            found.extend(self.env.get(name, ()))
            if "next" in self.frameworks:
                self._export(self.frameworks["next"], "default", ["env", name], found, depth + 1, seen)
            return
        parts = chain(expression)
        if not parts:
            return
        key = (path, ".".join(parts), at)
        if key in seen:
            return  # a cycle: a = b, b = a
        seen.add(key)
        table = self._load(path)
        if table is None:
            return
        binding = table.lookup(parts[0], at)
        if binding is None and parts[0] in table.exports and table.exports[parts[0]].kind != "expr":
            binding = table.exports[parts[0]]
        if binding is None and table.component:
            binding = Binding("param", function=COMPONENT, key=parts[0])
        if binding is not None:
            self._follow(path, binding, parts[1:], found, depth + 1, seen)

    def _follow(self, path: str, binding: Binding, rest: list[str], found: list[Literal], depth: int, seen: set):
        if depth > MAX_DEPTH:
            return
        kind = binding.kind
        if kind == "literal":
            if not rest and binding.literal is not None:
                found.append(binding.literal)
        elif kind == "object":
            if rest and rest[0] in binding.members:
                self._follow(path, binding.members[rest[0]], rest[1:], found, depth + 1, seen)
        elif kind == "expr":
            text = ".".join([binding.expr.replace("?.", "."), *rest])
            self._expression(path, text, found, depth + 1, seen, binding.at)
        elif kind == "runtime":
            if "nuxt" in self.frameworks:
                self._export(self.frameworks["nuxt"], "default", ["runtimeConfig", *rest], found, depth + 1, seen)
        elif kind == "param":
            names = [binding.key, *rest] if binding.key else rest
            self._calls(path, binding, names, found, depth + 1, seen)
            if binding.function == COMPONENT and names:  # props.appId: or else the prop's default
                table = self._load(path)
                default = table.prop_default(names[0]) if table is not None else None
                if default is not None:
                    self._follow(path, default, names[1:], found, depth + 1, seen)
        elif kind == "either":
            for option in binding.options:
                self._follow(path, option, rest, found, depth + 1, seen)
        elif kind == "import":
            target = self.locate(path, binding.source)
            if target is None:
                return
            names = binding.imported.split(".") if binding.imported != "*" else []
            names += rest
            if not names:
                return  # a whole module is not a value
            self._export(target, names[0], names[1:], found, depth + 1, seen)

    def _calls(self, path: str, parameter: Binding, rest: list[str], found: list[Literal], depth: int, seen: set):
        """What the calls of a function pass for one of its parameters: calls in its own module, and in the
        modules that import it (``import connect from "./connect"; connect({ url: "..." })``)."""
        marker = (path, "calls", parameter.function, parameter.index, *rest)
        if depth > MAX_DEPTH or marker in seen or len(seen) > MAX_VISITS:
            return
        seen.add(marker)
        if parameter.function.startswith(ANGULAR_ELEMENT):
            for module, call in self.elements(parameter.function[len(ANGULAR_ELEMENT) :]):
                arguments = call()
                if arguments and arguments[0] is not None:
                    self._follow(module, arguments[0], rest, found, depth + 1, seen)
            return
        callers = [(path, parameter.function)] if parameter.function != COMPONENT else []
        for module in self.importers(path):
            table = self._load(module) if module != path else None
            if table is not None and self._shares_scope(path, table, parameter.function):
                callers.append((module, parameter.function))
                continue
            for local, bound in table.bindings.items() if table is not None else ():
                if bound.kind == "import" and self.locate(module, bound.source) == path:
                    if parameter.function == COMPONENT:
                        if bound.imported == "default":  # import SalesChart from "./SalesChart.vue"
                            callers.append((module, local))
                        continue
                    exported = self._load(path)
                    target = exported.exports.get(bound.imported) if exported is not None else None
                    if target is not None and target.kind == "expr" and target.expr == parameter.function:
                        callers.append((module, local))
        for module, name in callers:
            table = self._load(module)
            for call in table.calls_of(name) if table is not None else ():
                arguments = call()
                if parameter.index < len(arguments) and arguments[parameter.index] is not None:
                    self._follow(module, arguments[parameter.index], rest, found, depth + 1, seen)

    def _shares_scope(self, path: str, caller: ModuleTable, function: str) -> bool:
        """True when ``caller`` and the module at ``path`` are plain scripts (neither imports nor exports
        anything) and ``caller`` has no ``function`` of its own: a page loads them side by side into one global
        scope, so ``<Viewer ... />`` (or ``connect(...)``) in one calls the ``class Viewer`` of the other."""
        if function == COMPONENT or function in caller.bindings or caller.exports:
            return False
        if any(b.kind == "import" for b in caller.bindings.values()):
            return False
        defined = self._load(path)
        return (
            defined is not None
            and not defined.exports
            and not any(b.kind == "import" for b in defined.bindings.values())
        )

    def _export(self, path: str, name: str, rest: list[str], found: list[Literal], depth: int, seen: set) -> None:
        if depth > MAX_DEPTH or (path, "export", name, *rest) in seen or len(seen) > MAX_VISITS:
            return
        seen.add((path, "export", name, *rest))
        table = self._load(path)
        if table is None:
            return
        binding = table.exports.get(name)
        if binding is not None:
            self._follow(path, binding, rest, found, depth + 1, seen)
            return
        for source in table.star_sources:
            target = self.locate(path, source)
            if target is not None:
                self._export(target, name, rest, found, depth + 1, seen)


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


def json_table(text: str, path: str) -> ModuleTable:
    """A JSON file as a module (``import config from "./config.json"``): its object is the default export and
    its top-level keys the named ones. JSON is a JavaScript expression: it is read as ``_=(<json>)`` with
    offsets shifted back to the file's."""
    from mashup_gen.source.syntax import parse

    table = ModuleTable(path)
    parsed = parse(f"_=({text})", "javascript", -3)
    statement = parsed.root.named_children[0] if parsed.root.named_children else None
    expression = statement.named_children[0] if statement is not None and statement.named_children else None
    value = expression.child_by_field_name("right") if expression is not None else None
    bound = _Reader(parsed, path).binding(value, "")
    if bound is not None:
        table.exports["default"] = bound
        for member, binding in bound.members.items():
            table.exports.setdefault(member, binding)
    return table
