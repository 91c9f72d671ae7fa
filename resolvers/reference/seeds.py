"""The reference lists a new CRM starts with (resolvers.reference_data inserts each once,
when its table is empty), and the table each fills."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pycountry
from sqlmodel import SQLModel

from resolvers.models import (
    Account,
    ContractType,
    Country,
    Currency,
    CustomerGroup,
    Department,
    ExpenseCategory,
    ItemGroup,
    LeadSource,
    LeadStatus,
    PaymentMode,
    Role,
    Tax,
    TicketPriority,
    TicketService,
    TicketStatus,
)

CURRENCIES = [
    {"name": "USD", "symbol": "$", "is_default": True},
    {"name": "EUR", "symbol": "€", "placement": "after"},
    {"name": "GBP", "symbol": "£"},
    {"name": "AED", "symbol": "AED", "placement": "after"},
    {"name": "INR", "symbol": "₹"},
    {"name": "CAD", "symbol": "C$"},
    {"name": "AUD", "symbol": "A$"},
]
TAXES = [
    {"name": "VAT", "rate": Decimal("5.00")},
    {"name": "GST", "rate": Decimal("18.00")},
    {"name": "CGST", "rate": Decimal("9.00")},
    {"name": "SGST", "rate": Decimal("9.00")},
    {"name": "Sales Tax", "rate": Decimal("10.00")},
]
PAYMENT_MODES = [
    {"name": "Bank", "selected_by_default": True},
    {"name": "Cash"},
    {"name": "Credit card"},
    {"name": "PayPal"},
    {"name": "Stripe"},
]
LEAD_STATUSES = [
    {"name": "New", "status_order": 1, "is_default": True},
    {"name": "Contacted", "status_order": 2},
    {"name": "Qualified", "status_order": 3},
    {"name": "Proposal Sent", "status_order": 4},
    {"name": "Customer", "status_order": 1000, "color": "#7cb342"},
    {"name": "Lost", "status_order": 1001, "color": "#fc2d42"},
]
LEAD_SOURCES = [{"name": n} for n in ("Website", "Referral", "Ads", "Google", "Facebook", "Import")]
TICKET_STATUSES = [
    {"name": "Open", "status_order": 1, "is_default": True, "color": "#ff2d42"},
    {"name": "In progress", "status_order": 2, "color": "#22c55e"},
    {"name": "Answered", "status_order": 3, "color": "#2563eb"},
    {"name": "On Hold", "status_order": 4, "color": "#64748b"},
    {"name": "Closed", "status_order": 5, "color": "#03a9f4"},
]
TICKET_PRIORITIES = [{"name": n} for n in ("Low", "Medium", "High", "Urgent")]
TICKET_SERVICES = [{"name": n} for n in ("Installation", "Billing", "Technical")]
DEPARTMENTS = [{"name": n} for n in ("Sales", "Support", "Billing", "Development")]
ROLES = [
    {"name": "Administrator", "permissions": "*"},
    {
        "name": "Employee",
        "permissions": " ".join(
            f"{r}:{a}"
            for r in ("customers", "contacts", "leads", "tasks", "tickets", "projects", "notes")
            for a in ("get", "search", "create", "update")
        ),
    },
    {
        "name": "Accountant",
        "permissions": " ".join(
            f"{r}:{a}"
            for r in ("invoices", "payments", "estimates", "credit_notes", "expenses", "reports")
            for a in ("get", "search", "create", "update", "delete")
        )
        + " customers:get customers:search",
    },
]
CONTRACT_TYPES = [{"name": n} for n in ("Development", "Support", "Maintenance", "Consulting")]
ITEM_GROUPS = [{"name": n} for n in ("Services", "Hardware", "Software", "Hosting")]
EXPENSE_CATEGORIES = [
    {"name": "Hosting Management", "description": "Servers and storage"},
    {"name": "Office Supplies", "description": ""},
    {"name": "Travel", "description": ""},
    {"name": "Software", "description": "Licences and subscriptions"},
    {"name": "Marketing", "description": ""},
]
CUSTOMER_GROUPS = [{"name": n} for n in ("VIP", "Wholesale", "Retail", "Partners")]
ACCOUNTS = [{"name": "Main Bank Account", "number": "001"}, {"name": "Cash", "number": "002"}]


def countries() -> list[dict[str, Any]]:
    return [
        {
            "iso2": c.alpha_2,
            "iso3": c.alpha_3,
            "short_name": getattr(c, "common_name", c.name),
            "long_name": getattr(c, "official_name", c.name),
        }
        for c in pycountry.countries
    ]


REFERENCE: Sequence[tuple[type[SQLModel], Any]] = (
    (Currency, CURRENCIES),
    (Country, countries),
    (Tax, TAXES),
    (PaymentMode, PAYMENT_MODES),
    (LeadStatus, LEAD_STATUSES),
    (LeadSource, LEAD_SOURCES),
    (TicketStatus, TICKET_STATUSES),
    (TicketPriority, TICKET_PRIORITIES),
    (TicketService, TICKET_SERVICES),
    (Department, DEPARTMENTS),
    (Role, ROLES),
    (ContractType, CONTRACT_TYPES),
    (ItemGroup, ITEM_GROUPS),
    (ExpenseCategory, EXPENSE_CATEGORIES),
    (CustomerGroup, CUSTOMER_GROUPS),
    (Account, ACCOUNTS),
)
