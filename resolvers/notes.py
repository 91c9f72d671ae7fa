"""Notes attached to a record by (rel_type, rel_id): customers, leads, invoices..."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid, Missing
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.records import fetch
from resolvers.core.rel_types import kinds
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.core.validation import Fields
from resolvers.line_items.documents import added_by
from resolvers.models import (
    Note,
    Staff,
    table_of,
)
from resolvers.projects.common import UtcDateTime, days_of, lister, settle

RESOURCE = "notes"
notes = table_of(Note)

# What a note may be attached to: rel_type -> (the owning resource, its table's model).
REL_TYPES = kinds(
    "customer", "lead", "invoice", "estimate", "contract", "proposal", "project", "task",
    "expense", "staff", "ticket",
)  # fmt: skip


class NoteFields(Fields):
    description: str | None = Field(default=None, min_length=1, max_length=65_000)
    # When the customer or lead was contacted, for notes that record a contact.
    date_contacted: UtcDateTime | None = None
    # The author; the caller's own staff account when not given.
    staff_id: int | None = None


class NoteCreate(NoteFields):
    rel_type: str
    rel_id: int
    description: str = Field(min_length=1, max_length=65_000)


def rel_type_of(value: str) -> str:
    rel_type = value.strip().lower()
    if rel_type not in REL_TYPES:
        raise Invalid.field("rel_type", f"must be one of {', '.join(REL_TYPES)}")
    return rel_type


def _columns(data: NoteFields) -> dict[str, Any]:
    values = data.model_dump(exclude_unset=True)
    return settle(values, ("description",), message="may not be empty")


async def _values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, NoteFields)
    values = _columns(fields)
    if isinstance(fields, NoteCreate):
        rel_type = rel_type_of(fields.rel_type)
        values["rel_type"] = rel_type
        # The author is the caller's own staff account unless the note names one.
        values.setdefault("staff_id", added_by(ctx))
        if await fetch(conn, table_of(REL_TYPES[rel_type][1]), fields.rel_id) is None:
            raise Missing.field("rel_id", f"no {rel_type} {fields.rel_id}")
    staff_id = values.get("staff_id")
    if staff_id is not None and await fetch(conn, table_of(Staff), staff_id) is None:
        raise Missing.field("staff_id", f"unknown id(s): {staff_id}")
    return values


def _on(row: Row) -> tuple[str, int]:
    return row["rel_type"], row["rel_id"]


NOTES = register(
    Resource(
        name=RESOURCE,
        model=Note,
        label="Note",
        search=("description",),
        verbs=soft_verbs(
            NoteCreate,
            NoteFields,
            "note",
            fixed=("rel_type", "rel_id"),
            values=_values,
            parent=_on,
            created=lambda row: {"rel_type": row["rel_type"], "rel_id": row["rel_id"]},
        ),
    )
)
for _rel_type, (_owner, _) in REL_TYPES.items():
    relate(_owner, "notes", Relation(RESOURCE, "many", "rel_id", match=(("rel_type", _rel_type),)))
relate(RESOURCE, "staff", Relation("staff", "one", "staff_id"))
get_note = getter(NOTES, __name__, "get_note")
# By what they are attached to, their author, and the day they were added.
list_notes = lister(
    NOTES, __name__, "rel_id", "staff_id", **days_of(notes.c.created_at),
    rel_type=lambda _, rel_type: notes.c.rel_type == rel_type_of(rel_type),
)  # fmt: skip
create_note, update_note, delete_note, restore_note = operations(NOTES)
