"""What every request of a library carries is set where the library is set up: axios's defaults and
interceptors, jQuery's ajaxSetup, ajaxPrefilter and ajaxSend. Only those statements give axios's or jQuery's
requests the web integration id: a header written on another call of the same file (the session check's
fetch) does not reach them, so a setup that sets the cookie but not the header leaves every request refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import ID, TENANT, write

from mashup_gen.checker import check_paths

PAGE = (
    '<!doctype html><html><head><script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'
    '<script src="https://cdn.jsdelivr.net/npm/axios@1.6.0/dist/axios.min.js"></script></head>'
    '<body><script src="main.js"></script></body></html>'
)
SIGN_IN = f"""const TENANT = 'https://{TENANT}';
const WIID = '{ID}';
fetch(`${{TENANT}}/api/v1/users/me`, {{ credentials: 'include', headers: {{ 'qlik-web-integration-id': WIID }} }})
  .then((r) => {{
    if (r.status === 401) {{
      const back = encodeURIComponent(location.href);
      location.href = `${{TENANT}}/login?qlik-web-integration-id=${{WIID}}&returnto=${{back}}`;
    }}
  }});
"""
AXIOS_GET = "axios.get(`${TENANT}/api/v1/items`).then((r) => console.log(r.data));\n"
JQUERY_GET = "$.getJSON(TENANT + '/api/v1/items', (d) => console.log(d));\n"


def rest_findings(tmp_path: Path, code: str) -> list[tuple[str, int | None]]:
    write(tmp_path, {"index.html": PAGE, "main.js": SIGN_IN + code})
    report = check_paths([str(tmp_path)])
    return [(f.rule, f.line) for f in report.sorted() if f.rule.startswith("rest-")]


@pytest.mark.parametrize(
    "code",
    [
        "axios.defaults.withCredentials = true;\n" + AXIOS_GET,
        "$.ajaxSetup({ xhrFields: { withCredentials: true } });\n" + JQUERY_GET,
    ],
    ids=["axios-defaults", "jquery-ajaxSetup"],
)
def test_a_setup_without_the_header_leaves_requests_without_it(tmp_path: Path, code: str) -> None:
    assert rest_findings(tmp_path, code) == [("rest-no-web-integration-id", 11)]


@pytest.mark.parametrize(
    "code",
    [
        "axios.defaults.withCredentials = true;\naxios.defaults.headers.common['qlik-web-integration-id'] = WIID;\n"
        + AXIOS_GET,
        "const HEADER = 'qlik-web-integration-id';\naxios.defaults.withCredentials = true;\n"
        "axios.defaults.headers.common[HEADER] = WIID;\n" + AXIOS_GET,
        "function sign(c) {\n  c.headers['qlik-web-integration-id'] = WIID;\n"
        "  c.withCredentials = true;\n  return c;\n}\n"
        "axios.interceptors.request.use(sign);\n" + AXIOS_GET,
        "const qlikHeaders = { 'qlik-web-integration-id': WIID };\n"
        "Object.assign(axios.defaults, { withCredentials: true, headers: { common: qlikHeaders } });\n" + AXIOS_GET,
        "$.ajaxSetup({ xhrFields: { withCredentials: true }, headers: { 'qlik-web-integration-id': WIID } });\n"
        + JQUERY_GET,
        "$.ajaxPrefilter((o) => {\n  o.xhrFields = { withCredentials: true };\n"
        "  o.headers = { 'qlik-web-integration-id': WIID };\n});\n" + JQUERY_GET,
    ],
    ids=["defaults", "defaults-named-header", "interceptor-function", "assigned-defaults", "ajaxSetup", "prefilter"],
)
def test_a_setup_with_the_header_and_the_cookie_is_silent(tmp_path: Path, code: str) -> None:
    assert rest_findings(tmp_path, code) == []
