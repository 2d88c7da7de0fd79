"""Options shared by several commands, declared once, and the conversion of bad values into usage errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from mashup_gen.errors import InvalidValue

F = TypeVar("F", bound=Callable[..., Any])


def validated(key: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback that checks an answer and prints its warnings; bad values exit 2 naming the option."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None or value == ():
            return None
        from mashup_gen.errors import InvalidValue
        from mashup_gen.questions import check_typed

        try:
            return check_typed(key, value)
        except InvalidValue as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from None

    return callback


def _answer_option(name: str, key: str, metavar: str, help: str, envvar: str | None) -> Callable[[F], F]:
    return click.option(
        name, envvar=envvar, show_envvar=envvar is not None, metavar=metavar, callback=validated(key), help=help
    )


_TENANT_HELP = "Qlik Cloud tenant, e.g. acme.eu.qlikcloud.com (https only; http allowed for loopback test hosts)."
_WEB_INTEGRATION_HELP = (
    "Id of the web integration that allowlists the page's origin (Management Console > Integrations > Web)."
)
_APP_HELP = "Id of the Qlik Sense app whose objects the page shows."

# Commands that change existing projects take these only from the command line: a variable left set in
# a shell must never silently re-target a project.
tenant_option = _answer_option("--tenant", "tenant", "HOST|URL", _TENANT_HELP, None)
web_integration_id_option = _answer_option(
    "--web-integration-id", "web_integration_id", "ID", _WEB_INTEGRATION_HELP, None
)
app_id_option = _answer_option("--app-id", "app_id", "GUID", _APP_HELP, None)

# `new` also reads them from the environment (a CI job or a shell set up for one tenant).
new_tenant_option = _answer_option("--tenant", "tenant", "HOST|URL", _TENANT_HELP, "MASHUP_GEN_TENANT")
new_web_integration_id_option = _answer_option(
    "--web-integration-id", "web_integration_id", "ID", _WEB_INTEGRATION_HELP, "MASHUP_GEN_WEB_INTEGRATION_ID"
)
new_app_id_option = _answer_option("--app-id", "app_id", "GUID", _APP_HELP, "MASHUP_GEN_APP_ID")


# A web app's hypercube (template webapp): the fields it groups by and the expressions it computes.
dimension_option = click.option(
    "--dimension",
    "dimensions",
    multiple=True,
    metavar="FIELD",
    callback=validated("dimensions"),
    help="Web app: a field to group by (a dimension of the table and chart). Repeatable.",
)
measure_option = click.option(
    "--measure",
    "measures",
    multiple=True,
    metavar="EXPR",
    callback=validated("measures"),
    help="Web app: an expression to compute, such as Sum(Sales) (a measure). Repeatable; at least one.",
)


# qlik-embed's sign-in and content; taken only from the command line, like the options above.
auth_option = _answer_option(
    "--auth",
    "auth",
    "oauth2|cookie",
    "How users sign in (template qlik-embed): oauth2, with an OAuth single-page-app client (--client-id; "
    "the default), or cookie, with a web integration (--web-integration-id).",
    None,
)
client_id_option = _answer_option(
    "--client-id",
    "client_id",
    "ID",
    "Id of the OAuth single-page-app client users sign in with (Management Console > Settings > OAuth).",
    None,
)
ui_option = _answer_option(
    "--ui",
    "ui",
    "analytics|classic",
    "How qlik-embed draws the objects: analytics/chart (the default) or classic/chart.",
    None,
)


def sheet_option(f: F) -> F:
    return click.option(
        "--sheet",
        "sheets",
        multiple=True,
        metavar="ID",
        callback=validated("sheets"),
        help="A sheet to embed whole (template qlik-embed: classic/app with sheet-id). Repeatable.",
    )(f)


def combination_error(ctx: click.Context, exc: InvalidValue) -> click.BadParameter:
    """A usage error (exit 2) naming the option of answers that do not go together."""
    from mashup_gen.answers import AnswerConflict

    assert isinstance(exc, AnswerConflict)
    message = str(exc) if exc.value else exc.expected
    return click.BadParameter(message, ctx=ctx, param_hint=f"'{exc.option}'")


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


def parse_settings(ctx: click.Context, settings: tuple[str, ...], allowed: list[str]) -> dict[str, Any]:
    """``--set KEY=VALUE`` pairs, each key one of ``allowed`` and each value checked like its option."""
    from mashup_gen.errors import InvalidValue
    from mashup_gen.questions import check_typed

    result: dict[str, Any] = {}
    for item in settings:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise click.BadParameter(f"{item!r}: expected KEY=VALUE", ctx=ctx, param_hint="'--set'")
        if key not in allowed:
            raise click.BadParameter(
                f"{item!r}: expected KEY to be one of the template's variables: {', '.join(allowed)}",
                ctx=ctx,
                param_hint="'--set'",
            )
        try:
            result[key] = check_typed(key, value)
        except InvalidValue as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param_hint="'--set'") from None
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
    from mashup_gen.online.apikey import KeyUnavailable, find_key

    def ask() -> str:
        return str(click.prompt("Qlik Cloud API key", hide_input=True, err=True))

    try:
        return find_key(context_name, prompt=ask if may_prompt and ctx.obj.stdin_isatty else None)
    except KeyUnavailable as exc:
        raise click.UsageError(f"{option}: {exc}", ctx=ctx) from None


def template_value_options(f: F) -> F:
    """The values only some templates ask for, which ``new`` and ``regenerate`` both take: the web app's
    dimensions and measures, qlik-embed's sign-in, client id, object UI and sheets."""
    for option in reversed((dimension_option, measure_option, auth_option, client_id_option, ui_option, sheet_option)):
        f = option(f)
    return f
