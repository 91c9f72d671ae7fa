"""Reading leads."""

from __future__ import annotations

import strawberry

from resolvers.leads import LEADS, list_leads
from schema.fields import connection_field, record_field


@strawberry.type
class LeadQuery:
    lead = record_field(LEADS)
    leads = connection_field(LEADS, list_leads)
