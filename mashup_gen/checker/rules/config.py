"""The capability API's initial configuration: ``require.config`` and the config object passed to
``qlik.openApp`` must name the tenant (``baseUrl`` https://<tenant>/resources; host, prefix '/', port 443,
isSecure true) and carry the web integration id."""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

from mashup_gen.answers import APP_ID
from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts import ConfigObject, Facts, Place, from_location, wrappers
from mashup_gen.checker.facts.capability import other_library, uses_capability_api_anywhere
from mashup_gen.checker.facts.handed import missing_keys
from mashup_gen.checker.facts.liveness import never_called
from mashup_gen.checker.facts.placeholders import is_placeholder
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.facts.wrappers import has_key_like_name
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.js import STRING, TEMPLATE
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place, at_token
from mashup_gen.tenant import QLIKCLOUD_SUFFIX, Tenant, is_loopback

REQUIRE_CONFIG_MISSING = Rule(
    "require-config-missing",
    Severity.ERROR,
    "The capability API (js/qlik) is loaded without require.config: RequireJS resolves it against the page.",
    "Call require.config({ baseUrl: 'https://<tenant>/resources', webIntegrationId: '<id>' }) first.",
)
REQUIRE_CONFIG_NO_ID = Rule(
    "require-config-no-id",
    Severity.ERROR,
    "require.config has no webIntegrationId: Qlik Cloud refuses the capability API's requests.",
    "Add webIntegrationId: '<id>' to require.config.",
)
REQUIRE_CONFIG_BASE_URL = Rule(
    "require-config-base-url",
    Severity.ERROR,
    "require.config's baseUrl is missing or derived from the page's own location instead of the tenant.",
    "Set baseUrl: 'https://<tenant>/resources'.",
)
CONFIG_NO_ID = Rule(
    "config-no-id",
    Severity.ERROR,
    "The capability API's config object has no webIntegrationId.",
    "Add webIntegrationId: '<id>' to the config object passed to qlik.openApp.",
)
LIBRARY_CONFIG_NO_ID = Rule(
    "library-config-no-id",
    Severity.WARNING,
    "A {host, isSecure} config object has no webIntegrationId, in a project that never loads the capability API "
    "(js/qlik) nor calls openApp: handed to a call, it configures another library (an engine connection such as "
    "RxQ's connectSession or qlik-hooks' useConnectEngine), which on Qlik Cloud needs the web integration id (or "
    "an OAuth token) unless it adds one itself; handed to nothing, what it configures is not known here.",
    "Give the library the web integration id in the form it reads (often the engine URL's "
    "qlik-web-integration-id parameter, with a CSRF token), or connect with enigma.js or @qlik/api instead.",
)
CONFIG_FROM_LOCATION = Rule(
    "config-from-location",
    Severity.ERROR,
    "The config object takes host, prefix, port or isSecure from window.location (a client-managed Dev Hub "
    "mashup): on another site that is the page's own server, not the tenant.",
    "Write the tenant's values: host: '<tenant>', prefix: '/', port: 443, isSecure: true.",
)
CONFIG_CONTRADICTS_TENANT = Rule(
    "config-contradicts-tenant",
    Severity.ERROR,
    "A property of the config object contradicts the tenant (Qlik Cloud: prefix '/', port 443, isSecure true).",
    "Use the tenant's values: prefix: '/', port: 443, isSecure: true, host without scheme or path.",
)
CONFIG_HOST_NOT_CLOUD = Rule(
    "config-host-not-cloud",
    Severity.WARNING,
    "The config object's host is not a Qlik Cloud tenant (*.qlikcloud.com): a client-managed Qlik Sense "
    "server, or a custom tenant domain (which Qlik does not document).",
    "Use the tenant's host, such as host: 'acme.eu.qlikcloud.com' (`mashup-gen adopt --tenant HOST` writes it).",
)
CONNECTION_NO_ID = Rule(
    "connection-config-no-id",
    Severity.ERROR,
    "A Qlik connection config (host, appId and secure/port/prefix: qdt-components, Motor, an enigma.js helper) "
    "has no web integration id: Qlik Cloud refuses the page's capability app and engine session.",
    "Add the web integration id under the key the library reads (webIntegrationId; Motor: webIntId), and a "
    "Qlik Cloud tenant as host.",
)
CONNECTION_UNREAD = Rule(
    "connection-config-unread",
    Severity.ERROR,
    "A Qlik wrapper library is handed its Qlik Cloud settings in a form it never reads: Motor (@motor-js/engine) "
    "takes its Qlik Cloud path (CSRF token, web integration id, login box) only with qcs: true and reads the id "
    "as webIntId; qdt-components 1 and 2 (new QdtComponents) never hand the web integration id to require.config "
    "nor to the engine socket: the tenant refuses the connection.",
    "Motor: add qcs: true and write the id as webIntId. qdt-components: move to version 3 "
    "(qdtCapabilityApp(config) passes webIntegrationId to require.config), or to qlik-embed.",
)
CONNECTION_TOKEN = Rule(
    "connection-token-not-jwt",
    Severity.WARNING,
    "A qdt-components connection config carries a token that is no JWT (a placeholder such as 'token' or "
    "'<jwt>'): qdt-components 3 posts it to <tenant>/login/jwt-session, which refuses it, and ignores the refusal, "
    "so the app works only in a browser already signed in to the tenant.",
    "Give it the JWT your server signs for the user (fetched at run time), or drop the token and sign in with "
    "the tenant's session check and /login redirect.",
)
APP_ID_NOT_GUID = Rule(
    "app-id-not-guid",
    Severity.ERROR,
    "qlik.openApp (or enigma.js's openDoc, a raw OpenDoc request, a <qlik-embed app-id>, an engine socket's "
    "/app/<id>) is given a file name or another non-GUID: Qlik Cloud opens apps by their id (a GUID).",
    "Use the app's id, from its URL in Qlik Cloud (…/sense/app/<id>/…).",
)
RULES = (
    REQUIRE_CONFIG_MISSING,
    REQUIRE_CONFIG_NO_ID,
    REQUIRE_CONFIG_BASE_URL,
    CONFIG_NO_ID,
    LIBRARY_CONFIG_NO_ID,
    CONFIG_FROM_LOCATION,
    CONFIG_CONTRADICTS_TENANT,
    CONFIG_HOST_NOT_CLOUD,
    CONNECTION_NO_ID,
    CONNECTION_UNREAD,
    CONNECTION_TOKEN,
    APP_ID_NOT_GUID,
)


def expected_values(tenant: Tenant | None) -> dict[str, object]:
    """What a config object's properties must be for ``tenant`` (Qlik Cloud's rules when unknown)."""
    if tenant is None:
        return {"prefix": "/", "port": 443, "isSecure": True}
    return {"prefix": "/", "port": tenant.port, "isSecure": tenant.is_secure}


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Findings about require.config, the config object and openApp."""
    tenant = facts.tenant
    base = tenant.resources_url if tenant else "https://<tenant>/resources"
    if facts.uses_capability_api and not facts.require_configs:
        for unit, index, value in facts.strings:
            if value.startswith("js/qlik"):
                yield at_token(
                    REQUIRE_CONFIG_MISSING,
                    unit,
                    index,
                    "js/qlik is required, but no require.config sets baseUrl to the tenant's resources",
                    f"Call require.config({{ baseUrl: '{base}', webIntegrationId: '<id>' }}) first.",
                )
                break

    for config in facts.require_configs:
        unit, obj = config.unit, config.obj
        if never_called(project, Place(unit.file, *unit.file_span(obj.open, obj.open + 1))) is not None:
            continue  # in a function nothing calls (its call commented out): it never configures anything
        for handed in missing_keys(facts, config, "webIntegrationId") if not facts.proxied else ():
            # require.config reads config.webIntegrationId of its helper's parameter: the caller's object is
            # where the id is missing
            yield at_token(
                REQUIRE_CONFIG_NO_ID,
                handed.unit,
                handed.obj.open,
                f"this config, handed to {handed.helper}(), has no webIntegrationId, which that helper's "
                "require.config reads from it",
                "Add webIntegrationId (the id of the web integration that allowlists this page's origin) to it.",
            )
        if not config.has("webIntegrationId") and not facts.proxied:
            yield at_token(
                REQUIRE_CONFIG_NO_ID,
                unit,
                obj.open,
                "require.config has no webIntegrationId",
                "Add webIntegrationId (the id of the web integration that allowlists this page's origin).",
            )
        base_url = obj.get("baseUrl")
        if base_url is None and not config.has("baseUrl"):
            yield at_token(
                REQUIRE_CONFIG_BASE_URL,
                unit,
                obj.open,
                "require.config has no baseUrl, so js/qlik is looked for on the page's own server",
                f"Add baseUrl: '{base}'.",
            )
        elif base_url is not None and not facts.proxied and from_location(facts, config, "baseUrl"):
            yield at_token(
                REQUIRE_CONFIG_BASE_URL,
                unit,
                base_url.key_index,
                "baseUrl is built from window.location: on any site but a client-managed Qlik Sense server that "
                "is the wrong server",
                f"Set baseUrl: '{base}'.",
            )

    for config in facts.configs:
        yield from _config_object(facts, config, tenant)
    yield from _env_prefixes(facts)
    for config in facts.connection_configs:
        yield from _connection_config(facts, config, tenant)
    yield from _wrapper_settings(facts)
    yield from _wrapper_hosts(facts, tenant)

    travelled = [t for t in facts.travelled if t.what == "app id" and t.qlik]
    followed = {(id(t.used.file), t.used.start) for t in travelled}
    reported: set[tuple[int, int]] = set()  # one declaration used by several calls is one finding
    for unit, callee, paren in facts.open_app_calls:
        args = unit.script.call_arguments(paren)
        if not args:
            continue
        value = unit.script.literal(*args[0])
        index = args[0][0]
        if (id(unit.file), unit.script.offset + unit.script.tokens[index].start) in followed:
            continue  # followed to its definition below
        if value is None and args[0][1] - args[0][0] == 1:
            declared = facts.resolved_text(unit, *args[0], depth=1).strip().rstrip(";")
            value = (
                declared[1:-1] if len(declared) >= 2 and declared[0] == declared[-1] and declared[0] in "'\"`" else None
            )
        if isinstance(value, str) and not APP_ID.match(value.lower()) and not is_dynamic(value):
            if is_placeholder(value, allow_empty=True):
                continue  # the placeholder rule names it
            call = f"{unit.script.callee_path(callee)}({value!r})"
            where, at, used = unit, index, ""
            declared = _declared_literal(facts, unit, index, value)
            if declared is not None:
                # the name's string literal (var appId = 'Sales.qvf' in the page's settings script) is the
                # line to change; the call only uses it
                where, at = declared
                if (id(where), at) in reported:
                    continue
                reported.add((id(where), at))
                line = unit.position(index)[0]
                used = f" (used by {unit.script.callee_path(callee)} at {unit.file.path.name}:{line})"
                call = f"the app id {value!r}{used}"
            yield at_token(
                APP_ID_NOT_GUID,
                where,
                at,
                f"{call} names an app by {'file name' if '.qvf' in value.lower() else 'something'} other than its id",
                "Use the app's id (a GUID, from the app's URL in Qlik Cloud); `mashup-gen adopt --app-id` writes it.",
            )

    for unit, index, value in _json_rpc_open_docs(project):
        if APP_ID.match(value.lower()) or is_dynamic(value) or is_placeholder(value, allow_empty=True):
            continue
        yield at_token(
            APP_ID_NOT_GUID,
            unit,
            index,
            f"the engine's OpenDoc request names the app {value!r}, by "
            f"{'file name' if '.qvf' in value.lower() else 'something'} other than its id",
            "Use the app's id (a GUID, from the app's URL in Qlik Cloud), and open it on its own socket "
            "(wss://<tenant>/app/<app id>).",
        )

    for value in travelled:
        text = value.value.strip()
        if not text or APP_ID.match(text.lower()) or is_dynamic(text) or is_placeholder(text, allow_empty=True):
            continue
        yield at_place(
            APP_ID_NOT_GUID,
            value.defined,
            f"the app id {text!r}{value.used_as} names an app by "
            f"{'file name' if '.qvf' in text.lower() else 'something'} other than its id",
            "Use the app's id (a GUID, from the app's URL in Qlik Cloud); `mashup-gen adopt --app-id` writes it.",
        )


def _json_rpc_open_docs(project: Project) -> Iterator[tuple[Unit, int, str]]:
    """The app named by each engine request written as a JSON-RPC object (``{method: 'OpenDoc', handle: -1,
    params: ['<app>']}``, or ``params: {qDocName: '<app>'}``) sent over a socket the code opens itself: the string
    token and its value, when the app is written there as a literal."""
    for unit in project.units:
        script = unit.script
        if "OpenDoc" not in script.code:
            continue
        for index, value in script.string_values:
            if value != "OpenDoc" or not script.is_punct(index - 1, ":") or index < 2:
                continue
            if script.text(index - 2).strip("'\"") != "method":
                continue
            brace = script.parent(index)
            request = script.object_at(brace) if brace != -1 else None
            params = request.get("params") if request is not None else None
            if params is None or params.value_end <= params.value_start:
                continue
            first = params.value_start + 1
            if script.is_punct(params.value_start, "{"):
                named = script.object_at(params.value_start)
                doc = named.get("qDocName") if named is not None else None
                if doc is None:
                    continue
                first = doc.value_start
            elif not script.is_punct(params.value_start, "["):
                continue
            if not any(script.is_punct(first + 1, end) for end in (",", "]", "}")):
                continue  # an expression, not one value
            if script.is_ident(first):  # params: [appName], const appName = 'Sales.qvf' in the same script
                declared = script.declarations.get(script.text(first))
                if declared is None or declared[1] - declared[0] != 1:
                    continue
                first = declared[0]
            if script.tokens[first].kind == STRING:
                yield unit, first, script.string_value(first) or ""


def _declared_literal(facts: Facts, unit: Unit, index: int, value: str) -> tuple[Unit, int] | None:
    """``(unit, token index)`` of the string literal the identifier at ``index`` is declared with
    (``var appId = 'Sales.qvf'``), when it holds ``value``; None for any other argument."""
    if not unit.script.is_ident(index):
        return None
    found = facts.declaration_of(unit, unit.script.text(index))
    if found is None:
        return None
    holder, (start, end) = found
    if end - start != 1 or holder.script.tokens[start].kind not in (STRING, TEMPLATE):
        return None
    return (holder, start) if holder.script.string_value(start) == value else None


def _config_object(facts: Facts, config: ConfigObject, tenant: Tenant | None) -> Iterator[Finding]:
    unit, obj = config.unit, config.obj
    if not config.has("webIntegrationId") and not facts.proxied:  # a proxy adds it on the way to Qlik
        library = other_library(facts, config)
        if library is None and not uses_capability_api_anywhere(facts):
            # Nothing loads js/qlik nor calls openApp and the object is handed to no call: what it configures (a
            # store's state, an engine helper) is not known here, so a missing id is a doubt, not a failure.
            yield at_token(
                LIBRARY_CONFIG_NO_ID,
                unit,
                obj.open,
                "this {host, isSecure} object has no webIntegrationId, but the project never loads the capability "
                "API nor calls openApp and hands the object to no call: if it configures a Qlik connection, that "
                "needs the id (or an OAuth token) on Qlik Cloud",
                LIBRARY_CONFIG_NO_ID.fix,
            )
        elif library is None:
            yield at_token(
                CONFIG_NO_ID,
                unit,
                obj.open,
                "the capability API's config object has no webIntegrationId",
                "Add webIntegrationId: '<id>' (the same id as in require.config).",
            )
        else:
            # Not the capability API's object: whether the library it configures sends an id is not known here.
            yield at_token(
                LIBRARY_CONFIG_NO_ID,
                unit,
                obj.open,
                f"this {{host, isSecure}} config, handed to {library}(), has no webIntegrationId, and the project "
                "never loads the capability API: the library it configures needs the id (or an OAuth token) on Qlik "
                "Cloud unless it adds one itself",
                LIBRARY_CONFIG_NO_ID.fix,
            )
    located = yield from _from_location(facts, config, ("host", "prefix", "port", "isSecure"), _fix_values(tenant))
    expected = expected_values(tenant)
    if obj.get("secure") is not None and obj.get("isSecure") is None:
        # qdt-components' and enigma.js's spelling (qdt hands it on as isSecure): secure: false is plain http
        expected["secure"] = expected.pop("isSecure")
    host = config.literal("host")
    prop = obj.get("host")
    if prop is None or config.has("authType"):
        pass  # an @qlik/api or qlik-embed host config takes a URL as its host
    elif isinstance(host, str) and "://" in host and not uses_capability_api_anywhere(facts):
        pass  # no capability API in the project: the object feeds another reader (qlik-embed's data-host={...})
    elif isinstance(host, str):
        yield from _host(string_place(unit, prop.value_start), host, "", tenant)
    elif (scheme := _scheme_joined(unit, prop.value_start, prop.value_end)) is not None:
        yield at_place(
            CONFIG_CONTRADICTS_TENANT,
            string_place(unit, prop.value_start),
            f"host is built as {scheme!r} + a host name: the capability API writes the scheme itself (isSecure), "
            f"so it asks for {scheme}{scheme}...",
            "host: the host name alone (cfg.host, 'acme.eu.qlikcloud.com'), and isSecure: true for https.",
        )
    elif prop.value_end - prop.value_start >= 1:
        # host: TENANT, host: cfg.host: judged where the value is defined (another module, an env file).
        start = unit.script.offset + unit.script.tokens[prop.value_start].start
        for value in facts.travelled:
            if value.what == "tenant" and value.used.file is unit.file and value.used.start == start:
                yield from _host(value.defined, value.value, value.used_as, tenant)
    for key, want in expected.items():
        if key in located:
            continue
        prop = obj.get(key)
        value = config.literal(key)
        if prop is None or value is None:
            continue
        if key == "port" and isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if key == "port" and value == "" and want == 443:
            # port: "" (what a Dev Hub template's window.location.port is on 443): the capability API writes
            # no port, so https:// uses 443; a plain-http config is the isSecure finding's.
            value = want
        if key == "prefix" and isinstance(value, str) and value.strip() in ("", "/"):
            value = "/"
        if value != want:
            yield at_token(
                CONFIG_CONTRADICTS_TENANT,
                unit,
                prop.value_start,
                f"{key} is {_js(value)}, but {'the tenant' if tenant else 'Qlik Cloud'} needs {_js(want)}",
                f"{key}: {_js(want)}",
            )


# A virtual proxy's prefix kept in an env variable (REACT_APP_QLIK_PREFIX, VITE_QS_PREFIX, QLIK_PROXY_PREFIX).
_PREFIX_NAME = re.compile(r"(?i)^(?=.*(?:qlik|sense|qs_|proxy))\w*prefix$")
_CLOUD_HOST = re.compile(r"(?i)[\w-]+(?:\.[\w-]+)*\.qlikcloud\.com\b")


def _env_prefixes(facts: Facts) -> Iterator[Finding]:
    """A Qlik prefix written in an env file (``REACT_APP_QLIK_PREFIX=/ext/``) other than '/', read by browser code
    of a project that loads the capability API from a Qlik Cloud tenant (its host in the env files or the code):
    Qlik Cloud has no virtual proxies, so the prefix puts every request under a path the tenant does not serve."""
    from mashup_gen.source.envfiles import entries, is_template

    project = facts.project
    if not uses_capability_api_anywhere(facts) or not project.env_files:
        return
    browser = "\n".join(unit.script.code for unit in project.units if unit.in_browser)
    env_text = "\n".join(source.text for source in project.env_files)
    tenant = facts.tenant
    if not (_CLOUD_HOST.search(env_text) or (tenant is not None and tenant.host.endswith(QLIKCLOUD_SUFFIX))):
        return
    for source in project.env_files:
        if is_template(source.path.name):
            continue
        for entry in entries(source.text):
            value = entry.value.strip()
            if not _PREFIX_NAME.match(entry.key) or value in ("", "/") or is_dynamic(value):
                continue
            if not re.search(rf"\benv\.{re.escape(entry.key)}\b", browser):
                continue
            yield at_place(
                CONFIG_CONTRADICTS_TENANT,
                Place(source, entry.start, entry.end),
                f"{entry.key} is {value!r}, a virtual proxy's prefix: Qlik Cloud has none (prefix '/'), so the "
                "capability API's files and the app are asked for under a path the tenant does not serve",
                f"{entry.key}=/ (or drop it and write prefix: '/')",
            )


def _connection_config(facts: Facts, config: ConfigObject, tenant: Tenant | None) -> Iterator[Finding]:
    """A library's connection config: the web integration id under any of its spellings, a Cloud host."""
    keys = {p.key for p in config.obj.properties} | set(config.later)
    script = config.unit.script
    # The id under any key (webIntegrationId, webIntId) or inside a nested object (enigma.js's buildUrl:
    # urlParams: {'qlik-web-integration-id': id}); a urlParams defined elsewhere may hold it: not judged.
    # From its tokens, not its text: a commented-out line (`// webIntegrationId: ''`) is no id.
    tokens = " ".join(script.text(i) for i in range(config.obj.open, config.obj.close + 1))
    text = re.sub(r"[-_]", "", tokens.lower())
    params = config.obj.get("urlParams")
    nested_unknown = params is not None and not script.is_punct(params.value_start, "{")
    has_id = "webint" in text or any("webint" in key.lower().replace("_", "") for key in keys)
    if not has_id and not nested_unknown and not facts.proxied:
        yield at_token(
            CONNECTION_NO_ID,
            config.unit,
            config.obj.open,
            "this Qlik connection config (host, appId, ...) has no web integration id",
            CONNECTION_NO_ID.fix,
        )
    yield from _connection_server(facts, config, tenant)
    key = "host" if config.obj.get("host") is not None else "url"  # nebula.js's connect({ url, ... })
    host, prop = config.literal(key), config.obj.get(key)
    scheme = "https://" if key == "url" else ""
    if isinstance(host, str) and key == "url":
        host = host.split("://")[-1].rstrip("/")
    if isinstance(host, str) and prop is not None and _elsewhere(host):
        yield at_place(
            CONFIG_HOST_NOT_CLOUD,
            string_place(config.unit, prop.value_start),
            f"{key} is {host!r}, which is not a Qlik Cloud tenant: the connection goes to a client-managed server",
            f"{key}: '{scheme}{tenant.host if tenant else '<tenant>.<region>.qlikcloud.com'}'",
        )


def _wrapper_settings(facts: Facts) -> Iterator[Finding]:
    """Qlik Cloud settings a wrapper library never reads (see :mod:`mashup_gen.checker.facts.wrappers`)."""
    if facts.proxied:
        return
    for config in facts.motor_configs:
        if not _for_cloud(config):
            continue
        qcs = config.obj.get("qcs")
        # qcs: true, or a value from elsewhere (qcs: isCloud), or set later; or qsServerType: 'cloud'
        cloud_path = (qcs is not None and config.literal("qcs") in (True, None)) or "qcs" in config.later
        if not cloud_path and config.literal("qsServerType") != "cloud":
            yield at_token(
                CONNECTION_UNREAD,
                config.unit,
                config.obj.open,
                "this Motor config names a Qlik Cloud tenant without qcs: true, so Motor never takes its Qlik "
                "Cloud path (CSRF token, web integration id, login box) and the tenant refuses its socket",
                "Add qcs: true (and the id as webIntId).",
            )
        if not config.has("webIntId"):
            spelt = next((p for p in config.obj.properties if has_key_like_name(p.key, "webintegrationid")), None)
            if spelt is not None:
                yield at_token(
                    CONNECTION_UNREAD,
                    config.unit,
                    spelt.key_index,
                    f"Motor reads the web integration id as webIntId, not {spelt.key}: it sends none",
                    f"Rename {spelt.key} to webIntId.",
                )
    tokens: set[tuple[int, int]] = set()
    for call in facts.qdt_calls:
        config = call.config
        prop = config.obj.get("token") if config is not None and not call.legacy else None
        if config is None or prop is None or (id(config.unit), prop.value_start) in tokens:
            continue
        tokens.add((id(config.unit), prop.value_start))
        token = config.literal("token")
        # an empty token is never posted (qdt-components posts it only beside the web integration id)
        posted = isinstance(token, str) and token.strip() and wrappers.has_key_like(config, "webintegrationid")
        if posted and not _JWT.fullmatch(str(token).strip()):
            yield at_place(
                CONNECTION_TOKEN,
                string_place(config.unit, prop.value_start),
                f"token is {token!r}, which is no JWT: qdt-components posts it to /login/jwt-session, which refuses it",
            )
    for call in facts.qdt_calls:
        if not call.legacy or not call.capability or call.config is None or not _for_cloud(call.config):
            continue
        yield at_token(
            CONNECTION_UNREAD,
            call.unit,
            call.callee,
            "qdt-components 1 and 2 (new QdtComponents) load the capability API with a require.config that never "
            "carries the web integration id, and open the engine socket without it: Qlik Cloud refuses both",
            CONNECTION_UNREAD.fix,
        )


def _wrapper_hosts(facts: Facts, tenant: Tenant | None) -> Iterator[Finding]:
    """A host written as a URL (``https://<tenant>``) in a config a library writes its own scheme before: the
    request goes to https://https://<tenant>/..., which no server answers. A capability-shaped config in a project
    that loads js/qlik itself is judged with the capability API's config (its host must be a name too)."""
    capability = uses_capability_api_anywhere(facts)
    judged = {(id(c.unit), c.obj.open) for c in facts.configs} if capability else set()
    for config, library in wrappers.host_readers(facts):
        host, prop = config.literal("host"), config.obj.get("host")
        if (
            not isinstance(host, str)
            or prop is None
            or "://" not in host
            or (id(config.unit), config.obj.open) in judged
        ):
            continue
        name = host.split("://", 1)[1].split("/")[0]
        yield at_place(
            CONFIG_CONTRADICTS_TENANT,
            string_place(config.unit, prop.value_start),
            f"host is {host!r}, but {library} writes the scheme itself before the host: its requests go to "
            f"{host.split('://')[0]}://{host}...",
            f"host: '{tenant.host if tenant and not name else name}'",
        )


# A JWT: three base64url parts (header.payload.signature)
_JWT = re.compile(r"[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+")


def _for_cloud(config: ConfigObject) -> bool:
    """True when a wrapper's config is meant for Qlik Cloud: a Qlik Cloud host, or a web integration id (a
    setting only Qlik Cloud has) under any spelling."""
    host = config.literal("host")
    if isinstance(host, str) and host.strip().lower().rstrip("/").endswith(QLIKCLOUD_SUFFIX):
        return True
    return any(has_key_like_name(p.key, "webint") for p in config.obj.properties)


# The keys a library's connection config names its server with (qdt-components, enigma.js's buildUrl, Motor:
# secure; the capability API's spelling isSecure too).
_SERVER_KEYS = ("host", "prefix", "port", "secure", "isSecure")
_DESKTOP_PORT = 4848  # Qlik Sense Desktop's own server on this machine
_ENGINE_PORT = 9076  # an engine container's (Qlik Core): a socket straight to an engine, never a tenant


def _connection_server(facts: Facts, config: ConfigObject, tenant: Tenant | None) -> Iterator[Finding]:
    """A library's connection config that names the page's own server (host, port, prefix or secure from
    window.location: a Dev Hub mashup), Qlik Sense Desktop, or a port, prefix or scheme Qlik Cloud never has.
    A loopback host on another port is a local stand-in or proxy, and the engine's own port is Qlik Core:
    neither is judged."""
    unit, obj = config.unit, config.obj
    fix = (
        f"Write the tenant's values: host: '{tenant.host if tenant else '<tenant>'}', secure: true, port: 443, "
        "prefix: '' (and its web integration id)."
    )
    located = yield from _from_location(facts, config, _SERVER_KEYS, fix)
    host = config.literal("host")
    port = config.literal("port")
    if isinstance(port, str) and port.strip().isdigit():
        port = int(port)
    if port == _ENGINE_PORT or (isinstance(host, str) and is_loopback(host.strip().lower()) and port != _DESKTOP_PORT):
        return
    wrong: list[tuple[str, object, object]] = []
    if "port" not in located and isinstance(port, int) and not isinstance(port, bool) and port != 443:
        wrong.append(("port", port, 443))
    for key in ("secure", "isSecure"):
        if key not in located and config.literal(key) is False:
            wrong.append((key, False, True))
    prefix = config.literal("prefix")
    if "prefix" not in located and isinstance(prefix, str) and prefix.strip() not in ("", "/"):
        wrong.append(("prefix", prefix, "/"))
    for key, value, want in wrong:
        prop = obj.get(key)
        assert prop is not None
        place = "Qlik Sense Desktop's" if port == _DESKTOP_PORT else "a client-managed server's"
        yield at_token(
            CONFIG_CONTRADICTS_TENANT,
            unit,
            prop.value_start,
            f"{key} is {_js(value)} ({place}), but {'the tenant' if tenant else 'Qlik Cloud'} needs {_js(want)}",
            f"{key}: {_js(want)}",
        )


def _host(place: Place, host: str, used_as: str, tenant: Tenant | None) -> Iterator[Finding]:
    """The config object's host: the host name alone, on Qlik Cloud."""
    if "/" in host or ":" in host.strip("[]"):
        yield at_place(
            CONFIG_CONTRADICTS_TENANT,
            place,
            f"host is {host!r}{used_as}: the capability API wants the host name alone (no scheme, port or path)",
            f"host: '{tenant.host if tenant else host.split('://')[-1].split('/')[0].split(':')[0]}'",
        )
    elif _elsewhere(host):
        yield at_place(
            CONFIG_HOST_NOT_CLOUD,
            place,
            f"host is {host!r}{used_as}, which is not a Qlik Cloud tenant: the capability API would be asked for "
            "on a client-managed server",
            f"host: '{tenant.host}'" if tenant else "host: '<tenant>.<region>.qlikcloud.com'",
        )


def _scheme_joined(unit: Unit, start: int, end: int) -> str | None:
    """The scheme (``https://``) a value's first string puts before what follows it: ``"https://" + cfg.host``,
    ```https://${cfg.host}```; None for any other value."""
    script = unit.script
    if start >= len(script.tokens) or script.tokens[start].kind not in (STRING, TEMPLATE):
        return None
    value = script.string_value(start) or script.text(start)
    m = re.match(r"^\s*[`'\"]?(https?://)", value)
    if m is None:
        return None
    if script.tokens[start].kind == TEMPLATE and "${" in script.text(start):
        return m.group(1)
    if end - start >= 2 and script.is_punct(start + 1, "+"):
        return m.group(1)
    return None


def _elsewhere(host: str) -> bool:
    """True for a plain host name that is neither Qlik Cloud's, a loopback test host nor a placeholder (the
    placeholder rule reports those)."""
    value = host.strip().lower()
    if not value or is_dynamic(value) or is_placeholder(value) or not re.fullmatch(r"[a-z0-9.-]+", value):
        return False
    return not value.endswith(QLIKCLOUD_SUFFIX) and not is_loopback(value)


def _js(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _from_location(
    facts: Facts, config: ConfigObject, keys: tuple[str, ...], fix: str
) -> Generator[Finding, None, list[str]]:
    """``config-from-location`` at the first of ``keys`` the config takes from ``window.location`` (the page's
    own server, not the tenant); returns the keys so taken."""
    if facts.proxied:
        return []  # the page's own server forwards Qlik's paths to the tenant: its location is the way in
    located = [key for key in keys if from_location(facts, config, key)]
    if located:
        first = config.obj.get(located[0])
        assert first is not None
        yield at_token(
            CONFIG_FROM_LOCATION,
            config.unit,
            first.key_index,
            f"{', '.join(located)} {'is' if len(located) == 1 else 'are'} taken from window.location, which is "
            "the page's own server, not the tenant",
            fix,
        )
    return located


def _fix_values(tenant: Tenant | None) -> str:
    host = tenant.host if tenant else "<tenant>"
    values = expected_values(tenant)
    return (
        f"Write the tenant's values: host: '{host}', prefix: '/', port: {values['port']}, "
        f"isSecure: {_js(values['isSecure'])} (`mashup-gen adopt` does this)."
    )
