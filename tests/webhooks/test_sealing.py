"""Webhook secrets at rest: sealed under the app's key, opened only with it, and the
0004 migration seals the secrets stored before sealing (and its downgrade opens them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Connection

from gateway.database import Database
from gateway.migrate import alembic_config
from resolvers import webhooks
from resolvers.core.context import Ctx
from resolvers.webhooks import WebhookConfig, sealing

APP_SECRET = "sealing-test-secret-key-long-enough-for-anything"
PLAIN = "whsec_" + "p" * 43


def test_a_sealed_secret_opens_only_with_its_key() -> None:
    key = sealing.derive_key(APP_SECRET)
    sealed = sealing.seal(PLAIN, key)
    assert PLAIN not in sealed and len(sealed) <= 128
    assert sealing.unseal(sealed, key) == PLAIN
    assert sealing.seal(PLAIN, key) != sealed  # a fresh nonce each time
    with pytest.raises(sealing.Unreadable):
        sealing.unseal(sealed, sealing.derive_key(APP_SECRET + "-rotated"))
    # A secret from before sealing is used as it is.
    assert sealing.unseal(PLAIN, key) == PLAIN


async def test_create_webhook_stores_the_secret_sealed(ctx: Ctx, config: WebhookConfig) -> None:
    created = await webhooks.create_webhook(
        ctx, {"url": "http://127.0.0.1:9/hook", "events": ["*"]}
    )
    async with ctx.db.read() as conn:
        stored = (
            await conn.execute(
                text("SELECT secret FROM webhooks WHERE id = :id"), {"id": created["id"]}
            )
        ).scalar_one()
    assert stored != created.secret and created.secret not in stored
    assert sealing.unseal(stored, config.sealing_key) == created.secret


async def _alembic(db: Database, action: str, revision: str) -> None:
    config = alembic_config(db.url)
    config.attributes["secret_key"] = APP_SECRET

    def run(connection: Connection) -> None:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)

    async with db.writer.begin() as conn:
        await conn.run_sync(run)


async def test_the_migration_seals_what_was_stored_plain(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    try:
        await _alembic(db, "upgrade", "0003_webhook_delivery_unique")
        async with db.write() as conn:
            await conn.execute(
                text(
                    "INSERT INTO webhooks (created_at, updated_at, url, events, secret, active)"
                    " VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'https://a.example/h',"
                    " '*', :secret, 1)"
                ),
                {"secret": PLAIN},
            )

        await _alembic(db, "upgrade", "0004_seal_webhook_secrets")
        async with db.read() as conn:
            sealed = (await conn.execute(text("SELECT secret FROM webhooks"))).scalar_one()
        assert sealed.startswith(sealing.PREFIX) and PLAIN not in sealed
        assert sealing.unseal(sealed, sealing.derive_key(APP_SECRET)) == PLAIN

        await _alembic(db, "downgrade", "0003_webhook_delivery_unique")
        async with db.read() as conn:
            opened = (await conn.execute(text("SELECT secret FROM webhooks"))).scalar_one()
        assert opened == PLAIN
    finally:
        await db.dispose()
