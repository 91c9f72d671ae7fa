"""Income and expense transactions booked on ledger accounts (the v2 document)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import ColumnElement

from resolvers import lookups
from resolvers.core import events, reading, writes
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.core.json_select.bypass import generic_read
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.core.records import insert_row
from resolvers.core.resources import Relation, Resource, Verbs, register, relate
from resolvers.core.validation import Fields, parse
from resolvers.models import Account, ExpenseCategory, Transaction

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


def transaction_type(value: str, field: str = "type") -> str:
    """ "Income" / "EXPENSE" as stored: income, expense."""
    kind = value.strip().lower()
    if kind not in TYPES:
        raise Invalid.field(field, "must be Income or Expense")
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


@generic_read(TRANSACTIONS)
async def get_transaction(ctx: Ctx, transaction_id: int) -> Row | None:
    return await reading.get_record(ctx, TRANSACTIONS, transaction_id)


async def list_transactions(
    ctx: Ctx,
    page: PageArgs,
    *,
    type: str | None = None,  # v2's parameter name
    account_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    **query: Any,
) -> Page:
    scope: list[ColumnElement[bool]] = []
    if type is not None:
        scope.append(transactions.c.type == transaction_type(type))
    if account_id is not None:
        scope.append(transactions.c.account_id == account_id)
    if date_from is not None:
        scope.append(transactions.c.date >= date_from)
    if date_to is not None:
        scope.append(transactions.c.date <= date_to)
    return await reading.list_records(ctx, TRANSACTIONS, page, scope=scope, **query)


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


delete_transaction = writes.operation(TRANSACTIONS, "delete")
