"""The README's "Running in production" setup, end to end: PostgreSQL and Redis on
127.0.0.1, two `crm-gateway serve` workers, and Debian's nginx in front running
deploy/nginx.conf verbatim (only its ${...} ports filled in, as envsubst would).

Traffic goes through nginx only. The test owns its PostgreSQL (it stops and restarts
it); Redis is the one CRM_TEST_REDIS_URL names. Every wait is bounded."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
import redis

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RATE_LIMIT = 60
REDIS_DB = 9
METRICS_TOKEN = "e2e-metrics-token-" + uuid.uuid4().hex
SECRET = "e2e-secret-key-long-enough-for-hs256-signing-0123456789"

COUNTED = "query E2eCounted { customers(first: 1) { nodes { id } } }"
CREATE = """
mutation E2eCreate($company: String!) {
  createCustomer(input: {company: $company}) { record { id company } userErrors { message } }
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def render(template: str, values: dict[str, str]) -> str:
    """envsubst with an explicit variable list: only ${NAME} of the given names."""
    for name, value in values.items():
        template = template.replace("${" + name + "}", value)
    return template


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> str:
    done = subprocess.run(
        list(args), env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    assert done.returncode == 0, f"{args} failed: {done.stdout}\n{done.stderr}"
    return done.stdout


def wait_until(ok: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if ok():  # type: ignore[operator]
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"timed out after {seconds}s waiting for {what}")


def logged(stack: Stack, holds: Callable[[list[str]], bool], what: str) -> list[str]:
    """The workers' logs once `holds` is true of them: a request's access line is written
    after its reply has gone, so a client can read the log before the line is there."""
    texts: list[str] = []

    def read() -> bool:
        texts[:] = [log.read_text() for log in stack.logs]
        return holds(texts)

    wait_until(read, 10, what)
    return texts


@dataclass
class Stack:
    base: str
    env: dict[str, str]
    workdir: Path
    pgdir: Path
    pg_port: int
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)

    def headers(self, token: str = "load") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[token]}"}

    def psql(self, sql: str) -> str:
        psql = shutil.which("psql") or "psql"
        return run(psql, "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres",
                   "-d", "crm_e2e", "-At", "-c", sql)  # fmt: skip


def start_worker(stack: Stack, port: int) -> None:
    log = stack.workdir / f"worker-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(BIN / "crm-gateway"), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=stack.env, cwd=stack.workdir, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    stack.workers.append(process)
    stack.logs.append(log)
    wait_until(
        lambda: httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200,
        90,
        f"the worker on {port}: {log.read_text()[-2000:]}",
    )


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not os.environ.get("CRM_TEST_DATABASE_URL"):
        pytest.skip("CRM_TEST_DATABASE_URL is not set: this test runs with PostgreSQL")
    redis_url = os.environ.get("CRM_TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("CRM_TEST_REDIS_URL is not set: start one with .ci/redis.sh")
    # A database of its own on that Redis, emptied: quotas are keyed by token id, and a
    # fresh PostgreSQL hands out the same ids on every run.
    redis_url = urlunsplit(urlsplit(redis_url)._replace(path=f"/{REDIS_DB}"))
    redis.Redis.from_url(redis_url).flushdb()
    workdir = tmp_path_factory.mktemp("proxy")
    # Under /tmp, not pytest's 0700 directory: the server runs as the postgres user.
    pgdir, pg_port = Path(tempfile.mkdtemp(prefix="crm-e2e-pg.")), free_port()
    # Its own PostgreSQL: the test stops it, which the shared one must never be.
    run(str(ROOT / ".ci/postgres.sh"), "start", str(pgdir), str(pg_port))
    ports = [free_port(), free_port()]
    listen = free_port()
    metrics_dir = workdir / "metrics"
    metrics_dir.mkdir()
    env = {
        **os.environ,
        "CRM_DATABASE_URL": f"postgresql+asyncpg://postgres@127.0.0.1:{pg_port}/crm_e2e",
        "CRM_REDIS_URL": redis_url,
        "CRM_SECRET_KEY": SECRET,
        "CRM_METRICS_TOKEN": METRICS_TOKEN,
        "CRM_LOG_FORMAT": "json",
        "CRM_SHUTDOWN_GRACE_SECONDS": "15",
        "CRM_READY_TIMEOUT_SECONDS": "1",
        "CRM_RATE_LIMIT_PER_HOUR": str(RATE_LIMIT),
        "CRM_GRAPHQL_COST_PER_HOUR": "1000000",
        "CRM_WEBHOOK_WORKER": "0",
        # Two `serve` processes, one multiprocess directory: either one's /metrics adds
        # up both (README, "Running in production").
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    for name in ("CRM_TEST_DATABASE_URL", "CRM_TEST_REDIS_URL"):
        env.pop(name, None)
    stack = Stack(f"http://127.0.0.1:{listen}", env, workdir, pgdir, pg_port)
    nginx_dir = workdir / "nginx"
    conf = nginx_dir / "nginx.conf"
    nginx = str(ROOT / ".ci/nginx.sh")
    try:
        run(
            shutil.which("psql") or "psql", "-h", "127.0.0.1", "-p", str(pg_port),
            "-U", "postgres", "-qc", "CREATE DATABASE crm_e2e",
        )  # fmt: skip
        run(str(BIN / "crm-gateway"), "migrate", env=env)
        for name in ("load", "limited", "other"):
            created = run(str(BIN / "crm-gateway"), "token", "create", "--name", name, "--all",
                          env=env)  # fmt: skip
            stack.tokens[name] = created.strip().splitlines()[-1]
        # Only "limited" keeps the small default quota; the traffic tokens get room.
        stack.psql("UPDATE api_tokens SET rate_limit_per_hour = 1000000 WHERE name <> 'limited'")
        for port in ports:
            start_worker(stack, port)
        nginx_dir.mkdir()
        values = {
            "LISTEN_PORT": str(listen),
            "GATEWAY_PORT_1": str(ports[0]),
            "GATEWAY_PORT_2": str(ports[1]),
        }
        conf.write_text(render((ROOT / "deploy/nginx.conf").read_text(), values))
        run(nginx, "start", str(nginx_dir), str(conf), timeout=300)
        wait_until(
            lambda: httpx.get(f"{stack.base}/healthz", timeout=1).status_code == 200, 30, "nginx"
        )
        yield stack
    finally:
        run(nginx, "stop", str(nginx_dir), str(conf))
        for process in stack.workers:
            if process.poll() is None:
                process.terminate()
        for process in stack.workers:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        run(str(ROOT / ".ci/postgres.sh"), "stop", str(pgdir))
        shutil.rmtree(pgdir, ignore_errors=True)


def metric(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        if all(f'{key}="{value}"' in line for key, value in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def scrape(stack: Stack) -> str:
    response = httpx.get(
        f"{stack.base}/metrics",
        headers={"Authorization": f"Bearer {METRICS_TOKEN}"},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.text


def test_metrics_count_what_was_sent_through_the_proxy(stack: Stack) -> None:
    # given the counters before
    before = scrape(stack)
    # when 12 named GraphQL operations and 7 REST reads go through nginx to both workers
    with httpx.Client(base_url=stack.base, headers=stack.headers("other"), timeout=10) as c:
        for _ in range(12):
            reply = c.post("/graphql", json={"query": COUNTED, "operationName": "E2eCounted"})
            assert reply.status_code == 200, reply.text
        for _ in range(7):
            assert c.get("/api/v1/customers").status_code == 200
    after = scrape(stack)

    # then /metrics, whichever worker answers, counts exactly those
    def grown(name: str, **labels: str) -> float:
        return metric(after, name, **labels) - metric(before, name, **labels)

    assert grown("crm_graphql_operations_total", operation="E2eCounted", status="200") == 12
    assert grown("crm_http_requests_total", route="/api/v1/customers", status="200") == 7
    assert grown("crm_http_request_duration_seconds_count", route="/api/v1/customers") == 7
    assert metric(after, "crm_sql_statements_per_request_count", route="/graphql") >= 12
    assert "crm_webhook_outbox_depth" in after
    assert 'crm_db_pool_connections{pool="main",state="idle"}' in after
    # and both workers took a share (nginx round-robins)
    texts = logged(stack, lambda ts: sum(t.count('"operation":"E2eCounted"') for t in ts) >= 12,
                   "every E2eCounted access line")  # fmt: skip
    served = [text.count('"operation":"E2eCounted"') for text in texts]
    assert sum(served) == 12 and all(served), served


def test_metrics_through_the_proxy_need_the_token(stack: Stack) -> None:
    assert httpx.get(f"{stack.base}/metrics", timeout=10).status_code == 401


def test_request_id_passes_through_and_logs_hold_no_secret(stack: Stack) -> None:
    rid = "e2e-" + uuid.uuid4().hex
    reply = httpx.get(
        f"{stack.base}/api/v1/customers?api_key=leaky",
        headers={**stack.headers("other"), "X-Request-ID": rid},
        timeout=10,
    )
    assert reply.headers["x-request-id"] == rid
    logs = "".join(logged(stack, lambda ts: any(rid in t for t in ts), f"the line of {rid}"))
    line = next(line for line in logs.splitlines() if rid in line)
    assert '"route":"/api/v1/customers"' in line and '"principal":"token:' in line
    assert stack.tokens["other"] not in logs and "leaky" not in logs
    generated = httpx.get(f"{stack.base}/healthz", timeout=10).headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)


def test_rate_limit_is_exact_across_workers(stack: Stack) -> None:
    # given a token whose hourly quota is RATE_LIMIT, shared through Redis
    with httpx.Client(base_url=stack.base, headers=stack.headers("limited"), timeout=10) as c:
        # when it sends more than that, alternating workers behind nginx
        statuses = [c.get("/api/v1/customers").status_code for _ in range(RATE_LIMIT + 10)]
    # then exactly the quota is served and the rest refused
    assert statuses.count(200) == RATE_LIMIT
    assert statuses.count(429) == 10
    assert metric(scrape(stack), "crm_limit_rejections_total", kind="rate_limit") >= 10


def test_idempotency_key_holds_across_workers(stack: Stack) -> None:
    # given one Idempotency-Key
    key = uuid.uuid4().hex
    company = f"idem-{key}"
    headers = {**stack.headers("load"), "Idempotency-Key": key}
    body = {"query": CREATE, "variables": {"company": company}}
    # when the same mutation is sent several times through nginx (both workers)
    replies = [httpx.post(f"{stack.base}/graphql", json=body, headers=headers, timeout=10)
               for _ in range(4)]  # fmt: skip
    # then one customer exists and every reply is the first one
    first = replies[0].json()["data"]["createCustomer"]["record"]
    assert all(r.json()["data"]["createCustomer"]["record"] == first for r in replies)
    assert all(r.headers.get("idempotent-replayed") == "true" for r in replies[1:])
    assert stack.psql(f"SELECT count(*) FROM customers WHERE company = '{company}'") == "1\n"


def test_readyz_follows_the_database(stack: Stack) -> None:
    ready = httpx.get(f"{stack.base}/readyz", timeout=10)
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"database": "ok", "redis": "ok"}
    run(str(ROOT / ".ci/postgres.sh"), "stop", str(stack.pgdir))
    try:
        started = time.monotonic()
        down = httpx.get(f"{stack.base}/readyz", timeout=10)
        assert time.monotonic() - started < 5
        assert down.status_code == 503
        assert down.json()["status"] == "unready"
        assert down.json()["error"].startswith("database: ")
        assert down.json()["checks"]["redis"] == "ok"
        assert httpx.get(f"{stack.base}/healthz", timeout=10).status_code == 200
    finally:
        # The script recreates only its crm_test database; crm_e2e is kept.
        run(str(ROOT / ".ci/postgres.sh"), "start", str(stack.pgdir), str(stack.pg_port))
    wait_until(
        lambda: httpx.get(f"{stack.base}/readyz", timeout=5).status_code == 200,
        30,
        "/readyz after PostgreSQL came back",
    )


def test_sigterm_during_load_loses_no_acknowledged_write(stack: Stack) -> None:
    # given steady writes through nginx from 8 clients
    prefix = f"sigterm-{uuid.uuid4().hex[:8]}"
    stop_at = time.monotonic() + 6

    def client(n: int) -> list[tuple[int, str | None]]:
        results: list[tuple[int, str | None]] = []
        with httpx.Client(base_url=stack.base, headers=stack.headers("load"), timeout=20) as c:
            i = 0
            while time.monotonic() < stop_at:
                company = f"{prefix}-{n}-{i}"
                i += 1
                try:
                    body = {"query": CREATE, "variables": {"company": company}}
                    reply = c.post("/graphql", json=body)
                except httpx.TransportError:
                    results.append((0, None))
                    continue
                record = reply.json().get("data", {}) if reply.status_code == 200 else {}
                made = (record or {}).get("createCustomer", {}).get("record")
                results.append((reply.status_code, made["company"] if made else None))
        return results

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(client, n) for n in range(8)]
        # when one worker is sent SIGTERM in the middle of it
        time.sleep(2)
        victim = stack.workers[0]
        victim.send_signal(signal.SIGTERM)
        results = [r for f in futures for r in f.result(timeout=60)]

    # then it shuts down gracefully within its grace period (uvicorn exits by re-raising
    # the SIGTERM it handled, after the lifespan's shutdown)
    assert victim.wait(timeout=30) in (0, -signal.SIGTERM)
    log = stack.logs[0].read_text()
    assert "Waiting for application shutdown." in log
    assert "Application shutdown complete." in log
    # and every acknowledged write is in the database
    acknowledged = {company for status, company in results if status == 200 and company}
    stored = set(stack.psql(f"SELECT company FROM customers WHERE company LIKE '{prefix}-%'")
                 .split())  # fmt: skip
    assert acknowledged and acknowledged <= stored
    # and nothing failed but what nginx could not hand over (never a 500)
    refused = [status for status, _ in results if status != 200]
    assert not [s for s in refused if s not in (0, 502)], refused
    assert len(refused) <= 2, refused
