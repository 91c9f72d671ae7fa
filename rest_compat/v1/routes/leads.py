"""Leads: the record, converting one to a customer, its activities and notes."""

from __future__ import annotations

from resolvers import leads, notes
from rest_compat.readers import id_and_body
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.leads import CONVERSION_IN, LEAD, LEAD_IN
from rest_compat.v1.fields.notes import NOTE
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    activity_of,
    event_shape,
    listing,
    params,
    parent_pages,
    record,
    shaped,
    under,
)
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

ROUTES = [
    *crud_rows("/api/v1/leads", Noun("lead"),
               Crud(leads.list_leads, leads.create_lead, leads.get_lead, leads.update_lead,
                    leads.delete_lead),
               lead, LEAD_IN, FILTERS, LEAD.json(leads.LEADS)),
    R("POST", "/api/v1/leads/{id}/convert", leads.convert_lead, id_and_body(),
      record(customer_shape, 201), "Convert lead to customer", fields=CONVERSION_IN,
      status=201, label="Lead"),
    R("GET", "/api/v1/leads/{id}/activities",
      activity_of(leads.get_lead, "Lead", "lead"), parent_pages(), listing(event_shape),
      "List activities for a lead", query=params(), label="Lead"),
    R("GET", "/api/v1/leads/{id}/notes",
      under(leads.get_lead, "Lead", notes.list_notes, "rel_id", rel_type="lead"),
      parent_pages(), listing(shaped(NOTE)), "List notes for a lead", query=params(),
      label="Lead"),
]  # fmt: skip
