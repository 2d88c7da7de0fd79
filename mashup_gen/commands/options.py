"""Options shared by several commands, declared once, and the conversion of bad values into usage errors."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import click

from mashup_gen.answers import APP_ID_KEY, TENANT_KEY, WEB_INTEGRATION_ID_KEY

F = TypeVar("F", bound=Callable[..., Any])


def validated(key: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback that checks an answer and prints its warnings; a bad value names the option (exit 2)."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None or value == ():
            return None
        from mashup_gen.errors import InvalidValue
        from mashup_gen.questions import check_typed

        try:
            return check_typed(key, value)
        except InvalidValue as exc:
            option = param.opts[0] if param.opts else None
            raise exc.naming(answer=key, option=option) from None

    return callback


def answer_options(*keys: str, from_environment: bool = False) -> Callable[[F], F]:
    """The options of the declared answers ``keys`` (:data:`mashup_gen.answers.ANSWERS`), in that order.

    Only ``new`` reads answers from the environment (``from_environment``): a variable left set in a shell
    must never silently re-target an existing project.
    """
    from mashup_gen.answers import BY_KEY

    decorators = []
    for key in keys:
        answer = BY_KEY[key]
        assert answer.option is not None, key
        envvar = answer.envvar if from_environment else None
        decorators.append(
            click.option(
                answer.option,
                key,
                multiple=answer.many,
                envvar=envvar,
                show_envvar=envvar is not None,
                metavar=answer.metavar,
                callback=validated(key),
                help=answer.help,
            )
        )

    def decorate(f: F) -> F:
        for decorator in reversed(decorators):
            f = decorator(f)
        return f

    return decorate


# The answers that say where a project points; adopt takes them too.
TARGET_ANSWERS = (TENANT_KEY, WEB_INTEGRATION_ID_KEY, APP_ID_KEY)
# The values only some templates ask for, which `new` and `regenerate` both take.
TEMPLATE_VALUE_ANSWERS = ("dimensions", "measures", "auth", "client_id", "ui", "sheets")
# What only `new` takes as options (regenerate changes them with --set).
PAGE_ANSWERS = ("objects", "title", "origins")

template_value_options = answer_options(*TEMPLATE_VALUE_ANSWERS)


def set_option(f: F) -> F:
    return click.option(
        "--set",
        "settings",
        multiple=True,
        metavar="KEY=VALUE",
        help="Set any other template variable (see `mashup-gen templates`). Repeatable.",
    )(f)


def dry_run_option(f: F) -> F:
    return click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")(f)


def parse_settings(settings: tuple[str, ...], allowed: list[str], given: Mapping[str, Any]) -> dict[str, Any]:
    """``--set KEY=VALUE`` pairs, each key one of ``allowed`` and each value checked like its option.

    A key that an option (or its environment variable) also gave, with a different value, is refused:
    which of the two was meant cannot be known.
    """
    from mashup_gen.answers import option_for
    from mashup_gen.errors import InvalidValue, UsageProblem
    from mashup_gen.questions import check_typed

    result: dict[str, Any] = {}
    for item in settings:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InvalidValue(item, "expected KEY=VALUE", option="--set")
        if key not in allowed:
            raise InvalidValue(
                item, f"expected KEY to be one of the template's variables: {', '.join(allowed)}", option="--set"
            )
        try:
            result[key] = check_typed(key, value)
        except InvalidValue as exc:
            raise exc.naming(answer=key, option="--set") from None
        if key in given and given[key] != result[key]:
            raise UsageProblem(
                f"--set {key}={value} and {option_for(key)} give different values for {key}: give one of them"
            )
    return result


def context_option(f: F) -> F:
    """``--context NAME``: take the API key (and its tenant) from a qlik-cli context."""
    return click.option(
        "--context",
        "context_name",
        metavar="NAME",
        help="Take the API key from this qlik-cli context (~/.qlik/contexts.yml, or under "
        "QLIK_CLI_USER_HOME_DIR) instead of QLIK_API_KEY.",
    )(f)


def api_key(ctx: click.Context, context_name: str | None, option: str, may_prompt: bool = True) -> Any:
    """The API key (``--context``, ``QLIK_API_KEY`` or a hidden prompt on a terminal); usage error without one."""
    from mashup_gen.errors import UsageProblem
    from mashup_gen.online.apikey import KeyUnavailable, find_key

    def ask() -> str:
        return str(click.prompt("Qlik Cloud API key", hide_input=True, err=True))

    try:
        return find_key(context_name, prompt=ask if may_prompt and ctx.obj.stdin_isatty else None)
    except KeyUnavailable as exc:
        raise UsageProblem(f"{option}: {exc}", option=option) from None
