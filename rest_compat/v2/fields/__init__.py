"""v2's field names and reply shapes, one module per group of domains."""

from rest_compat.v2.fields.customers import (
    BATCH_IN,
    CUSTOMER_IN,
    CUSTOMER_JSON,
    customer,
)

__all__ = ["BATCH_IN", "CUSTOMER_IN", "CUSTOMER_JSON", "customer"]
