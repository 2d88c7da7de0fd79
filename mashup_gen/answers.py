"""The answers a project is generated from, and their validation.

Answers are a plain ``dict`` (JSON-able, stored in the project record). Each known key has a checker that
normalises the value or raises :class:`InvalidValue`; keys a template adds on its own are passed through as
text. Identifier formats are observed, not published by Qlik (web integration ids: 32 characters of
[A-Za-z0-9_-]; app ids: GUIDs; OAuth client ids: 32 hex digits), so unusual lengths only warn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from mashup_gen.errors import InvalidValue
from mashup_gen.tenant import Tenant, origin_of, parse_origin

WEB_INTEGRATION_ID = re.compile(r"^[A-Za-z0-9_-]+$")
APP_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
OBJECT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Element names become HTML ids and CSS/JS-friendly names: a letter first, then letters, digits, - and _.
ELEMENT = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")

# C0/C1 controls (other than tab and newline), DEL, lone surrogates and NUL cannot survive HTML parsing
# unchanged, so free text refuses them rather than silently altering them.
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


@dataclass
class Checked:
    """A normalised value plus any warnings worth printing."""

    value: Any
    warnings: list[str] = field(default_factory=list)


def check_tenant(text: str) -> Checked:
    """A tenant host or URL, normalised (see :class:`Tenant`)."""
    tenant = Tenant.parse(text)
    return Checked(tenant.value, tenant.warnings())


def check_web_integration_id(text: str) -> Checked:
    """A web integration id: 32 characters of ``[A-Za-z0-9_-]`` as observed; other lengths warn."""
    value = text.strip()
    if not value or not WEB_INTEGRATION_ID.match(value):
        raise InvalidValue(
            text, "expected a web integration id: letters, digits, '-' and '_' only (usually 32 characters)"
        )
    warnings = []
    if len(value) != 32:
        warnings.append(
            f"web integration id {value!r} has {len(value)} characters; Qlik's have 32. "
            "Copy it from Management Console > Integrations > Web"
        )
    return Checked(value, warnings)


def check_app_id(text: str) -> Checked:
    """An app id: a GUID, stored in lower case."""
    value = text.strip().lower()
    if not APP_ID.match(value):
        raise InvalidValue(text, "expected an app id: a GUID such as 1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e")
    return Checked(value)


def _default_element(object_id: str) -> str:
    return object_id if ELEMENT.match(object_id) else f"object-{object_id}"


def parse_object(spec: str) -> tuple[str, str]:
    """``[ELEMENT=]OBJECT_ID`` -> ``(element, object_id)``; the element defaults to a name from the id."""
    element, sep, object_id = spec.strip().rpartition("=")
    if not sep:
        element = ""
    element, object_id = element.strip(), object_id.strip()
    if not OBJECT_ID.match(object_id):
        raise InvalidValue(
            spec,
            "expected [ELEMENT=]OBJECT_ID where OBJECT_ID is a Qlik object id (letters, digits, '-' and "
            "'_', such as QVwQm, a GUID, or CurrentSelections for the selections bar)",
        )
    element = element or _default_element(object_id)
    if not ELEMENT.match(element):
        raise InvalidValue(
            spec,
            f"expected ELEMENT to be a valid HTML id: a letter, then letters, digits, '-' or '_' (got {element!r})",
        )
    return element, object_id


def check_objects(specs: Iterable[str] | dict[str, str]) -> Checked:
    """Objects to place: ``{element: object_id}`` in page order, element names unique."""
    items = [f"{e}={o}" for e, o in specs.items()] if isinstance(specs, dict) else list(specs)
    pairs = [parse_object(item) for item in items]
    if not pairs:
        raise InvalidValue("", "expected at least one object: [ELEMENT=]OBJECT_ID")
    objects: dict[str, str] = {}
    for element, object_id in pairs:
        if element in objects:
            raise InvalidValue(
                f"{element}={object_id}",
                f"expected unique element names; {element!r} is already used for {objects[element]!r}",
            )
        objects[element] = object_id
    return Checked(objects)


def check_text(text: str) -> Checked:
    """Free text (a title): anything printable; line endings (Unicode's line and paragraph separators too)
    become ``\\n``."""
    value = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if not value.strip():
        raise InvalidValue(text, "expected some text")
    bad = _BAD_TEXT.search(value)
    if bad:
        raise InvalidValue(text, f"expected printable text; character U+{ord(bad.group()):04X} is not allowed")
    return Checked(value)


def check_origins(values: Iterable[str] | str) -> Checked:
    """Origins the page will be served from (space-separated in the record), each a valid origin."""
    items = values.split() if isinstance(values, str) else list(values)
    origins: list[str] = []
    for item in items:
        origin = parse_origin(item)
        if origin not in origins:
            origins.append(origin)
    if not origins:
        raise InvalidValue("", ORIGINS_EXPECTED)
    return Checked(" ".join(origins))


ORIGINS_EXPECTED = "expected at least one origin such as https://www.example.com"

_OPENING = {")": "(", "]": "["}


def split_list(text: str, separators: str) -> list[str]:
    """Split a typed list at ``separators`` outside brackets, parentheses and quotes; drop empty items.

    Qlik expressions hold commas and spaces inside ``Sum(If(a, b))``, ``[Order Date]`` or ``'a, b'``, so a
    plain ``str.split`` would cut them apart.
    """
    items: list[str] = []
    current: list[str] = []
    stack: list[str] = []
    quote = ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([":
            stack.append(char)
        elif char in ")]" and stack and stack[-1] == _OPENING[char]:
            stack.pop()
        elif char in separators and not stack:
            items.append("".join(current))
            current = []
            continue
        current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def _field_name(text: str) -> str:
    """A field name, unquoted from ``[Field Name]`` (Qlik's quoting for names with spaces)."""
    value = text.strip()
    if value.startswith("[") and value.endswith("]") and "]" not in value[1:-1]:
        value = value[1:-1].strip()
    return value


def check_dimensions(values: Iterable[str] | str) -> Checked:
    """Fields to group a web app's hypercube by, in order (typed: space- or comma-separated)."""
    items = split_list(values, ", \t\n") if isinstance(values, str) else list(values)
    dimensions: list[str] = []
    for item in items:
        name = _field_name(item)
        if not name:
            raise InvalidValue(item, "expected a field name such as Region, or [Order Date] for one with spaces")
        check_text(name)
        dimensions.append(name)
    return Checked(dimensions)


def check_measures(values: Iterable[str] | str) -> Checked:
    """Expressions a web app's hypercube computes, at least one (typed: comma-separated)."""
    items = split_list(values, ",") if isinstance(values, str) else [v.strip() for v in values]
    if not items or not all(items):
        raise InvalidValue(
            values if isinstance(values, str) else " ".join(values), "expected a measure such as Sum(Sales)"
        )
    for item in items:
        check_text(item)
    return Checked(items)


# -- qlik-embed: sign-in and content ---------------------------------------------------------------------

OAUTH_CLIENT_ID = re.compile(r"^[0-9A-Fa-f]+$")
AUTH_TYPES = ("oauth2", "cookie", "impersonation")  # each template offers some (see ANSWERS)
UI_KINDS = ("analytics", "classic")
# The callback page a qlik-embed project ships: its OAuth redirect URI must name it.
OAUTH_CALLBACK_FILE = "oauth-callback.html"


def check_client_id(text: str) -> Checked:
    """An OAuth client id: hexadecimal, 32 characters as observed; other lengths warn."""
    value = text.strip()
    if not value or not OAUTH_CLIENT_ID.match(value):
        raise InvalidValue(
            text,
            "expected an OAuth client id: hexadecimal digits only, usually 32 "
            "(Management Console > Settings > OAuth, a single-page-app client)",
        )
    warnings = []
    if len(value) != 32:
        warnings.append(f"OAuth client id {value!r} has {len(value)} characters; Qlik's have 32. Copy it again")
    return Checked(value, warnings)


def _choice(text: str, choices: tuple[str, ...], what: str) -> Checked:
    value = text.strip().lower()
    if value not in choices:
        raise InvalidValue(text, f"expected {what}: {' or '.join(choices)}")
    return Checked(value)


def check_auth(text: str) -> Checked:
    """How users sign in: ``oauth2`` (an OAuth client), ``cookie`` (a web integration) or ``impersonation``."""
    return _choice(text, AUTH_TYPES, "the sign-in")


def check_ui(text: str) -> Checked:
    """Which renderer shows the objects: ``analytics`` or ``classic``."""
    return _choice(text, UI_KINDS, "the object UI")


def check_sheets(values: Iterable[str] | str) -> Checked:
    """Sheet ids to embed whole (space-separated in the record; duplicates dropped); none is fine."""
    items = values.split() if isinstance(values, str) else [v.strip() for v in values]
    sheets: list[str] = []
    for item in items:
        if not OBJECT_ID.match(item) or item == "CurrentSelections":
            raise InvalidValue(item, "expected a sheet id: letters, digits, '-' and '_' (such as nunQpgh or a GUID)")
        if item not in sheets:
            sheets.append(item)
    return Checked(" ".join(sheets))


def check_redirect_uri(text: str) -> Checked:
    """An OAuth redirect URI: an absolute http(s) URL of a page, no query or fragment; empty means the default."""
    value = text.strip()
    if not value:
        return Checked("")
    parts = urlsplit(value)
    if origin_of(value) is None:
        raise InvalidValue(text, "expected an absolute URL such as https://www.example.com/oauth-callback.html")
    if parts.query or parts.fragment or parts.path in ("", "/"):
        raise InvalidValue(text, "expected the URL of the callback page, without query or fragment")
    return Checked(value)


# -- the declarations: each answer once -------------------------------------------------------------------

BUILTIN_TEMPLATES = ("capability", "qlik-embed", "webapp")
ALL = BUILTIN_TEMPLATES

# The answer keys other modules name (import these instead of writing the key as a literal).
TENANT_KEY = "tenant"
WEB_INTEGRATION_ID_KEY = "web_integration_id"
APP_ID_KEY = "app_id"
CLIENT_ID_KEY = "client_id"
AUTH_KEY = "auth"

# How `regenerate` re-targets a changed answer in files it did not write itself (harden's retarget reads it):
RETARGET_TENANT = "tenant"  # URLs on the old tenant become URLs on the new one
RETARGET_ID = "id"  # the old value, as a whole string, is replaced by the new one
# None: the answer is only re-rendered into the template's files.


def _always(answers: Mapping[str, Any]) -> bool:
    return True


def _never(answers: Mapping[str, Any]) -> bool:
    return False


def _signs_in_with(*kinds: str | None) -> Callable[[Mapping[str, Any]], bool]:
    """Needed when the sign-in is one of ``kinds`` (``None``: a template that does not ask for the sign-in)."""

    def needed(answers: Mapping[str, Any]) -> bool:
        return answers.get(AUTH_KEY) in kinds

    return needed


@dataclass(frozen=True)
class Answer:
    """One answer a template asks for, declared once; options, prompts, checks and files derive from it.

    ``defaults`` holds the value each template's ``cookiecutter.json`` gives plain cookiecutter (a list is
    a choice, its first item the default); ``required(answers)`` says whether the answer has no usable
    default given the others (required answers are asked without a default and needed with --no-input);
    ``asked(answers)`` whether an interactive ``new`` asks for it at all. ``option`` is the command-line
    option (``None``: only ``--set KEY=VALUE``); ``many`` a repeatable option, typed space-separated at a
    prompt; ``is_list`` an answer the record holds as a list, typed as one line its checker splits.
    ``envvar`` is read by ``new`` only: a variable left set in a shell must never re-target a project.
    """

    key: str
    check: Callable[[Any], Checked]
    label: str
    help: str
    defaults: Mapping[str, Any]
    option: str | None = None
    metavar: str = "TEXT"
    param: str | None = None
    many: bool = False
    is_list: bool = False
    envvar: str | None = None
    required: Callable[[Mapping[str, Any]], bool] = _never
    asked: Callable[[Mapping[str, Any]], bool] = _always
    retarget: str | None = None
    secret: bool = False
    plain_label: str | None = None  # the prompt plain cookiecutter shows, when it must differ (JSON for a dict)

    @property
    def templates(self) -> tuple[str, ...]:
        """The built-in templates that ask for this answer."""
        return tuple(name for name in BUILTIN_TEMPLATES if name in self.defaults)

    @property
    def name(self) -> str:
        """How a user names it: the option, else ``--set KEY``."""
        return self.option or f"--set {self.key}"


_WID_NEEDED = _signs_in_with(None, "cookie")
_CLIENT_NEEDED = _signs_in_with("oauth2", "impersonation")

ANSWERS: tuple[Answer, ...] = (
    # The asking order: the values a project cannot work without first, the sign-in before the ids (it
    # decides which one is needed), then what the page shows, then the rest.
    Answer(
        TENANT_KEY,
        check_tenant,
        "Qlik Cloud tenant (such as acme.eu.qlikcloud.com)",
        "Qlik Cloud tenant, e.g. acme.eu.qlikcloud.com (https only; http allowed for loopback test hosts).",
        dict.fromkeys(ALL, "your-tenant.eu.qlikcloud.com"),
        option="--tenant",
        metavar="HOST|URL",
        envvar="MASHUP_GEN_TENANT",
        required=_always,
        retarget=RETARGET_TENANT,
    ),
    Answer(
        AUTH_KEY,
        check_auth,
        "How users sign in (oauth2: an OAuth client; cookie: a web integration; impersonation: your backend)",
        "How users sign in: oauth2, with an OAuth single-page-app client (--client-id); cookie, with a web "
        "integration (--web-integration-id); impersonation (qlik-embed), a backend of yours with an OAuth "
        "web client. Choices and default depend on the template.",
        {"qlik-embed": ["oauth2", "cookie", "impersonation"], "webapp": ["cookie", "oauth2"]},
        option="--auth",
        metavar="oauth2|cookie|impersonation",
    ),
    Answer(
        CLIENT_ID_KEY,
        check_client_id,
        "OAuth client id (Management Console > Settings > OAuth)",
        "Id of the OAuth client users sign in with (Management Console > Settings > OAuth); never its secret.",
        {"qlik-embed": "", "webapp": ""},
        option="--client-id",
        metavar="ID",
        required=_CLIENT_NEEDED,
        asked=_CLIENT_NEEDED,
        retarget=RETARGET_ID,
    ),
    Answer(
        WEB_INTEGRATION_ID_KEY,
        check_web_integration_id,
        "Web integration id (Management Console > Integrations > Web)",
        "Id of the web integration that allowlists the page's origin (Management Console > Integrations > Web).",
        {
            "capability": "ReplaceWithYourWebIntegrationId00",
            "qlik-embed": "",
            "webapp": "ReplaceWithYourWebIntegrationId00",
        },
        option="--web-integration-id",
        metavar="ID",
        envvar="MASHUP_GEN_WEB_INTEGRATION_ID",
        required=_WID_NEEDED,
        asked=_WID_NEEDED,
        retarget=RETARGET_ID,
    ),
    Answer(
        APP_ID_KEY,
        check_app_id,
        "App id (the GUID in the app's URL)",
        "Id of the Qlik Sense app whose objects the page shows.",
        dict.fromkeys(ALL, "00000000-0000-0000-0000-000000000000"),
        option="--app-id",
        metavar="GUID",
        envvar="MASHUP_GEN_APP_ID",
        required=_always,
    ),
    Answer(
        "objects",
        check_objects,
        "Objects to show, as ELEMENT=OBJECT_ID separated by spaces (CurrentSelections is the selections bar)",
        "A Qlik object to show, in the element with HTML id ELEMENT. Repeatable; CurrentSelections is the "
        "selections bar.",
        {
            "capability": {"CurrentSelections": "CurrentSelections"},
            "qlik-embed": {"CurrentSelections": "CurrentSelections"},
        },
        option="--object",
        metavar="[ELEMENT=]OBJECT_ID",
        many=True,
        plain_label='Objects to show: {"element-id": "object-id"}',
    ),
    Answer(
        "dimensions",
        check_dimensions,
        "Dimensions: fields to group by, separated by spaces or commas ([Order Date] for a name with spaces)",
        "Web app: a field to group by (a dimension of the table and chart). Repeatable.",
        {"webapp": ["Region"]},
        option="--dimension",
        metavar="FIELD",
        many=True,
        is_list=True,
    ),
    Answer(
        "measures",
        check_measures,
        "Measures: expressions such as Sum(Sales), separated by commas",
        "Web app: an expression to compute, such as Sum(Sales) (a measure). Repeatable; at least one.",
        {"webapp": ["Sum(Sales)"]},
        option="--measure",
        metavar="EXPR",
        many=True,
        is_list=True,
    ),
    Answer(
        "title",
        check_text,
        "Page title",
        "The page title.",
        {"capability": "Qlik Cloud mashup", "qlik-embed": "Qlik Cloud embed", "webapp": "Qlik Cloud web app"},
        option="--title",
    ),
    Answer(
        "origins",
        check_origins,
        "Origins the page is served from, separated by spaces (to allowlist)",
        "An origin the page will be served from, to allowlist (default http://localhost:8000). Repeatable.",
        dict.fromkeys(ALL, "http://localhost:8000"),
        option="--origin",
        metavar="URL",
        many=True,
    ),
    Answer(
        "redirect_uri",
        check_redirect_uri,
        "OAuth redirect URI (Enter: the first origin's /oauth-callback.html)",
        "OAuth2 sign-in: the redirect URI registered on the OAuth client (default: the first origin's "
        "/oauth-callback.html).",
        {"qlik-embed": "", "webapp": ""},
        asked=_signs_in_with("oauth2"),
    ),
    Answer(
        "sheets",
        check_sheets,
        "Sheet ids to embed whole, separated by spaces (Enter: none)",
        "A sheet to embed whole (template qlik-embed: classic/app with sheet-id). Repeatable.",
        {"qlik-embed": ""},
        option="--sheet",
        metavar="ID",
        many=True,
    ),
    Answer(
        "ui",
        check_ui,
        "Object UI: analytics or classic",
        "How qlik-embed draws the objects: analytics/chart (the default) or classic/chart.",
        {"qlik-embed": ["analytics", "classic"]},
        option="--ui",
        metavar="analytics|classic",
    ),
    Answer(
        "project_slug",
        check_text,
        "Folder name",
        "The project's folder name (DEST).",
        {"capability": "qlik-mashup", "qlik-embed": "qlik-embed", "webapp": "qlik-webapp"},
        asked=_never,  # taken from DEST
    ),
)
BY_KEY: dict[str, Answer] = {answer.key: answer for answer in ANSWERS}

# Derived views, for callers that want one fact about every answer.
CHECKERS: dict[str, Callable[[Any], Checked]] = {answer.key: answer.check for answer in ANSWERS}
OPTION_NAMES: dict[str, str] = {answer.key: answer.name for answer in ANSWERS}
LIST_ANSWERS: tuple[str, ...] = tuple(answer.key for answer in ANSWERS if answer.is_list)
RETARGETED: dict[str, str] = {answer.key: answer.retarget for answer in ANSWERS if answer.retarget}
SECRET: frozenset[str] = frozenset(answer.key for answer in ANSWERS if answer.secret)


def option_for(key: str) -> str:
    """How a user names answer ``key`` on the command line: its option, else ``--set KEY``."""
    answer = BY_KEY.get(key)
    return answer.name if answer is not None else f"--set {key}"


def order(keys: Iterable[str]) -> list[str]:
    """``keys`` (a template's questions) in asking order: the declared answers first, then the rest."""
    keys = list(keys)
    return [answer.key for answer in ANSWERS if answer.key in keys] + [key for key in keys if key not in BY_KEY]


def check_answer(key: str, value: Any) -> Checked:
    """Validate one answer by key; unknown keys (a template's own variables) must be text."""
    answer = BY_KEY.get(key)
    if answer is not None:
        return answer.check(value)
    if not isinstance(value, str):
        raise InvalidValue(value, "expected text")
    return check_text(value) if value else Checked(value)


def as_answer(key: str, default: Any) -> Any:
    """A template default as the answer it stands for: a list answer's default (a choice's first item) as a list."""
    if key in LIST_ANSWERS and isinstance(default, str):
        return check_answer(key, default).value
    return default


def is_required(key: str, answers: Mapping[str, Any]) -> bool:
    """Whether ``key`` has no usable default given the other answers (the sign-in decides which id is needed)."""
    answer = BY_KEY.get(key)
    return answer is not None and answer.required(answers)


def is_asked(key: str, answers: Mapping[str, Any]) -> bool:
    """Whether an interactive ``new`` asks for ``key`` (not for the id the chosen sign-in does not use)."""
    answer = BY_KEY.get(key)
    return answer is None or answer.asked(answers)


class AnswerConflict(InvalidValue):
    """Answers that are each valid but do not go together; ``option`` is the one to fix."""

    def __init__(self, option: str, value: object, expected: str) -> None:
        super().__init__(value, expected, option=option)


def default_redirect_uri(answers: Mapping[str, Any]) -> str:
    """The OAuth redirect URI a qlik-embed project uses: the given one, else the first origin's callback page."""
    given = answers.get("redirect_uri")
    if isinstance(given, str) and given:
        return given
    origins = str(answers.get("origins") or "").split()
    return f"{origins[0]}/{OAUTH_CALLBACK_FILE}" if origins else ""


# The answers check_combination ties together: only a change to one of them can break a project's answers.
COMBINED = frozenset({AUTH_KEY, CLIENT_ID_KEY, WEB_INTEGRATION_ID_KEY, "origins", "redirect_uri"})


def check_combination(answers: Mapping[str, Any]) -> None:
    """Rules tying answers together, for templates that ask for the sign-in (``auth``).

    OAuth2 needs a client id and a redirect URI on one of the page's origins naming the project's callback
    page; cookie sign-in needs a web integration id. Raises :class:`AnswerConflict` naming the option.
    """
    auth = answers.get(AUTH_KEY)
    if auth is None:
        return
    if auth == "cookie":
        if not answers.get(WEB_INTEGRATION_ID_KEY):
            raise AnswerConflict(
                "--web-integration-id", "", "cookie sign-in (--auth cookie) needs the web integration id"
            )
        return
    if not answers.get(CLIENT_ID_KEY):
        raise AnswerConflict("--client-id", "", f"OAuth2 sign-in (--auth {auth}) needs the OAuth client id")
    if auth == "impersonation":
        return  # the backend signs users in; its client secret is never an answer
    redirect = default_redirect_uri(answers)
    origins = str(answers.get("origins") or "").split()
    if origin_of(redirect) not in origins:
        raise AnswerConflict(
            "--set redirect_uri",
            redirect,
            f"expected the OAuth redirect URI on one of the page's origins ({', '.join(origins)})",
        )
    if not urlsplit(redirect).path.endswith("/" + OAUTH_CALLBACK_FILE):
        raise AnswerConflict(
            "--set redirect_uri",
            redirect,
            f"expected the OAuth redirect URI to name the project's callback page, {OAUTH_CALLBACK_FILE}",
        )


# Qlik's help gives an OAuth client at most this many allowed origins and as many redirect URLs (not
# published as an API limit, so a warning: the tenant is the judge).
OAUTH_CLIENT_LIMIT = 5


def combination_warnings(answers: Mapping[str, Any]) -> list[str]:
    """Warnings about answers that go together but may not fit the tenant (an OAuth client's limits)."""
    origins = str(answers.get("origins") or "").split()
    if answers.get(AUTH_KEY) in ("oauth2", "impersonation") and len(origins) > OAUTH_CLIENT_LIMIT:
        return [
            f"{len(origins)} origins: an OAuth client takes at most {OAUTH_CLIENT_LIMIT} allowed origins (and "
            f"{OAUTH_CLIENT_LIMIT} redirect URLs); use fewer origins or more than one client"
        ]
    return []
