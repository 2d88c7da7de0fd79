"""A page's script that no file holds but the project's server answers: a route that writes it
(``app.get("/config.js", (req, res) => res.send(...))``, Flask's ``@app.route("/settings.js")``) or a static
folder mounted from an installed package (``app.use("/vendor/enigma", express.static(path.join(__dirname,
"node_modules", "enigma.js")))``). The browser gets the file, so no missing-file. A script neither a route nor
a mount answers is still missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import CAPABILITY, TENANT, write

EXPRESS_ROUTE = (
    "const express = require('express');\nconst app = express();\n"
    "app.get({route!r}, (req, res) => {{\n"
    "  res.type('application/javascript');\n"
    "  res.send(`window.CFG = ${{JSON.stringify({{ host: process.env.QLIK_HOST }})}};`);\n"
    "}});\n"
    "app.use(express.static('public'));\napp.listen(3000);\n"
)
FLASK_ROUTE = (
    "from flask import Flask, Response\n\napp = Flask(__name__)\n\n\n"
    "@app.route({route!r})\ndef settings():\n    return Response('window.CFG = {{}};', mimetype='text/javascript')\n"
)
PACKAGE_MOUNT = (
    "const path = require('path');\nconst express = require('express');\nconst app = express();\n"
    "app.use('/vendor/enigma', express.static(path.join(__dirname, 'node_modules', 'enigma.js')));\n"
    "app.use(express.static(path.join(__dirname, 'public')));\napp.listen(8080);\n"
)


def page(src: str) -> str:
    head = f'<script src="https://{TENANT}/resources/assets/external/requirejs/require.js"></script>\n'
    body = f"<body><script>\n{CAPABILITY}</script></body></html>\n"
    return f'<!doctype html><html><head>\n{head}<script src="{src}"></script>\n</head>{body}'


def missing(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "missing-file"]


@pytest.mark.parametrize(
    ("server", "name", "manifest"),
    [
        (EXPRESS_ROUTE, "server.js", ("package.json", '{"dependencies": {"express": "^4.19.0"}}')),
        (FLASK_ROUTE, "app.py", ("requirements.txt", "flask\n")),
    ],
    ids=["express", "flask"],
)
def test_a_script_a_route_answers_is_served(tmp_path: Path, server: str, name: str, manifest: tuple[str, str]) -> None:
    files = {name: server.format(route="/config.js"), "public/index.html": page("/config.js")}
    write(tmp_path, files | {manifest[0]: manifest[1]})
    assert missing(tmp_path) == []


def test_a_script_no_route_answers_is_still_missing(tmp_path: Path) -> None:
    files = {"server.js": EXPRESS_ROUTE.format(route="/settings.js"), "public/index.html": page("/config.js")}
    write(tmp_path, files | {"package.json": '{"dependencies": {"express": "^4.19.0"}}'})
    assert missing(tmp_path) == [("index.html", 3)]


def test_a_folder_mounted_from_an_installed_package_is_served(tmp_path: Path) -> None:
    files = {"app.js": PACKAGE_MOUNT, "public/index.html": page("/vendor/enigma/enigma.min.js")}
    write(tmp_path, files | {"package.json": '{"dependencies": {"express": "^4.19.0", "enigma.js": "^2.14.0"}}'})
    assert missing(tmp_path) == []


def test_a_path_outside_every_mount_is_still_missing(tmp_path: Path) -> None:
    files = {"app.js": PACKAGE_MOUNT, "public/index.html": page("/vendor/enigmajs/enigma.min.js")}
    write(tmp_path, files | {"package.json": '{"dependencies": {"express": "^4.19.0", "enigma.js": "^2.14.0"}}'})
    assert missing(tmp_path) == [("index.html", 3)]
