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

from mashup_gen.checker.project import Attribute, Page, Project, Tag, Unit

PACKAGE = "@qlik/embed-web-components"
# Qlik's newer callback script lives in @qlik/api (oauth-callback.iife.js).
CALLBACK_SCRIPT = re.compile(r"/oauth-callback(?:\.min|\.iife)?\.js(?:[?#]|$)", re.I)
# The version in a CDN URL: "@1.6.0" is exact; "@1", "@1.6", "@latest", "@^1", none at all are not.
PACKAGE_VERSION = re.compile(re.escape(PACKAGE) + r"(?:@(?P<version>[^/]*))?(?:/|$)", re.I)
EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")
_ANCESTOR_SETTING = re.compile(r"""\sdata-qlik-embed-(?P<name>[a-z-]+)\s*=\s*(?:"(?P<a>[^"]*)"|'(?P<b>[^']*)')""", re.I)


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
    def pages(self) -> list[EmbedPage]:
        """Pages that load the package or Qlik's callback script, or hold ``<qlik-embed>`` elements."""
        found = []
        for page in (*self.project.pages, *self.jsx_pages):
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
