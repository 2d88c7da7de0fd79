"""An Express server that serves only its static folder (``express.static("public")``) answers the OAuth redirect
URI with a 404 when the callback page sits beside ``server.js`` instead of in ``public/``, and no route sends
it: the user comes back from Qlik's sign-in to nothing."""

from __future__ import annotations

from pathlib import Path

from check_support import write

from mashup_gen.checker import check_paths

SERVER = (
    "const express = require('express');\n"
    "const path = require('path');\n"
    "const app = express();\n"
    "app.use(express.static(path.join(__dirname, 'public')));\n"
    "app.listen(3000);\n"
)
PAGE = (
    "<!doctype html><html><head>\n"
    '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"\n'
    ' data-host="https://acme.eu.qlikcloud.com" data-auth-type="Oauth2"\n'
    ' data-client-id="0123456789abcdef0123456789abcdef"\n'
    ' data-redirect-uri="https://sales.example.com/oauth-callback.html"></script>\n'
    '</head><body><qlik-embed ui="analytics/chart" app-id="1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e" object-id="abcDEF">'
    "</qlik-embed></body></html>\n"
)
CALLBACK = (
    '<!doctype html><html><head><script crossorigin="anonymous" type="application/javascript" '
    'data-host="https://acme.eu.qlikcloud.com" src="https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js">'
    "</script></head><body></body></html>\n"
)


def missing(root: Path) -> list[tuple[str, int | None, str]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line, f.message) for f in found if f.rule == "missing-file"]


def site(root: Path, callback_at: str, server: str = SERVER, manifest: str = '"express": "^4.0.0"') -> Path:
    return write(
        root,
        {
            "package.json": '{"dependencies": {' + manifest + "}}",
            "server.js": server,
            "public/index.html": PAGE,
            callback_at: CALLBACK,
        },
    )


def test_a_callback_page_outside_the_served_folder_is_reported(tmp_path: Path) -> None:
    # Before: the page exists in the project, so nothing was said.
    ((name, line, message),) = missing(site(tmp_path, "oauth-callback.html"))
    assert (name, line) == ("index.html", 5) and "outside the folders" in message


def test_a_callback_page_in_the_served_folder_is_silent(tmp_path: Path) -> None:
    assert missing(site(tmp_path, "public/oauth-callback.html")) == []


def test_a_callback_page_a_route_sends_is_silent(tmp_path: Path) -> None:
    server = SERVER.replace(
        "app.listen",
        "app.get('/oauth-callback.html', (req, res) => res.sendFile(path.join(__dirname, 'oauth-callback.html')));\n"
        "app.listen",
    )
    assert missing(site(tmp_path, "oauth-callback.html", server=server)) == []


def test_a_project_with_a_front_end_build_is_not_judged(tmp_path: Path) -> None:
    # Vite serves and builds the pages itself: which folder the deployed site comes from is not known here.
    assert missing(site(tmp_path, "oauth-callback.html", manifest='"express": "^4.0.0", "vite": "^5.0.0"')) == []


def test_a_server_that_also_serves_a_folder_this_cannot_name_is_not_judged(tmp_path: Path) -> None:
    server = SERVER.replace("app.listen", "app.use(express.static(__dirname));\napp.listen")
    assert missing(site(tmp_path, "oauth-callback.html", server=server)) == []


# A server with no static folder that sends its one page by route: every other page of the project is a 404.
ROUTES_ONLY = (
    "const express = require('express');\n"
    "const path = require('path');\n"
    "const app = express();\n"
    "app.get('/', function (req, res) {\n"
    "  res.sendFile(path.join(__dirname, '/index.html'));\n"
    "});\n"
    "app.listen(3000);\n"
)


def routes_site(root: Path, server: str = ROUTES_ONLY) -> Path:
    return write(
        root,
        {
            "package.json": '{"dependencies": {"express": "^4.0.0"}}',
            "server.js": server,
            "index.html": PAGE,
            "oauth-callback.html": CALLBACK,
        },
    )


def test_a_callback_page_a_routes_only_server_never_sends_is_reported(tmp_path: Path) -> None:
    ((name, line, message),) = missing(routes_site(tmp_path))
    assert (name, line) == ("index.html", 5) and "routes send" in message


def test_a_callback_page_a_routes_only_server_sends_too_is_silent(tmp_path: Path) -> None:
    server = ROUTES_ONLY.replace(
        "app.listen",
        "app.get('/oauth-callback.html', (req, res) => res.sendFile(path.join(__dirname, 'oauth-callback.html')));\n"
        "app.listen",
    )
    assert missing(routes_site(tmp_path, server)) == []


def test_an_api_server_that_sends_no_page_is_not_judged(tmp_path: Path) -> None:
    # The pages are served by something else (a static host, a dev server): the server only answers the API.
    server = ROUTES_ONLY.replace("res.sendFile(path.join(__dirname, '/index.html'))", "res.json({ ok: true })")
    assert missing(routes_site(tmp_path, server)) == []
