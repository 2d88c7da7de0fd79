"""rest-* and login-missing: a visualization extension (an AMD module Qlik Sense hands its ``qlik`` module to, no
page of the project loading it) runs on the tenant's own pages, signed in: its requests to the page's own origin
(``window.location.origin + '/api/v1/...'``) are same-origin and carry the session cookie, with no web
integration id to send and no login to run. The same module loaded by a mashup page of the project runs on the
mashup's site: its requests are judged."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

EXTENSION = """define(["qlik", "jquery", "text!./template.html"], function (qlik, $, template) {
  return {
    template: template,
    paint: function () {
      var baseUrl = window.location.origin;
      $.ajax({ url: baseUrl + "/api/v1/temp-contents", type: "POST", data: new FormData() });
    },
  };
});
"""
RULES = ("rest-no-web-integration-id", "rest-no-credentials", "rest-no-csrf", "login-missing")


def errors(root: Path) -> list[str]:
    return sorted({f.rule for f in check_paths([str(root)]).sorted() if f.rule in RULES})


def test_an_extensions_same_origin_request_is_signed_in(tmp_path: Path) -> None:
    write(tmp_path, {"upload.js": EXTENSION, "template.html": "<div></div>\n"})
    assert errors(tmp_path) == []


def test_the_same_module_on_a_mashup_page_is_judged(tmp_path: Path) -> None:
    write(tmp_path, {"upload.js": EXTENSION, "index.html": '<!doctype html>\n<script src="upload.js"></script>\n'})
    assert "rest-no-web-integration-id" in errors(tmp_path)


QEXT = '{"name": "Upload", "type": "visualization", "version": "1.0.0"}\n'
SERVICE = """define(["jquery"], function ($) {
  return {
    links: function (linkId) {
      var base = window.qlikTenantUrl || "";
      return $.ajax({ url: base + "/api/v1/odaglinks/" + linkId + "/requests", type: "POST" });
    },
  };
});
"""


def test_any_module_of_a_visualization_extension_runs_in_the_qlik_client(tmp_path: Path) -> None:
    # Its .qext says it is a visualization extension and it has no page: every module runs inside Qlik Sense.
    write(tmp_path, {"upload.qext": QEXT, "service.js": SERVICE})
    assert errors(tmp_path) == []
