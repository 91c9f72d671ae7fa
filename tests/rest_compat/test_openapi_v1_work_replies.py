"""v1's task records, task followers and attachments, and record histories, as the
document declares them field by field, checked against replies that hold data (the
demo-data replay in test_openapi_replies may meet these lists empty): a follower as a
caller without staff:get sees it (the id alone), and each feed's decoded `changes`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import jsonschema_rs

from gateway.database import Database
from gateway.openapi import openapi_document
from resolvers import files, leads, projects, tasks, tickets
from resolvers.core.context import Ctx
from tests.factories import make_customer, make_staff, make_token
from tests.rest_compat.test_v1 import key

DOCUMENT = openapi_document()


def _errors(method: str, path: str, status: int, body: Any) -> list[str]:
    answer = DOCUMENT["paths"][path][method.lower()]["responses"][str(status)]
    schema = answer["content"]["application/json"]["schema"]
    validator = jsonschema_rs.validator_for({**schema, "components": DOCUMENT["components"]})
    return [str(e) for e in validator.iter_errors(body)]


async def test_task_replies_and_both_forms_of_a_follower_match_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx, db: Database, tmp_path: Path
) -> None:
    member = await make_staff(db)
    made = await client.post("/api/v1/tasks", json={"name": "Review", "duedate": "2026-03-01"},
                             headers=key(token))  # fmt: skip
    tid = made.json()["id"]
    await tasks.assign_task(ctx, tid, member["id"])
    await tasks.update_task(ctx, tid, {"followers": [member["id"]]})
    await files.attach_file(
        replace(ctx, storage_dir=tmp_path), "task", tid, "notes.txt", "text/plain", b"x"
    )
    tasks_only = (await make_token(db, "tasks:get", name="no-staff")).token
    replies = {
        ("POST", "/api/v1/tasks", 201): made,
        ("GET", "/api/v1/tasks", 200): await client.get("/api/v1/tasks", headers=key(token)),
        ("GET", "/api/v1/tasks/{id}", 200): await client.get(
            f"/api/v1/tasks/{tid}", headers=key(token)
        ),
        ("PUT", "/api/v1/tasks/{id}/priority", 200): await client.put(
            f"/api/v1/tasks/{tid}/priority", json={"priority": 3}, headers=key(token)
        ),
        ("GET", "/api/v1/tasks/{id}/attachments", 200): await client.get(
            f"/api/v1/tasks/{tid}/attachments", headers=key(token)
        ),
    }
    full = await client.get(f"/api/v1/tasks/{tid}/followers", headers=key(token))
    bare = await client.get(f"/api/v1/tasks/{tid}/followers", headers=key(tasks_only))

    for (method, path, status), reply in replies.items():
        assert reply.status_code == status, (path, reply.text)
        assert _errors(method, path, status, reply.json()) == [], path
    task = replies[("GET", "/api/v1/tasks/{id}", 200)].json()
    assert task["assignees"] == [member["id"]] and task["followers"] == [member["id"]]
    [attachment] = replies[("GET", "/api/v1/tasks/{id}/attachments", 200)].json()["data"]
    assert attachment["file_name"] == "notes.txt"
    assert full.json()["data"] == [{"id": member["id"], "firstname": member["firstname"],
                                    "lastname": member["lastname"], "email": member["email"],
                                    "active": True}]  # fmt: skip
    assert bare.json()["data"] == [{"id": member["id"]}]
    for reply in (full, bare):
        assert _errors("GET", "/api/v1/tasks/{id}/followers", 200, reply.json()) == []
    # A follower's form is one or the other, never a mix.
    mixed = {"data": [{"id": 1, "email": "a@b.c"}], "meta": full.json()["meta"]}
    assert _errors("GET", "/api/v1/tasks/{id}/followers", 200, mixed) != []


async def test_each_history_feed_matches_the_document_with_its_changes(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    project = await projects.create_project(ctx, {"name": "Site", "customer_id": customer["id"]})
    await projects.update_project(ctx, project["id"], {"name": "Website"})
    lead = await leads.create_lead(ctx, {"name": "Hana"})
    await leads.update_lead(ctx, lead["id"], {"name": "Hana K"})
    ticket = await tickets.create_ticket(ctx, {"subject": "Login", "customer_id": customer["id"]})
    await tickets.update_ticket(ctx, ticket["id"], {"subject": "Cannot log in"})
    feeds = {
        "/api/v1/projects/{id}/activity": project["id"],
        "/api/v1/leads/{id}/activities": lead["id"],
        "/api/v1/tickets/{id}/history": ticket["id"],
    }

    for path, record_id in feeds.items():
        reply = await client.get(path.replace("{id}", str(record_id)), headers=key(token))
        assert reply.status_code == 200, (path, reply.text)
        entries = reply.json()["data"]
        assert len(entries) >= 2 and all(isinstance(e["changes"], dict) for e in entries), path
        assert _errors("GET", path, 200, reply.json()) == [], path
