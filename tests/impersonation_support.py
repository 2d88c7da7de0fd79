"""Helpers of the impersonation tests: a generated qlik-embed project with ``--auth impersonation`` aimed at
the stand-in tenant, and its backend (``node server.mjs``) run as a subprocess on 127.0.0.1, always stopped."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

from standin import GRANT_IMPERSONATION, OAuthClient, Tenant

from tests.cli_support import new_project
from tests.conftest import APP_ID

SECRET_VARIABLE = "QLIK_OAUTH_CLIENT_SECRET"
TOKEN_ROUTE = "/qlik/token"
TOKEN_HEADER = "X-Qlik-Token-Request"
DEV_SUBJECT = "auth0|dev-alice"
# How long a backend gets to start listening (a bounded wait, polled).
START_SECONDS = 15.0


def free_port() -> int:
    """A loopback port nothing listens on now (the backend takes it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def impersonation_args(tenant_url: str, client_id: str, origins: list[str], app_id: str = APP_ID) -> list[str]:
    """``mashup-gen new`` arguments of an impersonation project (the project directory comes first)."""
    args = ["--template", "qlik-embed", "--auth", "impersonation", "--tenant", tenant_url, "--app-id", app_id]
    args += ["--object", "chart=QVwQm", "--client-id", client_id, "--no-input"]
    for origin in origins:
        args += ["--origin", origin]
    return args


def generate_project(dest: Path, tenant_url: str, client_id: str, origins: list[str]) -> Path:
    """Generate an impersonation project in-process; fail the test unless ``new`` exits 0."""
    return new_project(dest, *impersonation_args(tenant_url, client_id, origins))


def web_client(tenant: Tenant, origins: list[str]) -> OAuthClient:
    """A web OAuth client with the impersonation grant, allowing ``origins``."""
    return tenant.add_oauth_client(app_type="web", allowed_origins=origins, grants=[GRANT_IMPERSONATION])


@dataclass
class Backend:
    """A running ``node server.mjs``: its URL (``http://127.0.0.1:PORT``) and process."""

    url: str
    process: subprocess.Popen[str]


def backend_env(secret: str | None, *, development: bool = True, subject: str | None = DEV_SUBJECT) -> dict[str, str]:
    """The environment of a backend: PATH and HOME from ours, then only what it is given."""
    env = {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}
    if secret is not None:
        env[SECRET_VARIABLE] = secret
    if development:
        env["NODE_ENV"] = "development"
    if subject is not None:
        env["QLIK_DEV_USER_SUBJECT"] = subject
    return env


def run_backend_once(project: Path, env: dict[str, str], timeout: float = 10.0) -> subprocess.CompletedProcess[str]:
    """Run the backend expecting it to refuse to start; return its exit and output."""
    node = shutil.which("node") or "node"
    return subprocess.run(
        [node, "server.mjs"], cwd=project, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@contextmanager
def running_backend(project: Path, port: int, env: dict[str, str], argv: list[str] | None = None) -> Iterator[Backend]:
    """Start ``node server.mjs`` (or ``argv``) on 127.0.0.1:``port``, wait until it listens, always stop it."""
    node = shutil.which("node") or "node"
    full_env = {**env, "PORT": str(port), "HOST": "127.0.0.1"}
    process = subprocess.Popen(
        argv or [node, "server.mjs"],
        cwd=project,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if process.poll() is not None:
                printed = process.stdout.read() if process.stdout else ""
                raise AssertionError(f"backend exited {process.returncode}: {printed}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("backend did not start listening") from None
                time.sleep(0.05)
        yield Backend(f"http://127.0.0.1:{port}", process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@dataclass
class Answer:
    """An HTTP answer of the backend."""

    status: int
    headers: Message
    body: bytes

    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.body)


def call(url: str, *, method: str = "GET", headers: dict[str, str] | None = None) -> Answer:
    """One request to the backend, redirects not followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    data = b"" if method == "POST" else None
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=10) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as err:
        with err:
            return Answer(err.code, err.headers, err.read())


def ask_token(backend: Backend, *, origin: str | None = None, header: bool = True, cookie: str = "") -> Answer:
    """POST the token route as the page does (its own origin and the CSRF header), or with changes."""
    headers = {"Origin": origin if origin is not None else backend.url}
    if header:
        headers[TOKEN_HEADER] = "1"
    if cookie:
        headers["Cookie"] = cookie
    return call(backend.url + TOKEN_ROUTE, method="POST", headers=headers)
