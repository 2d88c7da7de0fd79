"""Classes of false errors and misses found by running `check` on public Qlik projects outside the accuracy
corpus (their repositories hash to its development half): each on a small project of its own, with the
correct variant that stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, HEAD, ID, LOGIN, SIGNED_IN, TENANT, page, write

import mashup_gen
from mashup_gen.checker import check_paths


def findings(path: Path) -> list[tuple[str, str, int | None]]:
    """``(rule, file path relative to the project, line)`` of every finding."""
    return [
        (f.rule, Path(f.path or "").relative_to(path).as_posix(), f.line) for f in check_paths([str(path)]).sorted()
    ]


# -- Qlik's own web site is nobody's tenant (seen in Qlik-Branch/playground: a footer link) ------------------


@pytest.mark.parametrize(("link", "mixed"), [("http://www.qlikcloud.com", False), ("https://beta.qlikcloud.com", True)])
def test_qliks_own_site_is_not_a_second_tenant(tmp_path: Path, link: str, mixed: bool) -> None:
    footer = f'export const links = [{{ title: "Qlik Cloud", link: "{link}" }}];\n'
    write(tmp_path, {"index.html": page(), "js/footer.js": footer})
    assert any(rule == "tenant-mixed" for rule, _, _ in findings(tmp_path)) is mixed


# -- a root-relative path under a server's mount prefix (seen in Qlik-Branch/playground) --------------------


def test_a_root_path_under_a_mount_prefix_names_the_mounted_folders_file(tmp_path: Path) -> None:
    body = (
        '<script src="/showcaseresources/sales/resources/script.js"></script>\n'  # served: the folder is mounted
        '<script src="/showcaseresources/sales/resources/scirpt.js"></script>\n'  # a typo: no such file anywhere
        '<script src="/showcaseresources/other/script.js"></script>\n'  # only the file name exists elsewhere
    )
    write(tmp_path, {
        "package.json": '{"name": "showcase", "dependencies": {"express": "4"}}',
        "public/views/showcase/sales/index.html": page(body=body),
        "public/views/showcase/sales/resources/script.js": "",
    })  # fmt: skip
    assert findings(tmp_path) == [
        ("missing-file", "public/views/showcase/sales/index.html", 7),
        ("missing-file", "public/views/showcase/sales/index.html", 8),
    ]


# -- an OAuth redirect URI on the developer's machine or network (seen in KavyaBabu/qlik_embed_poc_next) ------

EMBED_PAGE = """<!doctype html><html><head>
<script crossorigin="anonymous" type="application/javascript"
  src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"
  data-host="https://acme.uk.qlikcloud.com" data-client-id="f6ec83d532eadf375cd98cfe709859df"
  data-redirect-uri="%s/oauth_callback.html"
  data-access-token-storage="session" data-auth-type="oauth2"></script></head>
<body><qlik-embed ui="analytics/sheet" app-id="7c1f3a52-9d4e-4b8a-a6f2-3e5d7c9b1a04"></qlik-embed></body></html>
"""
CALLBACK = """<!doctype html><html><head><script crossorigin="anonymous" data-host="https://acme.uk.qlikcloud.com"
src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/oauth-callback.js"></script></head></html>
"""
HOST_CONFIG = """import { QlikEmbed } from "@qlik/embed-react";

export const hostConfig = {
  host: "https://acme.uk.qlikcloud.com",
  authType: "Oauth2",
  clientId: "f6ec83d532eadf375cd98cfe709859df",
  redirectUri: "%s/oauth_callback.html",
};
"""


@pytest.mark.parametrize(
    ("origin", "fixed"),
    [
        ("https://192.168.1.128:5500", True),  # a machine on the office network
        ("http://10.0.0.5:8080", True),
        ("http://localhost:3000", True),
        ("https://analytics.example.com", False),
        ("https://172.32.0.1", False),  # a public address (172.16.0.0/12 ends at 172.31)
    ],
)
def test_a_redirect_uri_attribute_on_the_developers_network(tmp_path: Path, origin: str, fixed: bool) -> None:
    write(tmp_path, {"index.html": EMBED_PAGE % origin, "oauth_callback.html": CALLBACK})
    expected = [("embed-redirect-localhost", "index.html", 5)] if fixed else []
    assert [f for f in findings(tmp_path) if f[0] == "embed-redirect-localhost"] == expected


@pytest.mark.parametrize(("origin", "fixed"), [("http://192.168.0.12:5173", True), ("https://bi.example.com", False)])
def test_a_host_configs_redirect_uri_on_a_private_network(tmp_path: Path, origin: str, fixed: bool) -> None:
    write(tmp_path, {
        "package.json": '{"name": "r", "dependencies": {"@qlik/embed-react": "1"}}',
        "index.html": '<!doctype html><html><body><script type="module" src="/src/config.ts"></script>',
        "src/config.ts": HOST_CONFIG % origin,
        "public/oauth_callback.html": CALLBACK,
    })  # fmt: skip
    expected = [("embed-redirect-localhost", "src/config.ts", 7)] if fixed else []
    assert [f for f in findings(tmp_path) if f[0] == "embed-redirect-localhost"] == expected


def test_a_local_redirect_on_an_origin_the_record_lists_is_intended(tmp_path: Path) -> None:
    # A generated project its record says is served from http://localhost:8000: the redirect is on purpose.
    answers = {
        "tenant": "acme.uk.qlikcloud.com",
        "app_id": "7c1f3a52-9d4e-4b8a-a6f2-3e5d7c9b1a04",
        "auth": "oauth2",
        "client_id": "f6ec83d532eadf375cd98cfe709859df",
        "origins": "http://localhost:8000",
        "objects": {"chart": "nunQpgh"},
    }
    mashup_gen.new(tmp_path / "portal", template="qlik-embed", answers=answers)
    assert 'data-redirect-uri="http://localhost:8000/' in (tmp_path / "portal" / "index.html").read_text()
    assert findings(tmp_path / "portal") == []


# -- an iframe of a tenant page whose URL the code builds (seen in MARKiplier015/Qlik-Embed-SPA-SSO) ---------

FRAMER = """class Embedder {
  constructor() {
    this.host = "3nyq77e2zsd7w6i.sg.qlikcloud.com";
  }
  buildUrl(appId, sheetId) {
    return `https://${this.host}/sense/app/${appId}/sheet/${sheetId}/state/analysis`;
  }
  embed(iframeElement, appId, sheetId) {
    iframeElement.src = this.buildUrl(appId, sheetId);
  }
  %s
}
window.embedder = new Embedder();
"""


@pytest.mark.parametrize(
    "extra",
    # The same URL also opened in a window of its own: that use is not framed, the built one still is.
    ["", "open(appId) { window.open(`https://${this.host}/sense/app/${appId}`); }"],
)
def test_an_iframe_src_built_from_the_tenant_in_code(tmp_path: Path, extra: str) -> None:
    page_html = '<!doctype html><html><body><iframe id="q"></iframe><script src="js/embed.js"></script></body></html>'
    write(tmp_path, {"index.html": page_html, "js/embed.js": FRAMER % extra})
    assert [f for f in findings(tmp_path) if f[0] == "tenant-frame"] == [("tenant-frame", "js/embed.js", 6)]


def test_a_tenant_page_opened_in_a_window_is_not_framed(tmp_path: Path) -> None:
    code = (
        'const host = "acme.eu.qlikcloud.com";\n'
        "function openSheet(appId) { window.open(`https://${host}/sense/app/${appId}`); }\n"
        "// the help panel is an iframe of our own docs\n"
    )
    page_html = '<!doctype html><html><body><script src="js/app.js"></script></body></html>'
    write(tmp_path, {"index.html": page_html, "js/app.js": code})
    assert [f for f in findings(tmp_path) if f[0] == "tenant-frame"] == []


# -- the engine's GetDocList, documented for client-managed servers only (dev corpus: two projects list apps so) --

ENGINE_APP = f"""const enigma = require("enigma.js");
const schema = require("enigma.js/schemas/12.170.2.json");
const session = enigma.create({{ schema, url: "wss://{TENANT}/app/engineData" }});
session.open().then((global) => {{
  %s
}});
"""


@pytest.mark.parametrize(
    ("code", "listed"),
    [
        ("return global.getDocList().then((list) => list.map((doc) => doc.qDocId));", True),
        ('return session.send({ method: "GetDocList", handle: -1, params: [] });', True),
        # Apps listed by the REST API, each opened on its own session: nothing to say.
        (f'return fetch("https://{TENANT}/api/v1/items?resourceType=app").then((r) => r.json());', False),
        ("// global.getDocList() lists a client-managed server's apps only", False),
        # The method's entry in a schema the project ships (a copy of enigma's JSON as a script): a key, no call.
        ('return { Global: { "GetDocList": { In: [], Out: [{ Name: "qDocList" }] } } };', False),
    ],
)
def test_apps_listed_with_the_engines_doc_list(tmp_path: Path, code: str, listed: bool) -> None:
    manifest = '{"name": "s", "dependencies": {"enigma.js": "2"}}'
    write(tmp_path, {"package.json": manifest, "index.js": ENGINE_APP % code})
    expected = [("engine-doc-list", "index.js", 5)] if listed else []
    assert [f for f in findings(tmp_path) if f[0] == "engine-doc-list"] == expected


def test_a_test_of_the_doc_list_is_not_the_apps_code(tmp_path: Path) -> None:
    write(tmp_path, {"test/list.test.js": ENGINE_APP % "return global.getDocList();"})
    assert [f for f in findings(tmp_path) if f[0] == "engine-doc-list"] == []


# -- an empty app id that reaches qlik.openApp through a variable (dev corpus: yuricesar, an empty-string id) --

EMPTY_APP = f"""var config = {{ host: "{TENANT}", prefix: "/", port: 443, isSecure: true, webIntegrationId: "{ID}" }};
var appId = "";
%s
require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});
require(["js/qlik"], function (qlik) {{ qlik.openApp(appId, config); }});
"""


@pytest.mark.parametrize(
    ("later", "flagged"),
    [
        ("", True),  # never filled in: openApp("") opens nothing
        ('appId = new URLSearchParams(location.search).get("app");', False),  # a default the page replaces
    ],
)
def test_an_empty_app_id_given_to_open_app(tmp_path: Path, later: str, flagged: bool) -> None:
    write(tmp_path, {"index.html": page(script=LOGIN + EMPTY_APP % later)})
    expected = [("placeholder", "index.html", 9)] if flagged else []
    assert [f for f in findings(tmp_path) if f[0] == "placeholder"] == expected


# -- qlik-embed loaded by a JSX script tag (Next.js's <Script> in a root layout; seen in KavyaBabu/qlik_embed_poc_next)

LAYOUT = """import Script from "next/script";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Script
          src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components%s/dist/index.js"
          strategy="beforeInteractive"
          crossOrigin="anonymous"
          %s
          data-client-id="f6ec83d532eadf375cd98cfe709859df"
          data-redirect-uri=%s
          data-access-token-storage="session"
          data-auth-type="oauth2"
        />
        {children}
      </body>
    </html>
  );
}
"""


def next_app(root: Path, version: str, host: str, redirect: str) -> Path:
    return write(root, {
        "package.json": '{"name": "n", "dependencies": {"next": "15", "react": "19"}}',
        "app/layout.tsx": LAYOUT % (version, host, redirect),
        "public/oauth_callback.html": CALLBACK,
    })  # fmt: skip


def test_a_jsx_loader_is_judged_like_a_pages(tmp_path: Path) -> None:
    host = 'data-host="https://acme.uk.qlikcloud.com"'
    next_app(tmp_path, "", host, '"http://192.168.1.128:3000/oauth_callback.html"')
    assert findings(tmp_path) == [
        ("embed-unpinned", "app/layout.tsx", 8),
        ("embed-redirect-localhost", "app/layout.tsx", 13),
    ]
    (tmp_path / "app/layout.tsx").write_text(LAYOUT % ("@1.6.0", "", '"https://bi.example.com/oauth_callback.html"'))
    assert findings(tmp_path) == [("embed-no-host", "app/layout.tsx", 7)]


def test_a_jsx_loaders_settings_from_the_environment_are_not_judged(tmp_path: Path) -> None:
    host = "data-host={process.env.NEXT_PUBLIC_QLIK_HOST}"
    next_app(tmp_path, "@1.6.0", host, "{process.env.NEXT_PUBLIC_QLIK_REDIRECT_URI}")
    assert findings(tmp_path) == []
    spread = LAYOUT.replace("<Script\n", "<Script\n          {...qlikSettings}\n")
    (tmp_path / "app/layout.tsx").write_text(spread % ("@1.6.0", "", "{redirect}"))
    assert findings(tmp_path) == []  # the settings come from the spread object: nothing to say


# -- an env file's Qlik value left empty, read by a host config ("empty strings where a value is required") ---

VITE_APP = """import { QlikEmbed } from "@qlik/embed-react";

const hostConfig = {
  host: import.meta.env.VITE_QLIK_HOST,
  clientId: import.meta.env.VITE_QLIK_CLIENT_ID,
  redirectUri: `${window.location.origin}/oauth-callback.html`,
  accessTokenStorage: "session",
  authType: "Oauth2",
};
export const Sheet = () => <QlikEmbed hostConfig={hostConfig} ui="analytics/sheet" appId="%s" objectId="abc" />;
"""


@pytest.mark.parametrize(
    ("env_files", "expected"),
    [
        ({".env": "VITE_QLIK_HOST=\nVITE_QLIK_CLIENT_ID=5b2e8d0c7a4f41e3\n"}, [("placeholder", ".env", 1)]),
        # Set by the production env file, or only a developer's own file is empty: the deployment has a value.
        ({".env": "VITE_QLIK_HOST=\n", ".env.production": "VITE_QLIK_HOST=acme.eu.qlikcloud.com\n"}, []),
        ({".env.local": "VITE_QLIK_HOST=\n"}, []),
        ({".env.example": "VITE_QLIK_HOST=\n"}, []),
    ],
)
def test_an_empty_env_value_a_host_config_reads(tmp_path: Path, env_files: dict[str, str], expected: list) -> None:
    write(tmp_path, {
        "package.json": '{"name": "v", "dependencies": {"@qlik/embed-react": "1", "vite": "5"}}',
        "index.html": '<!doctype html><html><body><script type="module" src="/src/main.tsx"></script></body></html>',
        "src/main.tsx": VITE_APP % APP,
        "public/oauth-callback.html": CALLBACK,
        **env_files,
    })  # fmt: skip
    assert [f for f in findings(tmp_path) if f[0] == "placeholder"] == expected


# -- other services' browser keys in a mashup's code (seen in Qlik-Branch/playground: a Flickr key) -----------


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ('var options = { "api_key": "72a16a4e67705075bef0cb45b713b7f5", "method": "photos.search" };', False),
        ('const firebaseConfig = { apiKey: "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", projectId: "p" };', False),
        ('var QLIK_API_KEY = "d22baa74-35ba-4c92-af13-2d0c6838c8a2-7f3e9b1c";', True),  # not a known browser key
        ('var settings = { clientSecret: "0f1e2d3c4b5a69788796a5b4c3d2e1f0" };', True),  # a secret, whatever shape
    ],
)
def test_another_services_browser_key_is_not_a_qlik_secret(tmp_path: Path, line: str, secret: bool) -> None:
    write(tmp_path, {"index.html": page(script=SIGNED_IN + line + "\n")})
    assert any(rule == "secret-in-code" for rule, _, _ in findings(tmp_path)) is secret


# -- a sign-in page sharing the mashup's script file (seen in scooterbill/qliksense-examples) ------------------

SHARED = f"""var config = {{ host: "{TENANT}", prefix: "/", port: 443, isSecure: true, webIntegrationId: "{ID}" }};
function authenticate() {{ {LOGIN.strip()} }}
function main() {{
  require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});
  require(["js/qlik"], function (qlik) {{ qlik.openApp("{APP}", config); }});
}}
"""


@pytest.mark.parametrize(("mashup_loads_require", "expected"), [(True, []), (False, ["index.html", "main.html"])])
def test_a_sign_in_page_sharing_the_mashups_script(tmp_path: Path, mashup_loads_require: bool, expected: list) -> None:
    head = HEAD if mashup_loads_require else HEAD.splitlines(keepends=True)[0]
    write(tmp_path, {
        "index.html": page(head="", body='<script src="resources/script.js"></script>\n', script="authenticate();\n"),
        "main.html": page(head=head, body='<script src="resources/script.js"></script>\n', script="main();\n"),
        "resources/script.js": SHARED,
    })  # fmt: skip
    assert [name for rule, name, _ in findings(tmp_path) if rule == "resource-missing-require"] == expected


# -- markup inside a server template's own comments never reaches the browser (seen in scooterbill/qliksense-
# examples: ASP.NET <%-- --%> around an old stylesheet and a second RequireJS) ---------------------------------


@pytest.mark.parametrize(
    ("name", "opening", "closing"),
    [
        ("Default.aspx", "<%--", "--%>"),
        ("Index.cshtml", "@*", "*@"),
        ("index.hbs", "{{!--", "--}}"),
        ("index.blade.php", "{{--", "--}}"),
        ("index.html.erb", "<%#", "%>"),
        ("index.j2", "{#", "#}"),
    ],
)
def test_tags_in_a_server_templates_comment_are_not_the_pages(
    tmp_path: Path, name: str, opening: str, closing: str
) -> None:
    old = f'<link rel="stylesheet" href="https://{TENANT}/resources/autogenerated/qlikui.css">\n'
    write(tmp_path, {name: page(head=HEAD + f"{opening}\n{old}{closing}\n")})
    assert findings(tmp_path) == []
    write(tmp_path, {name: page(head=HEAD + old)})  # the same tag outside the comment is the page's
    assert [rule for rule, _, _ in findings(tmp_path)] == ["resource-legacy-css"]
