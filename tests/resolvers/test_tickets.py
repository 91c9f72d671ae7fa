"""Tickets: who raised them, codes by name, replies, assignment, status and history."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from gateway.database import Database
from resolvers import projects, tickets
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid, NotFound
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.core.resources import RELATIONS
from resolvers.models import (
    Contact,
    Customer,
    Department,
    Staff,
    TicketPriority,
    TicketStatus,
    table_of,
)


async def make_customer(db: Database, company: str = "Zahara Foods LLC") -> Row:
    async with db.write() as conn:
        return await insert_row(conn, table_of(Customer), {"company": company})


async def make_contact(db: Database, customer_id: int, n: int = 1) -> Row:
    async with db.write() as conn:
        return await insert_row(
            conn,
            table_of(Contact),
            {
                "customer_id": customer_id,
                "firstname": f"Karim{n}",
                "email": f"k{n}@zaharahq.ae",
            },
        )


async def make_staff(db: Database, n: int = 1) -> Row:
    async with db.write() as conn:
        return await insert_row(
            conn, table_of(Staff), {"email": f"staff{n}@example.com", "firstname": f"Staff{n}"}
        )


async def code(db: Database, model: Any, name: str) -> int:
    table = table_of(model)
    async with db.read() as conn:
        return int(await conn.scalar(select(table.c.id).where(table.c.name == name)))


async def open_ticket(ctx: Ctx, **fields: Any) -> Row:
    return await tickets.create_ticket(
        ctx, {"subject": "SLA report not loading", "message": "Spinner persists", **fields}
    )


def as_staff(db: Database, staff: Row, *grants: str) -> Ctx:
    principal = Principal(
        kind="staff",
        id=staff["id"],
        name="s",
        grants=frozenset(grants or {"*"}),
        staff_id=staff["id"],
    )
    return Ctx(db=db, principal=principal)


async def test_a_contacts_ticket_belongs_to_the_contacts_customer(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    contact = await make_contact(db, customer["id"])

    support = await code(db, Department, "Support")

    row = await open_ticket(ctx, contact_id=contact["id"], priority="high", department_id=support)

    assert row["customer_id"] == customer["id"]
    assert row["priority_id"] == await code(db, TicketPriority, "High")
    assert row["status_id"] == await code(db, TicketStatus, "Open")
    assert row["department_id"] == support
    assert len(row["ticket_key"]) == 32
    mine = await tickets.list_tickets(ctx, PageArgs(), customer_id=customer["id"])
    assert [t["id"] for t in mine.rows] == [row["id"]]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"contact_id": 999_999}, "contact_id"),
        ({"customer_id": 999_999}, "customer_id"),
        ({"department_id": 999_999}, "department_id"),
        ({"service_id": 999_999}, "service_id"),
        ({"assigned_id": 999_999}, "assigned_id"),
        ({"project_id": 999_999}, "project_id"),
        ({"priority": "apocalyptic"}, "priority"),
        ({"priority": 999}, "priority"),
        ({"status": "lost"}, "status"),
        ({"subject": ""}, "subject"),
        ({"email": "not-an-email"}, "email"),
    ],
)
async def test_bad_ticket_fields_are_invalid_naming_the_field(
    ctx: Ctx, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(Invalid) as caught:
        await open_ticket(ctx, **fields)

    assert set(caught.value.errors) == {field}


async def test_a_contact_of_another_customer_is_refused(ctx: Ctx, db: Database) -> None:
    mine, theirs = await make_customer(db, "Mine"), await make_customer(db, "Theirs")
    contact = await make_contact(db, theirs["id"])
    project = await projects.create_project(
        ctx, {"name": "P", "customer_id": theirs["id"], "start_date": "2026-01-01"}
    )

    # Every id names a live record: the contact's and project's customer refuse the pair.
    with pytest.raises(Conflict) as caught:
        await open_ticket(ctx, contact_id=contact["id"], customer_id=mine["id"])
    with pytest.raises(Conflict) as wrong_project:
        await open_ticket(ctx, customer_id=mine["id"], project_id=project["id"])
    ok = await open_ticket(ctx, contact_id=contact["id"], project_id=project["id"])

    assert caught.value.field == "contact_id"
    assert wrong_project.value.field == "project_id"
    assert ok["customer_id"] == theirs["id"]


async def test_a_staff_reply_answers_and_a_customer_reply_reopens(ctx: Ctx, db: Database) -> None:
    contact = await make_contact(db, (await make_customer(db))["id"])
    staff = await make_staff(db)
    ticket = await open_ticket(ctx, contact_id=contact["id"])

    answer = await tickets.reply_to_ticket(
        ctx, ticket["id"], {"message": "On it", "staff_id": staff["id"]}
    )
    answered = await tickets.get_ticket(ctx, ticket["id"])
    follow_up = await tickets.reply_to_ticket(ctx, ticket["id"], {"message": "Still broken"})
    reopened = await tickets.get_ticket(ctx, ticket["id"])

    assert answer["staff_id"] == staff["id"] and answer["contact_id"] is None
    assert follow_up["contact_id"] == contact["id"] and follow_up["staff_id"] is None
    assert answered is not None and reopened is not None
    assert answered["status_id"] == await code(db, TicketStatus, "Answered")
    assert answered["last_reply_at"] == answer["created_at"]
    assert answered["admin_read"] and not answered["client_read"]
    assert reopened["status_id"] == await code(db, TicketStatus, "Open")
    assert reopened["last_reply_at"] == follow_up["created_at"]
    page = await tickets.list_ticket_replies(ctx, ticket["id"], PageArgs())
    assert [r["message"] for r in page.rows] == ["On it", "Still broken"]


async def test_a_signed_in_staff_member_replies_as_staff_and_can_close(
    ctx: Ctx, db: Database
) -> None:
    staff = await make_staff(db)
    ticket = await open_ticket(ctx)

    reply = await tickets.reply_to_ticket(
        as_staff(db, staff),
        ticket["id"],
        {"message": "Fixed after cache purge.", "status": "closed"},
    )
    after = await tickets.get_ticket(ctx, ticket["id"])

    assert reply["staff_id"] == staff["id"]
    assert after is not None and after["status_id"] == await code(db, TicketStatus, "Closed")


async def test_a_reply_needs_a_message_and_a_ticket(ctx: Ctx) -> None:
    ticket = await open_ticket(ctx)

    with pytest.raises(Invalid) as empty:
        await tickets.reply_to_ticket(ctx, ticket["id"], {"message": " "})
    with pytest.raises(Invalid) as unknown_staff:
        await tickets.reply_to_ticket(ctx, ticket["id"], {"message": "x", "staff_id": 999_999})
    with pytest.raises(NotFound):
        await tickets.reply_to_ticket(ctx, 999_999, {"message": "x"})

    assert set(empty.value.errors) == {"message"}
    assert set(unknown_staff.value.errors) == {"staff_id"}
    unchanged = await tickets.get_ticket(ctx, ticket["id"])
    assert unchanged is not None and unchanged["last_reply_at"] is None


async def test_assigning_needs_a_staff_member_that_exists(ctx: Ctx, db: Database) -> None:
    staff = await make_staff(db)
    ticket = await open_ticket(ctx)

    assigned = await tickets.assign_ticket(ctx, ticket["id"], staff["id"])
    with pytest.raises(Invalid) as caught:
        await tickets.assign_ticket(ctx, ticket["id"], 999_999)
    unassigned = await tickets.assign_ticket(ctx, ticket["id"], None)

    assert assigned["assigned_id"] == staff["id"]
    assert set(caught.value.errors) == {"staff_id"}
    assert unassigned["assigned_id"] is None


@pytest.mark.parametrize(
    ("given", "name"),
    [("resolved", "Closed"), ("closed", "Closed"), ("CLOSED", "Closed"),
     ("in_progress", "In progress"), ("On Hold", "On Hold"), ("answered", "Answered")],
)  # fmt: skip
async def test_statuses_are_named_as_the_documents_name_them(
    ctx: Ctx, db: Database, given: str, name: str
) -> None:
    ticket = await open_ticket(ctx)

    row = await tickets.set_ticket_status(ctx, ticket["id"], given)

    assert row["status_id"] == await code(db, TicketStatus, name)


async def test_closing_is_its_own_event_in_the_history(ctx: Ctx, db: Database) -> None:
    ticket = await open_ticket(ctx)
    staff = await make_staff(db)

    await tickets.reply_to_ticket(ctx, ticket["id"], {"message": "Hi", "staff_id": staff["id"]})
    await tickets.assign_ticket(ctx, ticket["id"], staff["id"])
    await tickets.set_ticket_status(ctx, ticket["id"], "resolved")
    await tickets.update_ticket(ctx, ticket["id"], {"status": "open"})
    await tickets.update_ticket(ctx, ticket["id"], {"status": "closed"})
    history = await tickets.ticket_history(ctx, ticket["id"], PageArgs())

    assert [e["type"] for e in history.rows] == [
        "ticket.created",
        "ticket.replied",
        "ticket.assigned",
        "ticket.closed",
        "ticket.updated",
        "ticket.closed",
    ]
    assert history.rows[1]["changes"]["from"] == "staff"


async def test_tickets_list_by_status_and_priority_names(ctx: Ctx) -> None:
    urgent = await open_ticket(ctx, priority="Urgent")
    await open_ticket(ctx, priority="low")
    await tickets.set_ticket_status(ctx, urgent["id"], "closed")

    closed = await tickets.list_tickets(ctx, PageArgs(), status="closed")
    by_priority = await tickets.list_tickets(ctx, PageArgs(), priority="urgent")

    assert [t["id"] for t in closed.rows] == [urgent["id"]]
    assert [t["id"] for t in by_priority.rows] == [urgent["id"]]


async def test_tickets_need_their_grants(ctx: Ctx, db: Database) -> None:
    ticket = await open_ticket(ctx)
    reader = as_staff(db, await make_staff(db), "tickets:get")

    assert await tickets.get_ticket(reader, ticket["id"]) is not None
    for write in (
        tickets.reply_to_ticket(reader, ticket["id"], {"message": "x"}),
        tickets.assign_ticket(reader, ticket["id"], None),
        tickets.set_ticket_status(reader, ticket["id"], "closed"),
        tickets.delete_ticket(reader, ticket["id"]),
        open_ticket(reader),
    ):
        with pytest.raises(Forbidden):
            await write


async def test_a_ticket_is_soft_deleted_and_restored(ctx: Ctx) -> None:
    ticket = await open_ticket(ctx)

    await tickets.delete_ticket(ctx, ticket["id"])
    gone = await tickets.get_ticket(ctx, ticket["id"])
    history = await tickets.ticket_history(ctx, ticket["id"], PageArgs())
    await tickets.restore_ticket(ctx, ticket["id"])

    assert gone is None
    assert [e["type"] for e in history.rows] == ["ticket.created", "ticket.deleted"]
    assert await tickets.get_ticket(ctx, ticket["id"]) is not None


def test_the_graph_joins_tickets_both_ways() -> None:
    for owner, edge in (
        ("customers", "customer"),
        ("contacts", "contact"),
        ("departments", "department"),
        ("projects", "project"),
    ):
        assert RELATIONS[owner]["tickets"].target == "tickets"
        assert RELATIONS["tickets"][edge].kind == "one"
    assert RELATIONS["tickets"]["assignee"].column == "assigned_id"
    assert RELATIONS["staff"]["assigned_tickets"].column == "assigned_id"
    assert RELATIONS["tickets"]["replies"].target == "ticket_replies"
    assert RELATIONS["ticket_replies"]["ticket"].target == "tickets"
    assert RELATIONS["tickets"]["attachments"].match == (("rel_type", "ticket"),)
