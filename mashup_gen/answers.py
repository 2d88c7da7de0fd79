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
    """Free text (a title): anything printable; line endings become ``\\n``."""
    value = text.replace("\r\n", "\n").replace("\r", "\n")
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


# Answers that are lists; typed at a prompt (or given to --set) as one separated string.
LIST_ANSWERS = ("dimensions", "measures")


# -- qlik-embed: sign-in and content ---------------------------------------------------------------------

OAUTH_CLIENT_ID = re.compile(r"^[0-9A-Fa-f]+$")
AUTH_TYPES = ("oauth2", "cookie", "impersonation")
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
    """How users sign in: ``oauth2`` (an OAuth single-page-app client) or ``cookie`` (a web integration)."""
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


CHECKERS: dict[str, Callable[[Any], Checked]] = {
    "tenant": check_tenant,
    "web_integration_id": check_web_integration_id,
    "app_id": check_app_id,
    "objects": check_objects,
    "title": check_text,
    "origins": check_origins,
    "dimensions": check_dimensions,
    "measures": check_measures,
    "auth": check_auth,
    "client_id": check_client_id,
    "ui": check_ui,
    "sheets": check_sheets,
    "redirect_uri": check_redirect_uri,
}

# The command-line option behind each answer, for messages.
OPTION_NAMES = {
    "tenant": "--tenant",
    "web_integration_id": "--web-integration-id",
    "app_id": "--app-id",
    "objects": "--object",
    "title": "--title",
    "origins": "--origin",
    "dimensions": "--dimension",
    "measures": "--measure",
    "auth": "--auth",
    "client_id": "--client-id",
    "ui": "--ui",
    "sheets": "--sheet",
    "redirect_uri": "--set redirect_uri",
}


def check_answer(key: str, value: Any) -> Checked:
    """Validate one answer by key; unknown keys (a template's own variables) must be text."""
    checker = CHECKERS.get(key)
    if checker is not None:
        return checker(value)
    if not isinstance(value, str):
        raise InvalidValue(value, "expected text")
    return check_text(value) if value else Checked(value)


def as_answer(key: str, default: Any) -> Any:
    """A template default as the answer it stands for: a list answer's default (a choice's first item) as a list."""
    if key in LIST_ANSWERS and isinstance(default, str):
        return check_answer(key, default).value
    return default


# Answers with no usable default: a project without them cannot reach Qlik Cloud.
REQUIRED = ("tenant", "web_integration_id", "app_id")


def is_required(key: str, answers: Mapping[str, Any]) -> bool:
    """Whether ``key`` has no usable default given the other answers (the sign-in decides which id is needed)."""
    auth = answers.get("auth")
    if key == "client_id":
        return auth in ("oauth2", "impersonation")
    if key == "web_integration_id" and auth in ("oauth2", "impersonation"):
        return False  # an OAuth client signs users in; no web integration is involved
    return key in REQUIRED


# Answers only the command line sets (options or --set): asking every user for them would be noise.
NOT_ASKED = frozenset({"redirect_uri", "sheets"})


def is_asked(key: str, answers: Mapping[str, Any]) -> bool:
    """Whether an interactive ``new`` asks for ``key``: not for the id the chosen sign-in does not use."""
    if key in NOT_ASKED:
        return False
    if key in ("client_id", "web_integration_id") and "auth" in answers:
        return is_required(key, answers)
    return True


class AnswerConflict(InvalidValue):
    """Answers that are each valid but do not go together; ``option`` is the one to fix."""

    def __init__(self, option: str, value: object, expected: str) -> None:
        super().__init__(value, expected)
        self.option = option


def default_redirect_uri(answers: Mapping[str, Any]) -> str:
    """The OAuth redirect URI a qlik-embed project uses: the given one, else the first origin's callback page."""
    given = answers.get("redirect_uri")
    if isinstance(given, str) and given:
        return given
    origins = str(answers.get("origins") or "").split()
    return f"{origins[0]}/{OAUTH_CALLBACK_FILE}" if origins else ""


# The answers check_combination ties together: only a change to one of them can break a project's answers.
COMBINED = frozenset({"auth", "client_id", "web_integration_id", "origins", "redirect_uri"})


def check_combination(answers: Mapping[str, Any]) -> None:
    """Rules tying answers together, for templates that ask for the sign-in (``auth``).

    OAuth2 needs a client id and a redirect URI on one of the page's origins naming the project's callback
    page; cookie sign-in needs a web integration id. Raises :class:`AnswerConflict` naming the option.
    """
    auth = answers.get("auth")
    if auth is None:
        return
    # TEMP (webapp-oauth): the web app (the template with measures) offers cookie and oauth2 only; core's
    # per-template choices replace this at merge.
    if "measures" in answers and auth not in ("cookie", "oauth2"):
        raise AnswerConflict("--auth", auth, "expected cookie or oauth2 for template webapp")
    if auth == "cookie":
        if not answers.get("web_integration_id"):
            raise AnswerConflict(
                "--web-integration-id", "", "cookie sign-in (--auth cookie) needs the web integration id"
            )
        return
    if not answers.get("client_id"):
        raise AnswerConflict("--client-id", "", f"OAuth2 sign-in (--auth {auth}) needs the OAuth client id")
    if auth == "impersonation":
        return  # the backend asks for tokens: no redirect URI
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
