"""A value built in a template literal from variables (`https://<tenant>/login?${params}`, params a
URLSearchParams with the web integration id and returnto): what the variables hold is read like a variable
written outside a template (TENANT + '/login?' + params), so the /login URL has its parameters. A variable that
holds neither still leaves the URL without them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

CHECK = (
    f"fetch('https://{TENANT}/api/v1/users/me', {{ credentials: 'include', headers: {{ 'qlik-web-integration-id': "
    f"'{ID}' }} }}).then((r) => {{ if (r.status === 401) location.assign(`https://{TENANT}/login?${{params}}`); }});\n"
)


def login_rules(root: Path) -> list[str]:
    wanted = ("login-no-returnto", "login-no-web-integration-id")
    return sorted(f.rule for f in check_paths([str(root)]).findings if f.rule in wanted)


@pytest.mark.parametrize(
    "params",
    [
        f"new URLSearchParams({{ 'qlik-web-integration-id': '{ID}', returnto: location.href }})",
        f"'qlik-web-integration-id={ID}&returnto=' + encodeURIComponent(location.href)",
    ],
    ids=["URLSearchParams", "string"],
)
def test_parameters_held_by_a_template_variable(tmp_path: Path, params: str) -> None:
    write(tmp_path, {"src/main.js": f"const params = {params};\n" + CHECK})
    assert login_rules(tmp_path) == []


def test_a_template_variable_without_them_is_still_reported(tmp_path: Path) -> None:
    write(tmp_path, {"src/main.js": "const params = new URLSearchParams({ lang: 'en' });\n" + CHECK})
    assert login_rules(tmp_path) == ["login-no-returnto", "login-no-web-integration-id"]
