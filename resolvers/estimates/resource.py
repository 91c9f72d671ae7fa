"""Estimates and their lines as resources and graph edges, and what a client may write."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from resolvers.line_items import Kind, Tags
from resolvers.line_items.documents import NumberedFields
from resolvers.line_items.relations import (
    relate_addresses,
    relate_customer,
    relate_lines,
    relate_project,
)
from resolvers.models import Estimate, EstimateItem
from resolvers.resources import Relation, Resource, register, relate

RESOURCE = "estimates"
ESTIMATES = register(
    Resource(
        name=RESOURCE,
        model=Estimate,
        label="Estimate",
        search=("prefix", "reference_no", "tags", "admin_note", "client_note", "billing_street"),
    )
)
ESTIMATE_ITEMS = register(
    Resource(
        name="estimate_items",
        model=EstimateItem,
        label="Estimate item",
        search=("description", "long_description"),
        permission=RESOURCE,
    )
)
KIND = Kind(RESOURCE, "Estimate", ESTIMATES.table, ESTIMATE_ITEMS.table, "estimate_id")

relate_customer(RESOURCE)
relate_addresses(RESOURCE)
relate_project(RESOURCE)
relate_lines(RESOURCE, "estimate", "estimate_items", "estimate_id")
relate(RESOURCE, "invoice", Relation("invoices", "one", "invoice_id"))
relate("invoices", "estimates", Relation(RESOURCE, "many", "invoice_id"))
relate(RESOURCE, "sale_agent", Relation("staff", "one", "sale_agent_id"))
relate("staff", "sale_agent_estimates", Relation(RESOURCE, "many", "sale_agent_id"))
relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))

# Perfex's codes.
DRAFT, SENT, DECLINED, ACCEPTED, EXPIRED = 1, 2, 3, 4, 5
STATUS_NAMES = {DRAFT: "Draft", SENT: "Sent", DECLINED: "Declined", ACCEPTED: "Accepted",
                EXPIRED: "Expired"}  # fmt: skip


class EstimateFields(NumberedFields):
    expiry_date: dt.date | None = None
    status: int | None = Field(default=None, ge=DRAFT, le=EXPIRED)
    reference_no: str | None = Field(default=None, max_length=100)
    sale_agent_id: int | None = None
    tags: Tags = None


class EstimateCreate(EstimateFields):
    customer_id: int
