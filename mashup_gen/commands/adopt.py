"""``mashup-gen adopt``: bring an existing mashup under mashup-gen."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mashup_gen.cli import Command
from mashup_gen.commands.options import TARGET_ANSWERS, answer_options, dry_run_option

if TYPE_CHECKING:
    from mashup_gen.adopt import Adoption
    from mashup_gen.environment import Environment
    from mashup_gen.errors import ExitStatus


@click.command(cls=Command)
@click.argument("path", type=click.Path(path_type=Path))
@answer_options(*TARGET_ANSWERS)
@click.option("--quiet", "-q", is_flag=True, help="Do not print the diff.")
@dry_run_option
@click.pass_obj
def adopt(
    env: Environment,
    path: Path,
    tenant: str | None,
    web_integration_id: str | None,
    app_id: str | None,
    quiet: bool,
    dry_run: bool,
) -> ExitStatus:
    """Turn the mashup in PATH into a project mashup-gen manages.

    Qlik resource links are rewritten to the tenant's absolute URLs (the rest of the HTML stays as written),
    the web integration id is wired into require.config and the config object, the login flow is added when
    it is missing, and the project record is written so that `mashup-gen regenerate` works on it from then
    on. Shows the diff; keeps NAME.mashup-gen-backup of every file it changes; --dry-run writes nothing.
    Exit status: 0 adopted and `check` passes, 1 adopted but problems remain that need a person, 2 bad input.
    """
    from mashup_gen import adopt as adoption_module
    from mashup_gen.errors import ExitStatus, file_problem
    from mashup_gen.generate import backed_up
    from mashup_gen.lock import project_lock

    if tenant is None:
        raise click.UsageError("Missing option '--tenant': the Qlik Cloud tenant to adopt the mashup to.")
    if web_integration_id is None:
        raise click.UsageError("Missing option '--web-integration-id': the id of the page's web integration.")
    if dry_run:
        _plan_and_show(path, tenant, web_integration_id, app_id, quiet, env.colors, dry_run=True)
        return ExitStatus.OK
    try:
        # One run at a time: planning reads the files that writing then replaces.
        # (A path that is no folder gets its exit-2 message from planning.)
        with project_lock(path) if path.is_dir() else contextlib.nullcontext():
            planned = _plan_and_show(path, tenant, web_integration_id, app_id, quiet, env.colors, dry_run=False)
            adoption_module.write(planned)
    except OSError as exc:
        raise file_problem(exc, f"writing the adopted project {path}", nothing_written=False) from None
    for backup in planned.backups:
        click.echo(f"  kept the previous {backed_up(backup)} as {backup}")

    from mashup_gen.checker import Severity, check_paths

    report = check_paths([str(path)])
    remaining = [f for f in report.sorted() if f.severity is Severity.ERROR]
    if remaining:
        click.echo(f"`mashup-gen check {path}` still finds {len(remaining)} error(s) to fix by hand:")
        for finding in remaining:
            click.echo(f"  {finding.location()}: [{finding.rule}] {finding.message}")
        return ExitStatus.PROBLEMS
    click.echo(f"`mashup-gen check {path}` passes. Re-target it later with `mashup-gen regenerate {path}`.")
    return ExitStatus.OK


def _plan_and_show(
    path: Path,
    tenant: str,
    web_integration_id: str,
    app_id: str | None,
    quiet: bool,
    colors: bool,
    dry_run: bool,
) -> Adoption:
    """Plan the adoption and print what it does (the diff unless ``quiet``); bad input exits 2."""
    from mashup_gen import adopt as adoption_module
    from mashup_gen.errors import InvalidValue
    from mashup_gen.tenant import Tenant

    try:
        planned = adoption_module.plan(path, Tenant.parse(tenant), web_integration_id, app_id, display=str(path))
    except InvalidValue as exc:
        raise exc.naming(option="PATH") from None
    if not quiet:
        click.echo(planned.diff(colors), nl=False, color=colors)
    verb = "Would adopt" if dry_run else "Adopted"
    click.echo(f"{verb} {path} for tenant {tenant}:")
    for line in planned.done or ["nothing to change in the files"]:
        click.echo(f"  - {line}")
    click.echo(f"  - {'would write' if dry_run else 'wrote'} the project record {path / '.mashup-gen.json'}")
    for leftover in planned.leftovers:
        click.echo(f"  client-managed leftover: {leftover}; delete it once the mashup runs on Qlik Cloud")
    for item in planned.manual:
        click.echo(f"  to do by hand: {item}")
    if dry_run:
        click.echo("Nothing written (--dry-run).")
    return planned
