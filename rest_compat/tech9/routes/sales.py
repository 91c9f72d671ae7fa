"""tech9's invoices (drafts until sent), payments, estimates and proposals."""

from __future__ import annotations

from starlette.responses import Response

from resolvers import estimates, invoices, payments, proposals
from resolvers.core.context import Row
from resolvers.totals import DRAFT
from rest_compat.envelopes import reply
from rest_compat.readers import body, body_data, id_and_body, path_id, path_parent
from rest_compat.reply_schemas import INTEGER, STRING, describe, nullable, obj, replies
from rest_compat.routing import Args, Call, Shaper
from rest_compat.routing import Endpoint as R
from rest_compat.tech9.fields import sales
from rest_compat.tech9.routes.common import status_of


async def draft_invoice(call: Call) -> Args:
    # tech9 creates drafts: an invoice is Draft until it is sent.
    data = body_data(call)
    if data.get("status") is None:
        data["status"] = DRAFT
    return (data,), {}


async def proposal_data(call: Call) -> Args:
    return (sales.proposal_party(body_data(call)),), {}


def created_with_status(name: sales.StatusName) -> Shaper:
    async def shape(call: Call, result: Row) -> Response:
        return reply({"id": result["id"], "status": name(result["status"])}, 201)

    return describe(shape, obj(id=INTEGER, status=nullable(STRING)))


@replies(obj(payment_id=INTEGER))
async def payment_created(call: Call, result: Row) -> Response:
    return reply({"payment_id": result["id"]}, 201)


def invoice_sent(row: Row) -> str | None:
    return "sent" if row["sent"] else sales.invoice_status(row["status"])


def estimate_status(row: Row) -> str | None:
    return sales.estimate_status(row["status"])


def proposal_status(row: Row) -> str | None:
    return sales.proposal_status(row["status"])


ROUTES = [
    R("POST", "/api/invoices", invoices.create_invoice, draft_invoice,
      created_with_status(sales.invoice_status), "Create Draft Invoice",
      fields=sales.INVOICE_IN, status=201),
    R("POST", "/api/invoices/{id}/send", invoices.send_invoice, id_and_body(),
      status_of(invoice_sent, 202), "Send Invoice", fields=sales.SEND_IN, status=202,
      label="Invoice"),
    R("POST", "/api/invoices/{id}/payments",
      path_parent(payments.create_payment, "invoice_id", "Invoice"), body(invoice_id="id"),
      payment_created, "Record Payment", fields=sales.PAYMENT_IN, status=201, label="Invoice"),
    R("POST", "/api/estimates", estimates.create_estimate, body(),
      created_with_status(sales.estimate_status), "Create Estimate", fields=sales.ESTIMATE_IN,
      status=201),
    R("POST", "/api/estimates/{id}/accept", estimates.accept_estimate, id_and_body(),
      status_of(estimate_status), "Accept / Decline", label="Estimate"),
    R("POST", "/api/estimates/{id}/decline", estimates.decline_estimate, path_id(),
      status_of(estimate_status), "Accept / Decline", label="Estimate"),
    R("POST", "/api/proposals", proposals.create_proposal, proposal_data,
      created_with_status(sales.proposal_status), "Create Proposal", fields=sales.PROPOSAL_IN,
      status=201),
    R("POST", "/api/proposals/{id}/send", proposals.send_proposal, id_and_body(),
      status_of(proposal_status, 202), "Send & Accept", fields=sales.SEND_IN, status=202,
      label="Proposal"),
    R("POST", "/api/proposals/{id}/accept", proposals.accept_proposal, id_and_body(),
      status_of(proposal_status), "Send & Accept", label="Proposal"),
]  # fmt: skip
