"""The v2 API (`/api/v2/`, API key): `{success, data, meta}` replies and rate-limit headers."""

from __future__ import annotations

from starlette.requests import Request

from resolvers.permissions import Principal
from rest_compat.ids import IntegerIds
from rest_compat.limits import DEFAULT_PER_HOUR, Limiter, Quota
from rest_compat.routing import Dialect, QuotaHook


def quota_hook(limiter: Limiter) -> QuotaHook:
    """Every v2 reply carries the caller's quota: per credential, else per client address."""

    async def quota(request: Request) -> Quota:
        principal: Principal | None = request.scope.get("principal")
        if principal is not None:
            key = f"{principal.kind}:{principal.id}"
            limit = principal.rate_limit_per_hour or DEFAULT_PER_HOUR
        else:
            key = f"anonymous:{request.client.host if request.client else '-'}"
            limit = DEFAULT_PER_HOUR
        return await limiter.hit(key, limit)

    return quota


def dialect(limiter: Limiter) -> Dialect:
    return Dialect(
        name="v2", ids=IntegerIds(), security=("x_api_key", "bearer"), quota=quota_hook(limiter)
    )
