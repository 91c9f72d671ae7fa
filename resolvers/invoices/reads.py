"""Reading invoices: one, pages filtered as the REST documents filter them, their lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement

from resolvers.core import reading
from resolvers.core.context import Ctx, Row
from resolvers.core.json_select.bypass import generic_read
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.invoices.resource import INVOICES, KIND, RESOURCE, status_code
from resolvers.line_items import lines_by_document
from resolvers.line_items.documents import search_scope

invoices = INVOICES.table


@generic_read(INVOICES)
async def get_invoice(ctx: Ctx, invoice_id: int) -> Row | None:
    return await reading.get_record(ctx, INVOICES, invoice_id)


async def list_invoices(
    ctx: Ctx,
    page: PageArgs,
    *,
    customer_id: int | None = None,
    project_id: int | None = None,
    status: int | str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    search: str | None = None,
    **query: Any,
) -> Page:
    scope: list[ColumnElement[bool]] = []
    if customer_id is not None:
        scope.append(invoices.c.customer_id == customer_id)
    if project_id is not None:
        scope.append(invoices.c.project_id == project_id)
    if status is not None:
        scope.append(invoices.c.status == status_code(status))
    if date_from is not None:
        scope.append(invoices.c.date >= date_from)
    if date_to is not None:
        scope.append(invoices.c.date <= date_to)
    if search:
        require(ctx.principal, RESOURCE, "search")
        scope += search_scope(invoices, search, INVOICES.search)
    return await reading.list_records(ctx, INVOICES, page, scope=scope, **query)


async def items_by_invoice_id(ctx: Ctx, invoice_ids: Sequence[int]) -> list[list[Row]]:
    """Batch: each invoice's lines in their order, in key order."""
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        return await lines_by_document(conn, KIND, invoice_ids)
