"""Svelte components are checked like Vue's: their <script> is the app's browser code and their markup holds
qlik-embed elements. An attribute's {expression} (app-id={APP}, data-host="https://{tenant}") is computed, not
an unfilled {X} placeholder; a literal placeholder in the same place still is one."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

INDEX = '<!doctype html><html><body><script type="module" src="/src/main.js"></script></body></html>\n'
MAIN = "import App from './App.svelte';\nnew App({ target: document.body });\n"
CAPABILITY = """<script>
  import { onMount } from 'svelte';
  onMount(() => {
    const config = { host: 'acme.us.qlikcloud.com', prefix: '/', port: 443, isSecure: true };
    require(['js/qlik'], (qlik) => qlik.openApp('133dab5d-8f56-4d40-b3e0-a6b401391bde', config));
  });
</script>
<div id="qv"></div>
"""
EMBED = """<script>
  import { APP } from './qlik.js';
  export let tenant;
</script>
<qlik-embed ui="classic/app" app-id={APP} data-host="https://{tenant}/x"></qlik-embed>
<qlik-embed ui="classic/app" app-id="<APP_ID>"></qlik-embed>
"""


def findings(root: Path, rules: tuple[str, ...]) -> list[tuple[str, str, int]]:
    return [(f.rule, Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule in rules]


def write(root: Path, component: str) -> None:
    (root / "src").mkdir()
    (root / "package.json").write_text('{"dependencies": {"svelte": "4"}}')
    (root / "index.html").write_text(INDEX)
    (root / "src" / "main.js").write_text(MAIN)
    (root / "src" / "App.svelte").write_text(component)


def test_a_svelte_components_script_is_checked(tmp_path: Path) -> None:
    write(tmp_path, CAPABILITY)
    assert findings(tmp_path, ("config-no-id",)) == [("config-no-id", "App.svelte", 4)]


def test_an_expression_is_no_placeholder_and_a_literal_placeholder_is(tmp_path: Path) -> None:
    write(tmp_path, EMBED)
    (tmp_path / "src" / "qlik.js").write_text("export const APP = '133dab5d-8f56-4d40-b3e0-a6b401391bde';\n")
    assert findings(tmp_path, ("placeholder",)) == [("placeholder", "App.svelte", 6)]
