"""An empty string at the end of ``a || b || ""`` that the code then checks for (``if (!appId) throw ...``) is
what it falls back on when the real value is missing, not a value left to be filled in; unchecked, the page runs
with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

PAGE = f"""<!doctype html><html><head>
<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"
  data-host="https://{TENANT}" data-web-integration-id="{ID}"></script>
</head><body>
<qlik-embed id="chart" ui="analytics/chart"></qlik-embed>
<script>
const config = window.APP_CONFIG || {{}};
const appId = %s;
%s
document.getElementById('chart').setAttribute('app-id', appId);
</script>
</body></html>
"""


def placeholders(root: Path) -> list[int]:
    return [f.line for f in check_paths([str(root)]).findings if f.rule == "placeholder"]


GUARD = "if (!appId) { throw new Error('App ID is missing from the configuration.'); }"


@pytest.mark.parametrize(
    ("value", "guard", "expected"),
    [
        ("config.appId || ''", GUARD, []),
        ('config.appId ?? ""', GUARD, []),
        ("config.appId || ''", "", [8]),
        ("''", GUARD, [8]),
    ],
    ids=["|| fallback checked", "?? fallback checked", "fallback run with", "left empty"],
)
def test_an_empty_app_id(tmp_path: Path, value: str, guard: str, expected: list[int]) -> None:
    write(tmp_path, {"index.html": PAGE % (value, guard)})
    assert placeholders(tmp_path) == expected


SERVER = """import express from "express";
const TENANT_URL = %s;
const app = express();
app.get("/sheets", (req, res) => {
  res.json({ type: "sheets", appId: req.query.appId, tenantUrl: TENANT_URL });
});
"""


@pytest.mark.parametrize(
    ("value", "expected"),
    [('process.env.QLIK_TENANT_URL || ""', []), ('""', [2])],
    ids=["the environment's, empty when unset", "left empty"],
)
def test_an_empty_default_of_an_environment_value(tmp_path: Path, value: str, expected: list[int]) -> None:
    # The deployment's environment holds the tenant; the project cannot, so the empty default is no placeholder.
    write(tmp_path, {"package.json": '{"type": "module"}', "server.js": SERVER % value})
    assert placeholders(tmp_path) == expected
