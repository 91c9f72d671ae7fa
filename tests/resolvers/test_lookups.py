"""Reference lists: names and codes to ids, reading in order, and administering them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert, select

from gateway.database import Database
from resolvers import lookups, reference
from resolvers.core.context import Ctx
from resolvers.core.errors import Conflict, Forbidden, Invalid, Unauthenticated
from resolvers.core.permissions import Principal
from resolvers.models import (
    Expense,
    ExpenseCategory,
    LeadSource,
    LeadStatus,
    PaymentMode,
    Role,
    table_of,
)


async def id_of(db: Database, model: Any, name: str) -> int:
    table = table_of(model)
    async with db.read() as conn:
        found = await conn.execute(select(table.c.id).where(table.c.name == name))
        return int(found.scalar_one())


def caller(db: Database, *grants: str) -> Ctx:
    return Ctx(db=db, principal=Principal(kind="token", id=5, name="t", grants=frozenset(grants)))


@pytest.mark.parametrize(
    ("value", "name"),
    [("new", "New"), ("QUALIFIED", "Qualified"), ("proposal_sent", "Proposal Sent"),
     ("Proposal Sent", "Proposal Sent")],
)  # fmt: skip
async def test_lead_statuses_by_name_in_any_case(
    db: Database, ctx: Ctx, value: str, name: str
) -> None:
    assert await lookups.lead_status_id(ctx, value) == await id_of(db, LeadStatus, name)


async def test_names_ids_and_codes_resolve(db: Database, ctx: Ctx) -> None:
    website = await id_of(db, LeadSource, "Website")

    assert await lookups.lead_source_id(ctx, "website") == website
    assert await lookups.lead_source_id(ctx, str(website)) == website
    assert await lookups.payment_mode_id(ctx, "credit card") == await id_of(
        db, PaymentMode, "Credit card"
    )
    assert await lookups.role_id(ctx, "admin") == await id_of(db, Role, "Administrator")
    assert await lookups.currency_id(ctx, "usd") is not None
    assert await lookups.country_id(ctx, "ARE") == await lookups.country_id(ctx, "ae")
    assert await lookups.lead_status_id(ctx, "") is None


async def test_unknown_names_are_invalid_for_the_named_field(ctx: Ctx) -> None:
    with pytest.raises(Invalid) as caught:
        await lookups.lead_source_id(ctx, "carrier pigeon", "source")
    with pytest.raises(Invalid) as by_id:
        await lookups.payment_mode_id(ctx, 999)

    assert "source" in caught.value.errors
    assert "payment_mode" in by_id.value.errors


async def test_default_rows(db: Database, ctx: Ctx) -> None:
    assert await lookups.default_id(ctx, LeadStatus) == await id_of(db, LeadStatus, "New")


async def test_lists_come_in_their_natural_order(ctx: Ctx) -> None:
    statuses = await reference.list_lead_statuses(ctx)
    currencies = await reference.list_currencies(ctx)
    priorities = await reference.list_ticket_priorities(ctx)

    assert [s["name"] for s in statuses][:2] == ["New", "Contacted"]
    assert [s["name"] for s in statuses][-2:] == ["Customer", "Lost"]
    assert currencies[0]["name"] == "USD"  # the default first, then by code
    assert [c["name"] for c in currencies[1:]] == sorted(c["name"] for c in currencies[1:])
    assert [p["name"] for p in priorities] == ["Low", "Medium", "High", "Urgent"]
    assert len(await reference.list_countries(ctx)) > 200


async def test_perfex_common_types(ctx: Ctx) -> None:
    taxes = await reference.common_data(ctx, "tax_data")
    modes = await reference.common_data(ctx, "payment_mode")
    categories = await reference.common_data(ctx, "expense_category")

    assert {t["name"]: t["rate"] for t in taxes}["GST"] == Decimal("18.00")
    assert "Bank" in [m["name"] for m in modes]
    assert "Travel" in [c["name"] for c in categories]
    with pytest.raises(Invalid):
        await reference.common_data(ctx, "invoice_status")


async def test_any_grant_reads_lookups_but_a_grantless_caller_does_not(db: Database) -> None:
    assert await reference.list_taxes(caller(db, "invoices:create"))
    assert await reference.list_taxes(caller(db, "lookups:get"))
    with pytest.raises(Forbidden):
        await reference.list_taxes(caller(db))
    with pytest.raises(Unauthenticated):
        await reference.list_taxes(Ctx(db=db))


async def test_administrators_write_taxes_and_others_may_not(db: Database, ctx: Ctx) -> None:
    tax = await reference.create_lookup(ctx, "taxes", {"name": "PAYPAL", "rate": "5.00"})
    assert tax["rate"] == Decimal("5.00")

    with pytest.raises(Forbidden):
        await reference.create_lookup(caller(db, "lookups:get"), "taxes", {"name": "X", "rate": 1})
    with pytest.raises(Conflict):
        await reference.create_lookup(ctx, "taxes", {"name": "paypal", "rate": 7})
    with pytest.raises(Invalid):
        await reference.create_lookup(ctx, "taxes", {"name": "Big", "rate": 101})

    renamed = await reference.update_lookup(ctx, "taxes", tax["id"], {"rate": "6.50"})
    assert renamed["rate"] == Decimal("6.50")
    await reference.delete_lookup(ctx, "taxes", tax["id"])
    assert "PAYPAL" not in [t["name"] for t in await reference.list_taxes(ctx)]


async def test_a_row_in_use_or_the_default_is_not_deleted(db: Database, ctx: Ctx) -> None:
    travel = await id_of(db, ExpenseCategory, "Travel")
    async with db.write() as conn:
        await conn.execute(
            insert(table_of(Expense)).values(
                category_id=travel, amount=Decimal("10"), date=date(2026, 3, 1)
            )
        )

    with pytest.raises(Conflict):
        await reference.delete_lookup(ctx, "expense_categories", travel)
    with pytest.raises(Conflict):
        await reference.delete_lookup(ctx, "lead_statuses", await id_of(db, LeadStatus, "New"))
    with pytest.raises(Invalid):
        await reference.create_lookup(ctx, "countries", {"name": "Atlantis"})


async def test_one_default_at_a_time(ctx: Ctx) -> None:
    warm = await reference.create_lookup(ctx, "lead_statuses", {"name": "Warm", "is_default": True})

    statuses = await reference.list_lead_statuses(ctx)

    assert [s["name"] for s in statuses if s["is_default"]] == ["Warm"]
    assert await lookups.lead_status_id(ctx, "warm") == warm["id"]


async def test_departments_payment_modes_and_roles(ctx: Ctx) -> None:
    legal = await reference.create_lookup(
        ctx, "departments", {"name": "Legal", "email": "legal@x.com"}
    )
    await reference.update_lookup(ctx, "departments", legal["id"], {"hide_from_client": True})
    mode = await reference.create_lookup(
        ctx, "payment_modes", {"name": "Wire", "expenses_only": True}
    )
    role = await reference.create_lookup(
        ctx, "roles", {"name": "Auditor", "permissions": ["reports:get", "invoices:get"]}
    )

    assert role["permissions"] == "invoices:get reports:get"
    assert mode["expenses_only"] is True
    # invoices_only alone is valid: the mode, stored as for expenses only, refuses it.
    with pytest.raises(Conflict) as both:
        await reference.update_lookup(ctx, "payment_modes", mode["id"], {"invoices_only": True})
    assert both.value.field == "expenses_only"
    with pytest.raises(Invalid):
        await reference.create_lookup(ctx, "roles", {"name": "Bad", "permissions": ["x:y"]})
    await reference.delete_lookup(ctx, "departments", legal["id"])
    assert "Legal" not in [d["name"] for d in await reference.list_departments(ctx)]
    with pytest.raises(Conflict):
        await reference.create_lookup(ctx, "departments", {"name": "legal"})
    restored = await reference.restore_lookup(ctx, "departments", legal["id"])
    assert restored["deleted_at"] is None
