"""Pytest fixtures around the fake hosted backend, shared by the client and assistant tests.

Registered for the whole suite from ``tests/conftest.py``; nothing here is autouse, so a test
module opts in (``pytestmark = pytest.mark.usefixtures("no_token_in_logs")``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from meme_desktop.api.auth import CloudAuth
from meme_desktop.api.client import NemoClient
from tests.helpers.fake_cloud import FakeCloud, FakeCloudServer, fast_policy


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A fake hosted backend on a free loopback port."""
    with FakeCloudServer() as c:
        yield c


@pytest.fixture
def no_token_in_logs(cloud: FakeCloud, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Whatever the test did, no token issued by the fake is in any log line."""
    caplog.set_level(logging.DEBUG)
    yield
    lines = [r.getMessage() for r in caplog.records]
    assert cloud.issued or not any("Bearer" in line for line in lines)
    for token in cloud.issued:
        assert not any(token in line for line in lines)


@pytest.fixture
async def client(cloud: FakeCloud) -> AsyncIterator[NemoClient]:
    """A protocol client signed in to the fake the way the app signs in to the cloud."""
    async with httpx.AsyncClient(timeout=10) as http:
        yield NemoClient(http, cloud.base_url, CloudAuth(cloud.base_url), fast_policy())
