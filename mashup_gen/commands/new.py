"""``mashup-gen new``: generate a project from a template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from mashup_gen.commands.options import (
    api_key,
    combination_error,
    context_option,
    dry_run_option,
    new_app_id_option,
    new_tenant_option,
    new_web_integration_id_option,
    parse_settings,
    set_option,
    template_value_options,
    validated,
)


@click.command()
@click.argument("dest", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--template",
    "template_name",
    default="capability",
    show_default=True,
    metavar="NAME|PATH",
    help="A built-in template (see `mashup-gen templates`) or a cookiecutter template folder.",
)
@new_tenant_option
@new_web_integration_id_option
@new_app_id_option
@click.option(
    "--object",
    "objects",
    multiple=True,
    metavar="[ELEMENT=]OBJECT_ID",
    callback=validated("objects"),
    help="A Qlik object to show, in the element with HTML id ELEMENT. Repeatable; "
    "CurrentSelections is the selections bar.",
)
@click.option("--title", metavar="TEXT", callback=validated("title"), help="The page title.")
@click.option(
    "--origin",
    "origins",
    multiple=True,
    metavar="URL",
    callback=validated("origins"),
    help="An origin the page will be served from, to allowlist (default http://localhost:8000). Repeatable.",
)
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
    from mashup_gen import catalog, generate, questions
    from mashup_gen.answers import (
        LIST_ANSWERS,
        OPTION_NAMES,
        AnswerConflict,
        as_answer,
        check_combination,
        is_asked,
        is_required,
    )
    from mashup_gen.errors import InvalidValue, ProjectError
    from mashup_gen.render import TemplateError, build_context

    interactive = not no_input and ctx.obj.stdin_isatty
    try:
        template = catalog.find(template_name)
    except InvalidValue as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param_hint="'--template'") from None
    asked = template.template.questions
    answers: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
    answers.update(parse_settings(ctx, settings, asked))
    unknown = [OPTION_NAMES[key] for key in answers if key not in asked]
    if unknown:
        raise click.UsageError(f"template {template.name!r} does not use {', '.join(unknown)}", ctx=ctx)
    secret = None  # the API key, for --create-web-integration only
    if create_web_integration is not None and create_oauth_client is not None:
        raise click.UsageError("give --create-web-integration or --create-oauth-client, not both", ctx=ctx)
    if create_web_integration is not None:
        secret = _creation_key(ctx, create_web_integration, context_name, answers, asked, template.name, no_input)
        answers["web_integration_id"] = PLACEHOLDER_ID  # replaced by the created id before rendering
    if create_oauth_client is not None:
        from mashup_gen.commands.new_oauth import creation_key

        secret = creation_key(ctx, create_oauth_client, context_name, answers, asked, template.name, no_input)
        answers["client_id"] = PLACEHOLDER_CLIENT_ID  # replaced by the created id before rendering
    elif create_web_integration is None and context_name is not None:
        raise click.UsageError(
            "--context needs --create-web-integration or --create-oauth-client (it names where the API key is)",
            ctx=ctx,
        )

    if dest is None:
        default_dest = str(template.template.variables.get("project_slug", "qlik-mashup"))
        dest = Path(questions.ask_folder(default_dest) if interactive else default_dest)
    try:
        generate.check_destination(dest, force)
    except InvalidValue as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param_hint="'DEST'") from None
    answers["project_slug"] = generate.slug_for(dest)

    variables = template.template.variables
    prompts = variables.get("__prompts__", {})
    for key in questions.order(asked):
        if key in answers:
            continue
        if is_required(key, answers):
            if not interactive:
                option = OPTION_NAMES.get(key, key)
                raise click.UsageError(f"Missing option '{option}': needed with --no-input or without a terminal.")
            # No default: the template's placeholder would write a project that can never reach Qlik Cloud.
            answers[key] = questions.ask(key, questions.label(key, prompts))
            continue
        try:
            # Derived again for each question: a typed answer can change the defaults derived from it.
            default = build_context(template.template, answers)[key]
        except TemplateError as exc:
            raise click.ClickException(str(exc)) from None
        if interactive and is_asked(key, answers):
            # A list default is a choice, except for answers that are lists (a web app's dimensions, measures).
            choices = variables[key] if isinstance(variables[key], list) and key not in LIST_ANSWERS else None
            answers[key] = questions.ask(key, questions.label(key, prompts), default, choices)
        else:
            answers[key] = as_answer(key, default)
    try:
        check_combination(answers)
    except AnswerConflict as exc:
        raise combination_error(ctx, exc) from None

    if secret is not None and create_web_integration is not None:
        from mashup_gen.tenant import Tenant

        tenant, origins = Tenant.parse(answers["tenant"]), str(answers.get("origins") or "").split()
        name = create_web_integration.strip()
        if dry_run:
            click.echo(f"Would create web integration {name!r} on {tenant.value} allowing {', '.join(origins)}.")
        else:
            answers["web_integration_id"] = _create(tenant, secret, name, origins)
    if secret is not None and create_oauth_client is not None:
        from mashup_gen.commands.new_oauth import create_client

        answers["client_id"] = create_client(ctx, secret, create_oauth_client.strip(), answers, dry_run)
    try:
        planned = generate.plan(template, answers, dest)
        if dry_run:
            click.echo(f"Would create {dest}/ from template {template.name} {template.version}:")
            for relative, data in planned.files.items():
                click.echo(f"  {relative} ({len(data)} bytes)")
            return
        written = generate.write(planned)
    except (TemplateError, ProjectError, ValueError) as exc:
        created = answers.get("web_integration_id") if create_web_integration else None
        note = f" (web integration {created} was created: use --web-integration-id {created})" if created else ""
        if create_oauth_client and answers.get("client_id") != PLACEHOLDER_CLIENT_ID:
            note = f" (OAuth client {answers['client_id']} was created: use --client-id {answers['client_id']})"
        raise click.ClickException(f"{exc}{note}") from None
    click.echo(
        f"Created {dest}/ from template {template.name} {template.version}: "
        f"{len(written.files)} files and the project record."
    )
    for backup in written.backups:
        click.echo(f"  kept the previous {generate.backed_up(backup)} as {backup}")
    click.echo(f"Next: read {dest / 'README.md'} for the origins to allowlist, then `mashup-gen serve {dest}`.")


# Stands in for the id of a web integration not created yet (a --dry-run shows files of the right shape).
PLACEHOLDER_ID = "created-by-create-web-integration"
# The same for an OAuth client (hexadecimal, as a client id is).
PLACEHOLDER_CLIENT_ID = "c0ffee" * 5 + "00"


def _creation_key(
    ctx: click.Context,
    name: str,
    context_name: str | None,
    answers: dict[str, Any],
    asked: list[str],
    template: str,
    no_input: bool,
) -> Any:
    """Check the --create-web-integration usage and return the API key; usage errors exit 2."""
    from mashup_gen.online.create import check_name

    try:
        check_name(name)
    except ValueError as exc:
        raise click.BadParameter(f"{name!r}: {exc}", ctx=ctx, param_hint="'--create-web-integration'") from None
    if "web_integration_id" in answers:
        raise click.UsageError(
            "--create-web-integration creates the web integration and uses its id: do not also give "
            "--web-integration-id (or MASHUP_GEN_WEB_INTEGRATION_ID)",
            ctx=ctx,
        )
    if "web_integration_id" not in asked:
        raise click.UsageError(f"template {template!r} does not use a web integration", ctx=ctx)
    return api_key(ctx, context_name, "--create-web-integration", may_prompt=not no_input)


def _create(tenant: Any, key: Any, name: str, origins: list[str]) -> str:
    """Create the web integration; a failure stops `new` before anything is written (exit 1)."""
    from mashup_gen.online.client import Settings
    from mashup_gen.online.create import CreateFailed, create_web_integration

    try:
        wid = create_web_integration(tenant, key, name, origins, Settings.from_env())
    except CreateFailed as exc:
        raise click.ClickException(f"--create-web-integration: {exc}; nothing was written") from None
    click.echo(f"Created web integration {name!r} ({wid}) on {tenant.value}, allowing {', '.join(origins)}.")
    return wid
