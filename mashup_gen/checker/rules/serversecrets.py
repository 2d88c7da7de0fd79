"""A secret written into server code: the server never sends it to the browser, but the code is committed with
it, so whoever reads the repository (a public one: anyone) can act as its owner: call Qlik's APIs with the API
key, mint impersonation tokens with the OAuth client's secret, or sign JWTs any user's session accepts with the
private key. A warning: the page still works; the secret has leaked."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.patterns import JWT
from mashup_gen.checker.facts.placeholders import is_placeholder
from mashup_gen.checker.facts.secrets import declared_dummy
from mashup_gen.checker.facts.serverauth import is_qlik_api_key, server_secrets
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
DOCS_SECRET = Rule(
    "secret-in-docs",
    Severity.WARNING,
    "A Qlik API key (a JSON Web Token Qlik Cloud issued) is written in the project's documentation (a README's "
    "example .env, a how-to): whoever reads the repository can call Qlik's APIs as the key's owner.",
    "Revoke the key in Qlik Cloud (Profile settings > API keys), replace it in the text by a placeholder "
    "(APIKEY=<your API key>), and delete it from version control history.",
)
RULES = (SERVER_SECRET, DOCS_SECRET)
# Documentation a repository carries as text: Markdown, reStructuredText, AsciiDoc, plain text.
_DOC_SUFFIXES = frozenset({".md", ".markdown", ".mdx", ".rst", ".adoc", ".txt"})
_DOC_LIMIT = 1_000_000  # bytes of one document read: a data dump is no documentation


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
    yield from _documents(project, facts)


def _documents(project: Project, facts: Facts) -> Iterator[Finding]:
    """A warning at each Qlik API key (decoded: Qlik is its issuer) written in a documentation file."""
    for relative in sorted(facts.project_files):
        path = project.root / relative
        if path.suffix.lower() not in _DOC_SUFFIXES:
            continue
        try:
            if path.stat().st_size > _DOC_LIMIT:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "eyJ" not in text:
            continue
        for m in JWT.finditer(text):
            value = m.group()
            if not _issued_key(value):
                continue
            line = text.count("\n", 0, m.start()) + 1
            column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            message = f"a Qlik API key is written in this document ({value[:8]}...)"
            yield DOCS_SECRET.at(project.found.display(path), line, message, column)


def _issued_key(token: str) -> bool:
    """True for a key Qlik Cloud issued (its issuer is Qlik's API, or it has Qlik's subject type and tenant id)
    that is no example: documentation shows sample tokens too (a client assertion for "my-client-id" at
    "my-tenant.us.qlikcloud.com"), which only name Qlik as their audience."""
    if not is_qlik_api_key(token) or _sample(token):
        return False
    claims = _claims(token)
    issued = str(claims.get("iss", "")).startswith("qlik.api") or {"subType", "tenantId"} <= claims.keys()
    return issued and not _EXAMPLE_CLAIM.search(json.dumps(claims))


_EXAMPLE_CLAIM = re.compile(r"(?i)\b(?:my|your|example|sample)[-_]")


def _claims(token: str) -> dict[str, object]:
    """The payload of a JWT's compact form (empty when it does not decode to an object)."""
    part = token.split(".")[1]
    try:
        claims = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (ValueError, UnicodeDecodeError):
        return {}
    return claims if isinstance(claims, dict) else {}


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
