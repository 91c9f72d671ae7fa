"""v2's tickets, leads, users and the financial report, replaying the document."""

from __future__ import annotations

from decimal import Decimal

import httpx

from gateway.database import Database
from resolvers import expenses, invoices, leads, payments, staff, tickets
from resolvers.core.context import Ctx
from resolvers.core.identity import check_staff_password
from resolvers.core.pagination import PageArgs
from tests.factories import make_customer, make_staff


def key(token: str) -> dict[str, str]:
    return {"X-API-KEY": token}


async def test_tickets_are_created_and_filtered_by_status_name_and_department(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post("/api/v2/tickets", json={
        "customer_id": customer["id"], "subject": "Technical Support Required",
        "message": "Need assistance with installation", "department_id": 1, "priority": "High",
    }, headers=key(token))  # fmt: skip
    other = await tickets.create_ticket(ctx, {"subject": "Later", "department_id": 2})
    await tickets.set_ticket_status(ctx, other["id"], "Pending")

    open_ = await client.get("/api/v2/tickets?status=Open", headers=key(token))
    pending = await client.get("/api/v2/tickets?status=Pending", headers=key(token))
    sales = await client.get("/api/v2/tickets?department_id=1", headers=key(token))
    bad = await client.get("/api/v2/tickets?status=Sleeping", headers=key(token))

    assert created.status_code == 201
    data = created.json()["data"]
    assert (data["subject"], data["priority"], data["status"]) == (
        "Technical Support Required", "High", "Open")  # fmt: skip
    assert (data["customer_id"], data["department_id"]) == (customer["id"], 1)
    assert [t["id"] for t in open_.json()["data"]] == [data["id"]]
    assert [(t["id"], t["status"]) for t in pending.json()["data"]] == [(other["id"], "Pending")]
    assert [t["id"] for t in sales.json()["data"]] == [data["id"]]
    # A status no ticket can have is a question with no answer, not a malformed filter.
    assert bad.status_code == 200 and bad.json()["data"] == []


async def test_a_ticket_without_a_subject_fails_validation(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.post("/api/v2/tickets", json={"message": "x"}, headers=key(token))

    assert response.status_code == 400
    assert response.json()["message"] == "Validation failed" and "subject" in response.json()[
        "errors"]  # fmt: skip


async def test_a_lead_is_created_with_its_source_by_name(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    john = {"first_name": "John", "last_name": "Smith", "email": "john@example.com",
            "company": "Acme Corp", "phone": "1234567890", "source": "Website"}  # fmt: skip

    created = await client.post("/api/v2/leads", json=john, headers=key(token))
    unnamed = await client.post("/api/v2/leads", json={"email": "x@y.io"}, headers=key(token))
    stored = await leads.get_lead(ctx, created.json()["data"]["id"])

    assert created.status_code == 201
    assert {k: created.json()["data"][k] for k in john} == john
    assert created.json()["data"]["status"] == "New"
    assert stored is not None and stored["name"] == "John Smith"
    assert unnamed.status_code == 400 and "first_name" in unnamed.json()["errors"]


async def test_users_are_created_with_a_role_by_name_and_no_password_is_shown(
    client: httpx.AsyncClient, token: str, db: Database, ctx: Ctx
) -> None:
    await make_staff(db, email="sara@example.com")

    created = await client.post("/api/v2/users", json={
        "name": "Admin User", "email": "admin@example.com", "password": "securepassword",
        "role": "administrator",
    }, headers=key(token))  # fmt: skip
    listed = await client.get("/api/v2/users?limit=1&page=2", headers=key(token))
    taken = await client.post("/api/v2/users", json={
        "name": "Again", "email": "admin@example.com", "password": "securepassword",
    }, headers=key(token))  # fmt: skip
    short = await client.post("/api/v2/users", json={
        "name": "Short", "email": "short@example.com", "password": "x",
    }, headers=key(token))  # fmt: skip
    stored = await staff.get_staff(ctx, created.json()["data"]["id"])

    assert created.status_code == 201
    data = created.json()["data"]
    assert (data["name"], data["email"], data["role"]) == ("Admin User", "admin@example.com",
                                                          "Administrator")  # fmt: skip
    assert "password" not in created.text and "password" not in listed.text
    assert stored is not None and (stored["firstname"], stored["lastname"]) == ("Admin", "User")
    assert stored["is_admin"] is True
    async with ctx.db.read() as conn:
        assert await check_staff_password(conn, "admin@example.com", "securepassword") == data["id"]
    assert listed.json()["meta"] == {"current_page": 2, "total_pages": 2, "total_records": 2}
    assert [u["id"] for u in listed.json()["data"]] == [data["id"]]
    assert taken.status_code == 409 and "email" in taken.json()["errors"]
    assert short.status_code == 400 and "password" in short.json()["errors"]


async def test_the_financial_summary_has_exact_figures_for_a_month_and_a_year(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    lines = [{"description": "Work", "qty": 3, "rate": "33.33"}]
    invoice = await invoices.create_invoice(
        ctx, {"customer_id": customer["id"], "date": "2024-03-02", "items": lines}
    )
    await payments.record_payment(ctx, invoice["id"], {"amount": "10.10", "date": "2024-03-05"})
    await payments.record_payment(ctx, invoice["id"], {"amount": "20.20", "date": "2024-04-05"})
    await expenses.create_expense(ctx, {"category": 1, "amount": "5.05", "date": "2024-03-09"})

    march = await client.get("/api/v2/reports/financial?year=2024&month=3", headers=key(token))
    year = await client.get("/api/v2/reports/financial?year=2024", headers=key(token))
    bad = await client.get("/api/v2/reports/financial?month=13", headers=key(token))

    assert march.status_code == 200 and march.json()["success"] is True
    assert march.json()["data"] == {"income": 10.1, "expenses": 5.05, "profit": 5.05,
                                    "outstanding_invoices": 69.69}  # fmt: skip
    assert year.json()["data"]["income"] == 30.3 and year.json()["data"]["profit"] == 25.25
    assert Decimal(str(year.json()["data"]["outstanding_invoices"])) == Decimal("69.69")
    assert bad.status_code == 400 and "month" in bad.json()["errors"]
    assert march.headers["x-ratelimit-limit"]


async def test_lists_need_credentials_in_v2s_shape(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v2/tickets", headers=key("crm_wrong"))

    assert response.status_code == 401
    assert response.json() == {"success": False,
                               "message": "Invalid API key or unauthorized access"}  # fmt: skip
    assert response.headers["x-ratelimit-remaining"]


async def test_ticket_list_pages(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    for n in range(3):
        await tickets.create_ticket(ctx, {"subject": f"Ticket {n}"})

    second = await client.get("/api/v2/tickets?page=2&limit=2", headers=key(token))
    everything = await tickets.list_tickets(ctx, PageArgs())

    assert second.json()["meta"] == {"current_page": 2, "total_pages": 2, "total_records": 3}
    assert [t["id"] for t in second.json()["data"]] == [everything.rows[2]["id"]]
