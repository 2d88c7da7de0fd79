"""What runs where: the classification of a project's files, and what it changes in check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from mashup_gen.checker.project import Project
from mashup_gen.checker.scan import discover
from mashup_gen.source.model import file_model
from mashup_gen.source.roles import (
    Role,
    classify,
    is_bundle,
    is_node_program,
    is_public_env,
    is_test_code,
    runs_test_folder,
)


@pytest.mark.parametrize(
    ("path", "kwargs", "role"),
    [
        ("index.html", {}, Role.PAGE),
        ("views/index.php", {}, Role.PAGE),
        ("src/app/sheet.component.html", {}, Role.COMPONENT),
        ("src/components/Sheet.vue", {}, Role.COMPONENT),
        ("src/App.svelte", {}, Role.COMPONENT),
        (".env.production", {}, Role.CONFIG),
        ("vite.config.ts", {}, Role.CONFIG),
        ("next.config.mjs", {}, Role.CONFIG),
        ("package.json", {}, Role.CONFIG),
        ("pages/api/apps.ts", {}, Role.SERVER),
        ("app/api/apps/route.ts", {}, Role.SERVER),
        ("middleware.ts", {}, Role.SERVER),
        ("server/index.js", {}, Role.SERVER),
        ("src/routes/+page.server.ts", {}, Role.SERVER),
        ("api/token.js", {}, Role.SERVER),
        ("src/api/qlik.js", {}, Role.BROWSER),  # a browser module folder called api
        ("lib/actions.ts", {"directives": ("use server",)}, Role.SERVER),
        ("app/sheet.tsx", {"directives": ("use client",), "has_jsx": True, "next_app": True}, Role.COMPONENT),
        ("app/dashboard/page.tsx", {"has_jsx": True, "next_app": True}, Role.SERVER),
        ("app/dashboard/page.tsx", {"has_jsx": True}, Role.COMPONENT),
        ("deploy.js", {"imports": ("https", "./config.json")}, Role.SERVER),
        ("tools/x.mjs", {"imports": ("node:fs",)}, Role.SERVER),
        ("index.js", {"imports": ("express",)}, Role.SERVER),
        ("server/public.js", {"from_page": True}, Role.BROWSER),  # a page loads it: the browser runs it
        ("js/main.js", {}, Role.BROWSER),
    ],
)
def test_classify(path: str, kwargs: dict, role: Role) -> None:
    assert classify(path, **kwargs) is role


def test_file_model_reads_directives_and_imports_from_the_tree() -> None:
    assert file_model("lib/q.ts", '"use server";\nexport async function f() {}').role is Role.SERVER
    assert file_model("q.js", "const fs = require('fs');").role is Role.SERVER
    assert file_model("q.js", "// require('fs') in a comment\nfetch('/x');").role is Role.BROWSER


def test_public_environment_names() -> None:
    assert is_public_env("NEXT_PUBLIC_QLIK_HOST") and is_public_env("VITE_KEY") and is_public_env("REACT_APP_X")
    assert not is_public_env("QLIK_CLIENT_SECRET")


def test_bundles() -> None:
    assert is_bundle("vendor/enigma.min.js", "")
    assert is_bundle("mock/main.js", "(()=>{window.___qlik_main__bootstrap=1})()")
    assert not is_bundle("main.js", "fetch('/api/v1/items')")
    # Qlik Sense's own require.js copied from the tenant: its "sense" RequireJS context lies far past the head.
    qlik_client = "(()=>{var __webpack_modules__={};" + "x;" * 20000 + "requirejs.s.contexts.sense.config})()"
    assert is_bundle("src/require.js", qlik_client)
    assert not is_bundle("src/require.js", "(()=>{var __webpack_modules__={};" + "x;" * 20000 + "})()")


LIBRARY_BODY = "!function(e,t){e.lib=t()}(this,function(){" + "var a=1;" * 3000 + "});\n"


@pytest.mark.parametrize(
    "banner",
    [
        "/*! jQuery v3.6.0 | (c) OpenJS Foundation and other contributors | jquery.org/license */\n",
        "/*\n* @nebula.js/sn-pie-chart v1.20.2\n* Copyright (c) 2022 QlikTech International AB\n* MIT license\n*/\n",
        "\ufeff/**\n * @license AngularJS v1.3.15\n * (c) 2010-2014 Google, Inc. http://angularjs.org\n */\n",
        "// https://d3js.org v5.16.0 Copyright 2020 Mike Bostock\n",
        "/*\n * angular-ui-bootstrap\n * Version: 0.12.0 - 2014-11-16\n * License: MIT\n */\n",
    ],
)
def test_a_library_copied_into_the_project_is_a_bundle(banner: str) -> None:
    assert is_bundle("js/lib/library.js", banner + LIBRARY_BODY)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # the project's own file with a licence header: small, so it stays checked
        ("src/qlik.js", "/* Copyright (c) 2024 Acme, v1.2.3 */\nconst config = { host: 'acme.us.qlikcloud.com' };\n"),
        # a large file without a version in its first comment, or without a licence
        ("src/app.js", "/* the dashboard's code, version 2 */\n" + LIBRARY_BODY),
        ("src/app.js", "/* app v1.2.3, built by the team */\n" + LIBRARY_BODY),
        # a banner that is not at the top is not the file's banner
        ("src/app.js", "const x = 1;\n/*! jQuery v3.6.0 | (c) OpenJS Foundation */\n" + LIBRARY_BODY),
    ],
)
def test_the_project_s_own_code_is_not_a_bundle(name: str, text: str) -> None:
    assert not is_bundle(name, text)


def test_project_units_carry_roles(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "4"}}')
    (tmp_path / "server.js").write_text("const express = require('express');\n")
    (tmp_path / "index.html").write_text('<script src="app.js"></script><script>var a = 1;</script>')
    (tmp_path / "app.js").write_text("var b = 2;\n")
    (project_files,) = discover(tmp_path, str(tmp_path))
    project = Project(project_files)
    roles = {(u.file.path.name, u.script.offset == 0): u.role for u in project.units}
    assert roles == {("server.js", True): "server", ("app.js", True): "browser", ("index.html", False): "browser"}
    assert all(u.syntax is not None for u in project.units)


def test_server_requests_are_not_judged_but_browser_ones_are(tmp_path: Path) -> None:
    tenant = "https://acme.eu.qlikcloud.com"
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "admin.js").write_text(
        f"const https = require('https');\nfetch('{tenant}/api/v1/spaces', {{ method: 'POST' }});\n"
    )
    (tmp_path / "index.html").write_text(
        f"<script>fetch('{tenant}/api/v1/users/me', {{ credentials: 'include' }});</script>"
    )
    findings = [(f.path.rsplit("/", 1)[-1], f.rule) for f in check_paths([str(tmp_path)]).sorted()]
    assert ("index.html", "rest-no-web-integration-id") in findings
    assert not [f for f in findings if f[0] == "admin.js"]


def test_a_bearer_request_from_the_browser_is_not_a_cookie_request(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<script>fetch('https://acme.eu.qlikcloud.com/api/v1/items', "
        "{ method: 'POST', headers: { Authorization: `Bearer ${token}` } });</script>"
    )
    rules = {f.rule for f in check_paths([str(tmp_path)]).sorted()}
    assert not rules & {"rest-no-web-integration-id", "rest-no-credentials", "rest-no-csrf"}


def test_a_folder_of_several_projects_is_checked_as_several(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "package.json").write_text("{}")
        (tmp_path / name / "index.html").write_text("<p>x</p>")
    assert check_paths([str(tmp_path)]).projects == 2


def test_a_front_end_inside_a_node_project_is_its_own_project(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "server.js").write_text("const express = require('express');\n")
    (tmp_path / "client").mkdir()
    (tmp_path / "client" / "package.json").write_text("{}")
    (tmp_path / "client" / "index.html").write_text("<p>x</p>")
    (tmp_path / "client" / "lib").mkdir()
    (tmp_path / "client" / "lib" / "package.json").write_text("{}")  # no page beside it: part of client
    roots = sorted(p.root.relative_to(tmp_path).as_posix() for p in discover(tmp_path, str(tmp_path)))
    assert roots == [".", "client"]


@pytest.mark.parametrize(
    ("relative", "test"),
    [
        ("src/__tests__/config.test.ts", True),
        ("src/qlik.spec.tsx", True),
        ("tests/e2e/embed.spec.ts", True),
        ("cypress/e2e/login.cy.js", True),
        ("src/__mocks__/qlik.js", True),
        ("src/qlik.ts", False),
        ("src/testimonials.js", False),  # a name that starts like "test" is not a test
        ("tests/index.html", False),  # pages are never dropped
        ("src/latest.js", False),
    ],
)
def test_test_code_is_known_by_its_name_or_folder(relative: str, test: bool) -> None:
    assert is_test_code(relative) is test


@pytest.mark.parametrize(
    ("script", "runs"),
    [
        ("mocha && istanbul cover node_modules/mocha/bin/_mocha", True),
        ("jest --coverage", True),
        ("node --test", True),
        ('echo "Error: no test specified" && exit 1', False),  # npm init's stub runs no test runner
        ("eslint .", False),
    ],
)
def test_a_test_runner_in_package_json_is_known(script: str, runs: bool) -> None:
    assert runs_test_folder(json.dumps({"scripts": {"test": script}})) is runs


def test_a_test_folder_is_test_code_only_when_a_runner_loads_it(tmp_path: Path) -> None:
    # mocha's test/test.js asks a fake proxy for tickets; the library's own code beside it is still judged.
    (tmp_path / "index.js").write_text("const about = 'https://sense.corp:4242/qrs/about?xrfkey=0000000000000000';\n")
    (tmp_path / "test").mkdir()
    (tmp_path / "test" / "test.js").write_text("const qps = 'https://localhost:4243/qps';\n")
    with_runner = {"name": "lib", "scripts": {"test": "mocha"}}
    for manifest, judged in ((with_runner, ["index.js"]), ({"name": "lib"}, ["index.js", "test.js"])):
        (tmp_path / "package.json").write_text(json.dumps(manifest))
        found = check_paths([str(tmp_path)]).sorted()
        assert sorted({f.path.rsplit("/", 1)[-1] for f in found if f.rule == "client-managed-api"}) == judged


@pytest.mark.parametrize(
    ("manifest", "node"),
    [
        ({"bin": {"qmb": "dist/index.js"}}, True),
        ({"dependencies": {"@modelcontextprotocol/sdk": "^1.0.0", "@qlik/api": "^1.0.0"}}, True),
        ({"dependencies": {"express": "^4.0.0"}}, True),
        ({"dependencies": {"express": "^4.0.0", "react": "^18.0.0"}}, False),  # a page's app beside its server
        ({"dependencies": {"@qlik/api": "^1.0.0"}, "devDependencies": {"vite": "^5.0.0"}}, False),
        ({"bin": "cli.js", "browser": {"fs": False}}, False),  # a package made for browsers too
        ({"dependencies": {"@qlik/api": "^1.0.0"}}, False),  # nothing says where it runs
    ],
)
def test_a_node_program_is_known_by_its_package_json(manifest: dict[str, object], node: bool) -> None:
    assert is_node_program(json.dumps(manifest)) is node


def test_the_code_of_a_node_program_without_a_page_runs_on_the_server(tmp_path: Path) -> None:
    # An MCP server holding a key for its own calls: a server's secret, not one shipped to a browser.
    code = (
        "export const host = { authType: 'apikey', host: 'acme.eu.qlikcloud.com',\n"
        "  apiKey: 'eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' };\n"
    )
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "config.ts").write_text(code)
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"@modelcontextprotocol/sdk": "^1.0.0"}}))
    assert [f.rule for f in check_paths([str(tmp_path)]).sorted() if f.severity == "error"] == []
    # The same file with a page beside it is browser code: the key ships to the browser.
    (tmp_path / "index.html").write_text('<script type="module" src="src/config.ts"></script>\n')
    assert "secret-in-code" in [f.rule for f in check_paths([str(tmp_path)]).sorted()]
