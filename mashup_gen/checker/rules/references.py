"""Files the project references must exist: a misspelt ``<script src>`` or stylesheet, or an OAuth redirect
URI naming a page that is not there, breaks the page for everyone."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.facts.references import REDIRECT_PAGE, REDIRECT_ROUTE, UNSERVED_REDIRECT_PAGE
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place

MISSING_FILE = Rule(
    "missing-file",
    Severity.ERROR,
    "The project references a local file that does not exist (a misspelt <script src> of a page that uses Qlik, an "
    "OAuth redirect page), or an OAuth redirect page outside the folders its Node server serves: the browser gets a "
    "404 instead.",
    "Correct the path, or add the file.",
)
MISSING_ASSET = Rule(
    "missing-asset",
    Severity.WARNING,
    "A page references a local stylesheet, a script on a page that runs nothing of Qlik, or a script named for "
    "nothing of Qlik on a page whose Qlik code is there (a UI library, a template's demo script), that does not "
    "exist: the browser gets a 404 and the page looks or works wrong, but no part of its Qlik integration.",
    "Correct the path, or add the file.",
)
RULES = (MISSING_FILE, MISSING_ASSET)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per reference to a missing file."""
    for missing in facts.missing_files:
        if missing.kind == UNSERVED_REDIRECT_PAGE:
            yield at_place(
                MISSING_FILE,
                missing.place,
                f"{missing.value} names a page outside the folders the project's server serves (express.static; "
                "or, with none, the pages its routes send): sign-in returns to a 404",
                "Move the page into the folder the server serves (public/, say), or add a route that sends it.",
            )
            continue
        if missing.kind == REDIRECT_ROUTE:
            yield at_place(
                MISSING_FILE,
                missing.place,
                f"{missing.value} names a route no file of the project answers (no page or route file, nothing in "
                "public/, no other code naming the path): sign-in returns to a 404",
                "Add the route (app/oauth-callback/page.tsx, pages/oauth-callback.vue, src/routes/oauth-callback/"
                "+page.svelte; or public/oauth-callback.html with Qlik's callback script), or correct the path.",
            )
            continue
        yield at_place(
            MISSING_FILE if missing.qlik else MISSING_ASSET,
            missing.place,
            f"{missing.value} does not exist: this {missing.kind} is never loaded"
            if missing.kind != REDIRECT_PAGE
            else f"{missing.value} names a page that is not in the project: sign-in returns to a 404",
            "Correct the path (check its spelling and case) or add the file.",
        )
