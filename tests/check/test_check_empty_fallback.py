"""An empty string at the end of ``a || b || ""`` is what the code falls back on when the real value is missing
(and usually checks for), not a value left to be filled in."""

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
document.getElementById('chart').setAttribute('app-id', appId);
</script>
</body></html>
"""


def placeholders(root: Path) -> list[int]:
    return [f.line for f in check_paths([str(root)]).findings if f.rule == "placeholder"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("config.appId || ''", []), ('config.appId ?? ""', []), ("''", [8])],
    ids=["|| fallback", "?? fallback", "left empty"],
)
def test_an_empty_app_id(tmp_path: Path, value: str, expected: list[int]) -> None:
    write(tmp_path, {"index.html": PAGE % value})
    assert placeholders(tmp_path) == expected
