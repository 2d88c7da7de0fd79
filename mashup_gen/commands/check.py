"""``mashup-gen check``: report what breaks Qlik Cloud mashups and web apps."""

from __future__ import annotations

import click


@click.command()
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
def check(paths: tuple[str, ...], output_format: str, origins: tuple[str, ...]) -> None:
    """Check mashups for what breaks them on Qlik Cloud.

    PATH is a project folder, a single page or script (.html, .vue, .php, .ejs, .hbs, .cshtml, ..., .js, .ts,
    .tsx, ...), or a tree of many mashups (default: the current folder). Each finding has a stable rule id, a
    severity, file:line, what is wrong and how to fix it.
    Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 bad usage.
    """
    from mashup_gen import __version__
    from mashup_gen.check import Severity, check_paths
    from mashup_gen.errors import ExitStatus, InvalidValue

    try:
        report = check_paths(paths or (".",), origins)
    except InvalidValue as exc:
        raise click.BadParameter(str(exc), param_hint="'PATH'") from None
    if output_format == "json":
        click.echo(report.to_json(__version__), nl=False)
    else:
        for finding in report.sorted():
            click.echo(f"{finding.location()}: {finding.severity.value} [{finding.rule}] {finding.message}")
            click.echo(f"    fix: {finding.fix}")
        errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
        scope = f"{_plural(report.projects, 'project')}, {_plural(report.files, 'file')}"
        if errors or warnings:
            click.echo(f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')} in {scope}.")
        else:
            click.echo(f"No problems found in {scope}.")
    if report.failed:
        raise SystemExit(ExitStatus.PROBLEMS)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
