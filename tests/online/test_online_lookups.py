"""Memoised, concurrent reads of a tenant: each read made once however many projects ask, a progress tick per
project, and a bounded pool that cannot deadlock on them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from online_support import APP_ID, KEY, ORIGIN
from standin import Tenant

from mashup_gen.online.apikey import ApiKey
from mashup_gen.online.client import Client, Settings
from mashup_gen.online.lookups import Memo, TenantLookups
from mashup_gen.online.targets import Target
from mashup_gen.online.verify import OnlineCheck
from mashup_gen.tenant import Tenant as TenantUrl


def test_memo_computes_once_for_many_threads() -> None:
    memo = Memo()
    calls: list[int] = []
    gate = threading.Event()

    def compute() -> int:
        gate.wait(2)
        calls.append(1)
        return 42

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(memo.get, "k", compute) for _ in range(8)]
        gate.set()
        assert [f.result(timeout=5) for f in futures] == [42] * 8
    assert calls == [1]
    assert memo.get("other", lambda: 7) == 7


def test_memo_remembers_failures_too() -> None:
    memo = Memo()
    calls: list[int] = []

    def fail() -> int:
        calls.append(1)
        raise RuntimeError("no")

    for _ in range(3):
        with pytest.raises(RuntimeError):
            memo.get("k", fail)
    assert calls == [1]


def test_listing_web_integrations_is_fetched_once(tenant: Tenant) -> None:
    ids = {tenant.add_web_integration([ORIGIN]) for _ in range(3)}
    url = TenantUrl.parse(tenant.url)
    lookups = TenantLookups(url, Client(url, ApiKey(KEY, "test"), Settings()))
    assert {item["id"] for item in lookups.web_integrations()} == ids
    assert {item["id"] for item in lookups.web_integrations()} == ids
    assert tenant.requested("/api/v1/web-integrations") == 1


def test_many_projects_through_a_small_pool_finish_with_a_tick_each(tenant: Tenant) -> None:
    """More distinct reads than workers, every one waiting on the tenant's key check: no deadlock."""
    url = TenantUrl.parse(tenant.url)
    wids = [tenant.add_web_integration([ORIGIN]) for _ in range(10)]
    verifier = OnlineCheck(ApiKey(KEY, "test"), Settings(pool_size=2), workers=2)
    for index, wid in enumerate(wids):
        verifier.add(Target(f"p{index}", url, wid, APP_ID, (ORIGIN,)))
    ticks: list[int] = []
    lengths: list[int] = []

    @contextmanager
    def progress(length: int) -> Iterator[object]:
        lengths.append(length)
        yield ticks.append

    try:
        result = verifier.finish(progress)
    finally:
        verifier.close()
    assert result.findings == [] and result.checked == 10
    assert lengths == [10] and sum(ticks) == 10
    assert tenant.requested("/api/v1/users/me") == 1 and tenant.requested("/api/v1/items") == 1


@pytest.mark.parametrize("settings", [None, Settings(), Settings.from_env({"MASHUP_GEN_HTTP_TIMEOUT": "9"})])
def test_each_request_thread_has_a_connection_whatever_the_settings(tenant: Tenant, settings: Settings | None) -> None:
    """A pool smaller than the threads would hold the extra threads back, each waiting for a connection."""
    url = TenantUrl.parse(tenant.url)
    verifier = OnlineCheck(ApiKey(KEY, "test"), settings, workers=24)
    try:
        verifier.add(Target("p", url, tenant.add_web_integration([ORIGIN]), APP_ID, (ORIGIN,)))
        pool = verifier._tenants[url].client._pool
        assert pool is not None and pool.connection_pool_kw["maxsize"] == 24
        assert verifier.finish().checked == 1
    finally:
        verifier.close()
    if settings is not None:
        assert verifier.settings.read_timeout == settings.read_timeout  # the rest of the settings kept
