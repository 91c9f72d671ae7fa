"""Proposals to a customer or a lead, named by `rel_type` and `rel_id`."""

from __future__ import annotations

from typing import Any

from resolvers import proposals
from resolvers.core.context import Ctx, Row
from resolvers.proposals import ProposalFields
from rest_compat.renames import FieldMap
from rest_compat.reply_schemas import INTEGER, describe, nullable, shape_schema
from rest_compat.v1.fields.base import Shape
from rest_compat.v1.fields.documents import DOCUMENT_NAMES, DOCUMENT_READ_ONLY, priced

PROPOSAL_IN = FieldMap(
    fields={"assigned": "assigned_id"},
    ignore=DOCUMENT_READ_ONLY | {"estimate_id", "acceptance_firstname", "acceptance_lastname",
                                 "acceptance_email", "acceptance_ip", "signature"},
    model=ProposalFields,
    required=("subject", "rel_type", "rel_id"),
)  # fmt: skip

PROPOSAL = Shape(names={**DOCUMENT_NAMES, "country_id": "country", "assigned_id": "assigned"},
                 table="proposals")  # fmt: skip
_priced = priced(proposals.RESOURCE, PROPOSAL, proposals.items_by_proposal_id, "proposal_items",
                 {"rel_id": nullable(INTEGER)})  # fmt: skip


async def proposal(ctx: Ctx, row: Row) -> dict[str, Any]:
    shown = await _priced(ctx, row)
    shown["rel_id"] = row["customer_id"] if row["rel_type"] == "customer" else row["lead_id"]
    return shown


describe(proposal, shape_schema(_priced))
