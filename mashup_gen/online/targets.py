"""What a project claims about its tenant: tenant, web integration id, app id, origins, OAuth client.

A generated project says it in its record's answers. For a hand-written one without a record, the offline
check's facts give the tenant, the web integration id and the app id its code uses; its origins are only
known from ``--origin``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from mashup_gen.answers import APP_ID, WEB_INTEGRATION_ID, WEB_INTEGRATION_ID_KEY
from mashup_gen.checker.project import Project
from mashup_gen.errors import InvalidValue
from mashup_gen.record import RECORD_NAME
from mashup_gen.tenant import OAUTH_CALLBACK_PATH, Tenant, parse_origin


@dataclass(frozen=True)
class Target:
    """One project to check online. ``where`` is the path findings point at (its record, or its folder)."""

    where: str
    tenant: Tenant | None
    web_integration_id: str | None = None
    app_id: str | None = None
    origins: tuple[str, ...] = ()
    auth: str | None = None  # "cookie", "oauth2" or "impersonation" (templates that ask for the sign-in)
    client_id: str | None = None  # OAuth2 and impersonation: the OAuth client's id
    redirect_uri: str | None = None  # OAuth2: the redirect URI the project was given (else the default)
    from_record: bool = True

    @property
    def uses_oauth(self) -> bool:
        """True for a project signing users in with an OAuth client (in the browser, or impersonating)."""
        return self.auth in OAUTH_AUTHS and bool(self.client_id)

    def redirect_uris(self) -> list[str]:
        """The redirect URIs the OAuth client must register (oauth2 only): the callback page's path (the
        given redirect URI's, else /oauth-callback.html) on each origin, and the given URI itself."""
        if self.auth != "oauth2":
            return []
        path = urlsplit(self.redirect_uri).path if self.redirect_uri else OAUTH_CALLBACK_PATH
        wanted = [origin + path for origin in self.origins]
        if self.redirect_uri and self.redirect_uri not in wanted:
            wanted.append(self.redirect_uri)
        return wanted


#: Sign-ins that use an OAuth client: SPA in the browser, or a backend impersonating users.
OAUTH_AUTHS = ("oauth2", "impersonation")


def _origins(values: Iterable[str]) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        try:
            origin = parse_origin(value)
        except InvalidValue:
            continue  # the offline rule origin-invalid reports it
        if origin not in found:
            found.append(origin)
    return tuple(found)


def _text(answers: dict[str, Any], key: str) -> str | None:
    value = answers.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def from_answers(where: str, answers: dict[str, Any], extra_origins: Iterable[str] = ()) -> Target:
    """A target from a record's answers (``origins`` is space-separated)."""
    try:
        tenant = Tenant.parse(answers["tenant"]) if isinstance(answers.get("tenant"), str) else None
    except InvalidValue:
        tenant = None
    origins = answers.get("origins")
    listed = origins.split() if isinstance(origins, str) else list(origins) if isinstance(origins, list) else []
    return Target(
        where=where,
        tenant=tenant,
        web_integration_id=_text(answers, WEB_INTEGRATION_ID_KEY),
        app_id=(_text(answers, "app_id") or "").lower() or None,
        origins=_origins([*listed, *extra_origins]),
        auth=(_text(answers, "auth") or "").lower() or None,
        client_id=_text(answers, "client_id"),
        redirect_uri=_text(answers, "redirect_uri"),
    )


def of_project(project: Project, extra_origins: tuple[str, ...] = ()) -> Target | None:
    """What to ask the tenant about a checked project; None when its record is unreadable (the offline rule
    record-invalid reports that). Module-level, so that a worker process of ``check`` can run it."""
    if project.record is None and project.record_error is not None:
        return None
    return from_project(project, extra_origins)


def from_project(project: Project, extra_origins: Iterable[str] = ()) -> Target:
    """A target from a checked project: its record when it has one, else what its code says."""
    root = project.found.display_root or "."
    if project.record is not None:
        where = project.found.display(project.root / RECORD_NAME)
        return from_answers(where, project.record.answers, extra_origins)
    from mashup_gen.checker.facts import facts_of

    facts = facts_of(project)
    ids = Counter(m.value for m in facts.id_mentions if WEB_INTEGRATION_ID.match(m.value))
    apps: Counter[str] = Counter()
    for unit, _callee, paren in facts.open_app_calls:
        args = unit.script.call_arguments(paren)
        value = unit.script.literal(*args[0]) if args else None
        if isinstance(value, str) and APP_ID.match(value.lower()):
            apps[value.lower()] += 1
    tenant = facts.tenant
    if tenant is None:  # a page loading Qlik's files from a loopback test tenant (the facts ignore those)
        for ref in facts.resources:
            if ref.scheme and ref.host and ref.port:
                try:
                    tenant = Tenant.parse(f"{ref.scheme}://{ref.host}:{ref.port}")
                    break
                except InvalidValue:
                    continue
    return Target(
        where=root,
        tenant=tenant,
        web_integration_id=ids.most_common(1)[0][0] if ids else None,
        app_id=apps.most_common(1)[0][0] if apps else None,
        origins=_origins(extra_origins),
        from_record=False,
    )
