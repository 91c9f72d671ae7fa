"""The reference lists as resources, and reading them.

One rule per list, for a row and for the list, on every path (GraphQL's record, node and
connection, every REST list, and every reply showing a row beside a record). Reading a
list every form needs (a token that may create invoices must see taxes and currencies)
takes any grant (`permissions.REFERENCE`). Bank accounts (name, number, opening
balance) need `lookups:get`; roles (their permission lists) need `staff:get`, as the
staff they describe do. Writing any list needs `lookups:create/update/delete`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.core.permissions import REFERENCE, Principal, may_read, require
from resolvers.core.records import fetch, live
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.models import model_of
from resolvers.reference.inputs import (
    AccountCreate,
    AccountFields,
    CurrencyCreate,
    CurrencyFields,
    DepartmentCreate,
    DepartmentFields,
    ExpenseCategoryCreate,
    ExpenseCategoryFields,
    LookupInput,
    NamedCreate,
    NamedFields,
    PaymentModeCreate,
    PaymentModeFields,
    RoleCreate,
    RoleFields,
    StatusCreate,
    StatusFields,
    TaxCreate,
    TaxFields,
)

PERMISSION = "lookups"


@dataclass(frozen=True)
class Lookup:
    resource: Resource
    # The event name's stem: "tax" for tax.created.
    singular: str
    # Columns the list sorts by; "-name" sorts descending.
    order: tuple[str, ...]
    fields: type[LookupInput] | None = None
    create: type[LookupInput] | None = None


LOOKUPS: dict[str, Lookup] = {}


def _lookup(
    name: str,
    label: str,
    order: tuple[str, ...] = ("name",),
    fields: tuple[type[LookupInput], type[LookupInput]] | None = None,
    search: tuple[str, ...] = ("name",),
    permission: str = REFERENCE,
) -> None:
    res = register(
        Resource(name=name, model=model_of(name), label=label, search=search, permission=permission)
    )
    singular = label.lower().replace(" ", "_")
    LOOKUPS[name] = Lookup(res, singular, order, *(fields or (None, None)))


_lookup("currencies", "Currency", ("-is_default", "name"), (CurrencyFields, CurrencyCreate))
_lookup("taxes", "Tax", ("name", "rate"), (TaxFields, TaxCreate))
_lookup("countries", "Country", ("short_name",), None, ("short_name", "long_name", "iso2", "iso3"))
_lookup("payment_modes", "Payment mode", ("name",), (PaymentModeFields, PaymentModeCreate))
_lookup("customer_groups", "Customer group", ("name",), (NamedFields, NamedCreate))
_lookup("lead_statuses", "Lead status", ("status_order", "name"), (StatusFields, StatusCreate))
_lookup("lead_sources", "Lead source", ("name",), (NamedFields, NamedCreate))
_lookup("ticket_statuses", "Ticket status", ("status_order", "name"), (StatusFields, StatusCreate))
# Priorities read in their natural order (Low, Medium, High...), which is the order added.
_lookup("ticket_priorities", "Ticket priority", ("id",), (NamedFields, NamedCreate))
_lookup("ticket_services", "Ticket service", ("name",), (NamedFields, NamedCreate))
_lookup("departments", "Department", ("name",), (DepartmentFields, DepartmentCreate))
_lookup("roles", "Role", ("name",), (RoleFields, RoleCreate), permission="staff")
_lookup("contract_types", "Contract type", ("name",), (NamedFields, NamedCreate))
_lookup(
    "expense_categories",
    "Expense category",
    ("name",),
    (ExpenseCategoryFields, ExpenseCategoryCreate),
    ("name", "description"),
)
_lookup(
    "accounts",
    "Account",
    ("name",),
    (AccountFields, AccountCreate),
    ("name", "number"),
    permission=PERMISSION,
)
relate("accounts", "currency", Relation("currencies", "one", "currency_id"))


def require_read(principal: Principal | None, name: str) -> Principal:
    """The list's read rule (see the module's docstring)."""
    return require(principal, lookup(name).resource.grant, "get")


def may_read_list(principal: Principal | None, name: str) -> bool:
    """Whether a reply may show this list's rows beside another record (a staff member's
    role name): by the same rule as reading the list."""
    return may_read(principal, lookup(name).resource.grant)


def lookup(name: str) -> Lookup:
    spec = LOOKUPS.get(name)
    if spec is None:
        raise Invalid.field("type", f"unknown list {name!r}: use one of {', '.join(LOOKUPS)}")
    return spec


def _order(spec: Lookup) -> list[Any]:
    table = spec.resource.table
    order = [table.c[o[1:]].desc() if o.startswith("-") else table.c[o] for o in spec.order]
    return [*order, table.c.id]


async def list_lookup(ctx: Ctx, name: str) -> list[Row]:
    """Every live row of a reference list, in the list's natural order."""
    require_read(ctx.principal, name)
    spec = lookup(name)
    table = spec.resource.table
    async with ctx.db.read() as conn:
        rows = await conn.execute(select(table).where(live(table)).order_by(*_order(spec)))
        return [r._mapping for r in rows]


async def get_lookup(ctx: Ctx, name: str, record_id: int) -> Row | None:
    require_read(ctx.principal, name)
    spec = lookup(name)
    async with ctx.db.read() as conn:
        return await fetch(conn, spec.resource.table, record_id)


# Perfex's GET /api/common/{type}.
COMMON_TYPES = {
    "expense_category": "expense_categories",
    "payment_mode": "payment_modes",
    "tax_data": "taxes",
}


async def common_data(ctx: Ctx, type_: str) -> list[Row]:
    name = COMMON_TYPES.get(type_)
    if name is None:
        raise Invalid.field("type", "Not valid data")
    return await list_lookup(ctx, name)


def _lister(name: str) -> Callable[[Ctx], Awaitable[list[Row]]]:
    """The service operation reading one whole list, as REST's per-list paths call it."""

    async def read(ctx: Ctx) -> list[Row]:
        return await list_lookup(ctx, name)

    read.__name__ = read.__qualname__ = f"list_{name}"
    return read


list_currencies = _lister("currencies")
list_taxes = _lister("taxes")
list_countries = _lister("countries")
list_payment_modes = _lister("payment_modes")
list_lead_statuses = _lister("lead_statuses")
list_lead_sources = _lister("lead_sources")
list_ticket_statuses = _lister("ticket_statuses")
list_ticket_priorities = _lister("ticket_priorities")
list_departments = _lister("departments")
list_roles = _lister("roles")
list_contract_types = _lister("contract_types")
list_expense_categories = _lister("expense_categories")


async def lookups_by_id(ctx: Ctx, name: str, ids: Sequence[int]) -> list[Row | None]:
    """Batch function: the live row of a reference list for each id, in key order."""
    require_read(ctx.principal, name)
    table = lookup(name).resource.table
    async with ctx.db.read() as conn:
        rows = await conn.execute(select(table).where(table.c.id.in_(set(ids)), live(table)))
        found = {int(r.id): r._mapping for r in rows}
    return [found.get(i) for i in ids]
