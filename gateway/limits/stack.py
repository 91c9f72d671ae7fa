"""How the application puts its admission layer and the limits together from its settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from starlette.middleware import Middleware

from gateway.admission import Admission
from gateway.authentication import Credentials
from gateway.limits.cost import CostLimit
from gateway.limits.dialects import DialectMap
from gateway.limits.store import Limiter, MemoryLimiter
from gateway.settings import Settings


def limiter_for(settings: Settings) -> Limiter:
    """Redis when CRM_REDIS_URL is set (exact across workers), else this process's memory."""
    if settings.redis_url:
        from gateway.limits.redis_store import RedisLimiter

        return RedisLimiter.from_url(settings.redis_url)
    return MemoryLimiter()


def admission(
    settings: Settings, limiter: Limiter, dialects: DialectMap, credentials: Credentials
) -> Middleware:
    """Every part: the deadline around everything, the body size, the principal (the
    quota needs it), the quota."""
    return Middleware(
        Admission,
        dialects=dialects,
        seconds=settings.request_timeout_seconds,
        body_bytes=settings.max_body_bytes,
        upload_bytes=settings.max_upload_bytes,
        credentials=credentials,
        limiter=limiter,
        per_hour=settings.rate_limit_per_hour,
    )


def quota_middleware(
    settings: Settings, limiter: Limiter, dialects: DialectMap
) -> list[Middleware]:
    """The request quota alone, after a layer that puts the principal in the scope (the
    app's admission layer charges it among its other parts)."""
    return [
        Middleware(
            Admission, limiter=limiter, per_hour=settings.rate_limit_per_hour, dialects=dialects
        )
    ]


def cost_extension(settings: Settings, limiter: Limiter) -> Sequence[Callable[[], Any]]:
    return [
        lambda: CostLimit(
            limiter=limiter,
            per_hour=settings.graphql_cost_per_hour,
            max_nodes=settings.max_nodes,
        )
    ]
