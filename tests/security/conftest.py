"""The review's replay: a real `crm-gateway serve --demo` process on 127.0.0.1 per module,
on the engine the suite runs on (a database of its own on the test PostgreSQL, so the
in-process tests' per-test resets never touch it)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.gateway.test_server_process import BIN, free_port
from tests.servers import until_up

SECRET = "security-review-secret-key-long-enough-for-hs256"


@dataclass(frozen=True)
class Live:
    base: str
    token: str
    env: dict[str, str]
    log: Path

    def cli(self, *args: str) -> str:
        """A `crm-gateway` command against the live server's database; its stdout."""
        done = subprocess.run(
            [str(BIN / "crm-gateway"), *args],
            env=self.env, capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        return done.stdout


def _database_url(workdir: Path, name: str) -> str:
    test_url = os.environ.get("CRM_TEST_DATABASE_URL")
    if not test_url:
        return f"sqlite+aiosqlite:///{workdir / 'crm.db'}"
    url = make_url(test_url)
    database = f"{url.database}_{name}"
    admin = url.set(drivername="postgresql", database="postgres")
    subprocess.run(
        ["psql", admin.render_as_string(hide_password=False), "-qc",
         f"DROP DATABASE IF EXISTS {database}", "-c", f"CREATE DATABASE {database}"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return url.set(database=database).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Live]:
    name = request.module.__name__.rsplit(".", 1)[-1]
    with serve_demo(name, tmp_path_factory.mktemp(name)) as server:
        yield server


@contextmanager
def serve_demo(
    name: str,
    workdir: Path,
    *,
    production_hashes: bool = False,
    settings: Mapping[str, str] | None = None,
) -> Iterator[Live]:
    """A `serve --demo` process on its own database named after `name` (a fixture of
    another scope, e.g. one server for a whole package, starts it the same way).
    `production_hashes`: argon2 at the cost users run, not the suite's cheapest;
    `settings`: more CRM_* variables for it."""
    env = {
        **os.environ,
        **(settings or {}),
        "CRM_DATABASE_URL": _database_url(workdir, name),
        "CRM_SECRET_KEY": SECRET,
        "CRM_STORAGE_DIR": str(workdir / "storage"),
        "CRM_WEBHOOK_WORKER": "0",
    }
    unset = ["CRM_TEST_DATABASE_URL", "CRM_REDIS_URL"]
    for variable in unset + (["CRM_ARGON2_PROFILE"] if production_hashes else []):
        env.pop(variable, None)
    port = str(free_port())
    log_path = workdir / "server.log"
    out_path = workdir / "stdout"
    # Files, not pipes: a pipe nobody reads would fill and stall the server.
    with log_path.open("w") as log, out_path.open("w") as out:
        process = subprocess.Popen(
            [str(BIN / "crm-gateway"), "serve", "--demo", "--host", "127.0.0.1", "--port", port],
            env=env, cwd=workdir, stdout=out, stderr=log,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        until_up(base, process, log_path)
        token = out_path.read_text().splitlines()[0].strip()
        yield Live(base=base, token=token, env=env, log=log_path)
    finally:
        process.terminate()
        process.wait(timeout=15)
