"""Credit notes: reading them; their ordinary verbs (void and reopen by update too) are
declared with the resource (resolvers.credit_notes.rules)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement

from resolvers.core import reading, writes
from resolvers.core.context import Ctx, Row
from resolvers.core.json_select.bypass import generic_read
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.credit_notes.resource import CREDIT_NOTES, KIND, RESOURCE
from resolvers.line_items import lines_by_document
from resolvers.line_items.documents import search_scope

credit_notes = CREDIT_NOTES.table


@generic_read(CREDIT_NOTES)
async def get_credit_note(ctx: Ctx, credit_note_id: int) -> Row | None:
    return await reading.get_record(ctx, CREDIT_NOTES, credit_note_id)


async def list_credit_notes(
    ctx: Ctx,
    page: PageArgs,
    *,
    customer_id: int | None = None,
    status: int | None = None,
    search: str | None = None,
    **query: Any,
) -> Page:
    scope: list[ColumnElement[bool]] = []
    if customer_id is not None:
        scope.append(credit_notes.c.customer_id == customer_id)
    if status is not None:
        scope.append(credit_notes.c.status == status)
    if search:
        require(ctx.principal, RESOURCE, "search")
        scope += search_scope(credit_notes, search, CREDIT_NOTES.search)
    return await reading.list_records(ctx, CREDIT_NOTES, page, scope=scope, **query)


async def items_by_credit_note_id(ctx: Ctx, ids: Sequence[int]) -> list[list[Row]]:
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        return await lines_by_document(conn, KIND, ids)


# The ordinary verbs, as operations for the REST rows; GraphQL generates its own.
create_credit_note = writes.operation(CREDIT_NOTES, "create")
update_credit_note = writes.operation(CREDIT_NOTES, "update")
delete_credit_note = writes.operation(CREDIT_NOTES, "delete")
restore_credit_note = writes.operation(CREDIT_NOTES, "restore")
