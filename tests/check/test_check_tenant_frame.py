"""A page of the Qlik Cloud tenant in an iframe (an HTML page, a JSX component): the tenant's own Content
Security Policy must list the site in frame-ancestors, and the frame needs the tenant's session cookie."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

PAGE = """<!doctype html><html><body>
<iframe src="%s" width="100%%" height="600"></iframe>
</body></html>
"""
COMPONENT = """export default function Sheet({ appId, sheetId }: { appId: string; sheetId: string }) {
  return (
    <div>
      <iframe
        src={%s}
        className="w-full h-[500px]"
      />
    </div>
  );
}
"""


def frames(root: Path) -> list[tuple[str, int]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule == "tenant-frame"]


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("https://acme.eu.qlikcloud.com/single/?appid=7c1f3a52&amp;sheet=abc&amp;opt=ctxmenu", [("index.html", 2)]),
        ("https://acme.eu.qlikcloud.com/sense/app/7c1f3a52/sheet/abc/state/analysis", [("index.html", 2)]),
        ("https://www.youtube.com/embed/abc", []),
        ("/reports/sales.html", []),
    ],
)
def test_an_iframe_of_a_tenant_page_in_html(tmp_path: Path, src: str, expected: list[tuple[str, int]]) -> None:
    (tmp_path / "index.html").write_text(PAGE % src)
    assert frames(tmp_path) == expected


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("`https://acme.us.qlikcloud.com/sense/app/${appId}/sheet/${sheetId}`", [("Sheet.tsx", 5)]),
        ("`/sheets/${appId}/${sheetId}`", []),
    ],
)
def test_an_iframe_of_a_tenant_page_in_jsx(tmp_path: Path, src: str, expected: list[tuple[str, int]]) -> None:
    (tmp_path / "package.json").write_text('{"name": "r", "dependencies": {"react": "19"}}')
    (tmp_path / "index.html").write_text('<!doctype html><html><body><script type="module" src="/src/main.tsx">')
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.tsx").write_text("import Sheet from './Sheet';\nconsole.log(Sheet);\n")
    (tmp_path / "src" / "Sheet.tsx").write_text(COMPONENT % src)
    assert frames(tmp_path) == expected
