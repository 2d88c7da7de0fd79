"""A copy of the sources kept aside (``src - Backup02232020``, ``app.bak``, ``src - Copy``) is never served nor
built: check reads the live code only, so one problem is one finding. A folder that merely contains the word
(``BackupService``, ``backups`` of data, ``feedback``) is read as usual."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

PAGE = '<!doctype html><html><body><script src="src/app.js"></script></body></html>\n'
CODE = (
    "const config = { host: 'sense.corp', prefix: '/', port: 443, isSecure: true };\n"
    "require(['js/qlik'], function (qlik) { qlik.openApp('1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e', config); });\n"
)


def config_errors(root: Path) -> list[str]:
    return [f.path.split(str(root) + "/", 1)[1] for f in check_paths([str(root)]).sorted() if f.rule == "config-no-id"]


@pytest.mark.parametrize("copy", ["src - Backup02232020", "app.bak", "src - Copy", "backup"])
def test_a_backup_copy_is_not_read(tmp_path: Path, copy: str) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    for folder in ("src", copy):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "app.js").write_text(CODE)
    assert config_errors(tmp_path) == ["src/app.js"]


@pytest.mark.parametrize("folder", ["BackupService", "feedback"])
def test_a_folder_named_otherwise_is_read(tmp_path: Path, folder: str) -> None:
    (tmp_path / "index.html").write_text(PAGE.replace("src/app.js", f"{folder}/app.js"))
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "app.js").write_text(CODE)
    assert config_errors(tmp_path) == [f"{folder}/app.js"]
