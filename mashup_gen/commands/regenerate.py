"""``mashup-gen regenerate``: re-render projects with new values, keeping the user's edits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from mashup_gen.cli import Command
from mashup_gen.commands.options import (
    TARGET_ANSWERS,
    answer_options,
    dry_run_option,
    parse_settings,
    set_option,
    template_value_options,
)

if TYPE_CHECKING:
    from mashup_gen.environment import Environment
    from mashup_gen.errors import ExitStatus
    from mashup_gen.regeneration import Outcome


def _allowed_keys(projects: list[Path]) -> list[str]:
    """Keys ``--set`` may name: those of the built-in templates and of the templates the projects use."""
    from mashup_gen import catalog
    from mashup_gen.errors import InvalidValue, ProjectError
    from mashup_gen.record import is_project, load
    from mashup_gen.render import TemplateError

    names = set(catalog.builtin_names())
    for project in projects:
        if is_project(project):
            try:
                names.add(load(project).template)
            except ProjectError:
                pass  # reported when the project itself is regenerated
    keys: set[str] = set()
    for name in names:
        try:
            keys.update(catalog.find(name).template.questions)
        except (InvalidValue, TemplateError):
            continue
    return sorted(keys)


def _projects(paths: list[Path], recursive: bool) -> Iterator[Path]:
    from mashup_gen.regeneration import find_projects

    for path in paths:
        if not recursive:
            yield path
            continue
        found = False
        for project in find_projects(path):
            found = True
            yield project
        if not found:
            yield path  # reported as "not a mashup-gen project"


def _report(outcome: Outcome, dry_run: bool) -> list[str]:
    """The lines describing one project's outcome."""
    from mashup_gen.regeneration import Status

    verb = {
        Status.UPDATED: "would update" if dry_run else "updated",
        Status.UNCHANGED: "unchanged",
        Status.CONFLICTED: "would conflict" if dry_run else "conflicts",
        Status.FAILED: "failed",
    }[outcome.status]
    if outcome.status is Status.FAILED:
        lines = [f"{verb}: {outcome.project}: {outcome.error}"]
        if outcome.not_a_project:
            lines.append(f"  to bring a hand-written mashup under management, run: mashup-gen adopt {outcome.project}")
        return lines
    detail = []
    if outcome.changes:
        detail.append(f"{len(outcome.changes)} file{'s' if len(outcome.changes) != 1 else ''}")
    if outcome.replaced:
        detail.append(f"{outcome.replaced} old tenant value{'s' if outcome.replaced != 1 else ''} replaced")
    conflicts = len(outcome.conflicted) + len(outcome.mentions)
    if conflicts:
        # The file count is every file written; this says how many of the lines below need a person.
        detail.append(f"{conflicts} conflict{'s' if conflicts != 1 else ''} listed below")
    lines = [f"{verb}: {outcome.project}" + (f" ({', '.join(detail)})" if detail else "")]
    lines += [f"  conflict: {path}" for path in outcome.conflicted]
    lines += [f"  note: {note}" for note in outcome.notes]
    lines += [f"  conflict: {path}:{mention.describe()}" for path, mention in outcome.mentions]
    return lines


@click.command(cls=Command)
@click.argument("projects", nargs=-1, metavar="[PROJECT]...", type=click.Path(path_type=Path, file_okay=False))
@click.option("--recursive", "-r", is_flag=True, help="Regenerate every project found below each PROJECT folder.")
@answer_options(*TARGET_ANSWERS)
@template_value_options
@set_option
@dry_run_option
@click.pass_context
def regenerate(
    ctx: click.Context,
    projects: tuple[Path, ...],
    recursive: bool,
    settings: tuple[str, ...],
    dry_run: bool,
    **given: Any,
) -> ExitStatus:
    """Re-render each PROJECT (default: .) with its recorded answers and the new values, keeping your edits.

    Where your edit and the template's change touch the same lines, the file gets git-style conflict
    markers and the exit status is 1. Old tenant URLs and the old web integration id are replaced in every
    text file. A line naming another Qlik Cloud tenant or web integration id than the project's, or an old
    value whose meaning is not certain, is listed as a conflict (file:line), exit status 1. One run at a
    time per project: another run waits up to MASHUP_GEN_LOCK_TIMEOUT seconds (default 10), then fails.
    """
    import sys

    from mashup_gen.diff import file_diff
    from mashup_gen.errors import ExitStatus
    from mashup_gen.regeneration import Status, regenerate_each

    env: Environment = ctx.obj
    paths = list(projects) or [Path(".")]
    changes: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
    # Only paths are collected (for the progress bar's length); each project's work is dropped once printed.
    targets = list(_projects(paths, recursive))
    if settings:
        changes.update(parse_settings(settings, _allowed_keys(targets), changes))
    from mashup_gen.api import check_changes

    for project in targets:
        check_changes(project, changes)  # before anything is written: bad combined values are bad usage
    counts = dict.fromkeys(Status, 0)
    bar = env.stdout_isatty and not dry_run and len(targets) > 1
    later: list[str] = []
    bad_input: list[Path] = []  # projects whose record holds a value no option would accept

    def report(outcome: Outcome) -> None:
        counts[outcome.status] += 1
        bad_input.extend([outcome.project] if outcome.bad_input else [])
        if dry_run:
            for change in outcome.changes:
                title = f"diff {(outcome.project / change.path).as_posix()}"
                for line in file_diff(change.path, change.before, change.after, env.colors, title):
                    click.echo(line, color=env.colors)
        lines = _report(outcome, dry_run)
        quiet = outcome.status is Status.UNCHANGED and not outcome.mentions
        if bar:
            # The bar owns the terminal while it runs; what needs attention is printed after it.
            if outcome.status in (Status.CONFLICTED, Status.FAILED) or outcome.mentions:
                later.extend(lines)
        elif not (quiet and len(targets) > 1):
            for line in lines:
                click.echo(line, err=outcome.status is Status.FAILED)

    outcomes = regenerate_each(targets, changes, dry_run)
    if bar:
        with click.progressbar(
            outcomes,
            length=len(targets),
            label="Regenerating",
            item_show_func=lambda outcome: str(outcome.project) if outcome else None,
            file=sys.stderr,
        ) as items:
            for outcome in items:
                report(outcome)
        for line in later:
            click.echo(line)
    else:
        for outcome in outcomes:
            report(outcome)

    total = sum(counts.values())
    label = "would be " if dry_run else ""
    summary = ", ".join(f"{counts[status]} {status.value}" for status in Status)
    if total > 1 or bar:
        click.echo(f"{total} projects: {label}{summary}")
    if counts[Status.CONFLICTED]:
        click.echo(
            "Resolve the conflict markers (<<<<<<< yours ... >>>>>>> template) and make each line listed name "
            "the project's tenant and ids (web integration, OAuth client) or drop the mention, then run "
            "regenerate again."
        )
    if bad_input and len(bad_input) == total:
        # Nothing was done and the input is what is wrong (a record no option would accept, a change the
        # project cannot take). In a run over many projects, such a project is one failed project.
        return ExitStatus.USAGE
    return ExitStatus.PROBLEMS if counts[Status.CONFLICTED] or counts[Status.FAILED] else ExitStatus.OK
