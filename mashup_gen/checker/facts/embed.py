"""What a project's pages say about qlik-embed: the script tags loading ``@qlik/embed-web-components`` (or
Qlik's OAuth callback script), the ``<qlik-embed>`` elements, and the configuration the package reads.

The package reads each setting ``NAME`` (``host``, ``auth-type``, ``client-id``, ``redirect-uri``,
``web-integration-id``, ...) from, in order: a ``data-qlik-embed-NAME`` attribute on an ancestor of the
element, ``<meta name="qlik-embed-NAME" content>``, the first ``<script data-NAME>``, the first
``<script data-qlik-embed-NAME>``. A page's settings are therefore the first of those found anywhere in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from mashup_gen.checker.hints import Quick
from mashup_gen.checker.js import Script
from mashup_gen.checker.project import Attribute, Page, Project, Tag, Unit

PACKAGE = "@qlik/embed-web-components"
# Qlik's newer callback script lives in @qlik/api (oauth-callback.iife.js).
CALLBACK_SCRIPT = re.compile(r"/oauth-callback(?:\.min|\.iife)?\.js(?:[?#]|$)", re.I)
# The version in a CDN URL: "@1.6.0" is exact; "@1", "@1.6", "@latest", "@^1", none at all are not.
PACKAGE_VERSION = re.compile(re.escape(PACKAGE) + r"(?:@(?P<version>[^/]*))?(?:/|$)", re.I)
EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")
_PAGE_SETTING = Quick(re.compile(r"""(?i)\bdata-qlik-embed-|["']qlik-embed-[a-z-]+["']"""))
_ANCESTOR_SETTING = Quick(
    re.compile(r"""\sdata-qlik-embed-(?P<name>[a-z-]+)\s*=\s*(?:"(?P<a>[^"]*)"|'(?P<b>[^']*)')""", re.I)
)


@dataclass(frozen=True)
class EmbedPage:
    """A page that uses qlik-embed: its loader tag (if any), callback tag (if any) and elements."""

    page: Page
    loader: Tag | None  # <script src=".../@qlik/embed-web-components@V/dist/index(.min).js">
    callback: Tag | None  # <script src=".../oauth-callback.js"> (the OAuth redirect URI's page)
    elements: list[Tag]  # <qlik-embed ...>

    def setting(self, name: str) -> tuple[str, Tag | None] | None:
        """The value of setting ``name`` as the package finds it, and the tag holding it; None when absent."""
        # An empty ancestor attribute or meta tag is passed over; the first script tag with the attribute decides.
        text = self.page.file.text
        for match in _ANCESTOR_SETTING.finditer(text):
            value = match.group("a") if match.group("a") is not None else match.group("b")
            if match.group("name").lower() == name and value:
                return value, None
        for tag in self.page.tags:
            if tag.name == "meta" and (tag.get("name") or "").lower() == f"qlik-embed-{name}" and tag.get("content"):
                return tag.get("content") or "", tag
        for attribute in (f"data-{name}", f"data-qlik-embed-{name}"):
            for tag in self.page.scripts():
                if attribute in tag.attributes:
                    return tag.get(attribute) or "", tag
        return None

    @property
    def anchor(self) -> Tag | None:
        """The tag a finding about the whole page points at."""
        return self.loader or self.callback or (self.elements[0] if self.elements else None)


def package_version(src: str) -> str | None:
    """The version a package URL names (``"1.6.0"``, ``"1"``, ``"latest"``), ``""`` for none; None if not it."""
    match = PACKAGE_VERSION.search(src)
    if not match:
        return None
    return match.group("version") or ""


def is_exact(version: str) -> bool:
    """True for an exact version such as 1.6.0 (what a Subresource Integrity hash can be computed for)."""
    return bool(EXACT_VERSION.match(version))


def url_path(url: str) -> str:
    """The path of a URL (``/portal/oauth-callback.html``)."""
    return urlsplit(url).path


class EmbedFacts:
    """The qlik-embed pages of a project, found once."""

    def __init__(self, project: Project) -> None:
        self.project = project

    @cached_property
    def jsx_pages(self) -> list[Page]:
        """Components that load the package with a JSX script tag (Next.js's ``<Script src=".../@qlik/embed-web-
        components@1.6.0/dist/index.js" data-host="..." />`` in a root layout or ``_app``), each as a page of one
        script tag: the package reads its settings from that tag whichever page mounts the component."""
        found = []
        for unit in self.project.units:
            if PACKAGE not in unit.script.code or unit.file.path.suffix.lower() not in _JSX_SUFFIXES:
                continue
            tags = [tag for tag in _jsx_script_tags(unit) if package_version(tag.get("src") or "") is not None]
            if tags:
                found.append(Page(unit.file, tags, [unit]))
        return found

    @cached_property
    def injected_pages(self) -> list[Page]:
        """Browser code that adds the loader itself (``s = document.createElement("script")``, ``s.src = ".../@qlik/
        embed-web-components@1.6.0/dist/index.js"``, ``s.setAttribute("data-host", ...)``, ``s.dataset.authType =
        ...``), each as a page of one script tag holding those attributes: the package reads its settings from
        that tag. Code that sets attributes nobody can read here (a name computed, ``Object.assign``) is left."""
        found = []
        if any(_PAGE_SETTING.search(page.file.text) for page in self.project.pages):
            return []  # settings in a page's <meta> or an ancestor's data-qlik-embed-*: the tag is not all there is
        if any(path.suffix.lower() == ".qext" for path in self.project.found.leftovers):
            return []  # an extension's code runs inside Qlik Sense's own client, signed in to it
        for unit in self.project.units:
            if PACKAGE not in unit.script.code or not unit.in_browser:
                continue
            tags = _injected_script_tags(unit)
            if tags:
                found.append(Page(unit.file, tags, [unit], role="script"))
        return found

    @cached_property
    def pages(self) -> list[EmbedPage]:
        """Pages that load the package or Qlik's callback script, or hold ``<qlik-embed>`` elements."""
        found = []
        for page in (*self.project.pages, *self.jsx_pages, *self.injected_pages):
            loader = callback = None
            for tag in page.scripts():
                src = tag.get("src") or ""
                if CALLBACK_SCRIPT.search(src) and ("@qlik/" in src or "data-host" in tag.attributes):
                    callback = callback or tag
                elif package_version(src) is not None:
                    loader = loader or tag
            elements = [tag for tag in page.tags if tag.name == "qlik-embed"]
            if loader or callback or elements:
                found.append(EmbedPage(page, loader, callback, elements))
        return found

    @cached_property
    def package_tags(self) -> list[tuple[Page, Tag]]:
        """Every script tag loading a file of the package (the loader and the callback)."""
        return [
            (page, tag)
            for page in (*self.project.pages, *self.jsx_pages)
            for tag in page.scripts()
            if package_version(tag.get("src") or "") is not None
        ]

    def project_file_for(self, path: str) -> bool:
        """True when the project holds the file a URL path names (served at the root or under a folder)."""
        parts = [p for p in path.split("/") if p]
        if not parts:
            return False
        root = self.project.root
        # The site may serve the project under a folder: try the path's suffixes, longest first.
        return any((root.joinpath(*parts[start:])).is_file() for start in range(len(parts)))


_JSX_SUFFIXES = (".jsx", ".tsx", ".js")
_SCRIPT_ELEMENTS = frozenset({"script", "Script"})  # <script> and Next.js's next/script component


def _jsx_script_tags(unit: Unit) -> list[Tag]:
    """The JSX ``<script>``/``<Script>`` elements of a component as tags: their attributes in source order, an
    element's run ending where markup (``<``, ``>``) comes between two of them. An expression's value
    (``data-host={process.env.NEXT_PUBLIC_QLIK_HOST}``) is kept as ``${...}``: computed, never judged."""
    syntax = unit.syntax
    if syntax is None:
        return []
    text = unit.file.text
    tags: list[Tag] = []
    previous = None
    for attribute in syntax.attributes:
        if attribute.element not in _SCRIPT_ELEMENTS:
            previous = None
            continue
        gap = text[previous.end : attribute.start] if previous is not None else "<"
        if "<" in gap or ">" in gap:
            opening = text.rfind("<", 0, attribute.start)
            tags.append(Tag("script", opening if opening >= 0 else attribute.start, attribute.end, {}))
        tag = tags[-1]
        value = attribute.value or ""
        if not attribute.literal and attribute.value is not None:
            value = "${" + value + "}"
        tag.attributes[attribute.name] = Attribute(value, attribute.start, attribute.end)
        tag.end = attribute.end
        previous = attribute
    # Attributes spread from an object (<Script {...qlikAttributes} src=...>) are settings nobody can read here.
    return [tag for tag in tags if "{..." not in text[tag.start : tag.end].replace(" ", "")]


def _injected_script_tags(unit: Unit) -> list[Tag]:
    """The loader tags a script makes (see :attr:`EmbedFacts.injected_pages`), with the attributes it sets in the
    same block. A value that is not a literal is kept as ``${...}``: computed, never judged."""
    script = unit.script
    tags: list[Tag] = []
    for index in script.string_indexes():
        value = script.string_value(index) or ""
        if package_version(value) is None or CALLBACK_SCRIPT.search(value):
            continue
        described = _described_tag(unit, index, value)
        if described is not None:
            tags.append(described)
            continue
        name = _element_given(script, index)
        if name is None:
            continue
        start, end = unit.file_span(index, index + 1)
        attributes = {"src": Attribute(value, start, end)}
        block_start, block_end = script.enclosing_block(index)
        if re.search(rf"\bObject\.assign\s*\(\s*{re.escape(name)}\b", script.span_text(block_start, block_end)):
            continue  # attributes copied from an object: not read here
        made = re.search(
            rf"\b{re.escape(name)}\s*=\s*(?:window\.)?document\.createElement\(\s*[\"'`]script[\"'`]\s*\)",
            script.span_text(block_start, block_end),
        )
        if made is None:
            continue  # the element is made elsewhere: its other attributes may be set there too
        unknown = False
        for i in range(block_start, block_end):
            if not script.is_ident(i, name) or script.is_punct(i - 1, "."):
                continue
            if script.is_ident(i - 1, "return") or _handed_on(script, i):
                unknown = True  # another function sets more of its attributes
                continue
            if not script.is_punct(i + 1, "."):
                continue
            member = script.text(i + 2)
            if member == "setAttribute" and script.is_punct(i + 3, "("):
                args = script.call_arguments(i + 3)
                key = script.literal(*args[0]) if args else None
                if not isinstance(key, str):
                    unknown = True
                elif len(args) > 1:
                    attributes[key.lower()] = _attribute(unit, *args[1])
            elif member == "dataset":
                if not (script.is_punct(i + 3, ".") and script.is_ident(i + 4) and script.is_punct(i + 5, "=")):
                    unknown = True  # s.dataset[key] = ..., Object.assign(s.dataset, ...)
                    continue
                key = "data-" + re.sub(r"(?<!^)(?=[A-Z])", "-", script.text(i + 4)).lower()
                value_end = script.statement(i + 6)[1]
                if value_end > i + 6:
                    attributes[key] = _attribute(unit, i + 6, value_end)
        if not unknown:
            tags.append(Tag("script", start, end, attributes))
    return tags


def _described_tag(unit: Unit, index: int, value: str) -> Tag | None:
    """The loader tag an object describes for a head manager (Nuxt's ``app.head.script`` or ``useHead({ script:
    [{ src: ".../@qlik/embed-web-components@1.6.0/dist/index.js", "data-host": "...", ... }] })``, unhead, React
    Helmet's ``script`` prop): its ``data-*`` keys are the tag's attributes. None when the string is not such an
    object's ``src`` or the object spreads others in."""
    script = unit.script
    if not (script.is_punct(index - 1, ":") and script.is_punct(script.parent(index), "{")):
        return None
    obj = script.object_at(script.parent(index))
    prop = obj.get("src") if obj is not None else None
    if obj is None or prop is None or prop.value_start != index:
        return None
    if "..." in script.span_text(obj.open, obj.close + 1):
        return None
    if not any(p.key.lower().startswith("data-") for p in obj.properties):
        return None  # a script of another kind of description (Next.js's <Script> is read from its JSX)
    start, end = unit.file_span(index, index + 1)
    attributes = {"src": Attribute(value, start, end)}
    for item in obj.properties:
        if item.key.lower().startswith("data-") and item.value_end > item.value_start:
            attributes[item.key.lower()] = _attribute(unit, item.value_start, item.value_end)
    return Tag("script", start, end, attributes)


def _element_given(script: Script, index: int) -> str | None:
    """The variable whose ``src`` the string at ``index`` is given to (``s.src = "..."``,
    ``s.setAttribute("src", "...")``), when that variable is a ``createElement("script")``; None otherwise."""
    name = None
    if script.is_punct(index - 1, "=") and script.is_ident(index - 2, "src") and script.is_punct(index - 3, "."):
        name = script.text(index - 4) if script.is_ident(index - 4) else None
    else:
        call = script.enclosing_call(index)
        if call is not None and script.text(call[0]) == "setAttribute" and script.is_punct(call[0] - 1, "."):
            args = script.call_arguments(call[1])
            if len(args) == 2 and script.literal(*args[0]) == "src" and args[1] == (index, index + 1):
                name = script.text(call[0] - 2) if script.is_ident(call[0] - 2) else None
    return name


# Calls that put an element into the document: handing the loader to them sets none of its attributes.
_INSERTS = frozenset({"appendChild", "append", "prepend", "insertBefore", "after", "before", "replaceChildren"})


def _handed_on(script: Script, index: int) -> bool:
    """True when the identifier at ``index`` is an argument of a call other than one that inserts it."""
    call = script.enclosing_call(index)
    return call is not None and script.text(call[0]) not in _INSERTS and script.parent(index) == call[1]


def _attribute(unit: Unit, start: int, end: int) -> Attribute:
    """An attribute set from code: a literal's value, or the expression kept as ``${...}``."""
    script = unit.script
    value = script.literal(start, end)
    first, last = unit.file_span(start, end)
    if isinstance(value, str):
        return Attribute(value, first, last)
    return Attribute("${" + script.span_text(start, end) + "}", first, last)
