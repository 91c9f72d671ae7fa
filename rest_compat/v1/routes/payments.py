"""Payments on invoices; each write moves its invoice's amount due and paid status."""

from __future__ import annotations

from resolvers import payments
from rest_compat.readers import body, id_and_body, path_id
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.payments import PAYMENT, PAYMENT_IN
from rest_compat.v1.routes.common import Q, deleted, listing, pages, params, record, shaped

FILTERS = (
    Q("invoice_id", "integer"),
    Q("customer_id", "integer"),
    Q("date_from", "date"),
    Q("date_to", "date"),
    Q("payment_mode", description="A payment mode id or name"),
)
payment = shaped(PAYMENT)

ROUTES = [
    R("GET", "/api/v1/payments", payments.list_payments, pages(*FILTERS), listing(payment),
      "List all payments with pagination. Filterable by invoice_id, customer_id, date_from, "
      "date_to, payment_mode", query=params(*FILTERS)),
    R("GET", "/api/v1/payments/{id}", payments.get_payment, path_id(), record(payment),
      "Get payment record details by ID", label="Payment"),
    R("POST", "/api/v1/payments", payments.create_payment, body(), record(payment, 201),
      "Create a new payment record. Required: invoiceid, amount, date. Automatically updates "
      "invoice paid status", fields=PAYMENT_IN, status=201),
    R("PUT", "/api/v1/payments/{id}", payments.update_payment, id_and_body(), record(payment),
      "Update an existing payment record", fields=PAYMENT_IN, label="Payment"),
    R("DELETE", "/api/v1/payments/{id}", payments.delete_payment, path_id(), deleted,
      "Delete a payment record. Automatically updates invoice paid status", label="Payment"),
]  # fmt: skip
