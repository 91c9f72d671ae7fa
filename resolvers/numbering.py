"""Document numbers: the next free one per document type, and how they are written.

A document stores its number as an integer and its prefix apart ("INV-", 123); the
formatted "INV-000123" is made on the way out by `formatted_number`, which the GraphQL
and REST layers call, so changing the format never rewrites stored rows.
"""

from __future__ import annotations

import re
import zlib

from sqlalchemy import Table, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Row
from resolvers.core.errors import Conflict, Invalid

DIGITS = 6
MAX_NUMBER = 2_000_000_000
PREFIXES = {"invoices": "INV-", "estimates": "EST-", "credit_notes": "CN-", "proposals": "PRO-"}
# "INV-000123", "EST-001", "INV-2024-001", "123": a prefix (anything) then the digits
# (ASCII ones: "INV-٣" names no document).
WRITTEN = re.compile(r"^(?P<prefix>[\s\S]*?)(?P<digits>[0-9]+)$")


def format_number(prefix: str, number: int) -> str:
    return f"{prefix}{number:0{DIGITS}d}"


def formatted_number(resource: str, row: Row) -> str:
    """How a document's number is shown: "INV-000123". Proposals have none of their
    own and are known by their id ("PRO-000007"), as Perfex shows them."""
    if resource == "proposals":
        return format_number(PREFIXES["proposals"], int(row["id"]))
    return format_number(row["prefix"] or PREFIXES[resource], int(row["number"]))


def parse_number(value: int | str) -> tuple[str | None, int]:
    """A number as a client writes it: 42, "42", "INV-000042" -> (prefix or None, 42)."""
    if isinstance(value, int) and not isinstance(value, bool):
        prefix, number = None, value
    else:
        match = WRITTEN.match(str(value).strip())
        if match is None:
            raise Invalid.field("number", f"{value!r} is not a document number")
        prefix, number = match["prefix"] or None, int(match["digits"])
    if not 0 < number <= MAX_NUMBER:
        raise Invalid.field("number", f"must be between 1 and {MAX_NUMBER}")
    return prefix, number


async def _serialize(conn: AsyncConnection, table: Table) -> None:
    # SQLite writers already queue (BEGIN IMMEDIATE); on PostgreSQL two writers would
    # both read the same max, so they take a lock that lasts until their commit.
    if conn.dialect.name == "postgresql":
        key = zlib.crc32(f"numbering:{table.name}".encode())
        await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


async def assign_number(
    conn: AsyncConnection,
    table: Table,
    label: str,
    requested: int | None = None,
    *,
    record_id: int | None = None,
) -> int:
    """The document's number, inside the caller's transaction: the requested one when no
    other document (deleted ones too, they can be restored) holds it, else max + 1."""
    await _serialize(conn, table)
    if requested is None:
        highest = await conn.scalar(select(func.max(table.c.number)))
        return int(highest or 0) + 1
    query = select(table.c.id).where(table.c.number == requested)
    if record_id is not None:
        query = query.where(table.c.id != record_id)
    if (await conn.execute(query.limit(1))).first() is not None:
        raise Conflict(f"The {label} number is already in use", field="number")
    return requested
