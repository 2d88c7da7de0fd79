"""qlik-embed host configs written as JavaScript objects (React/Vue props, providers, setDefaultHostConfig),
read from the syntax trees: a redirect URI fixed to localhost, and host configs that disagree on where the
tenant and client id come from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from mashup_gen.checker import check_paths
from mashup_gen.checker.facts.hostconfigs import host_configs
from mashup_gen.checker.project import Project
from mashup_gen.checker.scan import whole_folder

_WRAPPER = """'use client';
import { QlikProvider } from './qlik';

export default function Wrapper({ children }) {
  return (
    <QlikProvider
      value={{
        host: "acme.us.qlikcloud.com",
        clientId: "9c2a96304bbe222ca1cbc1daa1ef3bf8",
        redirectUri: "http://localhost:3000/oauth-callback",
        authType: "oauth2",
      }}
    >
      {children}
    </QlikProvider>
  );
}
"""
_INITIALIZER = """'use client';
import { auth } from '@qlik/api';

auth.setDefaultHostConfig({
  host: process.env.NEXT_PUBLIC_QLIK_HOST,
  clientId: process.env.NEXT_PUBLIC_OAUTH_CLIENT_ID,
  redirectUri: `${window.location.origin}/oauth-callback`,
  authType: 'oauth2',
});
"""


def _project(root: Path, files: dict[str, str]) -> Path:
    (root / "package.json").write_text('{"name": "x", "dependencies": {"react": "18"}}')
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _found(root: Path) -> list[tuple[str, str, int]]:
    rules = ("embed-redirect-localhost", "embed-host-config-mixed")
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(root)]).sorted() if f.rule in rules]


def test_a_localhost_redirect_and_literals_beside_an_env_config_are_reported(tmp_path: Path) -> None:
    root = _project(tmp_path, {"src/wrapper.tsx": _WRAPPER, "src/init.ts": _INITIALIZER})
    assert _found(root) == [
        ("embed-host-config-mixed", "wrapper.tsx", 8),
        ("embed-host-config-mixed", "wrapper.tsx", 9),
        ("embed-redirect-localhost", "wrapper.tsx", 10),
    ]


def test_configs_read_from_one_place_and_origin_built_redirects_are_fine(tmp_path: Path) -> None:
    fixed = _WRAPPER.replace('"http://localhost:3000/oauth-callback"', "`${window.location.origin}/oauth-callback`")
    assert _found(_project(tmp_path, {"src/wrapper.tsx": fixed})) == []
    # Every config from the environment: nothing to disagree about.
    other = tmp_path / "env"
    other.mkdir()
    assert _found(_project(other, {"src/init.ts": _INITIALIZER, "src/b.ts": _INITIALIZER})) == []


def test_only_objects_shaped_like_a_host_config_count(tmp_path: Path) -> None:
    code = (
        "const config = { host: 'acme.us.qlikcloud.com', prefix: '/', port: 443, isSecure: true };\n"
        "const proxy = { host: 'localhost', redirectUri: 'http://localhost:8080/cb' };\n"
        "const embed = { host: 'acme.us.qlikcloud.com', authType: 'cookie', webIntegrationId: 'abc' };\n"
    )
    root = _project(tmp_path, {"main.js": code})
    configs = host_configs(Project(whole_folder(root, "x")))
    assert [c.literal("host") for c in configs] == ["acme.us.qlikcloud.com"]
    assert configs[0].literal("authType") == "cookie" and configs[0].literal("missing") is None


def test_server_code_is_not_judged(tmp_path: Path) -> None:
    server = "import express from 'express';\n" + _WRAPPER.replace("'use client';\n", "").replace(
        "import { QlikProvider } from './qlik';", ""
    )
    assert (
        _found(
            _project(
                tmp_path, {"server.js": server.replace("<QlikProvider", "<div").replace("</QlikProvider", "</div")}
            )
        )
        == []
    )


def test_the_cli_names_the_other_config(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    root = _project(tmp_path, {"src/wrapper.tsx": _WRAPPER, "src/init.ts": _INITIALIZER})
    result = invoke("check", str(root))
    assert "embed-host-config-mixed" in result.output
    assert "process.env.NEXT_PUBLIC_QLIK_HOST" in result.output and "init.ts" in result.output
    assert "fixed to http://localhost:3000/oauth-callback" in result.output
