"""What a client writes on a payment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import strawberry

from schema.invoices.refs import Ref, names_of, service_data
from schema.optional import optional


@strawberry.input
class PaymentInput:
    amount: Decimal | None = optional("Required; at most the amount due.")
    date: dt.date | None = optional("Today when left out.")
    payment_mode_id: strawberry.ID | None = optional("An active PaymentMode.")
    payment_method: str | None = strawberry.UNSET
    transaction_id: str | None = strawberry.UNSET
    note: str | None = strawberry.UNSET


REFS = {"payment_mode_id": Ref("PaymentMode", key="payment_mode")}
NAMES = names_of(REFS)


def payment_data(input: PaymentInput) -> dict[str, Any]:
    return service_data(input, REFS)
