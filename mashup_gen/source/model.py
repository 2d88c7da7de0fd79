"""One file's syntax facts and role, read once: what ``check`` asks of the source model."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from mashup_gen.source.blocks import sfc_blocks
from mashup_gen.source.facts import ModuleFacts, module_facts
from mashup_gen.source.grammars import grammar_for
from mashup_gen.source.roles import NODE_BUILTINS, SERVER_PACKAGES, Role, classify
from mashup_gen.source.syntax import Parsed, parse


@dataclass
class FileModel:
    """A file's role and, read on first use, its facts (merged over its script blocks)."""

    relative: str
    text: str
    role: Role
    parsed: Parsed | None = None  # the tree the role was read from (a JavaScript/TypeScript file)
    # The facts the role was read from (their kinds still read on first use), kept for :attr:`facts`.
    read: ModuleFacts | None = field(default=None, repr=False, compare=False)

    @cached_property
    def tree(self) -> Parsed | None:
        """The syntax tree of a JavaScript/TypeScript file, parsed once (the role's, else on first use): the
        facts and the module table both read it. None for any other file."""
        if self.parsed is None:
            grammar = grammar_for(self.relative)
            if grammar not in ("javascript", "typescript", "tsx"):
                return None
            self.parsed = parse(self.text, grammar)
        return self.parsed

    @cached_property
    def facts(self) -> ModuleFacts:
        """Every syntax fact of the file."""
        if self.read is not None:
            return self.read
        tree = self.tree
        if tree is not None:
            return module_facts(tree)
        return script_facts(self.relative, self.text)


def script_facts(name: str, text: str) -> ModuleFacts:
    """The facts of a JavaScript/TypeScript file, or of a Vue/Svelte component's script blocks (offsets are
    file offsets). A file no grammar reads has no facts."""
    lower = name.lower()
    if lower.endswith((".vue", ".svelte", ".astro")):
        merged = ModuleFacts()
        for block in sfc_blocks(text):
            if block.kind != "script":
                continue
            facts = module_facts(parse(text[block.start : block.end], block.grammar, block.start))
            for key in ("directives", "imports", "exports", "calls", "strings", "assignments", "attributes", "env"):
                getattr(merged, key).extend(getattr(facts, key))
            merged.objects.extend(facts.objects)
            merged.object_spans.extend(facts.object_spans)
            merged.has_errors = merged.has_errors or facts.has_errors
        return merged
    grammar = grammar_for(name)
    if grammar not in ("javascript", "typescript", "tsx"):
        return ModuleFacts()
    return module_facts(parse(text, grammar))


def file_model(relative: str, text: str, *, next_app: bool = False, from_page: bool = False) -> FileModel:
    """Parse a file and classify it from its outline (the full facts are read only when asked for).

    A JavaScript/TypeScript file whose role its outline cannot change is not parsed here, only when its
    facts are asked for (most of a capability mashup's scripts never are): one that writes no directive
    (``"use server"``, ``"use client"`` appear nowhere in it) and whose role is the same whatever it
    imports and whether it has JSX (a script a page loads, a route handler, a config file, ...)."""
    grammar = grammar_for(relative)
    parsed = None
    if grammar in ("javascript", "typescript", "tsx"):
        if "use server" not in text and "use client" not in text:
            role = _role_without_outline(relative, next_app, from_page, _outlines(text))
            if role is not None:
                return FileModel(relative, text, _node_script(role, text, from_page))
        parsed = parse(text, grammar)
    # The role is read from the facts, whose one query of the tree (mashup_gen.source.queries) the file's
    # facts and module table use again: what an outline gives (directives, imported modules, JSX), one walk.
    facts = module_facts(parsed) if parsed is not None else script_facts(relative, text)
    directives, imports = tuple(facts.directives), tuple(i.source for i in facts.imports)
    role = classify(
        relative, directives=directives, imports=imports, has_jsx=facts.has_jsx, next_app=next_app, from_page=from_page
    )
    return FileModel(relative, text, _node_script(role, text, from_page), parsed, facts)


def _node_script(role: Role, text: str, from_page: bool) -> Role:
    """Browser code by its path and imports that only Node runs: a script with a ``#!/usr/bin/env node`` line,
    or one that reads its command line (``process.argv``, which no browser has). No page loads it."""
    if role is not Role.BROWSER or from_page:
        return role
    first_line = text[: text.find("\n")] if "\n" in text else text
    if (first_line.startswith("#!") and "node" in first_line) or "process.argv" in text:
        return Role.SERVER
    return role


# What an outline without directives can say: whether the file imports a server module (classify reads its
# imports for nothing else) and whether it has JSX.
_OUTLINES = [((), False), ((), True), (("fs",), False), (("fs",), True)]
# Where a string may name a module only a server has, as an import's source does ('node:x', "fs", 'express/x'):
# a text where it matches nowhere imports none (imports_server_module reads the source's text between its quotes).
_SERVER_SOURCE = re.compile(
    "[\"'](?:node:|(?:"
    + "|".join(re.escape(name) for name in sorted(NODE_BUILTINS | SERVER_PACKAGES, key=len, reverse=True))
    + ")[\"'/])"
)


def _outlines(text: str) -> list[tuple[tuple[str, ...], bool]]:
    """The outlines ``text`` may have: without a ``<`` it has no JSX element, and without a string naming a
    server's module it imports none. A script a page loads from its own module (``import "./views.js"``), with
    no markup in it, is classified without being parsed (tests/check/test_check_speed_equivalence.py holds
    its role equal to a full parse's)."""
    jsx = (False, True) if "<" in text else (False,)
    imports: tuple[tuple[str, ...], ...] = ((), ("fs",)) if _SERVER_SOURCE.search(text) else ((),)
    return [(found, has_jsx) for found in imports for has_jsx in jsx]


def _role_without_outline(
    relative: str, next_app: bool, from_page: bool, outlines: list[tuple[tuple[str, ...], bool]] = _OUTLINES
) -> Role | None:
    """The role of a file that writes no directive, when every outline it may have gives the same one; else
    None."""
    roles = {
        classify(relative, imports=imports, has_jsx=has_jsx, next_app=next_app, from_page=from_page)
        for imports, has_jsx in outlines
    }
    return roles.pop() if len(roles) == 1 else None
