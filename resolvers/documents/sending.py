"""Emailing a document as a PDF, for the send verbs (send_invoice, send_estimate,
send_proposal, send_contract) to call before they mark the record sent.

What a deployment without a mailer does: it marks the record sent and says in the
event that no email went out (`emailed: false`), as Perfex's "mark as sent" does. A
deployment with one either delivers the message or raises MailFailed, and the verb
then marks nothing. `email: false` asks for "mark as sent" on purpose.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from pydantic import EmailStr, Field

from resolvers.core.context import Ctx
from resolvers.core.errors import Conflict
from resolvers.core.mail import Attachment
from resolvers.core.validation import Fields, parse
from resolvers.documents.company import Company
from resolvers.documents.gather import primary_contact
from resolvers.documents.pdfs import PdfFile, document_pdf

log = logging.getLogger("resolvers.documents")
MAX_RECIPIENTS = 20


class SendFields(Fields):
    # Who gets it; the customer's primary contact (a proposal's own email) by default.
    to: list[EmailStr] | None = Field(default=None, min_length=1, max_length=MAX_RECIPIENTS)
    cc: list[EmailStr] = Field(default_factory=list, max_length=MAX_RECIPIENTS)
    subject: str | None = Field(default=None, min_length=1, max_length=191)
    # Written above the sign-off instead of the default sentence.
    message: str | None = Field(default=None, max_length=10_000)
    # False marks the record sent without emailing it ("mark as sent").
    email: bool = True


async def _recipients(ctx: Ctx, kind: str, pdf: PdfFile, fields: SendFields) -> list[str]:
    if fields.to:
        return [str(a) for a in fields.to]
    found: str | None = None
    if kind == "proposals":
        found = _proposal_email(pdf)
    elif (customer_id := _customer_id(pdf)) is not None:
        async with ctx.db.read() as conn:
            contact = await primary_contact(conn, customer_id)
        found = contact["email"] if contact is not None else None
    if not found:
        # A body without `to` is valid; the record's customer (or lead) lacks an address.
        raise Conflict(
            f"{pdf.sheet.buyer.name or 'The recipient'} has no email address: say whom to"
            " send it to",
            field="to",
        )
    return [found]


def _proposal_email(pdf: PdfFile) -> str | None:
    return pdf.record.get("email") or None


def _customer_id(pdf: PdfFile) -> int | None:
    value = pdf.record.get("customer_id")
    return int(value) if value is not None else None


def _body(pdf: PdfFile, company: Company, fields: SendFields) -> str:
    sheet = pdf.sheet
    what = f"{sheet.title.lower()} {sheet.number}"
    amounts = dict(sheet.totals)
    due = amounts.get("Amount due") or amounts.get("Total")
    opening = fields.message or (
        f"Please find attached {what}" + (f" for {due}" if due else "") + "."
    )
    greeting = f"Dear {sheet.buyer.name}," if sheet.buyer.name else "Hello,"
    return f"{greeting}\n\n{opening}\n\nKind regards,\n{company.name}\n"


async def email_document(
    ctx: Ctx, kind: str, record_id: int, data: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Send the document's PDF as the options in `data` say; what the event records of it.
    Invalid for bad options, Conflict for no recipient, MailFailed when the server refuses."""
    fields = parse(SendFields, data or {})
    if not fields.email:
        return {"emailed": False}
    if ctx.mailer is None:
        log.info("%s %s marked sent without email: no mail server is configured", kind, record_id)
        return {"emailed": False, "reason": "no mail server configured"}
    pdf = await document_pdf(ctx, kind, record_id)
    to = await _recipients(ctx, kind, pdf, fields)
    company = ctx.company or Company()
    message = ctx.mailer.compose(
        to=to,
        cc=[str(a) for a in fields.cc],
        subject=fields.subject or f"{pdf.sheet.title} {pdf.number} from {company.name}",
        body=_body(pdf, company, fields),
        attachments=[Attachment(pdf.filename, pdf.content)],
    )
    await ctx.mailer.send(message)
    return {"emailed": True, "emailed_to": to, **({"cc": message["Cc"]} if fields.cc else {})}
