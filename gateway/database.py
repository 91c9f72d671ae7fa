"""Engines and connections for SQLite and PostgreSQL, and the per-request SQL trace."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from resolvers.json_select.global_ids import GLOBAL_ID_FUNCTION, sqlite_global_id


@dataclass
class SqlTrace:
    statements: int = 0
    seconds: float = 0.0


sql_trace: ContextVar[SqlTrace | None] = ContextVar("sql_trace", default=None)


def _trace_statements(engine: AsyncEngine) -> None:
    sync = engine.sync_engine

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


def _sqlite_pragmas(engine: AsyncEngine, *, begin: str | None) -> None:
    sync = engine.sync_engine

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
        # Global ids for reads answered in SQL (resolvers.json_select).
        dbapi_connection.create_function(
            GLOBAL_ID_FUNCTION, 2, sqlite_global_id, deterministic=True
        )

    if begin is not None:

        @event.listens_for(sync, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql(begin)


class Database:
    """Readers share a pool; on SQLite writers take one connection that begins IMMEDIATE,
    so in-process writers queue on the pool instead of spinning on the file lock."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        parsed = make_url(url)
        self.url = url
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            self.reader = create_async_engine(url, pool_size=pool_size, max_overflow=0)
            self.writer = create_async_engine(url, pool_size=1, max_overflow=0, pool_timeout=60)
            # Readers run in autocommit: each SELECT sees a consistent snapshot on its own
            # and a read costs no BEGIN round trip through the driver's thread.
            _sqlite_pragmas(self.reader, begin=None)
            _sqlite_pragmas(self.writer, begin="BEGIN IMMEDIATE")
            engines = [self.reader, self.writer]
        else:
            self.reader = create_async_engine(
                url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True
            )
            self.writer = self.reader
            engines = [self.reader]
        for engine in engines:
            _trace_statements(engine)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        async with self.reader.connect() as conn:
            yield conn

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        async with self.writer.begin() as conn:
            yield conn

    async def dispose(self) -> None:
        await self.reader.dispose()
        if self.writer is not self.reader:
            await self.writer.dispose()
