"""The project record, ``.mashup-gen.json``: what a project was generated from and what was written.

It holds the template's name and version, the answers, and the exact text of every file the tool last
rendered. That text is the base of regeneration's three-way merge, so regeneration never needs the old
template (which an upgrade may have replaced). Files the template copies as they are (vendored libraries,
binary files) are recorded by their SHA-256 only: nothing merges inside them, and a digest is enough to
tell whether the user or the template changed one. The JSON is stable-ordered and diff-friendly (one array
item per line of each file) and never holds a secret.
"""

from __future__ import annotations

import binascii
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mashup_gen.errors import InvalidValue, ProjectError
from mashup_gen.fs import write_atomic

RECORD_NAME = ".mashup-gen.json"
FORMAT = 1


@dataclass
class Record:
    """What the tool knows about one project."""

    template: str
    template_version: str
    answers: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    tool_version: str = ""
    # Answers of a regeneration that started but did not finish; a re-run completes it.
    pending: dict[str, Any] | None = None
    # Files copied from the template as they are: path -> SHA-256 of what the tool last wrote.
    digests: dict[str, str] = field(default_factory=dict)
    # The JSON this record was read from, if it was (see with_pending).
    text: str | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> str:
        """Serialise in a stable order, one line per line of each recorded file."""
        files: dict[str, Any] = {}
        for path in sorted(set(self.files) | set(self.digests)):
            if path in self.digests:
                files[path] = {"sha256": self.digests[path]}
                continue
            data = self.files[path]
            try:
                files[path] = {"lines": data.decode("utf-8").splitlines(keepends=True)}
            except UnicodeDecodeError:
                import base64  # binary files are rare: most runs never need it

                files[path] = {"base64": base64.b64encode(data).decode("ascii")}
        document: dict[str, Any] = {
            "format": FORMAT,
            "tool_version": self.tool_version,
            "template": {"name": self.template, "version": self.template_version},
            "answers": {key: self.answers[key] for key in sorted(self.answers)},
        }
        if self.pending is not None:
            document["pending"] = {key: self.pending[key] for key in sorted(self.pending)}
        document["files"] = files
        return dumps(document) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = RECORD_NAME) -> Record:
        """Parse a record; raise :class:`InvalidRecord` naming the file, the key, the value and what is expected.

        The record is input like any other (anyone can edit it, a repository can carry a hostile one): every
        answer is validated exactly as the option that sets it would be (``answers.check_answer``), every
        file path must stay inside the project, every digest must be one.
        """
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidRecord(
                f"{source} is not a valid mashup-gen record: not JSON ({exc})", line=exc.lineno
            ) from None
        except ValueError as exc:  # a number too long to convert, say: no position
            raise InvalidRecord(f"{source} is not a valid mashup-gen record: not JSON ({exc})", line=1) from None
        try:
            record = _parse(_Reader(source), document)
        except InvalidRecord as exc:
            exc.line = key_line(text, exc.key)
            raise
        record.text = text
        return record

    def with_pending(self, pending: dict[str, Any]) -> str:
        """The JSON of this record with ``pending`` set (regeneration's journal): the text it was read from
        with the entry put first, so its files are not encoded again (a run writes this and then the finished
        record, which re-encodes all in the usual order); encoded whole when it was not read from text or
        already has an entry."""
        if self.text is None or self.pending is not None or not self.text.lstrip().startswith("{"):
            return replace(self, pending=pending).to_json()
        at = self.text.index("{") + 1
        entry = dumps({key: pending[key] for key in sorted(pending)}, "  ")
        return f'{self.text[:at]}\n  "pending": {entry},{self.text[at:]}'


class InvalidRecord(ProjectError):
    """A record that cannot be trusted: bad JSON, a wrong structure, or a value no option would accept.

    ``key`` is the dotted key whose value is wrong (None for the document as a whole), ``line`` the 1-based
    line of the record where it fails (set by :meth:`Record.from_json`, which has the text)."""

    def __init__(self, message: str, *, key: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.line = line


def key_line(text: str, key: str | None) -> int:
    """The 1-based line of ``text`` (a JSON document) where the dotted ``key`` is written, as near as can be
    told without a position-keeping parser: each part is looked for as a quoted name followed by ':', after
    the part before it; a part not found is tried joined to the next (file paths hold dots). Line 1 when no
    part is found."""
    at, found, pending = 0, None, ""
    for part in (key or "").split("."):
        pending = f"{pending}.{part}" if pending else part
        names = {json.dumps(pending, ensure_ascii=False), json.dumps(pending)}
        pattern = re.compile("(?:" + "|".join(map(re.escape, names)) + r")\s*:")
        hit = pattern.search(text, at)
        if hit is not None:
            at, found, pending = hit.end(), hit.start(), ""
    return 1 if found is None else text.count("\n", 0, found) + 1


_DIGEST = re.compile(r"^[0-9a-f]{64}$")
_RESERVED = frozenset({RECORD_NAME, ".mashup-gen.lock"})


class _Reader:
    """Typed access to the parts of a record document; every failure names the file and the key."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, value: object, expected: str) -> InvalidRecord:
        shown = repr(value) if len(repr(value)) <= 200 else repr(value)[:197] + "..."
        return InvalidRecord(
            f"{self.source} is not a valid mashup-gen record: {key} is {shown}: expected {expected}", key=key
        )

    def obj(self, value: object, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, value, "an object")
        return value

    def text(self, value: object, key: str) -> str:
        if not isinstance(value, str) or "\0" in value:
            raise self.fail(key, value, "text")
        return value

    def answers(self, value: object, key: str) -> dict[str, Any]:
        from mashup_gen.answers import check_answer, is_required

        answers = self.obj(value, key)
        checked: dict[str, Any] = {}
        for name, answer in answers.items():
            if answer in ("", [], {}) and not is_required(name, answers):
                checked[name] = answer  # an answer this project does not use (the sign-in decides which)
                continue
            try:
                checked[name] = check_answer(name, answer).value
            except InvalidValue as exc:
                raise self.fail(f"{key}.{name}", answer, exc.expected.removeprefix("expected ")) from None
            except (TypeError, AttributeError):  # a number, a list where text goes: the checkers take text
                raise self.fail(f"{key}.{name}", answer, "a value of the kind the option takes") from None
        return checked

    def path(self, value: str, key: str) -> str:
        """A project file's path: relative, forward slashes, no empty, ``.`` or ``..`` part, not the record."""
        parts = value.split("/")
        if (
            not value
            or "\\" in value
            or "\0" in value
            or value.startswith("/")
            or (len(value) > 1 and value[1] == ":")
            or any(part in ("", ".", "..") for part in parts)
            or value in _RESERVED
        ):
            raise self.fail(key, value, "a relative path inside the project (forward slashes, no '..')")
        return value

    def digest(self, value: object, key: str) -> str:
        if not isinstance(value, str) or not _DIGEST.match(value):
            raise self.fail(key, value, "a SHA-256 digest (64 lowercase hexadecimal digits)")
        return value


def _joined(lines: list[Any]) -> str | None:
    """The lines as one text, or None when one of them is not text (join checks each item as it goes)."""
    try:
        return "".join(lines)
    except TypeError:
        return None


def _parse(read: _Reader, document: object) -> Record:
    document = read.obj(document, "the document")
    if document.get("format") != FORMAT:
        raise InvalidRecord(
            f"{read.source}: unknown record format {document.get('format')!r} (this version of mashup-gen reads "
            f"format {FORMAT})",
            key="format",
        )
    template = read.obj(document.get("template"), "template")
    name = read.text(template.get("name"), "template.name")
    if not name:
        raise read.fail("template.name", name, "a template name")
    files: dict[str, bytes] = {}
    digests: dict[str, str] = {}
    for path, entry in read.obj(document.get("files", {}), "files").items():
        key = f"files.{path}"
        read.path(path, key)
        entry = read.obj(entry, key)
        if "sha256" in entry:
            digests[path] = read.digest(entry["sha256"], f"{key}.sha256")
        elif "base64" in entry:
            try:
                import base64

                files[path] = base64.b64decode(read.text(entry["base64"], f"{key}.base64"), validate=True)
            except binascii.Error:
                raise read.fail(f"{key}.base64", entry["base64"], "base64 text") from None
        elif isinstance(entry.get("lines"), list) and (text := _joined(entry["lines"])) is not None:
            files[path] = text.encode("utf-8", "surrogatepass")
        else:
            raise read.fail(key, entry, 'an object with "lines" (a list of text), "base64" or "sha256"')
    pending = document.get("pending")
    if pending is not None:
        pending = dict(read.obj(pending, "pending"))
        pending["answers"] = read.answers(pending.get("answers"), "pending.answers")
        read.text(pending.get("template_version", ""), "pending.template_version")
        for path, result in read.obj(pending.get("results", {}), "pending.results").items():
            read.path(path, f"pending.results.{path}")
            if result is not None and not (isinstance(result, str) and _DIGEST.match(result.removeprefix("sha256:"))):
                raise read.fail(f"pending.results.{path}", result, "null or sha256:<64 hexadecimal digits>")
    return Record(
        template=name,
        template_version=read.text(str(template.get("version", "0")), "template.version"),
        answers=read.answers(document.get("answers"), "answers"),
        files=files,
        tool_version=read.text(str(document.get("tool_version", "")), "tool_version"),
        pending=pending,
        digests=digests,
    )


# json.dumps with an indent runs the pure-Python encoder: a record is one string per line of every file, and
# re-encoding it twice per project was a fifth of a `regenerate --recursive`. The same text, built from the
# C string encoder (what json.dumps itself uses for each string).
_encode_string = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring


def dumps(value: Any, indent: str = "") -> str:
    """Exactly ``json.dumps(value, indent=2, ensure_ascii=False)`` for the values a record holds (objects with
    text keys, lists, text, integers, booleans, null), faster."""
    if isinstance(value, str):
        return _encode_string(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = ",\n".join(f"{inner}{_encode_string(str(k))}: {dumps(v, inner)}" for k, v in value.items())
        return "{\n" + items + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        try:  # a file's lines, most of a record: all text, encoded in one pass
            return "[\n" + inner + (",\n" + inner).join(map(_encode_string, value)) + "\n" + indent + "]"
        except TypeError:
            pass  # not all text
        return "[\n" + ",\n".join(inner + dumps(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value)


def sha256(data: bytes) -> str:
    """The digest a record keeps of a file copied as it is."""
    import hashlib  # loads OpenSSL: only runs with a file copied as it is pay for it

    return hashlib.sha256(data).hexdigest()


def record_path(project: Path) -> Path:
    """Where a project's record lives."""
    return project / RECORD_NAME


def is_project(path: Path) -> bool:
    """True when ``path`` is a folder holding a record."""
    return record_path(path).is_file()


def load(project: Path) -> Record:
    """Read a project's record, or raise :class:`ProjectError`."""
    path = record_path(project)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProjectError(f"{project} is not a mashup-gen project: it has no {RECORD_NAME}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError(f"cannot read {path}: {exc}") from None
    return Record.from_json(text, str(path))


def save(project: Path, record: Record) -> None:
    """Write a project's record atomically."""
    write_atomic(record_path(project), record.to_json().encode("utf-8"))
