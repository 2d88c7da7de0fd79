"""A page's script that a package.json script writes (esbuild --outfile=public/app.js, browserify -o, rollup
--file, an --outdir holding it) is a build output, not a missing file; the same page without that build
script names a file nobody makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

MAIN = f'import "@qlik/embed-web-components";\ndocument.body.dataset.qlikEmbedHost = "https://{TENANT}";\n'
PAGE = (
    '<!doctype html><html><head><title>x</title></head><body>\n<div id="app"></div>\n'
    '<script src="/app.js"></script>\n</body></html>\n'
)


def _project(root: Path, build: str) -> Path:
    deps = '"dependencies": {"@qlik/embed-web-components": "1.6.0"}'
    manifest = f'{{"scripts": {{"build": "{build}"}}, {deps}}}'
    return write(root, {"package.json": manifest, "public/index.html": PAGE, "client/main.js": MAIN})


def _missing(root: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "missing-file"]


@pytest.mark.parametrize(
    "build",
    [
        "esbuild client/main.js --bundle --outfile=public/app.js",
        "browserify client/main.js -o public/app.js",
        "esbuild client/main.js --bundle --outdir=public",
    ],
)
def test_a_script_the_build_writes_is_not_missing(tmp_path: Path, build: str) -> None:
    _project(tmp_path, build)
    assert _missing(tmp_path) == []


def test_a_script_no_build_writes_is_missing(tmp_path: Path) -> None:
    _project(tmp_path, "esbuild client/main.js --bundle --outfile=public/main.js")
    assert _missing(tmp_path) == [("missing-file", 3)]
