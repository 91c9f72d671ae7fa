"""The layer between the front door and the routes, once per request: the deadline, the
body's size, the caller's principal and the request quota, each left out when its fields
are unset (the app takes all four; `TimeoutMiddleware` and `quota_middleware` one).

One pure ASGI layer instead of four, so a request enters and leaves one frame and its
headers are read once (docs/performance.md, "One admission layer").
- The deadline: past `seconds` the request's task is cancelled (open transactions roll
  back as they unwind) and the caller gets 504 in its own shape, code TIMEOUT; a reply
  already under way is cut short instead. One timer watches every request
  (gateway.limits.timeout).
- The body: a declared Content-Length over the limit is refused 413 unread; a chunked body
  is counted as it arrives, and once past the limit the app sees the client disconnect
  and the 413 replaces its reply. Multipart bodies (uploads) may carry `upload_bytes`
  plus `body_bytes` of form fields.
- The principal (gateway.authentication), never refused here: each surface answers a
  missing or bad credential in its own dialect. WebSocket handshakes get one too.
- The quota: one request per REST or GraphQL call; counted replies carry
  X-RateLimit-Limit/Remaining/Reset, a spent quota answers 429 with Retry-After before
  the route. Paths of no surface (health, docs, assets, the GraphiQL page) pass uncounted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.authentication import Credentials
from gateway.limits.caller import Charge, caller_key, caller_limit, current_charge
from gateway.limits.dialects import DialectMap
from gateway.limits.refusals import refusal
from gateway.limits.rejections import record_rejection
from gateway.limits.store import DEFAULT_PER_HOUR, Limiter
from gateway.limits.timeout import Deadlines
from gateway.request_log import current_request

REQUESTS = "requests:"
_QUOTA_HEADERS = frozenset((b"x-ratelimit-limit", b"x-ratelimit-remaining", b"x-ratelimit-reset"))


@dataclass(eq=False)
class Admission:
    app: ASGIApp
    dialects: DialectMap = field(default_factory=DialectMap.from_routes)
    # 0: no deadline.
    seconds: float = 0
    # None: no size limit.
    body_bytes: int | None = None
    upload_bytes: int = 0
    # None: the principal is already in the scope (or nobody's).
    credentials: Credentials | None = None
    # None: no quota.
    limiter: Limiter | None = None
    per_hour: int = DEFAULT_PER_HOUR
    deadlines: Deadlines | None = field(init=False)

    def __post_init__(self) -> None:
        self.deadlines = Deadlines(self.seconds) if self.seconds > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind != "http":
            if kind == "websocket" and self.credentials is not None:
                headers = Headers(scope=scope)
                scope["principal"], scope["auth_error"] = await self.credentials.of(headers)
            await self.app(scope, receive, send)
            return
        task = asyncio.current_task()
        if self.deadlines is None or task is None:
            await self.admit(scope, receive, send)
            return
        deadlines = self.deadlines
        info = current_request.get()
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        # Whether a reply is under way is read from the front layer's record of the
        # request (gateway.front_door), so the reply passes no wrapper of this part's;
        # without that layer (a bare app) its messages are watched.
        entry, cancelling = deadlines.enter(task)
        try:
            await self.admit(scope, receive, tracking_send if info is None else send)
        except asyncio.CancelledError:
            # The sweep's own cancellation becomes the timeout (as asyncio.timeout does);
            # anyone else's (the client gone, the server stopping) goes on up.
            if not entry.expired or task.uncancel() > cancelling:
                raise
        else:
            return
        finally:
            deadlines.leave(entry)
        record_rejection("timeout")
        if started or (info is not None and info.status):
            raise TimeoutError
        message = f"The request took longer than {self.seconds:g} seconds and was stopped"
        dialect = self.dialects.dialect_of(scope)
        await refusal(scope, dialect, 504, "TIMEOUT", message)(scope, receive, send)

    async def admit(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        counted: int | None = None
        if self.body_bytes is not None:
            declared = headers.get("content-length", "")
            chunked = "transfer-encoding" in headers
            # Under the smallest limit (most requests have no body) the media type is not read.
            if chunked or (declared.isdigit() and int(declared) > self.body_bytes):
                media = headers.get("content-type", "").split(";")[0].strip().lower()
                upload = self.upload_bytes if media == "multipart/form-data" else 0
                limit = self.body_bytes + upload
                if declared.isdigit() and int(declared) > limit:
                    await self.refuse_body(scope, receive, send, limit)
                    return
                # The server frames a body by its Content-Length, checked here: only a
                # chunked body is counted as it arrives.
                counted = limit if chunked else None
        if self.credentials is not None:
            scope["principal"], scope["auth_error"] = await self.credentials.of(headers)
        dialect = None if self.limiter is None else self.dialects.dialect_of(scope)
        charged: Callable[[Send], Send] = _as_is
        token = None
        if dialect is not None:
            assert self.limiter is not None
            key = caller_key(scope)
            quota = await self.limiter.hit(REQUESTS + key, caller_limit(scope, self.per_hour))
            if quota.exceeded:
                record_rejection("rate")
                extra = {**quota.headers, "Retry-After": str(quota.retry_after())}
                message = "Too many requests: the hourly rate limit is spent"
                response = refusal(scope, dialect, 429, "RATE_LIMITED", message, extra)
                await response(scope, receive, send)
                return
            charge = Charge(key=key)
            token = current_charge.set(charge)
            charged = partial(_with_quota, charge=charge, headers=quota.headers)
        try:
            if counted is None:
                await self.app(scope, receive, charged(send))
            else:
                await self.counting(scope, receive, send, counted, charged)
        finally:
            if token is not None:
                current_charge.reset(token)

    async def counting(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        limit: int,
        charged: Callable[[Send], Send],
    ) -> None:
        received = 0
        overflowed = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, overflowed
            if overflowed:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    overflowed = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if overflowed and not started:
                return  # the app's answer to a "disconnect": the 413 replaces it
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, charged(guarded_send))
        except Exception:
            if not (overflowed and not started):
                raise
        if overflowed and not started:
            await self.refuse_body(scope, receive, send, limit)

    async def refuse_body(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        record_rejection("body")
        message = f"Request body too large: at most {limit} bytes"
        dialect = self.dialects.dialect_of(scope)
        response = refusal(
            scope, dialect, 413, "PAYLOAD_TOO_LARGE", message, {"Connection": "close"}
        )
        await response(scope, receive, send)


def _as_is(send: Send) -> Send:
    return send


def _with_quota(send: Send, *, charge: Charge, headers: Mapping[str, str]) -> Send:
    counted = [(name.lower().encode(), value.encode()) for name, value in headers.items()]

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            # Set, not added: the quota's headers replace any the reply carried.
            kept = [pair for pair in message.get("headers", ()) if pair[0] not in _QUOTA_HEADERS]
            message["headers"] = [*kept, *counted]
            if charge.retry_after is not None:
                # The GraphQL cost budget refused the operation: a 429 like the quota's.
                message["status"] = 429
                MutableHeaders(scope=message)["Retry-After"] = str(charge.retry_after)
        await send(message)

    return send_with_headers
