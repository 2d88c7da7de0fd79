"""What a bundler's build leaves out: Vite builds only ``index.html`` unless ``build.rollupOptions.input``
names the other pages (files under ``public/`` are copied as they are). An OAuth callback page beside
``index.html`` works under the dev server and is missing from the deployed build: the redirect URI then
leads to a 404 after every sign-in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place

CALLBACK_NOT_BUILT = Rule(
    "callback-not-built",
    Severity.WARNING,
    "The OAuth callback page is not part of the Vite build: Vite emits only index.html unless "
    "build.rollupOptions.input lists the other pages, so the deployed site answers the redirect URI with a 404.",
    "List the page in vite.config: build: { rollupOptions: { input: { main: 'index.html', callback: "
    "'oauth-callback.html' } } }, or move it under public/ (copied to the build as it is).",
)
RULES = (CALLBACK_NOT_BUILT,)

_VITE_CONFIG = re.compile(r"^vite\.config\.[cm]?[jt]s$")
# A config that names its inputs, or a multi-page plugin, decides which pages are built: not judged here.
_INPUTS = re.compile(r"\binput\b|mpa|multi-?page|pages", re.I)
_CONFIG_CALL = re.compile(r"\bdefineConfig\s*\(|\bexport\s+default\b")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per Vite project whose callback page sits outside ``public/`` and outside the build inputs."""
    configs = [u for u in project.units if u.script.offset == 0 and _VITE_CONFIG.match(u.file.path.name)]
    if len(configs) != 1:
        return  # no Vite, or several apps: which config builds which page is not known here
    config = configs[0]
    text = config.file.text
    if _INPUTS.search(text):
        return
    root = config.file.path.parent
    for embed_page in facts.embed.pages:
        if embed_page.callback is None:
            continue
        try:
            relative = PurePosixPath(embed_page.page.file.path.relative_to(root).as_posix())
        except ValueError:
            continue  # a page outside the Vite app
        if relative.parts[0] == "public" or relative.name.lower() == "index.html" or "dist" in relative.parts:
            continue
        call = _CONFIG_CALL.search(text)
        start = call.start() if call else 0
        yield at_place(
            CALLBACK_NOT_BUILT,
            Place(config.file, start, start),
            f"{relative} runs Qlik's OAuth callback, but this Vite config builds only index.html: "
            f"`vite build` leaves {relative.name} out",
        )
