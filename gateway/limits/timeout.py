"""A deadline on every request: pure ASGI middleware around the whole app.

Past `seconds` the request's task is cancelled (open transactions roll back as their
context managers unwind) and the caller gets 504 in its own shape, GraphQL error code
TIMEOUT. A reply already under way cannot be replaced, so it is cut short instead.

One timer watches every request in flight, ticking a twentieth of the deadline (at most
every half second): `asyncio.timeout` schedules and cancels a timer of its own for each
request, which cost ~15 % of the middleware stack of a read by id. A request is stopped
between its deadline and a tick later. Whether a reply is under way is read from the
front layer's record of the request (gateway.front_door): the reply's messages pass
through no wrapper of this layer's (without that layer, a bare app, they are watched).
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.limits.dialects import DialectMap
from gateway.limits.refusals import refusal
from gateway.limits.rejections import record_rejection
from gateway.request_log import current_request

MAX_TICK_SECONDS = 0.5


class _InFlight:
    __slots__ = ("task", "due", "expired")

    def __init__(self, task: asyncio.Task[object], due: float) -> None:
        self.task = task
        self.due = due
        self.expired = False


class TimeoutMiddleware:
    def __init__(self, app: ASGIApp, *, seconds: float, dialects: DialectMap) -> None:
        self.app = app
        self.seconds = seconds
        self.dialects = dialects
        self.tick = min(seconds / 20, MAX_TICK_SECONDS)
        self._in_flight: set[_InFlight] = set()
        self._timer: asyncio.TimerHandle | None = None
        self._timer_loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        task = asyncio.current_task()
        if scope["type"] != "http" or self.seconds <= 0 or task is None:
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        info = current_request.get()

        loop = asyncio.get_running_loop()
        entry = _InFlight(task, loop.time() + self.seconds)
        cancelling = task.cancelling()
        self._in_flight.add(entry)
        if self._timer is None or self._timer_loop is not loop:
            # (A new loop: a test's, or the first request; the old loop's timer is gone.)
            self._timer_loop = loop
            self._timer = loop.call_later(self.tick, self._sweep, loop)
        try:
            await self.app(scope, receive, tracking_send if info is None else send)
        except asyncio.CancelledError:
            # The sweep's own cancellation becomes the timeout (as asyncio.timeout does);
            # anyone else's (the client gone, the server stopping) goes on up.
            if not entry.expired or task.uncancel() > cancelling:
                raise
        else:
            return
        finally:
            self._in_flight.discard(entry)
        record_rejection("timeout")
        if started or (info is not None and info.status):
            raise TimeoutError
        message = f"The request took longer than {self.seconds:g} seconds and was stopped"
        dialect = self.dialects.dialect_of(scope)
        await refusal(scope, dialect, 504, "TIMEOUT", message)(scope, receive, send)

    def _sweep(self, loop: asyncio.AbstractEventLoop) -> None:
        now = loop.time()
        for entry in self._in_flight:
            if not entry.expired and entry.due <= now and entry.task.get_loop() is loop:
                entry.expired = True
                entry.task.cancel()
        if loop is not self._timer_loop:
            return  # a stale loop's last tick
        self._timer = loop.call_later(self.tick, self._sweep, loop) if self._in_flight else None
