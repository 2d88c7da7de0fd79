"""The rules of ``check --online``: stable ids, severities and general fixes (like the offline rules)."""

from __future__ import annotations

from mashup_gen.checker.findings import Rule, Severity

KEY_REJECTED = Rule(
    "online-key-rejected",
    Severity.ERROR,
    "The tenant rejected the API key (401): it is wrong, expired or revoked, or it belongs to another tenant.",
    "Create an API key on this tenant (Profile settings > API keys) and pass it in QLIK_API_KEY or a qlik-cli "
    "context (--context NAME).",
)
UNREACHABLE = Rule(
    "online-tenant-unreachable",
    Severity.ERROR,
    "The tenant could not be asked: no connection, a TLS failure, a timeout, or rate limiting (429) or "
    "server errors (5xx) that lasted through the retries.",
    "Check the tenant host, the network and the proxy settings (HTTPS_PROXY, NO_PROXY), then try again.",
)
ACCESS_DENIED = Rule(
    "online-access-denied",
    Severity.ERROR,
    "The API key's user may not read this (403).",
    "Use an API key of a user with the Tenant Admin role (web integrations, OAuth clients) and access to the "
    "app's space.",
)
UNEXPECTED = Rule(
    "online-unexpected-reply",
    Severity.ERROR,
    "The tenant gave an answer the REST API does not document for this request.",
    "Check that the tenant is a Qlik Cloud tenant (the host in the project's record); if it is, please report it.",
)
WEB_INTEGRATION_MISSING = Rule(
    "online-web-integration-missing",
    Severity.ERROR,
    "The project's web integration id does not exist on its tenant: every request of the page is refused.",
    "Use the id of a web integration of this tenant that allows the page's origins "
    "(`mashup-gen regenerate --web-integration-id ID`), or create one (Management Console > Integrations > Web).",
)
ORIGIN_NOT_ALLOWED = Rule(
    "online-origin-not-allowed",
    Severity.ERROR,
    "An origin the page is served from is not in the web integration's allowed origins (matched exactly: "
    "scheme, host and port): the browser blocks the page's requests and the login ends in LOGIN-10.",
    "Add the origin to the web integration: `mashup-gen check --online --fix-origins`, qlik-cli, or "
    "Management Console > Integrations > Web.",
)
APP_MISSING = Rule(
    "online-app-missing",
    Severity.ERROR,
    "The app does not exist on the tenant, or the API key's user cannot see it.",
    "Check the app id (from the app's URL: .../sense/app/<id>/...) and that the app's space is shared with the "
    "users of the page.",
)
OAUTH_CLIENT_MISSING = Rule(
    "online-oauth-client-missing",
    Severity.ERROR,
    "The project's OAuth client id does not exist on its tenant: the page cannot sign users in.",
    "Create the OAuth client (`mashup-gen new --create-oauth-client NAME`, or Management Console > Settings > "
    "OAuth: a single-page app for --auth oauth2, a web app with user impersonation for --auth impersonation) "
    "and use its client id.",
)
OAUTH_CLIENT_TYPE = Rule(
    "online-oauth-client-type",
    Severity.ERROR,
    "The OAuth client is of the wrong type for the project's sign-in: --auth oauth2 signs in in the browser "
    "with a single-page-app client (spa), --auth impersonation asks from a backend with a web client.",
    "Create a client of the right type (its type cannot be changed) and use its id: `mashup-gen regenerate "
    "--client-id ID`.",
)
OAUTH_GRANT_MISSING = Rule(
    "online-oauth-grant-missing",
    Severity.ERROR,
    "The web OAuth client lacks the user-impersonation grant (urn:qlik:oauth:user-impersonation): the "
    "backend's token requests are refused.",
    "Allow user impersonation on the OAuth client (Management Console > Settings > OAuth, or `qlik oauth-client "
    "patch ID --op add --path /allowedGrantTypes --value urn:qlik:oauth:user-impersonation`).",
)
OAUTH_REDIRECT_MISSING = Rule(
    "online-oauth-redirect-missing",
    Severity.ERROR,
    "The OAuth client's redirect URLs lack the project's callback page: sign-in fails with a redirect error.",
    "Add <origin>/oauth-callback.html for each origin to the OAuth client's redirect URLs: "
    "`mashup-gen check --online --fix-origins`, or Management Console > Settings > OAuth.",
)
OAUTH_ORIGIN_MISSING = Rule(
    "online-oauth-origin-missing",
    Severity.ERROR,
    "The OAuth client's allowed origins lack an origin the page is served from: its token requests are refused.",
    "Add the origin to the OAuth client's allowed origins: `mashup-gen check --online --fix-origins`, or "
    "Management Console > Settings > OAuth.",
)
NOT_CHECKED = Rule(
    "online-not-checked",
    Severity.WARNING,
    "The project was not checked online: what it would be checked against is unknown, or the API key is not "
    "for its tenant.",
    "Give the project a record (`mashup-gen adopt`), or use an API key of the project's tenant.",
)
FIX_FAILED = Rule(
    "online-origins-fix-failed",
    Severity.ERROR,
    "--fix-origins could not add the missing origins to the web integration.",
    "Use an API key of a user with the Tenant Admin role, or add the origins in Management Console > "
    "Integrations > Web.",
)
OAUTH_FIX_FAILED = Rule(
    "online-oauth-fix-failed",
    Severity.ERROR,
    "--fix-origins could not add the missing origins or redirect URLs to the OAuth client.",
    "Use an API key of a user with the Tenant Admin role, or add them in Management Console > Settings > OAuth.",
)

RULES: tuple[Rule, ...] = (
    KEY_REJECTED,
    UNREACHABLE,
    ACCESS_DENIED,
    UNEXPECTED,
    WEB_INTEGRATION_MISSING,
    ORIGIN_NOT_ALLOWED,
    APP_MISSING,
    OAUTH_CLIENT_MISSING,
    OAUTH_CLIENT_TYPE,
    OAUTH_GRANT_MISSING,
    OAUTH_REDIRECT_MISSING,
    OAUTH_ORIGIN_MISSING,
    NOT_CHECKED,
    FIX_FAILED,
    OAUTH_FIX_FAILED,
)
