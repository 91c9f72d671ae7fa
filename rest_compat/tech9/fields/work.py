"""tech9's leads, tasks, projects, tickets, expenses, notes and staff: `first_name`,
`owner_id`, `title`, `assignee_id`, `category_id`, and codes written as lower-case names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from resolvers import files
from resolvers.core.context import Ctx, Row
from resolvers.core.numbers import ID_MAX
from resolvers.expenses import ExpenseFields
from resolvers.leads import LeadFields
from resolvers.notes import NoteCreate
from resolvers.projects import ProjectFields
from resolvers.reference.codes import (
    PROJECT_BILLING_TYPE_NAMES,
    TASK_PRIORITY_NAMES,
    TASK_STATUS_NAMES,
)
from resolvers.staff import Caller
from resolvers.tasks import TaskFields
from resolvers.tickets import ReplyCreate, TicketFields
from rest_compat.readers import any_case_of
from rest_compat.records import coded, loaded
from rest_compat.renames import FieldMap, flag
from rest_compat.tech9.fields.common import NAME_PARTS, TECH9, AliasedMap, lookup_name, slug

LEAD_IN = AliasedMap(
    fields={"owner_id": "assigned_id"},
    model=LeadFields,
    required=("first_name",),
    schema={"owner_id": {"type": "integer", "description": "The staff member who owns it"},
            "status": {"type": "string", "description": "new, contacted, qualified..."},
            "source": {"type": "string", "description": "website, referral, ads..."}},
    error_names={"name": "first_name"},
)  # fmt: skip


LEAD = TECH9.record(
    "Lead", "id:int", NAME_PARTS,
    "email phone company status=status_id:lead_statuses source=source_id:lead_sources"
    " owner_id=assigned_id:int? created_at:iso_time",
)  # fmt: skip
lead = loaded(LEAD)


def _assignee(value: Any) -> Mapping[str, Any]:
    # One assignee in tech9 (null: nobody); the service keeps a list.
    return {"assignees": [] if value is None else [value]}


TASK_SCHEMA: dict[str, dict[str, Any]] = {
    "assignee_id": {
        "anyOf": [{"type": "integer", "minimum": 1, "maximum": ID_MAX}, {"type": "null"}],
        "description": "The staff member doing it (null: nobody)",
    },
    "priority": {"type": "string", "enum": list(TASK_PRIORITY_NAMES.values())},
    "status": {"type": "string", "enum": list(TASK_STATUS_NAMES.values())},
}

TASK_IN = AliasedMap(
    fields={"title": "name", "assignee_id": _assignee},
    model=TaskFields,
    required=("title",),
    schema=TASK_SCHEMA,
    error_names={"assignees": "assignee_id"},
)

_HANGS_OFF = ("rel_type", "rel_id", "project_id", "customer_id")
# Adding a task to a project names it `name`, as the document's example does (or `title`,
# as a task elsewhere); the path names the project, so the body names nothing the task
# hangs off.
PROJECT_TASK_IN = AliasedMap(
    fields={"name": "name", "title": "name", "assignee_id": _assignee},
    model=TaskFields,
    required=("name",),
    only=tuple(n for n in TaskFields.model_fields if n not in _HANGS_OFF),
    schema=TASK_SCHEMA,
    error_names={"assignees": "assignee_id"},
)


task = TECH9.record(
    "Task", "id:int title=name", coded("status", TASK_STATUS_NAMES),
    coded("priority", TASK_PRIORITY_NAMES),
    "start_date:iso_date due_date:iso_date? completed_at:iso_time? customer_id:int?"
    " project_id:int?",
)  # fmt: skip


PROJECT_IN = FieldMap(
    fields={},
    model=ProjectFields,
    required=("name", "customer_id"),
    schema={"billing_type": {"type": "string", "enum": list(PROJECT_BILLING_TYPE_NAMES.values())}},
)

TICKET_IN = FieldMap(
    fields={},
    model=TicketFields,
    required=("subject",),
    schema={"priority": {"type": "string", "description": "low, medium, high, urgent"},
            "status": {"type": "string", "description": "open, answered, closed..."}},
)  # fmt: skip

REPLY_IN = FieldMap(fields={}, model=ReplyCreate, required=("message",))


TICKET = TECH9.record(
    "Ticket",
    "id:int subject status=status_id:ticket_statuses priority=priority_id:ticket_priorities"
    " department_id:int? contact_id:int? customer_id:int?",
)
ticket = loaded(TICKET)


EXPENSE_IN = FieldMap(
    fields={"category_id": "category"},
    model=ExpenseFields,
    required=("category_id", "amount"),
    schema={"category_id": {"type": "integer"},
            # routes.admin.expense_data reads a blank or null date as left out.
            "date": {"anyOf": [{"type": "string", "format": "date"}, {"const": ""},
                               {"type": "null"}],
                     "description": "Today (UTC) when left out, blank or null"}},
)  # fmt: skip

NOTE_IN = FieldMap(fields={}, model=NoteCreate, required=("rel_type", "rel_id", "description"))


class StaffMember(TypedDict):
    id: int
    firstname: str
    lastname: str
    email: str
    role: str | None
    active: bool


class Me(TypedDict):
    type: str
    id: int
    name: str
    permissions: list[str]
    staff: StaffMember | None


async def staff_member(ctx: Ctx, row: Row) -> StaffMember:
    role = "admin" if row["is_admin"] else slug(await lookup_name(ctx, "roles", row["role_id"]))
    return {
        "id": row["id"],
        "firstname": row["firstname"],
        "lastname": row["lastname"],
        "email": row["email"],
        "role": role,
        "active": bool(row["active"]),
    }


async def caller(ctx: Ctx, who: Caller) -> Me:
    return {
        "type": who.kind,
        "id": who.id,
        "name": who.name,
        "permissions": who.permissions,
        "staff": None if who.staff is None else await staff_member(ctx, who.staff),
    }


# An upload's flag, read as a form's checkbox is.
VISIBLE = flag("visible_to_customer")
FILE_IN = FieldMap(
    fields={},
    required=("file", "rel_type", "rel_id"),
    schema={"file": {"type": "string", "format": "binary",
                     "description": "Sent as multipart/form-data"},
            "rel_type": {"type": "string", "enum": list(files.REL_TYPES)},
            "rel_id": {"type": "integer", "minimum": 1, "maximum": ID_MAX},
            "visible_to_customer": {"anyOf": [
                {"type": "boolean"}, {"type": "string", "pattern": any_case_of(VISIBLE.words)}]}},
    media=("multipart/form-data",),
)  # fmt: skip


file = TECH9.record(
    "File",
    "id:int name=file_name content_type size:int visible_to_customer:bool created_at:iso_time",
)
