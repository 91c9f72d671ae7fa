"""One service layer under both transports: what REST writes GraphQL reads, and back."""

from __future__ import annotations

from typing import Any

import httpx

READ = """
query One($id: Int!) {
  customer(databaseId: $id) {
    databaseId company vat phone website address city state zip active
    contacts { nodes { email firstname isPrimary } }
  }
}
"""

CREATE = """
mutation Create($input: CustomerInput!) {
  createCustomer(input: $input) { record { databaseId } userErrors { field message } }
}
"""


async def gql(client: httpx.AsyncClient, token: str, query: str, **variables: Any) -> Any:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def test_a_customer_written_through_each_dialect_reads_the_same_through_graphql(
    client: httpx.AsyncClient, token: str
) -> None:
    fields = {"vat": "AE1", "website": "https://x.ae", "address": "JLT", "city": "Dubai",
              "state": "DU", "zip": "00000"}  # fmt: skip
    writes = [
        client.post("/api/customers", data={"company": "Perfex Co", "phonenumber": "1", **fields},
                    headers={"authtoken": token}),
        client.post("/api/customers", json={"company": "Tech9 Co", "phone": "1", **fields},
                    headers={"Authtoken": token}),
        client.post("/api/v1/customers", json={"company": "V1 Co", "phonenumber": "1",
                                              "email": "a@v1.ae", **fields},
                    headers={"X-API-KEY": token}),
        client.post("/api/v2/customers", json={"account": "V2 Co", "phone": "1",
                                              "email": "a@v2.ae", **fields},
                    headers={"X-API-KEY": token}),
    ]  # fmt: skip
    for write in writes:
        response = await write
        assert response.status_code in (200, 201), response.text
        body = response.json()
        new_id = body.get("id") or body["data"]["id"]

        record = (await gql(client, token, READ, id=new_id))["customer"]

        assert {k: record[k] for k in fields} == fields
        assert record["phone"] == "1" and record["active"] is True


async def test_a_ninja_client_reads_the_same_through_graphql(
    client: httpx.AsyncClient, token: str
) -> None:
    from rest_compat.ids import HashedIds
    from tests.rest_compat.conftest import SETTINGS

    body = {"name": "Ninja Co", "address1": "Line 1", "postal_code": "12345", "vat_number": "V-9",
            "contacts": [{"first_name": "Ann", "email": "ann@ninja.ae"}]}  # fmt: skip
    created = await client.post("/api/v1/clients", json=body, headers={"X-API-TOKEN": token})
    new_id = HashedIds(SETTINGS.secret_key).decode(created.json()["data"]["id"])

    record = (await gql(client, token, READ, id=new_id))["customer"]

    assert (record["company"], record["address"], record["zip"], record["vat"]) == (
        "Ninja Co",
        "Line 1",
        "12345",
        "V-9",
    )
    assert record["contacts"]["nodes"] == [
        {"email": "ann@ninja.ae", "firstname": "Ann", "isPrimary": True}
    ]


async def test_a_customer_written_through_graphql_reads_the_same_through_rest(
    client: httpx.AsyncClient, token: str
) -> None:
    created = await gql(
        client, token, CREATE,
        input={"company": "Graph Co", "vat": "G-1", "phone": "55", "city": "Doha",
               "country": "QA"},
    )  # fmt: skip
    new_id = created["createCustomer"]["record"]["databaseId"]

    perfex = (await client.get(f"/api/customers/{new_id}", headers={"authtoken": token})).json()
    v1 = (await client.get(f"/api/v1/customers/{new_id}", headers={"X-API-KEY": token})).json()
    v2 = (await client.get(f"/api/v2/customers/{new_id}", headers={"X-API-KEY": token})).json()

    assert (perfex["company"], perfex["vat"], perfex["phonenumber"], perfex["city"]) == (
        "Graph Co",
        "G-1",
        "55",
        "Doha",
    )
    assert perfex["userid"] == str(new_id) and perfex["id"] == new_id
    assert (v1["company"], v1["phonenumber"], v1["country"]) == (
        "Graph Co",
        "55",
        int(perfex["country"]),
    )
    assert (v2["data"]["account"], v2["data"]["country"], v2["data"]["phone"]) == (
        "Graph Co",
        "QA",
        "55",
    )
