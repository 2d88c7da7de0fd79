"""``check --online``: ask each project's tenant whether what the project relies on is there.

Per tenant: it answers and accepts the key (``GET /api/v1/users/me``). Per project: its web integration
exists and allows every origin exactly; its app exists and the key's user sees it; for a project signing in
with OAuth, its OAuth client exists, is of the type its sign-in needs (``spa`` for oauth2; ``web`` with the
user-impersonation grant for impersonation) and allows its origins (and, for oauth2, its callback pages).
Requests run in a bounded thread pool, each distinct read made once per tenant, while the offline check
reads the files.
"""

from __future__ import annotations

import functools
import json
import shlex
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mashup_gen.checker.findings import Finding, Report
from mashup_gen.errors import ProjectError
from mashup_gen.online import rules
from mashup_gen.online.apikey import ApiKey
from mashup_gen.online.client import Client, Reply, Settings, Unreachable
from mashup_gen.online.lookups import TenantLookups
from mashup_gen.online.targets import Target, from_answers, of_project
from mashup_gen.record import load
from mashup_gen.tenant import Tenant, is_loopback

if TYPE_CHECKING:
    from mashup_gen.checker.scan import ProjectFiles

# Requests in flight at once. Qlik Cloud limits how many requests a user makes a minute (GETs: 1,000, over a
# 5-minute window), not how many run at once, and check sends each read once: more at once only ends sooner.
WORKERS = 32
Progress = Callable[[int], AbstractContextManager[Callable[[int], object]]]


@dataclass
class OriginFix:
    """Origins missing from one web integration, and the findings that adding them resolves."""

    tenant: Tenant
    integration_id: str
    name: str
    current: list[str]
    missing: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class OAuthFix:
    """Allowed origins and redirect URIs missing from one OAuth client, and the findings adding them resolves."""

    tenant: Tenant
    client_id: str
    name: str
    missing_origins: list[str] = field(default_factory=list)
    missing_redirects: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class OnlineResult:
    """What the online checks found, and what ``--fix-origins`` could add."""

    findings: list[Finding] = field(default_factory=list)
    fixes: list[OriginFix] = field(default_factory=list)
    oauth_fixes: list[OAuthFix] = field(default_factory=list)
    checked: int = 0  # projects checked against their tenant
    tenants: int = 0


def patch_command(integration_id: str, origins: Sequence[str]) -> str:
    """The qlik-cli command that sets a web integration's allowed origins to ``origins``."""
    value = json.dumps(list(origins), separators=(",", ":"))
    return f"qlik web-integration patch {integration_id} --op replace --path /validOrigins --value {shlex.quote(value)}"


class OnlineCheck:
    """Collects projects (as the offline check reads them), asks their tenants, and reports findings."""

    def __init__(
        self,
        key: ApiKey,
        settings: Settings | None = None,
        extra_origins: Iterable[str] = (),
        workers: int = WORKERS,
    ) -> None:
        self.key = key
        self.settings = replace(settings or Settings(), pool_size=workers)  # a connection for each thread
        self.extra_origins = tuple(extra_origins)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mashup-gen-online")
        self._tenants: dict[Tenant, TenantLookups] = {}
        self._futures: dict[tuple[Tenant, str, str], Future[Reply]] = {}
        self.targets: list[Target] = []
        self._skipped: list[Finding] = []

    # -- collecting --------------------------------------------------------------------------------

    def expect(self, found: Sequence[ProjectFiles]) -> None:
        """Ask now what the records of the projects about to be checked name, so the answers come in while
        the files are read (``check`` calls this once its worker processes are forked)."""
        for files in found:
            if files.has_record:
                self._ask_early(files.root)

    def add(self, target: Target | None) -> None:
        """Queue one project's requests now, so they run while the rest is read (None: nothing to ask)."""
        if target is not None:
            reason = self._why_not(target)
            if reason is not None:
                self._skipped.append(rules.NOT_CHECKED.at(target.where, None, reason))
            else:
                self.targets.append(target)
                self._ask(target)

    def _ask_early(self, root: Path) -> None:
        """Ask now what a project's record names: the answers are in before its check is done, even for the
        last projects of a tree. The record is read as every command reads it (``record.load``: a value no
        option would take makes it invalid, and an invalid one is not asked about). Findings still come only
        from the targets handed to :meth:`add`, and the key goes only where :meth:`_why_not` lets it."""
        try:
            record = load(root)
        except ProjectError:
            return
        target = from_answers("", record.answers, self.extra_origins)
        if self._why_not(target) is None:
            self._ask(target)

    def _ask(self, target: Target) -> None:
        """Queue the requests ``target`` needs (each distinct one once per tenant)."""
        assert target.tenant is not None
        lookups = self._lookups(target.tenant)
        self._submit(lookups, "probe", "", lookups.probe)
        if target.web_integration_id:
            wid = target.web_integration_id
            self._submit(lookups, "wi", wid, lambda: self._after_probe(lookups, lambda: lookups.web_integration(wid)))
        if target.app_id:
            app = target.app_id
            self._submit(lookups, "app", app, lambda: self._after_probe(lookups, lambda: lookups.app(app)))
        if target.uses_oauth:
            cid = target.client_id or ""
            self._submit(lookups, "oauth", cid, lambda: self._after_probe(lookups, lambda: lookups.oauth_client(cid)))

    def _why_not(self, target: Target) -> str | None:
        tenant = target.tenant
        kind = "its record" if target.from_record else "its code"
        if tenant is None:
            return f"not checked online: {kind} names no valid tenant"
        if not (target.web_integration_id or target.app_id or target.uses_oauth):
            return f"not checked online: {kind} names no web integration id, app id or OAuth client"
        if self.key.tenant is not None and tenant != self.key.tenant:
            return (
                f"not checked online: the API key ({self.key.source}) is for {self.key.tenant.value}, "
                f"and this project's tenant is {tenant.value}"
            )
        if self.key.tenant is None and not (tenant.is_qlikcloud or is_loopback(tenant.host)):
            return (
                f"not checked online: {tenant.host} is not under qlikcloud.com, and the API key from "
                f"{self.key.source} is sent only to Qlik Cloud hosts; use --context NAME with a qlik-cli context "
                "whose server is this host"
            )
        return None

    def _lookups(self, tenant: Tenant) -> TenantLookups:
        lookups = self._tenants.get(tenant)
        if lookups is None:
            lookups = self._tenants[tenant] = TenantLookups(tenant, Client(tenant, self.key, self.settings))
        return lookups

    def _submit(self, lookups: TenantLookups, kind: str, ident: str, work: Callable[[], Reply]) -> None:
        key = (lookups.tenant, kind, ident)
        if key not in self._futures:
            self._futures[key] = self._executor.submit(work)

    @staticmethod
    def _after_probe(lookups: TenantLookups, read: Callable[[], Reply]) -> Reply | None:
        try:
            if not lookups.probe().ok:
                return None  # reported once for the tenant
        except Unreachable:
            return None
        return read()

    # -- reporting ---------------------------------------------------------------------------------

    def finish(self, progress: Progress | None = None) -> OnlineResult:
        """Wait for every request and turn the replies into findings (``progress`` shows one tick a project)."""
        # The projects' tenants, in the order they first came: a tenant only asked early is not reported.
        tenants = [t for t in dict.fromkeys(target.tenant for target in self.targets) if t is not None]
        result = OnlineResult(findings=list(self._skipped), tenants=len(tenants))
        fixes: dict[tuple[Tenant, str], OriginFix] = {}
        oauth_fixes: dict[tuple[Tenant, str], OAuthFix] = {}
        context = progress(len(self.targets)) if progress else nullcontext(lambda n: None)
        with context as tick:
            for tenant in tenants:
                result.findings += self._tenant_findings(tenant, self._tenants[tenant])
            answered = {t for t in tenants if self._answered(t)}
            for target in self.targets:
                result.findings += self._target_findings(target, fixes, oauth_fixes)
                result.checked += target.tenant in answered
                tick(1)
        result.fixes = [fix for fix in fixes.values() if fix.missing]
        result.oauth_fixes = [fix for fix in oauth_fixes.values() if fix.missing_origins or fix.missing_redirects]
        return result

    def close(self) -> None:
        """Stop the threads and close every connection pool."""
        self._executor.shutdown(wait=True, cancel_futures=True)
        for lookups in self._tenants.values():
            lookups.client.close()

    def _reply(self, tenant: Tenant, kind: str, ident: str) -> Reply | Unreachable | None:
        future = self._futures.get((tenant, kind, ident))
        if future is None:
            return None
        try:
            return future.result()
        except Unreachable as exc:
            return exc

    def _answered(self, tenant: Tenant) -> bool:
        reply = self._reply(tenant, "probe", "")
        return isinstance(reply, Reply) and reply.ok

    def _tenant_findings(self, tenant: Tenant, lookups: TenantLookups) -> list[Finding]:
        count = sum(1 for t in self.targets if t.tenant == tenant)
        projects = f"{count} project{'' if count == 1 else 's'}"
        reply = self._reply(tenant, "probe", "")
        if isinstance(reply, Unreachable):
            return [rules.UNREACHABLE.at(None, None, f"{reply}; {projects} not checked online")]
        if reply is None or reply.ok:
            return []
        if reply.status == 401:
            message = f"{tenant.value} rejected the API key from {self.key.source} (401); {projects} not checked"
            return [rules.KEY_REJECTED.at(None, None, message)]
        if reply.status in (429,) or reply.status >= 500:
            message = f"{tenant.value} answered {reply.error_text()} after retries; {projects} not checked online"
            return [rules.UNREACHABLE.at(None, None, message)]
        message = f"{tenant.value} answered {reply.error_text()} to GET /api/v1/users/me; {projects} not checked"
        return [rules.UNEXPECTED.at(None, None, message)]

    def _problem(self, where: str, what: str, reply: Reply | Unreachable, tenant: Tenant) -> Finding:
        """A finding for a reply that is neither the answer nor a documented 'not there'."""
        if isinstance(reply, Unreachable):
            return rules.UNREACHABLE.at(where, None, f"{what}: {reply}")
        if reply.status == 401:
            return rules.KEY_REJECTED.at(where, None, f"{what}: {tenant.value} rejected the API key (401)")
        if reply.status == 403:
            return rules.ACCESS_DENIED.at(where, None, f"{what}: the API key's user may not read it (403)")
        if reply.status == 429 or reply.status >= 500:
            message = f"{what}: {tenant.value} answered {reply.error_text()} after retries"
            return rules.UNREACHABLE.at(where, None, message)
        return rules.UNEXPECTED.at(where, None, f"{what}: {tenant.value} answered {reply.error_text()}")

    def _target_findings(
        self,
        target: Target,
        fixes: dict[tuple[Tenant, str], OriginFix],
        oauth_fixes: dict[tuple[Tenant, str], OAuthFix],
    ) -> list[Finding]:
        tenant = target.tenant
        assert tenant is not None
        findings: list[Finding] = []
        if target.web_integration_id:
            findings += self._web_integration_findings(target, tenant, fixes)
        if target.app_id:
            reply = self._reply(tenant, "app", target.app_id)
            what = f"app {target.app_id}"
            if isinstance(reply, Reply) and reply.ok:
                data = reply.body.get("data") if isinstance(reply.body, dict) else None
                if not data:
                    findings.append(
                        rules.APP_MISSING.at(
                            target.where,
                            None,
                            f"{what} does not exist on {tenant.value}, or the API key's user cannot see it",
                        )
                    )
            elif reply is not None:
                findings.append(self._problem(target.where, what, reply, tenant))
        if target.uses_oauth:
            findings += self._oauth_findings(target, tenant, oauth_fixes)
        return findings

    def _entity(
        self, target: Target, tenant: Tenant, key: tuple[str, str], what: str, missing: Callable[[], Finding]
    ) -> dict[str, Any] | list[Finding]:
        """The body of ``what``, looked up under ``key`` (kind, id), or the findings that stand instead of it:
        none when it was not looked up, ``missing()`` when the tenant has no such entity (404), else why not."""
        kind, ident = key
        reply = self._reply(tenant, kind, ident)
        if reply is None:
            return []
        if isinstance(reply, Reply) and reply.status == 404:
            return [missing()]
        if not (isinstance(reply, Reply) and reply.ok and isinstance(reply.body, dict)):
            return [self._problem(target.where, what, reply, tenant)]
        return reply.body

    def _web_integration_findings(
        self, target: Target, tenant: Tenant, fixes: dict[tuple[Tenant, str], OriginFix]
    ) -> list[Finding]:
        wid = target.web_integration_id or ""
        what = f"web integration {wid}"
        body = self._entity(target, tenant, ("wi", wid), what, lambda: self._missing_integration(target, tenant, wid))
        if isinstance(body, list):
            return body
        allowed = [o for o in body.get("validOrigins") or [] if isinstance(o, str)]
        name = str(body.get("name") or wid)
        findings = []
        for origin in target.origins:
            if origin in allowed:
                continue
            fix = fixes.setdefault((tenant, wid), OriginFix(tenant, wid, name, list(allowed)))
            if origin not in fix.missing:
                fix.missing.append(origin)
            finding = rules.ORIGIN_NOT_ALLOWED.at(
                target.where,
                None,
                f"{origin} is not an allowed origin of web integration {name!r} ({wid}) on {tenant.value}; "
                f"it allows: {', '.join(allowed) or 'no origin at all'}",
                fix=f"mashup-gen check --online --fix-origins, or: {patch_command(wid, [*allowed, origin])}",
            )
            fix.findings.append(finding)
            findings.append(finding)
        return findings

    def _missing_integration(self, target: Target, tenant: Tenant, wid: str) -> Finding:
        lookups = self._tenants[tenant]
        try:
            listed = lookups.web_integrations()
        except Unreachable:
            listed = []
        needed = set(target.origins)
        candidates = [
            f"{item.get('name')!r} ({item.get('id')})"
            for item in listed
            if needed and needed <= set(item.get("validOrigins") or []) and isinstance(item.get("id"), str)
        ]
        message = f"web integration {wid} does not exist on {tenant.value}"
        if candidates:
            fix = (
                f"Web integrations of {tenant.value} that already allow {', '.join(target.origins)}: "
                f"{', '.join(candidates)}; switch with `mashup-gen regenerate --web-integration-id ID`"
            )
        else:
            origins = " ".join(f"--validOrigins {o}" for o in target.origins)
            fix = (
                f"No web integration of {tenant.value} allows {', '.join(target.origins) or 'these origins'}; create "
                f"one (`qlik web-integration create --name NAME {origins}`) and switch to it with "
                "`mashup-gen regenerate --web-integration-id ID`"
            )
        return rules.WEB_INTEGRATION_MISSING.at(target.where, None, message, fix=fix)

    def _oauth_findings(
        self, target: Target, tenant: Tenant, oauth_fixes: dict[tuple[Tenant, str], OAuthFix]
    ) -> list[Finding]:
        cid = target.client_id or ""
        what = f"OAuth client {cid}"
        body = self._entity(
            target,
            tenant,
            ("oauth", cid),
            what,
            lambda: rules.OAUTH_CLIENT_MISSING.at(target.where, None, f"{what} does not exist on {tenant.value}"),
        )
        if isinstance(body, list):
            return body
        wrong_type = _wrong_type(target, body, what)
        if wrong_type is not None:
            return [wrong_type]  # its origins do not matter: the client cannot serve this project
        findings = []
        grants = [g for g in body.get("allowedGrantTypes") or [] if isinstance(g, str)]
        if target.auth == "impersonation" and IMPERSONATION_GRANT not in grants:
            message = f"{what} does not allow {IMPERSONATION_GRANT}; it allows: {', '.join(grants) or 'no grant'}"
            findings.append(rules.OAUTH_GRANT_MISSING.at(target.where, None, message))
        redirects = [u for u in body.get("redirectUris") or [] if isinstance(u, str)]
        allowed = [o for o in body.get("allowedOrigins") or [] if isinstance(o, str)]
        name = str(body.get("clientName") or cid)
        fix = oauth_fixes.setdefault((tenant, cid), OAuthFix(tenant, cid, name))
        # Each list the project needs entries in: (needed, has, the fix's pending list, rule, "is not <one>",
        # "add to the <list name>").
        lists = (
            (
                target.redirect_uris(),
                redirects,
                fix.missing_redirects,
                rules.OAUTH_REDIRECT_MISSING,
                "a redirect URL",
                "redirect URLs",
            ),
            (
                target.origins,
                allowed,
                fix.missing_origins,
                rules.OAUTH_ORIGIN_MISSING,
                "an allowed origin",
                "allowed origins",
            ),
        )
        for needed, has, pending, rule, one, list_name in lists:
            for entry in needed:
                if entry in has or entry in pending:
                    continue
                pending.append(entry)
                finding = rule.at(
                    target.where,
                    None,
                    f"{entry} is not {one} of {what}; it has: {', '.join(has) or 'none'}",
                    fix=f"mashup-gen check --online --fix-origins, or add {entry} to the {list_name} of {what} "
                    "(Management Console > Settings > OAuth).",
                )
                fix.findings.append(finding)
                findings.append(finding)
        return findings


#: The grant a web client needs for a backend to ask tokens for its users.
IMPERSONATION_GRANT = "urn:qlik:oauth:user-impersonation"
#: The client type each OAuth sign-in needs.
CLIENT_TYPES = {"oauth2": "spa", "impersonation": "web"}


def _wrong_type(target: Target, body: dict[str, Any], what: str) -> Finding | None:
    """A finding when the client's ``appType`` does not fit the project's sign-in."""
    wanted = CLIENT_TYPES.get(target.auth or "")
    actual = body.get("appType")
    if wanted is None or actual == wanted:
        return None
    kinds = {"spa": "a single-page-app (spa) client", "web": "a web client with user impersonation"}
    message = f"{what} is of type {actual!r}; --auth {target.auth} needs {kinds[wanted]}"
    return rules.OAUTH_CLIENT_TYPE.at(target.where, None, message)


def check_online(
    paths: Sequence[str],
    origins: Sequence[str],
    key: ApiKey,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> tuple[Report, OnlineResult]:
    """The offline check of ``paths`` plus the online one, the requests running while the files are read."""
    from mashup_gen.checker import check_paths

    verifier = OnlineCheck(key, settings, origins)
    try:
        summarize = functools.partial(of_project, extra_origins=verifier.extra_origins)
        report = check_paths(paths, origins, observe=verifier.add, summarize=summarize, expect=verifier.expect)
        online = verifier.finish(progress)
    finally:
        verifier.close()
    report.extend(online.findings)
    return report, online
