"""The deadline's watch: one timer for every request in flight (gateway.admission stops
a request past its deadline with it).

`asyncio.timeout` schedules and cancels a timer of its own for each request, which cost
~15 % of the middleware stack of a read by id; this timer ticks a twentieth of the
deadline (at most every half second) and cancels the requests past it, so a request is
stopped between its deadline and a tick later.
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp

from gateway.limits.dialects import DialectMap

MAX_TICK_SECONDS = 0.5


class InFlight:
    __slots__ = ("task", "due", "expired")

    def __init__(self, task: asyncio.Task[object], due: float) -> None:
        self.task = task
        self.due = due
        self.expired = False


class Deadlines:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.tick = min(seconds / 20, MAX_TICK_SECONDS)
        self._in_flight: set[InFlight] = set()
        self._timer: asyncio.TimerHandle | None = None
        self._timer_loop: asyncio.AbstractEventLoop | None = None

    def enter(self, task: asyncio.Task[object]) -> tuple[InFlight, int]:
        """Watch `task` from now; the entry, and the cancellations it had before (a
        cancellation past them that is not the sweep's goes on up)."""
        loop = asyncio.get_running_loop()
        entry = InFlight(task, loop.time() + self.seconds)
        self._in_flight.add(entry)
        if self._timer is None or self._timer_loop is not loop:
            # (A new loop: a test's, or the first request; the old loop's timer is gone.)
            self._timer_loop = loop
            self._timer = loop.call_later(self.tick, self._sweep, loop)
        return entry, task.cancelling()

    def leave(self, entry: InFlight) -> None:
        self._in_flight.discard(entry)

    def _sweep(self, loop: asyncio.AbstractEventLoop) -> None:
        now = loop.time()
        for entry in self._in_flight:
            if not entry.expired and entry.due <= now and entry.task.get_loop() is loop:
                entry.expired = True
                entry.task.cancel()
        if loop is not self._timer_loop:
            return  # a stale loop's last tick
        self._timer = loop.call_later(self.tick, self._sweep, loop) if self._in_flight else None


def TimeoutMiddleware(app: ASGIApp, *, seconds: float, dialects: DialectMap) -> ASGIApp:
    """The deadline alone around `app`: the admission layer with no other part."""
    # Imported here: the admission layer imports this module's watch.
    from gateway.admission import Admission

    return Admission(app, dialects=dialects, seconds=seconds)
