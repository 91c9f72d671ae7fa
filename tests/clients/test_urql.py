"""urql (@urql/core): a query with variables, answered as the server answers it."""

from __future__ import annotations

import pytest

from tests.clients.graph import graphql, without_typename
from tests.clients.node import NodeClients
from tests.security.conftest import Live

pytestmark = pytest.mark.server

CUSTOMERS = """
query($first: Int!) {
  customers(first: $first) {
    totalCount
    nodes { id company contacts(first: 1) { nodes { email } } }
  }
}
"""


def test_a_urql_query_answers_as_the_server(live: Live, node_clients: NodeClients) -> None:
    result = node_clients.run("urql", "urql_query.mjs", live)

    expected = graphql(live, CUSTOMERS, first=3)
    assert without_typename(result["data"]) == expected
    assert len(expected["customers"]["nodes"]) == 3
