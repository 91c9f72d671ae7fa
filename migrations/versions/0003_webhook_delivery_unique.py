"""one delivery per webhook and event

The dispatcher fans events out from several processes at once; a unique index makes
a second insert of the same (webhook, event) a no-op instead of a duplicate delivery.

Revision ID: 0003_webhook_delivery_unique
Revises: 0002_idempotency_keys
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003_webhook_delivery_unique"
down_revision: str | None = "0002_idempotency_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "uq_webhook_deliveries_webhook_event"


def upgrade() -> None:
    # An index, not a table constraint: SQLite adds it without rebuilding the table.
    op.create_index(INDEX, "webhook_deliveries", ["webhook_id", "event_id"], unique=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="webhook_deliveries")
