"""Where the API key comes from (QLIK_API_KEY, a qlik-cli context, a hidden prompt), and that it stays hidden."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from online_support import KEY, ORIGIN, generate, key_env
from standin import Tenant

from mashup_gen.online.apikey import ApiKey, KeyUnavailable, contexts_path, find_key, from_context
from mashup_gen.tenant import Tenant as TenantUrl

CONTEXTS = """\
current-context: prod
contexts:
  prod:
    server: https://acme.eu.qlikcloud.com
    headers:
      Authorization: Bearer {key}
    comment: production
  oauth:
    server: https://acme.eu.qlikcloud.com
    oauthClientId: abc
  local:
    server: {local}
    headers:
      authorization: Bearer {key}
"""


def write_contexts(folder: Path, local: str = "http://127.0.0.1:1") -> Path:
    path = folder / ".qlik" / "contexts.yml"
    path.parent.mkdir(parents=True)
    path.write_text(CONTEXTS.format(key=KEY, local=local), encoding="utf-8")
    return path


def test_environment_variable_is_used() -> None:
    key = find_key(None, {"QLIK_API_KEY": f"  {KEY}\n"})
    assert key.reveal() == KEY and key.source == "QLIK_API_KEY" and key.tenant is None


def test_context_gives_key_and_its_tenant(tmp_path: Path) -> None:
    write_contexts(tmp_path)
    key = from_context("prod", {"HOME": str(tmp_path)})
    assert key.reveal() == KEY
    assert key.tenant == TenantUrl.parse("acme.eu.qlikcloud.com")
    assert "prod" in key.source


def test_context_beats_the_environment_variable(tmp_path: Path) -> None:
    write_contexts(tmp_path)
    key = find_key("prod", {"HOME": str(tmp_path), "QLIK_API_KEY": "other-key-12345678"})
    assert key.reveal() == KEY


@pytest.mark.parametrize("form", ["home-dir", "qlik-dir", "file"])
def test_qlik_cli_user_home_dir_is_honoured(tmp_path: Path, form: str) -> None:
    path = write_contexts(tmp_path / "elsewhere")
    value = {"home-dir": path.parent.parent, "qlik-dir": path.parent, "file": path}[form]
    env = {"HOME": str(tmp_path / "nohome"), "QLIK_CLI_USER_HOME_DIR": str(value)}
    assert contexts_path(env) == path
    assert from_context("local", env).reveal() == KEY  # header names are case-insensitive


@pytest.mark.parametrize(
    ("name", "contents", "expected"),
    [
        ("missing", None, "does not exist"),
        ("nope", CONTEXTS, "no such context"),
        ("oauth", CONTEXTS, "has no API key"),
        ("prod", "contexts: [unclosed\n  Authorization: Bearer " + KEY, "not valid YAML"),
        ("prod", "contexts:\n  prod:\n    headers:\n      Authorization: Bearer " + KEY, "has no server"),
        (
            "prod",
            "contexts:\n  prod:\n    server: ftp://x\n    headers:\n      Authorization: Bearer " + KEY,
            "not a tenant",
        ),
    ],
)
def test_context_problems_are_explained_without_the_key(
    tmp_path: Path, name: str, contents: str | None, expected: str
) -> None:
    if contents is not None:
        (tmp_path / ".qlik").mkdir()
        (tmp_path / ".qlik" / "contexts.yml").write_text(contents.format(key=KEY, local="http://127.0.0.1:1"))
    with pytest.raises(KeyUnavailable, match=expected) as caught:
        from_context(name, {"HOME": str(tmp_path)})
    assert KEY not in str(caught.value) and KEY[:12] not in str(caught.value)


def test_no_key_anywhere_says_where_to_put_one() -> None:
    with pytest.raises(KeyUnavailable, match=r"QLIK_API_KEY.*--context"):
        find_key(None, {})


def test_prompt_is_the_last_resort() -> None:
    assert find_key(None, {}, prompt=lambda: KEY).reveal() == KEY
    assert find_key(None, {"QLIK_API_KEY": KEY}, prompt=lambda: pytest.fail("asked")).reveal() == KEY


@pytest.mark.parametrize("bad", ["short", "has space inside it", "tab\tinside-the-key", "é" * 20])
def test_a_key_that_cannot_be_one_is_refused_without_echoing_it(bad: str) -> None:
    with pytest.raises(KeyUnavailable, match="not one") as caught:
        find_key(None, {"QLIK_API_KEY": bad})
    assert bad not in str(caught.value)


def test_api_key_never_shows_itself() -> None:
    key = ApiKey(KEY, "QLIK_API_KEY")
    for text in (
        repr(key),
        str(key),
        f"{key}",
        f"{key!r}",
        f"{key:>80}",
        " ".join(map(str, [key])),
        str([key]),
        str({"k": key}),
    ):
        assert KEY not in text and "hidden" in text
    with pytest.raises(TypeError):
        pickle.dumps(key)


# -- on the command line --------------------------------------------------------------------------


def test_check_online_without_key_or_terminal_exits_2(tmp_path: Path, invoke, tenant: Tenant) -> None:
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]))
    result = invoke("check", "--online", str(project), env=key_env(None))
    assert result.exit_code == 2
    assert "--online" in result.output and "QLIK_API_KEY" in result.output
    assert tenant.requests == []


def test_check_online_asks_for_the_key_on_a_terminal_without_echo(tmp_path: Path, invoke, tenant: Tenant) -> None:
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]))
    result = invoke("check", "--online", str(project), env=key_env(None), tty=True, input=KEY + "\n")
    assert result.exit_code == 0, result.output
    assert "API key" in result.output and KEY not in result.output
    assert "1 project checked online" in result.output


def test_check_online_with_a_context(tmp_path: Path, invoke, tenant: Tenant) -> None:
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]))
    write_contexts(tmp_path / "home", local=tenant.url)
    env = key_env(None, QLIK_CLI_USER_HOME_DIR=str(tmp_path / "home"))
    result = invoke("check", "--online", "--context", "local", str(project), env=env)
    assert result.exit_code == 0, result.output
    assert "1 project checked online" in result.output
    result = invoke("check", "--online", "--context", "absent", str(project), env=env)
    assert result.exit_code == 2 and "no such context" in result.output


def test_context_without_online_is_bad_usage(tmp_path: Path, invoke) -> None:
    result = invoke("check", "--context", "prod", str(tmp_path))
    assert result.exit_code == 2 and "--context needs --online" in result.output
