"""A Qlik settings object that names an OAuth client (``clientId``) signs in with OAuth2: a
``webIntegrationId: ""`` left empty beside it, for the cookie sign-in the app does not use, is never sent, so it
is no placeholder (and an empty value is the placeholder rule's to judge, never also "not a web integration
id"). The capability API's own config, and a settings object without a client id, still need it."""

from __future__ import annotations

from pathlib import Path

from check_support import write

from mashup_gen.checker import check_paths

CONFIG = (
    "export const qlikConfig = {\n"
    '  host: "acme.eu.qlikcloud.com",\n'
    "  clientId: {client},\n"
    '  webIntegrationId: "",\n'
    '  appId: "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e",\n'
    "};\n"
)
MAIN = (
    'import { auth, qix } from "@qlik/api";\n'
    'import { qlikConfig } from "./config";\n'
    "auth.setDefaultHostConfig({ host: qlikConfig.host, authType: 'oauth2', clientId: qlikConfig.clientId,\n"
    "  redirectUri: window.location.origin, accessTokenStorage: 'session' });\n"
    "qix.openAppSession(qlikConfig.appId);\n"
)


def id_findings(root: Path, client: str) -> list[tuple[str, int | None]]:
    write(
        root,
        {
            "package.json": '{"dependencies": {"vite": "^5.0.0", "@qlik/api": "^1.0.0"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="/src/main.js"></script></body></html>',
            "src/config.js": CONFIG.replace("{client}", client),
            "src/main.js": MAIN,
        },
    )
    found = check_paths([str(root)]).sorted()
    return [(f.rule, f.line) for f in found if f.rule in ("placeholder", "web-integration-id-invalid")]


def test_an_empty_web_integration_id_beside_an_oauth_client_is_silent(tmp_path: Path) -> None:
    # Before: placeholder and web-integration-id-invalid, both on line 4.
    assert id_findings(tmp_path, '"0123456789abcdef0123456789abcdef"') == []


def test_a_client_id_read_from_the_environment_counts_too(tmp_path: Path) -> None:
    assert id_findings(tmp_path, "import.meta.env.VITE_QLIK_CLIENT_ID") == []


def test_without_a_client_id_the_empty_id_is_a_placeholder_once(tmp_path: Path) -> None:
    assert id_findings(tmp_path, '""') == [("placeholder", 4)]


def test_the_capability_apis_config_still_needs_it(tmp_path: Path) -> None:
    capability = (
        'var config = { host: "acme.eu.qlikcloud.com", prefix: "/", port: 443, isSecure: true,\n'
        '  clientId: "0123456789abcdef0123456789abcdef", webIntegrationId: "" };\n'
        'require.config({ baseUrl: "https://acme.eu.qlikcloud.com/resources", webIntegrationId: "" });\n'
        'require(["js/qlik"], function (qlik) { qlik.openApp("1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", config); });\n'
    )
    write(tmp_path, {"index.html": "<!doctype html><html><body><script src='m.js'></script></body></html>"})
    write(tmp_path, {"m.js": capability})
    found = [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule == "placeholder"]
    assert ("placeholder", 2) in found
