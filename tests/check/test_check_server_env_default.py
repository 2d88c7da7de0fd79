"""placeholder: ``process.env.CLIENT_ID || "YOUR_CLIENT_ID"`` in server code runs with the environment the server
is started with, which the project does not hold; the literal is only the default when the variable is unset, so
it is no value left to fill in. The same placeholder written as the value itself is still an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

CONFIG = """module.exports = {
  tenant: process.env.QLIK_TENANT || "%s",
  clientId: %s,
};
"""
SERVER = """const express = require("express");
const config = require("./config");
const app = express();
app.post("/token", async (req, res) => {
  const r = await fetch(`https://${config.tenant}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_id: config.clientId, grant_type: "client_credentials" }),
  });
  res.json(await r.json());
});
app.listen(3000);
"""


@pytest.mark.parametrize(
    ("client_id", "expected"),
    [('process.env.QLIK_CLIENT_ID || "YOUR_CLIENT_ID"', []), ('"YOUR_CLIENT_ID"', ["client id"])],
    ids=["the environment's default", "the value itself"],
)
def test_a_server_env_default_is_no_placeholder(tmp_path: Path, client_id: str, expected: list[str]) -> None:
    write(tmp_path, {"server.js": SERVER, "config.js": CONFIG % (TENANT, client_id), "package.json": "{}"})
    found = [f.message for f in check_paths([str(tmp_path)]).findings if f.rule == "placeholder"]
    assert ["client id" for m in found if "client id" in m] == expected
