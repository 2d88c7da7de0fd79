"""The life cycle the stand-in tenant and the static site share: an HTTP server in a daemon thread."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Self


class BackgroundServer:
    """Start, stop and context-manage an HTTP server bound to 127.0.0.1, served from a daemon thread."""

    thread_name = "standin-server"

    def __init__(self) -> None:
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def _make_server(self) -> ThreadingHTTPServer:
        """The server to run, bound to 127.0.0.1 on an ephemeral port."""
        raise NotImplementedError

    def start(self) -> Self:
        """Serve in a daemon thread (does nothing when already started)."""
        if self._server is None:
            server = self._make_server()
            server.daemon_threads = True
            server.handle_error = _quiet_on_disconnect(server.handle_error)  # type: ignore[method-assign]
            self._server = server
            # A short poll interval keeps stop() quick.
            self._thread = threading.Thread(
                target=server.serve_forever, args=(0.05,), name=self.thread_name, daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port (safe to call twice)."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port (only once started)."""
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        return int(self._server.server_address[1])


def _quiet_on_disconnect(default: Callable[[object, object], None]) -> Callable[[object, object], None]:
    """socketserver prints a traceback to stderr for every request that raised. A client that gave up before
    its answer (a test of a client's timeout) is expected, and its handler thread outlives the test: the
    traceback would land in whatever a later test captured from stderr. Anything else is still printed."""

    def handle_error(request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        default(request, client_address)

    return handle_error
