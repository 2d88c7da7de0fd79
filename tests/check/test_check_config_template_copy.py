"""The settings file a developer makes from a committed template: the page loads ``js/config.js``, which the
project's .gitignore keeps out of the repository, and ``js/config.example.js`` beside it holds placeholders
(README: copy it to js/config.js and fill it in). The missing config.js is the design, not a broken reference,
and the template's placeholders are the reader's: no missing-file, no placeholder. Without the .gitignore entry the
missing file is still reported, and a template the page loads itself is its settings."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

TEMPLATE = (
    "// Copy to js/config.js and fill in\nwindow.QLIK_CONFIG = {\n  host: 'your-tenant.eu.qlikcloud.com',\n"
    "  webIntegrationId: 'your-web-integration-id',\n  appId: 'your-app-id',\n};\n"
)
MAIN = (
    "var c = window.QLIK_CONFIG;\nvar base = 'https://' + c.host;\n"
    "fetch(base + '/api/v1/users/me', { credentials: 'include', headers: { 'qlik-web-integration-id': "
    "c.webIntegrationId } }).then(function (r) {\n  if (r.status === 401) location.href = base + "
    "'/login?qlik-web-integration-id=' + c.webIntegrationId + '&returnto=' + encodeURIComponent(location.href);\n"
    "});\n"
)


def page(config: str) -> str:
    return (
        f'<!doctype html><html><head>\n<script src="{config}"></script>\n<script src="js/main.js" defer></script>\n'
        "</head><body></body></html>\n"
    )


def findings(root: Path) -> list[str]:
    rules = ("missing-file", "placeholder")
    return sorted({f"{Path(f.path or '').name}:{f.rule}" for f in check_paths([str(root)]).findings if f.rule in rules})


def test_a_git_ignored_settings_file_made_from_its_template(tmp_path: Path) -> None:
    files = {"index.html": page("js/config.js"), "js/main.js": MAIN, "js/config.example.js": TEMPLATE}
    write(tmp_path, files | {".gitignore": "js/config.js\n"})
    assert findings(tmp_path) == []


def test_a_missing_file_nothing_ignores_is_missing(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page("js/config.js"), "js/main.js": MAIN, "js/config.example.js": TEMPLATE})
    assert findings(tmp_path) == ["index.html:missing-file"]


def test_a_template_the_page_loads_is_its_settings(tmp_path: Path) -> None:
    files = {"index.html": page("js/config.example.js"), "js/main.js": MAIN, "js/config.example.js": TEMPLATE}
    write(tmp_path, files | {".gitignore": "js/config.js\n"})
    assert findings(tmp_path) == ["config.example.js:placeholder"]


def test_an_angular_environment_template(tmp_path: Path) -> None:
    # environment.ts is git-ignored; the committed environment.example.ts is what each developer copies
    example = (
        "export const environment = {\n  production: false,\n  qlikHost: 'YOUR_TENANT.eu.qlikcloud.com',\n"
        "  qlikClientId: 'YOUR_OAUTH_CLIENT_ID',\n};\n"
    )
    main = (
        "import { auth } from '@qlik/api';\nimport { environment } from './environments/environment';\n"
        "auth.setDefaultHostConfig({ host: environment.qlikHost, authType: 'oauth2', "
        "clientId: environment.qlikClientId, redirectUri: `${location.origin}/cb.html` });\n"
    )
    files = {
        "angular.json": (
            '{"projects":{"app":{"architect":{"build":{"options":{"index":"src/index.html","assets":["src/cb.html"]}}}}}}'
        ),
        "src/cb.html": "<!doctype html><html><head></head><body></body></html>",
        "package.json": '{"dependencies":{"@angular/core":"17","@qlik/api":"2.19.0"}}',
        ".gitignore": "src/environments/environment.ts\n",
        "src/index.html": '<!doctype html><html><head><base href="/"></head><body><app-root></app-root></body></html>',
        "src/main.ts": main,
        "src/environments/environment.example.ts": example,
    }
    write(tmp_path, files)
    assert findings(tmp_path) == []


def test_a_template_the_app_imports_is_its_settings(tmp_path: Path) -> None:
    # a generator's template whose code imports the sample itself (import { config } from "../config.sample")
    sample = "export const config = {\n  host: 'your-tenant.eu.qlikcloud.com',\n  appId: '',\n};\n"
    main = (
        "import { auth } from '@qlik/api';\nimport { config } from './config.sample';\n"
        "auth.setDefaultHostConfig({ host: config.host, authType: 'oauth2', clientId: 'c', "
        "redirectUri: location.href });\nconsole.log(config.appId);\n"
    )
    files = {
        "package.json": '{"dependencies":{"@qlik/api":"2.19.0"},"devDependencies":{"vite":"5"}}',
        "index.html": '<!doctype html><html><body><script type="module" src="/src/main.ts"></script></body></html>',
        "src/main.ts": main,
        "src/config.sample.ts": sample,
    }
    write(tmp_path, files)
    assert findings(tmp_path) == ["config.sample.ts:placeholder"]
