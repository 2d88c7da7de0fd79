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
