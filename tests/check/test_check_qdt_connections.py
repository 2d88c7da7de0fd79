"""qdt-components' connection calls, as its published code makes them: ``qdtEnigma(config)`` (version 3) and
``new QdtComponents(config, connections)`` (versions 1 and 2) open the engine socket with enigma.js's
``SenseUtilities.buildUrl(config)``, which reads ``urlParams`` and never ``webIntegrationId``: without a JWT
(``token``, version 3) the socket has neither the id nor the CSRF token. Versions 1 and 2 also never hand the id
to ``require.config``. ``qdtCapabilityApp(config)`` does not sign in: a project that connects only through it
still needs the session check and /login redirect. ``secure: false`` (qdt's spelling of isSecure) is http."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

TENANT = "acme.eu.qlikcloud.com"
WID = "Xk3pQ9rT_aZ7bN2cYw4LmV8sDf1GhJ0e"
APP = "133dab5d-8f56-4d40-b3e0-a6b401391bde"
LOGIN = f"""export async function signIn() {{
  const r = await fetch('https://{TENANT}/api/v1/users/me', {{ credentials: 'include',
    headers: {{ 'qlik-web-integration-id': '{WID}' }} }});
  if (r.status === 401) {{
    window.location.href = 'https://{TENANT}/login?qlik-web-integration-id={WID}&returnto=' +
      encodeURIComponent(window.location.href);
  }}
}}
"""
MAIN_SIGNED_IN = (
    "import { signIn } from './login';\nimport { createRoot } from 'react-dom/client';\nimport App from './App';\n"
    "signIn().then(() => createRoot(document.getElementById('root')).render(<App />));\n"
)
MAIN = (
    "import { createRoot } from 'react-dom/client';\nimport App from './App';\n"
    "createRoot(document.body).render(<App />);\n"
)
CONFIG = f"""export const config = {{
  host: '{TENANT}',
  secure: @SECURE@,
  port: 443,
  prefix: '',
  appId: '{APP}',@EXTRA@
}};
"""
APP3 = """import { qdtEnigma, qdtCapabilityApp } from 'qdt-components';
import { config } from './qlikConfig';

const capability = qdtCapabilityApp(config);
const engine = @ENGINE@;
export default function App() {
  return <div />;
}
"""
APP2 = """import QdtComponents from 'qdt-components';
import { config } from './qlikConfig';

const qdt = new QdtComponents(config, { vizApi: true, engineApi: false });
export default function App() {
  return <div ref={(el) => el && qdt.render('QdtViz', { id: 'abc' }, el)} />;
}
"""


def project(
    tmp_path: Path,
    extra: str = f"\n  webIntegrationId: '{WID}',",
    engine: str = "qdtEnigma(config)",
    app: str = APP3,
    secure: str = "true",
    signed_in: bool = True,
    version: str = "3.0.2",
) -> list[tuple[str, str, int]]:
    files = {
        "package.json": json.dumps(
            {"name": "q", "dependencies": {"react": "18", "qdt-components": version}, "devDependencies": {"vite": "5"}}
        ),
        "index.html": '<!doctype html><html><body><script type="module" src="/src/main.jsx"></script></body></html>',
        "src/main.jsx": MAIN_SIGNED_IN if signed_in else MAIN,
        "src/qlikConfig.js": CONFIG.replace("@SECURE@", secure).replace("@EXTRA@", extra),
        "src/App.jsx": app.replace("@ENGINE@", engine),
    }
    if signed_in:
        files["src/login.js"] = LOGIN
    write(tmp_path, files)
    return [
        (f.rule, Path(f.path).name, f.line)
        for f in check_paths([str(tmp_path)]).sorted()
        if f.severity == "error" and f.path
    ]


def test_qdt_enigma_with_the_id_but_no_token_opens_a_socket_without_id_or_csrf_token(tmp_path: Path) -> None:
    assert project(tmp_path) == [
        ("engine-url-no-csrf", "App.jsx", 5),
        ("engine-url-no-web-integration-id", "App.jsx", 5),
    ]


@pytest.mark.parametrize(
    "extra",
    [
        # the id and the CSRF token as buildUrl's urlParams
        f"\n  webIntegrationId: '{WID}',\n  urlParams: {{ 'qlik-web-integration-id': '{WID}', "
        "'qlik-csrf-token': window.csrfToken },",
        # a JWT: qdt-components 3 trades it at /login/jwt-session and writes the Qlik Cloud URL itself
        f"\n  webIntegrationId: '{WID}',\n  token: window.qlikJwt,",
    ],
)
def test_qdt_enigma_with_url_params_or_a_token_is_silent(tmp_path: Path, extra: str) -> None:
    assert [f for f in project(tmp_path, extra) if f[0].startswith("engine-url")] == []


def test_the_capability_app_alone_is_silent_when_signed_in(tmp_path: Path) -> None:
    assert project(tmp_path, engine="null") == []


def test_the_capability_app_without_any_sign_in_is_a_missing_login_at_the_call(tmp_path: Path) -> None:
    assert project(tmp_path, engine="null", signed_in=False) == [("login-missing", "App.jsx", 4)]


def test_secure_false_is_plain_http(tmp_path: Path) -> None:
    assert project(tmp_path, engine="null", secure="false") == [("config-contradicts-tenant", "qlikConfig.js", 3)]


def test_qdt_components_2_never_hands_the_id_to_require_config(tmp_path: Path) -> None:
    assert project(tmp_path, app=APP2, version="2.3.1") == [("connection-config-unread", "App.jsx", 4)]


def test_qdt_components_2_engine_socket_is_built_by_build_url(tmp_path: Path) -> None:
    app = APP2.replace("vizApi: true, engineApi: false", "vizApi: false, engineApi: true")
    assert project(tmp_path, app=app, version="2.3.1") == [
        ("engine-url-no-csrf", "App.jsx", 4),
        ("engine-url-no-web-integration-id", "App.jsx", 4),
    ]


def test_the_browser_builds_global_is_the_same_library(tmp_path: Path) -> None:
    main = (
        f"const config = {{ host: '{TENANT}', secure: true, port: 443, prefix: '', appId: '{APP}',\n"
        f"  webIntegrationId: '{WID}' }};\n"
        "const { qdtEnigma } = window.QdtComponents;\nqdtEnigma(config).then((app) => app.clearAll());\n"
    )
    write(
        tmp_path,
        {
            "index.html": '<!doctype html><html><head><script src="https://unpkg.com/qdt-components@3.0.2/dist/'
            'qdt-components.js"></script></head><body><script src="main.js"></script></body></html>\n',
            "main.js": main,
            "login.js": LOGIN,
        },
    )
    found = [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule.startswith("engine-url")]
    assert found == [("engine-url-no-csrf", 4), ("engine-url-no-web-integration-id", 4)]


def test_a_config_handed_in_as_a_parameter_is_not_taken_for_another_modules(tmp_path: Path) -> None:
    app = (
        "import { qdtEnigma } from 'qdt-components';\n"
        "export function connect(config) {\n  return qdtEnigma(config);\n}\n"
        "export default function App() {\n  return <div />;\n}\n"
    )
    assert [f for f in project(tmp_path, app=app) if f[0].startswith("engine-url")] == []
