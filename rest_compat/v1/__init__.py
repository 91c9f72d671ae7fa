"""The v1 API (`/api/v1/`, `X-API-KEY` or a Bearer JWT): JSON records, paginated lists.

Lists answer `{"data": [...], "meta": {"page", "per_page", "total", "total_pages"}}`.
Over its quota (1,000 requests an hour per credential unless the token has its own
`rate_limit_per_hour`) a caller gets 429 with `Retry-After`, as the document's table says.
"""

from __future__ import annotations

from starlette.requests import Request

from resolvers.permissions import Principal
from rest_compat.ids import IntegerIds
from rest_compat.limits import DEFAULT_PER_HOUR, Limiter, Quota
from rest_compat.routing import Dialect, QuotaHook


def quota_hook(limiter: Limiter) -> QuotaHook:
    """v1's own count per credential (else per client address), apart from v2's."""

    async def quota(request: Request) -> Quota:
        principal: Principal | None = request.scope.get("principal")
        if principal is not None:
            key = f"v1:{principal.kind}:{principal.id}"
            limit = principal.rate_limit_per_hour or DEFAULT_PER_HOUR
        else:
            key = f"v1:anonymous:{request.client.host if request.client else '-'}"
            limit = DEFAULT_PER_HOUR
        return await limiter.hit(key, limit)

    return quota


def dialect(limiter: Limiter) -> Dialect:
    return Dialect(
        name="v1", ids=IntegerIds(), security=("x_api_key", "bearer"), quota=quota_hook(limiter)
    )
