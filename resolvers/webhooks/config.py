"""How deliveries behave: the operator's settings, set once at start-up.

Resolver signatures are shared by GraphQL and REST and carry no delivery options, so
the gateway (or the `webhooks deliver` command) installs them here from its settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class WebhookConfig:
    # Private, loopback and link-local receivers are refused unless the operator allows them.
    allow_private: bool = False
    max_attempts: int = 8
    timeout_seconds: float = 10.0
    # Retry n waits backoff_seconds * 2**(n-1), at most backoff_cap_seconds.
    backoff_seconds: float = 1.0
    backoff_cap_seconds: float = 3600.0
    # How long a claimed delivery stays with its worker; a worker killed mid-flight
    # leaves it to be claimed again after this.
    lease_seconds: float = 60.0
    # Events are rescanned this long after they were written: on PostgreSQL a
    # transaction that commits late shows an id below ones already fanned out.
    settle_seconds: float = 60.0
    # Seals secrets at rest (resolvers.webhooks.sealing): the gateway and the `webhooks
    # deliver` command derive it from CRM_SECRET_KEY; unconfigured, a process-local key.
    sealing_key: bytes = field(default_factory=lambda: os.urandom(32), repr=False)

    def backoff(self, attempts: int) -> float:
        exponent = min(max(attempts - 1, 0), 32)
        return float(min(self.backoff_seconds * 2**exponent, self.backoff_cap_seconds))


_current = WebhookConfig()


def configure(**changes: Any) -> WebhookConfig:
    """Replace some settings; answers the new configuration."""
    global _current
    _current = replace(_current, **changes)
    return _current


def current() -> WebhookConfig:
    return _current
