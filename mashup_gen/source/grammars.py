"""Which tree-sitter grammar reads which file, and the parsers themselves (built once, on first use).

tree-sitter and its grammars are imported only here and only when a file is parsed, so commands that never
parse (``mashup-gen --help``, ``new``) never load them.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Parser

# File suffix -> grammar name. ``.vue``/``.svelte`` files are split into blocks first (see blocks.py).
SUFFIX_GRAMMAR = {
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    # JSX is part of tree-sitter-javascript's grammar.
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".html": "html",
    ".htm": "html",
    ".php": "php",
    ".ejs": "embedded_template",
    ".erb": "embedded_template",
}


def grammar_for(name: str) -> str | None:
    """The grammar for a file name (by its suffix), or None when no grammar reads it."""
    lower = name.lower()
    dot = lower.rfind(".")
    return SUFFIX_GRAMMAR.get(lower[dot:]) if dot != -1 else None


@cache
def parser(grammar: str) -> Parser:
    """A parser for ``grammar`` ("javascript", "typescript", "tsx", "html", "php", "embedded_template")."""
    from tree_sitter import Language, Parser

    if grammar == "javascript":
        import tree_sitter_javascript as module

        capsule = module.language()
    elif grammar in ("typescript", "tsx"):
        import tree_sitter_typescript as module

        capsule = module.language_tsx() if grammar == "tsx" else module.language_typescript()
    elif grammar == "html":
        import tree_sitter_html as module

        capsule = module.language()
    elif grammar == "php":
        import tree_sitter_php as module

        # The "php" grammar reads a whole file: markup outside <?php ?> is a `text` node.
        capsule = module.language_php()
    elif grammar == "embedded_template":
        import tree_sitter_embedded_template as module

        capsule = module.language()
    else:
        raise ValueError(f"no tree-sitter grammar named {grammar!r}")
    return Parser(Language(capsule))
