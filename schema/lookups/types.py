"""The reference lists as node types, one per list: Currency, Tax, Country..."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

import strawberry

# The modules declaring the edges these types expose.
import resolvers.contracts  # noqa: F401
import resolvers.expenses  # noqa: F401
import resolvers.leads  # noqa: F401
import resolvers.payments  # noqa: F401
import resolvers.staff  # noqa: F401
import resolvers.tickets  # noqa: F401
import resolvers.transactions  # noqa: F401
from resolvers.core.context import Ctx, Row
from resolvers.core.reading import Order
from resolvers.core.resources import Resource
from resolvers.reference import LOOKUPS, get_lookup, lookups_by_id
from schema.fields import graph_node, relation_field
from schema.node import Node, NodeBatch, NodeFetcher, RowType

N = TypeVar("N", bound=RowType)


def lookup(name: str) -> Resource:
    return LOOKUPS[name].resource


def fetcher(name: str) -> NodeFetcher:
    async def fetch(ctx: Ctx, pk: int) -> Row | None:
        return await get_lookup(ctx, name, pk)

    return fetch


def batcher(name: str) -> NodeBatch:
    def rows(ctx: Ctx, ids: Sequence[int]) -> Awaitable[list[Row | None]]:
        result: Awaitable[list[Row | None]] = ctx.loader(lookups_by_id, name).load_many(ids)
        return result

    return rows


def lookup_node(name: str) -> Callable[[type[N]], type[N]]:
    """graph_node over a reference list: read by the list's own rule
    (resolvers.reference.resource), by id, as a node and as a connection alike."""
    return graph_node(lookup(name), fetcher(name), batcher(name))


def natural_order(name: str) -> list[Order]:
    """The list's own order ("-is_default", "name"), as a connection's default order."""
    return [Order(o[1:], "desc") if o.startswith("-") else Order(o) for o in LOOKUPS[name].order]


@lookup_node("currencies")
@strawberry.type(name="Currency")
class CurrencyType(RowType, Node):
    name: str = strawberry.field(description="The ISO 4217 code: USD, EUR...")
    symbol: str
    decimal_separator: str
    thousand_separator: str
    placement: str = strawberry.field(description="Where the symbol goes: before or after.")
    is_default: bool
    created_at: datetime
    updated_at: datetime


@lookup_node("taxes")
@strawberry.type(name="Tax")
class TaxType(RowType, Node):
    name: str
    rate: Decimal = strawberry.field(description="A percentage: 5.00 is 5%.")
    created_at: datetime
    updated_at: datetime


@lookup_node("countries")
@strawberry.type(name="Country")
class CountryType(RowType, Node):
    iso2: str
    iso3: str
    short_name: str
    long_name: str
    calling_code: str


@lookup_node("payment_modes")
@strawberry.type(name="PaymentMode")
class PaymentModeType(RowType, Node):
    name: str
    description: str | None
    show_on_pdf: bool
    invoices_only: bool
    expenses_only: bool
    selected_by_default: bool
    active: bool
    created_at: datetime
    updated_at: datetime
    payments = relation_field("payments", description="Payments received this way.")


@lookup_node("customer_groups")
@strawberry.type(name="CustomerGroup", description="A group customers belong to.")
class CustomerGroupType(RowType, Node):
    name: str
    created_at: datetime
    updated_at: datetime


@lookup_node("lead_statuses")
@strawberry.type(name="LeadStatus")
class LeadStatusType(RowType, Node):
    name: str
    status_order: int
    color: str
    is_default: bool
    created_at: datetime
    updated_at: datetime
    leads = relation_field("leads", description="Leads in this status.")


@lookup_node("lead_sources")
@strawberry.type(name="LeadSource")
class LeadSourceType(RowType, Node):
    name: str
    created_at: datetime
    updated_at: datetime
    leads = relation_field("leads", description="Leads that came from this source.")


@lookup_node("ticket_statuses")
@strawberry.type(name="TicketStatus")
class TicketStatusType(RowType, Node):
    name: str
    is_default: bool
    color: str
    status_order: int
    created_at: datetime
    updated_at: datetime
    tickets = relation_field("tickets", description="Tickets in this status.")


@lookup_node("ticket_priorities")
@strawberry.type(name="TicketPriority")
class TicketPriorityType(RowType, Node):
    name: str
    created_at: datetime
    updated_at: datetime
    tickets = relation_field("tickets", description="Tickets of this priority.")


@lookup_node("ticket_services")
@strawberry.type(name="TicketService")
class TicketServiceType(RowType, Node):
    name: str
    created_at: datetime
    updated_at: datetime
    tickets = relation_field("tickets", description="Tickets about this service.")


@lookup_node("departments")
@strawberry.type(name="Department")
class DepartmentType(RowType, Node):
    name: str
    email: str | None
    hide_from_client: bool
    created_at: datetime
    updated_at: datetime
    staff = relation_field("staff", description="Staff members of the department.")
    tickets = relation_field("tickets", description="Tickets sent to the department.")


@lookup_node("roles")
@strawberry.type(name="Role")
class RoleType(RowType, Node):
    name: str
    created_at: datetime
    updated_at: datetime
    staff = relation_field("staff", description="Staff members with this role.")

    @strawberry.field(description='The grants the role gives: "resource:action", or "*".')
    def permissions(self) -> list[str]:
        return sorted(str(self._row["permissions"]).split())


@lookup_node("contract_types")
@strawberry.type(name="ContractType")
class ContractTypeType(RowType, Node):
    name: str
    created_at: datetime
    updated_at: datetime
    contracts = relation_field("contracts", description="Contracts of this type.")


@lookup_node("expense_categories")
@strawberry.type(name="ExpenseCategory")
class ExpenseCategoryType(RowType, Node):
    name: str
    description: str | None
    created_at: datetime
    updated_at: datetime
    expenses = relation_field(
        "expenses", description="Expenses in this category, newest first.",
        order=[Order("date", "desc")],
    )  # fmt: skip


@lookup_node("accounts")
@strawberry.type(name="Account")
class AccountType(RowType, Node):
    name: str
    number: str
    opening_balance: Decimal
    created_at: datetime
    updated_at: datetime
    currency = relation_field("currency")
    transactions = relation_field(
        "transactions", description="Transactions booked on the account, newest first.",
        order=[Order("date", "desc")],
    )  # fmt: skip
