"""A secret written into server code: the server never sends it to the browser, but the code is committed with
it, so whoever reads the repository (a public one: anyone) can act as its owner: call Qlik's APIs with the API
key, mint impersonation tokens with the OAuth client's secret, or sign JWTs any user's session accepts with the
private key. A warning: the page still works; the secret has leaked."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.patterns import JWT
from mashup_gen.checker.facts.placeholders import is_placeholder
from mashup_gen.checker.facts.secrets import declared_dummy
from mashup_gen.checker.facts.serverauth import server_secrets
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place
from mashup_gen.checker.scan import SourceFile
from mashup_gen.source.roles import is_other_language_test, is_test_code

SERVER_SECRET = Rule(
    "secret-in-server-code",
    Severity.WARNING,
    "A Qlik API key, an OAuth client secret or a private key (a JWT's signing key) is written in server code: it "
    "stays on the server, but it is committed with the code, and whoever reads the repository can act as its "
    "owner (call Qlik's APIs, mint impersonation tokens, sign JWTs for any user).",
    "Rotate it in Qlik Cloud (Profile settings > API keys; Management Console > OAuth; for a JWT's key, a new key "
    "pair in the JWT identity provider), delete it from the code and from version control history, and read it "
    "from the server's environment (process.env.QLIK_CLIENT_SECRET, os.environ[...]).",
)
RULES = (SERVER_SECRET,)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """A warning at each secret a server code file writes as a literal."""
    for source in _server_files(project):
        relative = project.relative(source.path)
        if is_test_code(relative) or is_other_language_test(relative):
            continue
        for secret in server_secrets(source, JWT):
            value = source.text[secret.start : secret.end]
            if is_placeholder(value) or declared_dummy(value) or _sample(value):
                continue
            yield at_place(
                SERVER_SECRET,
                Place(source, secret.start, secret.end),
                f"{secret.kind} is written in this server code ({value[:8]}...)",
            )


def _server_files(project: Project) -> list[SourceFile]:
    seen: dict[int, SourceFile] = {}
    for unit in project.units:
        if not unit.in_browser and unit.script.offset == 0:
            seen.setdefault(id(unit.file), unit.file)
    for source in project.other_code:
        seen.setdefault(id(source), source)
    return list(seen.values())


def _sample(value: str) -> bool:
    """True for a value that is plainly no real secret: one character repeated, or a run like abcdef012345..."""
    lowered = value.lower()
    return len(set(lowered)) <= 3 or "xxxx" in lowered or "your" in lowered or "change" in lowered
