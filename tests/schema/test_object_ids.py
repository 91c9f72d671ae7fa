"""Every object a client may cache has an `id: ID!` (Apollo and urql normalise by
__typename and id); the types without one are listed here, each with why."""

from __future__ import annotations

from pathlib import Path

import httpx
from graphql import GraphQLNonNull, GraphQLObjectType

from gateway.database import Database
from resolvers.demo_data import seed_demo
from schema import schema
from schema.node import decode_global_id
from tests.schema.graph import data, global_id, gql

# Generated per node type: pages and figures over records, not records.
NO_IDENTITY_SUFFIXES = (
    "Connection", "Edge", "Aggregate", "Grouping", "SumFields", "AvgFields", "MinFields",
    "MaxFields", "Payload",
)  # fmt: skip
NO_IDENTITY = {
    "Query": "a root",
    "Mutation": "a root",
    "Live": "the subscription root",
    "PageInfo": "a page's position, not a record",
    "UserError": "a message about the input",
    "FinancialReport": "figures computed per period, stored nowhere",
    "ChangeFeed": "a page of the change feed",
    "ChangeActor": "who made a change: its id is the actor's, and it lives inside its Change",
    "CustomFieldValue": "a record's value of a CustomField: cached inside that record",
    "CustomerBatchItem": "one item's outcome inside a createCustomers payload",
}

OPEN = """
mutation($contact: ID!) {
  createTicket(input: {subject: "Login fails", contactId: $contact}) {
    record { id } userErrors { field message }
  }
}
"""
ACTIVITY = """
{
  tickets(last: 2) { nodes { history { nodes { id databaseId } } } }
  changes(first: 5) { nodes { id cursor } }
}
"""


def object_types() -> dict[str, GraphQLObjectType]:
    return {
        name: t
        for name, t in schema._schema.type_map.items()
        if isinstance(t, GraphQLObjectType) and not name.startswith("__")
    }


def test_every_object_with_identity_has_a_global_id() -> None:
    missing = []
    for name, kind in object_types().items():
        if name in NO_IDENTITY or name.endswith(NO_IDENTITY_SUFFIXES):
            continue
        id_field = kind.fields.get("id")
        if id_field is None or str(id_field.type) != "ID!":
            missing.append(name)
    assert missing == []


def test_every_type_with_a_database_id_has_a_global_id() -> None:
    for name, kind in object_types().items():
        if "databaseId" in kind.fields:
            assert "id" in kind.fields and isinstance(kind.fields["id"].type, GraphQLNonNull), name


def test_the_exempt_types_exist() -> None:
    # A renamed type must not keep an exemption it no longer needs.
    assert set(NO_IDENTITY) <= set(object_types())


async def test_activity_events_and_changes_have_distinct_global_ids(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seed_demo(db, customers=3, storage_dir=tmp_path)
    for _ in range(2):
        opened = data(await gql(client, token, OPEN, contact=global_id("Contact", 1)))
        assert opened["createTicket"]["userErrors"] == []

    got = data(await gql(client, token, ACTIVITY))

    events = [e for t in got["tickets"]["nodes"] for e in t["history"]["nodes"]]
    changes = got["changes"]["nodes"]
    assert events and changes
    assert {decode_global_id(e["id"]) for e in events} == {
        ("ActivityEvent", e["databaseId"]) for e in events
    }
    assert all(decode_global_id(c["id"])[0] == "Change" for c in changes)
    assert len({c["id"] for c in changes}) == len(changes)
