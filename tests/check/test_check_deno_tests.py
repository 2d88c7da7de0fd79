"""Deno's test files (``qlik_test.ts``, run by ``deno test``) are test code: a fake tenant there
(``https://example.test``) is the test's stand-in, not a placeholder left in the app. The same host in the
app's own module is still reported."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

CLIENT = """export class QlikClient {
  constructor(private host: string, private key: string, private f = fetch) {}
  reloads() { return this.f(`${this.host}/api/v1/reloads`, { headers: { Authorization: `Bearer ${this.key}` } }); }
}
"""
TEST = """import { QlikClient } from './qlik.ts';
Deno.test('lists reloads', async () => {
  const pages = { 'https://example.test/api/v1/reloads': { data: [] } };
  const client = new QlikClient('https://example.test', 'k', (u: string) => Promise.resolve(Response.json(pages[u])));
  await client.reloads();
});
"""


def placeholders(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "placeholder"]


def test_a_fake_host_in_a_deno_test_file_is_not_a_placeholder(tmp_path: Path) -> None:
    write(tmp_path, {"deno.json": '{"tasks": {"test": "deno test"}}', "qlik.ts": CLIENT, "qlik_test.ts": TEST})
    assert placeholders(tmp_path) == []


def test_the_same_host_in_the_apps_own_module_is_reported(tmp_path: Path) -> None:
    main = "const r = await fetch('https://example.test/api/v1/reloads', { headers: { Authorization: 'Bearer k' } });\n"
    write(tmp_path, {"deno.json": '{"tasks": {"test": "deno test"}}', "qlik.ts": CLIENT, "main.ts": main})
    assert placeholders(tmp_path) == [("main.ts", 1)]
