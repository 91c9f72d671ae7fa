"""The catalogue on the service layer: items, their groups and taxes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from gateway.database import Database
from resolvers import invoices, items
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid, NotFound
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.models import Customer, Event, Item, ItemGroup, Tax, table_of

D = Decimal


async def named_id(db: Database, model: Any, name: str, column: str = "name") -> int:
    table = table_of(model)
    async with db.read() as conn:
        return int(
            (await conn.execute(select(table.c.id).where(table.c[column] == name))).scalar_one()
        )


async def make_item(ctx: Ctx, **fields: Any) -> Row:
    return await items.create_item(
        ctx, {"description": "Consulting Hour", "rate": "150.00", "unit": "hour", **fields}
    )


async def count(db: Database, model: Any, *where: Any) -> int:
    table = table_of(model)
    async with db.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)


async def test_an_item_is_created_with_its_group_and_taxes(ctx: Ctx, db: Database) -> None:
    services = await named_id(db, ItemGroup, "Services")
    vat, gst = await named_id(db, Tax, "VAT"), await named_id(db, Tax, "GST")
    row = await make_item(ctx, group_id=services, tax_id=vat, tax2_id=gst, type="service")
    assert (row["rate"], row["group_id"], row["tax_id"], row["tax2_id"]) == (
        D("150.00"), services, vat, gst,
    )  # fmt: skip
    got = await items.get_item(ctx, row["id"])
    assert got is not None and got["description"] == "Consulting Hour"
    assert await count(db, Event, table_of(Event).c.type == "item.created") == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rate": -1}, "rate"),
        ({"rate": None}, "rate"),
        ({"description": ""}, "description"),
        ({"tax_id": 999_999}, "tax_id"),
        ({"tax2_id": 999_999}, "tax2_id"),
        ({"group_id": 999_999}, "group_id"),
        ({"tax_id": 1, "tax2_id": 1}, "tax2_id"),
        ({"type": "gift"}, "type"),
        ({"price": 10}, "price"),
    ],
)
async def test_bad_item_input_is_invalid_naming_the_field(
    ctx: Ctx, db: Database, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(Invalid) as refused:
        await make_item(ctx, **fields)
    assert field in refused.value.errors
    assert await count(db, Item) == 0


async def test_update_checks_references_and_keeps_issued_lines(ctx: Ctx, db: Database) -> None:
    # given an item on an invoice
    row = await make_item(ctx)
    async with db.write() as conn:
        customer = await insert_row(conn, table_of(Customer), {"company": "Zahara Foods LLC"})
    bill = await invoices.create_invoice(
        ctx, {"customer_id": customer["id"], "items": [{"item_id": row["id"]}]}
    )
    # when the catalogue price changes
    changed = await items.update_item(ctx, row["id"], {"rate": 175, "description": "Senior Hour"})
    # then the catalogue changed and the invoice did not
    assert (changed["rate"], changed["description"]) == (D(175), "Senior Hour")
    (line,) = (await invoices.items_by_invoice_id(ctx, [bill["id"]]))[0]
    assert (line["description"], line["rate"]) == ("Consulting Hour", D(150))
    with pytest.raises(Invalid) as bad_tax:
        await items.update_item(ctx, row["id"], {"tax_id": 999_999})
    assert "tax_id" in bad_tax.value.errors
    with pytest.raises(NotFound):
        await items.update_item(ctx, 999_999, {"rate": 1})


async def test_a_second_tax_repeating_the_stored_first_is_a_conflict(
    ctx: Ctx, db: Database
) -> None:
    async with db.write() as conn:
        vat = await insert_row(conn, table_of(Tax), {"name": "VAT", "rate": D(5)})
    row = await make_item(ctx, tax_id=vat["id"])

    # tax2_id alone is valid: the item's stored first tax refuses it.
    with pytest.raises(Conflict) as stored:
        await items.update_item(ctx, row["id"], {"tax2_id": vat["id"]})
    # Both sent: the body itself repeats the tax.
    with pytest.raises(Invalid) as sent:
        await items.update_item(ctx, row["id"], {"tax_id": vat["id"], "tax2_id": vat["id"]})

    assert stored.value.field == "tax2_id" and "tax2_id" in sent.value.errors


async def test_lists_filter_by_group_and_search(ctx: Ctx, db: Database) -> None:
    hosting = await named_id(db, ItemGroup, "Hosting")
    await make_item(ctx, description="Web Hosting", group_id=hosting)
    await make_item(ctx, description="Soundbar", long_description="JBL Cinema SB110")
    assert (await items.list_items(ctx, PageArgs(), group_id=hosting)).total == 1
    found = await items.list_items(ctx, PageArgs(), search="jbl")
    assert [r["description"] for r in found.rows] == ["Soundbar"]


async def test_item_groups_are_listed(ctx: Ctx) -> None:
    groups = await items.list_item_groups(ctx, PageArgs(first=50))
    assert {r["name"] for r in groups.rows} == {"Services", "Hardware", "Software", "Hosting"}
    first = groups.rows[0]
    assert (await items.get_item_group(ctx, first["id"])) == first


async def test_delete_hides_and_restore_brings_back(ctx: Ctx, db: Database) -> None:
    row = await make_item(ctx)
    await items.delete_item(ctx, row["id"])
    assert await items.get_item(ctx, row["id"]) is None
    assert (await items.list_items(ctx, PageArgs())).total == 0
    await items.restore_item(ctx, row["id"])
    assert await items.get_item(ctx, row["id"]) is not None


async def test_the_catalogue_needs_its_grants(ctx: Ctx, db: Database) -> None:
    reader = Ctx(db=db, principal=Principal(kind="token", id=9, name="t",
                                            grants=frozenset({"items:get"})))  # fmt: skip
    assert (await items.list_item_groups(reader, PageArgs())).total == 4
    with pytest.raises(Forbidden):
        await make_item(reader)
    row = await make_item(ctx)
    with pytest.raises(Forbidden):
        await items.delete_item(reader, row["id"])
    assert await count(db, Item) == 1
