"""Reading milestones."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.milestones import MILESTONES, list_milestones
from schema.roots import roots


@strawberry.type
class MilestoneQuery:
    milestone, milestones = roots(
        MILESTONES, list_milestones, order=[Order("milestone_order"), Order("due_date")]
    )
