"""A secret the server rightly reads from its environment, then sends in its reply to a request (an Express
route, a Next.js route handler): every browser that calls the route gets it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

EXPRESS = """require('dotenv').config();
const express = require('express');
const app = express();
app.use(express.static('public'));

app.get('/config', (req, res) => {
  res.json({
    tenant: process.env.QLIK_TENANT,
    token: process.env.%s,
  });
});
app.listen(3000);
"""
NEXT_ROUTE = """import { NextResponse } from "next/server";

export async function GET() {
  const r = await fetch(`https://${process.env.QLIK_TENANT}/oauth/token`, {
    method: "POST",
    body: JSON.stringify({ client_id: process.env.CLIENT_ID, client_secret: process.env.QLIK_CLIENT_SECRET }),
  });
  const { access_token } = await r.json();
  return NextResponse.json({ %s });
}
"""


def served(root: Path) -> list[tuple[str, int]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule == "secret-served"]


def express_app(root: Path, variable: str) -> Path:
    (root / "package.json").write_text('{"name": "s", "dependencies": {"express": "4"}}')
    (root / "server.js").write_text(EXPRESS % variable)
    (root / "public").mkdir()
    (root / "public" / "index.html").write_text("<!doctype html><html><body><script src='app.js'></script>")
    (root / "public" / "app.js").write_text("fetch('/config').then(r => r.json()).then(c => console.log(c.tenant));\n")
    return root


def test_a_server_secret_in_an_express_reply_is_reported(tmp_path: Path) -> None:
    assert served(express_app(tmp_path, "QLIK_API_KEY")) == [("server.js", 9)]


def test_a_server_value_that_is_not_a_secret_is_silent(tmp_path: Path) -> None:
    assert served(express_app(tmp_path, "QLIK_WEB_INTEGRATION_ID")) == []


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("token: process.env.QLIK_API_KEY", [("route.ts", 9)]),
        ("token: access_token", []),  # a short-lived token the server obtained: the intended pattern
    ],
)
def test_a_next_route_handler_reply(tmp_path: Path, reply: str, expected: list[tuple[str, int]]) -> None:
    (tmp_path / "package.json").write_text('{"name": "n", "dependencies": {"next": "15"}}')
    (tmp_path / "app" / "api" / "token").mkdir(parents=True)
    (tmp_path / "app" / "layout.tsx").write_text("export default function L({children}) { return children; }\n")
    (tmp_path / "app" / "api" / "token" / "route.ts").write_text(NEXT_ROUTE % reply)
    assert served(tmp_path) == expected
