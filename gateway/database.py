"""Engines and connections for SQLite and PostgreSQL, and the per-request SQL trace."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Dialect, Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from resolvers.core.json_select.cursors import CURSOR_FUNCTION, sqlite_cursor
from resolvers.core.json_select.global_ids import GLOBAL_ID_FUNCTION, sqlite_global_id


@dataclass
class SqlTrace:
    statements: int = 0
    seconds: float = 0.0


sql_trace: ContextVar[SqlTrace | None] = ContextVar("sql_trace", default=None)


def _trace_statements(sync: Engine) -> None:
    @event.listens_for(sync, "before_cursor_execute")
    def _before(conn: Connection, *args: Any) -> None:
        conn.info["query_started"] = time.perf_counter()

    @event.listens_for(sync, "after_cursor_execute")
    def _after(conn: Connection, *args: Any) -> None:
        trace = sql_trace.get()
        if trace is not None:
            trace.statements += 1
            trace.seconds += time.perf_counter() - conn.info.pop(
                "query_started", time.perf_counter()
            )


def _sqlite_pragmas(sync: Engine, *, begin: str | None) -> None:
    @event.listens_for(sync, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Take BEGIN out of the driver's hands so writers can say BEGIN IMMEDIATE: a
        # deferred transaction that later writes fails with "database is locked" instead
        # of waiting its turn.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        # Global ids for reads answered in SQL (resolvers.core.json_select).
        dbapi_connection.create_function(
            GLOBAL_ID_FUNCTION, 2, sqlite_global_id, deterministic=True
        )
        dbapi_connection.create_function(CURSOR_FUNCTION, 1, sqlite_cursor, deterministic=True)

    if begin is not None:

        @event.listens_for(sync, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql(begin)


def _drop_closed_connections(engine: AsyncEngine) -> None:
    """Pessimistic disconnect handling without pool_pre_ping's round trip per checkout:
    a connection the server closed (a restart, an idle timeout) is known closed to
    asyncpg as soon as the loop reads the EOF, and the pool replaces it before use.
    A connection lost without a word (a network partition) fails its first statement,
    and SQLAlchemy then invalidates the pool."""

    @event.listens_for(engine.sync_engine, "checkout")
    def _checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if dbapi_connection.driver_connection.is_closed():
            raise DisconnectionError("the server closed this pooled connection")


class LoopConnection(AsyncConnection):
    """The asyncio facade over a synchronous SQLite connection: statements run straight
    through on the calling thread instead of SQLAlchemy requiring an awaiting driver.
    Only what resolvers call on a reader is routed; the rest is AsyncConnection's own."""

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        return self._proxied.execute(*args, **kwargs)

    async def exec_driver_sql(self, *args: Any, **kwargs: Any) -> Any:
        return self._proxied.exec_driver_sql(*args, **kwargs)

    async def scalar(self, *args: Any, **kwargs: Any) -> Any:
        return self._proxied.scalar(*args, **kwargs)

    async def scalars(self, *args: Any, **kwargs: Any) -> Any:
        return self._proxied.scalars(*args, **kwargs)


class Database:
    """Readers and writers have pools of their own. Readers run in autocommit; on SQLite
    writers take one connection that begins IMMEDIATE, so in-process writers queue on the
    pool instead of spinning on the file lock.

    On SQLite, reads run on the event loop's thread through the stdlib driver: a read
    by key takes tens of microseconds there, while aiosqlite hands every statement, the
    pool's checkout and its reset to a worker thread and back (~0.6 ms a read, measured
    in docs/performance.md). Writers keep aiosqlite, because BEGIN IMMEDIATE may wait
    for another process's lock and that wait must not stop the loop."""

    def __init__(self, url: str, *, pool_size: int = 20) -> None:
        # hide_parameters: a failed statement's error (and SQLAlchemy's echo) would print
        # its bound values, which are customers' data and secrets' ciphertexts.
        parsed = make_url(url)
        self.url = url
        self.dialect = parsed.get_backend_name()
        self.loop_reader: Engine | None = None
        if self.dialect == "sqlite":
            # The async engine the loop's connections present themselves as belonging to;
            # it opens no connection of its own.
            self.reader = create_async_engine(
                url, pool_size=1, max_overflow=0, hide_parameters=True
            )
            self.writer = create_async_engine(
                url, pool_size=1, max_overflow=0, pool_timeout=60, hide_parameters=True
            )
            # Unbounded overflow: a checkout on the loop's thread must never wait for a
            # connection another coroutine holds, or the loop would wait for itself.
            # No reset on return: in autocommit no transaction is ever left open.
            self.loop_reader = create_engine(
                parsed.set(drivername="sqlite+pysqlite"),
                pool_size=pool_size,
                max_overflow=-1,
                pool_reset_on_return=None,
                hide_parameters=True,
            )
            # Readers run in autocommit: each SELECT sees a consistent snapshot on its own
            # and a read costs no BEGIN round trip through the driver.
            _sqlite_pragmas(self.loop_reader, begin=None)
            _sqlite_pragmas(self.writer.sync_engine, begin="BEGIN IMMEDIATE")
        else:
            # Readers in autocommit, as on SQLite: a read is its statements alone, where a
            # pooled connection in a transaction pays BEGIN and ROLLBACK round trips too.
            # No overflow: under load an overflow connection is closed as it comes back
            # and opened again for the next request, a connect per request, which halved
            # S and R at 32 clients (docs/performance.md). Pool and overflow were 10 + 10:
            # a fixed 20 opens no more connections than before.
            self.reader = create_async_engine(
                url,
                pool_size=pool_size,
                max_overflow=0,
                isolation_level="AUTOCOMMIT",
                hide_parameters=True,
            )
            self.writer = create_async_engine(
                url, pool_size=pool_size, max_overflow=0, hide_parameters=True
            )
            _drop_closed_connections(self.reader)
            _drop_closed_connections(self.writer)
        for engine in self.sync_engines().values():
            _trace_statements(engine)
        # The dialect of the driver `first_row` runs statements on: its placeholders, its
        # bind processors (resolvers.core.json_select compiles for it).
        self.driver_dialect: Dialect = self.sync_engines()["main"].dialect

    def sync_engines(self) -> dict[str, Engine]:
        """Each engine that runs statements, by the name its pool is reported under."""
        return {
            "main": self.loop_reader or self.reader.sync_engine,
            "writer": self.writer.sync_engine,
        }

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        if self.loop_reader is not None:
            # A read on the loop's thread never suspends: yield once, so that other
            # requests get their turn and a request past its deadline is cancelled here.
            await asyncio.sleep(0)
            with self.loop_reader.connect() as sync:
                yield LoopConnection(self.reader, sync)
            return
        async with self.reader.connect() as conn:
            yield conn

    async def first_row(self, sql: str, parameters: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a read whose SQL text is made once (resolvers.core.json_records),
        through the driver alone: SQLAlchemy's connection, execution context and result
        cost ~170 us of a ~250 us read by id on SQLite. Counted in the request's trace."""
        trace = sql_trace.get()
        started = time.perf_counter()
        if self.loop_reader is not None:
            await asyncio.sleep(0)  # as in read(): other requests' turn, the deadline
            raw = self.loop_reader.raw_connection()
            try:
                driver: Any = raw.driver_connection
                found = driver.execute(sql, tuple(parameters)).fetchone()
            finally:
                raw.close()
        else:
            async with self.reader.connect() as conn:
                driver = (await conn.get_raw_connection()).driver_connection
                found = await driver.fetchrow(sql, *parameters)
        if trace is not None:
            trace.statements += 1
            trace.seconds += time.perf_counter() - started
        return None if found is None else tuple(found)

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        async with self.writer.begin() as conn:
            yield conn

    async def dispose(self) -> None:
        await self.reader.dispose()
        await self.writer.dispose()
        if self.loop_reader is not None:
            self.loop_reader.dispose()
