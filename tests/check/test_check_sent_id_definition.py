"""The web integration id is judged where it is defined when the code sends it from a constant: a header's
value (``'qlik-web-integration-id': ID``, ``setRequestHeader('qlik-web-integration-id', ID)``) or the URL
parameter's (``qlik-web-integration-id=${ID}``, ``'...qlik-web-integration-id=' + ID``) is followed to
``const ID = '...'`` whatever the constant's name: a placeholder there is reported on that line; a real id,
or an empty one (left out beside an OAuth sign-in), stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import ID, TENANT, write

from mashup_gen.checker import check_paths

PAGE = '<!doctype html><html><body><script src="main.js"></script></body></html>'
SENDS = [
    "fetch(`https://{t}/api/v1/users/me`, {{ credentials: 'include', headers: {{ 'qlik-web-integration-id': WI }} }});",
    "x.setRequestHeader('qlik-web-integration-id', WI);",
    "location.href = `https://{t}/login?qlik-web-integration-id=${{WI}}&returnto=${{encodeURIComponent(location.href)}}`;",
    "location.href = 'https://{t}/login?qlik-web-integration-id=' + WI + '&returnto=' + location.href;",
]


def id_findings(tmp_path: Path, value: str, send: str) -> list[tuple[str, int | None]]:
    code = f"const WI = '{value}';\nconst x = new XMLHttpRequest();\n" + send.format(t=TENANT) + "\n"
    write(tmp_path, {"index.html": PAGE, "main.js": code})
    rules = ("placeholder", "web-integration-id-invalid")
    return sorted({(f.rule, f.line) for f in check_paths([str(tmp_path)]).findings if f.rule in rules})


@pytest.mark.parametrize("send", SENDS, ids=["header", "setRequestHeader", "template-param", "joined-param"])
def test_a_placeholder_sent_from_a_constant_is_found_where_defined(tmp_path: Path, send: str) -> None:
    assert ("placeholder", 1) in id_findings(tmp_path, "<REPLACE_ME>", send)


def test_an_empty_id_sent_from_a_constant_is_left_alone(tmp_path: Path) -> None:
    # Left empty beside an OAuth sign-in, it may never be sent: not judged from the header alone.
    assert id_findings(tmp_path, "", SENDS[0]) == []


@pytest.mark.parametrize("send", SENDS, ids=["header", "setRequestHeader", "template-param", "joined-param"])
def test_a_real_id_sent_from_a_constant_is_silent(tmp_path: Path, send: str) -> None:
    assert id_findings(tmp_path, ID, send) == []
