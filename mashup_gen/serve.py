"""Serving a project's folder over HTTP on this machine, for local development.

A page that embeds Qlik Cloud must be opened from an origin its web integration allows, so the server
says which origin it is on and whether the project's record lists it.
"""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from mashup_gen.record import is_project, load


class _ProjectHandler(SimpleHTTPRequestHandler):
    """Static files, minus dot-files (the record, .git): a dev server should not publish them."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if any(part.startswith(".") for part in path.split("/") if part):
            self.send_error(404, "Not found")
            return None
        return super().send_head()

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
    handler = functools.partial(_ProjectHandler, directory=str(project))
    server = ThreadingHTTPServer((host, port), handler)
    server.quiet = quiet  # type: ignore[attr-defined]
    server.daemon_threads = True
    return server


def page_origin(host: str, port: int) -> str:
    """The origin a browser sends for the served page (loopback addresses shown as localhost)."""
    shown = "localhost" if host in ("127.0.0.1", "localhost", "::1") else host
    return f"http://{shown}:{port}"


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
