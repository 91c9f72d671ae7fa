"""Invoices on the service layer: figures from lines, numbering, defaults, edits of the
lines, references, transactions, soft delete, sending, cancelling and permissions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select, update

from gateway.database import Database
from resolvers import invoices
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid, NotFound
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.models import (
    Country,
    Currency,
    Customer,
    Event,
    Invoice,
    InvoiceItem,
    Item,
    Project,
    Tax,
    table_of,
)
from resolvers.numbering import formatted_number, parse_number
from resolvers.totals import CANCELLED, DRAFT, OVERDUE, UNPAID

D = Decimal


async def make_customer(db: Database, **fields: Any) -> Row:
    async with db.write() as conn:
        return await insert_row(conn, table_of(Customer), {"company": "Zahara Foods LLC", **fields})


async def tax_id(db: Database, name: str) -> int:
    taxes = table_of(Tax)
    async with db.read() as conn:
        return int(
            (await conn.execute(select(taxes.c.id).where(taxes.c.name == name))).scalar_one()
        )


async def lookup_id(db: Database, model: Any, column: str, value: str) -> int:
    table = table_of(model)
    async with db.read() as conn:
        found = await conn.execute(select(table.c.id).where(table.c[column] == value))
        return int(found.scalar_one())


async def make_invoice(ctx: Ctx, customer_id: int, **fields: Any) -> Row:
    items = fields.pop("items", [{"description": "Onsite Implementation", "qty": 10,
                                  "rate": "380"}])  # fmt: skip
    return await invoices.create_invoice(
        ctx, {"customer_id": customer_id, "items": items, **fields}
    )


async def count(db: Database, model: Any, *where: Any) -> int:
    table = table_of(model)
    async with db.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)


async def event_count(db: Database, type_: str) -> int:
    return await count(db, Event, table_of(Event).c.type == type_)


async def lines(ctx: Ctx, invoice_id: int) -> list[Row]:
    return (await invoices.items_by_invoice_id(ctx, [invoice_id]))[0]


def caller(db: Database, *grants: str) -> Ctx:
    return Ctx(db=db, principal=Principal(kind="token", id=9, name="t", grants=frozenset(grants)))


# Figures worked out by hand, not by resolvers.totals.
FIGURES = [
    pytest.param(
        [{"description": "a", "qty": 2, "rate": "10.50"}, {"description": "b", "rate": 100}],
        {}, ("121.00", "0.00", "0.00", "121.00"), id="no-tax-no-discount",
    ),
    pytest.param(
        [{"description": "a", "qty": 3, "rate": "33.33", "tax": "VAT"}],
        {}, ("99.99", "5.00", "0.00", "104.99"), id="one-tax-rounds-half-up",
    ),
    pytest.param(
        [{"description": "a", "qty": 1, "rate": 200, "tax": "GST", "tax2": "CGST"}],
        {}, ("200.00", "54.00", "0.00", "254.00"), id="two-taxes",
    ),
    pytest.param(
        [{"description": "a", "qty": 2, "rate": 100, "tax": "VAT"}],
        {"discount_type": "before_tax", "discount_percent": 10},
        ("200.00", "9.00", "20.00", "189.00"), id="percent-before-tax",
    ),
    pytest.param(
        [{"description": "a", "qty": 2, "rate": 100, "tax": "VAT"}],
        {"discount_type": "after_tax", "discount_percent": 10},
        ("200.00", "10.00", "21.00", "189.00"), id="percent-after-tax",
    ),
    pytest.param(
        [{"description": "a", "qty": 2, "rate": 100, "tax": "VAT"}],
        {"discount_type": "before_tax", "discount_total": 50},
        ("200.00", "7.50", "50.00", "157.50"), id="fixed-before-tax",
    ),
    pytest.param(
        [{"description": "a", "qty": 2, "rate": 100, "tax": "VAT"}],
        {"discount_type": "after_tax", "discount_total": "10.25", "adjustment": "-0.75"},
        ("200.00", "10.00", "10.25", "199.00"), id="fixed-after-tax-and-adjustment",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("items", "extra", "expected"), FIGURES)
async def test_figures_follow_lines_taxes_discount_and_adjustment(
    ctx: Ctx, db: Database, items: list[dict[str, Any]], extra: dict[str, Any],
    expected: tuple[str, str, str, str],
) -> None:  # fmt: skip
    # given lines naming taxes by id
    customer = await make_customer(db)
    for line in items:
        for slot in ("tax", "tax2"):
            if slot in line:
                line[f"{slot}_id"] = await tax_id(db, line.pop(slot))
    # when
    row = await make_invoice(ctx, customer["id"], items=items, **extra)
    # then
    got = (row["subtotal"], row["total_tax"], row["discount_total"], row["total"])
    assert got == tuple(D(v) for v in expected)
    assert row["amount_due"] == row["total"]


async def test_figures_a_client_sends_are_ignored(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(
        ctx, customer["id"], subtotal="1.00", total="1500.00", total_tax="9.99",
        items=[{"description": "Training", "qty": 8, "rate": 180}],
    )  # fmt: skip
    assert (row["subtotal"], row["total_tax"], row["total"]) == (D("1440"), D("0"), D("1440"))


async def test_a_discount_needs_its_type_and_may_not_exceed_the_amount(
    ctx: Ctx, db: Database
) -> None:
    customer = await make_customer(db)
    with pytest.raises(Invalid) as no_type:
        await make_invoice(ctx, customer["id"], discount_percent=10)
    with pytest.raises(Invalid) as too_much:
        await make_invoice(ctx, customer["id"], discount_type="before_tax", discount_total=5000)
    with pytest.raises(Invalid) as negative:
        await make_invoice(ctx, customer["id"], adjustment=-4000)
    assert "discount_type" in no_type.value.errors
    assert "discount_total" in too_much.value.errors
    assert "adjustment" in negative.value.errors
    assert await count(db, Invoice) == 0


async def test_numbers_follow_on_and_a_used_one_is_refused(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    first = await make_invoice(ctx, customer["id"])
    second = await make_invoice(ctx, customer["id"])
    chosen = await make_invoice(ctx, customer["id"], number="INV-000042")
    after = await make_invoice(ctx, customer["id"])
    assert [first["number"], second["number"], chosen["number"], after["number"]] == [1, 2, 42, 43]
    assert formatted_number("invoices", after) == "INV-000043"
    with pytest.raises(Conflict) as taken:
        await make_invoice(ctx, customer["id"], number=2)
    assert taken.value.field == "number"
    assert taken.value.message == "The Invoice number is already in use"
    with pytest.raises(Conflict):
        await invoices.update_invoice(ctx, first["id"], {"number": 42})
    # its own number is no conflict
    same = await invoices.update_invoice(ctx, first["id"], {"number": 1})
    assert same["number"] == 1
    assert await count(db, Invoice) == 4


async def test_a_written_number_keeps_its_prefix() -> None:
    assert parse_number("EST-001") == ("EST-", 1)
    assert parse_number(" 17 ") == (None, 17)
    with pytest.raises(Invalid) as bad:
        parse_number("INV-")
    assert "number" in bad.value.errors


async def test_defaults_come_from_the_customer(ctx: Ctx, db: Database) -> None:
    # given a customer with a currency and addresses
    eur = await lookup_id(db, Currency, "name", "EUR")
    ae = await lookup_id(db, Country, "iso2", "AE")
    customer = await make_customer(
        db, default_currency_id=eur, address="Al Quoz 4", city="Dubai", country_id=ae,
        shipping_street="Warehouse 9", shipping_city="Jebel Ali",
    )  # fmt: skip
    # when an invoice leaves them out
    row = await make_invoice(ctx, customer["id"], due_date=dt.date.today() + dt.timedelta(days=9))
    # then the currency and addresses are the customer's (main address for billing)
    assert row["currency_id"] == eur
    assert (row["billing_street"], row["billing_city"], row["billing_country_id"]) == (
        "Al Quoz 4", "Dubai", ae,
    )  # fmt: skip
    assert (row["shipping_street"], row["include_shipping"]) == ("Warehouse 9", True)
    assert row["status"] == UNPAID and row["prefix"] == "INV-"
    # and a given currency code and billing address win
    own = await make_invoice(ctx, customer["id"], currency="AED", billing_street="PO Box 1")
    assert own["currency_id"] == await lookup_id(db, Currency, "name", "AED")
    assert (own["billing_street"], own["billing_city"]) == ("PO Box 1", "")


async def test_a_draft_when_asked_and_overdue_when_past_due(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    draft = await make_invoice(ctx, customer["id"], status=DRAFT)
    past = dt.date.today() - dt.timedelta(days=40)
    late = await make_invoice(ctx, customer["id"], date=past, due_date=past)
    assert draft["status"] == DRAFT
    assert late["status"] == OVERDUE
    with pytest.raises(Invalid) as before_date:
        await make_invoice(ctx, customer["id"], date=past, due_date=past - dt.timedelta(days=1))
    assert "due_date" in before_date.value.errors


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"customer_id": 999_999}, "customer_id"),
        ({"currency": "XXX"}, "currency"),
        ({"billing_country": "QQ"}, "billing_country"),
        ({"sale_agent_id": 999_999}, "sale_agent_id"),
        ({"subscription_id": 999_999}, "subscription_id"),
        ({"allowed_payment_modes": [1, 999_999]}, "allowed_payment_modes"),
        ({"project_id": 999_999}, "project_id"),
        ({"items": [{"description": "a", "rate": 1}, {"description": "b", "rate": 1,
                                                        "tax_id": 999_999}]}, "items.1.tax_id"),
        ({"items": [{"item_id": 999_999}]}, "items.0.item_id"),
        ({"items": []}, "items"),
        ({"items": [{"rate": 1}]}, "items.0.description"),
        ({"items": [{"description": "a"}]}, "items.0.rate"),
        ({"items": [{"description": "a", "rate": 1, "qty": 0}]}, "items.0.qty"),
        ({"items": [{"description": "a", "rate": 1, "qty": "0.001"}]}, "items.0.qty"),
        ({"items": [{"description": "a", "rate": -1}]}, "items.0.rate"),
        ({"items": [{"description": "a", "rate": 10**12}]}, "items.0.rate"),
        ({"items": [{"description": "a", "rate": 1}] * 201}, "items"),
        ({"items": [{"description": "a", "rate": 10**11, "qty": 10**6}]}, "items"),
        ({"adjustment": 10**13}, "adjustment"),
        ({"items": [{"description": "a", "rate": 1, "tax_id": 1, "tax2_id": 1}]},
         "items.0.tax2_id"),
        ({"items": [{"description": "a", "rate": 1, "colour": "red"}]}, "items.0.colour"),
    ],
)  # fmt: skip
async def test_every_bad_input_is_invalid_naming_its_field(
    ctx: Ctx, db: Database, change: dict[str, Any], field: str
) -> None:
    customer = await make_customer(db)
    data = {"customer_id": customer["id"], "items": [{"description": "a", "rate": 1}], **change}
    with pytest.raises(Invalid) as refused:
        await invoices.create_invoice(ctx, data)
    assert field in refused.value.errors
    assert await count(db, Invoice) == 0


async def test_a_project_of_another_customer_is_refused(ctx: Ctx, db: Database) -> None:
    ours, theirs = await make_customer(db), await make_customer(db, company="Other")
    async with db.write() as conn:
        project = await insert_row(conn, table_of(Project), {
            "name": "ERP", "customer_id": theirs["id"], "start_date": dt.date(2026, 1, 1),
        })  # fmt: skip
    with pytest.raises(Conflict) as refused:
        await make_invoice(ctx, ours["id"], project_id=project["id"])
    assert refused.value.field == "project_id"
    row = await make_invoice(ctx, theirs["id"], project_id=project["id"])
    assert row["project_id"] == project["id"]


async def test_a_failure_midway_leaves_nothing_behind(ctx: Ctx, db: Database) -> None:
    # given a second line naming a tax that does not exist, found after the invoice row
    # and the first line were written
    customer = await make_customer(db)
    items = [{"description": "ok", "rate": 1}, {"description": "bad", "rate": 1, "tax_id": 404}]
    # when
    with pytest.raises(Invalid):
        await make_invoice(ctx, customer["id"], items=items)
    # then no invoice, no line, no event, and the number is still free
    assert await count(db, Invoice) == 0
    assert await count(db, InvoiceItem) == 0
    assert await event_count(db, "invoice.created") == 0
    assert (await make_invoice(ctx, customer["id"]))["number"] == 1


async def test_a_created_invoice_records_its_event_with_it(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    events = table_of(Event)
    async with db.read() as conn:
        found = (await conn.execute(select(events).where(events.c.type == "invoice.created"))).all()
    assert [(e.record_id, e.parent_resource, e.parent_id) for e in found] == [
        (row["id"], "customer", customer["id"])
    ]


async def test_a_catalogue_item_fills_a_line_it_names(ctx: Ctx, db: Database) -> None:
    vat = await tax_id(db, "VAT")
    async with db.write() as conn:
        item = await insert_row(conn, table_of(Item), {
            "description": "Consulting Hour", "rate": D("150"), "unit": "hour", "tax_id": vat,
        })  # fmt: skip
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"], items=[{"item_id": item["id"], "qty": 2}])
    (line,) = await lines(ctx, row["id"])
    assert (line["description"], line["rate"], line["unit"], line["tax_rate"]) == (
        "Consulting Hour", D("150"), "hour", D("5"),
    )  # fmt: skip
    assert row["total"] == D("315.00")


async def test_a_whole_list_replaces_the_lines(ctx: Ctx, db: Database) -> None:
    # given an invoice with two lines
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"], items=[
        {"description": "keep", "qty": 1, "rate": 100}, {"description": "drop", "rate": 50},
    ])  # fmt: skip
    keep, _drop = await lines(ctx, row["id"])
    # when the list names the first by id and adds a new one
    updated = await invoices.update_invoice(ctx, row["id"], {"items": [
        {"description": "new", "qty": 2, "rate": 10}, {"id": keep["id"], "qty": 3},
    ]})  # fmt: skip
    # then the dropped line is gone, the kept one changed in place, order follows the list
    got = [(ln["id"], ln["description"], ln["qty"], ln["item_order"]) for ln in await lines(
        ctx, row["id"])]  # fmt: skip
    assert [g[1:] for g in got] == [("new", D(2), 1), ("keep", D(3), 2)]
    assert got[1][0] == keep["id"]
    assert updated["total"] == D("320.00")


async def test_perfex_style_edits_change_add_and_remove_lines(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"], items=[
        {"description": "a", "rate": 100}, {"description": "b", "rate": 50},
        {"description": "c", "rate": 25},
    ])  # fmt: skip
    a, b, c = await lines(ctx, row["id"])
    updated = await invoices.update_invoice(ctx, row["id"], {
        "item_updates": [{"id": a["id"], "rate": 110}],
        "new_items": [{"description": "d", "rate": 5}],
        "removed_items": [b["id"]],
    })  # fmt: skip
    got = [(ln["description"], ln["rate"]) for ln in await lines(ctx, row["id"])]
    assert got == [("a", D(110)), ("c", D(25)), ("d", D(5))]
    assert updated["total"] == D("140.00") and updated["amount_due"] == D("140.00")
    with pytest.raises(Invalid) as mixed:
        await invoices.update_invoice(ctx, row["id"], {"items": [], "removed_items": [c["id"]]})
    with pytest.raises(Invalid) as unknown:
        await invoices.update_invoice(ctx, row["id"], {"removed_items": [999_999]})
    with pytest.raises(Invalid) as emptied:
        await invoices.update_invoice(
            ctx, row["id"], {"removed_items": [ln["id"] for ln in await lines(ctx, row["id"])]}
        )
    assert "items" in mixed.value.errors and "removed_items" in unknown.value.errors
    assert "items" in emptied.value.errors
    assert len(await lines(ctx, row["id"])) == 3


async def test_a_line_keeps_the_tax_rate_it_was_written_with(ctx: Ctx, db: Database) -> None:
    # given a line taxed at VAT 5%
    vat = await tax_id(db, "VAT")
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"], items=[
        {"description": "a", "rate": 100, "tax_id": vat}])  # fmt: skip
    # when VAT goes to 20% and another field of the invoice changes
    taxes = table_of(Tax)
    async with db.write() as conn:
        await conn.execute(update(taxes).where(taxes.c.id == vat).values(rate=D("20")))
    same = await invoices.update_invoice(ctx, row["id"], {"admin_note": "re-checked"})
    assert same["total"] == D("105.00")
    # then only a line that names the tax again takes the new rate
    (line,) = await lines(ctx, row["id"])
    renamed = await invoices.update_invoice(
        ctx, row["id"], {"item_updates": [{"id": line["id"], "tax_id": vat, "tax2_id": None}]}
    )
    assert renamed["total"] == D("105.00")
    fresh = await invoices.update_invoice(ctx, row["id"], {"new_items": [
        {"description": "b", "rate": 100, "tax_id": vat}]})  # fmt: skip
    assert fresh["total"] == D("225.00")


async def test_an_update_recomputes_from_a_new_discount(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"], items=[{"description": "a", "rate": 200}],
                             discount_type="after_tax", discount_total=20)  # fmt: skip
    assert row["total"] == D("180.00")
    kept = await invoices.update_invoice(ctx, row["id"], {"adjustment": 5})
    assert (kept["discount_total"], kept["total"]) == (D("20.00"), D("185.00"))
    percent = await invoices.update_invoice(ctx, row["id"], {"discount_percent": 50})
    assert (percent["discount_total"], percent["total"]) == (D("100.00"), D("105.00"))
    dropped = await invoices.update_invoice(ctx, row["id"], {"discount_type": ""})
    assert (dropped["discount_total"], dropped["total"]) == (D("0.00"), D("205.00"))


async def test_lists_filter_by_customer_status_and_number(ctx: Ctx, db: Database) -> None:
    ours, theirs = await make_customer(db), await make_customer(db, company="Orbit Labs")
    first = await make_invoice(ctx, ours["id"])
    await make_invoice(ctx, ours["id"], status=DRAFT)
    await make_invoice(ctx, theirs["id"])
    page = PageArgs(first=50)
    assert (await invoices.list_invoices(ctx, page, customer_id=ours["id"])).total == 2
    assert (await invoices.list_invoices(ctx, page, status="Draft")).total == 1
    assert (await invoices.list_invoices(ctx, page, status="unpaid")).total == 2
    by_number = await invoices.list_invoices(ctx, page, search="INV-000001")
    assert [r["id"] for r in by_number.rows] == [first["id"]]
    by_company = await invoices.list_invoices(ctx, page, search="orbit")
    assert by_company.total == 1
    with pytest.raises(Invalid):
        await invoices.list_invoices(ctx, page, status="Lost")


async def test_delete_hides_and_restore_brings_back(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    await invoices.delete_invoice(ctx, row["id"])
    assert await invoices.get_invoice(ctx, row["id"]) is None
    assert (await invoices.list_invoices(ctx, PageArgs())).total == 0
    assert await count(db, Invoice) == 1
    with pytest.raises(NotFound):
        await invoices.update_invoice(ctx, row["id"], {"admin_note": "x"})
    restored = await invoices.restore_invoice(ctx, row["id"])
    assert restored["deleted_at"] is None
    assert await invoices.get_invoice(ctx, row["id"]) is not None
    assert await event_count(db, "invoice.deleted") == 1
    assert await event_count(db, "invoice.restored") == 1


async def test_sending_issues_a_draft_and_records_it(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    draft = await make_invoice(ctx, customer["id"], status=DRAFT)
    sent = await invoices.send_invoice(ctx, draft["id"])
    assert (sent["status"], sent["sent"]) == (UNPAID, True)
    assert sent["sent_at"] is not None
    assert await event_count(db, "invoice.sent") == 1
    # Draft is a status a body may send; the issued invoice's state refuses it.
    with pytest.raises(Conflict) as again:
        await invoices.update_invoice(ctx, draft["id"], {"status": DRAFT})
    assert again.value.field == "status"


async def test_an_update_can_issue_a_draft(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    draft = await make_invoice(ctx, customer["id"], status=DRAFT)
    issued = await invoices.update_invoice(ctx, draft["id"], {"status": UNPAID})
    assert issued["status"] == UNPAID


async def test_cancel_and_uncancel(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    cancelled = await invoices.cancel_invoice(ctx, row["id"])
    assert cancelled["status"] == CANCELLED
    with pytest.raises(Conflict):
        await invoices.send_invoice(ctx, row["id"])
    back = await invoices.uncancel_invoice(ctx, row["id"])
    assert back["status"] == UNPAID
    assert await event_count(db, "invoice.cancelled") == 1


async def test_a_caller_without_the_grant_is_refused(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    reader = caller(db, "invoices:get")
    assert (await invoices.get_invoice(reader, row["id"])) is not None
    with pytest.raises(Forbidden):
        await make_invoice(reader, customer["id"])
    with pytest.raises(Forbidden):
        await invoices.update_invoice(reader, row["id"], {"admin_note": "x"})
    with pytest.raises(Forbidden):
        await invoices.delete_invoice(reader, row["id"])
    with pytest.raises(Forbidden):
        await invoices.list_invoices(reader, PageArgs(), search="INV")
    assert await count(db, Invoice) == 1


async def test_concurrent_creates_take_distinct_numbers(ctx: Ctx, db: Database) -> None:
    import asyncio

    customer = await make_customer(db)
    rows = await asyncio.gather(*(make_invoice(ctx, customer["id"]) for _ in range(6)))
    assert sorted(r["number"] for r in rows) == [1, 2, 3, 4, 5, 6]
