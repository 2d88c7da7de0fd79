"""``mashup-gen check``: report what breaks Qlik Cloud mashups and web apps."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from mashup_gen.cli import Command
from mashup_gen.commands.options import api_key, context_option

if TYPE_CHECKING:
    from mashup_gen.errors import ExitStatus


@click.command(cls=Command)
@click.argument("paths", nargs=-1, metavar="[PATH ...]", type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people; json (a stable, documented schema) for CI.",
)
@click.option(
    "--origin",
    "origins",
    multiple=True,
    metavar="URL",
    help="An origin the page will be served from; checked against the web integration rules "
    "(scheme://host[:port], no path, no trailing slash, no wildcard). Repeatable.",
)
@click.option(
    "--online",
    is_flag=True,
    help="Also ask each project's tenant (REST API, with an API key from QLIK_API_KEY, --context or a prompt): "
    "the web integration exists and allows every origin, the app exists and is visible.",
)
@context_option
@click.option(
    "--fix-origins",
    is_flag=True,
    help="With --online: add the missing origins to the web integrations (keeps every origin they have). "
    "Asks first on a terminal.",
)
@click.option("--yes", is_flag=True, help="With --fix-origins: do not ask (for scripts).")
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    output_format: str,
    origins: tuple[str, ...],
    online: bool,
    context_name: str | None,
    fix_origins: bool,
    yes: bool,
) -> ExitStatus:
    """Check mashups for what breaks them on Qlik Cloud.

    PATH is a project folder, a single page or script (.html, .vue, .php, .ejs, .hbs, .cshtml, ..., .js, .ts,
    .tsx, ...), or a tree of many mashups (default: the current folder). Each finding has a stable rule id, a
    severity, file:line, what is wrong and how to fix it. With --online it also asks the tenant; the API key
    is never printed or stored.
    Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 bad usage.
    """
    from mashup_gen import __version__
    from mashup_gen.checker import Severity, check_paths
    from mashup_gen.errors import ExitStatus, InvalidValue

    for flag, given in (("--context", context_name is not None), ("--fix-origins", fix_origins)):
        if given and not online:
            raise click.UsageError(f"{flag} needs --online", ctx=ctx)
    if yes and not fix_origins:
        raise click.UsageError("--yes needs --fix-origins (it answers its question)", ctx=ctx)
    if fix_origins and not yes and not ctx.obj.stdin_isatty:
        raise click.UsageError(
            "--fix-origins changes web integrations on the tenant and asks first, but there is no terminal to "
            "ask on: add --yes to change them without asking",
            ctx=ctx,
        )
    paths = paths or (".",)
    online_result = None
    try:
        if online:
            from mashup_gen.online.client import Settings
            from mashup_gen.online.verify import check_online

            key = api_key(ctx, context_name, "--online")
            progress = _progress_bar if ctx.obj.stdout_isatty and output_format == "text" else None
            report, online_result = check_online(paths, origins, key, Settings.from_env(), progress)
        else:
            report = check_paths(paths, origins)
    except InvalidValue as exc:
        raise exc.naming(option="PATH") from None
    if online_result is not None and fix_origins:
        _fix(report, online_result, key, output_format, ask=not yes)

    if output_format == "json":
        click.echo(report.to_json(__version__), nl=False)
    else:
        for finding in report.sorted():
            click.echo(f"{finding.location()}: {finding.severity.value} [{finding.rule}] {finding.message}")
            click.echo(f"    fix: {finding.fix}")
        errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
        scope = f"{_plural(report.projects, 'project')}, {_plural(report.files, 'file')}"
        if online_result is not None:
            scope += f"; {_plural(online_result.checked, 'project')} checked online"
        if errors or warnings:
            click.echo(f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')} in {scope}.")
        else:
            click.echo(f"No problems found in {scope}.")
    return ExitStatus.PROBLEMS if report.failed else ExitStatus.OK


def _fix(report: Any, result: Any, key: Any, output_format: str, ask: bool) -> None:
    """Show the origins ``--fix-origins`` would add, ask (unless --yes), add them, and update the report."""
    from mashup_gen.online.client import Settings
    from mashup_gen.online.oauth_fix import fix_oauth_clients
    from mashup_gen.online.origins_fix import fix_origins

    err = output_format == "json"  # keep stdout a JSON document
    if not result.fixes and not result.oauth_fixes:
        click.echo("--fix-origins: no origin is missing from a web integration or an OAuth client.", err=err)
        return
    if result.fixes:
        click.echo("--fix-origins will change these web integrations (no origin is removed):", err=err)
    for fix in result.fixes:
        click.echo(f"  {fix.name!r} ({fix.integration_id}) on {fix.tenant.value}", err=err)
        for origin in fix.missing:
            click.echo(f"    + {origin}", err=err)
    if result.oauth_fixes:
        click.echo("--fix-origins will change these OAuth clients (nothing is removed):", err=err)
    for oauth in result.oauth_fixes:
        click.echo(f"  OAuth client {oauth.name!r} ({oauth.client_id}) on {oauth.tenant.value}", err=err)
        for origin in oauth.missing_origins:
            click.echo(f"    + allowed origin {origin}", err=err)
        for uri in oauth.missing_redirects:
            click.echo(f"    + redirect URI {uri}", err=err)
    if ask and not click.confirm("Add these origins?", default=False, err=True):
        click.echo("--fix-origins: nothing changed.", err=err)
        return
    outcome = fix_origins(result.fixes, key, Settings.from_env())
    oauth_outcome = fix_oauth_clients(result.oauth_fixes, key, Settings.from_env())
    resolved = outcome.resolved | oauth_outcome.resolved
    report.findings = [f for f in report.findings if f not in resolved]
    report.extend(outcome.failures + oauth_outcome.failures)
    for fix in outcome.done:
        click.echo(
            f"--fix-origins: added {', '.join(fix.missing)} to {fix.name!r} ({fix.integration_id}); confirmed.",
            err=err,
        )
    for oauth in oauth_outcome.done:
        added = ", ".join(oauth.missing_origins + oauth.missing_redirects)
        click.echo(
            f"--fix-origins: added {added} to OAuth client {oauth.name!r} ({oauth.client_id}); confirmed.", err=err
        )


@contextmanager
def _progress_bar(length: int) -> Iterator[Callable[[int], object]]:
    with click.progressbar(length=length, label="Asking the tenant", file=sys.stderr) as bar:
        yield bar.update


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
