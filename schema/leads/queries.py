"""Reading leads."""

from __future__ import annotations

import strawberry

from resolvers.leads import LEADS, list_leads
from schema.roots import roots


@strawberry.type
class LeadQuery:
    lead, leads = roots(LEADS, list_leads)
