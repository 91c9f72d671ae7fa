"""The catalogue: the Item and ItemGroup nodes and their edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

import resolvers.credit_notes  # noqa: F401  (declares items.credit_note_items)
import resolvers.estimates  # noqa: F401  (declares items.estimate_items)
import resolvers.invoices  # noqa: F401  (declares items.invoice_items)
import resolvers.proposals  # noqa: F401  (declares items.proposal_items)
from resolvers.core.reading import Order
from resolvers.items import ITEM_GROUPS, ITEMS, get_item, get_item_group
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(ITEMS, get_item)
@strawberry.type(name="Item", description="A catalogue product or service lines are picked from.")
class ItemType(RowType, Node):
    description: str
    long_description: str
    rate: Decimal
    unit: str
    type: str = strawberry.field(description="product or service.")
    created_at: dt.datetime
    updated_at: dt.datetime
    group = relation_field("group")
    tax = relation_field("tax")
    tax2 = relation_field("tax2")
    invoice_items = relation_field("invoice_items", description="Invoice lines picked from it.")
    estimate_items = relation_field("estimate_items", description="Estimate lines picked from it.")
    credit_note_items = relation_field(
        "credit_note_items", description="Credit note lines picked from it."
    )
    proposal_items = relation_field("proposal_items", description="Proposal lines picked from it.")


@graph_node(ITEM_GROUPS, get_item_group)
@strawberry.type(
    name="ItemGroup",
    description="An item group (Perfex's word): a heading the catalogue's items sort under.",
)
class ItemGroupType(RowType, Node):
    name: str
    created_at: dt.datetime
    updated_at: dt.datetime
    items = relation_field("items", order=[Order("description")])
