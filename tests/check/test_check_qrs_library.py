"""A server that talks to the Qlik Sense Repository Service through the qrs-interact library (``new
QRS({ hostname, localCertPath })`` then ``qrs.Post('/selection', ...)``) writes no /qrs path of its own, yet
calls an API Qlik Cloud does not have: each client it makes is client-managed-api, at the construction (the
server and certificates it is given). A module that only names the library in a comment is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

SERVER = """const express = require('express');
const {binding} = require('qrs-interact');
const router = express.Router();
router.post('/tag', (req, res) => {{
  const qrs = new {binding}({{ hostname: 'sense.corp.example', localCertPath: './certs' }});
  qrs.Post('/selection', {{ items: [{{ type: 'App', objectID: req.body.appId }}] }}, 'json')
    .then((result) => res.json(result.body));
}});
module.exports = router;
"""
IMPORTED = """import QrsInteract from "qrs-interact";
export const repository = new QrsInteract({ hostname: process.env.SENSE_HOST });
"""
MENTIONED = """// We used to call the QRS through qrs-interact; Qlik Cloud has the REST API instead.
const express = require('express');
express().get('/apps', (req, res) => res.json([]));
"""


def client_managed(path: Path) -> list[tuple[str, int]]:
    found = check_paths([str(path)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "client-managed-api"]


@pytest.mark.parametrize("binding", ["qrsInteract", "QRS"])
def test_a_qrs_interact_client_is_reported_where_it_is_made(tmp_path: Path, binding: str) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "^4.0.0", "qrs-interact": "^2.0.0"}}')
    (tmp_path / "routes.js").write_text(SERVER.format(binding=binding))
    assert client_managed(tmp_path) == [("routes.js", 5)]


def test_an_imported_client_is_reported_too(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"qrs-interact": "^2.0.0"}}')
    (tmp_path / "repository.js").write_text(IMPORTED)
    assert client_managed(tmp_path) == [("repository.js", 2)]


def test_a_comment_naming_the_library_is_silent(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "^4.0.0"}}')
    (tmp_path / "server.js").write_text(MENTIONED)
    assert client_managed(tmp_path) == []
