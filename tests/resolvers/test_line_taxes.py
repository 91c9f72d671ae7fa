"""A line's taxes as the service takes them: a list of at most two, by id or by name,
the one place the cap lives for every transport (GraphQL's `taxes`, Perfex's
`taxname[]`)."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.database import Database
from resolvers import invoices
from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid
from tests.resolvers.test_invoices import make_customer, tax_id


async def _invoice(ctx: Ctx, db: Database, line: dict[str, Any]) -> Any:
    customer = await make_customer(db)
    return await invoices.create_invoice(
        ctx, {"customer_id": customer["id"], "items": [{"description": "a", "rate": 100, **line}]}
    )


async def test_taxes_by_id_and_by_name_fill_both_slots_with_their_rates(
    ctx: Ctx, db: Database
) -> None:
    vat, sales = await tax_id(db, "VAT"), await tax_id(db, "Sales Tax")
    row = await _invoice(ctx, db, {"taxes": [vat, "sales tax|8.00"]})
    [line] = await invoices.items_by_invoice_id(ctx, [row["id"]])
    assert (line[0]["tax_id"], line[0]["tax2_id"]) == (vat, sales)
    assert line[0]["tax_rate"] > 0 and line[0]["tax2_rate"] > 0


async def test_an_empty_list_clears_the_taxes_and_no_tax_entries_are_left_out(
    ctx: Ctx, db: Database
) -> None:
    vat = await tax_id(db, "VAT")
    row = await _invoice(ctx, db, {"taxes": ["0", vat, ""]})
    [[line]] = await invoices.items_by_invoice_id(ctx, [row["id"]])
    assert (line["tax_id"], line["tax2_id"]) == (vat, None)
    await invoices.update_invoice(
        ctx, row["id"], {"item_updates": [{"id": line["id"], "taxes": []}]}
    )
    [[line]] = await invoices.items_by_invoice_id(ctx, [row["id"]])
    assert (line["tax_id"], line["tax2_id"], line["tax_rate"]) == (None, None, 0)


@pytest.mark.parametrize(
    "taxes",
    [
        ["VAT", "GST", "Sales Tax"],
        ["VAT", "vat"],
        ["no such tax"],
        [999_999],
        ["99999999999999999999999"],
    ],
)
async def test_more_than_two_a_repeat_or_an_unknown_tax_is_refused_naming_taxes(
    ctx: Ctx, db: Database, taxes: list[Any]
) -> None:
    with pytest.raises(Invalid) as refused:
        await _invoice(ctx, db, {"taxes": taxes})
    assert list(refused.value.errors) == ["items.0.taxes"]


async def test_taxes_and_the_slots_together_are_refused(ctx: Ctx, db: Database) -> None:
    vat = await tax_id(db, "VAT")
    with pytest.raises(Invalid) as refused:
        await _invoice(ctx, db, {"taxes": [vat], "tax2_id": vat})
    assert list(refused.value.errors) == ["items.0.taxes"]
