"""What test runners and demos load around an app: Create React App's src/setupTests.js, jest.setup.js and
vitest.setup.ts (which stub the env with a test tenant), and the stand-ins tests share (src/mocks/, __fixtures__/,
fixtures/, test-utils/). Their hosts and ids are fakes, not a second tenant of the app: no tenant-mixed. The
same tenant in a module of the app is still a mix."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

CRA = '{"dependencies":{"react-scripts":"5.0.1","@qlik/embed-react":"1.2.0"}}'
APP = (
    "import { QlikEmbed } from '@qlik/embed-react';\n"
    f"const hostConfig = {{ host: 'https://{TENANT}', clientId: process.env.REACT_APP_QLIK_CLIENT_ID, "
    "redirectUri: `${window.location.origin}/oauth-callback.html` };\n"
    'export default function App() { return <QlikEmbed hostConfig={hostConfig} ui="classic/app" appId="a" />; }\n'
)
INDEX = "import ReactDOM from 'react-dom/client';\nimport App from './App';\n"
INDEX += "ReactDOM.createRoot(document.getElementById('root')).render(<App />);\n"
FAKE = (
    "process.env.REACT_APP_QLIK_HOST = 'https://jest.us.qlikcloud.com';\n"
    "export const apps = [\n"
    "  { name: 'Demo', links: { self: { href: 'https://fixture.eu.qlikcloud.com/api/v1/items/a1' } } },\n];\n"
)


def mixed(root: Path, path: str) -> list[str]:
    write(root, {"package.json": CRA, "src/index.js": INDEX, "src/App.js": APP, path: FAKE})
    return sorted({Path(f.path or "").name for f in check_paths([str(root)]).findings if f.rule == "tenant-mixed"})


@pytest.mark.parametrize(
    "path",
    [
        "src/setupTests.js",
        "jest.setup.js",
        "vitest.setup.ts",
        "src/mocks/qlikData.js",
        "src/__fixtures__/apps.js",
        "test/fixtures/apps.js",
        "src/test-utils/apps.js",
    ],
)
def test_test_setup_and_stand_ins(tmp_path: Path, path: str) -> None:
    assert mixed(tmp_path, path) == []


def test_the_same_tenants_in_the_apps_module(tmp_path: Path) -> None:
    assert "apps.js" in mixed(tmp_path, "src/apps.js")
