"""Asking the tenant: ``check --online``, ``--fix-origins`` and ``new --create-web-integration``.

One module per concept: where the API key comes from (:mod:`apikey`), the HTTP client (:mod:`client`),
what each project claims (:mod:`targets`), memoised reads of a tenant (:mod:`lookups`), the checks and
their rules (:mod:`verify`, :mod:`rules`), adding missing origins (:mod:`origins_fix`) and creating a web
integration (:mod:`create`). Everything here is imported only by the commands that go online.
"""
