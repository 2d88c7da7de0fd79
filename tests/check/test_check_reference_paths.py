"""missing-file: where a page's paths resolve. A server template kept as .html (a MkDocs or Flask theme:
``{% extends "base.html" %}``) renders a page served at a route, so its relative paths resolve there, not beside
the file; a path the hosting platform answers itself (``/_vercel/insights/script.js``) is no file of the project."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

TEMPLATE = '{% extends "base.html" %}\n{% block extrahead %}\n<link rel="stylesheet" href="{href}">\n{% endblock %}\n'


def missing(path: Path) -> list[tuple[str, int | None]]:
    return [
        (f.path.rsplit("/", 1)[-1], f.line)
        for f in check_paths([str(path)]).sorted()
        if f.rule in ("missing-file", "missing-asset")
    ]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_a_templates_relative_path_is_found_where_the_project_serves_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": "{}",
            "templates/page.html": TEMPLATE.replace("{href}", "css/site.css"),
            "static/css/site.css": "",
        },
    )
    assert missing(tmp_path) == []


def test_a_templates_relative_path_that_climbs_out_of_its_project_is_not_judged(tmp_path: Path) -> None:
    # theme/ is a project of its own (a page, a package.json); the pages it renders live in docs/.
    write(
        tmp_path,
        {
            "theme/package.json": "{}",
            "theme/main.html": TEMPLATE.replace("{href}", "../stylesheets/pricing.css"),
            "docs/stylesheets/pricing.css": "",
        },
    )
    assert missing(tmp_path / "theme") == []


def test_a_file_no_folder_holds_is_still_missing_from_a_template(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": "{}",
            "templates/page.html": TEMPLATE.replace("{href}", "css/nowhere.css"),
            "static/css/site.css": "",
        },
    )
    assert missing(tmp_path) == [("page.html", 3)]


def test_a_plain_page_still_resolves_beside_itself(tmp_path: Path) -> None:
    # No template statement: a static page is served from its folder, so a file elsewhere does not answer.
    write(tmp_path, {"index.html": '<link rel="stylesheet" href="css/site.css">\n', "static/css/site.css": ""})
    assert missing(tmp_path) == [("index.html", 1)]


def test_a_path_the_hosting_platform_answers_is_not_a_project_file(tmp_path: Path) -> None:
    # Vercel serves its analytics script, Cloudflare its email decoder, Firebase its init script.
    write(
        tmp_path,
        {
            "index.html": '<script defer src="/_vercel/insights/script.js"></script>\n'
            '<script src="/cdn-cgi/scripts/5c5dd728/cloudflare-static/email-decode.min.js"></script>\n'
            '<script src="/__/firebase/init.js"></script>\n'
            '<script src="/_vercelx/app.js"></script>\n'
        },
    )
    assert missing(tmp_path) == [("index.html", 4)]


SERVER = """var http = require('http');
var fs = require('fs');
http.createServer(function (req, res) {
  if (req.url === '/') return serveFile('public/index.html', res);
  serveFile(req.url.replace(/\\//, ''), res);
}).listen(3000);
"""
SERVED_PAGE = '<!doctype html><html><body><script src="public/script.js"></script></body></html>\\n'


def test_a_page_a_server_sends_from_a_subfolder_resolves_against_the_servers_folder(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "t", "dependencies": {"qlik-auth": "1"}}')
    (tmp_path / "server.js").write_text(SERVER)
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "index.html").write_text(SERVED_PAGE)
    (tmp_path / "public" / "script.js").write_text("console.log('hi');\\n")
    assert not [f for f in check_paths([str(tmp_path)]).sorted() if f.rule in ("missing-file", "missing-asset")]


def test_a_file_missing_from_the_servers_folder_too_is_still_missing(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "t", "dependencies": {"qlik-auth": "1"}}')
    (tmp_path / "server.js").write_text(SERVER)
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "index.html").write_text(SERVED_PAGE.replace("public/script.js", "public/app.js"))
    (tmp_path / "public" / "script.js").write_text("console.log('hi');\\n")
    assert [f.line for f in check_paths([str(tmp_path)]).sorted() if f.rule in ("missing-file", "missing-asset")] == [1]


def test_a_path_into_a_package_managers_folder_is_found_once_installed(tmp_path: Path) -> None:
    (tmp_path / "bower.json").write_text('{"name": "t", "dependencies": {"requirejs": "2"}}')
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><body><script src="bower_components/requirejs/require.js"></script>\n'
        '<script src="node_modules/x/dist/x.js"></script><script src="lib/missing.js"></script></body></html>\n'
    )
    assert [
        (f.line, "missing.js" in f.message)
        for f in check_paths([str(tmp_path)]).sorted()
        if f.rule in ("missing-file", "missing-asset")
    ] == [(2, True)]


def test_a_redirect_page_is_judged_on_a_tag_whose_own_script_exists(tmp_path: Path) -> None:
    # The loader is a file of the project; the redirect URI on the same tag names a page that is not.
    loader = (
        '<script type="module" src="vendor/qlik-embed.js" data-host="https://acme.eu.qlikcloud.com" '
        'data-auth-type="Oauth2" data-client-id="0123456789abcdef0123456789abcdef"\n'
        '  data-redirect-uri="https://app.example.com/oauth-callback.html"></script>\n'
    )
    write(tmp_path, {"index.html": "<!doctype html>\n" + loader, "vendor/qlik-embed.js": "export {};\n"})
    assert missing(tmp_path) == [("index.html", 3)]


def test_paths_asp_net_core_serves_itself_are_not_project_files(tmp_path: Path) -> None:
    # Blazor's script under _framework/ and a Razor class library's assets under _content/ come from the
    # framework; a misspelt script of the project's own is still missing.
    write(
        tmp_path,
        {
            "Pages/_Host.cshtml": '@page "/"\n<base href="~/" />\n'
            '<script src="_framework/blazor.server.js"></script>\n'
            '<link rel="stylesheet" href="_content/MatBlazor/dist/matBlazor.css">\n'
            '<script src="js/qlik-login.js"></script>\n',
            "app.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
        },
    )
    assert missing(tmp_path) == [("_Host.cshtml", 5)]
