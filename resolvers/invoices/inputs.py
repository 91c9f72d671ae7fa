"""What a client may write on an invoice."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from resolvers.line_items import Tags
from resolvers.line_items.documents import NumberedFields
from resolvers.line_items.inputs import status_among
from resolvers.totals import DRAFT, UNPAID


class InvoiceFields(NumberedFields):
    """Every writable invoice field; updates send any subset. Figures, amount_due and
    the paid statuses are computed, never written."""

    due_date: dt.date | None = None
    # Unpaid (1) or Draft (6) on create; on update, 1 issues a draft. Checked by `_status`
    # in its own words (its codes are the document's).
    status: int | None = None
    subscription_id: int | None = None
    sale_agent_id: int | None = None
    # Payment mode ids the customer may pay with.
    allowed_payment_modes: list[int] | None = Field(default=None, max_length=50)
    cancel_overdue_reminders: bool | None = None
    # Repeat every `recurring` `recurring_type`s (Perfex: 1-12 months, or custom).
    recurring: int | None = Field(default=None, ge=0, le=365)
    recurring_type: Literal["day", "week", "month", "year"] | None = None
    cycles: int | None = Field(default=None, ge=0, le=10_000)
    tags: Tags = None

    _status = status_among(
        UNPAID, DRAFT, reason="only 1 (Unpaid) or 6 (Draft); the rest follow payments"
    )


class InvoiceCreate(InvoiceFields):
    customer_id: int
