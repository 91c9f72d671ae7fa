"""Python gql, as a Python service calls the gateway: the schema fetched by introspection
(`fetch_schema_from_transport=True`), a query validated against it and run over HTTP,
and a subscription over WebsocketsTransport receiving a change written through GraphQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any
from uuid import uuid4

import httpx
import pytest
from gql import Client, GraphQLRequest, gql
from gql.transport.exceptions import TransportError
from gql.transport.httpx import HTTPXAsyncTransport
from gql.transport.websockets import WebsocketsTransport
from graphql import GraphQLError

from tests.clients.graph import WAIT, global_id, graphql, without_typename
from tests.security.conftest import Live

pytestmark = pytest.mark.server

CUSTOMERS = """
query Customers($first: Int!) {
  customers(first: $first) {
    totalCount
    nodes { id company contacts(first: 2) { nodes { email } } }
  }
}
"""
CHANGES = """
subscription {
  recordChanged(types: ["customer"]) {
    type recordId record { ... on Customer { databaseId company } }
  }
}
"""
CREATE = """
mutation($company: String!) {
  createCustomer(input: {company: $company}) { record { databaseId } userErrors { message } }
}
"""


def http_client(live: Live) -> Client:
    transport = HTTPXAsyncTransport(
        url=f"{live.base}/graphql",
        headers={"Authorization": f"Bearer {live.token}"},
        timeout=WAIT,
    )
    return Client(transport=transport, fetch_schema_from_transport=True, execute_timeout=WAIT)


async def test_gql_fetches_the_schema_and_runs_a_query_validated_against_it(live: Live) -> None:
    client = http_client(live)
    async with client as session:
        try:
            result = await session.execute(GraphQLRequest(CUSTOMERS, variable_values={"first": 3}))
        except TransportError as exc:
            pytest.fail(f"gql: {type(exc).__name__}: {exc}", pytrace=False)
        # the introspected schema is the gateway's: a wrong field fails before any request
        with pytest.raises(GraphQLError, match="Cannot query field 'nope' on type 'Customer'"):
            await session.execute(gql("{ customers { nodes { nope } } }"))

    assert client.schema is not None
    assert client.schema.subscription_type is not None
    assert client.schema.subscription_type.name == "Live"
    assert "Customer" in client.schema.type_map
    assert without_typename(result) == graphql(live, CUSTOMERS, first=3)


async def create_customer(live: Live, company: str) -> int:
    async with httpx.AsyncClient(timeout=WAIT) as http:
        response = await http.post(
            f"{live.base}/graphql",
            json={"query": CREATE, "variables": {"company": company}},
            headers={"Authorization": f"Bearer {live.token}"},
        )
    made = response.json()["data"]["createCustomer"]
    assert not made["userErrors"], made
    database_id: int = made["record"]["databaseId"]
    return database_id


async def test_a_websockets_transport_subscription_receives_a_graphql_write(live: Live) -> None:
    prefix = f"gql {uuid4().hex[:8]}"
    transport = WebsocketsTransport(
        url=f"{live.base.replace('http://', 'ws://')}/graphql",
        init_payload={"authorization": f"Bearer {live.token}"},
        connect_timeout=WAIT,
        ack_timeout=WAIT,
    )
    received: list[dict[str, Any]] = []
    wanted = f"{prefix} via GraphQL"
    created: list[int] = []

    async def listen(changes: AsyncIterator[dict[str, Any]]) -> None:
        async for result in changes:
            received.append(result["recordChanged"])
            if any((c["record"] or {}).get("company") == wanted for c in received):
                return

    async def write() -> None:
        # No protocol message says when the server listens: warm-up writes until one of
        # them arrives, then the write under test.
        for n in range(1, 30):
            await create_customer(live, f"{prefix} warm-up {n}")
            for _ in range(20):
                if received:
                    created.append(await create_customer(live, wanted))
                    return
                await asyncio.sleep(0.05)
        pytest.fail("gql: the subscription reported none of the warm-up writes", pytrace=False)

    try:
        async with Client(transport=transport, execute_timeout=WAIT) as session:
            changes = session.subscribe(gql(CHANGES))
            assert isinstance(changes, AsyncGenerator)
            async with asyncio.timeout(WAIT):
                await asyncio.gather(listen(changes), write())
                # Ends the subscription (`complete`) rather than leave the close to time out.
                await changes.aclose()
    except TimeoutError:
        pytest.fail(f"gql: no change for {wanted!r} within {WAIT}s; got {received}", pytrace=False)
    except TransportError as exc:
        pytest.fail(f"gql: {type(exc).__name__}: {exc}", pytrace=False)

    change = next(c for c in received if (c["record"] or {}).get("company") == wanted)
    assert change["type"] == "customer.created"
    assert change["record"]["databaseId"] == created[0]
    assert change["recordId"] == global_id("Customer", created[0])
