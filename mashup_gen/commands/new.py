"""``mashup-gen new``: generate a project from a template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from mashup_gen.answers import CLIENT_ID_KEY, WEB_INTEGRATION_ID_KEY, combination_warnings
from mashup_gen.cli import Command
from mashup_gen.commands.create_usage import Creation, check_usage
from mashup_gen.commands.options import (
    PAGE_ANSWERS,
    TARGET_ANSWERS,
    answer_options,
    api_key,
    context_option,
    dry_run_option,
    parse_settings,
    set_option,
    template_value_options,
)


@click.command(cls=Command)
@click.argument("dest", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--template",
    "template_name",
    default="capability",
    show_default=True,
    metavar="NAME|PATH",
    help="A built-in template (see `mashup-gen templates`) or a cookiecutter template folder.",
)
@answer_options(*TARGET_ANSWERS, from_environment=True)
@answer_options(*PAGE_ANSWERS)
@template_value_options
@set_option
@click.option(
    "--create-web-integration",
    "create_web_integration",
    metavar="NAME",
    help="Create a web integration called NAME on the tenant, allowing the project's origins, and use its id "
    "(needs an API key of a tenant admin: QLIK_API_KEY, --context or a prompt; it is never stored).",
)
@click.option(
    "--create-oauth-client",
    "create_oauth_client",
    metavar="NAME",
    help="Create the OAuth client the sign-in needs, called NAME, and use its id: for --auth oauth2 a "
    "single-page-app client allowing the project's origins and callback page; for --auth impersonation a web "
    "client allowed to impersonate users, whose secret is shown once on this terminal and never stored (needs "
    "an API key of a tenant admin: QLIK_API_KEY, --context or a prompt; it is never stored).",
)
@context_option
@click.option("--no-input", is_flag=True, help="Never prompt: use the options, environment and defaults.")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty (changed files are backed up).")
@dry_run_option
@click.pass_context
def new(
    ctx: click.Context,
    dest: Path | None,
    template_name: str,
    settings: tuple[str, ...],
    create_web_integration: str | None,
    create_oauth_client: str | None,
    context_name: str | None,
    no_input: bool,
    force: bool,
    dry_run: bool,
    **given: Any,
) -> None:
    """Generate a Qlik Cloud mashup project in DEST.

    Missing values are asked for on a terminal: tenant, the sign-in and its id, app, objects, title, origins,
    then anything else the template asks. Required values have no default. With --no-input or without a
    terminal, --tenant and --app-id are required, and --web-integration-id (or, for --template qlik-embed
    signing in with OAuth2, the default, --client-id); the first three can come from environment variables.
    """
    import shlex

    from mashup_gen import api, generate, questions
    from mashup_gen.errors import UsageProblem

    interactive = not no_input and ctx.obj.stdin_isatty
    template = api.find_template(template_name)
    asked = template.template.questions
    options = {key: value for key, value in given.items() if value is not None}
    answers = api.check_answers(template, {**options, **parse_settings(settings, asked, options)})
    secret = None  # the API key, for --create-web-integration only
    if create_web_integration is not None and create_oauth_client is not None:
        raise UsageProblem("give --create-web-integration or --create-oauth-client, not both")
    if create_web_integration is not None:
        check_usage(WEB_INTEGRATION_CREATION, create_web_integration, answers, asked, template.name)
        secret = api_key(ctx, context_name, "--create-web-integration", may_prompt=not no_input)
        answers[WEB_INTEGRATION_ID_KEY] = PLACEHOLDER_ID  # replaced by the created id before rendering
    if create_oauth_client is not None:
        from mashup_gen.commands.new_oauth import creation_key

        secret = creation_key(ctx, create_oauth_client, context_name, answers, asked, template.name, no_input)
        answers[CLIENT_ID_KEY] = PLACEHOLDER_CLIENT_ID  # replaced by the created id before rendering
    elif create_web_integration is None and context_name is not None:
        raise UsageProblem(
            "--context needs --create-web-integration or --create-oauth-client (it names where the API key is)"
        )

    default_dest = str(template.template.variables.get("project_slug", "qlik-mashup"))
    if dest is None:
        dest = questions.ask_folder(default_dest, force) if interactive else Path(default_dest)
    generate.check_destination(dest, force)
    answers["project_slug"] = generate.slug_for(dest)

    prompts = template.template.variables.get("__prompts__", {})

    def ask(key: str, default: Any, choices: list[str] | None) -> Any:
        return questions.ask(key, questions.label(key, prompts), default, choices)

    answers = api.complete_answers(template, answers, ask if interactive else None)
    for warning in combination_warnings(answers):
        click.echo(f"warning: {warning}", err=True)

    if secret is not None and create_web_integration is not None:
        from mashup_gen.tenant import Tenant

        tenant, origins = Tenant.parse(answers["tenant"]), str(answers.get("origins") or "").split()
        name = create_web_integration.strip()
        if dry_run:
            click.echo(f"Would create web integration {name!r} on {tenant.value} allowing {', '.join(origins)}.")
        else:
            answers[WEB_INTEGRATION_ID_KEY] = _create(tenant, secret, name, origins)
    if secret is not None and create_oauth_client is not None:
        from mashup_gen.commands.new_oauth import create_client

        answers[CLIENT_ID_KEY] = create_client(ctx, secret, create_oauth_client.strip(), answers, dry_run)
    try:
        written = api.generate_project(template, answers, dest, force=force, dry_run=dry_run)
    except Exception:
        # The user must know the id of what now exists on the tenant.
        if create_web_integration and not dry_run:
            created = answers.get(WEB_INTEGRATION_ID_KEY)
            click.echo(f"note: web integration {created} was created: use --web-integration-id {created}", err=True)
        if create_oauth_client and answers.get(CLIENT_ID_KEY) != PLACEHOLDER_CLIENT_ID:
            created = answers.get(CLIENT_ID_KEY)
            click.echo(f"note: OAuth client {created} was created: use --client-id {created}", err=True)
        raise
    if dry_run:
        click.echo(f"Would create {dest}/ from template {template.name} {template.version}:")
        for relative, data in written.files.items():
            click.echo(f"  {relative} ({len(data)} bytes)")
        return
    click.echo(
        f"Created {dest}/ from template {template.name} {template.version}: "
        f"{len(written.files)} files and the project record."
    )
    for backup in written.backups:
        click.echo(f"  kept the previous {generate.backed_up(backup)} as {backup}")
    # A project with its own backend (the impersonation token route) is served by that backend, never by
    # `mashup-gen serve`, which has no token route.
    quoted = shlex.quote(str(dest))
    if "server.mjs" in written.files:
        start = f"`cd {quoted} && node server.mjs` with the environment variables it names"
    else:
        start = f"`mashup-gen serve {quoted}`."
    click.echo(f"Next: read {dest / 'README.md'} for the origins to allowlist, then {start}")


# Stands in for the id of a web integration not created yet (a --dry-run shows files of the right shape).
PLACEHOLDER_ID = "created-by-create-web-integration"
# The same for an OAuth client (hexadecimal, as a client id is).
PLACEHOLDER_CLIENT_ID = "c0ffee" * 5 + "00"
# What --create-web-integration creates, for the usage checks it shares with --create-oauth-client.
WEB_INTEGRATION_CREATION = Creation(
    "--create-web-integration",
    "web integration",
    WEB_INTEGRATION_ID_KEY,
    "--web-integration-id (or MASHUP_GEN_WEB_INTEGRATION_ID)",
    "does not use a web integration",
)


def _create(tenant: Any, key: Any, name: str, origins: list[str]) -> str:
    """Create the web integration; a failure stops `new` before anything is written (exit 1)."""
    from mashup_gen.errors import Error
    from mashup_gen.online.client import Settings
    from mashup_gen.online.create import CreateFailed, create_web_integration

    try:
        wid = create_web_integration(tenant, key, name, origins, Settings.from_env())
    except CreateFailed as exc:
        raise Error(f"--create-web-integration: {exc}; nothing was written") from None
    click.echo(f"Created web integration {name!r} ({wid}) on {tenant.value}, allowing {', '.join(origins)}.")
    return wid
