"""A Node server that serves a static folder under a URL prefix (app.use('/static', express.static('public')),
fastify-static's prefix): the page's /static/app.js is public/app.js, which exists, so no missing-file. A
prefixed path whose file exists nowhere is still missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import EMBED_LOADER, write

EXPRESS = (
    "const express = require('express');\nconst path = require('path');\nconst app = express();\n"
    "app.use('/static', express.static(path.join(__dirname, 'public')));\n"
    "app.get('/', (q, s) => s.sendFile(path.join(__dirname, 'views', 'index.html')));\napp.listen(3000);\n"
)
FASTIFY = (
    "const fastify = require('fastify')();\nconst path = require('path');\n"
    "fastify.register(require('@fastify/static'), { root: path.join(__dirname, 'public'), prefix: '/static/' });\n"
    "fastify.get('/', (q, r) => r.sendFile('index.html', path.join(__dirname, 'views')));\n"
    "fastify.listen({ port: 3000 });\n"
)


def page(src: str) -> str:
    return f'<!doctype html><html><head>\n{EMBED_LOADER}\n<script src="{src}"></script>\n</head><body></body></html>\n'


def missing(root: Path) -> list[str]:
    return [f.message for f in check_paths([str(root)]).findings if f.rule == "missing-file"]


@pytest.mark.parametrize("server", [EXPRESS, FASTIFY], ids=["express", "fastify"])
def test_a_script_under_the_mount_prefix(tmp_path: Path, server: str) -> None:
    files = {"server.js": server, "views/index.html": page("/static/app.js"), "public/app.js": "window.x = 1;\n"}
    write(tmp_path, files | {"package.json": '{"dependencies":{"express":"4"}}'})
    assert missing(tmp_path) == []


def test_a_misspelt_script_under_the_prefix_is_still_missing(tmp_path: Path) -> None:
    files = {"server.js": EXPRESS, "views/index.html": page("/static/ap.js"), "public/app.js": "window.x = 1;\n"}
    write(tmp_path, files | {"package.json": '{"dependencies":{"express":"4"}}'})
    assert len(missing(tmp_path)) == 1
