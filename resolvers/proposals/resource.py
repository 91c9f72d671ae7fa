"""Proposals, their lines and comments as resources and graph edges (their inputs and
rules: resolvers.proposals.rules)."""

from __future__ import annotations

from resolvers.core.resources import Relation, relate
from resolvers.line_items.relations import declare_document, declare_part, relate_customer
from resolvers.models import ProposalComment
from resolvers.proposals.rules import (
    ACCEPTED,
    DECLINED,
    DRAFT,
    KIND,
    OPEN,
    RESOURCE,
    REVISED,
    SENT,
    VERBS,
    ProposalCreate,
    ProposalFields,
)

__all__ = ["ACCEPTED", "COMMENTS", "DECLINED", "DRAFT", "KIND", "OPEN", "PROPOSALS",
           "PROPOSAL_ITEMS", "RESOURCE", "REVISED", "SENT", "STATUS_NAMES",
           "ProposalCreate", "ProposalFields"]  # fmt: skip

PROPOSALS, PROPOSAL_ITEMS = declare_document(
    KIND, ("subject", "proposal_to", "email", "phone", "tags"), VERBS, billed=False
)
relate_customer(RESOURCE)
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
COMMENTS = declare_part(KIND, "comments", ProposalComment, "Proposal comment", ("content",))
relate(COMMENTS.name, "staff", Relation("staff", "one", "staff_id"))


STATUS_NAMES = {OPEN: "Open", DECLINED: "Declined", ACCEPTED: "Accepted", SENT: "Sent",
                REVISED: "Revised", DRAFT: "Draft"}  # fmt: skip
