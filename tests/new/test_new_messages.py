"""What `new` and `templates` say: a hint a shell can run, a folder asked again, objects in --object form."""

from __future__ import annotations

import shlex
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import APP_ID, NEW_ARGS, TENANT, WEB_INTEGRATION_ID


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=20))
@example(name="`.")  # the hint's own closing characters inside the name
@example(name="\r\n")  # a line ending inside the name
def test_the_next_hint_is_one_shell_word(tmp_path_factory, invoke, name: str) -> None:
    if name in (".", ".."):
        return
    dest = tmp_path_factory.mktemp("hint") / name
    result = invoke("new", str(dest), *NEW_ARGS)
    if result.exit_code != 0:
        return  # a name the file system refuses: reported elsewhere
    # The hint ends the output: "... then `mashup-gen serve DEST`." (DEST itself may hold "`." or a newline).
    # Read from the bytes: click's `Result.output` turns "\r\n" into "\n", a name may hold either.
    output = result.output_bytes.decode("utf-8")
    hint = output.split("then `", 1)[1].rsplit("`.", 1)[0]
    assert shlex.split(hint) == ["mashup-gen", "serve", str(dest)]


def test_the_next_hint_for_a_name_with_a_space(tmp_path: Path, invoke) -> None:
    dest = tmp_path / "Sales Dashboard"
    result = invoke("new", str(dest), *NEW_ARGS)
    assert result.exit_code == 0 and f"`mashup-gen serve '{dest}'`" in result.output


def test_an_unusable_folder_at_the_prompt_is_asked_again(tmp_path: Path, invoke, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "file").write_text("x")
    (tmp_path / "a-file").write_text("x")
    typed = ["taken", "a-file", "fresh", TENANT, WEB_INTEGRATION_ID, APP_ID, "", "", ""]
    result = invoke("new", input="\n".join(typed) + "\n", tty=True)
    assert result.exit_code == 0, result.output
    assert result.output.count("Project folder") == 3
    assert "use --force to write into it" in result.output and "this is a file" in result.output
    assert (tmp_path / "fresh" / ".mashup-gen.json").is_file()


def test_templates_lists_values_as_the_options_take_them(invoke) -> None:
    result = invoke("templates")
    assert result.exit_code == 0
    assert '{"' not in result.output and '["' not in result.output and "['" not in result.output  # never JSON
    assert (
        "--object [ELEMENT=]OBJECT_ID" in result.output
        and "default CurrentSelections=CurrentSelections" in result.output
    )
    assert "--auth cookie|oauth2" in result.output and "--auth oauth2|cookie|impersonation" in result.output
    assert "--dimension FIELD" in result.output and "default Region" in result.output


def test_regenerate_refuses_set_and_its_option_with_different_values(project: Path, invoke) -> None:
    before = (project / "mashup.js").read_bytes()
    result = invoke("regenerate", str(project), "--tenant", "globex.us.qlikcloud.com", "--set", f"tenant={TENANT}")
    assert result.exit_code == 2 and "--tenant give different values" in result.output
    assert (project / "mashup.js").read_bytes() == before
    result = invoke("regenerate", str(project), "--set", "title=Other", "--set", "title=Other")
    assert result.exit_code == 0, result.output


def test_more_origins_than_an_oauth_client_takes_is_a_warning(tmp_path: Path, invoke) -> None:
    origins = [arg for port in range(8001, 8007) for arg in ("--origin", f"http://localhost:{port}")]
    args = ["--template", "qlik-embed", "--auth", "impersonation", "--client-id", "0123456789abcdef0123456789abcdef"]
    common = ["--tenant", "acme.eu.qlikcloud.com", "--app-id", "7c1f3a52-9d4e-4b8a-a6f2-3e5d7c9b1a04", "--no-input"]
    result = invoke("new", str(tmp_path / "six"), *args, *common, *origins)
    assert result.exit_code == 0, result.output
    assert "warning: 6 origins: an OAuth client takes at most 5" in result.output
    result = invoke("new", str(tmp_path / "five"), *args, *common, *origins[:10])
    assert result.exit_code == 0 and "OAuth client takes at most" not in result.output
