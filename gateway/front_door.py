"""The outermost layer, once per request: the request id and its log line, a redirect's
public Location, the request metrics and the operational endpoints.

One pure ASGI layer instead of four: each layer's frame and send wrapper cost about as
much as a single-record read's statement (docs/performance.md, "The request path's
layers"). What each part does is its own module's: gateway.request_log (the id, the
line), gateway.public_url (the Location), gateway.metrics (the series), gateway.health
(GET /healthz, /readyz and /metrics, answered here so a probe is never authenticated,
rate limited, or counted as traffic)."""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.database import Database, sql_trace
from gateway.health import Operations
from gateway.metrics import record_pool, record_request
from gateway.public_url import public_location
from gateway.request_log import (
    QUIET_PATHS,
    REQUEST_ID_HEADER,
    RequestInfo,
    current_request,
    log_request,
    request_id_from,
)

_HEADER_NAME = REQUEST_ID_HEADER.encode()


class FrontDoor:
    def __init__(
        self,
        app: ASGIApp,
        *,
        db: Database,
        public_url: str,
        redis_url: str | None,
        metrics_token: str | None,
        ready_timeout: float,
    ) -> None:
        self.app = app
        self.db = db
        self.public_url = public_url.rstrip("/")
        self.operations = Operations(
            db=db, redis_url=redis_url, metrics_token=metrics_token, timeout=ready_timeout
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        info = RequestInfo(request_id=request_id_from(scope), method=scope["method"], path=path)
        scope["request_id"] = info.request_id
        scope.setdefault("state", {})["request_id"] = info.request_id
        info_token = current_request.set(info)
        outer = sql_trace.get()
        trace_token = sql_trace.set(info.sql)
        header = (_HEADER_NAME, info.request_id.encode())
        public_url = self.public_url

        async def send_front(message: Message) -> None:
            if message["type"] == "http.response.start":
                info.status = message["status"]
                headers = [*message.get("headers", ()), header]
                public_location(scope, headers, public_url)
                message["headers"] = headers
            await send(message)

        quiet = path in QUIET_PATHS
        crashed = False
        started = time.perf_counter()
        try:
            if quiet:
                await self.operations(scope, receive, send_front)
            else:
                await self.app(scope, receive, send_front)
        except BaseException:
            crashed = True
            raise
        finally:
            seconds = time.perf_counter() - started
            sql_trace.reset(trace_token)
            # A caller's own trace around the app (a test counting statements) still
            # counts this request's.
            if outer is not None:
                outer.statements += info.sql.statements
                outer.seconds += info.sql.seconds
            if crashed:
                # Raised before replying: the client sees the server's 500, so do the
                # metrics and the log.
                info.status = info.status or 500
            if not quiet:
                record_request(scope, info, seconds)
                record_pool(self.db)
            current_request.reset(info_token)
            log_request(scope, info, seconds)
