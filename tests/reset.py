"""Emptying the test database between tests by what was written, not by the whole schema.

Emptying all 65 tables and inserting the reference lists again before every test was
most of a short test's time. Instead a listener on every engine of this process notes
the tables each INSERT, UPDATE or DELETE names (before it runs, so a failed insert that
advanced a PostgreSQL sequence counts too), and one probe statement finds any other
table that has rows (written by another process, e.g. a `crm-gateway` command). Only
those are emptied; the reference lists are rebuilt only when one of them was touched."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncConnection

from gateway.database import Database
from resolvers.models import metadata, table_of
from resolvers.reference.seeds import REFERENCE
from resolvers.reference_data import ensure_reference_data

# Reverse dependency order: children before the parents their foreign keys name.
ORDER = [table.name for table in reversed(metadata.sorted_tables)]
TABLES = frozenset(ORDER)
REFERENCE_TABLES = frozenset(table_of(model).name for model, _ in REFERENCE)
DATA_TABLES = sorted(TABLES - REFERENCE_TABLES)
# Emptying a reference list empties (cascade) or breaks (restrict) the tables referring to it.
REFERRERS: dict[str, set[str]] = {name: set() for name in TABLES}
for _table in metadata.sorted_tables:
    for _key in _table.foreign_keys:
        REFERRERS[_key.column.table.name].add(_table.name)

_WRITTEN = re.compile(
    r"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)"
    r"\s+(?:ONLY\s+)?(?:\"?\w+\"?\.)?\"?(\w+)\"?",
    re.IGNORECASE,
)
_WRITE_VERBS = frozenset({"INSERT", "REPLACE", "UPDATE", "DELETE", "TRUNCATE", "MERGE", "COPY"})


def written_tables(statement: str) -> set[str] | None:
    """The known tables a statement may write; None when it writes but names none we
    know (then everything counts as written)."""
    found = {name.lower() for name in _WRITTEN.findall(statement)} & TABLES
    verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
    if verb == "TRUNCATE" or (verb in _WRITE_VERBS and not found):
        return None
    return found


def closure(tables: Iterable[str]) -> set[str]:
    """The tables plus every table referring to them, transitively."""
    result: set[str] = set()
    todo = list(tables)
    while todo:
        name = todo.pop()
        if name not in result:
            result.add(name)
            todo.extend(REFERRERS.get(name, ()))
    return result


# The column each table's ids come from (a PostgreSQL sequence counts them).
ID_COLUMNS = {
    table.name: table.autoincrement_column.name
    for table in metadata.sorted_tables
    if table.autoincrement_column is not None
}


async def _restart_ids(conn: AsyncConnection, names: Iterable[str]) -> None:
    """Ids count from 1 again, as after TRUNCATE ... RESTART IDENTITY."""
    rows = [f"('{name}', '{ID_COLUMNS[name]}')" for name in names if name in ID_COLUMNS]
    if rows:
        await conn.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(t, c), 1, false) "
                f"FROM (VALUES {', '.join(rows)}) AS v(t, c)"
            )
        )


class DirtyTables:
    """The tables written since the last reset, for every engine in this process."""

    _current: ClassVar[DirtyTables | None] = None

    def __init__(self) -> None:
        self.tables: set[str] = set()
        self.everything = True

    @classmethod
    def current(cls) -> DirtyTables | None:
        return cls._current

    @classmethod
    def install(cls) -> DirtyTables:
        if cls._current is None:
            tracker = cls()
            event.listen(Engine, "before_cursor_execute", tracker._seen)
            cls._current = tracker
        return cls._current

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.everything:
            return
        tables = written_tables(statement)
        if tables is None:
            self.everything = True
        else:
            self.tables |= tables

    def mark_all(self) -> None:
        self.everything = True

    async def reset(self, db: Database) -> None:
        everything = self.everything
        dirty = set(TABLES) if everything else self.tables | await self._probe(db)
        if dirty & REFERENCE_TABLES:
            # A reference list was written: rebuild them all from their definitions.
            dirty = closure(dirty | REFERENCE_TABLES)
        if dirty:
            names = [name for name in ORDER if name in dirty]
            async with db.write() as conn:
                if db.dialect == "postgresql" and everything:
                    await conn.execute(
                        text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE")
                    )
                else:
                    # Children first. A table referring to these rows holds rows, so it
                    # is dirty too. On PostgreSQL DELETE of a few rows costs far less
                    # than TRUNCATE, which replaces every table's and index's files.
                    for name in names:
                        await conn.execute(text(f"DELETE FROM {name}"))
                    if db.dialect == "postgresql":
                        await _restart_ids(conn, names)
                if dirty & REFERENCE_TABLES:
                    await ensure_reference_data(conn)
        # What the reset itself wrote is the clean state.
        self.tables = set()
        self.everything = False

    async def _probe(self, db: Database) -> set[str]:
        """The data tables holding rows, in one statement: writes this process's listener
        could not see (another process's) are emptied as well."""
        checks = " UNION ALL ".join(
            f"SELECT '{name}' AS name WHERE EXISTS (SELECT 1 FROM {name})" for name in DATA_TABLES
        )
        async with db.read() as conn:
            rows = await conn.execute(text(checks))
            return {row[0] for row in rows}
