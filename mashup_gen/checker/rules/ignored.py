"""A secret the server rightly reads from its environment file (``.env``: an OAuth client secret, an API key)
is published the moment the file is committed. Nothing but a ``.gitignore`` keeps ``git add .`` from taking
it: a project whose ``.env`` holds a secret and that no ``.gitignore`` excludes is one commit from a leak
(public repositories of Qlik embeds show it often, client secrets included). The same holds for a private key
file beside the server's code (a JWT's signing key: whoever has it signs in as any user)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.facts.model import Place
from mashup_gen.checker.facts.patterns import ENV_SECRET_NAME
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place

NOT_IGNORED = Rule(
    "secret-not-ignored",
    Severity.WARNING,
    "An environment file holds a secret (an OAuth client secret, an API key, a password), or a key file holds a "
    "private key, and no .gitignore excludes it: the next `git add .` commits the secret, and a public repository "
    "publishes it.",
    "Add the file to .gitignore (`.env*`, with `!.env.example` for a template of names without values; `*.pem`), "
    "and if it was ever committed, rotate the secret (a new key pair for a JWT identity provider) and remove the "
    "file from the repository's history.",
)
RULES = (NOT_IGNORED,)

# Keys that tests sign and verify with: made for the test, never a tenant's.
_TEST_FOLDER = re.compile(r"(?:^|/)(?:tests?|spec|__tests__|fixtures|testdata)/", re.I)
# Shorter values are flags and names (QLIK_TOKEN_STORAGE=session); a Qlik client secret is 64 characters.
_SECRET_LENGTH = 16


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Secrets in environment files, and private keys, that no .gitignore excludes."""
    yield from _env_secrets(project)
    yield from _private_keys(project, facts)


def _private_keys(project: Project, facts: Facts) -> Iterator[Finding]:
    from mashup_gen.checker.facts.secrets import PRIVATE_KEY

    served = {(id(s.place.file), s.place.start) for s in facts.file_secrets if s.kind == "a private key"}
    for source in project.key_files:
        m = PRIVATE_KEY.search(source.text)
        if m is None or (id(source), m.start()) in served:
            continue  # no key, or one the site serves: secret-in-file's error already
        if _TEST_FOLDER.search(project.relative(source.path)) or ignored(source.path):
            continue
        yield at_place(
            NOT_IGNORED,
            Place(source, m.start(), m.end()),
            f"{source.path.name} holds a private key and no .gitignore excludes it",
        )


def _env_secrets(project: Project) -> Iterator[Finding]:
    from mashup_gen.checker.facts.placeholders import is_placeholder
    from mashup_gen.source.envfiles import entries, is_template
    from mashup_gen.source.roles import is_public_env

    for source in project.env_files:
        if is_template(source.path.name):
            continue
        secrets = [
            entry
            for entry in entries(source.text)
            if ENV_SECRET_NAME.match(entry.key)
            and not is_public_env(entry.key)  # VITE_..._KEY: shipped to every browser, secret-in-code's error
            and len(entry.value.strip()) >= _SECRET_LENGTH
            and not entry.value.startswith(("$", "%"))
            and not is_placeholder(entry.value.strip())
        ]
        if secrets and not ignored(source.path):
            entry = secrets[0]
            names = ", ".join(e.key for e in secrets)
            yield at_place(
                NOT_IGNORED,
                Place(source, entry.start, entry.end),
                f"{source.path.name} holds {names} and no .gitignore excludes it",
            )


def ignored(path: Path) -> bool:
    """True when a ``.gitignore`` in ``path``'s folder or above it (up to the repository's root, the folder
    holding ``.git``) excludes ``path``, as git decides: the deepest file with a matching pattern wins, and a
    later ``!pattern`` re-includes."""
    from pathspec import GitIgnoreSpec

    decision: bool | None = None
    folders = []
    for folder in path.parents:
        folders.append(folder)
        if (folder / ".git").exists():
            break
    for folder in reversed(folders):  # from the repository's root down: a deeper file overrides
        try:
            lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        result = GitIgnoreSpec.from_lines(lines).check_file(path.relative_to(folder).as_posix())
        if result.include is not None:
            decision = result.include
    return bool(decision)
