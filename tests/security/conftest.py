"""The review's replay: a real `crm-gateway serve --demo` process on 127.0.0.1 per module,
on the engine the suite runs on (a database of its own on the test PostgreSQL, so the
in-process tests' per-test resets never touch it).

Each server's database starts as a copy of one `crm-gateway seed-demo` run per process
(and argon2 cost): migrating and seeding the demo data was most of a start-up. `serve
--demo` still migrates (nothing left to apply) and finds the data there."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from tests.gateway.test_server_process import BIN, free_port

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


def _database_url(workdir: Path, name: str, env: Mapping[str, str]) -> str:
    """A database of the server's own holding the demo data (`env`: the server's, whose
    argon2 cost the demo staff's password hashes were made at)."""
    template = _demo_template(workdir.parent, env)
    test_url = os.environ.get("CRM_TEST_DATABASE_URL")
    if not test_url:
        path = workdir / "crm.db"
        with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(path)) as target:
            source.backup(target)
        return f"sqlite+aiosqlite:///{path}"
    url = make_url(test_url)
    database = f"{url.database}_{name}"
    _psql(f"DROP DATABASE IF EXISTS {database}", f"CREATE DATABASE {database} TEMPLATE {template}")
    return url.set(database=database).render_as_string(hide_password=False)


def _psql(*statements: str) -> None:
    url = make_url(os.environ["CRM_TEST_DATABASE_URL"])
    admin = url.set(drivername="postgresql", database="postgres")
    commands = [arg for statement in statements for arg in ("-c", statement)]
    subprocess.run(
        ["psql", admin.render_as_string(hide_password=False), "-qX", "-v", "ON_ERROR_STOP=1",
         *commands],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


# The demo databases made by this process: argon2 profile -> SQLite file or PostgreSQL name.
_TEMPLATES: dict[str, str] = {}


def _demo_template(where: Path, env: Mapping[str, str]) -> str:
    """`crm-gateway seed-demo` (the data `serve --demo` loads into an empty database) run
    once per process and argon2 cost, into a SQLite file under `where` or a PostgreSQL
    database named after this process's test database."""
    profile = env.get("CRM_ARGON2_PROFILE") or "default"
    if profile in _TEMPLATES:
        return _TEMPLATES[profile]
    test_url = os.environ.get("CRM_TEST_DATABASE_URL")
    if test_url:
        url = make_url(test_url)
        template = f"{url.database}_demo_{profile.lower()}"
        _psql(f"DROP DATABASE IF EXISTS {template} WITH (FORCE)", f"CREATE DATABASE {template}")
        template_url = url.set(database=template).render_as_string(hide_password=False)
    else:
        path = where / f"demo-{profile.lower()}.db"
        path.unlink(missing_ok=True)
        template, template_url = str(path), f"sqlite+aiosqlite:///{path}"
    seeding = {**env, "CRM_DATABASE_URL": template_url}
    done = subprocess.run(
        [str(BIN / "crm-gateway"), "seed-demo"],
        env=seeding, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.fail(f"seed-demo failed: {done.stderr}")
    _TEMPLATES[profile] = template
    return template


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
        "CRM_SECRET_KEY": SECRET,
        "CRM_STORAGE_DIR": str(workdir / "storage"),
        "CRM_WEBHOOK_WORKER": "0",
    }
    unset = ["CRM_TEST_DATABASE_URL", "CRM_REDIS_URL"]
    for variable in unset + (["CRM_ARGON2_PROFILE"] if production_hashes else []):
        env.pop(variable, None)
    env["CRM_DATABASE_URL"] = _database_url(workdir, name, env)
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
    deadline = time.monotonic() + 120
    try:
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gateway did not start: {log_path.read_text()}")
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        token = out_path.read_text().splitlines()[0].strip()
        yield Live(base=base, token=token, env=env, log=log_path)
    finally:
        process.terminate()
        process.wait(timeout=15)
