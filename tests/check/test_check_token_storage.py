"""qlik-embed's OAuth token storage: @qlik/api compares accessTokenStorage with exactly "session" and "local"
(its typings: "session" | "local"); any other value keeps the token nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

PAGE = """<!doctype html><html><head>
<script crossorigin="anonymous" type="application/javascript"
  src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.min.js"
  data-host="https://acme.eu.qlikcloud.com" data-client-id="5b2e8d0c7a4f41e3"
  data-redirect-uri="http://localhost:8000/oauth-callback.html"
  data-access-token-storage="%s"></script></head>
<body><qlik-embed ui="analytics/sheet" app-id="7c1f3a52-9d4e-4b8a-a6f2-3e5d7c9b1a04"></qlik-embed></body></html>
"""
HOST_CONFIG = """import { QlikEmbedConfig } from "@qlik/embed-react";

export const hostConfig = {
  host: "https://acme.eu.qlikcloud.com",
  authType: "Oauth2",
  clientId: "5b2e8d0c7a4f41e3",
  redirectUri: `${window.location.origin}/oauth-callback.html`,
  accessTokenStorage: "%s",
};
"""
CALLBACK = """<!doctype html><html><head><script crossorigin="anonymous" data-host="https://acme.eu.qlikcloud.com"
src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/oauth-callback.js"></script></head></html>
"""


def storage(root: Path) -> list[tuple[str, int]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule == "embed-token-storage"]


@pytest.mark.parametrize(("value", "expected"), [("localStorage", [("index.html", 6)]), ("local", []), ("session", [])])
def test_the_attribute(tmp_path: Path, value: str, expected: list[tuple[str, int]]) -> None:
    (tmp_path / "index.html").write_text(PAGE % value)
    (tmp_path / "oauth-callback.html").write_text(CALLBACK)
    assert storage(tmp_path) == expected


@pytest.mark.parametrize(("value", "expected"), [("sessionStorage", [("config.ts", 8)]), ("session", [])])
def test_the_host_config(tmp_path: Path, value: str, expected: list[tuple[str, int]]) -> None:
    (tmp_path / "package.json").write_text('{"name": "r", "dependencies": {"@qlik/embed-react": "1"}}')
    (tmp_path / "index.html").write_text('<!doctype html><html><body><script type="module" src="/src/config.ts">')
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "config.ts").write_text(HOST_CONFIG % value)
    assert storage(tmp_path) == expected
