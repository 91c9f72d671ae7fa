"""Webhook tests: the delivery settings each test runs under, restored afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from resolvers import webhooks
from resolvers.webhooks import WebhookConfig


@pytest.fixture
def config() -> Iterator[WebhookConfig]:
    """Receivers on 127.0.0.1 allowed (CRM_WEBHOOK_ALLOW_PRIVATE=1), fast retries."""
    before = webhooks.current()
    yield webhooks.configure(
        allow_private=True, max_attempts=3, timeout_seconds=5.0, backoff_seconds=0.05,
        backoff_cap_seconds=1.0, lease_seconds=2.0, settle_seconds=60.0,
    )  # fmt: skip
    webhooks.configure(**vars(before))


@pytest.fixture
def strict() -> Iterator[WebhookConfig]:
    """The default: private receivers refused."""
    before = webhooks.current()
    yield webhooks.configure(allow_private=False)
    webhooks.configure(**vars(before))
