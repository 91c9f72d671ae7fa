"""What a refused write must leave as it was, each read in one statement whose SQL text is
made once per dialect: the fuzz tests look after every one of thousands of requests, and
building, compiling and running one SELECT per table each time was most of their time.

`snapshot` is every row of every table; `fingerprint` is each table's row count and
latest `updated_at` (cheaper where the demo data makes tables long). Both leave out the
tables a refused request may still write: the token's last use, the idempotency record."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from gateway.database import Database
from resolvers.models import metadata

SKIP_TABLES = frozenset({"api_tokens", "idempotency_keys"})
TABLES = tuple(t for t in metadata.sorted_tables if t.name not in SKIP_TABLES)


@cache
def _fingerprint_sql(dialect: str) -> str:
    cast = "::text" if dialect == "postgresql" else ""
    parts = []
    for table in TABLES:
        latest = f"max(updated_at){cast}" if "updated_at" in table.c else "''"
        parts.append(f"SELECT '{table.name}', count(*), {latest} FROM \"{table.name}\"")
    return " UNION ALL ".join(parts)


@cache
def _rows_sql(dialect: str) -> str:
    parts = []
    for table in TABLES:
        if dialect == "postgresql":
            # A row's own text form: every column, quoted where it must be.
            row = f'r::text FROM "{table.name}" AS r'
        else:
            # quote() writes each value as an SQL literal (NULL, 'it''s', X'00'), so the
            # comma between them cannot be confused with one inside a value.
            row = " || ',' || ".join(f'quote("{c.name}")' for c in table.c)
            row = f'{row} FROM "{table.name}"'
        parts.append(f"SELECT '{table.name}', {row}")
    return " UNION ALL ".join(parts)


async def fingerprint(db: Database) -> dict[str, tuple[Any, ...]]:
    """Each table's row count and latest change: a refused write moves neither."""
    async with db.read() as conn:
        rows = (await conn.exec_driver_sql(_fingerprint_sql(db.dialect))).all()
    return {str(name): (count, latest) for name, count, latest in rows}


async def snapshot(db: Database) -> dict[str, list[str]]:
    """Every row of every table, each table's rows sorted: equal snapshots, equal tables."""
    out: dict[str, list[str]] = {table.name: [] for table in TABLES}
    async with db.read() as conn:
        for name, row in (await conn.exec_driver_sql(_rows_sql(db.dialect))).all():
            out[name].append(row)
    for rows in out.values():
        rows.sort()
    return out


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The tables whose reading differs."""
    return [name for name in before if before[name] != after.get(name)]
