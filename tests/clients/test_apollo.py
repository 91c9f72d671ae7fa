"""Apollo Client 3, as a frontend would use it: subscriptions over GraphQLWsLink, a nested
query, relayStylePagination's fetchMore, automatic persisted queries, and partial data
under errorPolicy 'all'."""

from __future__ import annotations

import re
from uuid import uuid4

import pytest

from tests.clients.graph import customer_companies, global_id, graphql, without_typename
from tests.clients.node import NodeClients
from tests.security.conftest import Live

pytestmark = pytest.mark.server

CLIENT = "Apollo Client"
PAGE_SIZE = 4
PAGE = """
query($first: Int!, $after: String) {
  customers(first: $first, after: $after) {
    edges { cursor node { id company } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
NESTED = """
query Nested {
  customers(first: 3) {
    nodes {
      id company
      contacts(first: 2) { nodes { id email } }
      invoices(first: 2) { nodes { id number total status } }
    }
  }
}
"""


def test_graphql_ws_link_receives_customers_created_through_graphql_and_perfex(
    live: Live, node_clients: NodeClients
) -> None:
    prefix = f"apollo {uuid4().hex[:8]}"

    result = node_clients.run(CLIENT, "apollo_subscription.mjs", live, COMPANY_PREFIX=prefix)

    by_company = {c["record"]["company"]: c for c in result["changes"] if c["record"]}
    written = [by_company[f"{prefix} via GraphQL"], by_company[f"{prefix} via perfex"]]
    stored = customer_companies(live, [c["record"]["databaseId"] for c in written])
    for change in written:
        database_id = change["record"]["databaseId"]
        assert change["type"] == "customer.created"
        assert change["recordId"] == change["record"]["id"] == global_id("Customer", database_id)
        assert stored[database_id] == change["record"]["company"]


def test_a_nested_query_comes_back_through_the_cache_as_the_server_answers_it(
    live: Live, node_clients: NodeClients
) -> None:
    result = node_clients.run(CLIENT, "apollo_nested.mjs", live)

    expected = graphql(live, NESTED)
    assert without_typename(result["data"]) == expected
    first = expected["customers"]["nodes"][0]
    assert first["contacts"]["nodes"] and first["invoices"]["nodes"]


def test_fetch_more_merges_three_pages_in_order_without_duplicates(
    live: Live, node_clients: NodeClients
) -> None:
    # the server's first three pages, cursor to cursor
    pages: list[dict[str, str]] = []
    after = None
    for _ in range(3):
        connection = graphql(live, PAGE, first=PAGE_SIZE, after=after)["customers"]
        pages += [
            {"cursor": e["cursor"], "id": e["node"]["id"], "company": e["node"]["company"]}
            for e in connection["edges"]
        ]
        after = connection["pageInfo"]["endCursor"]

    result = node_clients.run(CLIENT, "apollo_pagination.mjs", live, PAGE_SIZE=str(PAGE_SIZE))

    assert result["lengths"] == [PAGE_SIZE, 2 * PAGE_SIZE, 3 * PAGE_SIZE]
    ids = [edge["id"] for edge in result["edges"]]
    assert len(set(ids)) == len(ids) == 3 * PAGE_SIZE
    assert result["edges"] == pages
    assert result["pageInfo"] == {"hasNextPage": True, "endCursor": after}


def test_a_second_client_runs_a_persisted_query_by_its_hash_alone(
    live: Live, node_clients: NodeClients
) -> None:
    # a document no client sent before, so the first hash-only request cannot be known
    name = f"Persisted{uuid4().hex[:12]}"

    result = node_clients.run(CLIENT, "apollo_apq.mjs", live, OPERATION_NAME=name)

    first, second = result["first"]["requests"], result["second"]["requests"]
    sha256 = first[0]["sha256Hash"]
    assert re.fullmatch(r"[0-9a-f]{64}", sha256)
    assert [(r["hasQuery"], r["sha256Hash"], r["errorCodes"]) for r in first] == [
        (False, sha256, ["PERSISTED_QUERY_NOT_FOUND"]),
        (True, sha256, []),
    ]
    assert [(r["hasQuery"], r["sha256Hash"], r["status"], r["errorCodes"]) for r in second] == [
        (False, sha256, 200, [])
    ]
    assert result["second"]["data"] == result["first"]["data"]
    assert len(result["second"]["data"]["customers"]["nodes"]) == 2


def test_a_forbidden_root_field_is_null_beside_the_data_the_token_may_read(
    live: Live, node_clients: NodeClients, restricted_token: str
) -> None:
    # given a token that may read customers only, asking for customers and invoices
    result = node_clients.run(CLIENT, "apollo_partial.mjs", live, RESTRICTED_TOKEN=restricted_token)

    # then Apollo hands over the customers, invoices null, and the invoices' error
    data = result["data"]
    assert data is not None, f"Apollo salvaged no data: {result['errors']}"
    expected = graphql(live, "{ customers(first: 2) { nodes { id company } } }")
    assert without_typename(data["customers"]) == expected["customers"]
    assert data["invoices"] is None
    assert [(e["path"], e["code"]) for e in result["errors"]] == [(["invoices"], "FORBIDDEN")]
