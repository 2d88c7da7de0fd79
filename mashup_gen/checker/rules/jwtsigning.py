"""The JWTs server code signs for Qlik Cloud's JWT sign-in (POST <tenant>/login/jwt-session): the tenant checks
each one against its JWT identity provider and refuses, with 400 or 401 and no session, a JWT signed with a
shared secret (HS256: Qlik takes RS256/ES384-style keys only), one whose audience is not
'qlik.api/login/jwt-session', or one without the not-before claim (nbf, "Missing required claim: nbf").
jsonwebtoken itself throws when a claim is written twice (in the payload and as its option), and reads a
number written as a string ('300') as milliseconds, so the JWT has expired when it is made."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.serverauth import (
    QLIK_JWT_AUDIENCE,
    Brackets,
    JwtSigning,
    ServerAuth,
    call_arguments,
    jwt_signings,
)
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.hints import Quick
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place
from mashup_gen.checker.scan import SourceFile
from mashup_gen.source.roles import is_other_language_test, is_test_code

JWT_ALGORITHM = Rule(
    "jwt-algorithm",
    Severity.ERROR,
    "A JWT for Qlik Cloud's JWT sign-in is signed with a shared secret (HS256, HMAC; jsonwebtoken and PyJWT "
    "sign HS256 when no algorithm is named): Qlik's JWT identity provider checks a public key's signature "
    "(RS256, ES384) and refuses it, so nobody is signed in.",
    "Sign with the private key whose certificate the JWT identity provider holds and name the algorithm: "
    "jwt.sign(claims, privateKey, { algorithm: 'RS256', keyid: '<key id>', ... }) (PyJWT: algorithm='RS256', "
    "headers={'kid': ...}).",
)
JWT_AUDIENCE = Rule(
    "jwt-audience",
    Severity.ERROR,
    "A JWT for Qlik Cloud's JWT sign-in has another audience than 'qlik.api/login/jwt-session': the tenant "
    "refuses it at /login/jwt-session.",
    "Set the audience (aud) to exactly 'qlik.api/login/jwt-session'.",
)
JWT_CLAIM_MISSING = Rule(
    "jwt-claim-missing",
    Severity.ERROR,
    "A JWT for Qlik Cloud's JWT sign-in has no not-before claim (nbf): the tenant refuses it (JWT_LOGIN_VALIDATIONS "
    "'Missing required claim: nbf'), so nobody is signed in.",
    "Add nbf: jsonwebtoken's notBefore option (notBefore: '-30s' or 0), jose's setNotBefore(), or an nbf claim "
    "(seconds since the epoch) in the payload.",
)
JWT_OPTIONS = Rule(
    "jwt-options-conflict",
    Severity.ERROR,
    "jsonwebtoken's sign is given a claim twice (exp in the payload and the expiresIn option, aud and audience, "
    "...), which makes it throw, or a time as a string of digits ('300'), which it reads as milliseconds: no JWT, "
    "or one that has expired when it is made.",
    "Write each claim once (the option, or the payload's claim) and times as numbers of seconds (expiresIn: 300) "
    "or with a unit ('5m').",
)
JWT_NO_KEY_ID = Rule(
    "jwt-no-key-id",
    Severity.WARNING,
    "A JWT for Qlik Cloud's JWT sign-in names no key id (kid) in its header: Qlik's examples always send the key id "
    "of the JWT identity provider, which it uses to find the certificate that checks the signature.",
    "Name it: jsonwebtoken's keyid option, jose's setProtectedHeader({ alg, kid }), PyJWT's headers={'kid': ...}, "
    "php-jwt's fourth argument.",
)
RULES = (JWT_ALGORITHM, JWT_AUDIENCE, JWT_CLAIM_MISSING, JWT_OPTIONS, JWT_NO_KEY_ID)

_AUDIENCE = "qlik.api/login/jwt-session"
_SIGNS = re.compile(
    r"\.\s*sign\s*\(|SignJWT|\bjwt\s*\.\s*encode\s*\(|JWT\s*::\s*encode|JwtSecurityToken|\bJwts\b|JWT\.create"
)
# _SIGNS, answered faster (it starts with '.' and '\b', so re tried it at every position of every file): a
# `.sign(` is found from its literal "sign" and the dot looked for before it, the rest from their literal runs.
_SIGN_CALL = re.compile(r"sign\s*\(")
_SIGNS_OTHER = Quick(
    re.compile(r"SignJWT|\bjwt\s*\.\s*encode\s*\(|JWT\s*::\s*encode|JwtSecurityToken|\bJwts\b|JWT\.create")
)


def signs(text: str) -> bool:
    """True when ``text`` holds a JWT signing call: where ``_SIGNS`` matches."""
    for found in _SIGN_CALL.finditer(text):
        before = found.start() - 1
        while before >= 0 and text[before].isspace():  # what re's \s is, on str
            before -= 1
        if before >= 0 and text[before] == ".":
            return True
    return _SIGNS_OTHER.search(text) is not None


# Spellings of the not-before claim in every library: nbf, notBefore, setNotBefore, NotBefore, not_before.
_NOT_BEFORE = re.compile(r"(?i)\bnbf\b|not_?before|notbefore")
# jsonwebtoken's options and the claim each one writes: giving both makes sign throw.
_OPTION_CLAIMS = {
    "expiresIn": "exp",
    "notBefore": "nbf",
    "audience": "aud",
    "issuer": "iss",
    "subject": "sub",
    "jwtid": "jti",
}


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Errors at each JWT a Qlik JWT sign-in cannot take, and a warning where it names no key id."""
    yield from _session_requests(project)
    files = _code_files(project)
    project_signs_in = any("login/jwt-session" in source.text for source in files)
    for source in files:
        text = source.text
        relative = project.relative(source.path)
        if is_test_code(relative) or is_other_language_test(relative) or not signs(text):
            continue
        if _USER_DIRECTORY.search(text):
            yield from _client_managed_claims(source)
        # Qlik's own claims (its audience, subType) written in this file: the JWT is for Qlik.
        for_qlik = (
            _AUDIENCE in text
            or bool(re.search(r"\bsubType\b", text))
            or any("qlik" in m.group(2).lower() for m in _AUDIENCE_WRITTEN.finditer(text))
        )
        if not (for_qlik or project_signs_in):
            continue
        yield from _audiences(source)
        if for_qlik:
            signings = jwt_signings(ServerAuth(source))
            for signing in signings:
                if _signs_for_qlik(signing, alone=len(signings) == 1):
                    yield from _judge(signing)


def _code_files(project: Project) -> list[SourceFile]:
    seen: dict[int, SourceFile] = {}
    for source in [unit.file for unit in project.units] + [page.file for page in project.pages] + project.other_code:
        seen.setdefault(id(source), source)
    return list(seen.values())


# The audience as every library writes it: aud: '...', "aud" => '...', audience: "...", setAudience("..."),
# withAudience("..."), new Claim("aud", "...").
_AUDIENCE_WRITTEN = re.compile(
    r"""(?:\b(?:aud|audience)\b['"]?\s*(?:=>|:(?!:)|=(?!=)|,)|\b(?:set|with)Audience\s*\()\s*(['"`])([^'"`\n]*)\1"""
)


def _audiences(source: SourceFile) -> Iterator[Finding]:
    """An error at each audience a file that signs JWTs writes that names Qlik but is not Qlik's JWT audience (a
    JWT of the application's own, with its own audience, is not judged)."""
    for m in _AUDIENCE_WRITTEN.finditer(source.text):
        audience = m.group(2)
        if audience == _AUDIENCE or "qlik" not in audience.lower():
            continue
        line_start = source.text.rfind("\n", 0, m.start()) + 1
        if re.match(r"\s*(?://|#|\*|/\*)", source.text[line_start : m.start()] + " "):
            continue
        place = Place(source, m.start(2), m.end(2))
        yield at_place(JWT_AUDIENCE, place, f"the JWT's audience is {audience!r}, not {_AUDIENCE!r}")


def _signs_for_qlik(signing: JwtSigning, alone: bool) -> bool:
    """True when this signing makes the file's Qlik JWT: its claims or options say so (Qlik's subType, an audience
    naming Qlik), or it is the file's one signing. A file may also sign the application's own session tokens."""
    audience = signing.audience.literal if signing.audience else None
    if any(entry.key == "subType" for entry in signing.claims) or (audience and "qlik" in audience.lower()):
        return True
    return alone


def _judge(signing: JwtSigning) -> Iterator[Finding]:
    source = signing.file
    algorithm = signing.algorithm
    if algorithm is None and signing.algorithm_known and signing.library in ("jsonwebtoken", "pyjwt", "php-jwt"):
        yield at_place(
            JWT_ALGORITHM,
            Place(source, signing.start, signing.end),
            f"this JWT names no algorithm, so {signing.library} signs it HS256 with a shared secret",
        )
    elif algorithm is not None and re.match(r"(?i)hs\d|hmac", algorithm):
        yield at_place(
            JWT_ALGORITHM,
            Place(source, signing.algorithm_at, signing.algorithm_at + len(algorithm)),
            f"this JWT is signed {algorithm}, with a shared secret: Qlik checks a public key's signature",
        )
    if signing.library == "jsonwebtoken":
        yield from _options(signing)
    yield from _claims(signing)
    if signing.library != "dotnet" and _AUDIENCE in source.text and not _NOT_BEFORE.search(source.text):
        yield at_place(
            JWT_CLAIM_MISSING,
            Place(source, signing.start, signing.end),
            "this JWT for Qlik has no nbf claim (notBefore): the tenant refuses it",
        )
    if not _names_key_id(signing):
        yield at_place(
            JWT_NO_KEY_ID,
            Place(source, signing.start, signing.end),
            "this JWT for Qlik names no key id (kid) in its header",
        )


def _options(signing: JwtSigning) -> Iterator[Finding]:
    claims = {entry.key for entry in signing.claims}
    for entry in signing.options:
        claim = _OPTION_CLAIMS.get(entry.key)
        place = Place(signing.file, entry.key_start, entry.value_start + len(entry.value))
        if claim and claim in claims:
            yield at_place(
                JWT_OPTIONS,
                place,
                f"the payload already has {claim!r} and the options give {entry.key}: jsonwebtoken throws "
                f'(\'Bad "options.{entry.key}" option the payload already has an "{claim}" property\')',
            )
        elif entry.key in ("expiresIn", "notBefore") and re.fullmatch(r"""(['"`])-?\d+\1""", entry.value):
            yield at_place(
                JWT_OPTIONS,
                place,
                f"{entry.key}: {entry.value} is a string of digits, which jsonwebtoken reads as milliseconds",
            )


def _names_key_id(signing: JwtSigning) -> bool:
    text = signing.file.text
    if signing.library == "jsonwebtoken":
        if not signing.options or any(e.key == "..." for e in signing.options):
            return True  # options from elsewhere: not known here
        return any(e.key in ("keyid", "header") for e in signing.options)
    if signing.library == "jose":
        return bool(re.search(r"\bkid\b", text[signing.start : signing.end]))
    if signing.library == "pyjwt":
        call = text[signing.start : signing.end]
        return "headers" in call or "kid" in call
    if signing.library == "php-jwt":
        call = text[signing.start : signing.end]
        return call.count(",") >= 3
    if signing.library == "java":
        return bool(re.search(r"\bkid\b|keyId", text))
    return True  # .NET: the key id rides on the key object (KeyId), set where the key is made


JWT_SESSION_REQUEST = Rule(
    "jwt-session-request",
    Severity.ERROR,
    "The request that trades a JWT for Qlik's session is not the one the tenant answers: not a POST (fetch sends "
    "GET when no method is given), to another path than <tenant>/login/jwt-session, or with the JWT in the body "
    "or the address instead of the Authorization header: the tenant answers 4xx and sets no session cookie; or a "
    "browser's cross-origin fetch without credentials: 'include', which drops the cookie the tenant answers with.",
    "POST <tenant>/login/jwt-session with the header Authorization: Bearer <jwt> (and, from a browser, "
    "credentials: 'include' and the qlik-web-integration-id header).",
)
JWT_CLAIMS = Rule(
    "jwt-claims-incomplete",
    Severity.WARNING,
    "A JWT for Qlik Cloud's JWT sign-in lacks a claim Qlik lists as required (sub, iss, aud, exp, jti; iat where "
    "the library does not add it), or writes subType (Qlik's one value is 'user') or email_verified (a boolean) "
    "in another form: the tenant may refuse it.",
    "Write every claim of Qlik's JWT format: jti, sub, subType: 'user', name, email, email_verified: true, with "
    "the issuer, audience 'qlik.api/login/jwt-session', expiry and not-before as options or claims.",
)
JWT_CLIENT_MANAGED = Rule(
    "jwt-client-managed-claims",
    Severity.ERROR,
    "A JWT carries the user the way a client-managed Qlik Sense virtual proxy reads it (userId and userDirectory) "
    "and none of Qlik Cloud's subject claims (sub, subType): Qlik Cloud's JWT identity provider refuses it.",
    "Sign Qlik Cloud's JWT format: sub (the user's stable id), subType: 'user', name, email, email_verified, with "
    "issuer, audience 'qlik.api/login/jwt-session', jti, expiry, not-before and the key id of the identity "
    "provider's key; POST it to <tenant>/login/jwt-session, or sign users in with OAuth impersonation.",
)
RULES = (*RULES, JWT_SESSION_REQUEST, JWT_CLAIMS, JWT_CLIENT_MANAGED)
_USER_DIRECTORY = re.compile(r"(?i)user_?directory")


def _client_managed_claims(source: SourceFile) -> Iterator[Finding]:
    """An error at each JWT whose payload, written here, names the user by a virtual proxy's userDirectory (and
    userId) with no sub or subType: a client-managed JWT, whatever server it is sent to."""
    for signing in jwt_signings(ServerAuth(source)):
        keys = {entry.key.lower().replace("_", ""): entry for entry in signing.claims}
        entry = keys.get("userdirectory")
        if entry is None or {"sub", "subtype"} & keys.keys():
            continue
        yield at_place(
            JWT_CLIENT_MANAGED,
            Place(source, entry.key_start, entry.key_start + len(entry.key)),
            "this JWT names its user by userDirectory and userId, a client-managed virtual proxy's claims, and has "
            "no sub or subType",
        )


# The claims without which Qlik has no user, no issuer to check, no lifetime or no id for the JWT. (Its docs list
# subType, name, email and email_verified too, but tenants are seen to take JWTs without them.)
_REQUIRED = ("sub", "iss", "aud", "exp", "jti")
# jsonwebtoken's options and the claims they write; it writes iat itself.
_OPTION_CLAIM = {**_OPTION_CLAIMS, "keyid": "", "algorithm": ""}

_SESSION_URL = re.compile(r"""(['"`])((?:(?!\1)[^\n])*/login/jwt-session(?:(?!\1)[^\n])*)\1""")
# The callee before a call's parenthesis: fetch, axios.post, requests.get, $.ajax, got.post, http.request.
_CALLEE = re.compile(r"([A-Za-z_$][\w$.]*)\s*$")
_GET_CALLEES = re.compile(r"(?:^|\.)get$")
_POST_CALLEES = re.compile(r"(?:^|\.)(?:post|ajax|request|fetch|axios|got|ofetch|\$fetch|send|PostAsync)$", re.I)


def _session_requests(project: Project) -> Iterator[Finding]:
    """An error at each request to /login/jwt-session the tenant does not answer with a session."""
    browser = {id(unit.file) for unit in project.units if unit.in_browser}
    for source in _code_files(project):
        text = source.text
        if "login/jwt-session" not in text or is_test_code(project.relative(source.path)):
            continue
        brackets = None
        for m in _SESSION_URL.finditer(text):
            url = m.group(2)
            if QLIK_JWT_AUDIENCE in url and "://" not in url and "/" not in url.replace(QLIK_JWT_AUDIENCE, ""):
                continue  # the audience claim, not an address
            brackets = brackets or Brackets(text, hash_comments=source.path.suffix.lower() in (".py", ".rb"))
            if brackets.in_comment(m.start()):
                continue
            place = Place(source, m.start(2), m.end(2))
            path = re.sub(r"^(?:[a-z]+:)?//[^/]*", "", re.sub(r"\$\{[^}]*\}|\{[^}]*\}", "", url))
            if re.search(r"/api/v\d+/login/jwt-session|/jwt-session/|/login/jwt-sessions", path):
                yield at_place(JWT_SESSION_REQUEST, place, f"{url[:60]!r} is not the tenant's /login/jwt-session")
                continue
            open_at = brackets.enclosing(m.start())
            if open_at is None or text[open_at] != "(":
                continue
            callee = _CALLEE.search(text[max(0, open_at - 60) : open_at])
            name = callee.group(1) if callee else ""
            call = text[open_at : brackets.pairs[open_at] + 1]
            arguments = call_arguments(text, brackets, open_at)
            if len(arguments) > 1 and not arguments[-1].text.startswith("{"):
                continue  # the options come from a variable: what they hold is not read here
            if _GET_CALLEES.search(name):
                yield at_place(JWT_SESSION_REQUEST, place, f"{name} sends a GET: the tenant takes the JWT by POST")
            elif name == "fetch" and not re.search(r"""(?i)method\s*:\s*['"`]POST""", call):
                if not re.search(r"\bmethod\s*:", call):
                    yield at_place(
                        JWT_SESSION_REQUEST,
                        place,
                        "fetch without a method sends a GET: the tenant takes the JWT by POST",
                    )
                elif method := re.search(r"""(?i)method\s*:\s*['"`](?:GET|PUT|PATCH)""", call):
                    at = Place(source, open_at + method.start(), open_at + method.end())
                    yield at_place(JWT_SESSION_REQUEST, at, "the JWT is sent by another method than POST")
            elif _POST_CALLEES.search(name) and not re.search(r"(?i)authorization|Bearer", call):
                rest = text[m.end() : brackets.pairs[open_at]]  # what the call sends, after the address
                if carried := re.search(r"(?i)\b(?:body|data|json)\b\s*[:=]|jwt|token", rest):
                    if re.match(r"(?i)body|data|json", carried.group(0)):
                        place = Place(source, m.end() + carried.start(), m.end() + carried.end())
                    yield at_place(
                        JWT_SESSION_REQUEST,
                        place,
                        "the JWT goes in the body or the address: the tenant reads it from Authorization: Bearer",
                    )
            if (
                name == "fetch"
                and id(source) in browser
                and re.search(r"""(?i)method\s*:\s*['"`]POST""", call)
                and "credentials" not in call
                and _cross_origin(url, text[open_at + 1 : m.start()])
            ):
                yield at_place(
                    JWT_SESSION_REQUEST,
                    place,
                    "the browser posts the JWT without credentials: 'include', so it drops the session cookie the "
                    "tenant answers with",
                    "Add credentials: 'include' (and mode: 'cors') to this fetch: a cross-origin request keeps the "
                    "answer's cookies only when it asks for credentials.",
                )


def _cross_origin(url: str, before: str) -> bool:
    """True when a fetch's address is the tenant's, not the page's own origin: written with a scheme, or built on
    a host (```https://${host}/login/...```, ``'https://' + host + '/login/...'``)."""
    return "://" in url or url.startswith("${") or "://" in before or "+" in before


def _claims(signing: JwtSigning) -> Iterator[Finding]:
    """A warning when the JWT's claims, all written here, lack one of Qlik's or write subType or email_verified in
    another form."""
    claims = {entry.key: entry for entry in signing.claims}
    if not claims or "..." in claims or signing.library not in ("jsonwebtoken", "pyjwt", "php-jwt"):
        return
    if signing.library == "jsonwebtoken" and (not signing.options or any(e.key == "..." for e in signing.options)):
        return  # options from elsewhere may write claims
    written = set(claims) | {_OPTION_CLAIMS[e.key] for e in signing.options if e.key in _OPTION_CLAIMS}
    required = _REQUIRED + (("iat",) if signing.library != "jsonwebtoken" else ())
    missing = [claim for claim in required if claim not in written]
    first = signing.claims[0]
    if missing:
        yield at_place(
            JWT_CLAIMS,
            Place(signing.file, first.key_start, first.key_start + len(first.key)),
            f"this Qlik JWT has no {', '.join(missing)}",
        )
    sub_type = claims.get("subType")
    if sub_type is not None and sub_type.literal is not None and sub_type.literal != "user":
        place = Place(signing.file, sub_type.value_start, sub_type.value_start + len(sub_type.value))
        yield at_place(JWT_CLAIMS, place, f"subType is {sub_type.literal!r}: Qlik's one subject type is 'user'")
    verified = claims.get("email_verified")
    if verified is not None and verified.literal is not None:
        place = Place(signing.file, verified.value_start, verified.value_start + len(verified.value))
        yield at_place(JWT_CLAIMS, place, f"email_verified is the string {verified.value}: Qlik reads a boolean")
