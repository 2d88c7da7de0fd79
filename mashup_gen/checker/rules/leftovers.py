"""Files only client-managed Qlik Sense reads: Qlik Cloud ignores them, and they mislead the next reader; and
paths into the folder where client-managed Qlik Sense serves extensions and Dev Hub mashups."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place

LEFTOVER = Rule(
    "client-managed-leftover",
    Severity.WARNING,
    "A client-managed Qlik Sense file (.qext, wbfolder.wbl): Qlik Cloud does not read it.",
    "Delete it once the mashup runs on Qlik Cloud (it only registers the mashup with Dev Hub).",
)
# A warning: the project's own web server may serve its files under the same path (a reverse proxy, a folder
# named so), which nothing in the project says.
EXTENSION_PATH = Rule(
    "extension-folder-path",
    Severity.WARNING,
    "The page loads its own scripts, modules or templates from /extensions/<name>/..., the folder where "
    "client-managed Qlik Sense serves extensions and Dev Hub mashups: on Qlik Cloud the mashup is served by its "
    "own web server, where that path resolves only if the server reproduces it.",
    "Load the project's files by paths relative to the page (js/app.js) or from where its web server serves "
    "them, not from Qlik Sense's /extensions/ folder.",
)
RULES = (LEFTOVER, EXTENSION_PATH)
# A path from the site's root (or climbing out of the page's folder) into Qlik Sense's extension folder, to a
# named extension: "/extensions/helpdesk/app", "../../extensions/mashup/js/main.js". Not "extensions/x" (a
# folder of the project), not a URL on some host.
_EXTENSION_PATH = re.compile(r"^(?:/|(?:\.\./)+)extensions/[\w.-]+")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per leftover file."""
    for path in project.found.leftovers:
        what = "a Dev Hub extension descriptor" if path.suffix.lower() == ".qext" else "a Dev Hub file list"
        # The whole file is the finding: line 1 is where an editor opens it (every finding names a line).
        yield LEFTOVER.at(project.found.display(path), 1, f"{path.name} is {what} of client-managed Qlik Sense")
    yield from _extension_paths(facts)


def _extension_paths(facts: Facts) -> Iterator[Finding]:
    """One warning per file at its first path into /extensions/ (a require.config path, a script's src, an
    Angular templateUrl), counting the others: the file is what to change."""
    found: dict[int, list[tuple[Place, str]]] = {}
    for unit, index, value in facts.strings:
        if _EXTENSION_PATH.match(value) and unit.in_browser:
            found.setdefault(id(unit.file), []).append((string_place(unit, index), value))
    for page in facts.project.pages:
        for tag in page.tags:
            for name in ("src", "href"):
                attribute = tag.attributes.get(name)
                if attribute is not None and _EXTENSION_PATH.match(attribute.value):
                    place = Place(page.file, attribute.start, attribute.end)
                    found.setdefault(id(page.file), []).append((place, attribute.value))
    for places in found.values():
        first, value = min(places, key=lambda found: found[0].start)
        more = f" (and {len(places) - 1} more in this file)" if len(places) > 1 else ""
        yield at_place(
            EXTENSION_PATH,
            first,
            f"{value} is in Qlik Sense's extension folder{more}: off the client-managed server it is not there",
        )
