"""The webapp template signing in with OAuth2 (`--auth oauth2`): what `new` writes, the pins of Qlik's @qlik/api,
the answers it refuses, regenerate and check. The browser side is tests/test_browser_webapp_oauth.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mashup_gen.catalog import builtin_root
from mashup_gen.record import load
from mashup_gen.render import Template, build_context, render
from tests.cli_support import Invoke, new_project
from tests.paths import TESTS

WEBAPP = builtin_root() / "webapp"
API_PACKAGE = TESTS / "node_modules" / "@qlik" / "api"
TENANT = "acme.eu.qlikcloud.com"
CLIENT = "3f6e2a9c41d84b07a5c1e8f2d9b6047a"
APP = "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"
ARGS = ["--template", "webapp", "--auth", "oauth2", "--tenant", TENANT, "--app-id", APP]


def pins() -> dict:
    return json.loads((WEBAPP / "cookiecutter.json").read_text(encoding="utf-8"))["_qlik_api"]


def generate(invoke: Invoke, dest: Path, *extra: str) -> Path:
    """A web app signing in with OAuth2: `new` with ARGS, the client id and ``extra``."""
    return new_project(dest, *ARGS, "--client-id", CLIENT, *extra, "--no-input", invoke=invoke)


def host_config(app_js: str) -> dict[str, str]:
    """The host config app.js hands @qlik/api, read as the key: "value" lines of its object literal."""
    block = re.search(r"^const hostConfig = \{\n(.*?)^\};", app_js, re.MULTILINE | re.DOTALL)
    assert block
    config = {}
    for key, value in re.findall(r"^  (\w+): (.+),$", block.group(1), re.MULTILINE):
        if value.startswith("'"):
            config[key] = value[1:-1]  # a literal of the template itself
        elif value.startswith('"'):
            config[key] = json.loads(value)  # an answer, written with tojson
        else:
            config[key] = "=" + value  # a name defined above it
    return config


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def test_new_writes_an_oauth2_web_app_without_the_cookie_flow(tmp_path: Path, invoke: Invoke) -> None:
    project = generate(
        invoke, tmp_path / "p", "--origin", "https://apps.example.com", "--origin", "http://localhost:8000"
    )
    files = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert "oauth-callback.html" in files and "qlik-session.js" not in files
    app = (project / "app.js").read_text()
    assert host_config(app) == {
        "authType": "oauth2",
        "host": "=tenantUrl",
        "clientId": CLIENT,
        "redirectUri": "https://apps.example.com/oauth-callback.html",  # the first origin's callback page
        "accessTokenStorage": "session",
    }
    assert 'const tenantUrl = "https://acme.eu.qlikcloud.com";' in app
    page_files = [project / name for name in ("index.html", "app.js", "oauth-callback.html")]
    for path in page_files:
        text = path.read_text()
        for cookie_flow in ("qlik-web-integration-id", "csrf", "/login", "qlikSession", "enigma.min.js"):
            assert cookie_flow not in text, (path.name, cookie_flow)
    callback = (project / "oauth-callback.html").read_text()
    assert f'data-host="https://{TENANT}"' in callback
    assert f"mashup-gen:oauth-trip:{CLIENT}" in callback and "mashup-gen:oauth-trip:${hostConfig.clientId}" in app
    record = load(project)
    assert record.answers["auth"] == "oauth2" and record.answers["client_id"] == CLIENT
    readme = (project / "README.md").read_text()
    assert "single-page app" in readme and "https://apps.example.com/oauth-callback.html" in readme
    assert "- `https://apps.example.com`" in readme and "- `http://localhost:8000`" in readme


def test_the_cookie_variant_is_what_it_was(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke(
        "new", str(tmp_path / "c"), "--template", "webapp", "--tenant", TENANT,
        "--web-integration-id", "abcdefghijABCDEFGHIJ0123456789_-", "--app-id", APP, "--no-input",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    project = tmp_path / "c"
    assert load(project).answers["auth"] == "cookie"
    assert not (project / "oauth-callback.html").exists() and (project / "qlik-session.js").is_file()
    for name in ("index.html", "app.js", "README.md"):
        text = (project / name).read_text()
        assert "importmap" not in text and "@qlik/api" not in text and "jsdelivr" not in text, name


def test_the_pins_are_the_npm_package_at_the_version_the_tests_install() -> None:
    if not (API_PACKAGE / "package.json").is_file():
        pytest.skip("npm ci --prefix tests has not been run")
    pinned = pins()
    installed = json.loads((API_PACKAGE / "package.json").read_text())["version"]
    wanted = json.loads((TESTS / "package.json").read_text())["dependencies"]["@qlik/api"]
    assert pinned["version"] == installed == wanted
    assert pinned["base"] == f"https://cdn.jsdelivr.net/npm/@qlik/api@{installed}/"
    for path, digest in pinned["modules"].items():
        assert sri((API_PACKAGE / path).read_bytes()) == digest, path
    assert sri((API_PACKAGE / pinned["callback"]).read_bytes()) == pinned["callback_integrity"]


def test_the_entry_modules_and_their_static_imports_are_all_pinned() -> None:
    """Every module app.js imports, and every module those import by a static import, has an integrity entry."""
    if not (API_PACKAGE / "auth.js").is_file():
        pytest.skip("npm ci --prefix tests has not been run")
    pinned = set(pins()["modules"])
    app = (WEBAPP / "{{cookiecutter.project_slug}}" / "app.js").read_text()
    entries = re.findall(r"import\('\{\{ cookiecutter\._qlik_api\.base \}\}([\w./-]+)'\)", app)
    assert sorted(entries) == ["auth.js", "qix.js", "users.js"]
    seen: set[str] = set()
    todo = list(entries)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        source = (API_PACKAGE / path).read_text()
        for spec in re.findall(r'^(?:import|export)\b[^;]*?from "(\.[^"]+)";', source, re.MULTILINE):
            todo.append((Path(path).parent / spec).as_posix().removeprefix("./").replace("chunks/../", ""))
    assert seen <= pinned, seen - pinned


def test_the_import_map_is_allowed_by_the_pages_own_policy(tmp_path: Path, invoke: Invoke) -> None:
    project = generate(invoke, tmp_path / "p")
    page = (project / "index.html").read_text()
    inline = re.search(r'<script type="importmap">(.*?)</script>', page, re.DOTALL)
    assert inline
    digest = base64.b64encode(hashlib.sha256(inline.group(1).encode()).digest()).decode()
    assert digest == pins()["importmap_hash"]
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and f"'sha256-{digest}'" in csp.group(1) and "https://cdn.jsdelivr.net" in csp.group(1)
    integrity = json.loads(inline.group(1))["integrity"]
    assert integrity == {pins()["base"] + path: value for path, value in pins()["modules"].items()}


def test_oauth2_without_a_client_id_is_refused_and_nothing_is_written(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke("new", str(tmp_path / "p"), *ARGS, "--no-input")
    assert result.exit_code == 2 and "--client-id" in result.output
    assert not (tmp_path / "p").exists()


def test_a_redirect_uri_off_the_pages_origins_is_refused(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke(
        "new", str(tmp_path / "p"), *ARGS, "--client-id", CLIENT, "--no-input",
        "--set", "redirect_uri=https://elsewhere.example.com/oauth-callback.html",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "redirect_uri" in result.output and "https://elsewhere.example.com/oauth-callback.html" in result.output
    assert not (tmp_path / "p").exists()


def test_regenerate_retargets_client_origins_and_tenant_then_check_is_clean(tmp_path: Path, invoke: Invoke) -> None:
    project = generate(invoke, tmp_path / "p")
    app = project / "app.js"
    app.write_text(app.read_text().replace("const MAX_ROWS", "// my note\nconst MAX_ROWS"))
    other = "fedcba9876543210fedcba9876543210"
    result = invoke(
        "regenerate", str(project), "--client-id", other, "--tenant", "acme.us.qlikcloud.com",
        "--set", "origins=https://www.example.com http://localhost:8000",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = app.read_text()
    assert "// my note" in text
    config = host_config(text)
    assert config["clientId"] == other and config["redirectUri"] == "https://www.example.com/oauth-callback.html"
    assert 'const tenantUrl = "https://acme.us.qlikcloud.com";' in text
    callback = (project / "oauth-callback.html").read_text()
    assert other in callback and CLIENT not in callback and 'data-host="https://acme.us.qlikcloud.com"' in callback
    policy = "connect-src 'self' https://acme.us.qlikcloud.com wss://acme.us.qlikcloud.com"
    assert policy in (project / "index.html").read_text()
    result = invoke("check", str(project))
    assert result.exit_code == 0, result.output


def test_regenerate_switches_the_sign_in_to_cookie_and_back(tmp_path: Path, invoke: Invoke) -> None:
    project = generate(invoke, tmp_path / "p")
    wid = "abcdefghijABCDEFGHIJ0123456789_-"
    result = invoke("regenerate", str(project), "--auth", "cookie", "--web-integration-id", wid)
    assert result.exit_code == 0, result.output
    assert not (project / "oauth-callback.html").exists() and (project / "qlik-session.js").is_file()
    assert "hostConfig" not in (project / "app.js").read_text()
    result = invoke("regenerate", str(project), "--auth", "oauth2")
    assert result.exit_code == 0, result.output
    assert (project / "oauth-callback.html").is_file() and not (project / "qlik-session.js").exists()
    assert host_config((project / "app.js").read_text())["clientId"] == CLIENT


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    client=st.text("0123456789abcdefABCDEF", min_size=32, max_size=32),
    host=st.from_regex(r"\A[a-z][a-z0-9-]{0,20}\.example\.(com|org)\Z"),
    port=st.one_of(st.none(), st.integers(1024, 65535)),
)
def test_any_client_and_origin_render_into_the_host_config(client: str, host: str, port: int | None) -> None:
    origin = f"https://{host}" + (f":{port}" if port else "")
    template = Template.load(WEBAPP)
    answers = {"auth": "oauth2", "client_id": client, "origins": origin, "tenant": TENANT, "app_id": APP}
    files = render(template, build_context(template, answers))
    config = host_config(files["app.js"].decode())
    assert config["clientId"] == client and config["redirectUri"] == f"{origin}/oauth-callback.html"
    assert f"Register this exact URL on OAuth client {client}." in files["oauth-callback.html"].decode()
    assert "qlik-session.js" not in files


def test_impersonation_is_not_a_sign_in_of_the_web_app(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke(
        "new", str(tmp_path / "p"), "--template", "webapp", "--auth", "impersonation", "--client-id", CLIENT,
        "--tenant", TENANT, "--app-id", APP, "--no-input",
    )  # fmt: skip
    assert result.exit_code == 2 and "--auth" in result.output and "oauth2" in result.output
    assert not (tmp_path / "p").exists()
