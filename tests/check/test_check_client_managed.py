"""client-managed-api: the QRS, the proxy's ticket API and qlik-auth's tickets do not exist on Qlik Cloud."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths


def rules_at(path: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(path)]).sorted()]


def test_qrs_qps_and_tickets_are_reported(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "login.js").write_text(
        "async function isLoggedIn() {\n"
        "  return fetch(`${appUrl}/jwt/qrs/about?xrfkey=0000000000000000`, { credentials: 'include' });\n"
        "}\n"
    )
    (tmp_path / "server.js").write_text(
        "const qlikAuth = require('qlik-auth');\n"
        "const ticketUrl = 'https://sense.corp:4243/qps/ticket';\n"
        "qlikAuth.requestTicket(req, res, profile, options);\n"
    )
    found = [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]
    assert found == [
        ("client-managed-api", "login.js", 2),
        ("client-managed-api", "server.js", 2),
        ("client-managed-api", "server.js", 3),
    ]


def test_cloud_apis_and_words_in_prose_are_not(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<script>fetch('https://acme.eu.qlikcloud.com/api/v1/users/me', {credentials: 'include', "
        "headers: {'qlik-web-integration-id': 'abcdefghijABCDEFGHIJ0123456789_-'}});\n"
        "var note = 'we moved off qrs last year';</script>"
    )
    assert not [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]


def test_a_path_a_url_is_tested_against_is_not_a_request(tmp_path: Path) -> None:
    # @qlik/api's own code recognises a client-managed proxy's answer by its path: nothing is sent there.
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "fetch.js").write_text(
        "function means401OnWindows(completeUrl, status) {\n"
        "  const url = new URL(completeUrl, 'http://dummy');\n"
        "  const isQps = url.pathname.endsWith('/qps/csrftoken') && url.searchParams.has('xrfkey');\n"
        "  return status === 302 || (isQps && status === 403) || url.pathname === '/qrs/about';\n"
        "}\n"
    )
    assert not [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]


def test_a_client_managed_arm_beside_the_cloud_one_is_not_reported(tmp_path: Path) -> None:
    # Code that serves both kinds of Qlik takes the /api/v1 path on Qlik Cloud.
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "csrf.js").write_text(
        "async function csrfPath(hostConfig) {\n"
        "  let pathTemplate;\n"
        "  if (await isWindows(hostConfig)) pathTemplate = '/qps/csrftoken';\n"
        "  else pathTemplate = '/api/v1/csrf-token';\n"
        "  return pathTemplate;\n"
        "}\n"
        "function mePath(windows) {\n"
        "  if (!windows) {\n"
        "    return '/api/v1/users/me';\n"
        "  } else {\n"
        "    return '/qps/user';\n"
        "  }\n"
        "}\n"
        "const about = onWindows ? '/qrs/about?xrfkey=0000000000000000' : '/api/v1/tenants/me';\n"
    )
    assert not [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]


def test_a_choice_between_two_client_managed_apis_is_still_reported(tmp_path: Path) -> None:
    # Neither arm works on Qlik Cloud; a request to a client-managed path next to a comparison still counts.
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "auth.js").write_text(
        "function userPath(proxy) {\n"
        "  if (proxy === 'ticket') return '/qps/ticket/user';\n"
        "  else return '/qrs/user?xrfkey=0000000000000000';\n"
        "}\n"
        "const status = await fetch('/qps/user').then((r) => r.status === 200);\n"
    )
    found = [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]
    assert found == [
        ("client-managed-api", "auth.js", 2),
        ("client-managed-api", "auth.js", 3),
        ("client-managed-api", "auth.js", 5),
    ]


def test_a_source_file_named_after_the_api_is_not_a_request(tmp_path: Path) -> None:
    # A build's file list and an import name the project's own files in a folder called qrs/ or qps/.
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "Gruntfile.js").write_text(
        "module.exports = function (grunt) {\n"
        "  grunt.initConfig({ concat: { qrs: {\n"
        "    src: ['lib/qlik/apis/qrs/qrs.js', 'lib/apis/qrs/qrs.sdk.app.js'] } } });\n"
        "};\n"
    )
    (tmp_path / "index.js").write_text(
        "const qps = require('./lib/qps/ticket.ts');\n"
        "const about = 'https://sense.corp:4242/qrs/about?xrfkey=0000000000000000';\n"
    )
    assert [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"] == [("client-managed-api", "index.js", 2)]


def test_the_client_managed_arm_of_a_choice_keyed_on_qlik_cloud_is_not_reported(tmp_path: Path) -> None:
    # An app that serves both: with a web integration id (Qlik Cloud only) it signs in on Qlik Cloud,
    # without one it asks the QRS of a client-managed server.
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "login.js").write_text(
        "async function main() {\n"
        "  if (webIntegrationId && webIntegrationId !== '') {\n"
        "    const check = await checkLoggedIn();\n"
        "    if (check.status === 401) await jwtLogin();\n"
        "  } else {\n"
        "    const authHeader = `Bearer ${token}`;\n"
        "    const r = await fetch(`${host}/${prefix}/qrs/about?xrfkey=0123456789abcdef`, {\n"
        "      headers: { Authorization: authHeader } });\n"
        "  }\n"
        "}\n"
        "async function other(debug) {\n"
        "  if (debug) {\n"
        "    console.log('debug');\n"
        "  } else {\n"
        "    await fetch(`${host}/qrs/about?xrfkey=0123456789abcdef`);\n"
        "  }\n"
        "}\n"
    )
    assert [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"] == [("client-managed-api", "login.js", 15)]


def test_code_named_for_client_managed_servers_is_not_reported(tmp_path: Path) -> None:
    # A tool for both kinds of Qlik: the branch, method or table named on-premise runs only there.
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "tool.ts").write_text(
        "export const ENDPOINTS = {\n"
        "  CLOUD: { APPS: '/api/v1/items' },\n"
        "  ONPREM: { APPS: '/qrs/app', USERS: '/qrs/user' },\n"
        "};\n"
        "class Reloads {\n"
        "  private async triggerReloadOnPrem(appId: string): Promise<any> {\n"
        "    return this.api.request(`/qrs/app/${appId}/reload`, 'POST');\n"
        "  }\n"
        "  async health(platform: string) {\n"
        "    if (platform === 'on-premise') {\n"
        "      return this.api.request('/qrs/about');\n"
        "    }\n"
        "    return this.api.request('/qrs/about?xrfkey=0123456789abcdef');\n"
        "  }\n"
        "}\n"
    )
    assert [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"] == [("client-managed-api", "tool.ts", 13)]


ENGINE_SCRIPT = """const enigma = require('enigma.js');
const WebSocket = require('ws');
const engineHost = 'sense-node-1';
const enginePort = 4747;
const session = enigma.create({
  schema,
  url: `wss://${engineHost}:${enginePort}/app/engineData`,
  createSocket: (url) => new WebSocket(url, {
    key: readCert('client_key.pem'),
    cert: readCert('client.pem'),
    headers: { 'X-Qlik-User': 'UserDirectory=CORP; UserId=svc' },
  }),
});
"""


def test_the_engines_own_port_and_the_user_header_are_reported(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "t", "dependencies": {"enigma.js": "2", "ws": "8"}}')
    (tmp_path / "index.js").write_text(ENGINE_SCRIPT)
    found = [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]
    assert found == [
        ("client-managed-api", "index.js", 4),
        ("client-managed-api", "index.js", 9),
        ("client-managed-api", "index.js", 11),
    ]


def test_a_cloud_engine_script_with_a_bearer_token_is_not(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "t", "dependencies": {"enigma.js": "2", "ws": "8"}}')
    cloud = (
        ENGINE_SCRIPT.replace("'sense-node-1'", "'acme.eu.qlikcloud.com'")
        .replace("4747", "443")
        .replace("    key: readCert('client_key.pem'),\n    cert: readCert('client.pem'),\n", "")
        .replace("'X-Qlik-User': 'UserDirectory=CORP; UserId=svc'", "Authorization: `Bearer ${process.env.API_KEY}`")
    )
    (tmp_path / "index.js").write_text(cloud)
    assert not [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]


def test_a_port_number_that_is_not_a_port_is_not(tmp_path: Path) -> None:
    (tmp_path / "index.js").write_text("const pageSize = 4747;\nconst limits = { rows: 4242, timeout: 4243 };\n")
    assert not [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]


def test_the_exported_certificates_are_reported_in_javascript_and_python(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "t", "dependencies": {"enigma.js": "2", "ws": "8"}}')
    (tmp_path / "index.js").write_text(ENGINE_SCRIPT.replace("'X-Qlik-User': 'UserDirectory=CORP; UserId=svc'", ""))
    (tmp_path / "qrs.py").write_text(
        "import requests\n"
        "CERT = ('certs/client.pem', 'certs/client_key.pem')\n"
        "headers = {'X-Qlik-User': 'UserDirectory=internal; UserId=sa_repository'}\n"
    )
    found = [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]
    assert ("client-managed-api", "index.js", 9) in found
    assert ("client-managed-api", "qrs.py", 2) in found
    assert ("client-managed-api", "qrs.py", 3) in found


def test_other_key_files_are_not(tmp_path: Path) -> None:
    (tmp_path / "server.js").write_text(
        "const https = require('https');\nconst key = fs.readFileSync('certs/server_key.pem');\n"
        "const cert = fs.readFileSync('certs/server.pem');\n"
    )
    assert not [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]


def test_the_certificates_of_a_ticket_request_are_part_of_it(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><html><body><p>portal</p></body></html>\n")
    (tmp_path / "auth.py").write_text(
        "import requests\n"
        "cert = ('certs/client.pem', 'certs/client_key.pem')\n"
        "r = requests.post('https://sense.corp:4243/qps/ticket?xrfkey=0123456789abcdef', cert=cert)\n"
    )
    found = [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]
    assert found == [("client-managed-api", "auth.py", 3)]


def test_one_url_built_over_several_lines_is_one_finding(tmp_path: Path) -> None:
    # The QRS path and its xrfkey parameter are two strings of one concatenated URL: one problem, one finding.
    # Two statements each naming the QRS are two findings.
    (tmp_path / "index.html").write_text('<p id="out"></p><script src="open.js"></script>\n')
    (tmp_path / "open.js").write_text(
        "var xrfkey = 'abcdefghijklmnop';\n"
        "var qrsUrl = 'https://' + host\n"
        "  + '/qrs/app/full'\n"
        '  + "?filter=name eq \'" + name + "\'"\n'
        "  + '&xrfkey=' + xrfkey;\n"
        "var aboutUrl = 'https://' + host + '/qrs/about'\n"
        "var again = '&xrfkey=' + xrfkey\n"
    )
    found = [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]
    assert found == [
        ("client-managed-api", "open.js", 3),
        ("client-managed-api", "open.js", 6),
        ("client-managed-api", "open.js", 7),
    ]


def test_the_client_managed_method_of_a_tool_made_for_both_is_not_reported(tmp_path: Path) -> None:
    # A command-line tool that works with both kinds of Qlik: its QRS call sits in the method named for the
    # client-managed kind. The same call in a method of another name is a request to Qlik Cloud.
    program = (
        "class Program\n"
        "{\n"
        "    private static async Task<string[]> GetAllAppIdsClientManaged(IRestClient client)\n"
        "    {\n"
        '        var all = await client.GetAsync<JArray>("/qrs/app");\n'
        '        return all.Select(a => a["id"].ToString()).ToArray();\n'
        "    }\n"
        "\n"
        "    private static async Task<string[]> GetAllAppIds(IRestClient client)\n"
        "    {\n"
        "        try\n"
        "        {\n"
        '            var all = await client.GetAsync<JArray>("/qrs/app/full");\n'
        '            return all.Select(a => a["id"].ToString()).ToArray();\n'
        "        }\n"
        "        finally { }\n"
        "    }\n"
        "}\n"
    )
    python = "def list_apps_onprem(session):\n    return session.get('/qrs/app?xrfkey=0123456789abcdef')\n"
    (tmp_path / "Program.cs").write_text(program)
    (tmp_path / "tool.py").write_text(python)
    (tmp_path / "requirements.txt").write_text("requests\n")
    found = [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]
    assert found == [("client-managed-api", "Program.cs", 13)]
