"""``mashup-gen serve``: the project's files on a loopback origin, dot-files withheld."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from standin import StaticSite

from mashup_gen.serve import allowlist_warning, page_origin


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def test_serves_the_project_but_not_its_dot_files(project: Path) -> None:
    with StaticSite(project) as site:  # mashup-gen serve's server, in a background thread
        base = site.origin
        status, body = fetch(f"{base}/index.html")
        assert status == 200 and body == (project / "index.html").read_bytes()
        assert fetch(f"{base}/")[0] == 200
        assert fetch(f"{base}/.mashup-gen.json")[0] == 404
        assert fetch(f"{base}/.gitignore?x=1")[0] == 404
        assert fetch(f"{base}/favicon.ico")[0] == 204  # no 404 noise in the browser console


def test_origin_and_allowlist_warning(project: Path, tmp_path: Path) -> None:
    assert page_origin("127.0.0.1", 8000) == "http://localhost:8000"
    assert allowlist_warning(project, "http://localhost:8000") is None
    warning = allowlist_warning(project, "http://localhost:9000")
    assert warning and "http://localhost:9000" in warning and "allowed origins" in warning
    assert allowlist_warning(tmp_path, "http://localhost:9000") is None  # not a project: nothing to compare


def test_command_serves_until_interrupted(project: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "mashup_gen", "serve", str(project), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()  # the banner names the origin
        assert "Serving" in line and "http://localhost:" in line
        port = int(line.rsplit(":", 1)[1].split("/")[0])
        status, _ = fetch(f"http://127.0.0.1:{port}/mashup.js")
        assert status == 200
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0
    assert "Stopped." in process.stdout.read()


def test_bad_port_is_a_usage_error(project: Path, invoke) -> None:
    result = invoke("serve", str(project), "--port", "70000")
    assert result.exit_code == 2 and "--port" in result.output and "70000" in result.output
    assert invoke("serve", str(project / "missing")).exit_code == 2


def test_a_project_with_its_own_backend_is_pointed_to_it(project: Path, tmp_path: Path) -> None:
    from mashup_gen.serve import backend_warning

    assert backend_warning(project) is None
    (project / "server.mjs").write_text("// the project's backend\n", encoding="utf-8")
    warning = backend_warning(project)
    assert warning and "node server.mjs" in warning and "routes" in warning
