"""Code shown as text on a documentation page (``<CodeBlock>{`...`}</CodeBlock>``, ``<pre>``, a table of
examples with ``code: `...```) is read by people, never run: its sample tenants are not the project's. The
same literal given to code that runs is still judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from mashup_gen.checker.facts.strings import is_shown_code
from mashup_gen.checker.js import Script

MANIFEST = '{"name": "docs", "dependencies": {"next": "15.0.0", "react": "19.0.0"}}'
CONFIG = """export const hostConfig = {
  host: "acme.eu.qlikcloud.com",
  webIntegrationId: "Xk3pQ9rT_aZ7bN2cXk3pQ9rT_aZ7bN2c",
};
"""
DOCS_PAGE = """import { CodeBlock } from "@/components/code-block";

const examples = [
  { title: "Staging", code: `const qlik = new Qlik({
  host: 'staging.us.qlikcloud.com',
})` },
];

export default function Page() {
  return (
    <main>
      <CodeBlock language="typescript">
{`const qlik = new Qlik({
  host: 'company-prod.us.qlikcloud.com',
});`}
      </CodeBlock>
      <pre>{`QLIK_HOST=dev-tenant.us.qlikcloud.com`}</pre>
      {examples.map((e) => <CodeBlock key={e.title} code={e.code} />)}
    </main>
  );
}
"""


def mixed(root: Path) -> list[int]:
    return [f.line for f in check_paths([str(root)]).sorted() if f.rule == "tenant-mixed"]


def write(root: Path, page: str) -> None:
    (root / "package.json").write_text(MANIFEST)
    (root / "lib").mkdir()
    (root / "lib" / "qlik.ts").write_text(CONFIG)
    (root / "app").mkdir()
    (root / "app" / "page.tsx").write_text(page)


def test_sample_tenants_in_shown_code_are_not_the_projects(tmp_path: Path) -> None:
    write(tmp_path, DOCS_PAGE)
    assert mixed(tmp_path) == []


def test_another_tenant_in_code_that_runs_is_still_reported(tmp_path: Path) -> None:
    write(tmp_path, DOCS_PAGE + '\nexport const other = "https://company-prod.us.qlikcloud.com/api/v1/items";\n')
    assert len(mixed(tmp_path)) == 1  # the two tenants are reported against each other


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("x = <pre>{`a`}</pre>", True),
        ("x = <SyntaxHighlighter language='js'>{'b'}</SyntaxHighlighter>", True),
        ("x = <div className='c'>{'b'}</div>", False),
        ("const t = { code: `line1\nline2` }", True),
        ("const t = { code: 'ABC' }", False),
        ("const url = `https://t/\n`", False),
    ],
)
def test_what_counts_as_shown_code(code: str, shown: bool) -> None:
    script = Script(code)
    index = script.string_values[-1][0]
    assert is_shown_code(script, index) is shown


def test_markup_a_page_injects_is_not_shown_code() -> None:
    script = Script("const embedCode = `<qlik-embed ui='analytics/chart'\n app-id='x'></qlik-embed>`")
    assert not is_shown_code(script, script.string_values[-1][0])
