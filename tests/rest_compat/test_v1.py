"""v1: the document's customer and contact calls, with an API key or a staff JWT."""

from __future__ import annotations

import httpx

from gateway.app import jwt_keys
from gateway.database import Database
from resolvers.core.context import Ctx
from tests.factories import make_contact, make_customer, make_staff
from tests.rest_compat.conftest import SETTINGS


def key(token: str) -> dict[str, str]:
    return {"X-API-KEY": token}


async def test_customer_flow_from_the_document(client: httpx.AsyncClient, token: str) -> None:
    created = await client.post(
        "/api/v1/customers",
        json={"company": "ACME Corp", "email": "contact@acme.com"},
        headers=key(token),
    )
    customer_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/customers/{customer_id}", json={"company": "ACME Corporation"}, headers=key(token)
    )
    read = await client.get(f"/api/v1/customers/{customer_id}", headers=key(token))
    contacts = await client.get(f"/api/v1/customers/{customer_id}/contacts", headers=key(token))
    deleted = await client.delete(f"/api/v1/customers/{customer_id}", headers=key(token))
    gone = await client.get(f"/api/v1/customers/{customer_id}", headers=key(token))

    assert created.status_code == 201
    assert created.json()["company"] == "ACME Corp"
    assert created.json()["email"] == "contact@acme.com"
    assert updated.status_code == 200 and updated.json()["company"] == "ACME Corporation"
    assert read.json()["email"] == "contact@acme.com" and read.json()["active"] is True
    # The customer's email became its primary contact.
    [primary] = contacts.json()["data"]
    assert (primary["email"], primary["is_primary"]) == ("contact@acme.com", True)
    assert deleted.json() == {"id": customer_id, "deleted": True}
    assert gone.status_code == 404 and gone.json()["error"] == "not_found"


async def test_updating_the_email_changes_the_primary_contact(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"], n=1)

    await client.put(
        f"/api/v1/customers/{customer['id']}", json={"email": "new@acme.com"}, headers=key(token)
    )
    read = await client.get(f"/api/v1/customers/{customer['id']}", headers=key(token))

    assert read.json()["email"] == "new@acme.com"


async def test_lists_are_paginated_with_meta(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    for n in range(5):
        await make_customer(ctx, company=f"Firm {n}")

    page = await client.get("/api/v1/customers?page=2&per_page=2", headers=key(token))
    found = await client.get("/api/v1/customers?search=firm%203", headers=key(token))

    assert [c["company"] for c in page.json()["data"]] == ["Firm 2", "Firm 3"]
    assert page.json()["meta"] == {"page": 2, "per_page": 2, "total": 5, "total_pages": 3}
    assert [c["company"] for c in found.json()["data"]] == ["Firm 3"]


async def test_contact_flow_and_filters(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"], n=1)

    created = await client.post(
        "/api/v1/contacts",
        json={"userid": customer["id"], "firstname": "Jane", "lastname": "Smith",
              "email": "jane@acme.com", "phonenumber": "+1234567890"},
        headers=key(token),
    )  # fmt: skip
    contact_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/contacts/{contact_id}",
        json={"phonenumber": "+0987654321", "title": "CTO"},
        headers=key(token),
    )
    primaries = await client.get(
        f"/api/v1/contacts?customer_id={customer['id']}&is_primary=true", headers=key(token)
    )
    others = await client.get("/api/v1/contacts?is_primary=false&search=jane", headers=key(token))
    deleted = await client.delete(f"/api/v1/contacts/{contact_id}", headers=key(token))
    read = await client.get(f"/api/v1/contacts/{contact_id}", headers=key(token))

    assert created.status_code == 201 and created.json()["userid"] == customer["id"]
    assert updated.json()["phonenumber"] == "+0987654321" and updated.json()["title"] == "CTO"
    assert [c["email"] for c in primaries.json()["data"]] == ["karim1@zaharahq.ae"]
    assert [c["id"] for c in others.json()["data"]] == [contact_id]
    assert deleted.status_code == 200
    assert read.status_code == 404


async def test_contact_errors(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    primary = await make_contact(ctx, customer["id"], n=1)

    duplicate = await client.post(
        "/api/v1/contacts",
        json={"userid": customer["id"], "firstname": "K", "lastname": "R",
              "email": primary["email"]},
        headers=key(token),
    )  # fmt: skip
    no_customer = await client.post(
        "/api/v1/contacts",
        json={"userid": 999, "firstname": "K", "lastname": "R", "email": "k@r.ae"},
        headers=key(token),
    )
    primary_delete = await client.delete(f"/api/v1/contacts/{primary['id']}", headers=key(token))
    # false is a valid flag: the contact being its customer's primary refuses it.
    primary_unset = await client.put(
        f"/api/v1/contacts/{primary['id']}", json={"is_primary": False}, headers=key(token)
    )
    bad_filter = await client.get("/api/v1/contacts?active=maybe", headers=key(token))

    assert duplicate.status_code == 409 and duplicate.json()["errors"] == {
        "email": "This Email is already exists"
    }
    assert no_customer.status_code == 400 and "userid" in no_customer.json()["errors"]
    assert primary_delete.status_code == 409
    assert primary_unset.status_code == 409, primary_unset.text
    assert (
        primary_unset.json()["error"] == "conflict"
        and "is_primary" in primary_unset.json()["errors"]
    )
    assert bad_filter.status_code == 400 and "active" in bad_filter.json()["message"]


async def test_a_staff_jwt_works_as_bearer(client: httpx.AsyncClient, db: Database) -> None:
    staff = await make_staff(db, is_admin=True)
    jwt = jwt_keys(SETTINGS).issue(staff["id"])

    response = await client.get("/api/v1/customers", headers={"Authorization": f"Bearer {jwt}"})

    assert response.status_code == 200


async def test_sub_lists_of_other_domains_answer_for_a_customer(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    for name in ("projects", "invoices", "estimates", "tickets", "contracts"):
        listed = await client.get(f"/api/v1/customers/{customer['id']}/{name}", headers=key(token))
        missing = await client.get(f"/api/v1/customers/999/{name}", headers=key(token))
        assert listed.status_code == 200, (name, listed.text)
        assert listed.json()["data"] == [] and listed.json()["meta"]["total"] == 0
        assert missing.status_code == 404
