"""Estimates and their lines as resources and graph edges, and what a client may write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx, Row
from resolvers.core.resources import Hooks, Relation, relate
from resolvers.line_items import Kind, Tags
from resolvers.line_items.documents import (
    NumberedFields,
    check_references,
    columns,
    document_verbs,
)
from resolvers.line_items.relations import declare_document
from resolvers.models import Estimate, EstimateItem, Staff

KIND = Kind("Estimate", Estimate, EstimateItem, until="expiry_date")
RESOURCE = KIND.resource

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


async def _values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, EstimateFields)
    values = await columns(ctx, KIND.table, fields)
    await check_references(conn, values, {"sale_agent_id": (Staff, "staff")})
    return values


VERBS = document_verbs(KIND, EstimateCreate, EstimateFields, Hooks(values=_values), initial=DRAFT)
ESTIMATES, ESTIMATE_ITEMS = declare_document(
    KIND, ("prefix", "reference_no", "tags", "admin_note", "client_note", "billing_street"), VERBS
)
relate(RESOURCE, "invoice", Relation("invoices", "one", "invoice_id"))
relate("invoices", "estimates", Relation(RESOURCE, "many", "invoice_id"))
relate(RESOURCE, "sale_agent", Relation("staff", "one", "sale_agent_id"))
relate("staff", "sale_agent_estimates", Relation(RESOURCE, "many", "sale_agent_id"))
relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))
