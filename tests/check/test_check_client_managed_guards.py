"""Code serving both kinds of Qlik often writes the choice as a guard: ``if (isCloud) return <Qlik Cloud call>;``
then the client-managed call. After the guard that call runs only off Qlik Cloud: client-managed-api stays
silent, as for if/else. A guard about something else (a missing app id) leaves the QRS call on every path."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

CLOUD = (
    f"(await fetch('https://{TENANT}/api/v1/items?resourceType=app', {{ credentials: 'include', headers: "
    f"{{ 'qlik-web-integration-id': '{ID}' }} }})).json()"
)
QRS = (
    "(await fetch('/qrs/app/full?xrfkey=0123456789abcdef', { headers: { 'X-Qlik-Xrfkey': '0123456789abcdef' } }))"
    ".json()"
)


def code(guard: str) -> str:
    return f"export async function apps(appId) {{\n  {guard}\n  return {QRS};\n}}\n"


def client_managed(root: Path) -> list[int]:
    return [f.line or 0 for f in check_paths([str(root)]).findings if f.rule == "client-managed-api"]


@pytest.mark.parametrize(
    "guard",
    [f"if (isCloud) return {CLOUD};", f"if (config.webIntegrationId) {{\n    const r = {CLOUD};\n    return r;\n  }}"],
    ids=["one line", "block"],
)
def test_the_call_after_a_cloud_guard_is_the_client_managed_arm(tmp_path: Path, guard: str) -> None:
    write(tmp_path, {"src/apps.js": code(guard)})
    assert client_managed(tmp_path) == []


def test_a_guard_about_something_else_leaves_the_call(tmp_path: Path) -> None:
    write(tmp_path, {"src/apps.js": code("if (!appId) return null;")})
    assert client_managed(tmp_path) == [3]
