"""Every change is recorded (who, when, what changed) and readable as the feeds."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import httpx
import pytest
from sqlalchemy import select

from resolvers import customers, invoices, leads, payments, projects, tasks, tickets
from resolvers.core.context import Ctx, Database, Row
from resolvers.core.permissions import Principal
from resolvers.models import Event, table_of

ACTOR = Principal(kind="token", id=77, name="auditor", grants=frozenset({"*"}))

Walk = Callable[[Ctx, dict[str, int]], Awaitable[Row]]


async def the_events(db: Database) -> list[Row]:
    async with db.read() as conn:
        rows = await conn.execute(select(table_of(Event)).order_by(table_of(Event).c.id))
        return [r._mapping for r in rows]


async def walk(ctx: Ctx, singular: str, create: Walk, update: Walk, delete: Walk, restore: Walk,
               ids: dict[str, int], changed: str) -> None:  # fmt: skip
    """create/update/delete/restore one record; each leaves its event with actor and changes."""
    before = len(await the_events(ctx.db))
    row = await create(ctx, ids)
    ids[singular] = row["id"]
    await update(ctx, ids)
    await delete(ctx, ids)
    await restore(ctx, ids)

    new = [e for e in (await the_events(ctx.db))[before:] if e["record_id"] == row["id"]]
    kinds = [e["type"] for e in new if e["resource"] == singular]
    # A payment's creation is its receipt (payment.received).
    assert f"{singular}.created" in kinds or f"{singular}.received" in kinds, (singular, kinds)
    for verb in ("updated", "deleted", "restored"):
        assert f"{singular}.{verb}" in kinds, (singular, kinds)
    assert all((e["actor_type"], e["actor_id"]) == ("token", 77) for e in new)
    assert all(e["created_at"] is not None for e in new)
    updated = next(e for e in new if e["type"] == f"{singular}.updated")
    assert changed in json.loads(updated["changes"]), updated["changes"]


DOMAINS: list[tuple[str, Walk, Walk, Walk, Walk, str]] = [
    ("customer",
     lambda c, i: customers.create_customer(c, {"company": "Acme"}),
     lambda c, i: customers.update_customer(c, i["customer"], {"company": "Acme Ltd"}),
     lambda c, i: customers.delete_customer(c, i["customer"]),
     lambda c, i: customers.restore_customer(c, i["customer"]), "company"),
    ("invoice",
     lambda c, i: invoices.create_invoice(c, {"customer_id": i["customer"], "items": [
         {"description": "Work", "qty": 1, "rate": 100}]}),
     lambda c, i: invoices.update_invoice(c, i["invoice"], {"admin_note": "checked"}),
     lambda c, i: invoices.delete_invoice(c, i["invoice"]),
     lambda c, i: invoices.restore_invoice(c, i["invoice"]), "admin_note"),
    ("payment",
     lambda c, i: payments.record_payment(c, i["invoice"], {"amount": "10.00"}),
     lambda c, i: payments.update_payment(c, i["payment"], {"note": "wire"}),
     lambda c, i: payments.delete_payment(c, i["payment"]),
     lambda c, i: payments.restore_payment(c, i["payment"]), "note"),
    ("ticket",
     lambda c, i: tickets.create_ticket(c, {"subject": "Broken"}),
     lambda c, i: tickets.update_ticket(c, i["ticket"], {"subject": "Still broken"}),
     lambda c, i: tickets.delete_ticket(c, i["ticket"]),
     lambda c, i: tickets.restore_ticket(c, i["ticket"]), "subject"),
    ("project",
     lambda c, i: projects.create_project(c, {"name": "ERP", "customer_id": i["customer"],
                                              "start_date": "2026-03-01"}),
     lambda c, i: projects.update_project(c, i["project"], {"name": "ERP 2"}),
     lambda c, i: projects.delete_project(c, i["project"]),
     lambda c, i: projects.restore_project(c, i["project"]), "name"),
    ("task",
     lambda c, i: tasks.create_task(c, {"name": "Migrate"}),
     lambda c, i: tasks.update_task(c, i["task"], {"name": "Migrate data"}),
     lambda c, i: tasks.delete_task(c, i["task"]),
     lambda c, i: tasks.restore_task(c, i["task"]), "name"),
    ("lead",
     lambda c, i: leads.create_lead(c, {"name": "Reem", "email": "reem@orbit.io"}),
     lambda c, i: leads.update_lead(c, i["lead"], {"name": "Reem Safar"}),
     lambda c, i: leads.delete_lead(c, i["lead"]),
     lambda c, i: leads.restore_lead(c, i["lead"]), "name"),
]  # fmt: skip


async def test_every_domain_records_who_changed_what(db: Database) -> None:
    ctx = Ctx(db=db, principal=ACTOR)
    ids: dict[str, int] = {}

    for singular, create, update, delete, restore, changed in DOMAINS:
        await walk(ctx, singular, create, update, delete, restore, ids, changed)


@pytest.mark.parametrize(
    ("path", "singular"),
    [("tickets/{id}/history", "ticket"), ("projects/{id}/activity", "project"),
     ("leads/{id}/activities", "lead")],
)  # fmt: skip
async def test_the_feeds_show_each_change(
    db: Database, client: httpx.AsyncClient, token: str, path: str, singular: str
) -> None:
    ctx = Ctx(db=db, principal=ACTOR)
    ids: dict[str, int] = {}
    customer = await customers.create_customer(ctx, {"company": "Acme"})
    ids["customer"] = customer["id"]
    entry = next(d for d in DOMAINS if d[0] == singular)
    await walk(ctx, singular, *entry[1:5], ids, entry[5])

    reply = await client.get(
        "/api/v1/" + path.format(id=ids[singular]), headers={"Authorization": f"Bearer {token}"}
    )

    assert reply.status_code == 200, reply.text
    text = reply.text
    for verb in ("created", "updated", "deleted", "restored"):
        assert f"{singular}.{verb}" in text, (verb, text[:500])
