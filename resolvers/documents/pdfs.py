"""The PDF of each kind of document, for a caller who may `get` it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from resolvers import contracts, credit_notes, estimates, invoices, proposals
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.documents.company import Company
from resolvers.documents.gather import Gathered, Getter, ItemsBatch, gather
from resolvers.documents.render import render
from resolvers.documents.sheet import Sheet
from resolvers.documents.sheets import (
    contract_sheet,
    credit_note_sheet,
    estimate_sheet,
    invoice_sheet,
    proposal_sheet,
)

MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True)
class PdfFile:
    filename: str  # "INV-000123.pdf"
    content: bytes
    sheet: Sheet
    # The record as printed.
    record: Row

    @property
    def number(self) -> str:
        return self.sheet.number


@dataclass(frozen=True)
class Printable:
    label: str
    get: Getter
    items: ItemsBatch | None
    sheet: Callable[[Gathered, Company], Sheet]


# Keyed by resource name, as links and routes name the kind.
PRINTABLE: dict[str, Printable] = {
    invoices.RESOURCE: Printable(
        "Invoice", invoices.get_invoice, invoices.items_by_invoice_id, invoice_sheet
    ),
    estimates.RESOURCE: Printable(
        "Estimate", estimates.get_estimate, estimates.items_by_estimate_id, estimate_sheet
    ),
    proposals.RESOURCE: Printable(
        "Proposal", proposals.get_proposal, proposals.items_by_proposal_id, proposal_sheet
    ),
    credit_notes.RESOURCE: Printable(
        "Credit note",
        credit_notes.get_credit_note,
        credit_notes.items_by_credit_note_id,
        credit_note_sheet,
    ),
    contracts.RESOURCE: Printable("Contract", contracts.get_contract, None, contract_sheet),
}


async def document_pdf(ctx: Ctx, kind: str, record_id: int) -> PdfFile:
    printable = PRINTABLE.get(kind)
    if printable is None:
        raise Invalid.field("kind", f"unknown document kind {kind!r}")
    gathered = await gather(ctx, printable.get, printable.items, record_id, printable.label)
    sheet = printable.sheet(gathered, ctx.company or Company())
    # Laying out a long document takes a while: off the event loop, other requests go on.
    content = await asyncio.to_thread(render, sheet)
    return PdfFile(sheet.filename, content, sheet, gathered.row)


async def invoice_pdf(ctx: Ctx, invoice_id: int) -> PdfFile:
    return await document_pdf(ctx, invoices.RESOURCE, invoice_id)


async def estimate_pdf(ctx: Ctx, estimate_id: int) -> PdfFile:
    return await document_pdf(ctx, estimates.RESOURCE, estimate_id)


async def proposal_pdf(ctx: Ctx, proposal_id: int) -> PdfFile:
    return await document_pdf(ctx, proposals.RESOURCE, proposal_id)


async def credit_note_pdf(ctx: Ctx, credit_note_id: int) -> PdfFile:
    return await document_pdf(ctx, credit_notes.RESOURCE, credit_note_id)


async def contract_pdf(ctx: Ctx, contract_id: int) -> PdfFile:
    return await document_pdf(ctx, contracts.RESOURCE, contract_id)
