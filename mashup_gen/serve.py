"""Serving a project's folder over HTTP on this machine, for local development.

A page that embeds Qlik Cloud must be opened from an origin its web integration allows, so the server
says which origin it is on and whether the project's record lists it.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import socket
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes

from mashup_gen.record import is_project, load

# Names never served, whatever folder they are in: what `new --force` and `adopt` kept of a user's file
# (after `adopt` it can hold the API key it removed) and what an interrupted run left. Dot-files and
# dot-folders (the record, the lock, .git, .env, temporary files) are refused by their leading dot.
_PRIVATE_SUFFIXES = (".mashup-gen-backup", ".mashup-gen-tmp")
_BACKUP_NUMBERED = re.compile(r"\.mashup-gen-backup\d+$")
# Percent-encoding left after decoding once: a double-encoded request ("%252e" -> "%2e") is refused rather
# than looked up, so no layer that decodes again can be tricked.
_STILL_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")


class Refused(Exception):
    """A request path that is not one of the project's public files; ``status`` is the 4xx to answer."""

    def __init__(self, status: HTTPStatus, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def is_private_name(name: str) -> bool:
    """True for a file or folder name ``serve`` never publishes (dot-names, backups, temporary files)."""
    return name.startswith(".") or name.endswith(_PRIVATE_SUFFIXES) or bool(_BACKUP_NUMBERED.search(name))


def _without_query(request_path: str) -> str:
    return request_path.split("?", 1)[0].split("#", 1)[0]


def public_path(root: Path, request_path: str) -> Path:
    """The file or folder of the project at ``root`` (a resolved path) that ``request_path`` names.

    The path is decoded first (once; what is still percent-encoded after that is refused), then checked
    segment by segment (no NUL or control characters, no backslashes, no ``.``/``..``, no private names),
    then resolved (symbolic links followed) and refused unless it is still inside ``root`` and its real
    path has no private segment either. Raise :class:`Refused` otherwise.
    """
    raw = _without_query(request_path)
    if not raw.startswith("/"):
        raise Refused(HTTPStatus.BAD_REQUEST, "the request path must start with /")
    try:
        path = unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(HTTPStatus.BAD_REQUEST, "the request path is not UTF-8") from None
    if _STILL_ENCODED.search(path):
        raise Refused(HTTPStatus.BAD_REQUEST, "the request path is encoded twice")
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in path) or "\\" in path:
        raise Refused(HTTPStatus.BAD_REQUEST, "the request path holds a control character or a backslash")
    segments = [segment for segment in path.split("/") if segment]
    if any(segment in (".", "..") or is_private_name(segment) for segment in segments):
        raise Refused(HTTPStatus.NOT_FOUND, "not a public file of this project")
    try:
        real = root.joinpath(*segments).resolve()
        inside = real.relative_to(root)
    except (ValueError, OSError, RuntimeError):  # outside root, or a symbolic link loop
        raise Refused(HTTPStatus.NOT_FOUND, "not a public file of this project") from None
    if any(is_private_name(part) for part in inside.parts):
        raise Refused(HTTPStatus.NOT_FOUND, "not a public file of this project")
    return real


class _ProjectHandler(SimpleHTTPRequestHandler):
    """The project's public files only (see :func:`public_path`), and no folder listings: a folder is its
    ``index.html`` or nothing, so a folder's names are never published."""

    def send_head(self):  # type: ignore[no-untyped-def]
        root = Path(self.directory)
        self._target = os.devnull
        try:
            target = public_path(root, self.path)
            if target.is_dir():
                path = _without_query(self.path)
                if not path.endswith("/"):
                    # "folder" -> "folder/", so the page's relative links resolve inside the folder. The
                    # location is rebuilt from the checked folder: "//host" would send the browser away.
                    here = "/".join(quote(part) for part in target.relative_to(root).parts)
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", f"/{here}/" + self.path[len(path) :])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                target = public_path(root, path + "index.html")
            if not target.is_file():
                raise Refused(HTTPStatus.NOT_FOUND, "no such file")
        except Refused as refused:
            self.send_error(refused.status, refused.reason)
            return None
        self._target = str(target)
        return super().send_head()

    def translate_path(self, path: str) -> str:
        # Only reached from send_head, after public_path chose the file.
        return self._target

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Browsers ask for /favicon.ico on their own; a project without one should not log a 404 for it.
        if code == 404 and self.path.split("?", 1)[0] == "/favicon.ico":
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().send_error(code, message, explain)

    def end_headers(self) -> None:
        # Always fetch the newest file while developing.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if self.server.quiet:  # type: ignore[attr-defined]
            return
        super().log_message(format, *args)


def make_server(project: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False) -> ThreadingHTTPServer:
    """A server for ``project`` bound to ``host:port`` (port 0 picks a free one); call ``serve_forever``."""
    handler = functools.partial(_ProjectHandler, directory=str(project.resolve()))
    server = ThreadingHTTPServer((host, port), handler)
    server.quiet = quiet  # type: ignore[attr-defined]
    server.daemon_threads = True
    return server


def listen_error(exc: OSError) -> tuple[str, str]:
    """Which option a failure to listen blames (``'--host'`` or ``'--port'``), and why, in words."""
    if isinstance(exc, socket.gaierror):
        return "'--host'", "not an address or a host name this machine can resolve"
    if exc.errno == errno.EADDRNOTAVAIL:
        return "'--host'", "not an address of this machine"
    if exc.errno in (errno.EADDRINUSE, errno.EACCES):
        return "'--port'", exc.strerror or "the port cannot be used"
    return "'--host'", exc.strerror or str(exc)


def page_origin(host: str, port: int) -> str:
    """The origin a browser sends for the served page (loopback addresses shown as localhost)."""
    shown = "localhost" if host in ("127.0.0.1", "localhost", "::1") else host
    return f"http://{shown}:{port}"


# A project's own backend (a template's server entry point): it serves the pages and routes a static
# server cannot, such as the token route of an impersonation project.
BACKEND_ENTRY = "server.mjs"


def backend_warning(project: Path) -> str | None:
    """A warning when the project has its own backend, which ``serve`` cannot stand in for."""
    if not (project / BACKEND_ENTRY).is_file():
        return None
    return (
        f"{project} has its own backend ({BACKEND_ENTRY}): its pages need its routes, which this static "
        f"server does not have; start it with `node {BACKEND_ENTRY}` and the variables its README names"
    )


def allowlist_warning(project: Path, origin: str) -> str | None:
    """A warning when ``origin`` is not among the origins the project's record says to allowlist."""
    if not is_project(project):
        return None
    answers = load(project).answers
    origins = str(answers.get("origins", "")).split()
    if origins and origin not in origins:
        if answers.get("auth") == "oauth2":
            # qlik-embed with OAuth2: the OAuth client allowlists origins, and users come back to one of them.
            return (
                f"{origin} is not among this project's origins ({', '.join(origins)}): add it with "
                "`mashup-gen regenerate --set origins=...` and to the OAuth client's allowed origins and "
                "redirect URLs, or signing in will not bring you back here"
            )
        return (
            f"{origin} is not among this project's origins ({', '.join(origins)}): add it to the web "
            "integration's allowed origins, or the tenant will refuse the page"
        )
    return None
