"""Reads that used to cost statements per record, now batched: nodes(ids:) (one statement
per type, whatever the number of ids) and the activity feed over lists (the same
statements for one record as for fifty)."""

from __future__ import annotations

import httpx

from gateway.database import Database
from resolvers import activity, customers, invoices, projects, reference, tasks
from resolvers.core.context import Ctx, Row
from resolvers.core.pagination import PageArgs
from schema.node import encode_global_id
from tests.factories import make_customer, make_token
from tests.schema.graph import data, gql, statements

NODES = """
query($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename id
    ... on Customer { company }
    ... on Invoice { total }
    ... on Currency { name }
  }
}
"""
FEEDS = """
query($first: Int!) {
  projects(first: $first, orderBy: [{field: NAME}]) {
    nodes {
      name
      activity(first: 2) { totalCount pageInfo { hasNextPage } nodes { type resource } }
    }
  }
}
"""
FEED_PAGE = """
query($id: ID!, $after: String) {
  project(id: $id) {
    activity(first: 2, after: $after) {
      pageInfo { hasNextPage endCursor } nodes { type }
    }
  }
}
"""


async def customers_with_invoices(ctx: Ctx, count: int) -> list[tuple[Row, Row]]:
    made = []
    for n in range(count):
        customer = await make_customer(ctx, company=f"Customer {n:02d}")
        invoice = await invoices.create_invoice(
            ctx, {"customer_id": customer["id"], "items": [{"description": "Work", "rate": n + 1}]}
        )
        made.append((customer, invoice))
    return made


async def test_nodes_cost_one_statement_per_type_for_1_or_30_ids(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    # given
    token = (await make_token(db)).token
    made = await customers_with_invoices(ctx, 15)
    ids = [
        encode_global_id(type_name, row["id"])
        for customer, invoice in made
        for type_name, row in (("Customer", customer), ("Invoice", invoice))
    ]

    # when
    one = await gql(client, token, NODES, ids=ids[:1])
    two = await gql(client, token, NODES, ids=ids[:2])
    thirty = await gql(client, token, NODES, ids=ids)

    # then
    assert len(ids) == 30
    assert statements(one) == 1
    assert statements(two) == statements(thirty) == 2
    got = data(thirty)["nodes"]
    assert [n["id"] for n in got] == ids
    assert got[0] == {"__typename": "Customer", "id": ids[0], "company": "Customer 00"}
    assert got[-1] == {"__typename": "Invoice", "id": ids[-1], "total": "15.00"}


async def test_nodes_keep_order_repeats_and_answer_null_for_unknown_ids(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    token = (await make_token(db)).token
    (customer, invoice), (gone, _) = await customers_with_invoices(ctx, 2)
    await invoices.delete_invoice(ctx, invoice["id"])
    await customers.delete_customer(ctx, gone["id"])
    ids = [
        encode_global_id("Invoice", invoice["id"]),  # deleted
        encode_global_id("Customer", customer["id"]),
        encode_global_id("Nothing", 1),  # no such type
        "not a global id",
        encode_global_id("Customer", gone["id"]),  # deleted
        encode_global_id("Customer", 99999),  # never existed
        encode_global_id("Customer", customer["id"]),  # asked twice
    ]

    got = data(await gql(client, token, NODES, ids=ids))["nodes"]

    company = {"__typename": "Customer", "id": ids[1], "company": customer["company"]}
    assert got == [None, company, None, None, None, None, company]


async def test_nodes_keep_each_types_permission_rule(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    # given a token that may read customers only
    token = (await make_token(db, "customers:get")).token
    [(customer, invoice)] = await customers_with_invoices(ctx, 1)
    usd = await reference.create_lookup(ctx, "currencies", {"name": "XTS", "symbol": "¤"})
    currency = encode_global_id("Currency", usd["id"])
    customer_id = encode_global_id("Customer", customer["id"])

    # then reference lists are readable with any grant, invoices are not
    allowed = data(await gql(client, token, NODES, ids=[customer_id, currency]))["nodes"]
    assert allowed[0]["company"] == customer["company"]
    assert allowed[1] == {"__typename": "Currency", "id": currency, "name": "XTS"}
    refused = await gql(
        client, token, NODES, ids=[customer_id, encode_global_id("Invoice", invoice["id"])]
    )
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def make_projects(ctx: Ctx, count: int) -> list[Row]:
    """`count` projects, each with its own events and two tasks' events filed under it."""
    customer = await make_customer(ctx)
    made = []
    for n in range(count):
        project = await projects.create_project(
            ctx,
            {"name": f"Project {n:02d}", "customer_id": customer["id"], "start_date": "2026-03-01"},
        )
        for t in range(2):
            await tasks.create_task(ctx, {"name": f"Task {t}", "project_id": project["id"]})
        made.append(project)
    return made


async def test_activity_over_a_list_costs_the_same_for_1_or_50_records(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    # given
    token = (await make_token(db)).token
    await make_projects(ctx, 50)

    # when
    one = await gql(client, token, FEEDS, first=1)
    fifty = await gql(client, token, FEEDS, first=50)

    # then: projects; feed rows; feed totals
    assert statements(one) == statements(fifty) == 3
    nodes = data(fifty)["projects"]["nodes"]
    assert len(nodes) == 50
    for node in nodes:
        feed = node["activity"]
        assert feed["totalCount"] == 3
        assert feed["pageInfo"] == {"hasNextPage": True}
        assert feed["nodes"] == [
            {"type": "project.created", "resource": "project"},
            {"type": "task.created", "resource": "task"},
        ]


async def test_a_batched_feed_pages_on_by_cursor_and_matches_the_service_feed(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    token = (await make_token(db)).token
    [project] = await make_projects(ctx, 1)
    project_id = encode_global_id("Project", project["id"])

    first = data(await gql(client, token, FEED_PAGE, id=project_id))["project"]["activity"]
    rest = data(
        await gql(client, token, FEED_PAGE, id=project_id, after=first["pageInfo"]["endCursor"])
    )["project"]["activity"]

    expected = await activity.feed(ctx, "project", project["id"], PageArgs(first=10))
    assert [n["type"] for n in first["nodes"] + rest["nodes"]] == [r["type"] for r in expected.rows]
    assert first["pageInfo"]["hasNextPage"] and not rest["pageInfo"]["hasNextPage"]
