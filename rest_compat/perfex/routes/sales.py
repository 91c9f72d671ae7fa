"""perfex rows for invoices, estimates, credit notes, proposals and contracts."""

from __future__ import annotations

from starlette.responses import Response

from resolvers import contracts, credit_notes, estimates, invoices, proposals
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import NotFound
from rest_compat.envelopes import reply
from rest_compat.perfex import documents, offers, sales_forms
from rest_compat.perfex.bodies import change_by_body_id
from rest_compat.perfex.listing import every
from rest_compat.perfex.replies import NO_DATA
from rest_compat.perfex.routes.crud import Read, Said, Write, perfex_rows
from rest_compat.reply_schemas import item_schema, replies, shape_schema
from rest_compat.routing import Args, Call, Param
from rest_compat.routing import Endpoint as R

NONE_FOUND = "No Data Were Found"  # the invoice, estimate and proposal searches say so
prepared = sales_forms.prepare_document
INVOICE, ESTIMATE, CREDIT_NOTE = documents.INVOICES, documents.ESTIMATES, documents.CREDIT_NOTES


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
    *perfex_rows(
        "/api/invoices", "Invoice", sales_forms.INVOICE_IN, prepare=prepared,
        add=Write(invoices.create_invoice, Said(
            "Invoices – Add New invoice", "Invoice Added Successfully", "Invoice Add Fail")),
        delete=Write(invoices.delete_invoice, Said(
            "Invoices – Delete invoice", "Invoice Deleted Successfully", "Invoice Delete Fail")),
        get=Read(invoices.get_invoice, "Invoices – Request invoice information"),
        shown=documents.detailed(INVOICE),
        search=Read(invoices.list_invoices, "Invoices – Search invoice information", NONE_FOUND),
        searched=documents.searched(INVOICE),
        update=Write(invoices.update_invoice, Said(
            "Invoices – Update invoice", "Invoice Updated Successfully", "Invoice Update Fail")),
    ),
    *perfex_rows(
        "/api/estimates", "Estimate", sales_forms.ESTIMATE_IN, prepare=prepared,
        add=Write(estimates.create_estimate, Said(
            "Estimates – Add New Estimates", "Estimates Added Successfully",
            "Estimates Add Fail")),
        delete=Write(estimates.delete_estimate, Said(
            "Estimates – Delete Estimate", "Estimate Deleted Successfully",
            "Estimate Delete Fail")),
        get=Read(estimates.get_estimate, "Estimates – Request Estimate information"),
        shown=documents.detailed(ESTIMATE),
        search=Read(estimates.list_estimates, "Estimates – Search Estimate information",
                    NONE_FOUND),
        searched=documents.searched(ESTIMATE),
        update=Write(estimates.update_estimate, Said(
            "Estimates – Update a estimate", "Estimate Updated Successfully",
            "Estimate Update Fail")),
    ),
    *perfex_rows(
        "/api/credit_notes", "Credit Note", sales_forms.CREDIT_NOTE_IN, prepare=prepared,
        add=Write(credit_notes.create_credit_note, Said(
            "Credit_Notes – Add New Credit Notes", "Credit Note Added Successfully",
            "Credit Note Add Fail")),
        delete=Write(credit_notes.delete_credit_note, Said(
            "Credit_Notes – Delete Credit Note", "Credit Note Deleted Successfully",
            "Credit Note Delete Fail")),
        get=Read(credit_notes.get_credit_note, "Credit_Notes – Request Credit notes information"),
        shown=documents.detailed(CREDIT_NOTE),
        search=Read(credit_notes.list_credit_notes,
                    "Credit_Notes – Search credit notes item information"),
        searched=documents.searched(CREDIT_NOTE),
        # The document updates a credit note named by the body's id, at the collection.
        update=Write(credit_notes.update_credit_note, Said(
            "Credit_Notes – Update a Credit Note", "Credit Note Updated Successfully",
            "Credit Note Update Fail"), "/api/credit_notes", change_by_body_id(prepared)),
    ),
    *perfex_rows(
        "/api/proposals", "Proposal", sales_forms.PROPOSAL_IN,
        prepare=sales_forms.prepare_proposal,
        add=Write(proposals.create_proposal, Said(
            "Proposals – Add New Proposals", "Proposal add successful.", "Proposal add fail.")),
        delete=Write(proposals.delete_proposal, Said(
            "Proposals – Delete Proposal", "Proposals Deleted Successfully",
            "Proposal Delete Fail")),
        get=Read(proposals.get_proposal, "Proposals – Request Proposal information (by path)"),
        shown=offers.proposals_shown,
        search=Read(proposals.list_proposals, "Proposals – Search proposals information",
                    NONE_FOUND),
        # The document's update path is singular.
        update=Write(proposals.update_proposal, Said(
            "Proposals – Update a proposal", "Proposal Updated Successfully",
            "Proposal Update Fail"), "/api/proposal/{id}"),
    ),
    R("GET", "/api/proposals", proposal_or_all, proposal_query, proposals_answer,
      "Proposals – Request Proposal information", fail=NO_DATA, label="Proposal",
      query=(Param("id", "A proposal's id; without it, every proposal", "integer"),)),
    *perfex_rows(
        "/api/contracts", "Contract", sales_forms.CONTRACT_IN,
        add=Write(contracts.create_contract, Said(
            "Contracts – Add New Contract", "Contract Added Successfully", "Contract add fail")),
        delete=Write(contracts.delete_contract, Said(
            "Contracts – Delete Contract", "Contract Deleted Successfully",
            "Contract Delete Fail")),
        get=Read(contracts.get_contract, "Contracts – Request Contract information"),
        shown=offers.contracts_shown,
    ),
]  # fmt: skip
