"""The Proposal node, its lines and comments."""

from __future__ import annotations

import datetime as dt
from enum import Enum, IntEnum

import strawberry

import resolvers.files  # noqa: F401  (declares proposals.files)
import resolvers.notes  # noqa: F401  (declares proposals.notes)
import resolvers.reference  # noqa: F401  (registers currencies, countries)
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
from schema import priced
from schema.comments import comment_node
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType
from schema.splice import Splice, spliced


@priced.status_enum("ProposalStatus", "A proposal's")
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
@spliced
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
    _totals: Splice = priced.TOTALS + priced.TAGS + priced.ACCEPTANCE
    sent_at: dt.datetime | None
    _stamps: Splice = priced.STAMPS
    customer = relation_field("customer")
    lead = relation_field("lead")
    currency = relation_field("currency")
    country = relation_field("country")
    assigned = relation_field("assigned", description="The staff member it is assigned to.")
    added_by = relation_field("added_by")
    estimate = relation_field("estimate")
    invoice = relation_field("invoice")
    _lines: Splice = priced.LINES
    comments = relation_field("comments", order=[Order("created_at")])
    _attached: Splice = priced.ATTACHED
    custom_fields = custom_fields_field("proposals")
    _printable: Splice = priced.printable(RESOURCE, 'Known by its id: "PRO-000007".', "proposal")


ProposalItemType = priced.line_type(PROPOSAL_ITEMS, "ProposalItem", "proposal")

ProposalCommentType = comment_node(
    COMMENTS, "ProposalComment", "proposal", staff="The staff member who wrote it.", contact=False
)
