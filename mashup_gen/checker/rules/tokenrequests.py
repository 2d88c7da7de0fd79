"""Server code that asks Qlik Cloud for an OAuth token itself (POST <tenant>/oauth/token): the grant it names,
the address it posts to, the user it impersonates and how it encodes the body. Qlik answers a request it
cannot read with 400 and no token, so the page that waits for the token never shows anything.

What Qlik's token endpoint takes is read from @qlik/api, Qlik's own client: a JSON body ``{client_id,
client_secret, scope, grant_type}``, with ``grant_type: "urn:qlik:oauth:user-impersonation"`` and
``user_lookup: {field: "subject" | "userId", value}`` to impersonate a user, posted to ``<tenant>/oauth/token``
(``/oauth/token/anonymous-embed`` for anonymous embedding)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.serverauth import Entry, ServerAuth, TokenRequest, entries
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place
from mashup_gen.checker.scan import SourceFile
from mashup_gen.source.roles import is_other_language_test, is_test_code

GRANT_UNKNOWN = Rule(
    "oauth-grant-unknown",
    Severity.ERROR,
    "A token request to Qlik Cloud names a grant type Qlik does not have (a misspelt "
    "urn:qlik:oauth:user-impersonation): the tenant answers 400 unsupported_grant_type and no token is issued.",
    "Write the grant exactly as Qlik defines it: grant_type 'urn:qlik:oauth:user-impersonation' to impersonate a "
    "user, 'client_credentials' for the client's own (machine-to-machine) token.",
)
TOKEN_URL = Rule(
    "oauth-token-url",
    Severity.ERROR,
    "A token request with Qlik's grant is posted to another address than the tenant's token endpoint "
    "(<tenant>/oauth/token): /api/v1/oauth/token, /oauth2/token or /oauth/authorize, or the tenant with a path "
    "or over plain http: the tenant has no such endpoint, and no token is issued.",
    "Post the request to https://<tenant>/oauth/token (the tenant's origin alone, then /oauth/token), as @qlik/api "
    "does.",
)
IMPERSONATION_USER = Rule(
    "oauth-impersonation-user",
    Severity.ERROR,
    "An impersonation token request (grant urn:qlik:oauth:user-impersonation) does not name its user the way Qlik "
    "reads it: user_lookup is missing, is not an object, or its field is not 'subject' or 'userId' (the tenant "
    "answers 400 and the page gets no token); or a server's @qlik/api host config names the user under a key "
    "@qlik/api does not read (userID, user, email), so it asks for the client's own machine-to-machine token "
    "instead, and every visitor acts as the client's bot user.",
    "Send user_lookup: { field: 'subject', value: <the user's subject in Qlik> } (or field 'userId' with the "
    "Qlik user id) in the JSON body, beside client_id, client_secret, grant_type and scope; in an @qlik/api host "
    "config, subject: <subject> or userId: <Qlik user id>.",
)
FORM_NESTED = Rule(
    "oauth-form-nested",
    Severity.ERROR,
    "A token request's body holds an object (user_lookup: {field, value}) but is encoded as a form "
    "(URLSearchParams, qs.stringify, Python's data=): the object becomes '[object Object]' or a repeated key, "
    "so Qlik cannot read the user to impersonate and answers 400.",
    "Send the body as JSON: JSON.stringify(body) with the header 'Content-Type: application/json' (axios: the "
    "object itself; Python requests/httpx: json=body).",
)
BEARER = Rule(
    "auth-header-bearer",
    Severity.ERROR,
    "An Authorization header for Qlik Cloud is not 'Bearer <key or token>': 'Bearer' joined to the key with no "
    "space, another scheme (Token, ApiKey, JWT), or the API key alone: Qlik Cloud reads API keys and access "
    "tokens from 'Authorization: Bearer <value>' only and answers 401.",
    "Write the header with one space after Bearer: Authorization: `Bearer ${process.env.QLIK_API_KEY}` "
    '(Python: f"Bearer {api_key}").',
)
RULES = (GRANT_UNKNOWN, TOKEN_URL, IMPERSONATION_USER, FORM_NESTED, BEARER)

_IMPERSONATION = "urn:qlik:oauth:user-impersonation"
# Every grant Qlik Cloud's token endpoint takes (read from @qlik/api's requests).
_QLIK_GRANTS = frozenset(
    {
        "authorization_code",
        "refresh_token",
        "client_credentials",
        _IMPERSONATION,
        "urn:qlik:oauth:anonymous-embed",
        "urn:ietf:params:oauth:grant-type:token-exchange",
    }
)
# A grant meant for Qlik: Qlik's own namespace, or impersonation in any spelling.
_MEANT_FOR_QLIK = re.compile(r"(?i)urn:qlik|imperson")
_LOOKUP_FIELDS = ("subject", "userId")
# A name whose value is plainly one value, not a {field, value} object: user.sub, userId, session.user.email.
_SCALAR_NAME = re.compile(r"(?i)(?:^|\.)(?:sub|subject|id|user_?id|email|name|username|login)\s*$")
# A string (or template) holding an OAuth path: the address a token request goes to.
_OAUTH_URL = re.compile(r"""(['"`])((?:(?!\1)[^\n])*?/oauth2?/(?:(?!\1)[^\n])*)\1""")
_GOOD_PATH = re.compile(r"/oauth/token(?:/anonymous-embed)?/?(?:\?.*)?$")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Findings at each Qlik token request whose grant, address, user or encoding the tenant cannot take."""
    yield from _api_host_configs(project)
    yield from _bearers(project)
    for source in _code_files(project):
        relative = project.relative(source.path)
        if is_test_code(relative) or is_other_language_test(relative):
            continue
        auth = ServerAuth(source)
        for request in auth.token_requests:
            yield from _judge(auth, request)


def _code_files(project: Project) -> Iterator[SourceFile]:
    seen: set[int] = set()
    files = [unit.file for unit in project.units] + [page.file for page in project.pages] + project.other_code
    for source in files:
        if id(source) in seen or "grant_type" not in source.text:
            continue
        seen.add(id(source))
        yield source


def _judge(auth: ServerAuth, request: TokenRequest) -> Iterator[Finding]:
    grant = request.grant.literal
    if grant is None:
        return
    source = request.file
    if grant not in _QLIK_GRANTS:
        if _MEANT_FOR_QLIK.search(grant):
            yield at_place(
                GRANT_UNKNOWN,
                _place(source, request.grant),
                f"grant_type {grant!r} is not a grant Qlik Cloud has: impersonation is {_IMPERSONATION!r}",
            )
        return
    if not grant.startswith("urn:qlik") and not _names_qlik(source.text):
        return  # another provider's client_credentials or authorization_code request
    yield from _url(auth, request)
    if grant == _IMPERSONATION:
        yield from _user_lookup(auth, request)


def _names_qlik(text: str) -> bool:
    return "qlik" in text.lower()


def _url(auth: ServerAuth, request: TokenRequest) -> Iterator[Finding]:
    """The request's address: the OAuth URL written in the call (or calls) the body is handed to."""
    text = auth.source.text
    inner = request.open_at
    for _ in range(4):
        outer = auth.brackets.enclosing(inner)
        if outer is None:
            return
        if text[outer] == "(":
            urls = list(_OAUTH_URL.finditer(text, outer, inner))
            if urls:
                m = urls[-1]  # the one nearest the body: the call's own address
                url = m.group(2)
                wrong = _wrong_url(url)
                if wrong:
                    place = Place(auth.source, m.start(2), m.end(2))
                    yield at_place(TOKEN_URL, place, f"the token request goes to {url[:80]!r}: {wrong}")
                return
        inner = outer


def _wrong_url(url: str) -> str:
    path = re.sub(r"^(?:[a-z]+:)?//[^/]*", "", re.sub(r"\$\{[^}]*\}|\{[^}]*\}", "", url.strip()))
    if url.lower().startswith("http://") and "qlikcloud.com" in url.lower():
        return "Qlik Cloud answers over https only"
    if not _GOOD_PATH.search(path):
        return "Qlik's token endpoint is <tenant>/oauth/token"
    head = path[: _GOOD_PATH.search(path).start()].strip("/")
    if head and ("qlikcloud.com" in url.lower() or re.match(r"api/v\d", head)):
        return "the tenant's token endpoint is at its origin, /oauth/token, with no path before it"
    return ""


def _user_lookup(auth: ServerAuth, request: TokenRequest) -> Iterator[Finding]:
    source = request.file
    lookup = request.field("user_lookup")
    if lookup is None:
        if request.spread or any(e.key.startswith("user_lookup") for e in request.fields):
            return  # the body takes more fields from elsewhere, or writes the lookup's parts as keys of their own
        yield at_place(
            IMPERSONATION_USER,
            _place(source, request.grant),
            "this impersonation request has no user_lookup: Qlik cannot tell which user to impersonate",
        )
        return
    value = lookup.value
    if value[:1] in "{[" or re.match(r"(?:dict|new\s*\w*|array)\s*[({]", value):
        inner = entries(source.text, auth.brackets, _first_open(source.text, lookup.value_start))
        if request.encoder:
            yield at_place(
                FORM_NESTED,
                _place(source, lookup),
                f"user_lookup is an object, but the body goes through {request.encoder}: it reaches Qlik as "
                "'[object Object]' or a repeated key",
            )
            return
        field = next((e for e in inner if e.key == "field"), None)
        keys = {e.key for e in inner}
        if "..." in keys:
            return
        if field is None or "value" not in keys:
            yield at_place(
                IMPERSONATION_USER,
                _place(source, lookup),
                "user_lookup needs both field ('subject' or 'userId') and value",
            )
            return
        literal = field.literal
        if literal is not None and literal not in _LOOKUP_FIELDS:
            yield at_place(
                IMPERSONATION_USER,
                _place(source, field),
                f"user_lookup's field is {literal!r}: Qlik looks users up by 'subject' or 'userId' only",
            )
        return
    if lookup.literal is not None or _SCALAR_NAME.search(value):
        yield at_place(
            IMPERSONATION_USER,
            _place(source, lookup),
            f"user_lookup is {value[:40]!r}, one value: Qlik reads an object {{ field: 'subject', value }}",
        )


def _first_open(text: str, start: int) -> int:
    m = re.compile(r"[{\[(]").search(text, start)
    return m.start() if m else start


def _place(source: SourceFile, entry: Entry) -> Place:
    return Place(source, entry.key_start, entry.value_start + len(entry.value))


# Keys a server's @qlik/api host config may be given the user in that @qlik/api does not read (it reads subject
# and userId only, and asks for a client-credentials token when neither is there).
_MISNAMED_USER = re.compile(
    r"(?i)^(?:user_?id|user_id|user|sub|subject_?id|user_?subject|impersonate\w*|email|user_?email|user_?name)$"
)
_API_CONFIG_KEYS = ("clientSecret", "noCache", "clientId", "authType", "host")


def _api_host_configs(project: Project) -> Iterator[Finding]:
    """An error at each user key @qlik/api ignores in a server host config that signs in with a client secret."""
    for unit in project.units:
        code = unit.script.code
        if unit.in_browser or "clientSecret" not in code or not ("@qlik/api" in code or "getAccessToken" in code):
            continue
        syntax = unit.syntax
        if syntax is None or is_test_code(project.relative(unit.file.path)):
            continue
        for values, spans in zip(syntax.objects, syntax.object_spans, strict=False):
            # The host config itself, or a copy of it that adds the user: {...hostConfig, userID, noCache: true}.
            if "clientSecret" not in values and not ("..." in values and any(k in values for k in _API_CONFIG_KEYS)):
                continue
            if "subject" in values or "userId" in values:
                continue
            for key in values:
                if key != "userId" and _MISNAMED_USER.match(key):
                    place = Place(unit.file, *spans[key])
                    yield at_place(
                        IMPERSONATION_USER,
                        place,
                        f"@qlik/api reads the user to impersonate from subject or userId, not {key!r}: without "
                        "them it asks for the client's own (machine-to-machine) token",
                    )


# An Authorization header and the value written for it, to the end of its line: `Authorization: ...`,
# `"Authorization": ...`, `'Authorization' => ...`, headers.set('Authorization', ...).
_AUTHORIZATION = re.compile(r"""(['"]?)\bAuthorization\1\s*(?::(?!:)|=>|,)\s*([^\n]+)""")
_NO_SPACE = re.compile(r"""^(?:(['"])Bearer\1\s*\+|`Bearer\$\{|[fF](['"])Bearer\{)""")
_OTHER_SCHEME = re.compile(r"""^[fF]?(['"`])(Token|ApiKey|Api-Key|JWT|Apikey)\s""")
_KEY_NAME = re.compile(r"(?i)^(?:[\w$.]*\.)?[\w$]*api_?key[\w$]*$|^(?:[\w$.]*\.)?[\w$]*(?:API_?KEY)[\w$]*$")


def _bearers(project: Project) -> Iterator[Finding]:
    """An error at each Authorization header a Qlik project writes in a form Qlik Cloud does not read."""
    seen: set[int] = set()
    files = [unit.file for unit in project.units] + [page.file for page in project.pages] + project.other_code
    for source in files:
        text = source.text
        if id(source) in seen or "Authorization" not in text or not _names_qlik(text):
            continue
        seen.add(id(source))
        if is_test_code(project.relative(source.path)):
            continue
        for m in _AUTHORIZATION.finditer(text):
            # the value, without a comment after it
            value = re.sub(r"\s*(?://[^'\"`]*|/\*.*?\*/|#[^'\"]*)$", "", m.group(2)).strip()
            line_start = text.rfind("\n", 0, m.start()) + 1
            if re.match(r"\s*(?://|#|\*|/\*)", text[line_start : m.start()] + " "):
                continue
            place = Place(source, m.start(2), m.start(2) + len(value.rstrip(",;)}")))
            if _NO_SPACE.match(value):
                yield at_place(BEARER, place, "'Bearer' is joined to the value with no space between them")
                continue
            scheme = _OTHER_SCHEME.match(value)
            if scheme:
                yield at_place(BEARER, place, f"the header's scheme is {scheme.group(2)!r}: Qlik reads 'Bearer' only")
                continue
            name = re.match(r"[\w$.\[\]'\"]+", value)
            expression = name.group(0) if name else ""
            bare = re.sub(r"""\[\s*['"]([\w$]+)['"]\s*\]""", r".\1", expression)  # os.environ["KEY"] -> .KEY
            if (
                bare
                and value[len(expression) :].strip(" ,;)}") == ""
                and _KEY_NAME.match(bare)
                and not re.search(rf"\b{re.escape(bare.rsplit('.', 1)[-1])}\s*=\s*[^\n]*Bearer", text)
            ):
                yield at_place(BEARER, place, f"the header is the API key alone ({bare}): Qlik reads 'Bearer <key>'")
