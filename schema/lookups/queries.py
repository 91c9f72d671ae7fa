"""Reading the reference lists: each one by id and as a connection, in its natural order."""

from __future__ import annotations

import strawberry

from schema.fields import connection_field, record_field
from schema.lookups.types import lookup, natural_order


def _list(name: str) -> object:
    return connection_field(lookup(name), order=natural_order(name))


@strawberry.type
class LookupQuery:
    currency = record_field(lookup("currencies"))
    currencies = _list("currencies")
    tax = record_field(lookup("taxes"))
    taxes = _list("taxes")
    country = record_field(lookup("countries"))
    countries = _list("countries")
    payment_mode = record_field(lookup("payment_modes"))
    payment_modes = _list("payment_modes")
    customer_group = record_field(lookup("customer_groups"))
    customer_groups = _list("customer_groups")
    lead_status = record_field(lookup("lead_statuses"))
    lead_statuses = _list("lead_statuses")
    lead_source = record_field(lookup("lead_sources"))
    lead_sources = _list("lead_sources")
    ticket_status = record_field(lookup("ticket_statuses"))
    ticket_statuses = _list("ticket_statuses")
    ticket_priority = record_field(lookup("ticket_priorities"))
    ticket_priorities = _list("ticket_priorities")
    ticket_service = record_field(lookup("ticket_services"))
    ticket_services = _list("ticket_services")
    department = record_field(lookup("departments"))
    departments = _list("departments")
    role = record_field(lookup("roles"))
    roles = _list("roles")
    contract_type = record_field(lookup("contract_types"))
    contract_types = _list("contract_types")
    expense_category = record_field(lookup("expense_categories"))
    expense_categories = _list("expense_categories")
    account = record_field(lookup("accounts"))
    accounts = _list("accounts")
