"""Reading payments."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.payments import PAYMENTS, list_payments
from schema.fields import connection_field, record_field


@strawberry.type
class PaymentQuery:
    payment = record_field(PAYMENTS)
    payments = connection_field(PAYMENTS, list_payments, order=[Order("date")])
