"""How the application puts the limits together from its settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from starlette.middleware import Middleware

from gateway.limits.body import BodyLimitMiddleware
from gateway.limits.cost import CostLimit
from gateway.limits.dialects import DialectMap
from gateway.limits.middleware import RateLimitMiddleware
from gateway.limits.store import Limiter, MemoryLimiter
from gateway.limits.timeout import TimeoutMiddleware


class LimitSettings(Protocol):
    @property
    def redis_url(self) -> str | None: ...
    @property
    def rate_limit_per_hour(self) -> int: ...
    @property
    def graphql_cost_per_hour(self) -> int: ...
    @property
    def max_nodes(self) -> int: ...
    @property
    def request_timeout_seconds(self) -> float: ...
    @property
    def max_body_bytes(self) -> int: ...
    @property
    def max_upload_bytes(self) -> int: ...


def limiter_for(settings: LimitSettings) -> Limiter:
    """Redis when CRM_REDIS_URL is set (exact across workers), else this process's memory."""
    if settings.redis_url:
        from gateway.limits.redis_store import RedisLimiter

        return RedisLimiter.from_url(settings.redis_url)
    return MemoryLimiter()


def outer_middleware(settings: LimitSettings, dialects: DialectMap) -> list[Middleware]:
    """Before authentication: the deadline around everything, then the body size."""
    return [
        Middleware(TimeoutMiddleware, seconds=settings.request_timeout_seconds, dialects=dialects),
        Middleware(
            BodyLimitMiddleware,
            body_bytes=settings.max_body_bytes,
            upload_bytes=settings.max_upload_bytes,
            dialects=dialects,
        ),
    ]


def quota_middleware(
    settings: LimitSettings, limiter: Limiter, dialects: DialectMap
) -> list[Middleware]:
    """After authentication: the request quota needs the principal."""
    return [
        Middleware(
            RateLimitMiddleware,
            limiter=limiter,
            per_hour=settings.rate_limit_per_hour,
            dialects=dialects,
        )
    ]


def cost_extension(settings: LimitSettings, limiter: Limiter) -> Sequence[Callable[[], Any]]:
    return [
        lambda: CostLimit(
            limiter=limiter,
            per_hour=settings.graphql_cost_per_hour,
            max_nodes=settings.max_nodes,
        )
    ]
