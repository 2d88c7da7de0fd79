"""``.env`` files: entries with exact value spans, templates told apart, placeholders and shipped secrets."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mashup_gen.checker import check_paths
from mashup_gen.source.envfiles import entries, is_env_file, is_template


def test_entries_and_their_spans() -> None:
    text = "A=1\n# comment\nexport B=\"two words\"\nC='x' # note\n  D = plain # trailing\nnot a line\n"
    found = {e.key: e.value for e in entries(text)}
    assert found == {"A": "1", "B": "two words", "C": "x", "D": "plain"}
    for entry in entries(text):
        assert text[entry.start : entry.end] == entry.value


@given(st.from_regex(r"[A-Z_][A-Z0-9_]{0,10}", fullmatch=True), st.from_regex(r"[^\s\"'#]{0,20}", fullmatch=True))
def test_any_unquoted_value_round_trips(key: str, value: str) -> None:
    text = f'{key}={value}\n{key}_Q="{value}"\n'
    for entry in entries(text):
        assert entry.value == value and text[entry.start : entry.end] == value


def test_names() -> None:
    assert is_env_file(".env") and is_env_file(".env.production") and not is_env_file("env.js")
    assert is_template(".env.example") and is_template(".env.sample") and not is_template(".env.local")


def test_placeholders_point_at_the_env_line_and_templates_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<script type="module" src="main.js"></script>')
    (tmp_path / "main.js").write_text(
        "const host = import.meta.env.VITE_QLIK_HOST;\nconst clientId = import.meta.env.VITE_QLIK_CLIENT_ID;\n"
    )
    (tmp_path / ".env").write_text("VITE_QLIK_HOST=acme.eu.qlikcloud.com\nVITE_QLIK_CLIENT_ID=<your client id>\n")
    (tmp_path / ".env.example").write_text("VITE_QLIK_HOST=your-tenant.eu.qlikcloud.com\n")
    found = [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(tmp_path)]).sorted()]
    assert ("placeholder", ".env", 2) in found
    assert not [f for f in found if f[1] == ".env.example"]
    assert ("placeholder", ".env", 1) not in found


def test_a_public_secret_ships_but_a_server_one_does_not(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / ".gitignore").write_text(".env\n")  # kept out of commits: only where each value goes counts here
    (tmp_path / ".env").write_text("NEXT_PUBLIC_QLIK_API_KEY=abcdefgh12345678\nQLIK_CLIENT_SECRET=abcdefgh12345678\n")
    found = [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.path.endswith(".env")]
    assert found == [("secret-in-code", 1)]


def test_an_unfilled_dollar_brace_in_a_static_page_is_a_placeholder(tmp_path: Path) -> None:
    page = (
        '<script src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.min.js" '
        'data-host="${QLIK_HOST}" data-auth-type="Oauth2" data-client-id="${clientId}"></script>'
    )
    (tmp_path / "index.html").write_text(page)
    assert [(f[0], f[2]) for f in findings_of(tmp_path) if f[0] == "placeholder"] == [("placeholder", 1)] * 2
    (tmp_path / "index.html").unlink()
    (tmp_path / "index.ejs").write_text(page.replace("${", "<%= ").replace("}", " %>"))
    assert not [f for f in findings_of(tmp_path) if f[0] == "placeholder"]


def findings_of(path: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(path)]).sorted()]
