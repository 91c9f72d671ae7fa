"""v1 support and records: tickets (replies, attachments, assignment, status, history)
and notes, replaying the document's examples."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import httpx

from gateway.database import Database
from resolvers import files, notes, tickets
from resolvers.core.context import Ctx
from tests.factories import make_customer, make_staff
from tests.rest_compat.test_v1 import key


async def test_ticket_flow_from_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx, db: Database
) -> None:
    agent = await make_staff(db)

    created = await client.post(
        "/api/v1/tickets",
        json={"subject": "API Issue", "message": "Need help with API integration"},
        headers=key(token),
    )
    ticket_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/tickets/{ticket_id}",
        json={"subject": "Updated Subject", "priority": 2},
        headers=key(token),
    )
    assigned = await client.post(
        f"/api/v1/tickets/{ticket_id}/assign", json={"staff_id": agent["id"]}, headers=key(token)
    )
    resolved = await client.put(
        f"/api/v1/tickets/{ticket_id}/status", json={"status": "resolved"}, headers=key(token)
    )
    history = await client.get(f"/api/v1/tickets/{ticket_id}/history", headers=key(token))
    stored = await tickets.get_ticket(ctx, ticket_id)

    assert created.status_code == 201, created.text
    assert created.json()["subject"] == "API Issue" and "ticket_key" not in created.json()
    assert updated.json()["subject"] == "Updated Subject" and updated.json()["priority"] == 2
    assert assigned.status_code == 200 and assigned.json()["assigned_id"] == agent["id"]
    assert resolved.status_code == 200
    assert stored is not None and stored["assigned_id"] == agent["id"]
    types = [e["type"] for e in history.json()["data"]]
    assert types == ["ticket.created", "ticket.updated", "ticket.assigned", "ticket.closed"]


async def test_ticket_lists_replies_and_attachments(
    client: httpx.AsyncClient, token: str, ctx: Ctx, tmp_path: Path
) -> None:
    customer = await make_customer(ctx)
    mine = await tickets.create_ticket(ctx, {"subject": "Mine", "customer_id": customer["id"]})
    await tickets.create_ticket(ctx, {"subject": "Other"})
    await tickets.reply_to_ticket(ctx, mine["id"], {"message": "On it", "name": "Agent"})
    storing = replace(ctx, storage_dir=tmp_path)
    await files.attach_file(storing, "ticket", mine["id"], "log.txt", "text/plain", b"oops")

    listed = await client.get(f"/api/v1/tickets?customer_id={customer['id']}", headers=key(token))
    open_ones = await client.get("/api/v1/tickets?status=open&search=mine", headers=key(token))
    replies = await client.get(f"/api/v1/tickets/{mine['id']}/replies", headers=key(token))
    attachments = await client.get(f"/api/v1/tickets/{mine['id']}/attachments", headers=key(token))

    assert [t["id"] for t in listed.json()["data"]] == [mine["id"]]
    assert [t["subject"] for t in open_ones.json()["data"]] == ["Mine"]
    assert [r["message"] for r in replies.json()["data"]] == ["On it"]
    [attachment] = attachments.json()["data"]
    assert attachment["file_name"] == "log.txt" and "storage_key" not in attachment


async def test_ticket_errors(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    ticket = await tickets.create_ticket(ctx, {"subject": "S"})

    no_subject = await client.post("/api/v1/tickets", json={"message": "x"}, headers=key(token))
    bad_status = await client.put(
        f"/api/v1/tickets/{ticket['id']}/status", json={"status": "exploded"}, headers=key(token)
    )
    no_staff = await client.post(
        f"/api/v1/tickets/{ticket['id']}/assign", json={}, headers=key(token)
    )
    unknown_staff = await client.post(
        f"/api/v1/tickets/{ticket['id']}/assign", json={"staff_id": 999}, headers=key(token)
    )
    odd_staff = await client.post(
        f"/api/v1/tickets/{ticket['id']}/assign", json={"staff_id": [1]}, headers=key(token)
    )
    missing_replies = await client.get("/api/v1/tickets/999/replies", headers=key(token))
    missing_files = await client.get("/api/v1/tickets/999/attachments", headers=key(token))
    missing_history = await client.get("/api/v1/tickets/999/history", headers=key(token))
    deleted = await client.delete(f"/api/v1/tickets/{ticket['id']}", headers=key(token))
    gone = await client.get(f"/api/v1/tickets/{ticket['id']}", headers=key(token))

    assert no_subject.status_code == 400 and "subject" in no_subject.json()["errors"]
    assert bad_status.status_code == 400 and "status" in bad_status.json()["errors"]
    assert no_staff.status_code == 400 and "staff_id" in no_staff.json()["errors"]
    assert unknown_staff.status_code == 400 and "staff_id" in unknown_staff.json()["errors"]
    assert odd_staff.status_code == 400
    assert [r.status_code for r in (missing_replies, missing_files, missing_history)] == [404] * 3
    assert deleted.json() == {"id": ticket["id"], "deleted": True}
    assert gone.status_code == 404


async def test_note_flow_from_the_document(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    other = await make_customer(ctx, company="Other")
    await notes.create_note(ctx, {"rel_type": "customer", "rel_id": other["id"],
                                  "description": "Elsewhere"})  # fmt: skip

    created = await client.post(
        "/api/v1/notes",
        json={"rel_type": "customer", "rel_id": customer["id"],
              "description": "Follow up about renewal next week"},
        headers=key(token),
    )  # fmt: skip
    note_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/notes/{note_id}",
        json={"description": "Updated: Follow up completed, renewal confirmed"},
        headers=key(token),
    )
    moved = await client.put(
        f"/api/v1/notes/{note_id}", json={"rel_id": other["id"]}, headers=key(token)
    )
    listed = await client.get(
        f"/api/v1/notes?rel_type=customer&rel_id={customer['id']}", headers=key(token)
    )
    today = await client.get(
        f"/api/v1/notes?date_from={created.json()['created_at'][:10]}", headers=key(token)
    )
    read = await client.get(f"/api/v1/notes/{note_id}", headers=key(token))
    deleted = await client.delete(f"/api/v1/notes/{note_id}", headers=key(token))
    gone = await client.get(f"/api/v1/notes/{note_id}", headers=key(token))

    assert created.status_code == 201, created.text
    assert (created.json()["rel_type"], created.json()["rel_id"]) == ("customer", customer["id"])
    assert updated.json()["description"].startswith("Updated:")
    assert moved.status_code == 400 and "rel_id" in moved.json()["errors"]
    assert [n["id"] for n in listed.json()["data"]] == [note_id]
    assert len(today.json()["data"]) == 2
    assert read.json()["rel_id"] == customer["id"]
    assert deleted.status_code == 200 and gone.status_code == 404


async def test_note_errors_name_the_field(client: httpx.AsyncClient, token: str) -> None:
    bad_type = await client.post(
        "/api/v1/notes",
        json={"rel_type": "planet", "rel_id": 1, "description": "x"},
        headers=key(token),
    )
    no_record = await client.post(
        "/api/v1/notes",
        json={"rel_type": "lead", "rel_id": 999, "description": "x"},
        headers=key(token),
    )
    no_text = await client.post(
        "/api/v1/notes", json={"rel_type": "lead", "rel_id": 1}, headers=key(token)
    )
    bad_filter = await client.get("/api/v1/notes?rel_type=planet", headers=key(token))

    assert bad_type.status_code == 400 and "rel_type" in bad_type.json()["errors"]
    assert no_record.status_code == 400 and "rel_id" in no_record.json()["errors"]
    assert no_text.status_code == 400 and "description" in no_text.json()["errors"]
    assert bad_filter.status_code == 400
