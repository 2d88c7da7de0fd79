"""placeholder: a page's own settings written as data attributes named for Qlik on <body> or <html>
(``data-qlik-client-id="<CLIENT_ID>"``, read by the script from ``document.body.dataset.qlikClientId``) are
judged like data-client-id: a placeholder there is never filled in. A real value stays silent."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

PAGE = """<!doctype html>
<html lang="en">
<head><script src="auth.js"></script></head>
<body data-qlik-host="https://{tenant}"
      data-qlik-client-id="{client}">
<h1>Report</h1>
</body>
</html>
"""
SCRIPT = """var host = document.body.dataset.qlikHost;
var clientId = document.body.dataset.qlikClientId;
location.assign(host + '/oauth/authorize?response_type=code&client_id=' + clientId);
"""


def placeholders(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "placeholder"]


def test_a_placeholder_client_id_on_the_body_is_reported(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE.format(tenant=TENANT, client="<CLIENT_ID>"), "auth.js": SCRIPT})
    assert placeholders(tmp_path) == [("index.html", 5)]


def test_a_real_client_id_on_the_body_is_silent(tmp_path: Path) -> None:
    client = "4f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a"
    write(tmp_path, {"index.html": PAGE.format(tenant=TENANT, client=client), "auth.js": SCRIPT})
    assert placeholders(tmp_path) == []
