"""The Staff node: a member's profile and edges, never their password."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

# The modules declaring the edges a staff member exposes.
import resolvers.calendar  # noqa: F401
import resolvers.estimates  # noqa: F401
import resolvers.files  # noqa: F401
import resolvers.invoices  # noqa: F401
import resolvers.leads  # noqa: F401
import resolvers.notes  # noqa: F401
import resolvers.projects  # noqa: F401
import resolvers.proposals  # noqa: F401
import resolvers.tasks  # noqa: F401
import resolvers.tickets  # noqa: F401
import resolvers.timesheets  # noqa: F401
from resolvers.core.reading import Order
from resolvers.staff import STAFF, get_staff
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(STAFF, get_staff)
@strawberry.type(name="Staff")
class StaffType(RowType, Node):
    email: str
    firstname: str
    lastname: str
    phone: str
    facebook: str
    linkedin: str
    skype: str
    is_admin: bool = strawberry.field(description="Administrators may do everything.")
    active: bool = strawberry.field(description="Inactive members cannot sign in.")
    hourly_rate: Decimal
    default_language: str
    direction: str
    email_signature: str
    last_login_at: datetime | None
    password_changed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    role = relation_field("role")
    departments = relation_field("departments", order=[Order("name")])
    calendar_events = relation_field(
        "calendar_events", description="Soonest first.", order=[Order("start")]
    )
    assigned_leads = relation_field("assigned_leads")
    notes = relation_field(
        "notes", description="Notes about the member, newest first.",
        order=[Order("created_at", "desc")],
    )  # fmt: skip
    files = relation_field("files", description="Files the member uploaded.")
    projects = relation_field("projects", description="Projects the member is on.")
    tasks = relation_field("tasks", description="Tasks assigned to the member.")
    followed_tasks = relation_field("followed_tasks")
    assigned_tickets = relation_field("assigned_tickets")
    assigned_proposals = relation_field("assigned_proposals")
    sale_agent_invoices = relation_field("sale_agent_invoices")
    sale_agent_estimates = relation_field("sale_agent_estimates")
    timesheets = relation_field("timesheets")
    custom_fields = custom_fields_field("staff")
