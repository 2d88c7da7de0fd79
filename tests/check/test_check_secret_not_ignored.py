"""A secret in an environment file that no .gitignore excludes is one `git add .` from being published; a
.gitignore of the project or of the repository above it (git's own pattern rules) keeps it out."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from mashup_gen.checker.rules.ignored import ignored
from tests.check_support import write

SERVER = "const secret = process.env.QLIK_CLIENT_SECRET;\nmodule.exports = { secret };\n"
SECRET = "4f1c0e9a7b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e"
ENV = f"QLIK_HOST=acme.eu.qlikcloud.com\nQLIK_CLIENT_SECRET={SECRET}\n"


def not_ignored(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "secret-not-ignored"]


def test_a_secret_in_an_env_file_nothing_ignores(tmp_path: Path) -> None:
    write(tmp_path, {"server.js": SERVER, ".env": ENV, ".gitignore": "node_modules/\n"})
    assert not_ignored(tmp_path) == [(".env", 2)]


@pytest.mark.parametrize(
    ("files", "why"),
    [
        ({".gitignore": ".env\n"}, "named"),
        ({".gitignore": ".env*\n!.env.example\n"}, "by a wildcard"),
        ({".gitignore": "*.env\n.env\n"}, "by two patterns"),
        ({"../.gitignore": "**/.env\n", "../.git/HEAD": "ref: refs/heads/main\n"}, "by the repository's .gitignore"),
        ({".env": "QLIK_HOST=acme.eu.qlikcloud.com\nQLIK_CLIENT_SECRET=\n"}, "no value"),
        ({".env": "QLIK_CLIENT_SECRET=<your-client-secret>\n"}, "a placeholder"),
        ({".env": "", ".env.example": ENV}, "a template of names"),
        ({".env": f"VITE_QLIK_API_KEY={SECRET}\n"}, "shipped to the browser: secret-in-code's error, not this"),
    ],
)
def test_an_ignored_file_or_no_secret_is_silent(tmp_path: Path, files: dict[str, str], why: str) -> None:
    project = tmp_path / "app"
    write(project, {"server.js": SERVER, ".env": ENV, **files})
    assert not_ignored(project) == [], why


def test_a_deeper_gitignore_decides(tmp_path: Path) -> None:
    """git reads the deepest .gitignore last: its !pattern takes back what the repository's excludes."""
    write(tmp_path, {".git/HEAD": "", ".gitignore": ".env\n", "app/.gitignore": "!.env\n", "app/.env": ENV})
    assert not ignored(tmp_path / "app" / ".env")
    write(tmp_path, {"app/.gitignore": "# nothing of .env here\n"})
    assert ignored(tmp_path / "app" / ".env")


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    """A .gitignore above the repository (another repository's, a home folder's) is not this repository's."""
    write(tmp_path, {".gitignore": ".env\n", "repo/.git/HEAD": "", "repo/.env": ENV})
    assert not ignored(tmp_path / "repo" / ".env")


KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"
SIGNER = "const fs = require('fs');\nconst key = fs.readFileSync('private.pem');\nmodule.exports = { key };\n"
APP = {
    "server.js": SIGNER,
    "package.json": '{"name": "x", "main": "server.js", "dependencies": {"express": "4"}}',
    "public/index.html": "<h1>Reports</h1>\n",
}


def test_a_private_key_nothing_ignores_is_a_warning_where_the_key_begins(tmp_path: Path) -> None:
    write(tmp_path, {**APP, "keys/private.pem": "# the JWT signing key\n" + KEY})
    assert not_ignored(tmp_path) == [("private.pem", 2)]


@pytest.mark.parametrize(
    ("files", "why"),
    [
        ({".gitignore": "*.pem\n"}, "ignored"),
        ({"keys/private.pem": "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n"}, "a public key"),
        ({"keys/private.pem": "", "test/fixtures/key.pem": KEY}, "a test's fixture"),
        ({"keys/private.pem": "", "public/private.pem": KEY}, "served: secret-in-file's error, not this"),
    ],
)
def test_an_ignored_public_test_or_served_key_is_not_this_warning(
    tmp_path: Path, files: dict[str, str], why: str
) -> None:
    write(tmp_path, {**APP, "keys/private.pem": KEY, **files})
    assert not_ignored(tmp_path) == [], why
