"""Asking the tenant: ``check --online``, ``--fix-origins``, ``new --create-web-integration`` and
``new --create-oauth-client``.

One module per concept: where the API key comes from (:mod:`apikey`), the HTTP client (:mod:`client`),
what each project claims (:mod:`targets`), memoised reads of a tenant (:mod:`lookups`), the checks and
their rules (:mod:`verify`, :mod:`rules`), adding missing origins to web integrations (:mod:`origins_fix`)
and origins and redirect URIs to OAuth clients (:mod:`oauth_fix`), and creating a web integration or an
OAuth client (:mod:`create`). Everything here is imported only by the commands that go online.
"""
