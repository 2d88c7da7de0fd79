"""Committed build output: what a bundler emitted from the project's own sources, checked in beside them.

A React, Angular or Vue project that commits its ``dist/`` (or ``build/``) folder holds every Qlik setting
twice: in the source module a developer edits, and again in the bundle webpack, Parcel or Vite made from it,
often from an earlier version of that source. The line to change is the source's; the bundle changes when
the project is built again. So a problem the rules find in such a bundle is a warning there (the source's own
finding is the error), except a secret: a bundle that ships a key leaks it whatever the source says now.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# Folders bundlers and frameworks write their output to (webpack and Vite: dist/, Create React App: build/,
# Next.js: .next/ and out/, Nuxt: .nuxt/ and .output/, SvelteKit: .svelte-kit/, Ionic and Cordova: www/).
OUTPUT_FOLDERS = frozenset({"dist", "build", "out", ".next", ".nuxt", ".output", ".svelte-kit", "www"})

# What only a bundler writes: webpack 5's runtime and chunk list, webpack 4's (minified too: its module cache
# lookup "function n(r){if(t[r])return t[r].exports"), Parcel's module registry, and the licence note webpack's
# minifier leaves at the top of a bundle.
_BUNDLER_MARK = re.compile(
    r"__webpack_require__|webpackChunk|webpackJsonp|parcelRequire|"
    r"function\s*\w+\(\w+\)\{if\(\w+\[\w+\]\)return \w+\[\w+\]\.exports|"
    r"For license information please see \S+\.LICENSE\.txt"
)
# A content hash in the file name, as bundlers name their output for caching: main.b3b7c4288573156a05b4.js,
# index-3f2a1b9c.js, chunk-DpZ5vGh1.js (Vite's base64url hashes of 8 characters).
_HASHED_NAME = re.compile(r"[.-](?:[0-9a-f]{8,}|[A-Za-z0-9_-]{8})\.(?:js|mjs|cjs)$")


def output_folder(path: Path) -> Path | None:
    """The bundler's output folder ``path`` lies in, when that folder sits beside (or one folder below) the
    package.json of the project that builds it: ``dist/`` next to package.json, ``webpack/dist/`` of a project
    whose webpack config lives in ``webpack/``. The project the file belongs to for ``check`` does not matter
    (a ``dist/`` holding a .qext file is a project of its own, built from its parent's sources)."""
    for folder in path.parents:
        if folder.name in OUTPUT_FOLDERS:
            return folder if _built_here(folder.parent) or _built_here(folder.parent.parent) else None
    return None


# A package.json that builds its sources: a bundler among its packages or scripts.
_BUILDS = re.compile(
    r'"(?:webpack(?:-cli)?|vite|parcel(?:-bundler)?|rollup|esbuild|laravel-mix|react-scripts|@vue/cli-service'
    r'|@angular/cli|@angular-devkit/build-angular|next|nuxt|@sveltejs/kit|gulp|browserify)"\s*:'
    r'|"(?:webpack|vite|parcel|rollup|esbuild|mix|react-scripts|vue-cli-service|ng|next|nuxt|gulp|browserify)\b'
)


@lru_cache(maxsize=256)
def _built_here(folder: Path) -> bool:
    """True when ``folder`` holds the package.json of a project that builds its sources with a bundler."""
    try:
        return bool(_BUILDS.search((folder / "package.json").read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return False


def is_build_output(path: Path, text: str) -> bool:
    """True for a script a bundler emitted from sources the project holds: it bears a bundler's runtime and a
    package.json sits up to three folders above it (Laravel Mix's public/js/app.js, a webpack bundle.js beside
    its config), or it has a content-hashed name in a folder bundlers write to, next to that package.json. (A
    hand-written script has neither mark.)"""
    if _BUNDLER_MARK.search(text, 0, 200_000):
        return any(_built_here(folder) for folder in list(path.parents)[:3])
    return _hashed(path.name) and output_folder(path) is not None


def _hashed(name: str) -> bool:
    """A content hash holds digits: app-settings.js names a word, main.b3b7c428.js a hash."""
    m = _HASHED_NAME.search(name)
    return m is not None and any(c.isdigit() for c in m.group(0))
