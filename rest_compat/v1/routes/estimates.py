"""Estimates: the record, sending one, and converting it to an invoice."""

from __future__ import annotations

from resolvers import documents, estimates
from rest_compat.readers import id_and_body, path_id
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.estimates import CONVERT_IN, ESTIMATE_IN, estimate
from rest_compat.v1.fields.invoices import invoice
from rest_compat.v1.routes.common import (
    BY_CUSTOMER,
    SEARCH,
    Q,
    record,
)
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows
from rest_compat.v1.routes.pdf import pdf_file

FILTERS = (
    *BY_CUSTOMER,
    Q("project_id", "integer"),
    Q("status", "integer", description="1 draft, 2 sent, 3 declined, 4 accepted, 5 expired"),
    SEARCH,
)

ROUTES = [
    *crud_rows("/api/v1/estimates", Noun("estimate", "an"),
               Crud(estimates.list_estimates, estimates.create_estimate, estimates.get_estimate,
                    estimates.update_estimate, estimates.delete_estimate),
               estimate, ESTIMATE_IN, FILTERS),
    R("POST", "/api/v1/estimates/{id}/send", estimates.send_estimate, path_id(),
      record(estimate), "Send estimate to customer via email", label="Estimate"),
    R("POST", "/api/v1/estimates/{id}/convert", estimates.convert_estimate_to_invoice,
      id_and_body(), record(invoice, 201), "Convert estimate to invoice",
      fields=CONVERT_IN, status=201, label="Estimate"),
    R("GET", "/api/v1/estimates/{id}/pdf", documents.estimate_pdf, path_id(), pdf_file,
      "Download estimate as PDF", label="Estimate"),
]  # fmt: skip
