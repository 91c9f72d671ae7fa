"""`crm-gateway serve --workers 2` on PostgreSQL and Redis: the quota is exact across
worker processes. Skipped without CRM_TEST_DATABASE_URL (PostgreSQL) and CRM_TEST_REDIS_URL."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import uuid
from collections.abc import Iterator

import httpx
import pytest
from redis import Redis
from sqlalchemy.engine import make_url

from tests.gateway.test_server_process import BIN, cli, free_port
from tests.servers import until_up

pytestmark = pytest.mark.server

LIMIT = 30
REQUESTS = 40
QUERY = {"query": "{ customers(first: 1) { totalCount } }"}


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    database = os.environ.get("CRM_TEST_DATABASE_URL", "")
    redis = os.environ.get("CRM_TEST_REDIS_URL", "")
    if not database.startswith("postgresql") or not redis:
        pytest.skip("needs CRM_TEST_DATABASE_URL (PostgreSQL) and CRM_TEST_REDIS_URL")
    workdir = tmp_path_factory.mktemp("workers")
    env = {
        **os.environ,
        "CRM_DATABASE_URL": make_url(database).render_as_string(hide_password=False),
        "CRM_REDIS_URL": redis,
        "CRM_SECRET_KEY": "workers-test-secret-key-long-enough-for-hs256",
        "CRM_WEBHOOK_WORKER": "0",
    }
    cli(env, "migrate")
    created = cli(env, "token", "create", "--name", f"w-{uuid.uuid4().hex[:6]}", "--all",
                  "--rate-limit", str(LIMIT))  # fmt: skip
    api_token = created.stdout.strip().splitlines()[-1]
    forget_counts(redis, created.stderr)
    port = free_port()
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(
        [str(BIN / "crm-gateway"), "serve", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "2"],
        env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        # Each worker imports the whole app; on a busy machine that takes a while.
        until_up(base, process, workdir / "server.log", seconds=180)
        yield base, api_token
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def forget_counts(redis_url: str, cli_stderr: str) -> None:
    # The test database restarts its ids on every reset, but Redis keeps this hour's
    # counts: a token id an earlier run used must start from zero again.
    token_id = re.search(r"token (\d+) ", cli_stderr)
    assert token_id is not None, cli_stderr
    client = Redis.from_url(redis_url)
    try:
        for key in client.scan_iter(f"crm:limit:*token:{token_id.group(1)}:*"):
            client.delete(key)
    finally:
        client.close()


async def one_request(base: str, headers: dict[str, str], i: int) -> httpx.Response:
    # A fresh connection per request, so the kernel spreads them over both workers.
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        if i % 2:
            return await client.post("/graphql", json=QUERY, headers=headers)
        return await client.get("/api/v2/customers", headers=headers)


def test_the_quota_is_exact_across_two_workers(two_workers: tuple[str, str]) -> None:
    base, api_token = two_workers
    headers = {"Authorization": f"Bearer {api_token}"}

    async def burst() -> list[httpx.Response]:
        return await asyncio.gather(*(one_request(base, headers, i) for i in range(REQUESTS)))

    answers = asyncio.run(burst())

    served = [a for a in answers if a.status_code == 200]
    refused = [a for a in answers if a.status_code == 429]
    assert (len(served), len(refused)) == (LIMIT, REQUESTS - LIMIT)
    # Every count from 29 down to 0 was handed out exactly once.
    remaining = sorted(int(a.headers["X-RateLimit-Remaining"]) for a in served)
    assert remaining == list(range(LIMIT))
    assert all(int(a.headers["Retry-After"]) >= 1 for a in refused)
    assert all(a.headers["X-RateLimit-Remaining"] == "0" for a in refused)
    assert {a.headers["X-RateLimit-Limit"] for a in answers} == {str(LIMIT)}
