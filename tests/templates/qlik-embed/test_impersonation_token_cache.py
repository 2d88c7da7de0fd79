"""The backend's token logic on its own, run by node with a fake ``fetch`` in place of Qlik: one request per
user at a time, a token reused only until shortly before it expires, a refusal never kept, and Qlik's error
answers turned into a message naming the client and what Qlik said."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.impersonation_support import generate_project
from tests.jssupport import node

CLIENT = "0123456789abcdef0123456789abcdef"

# Imports the generated server.mjs and runs SCENARIO against a fake fetch that records the bodies it got.
HARNESS = """
const server = await import(process.argv[1]);
const calls = [];
let answer = (body, n) => ({
  status: 200, json: { access_token: `tok-${body.user_lookup.value}-${n}`, expires_in: 600 },
});
const fakeFetch = async (url, init) => {
  const body = JSON.parse(init.body);
  const n = calls.push({ url, body });
  await new Promise((resolve) => setTimeout(resolve, 5));
  const { status, json, text } = answer(body, n);
  return { ok: status < 300, status, text: async () => (text !== undefined ? text : JSON.stringify(json)) };
};
const out = {};
SCENARIO
out.calls = calls;
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = generate_project(
        tmp_path_factory.mktemp("cache") / "p", "https://acme.eu.qlikcloud.com", CLIENT, ["https://x.example.com"]
    )
    return project / "server.mjs"


def run(server: Path, scenario: str) -> dict[str, Any]:
    source = HARNESS.replace("SCENARIO", scenario)
    done = subprocess.run(
        [node(), "--input-type=module", "-e", source, server.as_uri()],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_request_qlik_gets(server: Path) -> None:
    out = run(server, 'out.token = await server.requestToken("auth0|a", "s3cret", fakeFetch);')
    (call,) = out["calls"]
    assert call["url"] == "https://acme.eu.qlikcloud.com/oauth/token"
    assert call["body"] == {
        "client_id": CLIENT,
        "client_secret": "s3cret",
        "grant_type": "urn:qlik:oauth:user-impersonation",
        "scope": "user_default",
        "user_lookup": {"field": "subject", "value": "auth0|a"},
    }
    assert out["token"]["accessToken"] == "tok-auth0|a-1"


def test_one_request_per_user_at_a_time_and_none_shared_across_users(server: Path) -> None:
    out = run(
        server,
        """const cache = new server.TokenCache("s", fakeFetch);
const got = await Promise.all(["a", "a", "b", "a", "b"].map((s) => cache.tokenFor(s)));
out.tokens = got.map((t) => t.accessToken);""",
    )
    assert [c["body"]["user_lookup"]["value"] for c in out["calls"]] == ["a", "b"]
    assert out["tokens"] == ["tok-a-1", "tok-a-1", "tok-b-2", "tok-a-1", "tok-b-2"]


def test_a_token_close_to_expiry_is_not_reused(server: Path) -> None:
    out = run(
        server,
        """answer = (body, n) => ({ status: 200, json: { access_token: "t" + n, expires_in: 30 } });
const cache = new server.TokenCache("s", fakeFetch);
out.first = (await cache.tokenFor("a")).accessToken;
out.second = (await cache.tokenFor("a")).accessToken;""",
    )
    assert (out["first"], out["second"]) == ("t1", "t2")  # 30 s left is under the one-minute margin


def test_a_refusal_is_not_kept(server: Path) -> None:
    out = run(
        server,
        """let refuse = true;
answer = (body) => refuse
  ? { status: 400, json: { errors: [{ code: "OAUTH-12", title: "user not found", status: 400 }] } }
  : { status: 200, json: { access_token: "ok", expires_in: 600 } };
const cache = new server.TokenCache("s", fakeFetch);
try { await cache.tokenFor("a"); } catch (e) { out.message = e.message; }
refuse = false;
out.after = (await cache.tokenFor("a")).accessToken;""",
    )
    assert out["message"] == (
        f"Qlik Cloud refused a token for this user (client {CLIENT}, status 400): user not found (OAUTH-12)"
    )
    assert out["after"] == "ok" and len(out["calls"]) == 2


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ('{ status: 401, json: { error: "invalid_client", error_description: "bad secret" } }', "bad secret"),
        ('{ status: 502, text: "<html>Bad gateway</html>" }', "HTTP 502"),
        ('{ status: 200, json: { token_type: "bearer" } }', "status 200"),
    ],
    ids=["oauth-error", "not-json", "no-token"],
)
def test_every_failure_is_a_message(server: Path, reply: str, expected: str) -> None:
    out = run(
        server,
        f"""answer = () => ({reply});
try {{ await server.requestToken("a", "s3cret", fakeFetch); }} catch (e) {{ out.message = e.message; }}""",
    )
    assert expected in out["message"] and "s3cret" not in out["message"]


def test_an_unreachable_tenant_is_named(server: Path) -> None:
    out = run(
        server,
        """const down = async () => { throw new TypeError("fetch failed", { cause: new Error("ECONNREFUSED") }); };
try { await server.requestToken("a", "s", down); } catch (e) { out.message = e.message; }""",
    )
    assert out["message"] == "Qlik Cloud (https://acme.eu.qlikcloud.com) could not be reached: ECONNREFUSED"
