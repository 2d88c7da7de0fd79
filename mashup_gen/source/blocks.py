"""Splitting files that mix languages into blocks, each read with its own grammar, offsets kept.

- Vue and Svelte single-file components: ``<script>`` (JavaScript or TypeScript by its ``lang``) and the
  markup (``<template>`` for Vue, everything outside script/style for Svelte).
- Server templates (PHP/Blade, ERB/EJS, Jinja, Razor, Handlebars, JSP): which spans are template code (run on the
  server) and which are markup (sent to the browser). A value inside template code is computed on the
  server: never a literal to judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SFC_BLOCK = re.compile(r"<(script|template|style)\b([^>]*)>", re.I)
_LANG = re.compile(r"""\blang\s*=\s*["']?([\w-]+)""", re.I)
_SETUP = re.compile(r"\bsetup\b", re.I)
_FRONTMATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*$", re.S | re.M)
_MODULE_CONTEXT = re.compile(r"""context\s*=\s*["']?module""", re.I)

# Template code in the server-side languages that have no grammar here (or whose grammar is not needed to
# tell code from markup). Each pattern matches one code span.
_TEMPLATE_CODE = {
    "php": re.compile(r"<\?(?:php|=)?.*?(?:\?>|\Z)", re.S),
    "blade": re.compile(
        r"\{\{--.*?--\}\}|\{!!.*?!!\}|\{\{.*?\}\}|@php\b.*?@endphp|@\w+(?:\s*\((?:[^()]|\([^()]*\))*\))?", re.S
    ),
    "erb": re.compile(r"<%.*?(?:%>|\Z)", re.S),
    # JSP: comments, scriptlets and directives, and the expression language's ${...} and #{...}, which the
    # server evaluates everywhere in the page, inside <script> too (a JavaScript template literal's ${x} in a
    # JSP is the server's, unless written \${x}).
    "jsp": re.compile(r"<%--.*?(?:--%>|\Z)|<%.*?(?:%>|\Z)|(?<!\\)[$#]\{[^{}\n]*\}", re.S),
    "jinja": re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S),
    "handlebars": re.compile(r"\{\{\{.*?\}\}\}|\{\{.*?\}\}", re.S),
    "razor": re.compile(r"@\{.*?\}|@\((?:[^()]|\([^()]*\))*\)|@[A-Za-z_][\w.]*(?:\((?:[^()]|\([^()]*\))*\))?", re.S),
}


@dataclass(frozen=True)
class Block:
    """A span of a file in one language."""

    start: int
    end: int
    grammar: str  # "javascript", "typescript", "html", "css", or a server template language
    kind: str  # "script", "template", "style", "markup", "code"
    setup: bool = False  # Vue <script setup>, Svelte instance script


def _script_grammar(attributes: str) -> str:
    m = _LANG.search(attributes)
    lang = (m.group(1).lower() if m else "js").strip()
    return {"ts": "typescript", "tsx": "tsx", "jsx": "javascript"}.get(lang, "javascript")


def sfc_blocks(text: str) -> list[Block]:
    """The top-level blocks of a Vue or Svelte component. Nested ``<template>`` tags inside the Vue template
    belong to it: the block ends at the last ``</template>`` before the next top-level block."""
    blocks: list[Block] = []
    pos = 0
    length = len(text)
    fence = _FRONTMATTER.match(text)
    if fence:  # an Astro component's frontmatter: TypeScript the server runs before it renders the markup
        blocks.append(Block(fence.start(1), fence.end(1), "typescript", "script", True))
        pos = fence.end()
    while pos < length:
        m = _SFC_BLOCK.search(text, pos)
        if m is None:
            break
        name = m.group(1).lower()
        attributes = m.group(2)
        body_start = m.end()
        if name == "template":
            # The template may hold <template v-slot> children: take the last </template> before the next
            # top-level <script> or <style> (or the end of the file).
            following = re.compile(r"<(script|style)\b", re.I).search(text, body_start)
            limit = following.start() if following else length
            close = text.lower().rfind("</template", body_start, limit)
        else:
            close = text.lower().find(f"</{name}", body_start)
        body_end = close if close != -1 else length
        if name == "script":
            grammar = _script_grammar(attributes)
            setup = bool(_SETUP.search(attributes)) or not _MODULE_CONTEXT.search(attributes)
            blocks.append(Block(body_start, body_end, grammar, "script", setup))
        elif name == "template":
            blocks.append(Block(body_start, body_end, "html", "template"))
        else:
            blocks.append(Block(body_start, body_end, "css", "style"))
        end_tag = text.find(">", body_end)
        pos = end_tag + 1 if end_tag != -1 else length
    return blocks


def template_language(name: str, text: str) -> str | None:
    """The server template language of a file, by its name (and for PHP files, Blade's ``.blade.php``)."""
    lower = name.lower()
    if lower.endswith(".blade.php"):
        return "blade"
    suffix = lower[lower.rfind(".") :] if "." in lower else ""
    return {
        ".php": "php",
        ".ejs": "erb",
        ".erb": "erb",
        ".jinja": "jinja",
        ".jinja2": "jinja",
        ".j2": "jinja",
        ".njk": "jinja",
        ".nunjucks": "jinja",
        ".twig": "jinja",  # Twig and Liquid write {{ x }} and {% x %} as Jinja does
        ".liquid": "jinja",
        ".hbs": "handlebars",
        ".handlebars": "handlebars",
        ".mustache": "handlebars",
        ".cshtml": "razor",
        ".razor": "razor",
        ".aspx": "erb",  # ASP.NET Web Forms: <% %>, <%= %>, <%@ %> as in ERB
        ".ascx": "erb",
        ".jsp": "jsp",
    }.get(suffix)


def template_blocks(text: str, language: str) -> list[Block]:
    """The file cut into markup and template-code blocks, in order, covering all of it."""
    pattern = _TEMPLATE_CODE[language]
    blocks: list[Block] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() == m.end():
            continue
        before = text[m.start() - 1] if m.start() > 0 else ""
        if m.group(0).startswith("@") and (before.isalnum() or before in ("\\", "@")) and before:
            continue  # an e-mail address is markup, and @@ an escaped @ in Razor
        if m.start() > pos:
            blocks.append(Block(pos, m.start(), "html", "markup"))
        blocks.append(Block(m.start(), m.end(), language, "code"))
        pos = m.end()
    if pos < len(text):
        blocks.append(Block(pos, len(text), "html", "markup"))
    return blocks


def in_template_code(blocks: list[Block], offset: int) -> bool:
    """True when ``offset`` falls in a template-code block (computed on the server)."""
    return any(b.kind == "code" and b.start <= offset < b.end for b in blocks)
