"""perfex: projects, milestones, tasks and their checklists, timesheets and tickets,
replayed from the document's examples."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware

from gateway.app import jwt_keys
from gateway.authentication import AuthenticationMiddleware
from gateway.database import Database
from resolvers import files, milestones, projects, tasks, tickets, timesheets
from resolvers.core.context import Ctx, Row
from resolvers.core.pagination import PageArgs
from rest_compat import build_routes
from tests.factories import make_contact, make_customer, make_staff
from tests.rest_compat.conftest import SETTINGS


def auth(token: str) -> dict[str, str]:
    return {"authtoken": token}


async def make_project(ctx: Ctx, customer_id: int, name: str = "Test1") -> Row:
    return await projects.create_project(
        ctx, {"name": name, "customer_id": customer_id, "start_date": "2019-04-19"}
    )


async def test_projects_flow(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    member = await make_staff(ctx.db)
    form = {"name": "Test1", "rel_type": "customer", "clientid": str(customer["id"]),
            "billing_type": "3", "start_date": "2019-04-19", "status": "1",
            "progress_from_tasks": "off", "progress": "40", "project_cost": "0",
            "deadline": "2019-08-30", "project_members[]": [str(member["id"])],
            "tags": "web,design"}  # fmt: skip

    added = await client.post("/api/projects", data=form, headers=auth(token))
    new_id = added.json()["id"]
    read = (await client.get(f"/api/projects/{new_id}", headers=auth(token))).json()
    for_lead = await client.post(
        "/api/projects", data={**form, "rel_type": "lead"}, headers=auth(token)
    )
    updated = await client.put(
        f"/api/projects/{new_id}", data={"status": "2", "deadline": ""}, headers=auth(token)
    )
    found = await client.get("/api/projects/search/test1", headers=auth(token))
    stored = await projects.get_project(ctx, new_id)
    deleted = await client.delete(f"/api/delete/projects/{new_id}", headers=auth(token))

    assert added.json()["message"] == "Project add successful."
    assert read["name"] == "Test1" and read["billing_type"] == "3"
    assert read["clientid"] == str(customer["id"])
    assert (read["progress"], read["progress_from_tasks"]) == ("40", "0")
    assert read["deadline"] == "2019-08-30" and read["rel_type"] == "customer"
    assert for_lead.status_code == 404 and "rel_type" in for_lead.json()["errors"]
    assert updated.json() == {"status": True, "message": "Project Update Successful."}
    assert stored is not None and stored["status"] == 2 and stored["deadline"] is None
    assert [p["id"] for p in found.json()] == [str(new_id)]
    assert deleted.json() == {"status": True, "message": "Project Delete Successful."}


async def test_milestones_flow(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    project = await make_project(ctx, (await make_customer(ctx))["id"])
    form = {"project_id": str(project["id"]), "name": "MIlestone A", "due_date": "2019-09-30",
            "description_visible_to_customer": "on", "milestone_order": "1"}  # fmt: skip

    added = await client.post("/api/milestones", data=form, headers=auth(token))
    new_id = added.json()["id"]
    await tasks.create_task(
        ctx, {"name": "Done", "project_id": project["id"], "milestone_id": new_id, "status": 5}
    )
    read = (await client.get(f"/api/milestones/{new_id}", headers=auth(token))).json()
    updated = await client.put(
        f"/api/milestones/{new_id}", data={"name": "Milestone B"}, headers=auth(token)
    )
    found = await client.get("/api/milestones/search/milestone%20b", headers=auth(token))
    no_date = await client.post(
        "/api/milestones", data={**form, "due_date": ""}, headers=auth(token)
    )
    deleted = await client.delete(f"/api/delete/milestones/{new_id}", headers=auth(token))

    assert added.json()["message"] == "Milestone add successful."
    assert read["description_visible_to_customer"] == "1" and read["due_date"] == "2019-09-30"
    assert (read["total_tasks"], read["total_finished_tasks"]) == ("1", "1")
    assert updated.json() == {"status": True, "message": "Milestone Update Successful."}
    assert [m["name"] for m in found.json()] == ["Milestone B"]
    assert no_date.status_code == 404 and "due_date" in no_date.json()["errors"]
    assert deleted.json() == {"status": True, "message": "Milestone Delete Successful."}
    assert await milestones.get_milestone(ctx, new_id) is None


async def test_tasks_flow_with_assignees_in_any_form(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    project = await make_project(ctx, (await make_customer(ctx))["id"])
    sara = await make_staff(ctx.db)
    omar = await make_staff(ctx.db, email="omar@example.com")
    form = {"name": "This is a task", "startdate": "2019-01-02", "duedate": "2019-01-04",
            "priority": "2", "rel_type": "project", "rel_id": str(project["id"]),
            "assignees": f"{sara['id']},{omar['id']}", "billable": "on",
            "repeat_every": "custom", "repeat_every_custom": "2",
            "repeat_type_custom": "week"}  # fmt: skip

    added = await client.post("/api/tasks", data=form, headers=auth(token))
    new_id = added.json()["id"]
    read = (await client.get(f"/api/tasks/{new_id}", headers=auth(token))).json()
    updated = await client.put(
        f"/api/tasks/{new_id}", data={"status": "5", "assignees[]": [str(sara["id"])]},
        headers=auth(token),
    )  # fmt: skip
    found = await client.get("/api/tasks/search/this%20task", headers=auth(token))
    bad_rel = await client.post(
        "/api/tasks", data={**form, "rel_type": "planet"}, headers=auth(token)
    )
    deleted = await client.delete(f"/api/delete/tasks/{new_id}", headers=auth(token))

    assert added.json()["message"] == "Task add successful."
    assert (read["startdate"], read["duedate"]) == ("2019-01-02 00:00:00", "2019-01-04 00:00:00")
    assert (read["rel_type"], read["rel_id"]) == ("project", str(project["id"]))
    assert (read["repeat_every"], read["recurring_type"], read["recurring"]) == ("2", "week",
                                                                                "1")  # fmt: skip
    assert sorted(read["assignees_ids"]) == sorted([str(sara["id"]), str(omar["id"])])
    assert read["billable"] == "1"
    assert updated.json() == {"status": True, "message": "Task Update Successful."}
    assert found.json()[0]["status"] == "5" and found.json()[0]["datefinished"]
    assert found.json()[0]["assignees_ids"] == [str(sara["id"])]
    assert bad_rel.status_code == 404 and "rel_type" in bad_rel.json()["errors"]
    assert deleted.json() == {"status": True, "message": "Task Delete Successful."}


async def test_a_tasks_checklist(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    task = await tasks.create_task(ctx, {"name": "Review"})
    staff = await make_staff(ctx.db)
    path = f"/api/tasks/{task['id']}/checklist"

    added = await client.post(
        path, data={"description": "Review documentation", "assigned": str(staff["id"])},
        headers=auth(token),
    )  # fmt: skip
    item_id = added.json()["checklist_item_id"]
    no_description = await client.post(path, data={"assigned": "0"}, headers=auth(token))
    ticked = await client.put(f"{path}/{item_id}", data={"finished": "1"}, headers=auth(token))
    listed = await client.get(path, headers=auth(token))
    deleted = await client.delete(f"{path}/{item_id}", headers=auth(token))
    empty = await client.get(path, headers=auth(token))
    no_task = await client.get("/api/tasks/999/checklist", headers=auth(token))

    assert added.json()["status"] is True
    assert added.json()["message"] == "Checklist item added successfully"
    assert no_description.status_code == 400
    assert no_description.json()["message"] == "Description is required"
    assert ticked.json() == {"status": True, "message": "Checklist item updated successfully"}
    [item] = listed.json()
    assert (item["taskid"], item["finished"], item["assigned"]) == (str(task["id"]), "1",
                                                                    str(staff["id"]))  # fmt: skip
    assert item["description"] == "Review documentation" and item["list_order"] == "1"
    assert deleted.json() == {"status": True, "message": "Checklist item deleted successfully"}
    assert empty.status_code == 404
    assert empty.json() == {"status": False, "message": "Task not found or no checklist items"}
    assert no_task.status_code == 404
    assert no_task.json()["message"] == "Task not found or no checklist items"


async def test_timesheets_flow(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    task = await tasks.create_task(ctx, {"name": "Logged"})
    staff = await make_staff(ctx.db)
    form = {"task_id": str(task["id"]), "staff_id": str(staff["id"]),
            "start_time": "2024-01-10 10:00:00", "end_time": "2024-01-10 12:00:00",
            "hourly_rate": "5.00", "note": "testing note"}  # fmt: skip

    added = await client.post("/api/timesheets", data=form, headers=auth(token))
    new_id = added.json()["id"]
    one = await client.get(f"/api/timesheets/{new_id}", headers=auth(token))
    listed = await client.get("/api/timesheets", headers=auth(token))
    empty = await client.put(f"/api/timesheets/{new_id}", data={}, headers=auth(token))
    updated = await client.put(
        f"/api/timesheets/{new_id}", data={"note": "changed"}, headers=auth(token)
    )
    refused = await client.post(
        "/api/timesheets", data={"task_id": str(task["id"])}, headers=auth(token)
    )
    deleted = await client.delete(f"/api/timesheets/{new_id}", headers=auth(token))

    assert added.json()["message"] == "Data Added Successfully"
    assert one.json() == [{"id": str(new_id), "task_id": str(task["id"]),
                           "start_time": "2024-01-10 10:00:00", "end_time": "2024-01-10 12:00:00",
                           "staff_id": str(staff["id"]), "hourly_rate": "5.00",
                           "note": "testing note"}]  # fmt: skip
    assert [t["id"] for t in listed.json()] == [str(new_id)]
    assert empty.json() == {"status": False, "message": "Data Not Acceptable OR Not Provided"}
    assert updated.json() == {"status": True, "message": "Data Update Successful."}
    assert refused.status_code == 404 and refused.json()["error"] == "Data not Added"
    assert deleted.json() == {"status": True, "message": "Delete Successful."}
    assert await timesheets.get_timesheet(ctx, new_id) is None


@pytest.fixture
async def uploading(db: Database, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app that keeps uploads in a temporary directory."""
    keys = jwt_keys(SETTINGS)
    template = Ctx(db=db, keys=keys, storage_dir=tmp_path / "storage")
    app = Starlette(
        routes=build_routes(SETTINGS, ctx=template),
        middleware=[Middleware(AuthenticationMiddleware, db=db, keys=keys)],
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as c:
        yield c


async def test_tickets_flow_with_pages_and_a_reply_carrying_a_file(
    uploading: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    client = uploading
    customer = await make_customer(ctx)
    contact = await make_contact(ctx, customer["id"])
    form = {"subject": "Ticket ER", "department": "1", "contactid": str(contact["id"]),
            "userid": str(customer["id"]), "priority": "2", "message": "Ticket ER",
            "service": "1", "cc": "boss@example.com"}  # fmt: skip

    added = await client.post("/api/tickets", data=form, headers=auth(token))
    new_id = added.json()["id"]
    for n in range(2):
        await tickets.create_ticket(ctx, {"subject": f"Other {n}", "customer_id": customer["id"]})
    read = (await client.get(f"/api/tickets/{new_id}", headers=auth(token))).json()
    page = await client.get("/api/tickets?page=2&per_page=2", headers=auth(token))
    found = await client.get("/api/tickets/search/ticket%20er", headers=auth(token))
    replied = await client.post(
        f"/api/tickets/reply/{new_id}", data={"message": "On it", "status": "3"},
        files={"file": ("log.txt", b"trace", "text/plain")}, headers=auth(token),
    )  # fmt: skip
    updated = await client.put(
        f"/api/tickets/{new_id}", data={"subject": "Ticket ER 2"}, headers=auth(token)
    )
    deleted = await client.delete(f"/api/delete/tickets/{new_id}", headers=auth(token))

    assert added.json()["message"] == "Ticket add successful."
    assert (read["ticketid"], read["userid"], read["contactid"]) == (
        str(new_id), str(customer["id"]), str(contact["id"]))  # fmt: skip
    assert read["status"] == "1" and read["department"] == "1" and read["priority"] == "2"
    assert page.json()["meta"] == {"current_page": 2, "per_page": 2, "total": 3, "last_page": 2}
    assert len(page.json()["data"]) == 1
    assert [t["subject"] for t in found.json()["data"]] == ["Ticket ER"]
    assert found.json()["meta"]["total"] == 1
    assert replied.json()["message"] == "Ticket Reply Added Successful."
    reply_id = replied.json()["reply_id"]
    [attached] = (await files.list_files(ctx, PageArgs(), rel_type="ticket", rel_id=new_id)).rows
    assert attached["file_name"] == "log.txt" and attached["ticket_reply_id"] == reply_id
    assert updated.json() == {"status": True, "message": "Ticket Update Successful."}
    assert deleted.json() == {"status": True, "message": "Ticket Delete Successful."}
    assert await tickets.get_ticket(ctx, new_id) is None


async def test_ticket_failures(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    no_subject = await client.post("/api/tickets", data={"message": "x"}, headers=auth(token))
    no_ticket = await client.post(
        "/api/tickets/reply/999", data={"message": "hello"}, headers=auth(token)
    )
    nothing = await client.get("/api/tickets/search/nobody", headers=auth(token))
    missing = await client.get("/api/tickets/999", headers=auth(token))

    assert no_subject.status_code == 404 and "subject" in no_subject.json()["errors"]
    assert no_subject.json()["message"] == "Ticket add fail."
    assert no_ticket.json() == {"status": False, "message": "Ticket Reply Fail."}
    assert nothing.status_code == 404
    assert missing.json() == {"status": False, "message": "No data were found"}
