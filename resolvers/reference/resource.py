"""The reference lists as resources, and reading them.

One rule per list, for a row and for the list, on every path (GraphQL's record, node and
connection, every REST list, and every reply showing a row beside a record). Reading a
list every form needs (a token that may create invoices must see taxes and currencies)
takes any grant (`permissions.REFERENCE`). Bank accounts (name, number, opening
balance) need `lookups:get`; roles (their permission lists) need `staff:get`, as the
staff they describe do. Writing any list needs `lookups:create/update/delete`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import SQLModel

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.core.permissions import REFERENCE, Principal, may_read, require
from resolvers.core.records import fetch, live
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.models import (
    Account,
    ContractType,
    Country,
    Currency,
    CustomerGroup,
    Department,
    ExpenseCategory,
    LeadSource,
    LeadStatus,
    PaymentMode,
    Role,
    Tax,
    TicketPriority,
    TicketService,
    TicketStatus,
)
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
    model: type[SQLModel],
    label: str,
    order: tuple[str, ...] = ("name",),
    fields: tuple[type[LookupInput], type[LookupInput]] | None = None,
    search: tuple[str, ...] = ("name",),
    permission: str = REFERENCE,
) -> None:
    res = register(
        Resource(name=name, model=model, label=label, search=search, permission=permission)
    )
    singular = label.lower().replace(" ", "_")
    LOOKUPS[name] = Lookup(res, singular, order, *(fields or (None, None)))


_lookup(
    "currencies", Currency, "Currency", ("-is_default", "name"), (CurrencyFields, CurrencyCreate)
)
_lookup("taxes", Tax, "Tax", ("name", "rate"), (TaxFields, TaxCreate))
_lookup(
    "countries",
    Country,
    "Country",
    ("short_name",),
    None,
    ("short_name", "long_name", "iso2", "iso3"),
)
_lookup(
    "payment_modes", PaymentMode, "Payment mode", ("name",), (PaymentModeFields, PaymentModeCreate)
)
_lookup("customer_groups", CustomerGroup, "Customer group", ("name",), (NamedFields, NamedCreate))
_lookup(
    "lead_statuses",
    LeadStatus,
    "Lead status",
    ("status_order", "name"),
    (StatusFields, StatusCreate),
)
_lookup("lead_sources", LeadSource, "Lead source", ("name",), (NamedFields, NamedCreate))
_lookup(
    "ticket_statuses",
    TicketStatus,
    "Ticket status",
    ("status_order", "name"),
    (StatusFields, StatusCreate),
)
# Priorities read in their natural order (Low, Medium, High...), which is the order added.
_lookup("ticket_priorities", TicketPriority, "Ticket priority", ("id",), (NamedFields, NamedCreate))
_lookup("ticket_services", TicketService, "Ticket service", ("name",), (NamedFields, NamedCreate))
_lookup("departments", Department, "Department", ("name",), (DepartmentFields, DepartmentCreate))
_lookup("roles", Role, "Role", ("name",), (RoleFields, RoleCreate), permission="staff")
_lookup("contract_types", ContractType, "Contract type", ("name",), (NamedFields, NamedCreate))
_lookup(
    "expense_categories",
    ExpenseCategory,
    "Expense category",
    ("name",),
    (ExpenseCategoryFields, ExpenseCategoryCreate),
    ("name", "description"),
)
_lookup(
    "accounts",
    Account,
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


async def list_currencies(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "currencies")


async def list_taxes(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "taxes")


async def list_countries(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "countries")


async def list_payment_modes(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "payment_modes")


async def list_customer_groups(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "customer_groups")


async def list_lead_statuses(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "lead_statuses")


async def list_lead_sources(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "lead_sources")


async def list_ticket_statuses(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "ticket_statuses")


async def list_ticket_priorities(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "ticket_priorities")


async def list_ticket_services(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "ticket_services")


async def list_departments(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "departments")


async def list_roles(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "roles")


async def list_contract_types(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "contract_types")


async def list_expense_categories(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "expense_categories")


async def list_accounts(ctx: Ctx) -> list[Row]:
    return await list_lookup(ctx, "accounts")


async def lookups_by_id(ctx: Ctx, name: str, ids: Sequence[int]) -> list[Row | None]:
    """Batch function: the live row of a reference list for each id, in key order."""
    require_read(ctx.principal, name)
    table = lookup(name).resource.table
    async with ctx.db.read() as conn:
        rows = await conn.execute(select(table).where(table.c.id.in_(set(ids)), live(table)))
        found = {int(r.id): r._mapping for r in rows}
    return [found.get(i) for i in ids]
