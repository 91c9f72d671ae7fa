"""One log line per request, and the request id every layer below can read.

Pure ASGI and outermost: it sees the final status of every response, including those
of the middleware beneath it. The line carries the method, the route template (never
the query string, where a legacy client may put its key), the GraphQL operation names,
status, duration, principal id, request id and the number of SQL statements; never a
header, body, token or password."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from gateway import tracing
from gateway.database import SqlTrace, sql_trace

logger = logging.getLogger("crm.request")

REQUEST_ID_HEADER = "x-request-id"
# Operational endpoints polled every few seconds: logged at DEBUG so they do not drown
# the traffic, and left out of the request metrics.
QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
UNMATCHED = "<unmatched>"
_VALID_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")


@dataclass
class RequestInfo:
    request_id: str
    method: str
    path: str
    status: int = 0
    operations: list[str] = field(default_factory=list)
    sql: SqlTrace = field(default_factory=SqlTrace)
    # Set when a limiter reported its own rejection, so a 429 is not counted twice.
    rejection_counted: bool = False


current_request: ContextVar[RequestInfo | None] = ContextVar("current_request", default=None)


def request_id_from(headers: Headers) -> str:
    """The caller's X-Request-ID when it is a sane token (the proxy's, usually), else a new one."""
    sent = headers.get(REQUEST_ID_HEADER, "")
    return sent if _VALID_ID.fullmatch(sent) else uuid.uuid4().hex


def route_template(scope: Scope) -> str:
    if scope.get("path") in QUIET_PATHS:
        return str(scope["path"])
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) and path else UNMATCHED


def principal_id(scope: Scope) -> str | None:
    principal = scope.get("principal")
    if principal is None:
        return None
    return f"{principal.kind}:{principal.id}"


def note_operation(name: str | None) -> None:
    info = current_request.get()
    if info is not None:
        info.operations.append(name or "<anonymous>")


class OperationNameExtension(SchemaExtension):
    """Hands each GraphQL operation's name to the request log and the metrics, and wraps
    the operation in a tracing span when tracing is on."""

    def on_execute(self) -> Iterator[None]:
        name = self.execution_context.operation_name
        note_operation(name)
        with tracing.span(f"graphql {name or '<anonymous>'}", {"graphql.operation.name": name}):
            yield


class RequestLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        info = RequestInfo(
            request_id=request_id_from(Headers(scope=scope)),
            method=scope["method"],
            path=scope["path"],
        )
        scope["request_id"] = info.request_id
        scope.setdefault("state", {})["request_id"] = info.request_id
        info_token = current_request.set(info)
        outer = sql_trace.get()
        trace_token = sql_trace.set(info.sql)
        header = (REQUEST_ID_HEADER.encode(), info.request_id.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                info.status = message["status"]
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        except BaseException:
            info.status = info.status or 500
            raise
        finally:
            sql_trace.reset(trace_token)
            # A caller's own trace around the app (a test counting statements) still
            # counts this request's.
            if outer is not None:
                outer.statements += info.sql.statements
                outer.seconds += info.sql.seconds
            current_request.reset(info_token)
            self.log(scope, info, time.perf_counter() - started)

    def log(self, scope: Scope, info: RequestInfo, seconds: float) -> None:
        level = logging.DEBUG if info.path in QUIET_PATHS else logging.INFO
        if not logger.isEnabledFor(level):
            return
        fields: dict[str, Any] = {
            "method": info.method,
            "route": route_template(scope),
            "operation": ",".join(info.operations) or None,
            "status": info.status,
            "duration_ms": round(seconds * 1000, 2),
            "principal": principal_id(scope),
            "request_id": info.request_id,
            "sql_statements": info.sql.statements,
        }
        logger.log(level, "request", extra={"fields": fields})
