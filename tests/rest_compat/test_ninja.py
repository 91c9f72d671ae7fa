"""ninja: hashed ids, the full contacts array, filters, bulk actions, purge and merge."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import func, select

from gateway.database import Database
from gateway.openapi import openapi_document
from resolvers.core.context import Ctx
from resolvers.core.records import insert_row
from resolvers.models import Contact, Customer, Invoice, table_of
from rest_compat.ids import HashedIds
from tests.factories import make_contact, make_customer
from tests.rest_compat.conftest import SETTINGS, STAFF_PASSWORD

IDS = HashedIds(SETTINGS.secret_key)
DOCUMENT = openapi_document()
CLIENT = {
    "name": "Client Name",
    "contacts": [{"first_name": "helly", "email": "email@example.com"}],
}


def tok(token: str) -> dict[str, str]:
    return {"X-API-TOKEN": token, "X-Requested-With": "XMLHttpRequest"}


def integer_ids(value: Any, path: str = "") -> list[str]:
    """Every key naming an id whose value is an integer, anywhere in a reply."""
    found = []
    if isinstance(value, dict):
        for k, v in value.items():
            if (k == "id" or k.endswith("_id")) and isinstance(v, int) and not isinstance(v, bool):
                found.append(f"{path}.{k}")
            found += integer_ids(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += integer_ids(v, f"{path}[{i}]")
    return found


async def make_invoice(db: Database, customer_id: int, due: str, paid: str, status: int) -> None:
    invoices = table_of(Invoice)
    async with db.write() as conn:
        number = int(await conn.scalar(select(func.count()).select_from(invoices)) or 0) + 1
        await insert_row(conn, invoices, {
            "customer_id": customer_id, "number": number, "date": date.today(),
            "status": status, "amount_due": Decimal(due), "amount_paid": Decimal(paid),
        })  # fmt: skip


async def test_create_then_read_with_hashed_ids_only(client: httpx.AsyncClient, token: str) -> None:
    created = await client.post("/api/v1/clients", json=CLIENT, headers=tok(token))
    data = created.json()["data"]
    listed = await client.get("/api/v1/clients", headers=tok(token))

    assert created.status_code == 200
    assert isinstance(data["id"], str) and len(data["id"]) >= 10
    assert data["name"] == "Client Name" and data["display_name"] == "Client Name"
    [contact] = data["contacts"]
    assert (contact["first_name"], contact["email"], contact["is_primary"]) == (
        "helly",
        "email@example.com",
        True,
    )
    assert isinstance(contact["id"], str)
    assert integer_ids(created.json()) == [] and integer_ids(listed.json()) == []
    assert IDS.decode(data["id"]) > 0
    assert listed.json()["meta"]["pagination"] == {
        "total": 1, "count": 1, "per_page": 20, "current_page": 1, "total_pages": 1, "links": [],
    }  # fmt: skip


async def test_hashed_ids_round_trip_and_bad_ones_are_404(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    hashed = IDS.encode(customer["id"])

    read = await client.get(f"/api/v1/clients/{hashed}", headers=tok(token))
    by_integer = await client.get(f"/api/v1/clients/{customer['id']}", headers=tok(token))
    garbage = await client.put("/api/v1/clients/zzzzzzzzzz", json={}, headers=tok(token))

    assert IDS.decode(hashed) == customer["id"]
    assert HashedIds("another secret").encode(customer["id"]) != hashed
    assert read.json()["data"]["id"] == hashed
    assert by_integer.status_code == 404 and "message" in by_integer.json()
    assert garbage.status_code == 404


async def test_put_replaces_the_contacts_array(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    keep = await make_contact(ctx, customer["id"], n=1)
    drop = await make_contact(ctx, customer["id"], n=2)
    hashed = IDS.encode(customer["id"])
    read = (await client.get(f"/api/v1/clients/{hashed}", headers=tok(token))).json()["data"]
    kept = next(c for c in read["contacts"] if c["email"] == keep["email"])
    body = {**read, "name": "Renamed",
            "contacts": [{**kept, "first_name": "Kept"},
                         {"first_name": "New", "email": "new@zaharahq.ae"}]}  # fmt: skip

    updated = await client.put(f"/api/v1/clients/{hashed}", json=body, headers=tok(token))

    data = updated.json()["data"]
    assert updated.status_code == 200, updated.text
    assert data["name"] == "Renamed"
    assert sorted((c["first_name"], c["email"]) for c in data["contacts"]) == [
        ("Kept", keep["email"]),
        ("New", "new@zaharahq.ae"),
    ]
    assert sum(c["is_primary"] for c in data["contacts"]) == 1
    async with ctx.db.read() as conn:
        dropped = await conn.scalar(
            select(table_of(Contact).c.deleted_at).where(table_of(Contact).c.id == drop["id"])
        )
    assert dropped is not None


async def test_contact_errors_name_the_position_in_the_array(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    body = {"name": "X", "contacts": [{"first_name": "a", "email": "a@x.ae"},
                                      {"first_name": "b", "email": "broken"}]}  # fmt: skip
    other = IDS.encode((await make_contact(ctx, (await make_customer(ctx))["id"]))["id"])

    refused = await client.post("/api/v1/clients", json=body, headers=tok(token))
    foreign = await client.post(
        "/api/v1/clients",
        json={"name": "Y", "contacts": [{"id": other, "first_name": "z", "email": "z@x.ae"}]},
        headers=tok(token),
    )
    unknown = await client.post(
        "/api/v1/clients",
        json={"name": "U", "contacts": [{"id": IDS.encode(999_999), "first_name": "u"}]},
        headers=tok(token),
    )
    no_name = await client.post("/api/v1/clients", json={"name": ""}, headers=tok(token))

    assert refused.status_code == 422
    assert list(refused.json()["errors"]) == ["contacts.1.email"]
    assert refused.json()["message"] == "The given data was invalid."
    # Another customer's contact exists (its stored customer refuses it: a conflict, 422
    # in ninja as every refusal); an id naming no contact is missing.
    assert foreign.status_code == 422
    assert foreign.json()["errors"] == {"contacts.0.id": ["is a contact of another customer"]}
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == {"contacts.0.id": ["no contact 999999"]}
    assert no_name.status_code == 422 and "name" in no_name.json()["errors"]
    listed = await client.get("/api/v1/clients", headers=tok(token))
    # The refused creates left nothing behind: customer and contacts are one transaction.
    assert [c["name"] for c in listed.json()["data"]] == ["Zahara Foods LLC"]


async def test_filters_sort_and_include(
    client: httpx.AsyncClient, token: str, ctx: Ctx, db: Database
) -> None:
    low = await make_customer(ctx, company="Alpha", number="0001", id_number="ID-A")
    mid = await make_customer(ctx, company="Bravo", number="0002")
    high = await make_customer(ctx, company="Charlie")
    await make_contact(ctx, mid["id"], email="buyer@bravo.ae")
    await make_invoice(db, low["id"], "5.00", "0", 1)
    await make_invoice(db, mid["id"], "15.50", "4.50", 3)
    await make_invoice(db, high["id"], "30.00", "0", 1)
    await make_invoice(db, high["id"], "99.00", "0", 6)  # a draft owes nothing

    async def names(query: str) -> list[str]:
        response = await client.get(f"/api/v1/clients?{query}", headers=tok(token))
        assert response.status_code == 200, response.text
        return [c["name"] for c in response.json()["data"]]

    assert await names("balance=lt:10") == ["Alpha"]
    assert await names("balance=gte:15.5") == ["Bravo", "Charlie"]
    assert await names("between_balance=10:20") == ["Bravo"]
    assert await names("sort=name|DESC") == ["Charlie", "Bravo", "Alpha"]
    assert await names("sort=balance|DESC&per_page=1&page=2") == ["Bravo"]
    assert await names("email=BUYER@bravo.ae") == ["Bravo"]
    assert await names("name=arli") == ["Charlie"]
    assert await names("number=0001") == ["Alpha"]
    assert await names("id_number=ID-A") == ["Alpha"]
    assert await names("filter=buyer") == ["Bravo"]
    assert await names(f"client_id={IDS.encode(high['id'])}") == ["Charlie"]
    assert await names("created_at=4102444800") == []  # 2100-01-01
    assert await names("updated_at=1") == ["Alpha", "Bravo", "Charlie"]
    listed = await client.get("/api/v1/clients?name=Bravo&include=contacts,documents",
                              headers=tok(token))  # fmt: skip
    bravo = listed.json()["data"][0]
    assert (bravo["balance"], bravo["paid_to_date"]) == (15.5, 4.5)
    assert bravo["contacts"][0]["email"] == "buyer@bravo.ae" and bravo["documents"] == []
    bad = await client.get("/api/v1/clients?sort=colour|UP", headers=tok(token))
    assert bad.status_code == 422 and "sort" in bad.json()["errors"]
    # An amount past what an amount column holds is the client's mistake, named, never
    # the driver's overflow (PostgreSQL refuses a NUMERIC(15, 2) parameter of 10^13)
    for query in ("balance=lte:-681020156166471", "between_balance=0:10000000000000",
                  "balance=gt:1.005"):  # fmt: skip
        refused = await client.get(f"/api/v1/clients?{query}", headers=tok(token))
        field = query.partition("=")[0]
        assert refused.status_code == 422 and field in refused.json()["errors"], query
    assert await names("balance=lt:9999999999999.99") == ["Alpha", "Bravo", "Charlie"]


async def test_delete_bulk_archive_restore(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    one, two = await make_customer(ctx, company="One"), await make_customer(ctx, company="Two")
    ids = [IDS.encode(one["id"]), IDS.encode(two["id"])]

    deleted = await client.delete(f"/api/v1/clients/{ids[0]}", headers=tok(token))
    only_deleted = await client.get("/api/v1/clients?is_deleted=true", headers=tok(token))
    archived = await client.post("/api/v1/clients/bulk", json={"action": "archive", "ids": ids},
                                 headers=tok(token))  # fmt: skip
    restored = await client.post("/api/v1/clients/bulk", json={"action": "restore", "ids": ids},
                                 headers=tok(token))  # fmt: skip
    bad_action = await client.post("/api/v1/clients/bulk", json={"action": "melt", "ids": ids},
                                   headers=tok(token))  # fmt: skip

    assert deleted.json()["data"]["is_deleted"] is True
    assert [c["name"] for c in only_deleted.json()["data"]] == ["One"]
    assert all(c["archived_at"] > 0 for c in archived.json()["data"])
    assert [(c["is_deleted"], c["archived_at"]) for c in restored.json()["data"]] == [
        (False, 0),
        (False, 0),
    ]
    assert bad_action.status_code == 422
    assert integer_ids(restored.json()) == []


async def test_purge_needs_the_owners_password(
    client: httpx.AsyncClient, token: str, owned_token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"])
    hashed = IDS.encode(customer["id"])
    url = f"/api/v1/clients/{hashed}/purge"

    ownerless = await client.post(url, headers={**tok(token), "X-API-PASSWORD": "x"})
    wrong = await client.post(url, headers={**tok(owned_token), "X-API-PASSWORD": "wrong"})
    missing = await client.post(url, headers=tok(owned_token))
    purged = await client.post(url, headers={**tok(owned_token), "X-API-PASSWORD": STAFF_PASSWORD})

    assert ownerless.status_code == 403
    assert wrong.status_code == 401 and missing.status_code == 401
    assert purged.json() == {"data": {"message": "Success"}}
    async with ctx.db.read() as conn:
        left = await conn.scalar(select(func.count()).select_from(table_of(Customer)))
        contacts_left = await conn.scalar(select(func.count()).select_from(table_of(Contact)))
    assert (left, contacts_left) == (0, 0)


async def test_purge_refuses_a_client_with_invoices(
    client: httpx.AsyncClient, owned_token: str, ctx: Ctx, db: Database
) -> None:
    customer = await make_customer(ctx)
    await make_invoice(db, customer["id"], "1.00", "0", 1)

    refused = await client.post(
        f"/api/v1/clients/{IDS.encode(customer['id'])}/purge",
        headers={**tok(owned_token), "X-API-PASSWORD": STAFF_PASSWORD},
    )

    assert refused.status_code == 422 and "invoices" in str(refused.json())


async def test_merge_moves_contacts_and_invoices_then_deletes_the_merged(
    client: httpx.AsyncClient, owned_token: str, ctx: Ctx, db: Database
) -> None:
    target, merged = await make_customer(ctx, company="Target"), await make_customer(ctx)
    await make_contact(ctx, target["id"], n=1)
    await make_contact(ctx, merged["id"], n=1)  # same email as the target's: dropped
    await make_contact(ctx, merged["id"], n=2)
    await make_invoice(db, merged["id"], "12.00", "0", 1)
    url = f"/api/v1/clients/{IDS.encode(target['id'])}/{IDS.encode(merged['id'])}/merge"

    without = await client.post(url, headers=tok(owned_token))
    response = await client.post(
        url, headers={**tok(owned_token), "X-API-PASSWORD": STAFF_PASSWORD}
    )
    gone = await client.get(f"/api/v1/clients/{IDS.encode(merged['id'])}", headers=tok(owned_token))

    assert without.status_code == 401
    data = response.json()["data"]
    assert data["name"] == "Target" and data["balance"] == 12.0
    assert sorted(c["email"] for c in data["contacts"]) == [
        "karim1@zaharahq.ae",
        "karim2@zaharahq.ae",
    ]
    assert [c["is_primary"] for c in data["contacts"]].count(True) == 1
    assert gone.status_code == 404


async def test_the_ninja_401_shape(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/clients", headers={"X-API-TOKEN": "crm_nope"})

    assert response.status_code == 401
    assert set(response.json()) == {"message"}


async def test_wrongly_typed_ids_and_flags_are_refused_by_name(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = IDS.encode((await make_customer(ctx))["id"])
    contact = {"first_name": "a", "email": "a@x.ae"}

    numbered = await client.post(
        "/api/v1/clients", json={"name": "N", "contacts": [{**contact, "id": 5}]},
        headers=tok(token),
    )  # fmt: skip
    new = await client.post(
        "/api/v1/clients", json={"name": "M", "contacts": [{**contact, "id": None}]},
        headers=tok(token),
    )  # fmt: skip
    objects = await client.post("/api/v1/clients/bulk", json={"action": "delete", "ids": [{}]},
                                headers=tok(token))  # fmt: skip
    flagged = await client.post(
        "/api/v1/clients", json={"name": "F", "contacts": [{**contact, "send_email": "maybe"}]},
        headers=tok(token),
    )  # fmt: skip
    mixed = await client.post("/api/v1/clients/bulk",
                              json={"action": "archive", "ids": [customer, 7]},
                              headers=tok(token))  # fmt: skip

    contact_id = DOCUMENT["paths"]["/api/v1/clients"]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]["properties"]["contacts"]["items"]["properties"]["id"]
    assert {"type": "null"} in contact_id["anyOf"]  # as the server takes it: a new contact
    assert numbered.status_code == 422 and "contacts.0.id" in numbered.json()["errors"]
    assert new.status_code == 200 and new.json()["data"]["contacts"][0]["email"] == "a@x.ae"
    assert objects.status_code == 422 and "ids.0" in objects.json()["errors"]
    assert flagged.status_code == 422 and "send_email" in flagged.json()["errors"]
    assert mixed.status_code == 422 and "ids.1" in mixed.json()["errors"]
    listed = await client.get(f"/api/v1/clients?client_id={customer}", headers=tok(token))
    assert listed.json()["data"][0]["archived_at"] == 0


async def test_time_filters_take_the_unix_seconds_the_document_states(
    client: httpx.AsyncClient, token: str
) -> None:
    listed = DOCUMENT["paths"]["/api/v1/clients"]["get"]["parameters"]
    bounds = {p["name"]: p["schema"] for p in listed if p["name"].endswith("_at")}

    for name, schema in bounds.items():
        low, high = schema["minimum"], schema["maximum"]
        for value, status in ((low, 200), (high, 200), (low - 1, 422), (high + 1, 422)):
            response = await client.get(f"/api/v1/clients?{name}={value}", headers=tok(token))
            assert response.status_code == status, (name, value, response.text)
    assert set(bounds) == {"created_at", "updated_at"}
    long = await client.get(f"/api/v1/clients?created_at={'9' * 5000}", headers=tok(token))
    assert long.status_code == 422 and "created_at" in long.json()["errors"]


async def test_a_blank_email_flag_beside_send_email_is_refused_by_name(
    client: httpx.AsyncClient, token: str
) -> None:
    # The document's flags take no blank, and send_email (setting every flag) does not
    # hide a flag given beside it, whichever comes first.
    contact = {"first_name": "a", "email": "a@x.ae"}
    before = {**contact, "project_emails": "", "send_email": False}
    after = {**contact, "send_email": True, "project_emails": ""}
    both = {**contact, "send_email": True, "task_emails": False}

    blank_first = await client.post("/api/v1/clients", json={"name": "B", "contacts": [before]},
                                    headers=tok(token))  # fmt: skip
    blank_last = await client.post("/api/v1/clients", json={"name": "C", "contacts": [after]},
                                   headers=tok(token))  # fmt: skip
    taken = await client.post("/api/v1/clients", json={"name": "D", "contacts": [both]},
                              headers=tok(token))  # fmt: skip

    assert blank_first.status_code == 422
    assert "contacts.0.project_emails" in blank_first.json()["errors"]
    assert blank_last.status_code == 422
    assert "contacts.0.project_emails" in blank_last.json()["errors"]
    assert taken.status_code == 200


async def test_a_contact_password_that_is_no_text_is_refused_by_name(
    client: httpx.AsyncClient, token: str
) -> None:
    contact = {"first_name": "a", "email": "a@x.ae"}

    numbered = await client.post(
        "/api/v1/clients", json={"name": "P", "contacts": [{**contact, "password": 12345678}]},
        headers=tok(token),
    )  # fmt: skip
    masked = await client.post(
        "/api/v1/clients", json={"name": "Q", "contacts": [{**contact, "password": "*****"}]},
        headers=tok(token),
    )  # fmt: skip

    assert numbered.status_code == 422
    assert "contacts.0.password" in numbered.json()["errors"]
    assert masked.status_code == 200


async def test_an_echoed_is_primary_is_dropped_and_a_non_flag_refused_by_name(
    client: httpx.AsyncClient, token: str
) -> None:
    contact = {"first_name": "a", "email": "a@x.ae"}

    echoed = await client.post(
        "/api/v1/clients", json={"name": "E", "contacts": [{**contact, "is_primary": "0"}]},
        headers=tok(token),
    )  # fmt: skip
    wrong = await client.post(
        "/api/v1/clients", json={"name": "W", "contacts": [{**contact, "is_primary": "maybe"}]},
        headers=tok(token),
    )  # fmt: skip

    assert echoed.status_code == 200
    assert wrong.status_code == 422 and "is_primary" in str(wrong.json()["errors"])


async def test_a_new_contacts_customer_id_of_the_wrong_type_is_refused_by_name(
    client: httpx.AsyncClient, token: str
) -> None:
    contact = {"first_name": "a", "email": "a@x.ae"}

    wrong = await client.post(
        "/api/v1/clients", json={"name": "T", "contacts": [{**contact, "customer_id": {}}]},
        headers=tok(token),
    )  # fmt: skip

    assert wrong.status_code == 422 and "contacts.0.customer_id" in wrong.json()["errors"]


async def test_a_contact_names_no_customer_neither_new_nor_listed(
    client: httpx.AsyncClient, token: str, ctx: Ctx, db: Database
) -> None:
    customer, other = await make_customer(ctx), await make_customer(ctx, company="Other")
    listed = await make_contact(ctx, customer["id"])
    hashed = IDS.encode(customer["id"])
    new = {"first_name": "a", "email": "a@x.ae"}
    moved = {"id": IDS.encode(listed["id"]), "first_name": "b", "email": listed["email"]}

    created = await client.post(
        "/api/v1/clients", json={"name": "T", "contacts": [{**new, "customer_id": None}]},
        headers=tok(token),
    )  # fmt: skip
    changed = await client.put(
        f"/api/v1/clients/{hashed}", json={"contacts": [{**moved, "customer_id": other["id"]}]},
        headers=tok(token),
    )  # fmt: skip

    for refused in (created, changed):
        assert refused.status_code == 422, refused.text
        assert "contacts.0.customer_id" in refused.json()["errors"]
    contacts = table_of(Contact)
    async with db.read() as conn:
        owner = await conn.scalar(
            select(contacts.c.customer_id).where(contacts.c.id == listed["id"])
        )
    assert owner == customer["id"]
    schema = DOCUMENT["paths"]["/api/v1/clients"]["post"]["requestBody"]["content"]
    assert (
        "customer_id"
        not in schema["application/json"]["schema"]["properties"]["contacts"]["items"]["properties"]
    )
