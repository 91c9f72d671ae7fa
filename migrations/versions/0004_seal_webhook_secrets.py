"""seal webhook signing secrets at rest

Secrets stored before sealing are sealed with the app's key (derived from
CRM_SECRET_KEY, as the running gateway derives it: resolvers.webhooks.sealing).
The key is read only when there is something to seal, so a fresh database migrates
with no key configured.

Revision ID: 0004_seal_webhook_secrets
Revises: 0003_webhook_delivery_unique
"""

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_seal_webhook_secrets"
down_revision: str | None = "0003_webhook_delivery_unique"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

webhooks = sa.table("webhooks", sa.column("id", sa.Integer), sa.column("secret", sa.String))


def _key() -> bytes:
    from gateway.settings import Settings
    from resolvers.webhooks import sealing

    configured = op.get_context().config
    secret = configured.attributes.get("secret_key") if configured is not None else None
    return sealing.derive_key(str(secret or Settings.from_env().secret_key))


def _rewrite(change: Callable[[str, bytes], str | None]) -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(webhooks.c.id, webhooks.c.secret)).all()
    key: bytes | None = None
    for row in rows:
        if key is None:
            key = _key()
        value = change(row.secret, key)
        if value is not None:
            conn.execute(webhooks.update().where(webhooks.c.id == row.id).values(secret=value))


def _seal(stored: str, key: bytes) -> str | None:
    from resolvers.webhooks import sealing

    return None if sealing.is_sealed(stored) else sealing.seal(stored, key)


def _unseal(stored: str, key: bytes) -> str | None:
    from resolvers.webhooks import sealing

    return sealing.unseal(stored, key) if sealing.is_sealed(stored) else None


def upgrade() -> None:
    _rewrite(_seal)


def downgrade() -> None:
    _rewrite(_unseal)
