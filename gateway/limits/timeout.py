"""A deadline on every request: pure ASGI middleware around the whole app.

Past `seconds` the request's task is cancelled (open transactions roll back as their
context managers unwind) and the caller gets 504 in its own shape, GraphQL error code
TIMEOUT. A reply already under way cannot be replaced, so it is cut short instead.
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.limits.dialects import DialectMap
from gateway.limits.refusals import refusal
from gateway.limits.rejections import record_rejection


class TimeoutMiddleware:
    def __init__(self, app: ASGIApp, *, seconds: float, dialects: DialectMap) -> None:
        self.app = app
        self.seconds = seconds
        self.dialects = dialects

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0:
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            async with asyncio.timeout(self.seconds):
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            record_rejection("timeout")
            if started:
                raise
            message = f"The request took longer than {self.seconds:g} seconds and was stopped"
            dialect = self.dialects.dialect_of(scope)
            await refusal(scope, dialect, 504, "TIMEOUT", message)(scope, receive, send)
