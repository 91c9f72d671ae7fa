"""GraphQL's customer writes beyond the ordinary four, on the services REST's rows call:
a customer with its contacts in one call, a batch created all or nothing, bulk
archive/restore/delete answering item by item, a merge and a purge behind the owner's
password. And ninja's bulk row answering for the clients it acted on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from gateway.database import Database
from resolvers.core.context import Ctx
from resolvers.models import Contact, Customer, table_of
from rest_compat.ids import HashedIds
from tests.factories import make_contact, make_customer, make_staff, make_token
from tests.schema.graph import SETTINGS, data, error_code, global_id, gql, graph_client

PASSWORD = "owner-pass-123"

CREATE = """
mutation($input: CustomerInput!, $contacts: [CustomerContactInput!]) {
  createCustomer(input: $input, contacts: $contacts) {
    record { company contacts { nodes { email isPrimary } } }
    userErrors { field code message }
  }
}
"""
BATCH = """
mutation($items: [NewCustomerInput!]!) {
  createCustomers(items: $items) {
    items { index record { company contacts { totalCount } } userErrors { field code } }
    userErrors { field code message }
  }
}
"""
BULK = """
mutation($action: CustomerBulkAction!, $ids: [ID!]!) {
  bulkCustomers(action: $action, ids: $ids) {
    items { id record { databaseId company } userErrors { field code } }
    userErrors { field code message }
  }
}
"""
MERGE = """
mutation($id: ID!, $other: ID!, $password: String!) {
  mergeCustomers(id: $id, mergeableId: $other, password: $password) {
    record { company contacts { nodes { email } } }
    userErrors { field code message }
  }
}
"""
PURGE = """
mutation($id: ID!, $password: String!) {
  purgeCustomer(id: $id, password: $password) { purgedId userErrors { field code message } }
}
"""


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    async with graph_client(db) as c:
        yield c


@pytest.fixture
async def token(db: Database) -> str:
    return (await make_token(db)).token


@pytest.fixture
async def owned(db: Database) -> str:
    """An all-permissions token owned by a staff member whose password is PASSWORD."""
    from resolvers.tokens import issue_token

    staff = await make_staff(db, email="owner@example.com", password=PASSWORD)
    async with db.write() as conn:
        issued = await issue_token(conn, name="owned", grants=["*"], staff_id=staff["id"])
    return issued.token


async def count(db: Database, model: type[Any], *where: Any) -> int:
    async with db.read() as conn:
        query = select(func.count()).select_from(table_of(model))
        return int(await conn.scalar(query.where(*where)) or 0)


def cid(pk: int) -> str:
    return global_id("Customer", pk)


async def test_a_customer_comes_with_its_contacts_or_not_at_all(
    client: httpx.AsyncClient, token: str, db: Database
) -> None:
    contacts = [
        {"firstname": "Lina", "email": "lina@zahara.ae"},
        {"firstname": "Omar", "email": "omar@zahara.ae", "isPrimary": True},
    ]
    bad = [{"firstname": "Ok", "email": "ok@zahara.ae"}, {"firstname": "No", "email": "nope"}]

    made = data(await gql(client, token, CREATE, input={"company": "Zahara"}, contacts=contacts))
    refused = data(await gql(client, token, CREATE, input={"company": "Other"}, contacts=bad))
    many = [{"firstname": "N", "email": f"n{i}@zahara.ae"} for i in range(101)]
    too_many = data(await gql(client, token, CREATE, input={"company": "Big"}, contacts=many))

    record = made["createCustomer"]["record"]
    assert record["company"] == "Zahara"
    assert sorted((c["email"], c["isPrimary"]) for c in record["contacts"]["nodes"]) == [
        ("lina@zahara.ae", False),
        ("omar@zahara.ae", True),
    ]
    assert [e["field"] for e in too_many["createCustomer"]["userErrors"]] == ["contacts"]
    payload = refused["createCustomer"]
    assert payload["record"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("contacts.1.email", "INVALID")
    ]
    assert await count(db, Customer) == 1 and await count(db, Contact) == 2


async def test_a_batch_is_created_whole(
    client: httpx.AsyncClient, token: str, db: Database
) -> None:
    items = [
        {"customer": {"company": "One"}, "contacts": [{"firstname": "A", "email": "a@one.ae"}]},
        {"customer": {"company": "Two"}},
    ]

    made = data(await gql(client, token, BATCH, items=items))["createCustomers"]

    assert made["userErrors"] == []
    assert [
        (i["index"], i["record"]["company"], i["record"]["contacts"]["totalCount"])
        for i in made["items"]
    ] == [
        (0, "One", 1),
        (1, "Two", 0),
    ]
    assert await count(db, Customer) == 2


async def test_a_failing_item_leaves_nothing_written_and_says_why(
    client: httpx.AsyncClient, db: Database
) -> None:
    # Valid alone: the second item's contact fails only inside the transaction (this
    # token may create customers, not contacts), after the first customer is written.
    only_customers = (await make_token(db, "customers:create", "customers:get")).token
    items = [
        {"customer": {"company": "Fine"}},
        {"customer": {"company": ""}},
        {"customer": {"company": "Bad mail"}, "contacts": [{"firstname": "X", "email": "nope"}]},
    ]

    refused = data(await gql(client, only_customers, BATCH, items=items))["createCustomers"]
    empty = data(await gql(client, only_customers, BATCH, items=[]))["createCustomers"]

    assert [(i["index"], i["record"], i["userErrors"]) for i in refused["items"]] == [
        (1, None, [{"field": "customer.company", "code": "INVALID"}]),
        (2, None, [{"field": "contacts.0.email", "code": "INVALID"}]),
    ]
    [summary] = refused["userErrors"]
    assert summary["field"] == "items" and "nothing was created" in summary["message"]
    assert [e["field"] for e in empty["userErrors"]] == ["items"]
    assert await count(db, Customer) == 0


async def test_a_batch_rolls_back_what_it_wrote_when_an_item_fails_in_the_transaction(
    client: httpx.AsyncClient, db: Database
) -> None:
    only_customers = (await make_token(db, "customers:create", "customers:get")).token
    items = [
        {"customer": {"company": "A"}},
        {"customer": {"company": "B"}, "contacts": [{"firstname": "B", "email": "b@b.ae"}]},
    ]

    refused = await gql(client, only_customers, BATCH, items=items)

    # Adding contacts needs contacts:create: the whole batch is refused, A included.
    assert error_code(refused) == "FORBIDDEN"
    assert await count(db, Customer) == 0


async def test_bulk_answers_item_by_item(
    client: httpx.AsyncClient, token: str, ctx: Ctx, db: Database
) -> None:
    one, two = await make_customer(ctx, company="One"), await make_customer(ctx, company="Two")
    missing, foreign = cid(9_999), global_id("Invoice", one["id"])
    ids = [cid(one["id"]), missing, cid(two["id"]), foreign, cid(one["id"])]

    archived = data(await gql(client, token, BULK, action="ARCHIVE", ids=ids))["bulkCustomers"]
    deleted = data(await gql(client, token, BULK, action="DELETE", ids=[cid(two["id"])]))
    restored = data(await gql(client, token, BULK, action="RESTORE", ids=[cid(two["id"])]))
    too_many = data(
        await gql(client, token, BULK, action="DELETE", ids=[cid(i) for i in range(1, 102)])
    )

    assert archived["userErrors"] == []
    assert [
        (i["id"], i["record"] and i["record"]["company"], i["userErrors"])
        for i in archived["items"]
    ] == [
        (cid(one["id"]), "One", []),
        (missing, None, [{"field": None, "code": "NOT_FOUND"}]),
        (cid(two["id"]), "Two", []),
        (foreign, None, [{"field": "id", "code": "INVALID"}]),
    ]
    async with db.read() as conn:
        rows = {r.id: r for r in await conn.execute(select(table_of(Customer)))}
    assert rows[one["id"]].archived_at is not None
    assert deleted["bulkCustomers"]["items"][0]["userErrors"] == []
    assert restored["bulkCustomers"]["items"][0]["record"]["company"] == "Two"
    assert rows[two["id"]].deleted_at is None
    assert [e["field"] for e in too_many["bulkCustomers"]["userErrors"]] == ["ids"]


async def test_bulk_needs_the_grant_of_its_action(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    one = await make_customer(ctx)
    updater = (await make_token(db, "customers:get", "customers:update")).token

    refused = await gql(client, updater, BULK, action="DELETE", ids=[cid(one["id"])])
    # Ids that decode to no customer do not get round the grant.
    malformed = await gql(client, updater, BULK, action="DELETE", ids=["nope"])
    empty = data(await gql(client, updater, BULK, action="ARCHIVE", ids=[]))
    archived = data(await gql(client, updater, BULK, action="ARCHIVE", ids=[cid(one["id"])]))

    assert error_code(refused) == "FORBIDDEN" and error_code(malformed) == "FORBIDDEN"
    assert [e["field"] for e in empty["bulkCustomers"]["userErrors"]] == ["ids"]
    assert archived["bulkCustomers"]["items"][0]["userErrors"] == []
    assert await count(db, Customer, table_of(Customer).c.deleted_at.is_(None)) == 1


async def test_ninja_bulk_answers_the_clients_it_acted_on(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    ids = HashedIds(SETTINGS.secret_key)
    one = await make_customer(ctx, company="One")
    body = {"action": "archive", "ids": [ids.encode(one["id"]), ids.encode(9_999), "nonsense"]}

    response = await client.post("/api/v1/clients/bulk", json=body, headers={"X-API-TOKEN": token})

    assert response.status_code == 200
    assert [c["name"] for c in response.json()["data"]] == ["One"]
    assert response.json()["data"][0]["archived_at"] > 0


async def test_merge_moves_everything_behind_the_owners_password(
    client: httpx.AsyncClient, owned: str, token: str, ctx: Ctx, db: Database
) -> None:
    target, merged = await make_customer(ctx, company="Target"), await make_customer(ctx)
    await make_contact(ctx, merged["id"], n=2)
    ids = {"id": cid(target["id"]), "other": cid(merged["id"])}

    wrong = data(await gql(client, owned, MERGE, password="wrong", **ids))["mergeCustomers"]
    ownerless = await gql(client, token, MERGE, password=PASSWORD, **ids)
    into_itself = data(
        await gql(client, owned, MERGE, password=PASSWORD, id=ids["id"], other=ids["id"])
    )
    done = data(await gql(client, owned, MERGE, password=PASSWORD, **ids))["mergeCustomers"]

    assert [(e["field"], e["code"]) for e in wrong["userErrors"]] == [("password", "INVALID")]
    assert error_code(ownerless) == "FORBIDDEN"
    assert into_itself["mergeCustomers"]["userErrors"][0]["field"] == "mergeableId"
    assert done["userErrors"] == []
    assert done["record"]["company"] == "Target"
    assert [c["email"] for c in done["record"]["contacts"]["nodes"]] == ["karim2@zaharahq.ae"]
    assert await count(db, Customer, table_of(Customer).c.deleted_at.is_(None)) == 1


async def test_purge_deletes_for_good_behind_the_owners_password(
    client: httpx.AsyncClient, owned: str, ctx: Ctx, db: Database
) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"])
    gid = cid(customer["id"])

    wrong = data(await gql(client, owned, PURGE, id=gid, password="wrong"))["purgeCustomer"]
    kept = await count(db, Customer)
    done = data(await gql(client, owned, PURGE, id=gid, password=PASSWORD))["purgeCustomer"]
    again = data(await gql(client, owned, PURGE, id=gid, password=PASSWORD))["purgeCustomer"]

    assert (wrong["purgedId"], wrong["userErrors"][0]["field"]) == (None, "password")
    assert kept == 1
    assert done == {"purgedId": gid, "userErrors": []}
    assert [e["code"] for e in again["userErrors"]] == ["NOT_FOUND"]
    assert (await count(db, Customer), await count(db, Contact)) == (0, 0)


async def test_an_item_refused_inside_the_transaction_rolls_back_the_items_before_it(
    client: httpx.AsyncClient, token: str, db: Database
) -> None:
    # Every field is valid; the second item's second contact takes the email its first
    # contact was just written with, which only the transaction finds.
    twice = [{"firstname": "B", "email": "same@x.ae"}, {"firstname": "C", "email": "same@x.ae"}]
    items = [
        {"customer": {"company": "A"}, "contacts": [{"firstname": "A", "email": "a@x.ae"}]},
        {"customer": {"company": "B"}, "contacts": twice},
    ]

    refused = data(await gql(client, token, BATCH, items=items))["createCustomers"]

    [item] = refused["items"]
    assert item["index"] == 1 and item["record"] is None
    assert [(e["field"], e["code"]) for e in item["userErrors"]] == [
        ("contacts.1.email", "INVALID")
    ]
    assert (await count(db, Customer), await count(db, Contact)) == (0, 0)
