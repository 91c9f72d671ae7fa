"""perfex rows for invoices, estimates, credit notes, proposals and contracts."""

from __future__ import annotations

from starlette.responses import Response

from resolvers import contracts, credit_notes, estimates, invoices, proposals
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import NotFound
from rest_compat.envelopes import reply
from rest_compat.perfex import documents, offers, sales_forms
from rest_compat.perfex.bodies import change, change_by_body_id, create
from rest_compat.perfex.listing import every, keywords
from rest_compat.perfex.replies import NO_DATA, many, one, wrote
from rest_compat.readers import path_id
from rest_compat.reply_schemas import item_schema, replies, shape_schema
from rest_compat.routing import Args, Call, Param
from rest_compat.routing import Endpoint as R

NONE_FOUND = "No Data Were Found"  # the invoice, estimate and proposal searches say so
prepared = sales_forms.prepare_document
INVOICE, ESTIMATE, CREDIT_NOTE = documents.INVOICE, documents.ESTIMATE, documents.CREDIT_NOTE


async def proposal_or_all(ctx: Ctx, proposal_id: int | None = None) -> list[Row]:
    """GET /api/proposals: the proposal `?id=` names, or every proposal."""
    if proposal_id is None:
        rows: list[Row] = await every(proposals.list_proposals)(ctx)
        return rows
    found = await proposals.get_proposal(ctx, proposal_id)
    if found is None:
        raise NotFound("Proposal", proposal_id)
    return [found]


async def proposal_query(call: Call) -> Args:
    raw = call.query.get("id")
    if raw in (None, ""):
        return (), {}
    return (), {"proposal_id": call.dialect.ids.decode(str(raw), "Proposal")}


# One proposal when asked by `id`, else all of them.
@replies({"anyOf": [item_schema(offers.proposals_shown), shape_schema(offers.proposals_shown)]})
async def proposals_answer(call: Call, result: list[Row]) -> Response:
    shaped = await offers.proposals_shown(call.ctx, result)
    if call.query.get("id") not in (None, ""):
        return reply(shaped[0])
    if not shaped:
        return reply({"status": False, "message": NO_DATA}, 404)
    return reply(shaped)


ROUTES = [
    # Invoices
    R("POST", "/api/invoices", invoices.create_invoice, create(prepared),
      wrote("Invoice Added Successfully"), "Invoices – Add New invoice",
      fields=sales_forms.INVOICE_IN, fail="Invoice Add Fail"),
    R("DELETE", "/api/invoices/{id}", invoices.delete_invoice, path_id(),
      wrote("Invoice Deleted Successfully"), "Invoices – Delete invoice",
      fail="Invoice Delete Fail", label="Invoice"),
    R("GET", "/api/invoices/{id}", invoices.get_invoice, path_id(),
      one(documents.detailed(INVOICE)), "Invoices – Request invoice information",
      fail=NO_DATA, label="Invoice"),
    R("GET", "/api/invoices/search/{keysearch}", every(invoices.list_invoices), keywords,
      many(documents.searched(INVOICE), missing=NONE_FOUND),
      "Invoices – Search invoice information", fail=NONE_FOUND),
    R("PUT", "/api/invoices/{id}", invoices.update_invoice, change(prepare=prepared),
      wrote("Invoice Updated Successfully"), "Invoices – Update invoice",
      fields=sales_forms.INVOICE_IN, fail="Invoice Update Fail", label="Invoice"),
    # Estimates
    R("POST", "/api/estimates", estimates.create_estimate, create(prepared),
      wrote("Estimates Added Successfully"), "Estimates – Add New Estimates",
      fields=sales_forms.ESTIMATE_IN, fail="Estimates Add Fail"),
    R("DELETE", "/api/estimates/{id}", estimates.delete_estimate, path_id(),
      wrote("Estimate Deleted Successfully"), "Estimates – Delete Estimate",
      fail="Estimate Delete Fail", label="Estimate"),
    R("GET", "/api/estimates/{id}", estimates.get_estimate, path_id(),
      one(documents.detailed(ESTIMATE)), "Estimates – Request Estimate information",
      fail=NO_DATA, label="Estimate"),
    R("GET", "/api/estimates/search/{keysearch}", every(estimates.list_estimates), keywords,
      many(documents.searched(ESTIMATE), missing=NONE_FOUND),
      "Estimates – Search Estimate information", fail=NONE_FOUND),
    R("PUT", "/api/estimates/{id}", estimates.update_estimate, change(prepare=prepared),
      wrote("Estimate Updated Successfully"), "Estimates – Update a estimate",
      fields=sales_forms.ESTIMATE_IN, fail="Estimate Update Fail", label="Estimate"),
    # Credit notes
    R("POST", "/api/credit_notes", credit_notes.create_credit_note, create(prepared),
      wrote("Credit Note Added Successfully"), "Credit_Notes – Add New Credit Notes",
      fields=sales_forms.CREDIT_NOTE_IN, fail="Credit Note Add Fail"),
    R("DELETE", "/api/credit_notes/{id}", credit_notes.delete_credit_note, path_id(),
      wrote("Credit Note Deleted Successfully"), "Credit_Notes – Delete Credit Note",
      fail="Credit Note Delete Fail", label="Credit Note"),
    R("GET", "/api/credit_notes/{id}", credit_notes.get_credit_note, path_id(),
      one(documents.detailed(CREDIT_NOTE)), "Credit_Notes – Request Credit notes information",
      fail=NO_DATA, label="Credit Note"),
    R("GET", "/api/credit_notes/search/{keysearch}", every(credit_notes.list_credit_notes),
      keywords, many(documents.searched(CREDIT_NOTE)),
      "Credit_Notes – Search credit notes item information", fail=NO_DATA),
    R("PUT", "/api/credit_notes", credit_notes.update_credit_note, change_by_body_id(prepared),
      wrote("Credit Note Updated Successfully"), "Credit_Notes – Update a Credit Note",
      fields=sales_forms.CREDIT_NOTE_IN, fail="Credit Note Update Fail", label="Credit Note"),
    # Proposals
    R("POST", "/api/proposals", proposals.create_proposal, create(sales_forms.prepare_proposal),
      wrote("Proposal add successful."), "Proposals – Add New Proposals",
      fields=sales_forms.PROPOSAL_IN, fail="Proposal add fail."),
    R("DELETE", "/api/proposals/{id}", proposals.delete_proposal, path_id(),
      wrote("Proposals Deleted Successfully"), "Proposals – Delete Proposal",
      fail="Proposal Delete Fail", label="Proposal"),
    R("GET", "/api/proposals", proposal_or_all, proposal_query, proposals_answer,
      "Proposals – Request Proposal information", fail=NO_DATA, label="Proposal",
      query=(Param("id", "A proposal's id; without it, every proposal", "integer"),)),
    R("GET", "/api/proposals/{id}", proposals.get_proposal, path_id(),
      one(offers.proposals_shown), "Proposals – Request Proposal information (by path)",
      fail=NO_DATA, label="Proposal"),
    R("GET", "/api/proposals/search/{keysearch}", every(proposals.list_proposals), keywords,
      many(offers.proposals_shown, missing=NONE_FOUND), "Proposals – Search proposals information",
      fail=NONE_FOUND),
    R("PUT", "/api/proposal/{id}", proposals.update_proposal,
      change(prepare=sales_forms.prepare_proposal), wrote("Proposal Updated Successfully"),
      "Proposals – Update a proposal", fields=sales_forms.PROPOSAL_IN, fail="Proposal Update Fail",
      label="Proposal"),
    # Contracts
    R("POST", "/api/contracts", contracts.create_contract, create(),
      wrote("Contract Added Successfully"), "Contracts – Add New Contract",
      fields=sales_forms.CONTRACT_IN, fail="Contract add fail"),
    R("DELETE", "/api/contracts/{id}", contracts.delete_contract, path_id(),
      wrote("Contract Deleted Successfully"), "Contracts – Delete Contract",
      fail="Contract Delete Fail", label="Contract"),
    R("GET", "/api/contracts/{id}", contracts.get_contract, path_id(),
      one(offers.contracts_shown), "Contracts – Request Contract information", fail=NO_DATA,
      label="Contract"),
]  # fmt: skip
