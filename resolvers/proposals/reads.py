"""Proposals: reading them; their ordinary verbs are declared with the resource
(resolvers.proposals.rules)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement

from resolvers.core import reading, writes
from resolvers.core.context import Ctx, Row
from resolvers.core.json_select.bypass import generic_read
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.line_items import lines_by_document
from resolvers.proposals.resource import KIND, PROPOSALS, RESOURCE

proposals = PROPOSALS.table


@generic_read(PROPOSALS)
async def get_proposal(ctx: Ctx, proposal_id: int) -> Row | None:
    return await reading.get_record(ctx, PROPOSALS, proposal_id)


async def list_proposals(
    ctx: Ctx,
    page: PageArgs,
    *,
    customer_id: int | None = None,
    lead_id: int | None = None,
    status: int | None = None,
    **query: Any,
) -> Page:
    scope: list[ColumnElement[bool]] = [
        proposals.c[c] == v
        for c, v in (("customer_id", customer_id), ("lead_id", lead_id), ("status", status))
        if v is not None
    ]
    return await reading.list_records(ctx, PROPOSALS, page, scope=scope, **query)


async def items_by_proposal_id(ctx: Ctx, ids: Sequence[int]) -> list[list[Row]]:
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        return await lines_by_document(conn, KIND, ids)


# The ordinary verbs, as operations for the REST rows; GraphQL generates its own.
create_proposal = writes.operation(PROPOSALS, "create")
update_proposal = writes.operation(PROPOSALS, "update")
delete_proposal = writes.operation(PROPOSALS, "delete")
restore_proposal = writes.operation(PROPOSALS, "restore")
