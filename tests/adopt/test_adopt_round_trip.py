"""adopt's round trip, as a property: a hand-written mashup (drawn by hypothesis in a few shapes and in its
author's own style, see adopt_shapes) is adopted, checked with no error, regenerated to another tenant, web
integration and app, and checked again. Every reference to the tenant, the id and the app moves each time, and
nothing else in any file changes: outside the edited spans the files stay byte for byte as written (line
endings, quotes, comments included)."""

from __future__ import annotations

import tempfile
from difflib import SequenceMatcher
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from mashup_gen.adopt import HELPER_NAME
from mashup_gen.checker import check_paths
from mashup_gen.record import RECORD_NAME, load
from tests.adopt.adopt_shapes import APP as ORIGINAL_APP
from tests.adopt.adopt_shapes import ORIGINAL, ORIGINAL_ID, projects
from tests.cli_support import cli

TENANT = "acme.eu.qlikcloud.com"
ID = "abcdefghijABCDEFGHIJ0123456789_-"
NEW_TENANT = "globex.us.qlikcloud.com"
NEW_ID = "ZYXWVUTSRQzyxwvutsrq9876543210-_"
APP = "2a6d0b0f-7b66-4c9f-8e4f-5a1a6c7d8e9f"
NEW_APP = "3b7e1c2d-8c77-4d0a-9f5a-6b2b7d8e9fa0"
OLD = (ORIGINAL, ORIGINAL_ID, ORIGINAL_APP)
BACKUP = ".mashup-gen-backup"


def errors(root: Path) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in check_paths([str(root)]).sorted() if f.severity.value == "error"]


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differences(expected: str, actual: str) -> list[tuple[str, str]]:
    """The spans where ``actual`` differs from ``expected``, as ``(expected, actual)`` pairs."""
    matcher = SequenceMatcher(None, expected, actual, autojunk=False)
    return [(expected[a:b], actual[c:d]) for tag, a, b, c, d in matcher.get_opcodes() if tag != "equal"]


def assert_only_values_changed(name: str, expected: str, actual: str) -> None:
    """``actual`` is ``expected`` (the original with the new values) but for quotes of a literal written anew
    (its whole literal is the edited span) or put around an unquoted attribute (so that regenerate can
    re-target it), and for whole lines adopt inserted: tags, in the file's own line ending."""
    before, after = expected.splitlines(keepends=True), actual.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in expected else "\n"
    for tag, a, b, c, d in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "insert":
            for line in after[c:d]:
                assert line.endswith(newline) and line.strip().startswith("<") and line.strip().endswith(">"), line
        elif tag == "replace":
            assert b - a == d - c, (name, before[a:b], after[c:d])
            for old, new in zip(before[a:b], after[c:d], strict=True):
                for was, now in differences(old, new):
                    assert set(was + now) <= set("'\"`"), (name, old, new)
        else:
            assert tag == "equal", (name, tag, before[a:b], after[c:d])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(original=projects)
def test_adopt_check_regenerate_moves_every_tenant_reference_and_nothing_else(original: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "mashup"
        root.mkdir()
        for name, text in original.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(text.encode())

        result = cli("adopt", str(root), "--tenant", TENANT, "--web-integration-id", ID, "--app-id", APP, "--quiet")
        assert result.exit_code == 0, result.output
        adopted = files(root)
        backups = {name[: -len(BACKUP)] for name in adopted if name.endswith(BACKUP)}
        assert {name for name, text in original.items() if any(value in text for value in OLD)} <= backups
        assert set(adopted) - {f"{name}{BACKUP}" for name in backups} <= set(original) | {RECORD_NAME, HELPER_NAME}
        for name, text in original.items():
            assert adopted.get(f"{name}{BACKUP}", text.encode()) == text.encode()
            now = adopted[name].decode()
            assert not any(value in now for value in OLD), name
            # The tenant, id and app replaced in place, lines adopt adds, and that is all.
            expected = text.replace(ORIGINAL, TENANT).replace(ORIGINAL_ID, ID).replace(ORIGINAL_APP, APP)
            assert_only_values_changed(name, expected, now)
        assert errors(root) == []

        changes = ["--tenant", NEW_TENANT, "--web-integration-id", NEW_ID, "--app-id", NEW_APP]
        result = cli("regenerate", str(root), *changes)
        assert result.exit_code == 0, result.output
        assert load(root).answers == {"tenant": NEW_TENANT, "web_integration_id": NEW_ID, "app_id": NEW_APP}
        regenerated = files(root)
        assert set(regenerated) == set(adopted)
        for name in set(original) | ({HELPER_NAME} & set(adopted)):
            expected = adopted[name].decode().replace(TENANT, NEW_TENANT).replace(ID, NEW_ID).replace(APP, NEW_APP)
            assert regenerated[name] == expected.encode(), name
            assert not any(value.encode() in regenerated[name] for value in (TENANT, ID, APP))
        assert errors(root) == []
