"""A page that loads a file from node_modules/<package>/ relies on an install: when the project's package.json
does not list that package, no install provides it and the browser gets a 404 (missing-file). A listed
package, a project with no package.json (how it installs is unknown) and a committed file are silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

PAGE = """<!doctype html><html><head>
<script type="module" src="{src}"
  data-host="https://acme.eu.qlikcloud.com" data-auth-type="Oauth2" data-client-id="0123456789abcdef0123456789abcdef"
  data-redirect-uri="http://localhost:3000/index.html" data-access-token-storage="session"></script>
</head><body><qlik-embed ui="analytics/sheet" app-id="133dab5d-8f56-4d40-b3e0-a6b401391bde"
  object-id="aBcDe"></qlik-embed></body></html>
"""
EMBED = "node_modules/@qlik/embed-web-components/dist/index.js"


def missing(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "missing-file"]


def write(root: Path, manifest: str | None, src: str = EMBED) -> None:
    (root / "index.html").write_text(PAGE.format(src=src))
    if manifest is not None:
        (root / "package.json").write_text(manifest)


@pytest.mark.parametrize("src", [EMBED, "./" + EMBED, "/" + EMBED])
def test_a_package_the_manifest_does_not_list_is_missing(tmp_path: Path, src: str) -> None:
    write(tmp_path, '{"dependencies": {"@qlik/api": "^1.30.0", "express": "4"}}', src)
    assert missing(tmp_path) == [("index.html", 2)]


@pytest.mark.parametrize(
    "manifest",
    [
        '{"dependencies": {"@qlik/embed-web-components": "^1.2.0"}}',
        '{"devDependencies": {"@qlik/embed-web-components": "1"}}',
        None,  # no manifest: how the file gets there is not known
        "not json",
    ],
)
def test_a_listed_package_or_no_manifest_is_silent(tmp_path: Path, manifest: str | None) -> None:
    write(tmp_path, manifest)
    assert missing(tmp_path) == []


def test_a_committed_file_is_silent(tmp_path: Path) -> None:
    write(tmp_path, '{"dependencies": {"express": "4"}}')
    (tmp_path / EMBED).parent.mkdir(parents=True)
    (tmp_path / EMBED).write_text("export {};\n")
    assert missing(tmp_path) == []


def test_an_unscoped_package_is_read_by_its_name(tmp_path: Path) -> None:
    write(tmp_path, '{"dependencies": {"requirejs": "2"}}', "node_modules/requirejs/require.js")
    assert missing(tmp_path) == []
    write(tmp_path, '{"dependencies": {"requirejs-text": "2"}}', "node_modules/requirejs/require.js")
    assert missing(tmp_path) == [("index.html", 2)]
