"""The two README commands' promise, end to end: a real `crm-gateway` process on
127.0.0.1, demo data, a token from the CLI, and a GraphQL query over the wire."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.servers import until_up

pytestmark = pytest.mark.server

BIN = Path(sys.executable).parent
CUSTOMER_WITH_CONTACTS = """
{ customers(first: 1) { nodes { company contacts { nodes { email isPrimary } } } } }
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "crm-gateway"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    workdir = tmp_path_factory.mktemp("server")
    env = {
        **os.environ,
        "CRM_DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'crm.db'}",
        "CRM_SECRET_KEY": "server-test-secret-key-long-enough-for-hs256",
    }
    env.pop("CRM_TEST_DATABASE_URL", None)
    cli(env, "seed-demo", "--customers", "3")
    port = free_port()
    # The log goes to a file: a pipe nobody reads would fill and stall the server.
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(
        [str(BIN / "crm-gateway"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        until_up(base, process, workdir / "server.log")
    except pytest.fail.Exception:
        log.close()
        raise
    try:
        yield base, env
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


def test_a_cli_token_reads_a_demo_customer_with_contacts(
    server: tuple[str, dict[str, str]],
) -> None:
    base, env = server
    created = cli(env, "token", "create", "--name", "e2e", "--all")
    token = created.stdout.strip().splitlines()[-1]
    assert token.startswith("crm_")

    response = httpx.post(
        f"{base}/graphql",
        json={"query": CUSTOMER_WITH_CONTACTS},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )

    assert response.status_code == 200
    customer = response.json()["data"]["customers"]["nodes"][0]
    assert customer["company"]
    contacts = customer["contacts"]["nodes"]
    assert contacts and sum(c["isPrimary"] for c in contacts) == 1


def test_tokens_are_stored_only_as_hashes(server: tuple[str, dict[str, str]]) -> None:
    import sqlite3

    _, env = server
    token = cli(
        env, "token", "create", "--name", "dump", "--permission", "customers:get"
    ).stdout.split()[-1]
    path = env["CRM_DATABASE_URL"].removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(path) as conn:
        dump = "\n".join(conn.iterdump())
    assert token not in dump
    assert token[10:] not in dump


def test_token_create_refuses_unknown_permissions(server: tuple[str, dict[str, str]]) -> None:
    _, env = server
    args = ["token", "create", "--name", "bad", "--permission", "customers:fly"]
    result = subprocess.run(
        [str(BIN / "crm-gateway"), *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "unknown permission 'customers:fly'" in result.stderr


def test_a_terminated_server_removes_its_metrics_directory(tmp_path: Path) -> None:
    # uvicorn re-raises the SIGTERM it stopped on after shutting down; the directory
    # Prometheus' workers share must be gone before the process ends.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {
        **os.environ,
        "CRM_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'crm.db'}",
        "CRM_SECRET_KEY": "server-test-secret-key-long-enough-for-hs256",
        "TMPDIR": str(scratch),
    }
    for name in ("CRM_TEST_DATABASE_URL", "PROMETHEUS_MULTIPROC_DIR"):
        env.pop(name, None)
    cli(env, "migrate")
    port = free_port()
    with (tmp_path / "server.log").open("w") as log:
        process = subprocess.Popen(
            [str(BIN / "crm-gateway"), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            until_up(f"http://127.0.0.1:{port}", process, tmp_path / "server.log")
            running = [p.name for p in scratch.iterdir()]
            process.terminate()
            code = process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)

    assert [name[:12] for name in running] == ["crm-metrics-"], (
        tmp_path / "server.log"
    ).read_text()
    assert (code, list(scratch.iterdir())) == (143, [])


def test_serve_on_a_database_never_migrated_says_to_migrate(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "CRM_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'crm.db'}",
        "CRM_SECRET_KEY": "server-test-secret-key-long-enough-for-hs256",
    }
    env.pop("CRM_TEST_DATABASE_URL", None)

    run = subprocess.run(
        [str(BIN / "crm-gateway"), "serve", "--host", "127.0.0.1", "--port", str(free_port())],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert run.returncode == 2, run.stdout + run.stderr
    assert "cannot serve: the database has no migrations applied" in run.stderr
    assert "run `crm-gateway migrate`" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr
