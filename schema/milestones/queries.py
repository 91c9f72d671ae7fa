"""Reading milestones."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.milestones import MILESTONES, list_milestones
from schema.fields import connection_field, record_field
from schema.milestones.types import MilestoneType

__all__ = ["MilestoneQuery", "MilestoneType"]


@strawberry.type
class MilestoneQuery:
    milestone = record_field(MILESTONES)
    milestones = connection_field(
        MILESTONES, list_milestones, order=[Order("milestone_order"), Order("due_date")]
    )
