"""The benchmark's data: `crm-gateway seed-demo` into a SQLite file and, when PostgreSQL
can be started here, into a PostgreSQL of the run's own; reused while the size matches."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from bench.servers import BIN, ROOT, free_port

PG_SCRIPT = ROOT / ".ci" / "postgres.sh"


def _cli(*args: str, database_url: str, secret: str) -> str:
    env = {**os.environ, "CRM_DATABASE_URL": database_url, "CRM_SECRET_KEY": secret}
    result = subprocess.run(
        [str(BIN / "crm-gateway"), *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"crm-gateway {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def seed(database_url: str, secret: str, customers: int, marker: Path) -> None:
    if marker.exists() and marker.read_text() == str(customers):
        return
    _cli("seed-demo", "--customers", str(customers), database_url=database_url, secret=secret)
    marker.write_text(str(customers))


def token(database_url: str, secret: str) -> str:
    out = _cli(
        "token", "create", "--name", "bench", "--all", database_url=database_url, secret=secret
    )
    return out.strip().splitlines()[-1]


def sqlite(workdir: Path, secret: str, customers: int) -> str:
    path = workdir / f"crm-{customers}.db"
    url = f"sqlite+aiosqlite:///{path}"
    seed(url, secret, customers, workdir / f"crm-{customers}.seeded")
    return url


class Postgres:
    """A PostgreSQL 15 of the run's own (installed with apt when missing), JIT off.

    JIT compiles plans for big JSON-building statements on every execution and costs more
    than it saves at this size for every contender alike, so the run turns it off.
    """

    def __init__(self, workdir: Path) -> None:
        self.dir = workdir / "pg"
        # CRM_BENCH_PG_PORT pins the port where several runs share a machine.
        self.port = int(os.environ.get("CRM_BENCH_PG_PORT") or free_port())

    def start(self) -> None:
        subprocess.run(
            ["bash", str(PG_SCRIPT), "start", str(self.dir), str(self.port)],
            capture_output=True, check=True,
        )  # fmt: skip

    def create(self, customers: int, secret: str) -> str:
        name = f"crm_bench_{customers}"
        url = f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{name}"
        marker = self.dir.parent / f"{name}.seeded"
        if not marker.exists():
            self._psql(f"DROP DATABASE IF EXISTS {name}")
            self._psql(f"CREATE DATABASE {name}")
            self._psql(f"ALTER DATABASE {name} SET jit = off")
        seed(url, secret, customers, marker)
        return url

    def stop(self) -> None:
        subprocess.run(["bash", str(PG_SCRIPT), "stop", str(self.dir)], capture_output=True)

    def _psql(self, sql: str) -> str:
        argv = ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-tAc", sql]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout
