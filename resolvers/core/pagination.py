"""Pages of rows with opaque, stable cursors (keyset pagination), or plain offsets.

A cursor holds a row's sort values and its id (see `resolvers.core.ordering`), so pages stay
stable while rows are added, whatever the order. REST dialects that number their pages
use `offset` instead.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement

from resolvers.core import json_body
from resolvers.core.context import Row
from resolvers.core.errors import Invalid
from resolvers.core.ordering import Sorting

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class PageArgs:
    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None
    offset: int | None = None

    @property
    def size(self) -> int:
        wanted = self.last if self.backwards else self.first
        if wanted is None:
            return DEFAULT_PAGE_SIZE
        if wanted < 0:
            raise Invalid.field(
                "first" if self.first is not None else "last", "must not be negative"
            )
        return min(wanted, MAX_PAGE_SIZE)

    @property
    def skip(self) -> int:
        if self.offset is not None and self.offset < 0:
            raise Invalid.field("offset", "must not be negative")
        return self.offset or 0

    @property
    def backwards(self) -> bool:
        return self.last is not None and self.first is None


@dataclass(frozen=True)
class Page:
    rows: Sequence[Row]
    has_next: bool
    has_previous: bool
    # None when the caller did not ask for the count.
    total: int | None
    keys: tuple[str, ...] = ("id",)
    signature: str | None = None

    def cursor(self, row: Row) -> str:
        values = [row[k] for k in self.keys]
        return encode_cursor(values if self.signature is None else [self.signature, *values])


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps(list(values), default=str, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, field: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        # The client's text: read as a request body is (bounded depth, no repeated key).
        values = json_body.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Invalid.field(field, "is not a cursor this API issued") from exc
    if not isinstance(values, list) or not values:
        raise Invalid.field(field, "is not a cursor this API issued")
    return values


@dataclass(frozen=True)
class Window:
    """Where a page sits in a sorted list: its bounds, direction and size."""

    sorting: Sorting
    args: PageArgs
    bounds: list[ColumnElement[bool]] = field(default_factory=list)

    @classmethod
    def of(cls, sorting: Sorting, args: PageArgs) -> Window:
        bounds = []
        if args.after is not None:
            bounds.append(
                sorting.after(sorting.position(decode_cursor(args.after, "after"), "after"))
            )
        if args.before is not None:
            position = sorting.position(decode_cursor(args.before, "before"), "before")
            bounds.append(sorting.after(position, reverse=True))
        return cls(sorting, args, bounds)

    @property
    def order_by(self) -> list[Any]:
        return self.sorting.clauses(reverse=self.args.backwards)

    @property
    def limit(self) -> int:
        """Rows to read: one more than the page shows, to know whether more follow."""
        return self.args.size + 1

    def page(self, rows: Sequence[Row], total: int | None) -> Page:
        size, args = self.args.size, self.args
        more = len(rows) > size
        shown = list(rows[:size])
        keys, signature = self.sorting.names, self.sorting.signature
        if args.backwards:
            shown.reverse()
            return Page(shown, args.before is not None, more, total, keys, signature)
        return Page(shown, more, args.after is not None or args.skip > 0, total, keys, signature)
