"""A client-managed proxy's ticket redeemed in a URL (``?qlikTicket=<ticket>`` on the engine socket or a page):
Qlik Cloud has no proxy tickets, so the sign-in it stands for never happens. A variable or a word named after
tickets, without the URL parameter, says nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write


def client_managed(folder: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(folder)]).sorted() if f.rule == "client-managed-api"]


@pytest.mark.parametrize(
    "line",
    [
        "config.url += `?qlikTicket=${ticket}`;",
        "window.location.href = 'https://sense.example.com/hub/?qlikTicket=' + ticket;",
        "const url = base + '/app/' + appId + '&qlikTicket=' + t;",
    ],
)
def test_a_ticket_redeemed_in_a_url_is_client_managed(tmp_path: Path, line: str) -> None:
    page = "<!doctype html><html><body><script src='app.js'></script></body></html>"
    script = f"const ticket = sessionStorage.getItem('t');\n{line}\n"
    assert client_managed(write(tmp_path, {"index.html": page, "app.js": script})) == [("app.js", 2)]


def test_a_ticket_without_the_url_parameter_is_silent(tmp_path: Path) -> None:
    page = "<!doctype html><html><body><script src='app.js'></script></body></html>"
    script = "const qlikTicket = 'support ticket 42';\nconsole.log('open a ticket', qlikTicket);\n"
    assert client_managed(write(tmp_path, {"index.html": page, "app.js": script})) == []
