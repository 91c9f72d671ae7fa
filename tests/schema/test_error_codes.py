"""Every GraphQL error carries `extensions.code`, named as Apollo Server names them:
GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT, our own codes for
domain failures, and INTERNAL_SERVER_ERROR for what is masked; over HTTP and over the
WebSocket (graphql-transport-ws `error` and `next` messages)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from gateway.database import Database
from resolvers.core.context import Ctx
from resolvers.models import Invoice, table_of
from tests.factories import make_customer, make_token
from tests.resolvers.test_invoices import make_invoice
from tests.schema.graph import gql
from tests.security.conftest import Live, live  # noqa: F401  (the live gateway fixture)

# (query, variables, the codes its errors carry) for an all-permissions token
BROKEN: list[tuple[str, dict[str, Any], list[str]]] = [
    ("{ customers { nodes { id } ", {}, ["GRAPHQL_PARSE_FAILED"]),
    ("{ customers { nodes { nope } } }", {}, ["GRAPHQL_VALIDATION_FAILED"]),
    ('{ customers(first: "x") { totalCount } }', {}, ["GRAPHQL_VALIDATION_FAILED"]),
    ("{ a: customers { totalCount } a: invoices { totalCount } }", {},
     ["GRAPHQL_VALIDATION_FAILED"]),
    ("query($n: Int!) { customers(first: $n) { totalCount } }", {"n": "x"}, ["BAD_USER_INPUT"]),
    ("query($n: Int!) { customers(first: $n) { totalCount } }", {}, ["BAD_USER_INPUT"]),
    ("query($d: DateTime) { changes(since: $d) { hasMore } }", {"d": "soon"}, ["BAD_USER_INPUT"]),
    ('{ customer(id: "nope") { id } }', {}, ["INVALID"]),
    ('{ changes(after: "nope") { hasMore } }', {}, ["INVALID"]),
]  # fmt: skip
SUBSCRIPTIONS: list[tuple[str, dict[str, Any], str]] = [
    ("subscription { invoicePaid { nope } }", {}, "GRAPHQL_VALIDATION_FAILED"),
    ("subscription($t: [String!]) { recordChanged(types: $t) { id } }", {"t": [5]},
     "BAD_USER_INPUT"),
]  # fmt: skip
PROTOCOL = Subprotocol("graphql-transport-ws")
WAIT = 15.0


def codes(body: dict[str, Any]) -> list[str]:
    errors = body.get("errors") or []
    assert errors, body
    assert all("code" in (e.get("extensions") or {}) for e in errors), errors
    return [e["extensions"]["code"] for e in errors]


@pytest.mark.parametrize(("query", "variables", "expected"), BROKEN)
async def test_each_broken_request_names_its_failure(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any],
    expected: list[str],
) -> None:  # fmt: skip
    assert codes(await gql(client, token, query, **variables)) == expected


async def test_auth_failures_keep_their_codes(client: httpx.AsyncClient, db: Database) -> None:
    narrow = (await make_token(db, "customers:get")).token
    body = await gql(client, narrow, "{ invoices { totalCount } }")
    assert codes(body) == ["FORBIDDEN"]
    anonymous = await client.post("/graphql", json={"query": "{ customers { totalCount } }"})
    assert codes(anonymous.json()) == ["UNAUTHENTICATED"]


async def test_an_unexpected_failure_is_an_internal_error(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    # Given a stored status no InvoiceStatus value stands for
    invoice = await make_invoice(ctx, (await make_customer(ctx))["id"])
    async with db.write() as conn:
        invoices = table_of(Invoice)
        await conn.execute(update(invoices).where(invoices.c.id == invoice["id"]).values(status=42))

    body = await gql(client, token, "{ invoices { nodes { number status } } }")

    assert codes(body) == ["INTERNAL_SERVER_ERROR"]


@pytest.mark.server
async def test_the_live_gateway_codes_every_error_over_http(live: Live) -> None:  # noqa: F811
    async with httpx.AsyncClient(base_url=live.base, timeout=WAIT) as http:
        for query, variables, expected in BROKEN:
            reply = await http.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers={"Authorization": f"Bearer {live.token}"},
            )
            assert codes(reply.json()) == expected, query


async def _first_errors(ws: Any, query: str, variables: dict[str, Any]) -> list[dict[str, Any]]:
    await ws.send(json.dumps({"id": "1", "type": "subscribe",
                              "payload": {"query": query, "variables": variables}}))  # fmt: skip
    while True:
        frame = await asyncio.wait_for(ws.recv(), WAIT)
        message: dict[str, Any] = json.loads(frame)
        if message["type"] == "error":
            errors: list[dict[str, Any]] = message["payload"]
            return errors
        if message["type"] == "next" and message["payload"].get("errors"):
            found: list[dict[str, Any]] = message["payload"]["errors"]
            return found


async def _open(url: str, token: str) -> Any:
    ws = await connect(url, subprotocols=[PROTOCOL], open_timeout=WAIT)
    init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
    await ws.send(json.dumps(init))
    assert json.loads(await asyncio.wait_for(ws.recv(), WAIT))["type"] == "connection_ack"
    return ws


async def _token(live: Live, *grants: str) -> str:  # noqa: F811
    """A token on the live server's database, made in this process: `live.cli("token",
    "create", ...)` would spend seconds importing the whole app for one row."""
    db = Database(live.env["CRM_DATABASE_URL"])
    try:
        return (await make_token(db, *grants, name="narrow")).token
    finally:
        await db.dispose()


@pytest.mark.server
async def test_the_live_gateway_codes_every_error_over_the_websocket(
    live: Live,  # noqa: F811
) -> None:
    narrow = await _token(live, "customers:get")
    cases = [*SUBSCRIPTIONS, ("subscription { invoicePaid { id } }", {}, "FORBIDDEN")]
    tokens = [live.token] * len(SUBSCRIPTIONS) + [narrow]
    url = live.base.replace("http://", "ws://") + "/graphql"
    for (query, variables, expected), token in zip(cases, tokens, strict=True):
        async with await _open(url, token) as ws:
            errors = await _first_errors(ws, query, variables)
            assert [e.get("extensions", {}).get("code") for e in errors] == [expected], query

    # A document that does not parse has no error object on this protocol: the socket
    # closes with 4400 and the syntax error as its reason (graphql-ws does the same),
    # rather than completing the operation as if nothing were wrong.
    async with await _open(url, live.token) as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await _first_errors(ws, "subscription { invoicePaid { id ", {})
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4400
    assert closed.value.rcvd.reason.startswith("Syntax Error")
