"""What a project's code says about Qlik: resource URLs, tenants, web integration ids, the capability API's
configuration, the login flow, REST and engine calls, secrets and the page's CSP. Rules judge these facts;
``adopt`` edits the places they point at.

:class:`Facts` is the one front: each fact is extracted on first use and kept for the project's lifetime
(:func:`facts_of` shares one instance between every rule). The extraction lives in one module per concept:
``strings`` (the raw literals and declarations), ``urls`` (Qlik resources, double slashes), ``tenants``,
``ids``, ``capability`` (require.config, the config object), ``embed`` (qlik-embed), ``login``, ``requests``
(REST and engine), ``secrets``, ``placeholders``, ``references`` (local files referenced), ``csp`` and
``travel`` (values used in one place and defined in another: a config module, a JSON or env file, a caller);
``model`` holds the records they return and ``patterns`` the expressions they read with.
"""

from __future__ import annotations

from functools import cached_property

from mashup_gen.checker.facts import (
    awaiting,
    capability,
    hostconfigs,
    ids,
    login,
    placeholders,
    references,
    requests,
    secrets,
    strings,
    tenants,
    travel,
    urls,
    wrappers,
)
from mashup_gen.checker.facts.awaiting import UngatedLoad
from mashup_gen.checker.facts.capability import from_location
from mashup_gen.checker.facts.csp import allows, blocked, needs, parse_policy
from mashup_gen.checker.facts.embed import EmbedFacts
from mashup_gen.checker.facts.hostconfigs import HostConfig
from mashup_gen.checker.facts.model import (
    Call,
    ConfigObject,
    DoubleSlash,
    EngineUrl,
    IdMention,
    LoginUrl,
    MissingFile,
    Place,
    Placeholder,
    ResourceRef,
    Secret,
    TenantMention,
)
from mashup_gen.checker.facts.strings import Declarations
from mashup_gen.checker.facts.travel import ProjectModules, Travelled, TravelledJoin
from mashup_gen.checker.facts.urls import other_require_js, suggested_url, tenant_url
from mashup_gen.checker.project import Page, Project, Tag, Unit
from mashup_gen.tenant import Tenant

__all__ = [
    "Call",
    "ConfigObject",
    "DoubleSlash",
    "EngineUrl",
    "Facts",
    "IdMention",
    "LoginUrl",
    "MissingFile",
    "Place",
    "Placeholder",
    "ResourceRef",
    "Secret",
    "TenantMention",
    "Travelled",
    "allows",
    "blocked",
    "facts_of",
    "from_location",
    "needs",
    "other_require_js",
    "parse_policy",
    "suggested_url",
    "tenant_url",
]


class Facts:
    """The Qlik facts of one project, each extracted on first use and kept."""

    def __init__(self, project: Project) -> None:
        self.project = project

    # -- the raw material ----------------------------------------------------------------------------

    @cached_property
    def strings(self) -> list[tuple[Unit, int, str]]:
        """``(unit, token_index, value)`` of every non-empty string and template literal."""
        return strings.strings(self)

    def string_place(self, unit: Unit, index: int) -> Place:
        """The contents of a string token (inside the quotes)."""
        return strings.string_place(unit, index)

    @cached_property
    def attributes(self) -> list[tuple[Page, Tag, str]]:
        """``(page, tag, attribute name)`` of every attribute of every interesting tag."""
        return strings.attributes(self)

    @cached_property
    def declarations(self) -> Declarations:
        """``name -> (unit, token range)`` of the first declaration of each name in the project."""
        return strings.declarations(self)

    def declaration_of(self, unit: Unit, name: str) -> tuple[Unit, tuple[int, int]] | None:
        """Where ``name`` is declared as ``unit`` sees it: ``unit``'s own declaration first, then the default
        export of the module ``unit`` imports it from (``import config from './config'``), else the project's
        first one; ``(unit holding it, token range of its value)``, or None."""
        own = unit.script.declarations.get(name)
        if own is not None:
            return unit, own
        return strings.default_import(self, unit, name) or self.declarations.get(name)

    def resolved_text(self, unit: Unit, start: int, end: int, depth: int = 2) -> str:
        """The text of the declarations of the identifiers in tokens ``[start, end)``, ``depth`` levels deep."""
        return strings.resolved_text(self, unit, start, end, depth)

    # -- resources and tenants -----------------------------------------------------------------------

    @cached_property
    def resources(self) -> list[ResourceRef]:
        """Every Qlik resource URL, in pages (src/href) and in scripts (strings)."""
        return urls.resources(self)

    @cached_property
    def dynamic_resources(self) -> list[ResourceRef]:
        """Qlik resource URLs whose start is computed (``${base}/resources/...``, ``{{ base }}/resources/...``)."""
        return urls.dynamic_resources(self)

    def page_resources(self, page: Page) -> list[ResourceRef]:
        """The Qlik resources ``page`` loads: its tags' and its scripts' (injected ones included)."""
        return urls.page_resources(self, page)

    @cached_property
    def double_slashes(self) -> list[DoubleSlash]:
        """A tenant URL ending in '/' joined to a path starting with '/' (``https://t/`` + ``/api/v1/...``)."""
        return urls.double_slashes(self)

    @cached_property
    def tenant_mentions(self) -> list[TenantMention]:
        """Every tenant host written in a Qlik URL, as a qlikcloud.com host, or as the config's ``host``."""
        return tenants.tenant_mentions(self)

    @cached_property
    def tenant(self) -> Tenant | None:
        """The project's tenant: the record's, else the one its code uses most (resources first)."""
        return tenants.tenant(self)

    @cached_property
    def is_library(self) -> bool:
        """True when the project is a package other apps import: no page, built entry points or types."""
        return capability.is_library(self)

    @cached_property
    def proxied(self) -> bool:
        """True when the page talks to the project's own server, which forwards to Qlik Cloud (a JWT proxy)."""
        return requests.proxied(self)

    @cached_property
    def id_mentions(self) -> list[IdMention]:
        """Every web integration id written as a literal."""
        return ids.id_mentions(self)

    # -- the capability API and qlik-embed -----------------------------------------------------------

    @cached_property
    def require_configs(self) -> list[ConfigObject]:
        """Arguments of ``require.config({...})`` / ``requirejs.config({...})``."""
        return capability.require_configs(self)

    @cached_property
    def connection_configs(self) -> list[ConfigObject]:
        """Connection configs of qdt-components, Motor and enigma helpers: ``{host, appId, secure, port, prefix}``."""
        return capability.connection_configs(self)

    @cached_property
    def configs(self) -> list[ConfigObject]:
        """The capability API's config objects: ``{host, prefix, port, isSecure, webIntegrationId}``."""
        return capability.configs(self)

    @cached_property
    def open_app_calls(self) -> list[tuple[Unit, int, int]]:
        """``(unit, callee_index, paren_index)`` of every ``qlik.openApp(...)``."""
        return capability.open_app_calls(self)

    def page_uses_capability_api(self, page: Page) -> bool:
        """True when the page's scripts load ``js/qlik`` or configure RequireJS for it."""
        return capability.page_uses_capability_api(self, page)

    @cached_property
    def capability_pages(self) -> list[Page]:
        """Pages that use the capability API."""
        return capability.capability_pages(self)

    @cached_property
    def uses_capability_api(self) -> bool:
        """True when any script loads ``js/qlik`` (a mashup)."""
        return capability.uses_capability_api(self)

    @cached_property
    def qdt_calls(self) -> list[wrappers.WrapperCall]:
        """qdt-components' connection calls (``qdtEnigma``, ``qdtCapabilityApp``, ``new QdtComponents``)."""
        return wrappers.qdt_calls(self)

    @cached_property
    def motor_configs(self) -> list[ConfigObject]:
        """The config objects Motor (``@motor-js/engine``) connects with."""
        return wrappers.motor_configs(self)

    @cached_property
    def embed_tags(self) -> list[tuple[Page, Tag]]:
        """``<script src=".../@qlik/embed-web-components...">`` tags: qlik-embed signs the user in itself."""
        return capability.embed_tags(self)

    @cached_property
    def embed(self) -> EmbedFacts:
        """What the pages say about qlik-embed: its loader and callback tags, elements and settings."""
        return EmbedFacts(self.project)

    @cached_property
    def host_configs(self) -> list[HostConfig]:
        """Host config objects (``{ host, clientId | authType, ... }``) in the code the browser runs."""
        return hostconfigs.host_configs(self.project)

    # -- the login flow ------------------------------------------------------------------------------

    @cached_property
    def session_checks(self) -> list[Place]:
        """Every string naming the session check endpoint ``/api/v1/users/me``."""
        return login.session_checks(self)

    @cached_property
    def ungated_loads(self) -> list[UngatedLoad]:
        """Session checks whose page loads ``js/qlik`` without waiting for their answer."""
        return awaiting.ungated_loads(self)

    @cached_property
    def unseen_refusals(self) -> list[tuple[Place, str]]:
        """Session checks with ``fetch`` whose code cannot see a 401 (see :func:`login.unseen_refusals`)."""
        return login.unseen_refusals(self)

    @cached_property
    def login_urls(self) -> list[LoginUrl]:
        """Every ``<tenant>/login`` URL, with whether its surroundings add ``returnto`` and the id."""
        return login.login_urls(self)

    # -- REST, engine, secrets -----------------------------------------------------------------------

    @cached_property
    def providers(self) -> dict[str, str]:
        """Code that adds Qlik's headers to every request of one kind: ``{"fetch": text, ...}``."""
        return requests.providers(self)

    @cached_property
    def rest_calls(self) -> list[Call]:
        """Requests to ``/api/v1/...`` made with fetch, axios, jQuery or XMLHttpRequest."""
        return requests.rest_calls(self)

    @cached_property
    def engine_urls(self) -> list[EngineUrl]:
        """WebSocket URLs to the engine (``wss://<host>/app/<appId>``)."""
        return requests.engine_urls(self)

    @cached_property
    def project_files(self) -> frozenset[str]:
        """Every file under the project root, relative to it (third-party and hidden folders skipped)."""
        return references.project_files(self)

    @cached_property
    def missing_files(self) -> list[MissingFile]:
        """References to local scripts, stylesheets and OAuth redirect pages that no file answers."""
        return references.missing_files(self)

    @cached_property
    def placeholders(self) -> list[Placeholder]:
        """Tenants, web integration ids, app ids and client ids left as placeholders."""
        return placeholders.placeholders(self)

    @cached_property
    def attributes_set_by_code(self) -> frozenset[str]:
        """Attribute names browser code sets on elements with setAttribute (an empty one in markup is a slot)."""
        return placeholders.attributes_set_by_code(self)

    @cached_property
    def secrets(self) -> list[Secret]:
        """API keys and bearer tokens written into code the browser loads."""
        return secrets.secrets(self)

    @cached_property
    def modules(self) -> ProjectModules:
        """The project's code as modules whose names can be followed (mashup_gen.source.modules)."""
        return ProjectModules(self)

    @cached_property
    def travelled_joins(self) -> list[TravelledJoin]:
        """``${base}/path`` joins whose base is a literal defined elsewhere."""
        return travel.joins(self)

    @cached_property
    def travelled(self) -> list[Travelled]:
        """Qlik values used through a name and defined elsewhere (another module, a JSON or env file)."""
        return travel.travelled(self)

    @cached_property
    def served_secrets(self) -> list[tuple[Place, str]]:
        """Secrets read from the server's environment inside its reply to a request (``res.json({token:
        process.env.TOKEN})``)."""
        return secrets.served_secrets(self)

    @cached_property
    def file_secrets(self) -> list[Secret]:
        """Client secrets, API keys and passwords written in the project's JSON and YAML files."""
        return secrets.file_secrets(self)


def facts_of(project: Project) -> Facts:
    """The project's facts, built on first use and shared by every rule (and by ``adopt``)."""
    if project.facts is None:
        project.facts = Facts(project)
    return project.facts
