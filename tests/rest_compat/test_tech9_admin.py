"""tech9's expenses, staff list, notes and `/api/me`, replaying the document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import httpx

from gateway.database import Database
from resolvers import expenses, notes, projects
from resolvers.core.context import Ctx
from resolvers.core.pagination import PageArgs
from tests.factories import make_customer, make_staff, make_token


def auth(token: str) -> dict[str, str]:
    return {"Authtoken": token}


async def test_an_expense_on_a_project_and_one_without_a_date(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    project = await projects.create_project(
        ctx, {"name": "Zahara ERP Rollout", "customer_id": customer["id"]}
    )

    dated = await client.post("/api/expenses", json={
        "category_id": 5, "date": "2025-08-21", "amount": 2350.75,
        "note": "Object storage – August", "customer_id": customer["id"],
        "project_id": project["id"], "billable": True,
    }, headers=auth(token))  # fmt: skip
    undated = await client.post("/api/expenses", json={
        "category_id": 5, "amount": 2350.75, "note": "Cloud hosting – August",
    }, headers=auth(token))  # fmt: skip
    first = await expenses.get_expense(ctx, dated.json()["id"])
    second = await expenses.get_expense(ctx, undated.json()["id"])

    assert dated.status_code == 201 and undated.status_code == 201
    assert first is not None and first["amount"] == Decimal("2350.75")
    assert (first["category_id"], first["project_id"], first["billable"]) == (
        5,
        project["id"],
        True,
    )
    assert first["date"] == dt.date(2025, 8, 21)
    assert second is not None and second["date"] == dt.datetime.now(dt.UTC).date()
    assert second["note"] == "Cloud hosting – August"


async def test_expense_failures_name_the_clients_fields(
    client: httpx.AsyncClient, token: str
) -> None:
    no_category = await client.post("/api/expenses", json={"category_id": 999, "amount": 5},
                                    headers=auth(token))  # fmt: skip
    no_amount = await client.post("/api/expenses", json={"category_id": 5}, headers=auth(token))

    assert no_category.status_code == 400 and "category_id" in no_category.json()["errors"]
    assert no_amount.status_code == 400 and "amount" in no_amount.json()["errors"]


async def test_the_staff_list_pages_and_never_shows_passwords(
    client: httpx.AsyncClient, token: str, db: Database
) -> None:
    await make_staff(db, email="sara@example.com", is_admin=True)
    for n in range(3):
        await make_staff(db, email=f"staff{n}@example.com", firstname=f"Staff{n}")

    first = await client.get("/api/staff?page=1&per_page=2", headers=auth(token))
    plain = await client.get("/api/staff", headers=auth(token))

    body = first.json()
    assert (body["page"], body["per_page"], body["total"]) == (1, 2, 4)
    sara = body["data"][0]
    assert (sara["firstname"], sara["lastname"], sara["role"]) == ("Sara", "Nasr", "admin")
    assert "password" not in first.text and "password_hash" not in plain.text
    assert len(plain.json()["data"]) == 4


async def test_a_note_is_created_and_deleted(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post("/api/notes", json={
        "rel_type": "customer", "rel_id": customer["id"],
        "description": "Send statements on the 1st business day.",
    }, headers=auth(token))  # fmt: skip
    listed = await notes.list_notes(ctx, PageArgs(), rel_type="customer", rel_id=customer["id"])
    removed = await client.delete(f"/api/notes/{created.json()['id']}", headers=auth(token))
    again = await client.delete(f"/api/notes/{created.json()['id']}", headers=auth(token))

    assert created.status_code == 201 and created.json() == {"id": listed.rows[0]["id"]}
    assert removed.status_code == 204
    assert await notes.get_note(ctx, created.json()["id"]) is None
    assert again.status_code == 404


async def test_a_note_on_nothing_names_rel_id(client: httpx.AsyncClient, token: str) -> None:
    response = await client.post("/api/notes", json={
        "rel_type": "customer", "rel_id": 999, "description": "x",
    }, headers=auth(token))  # fmt: skip

    assert response.status_code == 400 and "rel_id" in response.json()["errors"]


async def test_me_shows_a_bare_token_and_a_staff_owned_one(
    client: httpx.AsyncClient, db: Database, owned_token: str
) -> None:
    bare = await make_token(db, "customers:get", "leads:get", name="zapier")

    anonymous = await client.get("/api/me", headers=auth(bare.token))
    owned = await client.get("/api/me", headers=auth(owned_token))
    nobody = await client.get("/api/me", headers=auth("crm_wrong"))

    assert anonymous.status_code == 200
    assert anonymous.json() == {
        "type": "token", "id": bare.id, "name": "zapier",
        "permissions": ["customers:get", "leads:get"], "staff": None,
    }  # fmt: skip
    staff = owned.json()["staff"]
    assert staff["email"] == "owner@example.com" and owned.json()["permissions"] == ["*"]
    assert "password" not in owned.text
    assert nobody.status_code == 401
