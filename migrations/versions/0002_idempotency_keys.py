"""idempotency keys

The first reply to a POST sent with an Idempotency-Key, per caller and key; the unique
constraint lets exactly one of several workers racing on one key run the request.

Revision ID: 0002_idempotency_keys
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import resolvers.models.types

revision: str = "0002_idempotency_keys"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", resolvers.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", resolvers.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", resolvers.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("principal", sa.String(length=100), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("headers", sa.String(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_keys")),
        sa.UniqueConstraint("principal", "key", name="uq_idempotency_keys_principal"),
    )
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.create_index("ix_idempotency_keys_created_at", ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_idempotency_keys_deleted_at"), ["deleted_at"], unique=False
        )


def downgrade() -> None:
    op.drop_table("idempotency_keys")
