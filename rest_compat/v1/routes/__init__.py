"""The v1 route table: one module per domain, collected here."""

from __future__ import annotations

from rest_compat.routing import Endpoint
from rest_compat.v1.routes import (
    contracts,
    credit_notes,
    customers,
    estimates,
    expenses,
    invoices,
    items,
    leads,
    notes,
    payments,
    projects,
    proposals,
    staff,
    subscriptions,
    tasks,
    tickets,
    timesheets,
    utilities,
)

DOMAINS = (customers, tickets, invoices, payments, leads, projects, contracts, expenses,
           estimates, tasks, staff, proposals, subscriptions, credit_notes, items, timesheets,
           notes, utilities)  # fmt: skip

ROUTES: list[Endpoint] = [row for domain in DOMAINS for row in domain.ROUTES]

__all__ = ["ROUTES"]
