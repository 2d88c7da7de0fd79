"""A helper that loads the capability API reads the web integration id from the config its caller hands it
(``require.config({ webIntegrationId: config.webIntegrationId })`` inside ``loadQlik(config)``): a caller whose
object has no webIntegrationId hands over nothing, and the id is missing there, in another module. A caller that
passes the id, or passes an object not written where it calls, is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, LOGIN, TENANT, write

HELPER = """export const loadQlik = async (config) => {
  window.require.config({
    baseUrl: `https://${config.host}/resources`,
    webIntegrationId: config.webIntegrationId,
  });
  return new Promise((resolve) => {
    window.require(['js/qlik'], (qlik) => resolve(qlik.openApp(config.appId, { ...config, isSecure: true })));
  });
};
"""
CALLER = f"""import {{ loadQlik }} from './capability';

export async function openSales() {{
  const config = {{ host: '{TENANT}', port: 443, prefix: '/', appId: '{APP}'%(extra)s }};
  return loadQlik(config);
}}
"""


def project(tmp_path: Path, extra: str) -> Path:
    return write(
        tmp_path,
        {
            "package.json": '{"name": "a", "dependencies": {"vue": "3"}}',
            "index.html": f'<!doctype html><html><head><script src="https://{TENANT}/resources/assets/external/'
            'requirejs/require.js"></script></head><body><div id="app"></div>'
            '<script type="module" src="/src/main.js"></script></body></html>',
            "src/main.js": f"import {{ openSales }} from './sales';\n{LOGIN}openSales();\n",
            "src/capability.js": HELPER,
            "src/sales.js": CALLER % {"extra": extra},
        },
    )


def missing(folder: Path) -> list[tuple[str, int]]:
    found = check_paths([str(folder)]).sorted()
    return [(Path(f.path).name, f.line) for f in found if f.rule == "require-config-no-id"]


def test_a_caller_handing_a_config_without_the_id_is_reported_where_it_builds_it(tmp_path: Path) -> None:
    assert missing(project(tmp_path, "")) == [("sales.js", 4)]


@pytest.mark.parametrize("extra", [f", webIntegrationId: '{ID}'", ", ...defaults"])
def test_a_caller_handing_the_id_or_an_unknown_object_is_silent(tmp_path: Path, extra: str) -> None:
    assert missing(project(tmp_path, extra)) == []
