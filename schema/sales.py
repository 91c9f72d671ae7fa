"""The query and mutation roots of invoices, payments, credit notes, items, estimates,
proposals and subscriptions; schema/__init__.py merges them."""

from __future__ import annotations

from schema.credit_notes.mutations import CreditNoteMutation
from schema.credit_notes.queries import CreditNoteQuery
from schema.estimates.mutations import EstimateMutation
from schema.estimates.queries import EstimateQuery
from schema.invoices.mutations import InvoiceMutation
from schema.invoices.queries import InvoiceQuery
from schema.items.mutations import ItemMutation
from schema.items.queries import ItemQuery
from schema.payments.mutations import PaymentMutation
from schema.payments.queries import PaymentQuery
from schema.proposals.mutations import ProposalMutation
from schema.proposals.queries import ProposalQuery
from schema.subscriptions.mutations import SubscriptionMutation
from schema.subscriptions.queries import SubscriptionQuery

QUERIES: tuple[type, ...] = (
    InvoiceQuery,
    PaymentQuery,
    CreditNoteQuery,
    ItemQuery,
    EstimateQuery,
    ProposalQuery,
    SubscriptionQuery,
)
MUTATIONS: tuple[type, ...] = (
    InvoiceMutation,
    PaymentMutation,
    CreditNoteMutation,
    ItemMutation,
    EstimateMutation,
    ProposalMutation,
    SubscriptionMutation,
)
