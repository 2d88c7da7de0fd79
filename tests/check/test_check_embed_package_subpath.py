"""@qlik/embed-web-components exports only the package itself and ./oauth-callback, and no release ships the
CDN's minified names: an import of dist/index.min.js fails the build, so no <qlik-embed> is ever defined. The
package's entries stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

CLIENT = "0123456789abcdef0123456789abcdef"


def _project(root: Path, entry: str) -> Path:
    settings = (
        f'data-qlik-embed-host="https://{TENANT}" data-qlik-embed-auth-type="Oauth2" '
        f'data-qlik-embed-client-id="{CLIENT}" data-qlik-embed-redirect-uri="https://intranet.example.com/"'
    )
    return write(
        root,
        {
            "package.json": '{"dependencies": {"@qlik/embed-web-components": "1.6.0"}}',
            "index.html": f'<!doctype html><html><head><script type="module" src="/src/main.js"></script></head>\n'
            f'<body {settings}><qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed>'
            "</body></html>\n",
            "src/main.js": f'import "{entry}";\nconsole.log("ready");\n',
        },
    )


def _errors(root: Path) -> list[tuple[str, str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in found if f.severity.value == "error"]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("@qlik/embed-web-components/dist/index.min.js", [("embed-not-loaded", "main.js", 1)]),
        ("@qlik/embed-web-components/dist/oauth-callback.min.js", [("embed-not-loaded", "main.js", 1)]),
        ("@qlik/embed-web-components", []),
        ("@qlik/embed-web-components/oauth-callback", []),
        ("@qlik/embed-web-components/dist/embed", []),  # an older release's file: not judged
    ],
)
def test_an_import_of_a_file_the_package_does_not_export(tmp_path: Path, entry: str, expected: list) -> None:
    _project(tmp_path, entry)
    assert _errors(tmp_path) == expected
