"""Expenses: a known category, a positive amount, a date, and checked references."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert, select

from gateway.database import Database
from resolvers import expenses
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.models import Currency, ExpenseCategory, PaymentMode, Project, table_of
from tests.factories import make_customer


async def id_of(db: Database, model: Any, name: str) -> int:
    table = table_of(model)
    async with db.read() as conn:
        found = await conn.execute(select(table.c.id).where(table.c.name == name))
        return int(found.scalar_one())


async def make_expense(ctx: Ctx, db: Database, **fields: Any) -> Row:
    category = await id_of(db, ExpenseCategory, "Hosting Management")
    return await expenses.create_expense(
        ctx, {"category": category, "amount": 2350.75, "date": "2025-08-21",
              "note": "Object storage - August", **fields},
    )  # fmt: skip


async def make_project(db: Database, customer_id: int) -> int:
    async with db.write() as conn:
        return int(
            (
                await conn.execute(
                    insert(table_of(Project))
                    .values(
                        name="ERP Rollout", customer_id=customer_id, start_date=date(2025, 8, 25)
                    )
                    .returning(table_of(Project).c.id)
                )
            ).scalar_one()
        )


async def test_an_expense_in_the_default_currency(db: Database, ctx: Ctx) -> None:
    expense = await make_expense(ctx, db, billable=True)

    assert expense["amount"] == Decimal("2350.75")
    assert expense["date"] == date(2025, 8, 21)
    assert expense["currency_id"] == await id_of(db, Currency, "USD")
    assert expense["billable"] is True


async def test_the_category_must_be_known(db: Database, ctx: Ctx) -> None:
    for category in (999, "No such category"):
        with pytest.raises(Invalid) as caught:
            await make_expense(ctx, db, category=category)
        assert caught.value.errors == {"category": "The Expense Category is not found."}
    by_name = await make_expense(ctx, db, category="travel")
    assert by_name["category_id"] == await id_of(db, ExpenseCategory, "Travel")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"amount": 0}, "amount", "Amount must be greater than 0"),
        ({"amount": "-5"}, "amount", "Amount must be greater than 0"),
        ({"date": None}, "date", None),
        ({"currency": "XYZ"}, "currency", None),
        ({"tax_id": 999}, "tax_id", None),
        ({"customer_id": 999}, "customer_id", None),
        ({"project_id": 999}, "project_id", None),
        # An id of 0 (or JSON `false`, read as 0) names nothing: refused, not a 500.
        ({"project_id": 0}, "project_id", None),
        ({"project_id": False}, "project_id", None),
        ({"tax_id": 0}, "tax_id", None),
        ({"tax2_id": 0}, "tax2_id", None),
        ({"payment_mode": "barter"}, "payment_mode", None),
        ({"recurring": True}, "recurring_type", None),
    ],
)
async def test_invalid_expenses(
    db: Database, ctx: Ctx, fields: dict[str, Any], field: str, message: str | None
) -> None:
    with pytest.raises(Invalid) as caught:
        await make_expense(ctx, db, **fields)

    assert field in caught.value.errors
    if message:
        assert caught.value.errors[field] == message


async def test_a_required_field_missing(ctx: Ctx) -> None:
    with pytest.raises(Invalid) as caught:
        await expenses.create_expense(ctx, {"category_id": 5, "amount": 10})

    assert {"category", "date"} <= set(caught.value.errors)


async def test_a_project_names_its_customer(db: Database, ctx: Ctx) -> None:
    customer, other = await make_customer(ctx), await make_customer(ctx, company="Blue Harbor")
    project_id = await make_project(db, customer["id"])

    expense = await make_expense(ctx, db, project_id=project_id, payment_mode="Cash")

    assert expense["customer_id"] == customer["id"]
    assert expense["payment_mode_id"] == await id_of(db, PaymentMode, "Cash")
    # Both ids name live records: the project's customer refuses the pair.
    with pytest.raises(Conflict) as caught:
        await make_expense(ctx, db, project_id=project_id, customer_id=other["id"])
    assert caught.value.field == "project_id"


async def test_update_and_list_by_date(db: Database, ctx: Ctx) -> None:
    august = await make_expense(ctx, db)
    await make_expense(ctx, db, date="2025-09-02", amount="12.00")

    updated = await expenses.update_expense(ctx, august["id"], {"amount": "275.00", "note": None})
    in_august = await expenses.list_expenses(
        ctx, PageArgs(first=10), date_from=date(2025, 8, 1), date_to=date(2025, 8, 31)
    )

    assert (updated["amount"], updated["note"]) == (Decimal("275.00"), "")
    assert [e["id"] for e in in_august.rows] == [august["id"]]
    with pytest.raises(Invalid):
        await expenses.update_expense(ctx, august["id"], {"amount": 0})


async def test_categories_list(ctx: Ctx) -> None:
    names = [c["name"] for c in await expenses.list_expense_categories(ctx)]

    assert names == sorted(names) and "Hosting Management" in names


async def test_expenses_need_their_grants(db: Database, ctx: Ctx) -> None:
    reader = Ctx(db=db, principal=Principal(kind="token", id=2, name="r",
                                            grants=frozenset({"expenses:get"})))  # fmt: skip

    with pytest.raises(Forbidden):
        await make_expense(reader, db)
