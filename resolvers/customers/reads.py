"""Finding customers by the filters the REST lists offer, and the figures they show
beside each customer: balance and paid to date (from its invoices), country codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, exists, func, select, type_coerce

from resolvers.contacts import contacts, offset_page
from resolvers.core import reading
from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid
from resolvers.core.pagination import Page
from resolvers.core.permissions import may_read, require
from resolvers.core.records import live
from resolvers.customers.resource import CUSTOMERS, RESOURCE, customers
from resolvers.models import Country, Invoice, table_of
from resolvers.models.types import Money

invoices = table_of(Invoice)
countries = table_of(Country)
ZERO = Decimal("0.00")
# Perfex invoice statuses that owe nothing: 5 cancelled, 6 draft.
NOT_OWED = (5, 6)
COMPARISONS = ("lt", "lte", "gt", "gte", "eq")
SORTABLE = ("id", "company", "number", "id_number", "created_at", "updated_at", "balance")


@dataclass(frozen=True)
class CustomerQuery:
    """Filters; None means "any". Text filters match case-insensitively."""

    search: str | None = None  # the one search rule: resolvers.core.filtering.search_clause
    company: str | None = None  # contains
    contact_email: str | None = None  # a live contact has exactly this email
    number: str | None = None
    id_number: str | None = None
    ids: Sequence[int] | None = None
    deleted: bool = False  # True: only deleted customers
    active: bool | None = None
    created_at: datetime | None = None  # on or after
    updated_at: datetime | None = None  # on or after
    balance: tuple[str, Decimal] | None = None  # (comparison, amount)
    balance_between: tuple[Decimal, Decimal] | None = None
    sort: str = "id"
    direction: Literal["asc", "desc"] = "asc"

    @property
    def filtered(self) -> bool:
        return any(
            getattr(self, name) not in (None, False)
            for name in self.__dataclass_fields__
            if name not in ("sort", "direction")
        )


def balance_column() -> Any:
    """What a customer still owes on its live invoices, as a correlated subquery."""
    owed = (
        select(func.coalesce(func.sum(invoices.c.amount_due), 0))
        .where(
            invoices.c.customer_id == customers.c.id,
            live(invoices),
            invoices.c.status.not_in(NOT_OWED),
        )
        .scalar_subquery()
    )
    # Typed as money so amounts compare exactly on both engines (SQLite stores cents).
    return type_coerce(owed, Money())


def _clauses(ctx: Ctx, query: CustomerQuery) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = [
        customers.c.deleted_at.is_not(None) if query.deleted else live(customers)
    ]
    # The one search rule of every transport: a customer's contacts match too, for a
    # caller who may read them (resolvers.core.filtering.search_clause).
    clauses.extend(reading.search_clause(ctx, CUSTOMERS, query.search))
    if query.company:
        clauses.append(customers.c.company.icontains(query.company, autoescape=True))
    if query.contact_email:
        # A filter through contacts needs what reading them needs (require_neighbours).
        require(ctx.principal, "contacts", "get")
        clauses.append(
            exists().where(
                contacts.c.customer_id == customers.c.id,
                live(contacts),
                func.lower(contacts.c.email) == query.contact_email.strip().lower(),
            )
        )
    for name in ("number", "id_number"):
        if (value := getattr(query, name)) is not None:
            clauses.append(customers.c[name] == value)
    if query.ids is not None:
        clauses.append(customers.c.id.in_(set(query.ids)))
    if query.active is not None:
        clauses.append(customers.c.active == query.active)
    if query.created_at is not None:
        clauses.append(customers.c.created_at >= query.created_at)
    if query.updated_at is not None:
        clauses.append(customers.c.updated_at >= query.updated_at)
    if query.balance is not None or query.balance_between is not None:
        # The balance is the customer's invoices summed: filtering on it reads them.
        require(ctx.principal, "invoices", "get")
    clauses.extend(_balance_clauses(query))
    return clauses


def _balance_clauses(query: CustomerQuery) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    balance = balance_column()
    if query.balance is not None:
        op, amount = query.balance
        if op not in COMPARISONS:
            raise Invalid.field("balance", f"use one of {', '.join(COMPARISONS)}")
        clauses.append(
            {
                "lt": balance < amount,
                "lte": balance <= amount,
                "gt": balance > amount,
                "gte": balance >= amount,
                "eq": balance == amount,
            }[op]
        )
    if query.balance_between is not None:
        low, high = query.balance_between
        clauses.append(and_(balance >= low, balance <= high))
    return clauses


async def find_customers(
    ctx: Ctx, query: CustomerQuery, *, offset: int = 0, limit: int | None = None
) -> Page:
    """Customers matching every filter, sorted, `limit` of them from `offset`."""
    require(ctx.principal, RESOURCE, "search" if query.filtered else "get")
    if query.sort not in SORTABLE:
        raise Invalid.field("sort", f"sort by one of {', '.join(SORTABLE)}")
    if query.sort == "balance":
        # Sorting by the balance orders by the invoices' sums: it shows them.
        require(ctx.principal, "invoices", "get")
    key = balance_column() if query.sort == "balance" else customers.c[query.sort]
    order = [key.desc() if query.direction == "desc" else key.asc(), customers.c.id]
    async with ctx.db.read() as conn:
        return await offset_page(
            conn, select(customers).where(*_clauses(ctx, query)), order, offset, limit
        )


async def balances_by_customer_id(
    ctx: Ctx, customer_ids: Sequence[int]
) -> list[tuple[Decimal, Decimal] | None]:
    """Batch function: (balance, paid to date) of each customer, in key order; None for
    a caller who may not read invoices, whose sums these are."""
    if not may_read(ctx.principal, "invoices"):
        return [None for _ in customer_ids]
    async with ctx.db.read() as conn:
        rows = await conn.execute(
            select(
                invoices.c.customer_id,
                type_coerce(func.sum(invoices.c.amount_due), Money()),
                type_coerce(func.sum(invoices.c.amount_paid), Money()),
            )
            .where(
                invoices.c.customer_id.in_(set(customer_ids)),
                live(invoices),
                invoices.c.status.not_in(NOT_OWED),
            )
            .group_by(invoices.c.customer_id)
        )
        found = {r[0]: (r[1] or ZERO, r[2] or ZERO) for r in rows}
    return [found.get(i, (ZERO, ZERO)) for i in customer_ids]


async def country_codes_by_id(ctx: Ctx, country_ids: Sequence[int | None]) -> list[str | None]:
    """Batch function: the ISO alpha-2 code of each country id, in key order."""
    wanted = {i for i in country_ids if i is not None}
    async with ctx.db.read() as conn:
        rows = await conn.execute(
            select(countries.c.id, countries.c.iso2).where(countries.c.id.in_(wanted))
        )
        codes = {r.id: r.iso2 for r in rows}
    return [codes.get(i) if i is not None else None for i in country_ids]
