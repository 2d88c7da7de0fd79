"""missing-file: a page's script that is no file of the sources but one the project makes or serves itself is
not missing: a route of its server writes it (``app.get('/config.js', ...)`` sending the settings as a script),
its build writes it (esbuild's ``outfile``, webpack's ``filename``, ``--outfile`` in package.json's scripts), or
the server mounts an installed package's folder under the path's prefix. A misspelt path beside them is still
missing."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

ENGINE = "const s = enigma.create({ schema, url: `wss://acme.eu.qlikcloud.com/app/${window.CFG.appId}` });\n"


def page(*scripts: str) -> str:
    tags = "".join(f'<script src="{src}"></script>\n' for src in scripts)
    return f"<!doctype html><html><head>\n{tags}</head><body></body></html>\n"


def missing(root: Path) -> list[tuple[str, int | None]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "missing-file"]


ROUTE_SERVER = """const express = require('express');
const app = express();
app.get('/config.js', (req, res) => res.type('js').send(`window.CFG = ${JSON.stringify(cfg)};`));
app.use('/vendor', express.static(path.join(__dirname, 'node_modules', 'enigma.js')));
app.use(express.static(path.join(__dirname, 'public')));
"""


def test_a_script_a_route_writes_or_a_mounted_package_holds_is_not_missing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"dependencies": {"express": "^4.18.2", "enigma.js": "^2.12.0"}}',
            "server.js": ROUTE_SERVER,
            "public/index.html": page("/config.js", "/vendor/enigma.min.js", "main.js"),
            "public/main.js": ENGINE,
        },
    )
    assert missing(tmp_path) == []


def test_a_misspelt_path_beside_a_route_and_a_mount_is_still_missing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"dependencies": {"express": "^4.18.2", "enigma.js": "^2.12.0"}}',
            "server.js": ROUTE_SERVER,
            "public/index.html": page("/confg.js", "/vendr/enigma.min.js", "main.js"),
            "public/main.js": ENGINE,
        },
    )
    assert missing(tmp_path) == [("index.html", 2), ("index.html", 3)]


BUILD = """import * as esbuild from 'esbuild';
await esbuild.build({ entryPoints: ['src/app.js'], bundle: true, outfile: 'public/app.js' });
"""


def test_a_bundle_the_build_writes_is_not_missing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"scripts": {"build": "node build.mjs"}, "devDependencies": {"esbuild": "^0.23.0"}}',
            "build.mjs": BUILD,
            "src/app.js": ENGINE,
            "public/index.html": page("app.js"),
        },
    )
    assert missing(tmp_path) == []


def test_a_bundle_named_on_the_command_line_is_not_missing_and_a_misspelt_one_is(tmp_path: Path) -> None:
    manifest = '{"scripts": {"build": "esbuild src/app.js --bundle --outfile=public/bundle.js"}}'
    write(tmp_path, {"package.json": manifest, "src/app.js": ENGINE, "public/index.html": page("bundle.js")})
    assert missing(tmp_path) == []
    write(tmp_path, {"public/index.html": page("bundel.js")})
    assert missing(tmp_path) == [("index.html", 2)]
