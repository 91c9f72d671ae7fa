"""pytest-xdist workers each run on a PostgreSQL database of their own.

`make pytest` runs the suite on several workers (PYTEST_XDIST_WORKER = gw0, gw1, ...).
Every test module reads CRM_TEST_DATABASE_URL, and the live servers name their own
databases after it, so rewriting the variable once per worker, before any test module
is imported, gives each worker databases no other worker touches."""

from __future__ import annotations

import os
import subprocess

from sqlalchemy.engine import URL, make_url


def worker_database_url(url: str) -> str:
    """The database of this xdist worker (created empty), or `url` outside xdist (created
    if missing: the serial pass's servers migrate it without the suite's fixtures)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or not parsed.database:
        return url
    admin = parsed.set(drivername="postgresql", database="postgres")
    if not worker:
        name = parsed.database
        _psql(admin, f"SELECT 'CREATE DATABASE {name}' WHERE NOT EXISTS "
                     f"(SELECT FROM pg_database WHERE datname = '{name}') \\gexec\n")  # fmt: skip
        return url
    suffix = f"_{worker}"
    if parsed.database.endswith(suffix):
        return url  # already this worker's (the module was imported again)
    database = parsed.database + suffix
    # Fresh for every run, as the single-process suite's database is after its first
    # reset; FORCE ends the sessions a killed run may have left behind.
    _psql(admin, f"DROP DATABASE IF EXISTS {database} WITH (FORCE);\nCREATE DATABASE {database};\n")
    return parsed.set(database=database).render_as_string(hide_password=False)


def _psql(admin: URL, script: str) -> None:
    subprocess.run(
        ["psql", admin.render_as_string(hide_password=False), "-qX", "-v", "ON_ERROR_STOP=1"],
        input=script, text=True, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
