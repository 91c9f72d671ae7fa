"""v1 people and reference data: leads, staff (and signing in), expenses, the utility
lists, and the quota behind 429."""

from __future__ import annotations

import httpx
import jwt

from gateway.database import Database
from gateway.openapi import openapi_document
from resolvers import leads, notes, reference, staff
from resolvers.core.context import Ctx
from resolvers.tokens import issue_token
from tests.factories import make_customer, make_staff
from tests.rest_compat.conftest import SETTINGS
from tests.rest_compat.test_v1 import key


async def test_lead_flow_from_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx, db: Database
) -> None:
    agent = await make_staff(db)

    created = await client.post(
        "/api/v1/leads",
        json={"name": "John Doe", "email": "john@example.com", "company": "ACME Corp",
              "source": "website", "status": 1, "assigned": agent["id"]},
        headers=key(token),
    )  # fmt: skip
    lead_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/leads/{lead_id}", json={"status": 2, "company": "ACME Corporation"},
        headers=key(token),
    )  # fmt: skip
    mine = await client.get(f"/api/v1/leads?assigned={agent['id']}", headers=key(token))
    contacted = await client.get("/api/v1/leads?status=contacted", headers=key(token))
    await notes.create_note(ctx, {"rel_type": "lead", "rel_id": lead_id,
                                  "description": "Called"})  # fmt: skip
    lead_notes = await client.get(f"/api/v1/leads/{lead_id}/notes", headers=key(token))
    converted = await client.post(f"/api/v1/leads/{lead_id}/convert", headers=key(token))
    again = await client.post(f"/api/v1/leads/{lead_id}/convert", headers=key(token))
    activities = await client.get(f"/api/v1/leads/{lead_id}/activities", headers=key(token))
    stored = await leads.get_lead(ctx, lead_id)

    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["name"], body["status"], body["assigned"]) == ("John Doe", 1, agent["id"])
    assert body["source"] is not None
    assert updated.json()["status"] == 2 and updated.json()["company"] == "ACME Corporation"
    assert [x["id"] for x in mine.json()["data"]] == [lead_id]
    assert [x["id"] for x in contacted.json()["data"]] == [lead_id]
    assert [n["description"] for n in lead_notes.json()["data"]] == ["Called"]
    assert converted.status_code == 201, converted.text
    assert converted.json()["company"] == "ACME Corporation"
    assert converted.json()["email"] == "john@example.com"
    assert again.status_code == 409
    assert stored is not None and stored["customer_id"] == converted.json()["id"]
    types = [e["type"] for e in activities.json()["data"]]
    assert types[0] == "lead.created" and "lead.converted" in types


async def test_converting_a_lead_its_state_refuses_is_a_conflict_naming_the_field(
    client: httpx.AsyncClient, token: str
) -> None:
    created = await client.post("/api/v1/leads", json={"name": "No Mail"}, headers=key(token))
    lead_id = created.json()["id"]

    unreachable = await client.post(f"/api/v1/leads/{lead_id}/convert", json={}, headers=key(token))
    converted = await client.post(
        f"/api/v1/leads/{lead_id}/convert", json={"email": "no.mail@example.com"},
        headers=key(token),
    )  # fmt: skip
    again = await client.post(f"/api/v1/leads/{lead_id}/convert", json={}, headers=key(token))

    # The body is valid each time: the lead's state (no email; converted) is what refuses.
    assert unreachable.status_code == 409, unreachable.text
    assert unreachable.json()["error"] == "conflict" and "email" in unreachable.json()["errors"]
    assert converted.status_code == 201, converted.text
    assert again.status_code == 409 and "lead" in again.json()["errors"]


async def test_lead_errors(client: httpx.AsyncClient, token: str) -> None:
    no_name = await client.post("/api/v1/leads", json={"email": "a@b.co"}, headers=key(token))
    bad_status = await client.post(
        "/api/v1/leads", json={"name": "X", "status": "sleepy"}, headers=key(token)
    )
    missing = [
        (await client.request(method, f"/api/v1/leads/999{tail}", headers=key(token))).status_code
        for method, tail in (("GET", ""), ("DELETE", ""), ("POST", "/convert"),
                             ("GET", "/activities"), ("GET", "/notes"))
    ]  # fmt: skip

    assert no_name.status_code == 400 and "name" in no_name.json()["errors"]
    assert bad_status.status_code == 400 and "status" in bad_status.json()["errors"]
    assert missing == [404] * 5


async def test_staff_flow_from_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    created = await client.post(
        "/api/v1/staff",
        json={"firstname": "Jane", "lastname": "Smith", "email": "jane@company.com",
              "password": "securePass123"},
        headers=key(token),
    )  # fmt: skip
    staff_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/staff/{staff_id}",
        json={"firstname": "Janet", "lastname": "Smith", "email": "jane@company.com"},
        headers=key(token),
    )
    permissions = await client.get(f"/api/v1/staff/{staff_id}/permissions", headers=key(token))
    changed = await client.post(
        f"/api/v1/staff/{staff_id}/change-password", json={"password": "newSecurePass456"},
        headers=key(token),
    )  # fmt: skip
    login = await client.post(
        "/api/v1/auth/login", json={"email": "jane@company.com", "password": "newSecurePass456"}
    )
    deactivated = await client.post(f"/api/v1/staff/{staff_id}/deactivate", headers=key(token))
    activated = await client.post(f"/api/v1/staff/{staff_id}/activate", headers=key(token))
    listed = await client.get("/api/v1/staff?search=janet", headers=key(token))
    deleted = await client.delete(f"/api/v1/staff/{staff_id}", headers=key(token))
    gone = await client.get(f"/api/v1/staff/{staff_id}", headers=key(token))

    assert created.status_code == 201, created.text
    assert "password_hash" not in created.json() and "password" not in created.json()
    assert updated.json()["firstname"] == "Janet"
    assert permissions.json() == {"staff_id": staff_id, "permissions": []}
    assert changed.status_code == 200 and "password_hash" not in changed.json()
    assert login.status_code == 200, login.text
    assert deactivated.json()["active"] is False and activated.json()["active"] is True
    assert [s["id"] for s in listed.json()["data"]] == [staff_id]
    assert deleted.status_code == 200 and gone.status_code == 404


async def test_staff_lists_and_errors(client: httpx.AsyncClient, token: str, db: Database) -> None:
    await make_staff(db, email="taken@example.com")

    roles = await client.get("/api/v1/staff/roles", headers=key(token))
    departments = await client.get("/api/v1/staff/departments", headers=key(token))
    duplicate = await client.post(
        "/api/v1/staff",
        json={"firstname": "T", "email": "taken@example.com", "password": "longenough1"},
        headers=key(token),
    )
    short = await client.post(
        "/api/v1/staff",
        json={"firstname": "T", "email": "t2@example.com", "password": "short"},
        headers=key(token),
    )
    no_password = await client.post(
        "/api/v1/staff/999/change-password", json={}, headers=key(token)
    )
    missing = [
        (await client.request(method, f"/api/v1/staff/999{tail}", headers=key(token))).status_code
        for method, tail in (("GET", "/permissions"), ("GET", "/tasks"), ("GET", "/timesheets"),
                             ("POST", "/activate"), ("POST", "/deactivate"))
    ]  # fmt: skip

    assert "Administrator" in [r["name"] for r in roles.json()["data"]]
    assert "Support" in [d["name"] for d in departments.json()["data"]]
    assert duplicate.status_code == 409 and "email" in duplicate.json()["errors"]
    assert short.status_code == 400 and "password" in short.json()["errors"]
    assert no_password.status_code == 400 and "password" in no_password.json()["errors"]
    assert missing == [404] * 5


async def test_login_gives_a_jwt_the_v1_paths_take(client: httpx.AsyncClient, db: Database) -> None:
    member = await make_staff(db, email="sara@example.com", password="s3cret-pass", is_admin=True)

    signed_in = await client.post(
        "/api/v1/auth/login", json={"email": "SARA@example.com", "password": "s3cret-pass"}
    )
    token = signed_in.json()["token"]
    listed = await client.get("/api/v1/staff", headers={"Authorization": f"Bearer {token}"})
    wrong = await client.post(
        "/api/v1/auth/login", json={"email": "sara@example.com", "password": "nope-nope"}
    )
    no_email = await client.post("/api/v1/auth/login", json={"password": "s3cret-pass"})

    assert signed_in.status_code == 200, signed_in.text
    assert signed_in.json()["token_type"] == "Bearer"
    assert signed_in.json()["expires_in"] == SETTINGS.jwt_ttl_seconds
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["sub"] == str(member["id"])
    assert listed.status_code == 200 and listed.json()["meta"]["total"] == 1
    assert wrong.status_code == 401 and wrong.json()["error"] == "unauthenticated"
    assert no_email.status_code == 400 and "email" in no_email.json()["errors"]


async def test_a_deactivated_member_cannot_sign_in(client: httpx.AsyncClient, ctx: Ctx,
                                                   db: Database) -> None:  # fmt: skip
    member = await make_staff(db, email="gone@example.com", password="s3cret-pass")
    await staff.deactivate_staff(ctx, member["id"])

    refused = await client.post(
        "/api/v1/auth/login", json={"email": "gone@example.com", "password": "s3cret-pass"}
    )

    assert refused.status_code == 401


async def test_expense_flow_from_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    categories = await client.get("/api/v1/expenses/categories", headers=key(token))
    category = categories.json()["data"][0]["id"]

    created = await client.post(
        "/api/v1/expenses",
        json={"category": category, "amount": 250.00, "currency": "USD", "date": "2026-02-10",
              "clientid": customer["id"], "note": "Office supplies"},
        headers=key(token),
    )  # fmt: skip
    expense_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/expenses/{expense_id}",
        json={"amount": 275.00, "note": "Office supplies - updated receipt"},
        headers=key(token),
    )
    listed = await client.get(
        f"/api/v1/expenses?clientid={customer['id']}&date_from=2026-02-01", headers=key(token)
    )
    deleted = await client.delete(f"/api/v1/expenses/{expense_id}", headers=key(token))
    gone = await client.get(f"/api/v1/expenses/{expense_id}", headers=key(token))
    bad_category = await client.post(
        "/api/v1/expenses", json={"category": 999, "amount": 1, "date": "2026-02-10"},
        headers=key(token),
    )  # fmt: skip

    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["category"], body["clientid"], body["amount"]) == (category, customer["id"], 250)
    assert body["currency"] is not None and '"amount":250.00' in created.text
    assert updated.json()["amount"] == 275
    assert [e["id"] for e in listed.json()["data"]] == [expense_id]
    assert deleted.status_code == 200 and gone.status_code == 404
    assert bad_category.status_code == 400 and "category" in bad_category.json()["errors"]


UTILITIES = ("currencies", "taxes", "payment-modes", "countries", "departments",
             "ticket-statuses", "ticket-priorities", "lead-statuses", "lead-sources",
             "contract-types", "item-groups")  # fmt: skip


async def test_an_expense_naming_a_payment_mode_for_invoices_only_is_a_conflict(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    mode = await reference.create_lookup(
        ctx, "payment_modes", {"name": "Card terminal", "invoices_only": True}
    )

    # The mode exists and the body is valid: the mode's stored use refuses it.
    refused = await client.post(
        "/api/v1/expenses", json={"category": "Travel", "amount": 10, "date": "2026-02-10",
                                  "paymentmode": mode["id"]}, headers=key(token),
    )  # fmt: skip

    assert refused.status_code == 409, refused.text
    assert refused.json()["error"] == "conflict" and "paymentmode" in refused.json()["errors"]


async def test_a_rule_over_a_sent_and_a_stored_value_is_a_conflict_over_two_sent_invalid(
    client: httpx.AsyncClient, token: str
) -> None:
    created = await client.post(
        "/api/v1/expenses", json={"category": "Travel", "amount": 10, "date": "2026-02-10"},
        headers=key(token),
    )  # fmt: skip
    path = f"/api/v1/expenses/{created.json()['id']}"

    # recurring alone is valid: the stored expense, repeating by no period, refuses it.
    stored = await client.put(path, json={"recurring": True}, headers=key(token))
    # Both sent: the body itself breaks the rule.
    sent = await client.put(
        path, json={"recurring": True, "recurring_type": None}, headers=key(token)
    )

    assert stored.status_code == 409, stored.text
    assert stored.json()["error"] == "conflict" and "recurring_type" in stored.json()["errors"]
    assert sent.status_code == 400, sent.text
    assert "recurring_type" in sent.json()["errors"]


async def test_every_utility_list_answers_in_full(client: httpx.AsyncClient, token: str) -> None:
    for name in UTILITIES:
        response = await client.get(f"/api/v1/{name}", headers=key(token))
        body = response.json()
        assert response.status_code == 200, (name, response.text)
        assert body["data"] and body["meta"]["total"] >= len(body["data"]), name

    countries = await client.get("/api/v1/countries", headers=key(token))
    paged = await client.get("/api/v1/countries?per_page=10&page=2", headers=key(token))
    taxes = await client.get("/api/v1/taxes", headers=key(token))

    total = countries.json()["meta"]["total"]
    assert len(countries.json()["data"]) == total > 200
    assert countries.json()["meta"]["total_pages"] == 1
    assert len(paged.json()["data"]) == 10 and paged.json()["meta"]["page"] == 2
    assert '"rate":5.00' in taxes.text


async def test_a_token_over_its_quota_gets_429(client: httpx.AsyncClient, db: Database) -> None:
    async with db.write() as conn:
        issued = await issue_token(conn, name="tight", grants=["*"], rate_limit_per_hour=2)

    answers = [await client.get("/api/v1/currencies", headers=key(issued.token)) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json()["error"] == "rate_limited"
    assert int(answers[2].headers["Retry-After"]) >= 0
    assert answers[0].headers["X-RateLimit-Limit"] == "2"


async def test_v1_paths_refuse_missing_credentials_in_v1_shape(client: httpx.AsyncClient) -> None:
    for path in ("/api/v1/tasks", "/api/v1/invoices", "/api/v1/staff/1/permissions"):
        response = await client.get(path)
        assert response.status_code == 401, path
        assert set(response.json()) == {"error", "message"}


def test_the_openapi_document_shows_login_without_credentials() -> None:
    login = openapi_document()["paths"]["/api/v1/auth/login"]["post"]

    assert login["security"] == []
    schema = login["requestBody"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["email", "password"]


async def test_a_flag_for_a_number_is_refused_naming_the_field(
    client: httpx.AsyncClient, token: str
) -> None:
    # A category by id or by name: true is neither, and the error names the field itself
    # (not the union's members).
    refused = await client.post(
        "/api/v1/expenses",
        json={"category": True, "amount": 10, "date": "2026-02-10"},
        headers={"X-API-KEY": token},
    )

    assert refused.status_code == 400, refused.text
    assert list(refused.json()["errors"]) == ["category"]


async def test_a_contacts_permissions_may_be_null(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post(
        "/api/v1/contacts",
        json={"userid": customer["id"], "firstname": "Ann", "lastname": "Bee",
              "email": "ann.null@example.com", "permissions": None},
        headers={"X-API-KEY": token},
    )  # fmt: skip

    assert created.status_code == 201, created.text
    assert created.json()["permissions"] == []
