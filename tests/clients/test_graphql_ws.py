"""graphql-ws, the protocol library under Apollo's GraphQLWsLink, urql and GraphiQL:
a subscription receives the changes written through GraphQL and through a REST dialect."""

from __future__ import annotations

from uuid import uuid4

import pytest

from tests.clients.graph import customer_companies, global_id
from tests.clients.node import NodeClients
from tests.security.conftest import Live

pytestmark = pytest.mark.server


def test_a_subscription_receives_customers_created_through_graphql_and_perfex(
    live: Live, node_clients: NodeClients
) -> None:
    # given a graphql-ws client subscribed to customer changes
    prefix = f"graphql-ws {uuid4().hex[:8]}"

    # when customers are created through GraphQL and through Perfex's /api/customers
    result = node_clients.run(
        "graphql-ws", "graphql_ws_subscription.mjs", live, COMPANY_PREFIX=prefix
    )

    # then both creations arrive, each naming the record the server stored
    by_company = {c["record"]["company"]: c for c in result["changes"] if c["record"]}
    written = [by_company[f"{prefix} via GraphQL"], by_company[f"{prefix} via perfex"]]
    stored = customer_companies(live, [c["record"]["databaseId"] for c in written])
    for change in written:
        database_id = change["record"]["databaseId"]
        assert (change["type"], change["resource"]) == ("customer.created", "customer")
        assert change["recordId"] == global_id("Customer", database_id)
        assert stored[database_id] == change["record"]["company"]
