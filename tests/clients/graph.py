"""Plain GraphQL over HTTP, the reference the clients' answers are held to."""

from __future__ import annotations

import base64
from typing import Any

import httpx

from tests.security.conftest import Live

WAIT = 30.0


def graphql(live: Live, query: str, token: str | None = None, **variables: Any) -> dict[str, Any]:
    """The `data` of a request that must succeed."""
    response = httpx.post(
        f"{live.base}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token or live.token}"},
        timeout=WAIT,
    )
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def global_id(type_name: str, database_id: int) -> str:
    return base64.b64encode(f"{type_name}:{database_id}".encode()).decode()


def without_typename(value: Any) -> Any:
    """A client's answer less the `__typename` its cache adds to every selection."""
    if isinstance(value, dict):
        return {k: without_typename(v) for k, v in value.items() if k != "__typename"}
    if isinstance(value, list):
        return [without_typename(v) for v in value]
    return value


def customer_companies(live: Live, database_ids: list[int]) -> dict[int, str]:
    """The stored company of each customer, read back from the server."""
    found: dict[int, str] = {}
    for database_id in database_ids:
        data = graphql(
            live, "query($id: Int) { customer(databaseId: $id) { company } }", id=database_id
        )
        found[database_id] = data["customer"]["company"]
    return found
