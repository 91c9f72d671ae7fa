"""Subscriptions: Perfex's fields, checked references, quantity and Stripe statuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from gateway.database import Database
from resolvers import projects, subscriptions
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid, NotFound
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.core.resources import RELATIONS
from resolvers.models import Currency, Customer, Tax, table_of


async def make_customer(db: Database, company: str = "Zahara Foods LLC") -> Row:
    async with db.write() as conn:
        return await insert_row(conn, table_of(Customer), {"company": company})


async def id_named(db: Database, model: Any, name: str) -> int:
    table = table_of(model)
    async with db.read() as conn:
        return int(await conn.scalar(select(table.c.id).where(table.c.name == name)))


async def subscribe(ctx: Ctx, customer: int, **fields: Any) -> Row:
    return await subscriptions.create_subscription(
        ctx, {"name": "Monthly Support Plan", "customer_id": customer, **fields}
    )


async def test_a_subscription_carries_perfexs_fields(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    vat, gst = await id_named(db, Tax, "VAT"), await id_named(db, Tax, "GST")

    row = await subscribe(
        ctx,
        customer["id"],
        description="Support",
        description_in_item=1,
        date="2026-02-10",
        terms="Net 7",
        currency=await id_named(db, Currency, "USD"),
        tax_id=vat,
        tax2_id=gst,
        unit_price="99.5",
        quantity=5,
        status="Past_Due",
        stripe_plan_id="plan_ABC",
        stripe_subscription_id="sub_123",
        stripe_tax_id_2="txr_789",
        next_billing_cycle=1643808000,
        ends_at="2027-02-10T00:00:00Z",
        in_test_environment="1",
    )

    assert (row["quantity"], row["status"], row["unit_price"]) == (5, "past_due", Decimal("99.50"))
    assert (row["tax_id"], row["tax2_id"]) == (vat, gst)
    assert row["next_billing_cycle"] == dt.datetime(2022, 2, 2, 13, 20, tzinfo=dt.UTC)
    assert row["description_in_item"] and row["in_test_environment"]
    assert row["date"] == dt.date(2026, 2, 10)
    assert len(row["hash"]) == 32


async def test_a_new_subscription_is_active_by_default(ctx: Ctx, db: Database) -> None:
    row = await subscribe(ctx, (await make_customer(db))["id"], currency="eur")

    assert (row["status"], row["quantity"]) == ("active", 1)
    assert row["currency_id"] == await id_named(db, Currency, "EUR")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"customer_id": 999_999}, "customer_id"),
        ({"currency": 999_999}, "currency"),
        ({"tax_id": 999_999}, "tax_id"),
        ({"tax2_id": 999_999}, "tax2_id"),
        ({"project_id": 999_999}, "project_id"),
        ({"quantity": 0}, "quantity"),
        ({"status": "paused"}, "status"),
        ({"unit_price": "-1"}, "unit_price"),
        ({"name": ""}, "name"),
        ({"next_billing_cycle": -1}, "next_billing_cycle"),
        ({"ends_at": 253_402_300_800}, "ends_at"),
        ({"ends_at": True}, "ends_at"),
    ],
)
async def test_bad_subscription_fields_are_invalid_naming_the_field(
    ctx: Ctx, db: Database, fields: dict[str, Any], field: str
) -> None:
    customer = (await make_customer(db))["id"]

    with pytest.raises(Invalid) as caught:
        await subscriptions.create_subscription(
            ctx, {"name": "Plan", "customer_id": customer, **fields}
        )

    assert set(caught.value.errors) == {field}


async def test_a_subscription_project_is_the_customers(ctx: Ctx, db: Database) -> None:
    mine, theirs = await make_customer(db, "Mine"), await make_customer(db, "Theirs")
    project = await projects.create_project(
        ctx, {"name": "P", "customer_id": theirs["id"], "start_date": "2026-01-01"}
    )

    with pytest.raises(Conflict) as caught:
        await subscribe(ctx, mine["id"], project_id=project["id"])
    row = await subscribe(ctx, theirs["id"], project_id=project["id"])

    assert caught.value.field == "project_id"
    with pytest.raises(Conflict):
        await subscriptions.update_subscription(ctx, row["id"], {"customer_id": mine["id"]})


async def test_updates_are_partial_and_listed_by_status(ctx: Ctx, db: Database) -> None:
    customer = (await make_customer(db))["id"]
    row = await subscribe(ctx, customer)
    await subscribe(ctx, customer, name="Other")

    updated = await subscriptions.update_subscription(
        ctx, row["id"], {"quantity": 2, "status": "canceled"}
    )
    canceled = await subscriptions.list_subscriptions(ctx, PageArgs(), status="CANCELED")

    assert (updated["quantity"], updated["name"]) == (2, "Monthly Support Plan")
    assert [s["id"] for s in canceled.rows] == [row["id"]]
    with pytest.raises(Invalid) as caught:
        await subscriptions.update_subscription(ctx, row["id"], {"quantity": None})
    assert set(caught.value.errors) == {"quantity"}


async def test_subscriptions_need_their_grants(ctx: Ctx, db: Database) -> None:
    customer = (await make_customer(db))["id"]
    row = await subscribe(ctx, customer)
    reader = Ctx(
        db=db,
        principal=Principal(kind="token", id=3, name="r", grants=frozenset({"subscriptions:get"})),
    )

    assert await subscriptions.get_subscription(reader, row["id"]) is not None
    with pytest.raises(Forbidden):
        await subscribe(reader, customer)
    with pytest.raises(Forbidden):
        await subscriptions.delete_subscription(reader, row["id"])


async def test_a_subscription_is_soft_deleted_and_restored(ctx: Ctx, db: Database) -> None:
    row = await subscribe(ctx, (await make_customer(db))["id"])

    await subscriptions.delete_subscription(ctx, row["id"])
    gone = await subscriptions.get_subscription(ctx, row["id"])
    await subscriptions.restore_subscription(ctx, row["id"])

    assert gone is None
    assert await subscriptions.get_subscription(ctx, row["id"]) is not None
    with pytest.raises(NotFound):
        await subscriptions.restore_subscription(ctx, 999_999)


def test_the_graph_joins_subscriptions_both_ways() -> None:
    assert RELATIONS["customers"]["subscriptions"].column == "customer_id"
    assert RELATIONS["subscriptions"]["customer"].kind == "one"
    assert RELATIONS["projects"]["subscriptions"].column == "project_id"
    assert RELATIONS["subscriptions"]["tax2"].column == "tax2_id"
