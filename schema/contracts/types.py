"""The Contract node, its renewals and comments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

# The modules that declare contracts' edges to their records.
import resolvers.files  # noqa: F401
import resolvers.notes  # noqa: F401
from resolvers.contracts import COMMENTS, CONTRACTS, RENEWALS, get_contract
from resolvers.core.reading import Order
from schema.comments import comment_node
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType
from schema.projects.refs import fetch_of


# Named ContractNode: "ContractType" is the GraphQL name of the contract-type lookup.
@graph_node(CONTRACTS, get_contract)
@strawberry.type(name="Contract")
class ContractNode(RowType, Node):
    subject: str
    description: str
    content: str
    start_date: date
    end_date: date | None
    contract_value: Decimal | None
    signed: bool
    marked_as_signed: bool = strawberry.field(description="Signed by staff, without a signature.")
    signed_at: datetime | None
    acceptance_firstname: str | None
    acceptance_lastname: str | None
    acceptance_email: str | None
    acceptance_ip: str | None
    accepted_at: datetime | None
    signature: str | None = strawberry.field(description="A drawn signature (data URL) or a name.")
    not_visible_to_client: bool
    is_expiry_notified: bool
    sent: bool
    sent_at: datetime | None
    created_at: datetime
    updated_at: datetime
    customer = relation_field("customer")
    project = relation_field("project")
    type = relation_field("type", description="The contract type.")
    currency = relation_field("currency")
    added_by = relation_field("added_by", description="The staff member who created it.")
    renewals = relation_field("renewals", order=[Order("created_at")])
    comments = relation_field("comments", order=[Order("created_at")])
    attachments = relation_field("attachments")
    notes = relation_field("notes")
    custom_fields = custom_fields_field("contracts")


@graph_node(RENEWALS, fetch_of(RENEWALS))
@strawberry.type(
    name="ContractRenewal", description="A contract's term before and after a renewal."
)
class ContractRenewalType(RowType, Node):
    old_start_date: date
    new_start_date: date
    old_end_date: date | None
    new_end_date: date | None
    old_value: Decimal | None
    new_value: Decimal | None
    created_at: datetime
    contract = relation_field("contract")
    renewed_by = relation_field("renewed_by")


ContractCommentType = comment_node(
    COMMENTS, "ContractComment", "contract", staff="The author.", contact=False
)
