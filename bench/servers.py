"""The processes a benchmark run starts on 127.0.0.1: gateway workers, the bare floor,
PostGraphile; each waits until it answers and is stopped when the block ends."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CACHE = Path(os.environ.get("CRM_BENCH_CACHE", Path.home() / ".cache" / "crm-bench"))
POSTGRAPHILE_VERSION = "4"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class Server:
    url: str
    pid: int

    def peak_rss_mb(self) -> float:
        """The process's high-water resident memory (VmHWM), in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0


@contextmanager
def running(
    command: list[str], *, env: Mapping[str, str], ready: str, log: Path
) -> Iterator[Server]:
    port = free_port()
    full_env = {**os.environ, **env, "PORT": str(port)}
    argv = [a.replace("{port}", str(port)) for a in command]
    with log.open("ab") as out:
        process = subprocess.Popen(
            argv, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url + ready, process, log)
        yield Server(url=url, pid=process.pid)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}; see {log}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass  # not listening yet
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f}s; see {log}")


def gateway_env(database_url: str, secret: str) -> dict[str, str]:
    # The benchmark measures the read path, not the quotas: one token sends far more
    # than the default hourly budget during a run.
    return {
        "CRM_DATABASE_URL": database_url,
        "CRM_SECRET_KEY": secret,
        "CRM_RATE_LIMIT_PER_HOUR": "1000000000",
        "CRM_GRAPHQL_COST_PER_HOUR": "1000000000",
        "CRM_WEBHOOK_WORKER": "0",
        "CRM_LOG_LEVEL": "warning",
    }


@contextmanager
def gateway(database_url: str, secret: str, workers: int, log: Path) -> Iterator[Server]:
    command = [str(BIN / "crm-gateway"), "serve", "--host", "127.0.0.1", "--port", "{port}"]
    command += ["--workers", str(workers)]
    with running(
        command, env=gateway_env(database_url, secret), ready="/healthz", log=log
    ) as server:
        yield server


@contextmanager
def bare(database_url: str, log: Path) -> Iterator[Server]:
    command = [str(BIN / "uvicorn"), "bench.bare:app", "--host", "127.0.0.1", "--port", "{port}"]
    command += ["--no-access-log", "--log-level", "warning"]
    with running(
        command, env={"BENCH_DATABASE_URL": database_url}, ready="/customers/1", log=log
    ) as server:
        yield server


def postgraphile_bin() -> Path | None:
    """PostGraphile from the npm registry into the cache, or None where Node cannot run it."""
    target = CACHE / "postgraphile"
    binary = target / "node_modules" / ".bin" / "postgraphile"
    if binary.exists():
        return binary
    if shutil.which("npm") is None or shutil.which("node") is None:
        return None
    target.mkdir(parents=True, exist_ok=True)
    install = ["npm", "install", "--silent", "--prefix", str(target)]
    result = subprocess.run(
        [*install, f"postgraphile@{POSTGRAPHILE_VERSION}"], capture_output=True, timeout=600
    )
    return binary if result.returncode == 0 and binary.exists() else None


@contextmanager
def postgraphile(binary: Path, database_url: str, log: Path) -> Iterator[Server]:
    dsn = database_url.replace("postgresql+asyncpg://", "postgres://")
    command = [str(binary), "-c", dsn, "-s", "public", "-n", "127.0.0.1", "-p", "{port}"]
    command += ["--disable-query-log", "--disable-graphiql"]
    with running(command, env={}, ready="/graphql", log=log) as server:
        yield server
