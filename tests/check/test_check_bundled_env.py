"""Secrets a bundler inlines: Parcel replaces every ``process.env.NAME`` of the code a page runs (the modules
that code imports included) by the value at build time, so a credential read there ships in the bundle."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from mashup_gen.checker import check_paths
from mashup_gen.source.bundlers import inlines_process_env

_AI = """import dotenv from 'dotenv';
dotenv.config();

const aiKey = process.env.AI_KEY;
const aiUri = process.env.AI_URI;
const stripe = process.env.STRIPE_PUBLISHABLE_KEY;

export async function ask(question) {
  return fetch(aiUri, { method: 'POST', headers: { Authorization: 'Bearer ' + aiKey }, body: question });
}
"""


def _project(root: Path, package: dict[str, object]) -> Path:
    (root / "src").mkdir()
    (root / "package.json").write_text(json.dumps(package))
    (root / "src" / "index.html").write_text(
        '<!doctype html>\n<html><head><script type="module" src="app.js"></script></head><body></body></html>\n'
    )
    (root / "src" / "app.js").write_text("import { ask } from './ai.js';\nask('hello').then(console.log);\n")
    (root / "src" / "ai.js").write_text(_AI)
    # A Node script no page imports: the server's environment is where secrets belong.
    (root / "deploy.js").write_text("const token = process.env.DEPLOY_TOKEN;\nconsole.log(Boolean(token));\n")
    return root


def _secrets(root: Path) -> list[tuple[str, int, str]]:
    return [
        (f.path.rsplit("/", 1)[-1], f.line, f.message)
        for f in check_paths([str(root)]).sorted()
        if f.rule == "secret-in-code"
    ]


PARCEL = {"name": "x", "scripts": {"build": "parcel build src/index.html"}, "devDependencies": {"parcel": "2.x"}}


def test_a_credential_read_in_a_module_a_parcel_page_imports_is_reported(tmp_path: Path) -> None:
    found = _secrets(_project(tmp_path, PARCEL))
    assert [(name, line) for name, line, _ in found] == [("ai.js", 4)]
    assert "process.env.AI_KEY" in found[0][2]


def test_without_parcel_or_with_inlining_narrowed_nothing_is_reported(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert _secrets(_project(plain, {"name": "x", "devDependencies": {"webpack": "5"}})) == []
    narrowed = tmp_path / "narrowed"
    narrowed.mkdir()
    package = {**PARCEL, "@parcel/transformer-js": {"inlineEnvironment": ["AI_URI"]}}
    assert _secrets(_project(narrowed, package)) == []


def test_parcel_is_recognised_from_dependencies_engines_or_scripts(tmp_path: Path) -> None:
    cases = {
        "deps": {"dependencies": {"parcel-bundler": "1"}},
        "engines": {"engines": {"parcel": "2.x"}},
        "scripts": {"scripts": {"dev": "parcel src/index.html"}},
        "other": {"scripts": {"dev": "vite", "parcel": "echo parcel"}},
        "broken": None,
    }
    for name, package in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "package.json").write_text("{not json" if package is None else json.dumps(package))
    assert [n for n in cases if inlines_process_env(tmp_path / n)] == ["deps", "engines", "scripts"]
    assert not inlines_process_env(tmp_path / "missing")


def test_the_cli_reports_the_inlined_secret_with_its_place(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    root = _project(tmp_path, PARCEL)
    result = invoke("check", str(root))
    assert result.exit_code == 1
    assert "ai.js:4:" in result.output and "process.env.AI_KEY" in result.output
    assert "DEPLOY_TOKEN" not in result.output and "STRIPE_PUBLISHABLE_KEY" not in result.output
