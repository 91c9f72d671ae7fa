"""Prepared operations: a query the normal path answered runs from its plan next time,
with the same reply, and no check is skipped for it."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import event, update
from starlette.applications import Starlette

from gateway.app import create_app
from gateway.database import Database, SqlTrace, sql_trace
from gateway.graphql_view import GraphQLView
from gateway.prepared_operations import PreparedOperations
from gateway.settings import Settings
from resolvers.core.context import Ctx
from resolvers.core.permissions import Principal
from resolvers.models import ApiToken, table_of
from tests.factories import make_contact, make_customer, make_token

SETTINGS = Settings(secret_key="test-secret-key-that-is-long-enough-for-hs256")

ONE = """
query One($id: ID!) {
  customer(id: $id) { id databaseId company city phone active createdAt }
}
"""
TWO = """
query Two($a: Int!, $b: Int!) {
  first: customer(databaseId: $a) { databaseId company }
  second: customer(databaseId: $b) { company databaseId }
}
"""
PAGE = """
query Page($first: Int!) {
  customers(first: $first) { nodes { databaseId company contacts(first: 5) { nodes { email } } } }
}
"""
WITH_CONTACTS = """
query WithContacts($id: Int!) {
  customer(databaseId: $id) { company contacts { nodes { email } } }
}
"""


def view_of(app: Starlette) -> GraphQLView:
    for route in app.routes:
        endpoint = getattr(route, "endpoint", None)
        if isinstance(endpoint, GraphQLView):
            return endpoint
    raise AssertionError("no GraphQL view")


def prepared_of(app: Starlette) -> PreparedOperations:
    prepared = view_of(app).prepared
    assert prepared is not None
    return prepared


@pytest.fixture
async def app(db: Database) -> Starlette:
    return create_app(SETTINGS, db=db)


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as c:
        yield c


@pytest.fixture
async def plain(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    """The same gateway without prepared operations: the normal path's replies."""
    app = create_app(dataclasses.replace(SETTINGS, prepared_operations=0), db=db)
    assert view_of(app).prepared is None
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as c:
        yield c


async def ask(
    client: httpx.AsyncClient, query: str, token: str, status: int = 200, **variables: Any
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def global_id(type_name: str, pk: int) -> str:
    import base64

    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def test_a_repeated_query_runs_its_plan_for_another_id_with_the_normal_reply(
    app: Starlette, client: httpx.AsyncClient, plain: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    first = await make_customer(ctx, company="Atlas Logistics", city="Dubai")
    second = await make_customer(ctx, company="Zahara Foods", city="Sharjah")
    token = (await make_token(db, "customers:get")).token
    prepared = prepared_of(app)

    await ask(client, ONE, token, id=global_id("Customer", first["id"]))
    assert (len(prepared), prepared.hits) == (1, 0)
    answer = await ask(client, ONE, token, id=global_id("Customer", second["id"]))

    assert prepared.hits == 1
    normal = await ask(plain, ONE, token, id=global_id("Customer", second["id"]))
    assert answer["data"] == normal["data"]
    assert answer["data"]["customer"]["company"] == "Zahara Foods"
    assert answer["extensions"]["cost"]["requested"] == normal["extensions"]["cost"]["requested"]
    assert answer["extensions"]["cost"]["actual"] == normal["extensions"]["cost"]["actual"]


BY_NODE = """
query ByNode($id: ID!) {
  node(id: $id) { id __typename ... on Customer { databaseId company city } }
}
"""


async def test_node_by_id_runs_its_plan_and_another_types_id_takes_the_normal_path(
    app: Starlette, client: httpx.AsyncClient, plain: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    # Relay refetches a record through `node(id:)`: its plan is the id's type's.
    first = await make_customer(ctx, company="Atlas Logistics", city="Dubai")
    second = await make_customer(ctx, company="Zahara Foods", city="Sharjah")
    contact = await make_contact(ctx, first["id"], email="ops@atlas.example")
    token = (await make_token(db, "customers:get", "contacts:get")).token
    prepared = prepared_of(app)

    await ask(client, BY_NODE, token, id=global_id("Customer", first["id"]))
    answer = await ask(client, BY_NODE, token, id=global_id("Customer", second["id"]))
    assert (len(prepared), prepared.hits) == (1, 1)
    normal = await ask(plain, BY_NODE, token, id=global_id("Customer", second["id"]))
    assert answer["data"] == normal["data"]
    assert answer["data"]["node"]["__typename"] == "Customer"
    assert answer["data"]["node"]["company"] == "Zahara Foods"

    # A contact's id through the customer's plan: the normal path answers it, rightly
    other = await ask(client, BY_NODE, token, id=global_id("Contact", contact["id"]))
    assert prepared.hits == 1
    normal = await ask(plain, BY_NODE, token, id=global_id("Contact", contact["id"]))
    assert other["data"] == normal["data"]
    assert other["data"]["node"] == {
        "id": global_id("Contact", contact["id"]),
        "__typename": "Contact",
    }


async def test_a_prepared_read_is_one_statement_through_the_driver_counted_in_the_trace(
    app: Starlette, client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    # SQLAlchemy's connection and result were a third of S's time (docs/performance.md):
    # the plan's statement goes to the driver itself, and still counts in the trace.
    customer = await make_customer(ctx, company="Atlas Logistics")
    token = (await make_token(db, "customers:get")).token
    await ask(client, ONE, token, id=global_id("Customer", customer["id"]))
    await ask(client, ONE, token, id=global_id("Customer", customer["id"]))
    through_sqlalchemy: list[object] = []
    engine = db.sync_engines()["main"]

    def executed(*args: object) -> None:
        through_sqlalchemy.append(args)

    event.listen(engine, "before_cursor_execute", executed)
    trace = SqlTrace()
    reset = sql_trace.set(trace)
    try:
        answer = await ask(client, ONE, token, id=global_id("Customer", customer["id"]))
    finally:
        sql_trace.reset(reset)
        event.remove(engine, "before_cursor_execute", executed)

    assert prepared_of(app).hits == 2
    assert answer["data"]["customer"]["company"] == "Atlas Logistics"
    assert (trace.statements, through_sqlalchemy) == (1, [])


async def test_every_root_record_of_a_plan_binds_its_own_id(
    app: Starlette, client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    a = await make_customer(ctx, company="Atlas")
    b = await make_customer(ctx, company="Berlin Bakers")
    c = await make_customer(ctx, company="Cairo Cables")
    token = (await make_token(db, "customers:get")).token

    await ask(client, TWO, token, a=a["id"], b=b["id"])
    answer = await ask(client, TWO, token, a=c["id"], b=a["id"])

    assert prepared_of(app).hits == 1
    assert answer["data"] == {
        "first": {"databaseId": c["id"], "company": "Cairo Cables"},
        "second": {"company": "Atlas", "databaseId": a["id"]},
    }


async def test_variables_that_shape_the_plan_are_part_of_its_key(
    app: Starlette, client: httpx.AsyncClient, plain: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    for n in range(3):
        customer = await make_customer(ctx, company=f"Company {n}")
        await make_contact(ctx, customer["id"], n=n)
    token = (await make_token(db, "customers:get", "contacts:get")).token
    prepared = prepared_of(app)

    one = await ask(client, PAGE, token, first=1)
    again = await ask(client, PAGE, token, first=1)
    two = await ask(client, PAGE, token, first=2)

    assert (len(prepared), prepared.hits) == (2, 1)
    assert len(one["data"]["customers"]["nodes"]) == 1
    assert again["data"] == one["data"]
    assert two["data"] == (await ask(plain, PAGE, token, first=2))["data"]
    # The cost used comes from what the statement answered, as on the normal path.
    normal = await ask(plain, PAGE, token, first=1)
    assert again["extensions"]["cost"]["actual"] == normal["extensions"]["cost"]["actual"]


async def test_another_grant_set_gets_its_own_plan_and_its_own_refusal(
    app: Starlette, client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"])
    both = (await make_token(db, "customers:get", "contacts:get", name="both")).token
    customers_only = (await make_token(db, "customers:get", name="customers")).token
    prepared = prepared_of(app)

    await ask(client, WITH_CONTACTS, both, id=customer["id"])
    assert (await ask(client, WITH_CONTACTS, both, id=customer["id"]))["data"]["customer"][
        "contacts"
    ]["nodes"]
    assert prepared.hits == 1
    for _ in range(2):
        refused = await ask(client, WITH_CONTACTS, customers_only, id=customer["id"])
        assert refused["data"]["customer"]["contacts"] is None
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (len(prepared), prepared.hits) == (1, 1)


async def test_a_token_that_loses_a_grant_is_refused_though_its_query_is_prepared(
    app: Starlette, client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    issued = await make_token(db, "customers:get", "contacts:get")
    variables = {"id": global_id("Customer", customer["id"])}
    await ask(client, ONE, issued.token, **variables)
    await ask(client, ONE, issued.token, **variables)
    assert prepared_of(app).hits == 1

    tokens = table_of(ApiToken)
    async with db.write() as conn:
        await conn.execute(
            update(tokens).where(tokens.c.id == issued.id).values(permissions="contacts:get")
        )
    refused = await ask(client, ONE, issued.token, **variables)

    assert refused["data"]["customer"] is None
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert prepared_of(app).hits == 1


async def test_the_cost_budget_still_refuses_a_prepared_query(db: Database, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    token = (await make_token(db, "customers:get")).token
    app = create_app(dataclasses.replace(SETTINGS, graphql_cost_per_hour=3), db=db)
    variables = {"id": global_id("Customer", customer["id"])}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        remaining = [
            (await ask(client, ONE, token, **variables))["extensions"]["cost"]["remaining"]
            for _ in range(3)
        ]
        refused = await ask(client, ONE, token, status=429, **variables)

    assert remaining == [2, 1, 0]
    assert prepared_of(app).hits == 2
    assert refused["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_a_shape_past_the_node_limit_is_refused_and_never_prepared(
    db: Database, ctx: Ctx
) -> None:
    await make_customer(ctx)
    token = (await make_token(db, "customers:get", "contacts:get")).token
    app = create_app(dataclasses.replace(SETTINGS, max_nodes=100), db=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        await ask(client, PAGE, token, first=10)
        await ask(client, PAGE, token, first=10)
        for _ in range(2):
            refused = await ask(client, PAGE, token, first=50)
            assert refused["errors"][0]["extensions"]["code"] == "COST_LIMIT"

    assert (len(prepared_of(app)), prepared_of(app).hits) == (1, 1)


async def test_a_document_the_limits_refuse_is_refused_every_time(db: Database, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    token = (await make_token(db, "customers:get")).token
    app = create_app(dataclasses.replace(SETTINGS, max_aliases=1), db=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        for _ in range(3):
            refused = await ask(client, TWO, token, status=200, a=customer["id"], b=customer["id"])
            assert refused["errors"][0]["extensions"]["code"] == "ALIAS_LIMIT"

    assert len(prepared_of(app)) == 0


async def test_variables_the_input_rules_refuse_go_to_the_normal_path(
    app: Starlette, client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    token = (await make_token(db, "customers:get")).token
    await ask(client, ONE, token, id=global_id("Customer", customer["id"]))

    nul = await ask(client, ONE, token, id="Q3VzdG9tZXI6\u0000")
    missing = await client.post(
        "/graphql", json={"query": ONE}, headers={"Authorization": f"Bearer {token}"}
    )
    foreign = await ask(client, ONE, token, id=global_id("Invoice", customer["id"]))

    assert nul["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert missing.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert foreign["data"]["customer"] is None
    assert foreign["errors"][0]["extensions"]["code"] in ("INVALID", "BAD_USER_INPUT")
    assert prepared_of(app).hits == 0


@pytest.mark.parametrize(
    "malformed",
    [{"variables": 0}, {"variables": False}, {"variables": []}, {"extensions": ""},
     {"extensions": 0}, {"extensions": False}, {"extensions": []}],
)  # fmt: skip
async def test_parameters_of_the_wrong_type_are_refused_though_the_query_is_prepared(
    app: Starlette, client: httpx.AsyncClient, db: Database, malformed: dict[str, Any]
) -> None:
    # graphql-over-HTTP: a `variables` or `extensions` that is not a map is a 400; the
    # prepared path once took a falsy one for "none" and answered 200.
    token = (await make_token(db, "customers:get")).token
    query = "{ customers(first: 1) { nodes { databaseId } } }"
    await ask(client, query, token)
    await ask(client, query, token)
    assert prepared_of(app).hits == 1

    response = await client.post(
        "/graphql",
        json={"query": query, **malformed},
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
    )

    assert response.status_code == 400, response.text
    assert prepared_of(app).hits == 1


def _principal(*grants: str) -> Principal:
    return Principal(kind="token", id=1, name="t", grants=frozenset(grants))


async def test_the_cache_keeps_at_most_its_size_least_recently_used_out(
    app: Starlette, db: Database
) -> None:
    schema = view_of(app).schema
    prepared = PreparedOperations(schema, None, maxsize=2)
    queries = [
        f"query Q{n}($id: Int!) {{ customer(databaseId: $id) {{ company }} }}" for n in range(3)
    ]
    who = _principal("customers:get")

    for query in queries:
        assert prepared.learn(query, None, who, {"id": 1}) is not None
    assert len(prepared) == 2
    assert prepared.find(queries[0], None, who, {"id": 1}) is None
    assert prepared.find(queries[2], None, who, {"id": 7}) is not None


async def test_the_cache_keeps_at_most_its_characters_of_document_text(
    app: Starlette, db: Database
) -> None:
    schema = view_of(app).schema
    query = "query Q($id: Int!) { customer(databaseId: $id) { company } }"
    prepared = PreparedOperations(schema, None, max_chars=len(query) * 2 + 10)
    texts = [query + " " * n for n in range(4)]

    for text in texts:
        prepared.learn(text, None, _principal("customers:get"), {"id": 1})

    assert len(prepared) == 2
    assert prepared.chars <= prepared.max_chars
    huge = "query Q($id: Int!) { customer(databaseId: $id) { company } }" + " " * 200
    assert prepared.learn(huge, None, _principal("customers:get"), {"id": 1}) is None


async def test_a_mutation_or_an_uncompiled_query_is_never_prepared(
    app: Starlette, client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    token = (await make_token(db, "*")).token
    rename = """
    mutation Rename($id: ID!, $company: String!) {
      updateCustomer(id: $id, input: {company: $company}) { record { company } }
    }
    """
    searching = """
    query Search($words: String!) { customers(search: $words) { nodes { company } } }
    """
    for n in range(2):
        variables = {"id": global_id("Customer", customer["id"]), "company": f"Co {n}"}
        renamed = await ask(client, rename, token, **variables)
        assert renamed["data"]["updateCustomer"]["record"]["company"] == f"Co {n}"
        found = await ask(client, searching, token, words="Co")
        assert found["data"]["customers"]["nodes"] == [{"company": f"Co {n}"}]
    assert len(prepared_of(app)) == 0
