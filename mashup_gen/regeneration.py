"""Regenerating a project: re-render it with new answers and merge the result into the files on disk.

For each file the three-way merge (``mashup_gen.merge``) takes base = what the tool last wrote (kept in the
record, so the old template is never needed), yours = the file now, template = the new render with the
current template. Then every text file of the project, the user's own included, is re-targeted
(``mashup_gen.retarget``) so none still points at the old tenant or web integration.

Crash safety, the record's ``pending`` journal: before any project file is touched the record is saved
with ``pending = {answers, template_version, results}``, where ``results`` maps every path about to be
written to the SHA-256 of its new content (``null``: about to be deleted). ``answers`` and ``files`` still
describe the last completed run. Each file is then replaced atomically, and last the record is saved with
the new answers and base and no ``pending``. A run that finds ``pending`` completes it first: a file
whose content already has its journaled hash is done (merging it again would merge a merge); any other
file is merged from scratch, which gives the same result as the interrupted run would have. Temporary
files an interrupted atomic write left behind are removed.

Mixed values: after the merge and the re-target, every text file is searched for a Qlik Cloud tenant or a
web integration id other than the project's (``retarget.strays``), such as a file someone pointed at another
tenant by hand. Each such line, and each old value left in place as ambiguous, is a conflict: the run ends
``conflicted`` (exit status 1) with every ``file:line`` listed, never silently ``updated``.

One run at a time: a run that writes holds the project's lock (``mashup_gen.lock``) from reading the record
to saving it, so two runs never interleave their writes and the record always describes the files.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from mashup_gen import __version__
from mashup_gen.agreement import disagreements
from mashup_gen.answers import (
    APP_ID_KEY,
    CLIENT_ID_KEY,
    COMBINED,
    TENANT_KEY,
    WEB_INTEGRATION_ID_KEY,
    check_combination,
)
from mashup_gen.catalog import TemplateInfo, find
from mashup_gen.errors import InvalidValue, ProjectError
from mashup_gen.fs import SKIP_DIRS, Staged
from mashup_gen.generate import BACKUP_SUFFIX
from mashup_gen.lock import LOCK_NAME, project_lock
from mashup_gen.merge import count_conflicts, is_text, merge
from mashup_gen.record import RECORD_NAME, InvalidRecord, Record, is_project, load, record_path, sha256
from mashup_gen.render import TemplateError
from mashup_gen.retarget import Mention, Retarget, may_stray, strays
from mashup_gen.tenant import tenant_or_none

# The record's template name for a project brought under management by `mashup-gen adopt`: there is no
# template to render, so its "new render" is the base with the new values put in.
ADOPTED = "adopted"

# Files larger than this are not data a mashup hard-codes a tenant in (bundles, media); not searched.
MAX_TEXT_BYTES = 8 * 1024 * 1024


class Status(StrEnum):
    """What regeneration did (or, in a dry run, would do) to one project."""

    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICTED = "conflicted"
    FAILED = "failed"


@dataclass
class Change:
    """One file to write (``after``) or delete (``after is None``); ``before`` is None for a new file."""

    path: str
    before: bytes | None
    after: bytes | None


@dataclass
class Plan:
    """Everything one run will do to a project, computed in memory before anything is written."""

    project: Path
    record: Record
    answers: dict[str, Any]
    template_version: str
    base: dict[str, bytes]  # the next record's files: the merge base of the next run
    digests: dict[str, str] = field(default_factory=dict)  # and its files copied as they are, by digest
    changes: list[Change] = field(default_factory=list)
    conflicted: list[str] = field(default_factory=list)
    binary_conflicts: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # paths left alone, with the reason
    mentions: list[tuple[str, Mention]] = field(default_factory=list)
    replaced: int = 0

    @property
    def completing(self) -> bool:
        """True when this run finishes an interrupted one."""
        return self.record.pending is not None

    @property
    def writes(self) -> bool:
        """True when applying the plan touches the project (and so its record)."""
        return bool(self.changes) or self.completing

    def journal(self) -> dict[str, Any]:
        """The record's ``pending`` entry for this run."""
        results: dict[str, str | None] = {}
        previous = (self.record.pending or {}).get("results", {})
        results.update(previous)  # files an interrupted run already wrote stay journaled
        for change in self.changes:
            results[change.path] = None if change.after is None else _digest(change.after)
        return {
            "answers": {key: self.answers[key] for key in sorted(self.answers)},
            "results": {path: results[path] for path in sorted(results)},
            "template_version": self.template_version,
        }


@dataclass
class Outcome:
    """The result of regenerating one project, for the command line to print."""

    project: Path
    status: Status
    changes: list[Change] = field(default_factory=list)
    conflicted: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mentions: list[tuple[str, Mention]] = field(default_factory=list)
    replaced: int = 0
    error: str = ""
    not_a_project: bool = False  # the folder has no record (the command points to `adopt`)
    bad_input: bool = False  # the record (input like any other) holds what no option would accept: exit 2


def _digest(data: bytes) -> str:
    return "sha256:" + sha256(data)


class TemplateCache:
    """Templates looked up once per run, however many projects use them."""

    def __init__(self) -> None:
        self._found: dict[str, TemplateInfo | ProjectError] = {}

    def get(self, name: str) -> TemplateInfo:
        """The current template a record names, or :class:`ProjectError` saying it is gone."""
        if name not in self._found:
            try:
                self._found[name] = find(name)
            except InvalidValue as exc:
                self._found[name] = ProjectError(f"the project's template {name!r} is not available: {exc.expected}")
            except TemplateError as exc:
                self._found[name] = ProjectError(f"the project's template {name!r} cannot be read: {exc}")
        found = self._found[name]
        if isinstance(found, ProjectError):
            raise found
        return found


def find_projects(root: Path) -> Iterator[Path]:
    """Every project at or below ``root``, in a stable order, streamed (a project's own folders are not searched)."""
    if is_project(root):
        yield root
        return
    for folder, dirs, files in os.walk(root):
        if RECORD_NAME in files and Path(folder) != root:
            dirs.clear()
            yield Path(folder)
            continue
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))


def _walk_files(project: Path) -> Iterator[str]:
    """Relative paths of the project's regular files, except the record and other projects inside it."""
    yield from _walk_folder(project, "")


def _walk_folder(folder: Path | str, prefix: str) -> Iterator[str]:
    # One listing per folder (os.scandir): whether an entry is a link or a folder comes with it.
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        name = entry.name
        if entry.is_dir(follow_symlinks=False):
            if name not in SKIP_DIRS and not os.path.isfile(os.path.join(entry.path, RECORD_NAME)):
                folders.append(entry)
            continue
        if not prefix and name in (RECORD_NAME, LOCK_NAME):
            continue
        if _ANY_TEMP.match(name):
            continue  # a staged file of a run killed before its rename: removed when this run writes
        if BACKUP_SUFFIX in name:
            continue  # a copy `new --force` or `adopt` kept of the user's file as it was: left as it was
        if entry.is_symlink():
            continue
        yield prefix + name
    for entry in folders:
        yield from _walk_folder(entry.path, f"{prefix}{entry.name}/")


# The temporary file write_atomic (mkstemp) makes while replacing NAME: ".NAME.<8 random chars>.tmp".
def _temp_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"^\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp$")


_RECORD_TEMP = _temp_pattern(RECORD_NAME)
_ANY_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except IsADirectoryError:
        raise ProjectError(f"{path} is a folder where the template writes a file") from None


def _target_answers(record: Record, changes: Mapping[str, Any]) -> dict[str, Any]:
    if record.pending is not None:
        answers = record.pending.get("answers")
        if not isinstance(answers, dict):
            raise ProjectError(f"{RECORD_NAME} has an unreadable pending entry")
        return dict(answers)
    return {**record.answers, **changes}


class CannotApply(ProjectError):
    """A requested change this project cannot take: refused (exit 2), never silently dropped."""


# What an adopted project can change: there is no template to render, so only values its files can be
# re-targeted for (``retarget``).
ADOPTED_CHANGES = (TENANT_KEY, WEB_INTEGRATION_ID_KEY, CLIENT_ID_KEY, APP_ID_KEY)


def _check_keys(record: Record, template: TemplateInfo | None, changes: Mapping[str, Any]) -> None:
    if template is None:
        cannot = [key for key in changes if key not in ADOPTED_CHANGES]
        if cannot:
            raise CannotApply(
                f"{', '.join(cannot)} cannot be changed in an adopted project: it has no template to render, "
                f"only {', '.join(ADOPTED_CHANGES)} can be re-targeted in its files; edit the files instead"
            )
        unknown = [key for key in changes if changes[key] != record.answers.get(key) and not record.answers.get(key)]
        if unknown:
            raise CannotApply(
                f"the record holds no {', '.join(unknown)} to replace (it was not given to `mashup-gen adopt`): "
                "write the new value into the files, or adopt the project again with it"
            )
        return
    questions = template.template.questions
    unused = [key for key in changes if key not in questions]
    if unused:
        raise ProjectError(f"template {template.name!r} does not use {', '.join(unused)}")


def check_answers(project: Path, changes: Mapping[str, Any]) -> None:
    """Raise :class:`AnswerConflict` when ``changes`` would give the project answers that do not go together.

    Nothing is read unless a change touches such answers; a project that cannot be read is left for
    :func:`regenerate` to report.
    """
    if not COMBINED & changes.keys() or not is_project(project):
        return
    try:
        record = load(project)
    except ProjectError:
        return
    if record.pending is None:
        check_combination({**record.answers, **changes})


def _render(
    record: Record, template: TemplateInfo | None, answers: dict[str, Any], project: Path, retarget: Retarget
) -> tuple[dict[str, bytes], set[str]]:
    """The new render, and which of its files are copied as they are: the current template with the target
    answers; for an adopted project, the base re-targeted."""
    if template is not None:
        from mashup_gen.generate import plan as render_plan

        try:
            generated = render_plan(template, answers, project)
        except TemplateError as exc:
            raise ProjectError(f"template {template.name!r} does not render with these answers: {exc}") from None
        return generated.files, set(generated.record.digests)
    rendered = {}
    for path, data in record.files.items():
        if retarget.active and is_text(data) and retarget.may_mention(data):
            data = retarget.apply(data.decode("utf-8")).text.encode("utf-8")
        rendered[path] = data
    return rendered, set()


def _by_digest(digest: str, ours: bytes, theirs: bytes | None) -> tuple[bytes | None, bool]:
    """The next content of a file copied as it is, known to the record by ``digest`` only, and whether both
    sides changed it (then the user's copy is kept whole, as for any binary file)."""
    if theirs is None:  # the template dropped it: it goes only if the user never changed it
        return (None if sha256(ours) == digest else ours), False
    if sha256(ours) == digest:
        return theirs, False
    if sha256(theirs) == digest or ours == theirs:
        return ours, False
    return ours, True


def plan(
    project: Path, changes: Mapping[str, Any], templates: TemplateCache | None = None, record: Record | None = None
) -> Plan:
    """Compute what regenerating ``project`` with ``changes`` (validated answers) does; nothing is written.

    Four named steps: :func:`_validate` (the record, the changes and the answers they make), :func:`_render`
    (the new render), :func:`_merge_file` for each file the record or the render holds (the three-way merge
    and the re-target), and :func:`_sweep` (the user's own files re-targeted). A project with an interrupted
    run (``pending``) plans the completion of that run; ``changes`` are then applied by a second plan (see
    :func:`regenerate`). ``record``: the project's record, when the caller has just read it.
    """
    record = record if record is not None else load(project)
    template, answers = _validate(record, changes, templates or TemplateCache())
    retarget = Retarget.between(record.answers, answers)
    rendered, copied = _render(record, template, answers, project, retarget)
    result = Plan(
        project=project,
        record=record,
        answers=answers,
        template_version=record.template_version if template is None else template.version,
        base={path: data for path, data in rendered.items() if path not in copied},
        digests={path: sha256(data) for path, data in rendered.items() if path in copied},
    )
    managed = sorted(set(record.files) | set(record.digests) | set(rendered))
    for path in managed:
        _merge_file(result, retarget, path, rendered.get(path), adopted=template is None)
    _sweep(result, retarget, set(managed))
    return result


def _validate(
    record: Record, changes: Mapping[str, Any], templates: TemplateCache
) -> tuple[TemplateInfo | None, dict[str, Any]]:
    """Step 1: the project's template (None: adopted) and the answers to render with; raise when the
    changes do not apply to this project or make answers that do not go together."""
    template = None if record.template == ADOPTED else templates.get(record.template)
    if record.pending is None:
        _check_keys(record, template, changes)
    answers = _target_answers(record, changes)
    if record.pending is None and COMBINED & changes.keys():
        check_combination(answers)  # raises AnswerConflict (an InvalidValue): the project fails, nothing written
    return template, answers


def _merge_file(result: Plan, retarget: Retarget, path: str, theirs: bytes | None, adopted: bool) -> None:
    """Step 3, for one file the record or the new render holds: its next content, then re-targeted."""
    record = result.record
    target = result.project / path
    if target.is_symlink():
        result.skipped.append(f"{path}: a symbolic link; left alone")
        return
    ours = _read(target)
    base = record.files.get(path)
    digest = record.digests.get(path)
    done = (record.pending or {}).get("results", {})
    if path in done and ours is not None and done[path] == _digest(ours):
        after: bytes | None = ours  # written by the interrupted run: already final
    elif digest is not None:
        # Copied as it is last time: nothing to merge inside, the digest tells who changed it.
        after, both = (None, False) if ours is None else _by_digest(digest, ours, theirs)
        if both:
            result.binary_conflicts.append(path)
    elif ours is None:
        # A file the user deleted stays deleted; one the template adds appears.
        after = theirs if base is None else None
    elif theirs is None:
        # The template dropped it: it goes only if the user never edited it.
        after = None if ours == base else ours
    else:
        # The old values are replaced in both base and yours before merging, so a user's edit next to
        # a line holding the tenant does not conflict with the template's new tenant on that line.
        base = base if base is not None else b""
        base_retargeted = _silently_retarget(retarget, base)
        ours_retargeted, on_user_lines = (base_retargeted, 0) if ours == base else _retarget_ours(retarget, base, ours)
        result.replaced += on_user_lines
        merged = merge(_retarget_base(retarget, base, ours, base_retargeted), ours_retargeted, theirs)
        after = merged.data
        if merged.binary:
            result.binary_conflicts.append(path)
    if after is not None:
        # Lines of the new render are the template's output with the new answers: never "stale".
        after = _retarget(result, retarget, path, after, None if adopted else theirs)
    _note_disagreements(result, path, theirs, after)
    _note(result, path, ours, after, managed=True)


def _sweep(result: Plan, retarget: Retarget, managed: set[str]) -> None:
    """Step 4: the project's other text files (the user's own) re-targeted too."""
    for path in _walk_files(result.project):
        if path in managed:
            continue
        ours = _read(result.project / path)
        if not _searchable(ours):
            continue
        _note(result, path, ours, _retarget(result, retarget, path, ours, None), managed=False)


def _searchable(data: bytes | None) -> bool:
    """The one guard before reading a file's bytes as text: present, not too large, UTF-8 without NUL."""
    return data is not None and len(data) <= MAX_TEXT_BYTES and is_text(data)


def _names_old_values(retarget: Retarget, data: bytes | None) -> bool:
    """The guard before a re-target: something changes, the bytes may hold an old value, and they are text."""
    return data is not None and retarget.active and retarget.may_mention(data) and _searchable(data)


def _silently_retarget(retarget: Retarget, data: bytes) -> bytes:
    """``data`` with the old values replaced where certain; mentions are reported after the merge."""
    if not _names_old_values(retarget, data):
        return data
    return retarget.apply(data.decode("utf-8")).text.encode("utf-8")


_GUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")


def _retarget_base(retarget: Retarget, base: bytes, ours: bytes, retargeted: bytes) -> bytes:
    """The base re-targeted for the merge, except on lines whose old value the user took out.

    Re-targeting the base lets a user's edit beside an old value merge cleanly. Where the user replaced or
    deleted the line and no old value is left in its place, the template's new value meets the user's own:
    that stays a conflict to show, never the user's line silently winning over the requested change.
    ``retargeted``: the base with the old values replaced (:func:`_silently_retarget`).
    """
    if retargeted == base or ours == base or not _searchable(ours):
        return retargeted
    import difflib

    base_lines = base.decode("utf-8").splitlines(keepends=True)
    new_lines = retargeted.decode("utf-8").splitlines(keepends=True)
    ours_lines = ours.decode("utf-8").splitlines(keepends=True)
    if len(new_lines) != len(base_lines):  # values never span lines; be safe all the same
        return retargeted

    def holds_old(line: str) -> bool:
        return retarget.apply(line).replaced > 0

    def bare(lines: list[str]) -> list[str]:
        return [line.rstrip("\r\n") for line in lines]

    # The lines the user left as they were at the start and at the end are matched as they stand: only the
    # part between them, where the user's edits are, needs a diff (line endings aside), and none at all when
    # no old value is there.
    start, base_end, ours_end = _edited_span(base_lines, ours_lines)
    if all(new_lines[i] == base_lines[i] for i in range(start, base_end)):
        return retargeted
    kept: set[int] = set()
    middle = bare(base_lines[start:base_end]), bare(ours_lines[start:ours_end])
    matcher = difflib.SequenceMatcher(None, *middle, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag not in ("replace", "delete"):
            continue
        i1, i2, j1, j2 = i1 + start, i2 + start, j1 + start, j2 + start
        # A line that now names another tenant, id or GUID is reported as a stray or a disagreement with the
        # record (the user's file kept as written); only a value taken out without trace needs the markers.
        if any(holds_old(line) or may_stray(line.encode()) or _GUID.search(line) for line in ours_lines[j1:j2]):
            continue
        kept.update(i for i in range(i1, i2) if new_lines[i] != base_lines[i])
    if not kept:
        return retargeted
    return "".join(base_lines[i] if i in kept else new_lines[i] for i in range(len(base_lines))).encode("utf-8")


def _edited_span(before: list[str], after: list[str]) -> tuple[int, int, int]:
    """``(start, before_end, after_end)``: the lines from ``start`` to the ends are where the lists differ;
    the lines before ``start`` and after the ends are the same in both."""
    shortest = min(len(before), len(after))
    start = _longest(lambda n: before[:n] == after[:n], shortest)
    tail = _longest(lambda n: before[len(before) - n :] == after[len(after) - n :], shortest - start)
    return start, len(before) - tail, len(after) - tail


def _longest(same: Callable[[int], bool], most: int) -> int:
    """The largest ``n <= most`` with ``same(n)``, for ``same`` true up to some n and false after: found by
    halving, each test one comparison of list slices (done in C, where a line-by-line loop is Python)."""
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _retarget_ours(retarget: Retarget, base: bytes, ours: bytes) -> tuple[bytes, int]:
    """The user's file with the old values replaced where certain (mentions are reported after the merge), and
    how many of the replacements fall on lines the user wrote (not on lines the tool wrote: those are in base)."""
    if not _names_old_values(retarget, ours):
        return ours, 0
    done = retarget.apply(ours.decode("utf-8"))
    keep = set(base.decode("utf-8", "replace").splitlines(keepends=True))
    return done.text.encode("utf-8"), sum(count for line, count in done.replaced_on if line not in keep)


def _retarget(result: Plan, retarget: Retarget, path: str, data: bytes | None, template: bytes | None) -> bytes | None:
    """Step 3/4's re-target of one file's next content; what is left ambiguous is noted as a mention. Lines
    of ``template`` (the new render of this file, if any) are left alone."""
    if not _names_old_values(retarget, data):
        return data
    assert data is not None
    keep = set(template.decode("utf-8", "replace").splitlines(True)) if template is not None else set()
    done = retarget.apply(data.decode("utf-8"), keep)
    result.replaced += done.replaced
    result.mentions.extend((path, mention) for mention in done.mentions)
    return done.text.encode("utf-8") if done.replaced else data


def _note(result: Plan, path: str, before: bytes | None, after: bytes | None, managed: bool) -> None:
    # Conflict markers count whether this run made them or an earlier one did and they are still unresolved.
    if managed and ((after is not None and count_conflicts(after)) or path in result.binary_conflicts):
        result.conflicted.append(path)
    if after is not None and may_stray(after) and _searchable(after):
        _note_strays(result, path, after)
    if after != before:
        result.changes.append(Change(path, before, after))


def _note_disagreements(result: Plan, path: str, theirs: bytes | None, after: bytes | None) -> None:
    """A line that held the new render's app id or client id and holds another one after the merge (your
    side kept in a conflict): the record would say one value and the file another."""
    if theirs is None or after is None or theirs == after or not _searchable(after) or count_conflicts(after):
        return  # an unresolved conflict is listed already; settling it settles this
    for found in disagreements(theirs, after, result.answers):
        result.mentions.append(
            (path, Mention(found.line, found.key, found.found, found.text, old=False, settle=found.describe()))
        )


def _note_strays(result: Plan, path: str, data: bytes) -> None:
    """Add the lines of ``data`` naming another tenant or web integration id than the target answers."""
    tenant, web_integration_id = result.answers.get(TENANT_KEY), result.answers.get(WEB_INTEGRATION_ID_KEY)
    found = strays(
        data.decode("utf-8"),
        tenant_or_none(tenant),
        web_integration_id if isinstance(web_integration_id, str) and web_integration_id else None,
    )
    known = {(p, m.line, m.value.lower()) for p, m in result.mentions}
    for mention in found:
        if (path, mention.line, mention.value.lower()) not in known:
            result.mentions.append((path, mention))


def _remove_stale_temps(project: Path, paths: list[str]) -> None:
    """Delete the temporary files an interrupted atomic write of one of ``paths`` (or the record) left."""
    folders: dict[str, list[re.Pattern[str]]] = {str(project): [_RECORD_TEMP]}
    for path in paths:
        folder, name = os.path.split(os.path.join(project, *path.split("/")))
        folders.setdefault(folder, []).append(_temp_pattern(name))
    for folder, patterns in folders.items():
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if "." in name and any(p.match(name) for p in patterns):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(folder, name))


def _remove_empty_parents(project: Path, path: Path) -> None:
    folder = path.parent
    root = project.resolve()
    while folder.resolve() != root:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def apply(plan: Plan) -> None:
    """Write a plan: journal, then each file atomically, then the record (see the module's docstring).

    The journal and every new file are staged first and flushed to disk together (``fs.Staged``: one batch
    of concurrent fsyncs, which the filesystem commits at once, instead of one fsync after another). Then
    the journal is put in place, before any project file changes; then each file; then the record (staged
    in the same batch). The
    order of the renames, and so what a crash can leave, is the same as writing each file with its own
    fsync: every renamed file was on disk before its rename, and the journal was in place before the first
    one (a staged file whose run died before its rename is a temporary file the next run removes).
    """
    project = plan.project
    # What a run killed between staging and renaming left beside the files this run writes.
    _remove_stale_temps(project, sorted({change.path for change in plan.changes} | set(plan.base) | set(plan.digests)))
    journal = plan.journal()
    staged: list[tuple[Path, bytes]] = []
    if plan.record.pending != journal:
        staged.append((record_path(project), plan.record.with_pending(journal).encode()))
    staged += [(project / change.path, change.after) for change in plan.changes if change.after is not None]
    # The finished record is staged in the same batch (one round of flushes) and put in place last.
    staged.append((record_path(project), _finished_record(plan).to_json().encode()))
    with Staged(staged) as files:
        if plan.record.pending != journal:
            files.commit(record_path(project))
        for change in plan.changes:
            target = project / change.path
            if change.after is None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(target)
                _remove_empty_parents(project, target)
            else:
                files.commit(target)
        files.commit(record_path(project))


def _finished_record(plan: Plan) -> Record:
    return Record(plan.record.template, plan.template_version, plan.answers, plan.base, __version__, None, plan.digests)


def _outcome(plan: Plan) -> Outcome:
    if plan.conflicted or plan.mentions:
        status = Status.CONFLICTED
    elif plan.writes:
        status = Status.UPDATED
    else:
        status = Status.UNCHANGED
    notes = list(plan.skipped)
    notes += [f"{path}: binary file changed by you and by the template; kept yours" for path in plan.binary_conflicts]
    return Outcome(
        project=plan.project,
        status=status,
        changes=plan.changes,
        conflicted=plan.conflicted,
        notes=notes,
        mentions=plan.mentions,
        replaced=plan.replaced,
    )


def regenerate(
    project: Path, changes: Mapping[str, Any], dry_run: bool = False, templates: TemplateCache | None = None
) -> Outcome:
    """Regenerate one project; failures become a FAILED outcome (one broken project must not stop the others)."""
    templates = templates or TemplateCache()
    try:
        if not is_project(project):
            return Outcome(
                project=project,
                status=Status.FAILED,
                not_a_project=True,
                error=f"not a mashup-gen project: it has no {RECORD_NAME}",
            )
        if dry_run:
            return _regenerate(project, changes, dry_run, templates)
        with project_lock(project):
            return _regenerate(project, changes, dry_run, templates)
    except (InvalidRecord, CannotApply) as exc:
        return Outcome(project=project, status=Status.FAILED, error=str(exc), bad_input=True)
    except (ProjectError, InvalidValue, OSError, ValueError) as exc:
        return Outcome(project=project, status=Status.FAILED, error=_message(exc))


# From this many projects on, a run spreads them over processes: each is independent work. Two per core:
# each project's writes wait for the disk (fsync), and meanwhile another process has the core.
POOL_THRESHOLD = 16
PROCESSES_PER_CORE = 2


def regenerate_each(projects: Sequence[Path], changes: Mapping[str, Any], dry_run: bool = False) -> Iterator[Outcome]:
    """:func:`regenerate` for each project, outcomes in order as they are ready; many projects are spread over
    processes (see :mod:`mashup_gen.parallel`), each project still locked and written as on its own."""
    from mashup_gen.parallel import ordered_map

    templates = TemplateCache()
    return ordered_map(
        regenerate if dry_run else _regenerate_for_report,
        projects,
        dict(changes),
        dry_run,
        templates,
        threshold=POOL_THRESHOLD,
        per_core=PROCESSES_PER_CORE,
        # A dry run of the first project loads, once for every worker, what each would load for its first:
        # the modules a run imports when it needs them, the template's files, its compiled sources.
        warm=lambda: regenerate(projects[0], changes, True, templates),
    )


def _regenerate_for_report(
    project: Path, changes: Mapping[str, Any], dry_run: bool, templates: TemplateCache
) -> Outcome:
    """:func:`regenerate`, its changes without their contents (what a run that writes reports is which files):
    a worker process sends every outcome back, and the contents were most of what it sent."""
    outcome = regenerate(project, changes, dry_run, templates)
    outcome.changes = [
        Change(c.path, None if c.before is None else b"", None if c.after is None else b"") for c in outcome.changes
    ]
    return outcome


def _regenerate(project: Path, changes: Mapping[str, Any], dry_run: bool, templates: TemplateCache) -> Outcome:
    """:func:`regenerate` once the project is known and (unless ``dry_run``) locked; errors propagate."""
    record = load(project)
    notes: list[str] = []
    if record.pending is not None:
        if not dry_run:
            _remove_stale_temps(project, sorted(record.pending.get("results", {})))
        first = plan(project, {}, templates, record)
        notes.append(
            "completed an interrupted regeneration"
            if not dry_run
            else "would complete an interrupted regeneration first"
        )
        if dry_run:
            outcome = _outcome(first)
            outcome.notes[:0] = notes
            return outcome
        apply(first)
        completed = _outcome(first)
        second = plan(project, changes, templates)
        if second.writes:
            apply(second)
        outcome = _outcome(second)
        # Both runs' work counts: the completion may be all there was to do.
        outcome.changes = completed.changes + outcome.changes
        outcome.mentions = completed.mentions + outcome.mentions
        outcome.replaced += completed.replaced
        if outcome.status is Status.UNCHANGED:
            outcome.status = completed.status
        outcome.notes[:0] = notes
        return outcome
    planned = plan(project, changes, templates, record)
    if not dry_run and planned.writes:
        apply(planned)  # which removes what an interrupted write left, first
    elif not dry_run:
        # A record write interrupted before its journal landed leaves a temporary file and no journal.
        _remove_stale_temps(project, [])
    return _outcome(planned)


def _message(exc: BaseException) -> str:
    if isinstance(exc, InvalidValue):
        return exc.expected
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)
