"""A Qlik setting written only in ``.env.development``: the production build (``vite build``, ``next build``,
``react-scripts build``) reads ``.env``, ``.env.local`` and ``.env.production``, never the development file,
so the deployed app gets the value undefined."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

MAIN = """import { QlikEmbed } from "@qlik/embed-react";
export const hostConfig = {
  authType: "Oauth2",
  host: import.meta.env.VITE_QLIK_HOST,
  clientId: import.meta.env.VITE_QLIK_CLIENT_ID,
  redirectUri: `${window.location.origin}/`,
};
console.log(import.meta.env.VITE_TITLE);
"""
DEVELOPMENT = (
    "VITE_QLIK_HOST=acme.eu.qlikcloud.com\n"
    "VITE_QLIK_CLIENT_ID=0123456789abcdef0123456789abcdef\n"
    "VITE_TITLE=Sales\n"  # not a Qlik setting: not judged
)
PACKAGE = '{"name": "v", "scripts": {"build": "%s"}, "devDependencies": {"vite": "5"}}'


def development_only(root: Path) -> list[tuple[str, int]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule == "env-development-only"]


def vite_app(root: Path, extra: dict[str, str] | None = None, build: str = "vite build") -> Path:
    return write(
        root,
        {
            "package.json": PACKAGE % build,
            "index.html": '<!doctype html><html><body><script type="module" src="/src/main.js"></script>',
            "src/main.js": MAIN,
            ".env.development": DEVELOPMENT,
            **(extra or {}),
        },
    )


def test_a_value_only_in_the_development_file_is_found_at_its_line(tmp_path: Path) -> None:
    vite_app(tmp_path)
    assert sorted(development_only(tmp_path)) == [(".env.development", 1), (".env.development", 2)]
    finding = next(f for f in check_paths([str(tmp_path)]).sorted() if f.rule == "env-development-only")
    assert finding.severity.value == "warning"
    assert "production build does not read" in finding.message


def test_only_the_names_no_production_file_writes(tmp_path: Path) -> None:
    vite_app(tmp_path, {".env.production": "VITE_QLIK_HOST=acme.eu.qlikcloud.com\n"})
    assert development_only(tmp_path) == [(".env.development", 2)]


@pytest.mark.parametrize(
    "extra",
    [
        {".env": "VITE_QLIK_HOST=a.eu.qlikcloud.com\nVITE_QLIK_CLIENT_ID=0123456789abcdef0123456789abcdef\n"},
        {".env.example": "VITE_QLIK_HOST=\nVITE_QLIK_CLIENT_ID=\n"},  # the developer copies it to .env
        {".env.staging": "VITE_QLIK_HOST=a\nVITE_QLIK_CLIENT_ID=b\n"},  # a build with --mode staging
        {".github/workflows/deploy.yml": "env:\n  VITE_QLIK_HOST: x\n  VITE_QLIK_CLIENT_ID: y\n"},
        {"Dockerfile": "ARG VITE_QLIK_HOST\nARG VITE_QLIK_CLIENT_ID\nRUN npm run build\n"},
        {"vite.config.js": "export default defineConfig(({ mode }) => ({ define: loadEnv(mode, '.', '') }))\n"},
    ],
    ids=["dot-env", "example", "other-mode", "ci-workflow", "dockerfile", "load-env"],
)
def test_silent_where_the_build_gets_the_value_another_way(tmp_path: Path, extra: dict[str, str]) -> None:
    vite_app(tmp_path, extra)
    assert development_only(tmp_path) == []


def test_silent_when_the_build_runs_in_development_mode(tmp_path: Path) -> None:
    vite_app(tmp_path, build="vite build --mode development")
    assert development_only(tmp_path) == []


def test_silent_for_a_name_no_code_reads(tmp_path: Path) -> None:
    vite_app(tmp_path, {"src/main.js": "console.log(import.meta.env.VITE_TITLE);\n"})
    assert development_only(tmp_path) == []


def test_silent_without_a_bundler_that_reads_mode_files(tmp_path: Path) -> None:
    vite_app(tmp_path, {"package.json": '{"name": "v", "dependencies": {"express": "4"}}'})
    assert development_only(tmp_path) == []


def test_a_next_app_reading_process_env(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "n", "dependencies": {"next": "14", "@qlik/embed-react": "1"}}',
            "app/page.tsx": '"use client";\nimport { QlikEmbed } from "@qlik/embed-react";\n'
            "export default function Page() {\n"
            '  return <QlikEmbed ui="analytics/sheet" appId={process.env.NEXT_PUBLIC_QLIK_APP_ID} />;\n}\n',
            ".env.development": "NEXT_PUBLIC_QLIK_APP_ID=6b5b3c5e-1f5a-4c3b-9a7e-2c1d0e9f8a7b\n",
        },
    )
    assert development_only(tmp_path) == [(".env.development", 1)]
