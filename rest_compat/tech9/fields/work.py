"""tech9's leads, tasks, projects, tickets, expenses, notes and staff: `first_name`,
`owner_id`, `title`, `assignee_id`, `category_id`, and codes written as lower-case names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from resolvers import files
from resolvers.core.context import Ctx, Row
from resolvers.expenses import ExpenseFields
from resolvers.leads import LeadFields, split_name
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
from rest_compat.envelopes import iso_date, iso_time
from rest_compat.renames import FieldMap
from rest_compat.tech9.fields.common import AliasedMap, lookup_name, slug

LEAD_IN = AliasedMap(
    fields={"owner_id": "assigned_id"},
    model=LeadFields,
    required=("first_name",),
    schema={"owner_id": {"type": "integer", "description": "The staff member who owns it"},
            "status": {"type": "string", "description": "new, contacted, qualified..."},
            "source": {"type": "string", "description": "website, referral, ads..."}},
    error_names={"name": "first_name"},
)  # fmt: skip


class Lead(TypedDict):
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    company: str
    status: str | None
    source: str | None
    owner_id: int | None
    created_at: str


async def lead(ctx: Ctx, row: Row) -> Lead:
    first, last = split_name(row["name"])
    return {
        "id": row["id"],
        "first_name": first,
        "last_name": last,
        "email": row["email"],
        "phone": row["phone"],
        "company": row["company"],
        "status": slug(await lookup_name(ctx, "lead_statuses", row["status_id"])),
        "source": slug(await lookup_name(ctx, "lead_sources", row["source_id"])),
        "owner_id": row["assigned_id"],
        "created_at": iso_time(row["created_at"]),
    }


def _assignee(value: Any) -> Mapping[str, Any]:
    # One assignee in tech9; the service keeps a list.
    return {"assignees": [] if value in (None, "") else [value]}


TASK_SCHEMA: dict[str, dict[str, Any]] = {
    "assignee_id": {"type": "integer", "description": "The staff member doing it"},
    "priority": {"type": "string", "enum": list(TASK_PRIORITY_NAMES.values())},
    "status": {"type": "string", "enum": list(TASK_STATUS_NAMES.values())},
}

TASK_IN = AliasedMap(
    fields={"title": "name", "assignee_id": _assignee},
    model=TaskFields,
    required=("title",),
    schema={**TASK_SCHEMA, "title": {"type": "string"}},
    error_names={"assignees": "assignee_id"},
)

# Adding a task to a project names it `name`, as the document's example does.
PROJECT_TASK_IN = AliasedMap(
    fields={"title": "name", "assignee_id": _assignee},
    model=TaskFields,
    required=("name",),
    schema=TASK_SCHEMA,
    error_names={"assignees": "assignee_id"},
)


class Task(TypedDict):
    id: int
    title: str
    status: str | None
    priority: str | None
    start_date: str
    due_date: str | None
    completed_at: str | None
    customer_id: int | None
    project_id: int | None


def task(row: Row) -> Task:
    return {
        "id": row["id"],
        "title": row["name"],
        "status": TASK_STATUS_NAMES.get(row["status"]),
        "priority": TASK_PRIORITY_NAMES.get(row["priority"]),
        "start_date": iso_date(row["start_date"]),
        "due_date": iso_date(row["due_date"]),
        "completed_at": iso_time(row["completed_at"]),
        "customer_id": row["customer_id"],
        "project_id": row["project_id"],
    }


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


class Ticket(TypedDict):
    id: int
    subject: str
    status: str | None
    priority: str | None
    department_id: int | None
    contact_id: int | None
    customer_id: int | None


async def ticket(ctx: Ctx, row: Row) -> Ticket:
    return {
        "id": row["id"],
        "subject": row["subject"],
        "status": slug(await lookup_name(ctx, "ticket_statuses", row["status_id"])),
        "priority": slug(await lookup_name(ctx, "ticket_priorities", row["priority_id"])),
        "department_id": row["department_id"],
        "contact_id": row["contact_id"],
        "customer_id": row["customer_id"],
    }


EXPENSE_IN = FieldMap(
    fields={"category_id": "category"},
    model=ExpenseFields,
    required=("category_id", "amount"),
    schema={"category_id": {"type": "integer"},
            "date": {"type": "string", "format": "date",
                     "description": "Today (UTC) when left out"}},
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


class File(TypedDict):
    id: int
    name: str
    content_type: str
    size: int
    visible_to_customer: bool
    created_at: str


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


FILE_IN = FieldMap(
    fields={},
    required=("file", "rel_type", "rel_id"),
    schema={"file": {"type": "string", "format": "binary",
                     "description": "Sent as multipart/form-data"},
            "rel_type": {"type": "string", "enum": list(files.REL_TYPES)},
            "rel_id": {"type": "integer"}, "visible_to_customer": {"type": "boolean"}},
    media=("multipart/form-data",),
)  # fmt: skip


def file(row: Row) -> File:
    return {
        "id": row["id"],
        "name": row["file_name"],
        "content_type": row["content_type"],
        "size": row["size"],
        "visible_to_customer": bool(row["visible_to_customer"]),
        "created_at": iso_time(row["created_at"]),
    }
