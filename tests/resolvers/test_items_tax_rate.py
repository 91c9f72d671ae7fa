"""A catalogue item's tax named by its rate (v2's products send `tax_rate`)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from resolvers import items
from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid
from resolvers.models import Tax, table_of


async def tax_named(ctx: Ctx, name: str) -> int:
    taxes = table_of(Tax)
    async with ctx.db.read() as conn:
        return int(
            (await conn.execute(select(taxes.c.id).where(taxes.c.name == name))).scalar_one()
        )


async def test_a_rate_finds_the_oldest_live_tax_with_exactly_that_rate(ctx: Ctx) -> None:
    cgst = await tax_named(ctx, "CGST")

    item = await items.create_item(ctx, {"description": "Hosting", "rate": 99, "tax_rate": "9.0"})

    assert item["tax_id"] == cgst
    assert (await items.get_item(ctx, item["id"]) or {})["tax_id"] == cgst


async def test_rate_zero_clears_the_tax_and_an_update_can_change_it(ctx: Ctx) -> None:
    item = await items.create_item(ctx, {"description": "Hosting", "rate": 99, "tax_rate": 10})

    cleared = await items.update_item(ctx, item["id"], {"tax_rate": 0})
    again = await items.update_item(ctx, item["id"], {"tax_rate": Decimal("5")})

    assert item["tax_id"] == await tax_named(ctx, "Sales Tax")
    assert cleared["tax_id"] is None
    assert again["tax_id"] == await tax_named(ctx, "VAT")


async def test_a_rate_no_tax_has_is_refused_and_so_is_naming_both(ctx: Ctx) -> None:
    with pytest.raises(Invalid) as unknown:
        await items.create_item(ctx, {"description": "Hosting", "rate": 99, "tax_rate": 12.5})
    with pytest.raises(Invalid) as both:
        await items.create_item(
            ctx, {"description": "Hosting", "rate": 99, "tax_rate": 5, "tax_id": 1}
        )

    assert list(unknown.value.errors) == ["tax_rate"]
    assert "12.50" in unknown.value.errors["tax_rate"]
    assert list(both.value.errors) == ["tax_rate"]
