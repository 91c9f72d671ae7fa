"""Income and expense transactions booked on ledger accounts (the v2 document)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from resolvers import lookups
from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.core.getters import getter
from resolvers.core.permissions import require
from resolvers.core.records import insert_row
from resolvers.core.resources import Relation, Resource, Verbs, register, relate
from resolvers.core.validation import Fields, parse
from resolvers.models import Account, ExpenseCategory, Transaction
from resolvers.projects.common import lister

RESOURCE = "transactions"
# Booked by record_transaction (its own event, transaction.recorded); removed by the
# ordinary delete.
TRANSACTIONS = register(
    Resource(
        name=RESOURCE,
        model=Transaction,
        label="Transaction",
        search=("description",),
        verbs=Verbs(delete=True, event="transaction"),
    )
)
relate(RESOURCE, "account", Relation("accounts", "one", "account_id"))
relate("accounts", "transactions", Relation(RESOURCE, "many", "account_id"))
relate(RESOURCE, "category", Relation("expense_categories", "one", "category_id"))
relate(RESOURCE, "payment", Relation("payments", "one", "payment_id"))
relate(RESOURCE, "expense", Relation("expenses", "one", "expense_id"))
transactions = TRANSACTIONS.table
TYPES = ("income", "expense")


def transaction_type(value: str) -> str:
    """ "Income" / "EXPENSE" as stored: income, expense."""
    kind = value.strip().lower()
    if kind not in TYPES:
        raise Invalid.field("type", "must be Income or Expense")
    return kind


class TransactionCreate(Fields):
    type: str
    account_id: int
    # Above zero, checked by `_positive` with its own message; stated for the document.
    amount: Decimal = Field(
        max_digits=15, decimal_places=2, json_schema_extra={"exclusiveMinimum": 0}
    )
    category_id: int | None = None
    description: str = Field(default="", max_length=65_000)
    # Today (UTC) when not given.
    date: dt.date | None = None

    @field_validator("amount")
    @classmethod
    def _positive(cls, value: Decimal) -> Decimal:
        if value <= 0:
            raise PydanticCustomError("greater_than", "Amount must be greater than 0")
        return value


get_transaction = getter(TRANSACTIONS, __name__, "get_transaction")
list_transactions = lister(
    TRANSACTIONS, __name__, "account_id",
    type=lambda _, kind: transactions.c.type == transaction_type(kind),  # v2's parameter name
    date_from=lambda _, day: transactions.c.date >= day,
    date_to=lambda _, day: transactions.c.date <= day,
)  # fmt: skip


async def record_transaction(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "create")
    fields = parse(TransactionCreate, data)
    values = fields.model_dump()
    values["type"] = transaction_type(fields.type)
    values["date"] = fields.date or dt.datetime.now(dt.UTC).date()
    await lookups.require_ids(ctx, Account, [fields.account_id], "account_id")
    if fields.category_id is not None:
        await lookups.require_ids(ctx, ExpenseCategory, [fields.category_id], "category_id")
    async with ctx.db.write() as conn:
        row = await insert_row(conn, transactions, values)
        summary = {k: row[k] for k in ("type", "amount", "account_id", "date")}
        await events.record(conn, ctx, "transaction.recorded", row["id"], summary)
    return row
