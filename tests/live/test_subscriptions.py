"""Live subscriptions end to end: real gateway processes on 127.0.0.1, a real WebSocket
client speaking graphql-transport-ws, writes made over HTTP. Two processes on one
database stand for two workers: a write on one reaches a subscriber on the other
(PostgreSQL LISTEN/NOTIFY when CRM_TEST_DATABASE_URL names one, the SQLite file's
poll otherwise). Every wait is bounded."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket as socket_module
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from gateway.database import Database
from gateway.migrate import migrate
from tests.factories import make_token
from tests.gateway.test_server_process import BIN, free_port
from tests.servers import until_up

pytestmark = pytest.mark.server

PROTOCOL = Subprotocol("graphql-transport-ws")
WAIT = 15.0
# Time for the server to start a subscription it was just sent.
SETTLE = 0.5

NEW_INVOICE = """
mutation($customer: ID!) {
  createInvoice(input: {customerId: $customer, items: [{description: "Work", rate: "100"}]}) {
    record { id } userErrors { field message }
  }
}
"""
PAY = """
mutation($id: ID!) {
  recordPayment(invoiceId: $id, input: {amount: "100"}) { record { id } userErrors { message } }
}
"""
INVOICE_PAID = "subscription { invoicePaid { id status total } }"
TICKET_OR_CUSTOMER = """
subscription { recordChanged(types: ["customer"]) { type resource recordId fields } }
"""


class Server:
    def __init__(self, base: str, process: subprocess.Popen[bytes], log: Path) -> None:
        self.base = base
        self.ws = base.replace("http://", "ws://") + "/graphql"
        self.process = process
        self.log = log


def launch(env: dict[str, str], workdir: Path, name: str) -> Server:
    """A `crm-gateway serve` process, not yet waited for: the two of a test start at once."""
    port = free_port()
    log_path = workdir / f"{name}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(BIN / "crm-gateway"), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    return Server(f"http://127.0.0.1:{port}", process, log_path)


def wait_ready(*servers: Server) -> None:
    try:
        for server in servers:
            until_up(server.base, server.process, server.log)
    except pytest.fail.Exception:
        stop(*servers)
        raise


def stop(*servers: Server) -> None:
    for server in servers:
        server.process.terminate()
    for server in servers:
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=15)


async def prepare(env: dict[str, str]) -> str:
    """The servers' database migrated and an all-permissions token on it, made in this
    process (`crm-gateway migrate` and `token create` would each spend seconds importing
    the app); the token is what the CLI prints."""
    db = Database(env["CRM_DATABASE_URL"])
    try:
        await migrate(db)
        return (await make_token(db, "*", name="live")).token
    finally:
        await db.dispose()


@asynccontextmanager
async def two_servers(
    env: dict[str, str], workdir: Path
) -> AsyncIterator[tuple[Server, Server, str]]:
    """Two `serve` processes on one database (two workers), and a token both accept."""
    token = await prepare(env)
    servers = launch(env, workdir, "one"), launch(env, workdir, "two")
    try:
        wait_ready(*servers)
        yield servers[0], servers[1], token
    finally:
        stop(*servers)


@pytest.fixture(scope="module")
async def servers(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[tuple[Server, Server, str]]:
    workdir = tmp_path_factory.mktemp("live")
    url = os.environ.get("CRM_TEST_DATABASE_URL") or f"sqlite+aiosqlite:///{workdir / 'crm.db'}"
    env = {
        **os.environ,
        "CRM_DATABASE_URL": url,
        "CRM_SECRET_KEY": "live-test-secret-key-long-enough-for-hs256",
        "CRM_STORAGE_DIR": str(workdir / "storage"),
    }
    env.pop("CRM_TEST_DATABASE_URL", None)
    env.pop("CRM_REDIS_URL", None)
    async with two_servers(env, workdir) as found:
        yield found


async def gql(server: Server, token: str, query: str, **variables: Any) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=WAIT) as client:
        response = await client.post(
            f"{server.base}/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]
    return found


async def unpaid_invoice(server: Server, token: str, company: str) -> str:
    made = await gql(server, token, "mutation($c: String!) { createCustomer(input: {company: $c})"
                     " { record { id } userErrors { message } } }", c=company)  # fmt: skip
    customer = made["createCustomer"]["record"]["id"]
    invoice = await gql(server, token, NEW_INVOICE, customer=customer)
    found: str = invoice["createInvoice"]["record"]["id"]
    return found


@asynccontextmanager
async def socket(server: Server, payload: dict[str, Any] | None) -> AsyncIterator[ClientConnection]:
    async with connect(server.ws, subprotocols=[PROTOCOL], open_timeout=WAIT) as ws:
        init: dict[str, Any] = {"type": "connection_init"}
        if payload is not None:
            init["payload"] = payload
        await ws.send(json.dumps(init))
        yield ws


async def receive(ws: ClientConnection) -> dict[str, Any]:
    frame = await asyncio.wait_for(ws.recv(), WAIT)
    # graphql-ws and gql refuse binary frames: every message must be a text frame.
    assert isinstance(frame, str), f"a binary frame: {frame!r}"
    message: dict[str, Any] = json.loads(frame)
    return message


async def subscribe(ws: ClientConnection, query: str) -> None:
    assert (await receive(ws))["type"] == "connection_ack"
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
    await asyncio.sleep(SETTLE)


async def next_result(ws: ClientConnection) -> dict[str, Any]:
    while True:
        message = await receive(ws)
        if message["type"] == "ping":
            await ws.send(json.dumps({"type": "pong"}))
            continue
        assert message["type"] == "next", message
        payload: dict[str, Any] = message["payload"]
        return payload


async def test_a_paid_invoice_reaches_its_subscriber(servers: tuple[Server, Server, str]) -> None:
    one, _, token = servers
    invoice = await unpaid_invoice(one, token, "Paid Soon Ltd")

    async with socket(one, {"authorization": f"Bearer {token}"}) as ws:
        await subscribe(ws, INVOICE_PAID)
        await gql(one, token, PAY, id=invoice)
        got = await next_result(ws)

    assert got["data"] == {"invoicePaid": {"id": invoice, "status": "PAID", "total": "100.00"}}


async def test_the_handshake_header_authenticates_too(
    servers: tuple[Server, Server, str],
) -> None:
    one, _, token = servers
    headers = {"Authorization": f"Bearer {token}"}

    async with connect(
        one.ws,
        subprotocols=[PROTOCOL],
        additional_headers=headers,
        open_timeout=WAIT,
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init"}))
        await subscribe(ws, TICKET_OR_CUSTOMER)
        made = await gql(one, token, "mutation { createCustomer(input: {company: \"Live AG\"})"
                         " { record { id } } }")  # fmt: skip
        got = await next_result(ws)

    assert got["data"]["recordChanged"] == {
        "type": "customer.created", "resource": "customer",
        "recordId": made["createCustomer"]["record"]["id"], "fields": ["company"],
    }  # fmt: skip


@pytest.mark.parametrize("payload", [None, {}, {"authorization": "Bearer crm_not_a_token"}])
async def test_a_connection_without_a_good_credential_is_closed(
    servers: tuple[Server, Server, str], payload: dict[str, Any] | None
) -> None:
    one, _, _ = servers

    async with socket(one, payload) as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await receive(ws)

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


async def test_a_write_on_one_worker_reaches_a_subscriber_on_another(
    servers: tuple[Server, Server, str],
) -> None:
    one, two, token = servers
    invoice = await unpaid_invoice(two, token, "Other Worker GmbH")

    async with socket(one, {"authorization": f"Bearer {token}"}) as ws:
        await subscribe(ws, INVOICE_PAID)
        started = time.monotonic()
        await gql(two, token, PAY, id=invoice)
        got = await next_result(ws)
        took = time.monotonic() - started

    assert got["data"]["invoicePaid"]["id"] == invoice
    assert took < 5, took


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with suppress(OSError), socket_module.create_connection(("127.0.0.1", port), 0.2):
            break
        time.sleep(0.1)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


async def test_with_redis_a_write_on_one_sqlite_worker_wakes_another_at_once(
    tmp_path: Path, redis_url: str
) -> None:
    env = {
        **os.environ,
        "CRM_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'crm.db'}",
        "CRM_SECRET_KEY": "live-test-secret-key-long-enough-for-hs256",
        "CRM_REDIS_URL": redis_url,
    }
    env.pop("CRM_TEST_DATABASE_URL", None)
    async with two_servers(env, tmp_path) as (one, two, token):
        invoice = await unpaid_invoice(two, token, "Redis Woken BV")
        async with socket(one, {"authorization": f"Bearer {token}"}) as ws:
            await subscribe(ws, INVOICE_PAID)
            await gql(two, token, PAY, id=invoice)
            written = time.monotonic()
            got = await next_result(ws)
            took = time.monotonic() - written

    assert got["data"]["invoicePaid"]["id"] == invoice
    # with Redis the tail polls only every two seconds: this fast, the publish woke it
    assert took < 0.5, took
