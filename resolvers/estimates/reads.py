"""Estimates: reading them; the ordinary verbs are declared with the resource."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement

from resolvers.core import reading, writes
from resolvers.core.context import Ctx, Row
from resolvers.core.json_select.bypass import generic_read
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.estimates.resource import ESTIMATES, KIND, RESOURCE
from resolvers.line_items import lines_by_document
from resolvers.line_items.documents import search_scope

estimates = ESTIMATES.table


@generic_read(ESTIMATES)
async def get_estimate(ctx: Ctx, estimate_id: int) -> Row | None:
    return await reading.get_record(ctx, ESTIMATES, estimate_id)


async def list_estimates(
    ctx: Ctx,
    page: PageArgs,
    *,
    customer_id: int | None = None,
    project_id: int | None = None,
    status: int | None = None,
    search: str | None = None,
    **query: Any,
) -> Page:
    scope: list[ColumnElement[bool]] = [
        estimates.c[c] == v
        for c, v in (("customer_id", customer_id), ("project_id", project_id), ("status", status))
        if v is not None
    ]
    if search:
        require(ctx.principal, RESOURCE, "search")
        scope += search_scope(estimates, search, ESTIMATES.search)
    return await reading.list_records(ctx, ESTIMATES, page, scope=scope, **query)


async def items_by_estimate_id(ctx: Ctx, ids: Sequence[int]) -> list[list[Row]]:
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        return await lines_by_document(conn, KIND, ids)


# The ordinary verbs, as operations for the REST rows; GraphQL generates its own.
create_estimate = writes.operation(ESTIMATES, "create")
update_estimate = writes.operation(ESTIMATES, "update")
delete_estimate = writes.operation(ESTIMATES, "delete")
restore_estimate = writes.operation(ESTIMATES, "restore")
