"""An OAuth redirect URI given to qlik-embed or @qlik/api by name (``redirectUri: env.VITE_QLIK_REDIRECT_URI``,
``data-redirect-uri={REDIRECT}``) whose value, in an env file or a config module, names a page the project does
not have (``http://localhost:5173/oauth-callback.html`` with no oauth-callback.html anywhere): after signing in,
the tenant sends the browser to a 404. missing-file where the value is defined. With the page in public/, silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

CONFIG = """const env = import.meta.env;

export const hostConfig = {
  authType: 'Oauth2',
  host: env.VITE_QLIK_HOST,
  clientId: env.VITE_QLIK_CLIENT_ID,
  redirectUri: env.VITE_QLIK_REDIRECT_URI,
};
"""
CALLBACK = (
    '<!doctype html><html><body><script crossorigin="anonymous" type="application/javascript" '
    f'data-host="https://{TENANT}" src="https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js">'
    "</script></body></html>\n"
)


def missing(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "missing-file"]


@pytest.mark.parametrize(("callback", "expected"), [(None, [(".env", 3)]), ("public/oauth-callback.html", [])])
def test_a_redirect_uri_from_an_env_file(tmp_path: Path, callback: str | None, expected: list) -> None:
    files = {
        "package.json": '{"dependencies": {"@qlik/embed-react": "^1.2.0", "react": "^18.2.0", "vite": "^5.0.0"}}',
        ".env": (
            f"VITE_QLIK_HOST=https://{TENANT}\nVITE_QLIK_CLIENT_ID=0123456789abcdef0123456789abcdef\n"
            "VITE_QLIK_REDIRECT_URI=http://localhost:5173/oauth-callback.html\n"
        ),
        "index.html": '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.js">'
        "</script></body></html>\n",
        "src/qlik.js": CONFIG,
        "src/main.js": "import { hostConfig } from './qlik';\nconsole.log(hostConfig);\n",
    }
    if callback:
        files[callback] = CALLBACK
    assert missing(write(tmp_path, files)) == expected
