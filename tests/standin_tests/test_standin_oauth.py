"""The stand-in tenant's OAuth2 authorization server over plain HTTP: what it grants and what it refuses."""

from __future__ import annotations

import re
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from standin import Tenant
from standin.oauth import GRANT_IMPERSONATION, OAuthClient, s256
from standin.runtime import API_PACKAGE

from tests.oauth_support import (
    authorize_url,
    code_from,
    exchange,
    follow_to,
    request,
    sign_in,
    socket_status,
    verifier,
)

PAGE = "http://127.0.0.1:8000"
OTHER = "http://127.0.0.1:9000"
CALLBACK = PAGE + "/oauth-callback.html"
APP = "0c9f3a4e-6f0b-4d3c-9f3e-2a7d5b8e1c44"
KEY = "test-api-key"


@pytest.fixture
def tenant() -> Iterator[Tenant]:
    """A started tenant with one app and an API key; always stopped."""
    with Tenant(apps={APP: ["QVwQm"]}, api_keys=[KEY]) as t:
        yield t


@pytest.fixture
def spa(tenant: Tenant) -> OAuthClient:
    """A single-page-app client for PAGE with its callback page."""
    return tenant.add_oauth_client(redirect_uris=[CALLBACK], allowed_origins=[PAGE])


@pytest.fixture
def web(tenant: Tenant) -> OAuthClient:
    """A web client allowed to impersonate, for PAGE."""
    return tenant.add_oauth_client(app_type="web", allowed_origins=[PAGE], grants=[GRANT_IMPERSONATION])


def _token_body(client: OAuthClient, code: str, code_verifier: str, redirect_uri: str = CALLBACK) -> dict[str, str]:
    return {
        "grant_type": "authorization_code",
        "scope": "user_default",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
        "client_id": client.client_id,
    }


def _code(tenant: Tenant, client: OAuthClient, code_verifier: str) -> str:
    _, location, _ = follow_to(authorize_url(tenant, client.client_id, CALLBACK, code_verifier), CALLBACK)
    code, state = code_from(location)
    assert code and state == "st"
    return code


def _post_token(tenant: Tenant, body: object, origin: str | None = PAGE) -> tuple[int, dict[str, object], str | None]:
    reply = request(f"{tenant.url}/oauth/token", method="POST", headers={"Origin": origin} if origin else {}, body=body)
    return reply.status, reply.json(), reply.headers.get("Access-Control-Allow-Origin")


def _error_code(payload: dict[str, object]) -> str:
    errors = payload["errors"]
    assert isinstance(errors, list)
    return str(errors[0]["code"])


# -- the authorization code with PKCE ------------------------------------------------------------------


def test_pkce_round_trip_signs_in_through_the_idp_and_the_token_reads_rest(tenant: Tenant, spa: OAuthClient) -> None:
    code_verifier = verifier()
    first = request(authorize_url(tenant, spa.client_id, CALLBACK, code_verifier))
    assert first.status == 302 and first.headers["Location"].startswith("/idp/authorize?")
    _, location, cookie = follow_to(authorize_url(tenant, spa.client_id, CALLBACK, code_verifier), CALLBACK)
    assert cookie  # the user now has a session on the tenant
    assert location.startswith(CALLBACK + "?")
    code, state = code_from(location)
    assert state == "st"
    status, answer, allow_origin = _post_token(tenant, _token_body(spa, code, code_verifier))
    assert status == 200 and allow_origin == PAGE
    token = str(answer["access_token"])
    me = request(f"{tenant.url}/api/v1/users/me", headers={"Authorization": f"Bearer {token}", "Origin": PAGE})
    assert me.status == 200 and me.headers["Access-Control-Allow-Origin"] == PAGE
    assert me.json()["name"] == "Stand-in User"
    app = request(f"{tenant.url}/api/v1/apps/{APP}", headers={"Authorization": f"Bearer {token}", "Origin": PAGE})
    assert app.status == 200 and app.json()["attributes"]["id"] == APP
    items = request(f"{tenant.url}/api/v1/items?resourceType=app", headers={"Authorization": f"Bearer {token}"})
    assert items.status == 200 and [i["resourceId"] for i in items.json()["data"]] == [APP]
    (issued,) = tenant.tokens_issued("access")
    assert issued.client_id == spa.client_id and issued.subject == "standin|default-user"
    assert [(r.grant_type, r.status, r.origin) for r in tenant.token_requests] == [("authorization_code", 200, PAGE)]


def test_a_signed_in_user_gets_a_code_without_the_idp(tenant: Tenant, spa: OAuthClient) -> None:
    session = tenant.new_session()
    reply = request(
        authorize_url(tenant, spa.client_id, CALLBACK, verifier(), state="abc"),
        headers={"Cookie": f"eas.sid={session}"},
    )
    assert reply.status == 302
    code, state = code_from(reply.headers["Location"])
    assert code and state == "abc"


def test_the_user_the_idp_signs_in_is_named_by_the_token(tenant: Tenant, spa: OAuthClient) -> None:
    tenant.add_user("auth0|alice", name="Alice")
    tenant.oauth.idp_subject = "auth0|alice"
    sign_in(tenant, spa.client_id, CALLBACK, PAGE)
    (issued,) = tenant.tokens_issued("access")
    assert issued.subject == "auth0|alice"


def test_wrong_verifier_is_refused_and_burns_the_code(tenant: Tenant, spa: OAuthClient) -> None:
    right = verifier()
    code = _code(tenant, spa, right)
    status, answer, _ = _post_token(tenant, _token_body(spa, code, verifier()))
    assert status == 400 and _error_code(answer) == "OAUTH-8"
    status, answer, _ = _post_token(tenant, _token_body(spa, code, right))
    assert status == 400 and _error_code(answer) == "OAUTH-6"
    assert tenant.tokens_issued() == []


def test_a_code_is_used_once(tenant: Tenant, spa: OAuthClient) -> None:
    code_verifier = verifier()
    code = _code(tenant, spa, code_verifier)
    assert _post_token(tenant, _token_body(spa, code, code_verifier))[0] == 200
    status, answer, _ = _post_token(tenant, _token_body(spa, code, code_verifier))
    assert status == 400 and _error_code(answer) == "OAUTH-6"


def test_an_expired_code_is_refused(tenant: Tenant, spa: OAuthClient) -> None:
    tenant.oauth.code_ttl = 0
    code_verifier = verifier()
    code = _code(tenant, spa, code_verifier)
    status, answer, _ = _post_token(tenant, _token_body(spa, code, code_verifier))
    assert status == 400 and _error_code(answer) == "OAUTH-6"


def test_the_token_request_must_repeat_the_redirect_uri(tenant: Tenant, spa: OAuthClient) -> None:
    code_verifier = verifier()
    code = _code(tenant, spa, code_verifier)
    status, answer, _ = _post_token(tenant, _token_body(spa, code, code_verifier, PAGE + "/"))
    assert status == 400 and _error_code(answer) == "OAUTH-7"


def test_s256_agrees_with_nodes_crypto() -> None:
    code_verifier = verifier()
    script = "process.stdout.write(require('crypto').createHash('sha256').update(process.argv[1]).digest('base64url'))"
    node = subprocess.run(["node", "-e", script, code_verifier], capture_output=True, text=True, timeout=20, check=True)
    assert s256(code_verifier) == node.stdout


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=43, max_size=128))
def test_only_the_verifier_of_the_challenge_passes(other: str) -> None:
    right = "a" * 43
    assert (s256(other) == s256(right)) == (other == right)


@pytest.mark.parametrize(
    "redirect_uri",
    [PAGE + "/elsewhere.html", CALLBACK + "/", CALLBACK.replace("127.0.0.1", "localhost"), "javascript:alert(1)"],
)
def test_an_unregistered_redirect_uri_gets_qliks_error_page_and_no_redirect(
    tenant: Tenant, spa: OAuthClient, redirect_uri: str
) -> None:
    reply = request(authorize_url(tenant, spa.client_id, redirect_uri, verifier()))
    assert reply.status == 400 and "Location" not in reply.headers
    assert reply.headers["Content-Type"].startswith("text/html")
    assert b"OAUTH-1" in reply.body and b"redirect_uri is not registered" in reply.body


def test_an_unknown_client_gets_the_error_page_too(tenant: Tenant, spa: OAuthClient) -> None:
    reply = request(authorize_url(tenant, "0" * 32, CALLBACK, verifier()))
    assert reply.status == 400 and "Location" not in reply.headers and b"OAUTH-1" in reply.body


def test_authorize_without_pkce_goes_back_with_an_error(tenant: Tenant, spa: OAuthClient) -> None:
    url = authorize_url(tenant, spa.client_id, CALLBACK, verifier()).replace("S256", "plain")
    reply = request(url, headers={"Cookie": f"eas.sid={tenant.new_session()}"})
    assert reply.status == 302
    assert re.search(r"[?&]error=invalid_request", reply.headers["Location"])
    assert "code=" not in reply.headers["Location"]


# -- origins and CORS ---------------------------------------------------------------------------------


def test_a_disallowed_origin_gets_no_token_and_no_cors(tenant: Tenant, spa: OAuthClient) -> None:
    code_verifier = verifier()
    code = _code(tenant, spa, code_verifier)
    status, answer, allow_origin = _post_token(tenant, _token_body(spa, code, code_verifier), origin=OTHER)
    assert status == 403 and _error_code(answer) == "OAUTH-14" and allow_origin is None
    assert tenant.tokens_issued() == []


def test_rest_with_a_token_from_a_disallowed_origin_is_refused(tenant: Tenant, spa: OAuthClient) -> None:
    token = sign_in(tenant, spa.client_id, CALLBACK, PAGE)["access_token"]
    reply = request(f"{tenant.url}/api/v1/users/me", headers={"Authorization": f"Bearer {token}", "Origin": OTHER})
    assert reply.status == 401 and reply.headers.get("Access-Control-Allow-Origin") is None


def test_preflight_allows_only_the_clients_origins(tenant: Tenant, spa: OAuthClient) -> None:
    asked = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type"}
    for path in ("/oauth/token", "/api/v1/users/me"):
        ok = request(f"{tenant.url}{path}", method="OPTIONS", headers={"Origin": PAGE, **asked})
        assert ok.headers["Access-Control-Allow-Origin"] == PAGE
        assert "authorization" in ok.headers["Access-Control-Allow-Headers"]
        refused = request(f"{tenant.url}{path}", method="OPTIONS", headers={"Origin": OTHER, **asked})
        assert refused.headers.get("Access-Control-Allow-Origin") is None


def test_an_expired_access_token_is_refused(tenant: Tenant, spa: OAuthClient) -> None:
    tenant.oauth.access_ttl = 0
    token = sign_in(tenant, spa.client_id, CALLBACK, PAGE)["access_token"]
    reply = request(f"{tenant.url}/api/v1/users/me", headers={"Authorization": f"Bearer {token}", "Origin": PAGE})
    assert reply.status == 401
    assert reply.headers["Access-Control-Allow-Origin"] == PAGE  # the page can read the 401 and sign in again


# -- the engine socket --------------------------------------------------------------------------------


def test_the_engine_takes_only_an_exchanged_websocket_token(tenant: Tenant, spa: OAuthClient) -> None:
    access = sign_in(tenant, spa.client_id, CALLBACK, PAGE)["access_token"]
    reply = exchange(tenant, spa.client_id, access, PAGE)
    assert reply.status == 200 and reply.headers["Access-Control-Allow-Origin"] == PAGE
    ws_token = reply.json()["access_token"]
    target = f"/app/{APP}?reloadUri=x&accessToken={quote(ws_token)}"
    assert socket_status(tenant, target, PAGE) == 101
    assert socket_status(tenant, f"/app/{APP}?accessToken={quote(access)}", PAGE) == 401
    assert socket_status(tenant, f"/app/{APP}?accessToken=", PAGE) == 401
    assert socket_status(tenant, f"/app/{APP}", PAGE) == 401
    assert socket_status(tenant, target, OTHER) == 403
    (issued,) = tenant.tokens_issued("websocket")
    assert issued.subject == "standin|default-user" and issued.client_id == spa.client_id


def test_an_expired_websocket_token_is_refused(tenant: Tenant, spa: OAuthClient) -> None:
    tenant.oauth.exchange_ttl = 0
    access = sign_in(tenant, spa.client_id, CALLBACK, PAGE)["access_token"]
    ws_token = exchange(tenant, spa.client_id, access, PAGE).json()["access_token"]
    assert socket_status(tenant, f"/app/{APP}?accessToken={quote(ws_token)}", PAGE) == 401


def test_exchange_refuses_a_bad_subject_token_or_purpose(tenant: Tenant, spa: OAuthClient) -> None:
    access = sign_in(tenant, spa.client_id, CALLBACK, PAGE)["access_token"]
    assert exchange(tenant, spa.client_id, "not-a-token", PAGE).status == 401
    assert exchange(tenant, spa.client_id, access, PAGE, purpose="admin").status == 400
    other = tenant.add_oauth_client(redirect_uris=[CALLBACK], allowed_origins=[PAGE])
    assert exchange(tenant, other.client_id, access, PAGE).status == 401  # another client's token


# -- impersonation ------------------------------------------------------------------------------------


def _impersonate(client: OAuthClient, field: str, value: str, secret: str | None = None) -> dict[str, object]:
    return {
        "client_id": client.client_id,
        "client_secret": client.secret if secret is None else secret,
        "scope": "user_default",
        "grant_type": GRANT_IMPERSONATION,
        "user_lookup": {"field": field, "value": value},
    }


def test_impersonation_issues_a_token_for_the_user_by_subject_or_id(tenant: Tenant, web: OAuthClient) -> None:
    assert web.secret
    bob = tenant.add_user("auth0|bob", name="Bob", user_id="6478a1b2c3d4e5f6a7b8c9d0")
    for field, value in (("subject", "auth0|bob"), ("userId", bob.user_id)):
        status, answer, _ = _post_token(tenant, _impersonate(web, field, value), origin=None)
        assert status == 200
        me = request(f"{tenant.url}/api/v1/users/me", headers={"Authorization": f"Bearer {answer['access_token']}"})
        assert me.json()["name"] == "Bob" and me.json()["id"] == bob.user_id
    assert {t.subject for t in tenant.tokens_issued("access")} == {"auth0|bob"}
    assert all(r.grant_type == GRANT_IMPERSONATION and r.subject == "auth0|bob" for r in tenant.token_requests)


def test_impersonation_token_reaches_the_engine_after_exchange(tenant: Tenant, web: OAuthClient) -> None:
    tenant.add_user("auth0|bob")
    access = _post_token(tenant, _impersonate(web, "subject", "auth0|bob"), origin=None)[1]["access_token"]
    reply = exchange(tenant, web.client_id, str(access), PAGE)
    assert reply.status == 200
    assert socket_status(tenant, f"/app/{APP}?accessToken={quote(reply.json()['access_token'])}", PAGE) == 101


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"client_secret": "wrong"}, 401, "OAUTH-3"),
        ({"client_secret": ""}, 401, "OAUTH-3"),
        ({"user_lookup": {"field": "subject", "value": "auth0|nobody"}}, 400, "OAUTH-12"),
        ({"user_lookup": {"field": "email", "value": "bob@example.invalid"}}, 400, "OAUTH-11"),
        ({"client_id": "f" * 32}, 401, "OAUTH-2"),
    ],
)
def test_impersonation_refusals(
    tenant: Tenant, web: OAuthClient, change: dict[str, object], status: int, code: str
) -> None:
    tenant.add_user("auth0|bob")
    got, answer, _ = _post_token(tenant, {**_impersonate(web, "subject", "auth0|bob"), **change}, origin=None)
    assert (got, _error_code(answer)) == (status, code)
    assert tenant.tokens_issued() == []


def test_impersonation_needs_the_grant_and_a_web_client(tenant: Tenant, spa: OAuthClient) -> None:
    tenant.add_user("auth0|bob")
    plain_web = tenant.add_oauth_client(app_type="web", allowed_origins=[PAGE])
    assert _post_token(tenant, _impersonate(plain_web, "subject", "auth0|bob"), origin=None)[0] == 400
    assert _post_token(tenant, _impersonate(spa, "subject", "auth0|bob", secret=""), origin=None)[0] == 400


def test_token_requests_never_keep_the_secret(tenant: Tenant, web: OAuthClient) -> None:
    tenant.add_user("auth0|bob")
    _post_token(tenant, _impersonate(web, "subject", "auth0|bob"), origin=None)
    assert web.secret and web.secret not in repr(tenant.token_requests)
    reply = request(f"{tenant.url}/api/v1/oauth-clients/{web.client_id}", headers={"Authorization": f"Bearer {KEY}"})
    assert reply.status == 200 and web.secret.encode() not in reply.body
    assert reply.json()["allowedGrantTypes"] == [GRANT_IMPERSONATION] and reply.json()["appType"] == "web"


def test_refresh_token_with_offline_access(tenant: Tenant, web: OAuthClient) -> None:
    tenant.add_user("auth0|bob")
    body = {**_impersonate(web, "subject", "auth0|bob"), "scope": "user_default offline_access"}
    answer = _post_token(tenant, body, origin=None)[1]
    refresh = {"grant_type": "refresh_token", "refresh_token": answer["refresh_token"], "client_secret": web.secret}
    status, renewed, _ = _post_token(tenant, refresh, origin=None)
    assert status == 200 and renewed["access_token"] != answer["access_token"]
    assert _post_token(tenant, {**refresh, "client_secret": "wrong"}, origin=None)[0] == 401


def test_unknown_grant_and_bad_bodies(tenant: Tenant, spa: OAuthClient) -> None:
    status, answer, _ = _post_token(tenant, {"grant_type": "password", "client_id": spa.client_id})
    assert status == 400 and _error_code(answer) == "OAUTH-4"
    reply = request(f"{tenant.url}/oauth/token", method="POST", body=[1, 2])
    assert reply.status == 400 and _error_code(reply.json()) == "OAUTH-13"


# -- @qlik/api's runtime modules ----------------------------------------------------------------------


def test_main_js_names_qlik_apis_own_runtime_modules(tenant: Tenant) -> None:
    source = request(f"{tenant.url}/qlik-embed/main.js").body.decode()
    for name in ("auth@v1", "qix@v1", "invoke-fetch@v1"):
        assert f'"{name}"' in source
    paths = re.findall(r'"url": "(/qlik-embed/npm/@qlik/api/chunks/[^"]+)"', source)
    assert len(paths) == 3
    for path in paths:
        reply = request(tenant.url + path, headers={"Origin": PAGE})
        assert reply.status == 200 and reply.headers["Access-Control-Allow-Origin"] == "*"
        assert reply.headers["Content-Type"].startswith("text/javascript")


def test_npm_route_points_bare_imports_and_wraps_commonjs(tenant: Tenant) -> None:
    wrapped = request(f"{tenant.url}/qlik-embed/npm/extend/index.js")
    assert wrapped.status == 200 and wrapped.body.rstrip().endswith(b"export default module.exports;")
    entry = next((API_PACKAGE / "chunks").glob("qix-chunk-entrypoint-*.js")).name
    chunk = request(f"{tenant.url}/qlik-embed/npm/@qlik/api/chunks/{entry}")
    assert b'from "/qlik-embed/npm/lodash-es/merge.js"' in chunk.body
    assert b'import("/qlik-embed/npm/enigma.js/enigma.js")' in chunk.body
    assert b'from "./utils-' in chunk.body  # relative imports stay relative


@pytest.mark.parametrize(
    "path", ["/qlik-embed/npm/../package.json", "/qlik-embed/npm/%2e%2e/package.json", "/qlik-embed/npm/nope/x.js"]
)
def test_npm_route_serves_nothing_outside_node_modules(tenant: Tenant, path: str) -> None:
    assert request(tenant.url + path).status == 404


def test_client_credentials_give_the_client_its_own_user(tenant: Tenant) -> None:
    bot = tenant.add_oauth_client(app_type="web", grants=["client_credentials"])
    body = {"client_id": bot.client_id, "client_secret": bot.secret, "scope": "user_default"}
    status, answer, _ = _post_token(tenant, {**body, "grant_type": "client_credentials"}, origin=None)
    assert status == 200
    me = request(f"{tenant.url}/api/v1/users/me", headers={"Authorization": f"Bearer {answer['access_token']}"})
    assert me.json()["name"] == bot.client_name
    web = tenant.add_oauth_client(app_type="web", grants=[GRANT_IMPERSONATION])
    refused = {**body, "client_id": web.client_id, "client_secret": web.secret, "grant_type": "client_credentials"}
    assert _post_token(tenant, refused, origin=None)[0] == 400


def test_an_api_key_reads_rest_and_a_cookie_does_not_mix_with_a_token(tenant: Tenant, spa: OAuthClient) -> None:
    app = request(f"{tenant.url}/api/v1/apps/{APP}", headers={"Authorization": f"Bearer {KEY}"})
    assert app.status == 200
    cookie = f"eas.sid={tenant.new_session()}"
    stale = request(f"{tenant.url}/api/v1/apps/{APP}", headers={"Authorization": "Bearer stale", "Cookie": cookie})
    assert stale.status == 401  # a Bearer request is judged by its token alone


@pytest.fixture(scope="module")
def shared() -> Iterator[tuple[Tenant, OAuthClient]]:
    """One tenant and SPA client for the property tests (hypothesis runs many examples on it)."""
    with Tenant() as t:
        yield t, t.add_oauth_client(redirect_uris=[CALLBACK], allowed_origins=[PAGE])


_URL_CHARS = st.characters(min_codepoint=33, max_codepoint=126, exclude_characters="&#%+")


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=_URL_CHARS, max_size=60),
        st.builds(lambda extra: CALLBACK + extra, st.text(alphabet=_URL_CHARS, min_size=1, max_size=8)),
        st.builds(lambda cut: CALLBACK[: len(CALLBACK) - cut], st.integers(min_value=1, max_value=len(CALLBACK))),
        st.sampled_from([CALLBACK.upper(), CALLBACK.replace("http:", "https:"), CALLBACK.replace("8000", "8001")]),
    )
)
def test_only_the_exact_registered_redirect_uri_is_sent_back_to(shared: tuple[Tenant, OAuthClient], uri: str) -> None:
    tenant, client = shared
    reply = request(authorize_url(tenant, client.client_id, uri, verifier()))
    if uri == CALLBACK:
        assert reply.status == 302
    else:
        assert reply.status == 400 and "Location" not in reply.headers and b"OAUTH-1" in reply.body


def test_an_unknown_client_from_a_browser_is_named_as_such(tenant: Tenant, spa: OAuthClient) -> None:
    code_verifier = verifier()
    code = _code(tenant, spa, code_verifier)
    status, answer, allow_origin = _post_token(tenant, {**_token_body(spa, code, code_verifier), "client_id": "e" * 32})
    assert (status, _error_code(answer), allow_origin) == (401, "OAUTH-2", None)


def test_token_requests_must_be_json(tenant: Tenant, web: OAuthClient) -> None:
    tenant.add_user("auth0|bob")
    form = urlencode({"grant_type": GRANT_IMPERSONATION, "client_id": web.client_id, "client_secret": web.secret})
    req = urllib.request.Request(
        f"{tenant.url}/oauth/token",
        data=form.encode(),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(req, timeout=5)
    refused.value.close()
    assert refused.value.code == 400
    assert tenant.tokens_issued() == []


def test_impersonation_scope_must_be_allowed(tenant: Tenant, web: OAuthClient) -> None:
    tenant.add_user("auth0|bob")
    body = {**_impersonate(web, "subject", "auth0|bob"), "scope": "user_default admin_classic"}
    status, answer, _ = _post_token(tenant, body, origin=None)
    assert (status, _error_code(answer)) == (400, "OAUTH-15")
