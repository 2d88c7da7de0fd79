"""The OAuth callback page's data-host written literally while the app's host config reads the tenant from the
environment: pointing the environment at another tenant leaves the callback on the first one."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

CALLBACK = """<!doctype html><html><head>
<script crossorigin="anonymous" type="application/javascript"
  data-host="%s"
  src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/oauth-callback.js"></script>
</head></html>
"""
APP = """import { QlikEmbedConfig } from "@qlik/embed-react";

const hostConfig = {
  host: %s,
  authType: "Oauth2",
  clientId: "5b2e8d0c7a4f41e3",
  redirectUri: `${window.location.origin}/oauth-callback.html`,
};
export default hostConfig;
"""


@pytest.mark.parametrize(
    ("callback_host", "app_host", "expected"),
    [
        ("https://acme.eu.qlikcloud.com", "import.meta.env.VITE_QLIK_HOST", [("oauth-callback.html", 3)]),
        ("%VITE_QLIK_HOST%", "import.meta.env.VITE_QLIK_HOST", []),  # filled in by the build
        ("https://acme.eu.qlikcloud.com", '"https://acme.eu.qlikcloud.com"', []),  # both written: one tenant
    ],
)
def test_callback_host(tmp_path: Path, callback_host: str, app_host: str, expected: list[tuple[str, int]]) -> None:
    (tmp_path / "package.json").write_text('{"name": "r", "dependencies": {"@qlik/embed-react": "1"}}')
    (tmp_path / "index.html").write_text('<!doctype html><html><body><script type="module" src="/src/App.tsx">')
    (tmp_path / "oauth-callback.html").write_text(CALLBACK.replace("%s", callback_host))
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "App.tsx").write_text(APP.replace("%s", app_host))
    found = check_paths([str(tmp_path)]).sorted()
    mixed = [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "embed-host-config-mixed"]
    assert mixed == expected


@pytest.mark.parametrize(("env", "flagged"), [("acme.eu.qlikcloud.com", False), ("<YOUR_TENANT>", True)])
def test_an_env_file_that_agrees_with_the_callback(tmp_path: Path, env: str, flagged: bool) -> None:
    (tmp_path / "package.json").write_text('{"name": "r", "dependencies": {"@qlik/embed-react": "1"}}')
    (tmp_path / "index.html").write_text('<!doctype html><html><body><script type="module" src="/src/App.tsx">')
    (tmp_path / "oauth-callback.html").write_text(CALLBACK.replace("%s", "https://acme.eu.qlikcloud.com"))
    (tmp_path / ".env").write_text(f"VITE_QLIK_HOST={env}\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "App.tsx").write_text(APP.replace("%s", "import.meta.env.VITE_QLIK_HOST"))
    rules = {f.rule for f in check_paths([str(tmp_path)]).sorted() if f.path.endswith("oauth-callback.html")}
    assert ("embed-host-config-mixed" in rules) is flagged
