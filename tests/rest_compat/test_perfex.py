"""perfex: the document's customer and contact examples, replayed as forms."""

from __future__ import annotations

import httpx

from resolvers.core.context import Ctx
from tests.factories import make_contact, make_customer

CUSTOMER_FORM = {
    "company": "Jk Technologies",
    "vat": "1234567890",
    "phonenumber": "1234567890",
    "website": "https://example.com",
    "address": "Test Address",
    "city": "Test City",
    "state": "Test State",
    "zip": "123456",
    "country": "IN",
    "default_language": "english",
}


def auth(token: str) -> dict[str, str]:
    return {"authtoken": token}


async def test_a_customer_added_by_form_reads_back_in_perfex_strings(
    client: httpx.AsyncClient, token: str
) -> None:
    added = await client.post("/api/customers", data=CUSTOMER_FORM, headers=auth(token))

    assert added.status_code == 200
    assert added.json()["status"] is True
    assert added.json()["message"] == "Customer add successful."
    new_id = added.json()["id"]
    record = (await client.get(f"/api/customers/{new_id}", headers=auth(token))).json()
    assert record["userid"] == str(new_id)
    assert record["company"] == "Jk Technologies"
    assert record["phonenumber"] == "1234567890"
    assert record["active"] == "1"
    assert record["country"] not in ("0", None) and record["country"].isdigit()
    assert record["billing_country"] == "0"
    assert record["leadid"] is None and record["stripe_id"] is None
    assert len(record["datecreated"]) == 19 and record["datecreated"][10] == " "


async def test_multipart_bodies_are_read_like_urlencoded_ones(
    client: httpx.AsyncClient, token: str
) -> None:
    files = {"company": (None, "Multipart Co"), "city": (None, "Dubai")}

    added = await client.post("/api/customers", files=files, headers=auth(token))

    assert added.status_code == 200, added.text
    record = (await client.get(f"/api/customers/{added.json()['id']}", headers=auth(token))).json()
    assert (record["company"], record["city"]) == ("Multipart Co", "Dubai")


async def test_the_customer_list_is_a_bare_array(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    for name in ("Jk Technologies", "Sample Company LTD"):
        await make_customer(ctx, company=name)

    listed = await client.get("/api/customers", headers=auth(token))

    assert listed.status_code == 200
    assert [c["company"] for c in listed.json()] == ["Jk Technologies", "Sample Company LTD"]


async def test_search_takes_several_words_and_url_encoded_terms(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    await make_customer(ctx, company="Sample Company LTD", city="London")
    await make_customer(ctx, company="Sample Traders", city="Paris")

    both = await client.get("/api/customers/search/sample", headers=auth(token))
    one = await client.get("/api/customers/search/sample%20london", headers=auth(token))
    none = await client.get("/api/customers/search/nobody%20here", headers=auth(token))

    assert len(both.json()) == 2
    assert [c["company"] for c in one.json()] == ["Sample Company LTD"]
    assert none.status_code == 404
    assert none.json() == {"status": False, "message": "No data were found"}


async def test_update_and_delete_answer_the_documents_messages(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    updated = await client.put(
        f"/api/customers/{customer['id']}", data={"company": "Renamed"}, headers=auth(token)
    )
    deleted = await client.delete(f"/api/delete/customers/{customer['id']}", headers=auth(token))
    gone = await client.get(f"/api/customers/{customer['id']}", headers=auth(token))

    assert updated.json() == {"status": True, "message": "Customer Update Successful."}
    assert deleted.json() == {"status": True, "message": "Customer Delete Successful."}
    assert gone.status_code == 404
    assert gone.json() == {"status": False, "message": "No data were found"}


async def test_failed_writes_answer_404_with_the_field(
    client: httpx.AsyncClient, token: str
) -> None:
    missing_company = await client.post("/api/customers", data={"city": "x"}, headers=auth(token))
    unknown = await client.put("/api/customers/999", data={"company": "x"}, headers=auth(token))
    bad_delete = await client.delete("/api/delete/customers/999", headers=auth(token))

    assert missing_company.status_code == 404
    assert missing_company.json()["status"] is False
    assert missing_company.json()["message"] == "Customer add fail."
    assert "company" in missing_company.json()["errors"]
    assert unknown.status_code == 404
    assert unknown.json()["message"] == "Customer Update Fail."
    assert bad_delete.json() == {"status": False, "message": "Customer Delete Fail."}


async def test_contacts_flow_with_checkbox_values_and_permissions(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    form = {
        "customer_id": str(customer["id"]),
        "firstname": "chirag",
        "lastname": "jagani",
        "email": "useremail@gmail.com",
        "phonenumber": "12345",
        "is_primary": "on",
        "invoice_emails": "invoice_emails",
        "permissions[]": ["1", "5"],
        "donotsendwelcomeemail": "on",
    }

    added = await client.post("/api/contacts", data=form, headers=auth(token))
    contact_id = added.json()["id"]
    read = await client.get(f"/api/contacts/{customer['id']}/{contact_id}", headers=auth(token))
    found = await client.get("/api/contacts/search/chirag%20jagani", headers=auth(token))
    updated = await client.put(
        f"/api/contacts/{contact_id}", data={"title": "CTO"}, headers=auth(token)
    )
    listed = await client.get(f"/api/contacts/{customer['id']}", headers=auth(token))

    assert added.json()["message"] == "Contact added successfully"
    contact = read.json()
    assert contact["userid"] == str(customer["id"])
    assert (contact["is_primary"], contact["invoice_emails"]) == ("1", "1")
    assert contact["permissions"] == ["1", "5"]
    assert contact["phonenumber"] == "12345"
    assert "password" not in contact and "password_hash" not in contact
    assert [c["email"] for c in found.json()] == ["useremail@gmail.com"]
    assert updated.json() == {"status": True, "message": "Contact Updated Successfully"}
    assert listed.json()[0]["title"] == "CTO"


async def test_a_duplicate_contact_email_is_a_409_naming_email(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"], n=1)
    second = await make_contact(ctx, customer["id"], n=2)

    clash = await client.put(
        f"/api/contacts/{second['id']}", data={"email": "karim1@zaharahq.ae"}, headers=auth(token)
    )

    assert clash.status_code == 409
    assert clash.json() == {
        "status": False,
        "error": {"email": "This Email is already exists"},
        "message": "This Email is already exists",
    }


async def test_a_contact_of_another_customer_is_not_found(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    first, other = await make_customer(ctx), await make_customer(ctx, company="Other")
    contact = await make_contact(ctx, first["id"])

    read = await client.get(f"/api/contacts/{other['id']}/{contact['id']}", headers=auth(token))

    assert read.status_code == 404
    assert read.json() == {"status": False, "message": "No data were found"}


async def test_deleting_contacts(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    primary = await make_contact(ctx, customer["id"], n=1)
    other = await make_contact(ctx, customer["id"], n=2)

    deleted = await client.delete(f"/api/delete/contacts/{other['id']}", headers=auth(token))
    refused = await client.delete(f"/api/delete/contacts/{primary['id']}", headers=auth(token))
    missing = await client.delete("/api/delete/contacts/999", headers=auth(token))

    assert deleted.json() == {"status": True, "message": "Contact Deleted Successfully"}
    assert refused.status_code == 409
    assert refused.json()["status"] is False
    assert missing.status_code == 404
    assert missing.json() == {"status": False, "message": "Contact Delete Fail"}


async def test_malformed_bodies_are_400_naming_the_problem(
    client: httpx.AsyncClient, token: str
) -> None:
    headers = {**auth(token), "content-type": "application/json"}
    broken_json = await client.post("/api/customers", content=b"{nope", headers=headers)
    broken_key = await client.post(
        "/api/customers", data={"company": "x", "custom_fields[customers": "1"}, headers=auth(token)
    )
    wrong_type = await client.post(
        "/api/customers", content=b"company=x", headers={**auth(token), "content-type": "text/csv"}
    )

    assert broken_json.status_code == 400
    assert "not valid JSON" in broken_json.json()["message"]
    assert broken_key.status_code == 400
    assert "custom_fields[customers" in broken_key.json()["message"]
    assert wrong_type.status_code == 400
    assert "text/csv" in wrong_type.json()["message"]


async def test_custom_fields_ride_along_in_bracket_keys(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    from resolvers import custom_fields

    tier = await custom_fields.create_custom_field(
        ctx, {"field_to": "customers", "name": "Tier", "type": "input"}
    )
    form = {"company": "Custom Co", f"custom_fields[customers][{tier['id']}]": "Gold"}

    added = await client.post("/api/customers", data=form, headers=auth(token))
    bad = await client.post(
        "/api/customers", data={"company": "X", "custom_fields[customers][999]": "?"},
        headers=auth(token),
    )  # fmt: skip

    assert added.status_code == 200, added.text
    [[value]] = await custom_fields.custom_values_for(ctx, "customers", [added.json()["id"]])
    assert value["value"] == "Gold"
    assert bad.status_code == 404 and bad.json()["errors"]
