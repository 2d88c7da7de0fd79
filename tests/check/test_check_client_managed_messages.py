"""A message that names a client-managed endpoint (logged with console.warn or a logger, shown with alert, thrown
as an Error) is text for people: the request is the fetch beside it, reported once. A request made inside a
logging call is still a request."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

SCRIPT = """async function apps() {
  const r = await fetch(`${HTTP}/qrs/app/full?Xrfkey=${xrf}`, { headers: { 'X-Qlik-Xrfkey': xrf } });
  if (!r.ok) { console.warn('[qrs] /qrs/app/full ->', r.status); return null; }
  if (r.status === 403) { throw new Error('[qrs] /qrs/app/full: forbidden'); }
  logger.info('/qps/user?targetUri= answered');
  %s
}
"""


def client_managed_lines(root: Path) -> list[int]:
    return [f.line for f in check_paths([str(root)]).sorted() if f.rule == "client-managed-api"]


def test_messages_naming_an_endpoint_are_not_requests(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "apps.js").write_text(SCRIPT % "")
    assert client_managed_lines(tmp_path) == [2]


def test_a_request_inside_a_logging_call_is_reported(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "apps.js").write_text(SCRIPT % "console.log(await fetch(`${HTTP}/qps/user?xrfkey=${xrf}`));")
    assert client_managed_lines(tmp_path) == [2, 6]


def test_a_log_line_in_other_server_code_is_a_message_and_a_filter_query_a_request(tmp_path: Path) -> None:
    """C#: the debug line mentioning the call is prose; the request's query may hold spaces (a QRS filter)."""
    (tmp_path / "Client.cs").write_text(
        "class Client {\n"
        '    void Connect() { Log("Authenticating (calling GET /qrs/about)");\n'
        '        Get("/qrs/about"); }\n'
        "    void Users() { Get(\"/qrs/user?filter=userDirectory ne 'INTERNAL'\"); }\n"
        "}\n"
    )
    (tmp_path / "App.csproj").write_text('<Project Sdk="Microsoft.NET.Sdk"></Project>\n')
    assert client_managed_lines(tmp_path) == [3, 4]
