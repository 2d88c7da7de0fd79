"""Secrets in the project's JSON and YAML files (they belong in the server's environment), and qlik-embed's
OAuth2 with data-get-access-token (a backend hands out the token: no redirect URI)."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths


def findings(path: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(path)]).sorted()]


def test_a_secret_in_json_or_yaml_is_reported_where_it_is_written(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "x"}')
    (tmp_path / "oauth.json").write_text('{\n  "clientId": "abc",\n  "clientSecret": "c7f3e9a1b5d24f6e8a0c2b4d"\n}\n')
    (tmp_path / "config.yaml").write_text("qlik:\n  api_key: eyJhbGciOiJFUzM4NCJ9abcdef\n")
    found = findings(tmp_path)
    assert ("secret-in-file", "oauth.json", 3) in found
    assert ("secret-in-file", "config.yaml", 2) in found


def test_environment_references_placeholders_and_lock_files_are_not_secrets(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "x"}')
    (tmp_path / "a.json").write_text('{"clientSecret": "${QLIK_CLIENT_SECRET}", "apiKey": "<your api key here>"}')
    (tmp_path / "b.yml").write_text("password: your-password-goes-here\ntoken_endpoint: /oauth/token\n")
    (tmp_path / "package-lock.json").write_text('{"secret": "c7f3e9a1b5d24f6e8a0c2b4d6f8e1a3c"}')
    (tmp_path / "big.json").write_text('{"secret": "c7f3e9a1b5d24f6e8a0c2b4d6f8e1a3c", "pad": "' + "x" * 300_000 + '"}')
    assert not [f for f in findings(tmp_path) if f[0] == "secret-in-file"]


EMBED = """<!doctype html><html><head>
<script crossorigin="anonymous" type="application/javascript"
  src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.min.js"
  data-host="https://acme.eu.qlikcloud.com" data-auth-type="Oauth2" data-client-id="5b2e8d0c7a4f41e3"
  {extra}></script></head>
<body><qlik-embed ui="analytics/sheet" app-id="7c1f3a52-9d4e-4b8a-a6f2-3e5d7c9b1a04"></qlik-embed></body></html>
"""


def test_oauth2_with_get_access_token_needs_no_redirect_uri(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(EMBED.format(extra='data-get-access-token="getToken"'))
    assert "embed-oauth-no-redirect-uri" not in {f[0] for f in findings(tmp_path)}
    (tmp_path / "index.html").write_text(EMBED.format(extra=""))
    assert "embed-oauth-no-redirect-uri" in {f[0] for f in findings(tmp_path)}


def test_auth_types_from_qliks_table(tmp_path: Path) -> None:
    from mashup_gen.source.auth import AUTH_TYPES, auth_type

    assert auth_type("Oauth2") is AUTH_TYPES["oauth2"] and auth_type("windows-cookie") is AUTH_TYPES["windowscookie"]
    assert auth_type("jwt") is None
    cases = (("Oauth2", False), ("cookie", False), ("windowscookie", True), ("apikey", True), ("jwt", True))
    for value, flagged in cases:
        (tmp_path / "index.html").write_text(EMBED.format(extra="").replace('"Oauth2"', f'"{value}"'))
        assert ("embed-auth-type" in {f[0] for f in findings(tmp_path)}) is flagged, value


def test_a_compose_substitution_is_the_environments_variable(tmp_path: Path) -> None:
    # ${NAME:-fallback} reads NAME from the environment; the name inside is no entry of the file. A value
    # written as the entry itself is still a secret in the file.
    (tmp_path / "package.json").write_text('{"name": "x"}')
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  db:\n"
        "    environment:\n"
        "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-change_me_in_production}\n"
        "      DATABASE_URL: postgres://app:${POSTGRES_PASSWORD:-change_me_in_production}@db:5432/app\n"
        "  api:\n"
        "    environment:\n"
        "      QLIK_CLIENT_SECRET: c7f3e9a1b5d24f6e8a0c2b4d6f8e1a3c\n"
    )
    assert [f for f in findings(tmp_path) if f[0] == "secret-in-file"] == [("secret-in-file", "compose.yaml", 8)]


def test_an_example_files_sample_secret_is_not_but_a_real_api_key_there_is(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "x"}')
    (tmp_path / "settings-example.json").write_text(
        '{\n  "captcha": { "secret": "6dafdsfasdfasdfadsfdsafh" },\n'
        '  "qlik": { "apiKey": "eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2ln" }\n}\n'
    )
    found = [f for f in findings(tmp_path) if f[0] == "secret-in-file"]
    assert found == [("secret-in-file", "settings-example.json", 3)]


def test_oauth2_without_a_redirect_uri_is_a_warning(tmp_path: Path) -> None:
    """Qlik's auth module then sends the user back to the page's own address: it works when that address is
    registered on the OAuth client, so it is a risk to point out, not a page that cannot work."""
    (tmp_path / "index.html").write_text(EMBED.format(extra=""))
    found = [f for f in check_paths([str(tmp_path)]).sorted() if f.rule == "embed-oauth-no-redirect-uri"]
    assert [f.severity.value for f in found] == ["warning"]
