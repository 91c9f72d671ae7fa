"""Reading what a document prints: the record and its lines through the domain's own
service functions (which check `get` on it), then, in one read, the neighbours it names.

The currency, the taxes and the countries are part of the document as printed, so a
caller who may read the invoice sees them on it without the reference lists' grant. The
buyer is a record of its own: its name, VAT number and address print only for a caller
who may read customers (the one rule for an embedded neighbour); without that grant the
document shows the address copied onto it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import NotFound
from resolvers.core.permissions import may_read
from resolvers.core.records import fetch, live
from resolvers.customers import RESOURCE as CUSTOMERS
from resolvers.models import Contact, Country, Currency, Customer, Tax, table_of

Getter = Callable[[Ctx, int], Awaitable[Row | None]]
ItemsBatch = Callable[[Ctx, Sequence[int]], Awaitable[list[list[Row]]]]

customers = table_of(Customer)
contacts = table_of(Contact)
currencies = table_of(Currency)
countries = table_of(Country)
taxes = table_of(Tax)


@dataclass(frozen=True)
class Gathered:
    row: Row
    items: list[Row]
    # None when the caller may not read customers, as well as when there is none.
    customer: Row | None
    currency: Row | None
    tax_names: dict[int, str]
    country_names: dict[int, str]


async def _default_currency(conn: AsyncConnection) -> Row | None:
    query = (
        select(currencies)
        .where(live(currencies))
        .order_by(currencies.c.is_default.desc(), currencies.c.id)
    )
    found = (await conn.execute(query.limit(1))).first()
    return None if found is None else found._mapping


async def _names(conn: AsyncConnection, column: Any, ids: set[int]) -> dict[int, str]:
    # Deleted taxes and countries still name what issued documents copied from them.
    if not ids:
        return {}
    table = column.table
    rows = await conn.execute(select(table.c.id, column).where(table.c.id.in_(ids)))
    return {int(r[0]): str(r[1]) for r in rows}


async def primary_contact(conn: AsyncConnection, customer_id: int) -> Row | None:
    query = (
        select(contacts)
        .where(contacts.c.customer_id == customer_id, live(contacts), contacts.c.active)
        .order_by(contacts.c.is_primary.desc(), contacts.c.id)
        .limit(1)
    )
    found = (await conn.execute(query)).first()
    return None if found is None else found._mapping


async def gather(
    ctx: Ctx, get: Getter, items_of: ItemsBatch | None, record_id: int, label: str
) -> Gathered:
    row = await get(ctx, record_id)
    if row is None:
        raise NotFound(label, record_id)
    items = (await items_of(ctx, [record_id]))[0] if items_of is not None else []
    async with ctx.db.read() as conn:
        customer_id = row.get("customer_id") if may_read(ctx.principal, CUSTOMERS) else None
        customer = await fetch(conn, customers, customer_id) if customer_id else None
        currency_id = row.get("currency_id")
        currency = await fetch(conn, currencies, currency_id) if currency_id else None
        currency = currency or await _default_currency(conn)
        tax_ids = {i[c] for i in items for c in ("tax_id", "tax2_id") if i[c] is not None}
        country_ids = {
            value
            for source in (row, customer or {})
            for key in ("billing_country_id", "shipping_country_id", "country_id")
            if (value := source.get(key)) is not None
        }
        tax_names = await _names(conn, taxes.c.name, tax_ids)
        country_names = await _names(conn, countries.c.short_name, country_ids)
    return Gathered(row, items, customer, currency, tax_names, country_names)
