"""Tasks: what they hang off, people, status and priority, checklists and comments."""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from gateway.database import Database
from resolvers import milestones, projects, tasks
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid, NotFound
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.core.resources import RELATIONS
from resolvers.models import Contact, Customer, Event, Staff, table_of


async def make_customer(db: Database) -> Row:
    async with db.write() as conn:
        return await insert_row(conn, table_of(Customer), {"company": "Zahara Foods LLC"})


async def make_contact(db: Database, customer_id: int) -> Row:
    async with db.write() as conn:
        return await insert_row(
            conn,
            table_of(Contact),
            {"customer_id": customer_id, "firstname": "Karim", "email": "karim@zaharahq.ae"},
        )


async def make_staff(db: Database, n: int = 1) -> Row:
    async with db.write() as conn:
        return await insert_row(
            conn, table_of(Staff), {"email": f"staff{n}@example.com", "firstname": f"Staff{n}"}
        )


async def make_project(ctx: Ctx, db: Database) -> Row:
    customer = await make_customer(db)
    return await projects.create_project(
        ctx, {"name": "ERP", "customer_id": customer["id"], "start_date": "2026-03-01"}
    )


async def make_task(ctx: Ctx, **fields: Any) -> Row:
    return await tasks.create_task(ctx, {"name": "Data migration", **fields})


def staff_ctx(db: Database, staff_id: int, *grants: str) -> Ctx:
    principal = Principal(
        kind="staff", id=staff_id, name="sara", grants=frozenset(grants or {"*"}), staff_id=staff_id
    )
    return Ctx(db=db, principal=principal)


async def event_types(db: Database, resource: str) -> list[str]:
    events = table_of(Event)
    async with db.read() as conn:
        rows = await conn.execute(
            select(events.c.type).where(events.c.resource == resource).order_by(events.c.id)
        )
        return list(rows.scalars())


async def test_a_project_task_gets_the_project_key(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, db)

    by_rel = await make_task(ctx, rel_type="project", rel_id=project["id"])
    by_key = await make_task(ctx, project_id=project["id"])

    for row in (by_rel, by_key):
        assert (row["rel_type"], row["rel_id"]) == ("project", project["id"])
        assert (row["project_id"], row["customer_id"]) == (project["id"], None)
    page = await tasks.list_tasks(ctx, PageArgs(), project_id=project["id"])
    assert page.total == 2


async def test_a_customer_task_gets_the_customer_key(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)

    row = await make_task(ctx, customer_id=customer["id"], priority="high")
    moved = await tasks.update_task(ctx, row["id"], {"rel_type": "annex"})

    assert (row["rel_type"], row["customer_id"], row["project_id"]) == (
        "customer",
        customer["id"],
        None,
    )
    assert (moved["rel_type"], moved["rel_id"], moved["customer_id"]) == ("annex", None, None)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rel_type": "project", "rel_id": 999_999}, "rel_id"),
        ({"rel_type": "lead", "rel_id": 999_999}, "rel_id"),
        ({"rel_type": "quotation", "rel_id": 999_999}, "rel_id"),
        ({"rel_type": "ticket"}, "rel_id"),
        ({"rel_type": "planet", "rel_id": 1}, "rel_type"),
        ({"rel_id": 5}, "rel_type"),
        ({"customer_id": 999_999}, "rel_id"),
        ({"priority": 5}, "priority"),
        ({"priority": "critical"}, "priority"),
        ({"status": 6}, "status"),
        ({"start_date": "2026-03-05", "due_date": "2026-03-01"}, "due_date"),
        ({"assignees": "1,x"}, "assignees"),
        ({"assignees": [999_999]}, "assignees"),
        ({"followers": [999_999]}, "followers"),
        ({"repeat_every": "fortnightly"}, "repeat_every"),
        ({"hourly_rate": -5}, "hourly_rate"),
    ],
)
async def test_bad_task_fields_are_invalid_naming_the_field(
    ctx: Ctx, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(Invalid) as caught:
        await make_task(ctx, **fields)

    # A list names the bad entry too: "assignees.1".
    assert field in {name.split(".")[0] for name in caught.value.errors}


@pytest.mark.parametrize("given", ["list", "comma", "json", "json_string"])
async def test_assignees_come_in_every_documented_shape(ctx: Ctx, db: Database, given: str) -> None:
    a, b = await make_staff(db, 1), await make_staff(db, 2)
    shapes = {
        "list": [a["id"], b["id"]],
        "comma": f"{a['id']}, {b['id']}",
        "json": f"[{a['id']},{b['id']}]",
        "json_string": f'["{a["id"]}","{b["id"]}"]',
    }

    task = await make_task(ctx, assignees=shapes[given])

    [assigned] = await tasks.assignees_by_task_id(ctx, [task["id"]])
    assert sorted(s["id"] for s in assigned) == sorted([a["id"], b["id"]])


async def test_priority_and_status_names_map_to_codes(ctx: Ctx) -> None:
    task = await make_task(ctx, priority="URGENT", status="in progress")

    low = await tasks.set_task_priority(ctx, task["id"], "low")
    testing = await tasks.set_task_status(ctx, task["id"], "testing")

    assert (task["priority"], task["status"]) == (4, 4)
    assert low["priority"] == 1
    assert testing["status"] == 3
    with pytest.raises(Invalid) as caught:
        await tasks.set_task_status(ctx, task["id"], "someday")
    assert set(caught.value.errors) == {"status"}


async def test_completing_stamps_the_time_and_records_task_completed(
    ctx: Ctx, db: Database
) -> None:
    task = await make_task(ctx)

    done = await tasks.mark_task_complete(ctx, task["id"])
    again = await tasks.mark_task_complete(ctx, task["id"])
    reopened = await tasks.set_task_status(ctx, task["id"], 4)
    via_tech9 = await tasks.update_task(ctx, task["id"], {"status": "completed"})

    assert done["status"] == 5 and done["completed_at"] is not None
    assert again["completed_at"] == done["completed_at"]
    assert reopened["completed_at"] is None
    assert via_tech9["status"] == 5 and via_tech9["completed_at"] is not None
    assert await event_types(db, "task") == [
        "task.created",
        "task.completed",
        "task.updated",
        "task.completed",
    ]
    with pytest.raises(NotFound):
        await tasks.mark_task_complete(ctx, 999_999)


async def test_assign_adds_an_assignee_once(ctx: Ctx, db: Database) -> None:
    a, b = await make_staff(db, 1), await make_staff(db, 2)
    task = await make_task(ctx, assignees=[a["id"]])

    assigned = await tasks.assign_task(ctx, task["id"], b["id"])

    assert assigned == sorted([a["id"], b["id"]])
    # A retried assign: the task as it stands, no error.
    assert await tasks.assign_task(ctx, task["id"], b["id"]) == assigned
    with pytest.raises(Invalid) as unknown:
        await tasks.assign_task(ctx, task["id"], 999_999)
    assert set(unknown.value.errors) == {"staff_id"}
    assert await tasks.unassign_task(ctx, task["id"], a["id"]) == [b["id"]]
    mine = await tasks.list_tasks(ctx, PageArgs(), assignee_id=b["id"])
    assert [t["id"] for t in mine.rows] == [task["id"]]


async def test_followers_are_added_replaced_and_removed(ctx: Ctx, db: Database) -> None:
    a, b = await make_staff(db, 1), await make_staff(db, 2)
    task = await make_task(ctx, followers=[a["id"]])

    await tasks.add_task_follower(ctx, task["id"], b["id"])
    await tasks.update_task(ctx, task["id"], {"followers": [b["id"]]})
    [following] = await tasks.followers_by_task_id(ctx, [task["id"]])

    assert [s["id"] for s in following] == [b["id"]]
    assert await tasks.remove_task_follower(ctx, task["id"], b["id"]) == []
    with pytest.raises(NotFound):
        await tasks.remove_task_follower(ctx, task["id"], b["id"])


async def test_a_milestone_must_be_of_the_tasks_project(ctx: Ctx, db: Database) -> None:
    project, other = await make_project(ctx, db), await make_project(ctx, db)
    milestone = await milestones.create_milestone(
        ctx, {"project_id": other["id"], "name": "M", "due_date": "2026-04-01"}
    )

    with pytest.raises(Conflict) as caught:
        await make_task(ctx, project_id=project["id"], milestone_id=milestone["id"])
    ok = await make_task(ctx, project_id=other["id"], milestone_id=milestone["id"])

    assert caught.value.field == "milestone_id"
    assert ok["milestone_id"] == milestone["id"]


async def test_custom_repeats_combine_number_and_unit(ctx: Ctx) -> None:
    task = await make_task(
        ctx, repeat_every="custom", repeat_every_custom=3, repeat_type_custom="week"
    )

    plain = await tasks.update_task(ctx, task["id"], {"repeat_every": "1-month"})
    stopped = await tasks.update_task(ctx, task["id"], {"repeat_every": "0"})

    assert (task["repeat_every"], plain["repeat_every"], stopped["repeat_every"]) == (
        "3-week",
        "1-month",
        "",
    )


async def test_checklist_items_are_ordered_ticked_and_deleted(ctx: Ctx, db: Database) -> None:
    staff = await make_staff(db)
    as_staff = staff_ctx(db, staff["id"])
    task = await make_task(ctx)

    first = await tasks.add_checklist_item(as_staff, task["id"], {"description": "Backup"})
    second = await tasks.add_checklist_item(as_staff, task["id"], {"description": "Migrate"})
    top = await tasks.add_checklist_item(
        as_staff, task["id"], {"description": "Plan", "list_order": 0}
    )
    ticked = await tasks.update_checklist_item(as_staff, task["id"], first["id"], {"finished": 1})
    unticked = await tasks.update_checklist_item(ctx, task["id"], first["id"], {"finished": 0})
    await tasks.delete_checklist_item(ctx, task["id"], second["id"])
    listed = await tasks.list_checklist_items(ctx, task["id"])

    assert (first["list_order"], second["list_order"]) == (1, 2)
    assert first["added_by_id"] == staff["id"]
    assert ticked["finished"] and ticked["finished_by_id"] == staff["id"]
    assert ticked["finished_at"] is not None
    assert not unticked["finished"] and unticked["finished_at"] is None
    assert [i["id"] for i in listed] == [top["id"], first["id"]]


async def test_checklist_items_are_reached_through_their_own_task(ctx: Ctx) -> None:
    task, other = await make_task(ctx), await make_task(ctx)
    item = await tasks.add_checklist_item(ctx, task["id"], {"description": "Backup"})

    with pytest.raises(NotFound):
        await tasks.update_checklist_item(ctx, other["id"], item["id"], {"finished": True})
    with pytest.raises(NotFound):
        await tasks.add_checklist_item(ctx, 999_999, {"description": "x"})
    with pytest.raises(Invalid) as caught:
        await tasks.add_checklist_item(ctx, task["id"], {"description": ""})
    with pytest.raises(Invalid) as assigned:
        await tasks.add_checklist_item(ctx, task["id"], {"description": "x", "assigned_id": 9999})
    assert set(caught.value.errors) == {"description"}
    assert set(assigned.value.errors) == {"assigned_id"}


async def test_comments_come_from_staff_or_contacts(ctx: Ctx, db: Database) -> None:
    staff = await make_staff(db)
    contact = await make_contact(db, (await make_customer(db))["id"])
    task = await make_task(ctx)

    mine = await tasks.add_task_comment(staff_ctx(db, staff["id"]), task["id"], {"content": "Hi"})
    theirs = await tasks.add_task_comment(
        ctx, task["id"], {"content": "Thanks", "contact_id": contact["id"]}
    )
    edited = await tasks.update_task_comment(ctx, task["id"], mine["id"], {"content": "Hello"})
    await tasks.delete_task_comment(ctx, task["id"], theirs["id"])
    page = await tasks.list_task_comments(ctx, task["id"], PageArgs())

    assert mine["staff_id"] == staff["id"] and theirs["contact_id"] == contact["id"]
    assert [c["content"] for c in page.rows] == [edited["content"]] == ["Hello"]
    with pytest.raises(Invalid) as caught:
        await tasks.add_task_comment(ctx, task["id"], {"content": "x", "contact_id": 999_999})
    assert set(caught.value.errors) == {"contact_id"}


async def test_sub_records_use_the_tasks_grants(ctx: Ctx, db: Database) -> None:
    task = await make_task(ctx)
    reader = staff_ctx(db, 1, "tasks:get")

    assert await tasks.list_checklist_items(reader, task["id"]) == []
    for write in (
        tasks.add_checklist_item(reader, task["id"], {"description": "x"}),
        tasks.add_task_comment(reader, task["id"], {"content": "x"}),
        tasks.add_task_follower(reader, task["id"], 1),
        tasks.assign_task(reader, task["id"], 1),
        tasks.mark_task_complete(reader, task["id"]),
    ):
        with pytest.raises(Forbidden):
            await write
    with pytest.raises(Forbidden):
        await make_task(reader)


async def test_a_task_is_soft_deleted_and_restored(ctx: Ctx) -> None:
    task = await make_task(ctx)

    await tasks.delete_task(ctx, task["id"])
    gone = await tasks.get_task(ctx, task["id"])
    await tasks.restore_task(ctx, task["id"])

    assert gone is None
    assert await tasks.get_task(ctx, task["id"]) is not None
    with pytest.raises(NotFound):
        await tasks.delete_task(ctx, 999_999)


async def test_tasks_start_today_unless_told(ctx: Ctx) -> None:
    task = await make_task(ctx, tags="ops, db ,ops")

    assert task["start_date"] == dt.datetime.now(dt.UTC).date()
    assert task["tags"] == "ops,db"


def test_the_graph_joins_tasks_both_ways() -> None:
    assert RELATIONS["projects"]["tasks"].column == "project_id"
    assert RELATIONS["tasks"]["project"].kind == "one"
    assert RELATIONS["customers"]["tasks"].column == "customer_id"
    assert RELATIONS["tasks"]["assignees"].target_column == "staff_id"
    assert RELATIONS["staff"]["tasks"].target_column == "task_id"
    assert RELATIONS["tasks"]["checklist"].target == "task_checklist_items"
    assert RELATIONS["tasks"]["milestone"].target == "milestones"
    assert RELATIONS["milestones"]["tasks"].target == "tasks"


async def test_a_task_with_only_a_past_due_date_starts_on_that_date(ctx: Ctx) -> None:
    row = await tasks.create_task(ctx, {"name": "Late work", "due_date": date(2025, 8, 26)})

    assert row["start_date"] == date(2025, 8, 26)
    assert row["due_date"] == date(2025, 8, 26)
