"""A root field the caller may not read is null with its error at its path, and the
rest of the answer stands: the same on the resolvers and on the compiled read path."""

from __future__ import annotations

from pathlib import Path

import httpx
from graphql import GraphQLNonNull

from gateway.database import Database
from resolvers.demo_data import seed_demo
from schema import schema
from schema.compiled.catalog import connection_nodes
from tests.factories import make_token
from tests.schema.graph import global_id
from tests.schema.test_compiled_reads import both, statements

CUSTOMERS_AND_INVOICES = """
{
  customers(first: 3) { totalCount nodes { company } }
  invoices(first: 3) { totalCount nodes { number } }
  invoice(databaseId: 1) { number }
  customer(databaseId: 1) { company }
}
"""
OTHER_ROOTS = """
query($staff: ID!) {
  customers(first: 1) { totalCount }
  financialReport { income }
  staffPermissions(id: $staff)
  changes { hasMore }
}
"""
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Customer { company } } }"


def root_connections() -> list[str]:
    query = schema._schema.query_type
    assert query is not None
    shapes = {name: connection_nodes(f.type) for name, f in query.fields.items()}
    return [n for n, shape in shapes.items() if shape and "totalCount" in shape[0].fields]


def test_every_root_query_field_is_nullable() -> None:
    # A non-null root field turns its own error into `data: null` for the whole answer.
    query = schema._schema.query_type
    assert query is not None
    required = [name for name, f in query.fields.items() if isinstance(f.type, GraphQLNonNull)]
    assert required == []
    assert len(root_connections()) > 30


async def test_a_forbidden_root_connection_is_null_and_the_rest_stands(
    client: httpx.AsyncClient, db: Database, tmp_path: Path
) -> None:
    # Given a token that reads customers only
    await seed_demo(db, customers=3, storage_dir=tmp_path)
    narrow = (await make_token(db, "customers:get")).token

    # When it asks for customers and invoices, on both read paths
    body, _ = await both(client, narrow, CUSTOMERS_AND_INVOICES)

    # Then the customers answer and the invoices are null with FORBIDDEN at their paths
    data = body["data"]
    assert data["customers"]["totalCount"] == 3 and len(data["customers"]["nodes"]) == 3
    assert data["customer"]["company"]
    assert data["invoices"] is None and data["invoice"] is None
    errors = {tuple(e["path"]): e["extensions"]["code"] for e in body["errors"]}
    assert errors == {("invoices",): "FORBIDDEN", ("invoice",): "FORBIDDEN"}


async def test_the_allowed_part_alone_still_takes_one_statement(
    client: httpx.AsyncClient, db: Database, tmp_path: Path
) -> None:
    await seed_demo(db, customers=3, storage_dir=tmp_path)
    narrow = (await make_token(db, "customers:get")).token

    allowed, normal = await both(client, narrow, "{ customers(first: 3) { nodes { company } } }")

    assert statements(allowed) == 1 < 1 + statements(normal)
    assert "errors" not in allowed


async def test_every_root_connection_degrades_alone(
    client: httpx.AsyncClient, db: Database, tmp_path: Path
) -> None:
    # Every root connection at once, with a token for customers only: each one the token
    # may not read is null with its own error, and none takes the others down.
    await seed_demo(db, customers=2, storage_dir=tmp_path)
    narrow = (await make_token(db, "customers:get")).token
    names = root_connections()
    query = "{ " + " ".join(f"{n} {{ totalCount }}" for n in names) + " }"

    body, _ = await both(client, narrow, query)

    data = body["data"]
    assert data["customers"] == {"totalCount": 2}
    refused = {e["path"][0] for e in body["errors"]}
    assert refused == {n for n in names if data[n] is None}
    assert {"invoices", "tasks", "staff", "leads"} <= refused
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}
    assert all(len(e["path"]) == 1 for e in body["errors"])


async def test_other_root_reads_are_null_alone(
    client: httpx.AsyncClient, db: Database, tmp_path: Path
) -> None:
    await seed_demo(db, customers=2, storage_dir=tmp_path)
    narrow = (await make_token(db, "customers:get")).token

    body, _ = await both(client, narrow, OTHER_ROOTS, staff=global_id("Staff", 1))

    data = body["data"]
    assert data["customers"] == {"totalCount": 2}
    assert data["financialReport"] is None and data["staffPermissions"] is None
    refused = {e["path"][0] for e in body["errors"]}
    assert {"financialReport", "staffPermissions"} <= refused
    # A bad cursor is the changes feed's own error, and the rest still answers.
    bad = await both(client, narrow, '{ customers { totalCount } changes(after: "x") { hasMore } }')
    assert bad[0]["data"] == {"customers": {"totalCount": 2}, "changes": None}
    assert bad[0]["errors"][0]["path"] == ["changes"]


async def test_nodes_of_a_forbidden_type_are_null_at_their_index(
    client: httpx.AsyncClient, db: Database, tmp_path: Path
) -> None:
    await seed_demo(db, customers=2, storage_dir=tmp_path)
    narrow = (await make_token(db, "customers:get")).token
    ids = [global_id("Customer", 1), global_id("Invoice", 1), global_id("Customer", 2)]

    body, _ = await both(client, narrow, NODES, ids=ids)

    nodes = body["data"]["nodes"]
    assert nodes[0]["company"] and nodes[2]["company"] and nodes[1] is None
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
        (["nodes", 1], "FORBIDDEN")
    ]
