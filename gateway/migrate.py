"""Apply the Alembic migrations, then make sure the reference lists exist."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from gateway.database import Database
from resolvers.reference_data import ensure_reference_data

ROOT = Path(__file__).resolve().parent.parent


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["url"] = url
    return config


async def migrate(db: Database) -> None:
    config = alembic_config(db.url)

    def upgrade(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    async with db.writer.begin() as conn:
        await conn.run_sync(upgrade)
    async with db.write() as conn:
        await ensure_reference_data(conn)
