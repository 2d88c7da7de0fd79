"""resource-relative: a tool's configuration names the project's own folders (eslint.config.js's
``ignores: ['resources/js/components/ui/*']``, a glob): no page loads them, so they are no Qlik resource. A page's
relative path to Qlik's resources is still one."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import page, write

ESLINT = "export default [{ ignores: ['vendor', 'public', 'resources/js/components/ui/*'] }];\n"
GLOBS = "export const sources = ['resources/js/**/*.ts', 'resources/assets/*.css'];\n"


def relative(root: Path) -> list[tuple[str, int | None]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "resource-relative"]


def test_a_tools_configuration_and_globs_are_no_resource_loads(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page(), "eslint.config.js": ESLINT, "js/files.js": GLOBS})
    assert relative(tmp_path) == []


def test_a_pages_relative_qlik_resource_is_still_reported(tmp_path: Path) -> None:
    head = '<script src="../../resources/assets/external/requirejs/require.js"></script>\n'
    write(tmp_path, {"index.html": page(head=head), "eslint.config.js": ESLINT})
    assert relative(tmp_path) == [("index.html", 3)]
