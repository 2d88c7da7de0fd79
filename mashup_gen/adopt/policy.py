"""Widening a page's Content-Security-Policy so that it lets the tenant in where the page needs it."""

from __future__ import annotations

from mashup_gen.checker.facts import blocked, parse_policy
from mashup_gen.tenant import Tenant


def widen_policy(content: str, tenant: Tenant, needs: tuple[tuple[str, str], ...]) -> str:
    """``content`` with the tenant's origin added to each directive that blocks it."""
    policy = parse_policy(content)
    order = list(policy)
    https = tenant.base_url
    wss = ("wss://" if tenant.is_secure else "ws://") + tenant.base_url.split("://", 1)[1]
    for directive, scheme in needs:
        source = wss if scheme == "wss" else https
        if not blocked(_join(policy, order), tenant, ((directive, scheme),)):
            continue
        if directive not in policy:
            inherited = [s for s in policy.get("default-src", []) if s.lower() != "'none'"]
            policy[directive] = inherited
            order.append(directive)
        policy[directive] = [s for s in policy[directive] if s.lower() != "'none'"] + [source]
    return _join(policy, order)


def _join(policy: dict[str, list[str]], order: list[str]) -> str:
    return "; ".join(" ".join([name, *policy[name]]) for name in order)
