"""A bounded load test against a real gateway process on 127.0.0.1.

50 concurrent clients for CRM_LOAD_SECONDS (default 8) mix REST and GraphQL reads and
writes: creates carry an Idempotency-Key (some are retried with it), updates carry
If-Match. Afterwards: no 5xx, no "database is locked", every acknowledged create is
readable, and each record's final version is one some client was told it wrote.
Runs on a SQLite file with one worker and, when CRM_TEST_DATABASE_URL names a
PostgreSQL database, on it with two workers.
"""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.servers import until_up

pytestmark = pytest.mark.server

BIN = Path(sys.executable).parent
CLIENTS = 50
SECONDS = float(os.environ.get("CRM_LOAD_SECONDS") or 8)
CREATE = "mutation ($c: String!) { createCustomer(input: {company: $c}) { record { databaseId } } }"
LIST = "{ customers(first: 5) { nodes { databaseId company } } }"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "crm-gateway"), *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@dataclass
class Server:
    base: str
    token: str


def serve(workdir: Path, url: str, workers: int) -> Iterator[Server]:
    env = {
        **os.environ,
        "CRM_DATABASE_URL": url,
        "CRM_SECRET_KEY": "load-test-secret-key-long-enough-for-hs256",
        "CRM_STORAGE_DIR": str(workdir / "storage"),
    }
    env.pop("CRM_TEST_DATABASE_URL", None)
    cli(env, "migrate")
    # 50 clients for several seconds spend far more than the default hourly quota.
    created = cli(env, "token", "create", "--name", "load", "--all", "--rate-limit", "1000000")
    token = created.strip().splitlines()[-1]
    port = free_port()
    log = (workdir / "server.log").open("w")
    command = [str(BIN / "crm-gateway"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", str(workers)], env=env, cwd=workdir, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        until_up(base, process, workdir / "server.log", seconds=90)
        yield Server(base, token)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[Server]:
    yield from serve(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'load.db'}", workers=1)


@pytest.fixture
def postgres_server(tmp_path: Path) -> Iterator[Server]:
    url = os.environ.get("CRM_TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip("CRM_TEST_DATABASE_URL names no PostgreSQL database")
    yield from serve(tmp_path, url, workers=2)


@dataclass
class Tally:
    statuses: dict[int, int] = field(default_factory=dict)
    locked: int = 0
    server_errors: list[str] = field(default_factory=list)
    # Connections dropped before a reply: nothing acknowledged, so nothing owed; a
    # kept-alive connection the server closes as the client reuses it ends this way.
    dropped: int = 0
    # id -> every ETag a client was told it wrote (create or update)
    acknowledged: dict[int, set[str]] = field(default_factory=dict)

    def count(self, reply: httpx.Response, what: str) -> None:
        self.statuses[reply.status_code] = self.statuses.get(reply.status_code, 0) + 1
        if "database is locked" in reply.text:
            self.locked += 1
        if reply.status_code >= 500:
            self.server_errors.append(f"{what}: {reply.status_code} {reply.text[:200]}")

    def ack(self, record_id: int, tag: str | None) -> None:
        tags = self.acknowledged.setdefault(record_id, set())
        if tag:
            tags.add(tag)


async def client_loop(http: httpx.AsyncClient, tally: Tally, seed: int, until: float) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        try:
            await one_step(http, tally, rng)
        except httpx.TransportError:
            tally.dropped += 1


async def one_step(http: httpx.AsyncClient, tally: Tally, rng: random.Random) -> None:
    known = list(tally.acknowledged)
    roll = rng.random()
    if roll < 0.25 or not known:
        await rest_create(http, tally, rng)
    elif roll < 0.35:
        await graphql_create(http, tally, rng)
    elif roll < 0.65:
        await rest_update(http, tally, rng.choice(known), rng)
    elif roll < 0.85:
        reply = await http.get(f"/api/v1/customers/{rng.choice(known)}")
        tally.count(reply, "read")
    else:
        reply = await http.post("/graphql", json={"query": LIST})
        tally.count(reply, "list")


async def rest_create(http: httpx.AsyncClient, tally: Tally, rng: random.Random) -> None:
    key = str(uuid.UUID(int=rng.getrandbits(128)))
    body = {"company": f"Load {key[:8]}"}
    reply = await http.post("/api/v1/customers", json=body, headers={"Idempotency-Key": key})
    tally.count(reply, "create")
    if reply.status_code == 201:
        tally.ack(reply.json()["id"], reply.headers.get("etag"))
        # A retry with the key is answered from the first reply, never a second record.
        again = await http.post("/api/v1/customers", json=body, headers={"Idempotency-Key": key})
        tally.count(again, "retry")
        assert again.status_code == 201 and again.json()["id"] == reply.json()["id"]
        assert again.headers.get("idempotent-replayed") == "true"


async def graphql_create(http: httpx.AsyncClient, tally: Tally, rng: random.Random) -> None:
    key = str(uuid.UUID(int=rng.getrandbits(128)))
    payload = {"query": CREATE, "variables": {"c": f"Graph {key[:8]}"}}
    reply = await http.post("/graphql", json=payload, headers={"Idempotency-Key": key})
    tally.count(reply, "graphql create")
    record = (reply.json().get("data") or {}).get("createCustomer", {}).get("record")
    if reply.status_code == 200 and record:
        tally.ack(record["databaseId"], None)


async def rest_update(
    http: httpx.AsyncClient, tally: Tally, record_id: int, rng: random.Random
) -> None:
    read = await http.get(f"/api/v1/customers/{record_id}")
    tally.count(read, "read for update")
    if read.status_code != 200:
        return
    body = {"company": f"Edited {rng.getrandbits(32):08x}"}
    headers = {"If-Match": read.headers["etag"]}
    reply = await http.put(f"/api/v1/customers/{record_id}", json=body, headers=headers)
    tally.count(reply, "update")
    assert reply.status_code in (200, 412), reply.text
    if reply.status_code == 200:
        tally.ack(record_id, reply.headers.get("etag"))


async def hammer(server: Server) -> Tally:
    tally = Tally()
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    headers = {"Authorization": f"Bearer {server.token}"}
    async with httpx.AsyncClient(
        base_url=server.base, headers=headers, limits=limits, timeout=30
    ) as http:
        until = time.monotonic() + SECONDS
        await asyncio.gather(*(client_loop(http, tally, seed, until) for seed in range(CLIENTS)))
        for record_id, tags in tally.acknowledged.items():
            reply = await http.get(f"/api/v1/customers/{record_id}")
            assert reply.status_code == 200, f"acknowledged customer {record_id} is gone"
            # Only GraphQL creates are acknowledged without a tag.
            if tags:
                assert reply.headers["etag"] in tags, f"customer {record_id} lost a write"
    return tally


def check(tally: Tally) -> None:
    assert tally.server_errors == []
    assert tally.locked == 0
    answered = sum(tally.statuses.values())
    # A worker that died would drop far more than a keep-alive race now and then.
    assert tally.dropped <= answered // 100, f"{tally.dropped} dropped of {answered}"
    writes = sum(tally.statuses.get(s, 0) for s in (200, 201))
    assert writes > CLIENTS, f"too little traffic to mean anything: {tally.statuses}"
    assert len(tally.acknowledged) > 10


async def test_mixed_load_on_sqlite_with_one_worker(sqlite_server: Server) -> None:
    check(await hammer(sqlite_server))


async def test_mixed_load_on_postgresql_with_two_workers(postgres_server: Server) -> None:
    check(await hammer(postgres_server))
