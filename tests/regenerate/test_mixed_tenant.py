"""A re-target never ends in a project that names two tenants or two web integration ids without saying so.

A file someone pointed at another tenant (or id) by hand is kept as the user wrote it, but every such line is
reported as a conflict (file:line) and the run exits 1; the record and the other files move to the new values.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mashup_gen.record import load
from mashup_gen.regeneration import Status, regenerate
from mashup_gen.retarget import HOST, strays
from mashup_gen.retarget import WEB_INTEGRATION_ID as ID
from mashup_gen.tenant import Tenant
from tests.regen_support import NEW_TENANT, NEW_WEB_INTEGRATION_ID, TENANT, WEB_INTEGRATION_ID, make_project

OTHER_TENANT = "initech.ap.qlikcloud.com"
OTHER_ID = "HandEditedWebIntegrationId0123456"
PROJECT_TENANT = Tenant.parse(NEW_TENANT)


def found(text: str) -> list[tuple[int, str, str]]:
    return [(m.line, m.what, m.value) for m in strays(text, PROJECT_TENANT, NEW_WEB_INTEGRATION_ID)]


# ----- the search -------------------------------------------------------------------------------------


def test_another_qlik_cloud_tenant_is_found_wherever_it_is_named() -> None:
    text = (
        f'<script src="https://{OTHER_TENANT}/resources/assets/external/requirejs/require.js"></script>\n'
        f"host: 'INITECH.ap.qlikcloud.com',\n"
        f"fetch('https://{NEW_TENANT}/api/v1/users/me')\n"
        "// see https://www.qlikcloud.com for plans\n"
        "We used to be on old.us.qlikcloud.com.\n"
    )
    assert found(text) == [(1, HOST, OTHER_TENANT), (2, HOST, OTHER_TENANT), (5, HOST, "old.us.qlikcloud.com")]


def test_hosts_match_whole() -> None:
    text = f"https://{NEW_TENANT}.evil.org/x\nnot-{NEW_TENANT}x\n"
    assert found(text) == []


@pytest.mark.parametrize(
    "line",
    [
        f"webIntegrationId: '{OTHER_ID}',",
        f'"webIntegrationId": "{OTHER_ID}"',
        f"headers: {{ 'Qlik-Web-Integration-ID': '{OTHER_ID}' }}",
        f"xhr.setRequestHeader('qlik-web-integration-id', '{OTHER_ID}');",
        f"headers['qlik-web-integration-id'] = `{OTHER_ID}`;",
        f"location.href = tenant + '/login?returnto=x&qlik-web-integration-id={OTHER_ID}';",
        f'<qlik-embed ui="analytics/chart" data-web-integration-id="{OTHER_ID}"></qlik-embed>',
    ],
)
def test_another_web_integration_id_is_found_where_an_id_goes(line: str) -> None:
    assert found(line + "\n") == [(1, ID, OTHER_ID)]


@pytest.mark.parametrize(
    "line",
    [
        f"webIntegrationId: '{NEW_WEB_INTEGRATION_ID}',",
        "webIntegrationId: config.webIntegrationId,",
        "headers: { 'qlik-web-integration-id': config.webIntegrationId }",
        "'/login?qlik-web-integration-id=' + encodeURIComponent(id)",
        "// webIntegrationId names the web integration whose allowed origins include this page's origin.",
    ],
)
def test_the_projects_own_id_and_expressions_are_not_reported(line: str) -> None:
    assert found(line + "\n") == []


def test_unknown_values_skip_their_search() -> None:
    text = f"https://{OTHER_TENANT}/x\nwebIntegrationId: '{OTHER_ID}'\n"
    assert strays(text, None, None) == []
    assert [m.what for m in strays(text, None, NEW_WEB_INTEGRATION_ID)] == [ID]


# ----- regenerate -------------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "sales")


def _hand_edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in ``path``; the 1-based line numbers where it was."""
    lines = path.read_text().splitlines(keepends=True)
    numbers = [n for n, line in enumerate(lines, start=1) if old in line]
    assert numbers, f"{old} not in {path}"
    path.write_text("".join(line.replace(old, new) for line in lines))
    return numbers[0]


def test_a_file_edited_to_a_third_tenant_is_a_conflict(project: Path) -> None:
    line = _hand_edit(project / "index.html", TENANT, OTHER_TENANT)
    outcome = regenerate(project, {"tenant": NEW_TENANT})
    assert outcome.status is Status.CONFLICTED
    assert ("index.html", line, OTHER_TENANT) in [(p, m.line, m.value) for p, m in outcome.mentions]
    assert all(not m.old for _, m in outcome.mentions)
    # The user's file is kept as written; everything else, and the record, moved to the new tenant.
    assert OTHER_TENANT in (project / "index.html").read_text()
    assert NEW_TENANT in (project / "mashup.js").read_text() and TENANT not in (project / "mashup.js").read_text()
    assert load(project).answers["tenant"] == NEW_TENANT
    # Still reported on the next run, until a person decides.
    again = regenerate(project, {})
    assert again.status is Status.CONFLICTED and again.mentions
    (project / "index.html").write_text((project / "index.html").read_text().replace(OTHER_TENANT, NEW_TENANT))
    fixed = regenerate(project, {})
    assert fixed.status is Status.UNCHANGED and fixed.mentions == []


def test_a_web_integration_id_edited_by_hand_is_a_conflict(project: Path) -> None:
    line = _hand_edit(project / "mashup.js", WEB_INTEGRATION_ID, OTHER_ID)
    outcome = regenerate(project, {"web_integration_id": NEW_WEB_INTEGRATION_ID})
    assert outcome.status is Status.CONFLICTED
    assert [(p, m.line, m.what, m.value) for p, m in outcome.mentions] == [("mashup.js", line, ID, OTHER_ID)]
    assert load(project).answers["web_integration_id"] == NEW_WEB_INTEGRATION_ID


def test_an_id_edited_by_hand_is_reported_when_only_the_tenant_moves(project: Path) -> None:
    _hand_edit(project / "mashup.js", WEB_INTEGRATION_ID, OTHER_ID)
    outcome = regenerate(project, {"tenant": NEW_TENANT})
    assert outcome.status is Status.CONFLICTED
    assert [(p, m.value) for p, m in outcome.mentions] == [("mashup.js", OTHER_ID)]


def test_the_users_own_files_are_searched_too(project: Path) -> None:
    (project / "lib").mkdir()
    (project / "lib" / "api.js").write_text(f"const BASE = 'https://{OTHER_TENANT}/api/v1';\n")
    outcome = regenerate(project, {"tenant": NEW_TENANT})
    assert outcome.status is Status.CONFLICTED
    assert [(p, m.line, m.value) for p, m in outcome.mentions] == [("lib/api.js", 1, OTHER_TENANT)]


def test_dry_run_reports_the_conflict_and_writes_nothing(project: Path) -> None:
    _hand_edit(project / "index.html", TENANT, OTHER_TENANT)
    before = (project / ".mashup-gen.json").read_bytes()
    outcome = regenerate(project, {"tenant": NEW_TENANT}, dry_run=True)
    assert outcome.status is Status.CONFLICTED and outcome.mentions
    assert (project / ".mashup-gen.json").read_bytes() == before


# ----- the command line -------------------------------------------------------------------------------


def test_command_line_lists_each_mention_and_exits_1(project: Path, invoke) -> None:
    line = _hand_edit(project / "index.html", TENANT, OTHER_TENANT)
    result = invoke("regenerate", str(project), "--tenant", NEW_TENANT)
    assert result.exit_code == 1, result.output
    assert f"conflicts: {project}" in result.output
    assert f"conflict: index.html:{line}: names another tenant host {OTHER_TENANT}:" in result.output
    assert "make each line listed name the project's tenant" in result.output


# ----- open-ended text --------------------------------------------------------------------------------

_PLAIN = st.text(alphabet=st.characters(blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=60)
_LABEL = st.from_regex(r"[a-z][a-z0-9]{0,10}", fullmatch=True)


@given(st.lists(_PLAIN, max_size=6), st.integers(min_value=0, max_value=6), _LABEL)
def test_another_tenant_inserted_anywhere_is_found_on_its_line(lines: list[str], at: int, name: str) -> None:
    other = f"{name}.eu.qlikcloud.com"
    clean = [line for line in lines if "qlikcloud" not in line.lower() and "integration" not in line.lower()]
    assert found("\n".join(clean)) == []
    at = min(at, len(clean))
    text = "\n".join([*clean[:at], f"src='https://{other}/x'", *clean[at:]])
    assert (at + 1, HOST, other) in found(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["acme", ".", "-", "eu", "qlikcloud", "QlikCloud", ".com", "com", " ", "\n", "x", "/", "\u0130", "'"]
        ),
        max_size=30,
    ).map("".join)
)
@example("\u0130.qlikcloud.com")  # Unicode case-folding: the pattern's [a-z] matches U+0130
def test_the_fast_host_search_finds_what_the_pattern_finds(text: str) -> None:
    # strays() tries the host pattern once per run of host characters; it must find exactly what the pattern
    # finds when tried at every position.
    from mashup_gen import retarget

    fast = [(m.start(), m.group(1)) for m in retarget._qlikcloud_hosts(text)]
    slow = [(m.start(), m.group(1)) for m in retarget._QLIKCLOUD_HOST.finditer(text)]
    assert fast == slow


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "web",
                "Integration",
                "integration",
                "INTEGRATION",
                "-",
                "Id",
                "-id",
                "qlik-",
                "?",
                "&",
                "=",
                ":",
                " ",
                "'",
                '"',
                "`",
                "]",
                "abc",
                "\n",
                "\u0130",
            ]
        ),
        max_size=40,
    ).map("".join)
)
@example("webIntegrationId: 'abc' and WEB-INTEGRATION-ID=\"abc\"")
@example("/x?qlik-web-integration-id=abc&webIntegrationId='abc'webIntegrationId=`abc`")
@example("web-integration-id']: 'abc'?qlik-web-integration-id=abc")
def test_the_fast_id_search_finds_what_the_pattern_finds(text: str) -> None:
    # strays() tries the web integration id pattern only before each "integration"; it must find exactly what
    # the pattern finds when tried at every position.
    from mashup_gen import retarget

    fast = [(m.start(), m.group(0)) for m in retarget._id_values(text)]
    slow = [(m.start(), m.group(0)) for m in retarget._ID_VALUE.finditer(text)]
    assert fast == slow
