"""Request size limits: pure ASGI middleware that answers 413 before anything parses.

A declared Content-Length over the limit is refused without reading a byte; a body sent
without one (chunked) is counted as it arrives, and once it passes the limit the app sees
the client disconnect and its reply is replaced by the 413. Multipart bodies (uploads)
may carry `upload_bytes` plus `body_bytes` of form fields; every other body `body_bytes`.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.limits.dialects import DialectMap
from gateway.limits.refusals import refusal
from gateway.limits.rejections import record_rejection


@dataclass(eq=False)
class BodyLimitMiddleware:
    app: ASGIApp
    body_bytes: int
    upload_bytes: int
    dialects: DialectMap

    def limit_for(self, headers: Headers) -> int:
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "multipart/form-data":
            return self.upload_bytes + self.body_bytes
        return self.body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = self.limit_for(headers)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await self.refuse(scope, receive, send, limit)
            return
        if "transfer-encoding" not in headers:
            # The server frames this body by its Content-Length, checked above, or there
            # is none: nothing to count, and no wrapper on every message of the reply.
            await self.app(scope, receive, send)
            return
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
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not (overflowed and not started):
                raise
        if overflowed and not started:
            await self.refuse(scope, receive, send, limit)

    async def refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        record_rejection("body")
        message = f"Request body too large: at most {limit} bytes"
        dialect = self.dialects.dialect_of(scope)
        response = refusal(
            scope, dialect, 413, "PAYLOAD_TOO_LARGE", message, {"Connection": "close"}
        )
        await response(scope, receive, send)
