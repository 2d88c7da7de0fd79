"""secret-in-code: a key written cut short to show its shape (``"eyJhbGciOiJFU......"``, a client secret's first
characters and then dots) is a placeholder, which the placeholder rule reports; it is no secret anyone can use.
A whole key is still a secret in the page."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import page, write

REDACTED = (
    'const apikey = "eyJhbGciOiJFU......";\n'
    'const body = { client_id: "dc7755d243d14d646abcb1f......", client_secret: "d698271860ff6a1fbbfe70c9..........",'
    ' grant_type: "client_credentials" };\n'
)
WHOLE = 'const body2 = { client_secret: "d698271860ff6a1fbbfe70c946cd7d61f0e1d2c3b4a5968778695a4b3c2d1e0f" };\n'


def rules(root: Path) -> list[tuple[str, int | None]]:
    return [
        (f.rule, f.line)
        for f in check_paths([str(root)]).sorted()
        if f.rule in ("secret-in-code", "placeholder") and f.path.endswith("invite.js")
    ]


def test_a_redacted_key_is_a_placeholder_not_a_secret(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page(), "invite.js": REDACTED})
    assert ("secret-in-code", 1) not in rules(tmp_path)
    assert ("secret-in-code", 2) not in rules(tmp_path)
    assert ("placeholder", 1) in rules(tmp_path)


def test_a_whole_secret_is_still_reported(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page(), "invite.js": REDACTED + WHOLE})
    assert ("secret-in-code", 3) in rules(tmp_path)
