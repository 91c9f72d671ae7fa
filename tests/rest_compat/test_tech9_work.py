"""tech9's tasks, projects and tickets, replaying the document."""

from __future__ import annotations

import datetime as dt

import httpx

from gateway.database import Database
from resolvers import projects, tasks, tickets
from resolvers.core.context import Ctx
from resolvers.core.pagination import PageArgs
from tests.factories import make_contact, make_customer, make_staff

SOON = dt.date.today() + dt.timedelta(days=5)
LATER = dt.date.today() + dt.timedelta(days=60)


def auth(token: str) -> dict[str, str]:
    return {"Authtoken": token}


async def test_a_task_is_created_then_completed(
    client: httpx.AsyncClient, token: str, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    sara = await make_staff(db)

    created = await client.post("/api/tasks", json={
        "title": "QA review on estimate", "description": "Verify pricing and terms",
        "assignee_id": sara["id"], "due_date": SOON.isoformat(), "priority": "high",
        "customer_id": customer["id"],
    }, headers=auth(token))  # fmt: skip
    task_id = created.json()["id"]
    done = await client.put(f"/api/tasks/{task_id}", json={"status": "completed"},
                            headers=auth(token))  # fmt: skip
    stored = await tasks.get_task(ctx, task_id)
    assigned = await tasks.list_tasks(ctx, PageArgs(), assignee_id=sara["id"])

    assert created.status_code == 201 and created.json() == {"id": task_id}
    body = done.json()
    assert done.status_code == 200
    assert (body["id"], body["status"], body["priority"]) == (task_id, "completed", "high")
    assert body["completed_at"].endswith("Z")
    assert stored is not None and stored["status"] == tasks.COMPLETE
    assert stored["name"] == "QA review on estimate" and stored["customer_id"] == customer["id"]
    assert [t["id"] for t in assigned.rows] == [task_id]


async def test_task_failures_name_the_clients_fields(client: httpx.AsyncClient, token: str) -> None:
    untitled = await client.post("/api/tasks", json={"priority": "high"}, headers=auth(token))
    nobody = await client.post("/api/tasks", json={"title": "x", "assignee_id": 999},
                               headers=auth(token))  # fmt: skip
    unknown = await client.put("/api/tasks/999", json={"status": "completed"}, headers=auth(token))

    assert untitled.status_code == 400 and "title" in untitled.json()["errors"]
    assert nobody.status_code == 400 and "assignee_id" in nobody.json()["errors"]
    assert unknown.status_code == 404


async def test_a_project_gets_a_task_through_its_path(
    client: httpx.AsyncClient, token: str, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    sara = await make_staff(db)

    created = await client.post("/api/projects", json={
        "name": "Zahara ERP Rollout", "customer_id": customer["id"],
        "start_date": dt.date.today().isoformat(), "deadline": LATER.isoformat(),
        "billing_type": "fixed",
    }, headers=auth(token))  # fmt: skip
    project_id = created.json()["id"]
    added = await client.post(f"/api/projects/{project_id}/tasks", json={
        "name": "Data migration", "assignee_id": sara["id"], "due_date": SOON.isoformat(),
    }, headers=auth(token))  # fmt: skip
    project = await projects.get_project(ctx, project_id)
    in_project = await tasks.list_tasks(ctx, PageArgs(), project_id=project_id)
    orphan = await client.post("/api/projects/999/tasks", json={"name": "x"}, headers=auth(token))

    assert created.status_code == 201 and created.json() == {"id": project_id}
    assert project is not None and project["billing_type"] == 1
    assert added.status_code == 201
    assert [t["id"] for t in in_project.rows] == [added.json()["id"]]
    assert in_project.rows[0]["name"] == "Data migration"
    assert orphan.status_code == 404


async def test_a_project_without_a_customer_names_customer_id(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.post("/api/projects", json={"name": "x"}, headers=auth(token))

    assert response.status_code == 400 and "customer_id" in response.json()["errors"]


async def test_a_ticket_is_opened_replied_to_and_closed(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    contact = await make_contact(ctx, customer["id"])

    opened = await client.post("/api/tickets", json={
        "subject": "SLA report not loading", "department_id": 2, "priority": "high",
        "contact_id": contact["id"], "message": "Loading spinner persists on /reports",
    }, headers=auth(token))  # fmt: skip
    ticket_id = opened.json()["id"]
    replied = await client.post(f"/api/tickets/{ticket_id}/replies",
                                json={"message": "Issue resolved after cache purge."},
                                headers=auth(token))  # fmt: skip
    closed = await client.put(f"/api/tickets/{ticket_id}", json={"status": "closed"},
                              headers=auth(token))  # fmt: skip
    stored = await tickets.get_ticket(ctx, ticket_id)
    replies = await tickets.list_ticket_replies(ctx, ticket_id, PageArgs())

    assert opened.status_code == 201 and opened.json() == {"id": ticket_id}
    assert replied.status_code == 201 and replied.json() == {"reply_id": replies.rows[0]["id"]}
    assert closed.status_code == 200
    assert closed.json()["id"] == ticket_id and closed.json()["status"] == "closed"
    assert closed.json()["priority"] == "high"
    assert stored is not None and stored["customer_id"] == customer["id"]


async def test_ticket_failures(client: httpx.AsyncClient, token: str) -> None:
    no_subject = await client.post("/api/tickets", json={"message": "x"}, headers=auth(token))
    bad_priority = await client.post("/api/tickets", json={"subject": "x", "priority": "meh"},
                                     headers=auth(token))  # fmt: skip
    no_ticket = await client.post("/api/tickets/999/replies", json={"message": "x"},
                                  headers=auth(token))  # fmt: skip

    assert no_subject.status_code == 400 and "subject" in no_subject.json()["errors"]
    assert bad_priority.status_code == 400 and "priority" in bad_priority.json()["errors"]
    assert no_ticket.status_code == 404


async def test_a_reply_naming_contact_zero_is_refused_by_name(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    # The document's contact_id starts at 1: 0 names no contact, never the ticket's own.
    customer = await make_customer(ctx)
    contact = await make_contact(ctx, customer["id"])
    opened = await client.post("/api/tickets", json={
        "subject": "Export stuck", "department_id": 2, "contact_id": contact["id"],
        "message": "The CSV export never finishes",
    }, headers=auth(token))  # fmt: skip
    ticket_id = opened.json()["id"]

    zero = await client.post(f"/api/tickets/{ticket_id}/replies",
                             json={"message": "Still stuck", "contact_id": 0},
                             headers=auth(token))  # fmt: skip
    replies = await tickets.list_ticket_replies(ctx, ticket_id, PageArgs())

    assert 400 <= zero.status_code < 500 and "contact_id" in zero.text
    assert replies.rows == []


async def test_a_repeat_padded_past_its_max_length_is_refused_by_name(
    client: httpx.AsyncClient, token: str
) -> None:
    # The document's maxLength (20) counts repeat_every as sent; trimming comes after.
    padded = " " * 15 + "1-week" + " " * 5
    fitting = " " * 7 + "1-week" + " " * 7

    refused = await client.post("/api/tasks", json={"title": "Backups", "repeat_every": padded},
                                headers=auth(token))  # fmt: skip
    taken = await client.post("/api/tasks", json={"title": "Backups", "repeat_every": fitting},
                              headers=auth(token))  # fmt: skip

    assert refused.status_code == 400 and "repeat_every" in refused.json()["errors"]
    assert taken.status_code == 201


async def test_a_line_padded_past_its_max_length_is_refused_by_its_position(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    # A document's lines are held to their bounds as sent too (a description's 191).
    customer = await make_customer(ctx)
    line = {"description": "Work" + " " * 191, "qty": 1, "unit_price": 10}

    refused = await client.post(
        "/api/invoices", json={"customer_id": customer["id"], "items": [line]},
        headers=auth(token),
    )  # fmt: skip

    assert refused.status_code == 400
    assert "items.0.description" in refused.json()["errors"]
