"""mashup-gen from Python: ``new``, ``regenerate`` and ``check``, which the commands are thin over.

Answers are keyed as in the project record (``tenant``, ``web_integration_id``, ``app_id``, ``objects`` as
a dict ``{element: object_id}``, ``origins`` as a list or a space-separated string, ...). Every error is a
:class:`mashup_gen.Error`; a bad value raises :class:`mashup_gen.InvalidValue` naming the answer
(``exc.answer``), and then nothing has been written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mashup_gen.errors import InvalidValue, ProjectError, UsageProblem

if TYPE_CHECKING:
    from mashup_gen.catalog import TemplateInfo
    from mashup_gen.checker.findings import Finding
    from mashup_gen.generate import Generated

# ask(key, default, choices) -> the typed answer, checked; default None means none may be offered.
Asker = Callable[[str, Any, "list[str] | None"], Any]


def find_template(name_or_path: str) -> TemplateInfo:
    """A built-in template by name or a cookiecutter template folder; :class:`InvalidValue` naming ``--template``."""
    from mashup_gen import catalog

    try:
        return catalog.find(name_or_path)
    except InvalidValue as exc:
        raise exc.naming(answer="template", option="--template") from None


def check_answers(template: TemplateInfo, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Each answer checked and normalised as the record holds it; unknown keys and bad values raise."""
    from mashup_gen.answers import option_for

    asked = template.template.questions
    unknown = [key for key in answers if key not in asked]
    if unknown:
        options = ", ".join(option_for(key) for key in unknown)
        raise UsageProblem(f"template {template.name!r} does not use {options}")
    checked = check_each(answers)
    for key, value in answers.items():
        choices = _choices(template, key)
        if choices and checked[key] not in choices:
            raise InvalidValue(value, f"expected one of {', '.join(choices)} for template {template.name}", answer=key)
    return checked


def check_each(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Each answer checked on its own and normalised; a bad one raises :class:`InvalidValue` naming it."""
    from mashup_gen.answers import check_answer

    checked: dict[str, Any] = {}
    for key, value in answers.items():
        try:
            checked[key] = check_answer(key, value).value
        except InvalidValue as exc:
            raise exc.naming(answer=key) from None
    return checked


def _choices(template: TemplateInfo, key: str) -> list[str] | None:
    """The values a template offers for ``key`` (a list in its cookiecutter.json), or None when it is free."""
    from mashup_gen.answers import LIST_ANSWERS

    raw = template.template.variables.get(key)
    return [str(item) for item in raw] if isinstance(raw, list) and key not in LIST_ANSWERS else None


def complete_answers(template: TemplateInfo, answers: Mapping[str, Any], ask: Asker | None = None) -> dict[str, Any]:
    """``answers`` plus every other answer the template asks, from ``ask`` (when given) or its default.

    Questions come in the declared asking order. A required answer without a value is asked for (never with
    a default: a template's placeholder would write a project that can never reach Qlik Cloud) or, without
    ``ask``, raises :class:`UsageProblem` naming its option. Finally the answers must go together
    (:func:`mashup_gen.answers.check_combination`).
    """
    from mashup_gen.answers import as_answer, check_combination, is_asked, is_required, option_for, order
    from mashup_gen.render import TemplateError, build_context

    result = dict(answers)
    for key in order(template.template.questions):
        if key in result:
            continue
        if is_required(key, result):
            if ask is None:
                raise UsageProblem(
                    f"Missing option '{option_for(key)}': needed with --no-input or without a terminal.",
                    option=option_for(key),
                )
            result[key] = ask(key, None, None)
            continue
        try:
            # Derived again for each question: a typed answer can change the defaults derived from it.
            default = build_context(template.template, result)[key]
        except TemplateError as exc:
            raise ProjectError(str(exc)) from None
        if ask is not None and is_asked(key, result):
            # A list default is a choice, except for answers that are lists (a web app's dimensions, measures).
            result[key] = ask(key, default, _choices(template, key))
        else:
            result[key] = as_answer(key, default)
    check_combination(result)
    return result


def new(
    dest: str | Path,
    *,
    template: str = "capability",
    answers: Mapping[str, Any] | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> Generated:
    """Generate a project in ``dest`` from ``template`` and ``answers``; returns what was (or would be) written.

    ``dest`` must be new or an empty folder unless ``force`` (then changed files are kept as
    ``NAME.mashup-gen-backup``). The tenant, app id and the sign-in's id are required; other answers take
    the template's defaults. With ``dry_run`` nothing is written.
    """
    from mashup_gen import generate

    info = find_template(template)
    path = Path(dest)
    generate.check_destination(path, force)  # before the answers: a bad DEST is the first thing to say
    # The folder's name is the project's slug, which other defaults may derive from.
    checked = {**check_answers(info, dict(answers or {})), "project_slug": generate.slug_for(path)}
    return generate_project(info, complete_answers(info, checked), path, force=force, dry_run=dry_run)


def generate_project(
    info: TemplateInfo, answers: Mapping[str, Any], dest: Path, *, force: bool, dry_run: bool
) -> Generated:
    """Render complete answers into ``dest`` (``project_slug`` from its name) and write them unless ``dry_run``."""
    from mashup_gen import generate
    from mashup_gen.errors import file_problem

    generate.check_destination(dest, force)
    planned = generate.plan(info, {**answers, "project_slug": generate.slug_for(dest)}, dest)
    if dry_run:
        return planned
    existed = dest.exists()
    try:
        return generate.write(planned)
    except OSError as exc:
        raise file_problem(exc, f"writing {dest}", nothing_written=not existed) from None


@dataclass
class Regenerated:
    """What ``regenerate`` did to one project (or, with ``dry_run``, would do)."""

    project: Path
    status: str  # "updated", "unchanged" or "conflicted"
    conflicts: list[str] = field(default_factory=list)  # files with markers, and "path:line: ..." mentions
    changed: list[str] = field(default_factory=list)  # files written (or that would be)
    notes: list[str] = field(default_factory=list)


def check_changes(project: Path, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Changes for ``project`` checked like ``new``'s answers and against the project's other answers."""
    from mashup_gen.regeneration import check_answers as check_combined

    checked = check_each(changes)
    check_combined(project, checked)
    return checked


def regenerate(project: str | Path, *, changes: Mapping[str, Any] | None = None, dry_run: bool = False) -> Regenerated:
    """Re-render ``project`` with its recorded answers plus ``changes``, merging into the files on disk.

    Your edits are kept; where they clash with the template's change the file gets conflict markers and
    ``status`` is ``"conflicted"``. A project that cannot be regenerated raises :class:`ProjectError`.
    """
    from mashup_gen.regeneration import Status
    from mashup_gen.regeneration import regenerate as regenerate_project

    path = Path(project)
    checked = check_changes(path, dict(changes or {}))
    outcome = regenerate_project(path, checked, dry_run=dry_run)
    if outcome.status is Status.FAILED:
        raise ProjectError(f"{path}: {outcome.error}")
    conflicts = list(outcome.conflicted) + [f"{p}:{mention.describe()}" for p, mention in outcome.mentions]
    return Regenerated(
        project=path,
        status=outcome.status.value,
        conflicts=conflicts,
        changed=[change.path for change in outcome.changes],
        notes=list(outcome.notes),
    )


def check(paths: str | Path | Sequence[str | Path], *, origins: Iterable[str] = ()) -> list[Finding]:
    """Check projects, pages or trees of them; the findings (``.rule .severity .path .line .message .fix``).

    ``origins`` are the origins the pages are served from, checked against the web integration rules.
    """
    from mashup_gen.checker import check_paths

    items = [paths] if isinstance(paths, str | Path) else list(paths)
    try:
        report = check_paths([str(item) for item in items], list(origins))
    except InvalidValue as exc:
        raise exc.naming(answer="paths", option="PATH") from None
    return report.sorted()
