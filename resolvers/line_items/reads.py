"""The reads every priced document has, made from its declaration: one document (the
generic read), a page filtered by the columns its REST rows filter on, and each
document's lines in one batch."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table

from resolvers.core import reading
from resolvers.core.context import Ctx, Row
from resolvers.core.json_select.bypass import generic_read
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.core.resources import Resource
from resolvers.line_items.documents import search_scope
from resolvers.line_items.store import Kind, lines_by_document

# A list argument's clause on the document's table, given the value a caller sent.
Filter = Callable[[Table, Any], ColumnElement[bool]]


def equal(column: str) -> Filter:
    return lambda table, value: table.c[column] == value


# What most documents are filtered by.
BY_CUSTOMER = {"customer_id": equal("customer_id")}
BY_PROJECT = {"project_id": equal("project_id")}
BY_STATUS = {"status": equal("status")}
BY_DATES: dict[str, Filter] = {
    "date_from": lambda table, value: table.c.date >= value,
    "date_to": lambda table, value: table.c.date <= value,
}


def scope_of(
    table: Table, filters: Mapping[str, Filter], given: dict[str, Any]
) -> list[ColumnElement[bool]]:
    """The clauses of the filters the caller gave, taken out of `given` (the rest is the
    generic read's)."""
    return [
        clause(table, value)
        for name, clause in filters.items()
        if (value := given.pop(name, None)) is not None
    ]


@dataclass(frozen=True)
class DocumentReads:
    get: Callable[[Ctx, int], Awaitable[Row | None]]
    # (ctx, page, *, <each filter>=None, search=None, **query) -> Page
    pages: Callable[..., Awaitable[Page]]
    # Batch: each document's lines in their order, in key order.
    lines: Callable[[Ctx, Sequence[int]], Awaitable[list[list[Row]]]]


def document_reads(
    res: Resource, kind: Kind, module: str, filters: Mapping[str, Filter], *, numbered: bool = True
) -> DocumentReads:
    """The reads of `res`, named as the domain module `module` exports them (get_invoice,
    list_invoices, items_by_invoice_id): route rows find their resource by that module.
    A numbered document's search also matches its number and its customer's company;
    another's is the generic search of its columns."""

    @generic_read(res)
    async def get(ctx: Ctx, record_id: int) -> Row | None:
        return await reading.get_record(ctx, res, record_id)

    async def listing(ctx: Ctx, page: PageArgs, *, search: str | None = None, **query: Any) -> Page:
        scope = scope_of(res.table, filters, query)
        if search and numbered:
            require(ctx.principal, res.grant, "search")
            scope += search_scope(res.table, search, res.search)
            search = None
        return await reading.list_records(ctx, res, page, scope=scope, search=search, **query)

    async def items(ctx: Ctx, ids: Sequence[int]) -> list[list[Row]]:
        require(ctx.principal, res.grant, "get")
        async with ctx.db.read() as conn:
            return await lines_by_document(conn, kind, ids)

    for fn, name in ((get, f"get_{kind.singular}"), (listing, f"list_{res.name}"),
                     (items, f"items_by_{kind.parent}")):  # fmt: skip
        fn.__name__ = fn.__qualname__ = name
        fn.__module__ = module
    return DocumentReads(get, listing, items)
