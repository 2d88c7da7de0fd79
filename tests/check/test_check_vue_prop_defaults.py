"""Values that travel through a Vue component's prop defaults: ``defineProps({ appId: { type: String, default:
"..." } })`` and ``withDefaults(defineProps<Props>(), { appId: "..." })``, read in the template as ``appId`` or
through ``props.appId``: a placeholder default is found where it is written, and a real one stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, EMBED_LOADER, write

DECLARED = {
    "defineProps object": 'defineProps({\n  appId: { type: String, default: "%s" },\n  objectId: String,\n});\n',
    "assigned defineProps": "const props = "
    + 'defineProps({\n  appId: { type: String, default: "%s" },\n  objectId: String,\n});\n',
    "options API": "export default {\n  props: {\n"
    + '    appId: { type: String, default: "%s" },\n    objectId: String,\n  },\n};\n',
    "withDefaults": "const props = withDefaults(defineProps<{ appId?: string; objectId: string }>(), {\n"
    '  appId: "%s",\n});\n',
}


def _project(root: Path, declared: str, app_id: str, read: str) -> Path:
    lang = ' lang="ts"' if "withDefaults" in declared else ""
    setup = "" if declared.startswith("export default") else " setup"
    chart = (
        f"<script{setup}{lang}>\n{declared % app_id}</script>\n"
        f'<template><qlik-embed ui="analytics/chart" :app-id="{read}" :object-id="objectId"></qlik-embed></template>\n'
    )
    return write(
        root,
        {
            "package.json": '{"dependencies": {"vue": "3.4.0"}, "devDependencies": {"vite": "5.0.0"}}',
            "index.html": f'<!doctype html><html><head>{EMBED_LOADER}</head><body><div id="app"></div>'
            '<script type="module" src="/src/main.js"></script></body></html>\n',
            "src/main.js": 'import { createApp } from "vue";\nimport App from "./App.vue";\n'
            'createApp(App).mount("#app");\n',
            "src/Chart.vue": chart,
            "src/App.vue": '<script setup>\nimport Chart from "./Chart.vue";\n</script>\n'
            '<template><Chart object-id="abcDE" /></template>\n',
        },
    )


def placeholders(root: Path) -> list[tuple[str, int]]:
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(root)]).sorted() if f.rule == "placeholder"]


@pytest.mark.parametrize("read", ["appId", "props.appId"])
@pytest.mark.parametrize("shape", sorted(DECLARED))
def test_a_placeholder_prop_default_is_found_where_it_is_written(tmp_path: Path, shape: str, read: str) -> None:
    if read == "props.appId" and shape in ("defineProps object", "options API"):
        read = "appId"  # no props variable to read it through
    _project(tmp_path, DECLARED[shape], "YOUR_APP_ID", read)
    assert placeholders(tmp_path) == [("Chart.vue", 4 if shape == "options API" else 3)]


@pytest.mark.parametrize("shape", sorted(DECLARED))
def test_a_real_prop_default_is_silent(tmp_path: Path, shape: str) -> None:
    _project(tmp_path, DECLARED[shape], APP, "appId")
    assert placeholders(tmp_path) == []
