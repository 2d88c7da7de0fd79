"""qlik-embed's data-host or an @qlik/api host config's host given a name (``data-host={host}``, ``host:
import.meta.env.VITE_QLIK_HOST``) whose value, in an env file or a config module, is a tenant's URL with a path
copied from the address bar (``https://acme.eu.qlikcloud.com/hub/home``): both packages join their own paths to
it, so nothing loads. embed-host-not-origin, at the definition (the line to change). The bare origin there is
silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

DOCUMENT = """import { Html, Head, Main, NextScript } from 'next/document';

const host = process.env.NEXT_PUBLIC_QLIK_HOST;

export default function Document() {
  return (
    <Html>
      <Head>
        <script
          crossOrigin="anonymous"
          src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"
          data-host={host}
          data-client-id="0123456789abcdef0123456789abcdef"
          data-redirect-uri="https://portal.example.com/oauth-callback.html"
          data-auth-type="Oauth2"
        />
      </Head>
      <body><Main /><NextScript /></body>
    </Html>
  );
}
"""
PROVIDER = """import { QlikEmbed } from '@qlik/embed-react';
import { TENANT_URL } from './settings';

const APP = '1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e';

const hostConfig = {
  host: TENANT_URL,
  clientId: '0123456789abcdef0123456789abcdef',
  redirectUri: 'https://portal.example.com/oauth-callback.html',
  authType: 'Oauth2',
};

export default function Chart() {
  return <QlikEmbed hostConfig={hostConfig} ui="analytics/chart" appId={APP} objectId="x" />;
}
"""


def hosts(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "embed-host-not-origin"]


@pytest.mark.parametrize(
    ("value", "expected"), [(f"https://{TENANT}/hub/home", [(".env.local", 1)]), (f"https://{TENANT}", [])]
)
def test_a_loader_host_from_an_env_file(tmp_path: Path, value: str, expected: list[tuple[str, int]]) -> None:
    files = {
        "package.json": '{"dependencies": {"next": "^14.0.0", "react": "^18.2.0"}}',
        "pages/_document.js": DOCUMENT,
        ".env.local": f"NEXT_PUBLIC_QLIK_HOST={value}\n",
        "pages/index.js": f'export default () => <qlik-embed ui="analytics/selections" app-id="{APP}" />;\n',
    }
    assert hosts(write(tmp_path, files)) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(f"https://{TENANT}/sense/app/1f5c9a9e", [("settings.js", 1)]), (f"https://{TENANT}/", [])]
)
def test_a_host_config_host_from_a_config_module(tmp_path: Path, value: str, expected: list[tuple[str, int]]) -> None:
    files = {
        "package.json": '{"dependencies": {"@qlik/embed-react": "^1.2.0", "react": "^18.2.0", "vite": "^5.0.0"}}',
        "src/Chart.jsx": PROVIDER,
        "src/settings.js": f"export const TENANT_URL = '{value}';\n",
    }
    assert hosts(write(tmp_path, files)) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(f"https://{TENANT}/hub/", [(".env.production", 2)]), (f"https://{TENANT}", [])]
)
def test_a_loader_host_replaced_by_the_bundler(tmp_path: Path, value: str, expected: list[tuple[str, int]]) -> None:
    page = (
        '<!doctype html><html><head>\n<script crossorigin="anonymous" '
        'src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"\n'
        '  data-host="%VITE_QLIK_HOST%" data-client-id="%VITE_QLIK_CLIENT_ID%" data-auth-type="Oauth2"\n'
        '  data-redirect-uri="https://portal.example.com/oauth-callback.html"></script>\n</head><body>\n'
        f'<qlik-embed ui="analytics/selections" app-id="{APP}"></qlik-embed>\n</body></html>\n'
    )
    files = {
        "package.json": '{"devDependencies": {"vite": "^5.0.0"}}',
        "index.html": page,
        "public/oauth-callback.html": "<!doctype html><html><body></body></html>\n",
        ".env.production": f"VITE_QLIK_CLIENT_ID=0123456789abcdef0123456789abcdef\nVITE_QLIK_HOST={value}\n",
    }
    assert hosts(write(tmp_path, files)) == expected
