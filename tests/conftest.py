"""A real database under every test: a SQLite file by default, PostgreSQL when
CRM_TEST_DATABASE_URL names one (`.ci/run` starts one and runs the suite again).

Between tests only what the last test wrote is emptied (tests/reset.py), and passwords
are hashed at argon2's cheapest cost (CRM_ARGON2_PROFILE, in this process and in every
server the tests start). Under pytest-xdist each worker has a database of its own
(tests/workers.py)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from gateway.database import Database
from gateway.migrate import migrate
from resolvers.core.context import Ctx
from resolvers.core.identity import use_password_profile
from resolvers.core.permissions import ALL, Principal
from tests.reset import DirtyTables
from tests.workers import worker_database_url

# Production cost is ~0.1 s of CPU a hash or check; fixtures make thousands.
os.environ.setdefault("CRM_ARGON2_PROFILE", "CHEAPEST")
use_password_profile(os.environ["CRM_ARGON2_PROFILE"])

# A worker's own PostgreSQL database, before any fixture or module reads the variable.
if os.environ.get("CRM_TEST_DATABASE_URL"):
    os.environ["CRM_TEST_DATABASE_URL"] = worker_database_url(os.environ["CRM_TEST_DATABASE_URL"])


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("CRM_TEST_DATABASE_URL")
    if url:
        return url
    path: Path = tmp_path_factory.mktemp("db") / "crm-test.db"
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture(scope="session")
def dirty_tables() -> DirtyTables:
    return DirtyTables.install()


@pytest.fixture(scope="session")
async def database(database_url: str, dirty_tables: DirtyTables) -> AsyncIterator[Database]:
    db = Database(database_url)
    await migrate(db)
    # Whatever a previous run left in this database is emptied once.
    dirty_tables.mark_all()
    yield db
    await db.dispose()


async def reset(db: Database) -> None:
    """Empty every table the tests wrote since the last reset, down to the reference lists."""
    tracker = DirtyTables.current()
    if tracker is None:
        raise RuntimeError("the dirty_tables fixture installs the tracker first")
    await tracker.reset(db)


@pytest.fixture(autouse=True)
def _other_processes_write_everything(request: pytest.FixtureRequest) -> None:
    """A test given the database's URL may hand it to another process, whose statements
    no listener here sees: every table (reference lists too) is emptied after it."""
    if _asks_for_the_url(request.node):
        request.addfinalizer(_everything_written)


def _asks_for_the_url(item: pytest.Item) -> bool:
    """The test, or one of its fixtures other than `database`, takes `database_url`.
    Not `request.fixturenames`: that is the whole closure, so every test on `db` (through
    `database`) would empty everything (~65 ms of CPU instead of ~2)."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    if "database_url" in info.argnames:
        return True
    return any(
        "database_url" in fixture.argnames
        for name, fixtures in info.name2fixturedefs.items()
        if name != "database"
        for fixture in fixtures
    )


def _everything_written() -> None:
    tracker = DirtyTables.current()
    if tracker is not None:
        tracker.mark_all()


@pytest.fixture
async def db(database: Database, dirty_tables: DirtyTables) -> Database:
    """The migrated database, emptied down to its reference lists."""
    await dirty_tables.reset(database)
    return database


# Modules that time themselves or load every core: under `make pytest` they run after
# the parallel pass, alone, so another worker's tests cannot make them miss a deadline.
SERIAL = (
    "tests/auth/test_sign_in_bound.py",
    "tests/limits/test_workers.py",
    "tests/load/",
    "tests/security/test_credentials.py",
)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The serial pass (`-m serial`, nothing else) imports only the serial modules and
    their folders: importing the other ~180 only to deselect them took seconds."""
    if config.getoption("markexpr") != "serial":
        return None
    try:
        where = collection_path.relative_to(config.rootpath).as_posix()
    except ValueError:
        return None
    if collection_path.is_dir():
        inside = f"{where}/"
        return (
            True if not any(s.startswith(inside) or inside.startswith(s) for s in SERIAL) else None
        )
    if collection_path.name.startswith("test_") and collection_path.suffix == ".py":
        return True if not where.startswith(SERIAL) else None
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(str(config.rootpath))
    for item in items:
        where = Path(str(item.path)).relative_to(root).as_posix()
        if where.startswith(SERIAL):
            item.add_marker(pytest.mark.serial)


ADMIN = Principal(kind="token", id=0, name="test-admin", grants=frozenset({ALL}))


@pytest.fixture
def ctx(db: Database) -> Ctx:
    """A request context for an all-permissions caller."""
    return Ctx(db=db, principal=ADMIN)
