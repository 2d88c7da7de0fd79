"""The helper step of adoption: when a project lacks Qlik's login flow, or its fetch() calls to the tenant lack
what Qlik Cloud needs, add a small script (:data:`HELPER_NAME`) that does it for them.

The script is rendered from the templates' shared folder around the same sign-in script every template ships
(``qlik-session.fragment.js``), so the two cannot drift apart.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from mashup_gen.answers import WEB_INTEGRATION_ID_KEY
from mashup_gen.checker.facts import other_require_js
from mashup_gen.checker.project import Unit, is_javascript
from mashup_gen.errors import InvalidValue
from mashup_gen.tenant import REQUIRE_JS_PATH, Tenant

if TYPE_CHECKING:
    from mashup_gen.adopt.planning import Planner

HELPER_NAME = "mashup-gen-qlik.js"


def helper_script(tenant: Tenant, web_integration_id: str, sign_in: bool) -> str:
    """The sign-in and request helper ``adopt`` adds (see :data:`HELPER_NAME`)."""
    from mashup_gen.catalog import shared_root
    from mashup_gen.render import render_file

    context = {"__tenant_url": tenant.base_url, WEB_INTEGRATION_ID_KEY: web_integration_id, "sign_in": sign_in}
    return render_file(shared_root() / HELPER_NAME, context)


def add_helper(planner: Planner) -> None:
    """Add the sign-in and request helper where the project lacks the login flow or request headers."""
    facts = planner.facts
    needs_login = not facts.embed_tags and not facts.session_checks and not facts.login_urls
    needs_login = needs_login and bool(facts.uses_capability_api or facts.rest_calls or facts.engine_urls)
    fetch_calls = [c for c in facts.rest_calls if c.what == "fetch"]
    needs_fetch = any(not c.has_header or not c.has_credentials or (c.non_get and not c.has_csrf) for c in fetch_calls)
    for call in facts.rest_calls:
        if call.what != "fetch" and (
            not call.has_header or not call.has_credentials or (call.non_get and not call.has_csrf)
        ):
            line, _ = call.place.position()
            planner.adoption.manual.append(
                f"{call.place.display}:{line}: {call.what} request to {call.url}: add the qlik-web-integration-id "
                "header, credentials and (for changes) qlik-csrf-token"
            )
    for ungated in facts.ungated_loads if not needs_login else ():
        line, _ = ungated.check.position()
        planner.adoption.manual.append(
            f"{ungated.check.display}:{line}: the page loads js/qlik without waiting for this session check: "
            "load it in the check's .then (login().then(() => require(['js/qlik'], ...)))"
        )
    for url in facts.engine_urls:
        if not url.has_id or not url.has_csrf:
            line, _ = url.place.position()
            planner.adoption.manual.append(
                f"{url.place.display}:{line}: engine URL {url.url}: add qlik-web-integration-id and qlik-csrf-token"
            )
    if not needs_login and not needs_fetch:
        return
    path = planner.project.root / HELPER_NAME
    if path.exists():
        raise InvalidValue(str(path), f"expected no file named {HELPER_NAME}: adopt writes its helper there")
    planner.adoption.created[path] = helper_script(planner.tenant, planner.id, sign_in=needs_login)
    planner.note(
        f"added {HELPER_NAME}: "
        + ("the login flow (session check and /login redirect)" if needs_login else "")
        + (" and " if needs_login and needs_fetch else "")
        + ("Qlik's headers on fetch() requests to the tenant" if needs_fetch else "")
    )
    pages = [
        p for p in planner.project.pages if any(_talks_to_qlik(planner, u) for u in p.units)
    ] or planner.project.pages
    for page in pages:
        src = PurePosixPath(*([".."] * len(page.file.path.parent.relative_to(planner.project.root).parts)), HELPER_NAME)
        markup = f'<script src="{src.as_posix()}"></script>'
        scripts = [t for t in page.scripts() if is_javascript(t)]
        require_tag = next(
            (
                t
                for t in scripts
                if (t.get("src") or "").endswith(REQUIRE_JS_PATH.rsplit("/", 1)[-1]) or other_require_js(t)
            ),
            None,
        )
        if require_tag is not None:
            # Right after RequireJS: the helper holds back require([...]) until the session is confirmed.
            after = [t for t in scripts if t.start > require_tag.start]
            if after:
                planner.insert_tag(page, after[0], markup)
            else:
                planner.insert_tag(page, None, markup)
        elif page in planner.facts.capability_pages:
            # RequireJS is being inserted before the first script: put the helper right after it.
            planner.insert_tag(page, scripts[0] if scripts else None, markup)
        else:
            planner.insert_tag(page, scripts[0] if scripts else None, markup)


def _talks_to_qlik(planner: Planner, unit: Unit) -> bool:
    return (
        any(c.place.file is unit.file for c in planner.facts.rest_calls)
        or any(r.unit is unit for r in planner.facts.require_configs)
        or any(u is unit for u, _, v in planner.facts.strings if v.startswith("js/qlik"))
    )
