"""No token, password or JWT ever reaches a log line: in-process at DEBUG, and in the
output of a real `crm-gateway serve` process."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from gateway.database import Database
from gateway.security import uvicorn_log_config
from gateway.settings import Settings
from tests.auth.conftest import REST, SECRET, client_for, graphql
from tests.factories import make_staff, make_token
from tests.gateway.test_server_process import BIN, cli, free_port
from tests.servers import until_up

PASSWORD = "correct-horse-battery-staple"
WRONG_PASSWORD = "wrong-horse-battery-staple"
LOGIN = """
mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token userErrors { code } }
}
"""
PROBE = "{ customers(first: 1) { totalCount } }"
BROWSER = "text/html,application/xhtml+xml"
LOGGERS = ("", "uvicorn", "uvicorn.error", "uvicorn.access", "crm", "rest_compat", "strawberry")


def secrets_of(token: str, jwt: str) -> list[str]:
    # The whole values and their distinctive tails (a log might cut or prefix them).
    return [token, token[10:], jwt, jwt.split(".")[2], PASSWORD, WRONG_PASSWORD, SECRET]


async def every_way_of_authenticating(
    client: httpx.AsyncClient, token: str, jwt: str, base: str = ""
) -> None:
    bearer = {"Authorization": f"Bearer {token}"}
    await client.post(f"{base}/graphql", json={"query": PROBE}, headers=bearer)
    await client.post(
        f"{base}/graphql", json={"query": PROBE}, headers={"Authorization": f"Bearer {jwt}"}
    )
    await client.get(f"{base}/graphql?{urlencode({'token': token})}", headers={"accept": BROWSER})
    await client.get(f"{base}/graphql?{urlencode({'query': PROBE, 'token': token})}")
    for path, header in REST.values():
        await client.get(f"{base}{path}", headers={header: token})
        await client.get(f"{base}{path}", headers={header: jwt})
        await client.get(f"{base}{path}", headers={header: token + "x"})
    await client.get(f"{base}/api/v1/customers?{urlencode({'api_key': token})}")
    for password in (PASSWORD, WRONG_PASSWORD):
        variables = {"email": "sara@example.com", "password": password}
        await client.post(f"{base}/graphql", json={"query": LOGIN, "variables": variables})
        await client.post(f"{base}/api/v1/auth/login", json=variables)
    # A broken token and a forged one make the middleware log its refusal, if anything does.
    await client.post(
        f"{base}/graphql", json={"query": PROBE}, headers={"Authorization": f"Bearer {jwt}x"}
    )


async def test_in_process_logs_at_debug_carry_no_secret(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    await make_staff(db, password=PASSWORD, is_admin=True)
    token = (await make_token(db, "*")).token
    async for client in client_for(Settings(secret_key=SECRET), db):
        login = await graphql(client, LOGIN, email="sara@example.com", password=PASSWORD)
        jwt = login.json()["data"]["login"]["token"]
        assert jwt and token

        for name in LOGGERS:
            caplog.set_level(logging.DEBUG, logger=name)
        await every_way_of_authenticating(client, token, jwt)

    # httpx is the test's own client, logging the URLs it was asked to fetch.
    server_side = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    logged = "".join(f"{r.getMessage()} {r.exc_text} {r.__dict__!r}" for r in server_side)
    assert server_side, "nothing was logged: the capture is not listening"
    for secret in secrets_of(token, jwt):
        assert secret not in logged


def test_uvicorns_access_line_loses_its_query_string() -> None:
    # The line uvicorn writes when its access log is on (gateway.cli turns it off in
    # favour of the gateway's own request line); the filter is there for when it is on.
    config = uvicorn_log_config()
    assert "strip_query" in config["handlers"]["access"]["filters"]
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/graphql?token=crm_secret-value", "1.1", 200), None,
    )  # fmt: skip
    from gateway.security import StripQueryString

    StripQueryString().filter(record)

    assert record.getMessage() == '127.0.0.1:5000 - "GET /graphql HTTP/1.1" 200'


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], Path]]:
    workdir = tmp_path_factory.mktemp("server-logs")
    env = {
        **os.environ,
        "CRM_DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'crm.db'}",
        "CRM_SECRET_KEY": SECRET,
        "CRM_LOG_LEVEL": "debug",
    }
    env.pop("CRM_TEST_DATABASE_URL", None)
    cli(env, "seed-demo", "--customers", "1")
    port = free_port()
    path = workdir / "server.log"
    log = path.open("w")
    process = subprocess.Popen(
        [str(BIN / "crm-gateway"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        until_up(base, process, path)
    except pytest.fail.Exception:
        log.close()
        raise
    try:
        yield base, env, path
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


@pytest.mark.server
async def test_a_real_server_logs_no_secret(
    server: tuple[str, dict[str, str], Path],
) -> None:
    base, env, path = server
    token = cli(env, "token", "create", "--name", "logs", "--all").stdout.split()[-1]
    async with httpx.AsyncClient(timeout=10) as client:
        demo = {"email": "admin@example.com", "password": "admin"}
        jwt = (await client.post(f"{base}/api/v1/auth/login", json=demo)).json()["token"]
        await every_way_of_authenticating(client, token, jwt, base)
        await client.post(f"{base}/api/v1/auth/login", json=demo)
    await asyncio.sleep(0.5)  # let the server flush its last lines

    output = path.read_text()

    assert "/graphql" in output or "request" in output, output[-2000:]
    for secret in secrets_of(token, jwt):
        assert secret not in output
