"""The compiled read path answers exactly what the resolvers answer, in one statement.

Every query runs twice through the HTTP endpoint: once as it comes (compiled when it
can be) and once with the compiled path switched off; the two bodies must be the same
JSON, key order included, and a compiled query costs exactly one statement."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import BigInteger, Text, cast, literal, literal_column, select, union_all, update

from bench.run import _query
from gateway.database import Database
from resolvers.core.json_select.cursors import CursorKey, cursor, cursor_key
from resolvers.core.json_select.formats import DIALECTS
from resolvers.core.ordering import Order, sorting
from resolvers.core.pagination import encode_cursor
from resolvers.core.resources import resource
from resolvers.demo_data import seed_demo
from resolvers.models import Contact, Customer, Invoice, InvoiceItem, Tax, Ticket, table_of
from schema.compiled import normal_path
from schema.node import encode_global_id
from tests.factories import make_token
from tests.schema.graph import gql

NESTED = _query("nested")
SINGLE = _query("single")

ONE_RELATIONS = """
query {
  contacts(first: 100) {
    nodes {
      email
      customer { company contacts { totalCount nodes { email } } }
      again: customer { databaseId }
    }
  }
  invoiceItems(first: 100) { nodes { description invoice { number customer { city } } } }
}
"""

SHAPES = """
query Shapes($withCity: Boolean!, $skipPhone: Boolean = true, $n: Int) {
  __typename
  first: customers(first: $n) {
    __typename
    totalCount
    pageInfo { __typename hasNextPage hasPreviousPage }
    nodes {
      __typename
      ...named
      ... on Customer { city @include(if: $withCity) phone @skip(if: $skipPhone) }
      ... on Node { id }
      active
      createdAt
      tickets { totalCount nodes { subject } }
    }
  }
  rest: customers(first: 100) { totalCount pageInfo { hasNextPage } }
}
fragment named on Customer { name: company databaseId company }
"""

MONEY_AND_TIMES = """
query($id: Int!) {
  invoice(databaseId: $id) {
    id number status total adjustment amountDue amountPaid date dueDate sentAt createdAt sent
    items(first: 3) { totalCount pageInfo { hasNextPage } nodes { qty rate taxRate } }
    payments { nodes { amount date } }
  }
  tickets: customers(first: 3) { nodes { tickets { nodes { subject createdAt lastReplyAt } } } }
}
"""

THROUGH = """
{
  customers(first: 10) {
    nodes {
      payments(first: 3) { totalCount nodes { amount date } }
      notes { totalCount nodes { id createdAt } }
    }
  }
  tasks: customers(first: 10) {
    nodes { tasks(first: 5) { nodes { name assignees { nodes { email } } } } }
  }
}
"""


async def both(
    client: httpx.AsyncClient, token: str, query: str, **variables: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The answer as it comes and the resolvers' answer, checked to be the same JSON."""
    compiled = await gql(client, token, query, **variables)
    with normal_path():
        normal = await gql(client, token, query, **variables)
    assert json.dumps(compiled.get("data")) == json.dumps(normal.get("data"))
    assert compiled.get("errors") == normal.get("errors")
    return compiled, normal


def statements(body: dict[str, Any]) -> int:
    count: int = body["extensions"]["sql"]["statements"]
    return count


async def seeded(db: Database, tmp_path: Path, customers: int = 4) -> None:
    """Demo data, then the awkward values: negative and zero money, times with and
    without microseconds, soft-deleted children and a deleted customer."""
    await seed_demo(db, customers=customers, storage_dir=tmp_path)
    invoices, items, tickets = table_of(Invoice), table_of(InvoiceItem), table_of(Ticket)
    async with db.write() as conn:
        first, second = (
            (await conn.execute(select(invoices.c.id).order_by(invoices.c.id))).scalars().all()[:2]
        )
        await conn.execute(update(invoices).where(invoices.c.id == first).values(
            adjustment=Decimal("-0.05"), total=Decimal("-1234.50"), amount_due=Decimal("0"),
            due_date=None,
        ))  # fmt: skip
        await conn.execute(update(invoices).where(invoices.c.id == second).values(
            adjustment=Decimal("7"), total=Decimal("0.10"),
        ))  # fmt: skip
        item = (
            (await conn.execute(select(items.c.id).where(items.c.invoice_id == first)))
            .scalars()
            .first()
        )
        await conn.execute(update(items).where(items.c.id == item).values(
            deleted_at=datetime(2024, 1, 1, tzinfo=UTC)
        ))  # fmt: skip
        ticket_ids = (
            (await conn.execute(select(tickets.c.id).order_by(tickets.c.id))).scalars().all()
        )
        await conn.execute(update(tickets).where(tickets.c.id == ticket_ids[0]).values(
            created_at=datetime(2024, 12, 19, 14, 41, 0, 5, tzinfo=UTC),
            last_reply_at=datetime(2025, 1, 2, 3, 4, 5, 600000, tzinfo=UTC),
        ))  # fmt: skip
        await conn.execute(update(tickets).where(tickets.c.id == ticket_ids[1]).values(
            created_at=datetime(2024, 12, 19, 14, 41, tzinfo=UTC)
        ))  # fmt: skip
        contacts = table_of(Contact)
        gone = (await conn.execute(select(contacts.c.id).order_by(contacts.c.id))).scalars().first()
        await conn.execute(update(contacts).where(contacts.c.id == gone).values(
            deleted_at=datetime(2024, 2, 2, tzinfo=UTC)
        ))  # fmt: skip


async def delete_customer(db: Database, customer_id: int) -> None:
    customers = table_of(Customer)
    async with db.write() as conn:
        await conn.execute(update(customers).where(customers.c.id == customer_id).values(
            deleted_at=datetime(2024, 3, 3, tzinfo=UTC)
        ))  # fmt: skip


async def test_the_nested_benchmark_query_takes_one_statement(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    # Given customers with contacts, invoices with items (one item deleted), tickets
    await seeded(db, tmp_path, customers=6)

    # When N is asked with and without the compiled path
    compiled, normal = await both(client, token, NESTED)

    # Then the same answer, from one statement instead of one per relation
    assert statements(compiled) == 1
    assert statements(normal) == 5
    nodes = compiled["data"]["customers"]["nodes"]
    assert len(nodes) == 6
    assert any(i["total"] == "-1234.50" for n in nodes for i in n["invoices"]["nodes"])
    assert any(i["dueDate"] is None for n in nodes for i in n["invoices"]["nodes"])


async def test_a_single_record_by_either_id(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)
    by_database_id = "query($id: Int!) { customer(databaseId: $id) { id company active } }"

    found, _ = await both(client, token, SINGLE, id=encode_global_id("Customer", 2))
    assert statements(found) == 1
    assert found["data"]["customer"]["databaseId"] == 2
    assert found["data"]["customer"]["createdAt"].endswith("+00:00")
    missing, _ = await both(client, token, by_database_id, id=999)
    assert statements(missing) == 1
    assert missing["data"] == {"customer": None}

    # A deleted record is not there; a malformed or foreign id is the resolvers' error
    await delete_customer(db, 2)
    gone, _ = await both(client, token, SINGLE, id=encode_global_id("Customer", 2))
    assert gone["data"] == {"customer": None}
    foreign, _ = await both(client, token, SINGLE, id=encode_global_id("Contact", 2))
    assert foreign["errors"][0]["extensions"]["code"] == "INVALID"
    malformed, _ = await both(client, token, SINGLE, id="not base64!")
    assert malformed["errors"]


async def test_node_by_global_id_is_its_types_record_in_one_statement(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)
    by_node = _query("node")
    typed = """
    query($id: ID!) {
      node(id: $id) {
        __typename id
        ... on Node { databaseId }
        ... on Invoice { total status customer { company } }
        ... on Customer { company }
      }
    }
    """

    found, _ = await both(client, token, by_node, id=encode_global_id("Customer", 2))
    assert statements(found) == 1
    assert found["data"]["node"]["company"]
    invoice, _ = await both(client, token, typed, id=encode_global_id("Invoice", 1))
    assert statements(invoice) == 1
    assert set(invoice["data"]["node"]) == {
        "__typename",
        "id",
        "databaseId",
        "total",
        "status",
        "customer",
    }

    # Gone, unknown or malformed: the resolvers' null or error, word for word
    await delete_customer(db, 2)
    gone, _ = await both(client, token, by_node, id=encode_global_id("Customer", 2))
    assert gone["data"] == {"node": None}
    for wrong in (encode_global_id("Nothing", 1), "not base64!"):
        refused, _ = await both(client, token, by_node, id=wrong)
        assert refused["errors"]


async def test_one_relations_nest_and_answer_null_when_gone(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)
    await delete_customer(db, 1)

    compiled, normal = await both(client, token, ONE_RELATIONS)

    assert statements(compiled) == 1 < statements(normal)
    nodes = compiled["data"]["contacts"]["nodes"]
    assert any(n["customer"] is None and n["again"] is None for n in nodes)
    assert any(n["customer"] is not None for n in nodes)
    items = compiled["data"]["invoiceItems"]["nodes"]
    assert {i["invoice"]["customer"] is None for i in items} == {True, False}


async def test_aliases_fragments_directives_typenames_and_page_figures(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)

    for variables in ({"withCity": True}, {"withCity": False, "skipPhone": False, "n": 2},
                      {"withCity": True, "n": 0}, {"withCity": True, "n": 3}):  # fmt: skip
        compiled, _ = await both(client, token, SHAPES, **variables)
        assert statements(compiled) == 1, variables

    data = compiled["data"]
    assert data["__typename"] == "Query"
    assert data["first"]["pageInfo"] == {
        "__typename": "PageInfo", "hasNextPage": False, "hasPreviousPage": False,
    }  # fmt: skip
    assert list(data["first"]["nodes"][0])[:5] == [
        "__typename",
        "name",
        "databaseId",
        "company",
        "city",
    ]
    two, _ = await both(client, token, SHAPES, withCity=False, n=2)
    assert two["data"]["first"]["pageInfo"]["hasNextPage"] is True
    assert two["data"]["first"]["totalCount"] == 3


async def test_money_dates_times_and_statuses_render_as_the_resolvers_do(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)

    for invoice_id in (1, 2, 3):
        compiled, _ = await both(client, token, MONEY_AND_TIMES, id=invoice_id)
        assert statements(compiled) == 1

    first, _ = await both(client, token, MONEY_AND_TIMES, id=1)
    invoice = first["data"]["invoice"]
    assert (invoice["total"], invoice["adjustment"], invoice["amountDue"]) == (
        "-1234.50",
        "-0.05",
        "0.00",
    )
    assert invoice["dueDate"] is None
    times = [t for c in first["data"]["tickets"]["nodes"] for t in c["tickets"]["nodes"]]
    assert {"2024-12-19T14:41:00.000005+00:00", "2024-12-19T14:41:00+00:00"} <= {
        t["createdAt"] for t in times
    }
    assert "2025-01-02T03:04:05.600000+00:00" in {t["lastReplyAt"] for t in times}


async def test_an_unknown_status_code_is_left_to_the_resolvers(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)
    invoices = table_of(Invoice)
    async with db.write() as conn:
        await conn.execute(update(invoices).where(invoices.c.id == 1).values(status=42))

    compiled, normal = await both(client, token, MONEY_AND_TIMES, id=1)

    # The statement ran, saw a value only the resolvers can answer, and they did
    assert statements(compiled) == 1 + statements(normal)
    assert compiled["errors"]


async def test_through_relations_answer_like_the_resolvers(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=4)

    compiled, normal = await both(client, token, THROUGH)

    assert statements(compiled) == 1 < statements(normal)
    payments = [n["payments"] for n in compiled["data"]["customers"]["nodes"]]
    assert any(p["totalCount"] > 0 for p in payments)
    notes = [n["notes"] for n in compiled["data"]["customers"]["nodes"]]
    assert any(n["totalCount"] > 0 for n in notes)
    tasks = [t for n in compiled["data"]["tasks"]["nodes"] for t in n["tasks"]["nodes"]]
    assert any(t["assignees"]["nodes"] for t in tasks)


async def test_a_caller_lacking_a_nested_grant_gets_the_resolvers_forbidden(
    client: httpx.AsyncClient, db: Database, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)
    narrow = (await make_token(db, "customers:get", "contacts:get")).token

    # contacts are readable, invoices are not: the resolvers answer, error and all
    denied, normal = await both(client, narrow, NESTED)
    assert statements(denied) == statements(normal)
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    allowed, _ = await both(
        client, narrow, "{ customers { nodes { company contacts { nodes { email } } } } }"
    )
    assert statements(allowed) == 1 and "errors" not in allowed


async def test_what_it_does_not_cover_takes_the_normal_path(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)
    outside = [
        '{ customers(search: "a") { nodes { company } } }',
        "{ customers { edges { node { invoices { edges { node { formattedNumber } } } } } } }",
        "{ customers { aggregate { count } } }",
        "{ invoices { nodes { formattedNumber } } }",
        "{ customers(first: -1) { nodes { company } } }",
    ]
    for query in outside:
        compiled, normal = await both(client, token, query)
        assert statements(compiled) == statements(normal), query


async def test_global_ids_computed_in_sql_match_the_schemas(db: Database) -> None:
    # Every digit count the SQL spells out, its edges, and ids left to the fallback
    ids = sorted({0, 1, 9, 2**31 - 1, 2**40, 10**12, 10**15 + 7}
                 | {10**n + k for n in range(1, 13) for k in (-1, 0, 1, 37)})  # fmt: skip
    spelling = DIALECTS[db.dialect]
    pk: Any = literal_column("pk")
    rows = union_all(*(select(literal(i, BigInteger).label("pk")) for i in ids)).subquery()
    async with db.read() as conn:
        for type_name in ("Customer", "InvoiceItem", "Tax", "CreditNoteRefund"):
            query = select(rows.c.pk, spelling.global_id(type_name, rows.c.pk)).order_by(pk)
            found = {int(i): g for i, g in await conn.execute(query)}
            assert found == {i: encode_global_id(type_name, i) for i in ids}, type_name


EDGES = _query("edges")

EDGE_SHAPES = """
query EdgeShapes($n: Int, $skipCursor: Boolean = false, $withNode: Boolean = true) {
  customers(first: $n) {
    __typename
    pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
    all: nodes { databaseId }
    edges {
      __typename
      at: cursor
      cursor @skip(if: $skipCursor)
      node @include(if: $withNode) { ...named notes { pageInfo { startCursor endCursor } } }
      ... on CustomerEdge { again: node { company } }
    }
    totalCount
    more: edges { cursor }
  }
  contacts(first: 3) { edges { cursor node { email } } pageInfo { endCursor } }
}
fragment named on Customer {
  company
  contacts { edges { cursor node { email isPrimary } } pageInfo { startCursor endCursor } }
  invoices { pageInfo { endCursor } edges { cursor } nodes { number } }
}
"""

# Default orders whose cursors hold every kind of sort value: booleans (contacts),
# dates (invoices), integers (items), datetimes (notes), text and money (taxes).
ORDERED_EDGES = """
{
  customers(first: 50) {
    edges { node {
      contacts { edges { cursor } }
      invoices {
        edges { cursor node { items { edges { cursor } pageInfo { startCursor endCursor } } } }
      }
      notes { edges { cursor } pageInfo { startCursor } }
    } }
  }
  taxes { edges { cursor node { name } } pageInfo { startCursor endCursor } }
}
"""
TAX_EDGES = "{ taxes { edges { cursor node { name } } pageInfo { endCursor } } }"


async def test_edges_with_cursors_take_one_statement_like_nodes(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    # Given customers with contacts, invoices with items (one item deleted), tickets
    await seeded(db, tmp_path, customers=6)

    # When N is asked through edges { cursor node } at every level
    compiled, normal = await both(client, token, EDGES)

    # Then the resolvers' answer, cursors and all, from one statement
    assert statements(compiled) == 1 < statements(normal)
    edges = compiled["data"]["customers"]["edges"]
    assert len(edges) == 6
    cursors = [e["cursor"] for c in edges for e in c["node"]["invoices"]["edges"]]
    assert cursors and all(isinstance(c, str) and "=" not in c for c in cursors)


async def test_edges_page_info_aliases_fragments_and_directives(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=4)

    for variables in ({}, {"n": 2}, {"n": 0}, {"skipCursor": True, "withNode": False},
                      {"n": 1, "skipCursor": True}):  # fmt: skip
        compiled, _ = await both(client, token, EDGE_SHAPES, **variables)
        assert statements(compiled) == 1, variables

    two, _ = await both(client, token, EDGE_SHAPES, n=2)
    page = two["data"]["customers"]
    assert page["pageInfo"]["hasNextPage"] is True
    assert page["pageInfo"]["startCursor"] == page["edges"][0]["cursor"]
    assert page["pageInfo"]["endCursor"] == page["edges"][-1]["at"]
    assert list(page["edges"][0]) == ["__typename", "at", "cursor", "node", "again"]
    empty, _ = await both(client, token, EDGE_SHAPES, n=0)
    assert empty["data"]["customers"]["edges"] == []
    assert empty["data"]["customers"]["pageInfo"]["endCursor"] is None


async def test_cursors_of_every_kind_of_sort_value_match_the_resolvers(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=4)

    compiled, normal = await both(client, token, ORDERED_EDGES)

    assert statements(compiled) == 1 < statements(normal)
    assert compiled["data"]["taxes"]["edges"]
    notes = [
        e["cursor"]
        for c in compiled["data"]["customers"]["edges"]
        for e in c["node"]["notes"]["edges"]
    ]
    assert notes

    # Text json.dumps escapes (non-ASCII, a quote): the statement sees it, the resolvers
    # answer the whole query
    taxes = table_of(Tax)
    for name in ('Taxe "spéciale"', "Grüne", 'a "quoted" name', "back\\slash"):
        async with db.write() as conn:
            await conn.execute(update(taxes).where(taxes.c.id == 1).values(name=name))
        declined, normal = await both(client, token, TAX_EDGES)
        assert statements(declined) == 1 + statements(normal), name
        assert name in {e["node"]["name"] for e in declined["data"]["taxes"]["edges"]}


async def test_a_forbidden_nested_edge_takes_the_resolvers(
    client: httpx.AsyncClient, db: Database, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)
    narrow = (await make_token(db, "customers:get", "contacts:get")).token

    denied, normal = await both(client, narrow, EDGES)
    assert statements(denied) == statements(normal)
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    allowed, _ = await both(
        client, narrow, "{ customers { edges { cursor node { contacts { edges { cursor } } } } } }"
    )
    assert statements(allowed) == 1 and "errors" not in allowed


async def test_cursors_encoded_in_sql_match_encode_cursor(db: Database) -> None:
    # Every length of a group's remainder, long texts, and the kinds of JSON values
    spelling = DIALECTS[db.dialect]
    texts = [json.dumps(["id:al", "x" * n, 7], separators=(",", ":")) for n in range(28)]
    texts += ["", "[", "~~~", '["a:dl,id:al",null,true,false,"2024-01-01 00:00:00+00:00"]']
    texts += [json.dumps(["id:al", "y" * 300, 7])]
    rows = union_all(*(select(literal(t).label("t")) for t in texts)).subquery()
    for prefix in ("", '["id:al",'):
        shape = CursorKey(rows.c.t)
        encoded = cursor(spelling, rows.c.t, shape)
        # As the statement answers them: inside JSON objects
        query = select(rows.c.t, cast(spelling.obj([("c", encoded)]), Text))
        async with db.read() as conn:
            found = {t: json.loads(str(c))["c"] for t, c in await conn.execute(query)}
        for t in texts:
            if not t.startswith(prefix):
                continue
            expected = base64.urlsafe_b64encode(t.encode()).decode().rstrip("=")
            assert found[t] == expected, (prefix, t)
        assert found['["id:al","",7]'] == encode_cursor(["id:al", "", 7])


def test_only_keys_that_can_decline_test_each_row_for_the_marker() -> None:
    # A row's cursor key of integers and booleans can never hold the decline marker: the
    # statement spends no per-row LIKE on it (an edges page's most common orders)
    contacts = resource("contacts")
    for dialect, spelling in DIALECTS.items():
        by_id = sorting(contacts, [Order("is_primary", "desc"), Order("id")], dialect)
        key = cursor_key(spelling, by_id, contacts.table)
        assert not key.declines
        assert "LIKE" not in str(cursor(spelling, key.text, key))
        by_name = sorting(contacts, [Order("firstname")], dialect)
        named = cursor_key(spelling, by_name, contacts.table)
        assert named.declines and "LIKE" in str(cursor(spelling, named.text, named))
    # Days and times decline on SQLite only, where a stored text may not be in its form
    invoices = resource("invoices")
    by_date = sorting(invoices, [Order("date")], "sqlite")
    assert cursor_key(DIALECTS["sqlite"], by_date, invoices.table).declines
    by_date = sorting(invoices, [Order("date")], "postgresql")
    assert not cursor_key(DIALECTS["postgresql"], by_date, invoices.table).declines
