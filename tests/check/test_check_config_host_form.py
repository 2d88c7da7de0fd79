"""config-contradicts-tenant says the capability API wants a host name alone. A {host, webIntegrationId} object
in a project that never loads the capability API feeds another reader (qlik-embed's data-host={qlik.host},
which takes the tenant's URL), so a host written as a URL is no contradiction there. In a capability mashup it
still is."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, TENANT, write

CONFIG = f'export const qlik = {{\n  host: "https://{TENANT}",\n  webIntegrationId: "{ID}",\n}};\n'
SVELTE = (
    '<script>\n  import { qlik } from "./lib/config";\n</script>\n<svelte:head>\n  <script crossorigin="anonymous" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js" data-host={qlik.host} '
    'data-auth-type="cookie" data-web-integration-id={qlik.webIntegrationId}></script>\n</svelte:head>\n'
    f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed>\n'
)


def contradicts(root: Path) -> list[int]:
    return [f.line or 0 for f in check_paths([str(root)]).findings if f.rule == "config-contradicts-tenant"]


def test_a_url_host_for_qlik_embed(tmp_path: Path) -> None:
    files = {
        "src/lib/config.js": CONFIG,
        "src/App.svelte": SVELTE,
        "package.json": '{"devDependencies":{"svelte":"4"}}',
    }
    write(tmp_path, files)
    assert contradicts(tmp_path) == []


def test_a_url_host_for_the_capability_api(tmp_path: Path) -> None:
    main = (
        'import { qlik as config } from "./lib/config";\n'
        f'require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});\n'
        f'require(["js/qlik"], (qlik) => qlik.openApp("{APP}", config));\n'
    )
    write(tmp_path, {"src/lib/config.js": CONFIG, "src/main.js": main})
    assert contradicts(tmp_path) == [2]
