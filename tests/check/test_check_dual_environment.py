"""client-managed-api: code written for both kinds of Qlik takes the Qlik Cloud path on Qlik Cloud. A URL built
in the client-managed arm of a choice on the environment (``isCloud ? base + '/api/v1/x' : base +
'/api/odag/v1/x?xrfkey=' + key``), the value of a key named for client-managed servers
(``ONPREMISE_QRS_PATH: '/qrs/about'``) and a sentence that mentions an endpoint (a log line) are no requests
Qlik Cloud would get. The same URL built unconditionally still is one."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import page, write

BOTH = """const isCloud = window.location.hostname.includes("qlikcloud.com");
const apiUrl = isCloud
  ? tenantUrl + "/api/v1/odaglinks/" + linkId + "/requests?pending=true"
  : tenantUrl + "/api/odag/v1/links/" + linkId + "/requests?pending=true&xrfkey=" + xrfkey;
const ENVIRONMENT = { ONPREMISE_QRS_PATH: "/qrs/about" };
console.log("Environment verified: ONPREMISE via /qrs/about | Build:", build);
"""


def reported(root: Path) -> list[int | None]:
    return [f.line for f in check_paths([str(root)]).sorted() if f.rule == "client-managed-api"]


def test_the_client_managed_arm_a_key_and_a_log_line_are_not_requests(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page(), "js/odag.js": BOTH})
    assert reported(tmp_path) == []


def test_the_same_url_built_unconditionally_is_still_reported(tmp_path: Path) -> None:
    plain = 'const other = tenantUrl + "/api/odag/v1/links/" + linkId + "/requests?pending=true&xrfkey=" + xrfkey;\n'
    write(tmp_path, {"index.html": page(), "js/odag.js": BOTH + plain})
    assert reported(tmp_path) == [7]
