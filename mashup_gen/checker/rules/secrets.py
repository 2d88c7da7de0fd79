"""API keys and bearer tokens never belong in code the browser loads: anyone can read them there."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.facts.secrets import FILLED_KEY
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place

SECRET = Rule(
    "secret-in-code",
    Severity.ERROR,
    "An API key or bearer token is written in code the browser loads, or the browser signs a JWT (so its private "
    "signing key is in the page): anyone who opens the page can copy it and act as its owner (and browsers cannot "
    "send an API key on the engine WebSocket anyway).",
    "Revoke the key in Qlik Cloud (Profile settings > API keys), delete it from the code (and from version "
    "control history), and sign users in with the web integration login flow; `mashup-gen adopt` removes it.",
)
SECRET_IN_FILE = Rule(
    "secret-in-file",
    Severity.ERROR,
    "An OAuth client secret, API key or password is written in a configuration file of the project (JSON, "
    "YAML), or a private key (a JWT's signing key) sits in a folder the site serves: whoever gets the project, "
    "or a static server that serves its folder, gets the secret.",
    "Rotate the secret in Qlik Cloud (Management Console > OAuth, or API keys; for a JWT's key, a new key pair in "
    "the JWT identity provider), delete it from the file (and from version control history), and give it to the "
    "server in an environment variable.",
)
SECRET_SERVED = Rule(
    "secret-served",
    Severity.WARNING,
    "Server code sends a secret from its environment (an API key, a token, a client secret) in its reply to a "
    "request: every browser that calls the route gets it, and can act as its owner.",
    "Keep the secret on the server: make the Qlik calls there, or hand the browser a short-lived token for one "
    "user (OAuth impersonation, a JWT signed per user) instead of the long-lived one.",
)
SECRET_IN_PAGE = Rule(
    "secret-in-page-data",
    Severity.ERROR,
    "A framework's server-only data function (a Remix loader, Next.js's getServerSideProps or getStaticProps, a "
    "SvelteKit +page.server load) returns a secret (an OAuth client secret, an API key): the framework serializes "
    "what it returns into the page, so every visitor's browser gets it and can act as its owner.",
    "Return only what the page needs (the tenant, the client id of a single-page-app OAuth client, the app id); "
    "keep the secret in server code, and rotate it in Qlik Cloud (Management Console > OAuth, or API keys).",
)
RULES = (SECRET, SECRET_IN_FILE, SECRET_SERVED, SECRET_IN_PAGE)

_KINDS = {"jwt": "an API key (a JSON Web Token)", "bearer": "a bearer token"}
# An OAuth client's secret (clientSecret, client_secret, data-client-secret): rotated in another place than a key.
_CLIENT_SECRET = re.compile(r"(?i)client[_-]?secret")
_CLIENT_SECRET_FIX = (
    "Rotate the client secret in Qlik Cloud (Management Console > OAuth) and delete it from the page (and from "
    "version control history): a single-page app's OAuth client has no secret (qlik-embed and @qlik/api sign in "
    "with its client id and PKCE); a client that needs one is used by a server, which reads it from its "
    "environment."
)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per secret; the message shows only its first characters."""
    for secret in facts.secrets:
        if secret.kind == "signing":
            message = "a JWT is signed here, in the browser: the private key that signs it ships with the page"
            yield at_place(SECRET, secret.place, message)
            continue
        if secret.kind == FILLED_KEY:
            message = f"the server writes a key into the page here ({secret.preview}): every visitor can read it"
            yield at_place(SECRET, secret.place, message)
            continue
        what = _KINDS.get(secret.kind, f"a secret in {secret.kind}")
        fix = _CLIENT_SECRET_FIX if _CLIENT_SECRET.search(secret.kind) else None
        yield at_place(SECRET, secret.place, f"{what} is written here ({secret.preview})", fix)
    for secret in facts.file_secrets:
        if secret.kind == "a private key":
            message = "a private key is in a folder the site serves: any visitor can download it and sign tokens"
            yield at_place(SECRET_IN_FILE, secret.place, message)
            continue
        yield at_place(SECRET_IN_FILE, secret.place, f"{secret.kind} is written in this file ({secret.preview})")
    page_data = _page_data(project)
    for place, name in facts.served_secrets:
        if any(place.file is file and start <= place.start < end for file, start, end in page_data):
            yield at_place(SECRET_IN_PAGE, place, f"{name} is returned to the page, which holds it in its HTML")
        else:
            yield at_place(SECRET_SERVED, place, f"{name} is sent to the browser in this reply")


def _page_data(project: Project) -> list[tuple[object, int, int]]:
    """``(file, start, end)`` of the return statements of the project's server-only data functions (a Remix
    loader, getServerSideProps, a SvelteKit +page.server load): what they return is serialized into the page."""
    from mashup_gen.checker.facts.secrets import data_returns, server_exports

    names = server_exports(project.manifest)
    return [
        (unit.file, start, end) for unit in project.units for start, end in data_returns(unit, names, project.manifest)
    ]
