"""The change feed for clients that poll: `changes(after:)` from the last page's cursor."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

import strawberry

from resolvers.changes import DEFAULT_FIRST, list_changes
from resolvers.core.errors import Invalid
from schema.context import Info
from schema.live.types import CURSOR_PREFIX, ChangePageType


def position_of(cursor: str) -> int:
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
        if text.startswith(CURSOR_PREFIX):
            return int(text.removeprefix(CURSOR_PREFIX))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass  # not a cursor this API issued: refused below
    raise Invalid.field("after", f"{cursor!r} is not a cursor of this feed")


@strawberry.type
class ChangeQuery:
    @strawberry.field(
        description="Changes to records the caller may read, oldest first. Start with "
        "`since` (or nothing: from the beginning), then pass each page's `cursor` as "
        '`after`. `types` takes event types ("invoice.paid") or kinds of record '
        '("invoice").'
    )
    async def changes(
        self,
        info: Info,
        after: str | None = None,
        since: datetime | None = None,
        types: list[str] | None = None,
        first: int = DEFAULT_FIRST,
    ) -> ChangePageType | None:
        # Nullable like every root read: a refusal leaves the other root fields standing.
        page = await list_changes(
            info.context.ctx,
            after=None if after is None else position_of(after),
            since=since,
            types=types,
            first=first,
        )
        return ChangePageType.of(page)
