"""A Content-Security-Policy the app's server or framework sends as a response header, written as a policy
string in its code (Next.js's ``headers()`` in next.config.js, Express's ``res.setHeader("Content-Security-
Policy", "...")``): when the tenant is not in a directive the pages need (qlik-embed loads the tenant's
/qlik-embed/main.js: script-src), the browser blocks it. csp-blocks-tenant at that directive's string. A source
computed from the environment (``${qlikHost}``) may be the tenant and is not judged; a policy that lists the
tenant is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

NEXT_CONFIG = """const qlikHost = process.env.NEXT_PUBLIC_QLIK_HOST;

const csp = [
  "default-src 'self'",
  "script-src 'self' SCRIPT",
  `connect-src 'self' ${qlikHost} ${qlikHost.replace('https:', 'wss:')}`,
].join('; ');

module.exports = {
  async headers() {
    return [{ source: '/(.*)', headers: [{ key: 'Content-Security-Policy', value: csp }] }];
  },
};
"""
PAGE = f"""'use client';
import {{ QlikEmbed }} from '@qlik/embed-react';

const hostConfig = {{
  host: process.env.NEXT_PUBLIC_QLIK_HOST,
  clientId: process.env.NEXT_PUBLIC_QLIK_CLIENT_ID,
  redirectUri: 'https://portal.example.com/oauth-callback.html',
  authType: 'Oauth2',
}};

export default function Page() {{
  return <QlikEmbed hostConfig={{hostConfig}} ui="analytics/chart" appId="{APP}" objectId="x" />;
}}
"""
EXPRESS = """const express = require('express');
const app = express();
app.use((req, res, next) => {
  res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self' SCRIPT; connect-src *");
  next();
});
app.use(express.static('public'));
app.listen(3000);
"""
EMBED_PAGE = (
    '<!doctype html><html><head><script crossorigin="anonymous" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js" '
    'data-host="https://TENANT" data-auth-type="cookie" data-web-integration-id="abcdefghijABCDEFGHIJ0123456789_-">'
    f'</script></head><body><qlik-embed ui="analytics/selections" app-id="{APP}"></qlik-embed></body></html>\n'
)


CALLBACK = (
    '<!doctype html><html><body><script crossorigin="anonymous" type="application/javascript" '
    f'data-host="https://{TENANT}" src="https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js">'
    "</script></body></html>\n"
)


def blocks(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "csp-blocks-tenant"]


@pytest.mark.parametrize(
    ("script", "expected"),
    [("https://cdn.jsdelivr.net", [("next.config.js", 5)]), ("https://cdn.jsdelivr.net ${qlikHost}", [])],
    ids=["tenant-missing", "tenant-from-env"],
)
def test_next_config_headers(tmp_path: Path, script: str, expected: list) -> None:
    files = {
        "package.json": '{"dependencies": {"next": "^14.2.0", "react": "^18.3.0", "@qlik/embed-react": "^1.2.0"}}',
        "next.config.js": NEXT_CONFIG.replace("\"script-src 'self' SCRIPT\"", f"`script-src 'self' {script}`"),
        "app/page.jsx": PAGE,
        "public/oauth-callback.html": CALLBACK,
        ".env.production": f"NEXT_PUBLIC_QLIK_HOST=https://{TENANT}\nNEXT_PUBLIC_QLIK_CLIENT_ID=0123456789abcdef0123456789abcdef\n",
    }
    assert blocks(write(tmp_path, files)) == expected


@pytest.mark.parametrize(
    ("script", "expected"),
    [("https://cdn.jsdelivr.net", [("server.js", 4)]), (f"https://cdn.jsdelivr.net https://{TENANT}", [])],
    ids=["tenant-missing", "tenant-listed"],
)
def test_express_set_header(tmp_path: Path, script: str, expected: list) -> None:
    files = {
        "package.json": '{"dependencies": {"express": "^4.19.0"}}',
        "server.js": EXPRESS.replace("SCRIPT", script).replace("TENANT", TENANT),
        "public/index.html": EMBED_PAGE.replace("TENANT", TENANT),
    }
    assert blocks(write(tmp_path, files)) == expected
