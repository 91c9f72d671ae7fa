"""The request quota: pure ASGI middleware charging one request per REST or GraphQL call.

Runs after authentication (it reads the principal from the scope). Every counted reply
carries X-RateLimit-Limit/Remaining/Reset; a spent quota answers 429 with Retry-After in
the caller's dialect before the request reaches its route. Paths of no surface (health,
docs, static assets, the GraphiQL page) pass uncounted.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.limits.caller import Charge, caller_key, caller_limit, current_charge
from gateway.limits.dialects import DialectMap
from gateway.limits.refusals import refusal
from gateway.limits.rejections import record_rejection
from gateway.limits.store import Limiter

REQUESTS = "requests:"
_QUOTA_HEADERS = frozenset((b"x-ratelimit-limit", b"x-ratelimit-remaining", b"x-ratelimit-reset"))


@dataclass(eq=False)
class RateLimitMiddleware:
    app: ASGIApp
    limiter: Limiter
    per_hour: int
    dialects: DialectMap

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        dialect = self.dialects.dialect_of(scope) if scope["type"] == "http" else None
        if dialect is None:
            await self.app(scope, receive, send)
            return
        key = caller_key(scope)
        quota = await self.limiter.hit(REQUESTS + key, caller_limit(scope, self.per_hour))
        if quota.exceeded:
            record_rejection("rate")
            headers = {**quota.headers, "Retry-After": str(quota.retry_after())}
            message = "Too many requests: the hourly rate limit is spent"
            response = refusal(scope, dialect, 429, "RATE_LIMITED", message, headers)
            await response(scope, receive, send)
            return
        charge = Charge(key=key)
        token = current_charge.set(charge)

        counted = [(name.lower().encode(), value.encode()) for name, value in quota.headers.items()]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Set, not added: the quota's headers replace any the reply carried.
                kept = [
                    pair for pair in message.get("headers", ()) if pair[0] not in _QUOTA_HEADERS
                ]
                message["headers"] = [*kept, *counted]
                if charge.retry_after is not None:
                    # The GraphQL cost budget refused the operation: a 429 like the quota's.
                    message["status"] = 429
                    MutableHeaders(scope=message)["Retry-After"] = str(charge.retry_after)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            current_charge.reset(token)
