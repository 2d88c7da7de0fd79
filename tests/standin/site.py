"""A tiny static file server for a generated project, on its own loopback origin."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without caching and without logging to stderr."""

    protocol_version = "HTTP/1.0"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing /favicon.ico with 204: browsers ask for it, and its 404 is console noise."""
        if code == 404 and self.path.split("?", 1)[0] == "/favicon.ico":
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().send_error(code, message, explain)

    def end_headers(self) -> None:
        # Tests rewrite files between page loads; the browser must never reuse a stale copy.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""


class StaticSite:
    """Serve `root` at `http://<host>:<ephemeral port>/`, bound to 127.0.0.1 whatever `host` says."""

    def __init__(self, root: Path, *, host: str = "127.0.0.1") -> None:
        self.root = Path(root)
        self.host = host
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> StaticSite:
        """Start serving in a daemon thread."""
        if self._server is None:
            handler = functools.partial(_QuietHandler, directory=str(self.root))
            server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            server.daemon_threads = True
            self._server = server
            self._thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="standin-site", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (safe to call twice)."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> StaticSite:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port (only once started)."""
        if self._server is None:
            raise RuntimeError("the static site is not started")
        return int(self._server.server_address[1])

    @property
    def origin(self) -> str:
        """The site's origin, e.g. `http://127.0.0.1:54322`."""
        return f"http://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """URL of the site's root, with a trailing slash."""
        return self.origin + "/"
