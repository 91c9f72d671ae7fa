"""Redis for the limiter tests: CRM_TEST_REDIS_URL (`.ci/run` starts one), else skipped."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import pytest

from gateway.limits.redis_store import RedisLimiter


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("CRM_TEST_REDIS_URL")
    if not url:
        pytest.skip('needs Redis: set CRM_TEST_REDIS_URL (eval "$(.ci/redis.sh start DIR PORT)")')
    return url


@pytest.fixture
def redis_prefix() -> str:
    """Keys of this test alone, so runs sharing one Redis never see each other's counts."""
    return f"crm-test:{uuid.uuid4().hex}:"


@pytest.fixture
async def redis_limiter(redis_url: str, redis_prefix: str) -> AsyncIterator[RedisLimiter]:
    limiter = RedisLimiter.from_url(redis_url, prefix=redis_prefix)
    yield limiter
    await limiter.close()
