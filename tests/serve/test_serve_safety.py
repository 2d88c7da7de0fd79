"""``mashup-gen serve`` publishes the project's public files and nothing else, whatever the request (issue 18.2)."""

from __future__ import annotations

import http.client
import socket
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from standin import StaticSite

from mashup_gen.serve import Refused, is_private_name, public_path

PUBLIC = {
    "index.html": b"<h1>index</h1>",
    "mashup.js": b"// the page",
    "css/site.css": b"body {}",
    "docs/index.html": b"<h1>docs</h1>",
    "name with space.txt": b"space",
    "caf\u00e9.txt": b"accent",
}
PRIVATE = {
    ".mashup-gen.json": b"RECORD",
    ".mashup-gen.lock": b"LOCK",
    ".env": b"SECRET=env",
    ".git/config": b"GITCONFIG",
    "css/.hidden": b"HIDDEN",
    ".hidden-dir/page.html": b"HIDDENDIR",
    "mashup.js.mashup-gen-backup": b"BACKUP-WITH-API-KEY",
    "mashup.js.mashup-gen-backup2": b"BACKUP2",
    ".mashup.js.abcd1234.tmp": b"TEMP",
    "leftover.mashup-gen-tmp/x.js": b"STAGING",
    "listing-only/readme.txt": b"no index here",
}
OUTSIDE = b"OUTSIDE-THE-PROJECT"


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for name, data in {**PUBLIC, **PRIVATE}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(OUTSIDE)
    (tmp_path / "secret-file.txt").write_bytes(OUTSIDE)
    (root / "linked").symlink_to(outside, target_is_directory=True)  # a folder outside the project
    (root / "linked-file.txt").symlink_to(tmp_path / "secret-file.txt")
    (root / "to-git").symlink_to(root / ".git", target_is_directory=True)  # a public name for a private folder
    (root / "loop").symlink_to(root / "loop")
    return root


def raw_get(port: int, path: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``path`` as it is (no client-side normalising or quoting) and read the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(b"GET " + path + b" HTTP/1.0\r\nHost: localhost\r\n\r\n")
        response = http.client.HTTPResponse(conn)
        response.begin()
        return response.status, dict(response.getheaders()), response.read()


SECRETS = [
    b"/.mashup-gen.json", b"/%2emashup-gen.json", b"/%2Emashup-gen.json", b"/%252emashup-gen.json",
    b"/.git/config", b"/%2egit/config", b"/%2egit%2fconfig", b"/css/%2e%2e/%2egit/config", b"/.env",
    b"/%2eenv", b"/css/.hidden", b"/css/%2ehidden", b"/.hidden-dir/page.html", b"/..%2f..%2fetc%2fpasswd",
    b"/../../etc/passwd", b"/%2e%2e/%2e%2e/etc/passwd", b"/..\\..\\etc\\passwd", b"/css%5c..%5c.env",
    b"/mashup.js.mashup-gen-backup", b"/mashup.js.mashup-gen-backup2", b"/.mashup-gen.lock",
    b"/.mashup.js.abcd1234.tmp", b"/leftover.mashup-gen-tmp/x.js", b"/linked/secret.txt", b"/linked-file.txt",
    b"/to-git/config", b"/loop", b"/%00", b"/index.html%00.js", b"/%ff", b"/listing-only/", b"//etc/passwd",
    b"/%c0%ae%c0%ae/etc/passwd", b"/./.env", b"/css/./../.env",
]  # fmt: skip


def test_private_and_outside_files_are_never_served(site_root: Path) -> None:
    with StaticSite(site_root) as site:
        for path in SECRETS:
            status, _, body = raw_get(site.port, path)
            assert 400 <= status < 500, (path, status)
            assert not any(secret in body for secret in (*PRIVATE.values(), OUTSIDE)), path
            assert b"Traceback" not in body


def test_public_files_are_served_and_folders_are_their_index(site_root: Path) -> None:
    with StaticSite(site_root) as site:
        for name, data in PUBLIC.items():
            quoted = "/" + "/".join(quote(part) for part in name.split("/"))
            status, _, body = raw_get(site.port, quoted.encode())
            assert (status, body) == (200, data), name
        assert raw_get(site.port, b"/")[2] == PUBLIC["index.html"]
        assert raw_get(site.port, b"/docs/")[2] == PUBLIC["docs/index.html"]
        status, headers, _ = raw_get(site.port, b"/docs?x=1")
        assert status == 301 and headers["Location"] == "/docs/?x=1"
        status, headers, _ = raw_get(site.port, b"//docs")  # not "//docs/": a browser would leave the site
        assert status == 301 and headers["Location"] == "/docs/"
        status, _, body = raw_get(site.port, b"/listing-only/")  # no index: no listing either
        assert status == 404 and b"readme.txt" not in body


def test_public_path_decodes_before_checking(site_root: Path) -> None:
    root = site_root.resolve()
    assert public_path(root, "/css/site.css?v=2") == root / "css/site.css"
    assert public_path(root, "/caf%C3%A9.txt") == root / "caf\u00e9.txt"
    for bad in ("/%2egit/config", "/%00", "/a\\b", "/%252e", "relative", "/linked/secret.txt", "/to-git/config"):
        with pytest.raises(Refused):
            public_path(root, bad)


def test_private_names() -> None:
    for name in (".env", ".git", "a.mashup-gen-backup", "a.mashup-gen-backup3", ".x.tmp", "s.mashup-gen-tmp"):
        assert is_private_name(name), name
    for name in ("index.html", "backup.js", "env", "a.tmp"):
        assert not is_private_name(name), name


_segment = st.one_of(
    st.sampled_from(
        ["", ".", "..", "%2e", "%2E%2e", "%252e", ".git", "%2egit", "config", ".env", "css", "site.css",
         "linked", "secret.txt", "to-git", "index.html", "mashup.js", "mashup.js.mashup-gen-backup",
         ".mashup-gen.json", "%2fetc", "%5c", "\\", "%00", "%ff", "%c0%ae", "listing-only", "docs", "loop"]
    ),
    st.text(alphabet="ab.%25/\\\u00e9?#", max_size=6),
)  # fmt: skip


def test_every_response_is_a_public_file_or_a_client_error(site_root: Path) -> None:
    """Generated request paths: a 200 is the content of a public file, a redirect stays on the site;
    everything else is a 4xx, never a private byte, never a server error."""
    public = set(PUBLIC.values())

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(segments=st.lists(_segment, min_size=1, max_size=5))
    def respond(segments: list[str]) -> None:
        path = ("/" + "/".join(segments)).encode("utf-8")
        status, headers, body = raw_get(site.port, path)
        if status == 200:
            assert body in public, path
        elif status == 301:
            assert headers["Location"].startswith("/") and not headers["Location"].startswith("//"), path
        elif status == 204:
            assert path.split(b"?")[0] == b"/favicon.ico"
        else:
            assert 400 <= status < 500, (path, status)
            assert not any(secret in body for secret in (*PRIVATE.values(), OUTSIDE)), path

    with StaticSite(site_root) as site:  # one server for every generated request
        respond()


def test_bad_host_blames_host(project: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke("serve", str(project), "--host", "bad host!")
    assert result.exit_code == 2
    assert "'--host'" in result.output and "bad host!" in result.output and "--port" not in result.output
