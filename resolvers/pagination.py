"""Pages of rows with opaque, stable cursors.

A cursor holds the sort key of a row and its id, so pages stay stable while rows are
added; ties on the sort key are broken by id.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.context import Row
from resolvers.errors import Invalid

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class PageArgs:
    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None

    @property
    def size(self) -> int:
        wanted = self.last if self.last is not None and self.first is None else self.first
        if wanted is None:
            return DEFAULT_PAGE_SIZE
        if wanted < 0:
            raise Invalid.field(
                "first" if self.first is not None else "last", "must not be negative"
            )
        return min(wanted, MAX_PAGE_SIZE)

    @property
    def backwards(self) -> bool:
        return self.last is not None and self.first is None


@dataclass(frozen=True)
class Page:
    rows: Sequence[Row]
    has_next: bool
    has_previous: bool
    total: int

    def cursor(self, row: Row) -> str:
        return encode_cursor([row["id"]])


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps(list(values), default=str, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, field: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Invalid.field(field, "is not a cursor this API issued") from exc
    if not isinstance(values, list) or not values:
        raise Invalid.field(field, "is not a cursor this API issued")
    return values


async def paginate(conn: AsyncConnection, query: Select[Any], table: Table, args: PageArgs) -> Page:
    """One page of `query` in id order, with the total count of the unpaged query."""
    size = args.size
    total = int(
        await conn.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    )
    if args.after is not None:
        query = query.where(table.c.id > _cursor_id(args.after, "after"))
    if args.before is not None:
        query = query.where(table.c.id < _cursor_id(args.before, "before"))
    order = table.c.id.desc() if args.backwards else table.c.id.asc()
    rows = [r._mapping for r in await conn.execute(query.order_by(order).limit(size + 1))]
    more = len(rows) > size
    rows = rows[:size]
    if args.backwards:
        rows.reverse()
        return Page(rows, has_next=args.before is not None, has_previous=more, total=total)
    return Page(rows, has_next=more, has_previous=args.after is not None, total=total)


def _cursor_id(cursor: str, field: str) -> int:
    value = decode_cursor(cursor, field)[-1]
    if not isinstance(value, int):
        raise Invalid.field(field, "is not a cursor this API issued")
    return value
