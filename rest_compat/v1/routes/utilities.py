"""The reference lists every form needs: each answered in full, in its natural order,
unless the client asks for a page of it."""

from __future__ import annotations

from resolvers import items, reference
from rest_compat.readers import nothing
from rest_compat.routing import Endpoint as R
from rest_compat.v1.routes.common import SEARCH, listing, pages, params, rows_of

# The path, the service list, the table its rows come from, the title.
LISTS = (
    ("currencies", reference.list_currencies, "currencies", "List all available currencies"),
    ("taxes", reference.list_taxes, "taxes", "List all tax rates"),
    ("payment-modes", reference.list_payment_modes, "payment_modes", "List all payment methods"),
    ("countries", reference.list_countries, "countries", "List all countries"),
    ("departments", reference.list_departments, "departments", "List all departments"),
    ("ticket-statuses", reference.list_ticket_statuses, "ticket_statuses",
     "List all ticket statuses"),
    ("ticket-priorities", reference.list_ticket_priorities, "ticket_priorities",
     "List all ticket priorities"),
    ("lead-statuses", reference.list_lead_statuses, "lead_statuses", "List all lead statuses"),
    ("lead-sources", reference.list_lead_sources, "lead_sources", "List all lead sources"),
    ("contract-types", reference.list_contract_types, "contract_types",
     "List all contract types"),
)  # fmt: skip

ROUTES = [
    *(R("GET", f"/api/v1/{name}", list_fn, nothing, listing(rows_of(table)), title,
        query=params()) for name, list_fn, table, title in LISTS),
    R("GET", "/api/v1/item-groups", items.list_item_groups, pages(SEARCH),
      listing(rows_of("item_groups")),
      "List all item groups", query=params(SEARCH)),
]  # fmt: skip
