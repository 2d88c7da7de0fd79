"""placeholder: ``const host = <env variable> || "your-tenant.us.qlikcloud.com"`` runs with the environment's
value when there is one. In server code that is the environment the server is started with (not in the
project), so the literal is only a default; in a browser bundle it is the project's own env file, so the
literal is dead when that file sets the variable to a real value. With the variable unset (or set only in an
example file, or empty) the placeholder is what the page runs with: still an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

PAGE = '<!doctype html>\n<div id="root"></div>\n<script type="module" src="/src/main.js"></script>\n'
BROWSER = """const host = import.meta.env.VITE_QLIK_HOST || "your-tenant.us.qlikcloud.com";
fetch(`https://${host}/api/v1/users/me`, { credentials: "include" });
"""
SERVER = """const express = require("express");
const TENANT = process.env.QLIK_TENANT || "your-tenant.us.qlikcloud.com";
const app = express();
app.get("/apps", async (req, res) => {
  const r = await fetch(`https://${TENANT}/api/v1/items`, { headers: { Authorization: `Bearer ${process.env.KEY}` } });
  res.json(await r.json());
});
app.listen(3000);
"""


def placeholders(root: Path) -> list[tuple[str, int | None]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "placeholder"]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({".env": "VITE_QLIK_HOST=acme.eu.qlikcloud.com\n"}, []),
        ({".env.production": "VITE_QLIK_HOST=acme.eu.qlikcloud.com\n"}, []),
        ({}, [("main.js", 1)]),
        ({".env": "VITE_QLIK_HOST=\n"}, [("main.js", 1)]),
        ({".env.example": "VITE_QLIK_HOST=acme.eu.qlikcloud.com\n"}, [("main.js", 1)]),
    ],
    ids=["set in .env", "set in .env.production", "never set", "set empty", "only in an example file"],
)
def test_a_browser_fallback_after_an_env_value(tmp_path: Path, env: dict[str, str], expected: list) -> None:
    write(tmp_path, {"index.html": PAGE, "src/main.js": BROWSER, "package.json": '{"devDependencies": {"vite": "5"}}'})
    write(tmp_path, env)
    assert placeholders(tmp_path) == expected


def test_a_server_fallback_after_its_environment_is_a_default(tmp_path: Path) -> None:
    write(tmp_path, {"server.js": SERVER, "package.json": '{"dependencies": {"express": "4"}}'})
    assert placeholders(tmp_path) == []


def test_a_fallback_after_a_url_parameter_is_still_reported(tmp_path: Path) -> None:
    code = BROWSER.replace("import.meta.env.VITE_QLIK_HOST", 'new URLSearchParams(location.search).get("tenant")')
    write(tmp_path, {"index.html": PAGE, "src/main.js": code, ".env": "VITE_QLIK_HOST=acme.eu.qlikcloud.com\n"})
    assert placeholders(tmp_path) == [("main.js", 1)]
