"""The Estimate and EstimateItem nodes and their edges."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

import strawberry

import resolvers.files  # noqa: F401  (declares estimates.files)
import resolvers.notes  # noqa: F401  (declares estimates.notes)
import resolvers.proposals  # noqa: F401  (declares estimates.proposals)
import resolvers.reference  # noqa: F401  (registers currencies, countries)
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
from schema import priced
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType
from schema.splice import Splice, spliced


@priced.status_enum("EstimateStatus", "An estimate's")
class EstimateStatus(IntEnum):
    DRAFT = DRAFT
    SENT = SENT
    DECLINED = DECLINED
    ACCEPTED = ACCEPTED
    EXPIRED = EXPIRED


@graph_node(ESTIMATES, get_estimate)
@strawberry.type(name="Estimate")
@spliced
class EstimateType(RowType, Node):
    _numbered: Splice = priced.NUMBERED
    expiry_date: dt.date | None
    reference_no: str
    status: EstimateStatus
    _totals: Splice = (
        priced.TOTALS
        + priced.NOTES
        + priced.ADDRESSES
        + priced.TAGS
        + priced.SENDING
        + priced.ACCEPTANCE
    )
    invoiced_at: dt.datetime | None = strawberry.field(
        description="When it was converted to its invoice."
    )
    _stamps: Splice = priced.STAMPS
    _parties: Splice = priced.PARTIES
    sale_agent = relation_field("sale_agent")
    added_by = relation_field("added_by")
    _lines: Splice = priced.LINES
    invoice = relation_field("invoice", description="The invoice it was converted to.")
    proposals = relation_field("proposals")
    _attached: Splice = priced.ATTACHED
    custom_fields = custom_fields_field("estimates")
    _printable: Splice = priced.printable(
        RESOURCE, 'The number as shown: "EST-000123".', "estimate"
    )


EstimateItemType = priced.line_type(ESTIMATE_ITEMS, "EstimateItem", "estimate")
