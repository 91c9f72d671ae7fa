"""The Customer node and its edges."""

from __future__ import annotations

from datetime import datetime

import strawberry

# Each module declares its edges onto customers; import them before the type is built.
import resolvers.contacts  # noqa: F401
import resolvers.contracts  # noqa: F401
import resolvers.credit_notes  # noqa: F401
import resolvers.estimates  # noqa: F401
import resolvers.expenses  # noqa: F401
import resolvers.files  # noqa: F401
import resolvers.invoices  # noqa: F401
import resolvers.leads  # noqa: F401
import resolvers.notes  # noqa: F401
import resolvers.payments  # noqa: F401
import resolvers.projects  # noqa: F401
import resolvers.proposals  # noqa: F401
import resolvers.subscriptions  # noqa: F401
import resolvers.tasks  # noqa: F401
import resolvers.tickets  # noqa: F401
from resolvers.core.reading import Order
from resolvers.customers import CUSTOMERS, get_customer
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(CUSTOMERS, get_customer)
@strawberry.type(name="Customer")
class CustomerType(RowType, Node):
    company: str
    vat: str
    phone: str
    website: str
    address: str
    city: str
    state: str
    zip: str
    billing_street: str
    billing_city: str
    billing_state: str
    billing_zip: str
    shipping_street: str
    shipping_city: str
    shipping_state: str
    shipping_zip: str
    default_language: str
    active: bool
    created_at: datetime
    updated_at: datetime
    contacts = relation_field(
        "contacts",
        description="The customer's contacts, primary first unless ordered otherwise.",
        order=[Order("is_primary", "desc")],
    )
    invoices = relation_field("invoices", order=[Order("date", "desc")])
    payments = relation_field(
        "payments",
        description="Payments on the customer's invoices, newest first.",
        order=[Order("date", "desc")],
    )
    estimates = relation_field("estimates", order=[Order("date", "desc")])
    credit_notes = relation_field("credit_notes", order=[Order("date", "desc")])
    proposals = relation_field("proposals", order=[Order("date", "desc")])
    subscriptions = relation_field("subscriptions")
    contracts = relation_field("contracts")
    projects = relation_field("projects")
    tasks = relation_field("tasks")
    tickets = relation_field("tickets")
    leads = relation_field("leads", description="Leads converted into this customer.")
    expenses = relation_field("expenses", order=[Order("date", "desc")])
    notes = relation_field("notes", order=[Order("created_at", "desc")])
    files = relation_field("files")
    custom_fields = custom_fields_field("customers")
