"""Qlik wrapper libraries a framework app connects through: what their connection calls do with the config
object they are handed, as their published code does it.

- qdt-components 3 (``qdtEnigma(config)``, ``qdtCapabilityApp(config)``): ``qdtEnigma`` builds the engine
  socket with enigma.js's ``SenseUtilities.buildUrl(config)``, which reads ``urlParams`` and never
  ``webIntegrationId``; only with both ``webIntegrationId`` and ``token`` (a JWT) does it trade the token at
  ``/login/jwt-session`` and write the Qlik Cloud URL itself. ``qdtCapabilityApp`` loads RequireJS from the
  host and hands ``webIntegrationId`` to ``require.config``.
- qdt-components 1 and 2 (``new QdtComponents(config, {vizApi, engineApi})``): the engine socket the same way
  (``buildUrl``, both on unless switched off), and a ``require.config`` without ``webIntegrationId`` at all.
- Motor (``@motor-js/engine``, ``<Motor config={...}>``): takes its Qlik Cloud path (CSRF token, the
  ``qlik-web-integration-id`` header and socket parameter, its login box) only with ``qcs: true`` or
  ``qsServerType: 'cloud'``, and reads the id as ``webIntId``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mashup_gen.checker.facts.capability import assigned_keys
from mashup_gen.checker.facts.model import ConfigObject, EngineUrl, Place
from mashup_gen.checker.facts.patterns import CSRF_HEADER, HEADER
from mashup_gen.checker.js import IDENT
from mashup_gen.checker.project import Unit

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts

# imported from the package, or taken from its browser build's global (const { qdtEnigma } = window.QdtComponents)
_QDT = re.compile(r"""["']qdt-components["']|\bwindow\s*\.\s*QdtComponents\b""")
_MOTOR = re.compile(r"""["']@motor-js/engine["']""")
# <Motor config={name}> or <Motor config={{ ... }}>: the object Motor connects with
_MOTOR_ELEMENT = re.compile(r"<Motor\b[^>]*?\bconfig\s*=\s*\{\s*(\{|[A-Za-z_$][\w$.]*\s*\})")


@dataclass(frozen=True)
class WrapperCall:
    """A call handing a wrapper library its connection config."""

    unit: Unit
    callee: int  # the token of the called name
    paren: int  # its "("
    name: str  # qdtEnigma, qdtCapabilityApp, QdtComponents
    config: ConfigObject | None  # the object literal handed over, when it is found
    engine: bool  # the call opens an engine socket with enigma.js's buildUrl(config)
    capability: bool  # the call loads the capability API from the config's host
    legacy: bool  # qdt-components 1 or 2: its require.config never carries the web integration id


def qdt_calls(facts: Facts) -> list[WrapperCall]:
    """The connection calls of qdt-components in browser code that imports it, each with its config object."""
    found: list[WrapperCall] = []
    for unit in facts.project.units:
        script = unit.script
        if not unit.in_browser or ("dtComponents" not in script.code and "qdt-" not in script.code):
            continue
        if not _QDT.search(script.code):
            continue
        for callee, paren in script.find_calls(frozenset({"qdtEnigma", "qdtCapabilityApp", "QdtComponents"})):
            name = script.text(callee)
            if script.is_punct(callee - 1, "."):
                continue  # a method of the project's own object, not the package's export
            if name == "QdtComponents" and not script.is_ident(callee - 1, "new"):
                continue
            args = script.call_arguments(paren)
            if not args:
                continue
            config = resolve_object(facts, unit, *args[0])
            engine, capability = name == "qdtEnigma", name == "qdtCapabilityApp"
            if name == "QdtComponents":
                # connections = { vizApi: true, engineApi: true } by default; a literal false switches one off
                switches = script.object_at(args[1][0]) if len(args) > 1 else None
                engine = switches is None or _switched_on(unit, switches, "engineApi")
                capability = switches is None or _switched_on(unit, switches, "vizApi")
            found.append(WrapperCall(unit, callee, paren, name, config, engine, capability, name == "QdtComponents"))
    return found


def _switched_on(unit: Unit, switches: object, key: str) -> bool:
    prop = switches.get(key)  # type: ignore[attr-defined]
    if prop is None:
        return False  # a connections object without the key: the constructor's default is not merged in
    return unit.script.literal(prop.value_start, prop.value_end) not in (False, 0, None, "")


def resolve_object(facts: Facts, unit: Unit, start: int, end: int) -> ConfigObject | None:
    """The object literal an argument is: written inline, a name declared as one (in this module or the one
    it is imported from), or one property of such an object (``environment.qlik``)."""
    script = unit.script
    if script.is_punct(start, "{"):
        obj = script.object_at(start)
        return ConfigObject(unit, obj) if obj is not None else None
    names = [script.text(i) for i in range(start, end) if not script.is_punct(i, ".")]
    dotted = all(script.is_ident(i) if (i - start) % 2 == 0 else script.is_punct(i, ".") for i in range(start, end))
    if not names or not dotted or end - start > 3:
        return None
    if names[0] not in script.declarations and not re.search(
        rf"\bimport\b[^;]*?\b{re.escape(names[0])}\b[^;]*?\bfrom\b", script.code
    ):
        return None  # a parameter or a global: which object it is is not known here
    declared = facts.declaration_of(unit, names[0])
    if declared is None:
        return None
    owner, (opener, _close) = declared
    obj = owner.script.object_at(opener)
    if obj is not None and len(names) == 2:
        prop = obj.get(names[1])
        obj = owner.script.object_at(prop.value_start) if prop is not None else None
        return ConfigObject(owner, obj) if obj is not None else None
    if obj is None:
        return None
    return ConfigObject(owner, obj, assigned_keys(facts, names[0]))


def motor_configs(facts: Facts) -> list[ConfigObject]:
    """The config objects Motor connects with: handed to ``<Motor config={...}>`` in browser code that imports
    @motor-js/engine, or any connection config there with one of Motor's own keys (``qcs``, ``webIntId``,
    ``qsServerType``)."""
    units = [u for u in facts.project.units if u.in_browser and "motor" in u.script.code]
    if not any(_MOTOR.search(u.script.code) for u in units):
        return []
    found: dict[tuple[int, int], ConfigObject] = {}
    for unit in units:
        script = unit.script
        for match in _MOTOR_ELEMENT.finditer(script.code):
            index = next((i for i, token in enumerate(script.tokens) if token.start >= match.start(1)), None)
            if index is None:
                continue
            if script.is_punct(index, "{"):
                config = resolve_object(facts, unit, index, index + 1)
            else:
                closer = next(
                    (i for i in range(index, min(index + 8, len(script.tokens))) if script.is_punct(i, "}")), index
                )
                config = resolve_object(facts, unit, index, closer)
            if config is not None:
                found.setdefault((id(config.unit), config.obj.open), config)
    for config in (*facts.connection_configs, *facts.configs):
        keys = {p.key for p in config.obj.properties}
        if keys & {"qcs", "webIntId", "qsServerType"} and config.unit.in_browser:
            found.setdefault((id(config.unit), config.obj.open), config)
    return list(found.values())


def has_key_like(config: ConfigObject, pattern: str) -> bool:
    """True when one of the config's keys, squashed (no ``-``/``_``, lower case), contains ``pattern``."""
    keys = {p.key for p in config.obj.properties} | set(config.later)
    return any(has_key_like_name(key, pattern) for key in keys)


def has_key_like_name(key: str, pattern: str) -> bool:
    """True when ``key``, squashed (no ``-``/``_``, lower case), contains ``pattern``."""
    return pattern in re.sub(r"[-_]", "", key.lower())


def names_in(config: ConfigObject) -> set[str]:
    """The identifiers and strings inside the config's literal, for what a nested object (urlParams) names."""
    script = config.unit.script
    return {
        (script.text(i) if script.tokens[i].kind == IDENT else script.string_value(i) or "").lower()
        for i in range(config.obj.open, config.obj.close)
    }


def qdt_engine_urls(facts: Facts) -> list[EngineUrl]:
    """The engine sockets qdt-components opens with enigma.js's ``buildUrl(config)``: the URL carries the web
    integration id and the CSRF token only if the config's ``urlParams`` name them. A config with a JWT
    (``token``) and the id takes qdt-components 3's own Qlik Cloud URL instead; a config not found here, spread
    from elsewhere, for Qlik Core (``core``) or with ``urlParams`` from elsewhere is not judged. A config without
    any id is reported on the config itself (connection-config-no-id, config-no-id), so only a config that
    writes the id where buildUrl never reads it is reported for the id here."""
    found: list[EngineUrl] = []
    for call in facts.qdt_calls:
        config = call.config
        if not call.engine or config is None:
            continue
        script = config.unit.script
        if "..." in script.span_text(config.obj.open, config.obj.close + 1) or config.has("core"):
            continue
        host, written = config.literal("host"), config.value_text("host") or ""
        if isinstance(host, str) and host.strip() and not host.strip().lower().rstrip("/").endswith(".qlikcloud.com"):
            continue  # a client-managed server: the host rules report it, and what moving it needs follows
        if "location" in written or "localhost" in written:
            continue  # the page's own server or Qlik Sense Desktop (config-from-location's, the host rules')
        if config.has("qcs") or config.has("webIntId"):
            continue  # Motor's keys: a config Motor connects with (its own Qlik Cloud socket), shared here
        if not call.legacy and config.has("token") and has_key_like(config, "webintegrationid"):
            continue  # qdt-components 3 with a JWT: trades it at /login/jwt-session and writes the URL itself
        params = config.obj.get("urlParams")
        if params is not None and not script.is_punct(params.value_start, "{"):
            continue
        named = names_in(config) if params is not None else set()
        has_id = HEADER in named or not has_key_like(config, "webint")
        has_csrf = CSRF_HEADER in named
        unit = call.unit
        place = Place(unit.file, *unit.file_span(call.callee, call.paren + 1))
        shown = f"{unit.script.span_text(call.callee, unit.script.partner(call.paren) + 1)} (enigma.js's buildUrl)"
        found.append(EngineUrl(place, shown[:120], has_id, has_csrf))
    return found


def host_readers(facts: Facts) -> list[tuple[ConfigObject, str]]:
    """Config objects whose ``host`` a library joins to a scheme it writes itself, each with that library:
    qdt-components (``(secure ? 'https://' : 'http://') + host``), Motor (``https://${host}``, ``wss://${host}``)
    and enigma.js's ``SenseUtilities.buildUrl`` (``wss://`` + host). Such a host is a name, never a URL."""
    found: dict[tuple[int, int], tuple[ConfigObject, str]] = {}
    for call in facts.qdt_calls:
        if call.config is not None:
            found.setdefault((id(call.config.unit), call.config.obj.open), (call.config, "qdt-components"))
    for config in facts.motor_configs:
        found.setdefault((id(config.unit), config.obj.open), (config, "Motor"))
    for unit, _, _, args in build_url_calls(facts):
        config = resolve_object(facts, unit, *args[0])
        if config is not None:
            found.setdefault((id(config.unit), config.obj.open), (config, "enigma.js's buildUrl"))
    return list(found.values())


def build_url_calls(facts: Facts) -> Iterator[tuple[Unit, int, int, list[tuple[int, int]]]]:
    """Each call of enigma.js's ``SenseUtilities.buildUrl(config)`` in browser code: its unit, callee and
    parenthesis tokens and its arguments' spans (at least one). A project's own ``buildUrl(...)`` function,
    called without a module in front, is not enigma's helper."""
    for unit in facts.project.units:
        script = unit.script
        if "buildUrl" not in script.code or not unit.in_browser:
            continue
        for callee, paren in script.find_calls(frozenset({"buildUrl"})):
            args = script.call_arguments(paren)
            if args and "." in script.callee_path(callee):
                yield unit, callee, paren, args
