"""require-config-*: ``require.config({context: 'app', ...})`` makes a RequireJS context of its own (a mashup's
own AngularJS modules loaded beside Qlik's), which never loads js/qlik and is not merged into Qlik's
configuration: what it lacks (webIntegrationId, a tenant baseUrl) is no problem. The default context's
configuration still is."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, page, signed_in, write

QLIK = f'require.config({{ baseUrl: "https://{TENANT}/resources"%s }});\n'
OWN = 'var appRequire = require.config({ context: "appModules", baseUrl: "./", paths: { router: "lib/router" } });\n'
MASHUP = (
    f'var config = {{ host: "{TENANT}", prefix: "/", port: 443, isSecure: true, webIntegrationId: "{ID}" }};\n'
    "%s"
    'require(["js/qlik"], function (qlik) {\n'
    '  appRequire(["router"], function () { qlik.openApp("a", config); });\n'
    "});\n"
)


def reported(root: Path) -> list[tuple[str, str, int | None]]:
    return [
        (f.rule, Path(f.path).name, f.line)
        for f in check_paths([str(root)]).sorted()
        if f.rule.startswith("require-config")
    ]


@pytest.mark.parametrize(
    ("qlik_id", "expected"),
    [
        (f', webIntegrationId: "{ID}"', []),
        ("", [("require-config-no-id", "main.js", 2)]),
    ],
    ids=["qlik's config complete", "qlik's config without id"],
)
def test_a_context_of_its_own_needs_no_id(tmp_path: Path, qlik_id: str, expected: list[tuple[str, str, int]]) -> None:
    main = MASHUP % (QLIK % qlik_id + OWN)
    html = page(script=signed_in("")).replace("<script>", '<script src="main.js"></script>\n<script>', 1)
    write(tmp_path, {"index.html": html, "main.js": main})
    assert reported(tmp_path) == expected


def test_a_context_config_alone_in_its_file(tmp_path: Path) -> None:
    """The app's modules configured in a file of their own: Qlik's complete configuration is elsewhere."""
    main = MASHUP % (QLIK % f', webIntegrationId: "{ID}"')
    html = page(script=signed_in("")).replace("<script>", '<script src="main.js"></script>\n<script>', 1)
    write(tmp_path, {"index.html": html, "main.js": main, "modules/config.js": OWN})
    assert reported(tmp_path) == []


def test_the_default_context_without_id_is_still_reported(tmp_path: Path) -> None:
    """A second require.config of the default context (no context key) is merged into Qlik's: still checked."""
    main = MASHUP % (QLIK % "" + OWN.replace('context: "appModules", ', ""))
    html = page(script=signed_in("")).replace("<script>", '<script src="main.js"></script>\n<script>', 1)
    write(tmp_path, {"index.html": html, "main.js": main})
    assert [r[0] for r in reported(tmp_path)] == ["require-config-no-id", "require-config-no-id"]
