"""The one diff renderer: a unified diff per file, as git prints it, coloured like git's on a terminal.

Paths are given relative to the project and printed as ``a/PATH`` and ``b/PATH`` (``/dev/null`` for a file
that is new or deleted), so ``patch -p1`` inside the project applies the output.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

import click

from mashup_gen.merge import is_text

Content = bytes | str | None  # None: the file does not exist on that side


def _bytes(data: Content) -> bytes:
    if data is None:
        return b""
    return data.encode("utf-8") if isinstance(data, str) else data


def file_diff(
    path: str, before: Content, after: Content, colors: bool = False, title: str | None = None
) -> Iterator[str]:
    """The lines (without line ends) of a unified diff of one file; ``title`` is printed first, in bold."""
    if title is not None:
        yield click.style(title, bold=True) if colors else title
    old_name = f"a/{path}" if before is not None else "/dev/null"
    new_name = f"b/{path}" if after is not None else "/dev/null"
    old, new = _bytes(before), _bytes(after)
    if not (is_text(old) and is_text(new)):
        yield f"Binary files {old_name} and {new_name} differ"
        return
    lines = difflib.unified_diff(
        old.decode("utf-8").splitlines(keepends=True),
        new.decode("utf-8").splitlines(keepends=True),
        fromfile=old_name,
        tofile=new_name,
    )
    for line in lines:
        text = line.rstrip("\r\n")
        yield _style(line, text) if colors else text
        if not line.endswith(("\n", "\r")):
            yield "\\ No newline at end of file"


def _style(line: str, text: str) -> str:
    if line.startswith(("---", "+++")):
        return click.style(text, bold=True)
    if line.startswith("@@"):
        return click.style(text, fg="cyan")
    if line.startswith("+"):
        return click.style(text, fg="green")
    if line.startswith("-"):
        return click.style(text, fg="red")
    return text


def diff_text(changes: Iterable[tuple[str, Content, Content]], colors: bool = False) -> str:
    """Every ``(path, before, after)`` as one text, each line ending in a newline."""
    return "".join(
        line + "\n" for path, before, after in changes for line in file_diff(path, before, after, colors=colors)
    )
