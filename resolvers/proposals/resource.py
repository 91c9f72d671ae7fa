"""Proposals, their lines and comments as resources and graph edges, and their inputs."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from resolvers.line_items import Kind, PricedFields, Tags
from resolvers.line_items.relations import relate_lines
from resolvers.models import Proposal, ProposalComment, ProposalItem
from resolvers.resources import Relation, Resource, register, relate

RESOURCE = "proposals"
PROPOSALS = register(
    Resource(
        name=RESOURCE,
        model=Proposal,
        label="Proposal",
        search=("subject", "proposal_to", "email", "phone", "tags"),
    )
)
PROPOSAL_ITEMS = register(
    Resource(
        name="proposal_items",
        model=ProposalItem,
        label="Proposal item",
        search=("description", "long_description"),
        permission=RESOURCE,
    )
)
COMMENTS = register(
    Resource(
        name="proposal_comments",
        model=ProposalComment,
        label="Proposal comment",
        search=("content",),
        permission=RESOURCE,
    )
)
KIND = Kind(RESOURCE, "Proposal", PROPOSALS.table, PROPOSAL_ITEMS.table, "proposal_id")

relate_lines(RESOURCE, "proposal", "proposal_items", "proposal_id")
relate(RESOURCE, "customer", Relation("customers", "one", "customer_id"))
relate("customers", RESOURCE, Relation(RESOURCE, "many", "customer_id"))
relate(RESOURCE, "lead", Relation("leads", "one", "lead_id"))
relate("leads", RESOURCE, Relation(RESOURCE, "many", "lead_id"))
relate(RESOURCE, "estimate", Relation("estimates", "one", "estimate_id"))
relate("estimates", RESOURCE, Relation(RESOURCE, "many", "estimate_id"))
relate(RESOURCE, "invoice", Relation("invoices", "one", "invoice_id"))
relate("invoices", RESOURCE, Relation(RESOURCE, "many", "invoice_id"))
relate(RESOURCE, "currency", Relation("currencies", "one", "currency_id"))
relate(RESOURCE, "country", Relation("countries", "one", "country_id"))
relate(RESOURCE, "assigned", Relation("staff", "one", "assigned_id"))
relate("staff", "assigned_proposals", Relation(RESOURCE, "many", "assigned_id"))
relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))
relate(RESOURCE, "comments", Relation(COMMENTS.name, "many", "proposal_id"))
relate(COMMENTS.name, "proposal", Relation(RESOURCE, "one", "proposal_id"))
relate(COMMENTS.name, "staff", Relation("staff", "one", "staff_id"))

# Perfex's codes.
OPEN, DECLINED, ACCEPTED, SENT, REVISED, DRAFT = 1, 2, 3, 4, 5, 6
STATUS_NAMES = {OPEN: "Open", DECLINED: "Declined", ACCEPTED: "Accepted", SENT: "Sent",
                REVISED: "Revised", DRAFT: "Draft"}  # fmt: skip


class ProposalFields(PricedFields):
    subject: str | None = Field(default=None, min_length=1, max_length=191)
    content: str | None = Field(default=None, max_length=1_000_000)
    # Whom it is for: a customer (customer_id) or a lead (lead_id), exactly one.
    rel_type: Literal["customer", "lead"] | None = None
    customer_id: int | None = None
    lead_id: int | None = None
    # Perfex's rel_id: the id of whichever record rel_type (given or stored) names.
    rel_id: int | None = None
    # Left out: taken from the customer or lead.
    proposal_to: str | None = Field(default=None, max_length=191)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=50)
    address: str | None = Field(default=None, max_length=191)
    city: str | None = Field(default=None, max_length=100)
    state: str | None = Field(default=None, max_length=100)
    zip: str | None = Field(default=None, max_length=20)
    # A country id or ISO code.
    country: int | str | None = None
    date: dt.date | None = None
    open_till: dt.date | None = None
    status: int | None = Field(default=None, ge=OPEN, le=DRAFT)
    assigned_id: int | None = None
    allow_comments: bool | None = None
    tags: Tags = None


class ProposalCreate(ProposalFields):
    subject: str = Field(min_length=1, max_length=191)
    rel_type: Literal["customer", "lead"]


class CommentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    content: str = Field(min_length=1, max_length=65_000)
