"""A server template that writes an API key or secret into its page's script (``Bearer {{ api_key }}``,
``apiKey: "<%= apiKey %>"``): once served, every visitor reads the key in the page. A user's own short-lived
token filled in the same way (``{{ access_token }}``, OAuth impersonation) is what such a page should get."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

PAGE = """<!doctype html><html><body><ul id="apps"></ul>
<script>
fetch("https://acme.eu.qlikcloud.com/api/v1/items", {
  headers: { Authorization: "Bearer @VALUE@" },
}).then((r) => r.json()).then((d) => console.log(d));
</script></body></html>
"""


def filled(root: Path) -> list[tuple[str, int, str]]:
    return [
        (f.path.rsplit("/", 1)[-1], f.line, f.message)
        for f in check_paths([str(root)]).sorted()
        if f.rule == "secret-in-code"
    ]


@pytest.mark.parametrize(
    "value", ["{{ api_key }}", "{{ config.QLIK_API_KEY }}", "<%= apiKey %>", "<?= $api_key ?>", "@Model.ApiKey"]
)
def test_a_key_filled_into_a_bearer_header(tmp_path: Path, value: str) -> None:
    write(tmp_path, {"templates/index.html": PAGE.replace("@VALUE@", value)})
    [(name, line, message)] = filled(tmp_path)
    assert (name, line) == ("index.html", 4)
    assert value in message  # the template's expression is a name, shown whole


@pytest.mark.parametrize("value", ["{{ access_token }}", "<%= token %>", "{{ user_token }}"])
def test_a_users_token_filled_in_is_fine(tmp_path: Path, value: str) -> None:
    write(tmp_path, {"templates/index.html": PAGE.replace("@VALUE@", value)})
    assert filled(tmp_path) == []


def test_a_key_filled_into_a_variable(tmp_path: Path) -> None:
    script = (
        '<!doctype html><html><body><script>\nconst apiKey = "{{ qlik_api_key }}";\n'
        'fetch("https://acme.eu.qlikcloud.com/api/v1/items", { headers: { Authorization: "Bearer " + apiKey } });\n'
        "</script></body></html>\n"
    )
    write(tmp_path, {"templates/index.html": script})
    assert [(n, line) for n, line, _ in filled(tmp_path)] == [("index.html", 2)]
