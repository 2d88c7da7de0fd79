"""secret-served: Koa replies by assigning the context's body (``ctx.body = { apiKey: process.env.QLIK_API_KEY }``),
so a secret there goes to every browser that calls the route, as in Express's ``res.json``. A body without the
secret, or one holding only the answer of a request the key was sent with, is silent."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

SERVER = """const Koa = require('koa');
const Router = require('@koa/router');
const app = new Koa();
const router = new Router();
router.get('/settings', (ctx) => {
  ctx.body = {
    tenantUrl: process.env.QLIK_TENANT_URL,
    %s
  };
});
router.get('/apps', async (ctx) => {
  const r = await fetch(process.env.QLIK_TENANT_URL + '/api/v1/items', {
    headers: { Authorization: `Bearer ${process.env.QLIK_API_KEY}` },
  });
  ctx.body = await r.json();
});
app.use(router.routes());
"""


def served(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "secret-served"]


def project(root: Path, entry: str) -> Path:
    manifest = '{"dependencies": {"koa": "^2.15.0", "@koa/router": "^12.0.1"}}'
    return write(root, {"package.json": manifest, "src/index.js": SERVER % entry})


def test_a_secret_in_a_koa_body_is_served(tmp_path: Path) -> None:
    assert served(project(tmp_path, "apiKey: process.env.QLIK_API_KEY,")) == [("index.js", 8)]


def test_a_body_without_the_secret_is_silent(tmp_path: Path) -> None:
    assert served(project(tmp_path, "pageSize: 50,")) == []
