"""Connections with arguments (filter, orderBy, first/last, after/before cursors) and
their figures (totalCount, pageInfo) on the compiled path answer exactly what the
resolvers answer, at the root and nested, for every generated combination; cursors from
either path page the other.

Each combination runs twice through the HTTP endpoint (see `test_compiled_reads.both`)
and must cost one statement when compiled."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import httpx

from gateway.database import Database
from tests.factories import make_token
from tests.schema.graph import gql
from tests.schema.test_compiled_reads import both, seeded, statements

FIGURES = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"

ROOT = """
query Root($first: Int, $last: Int, $after: String, $before: String,
           $filter: CustomerFilter, $orderBy: [CustomerOrderBy!]) {
  customers(first: $first, last: $last, after: $after, before: $before,
            filter: $filter, orderBy: $orderBy) {
    __FIGURES__
    edges { cursor node { databaseId company city active } }
  }
}
""".replace("__FIGURES__", FIGURES)

NESTED = """
query Nested($first: Int, $last: Int, $after: String, $before: String,
             $filter: ContactFilter, $orderBy: [ContactOrderBy!]) {
  customers(first: 100) {
    nodes {
      databaseId
      contacts(first: $first, last: $last, after: $after, before: $before,
               filter: $filter, orderBy: $orderBy) {
        __FIGURES__
        nodes { databaseId email isPrimary }
      }
    }
  }
}
""".replace("__FIGURES__", FIGURES)

ROOT_FILTERS: list[dict[str, Any] | None] = [
    None,
    {"company": {"contains": "a"}},
    {"company": {"contains": "%"}},
    {"city": {"isNull": False}, "active": {"eq": True}},
    {"or": [{"databaseId": {"in": [1, 3]}}, {"company": {"startsWith": "b"}}]},
    {"not": {"databaseId": {"lte": 2}}},
    # Through relations: a `many` (some contact matches) and back again.
    {"contacts": {"isPrimary": {"eq": True}}},
    {"invoices": {"status": {"in": ["PAID", "UNPAID"]}, "total": {"gt": "10.50"}}},
    {"contacts": {"customer": {"company": {"ne": "nobody"}}}},
]
NESTED_FILTERS: list[dict[str, Any] | None] = [
    None,
    {"firstname": {"contains": "a"}},
    {"isPrimary": {"eq": False}},
    {"customer": {"active": {"eq": True}}},
]
ROOT_ORDERS: list[list[dict[str, str]] | None] = [
    None,
    [{"field": "COMPANY"}],
    [{"field": "CITY", "direction": "DESC", "nulls": "FIRST"}, {"field": "ACTIVE"}],
    [{"field": "CREATED_AT", "direction": "DESC"}],
]
NESTED_ORDERS: list[list[dict[str, str]] | None] = [
    None,
    [{"field": "EMAIL", "direction": "DESC"}],
    [{"field": "IS_PRIMARY"}, {"field": "TITLE", "nulls": "FIRST"}],
]
PAGES: list[dict[str, int]] = [{}, {"first": 2}, {"last": 2}, {"first": 0}, {"last": 100}]


async def _compare(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The compiled answer's data and the resolvers' (already checked to be the same)."""
    compiled, normal = await both(client, token, query, **variables)
    assert "errors" not in compiled, (variables, compiled["errors"])
    assert statements(compiled) == 1, variables
    return compiled["data"], normal["data"]


def _root_cursors(data: dict[str, Any]) -> list[str]:
    return [e["cursor"] for e in data["customers"]["edges"]]


async def test_root_connections_with_every_argument_answer_like_the_resolvers(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    # Given customers with contacts, invoices of every status, one deleted contact
    await seeded(db, tmp_path, customers=7)

    for where, order, page in itertools.product(ROOT_FILTERS, ROOT_ORDERS, PAGES):
        variables = {"filter": where, "orderBy": order, **page}
        # When the page is asked on both paths
        data, resolved = await _compare(client, token, ROOT, variables)
        cursors = _root_cursors(data)
        if len(cursors) < 2 or "first" not in page:
            continue
        # Then its cursors page on, forwards and backwards, from either path
        for bound in ({"after": cursors[0]}, {"before": cursors[-1]}, {"after": cursors[-1]}):
            for size in ({"first": 2}, {"last": 1}):
                await _compare(client, token, ROOT, {**variables, **bound, **size})
        assert _root_cursors(resolved) == cursors


async def test_nested_connections_with_every_argument_answer_like_the_resolvers(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=5)

    for where, order, page in itertools.product(NESTED_FILTERS, NESTED_ORDERS, PAGES):
        variables = {"filter": where, "orderBy": order, **page}
        data, _ = await _compare(client, token, NESTED, variables)
        pages = [c["contacts"] for c in data["customers"]["nodes"]]
        start = next((p["pageInfo"]["startCursor"] for p in pages if p["nodes"]), None)
        if start is not None:
            # A cursor of one customer's page bounds every customer's page
            await _compare(client, token, NESTED, {**variables, "after": start})
            await _compare(client, token, NESTED, {**variables, "before": start, "last": 1})


async def test_refusals_stay_the_resolvers_own(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)
    first = (await gql(client, token, ROOT, orderBy=[{"field": "COMPANY"}]))["data"]
    cursor = _root_cursors(first)[0]
    refused = [
        (ROOT, {"after": "not a cursor"}, "INVALID"),
        # A cursor issued for another order
        (ROOT, {"after": cursor}, "INVALID"),
        (ROOT, {"first": -1}, "INVALID"),
        (ROOT, {"filter": {"company": {"contains": "a\x00b"}}}, None),
    ]
    for query, variables, code in refused:
        compiled, normal = await both(client, token, query, **variables)
        assert compiled["errors"], variables
        if code is not None:
            assert compiled["errors"][0]["extensions"]["code"] == code, compiled["errors"]

    # Filtering needs the search grant; through a relation, the neighbour's get grant
    reader = (await make_token(db, "customers:get")).token
    searcher = (await make_token(db, "customers:get", "customers:search")).token
    by_contact = {"filter": {"contacts": {"isPrimary": {"eq": True}}}}
    for caller, variables in ((reader, {"filter": {"company": {"contains": "a"}}}),
                              (searcher, by_contact)):  # fmt: skip
        denied, normal = await both(client, caller, ROOT, **variables)
        assert statements(denied) == statements(normal)
        assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    allowed, _ = await both(client, searcher, ROOT, filter={"company": {"contains": "a"}})
    assert statements(allowed) == 1 and "errors" not in allowed
    # A nested filter needs the neighbour's search grant
    contacts = (await make_token(db, "customers:get", "contacts:get")).token
    nested, normal = await both(client, contacts, NESTED, filter={"isPrimary": {"eq": True}})
    assert nested["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert statements(nested) == statements(normal)
