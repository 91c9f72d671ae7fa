"""Sending: a real message reaches a real SMTP server on 127.0.0.1 with the PDF attached,
and only then is the record marked sent; a mail server that fails leaves it as it was."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, select

from resolvers import contracts, estimates, invoices, proposals
from resolvers.core.context import Ctx
from resolvers.core.errors import Conflict, Invalid
from resolvers.core.mail import MailFailed
from resolvers.models import Event, table_of
from resolvers.totals import DRAFT, OVERDUE
from tests.documents.conftest import SENDER, Sink
from tests.documents.factories import (
    BUYER_EMAIL,
    buyer,
    make_contract,
    make_estimate,
    make_invoice,
    make_proposal,
    text_of,
)
from tests.factories import make_customer

events = table_of(Event)


async def sent_events(ctx: Ctx, type_: str) -> list[Any]:
    async with ctx.db.read() as conn:
        rows = await conn.execute(select(events.c.changes).where(events.c.type == type_))
        return [r[0] for r in rows]


async def event_count(ctx: Ctx, type_: str) -> int:
    async with ctx.db.read() as conn:
        return int(await conn.scalar(
            select(func.count()).select_from(events).where(events.c.type == type_)
        ) or 0)  # fmt: skip


def the_pdf(sink: Sink) -> tuple[str, bytes]:
    (message,) = sink.messages
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    content = attachment.get_content()
    assert isinstance(content, bytes)
    return str(attachment.get_filename()), content


async def test_sending_an_invoice_emails_its_pdf_then_marks_it_sent(
    mail_ctx: Ctx, smtp_sink: Sink
) -> None:
    # given a draft invoice for a customer whose primary contact has an email
    customer = await buyer(mail_ctx)
    invoice = await make_invoice(mail_ctx, customer, paid=None, status=DRAFT)

    # when it is sent
    sent = await invoices.send_invoice(mail_ctx, invoice["id"])

    # then the server received one message for the contact, with the PDF attached
    ((envelope, message),) = smtp_sink.received
    assert envelope.mail_from == SENDER
    assert envelope.rcpt_tos == [BUYER_EMAIL]
    assert message["To"] == BUYER_EMAIL
    assert message["Subject"] == "Invoice INV-000001 from Acme Trading FZ-LLC"
    body = message.get_body(("plain",))
    assert body is not None
    assert "Please find attached invoice INV-000001 for AED 4,833.00." in body.get_content()
    filename, pdf = the_pdf(smtp_sink)
    assert filename == "INV-000001.pdf"
    assert "INVOICE INV-000001" in text_of(pdf) and "Total AED 4,833.00" in text_of(pdf)
    # and the invoice is issued (overdue already: its due date has passed) and sent, with
    # an event saying to whom
    assert (sent["status"], sent["sent"]) == (OVERDUE, True)
    assert BUYER_EMAIL in (await sent_events(mail_ctx, "invoice.sent"))[0]


async def test_sending_an_estimate(mail_ctx: Ctx, smtp_sink: Sink) -> None:
    customer = await buyer(mail_ctx)
    estimate = await make_estimate(mail_ctx, customer)

    sent = await estimates.send_estimate(mail_ctx, estimate["id"])

    (message,) = smtp_sink.messages
    assert message["To"] == BUYER_EMAIL
    assert message["Subject"] == "Estimate EST-000001 from Acme Trading FZ-LLC"
    filename, pdf = the_pdf(smtp_sink)
    assert filename == "EST-000001.pdf" and "ESTIMATE EST-000001" in text_of(pdf)
    assert sent["sent"] is True and sent["status"] == 2  # Sent
    assert await event_count(mail_ctx, "estimate.sent") == 1


async def test_sending_a_proposal_goes_to_its_own_recipient(mail_ctx: Ctx, smtp_sink: Sink) -> None:
    customer = await buyer(mail_ctx)
    proposal = await make_proposal(mail_ctx, customer, email="omar@blueharbor.trade")

    sent = await proposals.send_proposal(mail_ctx, proposal["id"])

    (message,) = smtp_sink.messages
    number = f"PRO-{proposal['id']:06d}"
    assert message["To"] == "omar@blueharbor.trade"
    assert message["Subject"] == f"Proposal {number} from Acme Trading FZ-LLC"
    filename, pdf = the_pdf(smtp_sink)
    assert filename == f"{number}.pdf" and f"PROPOSAL {number}" in text_of(pdf)
    assert sent["sent_at"] is not None and sent["status"] == 4  # Sent


async def test_sending_a_contract(mail_ctx: Ctx, smtp_sink: Sink) -> None:
    customer = await buyer(mail_ctx)
    contract = await make_contract(mail_ctx, customer)

    sent = await contracts.send_contract(mail_ctx, contract["id"])

    (message,) = smtp_sink.messages
    number = f"CONTRACT-{contract['id']:06d}"
    assert message["To"] == BUYER_EMAIL
    assert message["Subject"] == f"Contract {number} from Acme Trading FZ-LLC"
    filename, pdf = the_pdf(smtp_sink)
    assert filename == f"{number}.pdf" and "Support Agreement 2025" in text_of(pdf)
    assert (sent["sent"], sent["sent_at"] is not None) == (True, True)
    assert await event_count(mail_ctx, "contract.sent") == 1


async def test_explicit_recipients_subject_and_message(mail_ctx: Ctx, smtp_sink: Sink) -> None:
    customer = await buyer(mail_ctx)
    invoice = await make_invoice(mail_ctx, customer)

    await invoices.send_invoice(mail_ctx, invoice["id"], {
        "to": ["accounts@zaharahq.ae"], "cc": ["cfo@zaharahq.ae"],
        "subject": "Your August invoice", "message": "Please find your invoice attached.",
    })  # fmt: skip

    ((envelope, message),) = smtp_sink.received
    assert sorted(envelope.rcpt_tos) == ["accounts@zaharahq.ae", "cfo@zaharahq.ae"]
    assert (message["To"], message["Cc"]) == ("accounts@zaharahq.ae", "cfo@zaharahq.ae")
    assert message["Subject"] == "Your August invoice"
    body = message.get_body(("plain",))
    assert body is not None and "Please find your invoice attached." in body.get_content()


async def test_a_mail_server_that_is_down_leaves_the_record_unsent(down_ctx: Ctx) -> None:
    # given a draft invoice, an estimate, a proposal and a contract, and no server listening
    customer = await buyer(down_ctx)
    invoice = await make_invoice(down_ctx, customer, paid=None, status=DRAFT)
    estimate = await make_estimate(down_ctx, customer)
    proposal = await make_proposal(down_ctx, customer)
    contract = await make_contract(down_ctx, customer)

    # when each is sent, each fails with a clear error
    for send, record_id in ((invoices.send_invoice, invoice["id"]),
                            (estimates.send_estimate, estimate["id"]),
                            (proposals.send_proposal, proposal["id"]),
                            (contracts.send_contract, contract["id"])):  # fmt: skip
        with pytest.raises(MailFailed, match="The email was not sent"):
            await send(down_ctx, record_id)

    # and nothing was marked sent, nor recorded
    after = await invoices.get_invoice(down_ctx, invoice["id"])
    assert after is not None and (after["status"], after["sent"]) == (DRAFT, False)
    est = await estimates.get_estimate(down_ctx, estimate["id"])
    assert est is not None and (est["status"], est["sent"]) == (estimate["status"], False)
    pro = await proposals.get_proposal(down_ctx, proposal["id"])
    assert pro is not None and (pro["status"], pro["sent_at"]) == (proposal["status"], None)
    con = await contracts.get_contract(down_ctx, contract["id"])
    assert con is not None and con["sent"] is False
    for kind in ("invoice", "estimate", "proposal", "contract"):
        assert await event_count(down_ctx, f"{kind}.sent") == 0


async def test_no_recipient_is_a_conflict_and_sends_nothing(mail_ctx: Ctx, smtp_sink: Sink) -> None:
    customer = await make_customer(mail_ctx, company="No Contacts Ltd")
    invoice = await make_invoice(mail_ctx, customer, paid=None)

    # The request is valid: the customer's state (no contact's address) refuses it.
    with pytest.raises(Conflict) as failure:
        await invoices.send_invoice(mail_ctx, invoice["id"])

    assert failure.value.field == "to"
    assert smtp_sink.messages == []
    after = await invoices.get_invoice(mail_ctx, invoice["id"])
    assert after is not None and after["sent"] is False


async def test_bad_options_are_invalid_naming_the_field(mail_ctx: Ctx, smtp_sink: Sink) -> None:
    customer = await buyer(mail_ctx)
    invoice = await make_invoice(mail_ctx, customer)

    with pytest.raises(Invalid) as failure:
        await invoices.send_invoice(mail_ctx, invoice["id"], {"to": ["not an address"]})

    assert list(failure.value.errors) == ["to.0"]
    assert smtp_sink.messages == []


async def test_without_a_mailer_it_is_marked_sent_and_says_not_emailed(ctx: Ctx) -> None:
    # given a deployment with no mail server configured (ctx has no mailer)
    customer = await buyer(ctx)
    invoice = await make_invoice(ctx, customer, paid=None, status=DRAFT)

    sent = await invoices.send_invoice(ctx, invoice["id"])

    assert (sent["status"], sent["sent"]) == (OVERDUE, True)
    (changes,) = await sent_events(ctx, "invoice.sent")
    assert '"emailed": false' in changes and "no mail server configured" in changes


async def test_mark_as_sent_without_emailing_on_request(mail_ctx: Ctx, smtp_sink: Sink) -> None:
    customer = await buyer(mail_ctx)
    estimate = await make_estimate(mail_ctx, customer)

    sent = await estimates.send_estimate(mail_ctx, estimate["id"], {"email": False})

    assert sent["sent"] is True
    assert smtp_sink.messages == []


async def test_a_cancelled_invoice_is_refused_before_any_email(
    mail_ctx: Ctx, smtp_sink: Sink
) -> None:
    customer = await buyer(mail_ctx)
    invoice = await make_invoice(mail_ctx, customer, paid=None)
    await invoices.cancel_invoice(mail_ctx, invoice["id"])

    with pytest.raises(Conflict, match="cancelled"):
        await invoices.send_invoice(mail_ctx, invoice["id"])

    assert smtp_sink.messages == []


async def test_a_refused_login_is_a_clear_failure(mail_ctx: Ctx, smtp_sink: Sink) -> None:
    # the sink offers no AUTH: a mailer configured with credentials cannot log in
    assert mail_ctx.mailer is not None
    settings = replace(mail_ctx.mailer.settings, username="u", password="p")
    ctx = replace(mail_ctx, mailer=type(mail_ctx.mailer)(settings))
    customer = await buyer(ctx)
    invoice = await make_invoice(ctx, customer)

    with pytest.raises(MailFailed):
        await invoices.send_invoice(ctx, invoice["id"])

    after = await invoices.get_invoice(ctx, invoice["id"])
    assert after is not None and after["sent"] is False
