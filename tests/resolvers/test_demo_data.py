"""Demo data: it fills what it says, its figures obey the business rule, a seed repeats."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import RowMapping, Table, func, select

from gateway.database import Database
from resolvers.core.identity import verify_password
from resolvers.demo_data import ANCHOR, TODAY, is_empty, seed_demo
from resolvers.models import (
    Contact,
    CreditApplied,
    CreditNote,
    CreditNoteItem,
    CreditNoteRefund,
    Customer,
    Estimate,
    EstimateItem,
    Expense,
    File,
    Invoice,
    InvoiceItem,
    Lead,
    Payment,
    Proposal,
    ProposalItem,
    Staff,
    StaffDepartment,
    Timesheet,
    Transaction,
    metadata,
    table_of,
)
from resolvers.reference.seeds import REFERENCE
from resolvers.totals import CANCELLED, DRAFT, PAID, ZERO, Line, compute, invoice_status
from tests.conftest import reset

Rows = Sequence[RowMapping]

REFERENCE_TABLES = {table_of(model).name for model, _ in REFERENCE}
# What the generator leaves alone: machine-facing records, and files without a storage dir.
UNSEEDED = {
    "webhooks",
    "webhook_deliveries",
    "api_tokens",
    "events",
    "staff_permissions",
    "idempotency_keys",
}
ALL_TABLES = {t.name for t in metadata.sorted_tables}


async def _count_rows(db: Database, names: set[str]) -> dict[str, int]:
    async with db.read() as conn:
        return {
            name: (
                await conn.execute(select(func.count()).select_from(metadata.tables[name]))
            ).scalar_one()
            for name in sorted(names)
        }


async def _rows(db: Database, table: Table) -> Rows:
    async with db.read() as conn:
        return (await conn.execute(select(table).order_by(table.c.id))).mappings().all()


def _by(rows: Rows, key: str) -> dict[int, list[RowMapping]]:
    grouped: dict[int, list[RowMapping]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def _sums(rows: Rows, key: str) -> dict[int, Decimal]:
    sums: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        sums[row[key]] += row["amount"]
    return sums


def _files_in(directory: Path) -> list[Path]:
    return sorted(directory.iterdir())


def _assert_figures(doc: RowMapping, items: Sequence[RowMapping]) -> None:
    """A document's stored figures are what `compute` makes of its stored lines."""
    assert items, f"document {doc['id']} has no lines"
    figures = compute(
        [Line(i["qty"], i["rate"], i["tax_rate"], i["tax2_rate"]) for i in items],
        discount_type=doc["discount_type"],
        discount_percent=doc["discount_percent"],
        discount_fixed=doc["discount_total"],
        adjustment=doc["adjustment"],
    )
    stored = tuple(doc[k] for k in ("subtotal", "total_tax", "discount_total", "total"))
    assert stored == (figures.subtotal, figures.total_tax, figures.discount_total, figures.total)
    assert doc["total"] > ZERO


async def test_seeding_fills_every_table_it_reports_and_nothing_else(db: Database) -> None:
    reference_before = await _count_rows(db, REFERENCE_TABLES)
    assert await is_empty(db)
    reported: list[tuple[str, int]] = []

    counts = await seed_demo(db, customers=5, progress=lambda label, n: reported.append((label, n)))

    assert not await is_empty(db)
    assert reported == list(counts.items())
    assert set(counts) == ALL_TABLES - REFERENCE_TABLES - UNSEEDED - {"files"}
    actual = await _count_rows(db, ALL_TABLES)
    assert {name: actual[name] for name in counts} == counts
    assert all(n > 0 for n in counts.values())
    assert all(actual[name] == 0 for name in UNSEEDED | {"files"})
    assert await _count_rows(db, REFERENCE_TABLES) == reference_before
    assert counts["customers"] == 5


async def test_a_second_seed_is_refused(db: Database) -> None:
    await seed_demo(db, customers=1)
    with pytest.raises(RuntimeError):
        await seed_demo(db, customers=1)


async def test_customers_have_contacts_with_exactly_one_primary(db: Database) -> None:
    await seed_demo(db, customers=12)
    customers = await _rows(db, table_of(Customer))
    contacts = _by(await _rows(db, table_of(Contact)), "customer_id")
    for customer in customers:
        mine = contacts[customer["id"]]
        assert 2 <= len(mine) <= 4
        assert sum(c["is_primary"] for c in mine) == 1
        domain = customer["website"].removeprefix("https://www.")
        assert all(c["email"].endswith("@" + domain) for c in mine)
        assert customer["billing_country_id"] == customer["country_id"] is not None
    assert len({c["company"] for c in customers}) == len(customers)


async def test_invoices_follow_the_business_rule(db: Database) -> None:
    await seed_demo(db, customers=10)
    invoices = await _rows(db, table_of(Invoice))
    items = _by(await _rows(db, table_of(InvoiceItem)), "invoice_id")
    payments = await _rows(db, table_of(Payment))
    paid = _sums(payments, "invoice_id")
    credited = _sums(await _rows(db, table_of(CreditApplied)), "invoice_id")

    for inv in invoices:
        _assert_figures(inv, items[inv["id"]])
        assert 2 <= len(items[inv["id"]]) <= 4 or inv["subscription_id"] is not None
        assert inv["amount_paid"] == paid[inv["id"]]
        assert inv["credits_applied"] == credited[inv["id"]]
        assert inv["amount_due"] == inv["total"] - inv["amount_paid"] - inv["credits_applied"]
        assert inv["amount_due"] >= ZERO, "payments and credits never exceed the total"
        assert inv["status"] == invoice_status(
            current=inv["status"],
            total=inv["total"],
            paid=inv["amount_paid"],
            credited=inv["credits_applied"],
            due_date=inv["due_date"],
            today=TODAY,
        )
        if inv["status"] in (DRAFT, CANCELLED):
            assert inv["amount_paid"] == inv["credits_applied"] == ZERO
        assert inv["prefix"] == "INV-" and len(inv["hash"]) == 32
    by_number = sorted(invoices, key=lambda i: i["number"])
    assert [i["number"] for i in by_number] == list(range(1, len(invoices) + 1))
    assert [i["date"] for i in by_number] == sorted(i["date"] for i in invoices)
    assert PAID in {i["status"] for i in invoices} and len({i["status"] for i in invoices}) >= 3
    invoice_dates = {i["id"]: i["date"] for i in invoices}
    assert all(invoice_dates[p["invoice_id"]] <= p["date"] < TODAY for p in payments)


async def test_other_priced_documents_and_credit_notes_add_up(db: Database) -> None:
    await seed_demo(db, customers=20)
    for doc_model, item_model, key in (
        (Estimate, EstimateItem, "estimate_id"),
        (Proposal, ProposalItem, "proposal_id"),
        (CreditNote, CreditNoteItem, "credit_note_id"),
    ):
        items = _by(await _rows(db, table_of(item_model)), key)
        for doc in await _rows(db, table_of(doc_model)):
            _assert_figures(doc, items[doc["id"]])

    refunds = _sums(await _rows(db, table_of(CreditNoteRefund)), "credit_note_id")
    applied = _sums(await _rows(db, table_of(CreditApplied)), "credit_note_id")
    notes = await _rows(db, table_of(CreditNote))
    for note in notes:
        remaining = note["total"] - refunds[note["id"]] - applied[note["id"]]
        assert note["remaining_amount"] == remaining >= ZERO
    assert [n["number"] for n in sorted(notes, key=lambda n: n["date"])] == list(
        range(1, len(notes) + 1)
    )
    for proposal in await _rows(db, table_of(Proposal)):
        assert (proposal["customer_id"] is None) != (proposal["lead_id"] is None)
        assert proposal["rel_type"] == ("lead" if proposal["lead_id"] else "customer")


async def test_the_ledger_books_every_payment_and_expense(db: Database) -> None:
    await seed_demo(db, customers=6)
    ledger = await _rows(db, table_of(Transaction))
    payments = await _rows(db, table_of(Payment))
    expenses = await _rows(db, table_of(Expense))
    income = {t["payment_id"]: t["amount"] for t in ledger if t["type"] == "income"}
    spent = {t["expense_id"]: t["amount"] for t in ledger if t["type"] == "expense"}
    assert income == {p["id"]: p["amount"] for p in payments}
    assert spent == {e["id"]: e["amount"] for e in expenses}


async def test_staff_leads_and_timers(db: Database) -> None:
    await seed_demo(db, customers=15)
    staff = await _rows(db, table_of(Staff))
    admin = next(s for s in staff if s["email"] == "admin@example.com")
    assert admin["is_admin"] and verify_password(admin["password_hash"], "admin")
    assert [s["email"] for s in staff if s["is_admin"]] == ["admin@example.com"]
    assert len(staff) == 10 and all(s["role_id"] is not None for s in staff)
    departments = Counter(d["staff_id"] for d in await _rows(db, table_of(StaffDepartment)))
    assert all(departments[s["id"]] >= 1 for s in staff if not s["is_admin"])

    leads = await _rows(db, table_of(Lead))
    converted = [lead for lead in leads if lead["customer_id"] is not None]
    assert converted and len(converted) < len(leads)
    assert all((lead["customer_id"] is None) == (lead["converted_at"] is None) for lead in leads)

    timers = await _rows(db, table_of(Timesheet))
    running = [t for t in timers if t["end_time"] is None]
    assert running and len({t["staff_id"] for t in running}) == len(running)
    assert all(t["end_time"] is None or t["end_time"] > t["start_time"] for t in timers)


async def test_every_record_dates_from_before_the_anchor(db: Database) -> None:
    await seed_demo(db, customers=5)
    async with db.read() as conn:
        for name in sorted(ALL_TABLES - REFERENCE_TABLES):
            table = metadata.tables[name]
            oldest, newest = (
                await conn.execute(
                    select(func.min(table.c.created_at), func.max(table.c.created_at))
                )
            ).one()
            if newest is None:
                continue
            assert isinstance(newest, datetime) and newest.tzinfo is not None
            assert ANCHOR.replace(year=2023) < oldest <= newest <= ANCHOR, name


async def _fingerprint(db: Database, seed: int) -> tuple[Any, ...]:
    counts = await seed_demo(db, customers=8, seed=seed)
    customers = [c["company"] for c in await _rows(db, table_of(Customer))]
    emails = [c["email"] for c in await _rows(db, table_of(Contact))]
    invoices = [
        (i["number"], i["date"], i["total"], i["status"], i["hash"])
        for i in await _rows(db, table_of(Invoice))
    ]
    return counts, customers, emails, invoices


async def test_the_same_seed_gives_the_same_data(db: Database) -> None:
    first = await _fingerprint(db, seed=11)
    await reset(db)
    again = await _fingerprint(db, seed=11)
    await reset(db)
    other = await _fingerprint(db, seed=12)
    assert again == first
    assert other[1] != first[1] and other[3] != first[3]


async def test_files_land_in_the_storage_dir_with_matching_digests(
    db: Database, tmp_path: Path
) -> None:
    counts = await seed_demo(db, customers=5, storage_dir=tmp_path / "files")
    files = await _rows(db, table_of(File))
    assert counts["files"] == len(files) > 0
    assert {f["rel_type"] for f in files} == {"customer", "project", "ticket"}
    for f in files:
        data = (tmp_path / "files" / f["storage_key"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["size"]
        assert f["file_name"].replace("-", "").replace(".", "").isalnum()
        assert int(f["storage_key"], 16) >= 0
    assert len(_files_in(tmp_path / "files")) == len(files)


async def test_a_failure_leaves_no_rows_and_no_files(db: Database, tmp_path: Path) -> None:
    def fail_at_the_end(label: str, count: int) -> None:
        if label == "files":
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        await seed_demo(db, customers=3, storage_dir=tmp_path, progress=fail_at_the_end)

    assert await is_empty(db)
    leftovers = await _count_rows(db, ALL_TABLES - REFERENCE_TABLES)
    assert not any(leftovers.values())
    assert _files_in(tmp_path) == []
