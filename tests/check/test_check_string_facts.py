"""The facts read from every string literal (tenant mentions, secrets) skip the strings that cannot hold one
without making their places (issue 16, "Speed"): the strings that can are all still read, escapes included."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker.facts import Facts, facts_of
from mashup_gen.checker.project import Project
from mashup_gen.checker.scan import discover

_JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ"


def _facts(tmp_path: Path, script: str) -> Facts:
    (tmp_path / "index.html").write_text('<script src="app.js"></script>\n', encoding="utf-8")
    (tmp_path / "app.js").write_text(script, encoding="utf-8")
    [found] = discover(tmp_path, str(tmp_path))
    return facts_of(Project(found))


def test_tenant_hosts_are_found_in_plain_escaped_and_template_strings(tmp_path: Path) -> None:
    script = (
        'var a = "https://one.eu.qlikcloud.com/api/v1/items";\n'
        "var b = 'https:\\/\\/two.eu.qlikcloud.com';\n"
        "var c = `three.us.qlikcloud.com`;\n"
        'var d = "no host here", e = "://";\n'
        'var config = { host: "four.example.org", isSecure: true, prefix: "/", port: 443 };\n'
    )
    hosts = sorted(m.host for m in _facts(tmp_path, script).tenant_mentions)
    assert hosts == ["four.example.org", "one.eu.qlikcloud.com", "three.us.qlikcloud.com", "two.eu.qlikcloud.com"]


def test_secrets_are_placed_in_their_strings_and_other_strings_give_none(tmp_path: Path) -> None:
    script = f'var t = "{_JWT}";\nvar h = "Bearer abcdefghijklmnopqrstuvwxyz";\nvar x = "plain";\n'
    facts = _facts(tmp_path, script)
    text = (tmp_path / "app.js").read_text(encoding="utf-8")
    placed = sorted((s.kind, text[s.place.start : s.place.end]) for s in facts.secrets)
    assert placed == [("bearer", "abcdefghijklmnopqrstuvwxyz"), ("jwt", _JWT)]
