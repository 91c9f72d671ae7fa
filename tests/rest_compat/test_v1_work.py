"""v1 work: projects, tasks, timesheets and contracts, replaying the document's examples."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import httpx

from gateway.database import Database
from resolvers import contracts, files, milestones, projects, tasks, timesheets
from resolvers.core.context import Ctx, Row
from tests.factories import make_customer, make_staff
from tests.rest_compat.test_v1 import key


async def make_project(ctx: Ctx, customer_id: int, name: str = "Website") -> Row:
    return await projects.create_project(ctx, {"name": name, "customer_id": customer_id})


async def make_task(ctx: Ctx, name: str = "Review", **fields: object) -> Row:
    return await tasks.create_task(ctx, {"name": name, **fields})


async def test_dates_a_stored_one_refuses_are_a_conflict_and_a_bodys_own_invalid(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    created = await client.post(
        "/api/v1/projects",
        json={"name": "Dated", "clientid": customer["id"], "start_date": "2026-03-01",
              "deadline": "2026-04-01"},
        headers=key(token),
    )  # fmt: skip
    path = f"/api/v1/projects/{created.json()['id']}"

    # A start alone is valid: the stored deadline refuses it. Both sent: the body's own.
    late = await client.put(path, json={"start_date": "2026-05-01"}, headers=key(token))
    backwards = await client.put(
        path, json={"start_date": "2026-05-01", "deadline": "2026-04-30"}, headers=key(token)
    )

    assert late.status_code == 409, late.text
    assert late.json()["error"] == "conflict" and "deadline" in late.json()["errors"]
    assert backwards.status_code == 400, backwards.text
    assert "deadline" in backwards.json()["errors"]


async def test_project_flow_from_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post(
        "/api/v1/projects",
        json={"name": "Website Redesign", "clientid": customer["id"], "billing_type": 1,
              "start_date": "2026-03-01", "deadline": "2026-06-30",
              "description": "Complete website overhaul"},
        headers=key(token),
    )  # fmt: skip
    project_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/projects/{project_id}",
        json={"deadline": "2026-07-31", "description": "Updated project scope"},
        headers=key(token),
    )
    listed = await client.get(f"/api/v1/projects?clientid={customer['id']}", headers=key(token))
    of_customer = await client.get(
        f"/api/v1/customers/{customer['id']}/projects", headers=key(token)
    )
    activity = await client.get(f"/api/v1/projects/{project_id}/activity", headers=key(token))
    deleted = await client.delete(f"/api/v1/projects/{project_id}", headers=key(token))
    gone = await client.get(f"/api/v1/projects/{project_id}", headers=key(token))
    no_customer = await client.post("/api/v1/projects", json={"name": "X"}, headers=key(token))

    assert created.status_code == 201, created.text
    assert created.json()["clientid"] == customer["id"]
    assert (created.json()["start_date"], created.json()["deadline"]) == (
        "2026-03-01", "2026-06-30"
    )  # fmt: skip
    assert updated.json()["deadline"] == "2026-07-31"
    assert [p["id"] for p in listed.json()["data"]] == [project_id]
    assert of_customer.json()["data"][0]["clientid"] == customer["id"]
    assert [e["type"] for e in activity.json()["data"]] == ["project.created", "project.updated"]
    assert deleted.status_code == 200 and gone.status_code == 404
    assert no_customer.status_code == 400 and "clientid" in no_customer.json()["errors"]


async def test_project_sub_lists(
    client: httpx.AsyncClient, token: str, ctx: Ctx, tmp_path: Path
) -> None:
    customer = await make_customer(ctx)
    project = await make_project(ctx, customer["id"])
    pid = project["id"]
    task = await make_task(ctx, rel_type="project", rel_id=pid)
    await make_task(ctx, "Elsewhere")
    await milestones.create_milestone(ctx, {"project_id": pid, "name": "Beta",
                                            "due_date": "2030-01-01"})  # fmt: skip
    await projects.create_discussion(ctx, {"project_id": pid, "subject": "Kick-off"})
    await files.attach_file(
        replace(ctx, storage_dir=tmp_path), "project", pid, "brief.pdf", None, b"%PDF"
    )

    found = {
        name: await client.get(f"/api/v1/projects/{pid}/{name}", headers=key(token))
        for name in ("tasks", "milestones", "files", "discussions")
    }
    missing = [
        (await client.get(f"/api/v1/projects/999/{name}", headers=key(token))).status_code
        for name in ("tasks", "milestones", "files", "discussions", "activity")
    ]

    assert [t["id"] for t in found["tasks"].json()["data"]] == [task["id"]]
    assert [m["name"] for m in found["milestones"].json()["data"]] == ["Beta"]
    assert [f["file_name"] for f in found["files"].json()["data"]] == ["brief.pdf"]
    assert [d["subject"] for d in found["discussions"].json()["data"]] == ["Kick-off"]
    assert missing == [404] * 5


async def test_task_flow_from_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx, db: Database
) -> None:
    customer = await make_customer(ctx)
    project = await make_project(ctx, customer["id"])
    first = await make_staff(db, email="a@example.com")
    second = await make_staff(db, email="b@example.com")
    third = await make_staff(db, email="c@example.com")

    created = await client.post(
        "/api/v1/tasks",
        json={"name": "Review proposal", "startdate": "2026-02-10", "duedate": "2026-02-15",
              "priority": 2, "rel_type": "project", "rel_id": project["id"],
              "assignees": [first["id"], second["id"]]},
        headers=key(token),
    )  # fmt: skip
    task_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/tasks/{task_id}", json={"priority": 1, "duedate": "2026-02-20"},
        headers=key(token),
    )  # fmt: skip
    assigned = await client.post(
        f"/api/v1/tasks/{task_id}/assign", json={"staff_id": third["id"]}, headers=key(token)
    )
    status = await client.put(
        f"/api/v1/tasks/{task_id}/status", json={"status": 4}, headers=key(token)
    )
    priority = await client.put(
        f"/api/v1/tasks/{task_id}/priority", json={"priority": 1}, headers=key(token)
    )
    complete = await client.post(f"/api/v1/tasks/{task_id}/mark-complete", headers=key(token))
    stored = await tasks.get_task(ctx, task_id)
    listed = await client.get(f"/api/v1/tasks?staff_id={third['id']}", headers=key(token))
    of_staff = await client.get(f"/api/v1/staff/{third['id']}/tasks", headers=key(token))

    assert created.status_code == 201, created.text
    assert (created.json()["startdate"], created.json()["duedate"]) == (
        "2026-02-10", "2026-02-15"
    )  # fmt: skip
    assert created.json()["assignees"] == [first["id"], second["id"]]
    assert (created.json()["rel_type"], created.json()["rel_id"]) == ("project", project["id"])
    assert updated.json()["duedate"] == "2026-02-20" and updated.json()["priority"] == 1
    assert assigned.json()["assignees"] == [first["id"], second["id"], third["id"]]
    assert status.json()["status"] == 4 and priority.json()["priority"] == 1
    assert complete.json()["status"] == 5 and complete.json()["completed_at"] is not None
    assert stored is not None and stored["status"] == 5
    assert [t["id"] for t in listed.json()["data"]] == [task_id]
    assert [t["id"] for t in of_staff.json()["data"]] == [task_id]


async def test_task_sub_lists(
    client: httpx.AsyncClient, token: str, ctx: Ctx, db: Database, tmp_path: Path
) -> None:
    member = await make_staff(db)
    task = await make_task(ctx, followers=[member["id"]])
    tid = task["id"]
    await tasks.add_checklist_item(ctx, tid, {"description": "Read it"})
    await tasks.add_checklist_item(ctx, tid, {"description": "Sign it"})
    await tasks.add_task_comment(ctx, tid, {"content": "Started"})
    await timesheets.create_timesheet(ctx, {"task_id": tid, "staff_id": member["id"],
                                            "start_time": "2026-02-10 09:00:00"})  # fmt: skip
    await files.attach_file(
        replace(ctx, storage_dir=tmp_path), "task", tid, "notes.txt", "text/plain", b"x"
    )

    checklist = await client.get(f"/api/v1/tasks/{tid}/checklist", headers=key(token))
    second_item = await client.get(
        f"/api/v1/tasks/{tid}/checklist?page=2&per_page=1", headers=key(token)
    )
    followers = await client.get(f"/api/v1/tasks/{tid}/followers", headers=key(token))
    comments = await client.get(f"/api/v1/tasks/{tid}/comments", headers=key(token))
    sheets = await client.get(f"/api/v1/tasks/{tid}/timesheets", headers=key(token))
    attachments = await client.get(f"/api/v1/tasks/{tid}/attachments", headers=key(token))
    missing = [
        (await client.get(f"/api/v1/tasks/999/{name}", headers=key(token))).status_code
        for name in ("checklist", "followers", "comments", "timesheets", "attachments")
    ]

    assert [i["description"] for i in checklist.json()["data"]] == ["Read it", "Sign it"]
    assert checklist.json()["meta"] == {"page": 1, "per_page": 2, "total": 2, "total_pages": 1}
    assert [i["description"] for i in second_item.json()["data"]] == ["Sign it"]
    assert second_item.json()["meta"] == {"page": 2, "per_page": 1, "total": 2,
                                          "total_pages": 2}  # fmt: skip
    [follower] = followers.json()["data"]
    assert follower["id"] == member["id"] and "password_hash" not in follower
    assert [c["content"] for c in comments.json()["data"]] == ["Started"]
    assert [s["start_time"] for s in sheets.json()["data"]] == ["2026-02-10 09:00:00"]
    assert [a["file_name"] for a in attachments.json()["data"]] == ["notes.txt"]
    assert missing == [404] * 5


async def test_task_action_errors(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    task = await make_task(ctx)

    no_name = await client.post("/api/v1/tasks", json={"priority": 2}, headers=key(token))
    bad_status = await client.put(
        f"/api/v1/tasks/{task['id']}/status", json={"status": 9}, headers=key(token)
    )
    no_priority = await client.put(
        f"/api/v1/tasks/{task['id']}/priority", json={}, headers=key(token)
    )
    unknown_staff = await client.post(
        f"/api/v1/tasks/{task['id']}/assign", json={"staff_id": 999}, headers=key(token)
    )
    missing = await client.post("/api/v1/tasks/999/mark-complete", headers=key(token))

    assert no_name.status_code == 400 and "name" in no_name.json()["errors"]
    assert bad_status.status_code == 400 and "status" in bad_status.json()["errors"]
    assert no_priority.status_code == 400 and "priority" in no_priority.json()["errors"]
    assert unknown_staff.status_code == 400 and "staff_id" in unknown_staff.json()["errors"]
    assert missing.status_code == 404


async def test_a_list_of_people_is_replaced_when_given_and_is_never_null(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    staff = await make_staff(ctx.db)
    task = await make_task(ctx, followers=[staff["id"]])
    project = await make_project(ctx, (await make_customer(ctx))["id"])

    null_followers = await client.put(
        f"/api/v1/tasks/{task['id']}", json={"followers": None}, headers=key(token)
    )
    null_members = await client.put(
        f"/api/v1/projects/{project['id']}", json={"members": None}, headers=key(token)
    )
    renamed = await client.put(
        f"/api/v1/tasks/{task['id']}", json={"name": "Renamed"}, headers=key(token)
    )

    assert null_followers.status_code == 400 and "followers" in null_followers.json()["errors"]
    assert null_members.status_code == 400 and "members" in null_members.json()["errors"]
    # Left out, the list stays as it was.
    assert renamed.json()["followers"] == [staff["id"]]


async def test_timesheet_flow_from_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx, db: Database
) -> None:
    member = await make_staff(db)
    other = await make_staff(db, email="other@example.com")
    task = await make_task(ctx)
    await timesheets.create_timesheet(ctx, {"task_id": task["id"], "staff_id": other["id"],
                                            "start_time": "2026-01-05 09:00:00",
                                            "end_time": "2026-01-05 10:00:00"})  # fmt: skip

    created = await client.post(
        "/api/v1/timesheets",
        json={"task_id": task["id"], "staff_id": member["id"],
              "start_time": "2026-02-10 09:00:00", "end_time": "2026-02-10 12:30:00"},
        headers=key(token),
    )  # fmt: skip
    sheet_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/timesheets/{sheet_id}",
        json={"end_time": "2026-02-10 13:00:00", "note": "Extended session"},
        headers=key(token),
    )
    stored = await timesheets.get_timesheet(ctx, sheet_id)
    running = await client.post(
        "/api/v1/timesheets",
        json={"task_id": task["id"], "staff_id": member["id"],
              "start_time": "2026-02-11 09:00:00"},
        headers=key(token),
    )  # fmt: skip
    second_timer = await client.post(
        "/api/v1/timesheets",
        json={"task_id": task["id"], "staff_id": member["id"],
              "start_time": "2026-02-11 10:00:00"},
        headers=key(token),
    )  # fmt: skip
    mine = await client.get(f"/api/v1/timesheets?staff_id={member['id']}", headers=key(token))
    in_february = await client.get(
        "/api/v1/timesheets?date_from=2026-02-01&date_to=2026-02-10", headers=key(token)
    )
    of_staff = await client.get(f"/api/v1/staff/{member['id']}/timesheets", headers=key(token))
    deleted = await client.delete(f"/api/v1/timesheets/{sheet_id}", headers=key(token))
    gone = await client.get(f"/api/v1/timesheets/{sheet_id}", headers=key(token))

    assert created.status_code == 201, created.text
    assert created.json()["start_time"] == "2026-02-10 09:00:00"
    assert created.json()["end_time"] == "2026-02-10 12:30:00"
    assert updated.json()["end_time"] == "2026-02-10 13:00:00"
    assert updated.json()["note"] == "Extended session"
    assert stored is not None
    assert stored["end_time"] == dt.datetime(2026, 2, 10, 13, tzinfo=dt.UTC)
    assert running.status_code == 201 and running.json()["end_time"] is None
    assert second_timer.status_code == 409
    assert len(mine.json()["data"]) == 2
    assert [s["id"] for s in in_february.json()["data"]] == [sheet_id]
    assert len(of_staff.json()["data"]) == 2
    assert deleted.status_code == 200 and gone.status_code == 404


async def test_timesheet_times_are_utc(client: httpx.AsyncClient, token: str, ctx: Ctx,
                                       db: Database) -> None:  # fmt: skip
    member = await make_staff(db)
    task = await make_task(ctx)

    created = await client.post(
        "/api/v1/timesheets",
        json={"task_id": task["id"], "staff_id": member["id"],
              "start_time": "2026-02-10T09:00:00+02:00"},
        headers=key(token),
    )  # fmt: skip
    stored = await timesheets.get_timesheet(ctx, created.json()["id"])
    no_task = await client.post(
        "/api/v1/timesheets", json={"staff_id": member["id"], "start_time": "2026-02-10 09:00:00"},
        headers=key(token),
    )  # fmt: skip

    assert created.json()["start_time"] == "2026-02-10 07:00:00"
    assert stored is not None
    assert stored["start_time"] == dt.datetime(2026, 2, 10, 7, tzinfo=dt.UTC)
    assert no_task.status_code == 400 and "task_id" in no_task.json()["errors"]


async def test_contract_flow_from_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post(
        "/api/v1/contracts",
        json={"client": customer["id"], "subject": "Annual Support", "contract_type": 1,
              "datestart": "2026-01-01", "dateend": "2026-12-31", "contract_value": 12000.00},
        headers=key(token),
    )  # fmt: skip
    contract_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/contracts/{contract_id}",
        json={"contract_value": 15000.00, "dateend": "2027-03-31"},
        headers=key(token),
    )
    renewed = await client.post(
        f"/api/v1/contracts/{contract_id}/renew", json={"dateend": "2027-12-31"},
        headers=key(token),
    )  # fmt: skip
    signed = await client.post(f"/api/v1/contracts/{contract_id}/sign", headers=key(token))
    twice = await client.post(f"/api/v1/contracts/{contract_id}/sign", headers=key(token))
    await contracts.add_contract_comment(ctx, contract_id, {"content": "Renewed early"})
    comments = await client.get(f"/api/v1/contracts/{contract_id}/comments", headers=key(token))
    attachments = await client.get(
        f"/api/v1/contracts/{contract_id}/attachments", headers=key(token)
    )
    renewals = await contracts.list_contract_renewals(ctx, contract_id)

    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["client"], body["datestart"], body["dateend"]) == (
        customer["id"], "2026-01-01", "2026-12-31"
    )  # fmt: skip
    assert body["contract_type"] == 1 and '"contract_value":12000.00' in created.text
    assert updated.json()["contract_value"] == 15000 and updated.json()["dateend"] == "2027-03-31"
    assert renewed.json()["dateend"] == "2027-12-31"
    assert [r["new_end_date"] for r in renewals] == [dt.date(2027, 12, 31)]
    assert signed.status_code == 200 and signed.json()["marked_as_signed"] is True
    assert twice.status_code == 409
    assert [c["content"] for c in comments.json()["data"]] == ["Renewed early"]
    assert attachments.json()["data"] == []


async def test_expiring_and_expired_contracts(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    today = dt.datetime.now(dt.UTC).date()

    async def contract(subject: str, ends: dt.date) -> Row:
        return await contracts.create_contract(ctx, {
            "customer_id": customer["id"], "subject": subject,
            "start_date": today - dt.timedelta(days=400), "end_date": ends,
        })  # fmt: skip

    soon = await contract("Soon", today + dt.timedelta(days=10))
    later = await contract("Later", today + dt.timedelta(days=60))
    over = await contract("Over", today - dt.timedelta(days=1))

    expiring = await client.get("/api/v1/contracts/expiring", headers=key(token))
    within_90 = await client.get("/api/v1/contracts/expiring?days=90", headers=key(token))
    expired = await client.get("/api/v1/contracts/expired", headers=key(token))

    assert [c["id"] for c in expiring.json()["data"]] == [soon["id"]]
    assert {c["id"] for c in within_90.json()["data"]} == {soon["id"], later["id"]}
    assert [c["id"] for c in expired.json()["data"]] == [over["id"]]


async def test_contract_errors(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    customer = await make_customer(ctx)

    no_client = await client.post(
        "/api/v1/contracts", json={"subject": "X", "datestart": "2026-01-01"}, headers=key(token)
    )
    backwards = await client.post(
        "/api/v1/contracts",
        json={"client": customer["id"], "subject": "X", "datestart": "2026-01-01",
              "dateend": "2025-01-01"},
        headers=key(token),
    )  # fmt: skip
    renew_missing = await client.post(
        "/api/v1/contracts/999/renew", json={"dateend": "2027-01-01"}, headers=key(token)
    )
    comments_missing = await client.get("/api/v1/contracts/999/comments", headers=key(token))

    assert no_client.status_code == 400 and "client" in no_client.json()["errors"]
    assert backwards.status_code == 400 and "dateend" in backwards.json()["errors"]
    assert renew_missing.status_code == 404 and comments_missing.status_code == 404


async def test_tags_are_text_or_a_list_of_text(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    project = await make_project(ctx, (await make_customer(ctx))["id"])
    path = f"/api/v1/projects/{project['id']}"

    an_object = await client.put(path, json={"tags": {}}, headers=key(token))
    a_null = await client.put(path, json={"tags": ["web", None]}, headers=key(token))
    joined = await client.put(path, json={"tags": [" web ", "web", "seo"]}, headers=key(token))

    assert an_object.status_code == 400 and "tags" in an_object.json()["errors"]
    assert a_null.status_code == 400 and "tags" in a_null.json()["errors"]
    assert joined.json()["tags"] == "web,seo"
