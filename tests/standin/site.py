"""A generated project served on its own loopback origin, by mashup-gen's own dev server."""

from __future__ import annotations

from http.server import ThreadingHTTPServer
from pathlib import Path

from mashup_gen.serve import make_server
from standin.background import BackgroundServer


class StaticSite(BackgroundServer):
    """Serve `root` at `http://<host>:<ephemeral port>/`, bound to 127.0.0.1 whatever `host` says.

    It is `mashup-gen serve`'s server, so the browser tests also prove the dev server users run.
    """

    thread_name = "standin-site"

    def __init__(self, root: Path, *, host: str = "127.0.0.1") -> None:
        super().__init__()
        self.root = Path(root)
        self.host = host

    def _make_server(self) -> ThreadingHTTPServer:
        return make_server(self.root, "127.0.0.1", 0, quiet=True)

    @property
    def origin(self) -> str:
        """The site's origin, e.g. `http://127.0.0.1:54322`."""
        return f"http://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """URL of the site's root, with a trailing slash."""
        return self.origin + "/"
