"""The PDFs themselves: the text a reader extracts carries the number, both parties'
addresses, every line, each tax, the discount, the totals and the currency, exactly."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from resolvers import credit_notes, invoices
from resolvers.core.context import Ctx
from resolvers.core.errors import Forbidden, Invalid, NotFound
from resolvers.core.permissions import Principal
from resolvers.documents import (
    contract_pdf,
    credit_note_pdf,
    document_pdf,
    estimate_pdf,
    invoice_pdf,
    proposal_pdf,
)
from tests.documents.factories import (
    SELLER,
    buyer,
    make_contract,
    make_credit_note,
    make_estimate,
    make_invoice,
    make_proposal,
    text_of,
)

SELLER_TEXT = "Acme Trading FZ-LLC 1 Harbour Road Jebel Ali, Dubai billing@acme.test VAT: 100200300"
BUYER_TEXT = "Zahara Foods LLC 12 Palm Street Dubai United Arab Emirates VAT: AE-998877"
LINES_TEXT = (
    "1 Onsite Implementation Two engineers on site 10 hrs 380.00 VAT 5% 3,800.00 "
    "2 Monthly Support 1 1,200.00 VAT 5%, Sales Tax 10% 1,200.00"
)
FIGURES_TEXT = (
    "Sub total 5,000.00 Discount (10%) -500.00 VAT 5% 225.00 Sales Tax 10% 108.00 "
    "Total AED 4,833.00"
)


@pytest.fixture
def seller_ctx(ctx: Ctx) -> Ctx:
    return replace(ctx, company=SELLER)


def reader_of(ctx: Ctx, *grants: str) -> Ctx:
    return replace(ctx, principal=Principal(kind="token", id=7, name="reader",
                                            grants=frozenset(grants)))  # fmt: skip


async def test_an_invoice_prints_every_party_line_and_figure(seller_ctx: Ctx) -> None:
    # given an AED invoice with two taxed lines, a 10% discount and a payment of 1,000.00
    customer = await buyer(seller_ctx)
    invoice = await make_invoice(seller_ctx, customer)
    assert (invoice["total"], invoice["amount_due"]) == (4833, 3833)

    # when it is printed
    pdf = await invoice_pdf(seller_ctx, invoice["id"])

    # then the text carries all of it, with the figures exactly as stored
    text = text_of(pdf.content)
    assert pdf.content.startswith(b"%PDF-")
    assert pdf.filename == "INV-000001.pdf"
    assert "INVOICE INV-000001 Invoice date: 2025-08-22 Due date: 2025-09-04" in text
    assert SELLER_TEXT in text
    assert BUYER_TEXT in text
    assert LINES_TEXT in text
    assert FIGURES_TEXT in text
    assert "Amount paid 1,000.00 Amount due AED 3,833.00" in text
    assert "All amounts in AED." in text
    assert "Terms Net 14" in text


async def test_credits_applied_show_between_paid_and_due(seller_ctx: Ctx) -> None:
    customer = await buyer(seller_ctx)
    invoice = await make_invoice(seller_ctx, customer)
    note = await make_credit_note(seller_ctx, customer)
    await credit_notes.apply_credit(seller_ctx, note["id"],
                                    {"invoice_id": invoice["id"], "amount": "833.00"})  # fmt: skip

    text = text_of((await invoice_pdf(seller_ctx, invoice["id"])).content)

    assert "Amount paid 1,000.00 Credits applied 833.00 Amount due AED 3,000.00" in text


async def test_an_estimate_prints_its_dates_and_figures(seller_ctx: Ctx) -> None:
    customer = await buyer(seller_ctx)
    estimate = await make_estimate(seller_ctx, customer, reference_no="RFQ-77")

    pdf = await estimate_pdf(seller_ctx, estimate["id"])

    text = text_of(pdf.content)
    assert pdf.filename == "EST-000001.pdf"
    assert "ESTIMATE EST-000001 Estimate date: 2025-08-22 Expiry date: 2025-09-22" in text
    assert "Reference: RFQ-77" in text
    for part in (SELLER_TEXT, BUYER_TEXT, LINES_TEXT, FIGURES_TEXT):
        assert part in text
    assert "Amount due" not in text


async def test_a_proposal_prints_its_recipient_subject_and_content(seller_ctx: Ctx) -> None:
    customer = await buyer(seller_ctx)
    proposal = await make_proposal(seller_ctx, customer)

    pdf = await proposal_pdf(seller_ctx, proposal["id"])

    text = text_of(pdf.content)
    assert f"PROPOSAL PRO-{proposal['id']:06d} Date: 2025-08-22 Open till: 2025-09-18" in text
    assert SELLER_TEXT in text
    # the recipient as the proposal holds it, the address from its customer
    assert "To Zahara Foods LLC 12 Palm Street Dubai 00000 United Arab Emirates" in text
    assert "karim@zaharahq.ae" in text
    assert "Implementation Proposal" in text
    assert LINES_TEXT in text
    assert FIGURES_TEXT in text
    assert "Proposal Scope Phase 1" in text


async def test_a_credit_note_prints_what_remains_of_it(seller_ctx: Ctx) -> None:
    customer = await buyer(seller_ctx)
    invoice = await make_invoice(seller_ctx, customer)
    note = await make_credit_note(seller_ctx, customer)
    await credit_notes.apply_credit(seller_ctx, note["id"],
                                    {"invoice_id": invoice["id"], "amount": "1833.00"})  # fmt: skip

    pdf = await credit_note_pdf(seller_ctx, note["id"])

    text = text_of(pdf.content)
    assert pdf.filename == "CN-000001.pdf"
    assert "CREDIT NOTE CN-000001 Credit note date: 2025-08-30" in text
    for part in (SELLER_TEXT, BUYER_TEXT, LINES_TEXT, FIGURES_TEXT):
        assert part in text
    assert "Credits used 1,833.00 Remaining credit AED 3,000.00" in text


async def test_a_contract_prints_its_term_value_and_text(seller_ctx: Ctx) -> None:
    customer = await buyer(seller_ctx)
    contract = await make_contract(seller_ctx, customer, currency="EUR")

    text = text_of((await contract_pdf(seller_ctx, contract["id"])).content)

    assert f"CONTRACT CONTRACT-{contract['id']:06d}" in text
    assert "Start date: 2025-09-01 End date: 2026-08-31" in text
    assert "Support Agreement 2025" in text
    assert "Contract value EUR 14,400.00" in text
    assert "The supplier provides support." in text
    assert "Zahara Foods LLC" in text


async def test_a_fixed_after_tax_discount_and_an_adjustment(seller_ctx: Ctx) -> None:
    customer = await buyer(seller_ctx)
    invoice = await make_invoice(seller_ctx, customer, discount_type="after_tax",
                                 discount_percent="0", discount_total="33.00",
                                 adjustment="-0.50", currency="USD")  # fmt: skip
    # 5,000.00 + VAT 250.00 + Sales Tax 120.00 - 33.00 - 0.50 = 5,336.50
    assert invoice["total"] == 5336.5

    text = text_of((await invoice_pdf(seller_ctx, invoice["id"])).content)

    assert ("Sub total 5,000.00 Discount -33.00 VAT 5% 250.00 Sales Tax 10% 120.00 "
            "Adjustment -0.50 Total USD 5,336.50") in text  # fmt: skip
    assert "Amount due USD 4,336.50" in text


async def test_many_lines_run_over_pages_with_the_header_repeated(seller_ctx: Ctx) -> None:
    customer = await buyer(seller_ctx)
    items = [{"description": f"Service day {n}", "qty": 1, "rate": "100"} for n in range(1, 81)]
    invoice = await invoices.create_invoice(
        seller_ctx, {"customer_id": customer["id"], "currency": "USD", "items": items}
    )

    pdf = await invoice_pdf(seller_ctx, invoice["id"])

    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages]
    assert len(pages) >= 2
    assert all("Qty" in page and "Amount" in page for page in pages[:2])
    text = " ".join(" ".join(pages).split())
    assert "Service day 1 " in text and "Service day 80 " in text
    assert "Total USD 8,000.00" in text


async def test_names_outside_latin_1_do_not_break_the_pdf(seller_ctx: Ctx) -> None:
    customer = await buyer(seller_ctx)
    invoice = await make_invoice(
        seller_ctx, customer, paid=None,
        items=[{"description": "Café & crème <b>", "qty": 1, "rate": "5"},
                                     {"description": "Ремонт 修理 🚀", "qty": 1, "rate": "7"}],
    )  # fmt: skip

    text = text_of((await invoice_pdf(seller_ctx, invoice["id"])).content)

    assert "Café & crème <b>" in text
    assert "Total AED 10.80" in text


async def test_the_seller_defaults_when_none_is_configured(ctx: Ctx) -> None:
    customer = await buyer(ctx)
    invoice = await make_invoice(ctx, customer)

    text = text_of((await invoice_pdf(ctx, invoice["id"])).content)

    assert "From Your Company" in text


async def test_printing_needs_get_on_the_document_and_the_buyer_needs_customers(
    seller_ctx: Ctx,
) -> None:
    customer = await buyer(seller_ctx)
    invoice = await make_invoice(seller_ctx, customer)

    # a reader of invoices alone sees the invoice, its taxes and the address copied onto
    # it, but not the customer record's name and VAT number (customers:get reads those)
    alone = text_of(
        (await invoice_pdf(reader_of(seller_ctx, "invoices:get"), invoice["id"])).content
    )
    assert FIGURES_TEXT in alone and LINES_TEXT in alone
    assert "12 Palm Street" in alone
    assert "Zahara Foods" not in alone and "AE-998877" not in alone
    both = reader_of(seller_ctx, "invoices:get", "customers:get")
    assert BUYER_TEXT in text_of((await invoice_pdf(both, invoice["id"])).content)
    with pytest.raises(Forbidden):
        await invoice_pdf(reader_of(seller_ctx, "estimates:get"), invoice["id"])


async def test_unknown_deleted_and_unprintable(seller_ctx: Ctx) -> None:
    customer = await buyer(seller_ctx)
    invoice = await make_invoice(seller_ctx, customer)
    await invoices.delete_invoice(seller_ctx, (await invoices.create_invoice(
        seller_ctx, {"customer_id": customer["id"], "items": [{"description": "x", "rate": 1}]}
    ))["id"])  # fmt: skip

    with pytest.raises(NotFound):
        await invoice_pdf(seller_ctx, 999_999)
    with pytest.raises(NotFound):
        await invoice_pdf(seller_ctx, invoice["id"] + 1)
    with pytest.raises(Invalid):
        await document_pdf(seller_ctx, "tickets", invoice["id"])
