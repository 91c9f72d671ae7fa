"""GraphQL over HTTP: credentials, the demo query, typed errors, and statement counts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest

from gateway.app import create_app, jwt_keys
from gateway.database import Database
from gateway.settings import Settings
from resolvers.core.context import Ctx
from schema.compiled import normal_path
from tests.factories import make_contact, make_customer, make_staff, make_token

SETTINGS = Settings(secret_key="test-secret-key-that-is-long-enough-for-hs256", sql_trace=True)

CUSTOMER_WITH_CONTACTS = """
query One($id: Int!) {
  customer(databaseId: $id) {
    id databaseId company
    contacts { totalCount nodes { email isPrimary } }
  }
}
"""

CUSTOMERS_WITH_CONTACTS = """
query Many($first: Int!) {
  customers(first: $first) { totalCount nodes { company contacts { nodes { email } } } }
}
"""

CREATE_CUSTOMER = """
mutation Create($input: CustomerInput!) {
  createCustomer(input: $input) { record { databaseId company } userErrors { field code message } }
}
"""

LOGIN = """
mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token userErrors { field code message } }
}
"""


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(SETTINGS, db=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as c:
        yield c


async def gql(
    client: httpx.AsyncClient, query: str, token: str | None = None, **variables: Any
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_token_reads_a_customer_with_its_contacts(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"], n=1)
    await make_contact(ctx, customer["id"], n=2)
    token = (await make_token(db, "customers:get", "contacts:get")).token

    body = await gql(client, CUSTOMER_WITH_CONTACTS, token, id=customer["id"])

    assert "errors" not in body
    got = body["data"]["customer"]
    assert got["company"] == "Zahara Foods LLC" and got["databaseId"] == customer["id"]
    assert got["contacts"]["totalCount"] == 2
    assert [c["isPrimary"] for c in got["contacts"]["nodes"]] == [True, False]


async def test_a_customers_only_token_reads_the_customer_but_not_its_contacts(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"], n=1)
    token = (await make_token(db, "customers:get")).token

    body = await gql(client, CUSTOMER_WITH_CONTACTS, token, id=customer["id"])

    assert body["data"]["customer"]["company"] == "Zahara Foods LLC"
    assert body["data"]["customer"]["contacts"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    assert body["errors"][0]["path"] == ["customer", "contacts"]


async def test_every_token_header_is_accepted(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    token = (await make_token(db)).token
    for header in ("authtoken", "X-API-KEY", "X-API-TOKEN", "AuthToken"):
        response = await client.post(
            "/graphql",
            json={"query": CUSTOMER_WITH_CONTACTS, "variables": {"id": customer["id"]}},
            headers={header: token},
        )
        assert response.json()["data"]["customer"]["company"] == "Zahara Foods LLC", header


async def test_no_or_wrong_credentials_are_refused_with_a_code(
    client: httpx.AsyncClient, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    for token in (None, "crm_not-a-real-token"):
        body = await gql(client, CUSTOMER_WITH_CONTACTS, token, id=customer["id"])
        assert body["data"]["customer"] is None
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_token_without_the_permission_is_forbidden(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    token = (await make_token(db, "invoices:get")).token
    body = await gql(client, CUSTOMER_WITH_CONTACTS, token, id=customer["id"])
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "customers" in body["errors"][0]["message"]


async def test_an_expired_token_is_refused(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    from resolvers.tokens import issue_token

    customer = await make_customer(ctx)
    async with db.write() as conn:
        issued = await issue_token(
            conn, name="old", grants=["*"], expires_at=datetime.now(UTC) - timedelta(minutes=1)
        )
    body = await gql(client, CUSTOMER_WITH_CONTACTS, issued.token, id=customer["id"])
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_staff_log_in_for_a_jwt_that_the_endpoint_accepts(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    await make_staff(db, email="sara@example.com", password="s3cret-pass", is_admin=True)

    wrong = await gql(client, LOGIN, email="sara@example.com", password="nope")
    assert wrong["data"]["login"] == {
        "token": None,
        "userErrors": [
            {"field": "password", "code": "UNAUTHENTICATED", "message": "Wrong email or password"}
        ],
    }
    token = (await gql(client, LOGIN, email="Sara@Example.com ", password="s3cret-pass"))["data"][
        "login"
    ]["token"]
    claims = jwt.decode(token, options={"verify_signature": False})
    assert {"exp", "iss", "aud", "sub"} <= claims.keys()

    body = await gql(client, CUSTOMER_WITH_CONTACTS, token, id=customer["id"])
    assert body["data"]["customer"]["company"] == "Zahara Foods LLC"


async def test_forged_jwts_are_refused(client: httpx.AsyncClient, db: Database, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    staff = await make_staff(db, is_admin=True)
    keys = jwt_keys(SETTINGS)
    now = datetime.now(UTC)
    good = {
        "sub": str(staff["id"]),
        "iss": keys.issuer,
        "aud": keys.audience,
        "exp": int((now + timedelta(hours=1)).timestamp()),
    }
    forged = [
        jwt.encode(good, "", algorithm="none"),
        jwt.encode(
            good,
            "another-secret-entirely-but-long-enough!!",
            algorithm="HS256",
            headers={"kid": "k1"},
        ),
        jwt.encode(
            {**good, "exp": int((now - timedelta(minutes=5)).timestamp())},
            SETTINGS.secret_key,
            algorithm="HS256",
            headers={"kid": "k1"},
        ),
        jwt.encode(
            {k: v for k, v in good.items() if k != "aud"},
            SETTINGS.secret_key,
            algorithm="HS256",
            headers={"kid": "k1"},
        ),
        jwt.encode(
            {**good, "iss": "someone-else"},
            SETTINGS.secret_key,
            algorithm="HS256",
            headers={"kid": "k1"},
        ),
    ]
    for token in forged:
        body = await gql(client, CUSTOMER_WITH_CONTACTS, token, id=customer["id"])
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", token


async def test_nested_reads_cost_the_same_statements_for_one_or_many(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    token = (await make_token(db)).token
    for n in range(12):
        customer = await make_customer(ctx, company=f"Company {n}")
        await make_contact(ctx, customer["id"], n=n)

    # The resolvers batch: count + page + one batch of contacts, whatever the page size.
    with normal_path():
        one = await gql(client, CUSTOMERS_WITH_CONTACTS, token, first=1)
        many = await gql(client, CUSTOMERS_WITH_CONTACTS, token, first=12)
    assert len(many["data"]["customers"]["nodes"]) == 12
    assert all(len(c["contacts"]["nodes"]) == 1 for c in many["data"]["customers"]["nodes"])
    assert one["extensions"]["sql"]["statements"] == many["extensions"]["sql"]["statements"] == 3
    # Compiled, the same answer is one statement.
    compiled = await gql(client, CUSTOMERS_WITH_CONTACTS, token, first=12)
    assert compiled["data"] == many["data"]
    assert compiled["extensions"]["sql"]["statements"] == 1


async def test_bad_input_comes_back_as_user_errors_and_writes_nothing(
    client: httpx.AsyncClient, db: Database
) -> None:
    token = (await make_token(db)).token
    empty = await gql(client, CREATE_CUSTOMER, token, input={"company": "  "})
    assert empty["data"]["createCustomer"]["record"] is None
    assert empty["data"]["createCustomer"]["userErrors"][0]["field"] == "company"

    nowhere = await gql(
        client, CREATE_CUSTOMER, token, input={"company": "Orbit Labs", "country": "XX"}
    )
    assert nowhere["data"]["createCustomer"]["userErrors"] == [
        {"field": "country", "code": "INVALID", "message": "unknown country 'XX'"}
    ]
    listed = await gql(client, CUSTOMERS_WITH_CONTACTS, token, first=5)
    assert listed["data"]["customers"]["totalCount"] == 0

    made = await gql(
        client, CREATE_CUSTOMER, token, input={"company": "Orbit Labs", "country": "AE"}
    )
    assert made["data"]["createCustomer"]["record"]["company"] == "Orbit Labs"
