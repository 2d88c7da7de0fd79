"""A Node server's own routes: the path an Express app mounts (``app.use('/resources', express.static(...))``)
is where that server answers, not a Qlik resource the page loads."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from mashup_gen.checker.facts.urls import is_route_path
from mashup_gen.checker.js import Script

SERVER = (
    "const express = require('express');\n"
    "const app = express();\n"
    "app.use('/resources', express.static(__dirname + '/public/resources'));\n"
    "app.get('/resources/assets/:file', (req, res) => res.sendFile(req.params.file));\n"
    "app.listen(3000);\n"
)


def rules_at(path: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(path)]).sorted()]


def test_a_route_the_server_mounts_is_not_a_relative_resource(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "^4.0.0"}}')
    (tmp_path / "server.js").write_text(SERVER)
    assert not [f for f in rules_at(tmp_path) if f[0].startswith("resource-")]


def test_a_relative_resource_the_server_names_as_a_value_is_still_reported(tmp_path: Path) -> None:
    # Not a route: a value the server hands on (to a page, a redirect), relative to the page's own server.
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "^4.0.0"}}')
    (tmp_path / "server.js").write_text(
        SERVER + "const requireJs = '/resources/assets/external/requirejs/require.js';\n"
    )
    assert [f for f in rules_at(tmp_path) if f[0] == "resource-relative"] == [("resource-relative", "server.js", 6)]


def test_a_page_loading_resources_relatively_is_still_reported_beside_the_server(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "^4.0.0"}}')
    (tmp_path / "server.js").write_text(SERVER)
    (tmp_path / "index.html").write_text(
        '<script src="../../resources/assets/external/requirejs/require.js"></script>\n'
    )
    assert ("resource-relative", "index.html", 1) in rules_at(tmp_path)


def test_is_route_path_wants_a_route_method_with_a_handler() -> None:
    def at(code: str) -> bool:
        script = Script(code)
        index = next(i for i in range(len(script.tokens)) if script.string_value(i) is not None)
        return is_route_path(script, index)

    assert at("app.use('/resources', handler)")
    assert at("router.get('/resources/:f', (req, res) => {})")
    assert not at("axios.get('/resources/x.js')")  # a request: one argument, no handler
    assert not at("use('/resources', handler)")  # a bare function, not a router's method
    assert not at("const p = '/resources'")
