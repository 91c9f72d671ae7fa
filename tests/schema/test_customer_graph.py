"""The customer/contact graph over HTTP: nested connections with arguments, statement
counts bounded by the relations a query touches, aggregates and groups."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import insert

from gateway.database import Database
from resolvers.models import Contact, Customer, table_of
from schema import schema
from schema.compiled import normal_path
from tests.schema.graph import gql

THREE_LEVELS = """
query Three($first: Int!) {
  customers(first: $first, orderBy: [{field: COMPANY}]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      company
      contacts(first: 1, orderBy: [{field: FIRSTNAME, direction: DESC}],
               filter: {active: {eq: true}}) {
        totalCount
        pageInfo { hasNextPage }
        nodes {
          email
          customer { company contacts(filter: {isPrimary: {eq: true}}) { totalCount } }
        }
      }
    }
  }
}
"""

PAGES = """
query Pages($first: Int, $after: String, $last: Int, $before: String) {
  customers(first: $first, after: $after, last: $last, before: $before,
            orderBy: [{field: CITY, direction: DESC, nulls: LAST}]) {
    edges { cursor node { company city } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

FIGURES = """
{
  customers(orderBy: [{field: COMPANY}]) {
    aggregate { count min { createdAt } max { createdAt } }
    groupBy(field: CREATED_AT, truncate: MONTH) { key count max { createdAt } }
    nodes { company contacts { aggregate { count } groupBy(field: IS_PRIMARY) { key count } } }
  }
  contacts { groupBy(field: CUSTOMER_ID) { key count } }
}
"""

ONLY_NODES = "{ customers(first: 5) { nodes { company } } }"
FRAGMENTED = """
query { customers(first: 5) { ...counted } }
fragment counted on CustomerConnection { ... on CustomerConnection { totalCount } }
"""


def statements(body: dict[str, Any]) -> int:
    assert "errors" not in body, body["errors"]
    count: int = body["extensions"]["sql"]["statements"]
    return count


async def populate(
    db: Database, customers: int, contacts_each: int, *, created: datetime | None = None
) -> list[int]:
    """Customers "Company 000".. with contacts "c0@..": the first is primary, the last inactive."""
    moment = created or datetime(2024, 5, 17, 10, 0, tzinfo=UTC)
    async with db.write() as conn:
        ids = list(
            (
                await conn.execute(
                    insert(table_of(Customer)).returning(table_of(Customer).c.id),
                    [
                        {
                            "company": f"Company {n:03}",
                            "city": ["Dubai", "Paris", ""][n % 3],
                            "created_at": moment,
                            "updated_at": moment,
                        }
                        for n in range(customers)
                    ],
                )  # fmt: skip
            ).scalars()
        )
        rows = [
            {"customer_id": cid, "firstname": f"F{i}", "email": f"c{i}@{cid}.example",
             "is_primary": i == 0, "active": i < contacts_each - 1 or contacts_each == 1,
             "created_at": moment, "updated_at": moment}
            for cid in ids for i in range(contacts_each)
        ]  # fmt: skip
        if rows:
            await conn.execute(insert(table_of(Contact)), rows)
    return ids


async def test_three_levels_cost_the_same_statements_for_one_or_a_hundred_customers(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    await populate(db, 100, 3)

    with normal_path():
        one = await gql(client, token, THREE_LEVELS, first=1)
        hundred = await gql(client, token, THREE_LEVELS, first=100)

    # customers: count + page; contacts: page + count; customer: by id; its contacts: only
    # totalCount is asked for, so only the count
    assert statements(one) == statements(hundred) == 6
    # Compiled (filter and order included): the same answer from one statement
    compiled = await gql(client, token, THREE_LEVELS, first=100)
    assert statements(compiled) == 1 and compiled["data"] == hundred["data"]
    got = hundred["data"]["customers"]
    assert got["totalCount"] == 100 and len(got["nodes"]) == 100
    first = got["nodes"][0]
    # F2 is inactive, so F1 leads by firstname descending
    assert first["contacts"]["totalCount"] == 2
    assert first["contacts"]["pageInfo"]["hasNextPage"] is True
    assert first["contacts"]["nodes"][0]["email"].startswith("c1@")
    assert first["contacts"]["nodes"][0]["customer"] == {
        "company": "Company 000",
        "contacts": {"totalCount": 1},
    }
    assert all(len(n["contacts"]["nodes"]) == 1 for n in got["nodes"])


async def test_statements_follow_the_fields_asked_for(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    await populate(db, 3, 1)

    assert statements(await gql(client, token, ONLY_NODES)) == 1
    # totalCount seen through a fragment and an inline fragment: the count and no rows
    fragmented = await gql(client, token, FRAGMENTED)
    assert statements(fragmented) == 1
    assert fragmented["data"]["customers"]["totalCount"] == 3
    counted_rows = FRAGMENTED.replace("{ ...counted }", "{ ...counted nodes { company } }")
    both = await gql(client, token, counted_rows)
    # Compiled, the count and the rows are one statement; the resolvers read them apart.
    assert statements(both) == 1
    with normal_path():
        assert statements(await gql(client, token, counted_rows)) == 2
    assert len(both["data"]["customers"]["nodes"]) == 3


async def test_cursors_page_forwards_and_backwards(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    await populate(db, 7, 0)
    # cities by code point, descending: Paris, Dubai, "" (ties by id)
    expected = ["Company 001", "Company 004", "Company 000", "Company 003", "Company 006",
                "Company 002", "Company 005"]  # fmt: skip

    seen: list[str] = []
    after = None
    while True:
        page = (await gql(client, token, PAGES, first=3, after=after))["data"]["customers"]
        seen += [e["node"]["company"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    back: list[str] = []
    before = None
    while True:
        page = (await gql(client, token, PAGES, last=3, before=before))["data"]["customers"]
        back = [e["node"]["company"] for e in page["edges"]] + back
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]

    assert seen == expected
    assert back == expected


async def test_bad_arguments_are_invalid_naming_the_argument(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    await populate(db, 2, 0)
    body = await gql(client, token, PAGES, first=1, after="bm90IGEgY3Vyc29y")
    assert body["errors"][0]["extensions"] == {
        "code": "INVALID",
        "fields": {"after": "is not a cursor this API issued"},
    }
    wrong_order = await gql(
        client, token, "query($a: String) { customers(after: $a) { nodes { company } } }",
        a=(await gql(client, token, PAGES, first=1))["data"]["customers"]["pageInfo"]["endCursor"],
    )  # fmt: skip
    assert wrong_order["errors"][0]["extensions"]["fields"] == {
        "after": "was issued for another orderBy"
    }


async def test_relation_filters_reach_through_the_graph(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    ids = await populate(db, 4, 2)
    query = """
    query($f: ContactFilter, $g: CustomerFilter) {
      contacts(filter: $f, orderBy: [{field: EMAIL}]) { totalCount nodes { email } }
      customers(filter: $g) { nodes { databaseId } }
    }
    """
    filters: dict[str, Any] = {
        "f": {"customer": {"company": {"contains": "ANY 002"}}, "isPrimary": {"eq": True}},
        "g": {"or": [{"databaseId": {"eq": ids[0]}},
                     {"contacts": {"email": {"startsWith": f"C1@{ids[3]}"}}}],
              "not": {"city": {"eq": "Paris"}}},
    }  # fmt: skip
    with normal_path():
        body = await gql(client, token, query, **filters)

    assert statements(body) == 3
    compiled = await gql(client, token, query, **filters)
    assert statements(compiled) == 1 and compiled["data"] == body["data"]
    assert body["data"]["contacts"] == {
        "totalCount": 1,
        "nodes": [{"email": f"c0@{ids[2]}.example"}],
    }
    assert [n["databaseId"] for n in body["data"]["customers"]["nodes"]] == [ids[0], ids[3]]


async def test_aggregates_and_groups_are_computed_in_batches(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    march = datetime(2024, 3, 9, 8, 0, tzinfo=UTC)
    first = await populate(db, 2, 3, created=march)
    async with db.write() as conn:
        late = datetime(2024, 5, 1, 0, 0, tzinfo=UTC)
        await conn.execute(
            insert(table_of(Customer)),
            [{"company": "Zed", "created_at": late, "updated_at": late}],
        )

    # The resolvers' batching (the compiled path answers it in one statement:
    # tests/schema/test_compiled_aggregates.py)
    with normal_path():
        body = await gql(client, token, FIGURES)

    # customers: page + aggregate + groups; contacts: aggregate + groups (batched), and
    # the root contacts groups
    assert statements(body) == 6
    data = body["data"]
    assert data["customers"]["aggregate"] == {
        "count": 3,
        "min": {"createdAt": "2024-03-09T08:00:00+00:00"},
        "max": {"createdAt": "2024-05-01T00:00:00+00:00"},
    }
    assert data["customers"]["groupBy"] == [
        {"key": "2024-03-01", "count": 2, "max": {"createdAt": "2024-03-09T08:00:00+00:00"}},
        {"key": "2024-05-01", "count": 1, "max": {"createdAt": "2024-05-01T00:00:00+00:00"}},
    ]
    primary_or_not = [{"key": False, "count": 2}, {"key": True, "count": 1}]
    assert [n["contacts"] for n in data["customers"]["nodes"]] == [
        {"aggregate": {"count": 3}, "groupBy": primary_or_not},
        {"aggregate": {"count": 3}, "groupBy": primary_or_not},
        {"aggregate": {"count": 0}, "groupBy": []},
    ]
    assert data["contacts"]["groupBy"] == [
        {"key": first[0], "count": 3},
        {"key": first[1], "count": 3},
    ]


async def test_the_default_order_and_a_contact_as_a_node(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    ids = await populate(db, 1, 3)
    query = """
    query($id: Int!) {
      customer(databaseId: $id) { contacts { nodes { id firstname isPrimary } } }
    }
    """
    body = await gql(client, token, query, id=ids[0])
    contacts = body["data"]["customer"]["contacts"]["nodes"]
    assert [c["isPrimary"] for c in contacts] == [True, False, False]
    node = await gql(
        client, token, "query($id: ID!) { node(id: $id) { ... on Contact { firstname } } }",
        id=contacts[1]["id"],
    )  # fmt: skip
    assert node["data"]["node"] == {"firstname": contacts[1]["firstname"]}


def test_generated_names_are_stable_and_readable() -> None:
    sdl = schema.as_str()
    for name in (
        "input CustomerFilter", "input ContactFilter", "enum CustomerOrderField",
        "input CustomerOrderBy", "enum CustomerGroupingField", "type CustomerAggregate",
        "type CustomerGrouping", "type ContactConnection", "type ContactEdge",
        "input StringFilter", "enum DateTruncation", "enum NullsOrder",
    ):  # fmt: skip
        assert name in sdl, name
    assert (
        "contacts(filter: ContactFilter" in sdl.replace("\n", " ") or "filter: ContactFilter" in sdl
    )


async def test_a_contacts_customer_loads_once_per_page_or_alone(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    ids = await populate(db, 3, 2)
    page = """
    {
      contacts(first: 100) {
        nodes { email customer { company } again: customer { databaseId } }
        edges { node { customer { city } } }
      }
    }
    """
    alone = """
    query($id: Int!) { contact(databaseId: $id) { email customer { company } } }
    """

    # The resolvers: the page, then every customer of it in one statement
    with normal_path():
        listed = await gql(client, token, page)
    single = await gql(client, token, alone, id=1)

    assert statements(listed) == 2
    # Compiled (nodes and edges alike), the same answer in one statement
    compiled = await gql(client, token, page)
    assert statements(compiled) == 1 and compiled["data"] == listed["data"]
    nodes = listed["data"]["contacts"]["nodes"]
    assert [n["customer"]["company"] for n in nodes] == [
        "Company 000", "Company 000", "Company 001", "Company 001", "Company 002", "Company 002",
    ]  # fmt: skip
    assert [n["again"]["databaseId"] for n in nodes] == [i for i in ids for _ in range(2)]
    assert listed["data"]["contacts"]["edges"][2]["node"]["customer"] == {"city": "Paris"}
    # One statement compiled; the resolvers read the contact, then its customer.
    assert statements(single) == 1
    assert single["data"]["contact"]["customer"] == {"company": "Company 000"}
    with normal_path():
        assert statements(await gql(client, token, alone, id=1)) == 2
