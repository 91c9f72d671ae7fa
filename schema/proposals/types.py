"""The Proposal node, its lines and comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum, IntEnum

import strawberry

import resolvers.files  # noqa: F401  (declares proposals.files)
import resolvers.notes  # noqa: F401  (declares proposals.notes)
import resolvers.reference  # noqa: F401  (registers currencies, countries)
from resolvers import numbering
from resolvers.core.reading import Order
from resolvers.proposals import (
    ACCEPTED,
    COMMENTS,
    DECLINED,
    DRAFT,
    OPEN,
    PROPOSAL_ITEMS,
    PROPOSALS,
    RESOURCE,
    REVISED,
    SENT,
    get_proposal,
)
from schema.custom_fields.types import custom_fields_field
from schema.documents import pdf_url_field
from schema.fields import graph_node, relation_field
from schema.invoices.lines import LineItem
from schema.invoices.refs import fetcher
from schema.node import Node, RowType


@strawberry.enum(
    name="ProposalStatus",
    description="A proposal's status. Filters and groupBy take it by name; orderBy "
    "sorts by its code, in brackets: OPEN (1), "
    "DECLINED (2), ACCEPTED (3), SENT (4), REVISED (5), DRAFT (6).",
)
class ProposalStatus(IntEnum):
    OPEN = OPEN
    DECLINED = DECLINED
    ACCEPTED = ACCEPTED
    SENT = SENT
    REVISED = REVISED
    DRAFT = DRAFT


@strawberry.enum(name="ProposalParty", description="Whom a proposal is for (its relType).")
class ProposalParty(Enum):
    CUSTOMER = "customer"
    LEAD = "lead"


@graph_node(PROPOSALS, get_proposal)
@strawberry.type(name="Proposal")
class ProposalType(RowType, Node):
    subject: str
    content: str
    rel_type: str = strawberry.field(description="customer or lead: whom it is for.")
    proposal_to: str
    email: str
    phone: str
    address: str
    city: str
    state: str
    zip: str
    date: dt.date
    open_till: dt.date | None
    status: ProposalStatus
    allow_comments: bool
    subtotal: Decimal
    discount_type: str = strawberry.field(description="before_tax, after_tax or empty.")
    discount_percent: Decimal
    discount_total: Decimal
    total_tax: Decimal
    adjustment: Decimal
    total: Decimal
    tags: str = strawberry.field(description="Comma-separated.")
    acceptance_firstname: str | None
    acceptance_lastname: str | None
    acceptance_email: str | None
    acceptance_ip: str | None
    accepted_at: dt.datetime | None
    signature: str | None
    sent_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    customer = relation_field("customer")
    lead = relation_field("lead")
    currency = relation_field("currency")
    country = relation_field("country")
    assigned = relation_field("assigned", description="The staff member it is assigned to.")
    added_by = relation_field("added_by")
    estimate = relation_field("estimate")
    invoice = relation_field("invoice")
    items = relation_field("items", order=[Order("item_order")])
    comments = relation_field("comments", order=[Order("created_at")])
    notes = relation_field("notes", order=[Order("created_at")])
    files = relation_field("files")
    custom_fields = custom_fields_field("proposals")

    @strawberry.field(description='Known by its id: "PRO-000007".')
    def formatted_number(self) -> str:
        return numbering.formatted_number(RESOURCE, self._row)

    pdf_url = pdf_url_field(RESOURCE, "proposal")


@graph_node(PROPOSAL_ITEMS, fetcher(PROPOSAL_ITEMS))
@strawberry.type(name="ProposalItem")
class ProposalItemType(RowType, LineItem):
    proposal = relation_field("proposal")
    item = relation_field("item", description="The catalogue item it was picked from.")
    tax = relation_field("tax")
    tax2 = relation_field("tax2")


@graph_node(COMMENTS, fetcher(COMMENTS))
@strawberry.type(name="ProposalComment")
class ProposalCommentType(RowType, Node):
    content: str
    created_at: dt.datetime
    updated_at: dt.datetime
    proposal = relation_field("proposal")
    staff = relation_field("staff", description="The staff member who wrote it.")
