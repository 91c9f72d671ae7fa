"""v2 transactions: income or expense on a known account, for a positive amount."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from gateway.database import Database
from resolvers import transactions
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Forbidden, Invalid
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.models import Account, ExpenseCategory, table_of


async def account_id(db: Database, name: str = "Main Bank Account") -> int:
    table = table_of(Account)
    async with db.read() as conn:
        found = await conn.execute(select(table.c.id).where(table.c.name == name))
        return int(found.scalar_one())


async def make_transaction(ctx: Ctx, db: Database, **fields: Any) -> Row:
    return await transactions.record_transaction(
        ctx, {"type": "Income", "account_id": await account_id(db), "amount": 1500.00,
              "description": "Website Development Payment",
              "date": "2024-01-15", **fields},
    )  # fmt: skip


async def test_v2_income_is_recorded(db: Database, ctx: Ctx) -> None:
    categories = table_of(ExpenseCategory)
    async with db.read() as conn:
        software = await conn.scalar(select(categories.c.id).where(categories.c.name == "Software"))

    row = await make_transaction(ctx, db, category_id=software)

    assert (row["type"], row["amount"], row["date"]) == ("income", Decimal("1500.00"),
                                                         date(2024, 1, 15))  # fmt: skip
    assert row["category_id"] == software


async def test_type_in_any_case_and_date_defaults_to_today(db: Database, ctx: Ctx) -> None:
    row = await make_transaction(ctx, db, type="EXPENSE", date=None)

    assert row["type"] == "expense"
    assert row["date"] == datetime.now(UTC).date()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"type": "Transfer"}, "type"),
        ({"account_id": 999}, "account_id"),
        ({"amount": 0}, "amount"),
        ({"category_id": 999}, "category_id"),
        ({"date": "15/01/2024"}, "date"),
    ],
)
async def test_invalid_transactions(
    db: Database, ctx: Ctx, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(Invalid) as caught:
        await make_transaction(ctx, db, **fields)

    assert field in caught.value.errors


async def test_listing_by_type_account_and_dates(db: Database, ctx: Ctx) -> None:
    cash = await account_id(db, "Cash")
    income = await make_transaction(ctx, db)
    await make_transaction(ctx, db, type="expense", date="2024-02-01")
    on_cash = await make_transaction(ctx, db, account_id=cash)

    incomes = await transactions.list_transactions(ctx, PageArgs(first=10), type="income")
    in_cash = await transactions.list_transactions(ctx, PageArgs(first=10), account_id=cash)
    january = await transactions.list_transactions(
        ctx, PageArgs(first=10), date_from=date(2024, 1, 1), date_to=date(2024, 1, 31)
    )

    assert [r["id"] for r in incomes.rows] == [income["id"], on_cash["id"]]
    assert [r["id"] for r in in_cash.rows] == [on_cash["id"]]
    assert january.total == 2
    with pytest.raises(Invalid):
        await transactions.list_transactions(ctx, PageArgs(), type="gift")


async def test_recording_needs_the_grant(db: Database, ctx: Ctx) -> None:
    reader = Ctx(db=db, principal=Principal(kind="token", id=2, name="r",
                                            grants=frozenset({"transactions:get"})))  # fmt: skip

    with pytest.raises(Forbidden):
        await make_transaction(reader, db)
