"""The Estimate and EstimateItem nodes and their edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import IntEnum

import strawberry

import resolvers.files  # noqa: F401  (declares estimates.files)
import resolvers.notes  # noqa: F401  (declares estimates.notes)
import resolvers.proposals  # noqa: F401  (declares estimates.proposals)
import resolvers.reference  # noqa: F401  (registers currencies, countries)
from resolvers import numbering
from resolvers.core.reading import Order
from resolvers.estimates import (
    ACCEPTED,
    DECLINED,
    DRAFT,
    ESTIMATE_ITEMS,
    ESTIMATES,
    EXPIRED,
    RESOURCE,
    SENT,
    get_estimate,
)
from schema.custom_fields.types import custom_fields_field
from schema.documents import pdf_url_field
from schema.fields import graph_node, relation_field
from schema.invoices.lines import LineItem
from schema.invoices.refs import fetcher
from schema.node import Node, RowType


@strawberry.enum(
    name="EstimateStatus",
    description="An estimate's status. Filters and groupBy take it by name; orderBy "
    "sorts by its code, in brackets: DRAFT (1), "
    "SENT (2), DECLINED (3), ACCEPTED (4), EXPIRED (5).",
)
class EstimateStatus(IntEnum):
    DRAFT = DRAFT
    SENT = SENT
    DECLINED = DECLINED
    ACCEPTED = ACCEPTED
    EXPIRED = EXPIRED


@graph_node(ESTIMATES, get_estimate)
@strawberry.type(name="Estimate")
class EstimateType(RowType, Node):
    number: int
    prefix: str
    date: dt.date
    expiry_date: dt.date | None
    reference_no: str
    status: EstimateStatus
    subtotal: Decimal
    discount_type: str = strawberry.field(description="before_tax, after_tax or empty.")
    discount_percent: Decimal
    discount_total: Decimal
    total_tax: Decimal
    adjustment: Decimal
    total: Decimal
    client_note: str
    admin_note: str
    terms: str
    billing_street: str
    billing_city: str
    billing_state: str
    billing_zip: str
    shipping_street: str
    shipping_city: str
    shipping_state: str
    shipping_zip: str
    include_shipping: bool
    show_shipping: bool
    tags: str = strawberry.field(description="Comma-separated.")
    sent: bool
    sent_at: dt.datetime | None
    acceptance_firstname: str | None
    acceptance_lastname: str | None
    acceptance_email: str | None
    acceptance_ip: str | None
    accepted_at: dt.datetime | None
    signature: str | None
    invoiced_at: dt.datetime | None = strawberry.field(
        description="When it was converted to its invoice."
    )
    created_at: dt.datetime
    updated_at: dt.datetime
    customer = relation_field("customer")
    project = relation_field("project")
    currency = relation_field("currency")
    billing_country = relation_field("billing_country")
    shipping_country = relation_field("shipping_country")
    sale_agent = relation_field("sale_agent")
    added_by = relation_field("added_by")
    items = relation_field("items", order=[Order("item_order")])
    invoice = relation_field("invoice", description="The invoice it was converted to.")
    proposals = relation_field("proposals")
    notes = relation_field("notes", order=[Order("created_at")])
    files = relation_field("files")
    custom_fields = custom_fields_field("estimates")

    @strawberry.field(description='The number as shown: "EST-000123".')
    def formatted_number(self) -> str:
        return numbering.formatted_number(RESOURCE, self._row)

    pdf_url = pdf_url_field(RESOURCE, "estimate")


@graph_node(ESTIMATE_ITEMS, fetcher(ESTIMATE_ITEMS))
@strawberry.type(name="EstimateItem")
class EstimateItemType(RowType, LineItem):
    estimate = relation_field("estimate")
    item = relation_field("item", description="The catalogue item it was picked from.")
    tax = relation_field("tax")
    tax2 = relation_field("tax2")
