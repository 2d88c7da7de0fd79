"""Whether code can run: a function declared by name that nothing in the project names never runs.

Real mashups keep a sign-in helper (``function login() {...}``, as in Qlik's own example) and comment out its
one call while trying things (``//login().then(() => {``): the session check and the ``/login`` redirect are
in the project, but never run, and a signed-out visitor sees only errors. The question asked here is narrow:
is a place inside a function declared by name (``function name``, ``const name = (...) =>``,
``const name = function``) whose name appears nowhere else in the project, comments left out? An exported
function, a method, a callback, or a name used anywhere (called, passed, assigned to ``window``, written in an
``onclick`` attribute or a component's template) counts as one that runs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mashup_gen.checker.facts.model import Place
from mashup_gen.checker.hints import Quick
from mashup_gen.checker.js import IDENT, Script
from mashup_gen.checker.project import Project, Unit

_DECLARE = ("const", "let", "var")


def unit_at(project: Project, place: Place) -> Unit | None:
    """The script unit holding ``place``, or None (markup, a file with no script)."""
    for unit in project.units:
        script = unit.script
        if unit.file is place.file and script.offset <= place.start < script.offset + len(script.code):
            return unit
    return None


def token_at(script: Script, offset: int) -> int:
    """Index of the token at (or last before) file offset ``offset`` of ``script``."""
    # The last token starting at or before it: the one before the first starting after it (the script's own
    # list of starts, made once, where a list was made for every question).
    return max(script.index_at(offset - script.offset + 1) - 1, 0)


def _declared_by(script: Script, name_index: int) -> bool:
    """True when ``name_index`` is ``name`` in ``const/let/var name =``, not exported."""
    keyword = name_index - 1
    return script.is_ident(keyword, *_DECLARE) and not script.is_ident(keyword - 1, "export")


def _function_name(script: Script, brace: int) -> tuple[int, str] | None:
    """``(index of the name, name)`` when the ``{`` at ``brace`` opens the body of a function declared by name
    and not exported; None otherwise (a block, a method, a callback, a typed signature)."""
    before = brace - 1
    if script.is_punct(before, "=>"):  # const name = (...) => {   const name = async x => {
        before -= 1
        if script.is_punct(before, ")"):
            before = script.partner(before) - 1
        elif script.is_ident(before):
            before -= 1
        else:
            return None
        if script.is_ident(before, "async"):
            before -= 1
        if script.is_punct(before, "=") and script.is_ident(before - 1) and _declared_by(script, before - 1):
            return before - 1, script.text(before - 1)
        return None
    if not script.is_punct(before, ")"):
        return None
    open_paren = script.partner(before)
    if open_paren < 2:
        return None
    if script.is_ident(open_paren - 2, "function") and script.is_ident(open_paren - 1):
        keyword = open_paren - 2  # function name(...) {
        if script.is_ident(keyword - 1, "async"):
            keyword -= 1
        if script.is_ident(keyword - 1, "export", "default") or script.is_punct(keyword - 1, "="):
            return None  # exported, or a named function expression (its name is local to itself)
        return open_paren - 1, script.text(open_paren - 1)
    if script.is_ident(open_paren - 1, "function"):  # const name = function (...) {
        equals = open_paren - 2
        if script.is_ident(equals, "async"):
            equals -= 1
        if script.is_punct(equals, "=") and script.is_ident(equals - 1) and _declared_by(script, equals - 1):
            return equals - 1, script.text(equals - 1)
    return None


def declared_function(script: Script, brace: int) -> str | None:
    """The name of the function declared by name whose body the ``{`` at ``brace`` opens, or None."""
    found = _function_name(script, brace)
    return found[1] if found is not None else None


@lru_cache(maxsize=256)
def _word(name: str) -> Quick:
    """``name`` as a whole identifier (no word character, ``$`` or ``.`` before it, none after)."""
    return Quick(re.compile(rf"(?<![\w$.]){re.escape(name)}(?![\w$])"))


def _named_elsewhere(project: Project, name: str, unit: Unit, body: tuple[int, int], name_index: int) -> bool:
    """True when ``name`` appears in the project other than at its declaration and inside its own body: an
    identifier in any script, or a word in a page's or component's markup (outside its scripts)."""
    word = _word(name)
    files: dict[int, list[Unit]] = {}
    for other in project.units:
        files.setdefault(id(other.file), []).append(other)
    for page in project.pages:
        files.setdefault(id(page.file), [])
    sources = {id(u.file): u.file for u in project.units} | {id(p.file): p.file for p in project.pages}
    for key, source in sources.items():
        if name not in source.text:
            continue
        scripts = files[key]
        for match in word.finditer(source.text):
            at = match.start()
            owner = next((s for s in scripts if s.script.offset <= at < s.script.offset + len(s.script.code)), None)
            if owner is None:
                return True  # markup: onclick="login()", @click="login", a template's {{ login() }}
            script = owner.script
            index = token_at(script, at)
            token = script.tokens[index]
            if token.kind != IDENT or script.offset + token.start != at:
                continue  # in a comment or a string
            if owner is unit and (index == name_index or body[0] <= index <= body[1]):
                continue
            return True
    return False


def never_called(project: Project, place: Place) -> tuple[str, Place] | None:
    """The name of a function around ``place`` that nothing in the project names (so it never runs) and where
    it is declared, or None when the code there may run: top level, a callback, a method, an exported function
    or one named anywhere else."""
    unit = unit_at(project, place)
    if unit is None:
        return None
    script = unit.script
    brace = script.parent(token_at(script, place.start))
    while brace != -1:
        if script.is_punct(brace, "{"):
            found = _function_name(script, brace)
            if found is not None:
                name_index, name = found
                if not _named_elsewhere(project, name, unit, (brace, script.partner(brace)), name_index):
                    return name, Place(unit.file, *unit.file_span(name_index, name_index + 1))
        brace = script.parent(brace)
    return None


# A bundled app's build tools: what its bundle holds is what its entry modules import, transitively. Frameworks
# that route by file (Next.js pages, Nuxt's auto-imported components, SvelteKit routes) are left out: their
# files run without any import naming them.
_BUNDLERS = re.compile(
    r'"(?:vite|webpack|react-scripts|parcel|rollup|esbuild|@vue/cli-service|react-app-rewired|@craco/craco)"\s*:'
)
_FILE_ROUTED = re.compile(r'"(?:next|nuxt|@sveltejs/kit|astro|gatsby|@remix-run/[\w-]+|@angular/core)"\s*:')
_MODULE_SUFFIXES = frozenset({".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs"})
# Entry modules by convention (webpack's and Create React App's src/index.js, Vite's src/main.js), and Node's.
_ENTRY_STEMS = frozenset({"index", "main", "app", "server", "entry", "bootstrap"})


def _names_outside_comments(script: Script, stem: str) -> bool:
    """True when ``stem`` is in the code's tokens (an import specifier, a name): an import commented out
    (``// import { getApp } from "@/services/enigma-service"``) names a module the bundle no longer holds."""
    code, tokens = script.code, script.tokens
    at = code.find(stem)
    while at != -1:
        # the token starting at or last before the occurrence: the occurrence is in the code if it lies in it
        index = script.index_at(at + 1) - 1
        if index >= 0 and tokens[index].end >= at + len(stem):
            return True
        at = code.find(stem, at + 1)
    return False


def unused_module(project: Project, unit: Unit) -> bool:
    """True when ``unit`` is a module of a bundled app (Vite, webpack, Create React App, ...) that no page loads
    and nothing in the project names (no import, no config entry, no other file mentioning its file name), or
    only modules that are unused themselves name (a helper imported by a component nothing renders): the
    bundle does not hold it, so its code never runs in the browser (a module kept aside after a rewrite).
    Asked by several rules, often of the same module: answered once per module."""
    known = project.unused_modules.get(id(unit))
    if known is None:
        known = project.unused_modules[id(unit)] = _unused_module(project, unit)
    return known


def _unused_module(project: Project, unit: Unit) -> bool:
    manifest = project.manifest
    if not _BUNDLERS.search(manifest) or _FILE_ROUTED.search(manifest) or not _may_be_unused(project, unit):
        return False
    # Only where the app's entry is seen (a page loading a module, or src/index.js, src/main.ts) is a module
    # nobody names outside it; a file checked alone, or a partial project, is judged as it is.
    if not any(page.units for page in project.pages) and not any(
        other.file.path.stem.split(".", 1)[0].lower() in _ENTRY_STEMS for other in project.units
    ):
        return False
    # Follow who names the module back: it is used as soon as a page, a build config or a module that may run
    # (an entry, a page's script, another kind of file) names it. Past a few modules, call it used.
    seen = {id(unit)}
    waiting = [unit]
    while waiting:
        current = waiting.pop()
        if _named_by_pages_or_configs(project, current):
            return False
        stem = current.file.path.stem.split(".", 1)[0]
        for other in project.units:
            if id(other) in seen or not _names_outside_comments(other.script, stem):
                continue
            if not _may_be_unused(project, other) or len(seen) >= _MAX_NAMERS:
                return False
            seen.add(id(other))
            waiting.append(other)
    return True


_MAX_NAMERS = 12  # modules followed back from one module before it is taken as used


def _may_be_unused(project: Project, unit: Unit) -> bool:
    """False for code that runs whoever names it: an inline script, a file that is not a module (a Vue or Svelte
    component is judged as used), an entry module by name, or a script a page loads."""
    path = unit.file.path
    return not (
        unit.script.offset != 0
        or path.suffix.lower() not in _MODULE_SUFFIXES
        or path.stem.split(".", 1)[0].lower() in _ENTRY_STEMS
        or any(unit in page.units for page in project.pages)
    )


def _named_by_pages_or_configs(project: Project, unit: Unit) -> bool:
    """True when a page or a build config (webpack's entry, angular.json, package.json's main) names the module."""
    path = unit.file.path
    stem = path.stem.split(".", 1)[0]
    if any(stem in page.file.text for page in project.pages):
        return True
    own = path.name if path.parent == project.root else None  # the module itself, when it sits at the root
    return any(text is None or stem in text for name, text in project.root_configs.items() if name != own)


def unloaded_script(project: Project, unit: Unit) -> bool:
    """True when ``unit`` is a classic script of a project without a bundler that no page loads and nothing
    names (no page's markup, no other script's code, no manifest at the root): a copy kept aside
    (``scoreCard.1.js`` beside ``scoreCard.js``) or a file an earlier version of the page loaded. The browser
    never runs it; the project's live scripts hold what it does."""
    path = unit.file.path
    if (
        unit.script.offset != 0
        or path.suffix.lower() != ".js"
        or not unit.in_browser
        or path.stem.split(".", 1)[0].lower() in _ENTRY_STEMS
    ):
        return False
    manifest = project.manifest
    if _BUNDLERS.search(manifest) or _FILE_ROUTED.search(manifest):
        return False  # a bundled app: unused_module's question
    script = unit.script
    if script.is_ident(0, "javascript") and script.is_punct(1, ":"):
        return False  # a bookmarklet's source (javascript: (function () {...})()): a bookmark runs it
    # Only where some page loads scripts is a script none loads left out; a folder of scripts alone, or a
    # page whose code is all inline, is judged as it is.
    if not any(page.units for page in project.pages) or any(unit in page.units for page in project.pages):
        return False
    stem = path.stem.split(".", 1)[0]
    # Another copy of the same file (scoreCard.js beside scoreCard.1.js) names itself, not this one: its code,
    # and a page's tag loading it, are no mention of this copy.
    copies = {id(other): other for other in project.units if other.file.path.stem.split(".", 1)[0] == stem}
    if any(_names_outside_comments(other.script, stem) for other in project.units if id(other) not in copies):
        return False
    names = {other.file.path.name for other in copies.values() if other is not unit}
    for page in project.pages:
        text = page.file.text
        for name in names:
            text = text.replace(name, "")
        if stem in text:
            return False
    scripts = {other.file.path.name for other in project.units}
    return not any(text is None or stem in text for name, text in project.root_configs.items() if name not in scripts)
