"""The processes a benchmark run starts on 127.0.0.1: gateway workers, the bare floor,
PostGraphile 5; each waits until it answers and is stopped when the block ends."""

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
PEER = ROOT / "bench" / "postgraphile"
NODE_MAJOR = 22


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
    """PostGraphile 5 and Node 22 from the npm registry into the cache, or None where npm
    cannot install them.

    bench/postgraphile holds the pinned package.json and package-lock.json (PostGraphile
    5.1.5, its filter and aggregates presets, and the npm `node` package 22.23.3, since
    PostGraphile 5 needs Node >= 22 and the system Node may be older) and the preset;
    `npm ci` installs them into CRM_BENCH_CACHE/postgraphile5 again whenever the lock
    changes. Returns the Node 22 binary the peer runs on.
    """
    target = CACHE / "postgraphile5"
    node = target / "node_modules" / ".bin" / "node"
    stamp = target / "installed.lock"
    lock = (PEER / "package-lock.json").read_text()
    if not (node.exists() and stamp.exists() and stamp.read_text() == lock):
        if shutil.which("npm") is None:
            return None
        target.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(PEER / name, target / name)
        result = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=target, capture_output=True, timeout=900,
        )  # fmt: skip
        if result.returncode != 0 or not node.exists():
            sys.stderr.write(result.stderr.decode(errors="replace")[-2000:])
            return None
        stamp.write_text(lock)
    version = subprocess.run([str(node), "--version"], capture_output=True, text=True).stdout
    if not version.startswith(f"v{NODE_MAJOR}."):
        sys.stderr.write(f"the cached Node is {version.strip()}, not {NODE_MAJOR}\n")
        return None
    return node


@contextmanager
def postgraphile(node: Path, database_url: str, log: Path) -> Iterator[Server]:
    """PostGraphile 5's own CLI with bench/postgraphile/graphile.config.mjs, one process."""
    target = node.parent.parent.parent
    # The preset imports its plugins, so it must sit beside their node_modules.
    shutil.copyfile(PEER / "graphile.config.mjs", target / "graphile.config.mjs")
    cli = target / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    command = [str(node), str(cli), "-C", str(target / "graphile.config.mjs")]
    dsn = database_url.replace("postgresql+asyncpg://", "postgres://")
    env = {"BENCH_DATABASE_URL": dsn, "NODE_ENV": "production", "GRAPHILE_ENV": "production"}
    with running(command, env=env, ready="/graphql", log=log) as server:
        yield server
