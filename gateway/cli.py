"""The `crm-gateway` command: serve, migrate, seed-demo, token create, exports."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Annotated, TypeVar

import typer
import uvicorn

from gateway import logging_config
from gateway.database import Database
from gateway.migrate import migrate
from gateway.public_url import default_public_url
from gateway.security import uvicorn_log_config
from gateway.settings import Settings
from resolvers.core.identity import use_password_profile
from resolvers.tokens import IssuedToken, issue_token

app = typer.Typer(help="The CRM GraphQL gateway.", no_args_is_help=True, add_completion=False)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")
webhooks_app = typer.Typer(help="Webhook deliveries.", no_args_is_help=True)
app.add_typer(webhooks_app, name="webhooks")

T = TypeVar("T")


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _with_db(work: Callable[[Database], Awaitable[T]]) -> T:
    settings = Settings.from_env()
    # Seeding and `staff` commands hash passwords at the configured cost.
    use_password_profile(settings.argon2_profile)

    async def run() -> T:
        db = Database(settings.database_url)
        try:
            return await work(db)
        finally:
            await db.dispose()

    return asyncio.run(run())


async def _seed(db: Database, customers: int) -> dict[str, int]:
    from resolvers.demo_data import seed_demo

    counts: dict[str, int] = await seed_demo(
        db, customers=customers, progress=lambda label, n: _say(f"  {label}: {n}")
    )
    return counts


async def _new_token(
    db: Database,
    name: str,
    grants: list[str],
    expires: datetime | None = None,
    rate_limit: int | None = None,
) -> IssuedToken:
    async with db.write() as conn:
        return await issue_token(
            conn, name=name, grants=grants, expires_at=expires, rate_limit_per_hour=rate_limit
        )


class _MigrationProgress(logging.Handler):
    """Echoes Alembic's "Running upgrade A -> B, message" lines as they happen."""

    def __init__(self, started: float) -> None:
        super().__init__(logging.INFO)
        self.started = started
        self.applied = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Running upgrade"):
            self.applied += 1
            step = message.removeprefix("Running upgrade").strip()
            _say(f"  [{time.monotonic() - self.started:6.1f}s] applying {step}")


@contextmanager
def _migration_progress() -> Iterator[_MigrationProgress]:
    handler = _MigrationProgress(time.monotonic())
    alembic_log = logging.getLogger("alembic.runtime.migration")
    level = alembic_log.level
    alembic_log.addHandler(handler)
    alembic_log.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        alembic_log.removeHandler(handler)
        alembic_log.setLevel(level)


@app.command(name="migrate")
def migrate_command() -> None:
    """Apply the database migrations and the reference lists."""
    from gateway.migrate import alembic_config

    started = time.monotonic()
    _say("migrating...")
    with _migration_progress() as progress:
        db_url = Settings.from_env().database_url
        _with_db(migrate)
    from alembic.script import ScriptDirectory

    heads = ", ".join(sorted(ScriptDirectory.from_config(alembic_config(db_url)).get_heads()))
    _say(
        f"applied {progress.applied} migration(s) and the reference lists in "
        f"{time.monotonic() - started:.1f}s; database is at the latest migration ({heads})"
    )


@app.command(name="seed-demo")
def seed_demo_cmd(
    customers: Annotated[int, typer.Option(min=1, max=100_000, help="How many customers.")] = 50,
) -> None:
    """Load deterministic demo data (every resource, linked) into an empty database."""

    async def work(db: Database) -> dict[str, int]:
        from resolvers.demo_data import is_empty

        await migrate(db)
        if not await is_empty(db):
            raise typer.BadParameter(
                "the database already holds data; seed-demo fills only an empty one"
            )
        return await _seed(db, customers)

    started = datetime.now()
    counts = _with_db(work)
    seconds = (datetime.now() - started).total_seconds()
    _say(f"seeded {sum(counts.values())} rows in {len(counts)} tables in {seconds:.1f}s")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Option(help="What the token is for.")],
    all_: Annotated[bool, typer.Option("--all", help="Every permission.")] = False,
    permission: Annotated[
        list[str] | None, typer.Option("--permission", help="RESOURCE:ACTION, repeatable.")
    ] = None,
    expires: Annotated[datetime | None, typer.Option(help="Expiry, ISO date/time (UTC).")] = None,
    rate_limit: Annotated[
        int | None,
        typer.Option(
            "--rate-limit", min=1, help="Requests per hour (default: CRM_RATE_LIMIT_PER_HOUR)."
        ),
    ] = None,
) -> None:
    """Create an API token; it is printed once, alone on the last line."""
    grants = ["*"] if all_ else list(permission or [])
    if not grants:
        raise typer.BadParameter("give --all or at least one --permission RESOURCE:ACTION")
    expiry = expires.replace(tzinfo=UTC) if expires and expires.tzinfo is None else expires
    try:
        issued = _with_db(lambda db: _new_token(db, name, grants, expiry, rate_limit))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    _say(f"token {issued.id} ({issued.name}) created; it will not be shown again")
    typer.echo(issued.token)


@app.command()
def serve(
    host: Annotated[str, typer.Option(envvar="HOST")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="PORT")] = 8000,
    workers: Annotated[int, typer.Option(min=1)] = 1,
    reload: bool = False,
    demo: Annotated[
        bool, typer.Option(help="Migrate, load demo data if empty, and print a token first.")
    ] = False,
) -> None:
    """Serve GraphQL, GraphiQL and the REST paths.

    On SIGTERM it stops accepting and lets in-flight requests finish for up to
    CRM_SHUTDOWN_GRACE_SECONDS."""
    settings = Settings.from_env()
    if demo:

        async def prepare(db: Database) -> IssuedToken:
            from resolvers.demo_data import is_empty

            await migrate(db)
            if await is_empty(db):
                _say("loading demo data...")
                await _seed(db, 50)
            return await _new_token(db, "make serve", ["*"])

        issued = _with_db(prepare)
        _say("")
        _say(
            f"GraphiQL:  http://{host}:{port}/graphql   (staff sign-in: admin@example.com / admin)"
        )
        _say("API token (send as 'Authorization: Bearer <token>'):")
        typer.echo(issued.token)
        sys.stdout.flush()
    else:
        _with_db(_require_migrated)
    log_format = logging_config.resolve_format(settings.log_format, development=reload)
    # Links in replies are built from it (never from Host); the workers read it from here.
    os.environ.setdefault("CRM_PUBLIC_URL", default_public_url(host, port))
    with _metrics_dir():
        uvicorn.run(
            "gateway.asgi:app",
            host=host,
            port=port,
            workers=workers if not reload else None,
            reload=reload,
            log_level=settings.log_level,
            log_config=logging_config.dict_config(
                log_format, settings.log_level, base=uvicorn_log_config()
            ),
            # The gateway writes its own line per request (gateway/request_log.py).
            access_log=False,
            timeout_graceful_shutdown=settings.shutdown_grace_seconds,
            # A worker answers the supervisor's health pings only between imports: on a busy
            # machine loading the app takes longer than uvicorn's 5 s, and the worker is killed
            # and restarted forever.
            timeout_worker_healthcheck=60,
        )


async def _require_migrated(db: Database) -> None:
    """A database never migrated stops `serve` with a clear word: its workers would die at
    start-up on a missing table, with a traceback. One behind the code is served, and
    /readyz says so until `crm-gateway migrate` has run (a rolling deploy's order)."""
    from gateway.health import Readiness

    if not await Readiness(db, redis_url=None, timeout=10).current_heads():
        _say("cannot serve: the database has no migrations applied; run `crm-gateway migrate`")
        raise typer.Exit(2)


@contextmanager
def _metrics_dir() -> Iterator[None]:
    """Prometheus' multiprocess mode: set before any worker imports prometheus_client, so
    every worker writes its samples where whichever one answers /metrics can add them up.
    An operator's own PROMETHEUS_MULTIPROC_DIR (shared by several `serve` processes) is
    used as given; otherwise a fresh directory lives as long as this command."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)
        yield
        return
    path = tempfile.mkdtemp(prefix="crm-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = path
    # uvicorn re-raises the SIGTERM it stopped on once it has shut down: under the default
    # handler the process would die there, before removing the directory.
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
        shutil.rmtree(path, ignore_errors=True)


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@app.command(name="check-config")
def check_config() -> None:
    """Validate every setting; print those in effect (secrets masked). Exit 2 if invalid."""
    from gateway.config_check import check

    lines, errors, warnings = check()
    for warning in warnings:
        _say(f"warning: {warning}")
    if errors:
        for error in errors:
            _say(f"invalid: {error}")
        raise typer.Exit(2)
    for line in lines:
        typer.echo(line)
    _say(f"{len(lines)} settings valid")


@app.command(name="export-schema")
def export_schema(
    output: Annotated[Path, typer.Option(help="Where to write the SDL.")] = Path("schema.graphql"),
) -> None:
    """Write the GraphQL schema as SDL."""
    from schema import schema

    sdl = schema.as_str() + "\n"
    output.write_text(sdl)
    types = sum(1 for line in sdl.splitlines() if line.startswith(("type ", "input ", "enum ")))
    _say(f"wrote {output}: {types} types, {len(sdl.encode())} bytes")


@app.command(name="export-openapi")
def export_openapi(
    output: Annotated[Path, typer.Option(help="Where to write the document.")] = Path(
        "openapi.json"
    ),
) -> None:
    """Write the OpenAPI 3.1 document of the REST paths."""
    from gateway.openapi import openapi_document

    document = openapi_document()
    text = json.dumps(document, indent=2) + "\n"
    output.write_text(text)
    _say(f"wrote {output}: {len(document.get('paths', {}))} paths, {len(text.encode())} bytes")


@webhooks_app.command("deliver")
def webhooks_deliver(
    concurrency: Annotated[int, typer.Option(min=1, max=100, help="Deliveries at once.")] = 8,
    poll_seconds: Annotated[float, typer.Option(min=0.05, help="Idle wait between passes.")] = 0.5,
    grace_seconds: Annotated[
        float, typer.Option(min=0, help="On SIGTERM/SIGINT, how long in-flight ones may finish.")
    ] = 10.0,
) -> None:
    """Fan the event log out to webhooks and send the deliveries, until stopped."""
    from gateway.webhook_worker import run_worker

    asyncio.run(run_worker(Settings.from_env(), concurrency, poll_seconds, grace_seconds))


@app.command(name="purge")
def purge_command(
    older_than: Annotated[
        float, typer.Option("--older-than", min=0, help="Days since the record was deleted.")
    ],
    resource: Annotated[
        str | None, typer.Option(help="Only this resource (e.g. customers); default: all.")
    ] = None,
) -> None:
    """Remove soft-deleted records for good (one transaction per resource)."""
    from datetime import timedelta

    import schema  # noqa: F401  (importing the graph registers every resource)
    from resolvers.core.context import Ctx
    from resolvers.purge import Purged, purge

    async def work(db: Database) -> list[Purged]:
        return await purge(Ctx(db=db), older_than=timedelta(days=older_than), resource=resource)

    try:
        results = _with_db(work)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    for result in results:
        if result.removed or result.kept:
            _say(f"{result.resource}: {result.removed} purged, {result.kept} still referenced")
    _say(f"purged {sum(r.removed for r in results)} records")


def main() -> None:
    app()
