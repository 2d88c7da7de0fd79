"""A tenant whose name is blotted out (``xxx.us.qlikcloud.com``) is a placeholder, reported once per place
even when the whole URL around it is reported too; a real tenant name with x's in it is not."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

PAGE = '<!doctype html><html><body><script type="module" src="index.js"></script></body></html>\n'
CODE = """const TENANT = 'https://xxx.us.qlikcloud.com';
export async function me() {
  return fetch(TENANT + '/api/v1/users/me', { credentials: 'include',
    headers: { 'qlik-web-integration-id': 'Xk3pQ9rT_aZ7bN2cXk3pQ9rT_aZ7bN2c' } });
}
"""


def placeholders(root: Path) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in check_paths([str(root)]).sorted() if f.rule == "placeholder"]


def test_a_blotted_out_tenant_is_one_placeholder(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "index.js").write_text(CODE)
    found = placeholders(tmp_path)
    assert [line for line, _ in found] == [1]
    assert "xxx.us.qlikcloud.com" in found[0][1]


def test_a_tenant_named_with_xs_is_not(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "index.js").write_text(CODE.replace("xxx.us", "xxxtreme.us"))
    assert placeholders(tmp_path) == []


def test_a_placeholder_host_with_a_placeholder_port_in_a_page(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<!doctype html><html><head>\n"
        '<script src="http://<hostname>:<hostport>/resources/assets/external/requirejs/require.js"></script>\n'
        "</head><body></body></html>\n"
    )
    assert [line for line, _ in placeholders(tmp_path)] == [2]
