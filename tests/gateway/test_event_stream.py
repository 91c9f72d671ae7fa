"""The event stream stops when asked, even when a commit wakes it at that moment."""

from __future__ import annotations

import asyncio
import time

from gateway.database import Database
from gateway.event_stream import EventStream


async def test_close_stops_the_tail_woken_in_the_same_step(db: Database) -> None:
    # A write's commit wakes the tail just as shutdown cancels it: with 3.11's wait_for the
    # cancel was swallowed and close() waited forever (a worker that never exits). close()
    # swallows the cancel of its own wait, so a bound on the time is what can fail here.
    for _ in range(3):
        stream = EventStream(db, interval=30)
        await stream.start()
        await asyncio.sleep(0.01)
        stream.wake()
        await asyncio.sleep(0)
        started = time.monotonic()
        async with asyncio.timeout(3):
            await stream.close()
        assert time.monotonic() - started < 1, "close() waited for the tail"
        assert not stream._tasks
