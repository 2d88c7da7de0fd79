"""Code that stands in for the tenant in tests and development: Mock Service Worker's handlers
(``http.get(`${TENANT}/api/v1/users/me`, resolver)`` in src/mocks/handlers.ts, which no test-file name marks),
nock and fetch-mock, and a test runner's own config (playwright.config.ts naming the tenant its tests stub).
The URLs there are answered, never requested, and their hosts are the runner's: no rest-* finding, and no
tenant-mixed against the app's real tenant. The same requests in a module of the app are still reported."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

VITE = '{"dependencies":{"@qlik/api":"2.19.0"},"devDependencies":{"vite":"5","msw":"2"}}'
PAGE = (
    '<!doctype html><html><body><div id="app"></div><script type="module" src="/src/main.js"></script></body></html>\n'
)
MAIN = (
    "import { auth, spaces } from '@qlik/api';\nauth.setDefaultHostConfig({ host: import.meta.env.VITE_QLIK_HOST, "
    "authType: 'cookie', webIntegrationId: import.meta.env.VITE_QLIK_WEB_INTEGRATION_ID, autoRedirect: true });\n"
    "if (import.meta.env.DEV) { const { worker } = await import('./mocks/browser.js'); await worker.start(); }\n"
    "spaces.getSpaces().then((r) => console.log(r.data));\n"
)
REQUESTS = (
    "const TENANT = 'https://mock.us.qlikcloud.com';\n"
    "export const handlers = [\n"
    "  http.get(`${TENANT}/api/v1/users/me`, () => HttpResponse.json({ id: 'u1' })),\n"
    "  http.post(`${TENANT}/api/v1/reloads`, () => HttpResponse.json({ id: 'r1' }, { status: 201 })),\n"
    "];\n"
)
MSW = "import { http, HttpResponse } from 'msw';\n" + REQUESTS
BROWSER = "import { setupWorker } from 'msw/browser';\nimport { handlers } from './handlers.js';\n"
BROWSER += "export const worker = setupWorker(...handlers);\n"
REST = ("rest-no-web-integration-id", "rest-no-credentials", "rest-no-csrf")


def rules(root: Path, names: tuple[str, ...]) -> list[str]:
    return sorted(f"{Path(f.path or '').name}:{f.rule}" for f in check_paths([str(root)]).findings if f.rule in names)


def test_mock_service_worker_handlers_are_no_requests(tmp_path: Path) -> None:
    files = {"index.html": PAGE, "src/main.js": MAIN, "package.json": VITE}
    write(tmp_path, files | {"src/mocks/handlers.js": MSW, "src/mocks/browser.js": BROWSER})
    assert rules(tmp_path, REST) == []


def test_the_same_calls_in_the_apps_own_client_are_requests(tmp_path: Path) -> None:
    # an Angular-style client whose http.get really requests the tenant: nothing mocks it
    client = REQUESTS.replace("() => HttpResponse.json({ id: 'u1' })", "{}").replace(
        "() => HttpResponse.json({ id: 'r1' }, { status: 201 })", "{}"
    )
    client = "import { http } from './http.js';\n" + client
    files = {"index.html": PAGE, "src/main.js": MAIN + "import './api/handlers.js';\n", "package.json": VITE}
    write(tmp_path, files | {"src/api/handlers.js": client, "src/http.js": "export const http = {};\n"})
    assert rules(tmp_path, REST) != []


CALLBACK = (
    '<!doctype html><html><head><script crossorigin="anonymous" data-host="https://{host}" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js"></script></head><body></body></html>\n'
)
PLAYWRIGHT = (
    "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ webServer: { command: "
    "'npm run dev', port: 3000, env: { QLIK_HOST: 'https://e2e-tenant.us.qlikcloud.com', QLIK_CLIENT_ID: 'e2e' } } "
    "});\n"
)


def test_a_test_runners_config_names_its_own_tenant(tmp_path: Path) -> None:
    files = {"index.html": PAGE, "src/main.js": MAIN, "package.json": VITE}
    files |= {"public/oauth-callback.html": CALLBACK.format(host=TENANT), "playwright.config.ts": PLAYWRIGHT}
    write(tmp_path, files)
    assert rules(tmp_path, ("tenant-mixed",)) == []


def test_another_tenant_in_the_apps_code_is_still_mixed(tmp_path: Path) -> None:
    main = MAIN + "fetch('https://other.us.qlikcloud.com/api/v1/users/me', { credentials: 'include', headers: "
    main += f"{{ 'qlik-web-integration-id': '{ID}' }} }});\n"
    files = {"index.html": PAGE, "src/main.js": main, "package.json": VITE}
    files |= {"public/oauth-callback.html": CALLBACK.format(host=TENANT), "playwright.config.ts": PLAYWRIGHT}
    write(tmp_path, files)
    assert rules(tmp_path, ("tenant-mixed",)) != []
