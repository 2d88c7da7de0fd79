"""A server reply that sends a secret through a name holding it (``const KEY = process.env.QLIK_API_KEY`` then
``res.json({ key: KEY })``; a config module's ``apiKey: process.env.QLIK_API_KEY`` then a Next.js route
handler's ``NextResponse.json({ token: config.apiKey })``) serves it as surely as ``process.env`` written in the
reply. A secret the server only uses for its own request, or a name holding no secret, is not served."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

EXPRESS = """const express = require('express');
const app = express();
const API_KEY = process.env.QLIK_API_KEY;
const TENANT = process.env.QLIK_TENANT;
const headers = { Authorization: `Bearer ${API_KEY}` };
const jwt = require('jsonwebtoken');
const token = jwt.sign({ sub: 'someone' }, process.env.JWT_SECRET);
app.get('/token', (req, res) => {
  res.json(%s);
});
app.listen(3000);
"""
CONFIG = """export const qlikConfig = {
  tenant: process.env.QLIK_TENANT,
  apiKey: process.env.QLIK_API_KEY,
};
"""
ROUTE = """import { NextResponse } from 'next/server';
import { qlikConfig } from '@/lib/qlik';

export async function GET() {
  return NextResponse.json(%s);
}
"""


def served(folder: Path) -> list[tuple[str, int | None]]:
    return [(Path(f.path or "").name, f.line) for f in check_paths([str(folder)]).sorted() if f.rule == "secret-served"]


def express(tmp_path: Path, reply: str) -> Path:
    return write(
        tmp_path,
        {
            "package.json": '{"name": "x", "dependencies": {"express": "4.19.0"}}',
            ".gitignore": ".env\n",
            "server.js": EXPRESS % reply,
        },
    )


def next_app(tmp_path: Path, reply: str) -> Path:
    return write(
        tmp_path,
        {
            "package.json": '{"name": "x", "dependencies": {"next": "14.2.0", "react": "18.2.0"}}',
            ".gitignore": ".env*\n",
            "lib/qlik.ts": CONFIG,
            "app/api/qlik/route.ts": ROUTE % reply,
        },
    )


def test_a_secret_held_in_a_constant_is_served(tmp_path: Path) -> None:
    assert served(express(tmp_path, "{ key: API_KEY, tenant: TENANT }")) == [("server.js", 9)]


def test_a_secret_held_in_a_config_module_is_served_by_a_route_handler(tmp_path: Path) -> None:
    assert served(next_app(tmp_path, "{ token: qlikConfig.apiKey }")) == [("route.ts", 5)]


@pytest.mark.parametrize(
    "reply",
    [
        "{ tenant: TENANT }",  # no secret
        "{ token }",  # a token the secret signed, not the secret
        "await fetch(`${TENANT}/api/v1/items`, { headers }).then((r) => r.json())",  # used, not sent
    ],
)
def test_a_secret_only_used_or_no_secret_is_silent(tmp_path: Path, reply: str) -> None:
    assert served(express(tmp_path, reply)) == []


def test_a_config_modules_other_values_are_silent(tmp_path: Path) -> None:
    assert served(next_app(tmp_path, "{ tenant: qlikConfig.tenant }")) == []
