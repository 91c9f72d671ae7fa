"""Reading customers."""

from __future__ import annotations

import strawberry

from resolvers.customers import CUSTOMERS, list_customers
from schema.fields import connection_field, record_field


@strawberry.type
class CustomerQuery:
    customer = record_field(CUSTOMERS)
    customers = connection_field(CUSTOMERS, list_customers)
