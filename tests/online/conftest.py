"""Fixtures of the `--online` / `--create-*` tests: a stand-in tenant that knows the test API key."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from online_support import online_tenant
from standin import Tenant


@pytest.fixture
def tenant() -> Iterator[Tenant]:
    """online_support.online_tenant(), always stopped."""
    with online_tenant() as t:
        yield t
