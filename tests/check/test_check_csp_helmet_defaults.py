"""A server mounting Helmet without options (app.use(helmet()), fastify.register(helmet), koa-helmet) sends
Helmet's default Content-Security-Policy, script-src 'self' and default-src 'self': the pages it serves cannot
load qlik-embed's loader nor reach the tenant. Helmet given a contentSecurityPolicy of its own is not judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

CLIENT = "0123456789abcdef0123456789abcdef"
PAGE = (
    "<!doctype html><html><head>\n"
    '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/'
    f'index.js" data-host="https://{TENANT}" data-auth-type="Oauth2" data-client-id="{CLIENT}" '
    'data-redirect-uri="https://intranet.example.com/"></script>\n'
    f'</head><body><qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed></body></html>\n'
)
EXPRESS = """const express = require("express");
const helmet = require("helmet");
const app = express();
app.use(helmet());
app.use(express.static("public"));
app.listen(3000);
"""
FASTIFY = """import Fastify from "fastify";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
const app = Fastify();
await app.register(helmet);
await app.register(fastifyStatic, { root: "public" });
"""
CONFIGURED = EXPRESS.replace(
    "helmet()",
    f'helmet({{ contentSecurityPolicy: {{ directives: {{ "script-src": ["\'self\'", "https://{TENANT}"] }} }} }})',
)


def _csp(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "csp-blocks-tenant"]


@pytest.mark.parametrize(
    ("server", "expected"),
    [(EXPRESS, [("server.js", 4)]), (FASTIFY, [("server.js", 5)]), (CONFIGURED, [])],
)
def test_helmet_defaults_block_the_tenant(tmp_path: Path, server: str, expected: list) -> None:
    write(tmp_path, {"server.js": server, "public/index.html": PAGE, "package.json": '{"type": "module"}'})
    assert _csp(tmp_path) == expected
