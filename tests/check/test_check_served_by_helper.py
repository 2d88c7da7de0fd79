"""A server's reply, or what a framework's server-only data function hands the page (a Remix loader, Next.js's
getServerSideProps), that sends what a helper of the project returns (``json({ qlik: getQlikSettings() })``),
where that helper returns a secret from the environment (``clientSecret: process.env.QLIK_CLIENT_SECRET``): every
browser gets the secret. secret-served at the call the reply sends. A helper that only uses the secret for its
own request and returns the answer (``await impersonationToken(user)``), or one returning no secret, is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

SETTINGS = """export function getQlikSettings() {
  return {
    tenantUrl: process.env.QLIK_TENANT_URL,
    clientId: process.env.QLIK_CLIENT_ID,
    {secret}
  };
}

export const publicSettings = () => ({ tenantUrl: process.env.QLIK_TENANT_URL });

export async function impersonationToken(user) {
  const res = await fetch(`${process.env.QLIK_TENANT_URL}/oauth/token`, {
    method: "POST",
    body: JSON.stringify({ client_id: process.env.QLIK_CLIENT_ID, client_secret: process.env.QLIK_CLIENT_SECRET }),
  });
  return (await res.json()).access_token;
}
"""
REMIX = """import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getQlikSettings, impersonationToken, publicSettings } from "~/utils/qlik.server";

export async function loader() {
  return json({ qlik: {sent}, token: await impersonationToken("u1") });
}

export default function Board() {
  const { qlik } = useLoaderData();
  return <p>{qlik.tenantUrl}</p>;
}
"""
EXPRESS = """const express = require("express");
const { getQlikSettings, impersonationToken, publicSettings } = require("./qlik");
const app = express();
app.get("/api/settings", async (req, res) => {
  res.json({ qlik: {sent}, token: await impersonationToken(req.query.user) });
});
app.listen(3000);
"""


def served(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule in ("secret-served", "secret-in-page-data")]


def rules(root: Path) -> list[str]:
    return [f.rule for f in check_paths([str(root)]).sorted() if f.rule.startswith("secret-")]


def remix(root: Path, secret: str, sent: str) -> Path:
    return write(
        root,
        {
            "package.json": '{"dependencies": {"@remix-run/node": "^2.9.0", "@remix-run/react": "^2.9.0"}}',
            "app/utils/qlik.server.js": SETTINGS.replace("{secret}", secret),
            "app/routes/board.jsx": REMIX.replace("{sent}", sent),
        },
    )


def express(root: Path, secret: str, sent: str) -> Path:
    return write(
        root,
        {
            "package.json": '{"dependencies": {"express": "^4.19.0"}}',
            "qlik.js": SETTINGS.replace("{secret}", secret),
            "server.js": EXPRESS.replace("{sent}", sent),
        },
    )


@pytest.mark.parametrize(
    ("make", "name", "line", "rule"),
    [(remix, "board.jsx", 6, "secret-in-page-data"), (express, "server.js", 5, "secret-served")],
)
def test_a_helper_returning_the_client_secret(tmp_path: Path, make, name: str, line: int, rule: str) -> None:
    """A Remix loader's data is in every page's HTML (an error); a route's reply reaches whoever calls it."""
    root = make(tmp_path, "clientSecret: process.env.QLIK_CLIENT_SECRET,", "getQlikSettings()")
    assert served(root) == [(name, line)]
    assert rules(root) == [rule]


@pytest.mark.parametrize("make", [remix, express])
@pytest.mark.parametrize(
    ("secret", "sent"),
    [("", "getQlikSettings()"), ("clientSecret: process.env.QLIK_CLIENT_SECRET,", "publicSettings()")],
    ids=["no-secret-returned", "another-helper"],
)
def test_helpers_that_return_no_secret_are_silent(tmp_path: Path, make, secret: str, sent: str) -> None:
    assert served(make(tmp_path, secret, sent)) == []


LOADER = """import { json } from "@remix-run/node";
import { getQlikSettings } from "~/qlik.server";

export async function loader() {
  const qlik = getQlikSettings();
  return json({
    hostConfig: {
      host: qlik.host,
      clientId: qlik.clientId,
      SECRET
    },
  });
}
"""


@pytest.mark.parametrize(
    ("secret", "expected"),
    [("clientSecret: qlik.clientSecret,", [("_index.jsx", 10)]), ("", []), ("clientSecret: undefined,", [])],
    ids=["client-secret-sent", "none", "undefined"],
)
def test_a_reply_key_named_as_a_client_secret(tmp_path: Path, secret: str, expected: list) -> None:
    settings = (
        "const need = (n) => { const v = process.env[n]; if (!v) throw new Error(n); return v; };\n"
        "export const getQlikSettings = () => ({ host: need('QLIK_HOST'), clientId: need('QLIK_CLIENT_ID'),"
        " clientSecret: need('QLIK_CLIENT_SECRET') });\n"
    )
    files = {
        "package.json": '{"dependencies": {"@remix-run/node": "^2.9.0", "@remix-run/react": "^2.9.0"}}',
        "app/qlik.server.js": settings,
        "app/routes/_index.jsx": LOADER.replace("SECRET", secret),
    }
    assert served(write(tmp_path, files)) == expected
