"""The reference lists as node types, one per list: Currency, Tax, Country..."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

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


def _described(annotation: object, description: str) -> tuple[object, Any]:
    return annotation, strawberry.field(description=description)


# Every list but countries is stamped; the stamps come after the list's own columns.
_STAMPS: dict[str, object] = {"created_at": datetime, "updated_at": datetime}

# The node type of each reference list, by list name: what the service reads is
# declared once (resolvers.reference), what the graph shows of it here.
NODES: dict[str, type[RowType]] = {}


def _node(
    name: str,
    type_name: str,
    columns: dict[str, object],
    *,
    description: str | None = None,
    stamped: bool = True,
    **extra: Any,
) -> type[RowType]:
    """The node type over the list `name`: its columns in order (an annotation, or
    (annotation, strawberry.field) for a described one), the stamps, then `extra`
    (relations, resolvers; a text is the relation of that name, so described)."""
    fields = {
        k: relation_field(k, description=v) if isinstance(v, str) else v for k, v in extra.items()
    }
    annotations: dict[str, object] = {}
    namespace: dict[str, Any] = {}
    for column, declared in {**columns, **(_STAMPS if stamped else {})}.items():
        if isinstance(declared, tuple):
            annotations[column], namespace[column] = declared
        else:
            annotations[column] = declared
    cls = type(
        f"{type_name}Type", (RowType, Node), {"__annotations__": annotations, **namespace, **fields}
    )
    typed: type[RowType] = strawberry.type(cls, name=type_name, description=description)
    NODES[name] = lookup_node(name)(typed)
    return NODES[name]


def _role_permissions(self: RowType) -> list[str]:
    return sorted(str(self._row["permissions"]).split())


NAME: dict[str, object] = {"name": str}

# Registered in NODES and the graph, which is how the rest of the schema reaches them.
_node(
    "currencies",
    "Currency",
    {
        "name": _described(str, "The ISO 4217 code: USD, EUR..."),
        "symbol": str,
        "decimal_separator": str,
        "thousand_separator": str,
        "placement": _described(str, "Where the symbol goes: before or after."),
        "is_default": bool,
    },
)
_node("taxes", "Tax", {"name": str, "rate": _described(Decimal, "A percentage: 5.00 is 5%.")})
_node(
    "countries",
    "Country",
    dict.fromkeys(("iso2", "iso3", "short_name", "long_name", "calling_code"), str),
    stamped=False,
)
_node(
    "payment_modes",
    "PaymentMode",
    {
        "name": str,
        "description": str | None,
        **dict.fromkeys(
            ("show_on_pdf", "invoices_only", "expenses_only", "selected_by_default", "active"),
            bool,
        ),
    },
    payments="Payments received this way.",
)
_node("customer_groups", "CustomerGroup", NAME, description="A group customers belong to.")
_node(
    "lead_statuses",
    "LeadStatus",
    {"name": str, "status_order": int, "color": str, "is_default": bool},
    leads="Leads in this status.",
)
_node("lead_sources", "LeadSource", NAME, leads="Leads that came from this source.")
_node(
    "ticket_statuses",
    "TicketStatus",
    {"name": str, "is_default": bool, "color": str, "status_order": int},
    tickets="Tickets in this status.",
)
_node("ticket_priorities", "TicketPriority", NAME, tickets="Tickets of this priority.")
_node("ticket_services", "TicketService", NAME, tickets="Tickets about this service.")
_node(
    "departments",
    "Department",
    {"name": str, "email": str | None, "hide_from_client": bool},
    staff="Staff members of the department.",
    tickets="Tickets sent to the department.",
)
_node(
    "roles",
    "Role",
    NAME,
    staff="Staff members with this role.",
    permissions=strawberry.field(
        resolver=_role_permissions,
        description='The grants the role gives: "resource:action", or "*".',
    ),
)
_node("contract_types", "ContractType", NAME, contracts="Contracts of this type.")
_node(
    "expense_categories",
    "ExpenseCategory",
    {"name": str, "description": str | None},
    expenses=relation_field(
        "expenses", description="Expenses in this category, newest first.",
        order=[Order("date", "desc")],
    ),
)  # fmt: skip
_node(
    "accounts",
    "Account",
    {"name": str, "number": str, "opening_balance": Decimal},
    currency=relation_field("currency"),
    transactions=relation_field(
        "transactions", description="Transactions booked on the account, newest first.",
        order=[Order("date", "desc")],
    ),
)  # fmt: skip
