"""Requests to Qlik's REST API and engine: each carries the web integration id (a ``qlik-web-integration-id``
header, or URL parameter for the engine WebSocket), the tenant's cookie, and for changes and the engine the
CSRF token from ``<tenant>/api/v1/csrf-token``."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.facts.liveness import unused_module
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place
from mashup_gen.checker.rules.clientmanaged import client_managed_arm
from mashup_gen.checker.scan import SourceFile

REST_NO_ID = Rule(
    "rest-no-web-integration-id",
    Severity.ERROR,
    "A request to Qlik's REST API has no qlik-web-integration-id header: the tenant rejects it (CORS).",
    "Add the header 'qlik-web-integration-id': '<id>' to the request.",
)
REST_NO_CREDENTIALS = Rule(
    "rest-no-credentials",
    Severity.ERROR,
    "A request to Qlik's REST API does not send the tenant's cookie: it answers 401 even when signed in.",
    "fetch: credentials: 'include'; XMLHttpRequest, jQuery and axios: withCredentials = true.",
)
REST_NO_CSRF = Rule(
    "rest-no-csrf",
    Severity.ERROR,
    "A non-GET request to Qlik's REST API has no qlik-csrf-token header: the tenant rejects it.",
    "GET <tenant>/api/v1/csrf-token, read its qlik-csrf-token response header, and send it as the "
    "qlik-csrf-token request header.",
)
ENGINE_NO_ID = Rule(
    "engine-url-no-web-integration-id",
    Severity.ERROR,
    "An engine WebSocket URL has no qlik-web-integration-id parameter: the tenant refuses the connection.",
    "wss://<tenant>/app/<appId>?qlik-web-integration-id=<id>&qlik-csrf-token=<token>",
)
ENGINE_NO_CSRF = Rule(
    "engine-url-no-csrf",
    Severity.ERROR,
    "An engine WebSocket URL has no qlik-csrf-token parameter: the tenant refuses the connection.",
    "Get the token from <tenant>/api/v1/csrf-token and add &qlik-csrf-token=<token> to the URL.",
)
RULES = (REST_NO_ID, REST_NO_CREDENTIALS, REST_NO_CSRF, ENGINE_NO_ID, ENGINE_NO_CSRF)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Findings for every REST call and engine URL that misses what Qlik Cloud needs."""
    for call in facts.rest_calls:
        if not call.has_header:
            yield at_place(REST_NO_ID, call.place, f"{call.what} request to {call.url} without qlik-web-integration-id")
        if not call.has_credentials:
            yield at_place(REST_NO_CREDENTIALS, call.place, f"{call.what} request to {call.url} without credentials")
        if call.non_get and not call.has_csrf:
            yield at_place(
                REST_NO_CSRF, call.place, f"{call.what} request to {call.url} changes data without qlik-csrf-token"
            )
    units = {id(unit.file): unit for unit in project.units}
    for url in [] if facts.proxied else facts.engine_urls:  # a proxy adds the id and CSRF token on the way
        unit = units.get(id(url.place.file))
        if unit is not None and unused_module(project, unit):
            continue  # a module the bundle does not hold: it never opens a socket
        if _client_managed_socket(project, url.place.file, url.place.start):
            continue  # the client-managed arm of code serving both kinds of Qlik: no web integration there
        if not url.has_id:
            yield at_place(ENGINE_NO_ID, url.place, f"engine URL {url.url} has no qlik-web-integration-id")
        if not url.has_csrf:
            yield at_place(ENGINE_NO_CSRF, url.place, f"engine URL {url.url} has no qlik-csrf-token")


def _client_managed_socket(project: Project, file: SourceFile, start: int) -> bool:
    """True when the engine URL starting at file offset ``start`` (a string of the script of ``file`` that holds
    it: a module, or one of a page's inline scripts) is written in the client-managed arm of code that serves both
    kinds of Qlik (:func:`client_managed_arm`)."""
    for unit in project.units:
        script = unit.script
        if unit.file is not file or not script.offset <= start < script.offset + len(script.code):
            continue
        starts = [token.start for token in script.tokens]
        index = bisect.bisect_right(starts, start - script.offset) - 1
        return index >= 0 and client_managed_arm(script, index)
    return False
