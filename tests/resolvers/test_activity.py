"""The activity feed: a record's events and its children's, oldest first."""

from __future__ import annotations

import pytest

from gateway.database import Database
from resolvers import activity, milestones, projects, tasks, tickets
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Forbidden, Invalid, NotFound
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.models import Customer, Staff, table_of


async def make_customer(db: Database) -> Row:
    async with db.write() as conn:
        return await insert_row(conn, table_of(Customer), {"company": "Zahara Foods LLC"})


async def make_project(ctx: Ctx, db: Database, name: str = "ERP") -> Row:
    customer = await make_customer(db)
    return await projects.create_project(
        ctx, {"name": name, "customer_id": customer["id"], "start_date": "2026-03-01"}
    )


def types(page: Page) -> list[str]:
    return [e["type"] for e in page.rows]


async def test_a_project_feed_holds_its_children_in_order(ctx: Ctx, db: Database) -> None:
    project, other = await make_project(ctx, db), await make_project(ctx, db, "Other")
    milestone = await milestones.create_milestone(
        ctx, {"project_id": project["id"], "name": "M", "due_date": "2026-04-01"}
    )
    task = await tasks.create_task(ctx, {"name": "T", "project_id": project["id"]})
    await tasks.create_task(ctx, {"name": "Elsewhere", "project_id": other["id"]})
    await tasks.add_checklist_item(ctx, task["id"], {"description": "grandchild"})
    await tasks.mark_task_complete(ctx, task["id"])
    await projects.update_project(ctx, project["id"], {"name": "ERP v2"})

    feed = await activity.feed(ctx, "project", project["id"], PageArgs())

    assert types(feed) == [
        "project.created",
        "milestone.created",
        "task.created",
        "task.completed",
        "project.updated",
    ]
    assert feed.rows[1]["record_id"] == milestone["id"]
    assert feed.rows[4]["changes"] == {"name": ["ERP", "ERP v2"]}
    task_feed = await activity.feed(ctx, "tasks", task["id"], PageArgs())
    assert types(task_feed) == ["task.created", "checklist_item.created", "task.completed"]


async def test_a_ticket_feed_lists_the_ticket_and_its_replies(ctx: Ctx, db: Database) -> None:
    async with db.write() as conn:
        staff = await insert_row(conn, table_of(Staff), {"email": "s@x.io", "firstname": "S"})
    ticket = await tickets.create_ticket(ctx, {"subject": "Portal access issue"})
    first = await tickets.reply_to_ticket(
        ctx, ticket["id"], {"message": "Looking", "staff_id": staff["id"]}
    )
    second = await tickets.reply_to_ticket(ctx, ticket["id"], {"message": "Thanks"})
    await tickets.set_ticket_status(ctx, ticket["id"], "closed")

    feed = await activity.feed(ctx, "ticket", ticket["id"], PageArgs())

    assert types(feed) == ["ticket.created", "ticket.replied", "ticket.replied", "ticket.closed"]
    assert [e["changes"].get("reply_id") for e in feed.rows[1:3]] == [first["id"], second["id"]]
    assert [e["created_at"] for e in feed.rows] == sorted(e["created_at"] for e in feed.rows)


async def test_a_feed_pages_oldest_first(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, db)
    for n in range(4):
        await projects.update_project(ctx, project["id"], {"name": f"ERP {n}"})

    first = await activity.feed(ctx, "project", project["id"], PageArgs(first=2))
    rest = await activity.feed(
        ctx, "project", project["id"], PageArgs(first=10, after=first.cursor(first.rows[-1]))
    )

    assert types(first) == ["project.created", "project.updated"]
    assert first.has_next and first.total == 5
    assert [e["changes"]["name"][1] for e in rest.rows] == ["ERP 1", "ERP 2", "ERP 3"]


async def test_a_feed_needs_a_known_resource_a_record_and_the_grant(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, db)
    tickets_only = Ctx(
        db=db, principal=Principal(kind="token", id=2, name="t", grants=frozenset({"tickets:get"}))
    )

    with pytest.raises(Invalid) as caught:
        await activity.feed(ctx, "planets", 1, PageArgs())
    with pytest.raises(NotFound):
        await activity.feed(ctx, "project", 999_999, PageArgs())
    with pytest.raises(Forbidden):
        await activity.feed(tickets_only, "project", project["id"], PageArgs())

    assert set(caught.value.errors) == {"resource"}


async def test_a_deleted_record_keeps_its_history(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, db)

    await projects.delete_project(ctx, project["id"])

    feed = await activity.feed(ctx, "project", project["id"], PageArgs())
    assert types(feed) == ["project.created", "project.deleted"]


async def test_a_customer_feed_shows_what_was_filed_under_it(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, db)
    customer = project["customer_id"]
    task = await tasks.create_task(ctx, {"name": "Call", "customer_id": customer})

    feed = await activity.feed(ctx, "customer", customer, PageArgs())

    assert types(feed) == ["project.created", "task.created"]
    assert feed.rows[1]["record_id"] == task["id"]
