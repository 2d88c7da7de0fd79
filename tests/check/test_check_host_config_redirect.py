"""A host config's redirectUri is sent to Qlik as written (@qlik/api's createInteractiveLoginUrl): a relative
one, or one on the tenant's own origin, is no page of the app that Qlik can send the user back to, as with a
loader's data-redirect-uri. An absolute URL on the app's origin, or one the code builds, stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import TENANT, write

from mashup_gen.checker import check_paths

CLIENT = "0123456789abcdef0123456789abcdef"
CALLBACK = (
    f'<!doctype html><html><head><script crossorigin="anonymous" data-host="https://{TENANT}" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/api@2.19.0/oauth-callback.iife.js"></script></head></html>'
)


def redirect_findings(tmp_path: Path, redirect: str) -> list[tuple[str, int | None]]:
    code = (
        "import { auth } from '@qlik/api';\n"
        f"auth.setDefaultHostConfig({{\n  host: '{TENANT}',\n  authType: 'oauth2',\n  clientId: '{CLIENT}',\n"
        f"  redirectUri: {redirect},\n}});\n"
    )
    write(
        tmp_path,
        {
            "package.json": '{"name": "a", "type": "module", "dependencies": {"@qlik/api": "2.19.0"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script></body></html>',
            "oauth-callback.html": CALLBACK,
            "main.js": code,
        },
    )
    return [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule.startswith("embed-redirect")]


@pytest.mark.parametrize("redirect", ["'/oauth-callback.html'", f"'https://{TENANT}/oauth-callback.html'"])
def test_a_redirect_uri_that_is_no_page_of_the_app(tmp_path: Path, redirect: str) -> None:
    assert redirect_findings(tmp_path, redirect) == [("embed-redirect-off-origins", 6)]


@pytest.mark.parametrize(
    "redirect", ["'https://app.acme.com/oauth-callback.html'", "`${window.location.origin}/oauth-callback.html`"]
)
def test_a_redirect_uri_on_the_app_is_silent(tmp_path: Path, redirect: str) -> None:
    assert redirect_findings(tmp_path, redirect) == []
