"""The `crm-gateway` command: serve, migrate, seed-demo, token create, exports."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, TypeVar

import typer
import uvicorn

from gateway.database import Database
from gateway.migrate import migrate
from gateway.settings import Settings
from resolvers.tokens import IssuedToken, issue_token

app = typer.Typer(help="The CRM GraphQL gateway.", no_args_is_help=True, add_completion=False)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")

T = TypeVar("T")


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _with_db(work: Callable[[Database], Awaitable[T]]) -> T:
    async def run() -> T:
        db = Database(Settings.from_env().database_url)
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
    db: Database, name: str, grants: list[str], expires: datetime | None = None
) -> IssuedToken:
    async with db.write() as conn:
        return await issue_token(conn, name=name, grants=grants, expires_at=expires)


@app.command(name="migrate")
def migrate_command() -> None:
    """Apply the database migrations and the reference lists."""
    _with_db(migrate)
    _say("database is at the latest migration")


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
) -> None:
    """Create an API token; it is printed once, alone on the last line."""
    grants = ["*"] if all_ else list(permission or [])
    if not grants:
        raise typer.BadParameter("give --all or at least one --permission RESOURCE:ACTION")
    expiry = expires.replace(tzinfo=UTC) if expires and expires.tzinfo is None else expires
    try:
        issued = _with_db(lambda db: _new_token(db, name, grants, expiry))
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
    """Serve GraphQL, GraphiQL and the REST paths."""
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
    uvicorn.run(
        "gateway.asgi:app",
        host=host,
        port=port,
        workers=workers if not reload else None,
        reload=reload,
        log_level="info",
    )


@app.command(name="export-schema")
def export_schema(
    output: Annotated[Path, typer.Option(help="Where to write the SDL.")] = Path("schema.graphql"),
) -> None:
    """Write the GraphQL schema as SDL."""
    from schema import schema

    output.write_text(schema.as_str() + "\n")
    _say(f"wrote {output}")


@app.command(name="export-openapi")
def export_openapi(
    output: Annotated[Path, typer.Option(help="Where to write the document.")] = Path(
        "openapi.json"
    ),
) -> None:
    """Write the OpenAPI 3.1 document of the REST paths."""
    from gateway.openapi import openapi_document

    output.write_text(json.dumps(openapi_document(), indent=2) + "\n")
    _say(f"wrote {output}")


def main() -> None:
    app()
