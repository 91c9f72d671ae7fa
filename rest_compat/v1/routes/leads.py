"""Leads: the record, converting one to a customer, its activities and notes."""

from __future__ import annotations

from resolvers import leads, notes
from rest_compat.readers import id_and_body
from rest_compat.v1.fields.leads import CONVERSION_IN, LEAD, LEAD_IN
from rest_compat.v1.fields.notes import NOTE
from rest_compat.v1.routes.common import SEARCH, Parent, Q, record, shaped
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows
from rest_compat.v1.routes.customers import customer_shape

FILTERS = (
    Q("status", description="A status id or name"),
    Q("source", description="A source id or name"),
    Q("assigned", "integer", "assigned_id", "The assigned staff member's id"),
    Q("converted", "boolean"),
    SEARCH,
)
lead = shaped(LEAD)
LEAD_ROWS = Parent("/api/v1/leads", leads.get_lead, "Lead")

ROUTES = [
    *crud_rows("/api/v1/leads", Noun("lead"),
               Crud(leads.list_leads, leads.create_lead, leads.get_lead, leads.update_lead,
                    leads.delete_lead),
               lead, LEAD_IN, FILTERS, LEAD.json(leads.LEADS)),
    LEAD_ROWS.row("POST", "convert", leads.convert_lead, id_and_body(),
                  record(customer_shape, 201), "Convert lead to customer", fields=CONVERSION_IN,
                  status=201),
    LEAD_ROWS.activity("activities", "List activities for a lead"),
    LEAD_ROWS.under("notes", notes.list_notes, "rel_id", shaped(NOTE), "List notes for a lead",
                    rel_type="lead"),
]  # fmt: skip
