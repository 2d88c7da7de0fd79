"""Requests to the tenant's REST API take more forms than fetch and axios' own functions: a client made with
the tenant as its base URL (``axios.create({ baseURL })``, ``ky.create({ prefixUrl })``, ofetch's
``$fetch.create``) and then called by its methods, and Nuxt's ``$fetch`` / ``useFetch``. Each is judged for the
web integration id, the cookie and the CSRF token like a fetch; a client of the project's own backend is not
Qlik's."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

TENANT = "acme.eu.qlikcloud.com"
ID = "abcdefghijABCDEFGHIJ0123456789_-"
PAGE = (
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.js"></script></body></html>'
)
MANIFEST = '{"name": "x", "dependencies": {"react": "18.2.0", "vite": "5.0.0", "axios": "1.6.0", "ky": "1.2.0"}}'
MAIN = """import { apps, reload } from './api.js';
apps().then((r) => console.log(r));
reload('1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e');
"""
BARE_AXIOS = f"""import axios from 'axios';

export const qlik = axios.create({{
  baseURL: 'https://{TENANT}/api/v1',
}});

export const apps = () => qlik.get('/items?resourceType=app');
export const reload = (appId) => qlik.post('/reloads', {{ appId }});
"""
BARE_KY = f"""import ky from 'ky';

const TENANT_URL = 'https://{TENANT}';
const qlik = ky.create({{ prefixUrl: `${{TENANT_URL}}/api/v1` }});

export const apps = () => qlik.get('items?resourceType=app').json();
export const reload = (appId) => qlik.post('reloads', {{ json: {{ appId }} }}).json();
"""
SIGNED_IN_AXIOS = f"""import axios from 'axios';

const qlik = axios.create({{
  baseURL: 'https://{TENANT}/api/v1',
  withCredentials: true,
  headers: {{ 'qlik-web-integration-id': '{ID}' }},
}});
qlik.interceptors.request.use(async (config) => {{
  const r = await axios.get('https://{TENANT}/api/v1/csrf-token', {{
    withCredentials: true, headers: {{ 'qlik-web-integration-id': '{ID}' }} }});
  config.headers['qlik-csrf-token'] = r.headers['qlik-csrf-token'];
  return config;
}});

export const apps = () => qlik.get('/items?resourceType=app');
export const reload = (appId) => qlik.post('/reloads', {{ appId }});
qlik.get('/users/me').catch((e) => {{
  if (e.response.status === 401) {{
    window.location.href = 'https://{TENANT}/login?qlik-web-integration-id={ID}&returnto=' +
      encodeURIComponent(window.location.href);
  }}
}});
"""
OWN_BACKEND = """import axios from 'axios';

const api = axios.create({ baseURL: import.meta.env.VITE_API_URL, headers: { 'X-Tenant': 'acme' } });

export const apps = () => api.get('/api/v1/apps');
export const reload = (appId) => api.post('/api/v1/reloads', { appId });
"""
REST_RULES = ("rest-no-web-integration-id", "rest-no-credentials", "rest-no-csrf", "login-missing")


def findings(folder: Path) -> list[tuple[str, int | None]]:
    return [(f.rule, f.line) for f in check_paths([str(folder)]).sorted() if f.rule in REST_RULES]


@pytest.mark.parametrize(("api", "get", "post"), [(BARE_AXIOS, 7, 8), (BARE_KY, 6, 7)])
def test_a_client_made_for_the_tenant_is_judged_for_each_request(tmp_path: Path, api: str, get: int, post: int) -> None:
    write(tmp_path, {"package.json": MANIFEST, "index.html": PAGE, "src/api.js": api, "src/main.js": MAIN})
    assert findings(tmp_path) == [
        ("login-missing", get),
        ("rest-no-credentials", get),
        ("rest-no-web-integration-id", get),
        ("rest-no-credentials", post),
        ("rest-no-csrf", post),
        ("rest-no-web-integration-id", post),
    ]


@pytest.mark.parametrize("api", [SIGNED_IN_AXIOS, OWN_BACKEND])
def test_a_signed_in_client_or_one_of_the_projects_backend_is_silent(tmp_path: Path, api: str) -> None:
    write(tmp_path, {"package.json": MANIFEST, "index.html": PAGE, "src/api.js": api, "src/main.js": MAIN})
    assert findings(tmp_path) == []


NUXT_CONFIG = f"""export default defineNuxtConfig({{
  ssr: false,
  runtimeConfig: {{ public: {{ qlikTenant: 'https://{TENANT}', qlikId: '{ID}' }} }},
}});
"""
COMPOSABLE = """export function useApps() {
  const config = useRuntimeConfig();
  return useFetch(`${config.public.qlikTenant}/api/v1/items?resourceType=app`, {
    credentials: 'include',%s
  });
}
"""


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", [("login-missing", 3), ("rest-no-web-integration-id", 3)]),
        ("\n    headers: { 'qlik-web-integration-id': config.public.qlikId },", [("login-missing", 3)]),
    ],
)
def test_nuxts_use_fetch_is_a_request(tmp_path: Path, header: str, expected: list[tuple[str, int]]) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "x", "dependencies": {"nuxt": "3.10.0"}}',
            "nuxt.config.ts": NUXT_CONFIG,
            "composables/useApps.ts": COMPOSABLE % header,
            "pages/index.vue": '<template><div>{{ data }}</div></template>\n<script setup lang="ts">\n'
            "const { data } = useApps();\n</script>\n",
        },
    )
    assert findings(tmp_path) == expected
