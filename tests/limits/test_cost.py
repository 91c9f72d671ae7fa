"""The GraphQL cost: the score's formula, `extensions.cost`, and refusals before any SQL."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import get_operation_ast, parse

from gateway.database import Database
from gateway.limits.score import Score, score_operation
from resolvers.core.context import Ctx
from schema import schema
from tests.factories import make_contact, make_customer
from tests.limits.helpers import client_for, statements, token

NESTED = "{ customers(first: 100) { nodes { contacts(first: 50) { nodes { email } } } } }"
VARIABLES = """
query Pages($n: Int!) {
  customers(first: $n) { edges { node { ...Parts } } }
}
fragment Parts on Customer { contacts(last: 30) { totalCount } invoices { totalCount } }
"""
DEFAULTS = "{ customers { nodes { contacts { nodes { email } } } } }"
CAPPED = "{ customers(first: 1000) { totalCount } }"
NO_CONNECTION = "{ __typename }"
THREE_LEVELS = """{ customers(first: 100) { nodes { contacts(first: 100) { nodes {
  customer { contacts(first: 100) { totalCount } } } } } } }"""


def score(query: str, **variables: Any) -> Score:
    document = parse(query)
    operation = get_operation_ast(document)
    assert operation is not None
    return score_operation(schema._schema, document, operation, variables)


@pytest.mark.parametrize(
    ("query", "variables", "requests", "nodes", "cost"),
    [
        (NESTED, {}, 1 + 100, 100 + 100 * 50, 2),
        (VARIABLES, {"n": 10}, 1 + 10 + 10, 10 + 10 * 30 + 10 * 20, 1),
        (DEFAULTS, {}, 1 + 20, 20 + 20 * 20, 1),
        (CAPPED, {}, 1, 100, 1),
        (NO_CONNECTION, {}, 0, 0, 1),
        (THREE_LEVELS, {}, 1 + 100 + 100 * 100, 100 + 100 * 100 + 100 * 100 * 100, 102),
    ],
)
def test_the_score_follows_the_documented_formula(
    query: str, variables: dict[str, Any], requests: int, nodes: int, cost: int
) -> None:
    result = score(query, **variables)

    assert (result.requests, result.nodes, result.cost) == (requests, nodes, cost)


async def gql(client: Any, query: str, headers: dict[str, str]) -> Any:
    return await client.post("/graphql", json={"query": query}, headers=headers)


async def test_every_operation_reports_its_cost(db: Database, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"])
    headers = await token(db)
    async with client_for(db, graphql_cost_per_hour=10) as client:
        first = (await gql(client, NESTED, headers)).json()
        second = (await gql(client, NESTED, headers)).json()

    assert "errors" not in first
    cost = first["extensions"]["cost"]
    # One customer came back, so only its one contacts connection was really asked for.
    assert (cost["requested"], cost["actual"], cost["remaining"]) == (2, 1, 8)
    assert cost["resetAt"].endswith(":00:00Z")
    assert second["extensions"]["cost"]["remaining"] == 6


async def test_a_spent_cost_budget_is_refused_with_429_before_any_sql(db: Database) -> None:
    headers = await token(db)
    async with client_for(db, graphql_cost_per_hour=3) as client:
        paid = await gql(client, NESTED, headers)
        with statements(db) as seen:
            refused = await gql(client, NESTED, headers)
        cheap = await gql(client, NO_CONNECTION, headers)

    assert paid.status_code == 200 and paid.json()["extensions"]["cost"]["remaining"] == 1
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    body = refused.json()
    assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert body["extensions"]["cost"]["remaining"] == 1
    # Only the token lookup ran: no resolver reached the database.
    assert all("api_tokens" in s for s in seen), seen
    # A refused charge took nothing: a query costing 1 still fits.
    assert cheap.status_code == 200 and cheap.json()["extensions"]["cost"]["remaining"] == 0


async def test_too_many_possible_nodes_is_refused_before_any_sql(db: Database) -> None:
    headers = await token(db)
    async with client_for(db, max_nodes=5000) as client:
        with statements(db) as seen:
            refused = (await gql(client, NESTED, headers)).json()

    assert refused["errors"][0]["extensions"]["code"] == "COST_LIMIT"
    assert "5100" in refused["errors"][0]["message"]
    assert "data" not in refused
    assert all("api_tokens" in s for s in seen), seen
