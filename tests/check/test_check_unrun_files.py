"""Files of a bundled app that never run in its pages: a config template nothing imports (config.example.js, the
file to copy and fill in), a snippet in docs/, Storybook's stories (*.stories.tsx, loaded by Storybook only).
Their placeholders and ids are no value the app uses: no placeholder nor web-integration-id-invalid. The same
placeholder in a module the app imports is still one."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

VITE = '{"dependencies":{"@qlik/api":"2.19.0","@qlik/embed-react":"1.2.0"},"devDependencies":{"vite":"5"}}'
PAGE = (
    '<!doctype html><html><body><div id="app"></div><script type="module" src="/src/main.js"></script></body></html>\n'
)
MAIN = (
    "import { auth } from '@qlik/api';\nauth.setDefaultHostConfig({ host: import.meta.env.VITE_QLIK_HOST, "
    "authType: 'cookie', webIntegrationId: import.meta.env.VITE_QLIK_WEB_INTEGRATION_ID, autoRedirect: true });\n"
)
TEMPLATE = "export default { host: 'your-tenant.qlikcloud.com', webIntegrationId: '<WEB_INTEGRATION_ID>' };\n"
STORY = (
    "import { QlikEmbed } from '@qlik/embed-react';\nexport default { title: 'Chart', component: QlikEmbed };\n"
    "export const Default = { args: { ui: 'analytics/chart', appId: 'APP_ID', objectId: 'OBJECT_ID', "
    "hostConfig: { host: 'tenant.region.qlikcloud.com', clientId: 'CLIENT_ID' } } };\n"
)
RULES = ("placeholder", "web-integration-id-invalid")


def errors(root: Path) -> list[str]:
    return sorted({Path(f.path or "").name for f in check_paths([str(root)]).findings if f.rule in RULES})


@pytest.mark.parametrize(
    "files",
    [
        {"src/config.example.js": TEMPLATE},
        {"docs/snippet.js": TEMPLATE.replace("export default", "auth.setDefaultHostConfig(") + ");\n"},
        {"src/Chart.stories.jsx": STORY},
    ],
    ids=["config template", "docs snippet", "story"],
)
def test_files_that_never_run_in_the_app(tmp_path: Path, files: dict[str, str]) -> None:
    write(tmp_path, {"index.html": PAGE, "src/main.js": MAIN, "package.json": VITE} | files)
    assert errors(tmp_path) == []


def test_a_template_the_app_imports_is_its_config(tmp_path: Path) -> None:
    main = "import config from './config.example.js';\n" + MAIN.replace("import.meta.env.VITE_QLIK_HOST", "config.host")
    files = {"index.html": PAGE, "src/main.js": main, "src/config.example.js": TEMPLATE, "package.json": VITE}
    write(tmp_path, files)
    assert errors(tmp_path) == ["config.example.js"]
