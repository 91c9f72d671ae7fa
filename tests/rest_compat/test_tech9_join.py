"""tech9's JSON replies, and the rule joining them with perfex's on shared paths."""

from __future__ import annotations

import httpx

from resolvers.core.context import Ctx
from tests.factories import make_contact, make_customer

ZAHARA = {
    "company": "Zahara Foods LLC",
    "vat": "AE409887654",
    "website": "https://zaharahq.ae",
    "phone": "+971 4 660 1120",
    "country": "AE",
    "address": "Office 1904, JLT",
    "city": "Dubai",
    "zip": "00000",
}
KARIM = {
    "first_name": "Karim",
    "last_name": "Rahman",
    "email": "karim@zaharahq.ae",
    "phone": "+971 58 330 8841",
    "position": "Operations Manager",
}


def auth(token: str) -> dict[str, str]:
    return {"Authtoken": token}


async def test_the_documents_customer_and_contact_replay(
    client: httpx.AsyncClient, token: str
) -> None:
    created = await client.post("/api/customers", json=ZAHARA, headers=auth(token))
    customer_id = created.json()["id"]
    contact = await client.post(
        f"/api/customers/{customer_id}/contacts", json=KARIM, headers=auth(token)
    )
    read = await client.get(f"/api/customers/{customer_id}", headers=auth(token))

    assert created.status_code == 201 and created.json() == {"id": customer_id}
    assert isinstance(customer_id, int)
    assert contact.status_code == 201 and isinstance(contact.json()["id"], int)
    body = read.json()
    assert body["id"] == customer_id and body["company"] == "Zahara Foods LLC"
    assert body["contacts"][0]["id"] == contact.json()["id"]
    assert (body["contacts"][0]["first_name"], body["contacts"][0]["last_name"]) == (
        "Karim",
        "Rahman",
    )
    assert body["contacts"][0]["position"] == "Operations Manager"
    assert body["created_at"].endswith("Z")


async def test_adding_a_contact_to_an_unknown_customer_is_404(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.post("/api/customers/999/contacts", json=KARIM, headers=auth(token))

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


async def test_a_body_naming_what_the_path_names_is_refused_by_name(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    # The path names the contact's customer: one the body names too would be overwritten
    # (of another customer, or no id at all), so it is refused, as the document leaves it
    # out of the body.
    customer = await make_customer(ctx)
    path = f"/api/customers/{customer['id']}/contacts"
    sent = [{**KARIM, "customer_id": value} for value in (customer["id"], 999, False, "x")]

    replies = [await client.post(path, json=body, headers=auth(token)) for body in sent]
    read = await client.get(f"/api/customers/{customer['id']}", headers=auth(token))

    assert [r.status_code for r in replies] == [400] * 4, [r.text for r in replies]
    assert all("customer_id" in r.text for r in replies)
    assert read.json()["contacts"] == []


async def test_tech9_validation_failures_are_400_naming_the_field(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.post("/api/customers", json={"vat": "x"}, headers=auth(token))

    assert response.status_code == 400
    assert "company" in response.json()["errors"]


async def test_join_a_form_write_gets_perfex_a_json_write_gets_tech9_both_carry_the_id(
    client: httpx.AsyncClient, token: str
) -> None:
    as_form = await client.post("/api/customers", data={"company": "Form Co"}, headers=auth(token))
    as_json = await client.post("/api/customers", json={"company": "Json Co"}, headers=auth(token))

    assert as_form.status_code == 200
    assert as_form.json()["status"] is True
    assert as_form.json()["message"] == "Customer add successful."
    assert isinstance(as_form.json()["id"], int)
    assert as_json.status_code == 201
    assert as_json.json() == {"id": as_form.json()["id"] + 1}


async def test_join_a_list_with_page_params_is_paginated_without_them_a_bare_array(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    for n in range(3):
        await make_customer(ctx, company=f"Customer {n}")

    bare = await client.get("/api/customers", headers=auth(token))
    paged = await client.get("/api/customers?page=2&per_page=2", headers=auth(token))
    only_per_page = await client.get("/api/customers?per_page=1", headers=auth(token))

    assert isinstance(bare.json(), list) and len(bare.json()) == 3
    assert paged.json()["page"] == 2 and paged.json()["per_page"] == 2
    assert paged.json()["total"] == 3
    assert [c["company"] for c in paged.json()["data"]] == ["Customer 2"]
    assert len(only_per_page.json()["data"]) == 1 and only_per_page.json()["page"] == 1


async def test_join_a_record_read_carries_the_union_of_both_documents_fields(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"])

    body = (await client.get(f"/api/customers/{customer['id']}", headers=auth(token))).json()

    # perfex's fields, its values as strings ...
    assert body["userid"] == str(customer["id"]) and body["active"] == "1"
    assert "datecreated" in body and "phonenumber" in body
    # ... and tech9's, with integers.
    assert body["id"] == customer["id"]
    assert body["contacts"][0]["first_name"] == "Karim1"
    assert body["created_at"].endswith("Z")


async def test_pagination_params_are_checked(client: httpx.AsyncClient, token: str) -> None:
    response = await client.get("/api/customers?page=0", headers=auth(token))
    too_big = await client.get("/api/customers?per_page=5000", headers=auth(token))

    assert response.status_code == 400 and "page" in response.json()["message"]
    assert too_big.status_code == 400


async def test_join_a_filter_only_tech9_documents_is_tech9_s_and_checked(
    client: httpx.AsyncClient, token: str
) -> None:
    owned = await client.get("/api/leads?owner_id=1", headers=auth(token))
    below = await client.get("/api/leads?owner_id=-5", headers=auth(token))

    assert owned.status_code == 200 and owned.json()["page"] == 1
    assert below.status_code == 400 and "owner_id" in below.text
