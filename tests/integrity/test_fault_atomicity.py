"""A multi-row write that fails in the middle leaves no trace: no rows, no events, no
files on disk. The fault is a real database fault: a trigger that aborts one insert."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from resolvers import customers, files, invoices, leads, payments, tickets
from resolvers.core.context import Ctx, Database
from resolvers.models import Tax, metadata, table_of

FAULT = "injected fault"


@asynccontextmanager
async def fault(db: Database, table: str, condition: str) -> AsyncIterator[None]:
    """Every insert into `table` whose NEW row meets `condition` fails in the database."""
    async with db.write() as conn:
        if db.dialect == "postgresql":
            await conn.execute(text(
                "CREATE OR REPLACE FUNCTION crm_fault() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN IF {condition} THEN RAISE EXCEPTION '{FAULT}'; END IF; "
                "RETURN NEW; END $$"
            ))  # fmt: skip
            await conn.execute(text(
                f"CREATE TRIGGER crm_fault BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION crm_fault()"
            ))  # fmt: skip
        else:
            await conn.execute(text(
                f"CREATE TRIGGER crm_fault BEFORE INSERT ON {table} WHEN {condition} "
                f"BEGIN SELECT RAISE(ABORT, '{FAULT}'); END"
            ))  # fmt: skip
    try:
        yield
    finally:
        async with db.write() as conn:
            if db.dialect == "postgresql":
                await conn.execute(text(f"DROP TRIGGER IF EXISTS crm_fault ON {table}"))
                await conn.execute(text("DROP FUNCTION IF EXISTS crm_fault()"))
            else:
                await conn.execute(text("DROP TRIGGER IF EXISTS crm_fault"))


def files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file())


async def counts(db: Database) -> dict[str, int]:
    async with db.read() as conn:
        return {
            t.name: int(await conn.scalar(select(func.count()).select_from(t)) or 0)
            for t in metadata.sorted_tables
        }


async def leaves_no_trace(
    db: Database, write: Callable[[], Awaitable[Any]], table: str, condition: str
) -> None:
    before = await counts(db)
    async with fault(db, table, condition):
        with pytest.raises(Exception, match=FAULT):
            await write()
    assert await counts(db) == before


async def a_tax(db: Database) -> int:
    async with db.read() as conn:
        return int((await conn.execute(select(table_of(Tax).c.id).limit(1))).scalar_one())


async def test_an_invoice_whose_second_line_fails_leaves_no_invoice(ctx: Ctx) -> None:
    customer = await customers.create_customer(ctx, {"company": "Acme"})
    tax = await a_tax(ctx.db)
    data = {
        "customer_id": customer["id"],
        "items": [
            {"description": "Setup", "qty": 1, "rate": "100", "tax_id": tax},
            {"description": "explodes", "qty": 2, "rate": "50", "tax_id": tax},
        ],
    }

    await leaves_no_trace(
        ctx.db,
        lambda: invoices.create_invoice(ctx, data),
        "invoice_items",
        "NEW.description = 'explodes'",
    )


async def test_a_customer_whose_second_contact_fails_leaves_no_customer(ctx: Ctx) -> None:
    data = {
        "company": "Orbit Labs",
        "contacts": [
            {"firstname": "Reem", "lastname": "Safar", "email": "reem@orbit.io"},
            {"firstname": "Omar", "lastname": "Haddad", "email": "boom@orbit.io"},
        ],
    }

    await leaves_no_trace(
        ctx.db,
        lambda: customers.create_customer_with_contacts(ctx, data),
        "contacts",
        "NEW.email = 'boom@orbit.io'",
    )


async def test_a_reply_whose_second_file_fails_leaves_no_reply_and_no_bytes(
    ctx: Ctx, tmp_path: Path
) -> None:
    storing = Ctx(db=ctx.db, principal=ctx.principal, storage_dir=tmp_path)
    ticket = await tickets.create_ticket(storing, {"subject": "Broken"})
    uploads = [files.Upload("a.log", "text/plain", b"one"), files.Upload("b.log", None, b"two")]
    on_disk = files_under(tmp_path)

    await leaves_no_trace(
        ctx.db,
        lambda: tickets.reply_with_files(storing, ticket["id"], {"message": "Logs"}, uploads),
        "files",
        "NEW.file_name = 'b.log'",
    )

    assert files_under(tmp_path) == on_disk


async def test_a_lead_conversion_failing_at_its_last_event_leaves_the_lead_as_it_was(
    ctx: Ctx,
) -> None:
    lead = await leads.create_lead(
        ctx, {"name": "Reem Safar", "email": "reem@orbit.io", "company": "Orbit Labs"}
    )

    await leaves_no_trace(
        ctx.db,
        lambda: leads.convert_lead(ctx, lead["id"]),
        "events",
        "NEW.type = 'lead.converted'",
    )

    still = await leads.get_lead(ctx, lead["id"])
    assert still is not None and still["converted_at"] is None and still["customer_id"] is None


async def test_a_payment_failing_as_it_settles_the_invoice_leaves_it_unpaid(ctx: Ctx) -> None:
    customer = await customers.create_customer(ctx, {"company": "Acme"})
    invoice = await invoices.create_invoice(
        ctx,
        {"customer_id": customer["id"], "items": [{"description": "Work", "qty": 1, "rate": 500}]},
    )
    invoice = await invoices.send_invoice(ctx, invoice["id"])

    await leaves_no_trace(
        ctx.db,
        lambda: payments.record_payment(ctx, invoice["id"], {"amount": "500.00"}),
        "events",
        "NEW.type = 'invoice.paid'",
    )

    after = await invoices.get_invoice(ctx, invoice["id"])
    assert after is not None and after["status"] == invoice["status"]
    assert after["amount_due"] == invoice["amount_due"]
