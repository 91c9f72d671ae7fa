"""The Lead node and its edges."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

# The modules declaring the edges a lead exposes.
import resolvers.files  # noqa: F401
import resolvers.notes  # noqa: F401
import resolvers.proposals  # noqa: F401
from resolvers.core.reading import Order
from resolvers.leads import LEADS, get_lead
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(LEADS, get_lead)
@strawberry.type(name="Lead")
class LeadType(RowType, Node):
    name: str
    title: str
    company: str
    description: str
    email: str
    website: str
    phone: str
    address: str
    city: str
    state: str
    zip: str
    default_language: str
    is_public: bool
    tags: str = strawberry.field(description="Comma-separated.")
    lead_value: Decimal
    last_contact_at: datetime | None
    lost: bool
    junk: bool
    converted_at: datetime | None = strawberry.field(
        description="When the lead became a customer; null until then."
    )
    created_at: datetime
    updated_at: datetime
    status = relation_field("status")
    source = relation_field("source")
    assigned = relation_field("assigned", description="The staff member following it up.")
    added_by = relation_field("added_by")
    country = relation_field("country")
    customer = relation_field("customer", description="The customer it was converted to.")
    notes = relation_field(
        "notes", description="Newest first.", order=[Order("created_at", "desc")]
    )
    files = relation_field(
        "files", description="Newest first.", order=[Order("created_at", "desc")]
    )
    proposals = relation_field("proposals", description="Proposals sent to the lead.")
    custom_fields = custom_fields_field("leads")
