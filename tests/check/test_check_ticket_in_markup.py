"""A client-managed proxy's ticket redeemed in a page's markup: an iframe, a link or an inline handler whose URL
carries ``?qlikTicket=`` (a server template filling in the ticket its view asked the QPS for). Qlik Cloud has no
tickets, so the framed or linked page has no session: client-managed-api reports the URL where it is written.
A tenant page framed without a ticket, and the word in the page's text, say nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write


def findings(folder: Path) -> list[tuple[str, str, int]]:
    found = check_paths([str(folder)]).sorted()
    return [(f.rule, Path(f.path).name, f.line) for f in found if f.rule == "client-managed-api"]


def template(body: str) -> str:
    head = "{% extends 'base.html' %}\n{% block content %}\n<div class=\"report\">\n"
    return head + body + "\n</div>\n{% endblock %}\n"


@pytest.mark.parametrize(
    "body",
    [
        "<iframe src='{{ sheet.url }}?qlikTicket={{ ticket }}' style='border:none'></iframe>",
        '<a class="nav-link" onclick="openFrame(\'https://bi.corp.example/hub/?qlikTicket={{ ticket }}\')">Hub</a>',
        '<a href="https://bi.corp.example/sense/app/' + APP + '?lang=en&amp;qlikTicket=<%= ticket %>">Sales</a>',
    ],
    ids=["iframe", "inline handler", "link"],
)
def test_a_ticket_in_a_page_url_is_client_managed(tmp_path: Path, body: str) -> None:
    folder = write(tmp_path, {"templates/report.html": template(body)})
    assert findings(folder) == [("client-managed-api", "report.html", 4)]


@pytest.mark.parametrize(
    "body",
    [
        f"<iframe src='https://{TENANT}/single/?appid={APP}&obj=JbtsBVB' style='border:none'></iframe>",
        "<p>Sense used to take a qlikTicket=... parameter; this portal no longer does.</p>",
    ],
    ids=["tenant frame", "text"],
)
def test_a_page_url_without_a_ticket_is_silent(tmp_path: Path, body: str) -> None:
    assert findings(write(tmp_path, {"templates/report.html": template(body)})) == []


# A library that appends a ticket only when its caller gives one (qsocks, a vendored search component): the
# option signs nobody in by itself. The project's own code handing it a ticket is reported where it does.
LIBRARY = """function connect(options, ready) {
  var url = (options.isSecure ? "wss://" : "ws://") + options.host + options.prefix + "app/" + options.app;
  url += options.ticket ? "?qlikTicket=" + options.ticket : "";
  return new WebSocket(url);
}
"""
CALLER = """function open(ticket) {
  return new WebSocket("wss://bi.corp.example/app/engineData" + "?qlikTicket=" + ticket);
}
"""


def test_a_ticket_a_library_adds_only_when_given_is_silent(tmp_path: Path) -> None:
    folder = write(tmp_path, {"index.html": '<script src="lib/search.js"></script>\n', "lib/search.js": LIBRARY})
    assert findings(folder) == []


def test_a_ticket_always_added_is_client_managed(tmp_path: Path) -> None:
    folder = write(tmp_path, {"index.html": '<script src="lib/open.js"></script>\n', "lib/open.js": CALLER})
    assert findings(folder) == [("client-managed-api", "open.js", 2)]
