"""``new --create-oauth-client NAME``: the usage checks and the creation, kept out of ``new``'s own module.

A web client's secret (``--auth impersonation``) exists only in the tenant's creation answer: it is shown
once on the terminal, before anything is written, and is never stored, logged, or part of an error. So the
option refuses (exit 2, before asking the tenant) when standard output is not a terminal.
"""

from __future__ import annotations

from typing import Any

import click

from mashup_gen.commands.create_usage import Creation, check_usage
from mashup_gen.commands.options import api_key

OPTION = "--create-oauth-client"
OAUTH_AUTHS = ("oauth2", "impersonation")
CREATION = Creation(OPTION, "OAuth client", "client_id", "--client-id", "does not sign in with an OAuth client")


def creation_key(
    ctx: click.Context,
    name: str,
    context_name: str | None,
    answers: dict[str, Any],
    asked: list[str],
    template: str,
    no_input: bool,
) -> Any:
    """Check the option's usage and return the API key; usage errors exit 2 before anything happens."""
    check_usage(CREATION, name, answers, asked, template)
    if answers.get("auth") is not None and answers["auth"] not in OAUTH_AUTHS:
        raise click.UsageError(f"{OPTION} needs --auth oauth2 or --auth impersonation", ctx=ctx)
    _needs_terminal(ctx, answers)
    return api_key(ctx, context_name, OPTION, may_prompt=not no_input)


def _needs_terminal(ctx: click.Context, answers: dict[str, Any]) -> None:
    if answers.get("auth") == "impersonation" and not ctx.obj.stdout_isatty:
        raise click.UsageError(
            f"{OPTION} with --auth impersonation creates a web client whose secret is shown only once, on a "
            "terminal, and never written: run it with standard output on a terminal",
            ctx=ctx,
        )


def redirect_uris(answers: dict[str, Any]) -> list[str]:
    """The callback pages an oauth2 project's client must register (as ``check --online`` expects them)."""
    from mashup_gen.online.targets import from_answers

    return from_answers("", {**answers, "client_id": "new"}).redirect_uris()


def create_client(ctx: click.Context, key: Any, name: str, answers: dict[str, Any], dry_run: bool) -> str:
    """Create the client the answers' sign-in needs and return its id (the placeholder on a dry run); a web
    client's secret is shown here, once. A failure stops ``new`` before anything is written (exit 1)."""
    from mashup_gen.online.client import Settings
    from mashup_gen.online.create import CreateFailed, create_oauth_client, oauth_client_body
    from mashup_gen.tenant import Tenant

    auth = str(answers.get("auth") or "")
    if auth not in OAUTH_AUTHS:
        raise click.UsageError(f"{OPTION} needs --auth oauth2 or --auth impersonation, not {auth!r}", ctx=ctx)
    _needs_terminal(ctx, answers)
    tenant = Tenant.parse(answers["tenant"])
    origins = str(answers.get("origins") or "").split()
    uris = redirect_uris(answers)
    kind = "a single-page-app client" if auth == "oauth2" else "a web client allowed to impersonate users"
    allowing = ", ".join(origins) + (f"; redirect URIs {', '.join(uris)}" if uris else "")
    if dry_run:
        oauth_client_body(name, auth, origins, uris)  # the same checks as a real run
        click.echo(f"Would create OAuth client {name!r} on {tenant.value}: {kind}, allowing {allowing}.")
        return str(answers["client_id"])
    try:
        created = create_oauth_client(tenant, key, name, auth, origins, uris, Settings.from_env())
    except CreateFailed as exc:
        raise click.ClickException(f"{OPTION}: {exc}; nothing was written") from None
    click.echo(f"Created OAuth client {name!r} ({created.client_id}) on {tenant.value}: {kind}, allowing {allowing}.")
    if created.secret is not None:
        click.echo(
            "Its client secret, shown this once (it is not written anywhere; give it to the backend through the "
            f"environment variable its README names):\n\n    {created.secret}\n"
        )
    return created.client_id
