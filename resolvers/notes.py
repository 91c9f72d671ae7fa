"""Notes attached to a record by (rel_type, rel_id): customers, leads, invoices..."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, select
from sqlmodel import SQLModel

from resolvers import events, lookups, reading
from resolvers.context import Ctx, Row
from resolvers.errors import Invalid, NotFound
from resolvers.models import (
    Contract,
    Customer,
    Estimate,
    Expense,
    Invoice,
    Lead,
    Note,
    Project,
    Proposal,
    Staff,
    Task,
    Ticket,
    table_of,
)
from resolvers.pagination import Page, PageArgs
from resolvers.permissions import require
from resolvers.records import changes, fetch, insert_row, live, must_fetch, set_deleted, update_row
from resolvers.resources import Relation, Resource, register, relate
from resolvers.validation import parse

RESOURCE = "notes"
NOTES = register(Resource(name=RESOURCE, model=Note, label="Note", search=("description",)))
notes = NOTES.table

# What a note may be attached to: rel_type -> (the owning resource, its table's model).
REL_TYPES: dict[str, tuple[str, type[SQLModel]]] = {
    "customer": ("customers", Customer),
    "lead": ("leads", Lead),
    "invoice": ("invoices", Invoice),
    "estimate": ("estimates", Estimate),
    "contract": ("contracts", Contract),
    "proposal": ("proposals", Proposal),
    "project": ("projects", Project),
    "task": ("tasks", Task),
    "expense": ("expenses", Expense),
    "staff": ("staff", Staff),
    "ticket": ("tickets", Ticket),
}
for _rel_type, (_owner, _) in REL_TYPES.items():
    relate(_owner, "notes", Relation(RESOURCE, "many", "rel_id", match=(("rel_type", _rel_type),)))
relate(RESOURCE, "staff", Relation("staff", "one", "staff_id"))


class NoteFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    description: str | None = Field(default=None, min_length=1, max_length=65_000)
    # When the customer or lead was contacted, for notes that record a contact.
    date_contacted: datetime | None = None
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
    if values.get("date_contacted") and values["date_contacted"].tzinfo is None:
        values["date_contacted"] = values["date_contacted"].replace(tzinfo=UTC)
    if "description" in values and values["description"] is None:
        raise Invalid.field("description", "may not be empty")
    return values


async def get_note(ctx: Ctx, note_id: int) -> Row | None:
    return await reading.get_record(ctx, NOTES, note_id)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


async def list_notes(
    ctx: Ctx,
    page: PageArgs,
    *,
    rel_type: str | None = None,
    rel_id: int | None = None,
    staff_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    **query: Any,
) -> Page:
    """Notes by what they are attached to, their author, and the day they were added."""
    scope: list[ColumnElement[bool]] = []
    if rel_type is not None:
        scope.append(notes.c.rel_type == rel_type_of(rel_type))
    if rel_id is not None:
        scope.append(notes.c.rel_id == rel_id)
    if staff_id is not None:
        scope.append(notes.c.staff_id == staff_id)
    if date_from is not None:
        scope.append(notes.c.created_at >= _day_start(date_from))
    if date_to is not None:
        scope.append(notes.c.created_at < _day_start(date_to + timedelta(days=1)))
    return await reading.list_records(ctx, NOTES, page, scope=scope, **query)


async def notes_by_rel(ctx: Ctx, rel_type: str, rel_ids: Sequence[int]) -> list[list[Row]]:
    """Batch function: the live notes of each record, newest first, in key order."""
    require(ctx.principal, RESOURCE, "get")
    rel_type = rel_type_of(rel_type)
    async with ctx.db.read() as conn:
        rows = await conn.execute(
            select(notes)
            .where(notes.c.rel_type == rel_type, notes.c.rel_id.in_(set(rel_ids)), live(notes))
            .order_by(notes.c.created_at.desc(), notes.c.id.desc())
        )
        grouped: dict[int, list[Row]] = {i: [] for i in rel_ids}
        for row in rows:
            grouped[row.rel_id].append(row._mapping)
    return [grouped[i] for i in rel_ids]


async def create_note(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    principal = require(ctx.principal, RESOURCE, "create")
    fields = parse(NoteCreate, data)
    rel_type = rel_type_of(fields.rel_type)
    values = _columns(fields)
    values["rel_type"] = rel_type
    values.setdefault("staff_id", principal.staff_id)
    if values["staff_id"] is not None:
        await lookups.require_ids(ctx, Staff, [values["staff_id"]], "staff_id")
    async with ctx.db.write() as conn:
        if await fetch(conn, table_of(REL_TYPES[rel_type][1]), fields.rel_id) is None:
            raise Invalid.field("rel_id", f"no {rel_type} {fields.rel_id}")
        row = await insert_row(conn, notes, values)
        await events.record(conn, ctx, "note.created", row["id"],
                            {"rel_type": rel_type, "rel_id": row["rel_id"]},
                            parent=(rel_type, row["rel_id"]))  # fmt: skip
    return row


async def update_note(ctx: Ctx, note_id: int, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "update")
    for fixed in ("rel_type", "rel_id"):
        if fixed in data:
            raise Invalid.field(fixed, "cannot be changed after the note is created")
    fields = parse(NoteFields, data)
    values = _columns(fields)
    if values.get("staff_id") is not None:
        await lookups.require_ids(ctx, Staff, [values["staff_id"]], "staff_id")
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, notes, note_id, "Note")
        row = await update_row(conn, notes, note_id, values) if values else before
        await events.record(conn, ctx, "note.updated", note_id, changes(before, values),
                            parent=(row["rel_type"], row["rel_id"]))  # fmt: skip
    return row


async def delete_note(ctx: Ctx, note_id: int) -> Row:
    require(ctx.principal, RESOURCE, "delete")
    async with ctx.db.write() as conn:
        await must_fetch(conn, notes, note_id, "Note")
        row = await set_deleted(conn, notes, note_id, deleted=True)
        await events.record(conn, ctx, "note.deleted", note_id,
                            parent=(row["rel_type"], row["rel_id"]))  # fmt: skip
    return row


async def restore_note(ctx: Ctx, note_id: int) -> Row:
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        if await fetch(conn, notes, note_id, deleted=True) is None:
            raise NotFound("Note", note_id)
        row = await set_deleted(conn, notes, note_id, deleted=False)
        await events.record(conn, ctx, "note.restored", note_id,
                            parent=(row["rel_type"], row["rel_id"]))  # fmt: skip
    return row
