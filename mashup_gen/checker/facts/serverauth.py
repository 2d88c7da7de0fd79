"""What server code asks Qlik Cloud for when it signs users in: the bodies of its OAuth token requests
(``grant_type``, ``user_lookup``, how the body is encoded) and the JWTs it signs for ``/login/jwt-session``
(algorithm, claims, jsonwebtoken's options), in any server language.

The code is read as text with a small bracket scanner that knows strings and comments (JavaScript, TypeScript,
Python, PHP, C#, Java): a request body or a JWT's claims are an object, dict or array literal whatever the
language, and what matters is which keys it writes and the values it gives them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from mashup_gen.checker.scan import SourceFile

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}
# What the bracket scanner stops at: quotes, brackets, comment starts ('#' only where it starts a comment).
_STOPS = re.compile(r"['\"`(){}\[\]]|//|/\*")
_STOPS_HASH = re.compile(r"['\"`(){}\[\]#]|//|/\*")
# What ends a string: its quote, an escape, and (but in a template literal) the end of the line.
_STRING_STOPS = {"'": re.compile(r"[\\'\n]"), '"': re.compile(r'[\\"\n]'), "`": re.compile(r"[\\`]")}


class Brackets:
    """The bracket pairs of a file's code, strings and comments skipped: ``pair[open] = close`` and the
    innermost open bracket around an offset."""

    def __init__(self, text: str, hash_comments: bool) -> None:
        self.text = text
        self.pairs: dict[int, int] = {}
        self.strings: list[tuple[int, int]] = []  # (start, end) of each string literal, quotes included
        self.comments: list[tuple[int, int]] = []
        stack: list[int] = []
        n = len(text)
        # Only these characters change the scanner's state: the rest of the text is skipped by the regex, in C.
        stops = _STOPS_HASH if hash_comments else _STOPS
        i = 0
        while True:
            found = stops.search(text, i)
            if found is None:
                break
            i = found.start()
            c = text[i]
            if c in "'\"`":
                end = _string_end(text, i)
                self.strings.append((i, end))
                i = end
                continue
            if c == "/":
                if text[i + 1] == "/" and text[max(0, i - 1)] != ":":
                    end = text.find("\n", i)
                    end = n if end == -1 else end
                    self.comments.append((i, end))
                    i = end
                    continue
                if text[i + 1] == "*":
                    end = text.find("*/", i + 2)
                    end = n if end == -1 else end + 2
                    self.comments.append((i, end))
                    i = end
                    continue
                i += 1  # the '//' of a URL ('://')
                continue
            if c == "#":
                end = text.find("\n", i)
                end = n if end == -1 else end
                self.comments.append((i, end))
                i = end
                continue
            if c in _OPEN:
                stack.append(i)
            elif c in _CLOSE:
                # Pop to the matching opener: a stray closer (a regular expression's bracket) costs one pair only.
                while stack and text[stack[-1]] != _CLOSE[c]:
                    stack.pop()
                if stack:
                    self.pairs[stack.pop()] = i
            i += 1
        self._opens = sorted(self.pairs)

    def enclosing(self, offset: int) -> int | None:
        """The offset of the innermost bracket open around ``offset`` (its pair closing after it), or None."""
        best = None
        for start in self._opens:
            if start >= offset:
                break
            if self.pairs[start] > offset:
                best = start
        return best

    def in_comment(self, offset: int) -> bool:
        """True when ``offset`` is inside a comment."""
        return any(start <= offset < end for start, end in self.comments)

    def in_string(self, offset: int) -> bool:
        """True when ``offset`` is inside a string literal (its quotes excluded)."""
        return any(start < offset < end - 1 for start, end in self.strings)


def _string_end(text: str, start: int) -> int:
    """The offset just past the string literal opening at ``start``: Python's triple quotes and JavaScript's
    template literals may span lines, other strings end at the line's end if unclosed."""
    quote = text[start]
    if text.startswith(quote * 3, start) and quote != "`":
        end = text.find(quote * 3, start + 3)
        return len(text) if end == -1 else end + 3
    stops = _STRING_STOPS[quote]
    i, n = start + 1, len(text)
    while True:
        found = stops.search(text, i)
        if found is None:
            return n
        i = found.start()
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i + 1
        return i  # an unclosed string ends at its line's end


@dataclass(frozen=True)
class Entry:
    """One ``key: value`` of an object literal (``"key" => value``, ``"key": value``, ``key=value``)."""

    key: str
    key_start: int
    value: str  # the value's text, stripped
    value_start: int

    @property
    def literal(self) -> str | None:
        """The value when it is a plain string literal (no interpolation), else None."""
        m = re.fullmatch(r"""(['"])([^'"\\\n]*)\1|`([^`$\\]*)`""", self.value)
        if not m:
            return None
        return m.group(2) if m.group(2) is not None else m.group(3)


_KEY = re.compile(r"""\s*(?:(['"])([\w$.\[\]-]+)\1|([A-Za-z_$][\w$]*))\s*(=>|:(?!:)|=(?![=>])|,)\s*""")


def entries(text: str, brackets: Brackets, open_at: int) -> list[Entry]:
    """The top-level entries of the literal whose bracket opens at ``open_at``: JavaScript and Python objects
    (``key: value``, ``"key": value``), PHP arrays (``'key' => value``), Python keyword arguments (``key=value``)
    and C# collection initialisers (``{ "key", value }``). A spread (``...rest``, ``**rest``) is an entry with
    the key ``...``."""
    close = brackets.pairs.get(open_at)
    if close is None:
        return []
    found: list[Entry] = []
    start = open_at + 1
    for end in [*_top_level_commas(text, brackets, open_at, close), close]:
        # a comment before the entry (the end of the line before it) is not part of it
        while True:
            comment = next((c for c in brackets.comments if c[0] >= start and not text[start : c[0]].strip()), None)
            if comment is None or comment[1] > end:
                break
            start = comment[1]
        piece = text[start:end]
        stripped = piece.strip()
        lead = start + len(piece) - len(piece.lstrip())
        if stripped.startswith(("...", "**")):
            found.append(Entry("...", lead, stripped, lead))
        else:
            m = _KEY.match(text, start, end)
            shorthand = re.fullmatch(r"[A-Za-z_$][\w$]*", stripped)
            if shorthand and not (m and m.group(4) != ","):
                found.append(Entry(stripped, lead, stripped, lead))  # { email, name }: the name is the key
            elif m and m.group(4) != ",":
                key = m.group(2) or m.group(3)
                value = text[m.end() : end].strip()
                found.append(Entry(key, m.start(2) if m.group(2) else m.start(3), value, m.end()))
        start = end + 1
    return found


def _top_level_commas(text: str, brackets: Brackets, open_at: int, close: int) -> list[int]:
    commas = []
    i = open_at + 1
    strings = {s: e for s, e in brackets.strings if open_at < s < close}
    comments = {s: e for s, e in brackets.comments if open_at < s < close}
    while i < close:
        if i in strings:
            i = strings[i]
            continue
        if i in comments:
            i = comments[i]
            continue
        c = text[i]
        if c in _OPEN and i in brackets.pairs:
            i = brackets.pairs[i] + 1
            continue
        if c == ",":
            commas.append(i)
        i += 1
    return commas


@dataclass(frozen=True)
class TokenRequest:
    """An OAuth token request's body as server code writes it: the literal that holds ``grant_type``."""

    file: SourceFile
    open_at: int  # the body literal's opening bracket
    grant: Entry
    fields: tuple[Entry, ...]
    encoder: str  # what the body is handed to: "URLSearchParams", "qs", "data=" (form encodings), or ""

    def field(self, name: str) -> Entry | None:
        """The entry named ``name``, or None."""
        return next((e for e in self.fields if e.key == name), None)

    @property
    def spread(self) -> bool:
        """True when the body takes more fields from elsewhere (``...common``)."""
        return any(e.key == "..." for e in self.fields)


_GRANT_KEY = re.compile(r"""['"]?\bgrant_type\b['"]?\s*(?:=>|:(?!:)|=(?!=)|,)""")
# What turns an object into a form body: a nested object becomes "[object Object]" (URLSearchParams) or is
# flattened into repeated keys (Python's requests and httpx, data=).
_FORM_BEFORE = re.compile(
    r"(?:new\s+URLSearchParams|\b(?:qs|querystring)\.stringify)\s*\(\s*$|\b(?:data|form)\s*=\s*$"
    r"|\burlencode\s*\(\s*$"
)


class ServerAuth:
    """The token requests and JWT signings of one code file."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        suffix = source.path.suffix.lower()
        self.brackets = Brackets(source.text, hash_comments=suffix in (".py", ".rb", ".php"))

    @cached_property
    def token_requests(self) -> list[TokenRequest]:
        """Each literal holding a ``grant_type`` key, with its entries."""
        text = self.source.text
        found = []
        for m in _GRANT_KEY.finditer(text):
            if self.brackets.in_comment(m.start()):
                continue
            open_at = self.brackets.enclosing(m.start())
            if open_at is None or text[open_at] not in "{[(":
                continue
            fields = tuple(entries(text, self.brackets, open_at))
            grant = next((e for e in fields if e.key == "grant_type"), None)
            if grant is None:
                continue
            before = text[max(0, open_at - 40) : open_at]
            form = _FORM_BEFORE.search(before)
            encoder = form.group(0).strip().rstrip("(=").strip() if form else ""
            found.append(TokenRequest(self.source, open_at, grant, fields, encoder))
        return found


@dataclass(frozen=True)
class Argument:
    """One argument of a call: its text (stripped) and where it starts."""

    text: str
    start: int


@dataclass(frozen=True)
class JwtSigning:
    """A JWT the code signs: the library call, the algorithm it names and the claims and options it writes."""

    file: SourceFile
    library: str  # "jsonwebtoken", "jose", "pyjwt", "php-jwt", "dotnet", "java"
    start: int  # the signing call (or builder chain)
    end: int
    algorithm: str | None  # the algorithm as written ("RS256", "HS256", "HmacSha256"), None when not written
    algorithm_at: int  # where it is written (the call's start when it is not)
    algorithm_known: bool  # False when the options come from elsewhere: the default cannot be judged
    claims: tuple[Entry, ...]  # the payload's entries, when it is a literal of this file
    options: tuple[Entry, ...]  # jsonwebtoken's options, when they are a literal of this file
    audience: Entry | None  # the audience as written (a claim, an option or a builder call's argument)


def call_arguments(text: str, brackets: Brackets, open_at: int) -> list[Argument]:
    """The top-level arguments of the call whose parenthesis opens at ``open_at``."""
    close = brackets.pairs.get(open_at)
    if close is None:
        return []
    found = []
    start = open_at + 1
    for end in [*_top_level_commas(text, brackets, open_at, close), close]:
        piece = text[start:end]
        if piece.strip():
            found.append(Argument(piece.strip(), start + len(piece) - len(piece.lstrip())))
        start = end + 1
    return found


_HS = re.compile(r"^['\"]?HS\d{3}['\"]?$|^Hmac", re.I)
# jsonwebtoken's sign, under the names code gives the module: jwt.sign, jsonwebtoken.sign, JWT.sign.
_JSONWEBTOKEN_SIGN = re.compile(r"\b(?:jwt|jsonwebtoken|JWT|jsonWebToken|jwtLib)\s*\.\s*sign\s*\(")
_JOSE_SIGN = re.compile(r"\bnew\s+SignJWT\s*\(")
_PYJWT_ENCODE = re.compile(r"\bjwt\s*\.\s*encode\s*\(")
_PHP_ENCODE = re.compile(r"\bJWT\s*::\s*encode\s*\(")
# .NET and Java: the signing algorithm is a constant of the library; HMAC ones sign with a shared secret.
_TYPED_HMAC = re.compile(
    r"\bSecurityAlgorithms\s*\.\s*(Hmac\w+)|\bSignatureAlgorithm\s*\.\s*(HS\d{3})\b|\bJwts\s*\.\s*SIG\s*\.\s*(HS\d{3})\b"
    r"|\bAlgorithm\s*\.\s*(HMAC\d{3})\s*\("
)
_TYPED_JWT = re.compile(r"JwtSecurityToken|SecurityTokenDescriptor|JsonWebTokenHandler|\bJwts\b|\bJWT\s*\.\s*create\b")


def _literal_object(text: str, brackets: Brackets, value: str, value_start: int, before: int) -> tuple[Entry, ...]:
    """The entries of ``value`` when it is an object literal, or a name declared as one earlier in the file."""
    if value.startswith(("{", "[")) or value.startswith("dict("):
        open_at = text.find(value[0] if value[0] in "{[" else "(", value_start)
        return tuple(entries(text, brackets, open_at))
    name = re.fullmatch(r"\$?[A-Za-z_][\w$]*", value)
    if not name:
        return ()
    declared = None
    for m in re.finditer(
        r"(?:\b(?:const|let|var)\s+|^\s*|\$)"
        + re.escape(value.lstrip("$"))
        + r"\s*(?::\s*[\w\[\], ]+)?=\s*([{\[]|dict\()",
        text[:before],
        re.M,
    ):
        declared = m
    if declared is None:
        return ()
    open_at = declared.start(1) + (4 if declared.group(1) == "dict(" else 0)
    return tuple(entries(text, brackets, open_at))


def _signing_calls(
    text: str, brackets: Brackets, pattern: re.Pattern[str]
) -> Iterator[tuple[re.Match[str], int, list[Argument], tuple[Entry, ...]]]:
    """Each call ``pattern`` finds (ending at its parenthesis) outside comments with a payload and a key at
    least: the match, the parenthesis, the arguments and the payload's entries when it is a literal here."""
    for m in pattern.finditer(text):
        if brackets.in_comment(m.start()):
            continue
        open_at = m.end() - 1
        args = call_arguments(text, brackets, open_at)
        if len(args) >= 2:
            yield m, open_at, args, _literal_object(text, brackets, args[0].text, args[0].start, m.start())


def jwt_signings(auth: ServerAuth) -> list[JwtSigning]:
    """The JWTs ``auth``'s file signs, in any of the libraries Qlik's JWT examples and projects use."""
    text = auth.source.text
    brackets = auth.brackets
    found: list[JwtSigning] = []
    for m, open_at, args, claims in _signing_calls(text, brackets, _JSONWEBTOKEN_SIGN):
        options: tuple[Entry, ...] = ()
        known = True
        if len(args) >= 3 and not args[2].text.startswith(("(", "function", "async")):
            options = _literal_object(text, brackets, args[2].text, args[2].start, m.start())
            known = bool(options) and not any(e.key == "..." for e in options)
        algorithm = next((e for e in options if e.key == "algorithm"), None)
        audience = next((e for e in options if e.key == "audience"), None) or next(
            (e for e in claims if e.key == "aud"), None
        )
        found.append(
            JwtSigning(
                auth.source,
                "jsonwebtoken",
                m.start(),
                brackets.pairs.get(open_at, open_at) + 1,
                algorithm.literal if algorithm else None,
                algorithm.value_start if algorithm else m.start(),
                known or algorithm is not None,
                claims,
                options,
                audience,
            )
        )
    for m in _JOSE_SIGN.finditer(text):
        end = text.find(".sign(", m.end())
        end = len(text) if end == -1 else end
        chain = text[m.start() : end]
        header = re.search(r"\.setProtectedHeader\s*\(\s*\{", chain)
        algorithm = None
        at = m.start()
        if header:
            open_at = m.start() + header.end() - 1
            alg = next((e for e in entries(text, brackets, open_at) if e.key == "alg"), None)
            if alg:
                algorithm, at = alg.literal, alg.value_start
        aud = re.search(r"\.setAudience\s*\(\s*(['\"`])([^'\"`\n]*)\1", chain)
        audience = None
        if aud:
            start = m.start() + aud.start(1)
            audience = Entry("aud", start, f"{aud.group(1)}{aud.group(2)}{aud.group(1)}", start)
        found.append(JwtSigning(auth.source, "jose", m.start(), end, algorithm, at, True, (), (), audience))
    for pattern, library in ((_PYJWT_ENCODE, "pyjwt"), (_PHP_ENCODE, "php-jwt")):
        for m, open_at, args, claims in _signing_calls(text, brackets, pattern):
            algorithm_arg = None
            for arg in args[2:]:
                keyword = re.match(r"algorithm\s*=\s*", arg.text)
                if keyword:
                    algorithm_arg = Argument(arg.text[keyword.end() :], arg.start + keyword.end())
                    break
                if arg is args[2] and (library == "php-jwt" or "=" not in arg.text):
                    algorithm_arg = arg
                    break
            literal = None
            if algorithm_arg is not None:
                lit = re.fullmatch(r"""(['"])([^'"\n]*)\1""", algorithm_arg.text)
                literal = lit.group(2) if lit else None
            audience = next((e for e in claims if e.key == "aud"), None)
            found.append(
                JwtSigning(
                    auth.source,
                    library,
                    m.start(),
                    brackets.pairs.get(open_at, open_at) + 1,
                    literal,
                    algorithm_arg.start if algorithm_arg else m.start(),
                    True,  # both libraries sign HS256 when no algorithm is named
                    claims,
                    (),
                    audience,
                )
            )
    if _TYPED_JWT.search(text):
        for m in _TYPED_HMAC.finditer(text):
            if brackets.in_comment(m.start()):
                continue
            name = next(g for g in m.groups() if g)
            at = m.start() + m.group(0).find(name)
            library = "dotnet" if m.group(1) else "java"
            found.append(JwtSigning(auth.source, library, m.start(), m.end(), name, at, True, (), (), None))
    return found


@dataclass(frozen=True)
class ServerSecret:
    """A secret written as a literal in server code: what it is and where its value is."""

    file: SourceFile
    start: int
    end: int
    kind: str  # "a Qlik API key", "an OAuth client secret", "a private key"


# A client secret's name, in every case and language: client_secret, clientSecret, CLIENT_SECRET, ClientSecret.
_CLIENT_SECRET_LITERAL = re.compile(
    r"""(?i)\b['"]?[\w$]*client_?secret['"]?\s*(?:=>|:(?!:)|=(?!=)|,)\s*(?:[fr]?(['"`]))([A-Za-z0-9_~.+/=-]{16,})\1"""
)
# The key itself, not its header line alone (code that tests which kind of PEM text it was given names that).
_PRIVATE_KEY_LITERAL = re.compile(
    r"-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----(?:\\[rn]|\s|['\"`+]|\bn)*[A-Za-z0-9+/]{40,}"
)
_QLIK_ISSUERS = ("qlik.api", "qlikcloud.com")


def is_qlik_api_key(token: str) -> bool:
    """True when ``token`` (a JWT's compact form) is an API key Qlik Cloud issued: its payload names Qlik as issuer
    or audience (``qlik.api/api-keys``, ``qlik.api``)."""
    import base64
    import json

    parts = token.split(".")
    if len(parts) < 2:
        return False
    body = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(body))
    except (ValueError, UnicodeDecodeError):
        return False
    if not isinstance(claims, dict):
        return False
    named = f"{claims.get('iss', '')} {claims.get('aud', '')}"
    # Qlik's own claims: a subject type and the tenant's id, in every key and access token it issues.
    return any(issuer in named for issuer in _QLIK_ISSUERS) or {"subType", "tenantId"} <= claims.keys()


def server_secrets(source: SourceFile, jwt_pattern: re.Pattern[str]) -> list[ServerSecret]:
    """The Qlik API keys, OAuth client secrets and private keys written as literals in a server code file."""
    text = source.text
    found: list[ServerSecret] = []
    if "eyJ" in text:
        for m in jwt_pattern.finditer(text):
            if is_qlik_api_key(m.group()):
                found.append(ServerSecret(source, m.start(), m.end(), "a Qlik API key"))
    if re.search(r"(?i)client_?secret", text):
        for m in _CLIENT_SECRET_LITERAL.finditer(text):
            found.append(ServerSecret(source, m.start(2), m.end(2), "an OAuth client secret"))
    if "PRIVATE KEY-----" in text:
        for m in _PRIVATE_KEY_LITERAL.finditer(text):
            found.append(ServerSecret(source, m.start(), m.end(), "a private key"))
    return found


def top_level_pieces(text: str, brackets: Brackets, open_at: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans between the top-level commas of the literal opening at ``open_at``."""
    close = brackets.pairs.get(open_at)
    if close is None:
        return []
    spans = []
    start = open_at + 1
    for end in [*_top_level_commas(text, brackets, open_at, close), close]:
        if text[start:end].strip():
            spans.append((start, end))
        start = end + 1
    return spans


QLIK_JWT_AUDIENCE = "qlik.api/login/jwt-session"
_ANY_SIGNING = re.compile(r"\.\s*sign\s*\(|\bnew\s+SignJWT\b|\bjwt\s*\.\s*encode\s*\(|JWT\s*::\s*encode\s*\(")


def qlik_jwt_signings(text: str) -> list[int]:
    """Offsets where ``text`` signs a JWT for Qlik's JWT sign-in (a file that writes Qlik's audience)."""
    if QLIK_JWT_AUDIENCE not in text:
        return []
    return [m.start() for m in _ANY_SIGNING.finditer(text)]
