"""Projects, their members, progress, milestones and discussions, on the service layer."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
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
from resolvers.models import Customer, Event, Staff, table_of

START = dt.date(2026, 3, 1)


async def make_customer(db: Database, company: str = "Zahara Foods LLC") -> Row:
    async with db.write() as conn:
        return await insert_row(conn, table_of(Customer), {"company": company})


async def make_staff(db: Database, n: int = 1) -> Row:
    async with db.write() as conn:
        return await insert_row(
            conn, table_of(Staff), {"email": f"staff{n}@example.com", "firstname": f"Staff{n}"}
        )


async def make_project(ctx: Ctx, customer_id: int, **fields: Any) -> Row:
    return await projects.create_project(
        ctx, {"name": "ERP Rollout", "customer_id": customer_id, "start_date": START, **fields}
    )


def caller(db: Database, *grants: str) -> Ctx:
    return Ctx(db=db, principal=Principal(kind="token", id=9, name="t", grants=frozenset(grants)))


async def event_types(db: Database, resource: str, record_id: int) -> list[str]:
    events = table_of(Event)
    async with db.read() as conn:
        rows = await conn.execute(
            select(events.c.type)
            .where(events.c.resource == resource, events.c.record_id == record_id)
            .order_by(events.c.id)
        )
        return list(rows.scalars())


async def test_a_project_takes_codes_by_number_or_name(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)

    row = await make_project(
        ctx,
        customer["id"],
        status="in_progress",
        billing_type="fixed",
        project_cost="1500.555",
        deadline="2026-06-30",
        tags=["erp", "rollout", "erp"],
    )

    assert (row["status"], row["billing_type"]) == (2, 1)
    assert row["project_cost"] == Decimal("1500.56")
    assert row["deadline"] == dt.date(2026, 6, 30)
    assert row["tags"] == "erp,rollout"
    assert await event_types(db, "project", row["id"]) == ["project.created"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"billing_type": 4}, "billing_type"),
        ({"billing_type": "hourly"}, "billing_type"),
        ({"status": 6}, "status"),
        ({"status": 0}, "status"),
        ({"deadline": "2026-02-01"}, "deadline"),
        ({"progress": 101, "progress_from_tasks": False}, "progress"),
        ({"project_cost": "-1"}, "project_cost"),
        ({"unknown": 1}, "unknown"),
    ],
)
async def test_bad_project_fields_are_invalid_naming_the_field(
    ctx: Ctx, db: Database, fields: dict[str, Any], field: str
) -> None:
    customer = await make_customer(db)

    with pytest.raises(Invalid) as caught:
        await make_project(ctx, customer["id"], **fields)

    assert field in caught.value.errors


async def test_a_project_needs_a_customer_that_exists(ctx: Ctx) -> None:
    with pytest.raises(Invalid) as caught:
        await make_project(ctx, 999_999)

    assert set(caught.value.errors) == {"customer_id"}
    assert (await projects.list_projects(ctx, PageArgs())).total == 0


async def test_an_update_keeps_the_deadline_after_the_start(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, (await make_customer(db))["id"], deadline="2026-04-01")

    # The start alone is valid: the stored deadline refuses it.
    with pytest.raises(Conflict) as caught:
        await projects.update_project(ctx, project["id"], {"start_date": "2026-05-01"})

    assert caught.value.field == "deadline"
    moved = await projects.update_project(ctx, project["id"], {"deadline": "2026-07-31"})
    assert moved["deadline"] == dt.date(2026, 7, 31)


async def test_finishing_a_project_stamps_its_finish_date(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, (await make_customer(db))["id"])

    finished = await projects.update_project(ctx, project["id"], {"status": "finished"})
    reopened = await projects.update_project(ctx, project["id"], {"status": 2})

    assert finished["status"] == 5 and finished["date_finished"] is not None
    assert reopened["date_finished"] is None


async def test_members_are_set_added_and_removed(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    a, b, c = [await make_staff(db, n) for n in (1, 2, 3)]

    project = await make_project(ctx, customer["id"], members=f"{a['id']},{b['id']}")
    added = await projects.add_project_member(ctx, project["id"], c["id"])
    removed = await projects.remove_project_member(ctx, project["id"], a["id"])
    replaced = await projects.set_project_members(ctx, project["id"], f"[{a['id']}]")

    assert added == sorted([a["id"], b["id"], c["id"]])
    assert removed == sorted([b["id"], c["id"]])
    assert replaced == [a["id"]]
    [members] = await projects.members_by_project_id(ctx, [project["id"]])
    assert [m["email"] for m in members] == ["staff1@example.com"]


async def test_member_changes_refuse_unknown_staff_not_a_repeat(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    staff = await make_staff(db)
    project = await make_project(ctx, customer["id"], members=[staff["id"]])

    with pytest.raises(Invalid) as unknown:
        await make_project(ctx, customer["id"], members=[staff["id"], 999_999])
    with pytest.raises(Invalid) as unknown_added:
        await projects.add_project_member(ctx, project["id"], 999_999)
    # A retried add: the members as they stand, no error.
    assert await projects.add_project_member(ctx, project["id"], staff["id"]) == [staff["id"]]
    with pytest.raises(NotFound):
        await projects.remove_project_member(ctx, project["id"], staff["id"] + 1)

    assert set(unknown.value.errors) == {"members"}
    assert set(unknown_added.value.errors) == {"staff_id"}


async def test_progress_follows_the_share_of_complete_tasks(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, (await make_customer(db))["id"])
    made = [
        await tasks.create_task(
            ctx, {"name": f"T{n}", "rel_type": "project", "rel_id": project["id"]}
        )
        for n in range(4)
    ]

    await tasks.mark_task_complete(ctx, made[0]["id"])
    quarter = await projects.get_project(ctx, project["id"])
    await tasks.delete_task(ctx, made[3]["id"])
    third = await projects.get_project(ctx, project["id"])

    assert quarter is not None and quarter["progress"] == 25
    assert third is not None and third["progress"] == 33


async def test_manual_progress_is_kept_when_not_from_tasks(ctx: Ctx, db: Database) -> None:
    project = await make_project(
        ctx, (await make_customer(db))["id"], progress_from_tasks="off", progress=40
    )
    task = await tasks.create_task(ctx, {"name": "T", "project_id": project["id"]})

    await tasks.mark_task_complete(ctx, task["id"])

    row = await projects.get_project(ctx, project["id"])
    assert row is not None and row["progress"] == 40


async def test_a_project_is_soft_deleted_and_restored(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, (await make_customer(db))["id"])

    await projects.delete_project(ctx, project["id"])
    gone = await projects.get_project(ctx, project["id"])
    await projects.restore_project(ctx, project["id"])
    back = await projects.get_project(ctx, project["id"])

    assert gone is None and back is not None
    with pytest.raises(NotFound):
        await projects.restore_project(ctx, 999_999)
    assert await event_types(db, "project", project["id"]) == [
        "project.created",
        "project.deleted",
        "project.restored",
    ]


async def test_projects_need_their_grants(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    project = await make_project(ctx, customer["id"])
    reader = caller(db, "projects:get")

    assert (await projects.get_project(reader, project["id"])) is not None
    with pytest.raises(Forbidden):
        await make_project(reader, customer["id"])
    with pytest.raises(Forbidden):
        await projects.add_project_member(reader, project["id"], 1)
    with pytest.raises(Forbidden):
        await projects.create_discussion(reader, {"project_id": project["id"], "subject": "S"})
    with pytest.raises(Forbidden):
        await milestones.create_milestone(
            caller(db, "projects:update"),
            {"project_id": project["id"], "name": "M", "due_date": START},
        )


async def test_projects_list_by_customer_and_member(ctx: Ctx, db: Database) -> None:
    one, two = await make_customer(db, "One"), await make_customer(db, "Two")
    staff = await make_staff(db)
    mine = await make_project(ctx, one["id"], members=[staff["id"]])
    await make_project(ctx, two["id"], name="Other")

    by_customer = await projects.list_projects(ctx, PageArgs(), customer_id=one["id"])
    by_member = await projects.list_projects(ctx, PageArgs(), member_id=staff["id"])
    searched = await projects.list_projects(ctx, PageArgs(), search="other")

    assert [r["id"] for r in by_customer.rows] == [mine["id"]]
    assert [r["id"] for r in by_member.rows] == [mine["id"]]
    assert [r["name"] for r in searched.rows] == ["Other"]


async def test_milestones_belong_to_a_project_that_exists(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, (await make_customer(db))["id"])

    with pytest.raises(Invalid) as no_project:
        await milestones.create_milestone(
            ctx, {"project_id": 999_999, "name": "M", "due_date": START}
        )
    with pytest.raises(Invalid) as no_due:
        await milestones.create_milestone(ctx, {"project_id": project["id"], "name": "M"})

    assert set(no_project.value.errors) == {"project_id"}
    assert set(no_due.value.errors) == {"due_date"}


async def test_milestones_are_ordered_updated_deleted_and_restored(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, (await make_customer(db))["id"])
    first = await milestones.create_milestone(
        ctx, {"project_id": project["id"], "name": "Design", "due_date": "2026-04-01"}
    )
    second = await milestones.create_milestone(
        ctx, {"project_id": project["id"], "name": "Build", "due_date": "2026-05-01"}
    )

    renamed = await milestones.update_milestone(ctx, second["id"], {"name": "Build & test"})
    await milestones.delete_milestone(ctx, first["id"])
    listed = (await milestones.list_milestones(ctx, PageArgs(), project_id=project["id"])).rows
    await milestones.restore_milestone(ctx, first["id"])
    page = await milestones.list_milestones(ctx, PageArgs(), project_id=project["id"])

    assert (first["milestone_order"], second["milestone_order"]) == (1, 2)
    assert renamed["name"] == "Build & test"
    assert [m["id"] for m in listed] == [second["id"]]
    assert [m["id"] for m in page.rows] == [first["id"], second["id"]]


async def test_milestones_count_their_tasks(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, (await make_customer(db))["id"])
    milestone = await milestones.create_milestone(
        ctx, {"project_id": project["id"], "name": "M", "due_date": START}
    )
    for n in range(3):
        await tasks.create_task(
            ctx,
            {
                "name": f"T{n}",
                "project_id": project["id"],
                "milestone_id": milestone["id"],
                "status": 5 if n else 1,
            },
        )

    counts = await tasks.task_counts_by_milestone_id(ctx, [milestone["id"], 999_999])

    assert counts == [
        {"total_tasks": 3, "total_finished_tasks": 2},
        {"total_tasks": 0, "total_finished_tasks": 0},
    ]


async def test_discussions_carry_comments(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, (await make_customer(db))["id"])
    staff = await make_staff(db)

    discussion = await projects.create_discussion(
        ctx, {"project_id": project["id"], "subject": "Kick-off", "staff_id": staff["id"]}
    )
    comment = await projects.add_discussion_comment(ctx, discussion["id"], {"content": "Agreed"})
    page = await projects.list_discussion_comments(ctx, discussion["id"], PageArgs())
    listed = await projects.list_discussions(ctx, PageArgs(), project_id=project["id"])

    assert discussion["staff_id"] == staff["id"]
    assert [c["id"] for c in page.rows] == [comment["id"]]
    assert [d["subject"] for d in listed.rows] == ["Kick-off"]
    with pytest.raises(Invalid) as no_staff:
        await projects.create_discussion(
            ctx, {"project_id": project["id"], "subject": "S", "staff_id": 999_999}
        )
    with pytest.raises(NotFound):
        await projects.add_discussion_comment(ctx, 999_999, {"content": "x"})
    assert set(no_staff.value.errors) == {"staff_id"}


async def test_project_events_record_what_changed(ctx: Ctx, db: Database) -> None:
    project = await make_project(ctx, (await make_customer(db))["id"])

    await projects.update_project(ctx, project["id"], {"name": "Renamed"})

    events = table_of(Event)
    async with db.read() as conn:
        changes = await conn.scalar(
            select(events.c.changes).where(events.c.type == "project.updated")
        )
    assert json.loads(changes)["name"] == ["ERP Rollout", "Renamed"]


def test_the_graph_joins_projects_both_ways() -> None:
    assert RELATIONS["customers"]["projects"].column == "customer_id"
    assert RELATIONS["projects"]["customer"].kind == "one"
    assert RELATIONS["projects"]["members"].kind == "through"
    assert RELATIONS["staff"]["projects"].target == "projects"
    assert RELATIONS["projects"]["milestones"].target == "milestones"
    assert RELATIONS["milestones"]["project"].target == "projects"
    assert RELATIONS["projects"]["discussions"].target == "project_discussions"
    assert RELATIONS["projects"]["files"].match == (("rel_type", "project"),)


async def test_a_milestone_after_one_at_the_last_position_shares_it(ctx: Ctx, db: Database) -> None:
    # given a milestone at the last position a 32-bit column holds
    project = await make_project(ctx, (await make_customer(db))["id"])
    last = 2**31 - 1
    late = {"project_id": project["id"], "name": "Late", "due_date": "2026-04-01"}
    await milestones.create_milestone(ctx, {**late, "milestone_order": last})
    # when another is added without a position, it takes that one (PostgreSQL overflowed)
    added = await milestones.create_milestone(
        ctx, {"project_id": project["id"], "name": "Later", "due_date": "2026-05-01"}
    )
    assert added["milestone_order"] == last
