"""Where the Qlik Cloud API key comes from, and the object that keeps it from being shown.

In order: ``--context NAME`` (a context of qlik-cli's ``contexts.yml``, which also names the tenant the key
belongs to), the ``QLIK_API_KEY`` environment variable, a hidden prompt on a terminal. The key is never
printed, logged or written anywhere; :class:`ApiKey` hides it from ``repr``, ``str`` and formatting, and
every message here names where a key came from, never the key.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from mashup_gen.errors import InvalidValue
from mashup_gen.tenant import Tenant

ENV_VAR = "QLIK_API_KEY"
CLI_HOME_VAR = "QLIK_CLI_USER_HOME_DIR"
CONTEXTS_FILE = "contexts.yml"
# A key travels in an HTTP header: printable ASCII without spaces (Qlik's are JWTs).
_KEY = re.compile(r"^[\x21-\x7e]{8,16384}$")


class KeyUnavailable(Exception):
    """No usable API key; the message says where one was looked for (never the key itself)."""


class ApiKey:
    """A Qlik Cloud API key. ``reveal()`` is the one way to read it; it is used only for the header."""

    __slots__ = ("_secret", "source", "tenant")

    def __init__(self, secret: str, source: str, tenant: Tenant | None = None) -> None:
        self._secret = secret
        self.source = source  # e.g. "QLIK_API_KEY", "context 'prod' of ~/.qlik/contexts.yml"
        self.tenant = tenant  # the only tenant the key may be sent to, when its source says so

    def reveal(self) -> str:
        """The key itself, for the ``Authorization`` header only."""
        return self._secret

    def __repr__(self) -> str:
        return f"ApiKey(<hidden>, from {self.source})"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("an API key cannot be pickled")


def _checked(secret: str, source: str, tenant: Tenant | None = None) -> ApiKey:
    secret = secret.strip()
    if not _KEY.match(secret):
        raise KeyUnavailable(
            f"the API key from {source} is not one: expected a Qlik Cloud API key (printable characters, no "
            "spaces); create one under Profile settings > API keys"
        )
    return ApiKey(secret, source, tenant)


def contexts_path(env: Mapping[str, str]) -> Path:
    """qlik-cli's contexts file: under ``QLIK_CLI_USER_HOME_DIR`` when set, else ``~/.qlik/contexts.yml``.

    qlik-cli documents the variable as naming the place of the file; a folder holding ``contexts.yml`` (or
    ``.qlik/contexts.yml``) and the file itself are both accepted.
    """
    override = env.get(CLI_HOME_VAR)
    if override:
        path = Path(override).expanduser()
        if path.is_dir():
            direct = path / CONTEXTS_FILE
            return direct if direct.is_file() else path / ".qlik" / CONTEXTS_FILE
        return path
    home = env.get("HOME") or str(Path.home())
    return Path(home) / ".qlik" / CONTEXTS_FILE


def from_context(name: str, env: Mapping[str, str]) -> ApiKey:
    """The key and tenant of qlik-cli context ``name`` (``server`` and ``headers: Authorization: Bearer``)."""
    import yaml

    path = contexts_path(env)
    source = f"context {name!r} of {path}"
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyUnavailable(f"--context {name}: {path} does not exist (create it with `qlik context init`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyUnavailable(f"--context {name}: cannot read {path}: {exc.__class__.__name__}") from None
    except yaml.YAMLError:
        # The parser's message quotes the offending line, which may hold a key: say only where.
        raise KeyUnavailable(f"--context {name}: {path} is not valid YAML") from None
    contexts = document.get("contexts") if isinstance(document, dict) else None
    if not isinstance(contexts, dict) or name not in contexts:
        known = ", ".join(sorted(str(k) for k in contexts)) if isinstance(contexts, dict) else ""
        raise KeyUnavailable(f"--context {name}: no such context in {path}" + (f" (it has: {known})" if known else ""))
    context = contexts[name] if isinstance(contexts[name], dict) else {}
    server = context.get("server")
    try:
        tenant = Tenant.parse(str(server)) if server else None
    except InvalidValue as exc:
        raise KeyUnavailable(f"--context {name}: its server {server!r} is not a tenant: {exc.expected}") from None
    if tenant is None:
        raise KeyUnavailable(f"--context {name}: it has no server in {path}")
    headers = context.get("headers") if isinstance(context.get("headers"), dict) else {}
    authorization = next((str(v) for k, v in headers.items() if str(k).lower() == "authorization"), "")
    scheme, _, secret = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise KeyUnavailable(
            f"--context {name}: it has no API key (headers: Authorization: Bearer <key>) in {path}; "
            "OAuth contexts are not supported"
        )
    return _checked(secret, source, tenant)


def find_key(
    context: str | None,
    env: Mapping[str, str] | None = None,
    prompt: Callable[[], str] | None = None,
) -> ApiKey:
    """The API key to use: ``--context``, else ``QLIK_API_KEY``, else ``prompt`` (given only on a terminal)."""
    env = os.environ if env is None else env
    if context is not None:
        return from_context(context, env)
    value = env.get(ENV_VAR)
    if value:
        return _checked(value, ENV_VAR)
    if prompt is not None:
        return _checked(prompt(), "the prompt")
    raise KeyUnavailable(
        f"an API key is needed: set {ENV_VAR}, pass --context NAME (a qlik-cli context), "
        "or run on a terminal to be asked for it"
    )
