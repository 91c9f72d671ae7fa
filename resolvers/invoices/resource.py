"""Invoices as the generic read path and the graph know them."""

from __future__ import annotations

from resolvers.core.errors import Invalid
from resolvers.core.numbers import is_digits, whole_number
from resolvers.core.resources import Relation, relate
from resolvers.invoices.rules import KIND, RESOURCE, VERBS
from resolvers.line_items.relations import declare_document
from resolvers.totals import CANCELLED, DRAFT, OVERDUE, PAID, PARTIALLY_PAID, UNPAID

INVOICES, INVOICE_ITEMS = declare_document(
    KIND, ("prefix", "tags", "admin_note", "client_note", "billing_street", "billing_city"), VERBS
)
__all__ = ["INVOICES", "INVOICE_ITEMS", "KIND", "RESOURCE", "STATUS_NAMES", "status_code"]

relate(RESOURCE, "subscription", Relation("subscriptions", "one", "subscription_id"))
relate("subscriptions", RESOURCE, Relation(RESOURCE, "many", "subscription_id"))
relate(RESOURCE, "sale_agent", Relation("staff", "one", "sale_agent_id"))
relate("staff", "sale_agent_invoices", Relation(RESOURCE, "many", "sale_agent_id"))
relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))

STATUS_NAMES = {
    UNPAID: "Unpaid",
    PAID: "Paid",
    PARTIALLY_PAID: "Partially Paid",
    OVERDUE: "Overdue",
    CANCELLED: "Cancelled",
    DRAFT: "Draft",
}


def status_code(value: int | str) -> int:
    """A status by code (2) or name ("Paid", "partially_paid")."""
    if isinstance(value, int) or is_digits(str(value).strip()):
        code = whole_number(value)
        if code in STATUS_NAMES:
            return code
    else:
        wanted = str(value).strip().lower().replace("_", " ").replace("-", " ")
        for code, name in STATUS_NAMES.items():
            if name.lower() == wanted:
                return code
    raise Invalid.field("status", f"unknown invoice status {value!r}")
