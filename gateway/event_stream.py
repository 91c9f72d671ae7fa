"""One tail of the event log per process, fanned out to its live subscriptions.

The log is the source of truth, so every worker reads it for itself and sees the
writes of all the others. A tick is one indexed query (`id > position`); what wakes it:
- a commit in this process (a pool hook: the connection that recorded an event is
  checked in only after its transaction ended);
- PostgreSQL's NOTIFY, sent by `resolvers.core.events.record` and delivered on commit to
  every process listening;
- with CRM_REDIS_URL, a Redis publish each process sends after its own commits;
- otherwise the poll interval: short on SQLite, a safety net elsewhere.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from gateway.database import Database
from resolvers.changes import SETTLING, Change, changes_after, last_change_id
from resolvers.core.events import CHANNEL, RECORDED

log = logging.getLogger("crm.event_stream")

SQLITE_INTERVAL = 0.5
WOKEN_INTERVAL = 2.0
QUEUE_SIZE = 1000
# A gap wider than this is a burst of rolled-back writes, not commits to wait for.
MAX_GAP = 1000
RETRY_SECONDS = 1.0

_streams: weakref.WeakSet[EventStream] = weakref.WeakSet()
_hooked: weakref.WeakSet[Engine] = weakref.WeakSet()


class SlowSubscriber(Exception):
    """A subscriber fell QUEUE_SIZE changes behind; its subscription ends."""


class _Subscriber:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[Change | None] = asyncio.Queue(QUEUE_SIZE)
        self.dropped = False

    def offer(self, change: Change) -> None:
        if self.dropped:
            return
        try:
            self.queue.put_nowait(change)
        except asyncio.QueueFull:
            self.dropped = True

    async def changes(self) -> AsyncIterator[Change]:
        while True:
            if self.dropped and self.queue.empty():
                raise SlowSubscriber("the subscriber fell too far behind")
            change = await self.queue.get()
            if change is None:
                return
            yield change


def _hook(engine: Engine) -> None:
    """Wake this process's streams when a transaction that recorded an event ends."""
    if engine in _hooked:
        return
    _hooked.add(engine)

    @event.listens_for(engine, "rollback")
    def _rolled_back(conn: Connection) -> None:
        conn.info.pop(RECORDED, None)

    @event.listens_for(engine.pool, "checkin")
    def _checked_in(dbapi_connection: Any, record: Any) -> None:
        if record is not None and record.info.pop(RECORDED, False):
            for stream in list(_streams):
                if stream.db.writer.sync_engine is engine:
                    stream.committed()


class EventStream:
    def __init__(
        self, db: Database, *, redis_url: str | None = None, interval: float | None = None
    ) -> None:
        self.db = db
        self.redis_url = redis_url
        woken = db.dialect == "postgresql" or redis_url is not None
        self.interval = interval or (WOKEN_INTERVAL if woken else SQLITE_INTERVAL)
        self._subscribers: set[_Subscriber] = set()
        self._position = 0
        self._missing: dict[int, float] = {}  # ids of a gap -> when to stop waiting
        self._tasks: list[asyncio.Task[None]] = []
        self._pending: set[asyncio.Task[Any]] = set()
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._starting: asyncio.Lock | None = None
        self._redis: Any = None

    async def start(self) -> None:
        """Start tailing from the end of the log; idempotent. The app starts it with the
        process, so that its commits are published even before anyone subscribes."""
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:
            if self._tasks:
                return
            self._loop = asyncio.get_running_loop()
            self._wake = asyncio.Event()
            self._position = await last_change_id(self.db)
            _hook(self.db.writer.sync_engine)
            _streams.add(self)
            self._tasks.append(asyncio.create_task(self._tail(), name="event-tail"))
            if self.redis_url is not None:
                self._tasks.append(asyncio.create_task(self._redis_wakes(), name="event-redis"))
            elif self.db.dialect == "postgresql":
                self._tasks.append(asyncio.create_task(self._pg_wakes(), name="event-listen"))

    async def close(self) -> None:
        _streams.discard(self)
        for subscriber in self._subscribers:
            with suppress(asyncio.QueueFull):
                subscriber.queue.put_nowait(None)
        for task in [*self._tasks, *self._pending]:
            task.cancel()
        for task in [*self._tasks, *self._pending]:
            with suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()
        if self._redis is not None:
            await self._redis.aclose()
            self._redis = None

    @asynccontextmanager
    async def listen(self) -> AsyncIterator[AsyncIterator[Change]]:
        """Every change the tail reads from now on, until the block ends."""
        await self.start()
        if not self._subscribers:
            # The tail rests while nobody listens: the first subscriber starts it afresh.
            self._position = await last_change_id(self.db)
            self._missing.clear()
        subscriber = _Subscriber()
        self._subscribers.add(subscriber)
        try:
            yield subscriber.changes()
        finally:
            self._subscribers.discard(subscriber)

    def wake(self) -> None:
        if self._wake is not None:
            self._wake.set()

    def committed(self) -> None:
        """A transaction of this process recorded an event and has ended."""
        if self._loop is None:
            return
        self._loop.call_soon(self.wake)
        if self._redis is not None:
            task = self._loop.create_task(self._redis.publish(CHANNEL, "1"))
            self._pending.add(task)
            task.add_done_callback(self._published)

    def _published(self, task: asyncio.Task[Any]) -> None:
        self._pending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("could not publish to Redis: %s", task.exception())

    async def _tail(self) -> None:
        assert self._wake is not None
        while True:
            self._wake.clear()
            try:
                if self._subscribers:
                    await self.tick()
            except Exception:
                log.exception("reading the event log failed")
            # asyncio.timeout, not wait_for: on 3.11 wait_for swallows a cancel that
            # arrives with a wake (cpython gh-86296), and close() would wait forever.
            with suppress(TimeoutError):
                async with asyncio.timeout(self.interval):
                    await self._wake.wait()

    async def tick(self) -> None:
        """Read what the log holds past the position (and any gap still open), and hand
        each change to every subscriber."""
        found = await changes_after(self.db, self._position, also=self._missing)
        now = time.monotonic()
        for change in found:
            self._missing.pop(change.id, None)
            if change.id > self._position:
                gap = range(self._position + 1, change.id)
                if len(gap) <= MAX_GAP:
                    self._missing.update(dict.fromkeys(gap, now + SETTLING.total_seconds()))
                self._position = change.id
            for subscriber in list(self._subscribers):
                subscriber.offer(change)
        self._missing = {i: until for i, until in self._missing.items() if until > now}

    async def _pg_wakes(self) -> None:
        # A connection of its own, held while the process runs; retried if it drops.
        while True:
            try:
                async with self.db.reader.connect() as conn:
                    raw = await conn.get_raw_connection()
                    driver: Any = raw.driver_connection
                    lost = asyncio.Event()

                    def notified(*_: object) -> None:
                        self.wake()

                    await driver.add_listener(CHANNEL, notified)
                    driver.add_termination_listener(lambda *_, lost=lost: lost.set())
                    try:
                        self.wake()  # whatever committed while not listening
                        await lost.wait()
                    finally:
                        # The connection goes back to the pool: no listener may stay.
                        with suppress(Exception):
                            await driver.remove_listener(CHANNEL, notified)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("LISTEN %s failed, polling meanwhile: %s", CHANNEL, exc)
            await asyncio.sleep(RETRY_SECONDS)

    async def _redis_wakes(self) -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(str(self.redis_url))
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    self.wake()
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            self.wake()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("Redis subscription failed, polling meanwhile: %s", exc)
            await asyncio.sleep(RETRY_SECONDS)
