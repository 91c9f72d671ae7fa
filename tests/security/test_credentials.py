"""Credentials against a live gateway: an open subscription ends with its credential
(expired, revoked, its staff member deleted: 4401; a grant taken away: 4403) and never
delivers an event after; failed sign-ins, however many at once, do not stall anyone
else's request."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import create_async_engine
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from resolvers.models import ApiToken, table_of
from tests.security.conftest import Live, serve_demo

PROTOCOL = Subprotocol("graphql-transport-ws")
WAIT = 20.0
SETTLE = 0.5
CUSTOMERS_CHANGED = 'subscription { recordChanged(types: ["customer"]) { type recordId } }'
INVOICE_PAID = "subscription { invoicePaid { id } }"
NEW_CUSTOMER = """mutation($c: String!) {
  createCustomer(input: {company: $c}) { record { id } userErrors { message } }
}"""
NEW_INVOICE = """mutation($customer: ID!) {
  createInvoice(input: {customerId: $customer, items: [{description: "Work", rate: "100"}]}) {
    record { id } userErrors { message }
  }
}"""
PAY = """mutation($id: ID!) {
  recordPayment(invoiceId: $id, input: {amount: "100"}) { record { id } userErrors { message } }
}"""
NEW_ROLE = """mutation($name: String!, $permissions: [String!]) {
  createRole(input: {name: $name, permissions: $permissions}) {
    record { id } userErrors { message }
  }
}"""
CHANGE_ROLE = """mutation($id: ID!, $permissions: [String!]) {
  updateRole(id: $id, input: {permissions: $permissions}) { record { id } userErrors { message } }
}"""
NEW_STAFF = """mutation($email: String!, $role: ID!) {
  createStaff(input: {firstname: "Live", lastname: "Watcher", email: $email,
                      password: "live-watch-pass", roleId: $role}) {
    record { id } userErrors { message }
  }
}"""
DELETE_STAFF = "mutation($id: ID!) { deleteStaff(id: $id) { userErrors { message } } }"
LOGIN = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token userErrors { code message } }
}"""


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    # Sign-ins here must cost what they cost users: the suite's cheapest argon2 would
    # let 30 failed checks finish before anything could stall.
    workdir = tmp_path_factory.mktemp("credentials")
    with serve_demo("test_credentials", workdir, production_hashes=True) as server:
        yield server


async def gql(live: Live, token: str | None, query: str, **variables: Any) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(timeout=WAIT) as client:
        reply = await client.post(
            f"{live.base}/graphql", json={"query": query, "variables": variables}, headers=headers
        )
    body: dict[str, Any] = reply.json()
    return body


async def written(live: Live, query: str, **variables: Any) -> dict[str, Any]:
    """A mutation by the all-permissions token that must succeed; its payload."""
    body = await gql(live, live.token, query, **variables)
    assert "errors" not in body, body
    payload: dict[str, Any] = next(iter(body["data"].values()))
    assert not payload.get("userErrors"), payload
    return payload


@asynccontextmanager
async def subscribed(live: Live, token: str, query: str) -> AsyncIterator[ClientConnection]:
    url = live.base.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=[PROTOCOL], open_timeout=WAIT) as ws:
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
        await ws.send(json.dumps(init))
        assert json.loads(await asyncio.wait_for(ws.recv(), WAIT))["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        await asyncio.sleep(SETTLE)
        yield ws


async def closed_with(ws: ClientConnection, within: float) -> tuple[int, list[Any]]:
    """The close code the server ends the socket with, and every result it delivered
    before (pings answered, nothing else expected)."""
    delivered: list[Any] = []
    deadline = time.monotonic() + within
    try:
        while True:
            frame = await asyncio.wait_for(ws.recv(), max(deadline - time.monotonic(), 0.01))
            message = json.loads(frame)
            if message["type"] == "ping":
                await ws.send(json.dumps({"type": "pong"}))
            elif message["type"] == "next":
                delivered.append(message["payload"])
    except ConnectionClosed as closed:
        assert closed.rcvd is not None, "closed without a close frame"
        return closed.rcvd.code, delivered
    except TimeoutError:
        pytest.fail(f"still open after {within}s; delivered {delivered}")


async def token(live: Live, *args: str) -> str:
    out = await asyncio.to_thread(live.cli, "token", "create", "--name", "watched", *args)
    return out.strip().splitlines()[-1]


async def test_a_subscription_ends_when_its_token_expires(live: Live) -> None:
    # Long enough for the command to start and the socket to open on a busy machine.
    expires = (datetime.now(UTC) + timedelta(seconds=12)).replace(microsecond=0)
    short = await token(live, "--all", "--expires", expires.strftime("%Y-%m-%dT%H:%M:%S"))

    async with subscribed(live, short, CUSTOMERS_CHANGED) as ws:
        code, delivered = await closed_with(ws, WAIT + 12)
        late = (datetime.now(UTC) - expires).total_seconds()

    assert code == 4401
    assert delivered == []
    # closed at the expiry, by a timer, not at some later check
    assert -1 < late < 4, late


async def test_a_revoked_token_gets_no_event_and_its_socket_is_closed(live: Live) -> None:
    revoked = await token(live, "--all")
    engine = create_async_engine(live.env["CRM_DATABASE_URL"])
    tokens = table_of(ApiToken)

    async with subscribed(live, revoked, CUSTOMERS_CHANGED) as ws:
        # Revoked by another process (the operator's), as a deleted row
        async with engine.begin() as conn:
            await conn.execute(
                update(tokens)
                .where(tokens.c.prefix == revoked[:10])
                .values(deleted_at=datetime.now(UTC))
            )
        await engine.dispose()
        # Past this worker's principal cache (CRM_AUTH_CACHE_SECONDS, 5 s by default)
        await asyncio.sleep(5.5)
        await written(live, NEW_CUSTOMER, c="After Revocation Ltd")
        code, delivered = await closed_with(ws, WAIT)

    assert code == 4401
    assert delivered == []


async def staff_member(live: Live, email: str, permissions: list[str]) -> tuple[str, str, str]:
    """A staff member of a role of their own, signed in: (staff id, role id, JWT)."""
    role = await written(live, NEW_ROLE, name=f"Role of {email}", permissions=permissions)
    made = await written(live, NEW_STAFF, email=email, role=role["record"]["id"])
    login = await gql(live, None, LOGIN, email=email, password="live-watch-pass")
    jwt: str = login["data"]["login"]["token"]
    assert jwt, login
    return made["record"]["id"], role["record"]["id"], jwt


async def test_a_deleted_staff_members_jwt_gets_no_event_and_is_closed(live: Live) -> None:
    staff_id, _, jwt = await staff_member(live, "deleted.watcher@example.com", ["customers:get"])

    async with subscribed(live, jwt, CUSTOMERS_CHANGED) as ws:
        await written(live, DELETE_STAFF, id=staff_id)
        await written(live, NEW_CUSTOMER, c="After Deletion Ltd")
        code, delivered = await closed_with(ws, WAIT)

    assert code == 4401
    assert delivered == []


async def test_a_grant_taken_away_closes_the_subscription_with_4403(live: Live) -> None:
    grants = ["customers:get", "invoices:get"]
    _, role, jwt = await staff_member(live, "demoted.watcher@example.com", grants)
    customer = (await written(live, NEW_CUSTOMER, c="Demotion Ltd"))["record"]["id"]
    invoice = (await written(live, NEW_INVOICE, customer=customer))["record"]["id"]

    async with subscribed(live, jwt, INVOICE_PAID) as ws:
        await written(live, CHANGE_ROLE, id=role, permissions=["customers:get"])
        await written(live, PAY, id=invoice)
        code, delivered = await closed_with(ws, WAIT)

    assert code == 4403
    assert delivered == []


async def test_a_subscription_with_a_good_credential_still_gets_its_events(live: Live) -> None:
    async with subscribed(live, live.token, CUSTOMERS_CHANGED) as ws:
        made = await written(live, NEW_CUSTOMER, c="Still Watched Ltd")
        message = json.loads(await asyncio.wait_for(ws.recv(), WAIT))

    assert message["type"] == "next"
    assert message["payload"]["data"]["recordChanged"]["recordId"] == made["record"]["id"]


async def test_failed_sign_ins_at_once_do_not_stall_other_requests(live: Live) -> None:
    attempts = 30
    async with httpx.AsyncClient(base_url=live.base, timeout=60) as client:

        async def sign_in(n: int) -> dict[str, Any]:
            reply = await client.post(
                "/graphql",
                json={"query": LOGIN, "variables": {"email": f"nobody{n}@example.com",
                                                    "password": "wrong-password"}},
            )  # fmt: skip
            body: dict[str, Any] = reply.json()
            return body

        async def cheap() -> float:
            await asyncio.sleep(0.3)  # once the sign-ins are queued
            started = time.monotonic()
            assert (await client.get("/healthz")).status_code == 200
            return time.monotonic() - started

        started = time.monotonic()
        logins = asyncio.gather(*(sign_in(n) for n in range(attempts)))
        replies, took = await asyncio.gather(logins, cheap())
        all_of_them = time.monotonic() - started

    # every sign-in was checked and refused as a wrong password, none throttled away
    for body in replies:
        errors = body["data"]["login"]["userErrors"] if body.get("data") else body["errors"]
        assert "Wrong email or password" in str(errors), body
    # 30 argon2 checks take seconds of CPU; the health check waited for none of them
    assert all_of_them > 1.0
    assert took < all_of_them / 3, (took, all_of_them)
