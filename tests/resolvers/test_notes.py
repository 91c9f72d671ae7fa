"""Notes: attached to a record that exists, never moved, listed by what they are on."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from gateway.database import Database
from resolvers import leads, notes
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Forbidden, Invalid, NotFound
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.resources import RELATIONS, Relation
from resolvers.models import Event, table_of
from tests.factories import make_customer, make_staff


async def make_note(ctx: Ctx, rel_type: str, rel_id: int, **fields: Any) -> Row:
    return await notes.create_note(
        ctx, {"rel_type": rel_type, "rel_id": rel_id,
              "description": "Follow up about renewal next week", **fields},
    )  # fmt: skip


async def test_a_note_on_a_customer(ctx: Ctx) -> None:
    customer = await make_customer(ctx)

    note = await make_note(ctx, "customer", customer["id"], date_contacted="2026-02-10 09:30:00")

    assert (note["rel_type"], note["rel_id"]) == ("customer", customer["id"])
    assert note["date_contacted"] == datetime(2026, 2, 10, 9, 30, tzinfo=UTC)
    assert note["staff_id"] is None  # the test caller is a token of no staff member


@pytest.mark.parametrize(
    ("rel_type", "rel_id", "field"),
    [("customer", 999, "rel_id"), ("planet", 1, "rel_type"), ("lead", 1, "rel_id")],
)
async def test_the_record_must_exist(ctx: Ctx, rel_type: str, rel_id: int, field: str) -> None:
    with pytest.raises(Invalid) as caught:
        await make_note(ctx, rel_type, rel_id)

    assert field in caught.value.errors


async def test_a_deleted_record_takes_no_notes(ctx: Ctx) -> None:
    lead = await leads.create_lead(ctx, {"name": "Jonas Weiss"})
    await leads.delete_lead(ctx, lead["id"])

    with pytest.raises(Invalid):
        await make_note(ctx, "lead", lead["id"])


async def test_a_note_stays_on_its_record(ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    note = await make_note(ctx, "customer", customer["id"])

    for field, value in (("rel_id", customer["id"] + 1), ("rel_type", "lead")):
        with pytest.raises(Invalid) as caught:
            await notes.update_note(ctx, note["id"], {field: value, "description": "moved"})
        assert list(caught.value.errors) == [field]

    updated = await notes.update_note(ctx, note["id"], {"description": "Renewal confirmed"})
    assert updated["description"] == "Renewal confirmed"
    with pytest.raises(Invalid):
        await notes.update_note(ctx, note["id"], {"description": ""})


async def test_lead_notes_show_in_the_leads_history(db: Database, ctx: Ctx) -> None:
    lead = await leads.create_lead(ctx, {"name": "Jonas Weiss"})

    note = await make_note(ctx, "lead", lead["id"])

    events = table_of(Event)
    async with db.read() as conn:
        event = (await conn.execute(select(events).where(events.c.type == "note.created"))).one()
    assert (event.record_id, event.parent_resource, event.parent_id) == (
        note["id"], "lead", lead["id"],
    )  # fmt: skip
    assert json.loads(event.changes)["rel_type"] == "lead"


async def test_listing_by_record_author_and_day(db: Database, ctx: Ctx) -> None:
    sara = await make_staff(db)
    first, second = await make_customer(ctx), await make_customer(ctx, company="Blue Harbor")
    on_first = await make_note(ctx, "customer", first["id"], staff_id=sara["id"])
    await make_note(ctx, "customer", second["id"])
    today = datetime.now(UTC).date()

    by_record = await notes.list_notes(ctx, PageArgs(first=10), rel_type="customer",
                                       rel_id=first["id"])  # fmt: skip
    by_author = await notes.list_notes(ctx, PageArgs(first=10), staff_id=sara["id"])
    today_only = await notes.list_notes(ctx, PageArgs(first=10), date_from=today, date_to=today)
    tomorrow = await notes.list_notes(ctx, PageArgs(first=10),
                                      date_from=today + timedelta(days=1))  # fmt: skip

    assert [n["id"] for n in by_record.rows] == [on_first["id"]]
    assert [n["id"] for n in by_author.rows] == [on_first["id"]]
    assert today_only.total == 2
    assert tomorrow.total == 0
    with pytest.raises(Invalid):
        await notes.list_notes(ctx, PageArgs(), rel_type="planet")


async def test_every_attachable_resource_reaches_its_notes() -> None:
    for rel_type, (owner, _) in notes.REL_TYPES.items():
        assert RELATIONS[owner]["notes"] == Relation(
            "notes", "many", "rel_id", match=(("rel_type", rel_type),)
        )


async def test_delete_restore_and_grants(db: Database, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    note = await make_note(ctx, "customer", customer["id"])
    reader = Ctx(db=db, principal=Principal(kind="token", id=2, name="r",
                                            grants=frozenset({"notes:get"})))  # fmt: skip

    with pytest.raises(Forbidden):
        await notes.delete_note(reader, note["id"])
    await notes.delete_note(ctx, note["id"])
    assert await notes.get_note(reader, note["id"]) is None
    await notes.restore_note(ctx, note["id"])
    assert await notes.get_note(reader, note["id"]) is not None
    with pytest.raises(NotFound):
        await notes.delete_note(ctx, 999)
