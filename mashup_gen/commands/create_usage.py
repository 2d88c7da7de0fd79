"""The usage checks ``new``'s two creating options share (``--create-web-integration``, ``--create-oauth-client``).

Each creates a tenant entity and answers its id, so the name must be acceptable, the id must not be given too,
and the template must use that id at all; every failure is a usage error (exit 2) before the tenant is asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Creation:
    """What one creating option makes: its option, the entity's noun, the answer it fills, and how to say
    that the id is given twice or that the template has no use for it."""

    option: str  # "--create-oauth-client"
    noun: str  # "OAuth client"
    id_key: str  # the answer the created id fills: "client_id"
    id_given_as: str  # how the user could also have given that id: "--client-id"
    unused: str  # what the template does not do, after "template 'x' ": "does not sign in with an OAuth client"


def check_usage(creation: Creation, name: str, answers: dict[str, Any], asked: list[str], template: str) -> None:
    """Raise a usage error (:class:`InvalidValue` or :class:`UsageProblem`) when ``creation`` cannot be used."""
    from mashup_gen.errors import InvalidValue, UsageProblem
    from mashup_gen.online.create import check_name

    try:
        check_name(name)
    except ValueError as exc:
        # check_name speaks of web integrations; the same rule holds for an OAuth client's name.
        expected = str(exc).replace("web integration", creation.noun)
        raise InvalidValue(name, expected, option=creation.option) from None
    if creation.id_key in answers:
        raise UsageProblem(
            f"{creation.option} creates the {creation.noun} and uses its id: do not also give {creation.id_given_as}"
        )
    if creation.id_key not in asked:
        raise UsageProblem(f"template {template!r} {creation.unused}")
